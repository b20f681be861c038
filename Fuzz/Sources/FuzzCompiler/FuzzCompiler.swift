import FuzzSupport

@testable import ChouchaCore

/// The lexer, parser, resolver and checker through `Compiler.compile`, on files in memory: the
/// input is split into files at lines `%% PATH` (`Fuzz.files`); a `.csv` path is a table that
/// `引入`/`import` reads, any other a rule file. Checks the diagnostics' invariants, that the
/// output does not depend on the order the files are given in, and `fmt` on each rule file
/// (refused exactly on a syntax error, idempotent otherwise).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCompiler(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  let input = Fuzz.bytes(data, count)
  let files = Fuzz.files(input, first: "a.choucha")
  let rules = files.filter { !$0.path.hasSuffix(".csv") }
  var tables: [String: [UInt8]] = [:]
  for file in files where file.path.hasSuffix(".csv") { tables[file.path] = file.bytes }

  func compile(_ rules: [(path: String, bytes: [UInt8])]) -> Compilation {
    var sources = SourceMap()
    for file in rules { sources.add(path: file.path, bytes: file.bytes) }
    return Compiler.compile(sources, provider: MemoryFileProvider(files: tables))
  }
  let compilation = compile(rules)
  Fuzz.check(compilation.diagnostics, sources: compilation.sources, "compile")
  if rules.count > 1 {
    let reversed = compile(rules.reversed())
    let renderer = HumanRenderer(language: .en)
    Fuzz.expect(
      renderer.render(compilation.diagnostics, sources: compilation.sources)
        == renderer.render(reversed.diagnostics, sources: reversed.sources),
      "the diagnostics depend on the order of the files")
  }

  let keywords = [nil, Language.zh, .en][Int(Fuzz.hash(input) % 3)]
  for rule in rules {
    let file = SourceFile(id: 0, path: rule.path, bytes: rule.bytes)
    let hasErrors = Parser.parse(file).0.hasErrors
    switch RuleFormatter.format(file, keywords: keywords) {
    case .failure(.syntaxErrors):
      Fuzz.expect(hasErrors, "fmt refused \(rule.path), which has no syntax error")
    case .failure(.changedMeaning(let detail)):
      Fuzz.fail("fmt would change the meaning of \(rule.path): \(detail)")
    case .success(let once):
      Fuzz.expect(!hasErrors, "fmt formatted \(rule.path), which has syntax errors")
      guard case .success(let twice) = RuleFormatter.format(SourceFile(id: 0, path: rule.path, bytes: once), keywords: keywords) else {
        Fuzz.fail("fmt refused its own output for \(rule.path)")
      }
      Fuzz.expect(twice == once, "fmt is not idempotent on \(rule.path)")
    }
  }
  // The checklists `build` writes, from whatever plan there is (checked or not, as the LSP
  // would): every merged sheet lists each point once, numbered 1…n.
  if let plan = Planner.plan(compilation.program, year: nil) {
    let checklists = Checklists.make(compilation.program, plan)
    for sheet in checklists.sheets.values {
      let points = sheet.points
      Fuzz.expect(points.map(\.number) == points.indices.map { $0 + 1 }, "a merged sheet numbered with a gap")
      Fuzz.expect(Set(points.map { CheckPoint.normalised($0.point.text) }).count == points.count, "a point twice on a merged sheet")
    }
    _ = Documents.checklists(plan, checklists)
  }
  return 0
}
