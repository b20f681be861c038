import XCTest

@testable import ChouchaCore

/// Check points: the normalised text the merging and W0802 compare.
final class ChecklistTests: XCTestCase {
  func testNormalisingDropsSpacesAndPunctuationAndFoldsFullWidth() {
    let n = CheckPoint.normalised
    XCTAssertEqual(n("是否取得《特种行业许可证》？"), "是否取得特种行业许可证")
    XCTAssertEqual(n("是否取得 特种行业许可证"), n("是否取得特种行业许可证。"))
    XCTAssertEqual(n("是否\u{3000}落实，旅客信息登记；"), "是否落实旅客信息登记")
    // Look-alike and zero-width characters pasted in.
    XCTAssertEqual(n("是否\u{00A0}落实\u{200B}旅客\u{FEFF}信息登记"), "是否落实旅客信息登记")
    // Full-width ASCII is folded; letters keep their case; full-width punctuation goes.
    XCTAssertEqual(n("ＩＣＰ许可证（第１号）！"), "ICP许可证第1号")
    XCTAssertEqual(n("icp"), "icp")
    // CJK punctuation of every kind, and quotes.
    XCTAssertEqual(n("“是否”‘建立’【安全】管理·制度、…—"), "是否建立安全管理制度")
    // Symbols stay: they change what is asked.
    XCTAssertEqual(n("温度 ≤ 5℃ + 湿度 = 60"), "温度≤5℃+湿度=60")
    XCTAssertEqual(n(""), "")
    XCTAssertEqual(n(" ，。 "), "")
  }

  /// Linear: a point text of a megabyte normalises in one pass.
  func testNormalisingALongTextIsLinear() {
    let text = String(repeating: "是否，落实 登记；", count: 100_000)
    let start = ContinuousClock.now
    XCTAssertEqual(PointText.normalised(text).count, 600_000)
    XCTAssertLessThan(ContinuousClock.now - start, .seconds(5))
  }

  // MARK: - A draw document's visits

  static func drawFixture() throws -> [UInt8] {
    Array(try Data(contentsOf: GoldenTests.fixtures.appendingPathComponent("draw/ok-rules-example/expected/draw.json")))
  }

  func testVisitsAreReadTaskByTask() throws {
    let bytes = try Self.drawFixture()
    let visits = try bytes.withUnsafeBufferPointer { try DrawDocument.visits($0).get() }
    XCTAssertEqual(visits.year, 2024)
    XCTAssertEqual(visits.tasks.map(\.id), ["2024-J-餐饮"])
    XCTAssertEqual(visits.count, 8)
    let first = try XCTUnwrap(visits.tasks.first?.visits.first)
    XCTAssertEqual(first.code, "91130102MA00000010")
    XCTAssertEqual(first.name, "长安区第10家餐馆")
    XCTAssertEqual(first.inspectors.map(\.name), ["周杰", "张敏", "黄娟", "赵磊"])
    XCTAssertEqual(first.inspectors.map(\.department), ["SCJG", "SCJG", "XFJY", "XFJY"])
    XCTAssertEqual(visits.sha256, SHA256.hex(SHA256.hash(bytes)))
  }

  /// What the sheets take from a document is checked and named by its field.
  func testAnEditedVisitIsNamedByItsField() throws {
    let text = String(decoding: try Self.drawFixture(), as: UTF8.self)
    func problem(_ edited: String) -> DrawDocument.Problem? {
      Array(edited.utf8).withUnsafeBufferPointer { buffer in
        if case .failure(let problem) = DrawDocument.visits(buffer) { return problem }
        return nil
      }
    }
    let department = text.replacingOccurrences(of: #""department": "XFJY""#, with: #""department": "GA""#)
    XCTAssertEqual(problem(department)?.field, "tasks[0].targets[0].inspectors[2].department")
    let riskClass = text.replacingOccurrences(of: #""class": "A""#, with: #""class": "Z""#)
    XCTAssertEqual(problem(riskClass)?.field.hasSuffix(".class"), true)
    let cut = String(text.prefix(text.utf8.count / 2))
    XCTAssertEqual(problem(cut)?.kind, .notADocument)
    // A targets list outside a task is not taken for one.
    let moved = text.replacingOccurrences(of: #""inputs": {"#, with: #""extra": {"targets": []}, "inputs": {"#)
    XCTAssertNil(problem(moved))
    XCTAssertEqual(try Array(moved.utf8).withUnsafeBufferPointer { try DrawDocument.visits($0).get() }.count, 8)
  }

  // MARK: - Merging

  static func compile(_ text: String) -> (Compilation, AnnualPlan) {
    let compilation = Compiler.compile(texts: [("rules.choucha", text)])
    return (compilation, Planner.plan(compilation.program, year: nil)!)
  }

  /// Two departments in one bundle; `points` gives each item's 要点 block.
  static func bundle(_ scjg: String, _ xfjy: String, shared: String = "") -> String {
    """
    部门 SCJG "区市场监督管理局" { 类型 本级 }
    部门 XFJY "区消防救援大队" { 类型 垂直 }
    法规 食品安全法 "中华人民共和国食品安全法" { 施行 2015-10-01 }
    法规 消防法 "中华人民共和国消防法" { 施行 1998-09-01 }
    权责 JC-1 "对食品经营者的监督检查" { 类型 行政检查; 部门 SCJG; 依据 食品安全法 "第一百一十条" }
    权责 JC-2 "消防监督检查" { 类型 行政检查; 部门 XFJY; 依据 消防法 "第五十三条" }
    \(shared)
    事项 SP-01 "食品" {
      部门 SCJG; 权责 JC-1; 依据 食品安全法 "第一百一十条"; 类别 一般; 对象 餐饮; 方式 实地检查; 比例 5%; 频次 1
      要点 {
    \(scjg)
      }
    }
    事项 XF-01 "消防" {
      部门 XFJY; 权责 JC-2; 依据 消防法 "第五十三条"; 类别 一般; 对象 餐饮; 方式 实地检查; 比例 5%; 频次 1
      要点 {
    \(xfjy)
      }
    }
    一业一查 CY "餐饮" { 牵头 XFJY; 行业 餐饮服务; 事项 SP-01, XF-01 }
    计划 2024 "计划" { 期间 2024-03-01 .. 2024-11-30 }
    """
  }

  /// No two points of a merged sheet are the same point: neither the same code nor the same
  /// normalised text; numbered 1…n without a gap.
  static func assertNoDuplicate(_ sheet: MergedSheet, file: StaticString = #filePath, line: UInt = #line) {
    let points = sheet.points
    XCTAssertEqual(points.map(\.number), points.indices.map { $0 + 1 }, file: file, line: line)
    let texts = points.map { CheckPoint.normalised($0.point.text) }
    XCTAssertEqual(Set(texts).count, texts.count, "a point twice: \(texts)", file: file, line: line)
    let codes = points.compactMap(\.point.code)
    XCTAssertEqual(Set(codes).count, codes.count, "a code twice: \(codes)", file: file, line: line)
  }

  /// The same question written by two departments, with other punctuation and spaces, is one
  /// point of the 共同要点 naming both; the lead (here XFJY) comes first.
  func testTheSameTextOfTwoDepartmentsIsOnePoint() throws {
    let (compilation, plan) = Self.compile(
      Self.bundle(
        #""是否建立安全管理制度。" 依据 食品安全法 "第一百一十条"  方式 书面"# + "\n" + #""健康证明是否有效" 方式 实地"#,
        #""是否建立 安全管理制度" 依据 消防法 "第五十三条"  方式 实地"# + "\n" + #""是否建立安全管理制度？" 答案 是、否"#))
    XCTAssertEqual(compilation.diagnostics.filter { $0.severity == .error }.map(\.code), [])
    let checklists = Checklists.make(compilation.program, plan)
    let (task, sheet) = try XCTUnwrap(checklists.guides.first)
    XCTAssertEqual(task.lead.code, "XFJY")
    Self.assertNoDuplicate(sheet)
    XCTAssertEqual(sheet.groups.map { $0.department?.code }, [nil, "SCJG"])
    let common = try XCTUnwrap(sheet.groups.first?.points.first)
    XCTAssertEqual(common.number, 1)
    XCTAssertEqual(common.point.text, "是否建立 安全管理制度", "the first occurrence's text, in the task's order (lead first)")
    XCTAssertEqual(common.departments.map(\.code), ["XFJY", "SCJG"])
    XCTAssertEqual(common.items, ["XF-01", "SP-01"])
    XCTAssertEqual(common.point.bases.map(\.law), ["消防法", "食品安全法"])
    XCTAssertEqual(common.point.methods, [.onsite, .document])
    XCTAssertEqual(common.point.answers, ["符合", "不符合", "不涉及", "是", "否"])
    XCTAssertEqual(sheet.points.map(\.point.text), ["是否建立 安全管理制度", "健康证明是否有效"])
    // The item's own checklist keeps what was written, twice included (W0804 says so).
    XCTAssertEqual(checklists.items.first { $0.item.code == "XF-01" }?.points.count, 2)
  }

  /// A shared point referenced by both departments is listed once, with its code; an own point
  /// with its text takes the shared point's code and wording.
  func testASharedPointIsListedOnce() throws {
    let shared = #"要点 GX-01 "是否建立安全管理制度" { 依据 消防法 "第十六条"; 方式 书面检查 }"#
    let (compilation, plan) = Self.compile(Self.bundle("GX-01\n" + #""是否建立安全管理制度。""#, "GX-01", shared: shared))
    XCTAssertEqual(compilation.diagnostics.filter { $0.severity == .error }.map(\.code), [])
    let checklists = Checklists.make(compilation.program, plan)
    let sheet = try XCTUnwrap(checklists.guides.first?.sheet)
    Self.assertNoDuplicate(sheet)
    XCTAssertEqual(sheet.points.count, 1)
    let point = try XCTUnwrap(sheet.points.first)
    XCTAssertEqual(point.point.code, "GX-01")
    XCTAssertTrue(point.point.shared)
    XCTAssertEqual(point.departments.map(\.code), ["XFJY", "SCJG"])
    // The own point comes first (the lead XFJY's item), the shared one second: one point, with the
    // shared point's code and wording.
    let (other, otherPlan) = Self.compile(Self.bundle("GX-01", #""是否建立安全管理制度。""#, shared: shared))
    let merged = try XCTUnwrap(Checklists.make(other.program, otherPlan).guides.first?.sheet.points)
    XCTAssertEqual(merged.map(\.point.code), ["GX-01"])
    XCTAssertEqual(merged.map(\.point.text), ["是否建立安全管理制度"])
    XCTAssertEqual(merged.map(\.point.shared), [true])
  }

  /// The committed fixtures: every merged sheet has no duplicated point.
  func testTheFixturesMergedSheetsHaveNoDuplicatedPoint() throws {
    for name in ["ok-checklists", "ok-checklists-draw"] {
      let folder = GoldenTests.fixtures.appendingPathComponent("build/\(name)")
      let compilation = try GoldenTests.compile(folder: folder, displayPrefix: name)
      let plan = try XCTUnwrap(Planner.plan(compilation.program, year: nil))
      let checklists = Checklists.make(compilation.program, plan)
      XCTAssertFalse(checklists.sheets.isEmpty)
      for sheet in checklists.sheets.values { Self.assertNoDuplicate(sheet) }
    }
  }

  /// The documents: a point starting with `=` is no formula in CSV; Markdown shows markup as text.
  func testPointTextsAreSafeInCSVAndMarkdown() throws {
    let (compilation, plan) = Self.compile(
      Self.bundle(#""=HYPERLINK(\"http://x\") 是否公示""#, #""是否 | *完好* <b>有效</b> [见](javascript:alert(1))""#))
    let files = Documents.build(plan, checklists: Checklists.make(compilation.program, plan))
    func text(_ name: String) throws -> String {
      String(decoding: try XCTUnwrap(files.first { $0.name == name }).bytes, as: UTF8.self)
    }
    for name in ["checklists.csv", "guides.csv"] {
      let csv = try text(name)
      XCTAssertTrue(csv.contains(#""'=HYPERLINK(""http://x"") 是否公示""#), csv)
      XCTAssertFalse(csv.contains(",=HYPERLINK"), csv)
    }
    let markdown = try text("checklists.md")
    XCTAssertTrue(markdown.contains(#"是否 \| \*完好\* &lt;b&gt;有效&lt;/b&gt; \[见\](javascript\:alert(1))"#), markdown)
    XCTAssertFalse(markdown.contains("<b>"))
  }

  /// Rules without points write nothing new.
  func testNoPointsNoNewDocument() {
    let (compilation, plan) = Self.compile(Self.bundle("", "").replacingOccurrences(of: "要点 {\n\n  }", with: ""))
    let checklists = Checklists.make(compilation.program, plan)
    XCTAssertTrue(checklists.isEmpty)
    XCTAssertEqual(Documents.build(plan, checklists: checklists).map(\.name), Documents.build(plan).map(\.name))
    XCTAssertEqual(Documents.build(plan).count, 5)
  }

  /// 10,000 points in one bundle, half of them the same texts written by the other department,
  /// and a shared point referenced by every item: merged in linear time.
  func testTenThousandPointsMergeInLinearTime() throws {
    var scjg: [String] = []
    var xfjy: [String] = []
    for index in 0..<5_000 {
      scjg.append("\"是否落实第\(index)项制度\"")
      xfjy.append(index.isMultiple(of: 2) ? "\"是否落实 第\(index)项制度。\"" : "\"消防第\(index)项\"")
    }
    let (compilation, plan) = Self.compile(Self.bundle(scjg.joined(separator: "\n"), xfjy.joined(separator: "\n")))
    XCTAssertEqual(compilation.diagnostics.filter { $0.severity == .error }.map(\.code), [])
    let start = ContinuousClock.now
    let checklists = Checklists.make(compilation.program, plan)
    let files = Documents.checklists(plan, checklists)
    let elapsed = ContinuousClock.now - start
    let sheet = try XCTUnwrap(checklists.guides.first?.sheet)
    XCTAssertEqual(sheet.points.count, 7_500)
    XCTAssertEqual(sheet.groups.first?.points.count, 2_500)
    Self.assertNoDuplicate(sheet)
    XCTAssertEqual(files.count, 4)
    XCTAssertLessThan(elapsed, .seconds(10), "10,000 points took \(elapsed)")
    print("checklists of 10,000 points: \(elapsed)")
  }

  // MARK: - Sheets

  func testADrawOfAnotherYearOrOtherTasksIsRefused() throws {
    let folder = GoldenTests.fixtures.appendingPathComponent("build/ok-checklists-draw")
    let compilation = try GoldenTests.compile(folder: folder, displayPrefix: "case")
    let plan = try XCTUnwrap(Planner.plan(compilation.program, year: nil))
    let checklists = Checklists.make(compilation.program, plan)
    let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent("draw-2024.json")))
    var visits = try bytes.withUnsafeBufferPointer { try DrawDocument.visits($0).get() }
    let made = try Sheets.make(plan, checklists, visits).get()
    XCTAssertEqual(made.sheets.count, visits.count)
    XCTAssertEqual(made.sheets.map(\.round.id).first, "2024-J-餐饮@1")
    XCTAssertEqual(made.sheets.first?.round.window, DayRange(Day(parsing: "2024-04-01")!, Day(parsing: "2024-06-30")!))

    var other = visits
    other.year = 2023
    guard case .failure(let year) = Sheets.make(plan, checklists, other) else { return XCTFail("another year") }
    XCTAssertEqual(year.field, "year")
    XCTAssertTrue(year.message.zh.contains("2023"), year.message.zh)
    visits.tasks[1].id = "2024-J-别的@2"
    guard case .failure(let task) = Sheets.make(plan, checklists, visits) else { return XCTFail("another task") }
    XCTAssertEqual(task.field, "tasks[1].id")
    XCTAssertTrue(task.message.en.contains("2024-J-别的@2"), task.message.en)
  }

  // MARK: - build, through the binary

  /// A copy of the draw fixture in a fresh folder (its expected documents left out).
  func repository() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("choucha-sheets-\(UUID().uuidString)")
    addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.copyItem(at: GoldenTests.fixtures.appendingPathComponent("build/ok-checklists-draw"), to: folder)
    try FileManager.default.removeItem(at: folder.appendingPathComponent("expected"))
    return folder
  }

  func testBuildWritesTheSheetsOfTheImportedDraw() throws {
    let folder = try repository()
    let out = folder.appendingPathComponent("out")
    let built = try OutputTests.run(["build", folder.path, "--out", out.path])
    XCTAssertEqual(built.status, 0, built.output)
    let expected = GoldenTests.fixtures.appendingPathComponent("build/ok-checklists-draw/expected")
    for name in ["sheets-2024.json", "sheets-2024.csv", "sheets-2024.md", "checklists.json", "guides.csv"] {
      XCTAssertEqual(
        try Data(contentsOf: out.appendingPathComponent(name)), try Data(contentsOf: expected.appendingPathComponent(name)), name)
    }
    XCTAssertTrue(built.output.contains("一企一表 10 张"), built.output)
  }

  /// A draw of another year, imported: E0601 at the import, nothing written. The same draw given
  /// with --draw: named by file and field. --draw wins over the import; a file that is no draw is
  /// exit 2.
  func testADrawThatDoesNotFitStopsTheBuild() throws {
    let folder = try repository()
    let draw = folder.appendingPathComponent("draw-2024.json")
    let good = try Data(contentsOf: draw)
    let old = Data(String(decoding: good, as: UTF8.self).replacingOccurrences(of: #""year": 2024"#, with: #""year": 2023"#).utf8)
    try old.write(to: draw)
    let out = folder.appendingPathComponent("out")
    let imported = try OutputTests.run(["build", folder.path, "--out", out.path])
    XCTAssertEqual(imported.status, 1, imported.output)
    XCTAssertTrue(imported.output.contains("错误[E0601]"), imported.output)
    XCTAssertTrue(imported.output.contains("抽取结果是 2023 年的，计划是 2024 年的"), imported.output)
    XCTAssertTrue(imported.output.contains("input.choucha:3:7"), imported.output)
    XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "nothing written")

    let given = folder.appendingPathComponent("given.json")
    try old.write(to: given)
    let option = try OutputTests.run(["build", folder.path, "--out", out.path, "--draw", given.path, "--lang", "en"])
    XCTAssertEqual(option.status, 1, option.output)
    XCTAssertTrue(option.output.contains("error: year: the draw is of 2023, the plan of 2024"), option.output)
    XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "nothing written")

    try good.write(to: given)
    let wins = try OutputTests.run(["build", folder.path, "--out", out.path, "--draw", given.path])
    XCTAssertEqual(wins.status, 0, wins.output)
    XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("sheets-2024.json").path))

    try Data("not a draw\n".utf8).write(to: given)
    let garbage = try OutputTests.run(["build", folder.path, "--out", out.path, "--draw", given.path])
    XCTAssertEqual(garbage.status, 2, garbage.output)
  }

  /// Before the draw, the document the rules import is not there: the rest is built, and said.
  func testAnImportedDrawNotYetMadeIsSaid() throws {
    let folder = try repository()
    try FileManager.default.removeItem(at: folder.appendingPathComponent("draw-2024.json"))
    let out = folder.appendingPathComponent("out")
    let built = try OutputTests.run(["build", folder.path, "--out", out.path])
    XCTAssertEqual(built.status, 0, built.output)
    XCTAssertTrue(built.output.contains("尚不存在，未写出一企一表"), built.output)
    XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("checklists.json").path))
    XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("sheets-2024.json").path))
    // `check` and `draw` read no draw: a path leaving the repository is the only thing checked.
    let input = folder.appendingPathComponent("input.choucha")
    let text = try String(contentsOf: input, encoding: .utf8)
    try Data(text.replacingOccurrences(of: #"引入 抽取 "draw-2024.json""#, with: #"引入 抽取 "../draw-2024.json""#).utf8).write(to: input)
    let checked = try OutputTests.run(["check", folder.path])
    XCTAssertEqual(checked.status, 1, checked.output)
    XCTAssertTrue(checked.output.contains("错误[E0601]: 引入路径“../draw-2024.json”超出了规则库目录"), checked.output)
  }
}
