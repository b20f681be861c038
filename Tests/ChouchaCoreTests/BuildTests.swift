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

  // MARK: - The official calendar (Tests/Fixtures/vectors/calendar-2019-2026.csv)

  /// The official holidays and make-up working days 2019–2026, as recorded from chinese-calendar
  /// 1.11.0 (`Tests/Vectors/regenerate.sh`): each listed date's kind, `holiday` or `workday`.
  static let official: [Day: String] = {
    var listed: [Day: String] = [:]
    do {
      for line in try Vectors.lines("calendar-2019-2026.csv").dropFirst() {
        let parts = line.split(separator: ",")
        listed[Day(parsing: parts[0])!] = String(parts[1])
      }
    } catch {
      XCTFail("Tests/Fixtures/vectors/calendar-2019-2026.csv: \(error)")
    }
    return listed
  }()

  /// Holidays off, made-up weekend days on, other days by the weekday.
  static func officiallyWorking(_ day: Day) -> Bool { official[day].map { $0 == "workday" } ?? !day.isWeekend }

  func days(of year: Int) -> [Day] {
    (day("\(year)-01-01").ordinal...day("\(year)-12-31").ordinal).map(Day.init(ordinal:))
  }

  /// Every date of the years Rules/calendar.choucha covers (2024–2026) is classified as the
  /// official table says.
  func testRulesCalendarMatchesTheOfficialTable() throws {
    XCTAssertEqual(Self.official.count, 290, "the recorded table, 2019–2026")
    XCTAssertEqual(Self.rulesCalendar.years, [2024, 2025, 2026])
    for year in Self.rulesCalendar.years.sorted() {
      for current in days(of: year) {
        XCTAssertEqual(Self.rulesCalendar.isWorkingDay(current), Self.officiallyWorking(current), "\(current)")
      }
    }
  }

  /// The examples' calendars list only official dates, each with its official kind; those of
  /// Examples/01-basic and 02-english-keywords are the whole of 2024.
  func testExampleCalendarsAgreeWithTheOfficialTable() throws {
    let examples = RepositoryTests.root.appendingPathComponent("Examples")
    var checked: [String] = []
    for name in try FileManager.default.contentsOfDirectory(atPath: examples.path).sorted() {
      let folder = examples.appendingPathComponent(name)
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue,
        try FileManager.default.contentsOfDirectory(atPath: folder.path).contains(where: { $0.hasSuffix(".choucha") })
      else { continue }
      let calendars = try RepositoryTests.DiskRepository(root: folder).compile(display: name).program.calendars
      for calendar in calendars {
        checked.append("\(name) \(calendar.year)")
        for range in calendar.holidays {
          for listed in range.value.days { XCTAssertEqual(Self.official[listed], "holiday", "\(name): 节假日 \(listed)") }
        }
        for range in calendar.workdays {
          for listed in range.value.days { XCTAssertEqual(Self.official[listed], "workday", "\(name): 补班 \(listed)") }
        }
      }
      if name == "01-basic" || name == "02-english-keywords" {
        let calendar = WorkCalendar(calendars)
        XCTAssertEqual(calendar.years, [2024])
        for current in days(of: 2024) {
          XCTAssertEqual(calendar.isWorkingDay(current), Self.officiallyWorking(current), "\(name): \(current)")
        }
      }
    }
    XCTAssertEqual(
      checked, [
        "01-basic 2024", "02-english-keywords 2024", "03-import-authorities 2024", "04-mistakes 2024", "06-checklists 2024",
        "07-results 2024",
      ])
  }

  /// Deadlines over eight years of the official calendar: the table written as `日历` blocks for
  /// 2019–2026 compiles without a diagnostic of its own, classifies every day as the table does, and “N
  /// working days after” every day is what counting the table's working days one by one gives.
  func testDeadlinesOverTheOfficialCalendar2019To2026() throws {
    var source = ""
    for year in 2019...2026 {
      func listed(_ kind: String) -> String {
        Self.official.filter { $0.key.year == year && $0.value == kind }.keys.sorted().map(\.description)
          .joined(separator: ", ")
      }
      source += "日历 \(year) {\n  节假日 \(listed("holiday"))\n  补班 \(listed("workday"))\n}\n"
    }
    let compilation = Compiler.compile(texts: [("calendar.choucha", source)])
    XCTAssertEqual(compilation.diagnostics.map(\.code), [.E0501], "only: no plan")
    let calendar = WorkCalendar(compilation.program.calendars)
    XCTAssertEqual(calendar.years, Set(2019...2026))
    let all = (2019...2026).flatMap(days(of:))
    XCTAssertEqual(all.count, 2922)
    for current in all {
      XCTAssertEqual(calendar.isWorkingDay(current), Self.officiallyWorking(current), "\(current)")
    }
    // Counting one by one, from every day that leaves room for the longest deadline in 2026.
    for start in all where start < day("2026-11-01") {
      var current = start
      var counted = 0
      for count in [1, 5, 20] {
        while counted < count {
          current = current.adding(days: 1)
          if Self.officiallyWorking(current) { counted += 1 }
        }
        let result = calendar.adding(workingDays: count, after: start)
        XCTAssertEqual(result.day, current, "\(count) working days after \(start)")
        XCTAssertEqual(result.uncovered, [])
      }
    }
    // Across the National Day of 2019, and the Spring Festival of 2020 as the State Council General
    // Office's notice on extending the 2020 Spring Festival holiday made it.
    XCTAssertEqual(calendar.adding(workingDays: 1, after: day("2019-09-30")).day, day("2019-10-08"))
    XCTAssertFalse(calendar.isWorkingDay(day("2020-01-31")))
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
      let plan = try XCTUnwrap(Planner.plan(compilation.program, year: nil))
      return Documents.build(plan, checklists: Checklists.make(compilation.program, plan)).map(\.bytes)
    }
    let reference = try documents(paths)
    var generator = SystemRandomNumberGenerator()
    for order in [paths.reversed(), paths.shuffled(using: &generator), paths.shuffled(using: &generator)] {
      XCTAssertEqual(try documents(Array(order)), reference)
    }
  }

  /// Declarations written in another order give the same bytes (the checklists' too: shared
  /// points declared anywhere).
  func testDeclarationOrderChangesNoByte() throws {
    let input = RepositoryTests.root.appendingPathComponent("Tests/Fixtures/build/ok-checklists/input.choucha")
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
      let plan = try XCTUnwrap(Planner.plan(compilation.program, year: nil))
      let files = Documents.build(plan, checklists: Checklists.make(compilation.program, plan))
      XCTAssertEqual(files.count, 9)
      return files.map(\.bytes)
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
