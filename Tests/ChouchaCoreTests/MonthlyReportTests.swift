import Foundation
import XCTest

@testable import ChouchaCore

/// `choucha report` (`MonthlyReportForm`): the monthly form of the bundled rules is pinned byte for
/// byte (Tests/Fixtures/monthly-report/, `BLESS=1 swift test` to update); the rest pins what the
/// form claims: only what is declared or counted, nothing after the as-of day, no clock.
final class MonthlyReportTests: XCTestCase {
  static let expected = GoldenTests.fixtures.appendingPathComponent("monthly-report")

  static let rules: Compilation = try! RepositoryTests.DiskRepository(root: RepositoryTests.root.appendingPathComponent("Rules"))
    .compile(display: "Rules")

  func form(_ compilation: Compilation = rules, department: String = "SCJG", month: String = "2024-05", asOf: String? = "2024-06-10")
    throws -> [String: String]
  {
    XCTAssertEqual(compilation.diagnostics.errorCount, 0)
    let month = try XCTUnwrap(YearMonth(parsing: month))
    let plan = try XCTUnwrap(Planner.plan(compilation.program, year: month.year))
    let files = MonthlyReportForm.build(
      compilation.program, plan, department: department, month: month, asOf: asOf.map { Day(parsing: Substring($0))! })
    return Dictionary(uniqueKeysWithValues: files.map { ($0.name, String(decoding: $0.bytes, as: UTF8.self)) })
  }

  /// `choucha report Rules --month 2024-05 --department SCJG --as-of 2024-06-10`, as README shows it.
  func testRulesFormIsPinned() throws {
    let written = try form()
    XCTAssertEqual(written.keys.sorted(), ["report-2024-05-SCJG.csv", "report-2024-05-SCJG.md"])
    for (name, text) in written {
      let file = Self.expected.appendingPathComponent(name)
      if GoldenTests.bless {
        try FileManager.default.createDirectory(at: Self.expected, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        continue
      }
      // Bytes, not `String(contentsOf:)`, which drops the CSV's BOM.
      XCTAssertEqual(Array(text.utf8), [UInt8](try Data(contentsOf: file)), "\(name) differs (BLESS=1 swift test to update)")
    }
    // The same bytes every time.
    XCTAssertEqual(try form(), written)
  }

  /// The figures of row 4 are SCJG's rows of May 2024 in the results table, counted here apart.
  func testRow4CountsTheDepartmentsRowsOfTheMonth() throws {
    let program = Self.rules.program
    let may = try XCTUnwrap(YearMonth(parsing: "2024-05")).days
    let asOf = Day(parsing: "2024-06-10")!
    let rows = program.results.filter { $0.department?.value == "SCJG" }
    let inspected = rows.filter { $0.inspected.map { may.contains($0.value) && $0.value <= asOf } ?? false }
    let entities = Set(inspected.map(\.entity.value))
    let problems = Set(inspected.filter { $0.category?.value.isProblem ?? false }.map(\.entity.value))
    let published = rows.filter { $0.published.map { may.contains($0.value) && $0.value <= asOf } ?? false }
    XCTAssertGreaterThan(entities.count, 0, "the bundled results have SCJG inspections in May")
    let csv = try XCTUnwrap(try form()["report-2024-05-SCJG.csv"])
    XCTAssertTrue(csv.contains("检查 \(entities.count) 户"), csv)
    XCTAssertTrue(csv.contains("发现问题的检查主体数量,\(problems.count) 户"), csv)
    XCTAssertTrue(csv.contains("公示 \(published.count) 条；公示网站："), csv)
  }

  /// A month the rules declare nothing for: rows 1–3, the documents, website and contacts are
  /// visibly not given; without --as-of the date of filling is blank.
  func testUndeclaredMonthIsVisiblyBlank() throws {
    let csv = try XCTUnwrap(try form(month: "2024-07", asOf: nil)["report-2024-07-SCJG.csv"])
    XCTAssertTrue(csv.contains(",填表时间,\r\n"), csv)
    for row in ["本月召开会议部署随机抽查工作情况（注明召开会议的名称及时间）", "本月印发双随机工作文件情况（注明文件名称及文号）", "本月组织随机抽查的文件"] {
      XCTAssertTrue(csv.contains("\(row),（未填报）"), row)
    }
    XCTAssertTrue(csv.contains("公示网站（未填报）"))
    XCTAssertTrue(csv.contains(",联系人,（未填报）"))
    // The declared month's contact does not leak into another month.
    XCTAssertFalse(csv.contains("张立权"))
  }

  /// Nothing inspected or published after the as-of day is counted: before the month, nothing is.
  func testNothingAfterTheAsOfDay() throws {
    let csv = try XCTUnwrap(try form(asOf: "2024-04-30")["report-2024-05-SCJG.csv"])
    XCTAssertTrue(csv.contains("检查 0 户（0 户次）"), csv)
    XCTAssertTrue(csv.contains("公示 0 条"), csv)
    XCTAssertTrue(csv.contains("开展的单位 0 个，检查主体 0 户，结果公示 0 条"), csv)
  }

  /// Rules without results: the counts from results say so, never zero.
  func testWithoutResultsTheCountsAreNotInvented() throws {
    let compilation = Compiler.compile(texts: [("r.choucha", Explanation.prelude + "月报 SCJG 2024-05 { 手机 13800000000 }\n")])
    let csv = try XCTUnwrap(try form(compilation, month: "2024-05")["report-2024-05-SCJG.csv"])
    XCTAssertTrue(csv.contains("发现问题的检查主体数量,（规则未引入检查结果）"), csv)
    XCTAssertTrue(csv.contains(",手机,13800000000"), csv)
    XCTAssertFalse(csv.contains(" 户"), csv)
  }

  /// The due dates of 三（四）: the form by the 20th of the next month (December's in January), the
  /// summaries on their days, a non-working day said and not moved.
  func testDueDates() throws {
    let calendar = WorkCalendar(Self.rules.program.calendars)
    let december = MonthlyReportForm.dueDates(month: YearMonth(year: 2024, month: 12)!, year: 2024, calendar: calendar)
    XCTAssertEqual(december.map(\.day.description), ["2025-01-20", "2024-04-01", "2024-06-20", "2024-10-01", "2024-12-16"])
    XCTAssertEqual(december.map(\.isWorkingDay), [true, true, true, false, true], "1 October 2024 is National Day")
    let md = try XCTUnwrap(try form()["report-2024-05-SCJG.md"])
    XCTAssertTrue(md.contains("2024年10月1日前（非工作日；文件未规定顺延，不调整）"))
    XCTAssertTrue(md.contains("| 2024年5月月报表 | 2024年6月20日前 |"))
  }

  /// `2024-05` and `2024年5月` name the same month; impossible months are not months.
  func testYearMonthParsing() {
    XCTAssertEqual(YearMonth(parsing: "2024-05"), YearMonth(year: 2024, month: 5))
    XCTAssertEqual(YearMonth(parsing: "2024年5月"), YearMonth(year: 2024, month: 5))
    XCTAssertEqual(YearMonth(parsing: "2024年12月"), YearMonth(year: 2024, month: 12))
    for bad in ["2024-13", "2024-00", "2024-5", "24-05", "2024年13月", "2024年月", "2024-05-01", ""] {
      XCTAssertNil(YearMonth(parsing: bad), bad)
    }
  }

  /// The declaration in both keyword languages reads the same, and a bad month is located.
  func testDeclarationInBothLanguages() throws {
    let zh = "月报 SCJG 2024-05 {\n  会议 \"部署会\" 2024-05-08\n  会议 \"推进会\" 2024-05-20\n  培训 \"培训班\" 30\n  联系电话 85282957\n}\n"
    let en = "monthly-report SCJG 2024-05 {\n  meeting \"部署会\" 2024-05-08\n  meeting \"推进会\" 2024-05-20\n  training \"培训班\" 30\n  phone 85282957\n}\n"
    let a = Parser.parse(SourceFile(id: 0, path: "a", bytes: Array(zh.utf8)))
    let b = Parser.parse(SourceFile(id: 0, path: "b", bytes: Array(en.utf8)))
    XCTAssertEqual(a.1.count, 0)
    XCTAssertEqual(b.1.count, 0)
    XCTAssertEqual(SyntaxDump.text(a.0.declarations), SyntaxDump.text(b.0.declarations))
    guard case .monthlyReport(let report) = a.0.declarations.first else { return XCTFail("not a monthly report") }
    XCTAssertEqual(report.meetings.count, 2, "meetings repeat")
    XCTAssertEqual(report.trainings.first?.people?.value, 30)
    XCTAssertNil(report.trainings.first?.content)

    // fmt writes the month canonically.
    let natural = SourceFile(id: 0, path: "d", bytes: Array("月报 SCJG 2024年5月 { 联系人 \"张\" }\n".utf8))
    guard case .success(let formatted) = RuleFormatter.format(natural) else { return XCTFail("fmt refused") }
    XCTAssertEqual(String(decoding: formatted, as: UTF8.self), "月报 SCJG 2024-05 { 联系人 \"张\" }\n")

    let bad = Parser.parse(SourceFile(id: 0, path: "c", bytes: Array("月报 SCJG 2024-13 { 联系人 \"张\" }\n".utf8)))
    XCTAssertEqual(bad.1.map(\.code), [.E0004])
    XCTAssertEqual(bad.1.first.map { Array("月报 SCJG 2024-13 { 联系人 \"张\" }\n".utf8)[$0.span.start..<$0.span.end] }, Array("2024-13".utf8)[...])
  }
}
