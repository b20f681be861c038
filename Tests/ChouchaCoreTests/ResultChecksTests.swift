import XCTest

@testable import ChouchaCore

/// The checks over the results' rows (`ResultChecks`, E0903–E0917): what the fixtures under
/// `Tests/Fixtures/check/` do not show one case at a time — rounds found by the date, the as-of
/// day alone deciding, linear time — and `check --as-of`/`--draw` through the binary.
final class ResultChecksTests: XCTestCase {
  /// The codes of `ResultChecks`: E0903 and after in family 09.
  static func isRowCheck(_ code: DiagnosticCode) -> Bool {
    let number = code.rawValue.dropFirst()
    return number.hasPrefix("09") && number >= "0903"
  }

  /// A joint task drawn twice (`2024-J-CY@1`: 2024-04-01 .. 2024-06-30, `@2`: 2024-07-01 ..
  /// 2024-09-30) and a single task of SCJG (`2024-S-TZ-01`, the plan window).
  static func rules(plan: String = "") -> String {
    """
    部门 SCJG "区市场监督管理局" { 类型 本级 }
    部门 XFJY "区消防救援大队" { 类型 垂直 }
    法规 食品安全法 "中华人民共和国食品安全法" { 施行 2015-10-01 }
    法规 消防法 "中华人民共和国消防法" { 施行 1998-09-01 }
    权责 130102-JC-001 "对食品经营者的监督检查" { 类型 行政检查; 部门 SCJG; 依据 食品安全法 "第一百一十条" }
    权责 130102-JC-002 "对公众聚集场所消防安全的监督检查" { 类型 行政检查; 部门 XFJY; 依据 消防法 "第五十三条" }
    事项 SP-01 "食品经营者检查" { 部门 SCJG; 权责 130102-JC-001; 依据 食品安全法 "第一百一十条"; 类别 一般; 对象 餐饮服务经营者; 方式 实地检查; 比例 5%; 频次 2 }
    事项 XF-01 "消防安全检查" { 部门 XFJY; 权责 130102-JC-002; 依据 消防法 "第五十三条"; 类别 一般; 对象 餐饮服务经营者; 方式 实地检查; 比例 5%; 频次 1 }
    事项 TZ-01 "食品经营许可检查" { 部门 SCJG; 权责 130102-JC-001; 依据 食品安全法 "第一百一十条"; 类别 一般; 对象 食品经营者; 方式 书面检查; 比例 5%; 频次 1 }
    一业一查 CY "餐饮行业“一业一查”" { 牵头 SCJG; 行业 餐饮服务; 事项 SP-01, XF-01; 期间 2024-04-01 .. 2024-09-30 }
    计划 2024 "2024年抽查工作计划" { 期间 2024-03-01 .. 2024-11-30\(plan) }
    日历 2024 { 节假日 2024-10-01 .. 2024-10-07; 补班 2024-09-29, 2024-10-12 }
    引入 结果 "results.csv"

    """
  }

  static let heading = "任务编号,统一社会信用代码,检查部门,检查日期,检查结果,问题描述,公示日期,后续处置,办结日期\n"

  static func compile(_ rows: String, plan: String = "", heading: String = heading) -> Compilation {
    Compiler.compile(texts: [("rules.choucha", rules(plan: plan))], files: ["results.csv": heading + rows])
  }

  /// Everything `check` says of `rows`, with `draw` (round id → credit codes) and `asOf`.
  static func check(
    _ rows: String, plan: String = "", draw: [String: [String]]? = nil, asOf: String? = nil, heading: String = heading
  ) -> [String] {
    let compilation = compile(rows, plan: plan, heading: heading)
    let visits = draw.map { tasks in
      DrawnVisits(
        year: 2024, seed: "test", seedHash: "", sha256: "",
        tasks: tasks.keys.sorted().enumerated().map { index, id in
          .init(
            id: id, field: "tasks[\(index)]",
            visits: tasks[id]!.map { .init(code: $0, name: "企业\($0.suffix(2))", riskClass: "A", inspectors: []) })
        })
    }
    guard case .diagnostics(let more) = Compiler.checkResults(
      compilation, provider: MemoryFileProvider(files: [:]), draw: visits, asOf: asOf.map { Day(parsing: Substring($0))! })
    else {
      XCTFail("the draw does not go with the rules")
      return []
    }
    return (compilation.diagnostics + more).sortedForDisplay(compilation.sources).map { diagnostic in
      let file = compilation.sources[diagnostic.span.file]
      return "\(diagnostic.code.rawValue) \(String(decoding: file.bytes[diagnostic.span.start..<diagnostic.span.end], as: UTF8.self))"
    }
  }

  func testTheRulesAreClean() {
    XCTAssertEqual(Self.check(""), [])
    XCTAssertEqual(Self.check("", asOf: "2024-12-31"), [])
  }

  /// A bare task id of a task drawn twice goes to the round its date falls in: drawn in that
  /// round, no E0908; the same entity in both rounds is not a repeat; in one round, it is.
  func testABareIdGoesToTheRoundOfItsDate() {
    let rows = """
      2024-J-CY,91130102MA00000001,SCJG,2024-05-06,未发现问题,,2024-07-01,,
      2024-J-CY,91130102MA00000001,SCJG,2024-08-06,未发现问题,,2024-10-18,,
      2024-J-CY@2,91130102MA00000001,SCJG,2024-08-07,未发现问题,,2024-10-18,,

      """
    let draw = ["2024-J-CY@1": ["91130102MA00000001"], "2024-J-CY@2": ["91130102MA00000001"]]
    XCTAssertEqual(Self.check(rows, draw: draw), ["E0907 91130102MA00000001"])
    // (Sorted by place: the row of round 1 first.)
    // Drawn in round 1 only: the August inspection is of an entity round 2 did not draw.
    XCTAssertEqual(
      Self.check(rows, draw: ["2024-J-CY@1": ["91130102MA00000001"], "2024-J-CY@2": []]),
      ["E0908 91130102MA00000001", "E0907 91130102MA00000001", "E0908 91130102MA00000001"])
  }

  /// Without `--as-of` no deadline is judged, however late the table: nothing reads the clock.
  func testDeadlinesOnlyWithAnAsOfDay() {
    let rows = "2024-S-TZ-01,91130102MA00000002,SCJG,2024-05-06,发现问题待后续处理,未公示许可证,,立案查处,\n"
    XCTAssertEqual(Self.check(rows, plan: "; 处置时限 20 工作日"), [])
    XCTAssertEqual(Self.check(rows, plan: "; 处置时限 20 工作日", asOf: "2024-06-01"), [])
    // The follow-up was due 20 working days after 2024-05-06; publication 20 after 2024-11-30.
    XCTAssertEqual(Self.check(rows, plan: "; 处置时限 20 工作日", asOf: "2024-06-04"), ["E0913 立案查处"])
    XCTAssertEqual(Self.check(rows, plan: "; 处置时限 20 工作日", asOf: "2024-12-31"), ["E0911 2024-S-TZ-01", "E0913 立案查处"])
    // No 处置时限 in the plan: no follow-up deadline.
    XCTAssertEqual(Self.check(rows, asOf: "2024-12-31"), ["E0911 2024-S-TZ-01"])
  }

  /// Done but late is a warning (a closed year does not fail forever); open and overdue an error.
  func testDoneLateIsAWarning() {
    let rows = "2024-S-TZ-01,91130102MA00000002,SCJG,2024-05-06,发现问题已责令改正,未公示许可证,2025-01-06,责令改正,2024-07-01\n"
    let found = Self.check(rows, plan: "; 处置时限 20 工作日", asOf: "2025-03-01")
    XCTAssertEqual(found, ["W0912 2025-01-06", "W0914 2024-07-01"])
  }

  /// A date after the as-of day is E0917 and takes no part in the deadlines.
  func testADateAfterTheAsOfDayIsNotCounted() {
    let rows = "2024-S-TZ-01,91130102MA00000002,SCJG,2024-05-06,未发现问题,,2025-12-06,,\n"
    XCTAssertEqual(Self.check(rows, asOf: "2024-12-31"), ["E0917 2025-12-06"])
  }

  /// E0916 only once the day is past the plan window, and only with both 最低覆盖率 and 企业基数.
  func testCoverageOnlyAfterThePlanWindow() {
    let rows = "2024-S-TZ-01,91130102MA00000002,SCJG,2024-05-06,未发现问题,,2024-06-06,,\n"
    let plan = "; 最低覆盖率 5%; 企业基数 100"
    XCTAssertEqual(Self.check(rows, plan: plan, asOf: "2024-11-30"), [])
    XCTAssertEqual(Self.check(rows, plan: plan, asOf: "2024-12-01"), ["E0916 5%", "E0916 5%", "E0916 5%"])
    XCTAssertEqual(Self.check(rows, plan: "; 最低覆盖率 5%", asOf: "2024-12-01"), [])
  }

  /// E0915 once the round's report deadline (its end + 10 days) is past.
  func testDrawnWithoutAResultAfterTheReportDeadline() {
    let rows = "2024-J-CY@1,91130102MA00000001,SCJG,2024-05-06,未发现问题,,2024-07-01,,\n"
    let draw = ["2024-J-CY@1": ["91130102MA00000001", "91130102MA00000009"], "2024-J-CY@2": []]
    XCTAssertEqual(Self.check(rows, draw: draw, asOf: "2024-07-10"), [])
    XCTAssertEqual(Self.check(rows, draw: draw, asOf: "2024-07-11"), ["E0915 \"results.csv\""])
  }

  /// Linear in the rows: 100,000 rows cost about ten times 10,000 (each row a dictionary lookup;
  /// a typo in the task id is suggested once per distinct id). The rows are on time but one in
  /// ten, whose task id has a typo: what is measured is the checking, not the making of messages.
  func testTimeIsLinearInTheRows() {
    func table(_ count: Int) -> String {
      var rows = ""
      rows.reserveCapacity(count * 90)
      for index in 0..<count {
        let task = index % 10 == 0 ? "2024-S-TZ01" : "2024-S-TZ-01"
        rows += "\(task),9113010\(String(format: "%011d", index)),SCJG,2024-05-06,发现问题已责令改正,,2024-06-20,责令改正,2024-05-20\n"
      }
      return rows
    }
    func seconds(_ count: Int) -> Double {
      let compilation = Self.compile(table(count), plan: "; 处置时限 20 工作日; 最低覆盖率 5%; 企业基数 100000")
      XCTAssertEqual(compilation.program.results.count, count)
      let start = DispatchTime.now().uptimeNanoseconds
      let base = ResultChecks.run(compilation.program)
      let more = ResultChecks.run(compilation.program, draw: nil, asOf: Day(parsing: "2024-12-31"))
      let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
      XCTAssertEqual(base.count, count / 10)
      // Only the coverage of XFJY, which has no row.
      XCTAssertEqual(more.map(\.code), [.E0916])
      return elapsed
    }
    let small = seconds(10_000)
    let large = seconds(100_000)
    print("ResultChecks: 10,000 rows \(small) s, 100,000 rows \(large) s")
    XCTAssertLessThan(large, max(small, 0.05) * 25)
  }

  // MARK: - The command line

  func testCheckAsOfThroughTheBinary() throws {
    let fixture = "Tests/Fixtures/check/err-result-not-published"
    var (status, output) = try OutputTests.run(["check", fixture])
    XCTAssertEqual(status, 0, output)
    (status, output) = try OutputTests.run(["check", fixture, "--as-of", "2024-08-30"])
    XCTAssertEqual(status, 1, output)
    XCTAssertTrue(output.contains("E0911"), output)
    (status, output) = try OutputTests.run(["check", fixture, "--as-of", "2024-02-30"])
    XCTAssertEqual(status, 2, output)
    XCTAssertTrue(output.contains("--as-of"), output)
    (status, output) = try OutputTests.run(["check", fixture, fixture, "--draw", "x.json"])
    XCTAssertEqual(status, 2, output)
  }

  /// `build` never judges deadlines: the late table builds.
  func testBuildDoesNotJudgeDeadlines() throws {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("choucha-results-\(UUID().uuidString)")
    addTeardownBlock { try? FileManager.default.removeItem(at: out) }
    let (status, output) = try OutputTests.run(["build", "Tests/Fixtures/check/err-result-not-published", "--out", out.path])
    XCTAssertEqual(status, 0, output)
    XCTAssertFalse(output.contains("E09"), output)
  }

  /// `check --draw FILE` ties the results to a draw the rules do not import; it wins over one
  /// they do.
  func testCheckDrawOption() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("choucha-draw-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
    let fixture = RepositoryTests.root.appendingPathComponent("Tests/Fixtures/check/err-result-not-drawn")
    let rules = try String(contentsOf: fixture.appendingPathComponent("input.choucha"), encoding: .utf8)
      .replacingOccurrences(of: "引入 抽取 \"draw-2024.json\"\n", with: "")
    try Data(rules.utf8).write(to: folder.appendingPathComponent("input.choucha"))
    try FileManager.default.copyItem(at: fixture.appendingPathComponent("results.csv"), to: folder.appendingPathComponent("results.csv"))
    var (status, output) = try OutputTests.run(["check", folder.path])
    XCTAssertEqual(status, 0, output)
    (status, output) = try OutputTests.run(["check", folder.path, "--draw", fixture.appendingPathComponent("draw-2024.json").path])
    XCTAssertEqual(status, 1, output)
    XCTAssertTrue(output.contains("E0908"), output)
    // A draw of other rules: refused, named by file and field.
    let other = RepositoryTests.root.appendingPathComponent("Tests/Fixtures/build/ok-checklists-draw/draw-2024.json")
    try Data("计划 2024 \"x\" { 期间 2024-03-01 .. 2024-11-30 }\n引入 结果 \"results.csv\"\n".utf8)
      .write(to: folder.appendingPathComponent("input.choucha"))
    (status, output) = try OutputTests.run(["check", folder.path, "--draw", other.path])
    XCTAssertEqual(status, 1, output)
    XCTAssertTrue(output.contains("tasks[0].id"), output)
  }
}

extension ResultChecksTests {
  /// One mistake, one diagnostic: a 后续处置 the reader cannot read (E0901) leaves the row without
  /// an action, and its E0903 is not said as well; a row whose 后续处置 is empty still gets it.
  func testAnUnreadActionIsNotAlsoE0903() {
    let rows = """
      2024-S-TZ-01,91130102MA00000002,SCJG,2024-05-06,发现问题待后续处理,未公示许可证,2024-06-06,立按查处,
      2024-S-TZ-01,91130102MA00000003,SCJG,2024-05-06,发现问题待后续处理,未公示许可证,2024-06-06,,

      """
    XCTAssertEqual(Self.check(rows), ["E0901 立按查处", "E0903 发现问题待后续处理"])
  }
}

extension ResultChecksTests {
  /// Two rows whose department cannot be read (E0101 each) are not a repeat of each other.
  func testUnreadDepartmentsAreNoRepeat() {
    let rows = """
      2024-S-TZ-01,91130102MA00000002,SCJJ,2024-05-06,未发现问题,,2024-06-06,,
      2024-S-TZ-01,91130102MA00000002,区市监局,2024-05-07,未发现问题,,2024-06-06,,

      """
    XCTAssertEqual(Self.check(rows).map { String($0.prefix(5)) }, ["E0101", "E0101"])
  }

  /// Many distinct mistyped ids: each suggested once, from one index of the ids.
  func testManyUnknownTaskIds() {
    let rows = (0..<2_000).map { "2024-S-TZ\($0),91130102MA00000002,SCJG,2024-05-06,未发现问题,,2024-06-06,,\n" }.joined()
    let found = Self.check(rows)
    XCTAssertEqual(found.count, 2_000)
    XCTAssertTrue(found.allSatisfy { $0.hasPrefix("E0904") })
  }
}
