import XCTest

@testable import ChouchaCore
@testable import ChouchaDraw

/// Every diagnostic code has one explanation, and its examples do what they claim: the wrong one
/// produces the code, the fixed one neither the code nor any error.
final class ExplanationTests: XCTestCase {
  /// The tables the import examples read.
  static let files: [String: String] = [
    "authorities.csv": """
      事项编码,事项名称,事项类型,实施主体,设定依据
      130102-JC-009,对某事项的监督检查,行政检查,区市场监督管理局,《中华人民共和国食品安全法》第一百一十条

      """,
    "bad.csv": "事项编码,事项名称\n1,x\n",
  ]

  static func compile(_ text: String) -> Compilation {
    Compiler.compile(texts: [("example.choucha", Explanation.prelude + text)], files: Self.files)
  }

  /// The draw's codes (07xx) are about the directories: their examples are inspector directories,
  /// drawn for one item of the prelude's market regulator against one restaurant.
  static let drawRules = """
    事项 SP-01 "食品经营者检查" { 部门 SCJG; 权责 130102-JC-001; 依据 食品安全法 "第一百一十条"; 类别 一般; 对象 餐饮服务经营者; 方式 实地检查; 比例 100%; 频次 1 }

    """
  static let drawTargets = "统一社会信用代码,名称,行业,标签,信用风险分类\n91130102MA00000001,长安区某餐馆,餐饮服务,餐饮服务经营者,A\n"

  static let drawInspectors = "工号,姓名,部门,执法证号,专长,回避\nE01,王伟,SCJG,130102001,,\nE02,李芳,SCJG,130102002,,\n"

  /// The results' codes from E0903 on: their examples are results tables (`ResultExamples`) of
  /// the one task of `drawRules`, under a plan with 处置时限, 最低覆盖率 and 企业基数, tied to a
  /// draw of its two entities and checked as of 2024-12-31, as `check --as-of` does.
  static func resultDiagnostics(_ table: String) -> [Diagnostic] {
    let plan = "计划 2024 \"2024年抽查工作计划\" { 期间 2024-03-01 .. 2024-11-30 }\n"
    let resultsPlan =
      "计划 2024 \"2024年抽查工作计划\" { 期间 2024-03-01 .. 2024-11-30; 处置时限 20 工作日; 最低覆盖率 5%; 企业基数 40 }\n"
    let source = Explanation.prelude.replacingOccurrences(of: plan, with: resultsPlan) + drawRules + "引入 结果 \"results.csv\"\n"
    let compilation = Compiler.compile(texts: [("example.choucha", source)], files: Self.files.merging(["results.csv": table]) { $1 })
    let visits = DrawnVisits(
      year: 2024, seed: "example", seedHash: "", sha256: "",
      tasks: [
        .init(
          id: "2024-S-SP-01", field: "tasks[0]",
          visits: [
            .init(code: "91130102MA00000001", name: "长安区某餐馆", riskClass: "A", inspectors: []),
            .init(code: "91130102MA00000002", name: "长安区另一餐馆", riskClass: "A", inspectors: []),
          ])
      ])
    guard case .diagnostics(let more) = Compiler.checkResults(
      compilation, provider: MemoryFileProvider(files: [:]), draw: visits, asOf: Day(year: 2024, month: 12, day: 31))
    else { return compilation.diagnostics }
    return compilation.diagnostics + more
  }

  /// The diagnostics of an example: compiled, for the draw's codes drawn, for `import`'s imported.
  static func diagnostics(_ explanation: Explanation, _ text: String) -> [Diagnostic] {
    // E0910 is about the monthly report declaration: its examples are rule source.
    if explanation.code == .E0910 { return compile(text).diagnostics }
    if explanation.code.rawValue.dropFirst().hasPrefix("09"), explanation.code.rawValue.dropFirst() >= "0903" {
      return resultDiagnostics(text)
    }
    // E0803 is about the plan's max-points: its examples bring their plan, in place of the prelude's.
    if explanation.code == .E0803 {
      let plan = "计划 2024 \"2024年抽查工作计划\" { 期间 2024-03-01 .. 2024-11-30 }\n"
      let source = Explanation.prelude.replacingOccurrences(of: plan, with: "") + text
      return Compiler.compile(texts: [("example.choucha", source)], files: Self.files).diagnostics
    }
    // The results codes (09xx): the examples are results tables, imported by rules with one
    // item of the prelude's market regulator (task 2024-S-SP-01).
    if explanation.code.rawValue.dropFirst().hasPrefix("09") {
      var files = Self.files
      files["results.csv"] = text
      return Compiler.compile(
        texts: [("example.choucha", Explanation.prelude + drawRules + "引入 结果 \"results.csv\"\n")], files: files
      ).diagnostics
    }
    if SheetImporter.codes.contains(explanation.code) {
      // choucha import's codes: the examples are sheets, imported as item lists.
      return SheetImporter.run(path: "sheet.csv", bytes: Array(text.utf8), options: .init(kind: .items)).diagnostics
    }
    guard explanation.code.rawValue.dropFirst().hasPrefix("07") else { return compile(text).diagnostics }
    // W0703 is about the rules (a count above the population): its examples are items, drawn
    // with two officers; the other draw codes' examples are inspector directories.
    let rulesExample = explanation.code == .W0703
    // W0704 is about the plan (its minimum coverage and base): its examples are the plan, in
    // place of the prelude's, for the one-item draw.
    if explanation.code == .W0704 {
      let plan = "计划 2024 \"2024年抽查工作计划\" { 期间 2024-03-01 .. 2024-11-30 }\n"
      let source = Explanation.prelude.replacingOccurrences(of: plan, with: text) + drawRules
      let compilation = Compiler.compile(texts: [("example.choucha", source)], files: Self.files)
      guard !compilation.hasErrors, let plan = Planner.plan(compilation.program, year: nil) else { return compilation.diagnostics }
      var sources = compilation.sources
      let targets = sources.add(path: "targets.csv", bytes: Array(drawTargets.utf8))
      let inspectors = sources.add(path: "inspectors.csv", bytes: Array(drawInspectors.utf8))
      let (result, diagnostics) = Drawer.run(Drawer.spec(plan, seed: "example"), targets: targets, inspectors: inspectors)
      return diagnostics + (result.map(Drawer.coverageFindings) ?? [])
    }
    let compilation = compile(rulesExample ? text : drawRules)
    guard !compilation.hasErrors, let plan = Planner.plan(compilation.program, year: nil) else { return compilation.diagnostics }
    var sources = compilation.sources
    let targets = sources.add(path: "targets.csv", bytes: Array(drawTargets.utf8))
    let inspectors = sources.add(path: "inspectors.csv", bytes: Array((rulesExample ? drawInspectors : text).utf8))
    return Drawer.run(Drawer.spec(plan, seed: "example"), targets: targets, inspectors: inspectors).1
  }

  func describe(_ compilation: Compilation) -> String {
    compilation.diagnostics.map { "\($0.code.rawValue) \($0.message.zh)" }.joined(separator: "\n")
  }

  func testEveryCodeHasExactlyOneExplanation() {
    for code in DiagnosticCode.allCases {
      let count = Explanation.catalog.filter { $0.code == code }.count
      XCTAssertEqual(count, 1, "\(code.rawValue) has \(count) explanations")
      XCTAssertNotNil(Explanation.of(code))
    }
    XCTAssertEqual(Explanation.catalog.count, DiagnosticCode.allCases.count)
  }

  /// Sorted by number, as `DiagnosticCode` declares its cases (and `choucha explain` lists them):
  /// W0205 sits between E0204 and W0206, in its family, not after every `E` code.
  func testCatalogIsSortedByCode() {
    XCTAssertEqual(Explanation.catalog.map(\.code), DiagnosticCode.allCases)
    let numbers = Explanation.catalog.map { $0.code.rawValue.dropFirst() }
    XCTAssertEqual(numbers, numbers.sorted())
  }

  func testTextsAreFilledInBothLanguages() {
    for explanation in Explanation.catalog {
      let code = explanation.code.rawValue
      XCTAssertFalse(explanation.meaning.zh.isEmpty, "\(code): Chinese text missing")
      XCTAssertFalse(explanation.meaning.en.isEmpty, "\(code): English text missing")
      // A source: the grammar, or quoted clauses of documents, in both languages.
      XCTAssertEqual(explanation.source.zh.isEmpty, explanation.source.en.isEmpty, "\(code): source in one language only")
      XCTAssertFalse(explanation.sourceLines(.zh).isEmpty, "\(code): no source")
      for citation in explanation.citations {
        XCTAssertFalse(citation.quote.isEmpty || citation.gist.isEmpty, "\(code): \(citation.document.key) quoted in one language only")
      }
      XCTAssertFalse(explanation.wrong.isEmpty, "\(code): no wrong example")
      XCTAssertNotEqual(explanation.wrong, explanation.fixed, "\(code): wrong and fixed are the same")
      XCTAssertTrue(explanation.rendered(.zh).contains(code))
      XCTAssertTrue(explanation.rendered(.en).contains(code))
    }
  }

  func testPreludeAloneHasNoErrors() {
    let compilation = Self.compile("")
    XCTAssertFalse(compilation.hasErrors, describe(compilation))
  }

  func testWrongExamplesProduceTheirCode() {
    for explanation in Explanation.catalog {
      let diagnostics = Self.diagnostics(explanation, explanation.wrong)
      XCTAssertTrue(
        diagnostics.contains { $0.code == explanation.code },
        "\(explanation.code.rawValue): the wrong example does not produce it; it produces:\n\(diagnostics.map(\.code.rawValue))")
    }
  }

  func testFixedExamplesAreClean() {
    for explanation in Explanation.catalog {
      let diagnostics = Self.diagnostics(explanation, explanation.fixed)
      XCTAssertFalse(
        diagnostics.contains { $0.code == explanation.code },
        "\(explanation.code.rawValue): the fixed example still produces it:\n\(diagnostics.map(\.code.rawValue))")
      XCTAssertEqual(
        diagnostics.errorCount, 0,
        "\(explanation.code.rawValue): the fixed example has errors:\n\(diagnostics.map(\.code.rawValue))")
    }
  }
}
