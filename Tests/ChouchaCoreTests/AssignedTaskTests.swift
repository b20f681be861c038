import XCTest

@testable import ChouchaCore

/// Inspections assigned from above (任务来源 上级交办): a row with no task of the plan, checked for
/// its dates and repeats, not for task, window, department or draw; counted in the year's coverage
/// (E0916, `figures-YYYY.*`) and in the monthly report, never published as the plan's results.
final class AssignedTaskTests: XCTestCase {
  static let heading = "任务编号,统一社会信用代码,检查部门,检查日期,检查结果,问题描述,公示日期,后续处置,办结日期,任务来源\n"

  static func compile(_ rows: String, plan: String = "") -> Compilation {
    ResultChecksTests.compile(rows, plan: plan, heading: heading)
  }

  static func check(_ rows: String, plan: String = "", draw: [String: [String]]? = nil, asOf: String? = nil) -> [String] {
    ResultChecksTests.check(rows, plan: plan, draw: draw, asOf: asOf, heading: heading)
  }

  /// The assigning authority's task id, a date outside any window of the plan, an entity nobody
  /// drew: none of it is an error for an assigned row; the same row of the plan is three.
  func testNoTaskWindowOrDrawChecks() {
    let assigned = "SJ-2024-017,91130102MA00000009,SCJG,2024-12-10,未发现问题,,,,,上级交办\n"
    XCTAssertEqual(Self.check(assigned, draw: ["2024-S-TZ-01": []], asOf: "2024-12-31"), [])
    XCTAssertEqual(Self.check("2024-S-TZ-01,91130102MA00000009,SCJG,2024-12-10,未发现问题,,,,,\n", draw: ["2024-S-TZ-01": []]), [
      "E0908 91130102MA00000009", "E0906 2024-12-10",
    ])
    // The aliases platforms write; the plan written out is the plan.
    XCTAssertEqual(Self.check("SJ-1,91130102MA00000009,SCJG,2024-06-10,未发现问题,,,,,上级部门下派\n"), [])
    XCTAssertEqual(Self.check("SJ-1,91130102MA00000009,SCJG,2024-06-10,未发现问题,,,,,本级计划\n"), ["E0904 SJ-1"])
  }

  /// Dates and repeats are still checked: a date after the as-of day, the same row twice, a
  /// problem without a follow-up, an unknown 任务来源 (with the closest spelling).
  func testDatesRepeatsAndValuesAreChecked() {
    let rows = """
      SJ-1,91130102MA00000009,SCJG,2024-06-10,未发现问题,,,,,上级交办
      SJ-1,91130102MA00000009,SCJG,2024-06-11,未发现问题,,,,,上级交办
      SJ-2,91130102MA00000009,SCJG,2024-06-11,未发现问题,,,,,上级交办
      SJ-3,91130102MA00000008,SCJG,2025-01-05,发现问题已责令改正,未亮证,,,,上级交办
      SJ-4,91130102MA00000007,SCJG,2024-06-10,未发现问题,,,,,上级交版

      """
    XCTAssertEqual(Self.check(rows, asOf: "2024-12-31"), [
      "E0907 91130102MA00000009", "E0917 2025-01-05", "E0903 发现问题已责令改正", "E0901 上级交版",
    ])
  }

  /// 二（四）: coverage counts the entities “含本部门抽取及上级部门下派”. One entity of the plan
  /// and nine assigned make 10 of a base of 200: the 5% is met overall and for SCJG (XFJY has
  /// none: E0916 for it alone); an assigned row of another year does not count.
  func testAssignedRowsCountInTheCoverage() throws {
    var rows = "2024-S-TZ-01,91130102MA00000001,SCJG,2024-05-06,未发现问题,,2024-06-06,,,\n"
    for n in 2...10 { rows += "SJ-\(n),91130102MA0000\(1000 + n),SCJG,2024-10-0\(n % 9 + 1),未发现问题,,,,,上级交办\n" }
    let plan = "; 最低覆盖率 5%; 企业基数 200"
    XCTAssertEqual(Self.check(rows, plan: plan, asOf: "2024-12-31"), ["E0916 5%"])
    let lastYear = rows.replacingOccurrences(of: "SJ-10,91130102MA00001010,SCJG,2024-10-02", with: "SJ-10,91130102MA00001010,SCJG,2023-10-02")
    XCTAssertEqual(Self.check(lastYear, plan: plan, asOf: "2024-12-31"), ["E0916 5%", "E0916 5%", "E0916 5%"])

    // The figures of `build`: the same coverage, the entities apart; nothing assigned is published.
    let compilation = Self.compile(rows, plan: plan)
    let built = ResultDocuments.build(compilation.program, try XCTUnwrap(Planner.plan(compilation.program, year: 2024)))
    let files = Dictionary(uniqueKeysWithValues: built.map { ($0.name, String(decoding: $0.bytes, as: UTF8.self)) })
    let figures = try XCTUnwrap(files["figures-2024.json"])
    XCTAssertTrue(figures.contains("\"entities\": 1,\n    \"assignedEntities\": 9,\n    \"coverage\": \"5%\""), figures)
    XCTAssertTrue(try XCTUnwrap(files["figures-2024.md"]).contains("上级交办户数"))
    XCTAssertFalse(try XCTUnwrap(files["results-2024.csv"]).contains("MA00001"))

    // The monthly report: apart in row 4, within row 5.
    let form = MonthlyReportForm.build(
      compilation.program, try XCTUnwrap(Planner.plan(compilation.program, year: 2024)), department: "SCJG",
      month: YearMonth(year: 2024, month: 10)!, asOf: nil)
    let csv = String(decoding: form[0].bytes, as: UTF8.self)
    XCTAssertTrue(csv.contains("检查 0 户（0 户次）；另有上级交办检查 9 户，不属年度计划，不计入本行"), csv)
    XCTAssertTrue(csv.contains("区市场监督管理局（SCJG）：检查 9 户（含上级交办 9 户）"), csv)
  }
}
