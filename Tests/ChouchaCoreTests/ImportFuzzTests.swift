import Foundation
import XCTest

@testable import ChouchaCore
@testable import ChouchaDraw

extension FuzzTests {
  /// Mutated sheets (the import fixtures, real tables among them) never crash `import`, every
  /// diagnostic stays inside the table, and whatever a sheet says, the source written for it
  /// reads in `check` without a syntax error and is left as it is by `fmt`.
  func testFuzzSheetImports() throws {
    let folder = ImportTests.directory
    let sheets = try ImportTests.cases().filter { !$0.hasPrefix("err-") }.map {
      [UInt8](try Data(contentsOf: folder.appendingPathComponent("\($0)/input.csv")))
    } + [Self.syntheticItemTable]
    XCTAssertGreaterThan(sheets.count, 10)
    fuzz("sheet imports", salt: 0x5EE7_1A9_0) { iteration, random in
      let base = random.below(sheets.count)
      var mutator = Mutator(bytes: sheets[base], fragments: Mutator.sheetFragments)
      let count = random.chance(80) ? 1 + random.below(3) : 1 + random.below(12)
      for _ in 0..<count { mutator.mutate(&random) }
      let table = mutator.bytes
      let kind: SheetImporter.Kind = random.chance(80) ? .items : .authorities
      let keywords: Language = random.chance(50) ? .zh : .en
      let department = random.chance(20) ? "SCJG" : nil
      let description = "sheet #\(base) as \(kind.rawValue), \(keywords.rawValue) keywords, mutated: \(mutator.log.joined(separator: "; "))"
      return Case(description: description, files: [("t.csv", table)]) {
        let options = SheetImporter.Options(kind: kind, department: department, keywords: keywords)
        let result = SheetImporter.run(path: "t.csv", bytes: table, options: options)
        let size = result.sources[0].bytes.count
        for diagnostic in result.diagnostics {
          Expect.that(
            diagnostic.span.file == 0 && diagnostic.span.end <= size,
            "\(diagnostic.code.rawValue) at \(diagnostic.span.start)..<\(diagnostic.span.end) is outside the table (\(size) bytes)")
        }
        _ = HumanRenderer(language: .zh).render(result.diagnostics, sources: result.sources)
        guard result.diagnostics.errorCount == 0 else {
          Expect.that(result.source.isEmpty, "errors, yet a source was written")
          return
        }
        // The generated source parsed (else it is an internal error, and nothing is written).
        Expect.that(result.internalError == nil, "internal error: \(result.internalError?.detail ?? "")")
        Expect.that(!result.source.isEmpty, "no error, yet nothing was written")
        let compilation = Compiler.compile(texts: [("imported.choucha", result.source)])
        let syntax = compilation.diagnostics.filter { $0.code.rawValue.hasPrefix("E00") }
        Expect.that(
          syntax.isEmpty,
          "the imported source has syntax errors:\n\(HumanRenderer(language: .en).render(syntax, sources: compilation.sources))")
        // And it is in fmt's layout: `fmt` leaves it as written (check points and comments included).
        if case .success(let formatted) = RuleFormatter.format(SourceFile(id: 0, path: "imported.choucha", text: result.source)) {
          Expect.that(formatted == Array(result.source.utf8), "fmt changes the imported source")
        }
      }
    }
  }
}

extension Mutator {
  /// Pieces that matter to the sheet importer: headings, cell forms, and what would break the
  /// rule source written from them (quotes, braces, comment marks, keywords).
  static let sheetFragments: [[UInt8]] =
    tableFragments
    + ["序号", "抽查事项", "抽查子项", "检查主体", "抽查比例", "抽查频次", "检查对象", "检查方式", "事项类别", "抽查依据",
       "A3% B4% C5% D6%", "10-20%", "不低于3%", "1—2次/年", ">=1", "每年2次", "\n2、", "《》", "》(", ")", "#", "{", "}",
       "\\", "“", "”", "部门", "内容", "事项", "至", "工作日", "..", "\u{2028}", "\u{85}", "一般检查事项", "现场检查",
       "权责事项编码", "/", "—", "、JC-002", "（新增）", "(", "《X》", "..", " 5", "1,200户", "\n监督检查", "（1）", "抽查比例(%)",
       "抽查内容", "是否", "有无", "；是否", "。是否", "（2）", "(3)", "1.", "\n2.", "2、", "①", "②", "“", "\"\"", "；；"].map { Array($0.utf8) }
}
