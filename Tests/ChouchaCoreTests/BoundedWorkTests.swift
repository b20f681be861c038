import XCTest

@testable import ChouchaCore

/// Issue 10 item 4: a one-line typo must not cost minutes. Durations are bounded and counted by
/// weeks; “did you mean” searches an index, not every name; columns are counted from a checkpoint,
/// not from the start of a long line; a long heading is read once. Each fast path is compared with
/// the slow one it replaced (kept here as the oracle), and the work is counted, not timed, where
/// it can be. `Benchmarks/pathological.sh` measures the same inputs in seconds.
final class BoundedWorkTests: XCTestCase {
  static let prelude = """
    部门 SCJG "区市场监督管理局" { 类型 本级 }
    法规 食品安全法 "中华人民共和国食品安全法" { 施行 2015-10-01 }
    权责 130102-JC-001 "对食品经营者的监督检查" { 类型 行政检查; 部门 SCJG; 依据 食品安全法 "第一百一十条" }
    事项 SP-01 "食品经营者检查" {
      部门 SCJG; 权责 130102-JC-001; 依据 食品安全法 "第一百一十条"
      类别 一般; 对象 餐饮服务经营者; 方式 实地检查; 比例 5%; 频次 1
    }

    """

  static func plan(_ year: Int, _ fields: String) -> String {
    "计划 \(year) \"\(year)年抽查工作计划\" { 期间 \(year)-03-01 .. \(year)-11-30; \(fields) }\n"
  }

  // MARK: - Durations

  /// `公示时限 10000000 工作日` was counted day by day (999999999: 115 s) and built a
  /// `publishBy` of 40355-03-17, which no schema allows. Now: E0006 at the literal, and the plan
  /// falls back to the default deadline.
  func testHugeDurationIsAnErrorAtTheLiteral() {
    for literal in ["10000000 工作日", "3651 工作日", "3651工作日", "999999 日", "-1 日", "5000 workdays"] {
      let plan = Self.plan(2024, "公示时限 \(literal)")
      let compilation = Compiler.compile(texts: [("a.choucha", Self.prelude), ("b.choucha", plan)])
      let errors = compilation.diagnostics.filter { $0.severity == .error }
      XCTAssertEqual(errors.map(\.code), [.E0006], "\(literal): \(errors.map { $0.message.en })")
      guard let error = errors.first else { continue }
      let file = compilation.sources[error.span.file]
      XCTAssertEqual(file.path, "b.choucha")
      XCTAssertEqual(file.text(error.span.start..<error.span.end), literal, "the span is the literal")
      XCTAssertTrue(error.message.zh.contains("最多 3650"), error.message.zh)
      XCTAssertNotNil(error.help)
    }
    for literal in ["3650 工作日", "3650日", "0 工作日"] {
      let compilation = Compiler.compile(texts: [("a.choucha", Self.prelude), ("b.choucha", Self.plan(2024, "公示时限 \(literal)"))])
      XCTAssertFalse(compilation.hasErrors, "\(literal): \(compilation.diagnostics.map { $0.message.en })")
    }
  }

  /// The longest deadlines allowed, after the last day of the last plan year allowed, are still
  /// dates the schemas accept (four-digit years).
  func testNoDeadlineLeavesTheSchemaRange() throws {
    let plan = "计划 2999 \"末年\" { 期间 2999-01-01 .. 2999-12-31; 公示时限 3650 工作日; 报告时限 3650 日 }\n"
    let compilation = Compiler.compile(texts: [("a.choucha", Self.prelude), ("b.choucha", plan)])
    XCTAssertFalse(compilation.hasErrors, "\(compilation.diagnostics.map { $0.message.en })")
    let annual = try XCTUnwrap(Planner.plan(compilation.program, year: 2999))
    for task in annual.tasks {
      for date in [task.publishBy, task.reportBy] {
        XCTAssertNotNil(Day(parsing: Substring(date.description)), "YYYY-MM-DD: \(date.description)")
        XCTAssertLessThanOrEqual(date.year, 9999)
      }
    }
  }

  /// The count by weeks (binary search over sorted holiday tables) equals the old day-by-day count,
  /// kept here as the oracle, on random calendars, start days and counts; the official calendar's
  /// results are in BuildTests.
  func testWorkingDaysByWeeksEqualDayByDay() {
    var random = SplitMix64(seed: 10_4)
    func randomDay(_ years: ClosedRange<Int>) -> Day {
      let first = Day(year: years.lowerBound, month: 1, day: 1)!.ordinal
      let last = Day(year: years.upperBound, month: 12, day: 31)!.ordinal
      return Day(ordinal: first + Int(random.next() % UInt64(last - first + 1)))
    }
    for round in 0..<60 {
      var holidays = Set<Day>()
      var workdays = Set<Day>()
      var years = Set<Int>()
      for year in 2022...2030 where random.next() % 3 != 0 { years.insert(year) }
      let density = Int(random.next() % 200)
      for _ in 0..<density { holidays.insert(randomDay(2022...2030)) }
      for _ in 0..<Int(random.next() % 80) { workdays.insert(randomDay(2022...2030)) }
      // Some days both a holiday and a working day (check reports it; holidays win here).
      for _ in 0..<Int(random.next() % 5) {
        let day = randomDay(2022...2030)
        holidays.insert(day)
        workdays.insert(day)
      }
      if round % 10 == 0 {  // a whole holiday month
        let start = randomDay(2023...2027)
        for offset in 0..<31 { holidays.insert(start.adding(days: offset)) }
      }
      let calendar = WorkCalendar(holidays: holidays, workdays: workdays, years: years)
      for _ in 0..<40 {
        let start = randomDay(2021...2031)
        let count = random.next() % 4 == 0 ? Int(random.next() % 3651) : Int(random.next() % 40)
        let fast = calendar.adding(workingDays: count, after: start)
        let slow = Self.dayByDay(calendar, count, after: start)
        XCTAssertEqual(fast.day, slow.day, "round \(round): \(count) working days after \(start)")
        XCTAssertEqual(fast.uncovered, slow.uncovered, "round \(round): \(count) working days after \(start)")
      }
    }
  }

  /// The old `WorkCalendar.adding(workingDays:after:)`.
  static func dayByDay(_ calendar: WorkCalendar, _ count: Int, after day: Day) -> (day: Day, uncovered: Set<Int>) {
    var uncovered = Set<Int>()
    var current = day
    var remaining = count
    while remaining > 0 {
      current = current.adding(days: 1)
      if !calendar.years.contains(current.year) { uncovered.insert(current.year) }
      if calendar.isWorkingDay(current) { remaining -= 1 }
    }
    return (current, uncovered)
  }

  func testWeekdayCountsAcrossTheEpoch() {
    // The closed form counts Monday to Friday on either side of 1970-01-01.
    for start in -30...30 {
      var count = 0
      for end in start..<(start + 30) {
        XCTAssertEqual(WorkCalendar.weekdays(before: end + 1) - WorkCalendar.weekdays(before: start + 1), count)
        if !Day(ordinal: end + 1).isWeekend { count += 1 }
      }
    }
  }

  // MARK: - Did you mean

  /// The trie search gives what the scan over every candidate gives, ties by bytes and case slips
  /// in the order given included, on random names from a small alphabet (so that many are close).
  func testSuggestionIndexEqualsTheScan() {
    var random = SplitMix64(seed: 20_261_204)
    let alphabet: [String] = ["a", "b", "A", "B", "-", "1", "2", "检", "查", "e\u{301}", "é"]
    func name(_ length: Int) -> String {
      (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }.joined()
    }
    func mutate(_ word: String) -> String {
      var scalars = Array(word.unicodeScalars)
      for _ in 0...Int(random.next() % 3) {
        let position = scalars.isEmpty ? 0 : Int(random.next() % UInt64(scalars.count))
        let scalar = Array(name(1).unicodeScalars)[0]
        switch random.next() % 4 {
        case 0: scalars.insert(scalar, at: min(position, scalars.count))
        case 1 where !scalars.isEmpty: scalars.remove(at: position)
        case 2 where !scalars.isEmpty: scalars[position] = scalar
        case 3 where position + 1 < scalars.count: scalars.swapAt(position, position + 1)
        default: break
        }
      }
      var result = ""
      result.unicodeScalars.append(contentsOf: scalars)
      return result
    }
    var compared = 0
    var suggested = 0
    for _ in 0..<300 {
      let candidates = (0..<Int(random.next() % 40)).map { _ in name(Int(random.next() % 9)) }
      let index = Suggest.Index(candidates)
      for _ in 0..<20 {
        let word =
          candidates.isEmpty || random.next() % 3 == 0
          ? name(Int(random.next() % 9)) : mutate(candidates[Int(random.next() % UInt64(candidates.count))])
        let expected = Suggest.closest(to: word, among: candidates)
        XCTAssertEqual(index.closest(to: word), expected, "\(word) among \(candidates)")
        compared += 1
        if expected != nil { suggested += 1 }
      }
    }
    XCTAssertGreaterThan(suggested, compared / 4, "the random names are close enough to suggest")
  }

  /// Code-shaped names, as a repository has thousands of: the same answer as the scan.
  func testSuggestionIndexOnCodes() {
    let codes = (0..<2000).map { String(format: "130102-JC-%04d", $0) } + ["130102-XK-0001", "SCJG", "scjg", "SCJX"]
    let index = Suggest.Index(codes)
    for word in ["130102-JX-0017", "130120-JC-0017", "130102-JC-9999", "130102-JC-017", "SCGJ", "Scjg", "scjg", "x", "13010-JC-00170"] {
      XCTAssertEqual(index.closest(to: word), Suggest.closest(to: word, among: codes), word)
    }
  }

  /// A slip repeated by a thousand items gives one suggestion each, the same as before.
  func testUndefinedReferencesStillSuggest() {
    var text = ""
    for index in 0..<300 {
      text += "权责 130102-JC-\(String(format: "%04d", index)) \"检查\(index)\" { 类型 行政检查; 部门 SCJG; 依据 食品安全法 \"第一百一十条\" }\n"
    }
    for index in 0..<40 {
      text += "事项 SP-\(index + 100) \"检查\" { 部门 SCJC; 权责 130102-JX-\(String(format: "%04d", index)); 依据 食品安全法 \"第一百一十条\"; 类别 一般; 对象 餐饮服务经营者; 方式 实地检查; 比例 5%; 频次 1 }\n"
    }
    let compilation = Compiler.compile(texts: [("a.choucha", Self.prelude), ("b.choucha", text)])
    let undefined = compilation.diagnostics.filter { $0.code == .E0101 }
    XCTAssertEqual(undefined.count, 80)
    for diagnostic in undefined {
      let written = compilation.sources[diagnostic.span.file].text(diagnostic.span.start..<diagnostic.span.end)
      let expected = written == "SCJC" ? "SCJG" : written.replacingOccurrences(of: "JX", with: "JC")
      XCTAssertTrue(diagnostic.help?.zh.contains("是否想写“\(expected)”") ?? false, "\(written): \(diagnostic.help?.zh ?? "")")
    }
  }
}
