import XCTest

@testable import ChouchaCore
@testable import ChouchaDraw

/// `choucha import`: golden cases under `Tests/Fixtures/import/` (every real table of
/// `../shared/data/realworld/` among them), the cell parsers form by form, and an authority list
/// and an item list imported together into rules that check clean.
final class ImportTests: XCTestCase {
  static let directory = GoldenTests.fixtures.appendingPathComponent("import")

  /// The options a case's `args` file gives (`items --department FGJ --keywords en`).
  static func options(_ folder: URL) throws -> SheetImporter.Options {
    let text = (try? String(contentsOf: folder.appendingPathComponent("args"), encoding: .utf8)) ?? "items"
    var words = text.split(whereSeparator: \.isWhitespace).map(String.init)[...]
    let kind = try XCTUnwrap(SheetImporter.Kind(rawValue: words.removeFirst()))
    var options = SheetImporter.Options(kind: kind)
    while let option = words.popFirst() {
      let value = try XCTUnwrap(words.popFirst(), "\(option) needs a value")
      switch option {
      case "--department": options.department = value
      case "--prefix": options.prefix = value
      case "--keywords": options.keywords = try XCTUnwrap(Language(rawValue: value))
      default: XCTFail("unknown option \(option) in \(folder.lastPathComponent)/args")
      }
    }
    return options
  }

  static func run(_ name: String) throws -> SheetImporter.Result {
    let folder = directory.appendingPathComponent(name)
    let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent("input.csv")))
    return SheetImporter.run(path: "\(name)/input.csv", bytes: bytes, options: try options(folder))
  }

  static func cases() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { !$0.hasSuffix(".md") }.sorted()
  }

  /// The codes `check` reports on an imported file alone, with counts: `E0201 ×3`.
  static func checkSummary(_ source: String) -> (String, Compilation) {
    let compilation = Compiler.compile(texts: [("imported.choucha", source)])
    var counts: [String: Int] = [:]
    for diagnostic in compilation.diagnostics { counts[diagnostic.code.rawValue, default: 0] += 1 }
    let lines = counts.keys.sorted().map { "\($0) ×\(counts[$0]!)" }
    return (lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n"), compilation)
  }

  func testImportFixtures() throws {
    let cases = try Self.cases()
    XCTAssertGreaterThanOrEqual(cases.count, 20)
    for name in cases {
      let folder = Self.directory.appendingPathComponent(name)
      let result = try Self.run(name)
      let rendered = HumanRenderer(language: .zh).render(result.diagnostics, sources: result.sources)
      switch name.prefix(while: { $0 != "-" }) {
      case "ok": XCTAssertEqual(rendered, "", "\(name): an ok- case has no diagnostic")
      case "warn":
        XCTAssertEqual(result.diagnostics.errorCount, 0, "\(name): a warn- case has no error\n\(rendered)")
        XCTAssertGreaterThan(result.diagnostics.warningCount, 0, "\(name): a warn- case warns")
      case "err":
        XCTAssertGreaterThan(result.diagnostics.errorCount, 0, "\(name): an err- case has an error")
        XCTAssertEqual(result.source, "", "\(name): nothing is written on errors")
      default: XCTFail("\(name): case names start with ok-, warn- or err-")
      }
      try GoldenTests.compare(rendered, with: folder.appendingPathComponent("expected.txt"), required: !name.hasPrefix("ok-"), name: name)
      for diagnostic in result.diagnostics {
        XCTAssertLessThan(diagnostic.span.start, max(1, result.sources[0].bytes.count + 1), "\(name): located in the table")
      }
      guard !name.hasPrefix("err-") else { continue }
      try GoldenTests.compare(result.source, with: folder.appendingPathComponent("expected.choucha"), required: true, name: name)

      // check reads it without a syntax error; what it does report is pinned.
      let (summary, compilation) = Self.checkSummary(result.source)
      let syntax = compilation.diagnostics.filter { $0.code.rawValue.hasPrefix("E00") }
      XCTAssertEqual(syntax.map(\.code), [], "\(name): \(HumanRenderer(language: .zh).render(syntax, sources: compilation.sources))")
      try GoldenTests.compare(summary, with: folder.appendingPathComponent("expected-check.txt"), required: true, name: name)

      // What import writes is already in fmt's canonical layout.
      if case .success(let formatted) = RuleFormatter.format(SourceFile(id: 0, path: name, text: result.source)), formatted != Array(result.source.utf8) {
        XCTFail("\(name): import's output is not formatted; first difference at line \(FormatTests.firstDifferentLine(Array(result.source.utf8), formatted))")
      }

      // The same sheet gives the same bytes.
      XCTAssertEqual(try Self.run(name).source, result.source, "\(name): not deterministic")
    }
  }

  /// A warning for a cell names the row the cell is on, and the column.
  func testCellWarningsNameTheirRowAndColumn() throws {
    for name in try Self.cases() {
      let result = try Self.run(name)
      let rows = Set(CSVReader.read(result.sources[0]).rows.dropFirst().map(\.line))
      for diagnostic in result.diagnostics where diagnostic.code == .W0603 {
        XCTAssertTrue(diagnostic.message.zh.hasPrefix("第 "), "\(name): \(diagnostic.message.zh)")
        let row = Int(diagnostic.message.zh.dropFirst(2).prefix { $0.isNumber }) ?? 0
        XCTAssertTrue(rows.contains(row), "\(name): row \(row) is not a row of the table: \(diagnostic.message.zh)")
        XCTAssertTrue(diagnostic.message.zh.contains("“"), "\(name): the column is named: \(diagnostic.message.zh)")
      }
    }
    // The joint list of 武汉开发区: 10-20% (row 2) and 60-70家 (row 3) are ranges.
    let whkfq = try Self.run("warn-joint_items_whkfq_2022_excerpt")
    let cells = whkfq.diagnostics.filter { $0.code == .W0603 }.map(\.message.zh)
    XCTAssertEqual(cells.count, 2, cells.joined(separator: "\n"))
    XCTAssertTrue(cells[0].hasPrefix("第 2 行“抽查比例”的“10-20%”"), cells[0])
    XCTAssertTrue(cells[1].hasPrefix("第 3 行“抽查比例”的“60-70家”"), cells[1])
    XCTAssertTrue(whkfq.source.contains("  # 抽查比例：10-20%\n"))
    XCTAssertTrue(whkfq.source.contains("  # 抽查比例：60-70家\n"))
  }

  // MARK: - Together

  /// An authority list and an item list imported into one repository check clean: the items
  /// cite the imported laws and departments by title (`--rules`) and their powers by code.
  func testAuthoritiesAndItemsImportedTogetherCheckClean() throws {
    let plan = """
      计划 2024 "2024年抽查工作计划" { 期间 2024-03-01 .. 2024-11-30 }
      日历 2024 { 节假日 2024-10-01 .. 2024-10-07; 补班 2024-09-29, 2024-10-12 }

      """
    let authorities = """
      事项编码,事项名称,事项类型,实施主体,设定依据
      130102-JC-001,对食品经营者的监督检查,行政检查,区市场监督管理局,《中华人民共和国食品安全法》第一百一十条
      130102-JC-002,对特种设备使用单位的监督检查,行政检查,区市场监督管理局,《特种设备安全法》第五十七条

      """
    let items = """
      序号,抽查事项,权责事项编码,检查对象,事项类别,检查方式,检查主体,抽查依据,抽查比例,抽查频次
      1,食品经营者监督检查,130102-JC-001,食品经营者,重点检查事项,现场检查,区市场监督管理局,《食品安全法》第一百一十条,A3% B5% C10% D20%,每年2次
      2,特种设备使用单位监督检查,130102-JC-002,特种设备使用单位,一般检查事项,现场检查、书面检查,区市场监督管理局,《中华人民共和国特种设备安全法》第五十七条,不低于5%,1次/年

      """
    let first = SheetImporter.run(path: "authorities.csv", bytes: Array(authorities.utf8), options: .init(kind: .authorities))
    XCTAssertEqual(first.diagnostics.errorCount, 0)
    // The laws' dates are placeholders (W0605); here they are set as a person would.
    let declared = first.source.replacingOccurrences(of: "1900-01-01", with: "2015-10-01")
    let repository = Compiler.compile(texts: [("plan.choucha", plan), ("authorities.choucha", declared)])
    let second = SheetImporter.run(
      path: "items.csv", bytes: Array(items.utf8),
      options: .init(kind: .items, departments: repository.program.departments, laws: repository.program.laws))
    XCTAssertEqual(second.diagnostics.map(\.code), [], HumanRenderer(language: .zh).render(second.diagnostics, sources: second.sources))
    XCTAssertFalse(second.source.contains("法规 "), "laws already declared are cited, not declared again:\n\(second.source)")
    XCTAssertFalse(second.source.contains("部门 区市场监督管理局 \""), second.source)
    let together = Compiler.compile(texts: [
      ("plan.choucha", plan), ("authorities.choucha", declared), ("items.choucha", second.source),
    ])
    // Clean but for the placeholders still marked to verify (W0607), which check keeps showing.
    let remaining = together.diagnostics.filter { $0.code != .W0607 }
    XCTAssertEqual(
      HumanRenderer(language: .zh).render(remaining, sources: together.sources), "",
      "imported rules check clean:\n\(second.source)")
    XCTAssertGreaterThan(together.diagnostics.count, remaining.count, "the placeholders are reported")
    XCTAssertTrue(second.source.contains("比例 { A 3%  B 5%  C 10%  D 20% }"), second.source)
    XCTAssertTrue(second.source.contains("比例 5%  # 不低于5%"), second.source)
  }

  /// 定州's 发改 items imported into `Rules/` (`--rules Rules --department FGJ`): the laws of
  /// `Rules/laws.choucha` are cited, not declared again, each item is linked to the inspection
  /// power of 发改局 that cites the same article, and the repository then lacks only the ratios
  /// the sheet does not give.
  func testItemsImportedIntoARepositoryLinkToItsPowers() throws {
    let repository = try Repository.load(FuzzTests.root.appendingPathComponent("Rules"))
    let rules = repository.compile(repository.ruleFiles)
    XCTAssertEqual(rules.diagnostics.errorCount, 0)
    let bytes = [UInt8](try Data(contentsOf: Self.directory.appendingPathComponent("warn-inspection_items_dingzhou_hebei_2024_excerpt/input.csv")))
    let result = SheetImporter.run(
      path: "dingzhou.csv", bytes: bytes,
      options: .init(
        kind: .items, department: "FGJ", prefix: "DZ", departments: rules.program.departments, laws: rules.program.laws,
        authorities: rules.program.authorities))
    XCTAssertEqual(result.diagnostics.errorCount, 0)
    let linked = { (code: String) in
      result.source.split(separator: "\n").filter { $0.hasPrefix("  权责 \(code) ") && $0.hasSuffix("  # 待核实：按法律依据对应") }.count
    }
    XCTAssertEqual(linked("130102-JC-041"), 3, result.source)
    XCTAssertEqual(linked("130102-JC-042"), 1, result.source)
    XCTAssertFalse(result.source.contains("130102-JC-043"), "an exempt power is never linked")
    XCTAssertFalse(result.source.contains("法规 政府投资条例 "), "Rules/ declares it already")
    XCTAssertTrue(result.source.contains("法规 河北省政府投资管理办法 "), "Rules/ does not declare it")
    let together = repository.compile(repository.ruleFiles + [("dingzhou.choucha", Array(result.source.utf8))])
    XCTAssertEqual(
      together.diagnostics.map(\.code).filter { $0 != .W0607 }, Array(repeating: .E0304, count: 4),
      HumanRenderer(language: .zh).render(together.diagnostics, sources: together.sources))
  }

  /// Without a 序号 column a row continues the one above only when its item is empty: an empty
  /// ratio is not taken from the row above.
  func testWithoutSequenceNumbersOnlyAnEmptyItemContinues() {
    let sheet = """
      抽查事项,抽查子项,检查对象,事项类别,检查方式,检查主体,抽查比例,抽查频次
      甲事项,,食品经营者,一般检查事项,现场检查,区市场监督管理局,5%,1次/年
      乙事项,,食品经营者,一般检查事项,现场检查,区市场监督管理局,,1次/年
      ,子项,,,,,,

      """
    let result = SheetImporter.run(path: "t.csv", bytes: Array(sheet.utf8), options: .init(kind: .items))
    XCTAssertEqual(result.diagnostics.errorCount, 0)
    let items = Compiler.compile(texts: [("t.choucha", result.source)]).program.items
    XCTAssertEqual(items.map(\.header.id.value), ["SX-1", "SX-2", "SX-3"])
    XCTAssertEqual(items.map { $0.header.title?.value }, ["甲事项", "乙事项", "乙事项：子项"])
    XCTAssertEqual(items.map { $0.sampling == nil }, [false, true, true], result.source)
    XCTAssertEqual(items[2].objects.map(\.value), ["食品经营者"], "the continuation row takes the item's cells")
  }

  /// The two readers of an authority table agree: `Rules/authorities/*.csv` turned into source by
  /// `import authorities --rules` give the same powers as `引入 权责` reads from them.
  func testImportedAuthoritiesEqualTheImportDeclaration() throws {
    let repository = try Repository.load(FuzzTests.root.appendingPathComponent("Rules"))
    let reference = repository.compile(repository.ruleFiles)
    let withoutImports = repository.ruleFiles.filter { $0.path != "imports.choucha" }
    let base = repository.compile(withoutImports)
    var generated: [(path: String, bytes: [UInt8])] = []
    for name in ["fgj", "nyj"] {
      let result = SheetImporter.run(
        path: "\(name).csv", bytes: try XCTUnwrap(repository.tables["authorities/\(name).csv"]),
        options: .init(kind: .authorities, departments: base.program.departments, laws: base.program.laws))
      XCTAssertEqual(result.diagnostics.map(\.code), [], HumanRenderer(language: .zh).render(result.diagnostics, sources: result.sources))
      generated.append(("authorities/\(name).choucha", Array(result.source.utf8)))
    }
    let imported = repository.compile(withoutImports + generated)
    XCTAssertEqual(HumanRenderer(language: .zh).render(imported.diagnostics, sources: imported.sources), "")
    func describe(_ program: Program) -> [String] {
      program.authorities.map { authority in
        let bases = authority.bases.map { "\($0.law.value) \($0.article?.value ?? "-")" }.joined(separator: "; ")
        return [
          authority.header.id.value, authority.header.title?.value ?? "", authority.kind.map { "\($0.value)" } ?? "",
          authority.department?.value ?? "", bases, authority.exempt?.value ?? "",
        ].joined(separator: " | ")
      }.sorted()
    }
    XCTAssertEqual(describe(imported.program).filter { $0.contains("石家庄市长安区") || $0.contains("| FGJ |") || $0.contains("| NYJ |") }.count, 7)
    XCTAssertEqual(describe(imported.program), describe(reference.program))
  }

  /// A frequency stated twice, differently, keeps the column's and warns about the other.
  func testTwoDifferentFrequenciesAreNotSilentlyResolved() {
    let sheet = """
      抽查事项,检查对象,事项类别,检查方式,检查主体,抽查比例,抽查频次
      甲事项,食品经营者,一般检查事项,现场检查,区市场监督管理局,3%;2次/年,1次/年

      """
    let result = SheetImporter.run(path: "t.csv", bytes: Array(sheet.utf8), options: .init(kind: .items))
    XCTAssertEqual(result.diagnostics.map(\.code), [.W0603])
    XCTAssertTrue(result.source.contains("  比例 3%\n  # 抽查比例：3%;2次/年\n  频次 1\n"), result.source)
  }

  /// A number becomes a field only with one clear meaning: `每年抽查1次` is a frequency, `5` under
  /// `抽查比例(%)` a ratio, `5` under a plain `抽查比例` is kept with a warning, and so are digits
  /// apart (`2 5%`, `20 30家`, `1 2`); `1,200户` is 1200, never 1.
  func testNumbersInRatioAndFrequencyCells() {
    func run(_ sheet: String) -> SheetImporter.Result {
      SheetImporter.run(path: "t.csv", bytes: Array(sheet.utf8), options: .init(kind: .items))
    }
    var result = run("抽查事项,检查对象,检查主体,抽查比例及频次\n甲,企业,局,每年抽查1次\n乙,企业,局,抽查1次\n")
    XCTAssertFalse(result.source.contains("数量"), result.source)
    XCTAssertEqual(result.source.components(separatedBy: "  频次 1\n").count, 3, result.source)
    XCTAssertFalse(result.diagnostics.contains { $0.code == .W0605 && $0.message.zh.contains("频次") }, "no false placeholder warning")

    result = run("抽查事项,检查对象,检查主体,抽查比例(%)\n甲,企业,局,5\n")
    XCTAssertTrue(result.source.contains("  比例 5%\n"), result.source)
    XCTAssertFalse(result.diagnostics.contains { $0.code == .W0603 })

    result = run("抽查事项,检查对象,检查主体,抽查比例,抽查频次\n甲,企业,局,5,1 2\n乙,企业,局,2 5%,\n丙,企业,局,20 30家,\n丁,企业,局,\"1,200户\",\n")
    XCTAssertFalse(result.source.contains("数量 5"), result.source)
    XCTAssertFalse(result.source.contains("比例 25%"), result.source)
    XCTAssertFalse(result.source.contains("数量 2030"), result.source)
    XCTAssertFalse(result.source.contains("频次 12"), result.source)
    XCTAssertTrue(result.source.contains("  数量 1200\n"), result.source)
    let warned = result.diagnostics.filter { $0.code == .W0603 }.map(\.message.zh)
    XCTAssertEqual(warned.count, 4, warned.joined(separator: "\n"))
    XCTAssertTrue(warned[0].hasPrefix("第 2 行“抽查比例”的“5”无法转换为抽查比例（没有单位"), warned[0])
    for kept in ["# 抽查比例：5", "# 抽查频次：1 2", "# 抽查比例：2 5%", "# 抽查比例：20 30家"] {
      XCTAssertTrue(result.source.contains("  \(kept)\n"), kept)
    }
  }

  /// The frequency written while the frequency column is unclear is the one the help names,
  /// and it is marked to verify.
  func testAnUnclearFrequencyColumnKeepsTheRatioCellsFrequencyMarked() {
    let sheet = "抽查事项,检查对象,检查主体,抽查比例,抽查频次\n甲,企业,局,5%;2次/年,1—2次/年\n"
    let result = SheetImporter.run(path: "t.csv", bytes: Array(sheet.utf8), options: .init(kind: .items))
    let warning = result.diagnostics.first { $0.code == .W0603 }
    XCTAssertEqual(warning?.help?.zh.hasPrefix("暂写 频次 2；"), true, warning?.help?.zh ?? "no warning")
    XCTAssertTrue(result.source.contains("  # 抽查频次：1—2次/年\n  频次 2         # 待核实：表格原文见注释\n"), result.source)
  }

  /// “第 N 行” is the row as the spreadsheet shows it (header = row 1), not the text line: a
  /// multi-line cell above does not shift it, and a CR-only export (Excel for Mac) has rows too.
  func testRowNumbersAreTheSpreadsheetsRows() {
    let lf = "抽查事项,检查对象,检查主体,抽查比例\n甲,\"企业\n个体\",\"市场\n监管局\",10-20%\n乙,企业,局,5-6%\n"
    for (name, sheet) in [("LF", lf), ("CR", lf.replacingOccurrences(of: "\n", with: "\r")), ("CRLF", lf.replacingOccurrences(of: "\n", with: "\r\n"))] {
      let rows = CSVReader.read(SourceFile(id: 0, path: "t.csv", text: sheet)).rows
      XCTAssertEqual(rows.map(\.line), [1, 2, 3], name)
      XCTAssertEqual(rows[1].cells[1].text, "企业\n个体", "\(name): a cell's line breaks read as LF")
      let result = SheetImporter.run(path: "t.csv", bytes: Array(sheet.utf8), options: .init(kind: .items))
      let warned = result.diagnostics.filter { $0.code == .W0603 }
      XCTAssertEqual(warned.map { $0.message.zh.prefix(6) }, ["第 2 行“", "第 3 行“"], name)
      XCTAssertTrue(result.source.contains("# 第 2 行\n事项 SX-1 \"甲\""), "\(name)\n\(result.source)")
      XCTAssertTrue(result.source.contains("# 第 3 行\n事项 SX-2 \"乙\""), "\(name)\n\(result.source)")
      XCTAssertTrue(result.source.contains("  对象 企业, 个体\n") || result.source.contains("  对象 企业、个体\n"), "\(name)\n\(result.source)")
      // The location is the cell's line in the file, which a CR-only file has too.
      let line = result.sources[0].location(of: warned[1].span.start).line
      XCTAssertEqual(line, 5, name)
    }
    let chongqing = try? Self.run("warn-inspection_items_chongqing_v2_excerpt")
    XCTAssertTrue(chongqing?.source.contains("# 第 3 行\n") ?? false, "its 2nd record is Excel row 3")
  }

  /// A cell's line breaks separate items only when the lines are numbered; a wrapped title or
  /// department is joined; a list does not split inside brackets.
  func testWrappedCellsAndBracketsAreNotSplit() {
    XCTAssertEqual(SheetImporter.Importer.splitItems("对食品生产经营者的\n监督检查"), ["对食品生产经营者的监督检查"])
    XCTAssertEqual(SheetImporter.Importer.splitItems("1、拍卖活动经营资格的检查\n2、登记事项检查"), ["拍卖活动经营资格的检查", "登记事项检查"])
    XCTAssertEqual(SheetImporter.Importer.splitItems("（1）甲的\n检查\n（2）乙的检查"), ["甲的检查", "乙的检查"])
    XCTAssertEqual(SheetImporter.Importer.splitItems("1.甲\r\n2.乙"), ["甲", "乙"])
    XCTAssertEqual(SheetImporter.Importer.splitItems("粮食收购活动监督检查;地方储备粮监督检查"), ["粮食收购活动监督检查", "地方储备粮监督检查"])
    XCTAssertEqual(SheetImporter.Importer.splitItems("抽查比例1.5倍的\n检查"), ["抽查比例1.5倍的检查"])
    XCTAssertEqual(SheetImporter.Importer.split("食品经营者（含小餐饮、食品摊贩）、食品生产者", by: "、"), ["食品经营者（含小餐饮、食品摊贩）", "食品生产者"])
    let sheet = """
      抽查事项,检查对象,检查主体,抽查比例
      "对食品生产经营者的
      监督检查",食品经营者（含小餐饮、食品摊贩）,"县级以上市场监管
      部门",5%

      """
    let result = SheetImporter.run(path: "t.csv", bytes: Array(sheet.utf8), options: .init(kind: .items))
    let items = Compiler.compile(texts: [("t.choucha", result.source)]).program.items
    XCTAssertEqual(items.map { $0.header.title?.value }, ["对食品生产经营者的监督检查"], result.source)
    XCTAssertEqual(items.first?.objects.map(\.value), ["食品经营者（含小餐饮、食品摊贩）"], result.source)
    XCTAssertTrue(result.source.contains("部门 县级以上市场监管部门 \"县级以上市场监管部门\" {}"), result.source)
  }

  /// A column with no heading is not lost: its cells are comments (`第4列：…`) and W0604 says so.
  func testCellsUnderAnEmptyHeadingAreKept() {
    let sheet = "抽查事项,检查对象,检查主体,,抽查比例,\n检查A,企业,市场监管局,重要说明：仅限A类企业,5%,\n"
    let result = SheetImporter.run(path: "t.csv", bytes: Array(sheet.utf8), options: .init(kind: .items))
    XCTAssertTrue(result.source.contains("  # 第4列：重要说明：仅限A类企业\n"), result.source)
    let warned = result.diagnostics.filter { $0.code == .W0604 }
    XCTAssertEqual(warned.map(\.message.zh), ["第 4 列没有列名：其内容保留在各事项的注释中（“第4列：…”）"], "an empty column with no cells is not reported")
    XCTAssertEqual(warned.first.map { result.sources[0].location(of: $0.span.start).line }, 2, "located at the cell")
    let authorities = "事项编码,事项名称,事项类型,实施主体,设定依据,\nJC-1,对X的检查,行政检查,局,《食品安全法》,说明\n"
    let imported = SheetImporter.run(path: "t.csv", bytes: Array(authorities.utf8), options: .init(kind: .authorities))
    XCTAssertTrue(imported.source.contains("  # 第6列：说明\n"), imported.source)
    XCTAssertEqual(imported.diagnostics.filter { $0.code == .W0604 }.count, 1)
  }

  /// An authority code changed to make it a code keeps the sheet's text in a comment, as the
  /// warning says.
  func testAChangedAuthorityCodeIsKeptInAComment() {
    let sheet = "事项编码,事项名称,事项类型,实施主体,设定依据\nJC 001,对X的检查,行政检查,局,《食品安全法》第一条\n"
    let result = SheetImporter.run(path: "t.csv", bytes: Array(sheet.utf8), options: .init(kind: .authorities))
    XCTAssertTrue(result.source.contains("权责 JC001 \"对X的检查\""), result.source)
    XCTAssertTrue(result.source.contains("  # 事项编码：JC 001\n"), result.source)
    XCTAssertEqual(result.diagnostics.filter { $0.code == .W0603 }.count, 1)
  }

  /// A title loses its numbering whether its cell lists one item or several; the numbering is
  /// kept in the header comment.
  func testTitlesLoseTheirNumberingConsistently() {
    let sheet = "抽查事项,检查对象,检查主体,抽查比例\n1.学校招生的检查,企业,局,5%\n\"1、甲检查\n2、乙检查\",企业,局,5%\n"
    let result = SheetImporter.run(path: "t.csv", bytes: Array(sheet.utf8), options: .init(kind: .items))
    XCTAssertTrue(result.source.contains("# 第 2 行，编号 1.\n事项 SX-1 \"学校招生的检查\" {"), result.source)
    XCTAssertTrue(result.source.contains("# 第 3 行，编号 1、\n事项 SX-2-1 \"甲检查\" {"), result.source)
    XCTAssertTrue(result.source.contains("# 第 3 行，编号 2、\n事项 SX-2-2 \"乙检查\" {"), result.source)
  }

  /// A method with a bracketed note is the method, the note kept beside it; a method placeholder
  /// is marked to verify, so that check keeps reporting it (W0607).
  func testMethodsWithNotesAndMethodPlaceholders() {
    let sheet = "抽查事项,检查对象,检查主体,检查方式\n甲,企业,局,现场检查（含抽样检验、检测）\n乙,企业,局,飞行检查\n"
    let result = SheetImporter.run(path: "t.csv", bytes: Array(sheet.utf8), options: .init(kind: .items))
    XCTAssertTrue(result.source.contains("  方式 实地检查  # 检查方式：现场检查（含抽样检验、检测）\n"), result.source)
    XCTAssertTrue(result.source.contains("  方式 实地检查  # 待核实：表格原文见注释\n  # 检查方式：飞行检查\n"), result.source)
    XCTAssertEqual(result.diagnostics.filter { $0.code == .W0603 }.count, 1, "only the unknown method warns")
    let checked = Compiler.compile(texts: [("t.choucha", result.source)])
    let marks = result.source.components(separatedBy: "# 待核实").count - 1
    XCTAssertEqual(checked.diagnostics.filter { $0.code == .W0607 }.count, marks, "check warns at every mark, the method's among them")
  }

  /// One law spelled with a space is one law, declared once.
  func testALawSpelledWithSpacesIsDeclaredOnce() {
    let sheet = "抽查事项,检查对象,检查主体,抽查依据,抽查比例\n甲,企业,局,《食品 安全法》第一条,5%\n乙,企业,局,《食品安全法》第二条,5%\n"
    let result = SheetImporter.run(path: "t.csv", bytes: Array(sheet.utf8), options: .init(kind: .items))
    XCTAssertEqual(result.laws, 1, result.source)
    XCTAssertFalse(result.source.contains("食品安全法-2"), result.source)
  }

  /// `引入 权责` reads a title as `import authorities` does: white space dropped, nested 《》 matched.
  func testBothAuthorityReadersReadTitlesAlike() {
    let cell = "《食品 安全法》第一条；《国务院关于《食品安全法》的决定》第二条"
    let table = "事项编码,事项名称,事项类型,实施主体,设定依据\nJC-1,对X的检查,行政检查,局,\"\(cell)\"\n"
    let file = SourceFile(id: 0, path: "t.csv", text: table)
    let read = AuthorityImporter.read(file, importedAt: Span(file: 0, start: 0, end: 0), departments: [], laws: [])
    XCTAssertEqual(read.authorities.first?.bases.map(\.law.value), ["食品安全法", "国务院关于《食品安全法》的决定"])
    XCTAssertEqual(read.authorities.first?.bases.map { $0.article?.value }, ["第一条", "第二条"])
    XCTAssertEqual(CellParser.citations(cell).citations.map(\.title), ["食品安全法", "国务院关于《食品安全法》的决定"])
  }

  /// What import writes parses: a 权责 cell that is not one code (`/`, `—`, a list, a code with a
  /// note) is never written as the field's value; it is kept in a comment with W0603, and a list's
  /// codes are never run together.
  func testAuthorityCellsThatAreNotOneCodeAreKeptVerbatim() {
    let sheet = """
      抽查事项,检查对象,检查主体,抽查比例,权责事项编码
      检查A,企业,市场监管局,5%,/
      检查B,企业,市场监管局,5%,"JC-001、JC-002"
      检查C,企业,市场监管局,5%,JC-001（新增）
      检查D,企业,市场监管局,5%,—
      检查E,企业,市场监管局,5%,JC-003

      """
    let result = SheetImporter.run(path: "t.csv", bytes: Array(sheet.utf8), options: .init(kind: .items))
    XCTAssertNil(result.internalError)
    let (_, syntax) = Parser.parse(SourceFile(id: 0, path: "t.choucha", text: result.source))
    XCTAssertEqual(syntax.filter { $0.severity == .error }.map(\.code), [], result.source)
    let warned = result.diagnostics.filter { $0.code == .W0603 }.map(\.message.zh)
    XCTAssertEqual(warned.count, 4, warned.joined(separator: "\n"))
    XCTAssertTrue(warned.allSatisfy { $0.contains("“权责事项编码”") }, warned.joined(separator: "\n"))
    for kept in ["# 权责事项编码：/", "# 权责事项编码：JC-001、JC-002", "# 权责事项编码：JC-001（新增）", "# 权责事项编码：—"] {
      XCTAssertTrue(result.source.contains("  \(kept)\n"), "\(kept)\n\(result.source)")
    }
    XCTAssertFalse(result.source.contains("JC-001JC-002"), result.source)
    let list = result.diagnostics.first { $0.message.zh.contains("JC-001、JC-002") }
    XCTAssertEqual(list?.help?.zh.contains("选定其中一项写成 权责 编码"), true, list?.help?.zh ?? "")
    XCTAssertFalse(result.source.contains("JC-001新增"), result.source)
    XCTAssertTrue(result.source.contains("  权责 JC-001    # 待核实：表格原文见注释\n"), result.source)
    XCTAssertTrue(result.source.contains("  权责 JC-003\n"), result.source)
    let items = Compiler.compile(texts: [("t.choucha", result.source)]).program.items
    XCTAssertEqual(items.map { $0.authority?.value }, [nil, nil, "JC-001", nil, "JC-003"])
  }

  /// A generated source that does not parse is an internal error, never written.
  func testUnparsableOutputIsAnInternalError() {
    guard case .failure(let error) = SheetImporter.finished("事项 SX-1 \"甲\" {\n  权责 /\n}\n", path: "t.csv") else {
      return XCTFail("an unparsable source was accepted")
    }
    XCTAssertTrue(error.message.zh.contains("内部错误"), error.message.zh)
    XCTAssertTrue(error.message.en.contains("internal error"), error.message.en)
    let item = "事项 SX-1 \"甲\" {\n  部门 A\n  权责 JC-1\n  类别 一般\n  对象 企业\n  方式 实地检查\n  频次 1\n}\n"
    guard case .success = SheetImporter.finished(item, path: "t.csv") else {
      return XCTFail("a parsable source was refused")
    }
  }

  /// A code is one word of the language, as the lexer reads it.
  func testCodesAreOneWordOfTheLanguage() {
    for code in ["SCJG", "JC-001", "130102-JC-001", "市场监管局", "A.B", "A_1"] {
      XCTAssertTrue(Lexer.isSingleWord(code), code)
    }
    for text in ["", "/", "—", "A(B)", "A/B", "《X》", "A..B", "A B", "JC-001、JC-002", "A#B", "\"A\"", "{A}"] {
      XCTAssertFalse(Lexer.isSingleWord(text), text)
    }
  }

  /// The keywords' language changes the words, not the program.
  func testBothKeywordLanguagesGiveTheSameProgram() throws {
    let bytes = [UInt8](try Data(contentsOf: Self.directory.appendingPathComponent("warn-inspection_items_liangqing_excerpt/input.csv")))
    let zh = SheetImporter.run(path: "t.csv", bytes: bytes, options: .init(kind: .items, keywords: .zh))
    let en = SheetImporter.run(path: "t.csv", bytes: bytes, options: .init(kind: .items, keywords: .en))
    XCTAssertNotEqual(zh.source, en.source)
    let plan = "plan 2024 \"p\" { window 2024-03-01 .. 2024-11-30 }\n"
    let a = Compiler.compile(texts: [("a.choucha", zh.source), ("p.choucha", plan)])
    let b = Compiler.compile(texts: [("a.choucha", en.source), ("p.choucha", plan)])
    XCTAssertEqual(a.diagnostics.map(\.code), b.diagnostics.map(\.code))
    XCTAssertEqual(a.program.items.map(\.header.id.value), b.program.items.map(\.header.id.value))
    XCTAssertEqual(a.program.items.map { $0.methods.map(\.value) }, b.program.items.map { $0.methods.map(\.value) })
    XCTAssertEqual(a.program.items.map { $0.bases.map(\.law.value) }, b.program.items.map { $0.bases.map(\.law.value) })
  }
}

/// The command: output to stdout or atomically to a file, diagnostics to stderr, exit codes.
final class ImportCommandTests: XCTestCase {
  func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    let binary = try RepositoryTests.requireBinary()
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = ImportTests.directory
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
  }

  func testImportToStdoutAndToAFile() throws {
    let name = "warn-inspection_items_liangqing_excerpt"
    let expected = try String(contentsOf: ImportTests.directory.appendingPathComponent("\(name)/expected.choucha"), encoding: .utf8)
    let printed = try run(["import", "items", "\(name)/input.csv"])
    XCTAssertEqual(printed.status, 0, printed.stderr)
    XCTAssertEqual(printed.stdout, expected)
    XCTAssertTrue(printed.stderr.contains("警告[W0605]"), printed.stderr)
    XCTAssertTrue(printed.stderr.contains("\(name)/input.csv:1:1:"), "located like check: \(printed.stderr)")

    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("choucha-import-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let output = folder.appendingPathComponent("items.choucha")
    let written = try run(["import", "items", "\(name)/input.csv", "-o", output.path, "--lang", "en"])
    XCTAssertEqual(written.status, 0, written.stderr)
    XCTAssertEqual(written.stdout, "")
    XCTAssertTrue(written.stderr.contains("warning[W0605]"), written.stderr)
    XCTAssertEqual(try String(contentsOf: output, encoding: .utf8), expected)

    // On errors nothing is written and the previous file stays as it was.
    let failed = try run(["import", "items", "err-no-department/input.csv", "-o", output.path])
    XCTAssertEqual(failed.status, 1)
    XCTAssertTrue(failed.stderr.contains("错误[E0606]"), failed.stderr)
    XCTAssertEqual(try String(contentsOf: output, encoding: .utf8), expected)
    let fresh = folder.appendingPathComponent("none.choucha")
    XCTAssertEqual(try run(["import", "items", "err-binary/input.csv", "-o", fresh.path]).status, 1)
    XCTAssertFalse(FileManager.default.fileExists(atPath: fresh.path))
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["items.choucha"], "no temporary file left")
  }

  func testUsageErrorsExitTwo() throws {
    XCTAssertEqual(try run(["import", "plans", "ok-bom/input.csv"]).status, 2)
    XCTAssertEqual(try run(["import", "items"]).status, 2)
    XCTAssertEqual(try run(["import", "items", "no-such-file.csv"]).status, 2)
    XCTAssertEqual(try run(["import", "items", "ok-bom/input.csv", "--keywords", "fr"]).status, 2)
    XCTAssertEqual(try run(["import", "items", "ok-bom/input.csv", "--department", "两 个"]).status, 2)
    for code in ["A(B)", "A/B", "《X》", "A..B", "A:B"] {
      XCTAssertEqual(try run(["import", "items", "ok-bom/input.csv", "--department", code]).status, 2, code)
      XCTAssertEqual(try run(["import", "items", "ok-bom/input.csv", "--prefix", code]).status, 2, code)
    }
    let refused = try run(["import", "items", "ok-bom/input.csv", "--department", "A(B)"])
    XCTAssertTrue(refused.stderr.contains("“A(B)”不是编码：编码是一个词"), refused.stderr)
    XCTAssertTrue(refused.stderr.contains("is not a code: a code is one word"), refused.stderr)
    XCTAssertEqual(try run(["import", "--help"]).status, 0)
    let rules = FuzzTests.root.appendingPathComponent("Rules").path
    XCTAssertEqual(try run(["import", "items", "ok-bom/input.csv", "--rules", rules, "--department", "NOPE"]).status, 2)
    XCTAssertEqual(try run(["import", "items", "ok-bom/input.csv", "--rules", rules, "--department", "SCJG"]).status, 0)
  }

  func testDepartmentAndKeywordsOptions() throws {
    let result = try run(["import", "items", "ok-bom/input.csv", "--department", "SCJG", "--keywords", "en"])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(result.stdout.contains("item SCJG-1 \"对食品经营者的监督检查\" {\n  department SCJG\n"), result.stdout)
    XCTAssertFalse(result.stdout.contains("department SCJG \""), "a given department is not declared again")
    XCTAssertTrue(result.stdout.contains("  ratio { A 3%  B 5%  C 10%  D 20% }\n"), result.stdout)
    XCTAssertTrue(result.stdout.contains("  methods onsite, document\n"), result.stdout)
  }
}

/// Issue 13: what `import` used to invent or cut, pinned on the cells the issue quotes.
extension ImportTests {
  /// The basis cell of a published provincial list: four documents, their numbers kept with them.
  func testBasisCellSplitsOnlyAtTitles() {
    let cell =
      "《关于印发药品经营质量管理规范谁管理办法的通知》（国药监市〔2005〕25号）、《药品医疗器械飞行检查办法》（国家食品药品监督管理总局令第14号）、《药品经营质量管理规范》（国家食品药品监督管理总局令第13号）、浙江省食品药品监督管理局关于印发《浙江省药品GSP飞行检查工作方案》的通知(浙食药监市〔2011〕6号)"
    let (citations, rest) = CellParser.citations(cell)
    XCTAssertNil(rest)
    XCTAssertEqual(
      citations.map(\.title),
      [
        "关于印发药品经营质量管理规范谁管理办法的通知", "药品医疗器械飞行检查办法", "药品经营质量管理规范",
        "浙江省食品药品监督管理局关于印发《浙江省药品GSP飞行检查工作方案》的通知",
      ])
    XCTAssertEqual(citations.map(\.articles), [nil, nil, nil, nil], "a document number is no article")
    XCTAssertEqual(
      citations.map(\.number), ["国药监市〔2005〕25号", "国家食品药品监督管理总局令第14号", "国家食品药品监督管理总局令第13号", "浙食药监市〔2011〕6号"])
    // Numbered lines: the numbering belongs to neither citation.
    let numbered = CellParser.citations("1.《商标法》第六条、第十条\n2.《商标法实施条例》第四条")
    XCTAssertNil(numbered.rest)
    XCTAssertEqual(numbered.citations.map(\.articles), ["第六条、第十条", "第四条"])
  }

  /// A `、` splits objects only between names of entities.
  func testObjectClausesStayWhole() {
    typealias Importer = SheetImporter.Importer
    XCTAssertEqual(Importer.splitObjects("本辖区物流、寄递企业"), ["本辖区物流、寄递企业"])
    XCTAssertEqual(Importer.splitObjects("包装装潢、其他印刷品印刷单位"), ["包装装潢、其他印刷品印刷单位"])
    XCTAssertEqual(Importer.splitObjects("企业、个体工商户、农民专业合作社"), ["企业", "个体工商户", "农民专业合作社"])
    XCTAssertEqual(
      Importer.splitObjects("食品经营者（含小餐饮、食品摊贩）、食用农产品市场"), ["食品经营者（含小餐饮、食品摊贩）", "食用农产品市场"])
  }

  /// Department names: spelling set aside silently, 工商/市场监管 merged with W0609, one code.
  func testDepartmentVariantsAreOneDepartment() {
    typealias Importer = SheetImporter.Importer
    XCTAssertEqual(Importer.cleanDepartment("县级以上工商、市场监管部门）"), "县级以上工商、市场监管部门")
    XCTAssertEqual(Importer.cleanDepartment("县级以上 工商、市场监管部门。"), "县级以上工商、市场监管部门")
    XCTAssertEqual(Importer.cleanDepartment("区市场监督管理局(本级)"), "区市场监督管理局（本级）")
    XCTAssertEqual(Importer.departmentKey("县级以上工商、市场监管部门"), Importer.departmentKey("县级以上市场监督管理部门"))
    let sheet = "抽查事项,检查对象,检查主体\nA检查,企业,县级以上工商、市场监管部门）\nB检查,企业,县级以上工商、市场监管部门\nC检查,企业,县级以上市场监管部门\n"
    let result = SheetImporter.run(path: "s.csv", bytes: Array(sheet.utf8), options: .init(kind: .items))
    XCTAssertEqual(result.departments, 1, result.source)
    XCTAssertEqual(result.diagnostics.filter { $0.code == .W0609 }.count, 1)
    XCTAssertTrue(result.source.contains("部门 县级以上工商市场监管部门 \"县级以上工商、市场监管部门\" {}  # 表格中也写作："), result.source)
  }

  /// The summary counts the warnings per code and ends with the three next steps.
  func testSummaryCountsPerCodeAndGivesNextSteps() throws {
    let result = try Self.run("warn-filled-down-basis")
    let summary = SheetImporter.summary(result, language: .zh)
    XCTAssertTrue(summary.contains("  W0608 ×2  "), summary)
    XCTAssertTrue(summary.contains("下一步 Next steps:\n  1. "), summary)
    XCTAssertTrue(summary.hasSuffix("(such as E0204, no legal basis)"), summary)
  }
}
