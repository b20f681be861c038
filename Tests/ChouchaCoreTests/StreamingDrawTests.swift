import XCTest

@testable import ChouchaCore
@testable import ChouchaDraw
@testable import choucha

/// The fast draw (issue 4's performance target): the byte-level CSV scanner and the one-pass,
/// bounded-memory target selection, each against the plain implementation it replaces.
final class StreamingDrawTests: XCTestCase {
  let issuer = TicketIssuer(seedHash: Tickets.seedHash("2024年 公开摇号 2-7-1-8"))

  // MARK: - The CSV scanner

  static let trickyCSV: [String] = [
    "a,b,c\r\n1,2,3\r\n",
    "\u{FEFF}统一社会信用代码,名称\r\n\"91\",\"某\"\"店\"\"\"\r\n",
    "a,b\n\"line\none\",x\r\n\"tail\"after,y\n",
    "a,b\r\n,\r\n\r\n\"\",\"\"\"\"\n",
    "a,b\rcr,only\r",
    "a,b\n  padded ,\u{3000}全角\u{3000}\n",
    "a,\"b\r\nc\",d",
    "x,y,z\n1,2\n1,2,3,4,,\n",
    "q\n\"unterminated,\n",
  ]

  /// Every row the scanner finds is the row `CSVReader` finds, with the same cell texts and the
  /// same span, whether the bytes come whole or cut anywhere (the rest following later).
  func testScannerAgreesWithCSVReader() {
    for text in Self.trickyCSV {
      let bytes = Array(text.utf8)
      let (rows, failure) = CSVReader.read(SourceFile(id: 0, path: "t.csv", bytes: bytes))
      let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
      for cut in start...bytes.count {
        var scanner = RowScanner()
        let scratch = ByteScratch()
        var found: [(cells: [String], end: Int)] = []
        var unterminated = false
        bytes.withUnsafeBufferPointer { buffer in
          let base = buffer.baseAddress!
          func record(_ end: Int) {
            found.append((scanner.cells.map { String(decoding: RowScanner.text($0, base, scratch: scratch), as: UTF8.self) }, end))
          }
          var index = start
          // The bytes before the cut, more to come; then all of them.
          scanning: while index < cut {
            switch scanner.scan(base, from: index, count: cut, final: false) {
            case .incomplete: break scanning
            case .unterminated:
              XCTFail("unterminated before the end")
              break scanning
            case .row(let end):
              record(end)
              index = end
            }
          }
          while index < bytes.count {
            switch scanner.scan(base, from: index, count: bytes.count, final: true) {
            case .incomplete:
              XCTFail("incomplete at the end")
              index = bytes.count
            case .unterminated:
              unterminated = true
              index = bytes.count
            case .row(let end):
              record(end)
              index = end
            }
          }
        }
        XCTAssertEqual(found.map(\.cells), rows.map { $0.cells.map(\.text) }, "\(text.debugDescription) cut at \(cut)")
        XCTAssertEqual(found.map(\.end), rows.map(\.span.end), "\(text.debugDescription) cut at \(cut)")
        XCTAssertEqual(unterminated, failure != nil, text.debugDescription)
      }
    }
  }

  /// Trimming bytes is `CSVReader.Cell.trimmed`.
  func testTrimmingBytesIsTrimmingText() {
    for text in ["", " ", "\u{3000}", " a ", "\u{3000}甲\u{3000}", "\t\r\n x\u{3000} ", "a\u{3000}b", "\u{3001}"] {
      let bytes = Array(text.utf8)
      let trimmed = bytes.withUnsafeBytes { String(decoding: RowScanner.trimmed($0), as: UTF8.self) }
      XCTAssertEqual(Array(trimmed.utf8), Array(text.trimmingCharacters(in: " \t\r\n\u{3000}").utf8), text.debugDescription)
    }
  }

  /// The pass's shortcut for a cell's text is the full trimming, for unquoted cells that begin
  /// or end with white space, U+3000, or CJK whose last byte is that of U+3000's (一 is E4 B8 80).
  func testCellTextShortcutIsTheFullTrimming() {
    for text in ["a", "一", "一一", " 一", "一 ", "\u{3000}一", "一\u{3000}", "\t甲\r", "甲乙", "\u{3000}", "  ", "a\u{3000}b", "丙一"] {
      let bytes = Array(text.utf8)
      bytes.withUnsafeBufferPointer { buffer in
        let scratch = ByteScratch()
        let cell = RowScanner.Cell(start: 0, end: buffer.count, quoted: false, rebuilt: false)
        let shortcut = Array(StreamingDraw.PassState.text(cell, buffer.baseAddress!, scratch: scratch))
        let full = Array(RowScanner.trimmed(RowScanner.text(cell, buffer.baseAddress!, scratch: scratch)))
        XCTAssertEqual(shortcut, full, text.debugDescription)
      }
    }
  }

  func testUTF8Validation() {
    let cases: [[UInt8]] = [
      Array("plain ascii, more than eight bytes".utf8), Array("中文，全角".utf8), [0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80],
      Array("abcdefgh".utf8) + [0xE4, 0xB8], Array("🙂".utf8),
    ]
    for bytes in cases {
      XCTAssertEqual(
        bytes.withUnsafeBufferPointer { isValidUTF8($0) }, String(validating: bytes, as: UTF8.self) != nil, "\(bytes)")
    }
  }

  // MARK: - The one-pass draw

  static let classes = ["A", "B", "C", "D"]

  static func spec(maxVisits: Int?) -> Drawer.Spec {
    func ratios(_ pairs: [String: String]) -> [String: Ratio] { pairs.mapValues { Ratio(parsing: $0)! } }
    func task(_ id: String, kind: String, industries: [String] = [], objects: [String] = [], _ sampling: TaskSampling)
      -> Drawer.TaskSpec
    {
      Drawer.TaskSpec(
        id: id, title: id, kind: InspectionTask.Kind(rawValue: kind)!, departments: ["SCJG"], industries: industries, objects: objects, sampling: sampling,
        requires: ["SCJG": []])
    }
    return Drawer.Spec(
      year: 2024, seed: "流式抽取 1-1-2-3-5", classes: classes, maxVisits: maxVisits, inspectorsPerVisit: 2,
      departments: [DepartmentRef(code: "SCJG", name: "区市场监督管理局")],
      tasks: [
        task("2024-J-食品", kind: "joint", industries: ["食品销售", "餐饮服务"], TaskSampling(ratios: ratios(["A": "10%", "B": "20%", "C": "30%", "D": "50%"]), count: nil)),
        task("2024-S-SP-01", kind: "single", objects: ["食品经营者"], TaskSampling(ratios: ratios(["B": "25%", "D": "40%"]), count: nil)),
        task("2024-S-COUNT", kind: "single", objects: ["餐饮服务", "特种设备使用单位"], TaskSampling(ratios: [:], count: 9)),
        task("2024-S-TOPUP", kind: "single", objects: ["食品经营者", "特种设备使用单位"], TaskSampling(ratios: ratios(["A": "5%"]), count: 25)),
      ])
  }

  /// A directory of `rows` rows, with quoted cells, tags lists, ideographic spaces and blank rows.
  static func directory(rows: Int) -> [UInt8] {
    var text = "\u{FEFF}统一社会信用代码,名称,行业,标签,信用风险分类\r\n"
    let industries = ["食品销售", "餐饮服务", "零售", "特种设备"]
    for row in 0..<rows {
      let code = "91130102MA" + String(format: "%08d", row * 7919 % 100_000_000)
      let name = row % 5 == 0 ? "\"某\"\"食品\"\"店\(row)\"" : "某店\(row)"
      let tags = row % 3 == 0 ? "\"食品经营者、特种设备使用单位\"" : row % 3 == 1 ? "食品经营者" : ""
      let riskClass = ["A", "B", "B", "C", "D", " C\u{3000}"][row % 6]
      // Quoted cells whose text is rebuilt (doubled quotes, text after the closing quote) in
      // every column the draw reads.
      let industry = row % 11 == 0 ? "\"餐饮\"\"服务\"" : row % 7 == 0 ? "\"\(industries[row % 4])\"" : industries[row % 4]
      let tagged = row % 11 == 0 ? "\"食品\"经营者" : tags
      let quotedCode = row % 13 == 0 ? "\"\(code)\"" : row % 17 == 0 ? "\"\(code)\"\"\"" : code
      text += "\(quotedCode),\(name),\(industry),\(tagged),\(riskClass)\(row % 2 == 0 ? "\r\n" : "\n")"
      if row % 97 == 0 { text += "\r\n" }
    }
    return Array(text.utf8)
  }

  static let inspectors: [UInt8] = {
    var text = "工号,姓名,部门,执法证号,专长,回避\r\n"
    for index in 0..<40 { text += "E\(index),人员\(index),SCJG,1301020\(String(format: "%05d", index)),,\r\n" }
    return Array(text.utf8)
  }()

  func documents(_ spec: Drawer.Spec, _ targets: [UInt8], options: StreamingDraw.Options, path: String? = nil) throws
    -> (streamed: [UInt8], exact: [UInt8], passes: Int)
  {
    var sources = SourceMap()
    let targetFile = sources.add(path: "targets.csv", bytes: targets)
    let inspectorFile = sources.add(path: "inspectors.csv", bytes: Self.inspectors)
    let directory = path.map { FileByteSource.directory(id: targetFile.id, path: $0) } ?? TargetDirectory(targetFile)
    let seedHash = Tickets.seedHash(spec.seed)
    let (inspectors, inspectorsPrint, problems) = Directories.inspectors(inspectorFile, departments: spec.departments)
    XCTAssertEqual(problems.map(\.code), [])
    let streamed = try XCTUnwrap(
      StreamingDraw(spec: spec, issuer: TicketIssuer(seedHash: seedHash), directory: directory, options: options).draw(),
      "the one-pass draw takes this directory")
    let (result, diagnostics) = Drawer.match(
      spec, seedHash: seedHash, sampled: streamed.tasks, rows: streamed.rows, targetsFingerprint: streamed.fingerprint,
      inspectors: inspectors, inspectorsFingerprint: inspectorsPrint)
    XCTAssertEqual(diagnostics.map(\.code), [])
    let (exact, exactDiagnostics) = Drawer.exact(
      spec, targets: TargetDirectory(targetFile), inspectors: (inspectors, inspectorsPrint, problems))
    XCTAssertEqual(exactDiagnostics.map(\.code), [])
    return (DrawDocument.json(try XCTUnwrap(result)), DrawDocument.json(try XCTUnwrap(exact)), streamed.passes)
  }

  /// With the usual margins one pass suffices, and the document is the exact path's, byte for byte.
  func testOnePassDrawsWhatTheExactPathDraws() throws {
    for maxVisits in [nil, 1, 2] {
      let (streamed, exact, passes) = try documents(
        Self.spec(maxVisits: maxVisits), Self.directory(rows: 600), options: StreamingDraw.Options(margin: 1, floor: 0.05))
      XCTAssertEqual(String(decoding: streamed, as: UTF8.self), String(decoding: exact, as: UTF8.self))
      XCTAssertEqual(passes, 1, "max-visits \(String(describing: maxVisits))")
    }
  }

  /// A heading with a bracketed note names its column for both paths: with `信用风险分类（2024）`
  /// before a plain `信用风险分类`, both read the first (the streaming path used to read the second).
  func testNotedHeadingsNameTheSameColumnForBothPaths() throws {
    var text = "统一社会信用代码,名称（全称）,行业,标签,信用风险分类（2024）,信用风险分类\n"
    for row in 0..<200 {
      text += "91130102MA\(String(format: "%08d", row)),店\(row),食品销售,食品经营者,\(["A", "B", "C", "D"][row % 4]),D\n"
    }
    let (streamed, exact, _) = try documents(
      Self.spec(maxVisits: nil), Array(text.utf8), options: StreamingDraw.Options(margin: 1, floor: 0.05))
    XCTAssertEqual(String(decoding: streamed, as: UTF8.self), String(decoding: exact, as: UTF8.self))
    XCTAssertTrue(String(decoding: exact, as: UTF8.self).contains("\"A\""), "the noted column (with class A) is the one read")
  }

  /// The directory is read a bounded number of times however many tasks there are: on Rules/
  /// (37 tasks, many small classes) the first pass and at most one widened pass for all the tasks
  /// it left short (the review counted 61 extra passes, one per short task and retry, before).
  func testRulesDrawReadsTheDirectoryAtMostTwice() throws {
    let fixture = try DrawTests.fixture()
    XCTAssertGreaterThan(fixture.spec.tasks.count, 30)
    var sources = SourceMap()
    let targetFile = sources.add(path: "targets.csv", bytes: fixture.targets)
    let streamed = try XCTUnwrap(
      StreamingDraw(
        spec: fixture.spec, issuer: TicketIssuer(seedHash: Tickets.seedHash(fixture.spec.seed)), directory: TargetDirectory(targetFile)
      ).draw())
    XCTAssertLessThanOrEqual(streamed.passes, 2)
  }

  /// Thresholds with no margin keep too few tickets (and counts keep exactly the count): the tasks
  /// are read again with wider ones, and the result is still exact.
  func testThresholdsTooLowFallBackToAnotherPass() throws {
    for maxVisits in [nil, 1] {
      let (streamed, exact, passes) = try documents(
        Self.spec(maxVisits: maxVisits), Self.directory(rows: 400),
        options: StreamingDraw.Options(margin: 0, floor: 0, countExtra: -24))
      XCTAssertEqual(String(decoding: streamed, as: UTF8.self), String(decoding: exact, as: UTF8.self))
      XCTAssertGreaterThan(passes, 1, "the thresholds were too low: another pass was needed")
    }
  }

  /// A directory on disk read in chunks of a few bytes (rows cut anywhere, the buffer grown for
  /// rows longer than a chunk) draws as the same bytes in memory.
  func testChunkedFileDrawsAsMemory() throws {
    let targets = Self.directory(rows: 300)
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("choucha-stream-\(UUID().uuidString).csv")
    defer { try? FileManager.default.removeItem(at: path) }
    try Data(targets).write(to: path)
    for chunk in [7, 64, 1000, 1 << 20] {
      var options = StreamingDraw.Options()
      options.chunk = chunk
      let (streamed, exact, _) = try documents(Self.spec(maxVisits: 1), targets, options: options, path: path.path)
      XCTAssertEqual(streamed, exact, "chunks of \(chunk) bytes")
    }
  }

  /// Chunks without quotes are shared by the two workers, cut at a line feed wherever the balance
  /// puts it: the same document as the exact path for every chunk size, with LF, CRLF and lone
  /// CR line ends, blank lines, and a chunk with quotes (scanned by one worker) among them.
  func testSharedChunksDrawAsTheExactPath() throws {
    var text = "统一社会信用代码,名称,行业,标签,信用风险分类\n"
    for row in 0..<700 {
      let ending = ["\n", "\r\n", "\r"][row % 3]
      let tags = row % 3 == 0 ? "食品经营者、特种设备使用单位" : row % 3 == 1 ? "食品经营者" : ""
      let name = row == 350 ? "\"某,店\"" : "某店\(row)"
      text += "91130102MA\(String(format: "%08d", row * 7919 % 100_000_000)),\(name),\(["食品销售", "餐饮服务", "零售"][row % 3]),\(tags),\(Self.classes[row % 4])\(ending)"
      if row % 50 == 0 { text += "\n" }
    }
    let targets = Array(text.utf8)
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("choucha-shared-\(UUID().uuidString).csv")
    defer { try? FileManager.default.removeItem(at: path) }
    try Data(targets).write(to: path)
    for chunk in [5, 64, 333, 4096, 1 << 20] {
      var options = StreamingDraw.Options(margin: 1, floor: 0.05)
      options.chunk = chunk
      options.splitMinimum = 0
      // Rows cut short both fit before the next chunk and do not.
      options.reserve = chunk / 3
      options.fetchSplit = 2
      for source in [nil, path.path] {
        let (streamed, exact, _) = try documents(Self.spec(maxVisits: 1), targets, options: options, path: source)
        XCTAssertEqual(streamed, exact, "chunks of \(chunk) bytes, \(source == nil ? "memory" : "file")")
      }
    }
  }

  /// What the one-pass draw leaves to the exact path, and the exact path then reports or draws.
  func testUnusualDirectoriesTakeTheExactPath() throws {
    let spec = Self.spec(maxVisits: nil)
    let good = String(decoding: Self.directory(rows: 50), as: UTF8.self)
    let lines = good.components(separatedBy: "\r\n")
    let cases: [(String, String)] = [
      ("duplicate code", good + lines[1] + "\r\n"),
      ("unknown class", good + "91130102MA99999999,某店,零售,,E\r\n"),
      ("ragged row", good + "91130102MA99999999,某店\r\n"),
      ("empty name", good + "91130102MA99999999,,零售,,A\r\n"),
      ("unterminated quote", good + "91130102MA99999999,\"某店,零售,,A\r\n"),
      ("non-ASCII code", good + "９１１３０１０２,某店,零售,,A\r\n"),
      ("missing column", "统一社会信用代码,名称,行业\r\n91,某店,零售\r\n"),
      ("empty file", ""),
    ]
    for (name, text) in cases {
      var sources = SourceMap()
      let file = sources.add(path: "targets.csv", bytes: Array(text.utf8))
      let directory = TargetDirectory(file)
      XCTAssertNil(StreamingDraw(spec: spec, issuer: issuer, directory: directory).draw(), name)
    }
    // GB18030 is decoded by the exact path too.
    let gb: [UInt8] = Array("统一社会信用代码,名称,行业,信用风险分类\r\n91,".utf8) + [0xC4, 0xB3, 0xB5, 0xEA] + Array(",零售,A\r\n".utf8)
    var sources = SourceMap()
    XCTAssertNil(StreamingDraw(spec: spec, issuer: issuer, directory: TargetDirectory(sources.add(path: "gb.csv", bytes: gb))).draw())
  }
}

extension StreamingDrawTests {
  /// The duplicate check over pages and buckets: a value repeated anywhere (in one store or across
  /// the two workers' stores, in any bucket, across page boundaries) is found, and only then.
  func testFingerprintStoreFindsDuplicates() {
    var state: UInt64 = 42
    let values: [UInt64] = (0..<20_000).map { _ in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state ^ (state >> 17)
    } + [0, UInt64.max, 1 << 63, 255]
    func check(_ first: [UInt64], _ second: [UInt64]) -> Bool {
      var stores = [FingerprintStore(), FingerprintStore()]
      for value in first { stores[0].insert(value) }
      for value in second { stores[1].insert(value) }
      XCTAssertEqual((0..<256).reduce(0) { $0 + stores[0].count($1) }, first.count)
      return FingerprintStore.hasDuplicates(stores)
    }
    XCTAssertFalse(check(values, []))
    XCTAssertFalse(check(Array(values[..<9000]), Array(values[9000...])))
    XCTAssertFalse(check([], []))
    XCTAssertTrue(check(values + [values[12_345]], []), "within one store")
    XCTAssertTrue(check(Array(values[..<9000]), Array(values[8999...])), "across the stores")
    XCTAssertTrue(check([UInt64.max, UInt64.max], []), "in the last bucket")
    // Ten thousand values in one bucket: many pages.
    let oneBucket = (0..<10_000).map { UInt64(7) << 56 | UInt64($0) }
    XCTAssertFalse(check(oneBucket, []))
    XCTAssertTrue(check(oneBucket, [UInt64(7) << 56 | 9_999]))
  }

  /// The fast path of `Directories.list` (no separator in the cell) changes nothing.
  func testListFastPath() {
    for cell in ["食品经营者", "", "a", "食品经营者、特种设备", "a,b", "a；b", "a / b", "x\u{3000}y", "、\u{301}", "e\u{301}"] {
      XCTAssertEqual(
        Directories.list(cell),
        cell.split(whereSeparator: { "、，,；;/ \u{3000}".contains($0) }).map(String.init).filter { !$0.isEmpty }, cell)
    }
  }
}

extension StreamingDrawTests {
  /// The binary reads the target directory by path, in chunks; a problem in it is still shown
  /// located (the file is read whole only then), and nothing is written.
  func testBinaryReportsDirectoryProblemsReadByPath() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("choucha-stream-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let examples = RepositoryTests.root.appendingPathComponent("Examples/05-draw")
    var targets = try String(contentsOf: examples.appendingPathComponent("targets.csv"), encoding: .utf8)
    let lines = targets.components(separatedBy: "\r\n")
    targets += lines[3] + "\r\n"  // row 4 again, as the last row
    let path = folder.appendingPathComponent("targets.csv")
    try targets.write(to: path, atomically: true, encoding: .utf8)
    let out = folder.appendingPathComponent("out")
    let binary = try RepositoryTests.requireBinary()
    let process = Process()
    process.executableURL = binary
    process.arguments = [
      "draw", "Rules", "--targets", path.path, "--inspectors", examples.appendingPathComponent("inspectors.csv").path,
      "--seed", DrawTests.seed, "--out", out.path, "--lang", "en",
    ]
    process.currentDirectoryURL = RepositoryTests.root
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = Pipe()
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let result = (status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    XCTAssertEqual(result.status, 1, result.output)
    XCTAssertTrue(result.output.contains("targets.csv:\(lines.count):1"), result.output)
    XCTAssertTrue(result.output.contains("E0102"), result.output)
    XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "nothing written")
  }
}
