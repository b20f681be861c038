import Foundation
import XCTest

@testable import ChouchaCore
@testable import ChouchaDraw

/// `verify` reads an untrusted document, and the draw untrusted directories (issue 10, items 3, 4,
/// 5 and 7): every number checked before any arithmetic, every refusal located, no safeguard
/// dropped silently, no implausible file read whole.
final class VerifyTests: XCTestCase {
  static let folder = GoldenTests.fixtures.appendingPathComponent("draw/ok-rules-example")

  /// The fixture's draw: its document and its two directories.
  static func fixture() throws -> (document: [UInt8], targets: [UInt8], inspectors: [UInt8]) {
    let (result, diagnostics, _) = try GoldenTests.draw(folder: folder, displayPrefix: "ok")
    XCTAssertEqual(diagnostics.map(\.code), [])
    return (
      DrawDocument.json(try XCTUnwrap(result)),
      [UInt8](try Data(contentsOf: folder.appendingPathComponent("targets.csv"))),
      [UInt8](try Data(contentsOf: folder.appendingPathComponent("inspectors.csv")))
    )
  }

  static func read(_ bytes: [UInt8]) -> Result<DrawDocument.Recorded, DrawDocument.Problem> {
    bytes.withUnsafeBufferPointer { DrawDocument.read($0) }
  }

  /// What `verify` does after reading: the draw again, and its document.
  static func redraw(_ spec: Drawer.Spec, targets: [UInt8], inspectors: [UInt8]) -> (Drawer.Result?, [Diagnostic]) {
    var sources = SourceMap()
    return Drawer.run(
      spec, targets: sources.add(path: "targets.csv", bytes: targets), inspectors: sources.add(path: "inspectors.csv", bytes: inspectors),
      reading: .published)
  }

  // MARK: - Item 3: crafted documents

  /// The issue's five traps and the two years `verify` called “一致”: each is refused, naming the
  /// field, the value and what is allowed; none reaches the draw. (Before: SIGILL, or “一致”.)
  func testTheIssuesCraftedDocumentsAreLocatedErrors() throws {
    let original = String(decoding: try Self.fixture().document, as: UTF8.self)
    let attacks: [(String, String, String)] = [
      ("\"inspectorsPerVisit\": 2", "\"inspectorsPerVisit\": -1", "inspectorsPerVisit"),
      ("\"inspectorsPerVisit\": 2", "\"inspectorsPerVisit\": 4611686018427387904", "inspectorsPerVisit"),
      ("\"A\": \"50%\"", "\"A\": \"-5%\"", "tasks[0].ratios.A"),
      ("\"count\": null", "\"count\": 9223372036854775807", "tasks[0].count"),
      ("\"count\": null", "\"count\": -9223372036854775808", "tasks[0].count"),
      ("\"year\": 2024", "\"year\": -1", "year"),
      ("\"year\": 2024", "\"year\": 99999", "year"),
      ("\"maxVisits\": 1", "\"maxVisits\": 0", "maxVisits"),
      ("\"count\": null", "\"count\": 2.5", "tasks[0].count"),
      ("\"count\": null", "\"count\": \"30\"", "tasks[0].count"),
    ]
    for (from, to, field) in attacks {
      guard let range = original.range(of: from) else { return XCTFail("the fixture has no \(from)") }
      let edited = Array(original.replacingCharacters(in: range, with: to).utf8)
      switch Self.read(edited) {
      case .success: XCTFail("\(to): read as a valid specification")
      case .failure(let problem):
        XCTAssertEqual(problem.kind, .invalidValue, to)
        XCTAssertEqual(problem.field, field, to)
        let value = to.components(separatedBy: ": ").last!
        XCTAssertTrue(problem.message.zh.hasPrefix(field) && problem.message.zh.contains(value), problem.message.zh)
        XCTAssertTrue(problem.message.en.contains(field), problem.message.en)
      }
    }
    // And the document as written reads back.
    XCTAssertNoThrow(try Self.read(Array(original.utf8)).get())
  }

  /// Documents that are no draw document at all, refused by their first bytes or as malformed
  /// JSON with the byte.
  func testNoDocumentIsRefusedByItsFirstBytes() {
    for (bytes, offset) in [([UInt8](repeating: 0, count: 1 << 20), 0), (Array("  \n[1]".utf8), 3), (Array("{\"a\":".utf8), 5)] {
      guard case .failure(let problem) = Self.read(bytes) else { return XCTFail("accepted \(bytes.prefix(8))") }
      XCTAssertEqual(problem.kind, .notADocument)
      XCTAssertEqual(problem.field, "字节 \(offset)", problem.message.zh)
    }
  }

  /// Hundreds of mutations of a real document's values (numbers to ±2^63, −1, 0, huge,
  /// fractions, strings, deleted keys, nested junk) and of its bytes, each read as `verify`
  /// reads it and, when it is accepted, drawn again and written: in a forked child, so that a
  /// trap is a failure naming the mutation. Every refusal names a field.
  func testMutatedDocumentsNeverCrash() throws {
    let fixture = try Self.fixture()
    let head = try XCTUnwrap(DocumentSkim.withoutDrawnLists(fixture.document))
    let tree = try JSONSerialization.jsonObject(with: Data(head))
    let junk: [Any] = [
      NSNumber(value: Int64.max), NSNumber(value: Int64.min), NSNumber(value: UInt64.max), -1, 0, 1, 3, 1 << 62, 999_999_999,
      1_000_000_000, 2.5, 1e300, -0.0, "7", "-5%", "1000%", "100%", "0%", "0.0001%", "99999999999%", "5", "", "A", NSNull(), true,
      [Any](), [String: Any](), ["a": [1, ["b": NSNull()]]], [[[[[]]]]], ["SCJG", "SCJG"], ["A", "A", "B"],
    ]
    sandboxed("mutated draw documents", idleTimeout: 120) {
      var random = SplitMix64(seed: 10)
      var refused = 0
      var accepted = 0
      func check(_ bytes: [UInt8], _ name: String) {
        Sandbox.progress(name)
        switch Self.read(bytes) {
        case .failure(let problem):
          refused += 1
          Expect.that(!problem.field.isEmpty && !problem.message.zh.isEmpty && !problem.message.en.isEmpty, "\(name): unlocated refusal")
        case .success(let recorded):
          accepted += 1
          let (result, _) = Self.redraw(recorded.spec, targets: fixture.targets, inspectors: fixture.inspectors)
          if let result { _ = DrawDocument.json(result) }
        }
      }
      // Values: one to three changes in the tree.
      for round in 0..<400 {
        var mutated = tree
        var names: [String] = []
        for _ in 0...random.below(3) {
          let value = junk[random.below(junk.count)]
          let operation = random.below(4)
          names.append(Self.mutate(&mutated, random: &random, operation: operation, value: value))
        }
        guard JSONSerialization.isValidJSONObject(mutated),
          let data = try? JSONSerialization.data(withJSONObject: mutated, options: [.sortedKeys])
        else { continue }
        check([UInt8](data), "round \(round): \(names.joined(separator: "; "))")
      }
      // Bytes: the whole document, for the skim.
      let replacements = Array("{}[],:\"\\0123456789-+.eE \n".utf8) + [0x00, 0x1F, 0xC3, 0xA9, 0xFF]
      for round in 0..<300 {
        var bytes = fixture.document
        let at = random.below(bytes.count)
        switch random.below(3) {
        case 0: bytes[at] = replacements[random.below(replacements.count)]
        case 1: bytes.remove(at: at)
        default: bytes.insert(replacements[random.below(replacements.count)], at: at)
        }
        check(bytes, "byte round \(round) at \(at)")
      }
      Expect.that(refused > 100 && accepted > 10, "the mutations reach both outcomes: \(refused) refused, \(accepted) accepted")
    }
  }

  /// Changes a random place of a JSON tree: replaces a value (0), deletes a key (1), adds a key
  /// (2) or replaces an array element (3). Returns what it did.
  static func mutate(_ node: inout Any, random: inout SplitMix64, operation: Int, value: Any, path: String = "") -> String {
    if var object = node as? [String: Any], !object.isEmpty {
      let keys = object.keys.sorted()
      let key = keys[random.below(keys.count)]
      // Descend with some probability into containers.
      if var child = object[key], child is [String: Any] || child is [Any], random.chance(70) {
        let done = mutate(&child, random: &random, operation: operation, value: value, path: path + "." + key)
        object[key] = child
        node = object
        return done
      }
      switch operation {
      case 1: object[key] = nil
      case 2: object["x" + key] = value
      default: object[key] = value
      }
      node = object
      return "\(operation) \(path).\(key) \(value)"
    }
    if var array = node as? [Any], !array.isEmpty {
      let index = random.below(array.count)
      var child = array[index]
      if child is [String: Any] || child is [Any], random.chance(70) {
        let done = mutate(&child, random: &random, operation: operation, value: value, path: path + "[\(index)]")
        array[index] = child
        node = array
        return done
      }
      if operation == 1 { array.remove(at: index) } else { array[index] = value }
      node = array
      return "\(operation) \(path)[\(index)] \(value)"
    }
    node = value
    return "\(operation) \(path) \(value)"
  }

  /// 每户人数 999999999 is a valid integer in a rule file: the draw says E0701 before allocating
  /// a slot per person (before: a slot array of 10^11 entries).
  func testHugePeopleAPerVisitIsUnstaffedNotAllocated() throws {
    let fixture = try Self.fixture()
    var spec = try Self.read(fixture.document).get().spec
    spec.inspectorsPerVisit = 999_999_999
    let (result, diagnostics) = Self.redraw(spec, targets: fixture.targets, inspectors: fixture.inspectors)
    XCTAssertNil(result)
    XCTAssertTrue(diagnostics.contains { $0.code == .E0701 }, "\(diagnostics.map(\.code))")
  }

  // MARK: - Item 5: safeguards of the directories

  static let inspectorsHeader = "工号,姓名,部门,执法证号,专长,回避"
  static let targetsHeader = "统一社会信用代码,名称,行业,标签,信用风险分类,经营异常"

  static func inspectors(_ text: String, reading: Directories.Reading = .current) -> ([Directories.Inspector], [Diagnostic]) {
    let (rows, _, diagnostics) = Directories.inspectors(
      SourceFile(id: 0, path: "i.csv", bytes: Array(text.utf8)),
      departments: [DepartmentRef(code: "SCJG", name: "区市场监督管理局")], reading: reading)
    return (rows, diagnostics)
  }

  static func targets(_ text: String, reading: Directories.Reading = .current) -> [Diagnostic] {
    Directories.targets(SourceFile(id: 0, path: "t.csv", bytes: Array(text.utf8)), classes: ["A"], reading: reading).2
  }

  /// The issue's headings, and the class: every known heading of both directories with one edit
  /// (a character before, after, doubled, or one left out) is an error at its heading cell that
  /// suggests the heading, when the table lacks that column.
  func testHeadingsOneEditFromAKnownOneAreErrors() {
    func variants(_ heading: String) -> [String] {
      var result = ["需" + heading, heading + "名", heading + String(heading.last!)]
      if heading.count > 2 { result.append(String(heading.dropLast())) }
      return result
    }
    for (header, isTargets) in [(Self.targetsHeader, true), (Self.inspectorsHeader, false)] {
      let headings = header.split(separator: ",").map(String.init)
      for (index, heading) in headings.enumerated() {
        for variant in variants(heading) {
          var edited = headings
          edited[index] = variant
          let line = edited.joined(separator: ",")
          let row = isTargets ? "X1,甲,餐饮,,A," : "E1,王,SCJG,1,,"
          let diagnostics = isTargets ? Self.targets(line + "\n" + row + "\n") : Self.inspectors(line + "\n" + row + "\n").1
          let column = line.utf8.count - edited[index...].joined(separator: ",").utf8.count
          let found = diagnostics.first { $0.code == .E0602 && $0.span.start == column && $0.message.zh.contains("列名") }
          XCTAssertNotNil(found, "\(line): \(diagnostics.map { "\($0.code) \($0.message.zh)" })")
          XCTAssertTrue(found?.help?.zh.contains("是否想写“\(heading)”") ?? false, "\(line): \(found?.help?.zh ?? "")")
        }
      }
    }
    // The issue's three, by name.
    XCTAssertTrue(Self.inspectors("工号,姓名,部门,执法证号,专长,需回避\n").1.contains { $0.help?.zh.contains("“回避”") ?? false })
    XCTAssertTrue(Self.targets("统一社会信用代码,名称,行业,标签名,信用风险分类\n").contains { $0.help?.zh.contains("“标签”") ?? false })
    XCTAssertTrue(Self.targets("统一社会信用代码,名称,行业,标签,信用风险分类,经营异常名录\n").contains { $0.help?.zh.contains("“经营异常”") ?? false })
    // A heading close to a column the table has is another column: no error.
    XCTAssertEqual(Self.targets(Self.targetsHeader + ",标签名\nX1,甲,餐饮,,A,,\n").map(\.code), [])
  }

  /// An absent safeguard is said once (not per row), as a warning, and the draw goes on.
  func testAbsentRecusalColumnIsSaidOnce() {
    let (rows, diagnostics) = Self.inspectors("工号,姓名,部门,执法证号,专长\nE1,王,SCJG,1,\nE2,李,SCJG,2,\n")
    XCTAssertEqual(rows.count, 2)
    XCTAssertEqual(diagnostics.map(\.code), [.W0702])
    XCTAssertEqual(diagnostics.first?.message.zh, "执法检查人员名录没有“回避”列：不做回避检查")
    XCTAssertEqual(Self.targets("统一社会信用代码,名称,行业,信用风险分类\nX1,甲,餐饮,A\nX2,乙,餐饮,A\n").map(\.code), [.W0702])
  }

  /// One 执法证号 for two officers is an error at the second, labelled at the first, like a
  /// duplicated 工号; empty certificates (not certified) never clash.
  func testDuplicatedCertificateIsAnErrorAtBothRows() {
    let text = Self.inspectorsHeader + "\nE1,王,SCJG,130102001,,\nE2,李,SCJG,130102001,,\nE3,张,SCJG,,,\nE4,刘,SCJG,,,\n"
    let (rows, diagnostics) = Self.inspectors(text)
    XCTAssertEqual(diagnostics.map(\.code), [.E0102])
    let first = (Self.inspectorsHeader + "\nE1,王,SCJG,").utf8.count
    XCTAssertEqual(diagnostics.first?.labels.first?.span.start, first)
    XCTAssertEqual(rows.map(\.number), ["E1", "E3", "E4"])
  }

  /// `verify` reads the directories of a published draw as they were read then: today's
  /// refusals are warnings (W0702) and the draw is re-run as it was made, so old draws stay
  /// verifiable.
  func testPublishedReadingWarnsAndDrawsAsBefore() throws {
    let fixture = try Self.fixture()
    let spec = try Self.read(fixture.document).get().spec
    let text = String(decoding: fixture.inspectors, as: UTF8.self)
      .replacingOccurrences(of: ",回避", with: ",需回避")
      .replacingOccurrences(of: "E10,周杰,SCJG,130102010,", with: "E10,周杰,SCJG,130102001,")
    var sources = SourceMap()
    let targets = sources.add(path: "targets.csv", bytes: fixture.targets)
    let inspectors = sources.add(path: "inspectors.csv", bytes: Array(text.utf8))
    let (refused, errors) = Drawer.run(spec, targets: targets, inspectors: inspectors)
    XCTAssertNil(refused)
    XCTAssertEqual(Set(errors.map(\.code)), [.E0602, .E0102])
    let (drawn, warnings) = Drawer.run(spec, targets: targets, inspectors: inspectors, reading: .published)
    XCTAssertNotNil(drawn, "\(warnings.map(\.message.zh))")
    XCTAssertEqual(warnings.map(\.code), [.W0702, .W0702])
    // Both officers sharing the certificate are in the directory the published draw read.
    XCTAssertEqual(drawn?.tasks.first?.shared.inspectors.filter { $0.certificate == "130102001" }.count, 2)
  }

  // MARK: - Item 4: implausible directories

  /// A file of NUL bytes as the target directory: refused at its first byte at once (before:
  /// every byte read as one heading cell, 189 s for 64 MB).
  func testNULDirectoryIsRefusedAtOnce() throws {
    let fixture = try Self.fixture()
    let spec = try Self.read(fixture.document).get().spec
    var sources = SourceMap()
    let targets = sources.add(path: "targets.csv", bytes: [UInt8](repeating: 0, count: 64 << 20))
    let inspectors = sources.add(path: "inspectors.csv", bytes: fixture.inspectors)
    let started = Date()
    let (result, diagnostics) = Drawer.run(spec, targets: targets, inspectors: inspectors)
    XCTAssertLessThan(Date().timeIntervalSince(started), 10)
    XCTAssertNil(result)
    XCTAssertEqual(diagnostics.map(\.code), [.E0602])
    XCTAssertEqual(diagnostics.first?.span.start, 0)
    // Bytes that are neither UTF-8 nor GB18030 in the first bytes, and a first row of megabytes.
    let invalid = [UInt8]([0x41, 0x2C, 0xFF, 0xFF, 0x0A]).withUnsafeBufferPointer {
      Directories.checkStart($0, whole: true, what: Directories.targetsName, file: 0)
    }
    XCTAssertEqual(invalid?.span.start, 2)
    let long = [UInt8](repeating: 0x41, count: Directories.startLength)
    XCTAssertNotNil(long.withUnsafeBufferPointer { Directories.checkStart($0, whole: false, what: Directories.targetsName, file: 0) })
  }

  /// A heading cell of megabytes is read in linear time (before: a microsecond a byte, comparing
  /// Characters, several times over).
  func testLongHeadingIsReadInLinearTime() {
    let cell = String(repeating: "名（", count: 1 << 20)
    let started = Date()
    let diagnostics = Self.targets(Self.targetsHeader + "," + cell + "\n")
    XCTAssertLessThan(Date().timeIntervalSince(started), 20)
    XCTAssertEqual(diagnostics.map(\.code), [])
  }

  // MARK: - The command line

  /// `--seed ""` (or white space) is a usage error; `verify` exit codes follow the contract:
  /// 1 for a document with a value out of bounds, 2 for a file that is no draw document.
  func testCommandLineRefusals() throws {
    let directories = ["--targets", "Examples/05-draw/targets.csv", "--inspectors", "Examples/05-draw/inspectors.csv"]
    for seed in ["", "  \t"] {
      let (status, _, errors) = try RepositoryTests.launch(["draw", "Rules"] + directories + ["--seed", seed, "--out", "/nonexistent"])
      XCTAssertEqual(status, 2, errors)
      XCTAssertTrue(errors.contains("--seed"), errors)
    }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("verify-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let drawn = try RepositoryTests.launch(["draw", "Rules"] + directories + ["--seed", "s", "--out", folder.path])
    XCTAssertEqual(drawn.status, 0, drawn.errors)
    let document = folder.appendingPathComponent("draw-2024.json")
    let text = try String(contentsOf: document, encoding: .utf8)
    let edited = folder.appendingPathComponent("edited.json")
    try text.replacingOccurrences(of: "\"year\": 2024", with: "\"year\": 99999").write(to: edited, atomically: true, encoding: .utf8)
    let verified = try RepositoryTests.launch(["verify", edited.path] + directories)
    XCTAssertEqual(verified.status, 1, verified.output + verified.errors)
    XCTAssertTrue((verified.output + verified.errors).contains("year 的值 99999"), verified.output + verified.errors)
    let zeros = folder.appendingPathComponent("zeros.json")
    XCTAssertTrue(FileManager.default.createFile(atPath: zeros.path, contents: nil))
    let handle = try FileHandle(forWritingTo: zeros)
    try handle.truncate(atOffset: 1 << 30)  // a sparse gigabyte of NUL bytes
    try handle.close()
    let started = Date()
    let refused = try RepositoryTests.launch(["verify", zeros.path] + directories)
    XCTAssertEqual(refused.status, 2, refused.output + refused.errors)
    XCTAssertLessThan(Date().timeIntervalSince(started), 5, "refused by its first bytes, not read whole")
  }
}

extension VerifyTests {
  /// The first bytes' check judges the whole prefix but a character cut at its end: a heading
  /// followed by a megabyte of 0xFF is refused there (before, every trailing byte ≥ 0x80 was left
  /// out, so nothing after the heading was judged), while a prefix cut inside a UTF-8 or a
  /// four-byte GB18030 character is not.
  func testFirstBytesAreJudgedUpToACutCharacter() {
    func check(_ bytes: [UInt8]) -> Diagnostic? {
      bytes.withUnsafeBufferPointer { Directories.checkStart($0, whole: false, what: Directories.targetsName, file: 0) }
    }
    let heading = Array("统一社会信用代码,名称\n".utf8)
    let junk = check(heading + [UInt8](repeating: 0xFF, count: 1 << 20))
    XCTAssertEqual(junk?.code, .E0602)
    XCTAssertEqual(junk?.span.start, heading.count)
    // Cut inside a character: 统 is E7 BB 9F in UTF-8; 𠀀 (U+20000) is 95 32 82 36 in GB18030.
    let utf8 = heading + Array("某食品店,".utf8) + [0xE7, 0xBB]
    XCTAssertNil(check(utf8))
    let gb = heading + [0x41, 0x2C, 0x95, 0x32, 0x82]
    XCTAssertNil(check(gb))
    // A whole character ending one or two bytes before the cut is not cut by the check (it
    // dropped three bytes, cutting 第 = E7 AC AC in `…第1` and refusing a valid 3 MB directory).
    for tail in ["第1", "第12", "第"] {
      XCTAssertNil(check(heading + Array("长安区\(tail)".utf8)), tail)
    }
    // GB18030: 长 is B3 A4, a two-byte character ending one byte before the cut.
    XCTAssertNil(check(heading + [0xB3, 0xA4, 0x31]))
  }
}
