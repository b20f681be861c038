import XCTest

@testable import ChouchaCore

/// Issue 12, item 6: inputs committed before the seed. `draw --commit` writes the commitment;
/// `draw --seed S --commitment FILE` refuses, writing nothing, if anything differs; the draw
/// records the commitment's SHA-256 and `verify --commitment` checks it. The content digest does
/// not depend on the encoding or the rows' order (and `Tests/Vectors/commitment_digest.py`
/// computes it independently).
final class CommitmentTests: XCTestCase {
  static let root = RepositoryTests.root
  static let targets = "Examples/05-draw/targets.csv"
  static let inspectors = "Examples/05-draw/inspectors.csv"

  func directory(_ name: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("choucha-\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
  }

  func run(_ arguments: [String]) throws -> (status: Int32, output: String) { try OutputTests.run(arguments) }

  /// Commits into `folder/commit`; returns the commitment's path.
  func commit(_ folder: URL, rules: String = "Rules", targets: String = targets, inspectors: String = inspectors) throws -> String {
    let out = folder.appendingPathComponent("commit").path
    let made = try run(["draw", rules, "--targets", targets, "--inspectors", inspectors, "--commit", "--out", out])
    XCTAssertEqual(made.status, 0, made.output)
    XCTAssertEqual(
      try Set(FileManager.default.contentsOfDirectory(atPath: out)), ["commitment-2024.json", "commitment-2024.manifest.json"])
    return out + "/commitment-2024.json"
  }

  /// A draw against `commitment` into `folder/draw`: its status and output, and whether it wrote.
  func draw(
    _ folder: URL, commitment: String, rules: String = "Rules", out name: String = "draw", targets: String = targets,
    inspectors: String = inspectors, extra: [String] = []
  ) throws -> (status: Int32, output: String, wrote: Bool) {
    let out = folder.appendingPathComponent(name).path
    let drawn = try run(
      ["draw", rules, "--targets", targets, "--inspectors", inspectors, "--seed", DrawTests.seed, "--commitment", commitment, "--out", out]
        + extra)
    return (drawn.status, drawn.output, FileManager.default.fileExists(atPath: out))
  }

  func testCommitThenDrawThenVerify() throws {
    let folder = try directory("commit")
    let commitment = try commit(folder)
    let bytes = try Data(contentsOf: URL(fileURLWithPath: commitment))
    let recorded = try Commitment.read(Array(bytes)).get()
    XCTAssertEqual(recorded.year, 2024)
    XCTAssertEqual(recorded.algorithm, Drawer.Algorithm.current.rawValue)
    XCTAssertEqual(recorded.targets.rows, 468)
    XCTAssertFalse(String(decoding: bytes, as: UTF8.self).contains(DrawTests.seed), "no seed in a commitment")
    // Committing again gives the same bytes (deterministic), and is allowed.
    let again = try run(["draw", "Rules", "--targets", Self.targets, "--inspectors", Self.inspectors, "--commit", "--out", folder.appendingPathComponent("commit").path])
    XCTAssertEqual(again.status, 0, again.output)
    XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: commitment)), bytes)

    let drawn = try draw(folder, commitment: commitment)
    XCTAssertEqual(drawn.status, 0, drawn.output)
    let document = folder.appendingPathComponent("draw/draw-2024.json").path
    let sha = SHA256.hex(SHA256.hash(Array(bytes)))
    let recordedDraw = try XCTUnwrap(DrawDocument.spec(from: Array(try Data(contentsOf: URL(fileURLWithPath: document)))))
    XCTAssertEqual(recordedDraw.spec.commitment, sha)
    let directories = ["--targets", Self.targets, "--inspectors", Self.inspectors]
    let verified = try run(["verify", document] + directories + ["--commitment", commitment])
    XCTAssertEqual(verified.status, 0, verified.output)
    XCTAssertTrue(verified.output.contains("承诺书"), verified.output)
    // Another commitment (one byte more) is not the one the draw records.
    let other = folder.appendingPathComponent("other.json")
    try (bytes + Data("\n".utf8)).write(to: other)
    let refused = try run(["verify", document] + directories + ["--commitment", other.path])
    XCTAssertEqual(refused.status, 1, refused.output)
    XCTAssertTrue(refused.output.contains(sha), refused.output)
    // A draw without a commitment cannot be tied to one.
    let plain = folder.appendingPathComponent("plain").path
    XCTAssertEqual(try run(["draw", "Rules"] + directories + ["--seed", DrawTests.seed, "--out", plain]).status, 0)
    let untied = try run(["verify", plain + "/draw-2024.json"] + directories + ["--commitment", commitment])
    XCTAssertEqual(untied.status, 1, untied.output)
  }

  /// The commitment of `Rules/` with `Examples/05-draw`, kept in `Tests/Fixtures/commitment/` (the
  /// fuzz corpus's seed): what `--commit` writes is byte for byte that (`BLESS=1` rewrites it).
  func testCommitmentGolden() throws {
    let folder = try directory("golden")
    let written = try Data(contentsOf: URL(fileURLWithPath: try commit(folder)))
    // (commitment-2024.json beside it is the published v1 artefact: testPublishedV1CommitmentStillVerifies.)
    let golden = Self.root.appendingPathComponent("Tests/Fixtures/commitment/commitment-2024-v2.json")
    if ProcessInfo.processInfo.environment["BLESS"] != nil { try written.write(to: golden) }
    XCTAssertEqual(String(decoding: written, as: UTF8.self), try String(contentsOf: golden, encoding: .utf8))
  }

  /// A cell changed between the commitment and the draw: refused, nothing written, and the
  /// message says the content changed. Rows reordered or re-encoded: refused too (the file
  /// published is another), but the message says the content digest agrees.
  func testChangedDirectoryIsRefused() throws {
    let folder = try directory("changed")
    let commitment = try commit(folder)
    let original = try String(contentsOf: Self.root.appendingPathComponent(Self.targets), encoding: .utf8)
    var lines = original.components(separatedBy: "\r\n")
    // One cell: the risk class of the first row without quotes.
    let columns = lines[0].split(separator: ",", omittingEmptySubsequences: false).count
    let classColumn = try XCTUnwrap(lines[0].split(separator: ",").firstIndex { $0.contains("信用风险分类") })
    let row = try XCTUnwrap(lines.indices.dropFirst().first {
      !lines[$0].contains("\"") && lines[$0].split(separator: ",", omittingEmptySubsequences: false).count == columns
    })
    var cells = lines[row].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    cells[classColumn] = cells[classColumn] == "A" ? "B" : "A"
    lines[row] = cells.joined(separator: ",")
    let changed = folder.appendingPathComponent("changed.csv")
    try lines.joined(separator: "\r\n").write(to: changed, atomically: true, encoding: .utf8)
    let refused = try draw(folder, commitment: commitment, targets: changed.path)
    XCTAssertEqual(refused.status, 1, refused.output)
    XCTAssertFalse(refused.wrote, "nothing is written")
    XCTAssertTrue(refused.output.contains("inputs.targets.sha256"), refused.output)
    XCTAssertTrue(refused.output.contains("内容摘要也不同"), refused.output)

    // Reordered: the same content digest, another file.
    let body = original.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
    let reordered = folder.appendingPathComponent("reordered.csv")
    try ([lines[0]] + body.reversed()).joined(separator: "\r\n").appending("\r\n").write(to: reordered, atomically: true, encoding: .utf8)
    let moved = try draw(folder, commitment: commitment, targets: reordered.path)
    XCTAssertEqual(moved.status, 1, moved.output)
    XCTAssertFalse(moved.wrote)
    XCTAssertTrue(moved.output.contains("内容摘要相同"), moved.output)

    // An inspector removed: refused at the inspectors.
    let inspectorLines = try String(contentsOf: Self.root.appendingPathComponent(Self.inspectors), encoding: .utf8)
      .components(separatedBy: "\r\n").filter { !$0.isEmpty }
    let fewer = folder.appendingPathComponent("fewer.csv")
    try inspectorLines.dropLast().joined(separator: "\r\n").appending("\r\n").write(to: fewer, atomically: true, encoding: .utf8)
    let short = try draw(folder, commitment: commitment, inspectors: fewer.path)
    XCTAssertEqual(short.status, 1, short.output)
    XCTAssertFalse(short.wrote)
    XCTAssertTrue(short.output.contains("inputs.inspectors"), short.output)
  }

  /// The plan changed after the commitment: a task's frequency (its rounds `<id>@k`), a task's
  /// abnormal ratio, the plan's 最低覆盖率 or 企业基数. Each is refused, nothing written, the
  /// place named; the unchanged rules draw.
  func testChangedPlanIsRefused() throws {
    let folder = try directory("plan")
    let rules = folder.appendingPathComponent("Rules")
    try FileManager.default.copyItem(at: Self.root.appendingPathComponent("Rules"), to: rules)
    let commitment = try commit(folder, rules: rules.path)
    let changes: [(file: String, from: String, to: String, place: String)] = [
      ("bundles.choucha", "  频次 1\n", "  频次 2\n", "2024-J-YYYC-2024-02@1"),
      ("items/rsj.choucha", "比例 { A 10%  B 20%  C 30%  D 50% }", "比例 { A 10%  B 20%  C 30%  D 50%  异常 60% }", "tasks["),
      ("plan-2024.choucha", "  最低覆盖率 5%\n", "  最低覆盖率 6%\n", "minCoverage"),
      ("plan-2024.choucha", "  最低覆盖率 5%\n", "  最低覆盖率 5%\n  企业基数 468\n", "enterpriseBase"),
    ]
    for (index, change) in changes.enumerated() {
      let file = rules.appendingPathComponent(change.file)
      let original = try String(contentsOf: file, encoding: .utf8)
      XCTAssertEqual(original.components(separatedBy: change.from).count, 2, "\(change.from) once in \(change.file)")
      try original.replacingOccurrences(of: change.from, with: change.to).write(to: file, atomically: true, encoding: .utf8)
      let refused = try draw(folder, commitment: commitment, rules: rules.path, out: "changed-\(index)")
      XCTAssertEqual(refused.status, 1, refused.output)
      XCTAssertFalse(refused.wrote, "nothing is written: \(change.to)")
      XCTAssertTrue(refused.output.contains("抽取规格与承诺书不同"), refused.output)
      XCTAssertTrue(refused.output.contains(change.place), "\(change.place): \(refused.output)")
      try original.write(to: file, atomically: true, encoding: .utf8)
    }
    let drawn = try draw(folder, commitment: commitment, rules: rules.path)
    XCTAssertEqual(drawn.status, 0, drawn.output)
  }

  /// The content digest is the same for the same rows in UTF-8 (with a BOM or not) and GB18030,
  /// in any order, and with cells padded as the draw trims them; it differs when a cell does.
  func testContentDigestIgnoresEncodingAndOrder() throws {
    let text = "统一社会信用代码,名称,行业,标签,信用风险分类\n91A,甲餐饮,餐饮,食品经营者,A\n91B,乙超市,零售,\"食品经营者、特种设备使用单位\",B\n"
    let reordered = "统一社会信用代码,名称,行业,标签,信用风险分类\r\n91B, 乙超市 ,零售,\"食品经营者、特种设备使用单位\",B\r\n91A,甲餐饮,餐饮,食品经营者,A\u{3000}\r\n"
    func digest(_ bytes: [UInt8]) -> String? { Commitment.contentDigest(SourceFile(id: 0, path: "t.csv", bytes: bytes), inspectors: false)?.digest }
    let utf8 = try XCTUnwrap(digest(Array(text.utf8)))
    XCTAssertEqual(digest([0xEF, 0xBB, 0xBF] + Array(text.utf8)), utf8)
    // The realistic directory of the GB18030 vectors, as Python's codec encodes it.
    // Its rows but the last, a ragged one the draw refuses: up to the seventh line break (0x0A is
    // never inside a GB18030 character).
    func rows(_ bytes: [UInt8]) -> [UInt8] {
      let breaks = bytes.indices.filter { bytes[$0] == 0x0A }
      return Array(bytes[...breaks[6]])
    }
    let directory = Array(try Data(contentsOf: Vectors.folder.appendingPathComponent("gb18030-directory.txt")))
    let encoded = Vectors.bytes(hex: try Vectors.lines("gb18030-directory.hex").joined())
    XCTAssertNotEqual(rows(encoded), rows(directory))
    let decoded = try XCTUnwrap(digest(rows(directory)))
    XCTAssertEqual(digest(rows(encoded)), decoded, "GB18030 and UTF-8 of the same rows")
    XCTAssertEqual(digest(Array(reordered.utf8)), utf8)
    XCTAssertNotEqual(digest(Array(text.replacingOccurrences(of: "甲餐饮", with: "甲餐厅").utf8)), utf8)
    // The README's definition, spelt out: absent 经营异常 is the empty text.
    let rows = [["91A", "甲餐饮", "餐饮", "食品经营者", "A", ""], ["91B", "乙超市", "零售", "食品经营者、特种设备使用单位", "B", ""]]
    XCTAssertEqual(Commitment.digest(rows), utf8)
    let hashes = rows.map { SHA256.hash(Array($0.joined(separator: "\u{1F}").utf8)) }.sorted { $0.lexicographicallyPrecedes($1) }
    XCTAssertEqual(SHA256.hex(SHA256.hash(hashes.flatMap { $0 })), Commitment.digest(rows, method: .sorted), "v1")
    // v2 spelt out: the two rows' digests fall in buckets 0x8d and 0xd5; every other bucket is
    // the SHA-256 of nothing.
    XCTAssertEqual(hashes.map { $0[0] }, [0x8D, 0xD5])
    let empty = SHA256.hash([UInt8]())
    let buckets = (0..<256).map { bucket in bucket == 0x8D ? SHA256.hash(hashes[0]) : bucket == 0xD5 ? SHA256.hash(hashes[1]) : empty }
    XCTAssertEqual(SHA256.hex(SHA256.hash(buckets.flatMap { $0 })), utf8, "v2")
  }

  /// v2 (`sha256-bucketed-row-sha256-v2`) pinned on a tiny directory by values Python's hashlib
  /// gave (Tests/Vectors/commitment_digest.py --method v1|v2), and v1 beside it; no rows: the
  /// SHA-256 of 256 empty buckets (v1: of nothing).
  func testBucketedDigestPinned() {
    let rows = [["91A", "甲餐饮", "餐饮", "食品经营者", "A", ""], ["91B", "乙超市", "零售", "食品经营者、特种设备使用单位", "B", ""]]
    XCTAssertEqual(Commitment.digest(rows), "68aacd25cd22ca525b17bded762d7a285978bfd6ad3157615bdbc124561008ad")
    XCTAssertEqual(Commitment.digest(rows, method: .bucketed), Commitment.digest(rows))
    XCTAssertEqual(Commitment.digest(rows, method: .sorted), "2de1019ca560cea6ec2ea73d80f2a52c9ce7a051734d08a607fd914871762a97")
    XCTAssertEqual(Commitment.digest(Array(rows.reversed())), Commitment.digest(rows), "the rows' order")
    XCTAssertEqual(Commitment.digest([]), "0e89e7ed74c9a5944c886585d634e3c68f4dccd0a31968fe52d6df0873ccdec6")
    XCTAssertEqual(Commitment.digest([], method: .sorted), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    XCTAssertEqual(Commitment.DigestMethod.current, .bucketed)
    XCTAssertEqual(Commitment.DigestMethod.names, ["sha256-sorted-row-sha256-v1", "sha256-bucketed-row-sha256-v2"])
    // A duplicated row counts: the digest differs from the row once.
    XCTAssertNotEqual(Commitment.digest(rows + [rows[0]]), Commitment.digest(rows))
    // The row digests order as their bytes do (the words are compared from the first byte).
    let digests = (0..<2000).map { SHA256.hash(Array("行\($0)".utf8)) }
    XCTAssertEqual(
      digests.map(Commitment.RowDigest.init).sorted(),
      digests.sorted { $0.lexicographicallyPrecedes($1) }.map(Commitment.RowDigest.init))
  }

  /// `Tests/Fixtures/commitment/commitment-2024.json` was published with v1 (`contentDigest`
  /// `sha256-sorted-row-sha256-v1`): it is read as v1, the draw against it succeeds and `verify
  /// --commitment` accepts it, byte for byte unchanged; a reordered directory is compared by v1.
  func testPublishedV1CommitmentStillVerifies() throws {
    let published = Self.root.appendingPathComponent("Tests/Fixtures/commitment/commitment-2024.json").path
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: published)))
    // The file as published (its SHA-256 pinned): it is never re-blessed.
    XCTAssertEqual(SHA256.hex(SHA256.hash(bytes)), "7eca004f5ca61ebd819a2788f2b714bf4764ca5392691aa534a89216155dc94c")
    let recorded = try Commitment.read(bytes).get()
    XCTAssertEqual(recorded.method, .sorted)
    XCTAssertEqual(recorded.targets.contentDigest, "eaf19f039f2bc516bbcd8a548c7aac08b745398743dcc4564ae148c9ce7b611f")
    let file = SourceFile(id: 0, path: Self.targets, bytes: Array(try Data(contentsOf: Self.root.appendingPathComponent(Self.targets))))
    XCTAssertEqual(Commitment.contentDigest(file, inspectors: false, method: .sorted)?.digest, recorded.targets.contentDigest)
    let folder = try directory("v1")
    let drawn = try draw(folder, commitment: published)
    XCTAssertEqual(drawn.status, 0, drawn.output)
    let document = folder.appendingPathComponent("draw/draw-2024.json").path
    let verified = try run(
      ["verify", document, "--targets", Self.targets, "--inspectors", Self.inspectors, "--commitment", published])
    XCTAssertEqual(verified.status, 0, verified.output)
    XCTAssertEqual(Array(try Data(contentsOf: URL(fileURLWithPath: published))), bytes, "unchanged")
    // Rows reordered: refused (another file), and the content digest by v1 agrees.
    let original = try String(contentsOf: Self.root.appendingPathComponent(Self.targets), encoding: .utf8)
    let lines = original.components(separatedBy: "\r\n").filter { !$0.isEmpty }
    let reordered = folder.appendingPathComponent("reordered.csv")
    try ([lines[0]] + lines.dropFirst().reversed()).joined(separator: "\r\n").appending("\r\n").write(
      to: reordered, atomically: true, encoding: .utf8)
    let moved = try draw(folder, commitment: published, out: "moved", targets: reordered.path)
    XCTAssertEqual(moved.status, 1, moved.output)
    XCTAssertTrue(moved.output.contains("内容摘要相同"), moved.output)
  }

  /// The digests `Tests/Vectors/commitment_digest.py` computed from the README's words, by both
  /// methods: Examples/05-draw's directories and the edges of v2's buckets (every row in one
  /// bucket, duplicated rows, no rows).
  func testContentDigestEqualsTheIndependentComputation() throws {
    let recorded = try Vectors.fields("commitment-digest.txt")
    XCTAssertEqual(recorded.count, 12)
    var compared = 0
    for fields in recorded where !fields[0].hasPrefix("gb18030") {
      let url =
        fields[0].hasPrefix("Examples/") ? Self.root.appendingPathComponent(fields[0]) : Vectors.folder.appendingPathComponent(fields[0])
      let method = try XCTUnwrap(["v1": Commitment.DigestMethod.sorted, "v2": .bucketed][fields[1]], fields[1])
      let computed = try XCTUnwrap(
        Commitment.contentDigest(
          SourceFile(id: 0, path: fields[0], bytes: Array(try Data(contentsOf: url))), inspectors: fields[0].hasSuffix("inspectors.csv"),
          method: method))
      XCTAssertEqual("\(computed.rows)", fields[2], fields[0])
      XCTAssertEqual(computed.digest, fields[3], "\(fields[0]) \(fields[1])")
      compared += 1
    }
    XCTAssertEqual(compared, 10)
  }

  /// Commitment files that are malformed, of another year, of another algorithm or of other
  /// rules: a clear error naming the field, and nothing written.
  func testBadCommitmentsAreRefused() throws {
    let folder = try directory("bad")
    let commitment = try commit(folder)
    let good = try String(contentsOf: URL(fileURLWithPath: commitment), encoding: .utf8)
    let cases: [(name: String, text: String, status: Int32, says: String)] = [
      ("not-json", "这不是 JSON", 2, "不是 JSON 对象"),
      ("truncated", String(good.prefix(200)), 2, "不是 JSON 对象"),
      ("array", "[1, 2]", 2, "不是 JSON 对象"),
      ("schema", good.replacingOccurrences(of: "choucha/commitment/v1", with: "choucha/draw/v2"), 2, "这是抽取结果"),
      ("year", good.replacingOccurrences(of: "\"year\": 2024", with: "\"year\": 2023"), 1, "2023"),
      ("year-range", good.replacingOccurrences(of: "\"year\": 2024", with: "\"year\": 20240"), 1, "year"),
      ("algorithm", good.replacingOccurrences(of: "consistent-sampler-sha256-v2", with: "consistent-sampler-sha256-v1"), 1, "algorithm"),
      ("unknown-algorithm", good.replacingOccurrences(of: "consistent-sampler-sha256-v2", with: "md5"), 1, "algorithm"),
      ("hash", good.replacingOccurrences(of: "\"sha256\": \"", with: "\"sha256\": \"X"), 1, "inputs.targets.sha256"),
      ("rows", good.replacingOccurrences(of: "\"rows\": 468", with: "\"rows\": -1"), 1, "inputs.targets.rows"),
      ("rules", good.replacingOccurrences(of: "\"inspectorsPerVisit\": 2", with: "\"inspectorsPerVisit\": 3"), 1, "inspectorsPerVisit"),
      ("task", good.replacingOccurrences(of: "\"joint\"", with: "\"single\""), 1, "tasks[0]"),
      ("method", good.replacingOccurrences(of: Commitment.digestMethod, with: "sum-mod-2-256"), 1, "sha256-sorted-row-sha256-v1 或 sha256-bucketed-row-sha256-v2"),
      ("empty", "", 2, "不是 JSON 对象"),
    ]
    for entry in cases {
      let path = folder.appendingPathComponent("\(entry.name).json")
      try entry.text.write(to: path, atomically: true, encoding: .utf8)
      let drawn = try draw(folder, commitment: path.path)
      XCTAssertEqual(drawn.status, entry.status, "\(entry.name): \(drawn.output)")
      XCTAssertFalse(drawn.wrote, "\(entry.name): nothing is written")
      XCTAssertTrue(drawn.output.contains(entry.says), "\(entry.name): \(drawn.output)")
      XCTAssertTrue(drawn.output.contains(path.path), "\(entry.name): the message names the file: \(drawn.output)")
    }
    // A directory is no commitment file; --commit with a seed is a usage error.
    XCTAssertEqual(try draw(folder, commitment: folder.path).status, 2)
    let both = try run(["draw", "Rules", "--targets", Self.targets, "--inspectors", Self.inspectors, "--commit", "--seed", "x"])
    XCTAssertEqual(both.status, 2, both.output)
  }

  /// Directories with errors are not committed: the located errors, nothing written, exit 1; in
  /// English with `--lang en`.
  func testDirectoriesWithErrorsAreNotCommitted() throws {
    let folder = try directory("errors")
    let out = folder.appendingPathComponent("commit").path
    let fixture = "Tests/Fixtures/draw/err-directory-problems/"
    let refused = try run([
      "draw", "Rules", "--targets", fixture + "targets.csv", "--inspectors", Self.inspectors, "--commit", "--out", out, "--lang", "en",
    ])
    XCTAssertEqual(refused.status, 1, refused.output)
    XCTAssertTrue(refused.output.contains("E0602") || refused.output.contains("E0102"), refused.output)
    XCTAssertTrue(refused.output.contains("nothing was written"), refused.output)
    XCTAssertFalse(FileManager.default.fileExists(atPath: out))
  }

  /// A published commitment of the year is not replaced by a different one, unless `--replace`.
  func testDifferentCommitmentIsNotReplaced() throws {
    let folder = try directory("replace")
    let commitment = try commit(folder)
    let before = try Data(contentsOf: URL(fileURLWithPath: commitment))
    let lines = try String(contentsOf: Self.root.appendingPathComponent(Self.inspectors), encoding: .utf8)
      .components(separatedBy: "\r\n").filter { !$0.isEmpty }
    let fewer = folder.appendingPathComponent("fewer.csv")
    try lines.dropLast().joined(separator: "\r\n").appending("\r\n").write(to: fewer, atomically: true, encoding: .utf8)
    let out = folder.appendingPathComponent("commit").path
    let arguments = ["draw", "Rules", "--targets", Self.targets, "--inspectors", fewer.path, "--commit", "--out", out]
    let refused = try run(arguments)
    XCTAssertEqual(refused.status, 2, refused.output)
    XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: commitment)), before)
    XCTAssertEqual(try run(arguments + ["--replace"]).status, 0)
    XCTAssertNotEqual(try Data(contentsOf: URL(fileURLWithPath: commitment)), before)
  }

  /// The commitment reader on hostile bytes: a problem with its place and message, never a crash
  /// (the `document` fuzz target runs it too).
  func testReaderNamesEveryProblem() {
    for text in ["", "{", "{}", "null", "{\"schema\": 1}", "{\"schema\": \"choucha/commitment/v1\", \"algorithm\": [], \"year\": 1e999}"] {
      guard case .failure(let problem) = Commitment.read(Array(text.utf8)) else { return XCTFail(text) }
      XCTAssertFalse(problem.field.isEmpty, text)
      XCTAssertFalse(problem.message.zh.isEmpty || problem.message.en.isEmpty, text)
    }
  }
}
