import XCTest

@testable import ChouchaCore

/// `引入 结果`: the results table read into `Program.results`, every cell located, every problem
/// reported at its cell (E0602, E0901, E0902, E0101, W0604).
final class ResultsReaderTests: XCTestCase {
  static let rules = """
    部门 SCJG "区市场监督管理局" { 类型 本级 }
    部门 XFJY "区消防救援大队" { 类型 垂直 }
    计划 2024 "2024年抽查工作计划" { 期间 2024-03-01 .. 2024-11-30; 处置时限 15 工作日 }
    日历 2024 { 节假日 2024-10-01 .. 2024-10-07 }
    引入 结果 "results.csv"

    """
  static let heading = "任务编号,统一社会信用代码,检查部门,检查日期,检查结果,问题描述,公示日期,后续处置,办结日期\n"

  static func compile(_ csv: String, rules: String = rules) -> Compilation {
    Compiler.compile(texts: [("rules.choucha", rules)], files: ["results.csv": csv])
  }

  static func compile(bytes: [UInt8], rules: String = rules) -> Compilation {
    var sources = SourceMap()
    sources.add(path: "rules.choucha", bytes: Array(rules.utf8))
    return Compiler.compile(sources, provider: MemoryFileProvider(files: ["results.csv": bytes]))
  }

  /// The codes, with the text each diagnostic points at. The checks over the rows (E0903 on,
  /// `ResultChecks`, tested in `ResultChecksTests`) are left out: these rules have no task.
  static func findings(_ compilation: Compilation) -> [String] {
    compilation.diagnostics.filter { !ResultChecksTests.isRowCheck($0.code) }.map { diagnostic in
      let file = compilation.sources[diagnostic.span.file]
      let text = String(decoding: file.bytes[diagnostic.span.start..<diagnostic.span.end], as: UTF8.self)
      return "\(diagnostic.code.rawValue) \(text)"
    }
  }

  static func day(_ text: String) -> Day { Day(parsing: Substring(text))! }

  func testAFullRowIsReadWithEveryCellLocated() throws {
    let compilation = Self.compile(
      Self.heading
        + "2024-S-SP-01@2,91130102MA00000001,区市场监督管理局,2024/5/6,\"发现问题，已责令改正\",未公示年报,2024年5月20日,责令改正；列入经营异常名录,45444\n"
    )
    XCTAssertEqual(Self.findings(compilation), [])
    let row = try XCTUnwrap(compilation.program.results.first)
    XCTAssertEqual(compilation.program.results.count, 1)
    XCTAssertEqual(compilation.program.resultImports.map(\.path.value), ["results.csv"])
    XCTAssertEqual(row.row, 2)
    XCTAssertEqual(row.task.value, "2024-S-SP-01@2")
    XCTAssertEqual(row.entity.value, "91130102MA00000001")
    XCTAssertEqual(row.department?.value, "SCJG", "a title is matched to its code")
    XCTAssertEqual(row.inspected?.value, Self.day("2024-05-06"))
    XCTAssertEqual(row.category?.value, .correctedOnOrder)
    XCTAssertEqual(row.problem?.value, "未公示年报")
    XCTAssertEqual(row.published?.value, Self.day("2024-05-20"))
    XCTAssertEqual(row.actions.map(\.value), [.orderCorrection, .abnormalList])
    XCTAssertEqual(row.closed?.value, Self.day("2024-06-01"), "Excel serial 45444")
    XCTAssertNil(row.entityName)
    XCTAssertNil(row.followUpFrom)
    let file = compilation.sources[row.task.span.file]
    func text(_ span: Span) -> String { String(decoding: file.bytes[span.start..<span.end], as: UTF8.self) }
    XCTAssertEqual(text(row.department!.span), "区市场监督管理局")
    XCTAssertEqual(row.actions.map { text($0.span) }, ["责令改正", "列入经营异常名录"])
    XCTAssertEqual(text(row.closed!.span), "45444")
    XCTAssertEqual(compilation.program.plans.first?.followUpWithin?.value, Duration(amount: 15, unit: .workdays))
  }

  func testOptionalColumnsAndAliasedHeadings() throws {
    let csv = """
      抽查任务编号,检查对象名称,信用代码,检查机关,检查时间,抽查结果,存在问题,公示时间,处理结果,办结时间,处置起算日,不合格要点
      2024-S-SP-01,某餐馆,91130102MA00000001,SCJG,2024-05-06 10:30:00,未发现问题,,2024-05-20,,,2024-05-07,"SP-01-1、SP-01-3；SP-01-4"

      """
    let compilation = Self.compile(csv)
    XCTAssertEqual(Self.findings(compilation), [])
    let row = try XCTUnwrap(compilation.program.results.first)
    XCTAssertEqual(row.entityName?.value, "某餐馆")
    XCTAssertEqual(row.followUpFrom?.value, Self.day("2024-05-07"))
    XCTAssertEqual(row.failedPoints.map(\.value), ["SP-01-1", "SP-01-3", "SP-01-4"])
    XCTAssertEqual(row.category?.value, .noProblem)
    XCTAssertEqual(row.inspected?.value, Self.day("2024-05-06"), "the time of day is dropped")
    XCTAssertNil(row.published.flatMap { _ in row.closed })
  }

  func testDateForms() {
    let cases: [(String, String)] = [
      ("2024-05-03", "2024-05-03"), ("2024-5-3", "2024-05-03"), ("2024/5/3", "2024-05-03"), ("2024/05/03", "2024-05-03"),
      ("2024.5.3", "2024-05-03"), ("2024年5月3日", "2024-05-03"), ("2024年05月03日", "2024-05-03"), ("20240503", "2024-05-03"),
      ("45415", "2024-05-03"), ("45415.5", "2024-05-03"), (" 2024-05-03 ", "2024-05-03"), ("２０２４／５／３", "2024-05-03"),
      ("2024/5/3 14:30", "2024-05-03"), ("2024-05-03 14:30:00", "2024-05-03"), ("2024-05-03T14:30:00.000", "2024-05-03"),
      ("90240503", "9024-05-03"),  // Fuzz/crashes/results: eight digits are yyyymmdd, never a serial
      ("2024年5月3日 14时30分", "2024-05-03"), ("2024年5月3", "2024-05-03"), ("2024年5月3号", "2024-05-03"), ("2024-02-29", "2024-02-29"), ("32874", "1990-01-01"), ("73050", "2099-12-31"),
    ]
    for (text, expected) in cases {
      XCTAssertEqual(ResultDate.read(text), .day(Self.day(expected)), text)
    }
    for text in ["2024-02-30", "2023-02-29", "2024-13-01", "2024/4/31", "2024年0月1日", "20240230", "2024-00-10"] {
      XCTAssertEqual(ResultDate.read(text), .impossible, text)
    }
    for text in [
      "", "明天", "5月3日", "2024", "2024-05", "24-5-3", "2024-5/3", "2024/5/3 25:00", "2024/5/3 下午", "1", "45415.", "2024-05-03x",
      "32873", "73051", "2024/5/3 14:60", "2024年5月3日日",
    ] {
      XCTAssertEqual(ResultDate.read(text), .unreadable, text)
    }
  }

  func testEachErrorIsLocatedAtItsCell() {
    let csv = Self.heading + """
      2024-S-SP-01,91130102MA00000001,SCJG,2024-02-30,未发现问题,,2024-05-20,,
      2024-S-SP-01,91130102MA00000002,SCJG,下周一,未发先问题,,,,
      2024-S-SP-01,91130102MA00000003,SCJJ,2024-05-06,发现问题待后续处理,无证,,责令改正、立按查处,
      2024-S-SP-01,91130102MA00000004,,2024-05-06,,,,,
      ,91130102MA00000005,SCJG,2024-05-06,未发现问题,,,,
      2024-S-SP-01,91130102MA00000006,SCJG
      
      """
    let compilation = Self.compile(csv)
    XCTAssertEqual(
      Self.findings(compilation).sorted(),
      [
        "E0101 SCJJ", "E0602 ", "E0602 ", "E0602 ", "E0602 2024-S-SP-01,91130102MA00000006,SCJG\n",
        "E0901 未发先问题", "E0901 立按查处", "E0902 2024-02-30", "E0902 下周一",
      ].sorted())
    // Rows 2-5 kept (their cells in error left empty); row 6 has no 任务编号, row 7 is ragged.
    XCTAssertEqual(compilation.program.results.map(\.row), [2, 3, 4, 5])
    XCTAssertNil(compilation.program.results[0].inspected)
    XCTAssertNil(compilation.program.results[1].category)
    XCTAssertNil(compilation.program.results[2].department)
    XCTAssertEqual(compilation.program.results[2].actions.map(\.value), [.orderCorrection])
    let messages = compilation.diagnostics.map(\.message.zh)
    XCTAssertTrue(messages.contains { $0.contains("不存在的日期") }, "\(messages)")
    let e0901 = compilation.diagnostics.filter { $0.code == .E0901 }.map(\.help?.zh)
    XCTAssertTrue(e0901.contains { $0?.contains("是否想写“未发现问题”") == true }, "\(e0901)")
    XCTAssertTrue(e0901.contains { $0?.contains("是否想写“立案查处”") == true }, "\(e0901)")
    let e0101 = compilation.diagnostics.first { $0.code == .E0101 }
    XCTAssertEqual(e0101?.help?.zh.contains("SCJG"), true)
  }

  /// A merged cell (empty 任务编号 or 检查部门 under a row that has one) is never filled down: E0602
  /// whose help says what it probably is.
  func testAMergedCellIsAnErrorNotFilledDown() {
    let csv = Self.heading + """
      2024-S-SP-01,91130102MA00000001,SCJG,2024-05-06,未发现问题,,2024-05-20,,
      ,91130102MA00000002,,2024-05-06,未发现问题,,2024-05-20,,

      """
    let compilation = Self.compile(csv)
    let empty = compilation.diagnostics.filter { $0.code == .E0602 }
    XCTAssertEqual(empty.count, 2)
    XCTAssertTrue(empty.allSatisfy { $0.help?.zh.contains("合并单元格") == true }, "\(empty.map(\.help))")
    XCTAssertTrue(empty.contains { $0.help?.zh.contains("2024-S-SP-01") == true })
    XCTAssertEqual(compilation.program.results.map(\.row), [2])
  }

  func testUnknownAndRepeatedColumnsAreW0604() {
    let csv = "序号,任务编号,统一社会信用代码,检查部门,检查日期,检查结果,问题描述,公示日期,后续处置,办结日期,检查人员,检查日期,,备注（其他）\n"
      + "1,2024-S-SP-01,91130102MA00000001,SCJG,2024-05-06,未发现问题,,2024-05-20,,,王伟,2024-05-07,x,无\n"
    let compilation = Self.compile(csv)
    XCTAssertEqual(Self.findings(compilation), ["W0604 检查人员", "W0604 检查日期", "W0604 x"])
    XCTAssertEqual(compilation.program.results.first?.inspected?.value, Self.day("2024-05-06"))
  }

  func testMissingColumnsAreE0602AtTheHeading() {
    let compilation = Self.compile("任务编号,统一社会信用代码,检查部门\n2024-S-SP-01,91130102MA00000001,SCJG\n")
    XCTAssertEqual(compilation.diagnostics.map(\.code), [.E0602])
    XCTAssertTrue(compilation.diagnostics[0].message.zh.contains("检查日期、检查结果、问题描述、公示日期、后续处置、办结日期"))
    XCTAssertTrue(compilation.program.results.isEmpty)
  }

  func testGB18030WithCRLFAndUTF8WithBOM() throws {
    let csv = Self.heading + "2024-S-SP-01,91130102MA00000001,区市场监督管理局,2024年5月6日,未发现问题,,2024/5/20,,\n"
    let gb = try GB18030Tests.encode(Array(csv.replacingOccurrences(of: "\n", with: "\r\n").utf8))
    for bytes in [gb, [0xEF, 0xBB, 0xBF] + Array(csv.utf8)] {
      let compilation = Self.compile(bytes: bytes)
      XCTAssertEqual(Self.findings(compilation), [])
      XCTAssertEqual(compilation.program.results.first?.department?.value, "SCJG")
      XCTAssertEqual(compilation.program.results.first?.inspected?.value, Self.day("2024-05-06"))
    }
  }

  func testTablesAreReadInPathOrderAndOnce() {
    let rules = """
      部门 SCJG "区市场监督管理局" { 类型 本级 }
      计划 2024 "计划" { 期间 2024-03-01 .. 2024-11-30 }
      日历 2024 { 节假日 2024-10-01 }
      引入 结果 "b.csv"
      引入 检查结果 "a.csv"
      import results "b.csv"

      """
    let row = "2024-S-SP-01,91130102MA00000001,SCJG,2024-05-06,未发现问题,,,,\n"
    let compilation = Compiler.compile(
      texts: [("rules.choucha", rules)], files: ["a.csv": Self.heading + row, "b.csv": Self.heading + row + row])
    XCTAssertEqual(Self.findings(compilation), [])
    XCTAssertEqual(compilation.program.resultImports.count, 3)
    XCTAssertEqual(compilation.program.results.map { compilation.sources[$0.span.file].path }, ["a.csv", "b.csv", "b.csv"])
  }

  func testImportPathRulesAreThoseOfAuthorities() {
    let rules = "部门 SCJG \"局\" { 类型 本级 }\n计划 2024 \"计划\" { 期间 2024-03-01 .. 2024-11-30 }\n日历 2024 { 节假日 2024-10-01 }\n引入 结果 \"../x.csv\"\n引入 结果 \"missing.csv\"\n"
    let compilation = Compiler.compile(texts: [("rules.choucha", rules)], files: [:])
    XCTAssertEqual(compilation.diagnostics.map(\.code), [.E0601, .E0601])
  }

  /// The platform joins the parts of one conclusion with ；: read when they name one category,
  /// E0901 when they name several.
  func testAListOfPartsOfOneConclusion() {
    let csv = Self.heading + """
      2024-S-SP-01,91130102MA00000001,SCJG,2024-05-06,发现问题待后续处理；违反食品药品管理相关规定；,无证,2024-05-20,立案查处,
      2024-S-SP-01,91130102MA00000002,SCJG,2024-05-06,未按规定公示应当公示的信息；发现问题经责令已改正,未公示,2024-05-20,责令改正,
      2024-S-SP-01,91130102MA00000003,SCJG,2024-05-06,发现问题待后续处理；违反某某规定,x,2024-05-20,立案查处,
      2024-S-SP-01,91130102MA00000004,SCJG,2024-05-06,"公示信息隐瞒真实情况、弄虚作假",x,2024-05-20,列入异常名录,

      """
    let compilation = Self.compile(csv)
    XCTAssertEqual(Self.findings(compilation), ["E0901 未按规定公示应当公示的信息；发现问题经责令已改正", "E0901 违反某某规定"])
    XCTAssertEqual(compilation.program.results.map(\.category?.value), [.pendingFollowUp, nil, nil, .falsePublication])
    XCTAssertEqual(compilation.program.results[3].actions.map(\.value), [.abnormalList])
  }

  func testVocabulariesMatchAcrossPunctuation() {
    XCTAssertEqual(ResultVocabulary.categories.lookup("通过登记的住所(经营场所)无法联系"), .unreachable)
    XCTAssertEqual(ResultVocabulary.categories.lookup("公示信息隐瞒真实情况、弄虚作假"), .falsePublication)
    XCTAssertEqual(ResultVocabulary.categories.lookup("不配合检查，情节严重"), .refused)
    XCTAssertEqual(ResultVocabulary.categories.lookup("no-problem"), .noProblem)
    XCTAssertEqual(ResultVocabulary.actions.lookup("移送公安机关"), .judicialReferral)
    XCTAssertNil(ResultVocabulary.categories.lookup("有问题"))
    for category in ResultCategory.allCases {
      XCTAssertEqual(ResultVocabulary.categories.lookup(ResultCategory.vocabulary.spelling(category, .zh)), category)
    }
  }

  /// Grammar.md §8 lists every heading, category and action with its aliases, as the reader has
  /// them, and its example table reads without a diagnostic.
  func testGrammarSection8IsTrue() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let grammar = try String(contentsOf: root.appendingPathComponent("Grammar.md"), encoding: .utf8)
    let section = try XCTUnwrap(grammar.range(of: "## 8 结果表格")).lowerBound
    let text = String(grammar[section...])
    var rows: [String: [String]] = [:]
    for line in text.split(separator: "\n") where line.hasPrefix("| ") {
      let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
      guard cells.count > 3 else { continue }
      if rows[cells[1]] == nil { rows[cells[1]] = cells }
    }
    for column in ResultsReader.columns {
      let cells = try XCTUnwrap(rows[column.headings[0]], "Grammar.md §8 has no row for \(column.headings[0])")
      XCTAssertEqual(cells[2], column.headings.joined(separator: "、"), column.headings[0])
    }
    XCTAssertEqual(Set(try XCTUnwrap(rows["（不读取）"])[2].components(separatedBy: "、")), ResultsReader.informational)
    func check<Value>(_ vocabulary: Vocabulary<Value>) throws {
      for entry in vocabulary.entries {
        let cells = try XCTUnwrap(rows[entry.chinese], "Grammar.md §8 has no row for \(entry.chinese)")
        XCTAssertEqual(cells[2], "`\(entry.english)`")
        XCTAssertEqual(cells[3], entry.aliases.joined(separator: "、"), entry.chinese)
      }
    }
    try check(ResultCategory.vocabulary)
    try check(FollowUpAction.vocabulary)
    try check(TaskSource.vocabulary)
    for category in ResultCategory.allCases {
      XCTAssertEqual(rows[ResultCategory.vocabulary.spelling(category, .zh)]?[4], category.isProblem ? "是" : "否")
    }
    let example = try XCTUnwrap(text.components(separatedBy: "```csv\n").dropFirst().first?.components(separatedBy: "```").first)
    let compilation = Self.compile(example)
    XCTAssertEqual(Self.findings(compilation), [])
    XCTAssertEqual(compilation.program.results.count, 2)
  }

  /// Bad input, deterministically: 500 byte-level mutations of a results table (bytes replaced,
  /// inserted or deleted, among them commas, quotes, line breaks, `；` and digits). None crashes,
  /// and no data row is dropped without an error pointing into it (Fuzz/Sources/FuzzResults
  /// checks the same under libFuzzer).
  func testMutatedTablesDropNothingSilently() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let text = try String(contentsOf: root.appendingPathComponent("Fuzz/seeds/results/hand-dates"), encoding: .utf8)
    // By characters, so that the table stays UTF-8 (a broken sequence is E0601, tested elsewhere).
    let base = Array(text.unicodeScalars)
    let alphabet: [Unicode.Scalar] = [",", "\"", "\n", "\r", " ", "；", "、", "0", "9", "年", "/", "\u{3000}"]
    var state: UInt64 = 0x5EED
    var checked = 0
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    for iteration in 0..<500 {
      var scalars = base
      for _ in 0..<(1 + next(4)) {
        let at = next(scalars.count)
        switch next(3) {
        case 0: scalars[at] = alphabet[next(alphabet.count)]
        case 1: scalars.insert(alphabet[next(alphabet.count)], at: at)
        default: scalars.removeSubrange(at..<min(scalars.count, at + 1 + next(8)))
        }
      }
      var mutated = String.UnicodeScalarView()
      mutated.append(contentsOf: scalars)
      let bytes = Array(String(mutated).utf8)
      let compilation = Self.compile(bytes: bytes)
      guard let file = compilation.sources.files.first(where: { $0.path == "results.csv" }) else { continue }
      let (rows, failure) = CSVReader.read(file)
      let errors = compilation.diagnostics.filter { $0.severity == .error && $0.span.file == file.id }
      if compilation.diagnostics.contains(where: { diagnostic in diagnostic.code == .E0602 && rows.first.map { diagnostic.span.start <= $0.span.end } ?? true }) {
        continue  // the heading row or the whole table is in error: no row is read, and that is said
      }
      checked += 1
      var cut = Int.max
      if case .unterminatedQuote(let span) = failure { cut = span.start }
      let read = Set(compilation.program.results.map(\.row))
      for row in rows.dropFirst() where row.span.start < cut && !row.cells.allSatisfy({ $0.trimmed.isEmpty }) {
        XCTAssertTrue(
          read.contains(row.line) || errors.contains { row.span.start <= $0.span.start && $0.span.start <= row.span.end },
          "iteration \(iteration): row \(row.line) neither read nor reported in:\n\(String(decoding: bytes, as: UTF8.self))")
      }
    }
    XCTAssertGreaterThan(checked, 250, "most mutations should leave the heading row readable")
  }
}
