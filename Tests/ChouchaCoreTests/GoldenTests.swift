import XCTest

@testable import ChouchaCore
@testable import ChouchaDraw

/// Data-driven tests: one folder per case under `Tests/Fixtures/check/`.
///
/// - `ok-…`: no diagnostic at all.
/// - `err-…`: at least one error; the rendered diagnostics equal `expected.txt` (Chinese) and
///   `expected.en.txt` when present.
/// - `warn-…`: warnings and no error; the same expected files.
///
/// Every `*.choucha` file of a case is one program; any other file can be imported by it. A case
/// is checked as `choucha check` checks it, results tables included (`Compiler.checkResults`); a
/// file `args` in a case gives it the options of `check` that reach beyond the rules, one per
/// line: `--as-of 2024-12-31` (the deadlines, E0911–E0917) and `--draw FILE` (a draw document of
/// the case's folder, in place of the one the rules import).
/// `BLESS=1 swift test` rewrites the expected files: review them with `git diff`.
final class GoldenTests: XCTestCase {
  static let fixtures = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

  static var bless: Bool { ProcessInfo.processInfo.environment["BLESS"] == "1" }

  func testCheckFixtures() throws {
    let directory = Self.fixtures.appendingPathComponent("check")
    let cases = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    XCTAssertGreaterThan(cases.count, 40)
    for name in cases {
      let folder = directory.appendingPathComponent(name)
      let compilation = try Self.check(folder: folder, displayPrefix: name)
      let diagnostics = compilation.diagnostics
      switch name.prefix(while: { $0 != "-" }) {
      case "ok":
        XCTAssertEqual(
          HumanRenderer(language: .zh).render(diagnostics, sources: compilation.sources), "",
          "\(name): an ok- case must produce no diagnostic")
        continue
      case "err":
        XCTAssertGreaterThan(diagnostics.errorCount, 0, "\(name): an err- case must produce an error")
      case "warn":
        XCTAssertEqual(diagnostics.errorCount, 0, "\(name): a warn- case must produce no error")
        XCTAssertGreaterThan(diagnostics.warningCount, 0, "\(name): a warn- case must produce a warning")
      default:
        XCTFail("\(name): case names start with ok-, err- or warn-")
      }
      for language in Language.allCases {
        let file = folder.appendingPathComponent(language == .zh ? "expected.txt" : "expected.en.txt")
        let actual = HumanRenderer(language: language).render(diagnostics, sources: compilation.sources)
        try Self.compare(actual, with: file, required: language == .zh, name: name)
      }
    }
  }

  /// `Tests/Fixtures/build/<case>/`: the rules check clean, and every document `build` writes
  /// equals `expected/<name>` byte for byte, and `expected/` holds no other file. The checklists
  /// are those of the case's points; a case whose rules import a draw (`引入 抽取`) is built with
  /// it, so its sheets are pinned too.
  func testBuildFixtures() throws {
    let directory = Self.fixtures.appendingPathComponent("build")
    let cases = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    XCTAssertGreaterThanOrEqual(cases.count, 3)
    for name in cases {
      let folder = directory.appendingPathComponent(name)
      let compilation = try Self.compile(folder: folder, displayPrefix: name)
      XCTAssertEqual(
        HumanRenderer(language: .zh).render(compilation.diagnostics, sources: compilation.sources), "",
        "\(name): build cases check clean")
      let plan = try XCTUnwrap(Planner.plan(compilation.program, year: nil), "\(name): no plan")
      let expected = folder.appendingPathComponent("expected")
      if Self.bless { try FileManager.default.createDirectory(at: expected, withIntermediateDirectories: true) }
      let documents = try Self.build(compilation, plan: plan, folder: folder)
      let names = Set(documents.map(\.name))
      for stale in try FileManager.default.contentsOfDirectory(atPath: expected.path) where !names.contains(stale) {
        if Self.bless { try FileManager.default.removeItem(at: expected.appendingPathComponent(stale)) } else {
          XCTFail("\(name)/expected/\(stale) is not written by build (BLESS=1 swift test to remove it)")
        }
      }
      for file in documents {
        let url = expected.appendingPathComponent(file.name)
        if Self.bless {
          try Data(file.bytes).write(to: url)
        } else {
          let actual = String(decoding: file.bytes, as: UTF8.self)
          let wanted = (try? Data(contentsOf: url)).map { String(decoding: $0, as: UTF8.self) }
          XCTAssertEqual(actual, wanted, "\(name)/\(file.name) differs (BLESS=1 swift test to update)")
        }
      }
    }
  }

  /// `Tests/Fixtures/draw/<case>/`: rules, `targets.csv` and `inspectors.csv`, drawn with the seed
  /// `fixture`. `ok-` cases pin `expected/draw.json`; `err-` cases pin their diagnostics; `warn-`
  /// cases draw, and pin both their warnings (`expected.txt`) and `expected/draw.json`.
  func testDrawFixtures() throws {
    let directory = Self.fixtures.appendingPathComponent("draw")
    for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() {
      let folder = directory.appendingPathComponent(name)
      let (result, diagnostics, sources) = try Self.draw(folder: folder, displayPrefix: name)
      let rendered = HumanRenderer(language: .zh).render(diagnostics, sources: sources)
      if name.hasPrefix("ok-") || name.hasPrefix("warn-") {
        if name.hasPrefix("ok-") {
          XCTAssertEqual(rendered, "", "\(name): an ok- draw has no diagnostic")
        } else {
          XCTAssertEqual(diagnostics.errorCount, 0, name)
          XCTAssertGreaterThan(diagnostics.count, 0, name)
          try Self.compare(rendered, with: folder.appendingPathComponent("expected.txt"), required: true, name: name)
        }
        let drawn = try XCTUnwrap(result, name)
        let expected = folder.appendingPathComponent("expected")
        if Self.bless { try FileManager.default.createDirectory(at: expected, withIntermediateDirectories: true) }
        try Self.compare(
          String(decoding: DrawDocument.json(drawn), as: UTF8.self), with: expected.appendingPathComponent("draw.json"),
          required: true, name: name)
      } else {
        XCTAssertNil(result, "\(name): an err- draw writes nothing")
        XCTAssertGreaterThan(diagnostics.errorCount, 0, name)
        try Self.compare(rendered, with: folder.appendingPathComponent("expected.txt"), required: true, name: name)
      }
    }
  }

  static func draw(folder: URL, displayPrefix: String) throws -> (Drawer.Result?, [Diagnostic], SourceMap) {
    var sources = SourceMap()
    sources.add(
      path: "\(displayPrefix)/input.choucha", relativePath: "input.choucha",
      bytes: [UInt8](try Data(contentsOf: folder.appendingPathComponent("input.choucha"))))
    let compilation = Compiler.compile(sources, provider: MemoryFileProvider(files: [:]))
    XCTAssertFalse(compilation.hasErrors, displayPrefix)
    let plan = try XCTUnwrap(Planner.plan(compilation.program, year: nil))
    var tables = compilation.sources
    let targets = tables.add(
      path: "\(displayPrefix)/targets.csv", bytes: [UInt8](try Data(contentsOf: folder.appendingPathComponent("targets.csv"))))
    let inspectors = tables.add(
      path: "\(displayPrefix)/inspectors.csv",
      bytes: [UInt8](try Data(contentsOf: folder.appendingPathComponent("inspectors.csv"))))
    let (result, diagnostics) = Drawer.run(Drawer.spec(plan, seed: "fixture"), targets: targets, inspectors: inspectors)
    let coverage = result.map(Drawer.coverageFindings) ?? []
    return (result, (diagnostics + coverage).sortedForDisplay(tables), tables)
  }

  /// Every code in the catalog fires in at least one fixture: the table's codes are a contract.
  func testEveryCodeHasAFailingFixture() throws {
    let directory = Self.fixtures.appendingPathComponent("check")
    var seen = Set<String>()
    for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
      let compilation = try Self.check(folder: directory.appendingPathComponent(name), displayPrefix: name)
      seen.formUnion(compilation.diagnostics.map(\.code.rawValue))
    }
    let draws = Self.fixtures.appendingPathComponent("draw")
    for name in try FileManager.default.contentsOfDirectory(atPath: draws.path) {
      seen.formUnion(try Self.draw(folder: draws.appendingPathComponent(name), displayPrefix: name).1.map(\.code.rawValue))
    }
    for name in try ImportTests.cases() {
      seen.formUnion(try ImportTests.run(name).diagnostics.map(\.code.rawValue))
    }
    for code in DiagnosticCode.allCases {
      XCTAssertTrue(seen.contains(code.rawValue), "no fixture produces \(code.rawValue)")
    }
  }

  // MARK: - Harness

  /// What `build` writes for a case: the plan's documents, its checklists and, when the rules
  /// import a draw, the sheets of that draw (read from the case's folder).
  static func build(_ compilation: Compilation, plan: AnnualPlan, folder: URL) throws -> [Documents.File] {
    let checklists = Checklists.make(compilation.program, plan)
    var sheets: (made: Sheets.Made, draw: DrawnVisits)?
    if let site = compilation.program.drawImports.first {
      let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(site.path.value)))
      let visits = try bytes.withUnsafeBufferPointer { try DrawDocument.visits($0).get() }
      sheets = (try Sheets.make(plan, checklists, visits).get(), visits)
    }
    // `args`: `--as-of DATE`, as `build --as-of` takes it.
    var asOf: Day?
    let args = folder.appendingPathComponent("args")
    if FileManager.default.fileExists(atPath: args.path) {
      let words = try String(contentsOf: args, encoding: .utf8).split(whereSeparator: \.isWhitespace)
      XCTAssertEqual(words.first, "--as-of", "\(folder.lastPathComponent)/args: only --as-of DATE")
      asOf = try XCTUnwrap(words.last.flatMap { Day(parsing: $0) }, "\(folder.lastPathComponent)/args: not a date")
    }
    return Documents.build(plan, checklists: checklists, sheets: sheets)
      + ResultDocuments.build(compilation.program, plan, asOf: asOf)
  }

  /// A check case as `choucha check` sees it: compiled, then its results checked with the options
  /// of its `args` file (`--as-of DATE`, `--draw FILE`).
  static func check(folder: URL, displayPrefix: String) throws -> Compilation {
    var compilation = try compile(folder: folder, displayPrefix: displayPrefix)
    var asOf: Day?
    var draw: DrawnVisits?
    let args = folder.appendingPathComponent("args")
    if FileManager.default.fileExists(atPath: args.path) {
      for line in try String(contentsOf: args, encoding: .utf8).split(separator: "\n") {
        let words = line.split(separator: " ")
        guard words.count == 2 else { throw CocoaError(.fileReadCorruptFile) }
        switch words[0] {
        case "--as-of": asOf = try XCTUnwrap(Day(parsing: words[1]), "\(displayPrefix)/args: not a date")
        case "--draw":
          let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(String(words[1]))))
          draw = try bytes.withUnsafeBufferPointer { try DrawDocument.visits($0).get() }
        default: XCTFail("\(displayPrefix)/args: unknown option \(words[0])")
        }
      }
    }
    var files: [String: [UInt8]] = [:]
    for entry in try FileManager.default.contentsOfDirectory(atPath: folder.path) where !entry.hasSuffix(".choucha") {
      files[entry] = [UInt8](try Data(contentsOf: folder.appendingPathComponent(entry)))
    }
    switch Compiler.checkResults(compilation, provider: MemoryFileProvider(files: files), draw: draw, asOf: asOf) {
    case .diagnostics(let more):
      compilation.diagnostics = (compilation.diagnostics + more).sortedForDisplay(compilation.sources)
    case .drawMismatch(let problem):
      XCTFail("\(displayPrefix): the --draw of args does not go with the rules: \(problem.message.en)")
    }
    return compilation
  }

  static func compile(folder: URL, displayPrefix: String) throws -> Compilation {
    var sources = SourceMap()
    var files: [String: [UInt8]] = [:]
    for entry in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    where !entry.hasPrefix("expected") {
      let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(entry)))
      if entry.hasSuffix(".choucha") {
        sources.add(path: "\(displayPrefix)/\(entry)", relativePath: entry, bytes: bytes)
      } else {
        files[entry] = bytes
      }
    }
    return Compiler.compile(sources, provider: MemoryFileProvider(files: files))
  }

  static func compare(_ actual: String, with file: URL, required: Bool, name: String) throws {
    let exists = FileManager.default.fileExists(atPath: file.path)
    if bless {
      if exists || required { try Data(actual.utf8).write(to: file) }
      return
    }
    guard exists else {
      if required { XCTFail("\(name): \(file.lastPathComponent) is missing; run BLESS=1 swift test") }
      return
    }
    let expected = try String(contentsOf: file, encoding: .utf8)
    XCTAssertEqual(actual, expected, "\(name): output differs from \(file.lastPathComponent) (BLESS=1 swift test to update)")
  }
}
