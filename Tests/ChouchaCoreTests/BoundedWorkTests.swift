import XCTest

@testable import ChouchaCore
@testable import ChouchaDraw

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

  // MARK: - Line and column

  /// The old `SourceFile.location(of:)`: count scalars from the start of the line.
  static func scanned(_ file: SourceFile, _ offset: Int) -> SourceLocation {
    let clamped = min(max(0, offset), file.bytes.count)
    let line = file.lineIndex(of: clamped)
    var column = 1
    var index = file.lineStarts[line]
    file.bytes.withUnsafeBufferPointer { buffer in
      while index < clamped {
        index += UTF8Scalar.decode(buffer, at: index)?.1 ?? 1
        column += 1
      }
    }
    if line == 0, file.bytes.starts(with: [0xEF, 0xBB, 0xBF]), clamped >= 3 { column -= 1 }
    return SourceLocation(line: line + 1, column: column)
  }

  /// Every offset of a file with long lines of mixed text (ASCII, Chinese, emoji, invalid bytes,
  /// a BOM) gets the column the scan from the line start gives, and no lookup steps over more
  /// than one checkpoint stride.
  func testColumnsFromCheckpointsEqualTheScan() {
    var random = SplitMix64(seed: 7)
    let pieces: [[UInt8]] = [Array("a".utf8), Array("检".utf8), Array("😀".utf8), [0xFF], [0xE6, 0xA3], Array(" ".utf8), Array("\t".utf8)]
    var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
    for line in 0..<6 {
      let length = line % 2 == 0 ? 1_200 : 40
      for _ in 0..<length { bytes += pieces[Int(random.next() % UInt64(pieces.count))] }
      bytes += line == 3 ? [0x0D, 0x0A] : [0x0A]
    }
    let file = SourceFile(id: 0, path: "a.choucha", bytes: bytes)
    var steps = 0
    for offset in 0...bytes.count {
      let (location, taken) = file.locate(offset)
      XCTAssertEqual(location, Self.scanned(file, offset), "offset \(offset)")
      steps = max(steps, taken)
    }
    XCTAssertLessThanOrEqual(steps, SourceFile.checkpointStride + 4)
  }

  /// Lookups on one 3 MB line cost at most a stride each: linear, whatever the order. (The scan
  /// from the line start took 27 s for 64,000 names on one line; here it would step over about
  /// 1.5 million scalars a lookup.)
  func testColumnLookupsOnOneLongLineAreLinear() {
    let line = String(repeating: "事项 SP-N00001, ", count: 160_000)
    let file = SourceFile(id: 0, path: "a.choucha", bytes: Array(line.utf8))
    var total = 0
    var random = SplitMix64(seed: 1)
    for _ in 0..<200 {
      total += file.locate(Int(random.next() % UInt64(file.bytes.count))).steps
    }
    XCTAssertLessThanOrEqual(SourceFile.checkpointStride, 256)
    XCTAssertLessThanOrEqual(total, 200 * (256 + 4))
    XCTAssertEqual(file.location(of: file.bytes.count).column, line.unicodeScalars.count + 1)
  }

  /// The issue's inputs end to end, rendered in every format, each in a forked child with a
  /// watchdog: 64,000 undefined names on one line and a junk line of 20,000 wrong declarations
  /// (at their full size, 64,000 and 20,000: 27 s and over 60 s before in a release build).
  func testManyDiagnosticsOnOneLineRenderInLinearTime() {
    let names = (0..<32_000).map { String(format: "SP-N%05d", $0) }.joined(separator: ", ")
    let cases = [
      ("32,000 names on one line", "一业一查 餐饮 \"餐饮\" { 牵头 SCJG; 行业 餐饮服务; 事项 \(names) }\n", 32_000),
      ("a junk line of 10,000 declarations", String(repeating: "部门 A \"名\" { 类型 本机 } ", count: 10_000) + "\n", 10_000),
    ]
    for (name, text, expected) in cases {
      sandboxed(name, idleTimeout: 60) {
        let compilation = Compiler.compile(texts: [("a.choucha", Self.prelude), ("b.choucha", text)])
        let onTheLine = compilation.diagnostics.filter { compilation.sources[$0.span.file].path == "b.choucha" }
        Expect.that(onTheLine.count >= expected, "\(onTheLine.count) diagnostics")
        Sandbox.progress("human")
        // Each snippet decodes a window of the line, a constant; the first and last thousand show it.
        let human = HumanRenderer(language: .zh).render(
          Array(compilation.diagnostics.prefix(1_000) + compilation.diagnostics.suffix(1_000)), sources: compilation.sources)
        Sandbox.progress("json")
        let json = JSONRenderer(language: .zh).render(compilation.diagnostics, sources: compilation.sources, fileCount: 2)
        Sandbox.progress("sarif")
        let sarif = SARIFRenderer(language: .zh, version: "test").render([(compilation.diagnostics, compilation.sources)])
        Sandbox.progress("github")
        let github = GitHubRenderer(language: .zh).render([(compilation.diagnostics, compilation.sources)])
        Expect.that(!human.isEmpty && !json.isEmpty && !sarif.isEmpty && !github.isEmpty, "rendered")
        if let last = onTheLine.last {
          let file = compilation.sources[last.span.file]
          Expect.that(file.location(of: last.span.start) == Self.scanned(file, last.span.start), "the last column")
        }
      }
    }
  }

  // MARK: - CSV headings

  /// A 1 MB heading cell (11 s to import before): read once, by Unicode scalars.
  func testLongHeadingCellImportsQuickly() {
    sandboxed("a 4 MB heading cell", idleTimeout: 60) {
      let sheet = "事项名称,检查对象,抽查比例(" + String(repeating: "检", count: 1_400_000) + "),备注\n食品检查,餐饮服务经营者,5,x\n"
      let result = SheetImporter.run(path: "a.csv", bytes: Array(sheet.utf8), options: .init(kind: .items))
      Expect.that(result.entries == 1, "one item, got \(result.entries): \(result.diagnostics.map { $0.message.en.prefix(80) })")
    }
    // A long note in the ratio column's heading was read again for every row (rows × heading).
    sandboxed("2,000 rows under a 300 KB ratio heading", idleTimeout: 60) {
      let heading = "抽查比例(" + String(repeating: "检", count: 100_000) + ")"
      let rows = (0..<2_000).map { "食品检查\($0),餐饮服务经营者,5%\n" }.joined()
      let sheet = "事项名称,检查对象,\(heading)\n" + rows
      let result = SheetImporter.run(path: "a.csv", bytes: Array(sheet.utf8), options: .init(kind: .items))
      Expect.that(result.entries == 2_000, "2,000 items, got \(result.entries): \(result.diagnostics.prefix(3).map { $0.message.en.prefix(80) })")
    }
    // Notes are read by scalars as they were by characters.
    XCTAssertEqual(CSVTable.withoutNotes("抽查比例（%）"), "抽查比例")
    XCTAssertEqual(CSVTable.notes("抽查比例（%）"), "%")
    XCTAssertEqual(CSVTable.withoutNotes("抽取对象数(户)[2024]"), "抽取对象数")
    XCTAssertEqual(CSVTable.notes("抽取对象数(户)[2024]"), "户 2024")
  }
}
