import Foundation
import XCTest

@testable import ChouchaCore
@testable import ChouchaDraw

/// The GB18030 decoder against Python's codec, its data source: a realistic directory, every
/// two-byte sequence and every four-byte sequence. The only differences allowed are the two
/// sequences GB18030-2005 swapped (Python's codec keeps the 2000 mapping), and the lone byte 0x80,
/// which the WHATWG decoder reads as € (Windows code page 936) and Python rejects.
final class GB18030Tests: XCTestCase {
  /// 0xA8BC and 0x8135F437: GB18030-2005 versus Python's GB18030-2000 mapping.
  static let a8bc = (pointer: (0xA8 - 0x81) * 190 + (0xBC - 0x41), python: 0xE7C7 as UInt32, ours: 0x1E3F as UInt32)
  static let special = (pointer: 7457, python: 0x1E3F as UInt32, ours: 0xE7C7 as UInt32)

  // MARK: - Against Python

  func testDirectoryRoundTripsThroughPython() throws {
    let text = """
      统一社会信用代码,名称,行业,标签,信用风险分类
      91130102MA00000001,长安区某餐馆,餐饮服务,餐饮服务经营者,A
      91130102MA0CXQ1U2K,石家庄市长安区𠀀记食品有限公司,食品销售,"小微企业,连锁",B
      92130102MA0D7L5E3P,长安区建设北大街“老字号”饺子馆（个体工商户）,餐饮服务,,C
      91130100MA07QW8T6X,河北𪚥鑫商贸有限公司,批发和零售业,价格€100；¥200,D
      91130102MA0FUEL01Q,石家庄市长安区市场监督管理局〇号站·测试,公共管理,"含\"\"引号\"\"\",A
      12130102000000000X,Ωé ü ß ĀǎÀ ÿ ㄅ ㊣ ︰ ﹏ ＠全角空格　,其他,😀 U+1F600,B

      """ + "\u{80} \u{A4} \u{FFFF} \u{10FFFF} \u{E5E5} \u{E000} \u{FFFD}\r\n"
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let input = directory.appendingPathComponent("utf8.txt")
    try Data(text.utf8).write(to: input)
    try python(
      """
      import sys
      text = open(sys.argv[1], encoding="utf-8", newline="").read()
      encoded = text.encode("gb18030")
      open(sys.argv[2], "wb").write(encoded)
      open(sys.argv[3], "wb").write(encoded.decode("gb18030").encode("utf-8"))
      """, arguments: [input.path, directory.appendingPathComponent("gb.csv").path,
                       directory.appendingPathComponent("python.txt").path])
    let encoded = try bytes(directory.appendingPathComponent("gb.csv"))
    let pythonDecoded = try bytes(directory.appendingPathComponent("python.txt"))

    XCTAssertEqual(Array(encoded.prefix(4)), [0xCD, 0xB3, 0xD2, 0xBB], "统一 in two-byte GB18030")
    XCTAssertTrue(encoded.contains(subsequence: [0x95, 0x32, 0x82, 0x36]), "𠀀 U+20000 in four bytes")
    XCTAssertTrue(encoded.contains(subsequence: [0xA2, 0xE3]), "€ in two bytes")
    XCTAssertTrue(encoded.contains(subsequence: [0xE3, 0x32, 0x9A, 0x35]), "U+10FFFF, the last four-byte sequence")

    let (utf8, errorOffset) = GB18030.decode(encoded)
    XCTAssertNil(errorOffset)
    XCTAssertEqual(utf8, pythonDecoded)
    XCTAssertEqual(String(decoding: utf8, as: UTF8.self), text)
    XCTAssertTrue(GB18030.looksLike(encoded))
    XCTAssertFalse(GB18030.looksLike(Array(text.utf8)))
  }

  /// All 23,940 two-byte sequences, one at a time and all in a row.
  func testEveryTwoByteSequenceMatchesPython() throws {
    var sequences: [[UInt8]] = []
    for lead in UInt8(0x81)...0xFE {
      for trail in Array(UInt8(0x40)...0x7E) + Array(UInt8(0x80)...0xFE) { sequences.append([lead, trail]) }
    }
    XCTAssertEqual(sequences.count, 23940)
    let expected = try pythonCodePoints(sequences)
    var mismatches: [Int] = []
    for (pointer, sequence) in sequences.enumerated() {
      let (utf8, errorOffset) = GB18030.decode(sequence)
      XCTAssertNil(errorOffset, "\(sequence)")
      let scalars = Array(String(decoding: utf8, as: UTF8.self).unicodeScalars)
      XCTAssertEqual(scalars.count, 1, "\(sequence)")
      guard let scalar = scalars.first?.value else { continue }
      if scalar != expected[pointer] {
        mismatches.append(pointer)
        XCTAssertEqual(pointer, Self.a8bc.pointer, "0x\(hex(sequence)): U+\(hex(scalar)), Python U+\(hex(expected[pointer]))")
        XCTAssertEqual(expected[pointer], Self.a8bc.python)
        XCTAssertEqual(scalar, Self.a8bc.ours)
      }
    }
    XCTAssertEqual(mismatches, [Self.a8bc.pointer])

    let whole = GB18030.decode(sequences.flatMap { $0 })
    XCTAssertNil(whole.errorOffset)
    var ours = String(decoding: whole.utf8, as: UTF8.self).unicodeScalars.map(\.value)
    ours[Self.a8bc.pointer] = Self.a8bc.python
    XCTAssertEqual(ours, expected)
  }

  /// Every four-byte sequence of the BMP (0x81308130-0x8431A439), and the whole supplementary
  /// range (0x90308130-0xE3329A35) decoded in one go.
  func testEveryFourByteSequenceMatchesPython() throws {
    func sequence(_ pointer: Int) -> [UInt8] {
      [UInt8(0x81 + pointer / 12600), UInt8(0x30 + pointer / 1260 % 10), UInt8(0x81 + pointer / 10 % 126),
       UInt8(0x30 + pointer % 10)]
    }
    let bmp = (0...39419).map(sequence)
    XCTAssertEqual(bmp.last, [0x84, 0x31, 0xA4, 0x39])
    let expected = try pythonCodePoints(bmp)
    let (utf8, errorOffset) = GB18030.decode(bmp.flatMap { $0 })
    XCTAssertNil(errorOffset)
    var ours = String(decoding: utf8, as: UTF8.self).unicodeScalars.map(\.value)
    XCTAssertEqual(ours[Self.special.pointer], Self.special.ours, "0x8135F437 is U+E7C7 in GB18030-2005")
    ours[Self.special.pointer] = Self.special.python
    XCTAssertEqual(ours, expected)

    let supplementary = (189000...1_237_575).flatMap(sequence)
    XCTAssertEqual(Array(supplementary.prefix(4)), [0x90, 0x30, 0x81, 0x30])
    XCTAssertEqual(Array(supplementary.suffix(4)), [0xE3, 0x32, 0x9A, 0x35])
    let decoded = GB18030.decode(supplementary)
    XCTAssertNil(decoded.errorOffset)
    XCTAssertEqual(decoded.utf8, try pythonUTF8(supplementary))
    XCTAssertEqual(String(decoding: decoded.utf8, as: UTF8.self).unicodeScalars.map(\.value), Array(0x10000...0x10FFFF))

    // Just outside both ranges.
    for pointer in [39420, 188999, 1_237_576, 126 * 12600 - 1] {
      XCTAssertEqual(GB18030.decode(sequence(pointer)).errorOffset, 0, "\(sequence(pointer))")
    }
  }

  /// The first invalid sequence is where Python's strict decoder stops too.
  func testErrorOffsetsMatchPython() throws {
    let cases: [[UInt8]] = [
      [0x41, 0xFF, 0x42], [0x41, 0x42, 0x81], [0xD6, 0xD0, 0x81, 0x20], [0x81, 0x7F], [0x81, 0xFF, 0x41],
      [0x41, 0x81, 0x30, 0x20], [0x84, 0x31, 0xA5, 0x30], [0xE3, 0x32, 0x9A, 0x36], [0xD6, 0xD0, 0x81, 0x30, 0x81],
      [0x81, 0x30, 0x81, 0x41], [0xFF, 0xFF], [0xFE], [0xD6, 0xD0, 0xCE, 0xC4, 0x2C, 0x81, 0x30],
    ]
    let script = """
      import sys
      for line in open(sys.argv[1]):
          data = bytes.fromhex(line.strip())
          try:
              data.decode("gb18030")
              print("none")
          except UnicodeDecodeError as error:
              print(error.start)
      """
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let input = directory.appendingPathComponent("cases.txt"), output = directory.appendingPathComponent("out.txt")
    try Data(cases.map { hex($0) }.joined(separator: "\n").utf8).write(to: input)
    try python(script, arguments: [input.path], stdout: output)
    let starts = String(decoding: try bytes(output), as: UTF8.self).split(separator: "\n").map { Int($0) }
    XCTAssertEqual(starts.count, cases.count)
    for (sequence, start) in zip(cases, starts) {
      XCTAssertNotNil(start, "\(sequence): Python decodes it")
      XCTAssertEqual(GB18030.decode(sequence).errorOffset, start, "\(hex(sequence))")
    }
  }

  // MARK: - The decoder alone

  /// WHATWG's error handling: one U+FFFD per invalid sequence, an ASCII byte that cannot trail is
  /// read again, and so are the bytes after the lead of a broken four-byte sequence.
  func testInvalidSequences() {
    func check(_ bytes: [UInt8], _ text: String, _ offset: Int?, line: UInt = #line) {
      let (utf8, errorOffset) = GB18030.decode(bytes)
      XCTAssertEqual(String(decoding: utf8, as: UTF8.self), text, line: line)
      XCTAssertEqual(errorOffset, offset, line: line)
      XCTAssertFalse(offset != nil && GB18030.looksLike(bytes), line: line)
    }
    check([0x41, 0xFF, 0x42], "A\u{FFFD}B", 1)
    check([0x41, 0x42, 0x81], "AB\u{FFFD}", 2)
    check([0xD6, 0xD0, 0x81, 0x20], "中\u{FFFD} ", 2)
    check([0x81, 0x7F], "\u{FFFD}\u{7F}", 0)
    check([0x81, 0xFF, 0x41], "\u{FFFD}A", 0)
    check([0x41, 0x81, 0x30, 0x20], "A\u{FFFD}0 ", 1)
    check([0x84, 0x31, 0xA5, 0x30], "\u{FFFD}", 0)
    check([0xE3, 0x32, 0x9A, 0x36, 0x41], "\u{FFFD}A", 0)
    check([0xD6, 0xD0, 0x81, 0x30, 0x81], "中\u{FFFD}", 2)
    check([0x81, 0x30, 0x81, 0x41], "\u{FFFD}0\u{4E04}", 0)  // 0x8141 is 丄
    check([0x81, 0x30, 0x81, 0x30, 0x81, 0x30, 0x20, 0x30], "\u{80}\u{FFFD}0 0", 4)
    check([0xFF, 0xFF], "\u{FFFD}\u{FFFD}", 0)
    check([0xFE], "\u{FFFD}", 0)
    check([], "", nil)
    check(Array("plain, ASCII\r\n".utf8), "plain, ASCII\r\n", nil)
  }

  func testEuroAndTheGB18030_2005Swap() {
    XCTAssertEqual(GB18030.decode([0xA2, 0xE3]).utf8, Array("€".utf8))
    XCTAssertEqual(GB18030.decode([0x80]).utf8, Array("€".utf8), "0x80 is € in WHATWG and code page 936")
    XCTAssertNil(GB18030.decode([0x80]).errorOffset)
    XCTAssertEqual(GB18030.decode([0xA8, 0xBC]).utf8, Array("\u{1E3F}".utf8))
    XCTAssertEqual(GB18030.decode([0x81, 0x35, 0xF4, 0x37]).utf8, Array("\u{E7C7}".utf8))
    XCTAssertEqual(GB18030.decode([0x81, 0x30, 0x81, 0x30]).utf8, Array("\u{80}".utf8))
  }

  func testLooksLike() {
    let gb: [UInt8] = [0xD6, 0xD0, 0xCE, 0xC4, 0x2C, 0xB3, 0xA4, 0xB0, 0xB2, 0xC7, 0xF8, 0x0A]  // 中文,长安区
    XCTAssertEqual(String(decoding: GB18030.decode(gb).utf8, as: UTF8.self), "中文,长安区\n")
    XCTAssertTrue(GB18030.looksLike(gb))
    XCTAssertTrue(GB18030.looksLike([0x95, 0x32, 0x82, 0x36]))  // 𠀀
    XCTAssertFalse(GB18030.looksLike(Array("中文,长安区\n".utf8)))
    XCTAssertFalse(GB18030.looksLike([0xEF, 0xBB, 0xBF] + Array("统一社会信用代码,名称\n𠀀".utf8)))
    XCTAssertFalse(GB18030.looksLike(Array("ASCII only".utf8)))
    XCTAssertFalse(GB18030.looksLike([]))
    XCTAssertFalse(GB18030.looksLike(gb + [0xD6]), "a cut-off sequence")
    XCTAssertFalse(GB18030.looksLike(gb + [0xFF]), "neither UTF-8 nor GB18030")
    // Invalid UTF-8 (an overlong NUL, a surrogate) that happens to be valid GB18030: a heuristic.
    XCTAssertTrue(GB18030.looksLike([0xC0, 0x80]))
    XCTAssertTrue(GB18030.looksLike([0xED, 0xA0, 0x80]))
    XCTAssertFalse(GB18030.looksLike([0xC0, 0x7F]))
    XCTAssertFalse(GB18030.looksLike([0xED, 0x30, 0x20]))
  }

  func testUTF8Validation() {
    // The one UTF-8 check (ChouchaCore/Base), both its paths: they must agree.
    func valid(_ bytes: [UInt8]) -> Bool {
      bytes.withUnsafeBufferPointer { buffer in
        let portable = isValidUTF8Portable(buffer)
        XCTAssertEqual(isValidUTF8(buffer), portable, "\(bytes)")
        return portable
      }
    }
    XCTAssertTrue(valid(Array("a é 中 😀 \u{10FFFF}".utf8)))
    XCTAssertFalse(valid([0xC0, 0x80]))  // overlong
    XCTAssertFalse(valid([0xE0, 0x9F, 0xBF]))  // overlong
    XCTAssertFalse(valid([0xED, 0xA0, 0x80]))  // surrogate
    XCTAssertFalse(valid([0xF4, 0x90, 0x80, 0x80]))  // past U+10FFFF
    XCTAssertFalse(valid([0xE4, 0xB8]))  // cut off
    XCTAssertFalse(valid([0xE4, 0x41, 0xAD]))
    XCTAssertFalse(valid([0xD6, 0xD0]))  // 中 in GB18030
  }

  // MARK: - Helpers

  /// Python's code point for each sequence, decoded one by one.
  private func pythonCodePoints(_ sequences: [[UInt8]]) throws -> [UInt32] {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let input = directory.appendingPathComponent("in.txt"), output = directory.appendingPathComponent("out.txt")
    try Data(sequences.map { hex($0) }.joined(separator: "\n").utf8).write(to: input)
    try python(
      """
      import sys
      with open(sys.argv[2], "w") as out:
          for line in open(sys.argv[1]):
              text = bytes.fromhex(line.strip()).decode("gb18030")
              assert len(text) == 1, line
              out.write("%X\\n" % ord(text))
      """, arguments: [input.path, output.path])
    let values = String(decoding: try bytes(output), as: UTF8.self).split(separator: "\n").compactMap {
      UInt32($0, radix: 16)
    }
    XCTAssertEqual(values.count, sequences.count)
    return values
  }

  /// Python's UTF-8 for GB18030 bytes.
  private func pythonUTF8(_ gb: [UInt8]) throws -> [UInt8] {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let input = directory.appendingPathComponent("in.bin"), output = directory.appendingPathComponent("out.txt")
    try Data(gb).write(to: input)
    try python(
      """
      import sys
      open(sys.argv[2], "wb").write(open(sys.argv[1], "rb").read().decode("gb18030").encode("utf-8"))
      """, arguments: [input.path, output.path])
    return try bytes(output)
  }

  /// Runs `python3 -c script arguments`; skips the test when there is no python3.
  private func python(_ script: String, arguments: [String], stdout: URL? = nil) throws {
    let result = try Python.run(script, arguments: arguments, stdout: stdout)
    guard result.status == 0 else {
      XCTFail("python3 failed: \(result.output)")
      throw PythonFailed()
    }
  }

  private func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("choucha-gb18030-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  private func bytes(_ url: URL) throws -> [UInt8] { Array(try Data(contentsOf: url)) }

  private func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
    bytes.map { String(format: "%02X", $0) }.joined()
  }

  private func hex(_ value: UInt32) -> String { String(value, radix: 16, uppercase: true) }
}

private struct PythonFailed: Error {}

extension Array where Element == UInt8 {
  fileprivate func contains(subsequence: [UInt8]) -> Bool {
    guard subsequence.count <= count else { return false }
    return (0...(count - subsequence.count)).contains { self[$0..<($0 + subsequence.count)].elementsEqual(subsequence) }
  }
}
