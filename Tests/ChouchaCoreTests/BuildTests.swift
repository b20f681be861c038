import XCTest

@testable import ChouchaCore
@testable import ChouchaDraw

/// Working days on the official calendar, determinism of the documents, and the writers' escaping.
final class BuildTests: XCTestCase {
  static var rulesCalendar: WorkCalendar = {
    let compilation = try! RepositoryTests.DiskRepository(root: RepositoryTests.root.appendingPathComponent("Rules"))
      .compile(display: "Rules")
    return WorkCalendar(compilation.program.calendars)
  }()

  func day(_ text: String) -> Day { Day(parsing: Substring(text))! }

  // MARK: - Working days (Rules/calendar.choucha, the State Council's 2024–2026 notices)

  func testSpringFestival2024() {
    let calendar = Self.rulesCalendar
    XCTAssertTrue(calendar.isWorkingDay(day("2024-02-04")), "Sunday made a working day (调休)")
    XCTAssertTrue(calendar.isWorkingDay(day("2024-02-09")), "除夕 2024 was a working Friday")
    XCTAssertFalse(calendar.isWorkingDay(day("2024-02-12")), "a Monday of the holiday")
    XCTAssertTrue(calendar.isWorkingDay(day("2024-02-18")), "Sunday made a working day")
    XCTAssertEqual(calendar.adding(workingDays: 1, after: day("2024-02-08")).day, day("2024-02-09"))
    XCTAssertEqual(calendar.adding(workingDays: 2, after: day("2024-02-08")).day, day("2024-02-18"))
    // 20 working days after the end of January: February has 8 holiday days and 2 made-up Sundays.
    XCTAssertEqual(calendar.adding(workingDays: 20, after: day("2024-01-31")).day, day("2024-03-04"))
  }

  func testSpringFestival2025() {
    let calendar = Self.rulesCalendar
    XCTAssertEqual(calendar.adding(workingDays: 1, after: day("2025-01-24")).day, day("2025-01-26"))
    XCTAssertEqual(calendar.adding(workingDays: 2, after: day("2025-01-24")).day, day("2025-01-27"))
    XCTAssertEqual(calendar.adding(workingDays: 3, after: day("2025-01-24")).day, day("2025-02-05"))
    XCTAssertEqual(calendar.adding(workingDays: 4, after: day("2025-01-24")).day, day("2025-02-06"))
    XCTAssertEqual(calendar.adding(workingDays: 5, after: day("2025-01-24")).day, day("2025-02-07"))
    XCTAssertEqual(calendar.adding(workingDays: 6, after: day("2025-01-24")).day, day("2025-02-08"), "Saturday made a working day")
  }

  func testNationalDay() {
    let calendar = Self.rulesCalendar
    // 2024: 10-01..07 off, Sunday 09-29 and Saturday 10-12 worked.
    XCTAssertEqual(calendar.adding(workingDays: 20, after: day("2024-09-30")).day, day("2024-11-01"))
    XCTAssertEqual(calendar.adding(workingDays: 1, after: day("2024-09-27")).day, day("2024-09-29"))
    // 2025: 10-01..08 off, Saturday 10-11 worked.
    XCTAssertEqual(calendar.adding(workingDays: 1, after: day("2025-09-30")).day, day("2025-10-09"))
    XCTAssertEqual(calendar.adding(workingDays: 3, after: day("2025-09-30")).day, day("2025-10-11"))
  }

  func testYearsWithoutCalendarAreReported() {
    let only2024 = WorkCalendar(
      Compiler.compile(texts: [("c.choucha", "日历 2024 { 节假日 2024-10-01 .. 2024-10-07 }\n")]).program.calendars)
    let result = only2024.adding(workingDays: 20, after: day("2024-12-20"))
    XCTAssertEqual(result.uncovered, [2025])
    // With weekends only: 2025-01-01 counts as a working day.
    XCTAssertEqual(result.day, day("2025-01-17"))
    XCTAssertEqual(only2024.adding(workingDays: 5, after: day("2024-11-01")).uncovered, [])
  }

  /// Every date of the official calendar (the CSV in ../shared, when present) is classified as it
  /// says: holidays off, made-up weekend days on, other days by the weekday.
  func testRulesCalendarMatchesTheOfficialTable() throws {
    let csv = RepositoryTests.root.deletingLastPathComponent()
      .appendingPathComponent("shared/data/realworld/cn_official_calendar_2024_2026.csv")
    guard let text = try? String(contentsOf: csv, encoding: .utf8) else {
      throw XCTSkip("the official calendar table is not beside the project")
    }
    var listed: [Day: String] = [:]
    for line in text.split(whereSeparator: \.isNewline).dropFirst() {
      let parts = line.split(separator: ",")
      listed[day(String(parts[0]))] = String(parts[1])
    }
    XCTAssertGreaterThan(listed.count, 100)
    var current = day("2024-01-01")
    while current <= day("2026-12-31") {
      let expected = listed[current].map { $0 == "workday" } ?? !current.isWeekend
      XCTAssertEqual(Self.rulesCalendar.isWorkingDay(current), expected, "\(current)")
      current = current.adding(days: 1)
    }
  }

  // MARK: - Determinism

  /// The files found in another order give the same bytes.
  func testFileOrderChangesNoByte() throws {
    let root = RepositoryTests.root.appendingPathComponent("Rules")
    let paths = FileManager.default.enumerator(atPath: root.path)!.compactMap { $0 as? String }
      .filter { $0.hasSuffix(".choucha") }.sorted()
    let provider = RepositoryTests.DiskRepository(root: root)
    func documents(_ order: [String]) throws -> [[UInt8]] {
      var sources = SourceMap()
      for path in order {
        sources.add(path: "Rules/\(path)", relativePath: path, bytes: [UInt8](try Data(contentsOf: root.appendingPathComponent(path))))
      }
      let compilation = Compiler.compile(sources, provider: provider)
      XCTAssertFalse(compilation.hasErrors)
      return Documents.build(try XCTUnwrap(Planner.plan(compilation.program, year: nil))).map(\.bytes)
    }
    let reference = try documents(paths)
    var generator = SystemRandomNumberGenerator()
    for order in [paths.reversed(), paths.shuffled(using: &generator), paths.shuffled(using: &generator)] {
      XCTAssertEqual(try documents(Array(order)), reference)
    }
  }

  /// Declarations written in another order give the same bytes.
  func testDeclarationOrderChangesNoByte() throws {
    let input = RepositoryTests.root.appendingPathComponent("Tests/Fixtures/build/ok-joint-and-single/input.choucha")
    let text = try String(contentsOf: input, encoding: .utf8)
    // Top-level blocks: a line that starts a declaration, and the indented lines and `}` after it.
    var blocks: [String] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if let first = line.first, first != " ", first != "}", first != "#" {
        blocks.append(String(line) + "\n")
      } else if !blocks.isEmpty {
        blocks[blocks.count - 1] += String(line) + "\n"
      }
    }
    XCTAssertGreaterThan(blocks.count, 10)
    func documents(_ files: [(String, String)]) throws -> [[UInt8]] {
      let compilation = Compiler.compile(texts: files)
      XCTAssertFalse(compilation.hasErrors, HumanRenderer(language: .en).render(compilation.diagnostics, sources: compilation.sources))
      return Documents.build(try XCTUnwrap(Planner.plan(compilation.program, year: nil))).map(\.bytes)
    }
    let reference = try documents([("a.choucha", text)])
    XCTAssertEqual(try documents([("a.choucha", blocks.reversed().joined())]), reference)
    // One declaration per file, the files named in reverse.
    let split = blocks.enumerated().map { ("\(String(format: "%03d", 999 - $0)).choucha", $1) }
    XCTAssertEqual(try documents(split), reference)
  }

  // MARK: - Writers

  func testCSVIsFormulaSafeAndQuoted() {
    XCTAssertEqual(CSVWriter.cell("=1+1"), "'=1+1")
    XCTAssertEqual(CSVWriter.cell("+86"), "'+86")
    XCTAssertEqual(CSVWriter.cell("-5"), "'-5")
    XCTAssertEqual(CSVWriter.cell("@cmd"), "'@cmd")
    XCTAssertEqual(CSVWriter.cell("\tx"), "'\tx")
    XCTAssertEqual(CSVWriter.cell("a,b"), "\"a,b\"")
    XCTAssertEqual(CSVWriter.cell("say \"hi\""), "\"say \"\"hi\"\"\"")
    XCTAssertEqual(CSVWriter.cell("two\nlines"), "\"two\nlines\"")
    XCTAssertEqual(CSVWriter.cell("食品经营者"), "食品经营者")
    let document = CSVWriter.document(header: ["序号"], rows: [["1"]])
    XCTAssertEqual(Array(document.prefix(3)), [0xEF, 0xBB, 0xBF], "UTF-8 with a BOM")
    XCTAssertEqual(String(decoding: document.dropFirst(3), as: UTF8.self), "序号\r\n1\r\n")
  }

  func testMarkdownCellsCannotBreakTheTable() {
    XCTAssertEqual(MarkdownWriter.cell("a|b"), "a\\|b")
    XCTAssertEqual(MarkdownWriter.cell("a\nb"), "a<br>b")
    XCTAssertEqual(MarkdownWriter.cell("<script>"), "&lt;script&gt;")
    XCTAssertEqual(MarkdownWriter.cell(""), " ")
  }

  func testPercentText() {
    XCTAssertEqual(percentText(8, of: 8), "100%")
    XCTAssertEqual(percentText(7, of: 8), "87.5%")
    XCTAssertEqual(percentText(1, of: 3), "33.3%")
    XCTAssertEqual(percentText(2, of: 3), "66.7%")
    XCTAssertNil(percentText(0, of: 0))
    XCTAssertEqual(Ratio(parsing: "2‰")!.canonical, "0.2%")
    XCTAssertEqual(Ratio(parsing: "12.50%")!.canonical, "12.5%")
  }
}
