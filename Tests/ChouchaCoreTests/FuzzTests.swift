import Foundation
import XCTest

@testable import ChouchaCore
@testable import ChouchaDraw

/// A deterministic mutation fuzzer. It starts from the rule repository in `Rules/` (and its CSV
/// tables), breaks a file at the byte level, compiles, and checks the invariants of
/// `BadInputTests`: no crash, no hang, every span inside its file, 1-based locations, rendering
/// works and stays short.
///
/// Every iteration draws from its own generator, seeded from the run's seed and the iteration
/// number, so any iteration can be replayed alone:
///
///     CHOUCHA_FUZZ_ITERATION=123 swift test --filter FuzzTests
///
/// replays iteration 123 and writes its mutated files to a temporary folder (the path is printed).
/// `CHOUCHA_FUZZ_SEED` (decimal or 0x…) and `CHOUCHA_FUZZ_ITERATIONS` change the run. The whole
/// loop runs in one `Sandbox` child; after a crash or a hang the parent reports the iteration and
/// resumes after it.
final class FuzzTests: XCTestCase {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static let environment = ProcessInfo.processInfo.environment

  static let seed: UInt64 = environment["CHOUCHA_FUZZ_SEED"].flatMap { text in
    text.hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) : UInt64(text)
  } ?? 0x4348_4F55_4348_4121  // "CHOUCHA!"

  static let iterations = environment["CHOUCHA_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 400
  static let only = environment["CHOUCHA_FUZZ_ITERATION"].flatMap { Int($0) }

  /// After this many failing iterations the loop stops: one bug tends to fail every iteration.
  static let maximumFailingIterations = 25
  /// After this many crashes or hangs the test stops resuming.
  static let maximumIncidents = 3

  // MARK: - Tests

  func testFuzzRuleFiles() throws {
    let repository = try Repository.load(Self.root.appendingPathComponent("Rules"))
    XCTAssertGreaterThan(repository.ruleFiles.count, 10, "Rules/ not found at \(Self.root.path)")
    let baseline = repository.compile(repository.ruleFiles)
    XCTAssertEqual(baseline.diagnostics.errorCount, 0, "Rules/ should compile cleanly:\n\(Corpus.describe(baseline))")
    fuzz("rule files", salt: 0) { iteration, random in
      Self.ruleFileCase(repository, iteration: iteration, random: &random)
    }
  }

  func testFuzzImportedTables() throws {
    let repository = try Repository.load(Self.root.appendingPathComponent("Rules"))
    let tables = repository.tables.sorted { $0.key < $1.key }.map(\.value) + [Self.syntheticTable]
    XCTAssertGreaterThanOrEqual(tables.count, 2, "no CSV tables in Rules/")
    fuzz("imported tables", salt: 0x00C5_7AB1_E5) { iteration, random in
      Self.tableCase(repository, tables: tables, iteration: iteration, random: &random)
    }
  }

  // MARK: - Driver

  /// One fuzz case: a description for failure messages, the files to write when replaying, and
  /// the check to run.
  struct Case {
    var description: String
    var files: [(path: String, bytes: [UInt8])]
    var run: () -> Void
  }

  /// Runs the iterations of one fuzz target; `salt` gives each target its own inputs for a seed.
  func fuzz(_ name: String, salt: UInt64, _ make: @escaping (Int, inout SplitMix64) -> Case) {
    let seed = Self.seed ^ salt
    let range = Self.only.map { $0..<($0 + 1) } ?? 0..<Self.iterations
    var start = range.lowerBound
    var incidents = 0
    while start < range.upperBound {
      let first = start
      let outcome = Sandbox.run(idleTimeout: 30) {
        var failingIterations = 0
        for iteration in first..<range.upperBound {
          var random = SplitMix64(seed: seed &+ UInt64(iteration) &* 0xD1B5_4A32_D192_ED03)
          _ = random.next()
          let fuzzCase = make(iteration, &random)
          let label = "\(name) iteration \(iteration) (CHOUCHA_FUZZ_SEED=0x\(String(Self.seed, radix: 16)) CHOUCHA_FUZZ_ITERATION=\(iteration)): \(fuzzCase.description)"
          Sandbox.progress("\(iteration)\t\(label)")
          if Self.only != nil { Self.dump(fuzzCase, iteration: iteration, name: name) }
          let before = Sandbox.failureCount
          fuzzCase.run()
          if Sandbox.failureCount > before {
            Sandbox.fail("… in \(label)")
            failingIterations += 1
            if failingIterations >= Self.maximumFailingIterations {
              Sandbox.fail("stopped after \(failingIterations) failing iterations")
              return
            }
          }
        }
      }
      report(outcome, name)
      guard outcome.ending != .finished else { break }
      incidents += 1
      let failed = outcome.lastProgress.flatMap { Int($0.prefix { $0 != "\t" }) } ?? start
      start = failed + 1
      if incidents >= Self.maximumIncidents {
        if start < range.upperBound { XCTFail("\(name): stopped after \(incidents) crashes or hangs") }
        break
      }
    }
  }

  /// Writes a case's files to a temporary folder, to reproduce it with the CLI.
  static func dump(_ fuzzCase: Case, iteration: Int, name: String) {
    let folder = URL(fileURLWithPath: NSTemporaryDirectory())
      .appendingPathComponent("choucha-fuzz-\(name.replacingOccurrences(of: " ", with: "-"))-\(String(seed, radix: 16))-\(iteration)")
    for (path, bytes) in fuzzCase.files {
      let url = folder.appendingPathComponent(path)
      try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try? Data(bytes).write(to: url)
    }
    print("fuzz iteration \(iteration): \(fuzzCase.description)\n  files written to \(folder.path)")
    fflush(stdout)
  }

  // MARK: - Rule files

  /// A slice of the repository (or all of it), one file of which is mutated.
  /// `fmt` on a mutated file: refused exactly when the file has a syntax error; otherwise it
  /// keeps the meaning (RuleFormatter checks that itself) and a second pass changes nothing.
  static func checkFormatter(_ bytes: [UInt8], keywords: Language?) {
    let file = SourceFile(id: 0, path: "mutated.choucha", bytes: bytes)
    let hasErrors = Parser.parse(file).0.hasErrors
    switch RuleFormatter.format(file, keywords: keywords) {
    case .failure(.syntaxErrors):
      if !hasErrors { Expect.fail("fmt refused a file without syntax errors") }
    case .failure(.changedMeaning(let detail)):
      Expect.fail("fmt would change the meaning of the file (\(keywords.map(\.rawValue) ?? "as written")): \(detail)")
    case .success(let once):
      if hasErrors { Expect.fail("fmt formatted a file with syntax errors") }
      guard case .success(let twice) = RuleFormatter.format(SourceFile(id: 0, path: "formatted.choucha", bytes: once), keywords: keywords) else {
        Expect.fail("fmt refused its own output")
        return
      }
      if twice != once { Expect.fail("fmt is not idempotent on this file (\(keywords.map(\.rawValue) ?? "as written"))") }
    }
  }

  static func ruleFileCase(_ repository: Repository, iteration: Int, random: inout SplitMix64) -> Case {
    var files: [(path: String, bytes: [UInt8])]
    if iteration % 25 == 0 {
      files = repository.ruleFiles
    } else {
      // The shared declarations, one department's authorities and items, sometimes the bundles.
      let departments = repository.ruleFiles.map(\.path).filter { $0.hasPrefix("items/") }
        .map { String($0.dropFirst("items/".count).dropLast(".choucha".count)) }
      let department = departments[random.below(departments.count)]
      var wanted: Set<String> = [
        "departments.choucha", "laws.choucha", "calendar.choucha", "plan-2024.choucha",
        "items/\(department).choucha", "authorities/\(department).choucha",
      ]
      if repository.tables.keys.contains("authorities/\(department).csv") { wanted.insert("imports.choucha") }
      if random.chance(20) { wanted.insert("bundles.choucha") }
      files = repository.ruleFiles.filter { wanted.contains($0.path) }
    }
    let target = random.below(files.count)
    var mutator = Mutator(bytes: files[target].bytes, fragments: Mutator.ruleFragments)
    let count = random.chance(80) ? 1 + random.below(3) : 1 + random.below(16)
    for _ in 0..<count { mutator.mutate(&random) }
    files[target].bytes = mutator.bytes
    let description = "\(files.count) files, \(files[target].path) mutated: \(mutator.log.joined(separator: "; "))"
    let checkOrder = iteration % 10 == 5
    let program = files
    return Case(description: description, files: program + repository.tables.map { (path: $0.key, bytes: $0.value) }) {
      let compilation = repository.compile(program)
      Invariants.check(compilation, "mutated rules")
      Self.checkFormatter(program[target].bytes, keywords: [nil, Language.zh, .en][iteration % 3])
      if checkOrder {
        // The order in which files are given must not change the output.
        let reversed = repository.compile(program.reversed())
        let renderer = HumanRenderer(language: .en)
        let (one, other) = (renderer.render(compilation.diagnostics, sources: compilation.sources), renderer.render(reversed.diagnostics, sources: reversed.sources))
        if one != other {
          let (lines, otherLines) = (one.components(separatedBy: "\n"), other.components(separatedBy: "\n"))
          let first = (0..<min(lines.count, otherLines.count)).first { lines[$0] != otherLines[$0] } ?? min(lines.count, otherLines.count)
          let window = { (text: [String]) in text[max(0, first - 3)..<min(text.count, first + 3)].joined(separator: "\n") }
          Expect.fail("the output depends on the order in which the files are given; from line \(first + 1):\n\(window(lines))\n--- files reversed:\n\(window(otherLines))")
        }
      }
    }
  }

  // MARK: - Tables

  /// A table with the shapes spreadsheets produce: a BOM, CRLF, quoted cells with commas, quotes
  /// and line breaks, several bases in one cell, an exemption.
  static let syntheticTable: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(
    [
      "事项编码,事项名称,职权类别,实施主体,设定依据,豁免原因",
      "130102-JC-901,\"对食品经营者的监督检查，含“餐饮”\",行政检查,石家庄市长安区市场监督管理局,\"《中华人民共和国食品安全法》第一百一十条；《食品安全法》第八十七条\",",
      "130102-JC-902,\"名称中有\"\"引号\"\"\",行政检查,SCJG,《中华人民共和国食品安全法》,",
      "130102-JC-903,\"跨行\n的名称\",行政检查,石家庄市长安区市场监督管理局,\"《中华人民共和国食品安全法》\n第一百一十条\",投诉举报",
      "  130102-JC-904 ,　全角空格　,行政许可, 石家庄市长安区市场监督管理局 ,《不存在的法》第一条,",
      "",
    ].joined(separator: "\r\n").utf8)

  /// An item list with the cells import found hard: lists, brackets, wrapped lines, ranges, numbers with spaces.
  static let syntheticItemTable: [UInt8] = Array(
    [
      "序号,抽查事项,检查对象,检查主体,抽查依据,抽查比例(%),抽查频次,权责事项编码,",
      "1,\"对食品生产经营者的\n监督检查\",\"食品经营者（含小餐饮、食品摊贩）\",\"县级以上市场监管\n部门\",\"《国务院关于《食品安全法》的决定》第一条；《食品 安全法》\",5,每年抽查1次,\"JC-001、JC-002\",备注",
      "2,\"1、拍卖活动经营资格的检查\n2、登记事项检查\",企业,A(B),《》,\"1,200户\",1 2,/,",
      "3,粮食收购;地方储备粮,\"企业\r\n个体\",市场监管局,无,2 5%,1—2次/年,JC 001,",
      "",
    ].joined(separator: "\r\n").utf8)

  static func tableCase(_ repository: Repository, tables: [[UInt8]], iteration: Int, random: inout SplitMix64) -> Case {
    let base = random.below(tables.count)
    var mutator = Mutator(bytes: tables[base], fragments: Mutator.tableFragments)
    let count = random.chance(80) ? 1 + random.below(3) : 1 + random.below(12)
    for _ in 0..<count { mutator.mutate(&random) }
    let table = mutator.bytes
    let importer: [UInt8] = Array("引入 权责 \"t.csv\"\n".utf8)
    let program = repository.ruleFiles.filter { ["departments.choucha", "laws.choucha", "plan-2024.choucha"].contains($0.path) }
      + [("import.choucha", importer)]
    let description = "table #\(base) mutated: \(mutator.log.joined(separator: "; "))"
    return Case(description: description, files: program + [("t.csv", table)]) {
      // The reader alone: rows in order, cells inside the file.
      let file = SourceFile(id: 0, path: "t.csv", bytes: table)
      let (rows, failure) = CSVReader.read(file)
      var previous = 0
      var previousLine = 1
      for (index, row) in rows.enumerated() {
        Expect.that(row.line >= previousLine, "row \(index) has line \(row.line) after line \(previousLine)")
        previousLine = row.line
        for cell in row.cells {
          Expect.that(
            previous <= cell.span.start && cell.span.start <= cell.span.end && cell.span.end <= table.count,
            "row \(index) (line \(row.line)): cell \(cell.span.start)..<\(cell.span.end) is out of order or outside the table (\(table.count) bytes)")
          previous = max(previous, cell.span.end)
        }
        Expect.that(row.span.start <= row.span.end && row.span.end <= table.count, "row \(index): span \(row.span.start)..<\(row.span.end) outside the table")
      }
      if case .unterminatedQuote(let span) = failure {
        Expect.that(span.start < table.count && table[span.start] == UInt8(ascii: "\""), "unterminated quote reported at \(span.start), which is not a quote")
      }
      // The whole pipeline.
      let compilation = repository.compile(program, tables: ["t.csv": table])
      Invariants.check(compilation, "mutated table")
    }
  }
}

// MARK: - Repository

/// The rule files and tables of a repository folder, in memory.
struct Repository {
  var ruleFiles: [(path: String, bytes: [UInt8])] = []
  var tables: [String: [UInt8]] = [:]

  static func load(_ folder: URL) throws -> Repository {
    var repository = Repository()
    guard let paths = FileManager.default.enumerator(atPath: folder.path) else { return repository }
    for case let path as String in paths {
      let url = folder.appendingPathComponent(path)
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
      let bytes = [UInt8](try Data(contentsOf: url))
      if path.hasSuffix(".choucha") {
        repository.ruleFiles.append((path, bytes))
      } else if path.hasSuffix(".csv") {
        repository.tables[path] = bytes
      }
    }
    repository.ruleFiles.sort { $0.path < $1.path }
    return repository
  }

  func compile<S: Sequence>(_ files: S, tables: [String: [UInt8]]? = nil) -> Compilation
  where S.Element == (path: String, bytes: [UInt8]) {
    var sources = SourceMap()
    for (path, bytes) in files { sources.add(path: path, bytes: bytes) }
    return Compiler.compile(sources, provider: MemoryFileProvider(files: tables ?? self.tables))
  }
}

// MARK: - Mutations

/// Byte-level mutations, each logged so that a failure can be read without replaying it.
struct Mutator {
  var bytes: [UInt8]
  var fragments: [[UInt8]]
  var log: [String] = []

  /// Pieces that matter to the lexer and parser of rule files.
  static let ruleFragments: [[UInt8]] =
    ["“", "”", "\"", "{", "}", "｛", "｝", "、", "，", ",", ";", "；", ":", "：", "..", "~", "～", "\n", "\r\n", "\r", "#", "＃",
     " ", "\t", "\u{3000}", "\u{FEFF}", "\\", "%", "‰", "=", "（", "）", "《", "》", "部门", "事项", "比例", "依据", "类别", "计划",
     "一业一查", "引入 权责 \"x.csv\"", "{ A 3%  B 4% }", "2024-02-30", "2024-13-01", "..2024-01-01", "99999999999999999999",
     "-1", "0%", "101%", "\u{0}", "\u{1}", "\u{1B}", "\u{7F}", "SCJG", "\u{200B}", "é", "😀"].map { Array($0.utf8) }
    + [[0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE4, 0xB8], [0xF0, 0x9F], [0x80], [0xEF, 0xBB, 0xBF]]

  /// Pieces that matter to the CSV reader and the importer.
  static let tableFragments: [[UInt8]] =
    [",", "\"", "\"\"", "\r", "\n", "\r\n", "《", "》", "；", ";", " ", "\u{3000}", "\u{FEFF}", "事项编码", "设定依据",
     "豁免原因", "行政检查", "《中华人民共和国食品安全法》第一条", "《", "\u{0}", "\u{1}", "\u{1B}[31m"].map { Array($0.utf8) }
    + [[0xFF], [0xE4, 0xB8], [0xED, 0xA0, 0x80], [0xEF, 0xBB, 0xBF]]

  init(bytes: [UInt8], fragments: [[UInt8]]) {
    self.bytes = bytes
    self.fragments = fragments
  }

  /// A position, more often on a line that is not a comment: most of `Rules/` is comments.
  func position(_ random: inout SplitMix64) -> Int {
    guard !bytes.isEmpty else { return 0 }
    if random.chance(70) {
      var starts = [0]
      for (index, byte) in bytes.enumerated() where byte == 0x0A && index + 1 < bytes.count { starts.append(index + 1) }
      let code = starts.filter { start in
        let first = bytes[start...].first { $0 != 0x20 && $0 != 0x09 }
        return first != UInt8(ascii: "#") && first != 0x0A
      }
      if !code.isEmpty {
        let start = code[random.below(code.count)]
        let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
        return start + random.below(end - start + 1)
      }
    }
    return random.below(bytes.count + 1)
  }

  func show(_ piece: [UInt8]) -> String {
    String(decoding: piece, as: UTF8.self).debugDescription + (String(validating: piece, as: UTF8.self) == nil ? " (bytes \(piece.map { String($0, radix: 16) }.joined(separator: " ")))" : "")
  }

  mutating func mutate(_ random: inout SplitMix64) {
    let at = position(&random)
    switch random.below(10) {
    case 0, 1:
      let piece = fragments[random.below(fragments.count)]
      bytes.insert(contentsOf: piece, at: at)
      log.append("insert \(show(piece)) at \(at)")
    case 2:
      let length = min(bytes.count - at, 1 + random.below(8))
      guard length > 0 else { return mutate(&random) }
      log.append("delete \(show(Array(bytes[at..<(at + length)]))) at \(at)")
      bytes.removeSubrange(at..<(at + length))
    case 3:
      let byte = UInt8(truncatingIfNeeded: random.next())
      bytes.insert(byte, at: at)
      log.append("insert byte 0x\(String(byte, radix: 16)) at \(at)")
    case 4:
      guard at < bytes.count else { return mutate(&random) }
      let bit = UInt8(1) << UInt8(random.below(8))
      log.append("flip bit 0x\(String(bit, radix: 16)) of byte 0x\(String(bytes[at], radix: 16)) at \(at)")
      bytes[at] ^= bit
    case 5:
      let length = min(bytes.count - at, 1 + random.below(64))
      guard length > 0 else { return mutate(&random) }
      let copy = Array(bytes[at..<(at + length)])
      let to = random.below(bytes.count + 1)
      bytes.insert(contentsOf: copy, at: to)
      log.append("copy \(length) bytes from \(at) to \(to)")
    case 6:
      guard at < bytes.count else { return mutate(&random) }
      let byte = UInt8(truncatingIfNeeded: random.next())
      log.append("replace 0x\(String(bytes[at], radix: 16)) at \(at) with 0x\(String(byte, radix: 16))")
      bytes[at] = byte
    case 7:
      // Delete or duplicate a whole line.
      let start = bytes[..<at].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
      let end = bytes[at...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
      if random.chance(50) {
        log.append("delete the line at \(start)")
        bytes.removeSubrange(start..<end)
      } else {
        log.append("duplicate the line at \(start)")
        bytes.insert(contentsOf: Array(bytes[start..<end]), at: end)
      }
    case 8:
      if random.chance(25) {
        log.append("truncate at \(at)")
        bytes.removeSubrange(at...)
      } else {
        let piece = fragments[random.below(fragments.count)]
        let repeats = 2 + random.below(200)
        bytes.insert(contentsOf: Array([[UInt8]](repeating: piece, count: repeats).joined()), at: at)
        log.append("insert \(show(piece)) × \(repeats) at \(at)")
      }
    default:
      // Replace a word (a run of non-blank bytes) with a fragment.
      var start = at
      while start > 0, ![0x20, 0x0A, 0x09].contains(bytes[start - 1]) { start -= 1 }
      var end = at
      while end < bytes.count, ![0x20, 0x0A, 0x09].contains(bytes[end]) { end += 1 }
      let piece = fragments[random.below(fragments.count)]
      log.append("replace \(show(Array(bytes[start..<end]))) at \(start) with \(show(piece))")
      bytes.replaceSubrange(start..<end, with: piece)
    }
  }
}
