import Foundation
import XCTest

@testable import ChouchaCore
@testable import ChouchaDraw

/// The GB18030 decoder against Python's codec, its data source, as recorded in
/// `Tests/Fixtures/vectors/gb18030-*` (`Tests/Vectors/regenerate.sh`): a realistic directory,
/// every two-byte sequence and every four-byte sequence. The only differences allowed are the two
/// sequences GB18030-2005 swapped (Python's codec keeps the 2000 mapping), and the lone byte 0x80,
/// which the WHATWG decoder reads as € (Windows code page 936) and Python rejects.
final class GB18030Tests: XCTestCase {
  /// 0xA8BC and 0x8135F437: GB18030-2005 versus Python's GB18030-2000 mapping.
  static let a8bc = (pointer: (0xA8 - 0x81) * 190 + (0xBC - 0x41), python: 0xE7C7 as UInt32, ours: 0x1E3F as UInt32)
  static let special = (pointer: 7457, python: 0x1E3F as UInt32, ours: 0xE7C7 as UInt32)

  // MARK: - Against Python's codec (recorded)

  func testDirectoryRoundTripsThroughPython() throws {
    let text = try String(contentsOf: Vectors.folder.appendingPathComponent("gb18030-directory.txt"), encoding: .utf8)
    let encoded = Vectors.bytes(hex: try Vectors.lines("gb18030-directory.hex").joined())
    XCTAssertTrue(text.hasSuffix("\u{80} \u{A4} \u{FFFF} \u{10FFFF} \u{E5E5} \u{E000} \u{FFFD}\r\n"))

    XCTAssertEqual(Array(encoded.prefix(4)), [0xCD, 0xB3, 0xD2, 0xBB], "统一 in two-byte GB18030")
    XCTAssertTrue(encoded.contains(subsequence: [0x95, 0x32, 0x82, 0x36]), "𠀀 U+20000 in four bytes")
    XCTAssertTrue(encoded.contains(subsequence: [0xA2, 0xE3]), "€ in two bytes")
    XCTAssertTrue(encoded.contains(subsequence: [0xE3, 0x32, 0x9A, 0x35]), "U+10FFFF, the last four-byte sequence")

    // Python decodes its encoding back to the text (checked when the vectors are written).
    let (utf8, errorOffset) = GB18030.decode(encoded)
    XCTAssertNil(errorOffset)
    XCTAssertEqual(utf8, Array(text.utf8))
    XCTAssertTrue(GB18030.looksLike(encoded))
    XCTAssertFalse(GB18030.looksLike(Array(text.utf8)))
    // The test encoder (the decoder's inverse) gives Python's bytes.
    XCTAssertEqual(try Self.encode(Array(text.utf8)), encoded)
  }

  /// All 23,940 two-byte sequences, one at a time and all in a row, against the digest of
  /// Python's code points for each lead byte.
  func testEveryTwoByteSequenceMatchesPython() throws {
    var sequences: [[UInt8]] = []
    for lead in UInt8(0x81)...0xFE {
      for trail in Array(UInt8(0x40)...0x7E) + Array(UInt8(0x80)...0xFE) { sequences.append([lead, trail]) }
    }
    XCTAssertEqual(sequences.count, 23940)
    var ours: [UInt32] = []
    for sequence in sequences {
      let (utf8, errorOffset) = GB18030.decode(sequence)
      XCTAssertNil(errorOffset, "\(sequence)")
      let scalars = Array(String(decoding: utf8, as: UTF8.self).unicodeScalars)
      XCTAssertEqual(scalars.count, 1, "\(sequence)")
      ours.append(scalars.first?.value ?? 0)
    }
    let whole = GB18030.decode(sequences.flatMap { $0 })
    XCTAssertNil(whole.errorOffset)
    XCTAssertEqual(String(decoding: whole.utf8, as: UTF8.self).unicodeScalars.map(\.value), ours)

    // The one difference: A8BC, U+1E3F in GB18030-2005, U+E7C7 in Python's 2000 mapping.
    XCTAssertEqual(ours[Self.a8bc.pointer], Self.a8bc.ours)
    ours[Self.a8bc.pointer] = Self.a8bc.python
    let recorded = try Vectors.lines("gb18030-two-byte.txt")
    XCTAssertEqual(recorded.count, 126)
    for (index, line) in recorded.enumerated() {
      let lead = 0x81 + index
      let points = ours[(index * 190)..<(index * 190 + 190)].map { hex($0) + "\n" }.joined()
      XCTAssertEqual(
        String(format: "%02X ", lead) + SHA256.hex(SHA256.hash(points.utf8)), line,
        "lead byte \(String(format: "%02X", lead)): the code points differ from Python's")
    }
  }

  /// Every four-byte sequence of the BMP (0x81308130-0x8431A439), and the whole supplementary
  /// range (0x90308130-0xE3329A35) decoded in one go, against Python's runs.
  func testEveryFourByteSequenceMatchesPython() throws {
    func sequence(_ pointer: Int) -> [UInt8] {
      [UInt8(0x81 + pointer / 12600), UInt8(0x30 + pointer / 1260 % 10), UInt8(0x81 + pointer / 10 % 126),
       UInt8(0x30 + pointer % 10)]
    }
    // Python's code point for each pointer, from the recorded runs.
    var python: [Int: UInt32] = [:]
    var supplementaryFromPython: [UInt32] = []
    for line in try Vectors.lines("gb18030-four-byte.txt") {
      let parts = line.split(separator: " ")
      let first = Int(parts[0])!, point = UInt32(parts[1], radix: 16)!, count = Int(parts[2])!
      if first >= 189000 {
        supplementaryFromPython += (0..<count).map { point + UInt32($0) }
      } else {
        for offset in 0..<count { python[first + offset] = point + UInt32(offset) }
      }
    }
    XCTAssertEqual(python.count, 39420)
    let bmp = (0...39419).map(sequence)
    XCTAssertEqual(bmp.last, [0x84, 0x31, 0xA4, 0x39])
    let expected = (0...39419).map { python[$0] ?? 0 }
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
    let scalars = String(decoding: decoded.utf8, as: UTF8.self).unicodeScalars.map(\.value)
    XCTAssertEqual(scalars, Array(0x10000...0x10FFFF))
    XCTAssertEqual(scalars, supplementaryFromPython)

    // Just outside both ranges.
    for pointer in [39420, 188999, 1_237_576, 126 * 12600 - 1] {
      XCTAssertEqual(GB18030.decode(sequence(pointer)).errorOffset, 0, "\(sequence(pointer))")
    }
  }

  /// The first invalid sequence is where Python's strict decoder stops too.
  func testErrorOffsetsMatchPython() throws {
    let cases = try Vectors.lines("gb18030-errors.txt").map { $0.split(separator: " ") }
    XCTAssertEqual(cases.count, 13)
    for parts in cases {
      let sequence = Vectors.bytes(hex: String(parts[0]))
      XCTAssertNotEqual(parts[1], "none", "\(parts[0]): Python decodes it")
      XCTAssertEqual(GB18030.decode(sequence).errorOffset, Int(parts[1]), "\(parts[0])")
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

  /// UTF-8 text in GB18030, by the inverse of the decoder (two-byte sequences first, then four-byte
  /// ones): for tests that need GB18030 input (DrawTests).
  static func encode(_ utf8: [UInt8]) throws -> [UInt8] {
    var output: [UInt8] = []
    for scalar in String(decoding: utf8, as: UTF8.self).unicodeScalars {
      if scalar.isASCII {
        output.append(UInt8(scalar.value))
      } else if let bytes = inverse[scalar.value] {
        output += bytes
      } else if scalar.value >= 0x10000 {
        let pointer = 189000 + Int(scalar.value - 0x10000)
        output += [UInt8(0x81 + pointer / 12600), UInt8(0x30 + pointer / 1260 % 10), UInt8(0x81 + pointer / 10 % 126),
                   UInt8(0x30 + pointer % 10)]
      } else {
        throw Unencodable(scalar: scalar)
      }
    }
    return output
  }

  /// Each BMP code point's GB18030 bytes, from decoding every two- and four-byte sequence.
  static let inverse: [UInt32: [UInt8]] = {
    var table: [UInt32: [UInt8]] = [:]
    for pointer in stride(from: 39419, through: 0, by: -1) {
      let bytes = [UInt8(0x81 + pointer / 12600), UInt8(0x30 + pointer / 1260 % 10), UInt8(0x81 + pointer / 10 % 126),
                   UInt8(0x30 + pointer % 10)]
      if let scalar = String(decoding: GB18030.decode(bytes).utf8, as: UTF8.self).unicodeScalars.first { table[scalar.value] = bytes }
    }
    for lead in UInt8(0x81)...0xFE {
      for trail in Array(UInt8(0x40)...0x7E) + Array(UInt8(0x80)...0xFE) {
        if let scalar = String(decoding: GB18030.decode([lead, trail]).utf8, as: UTF8.self).unicodeScalars.first {
          table[scalar.value] = [lead, trail]
        }
      }
    }
    return table
  }()

  private func hex(_ value: UInt32) -> String { String(value, radix: 16, uppercase: true) }
}

/// A code point the decoder gives no sequence for: GB18030 encodes every one, so the decoder is wrong.
struct Unencodable: Error { var scalar: Unicode.Scalar }

extension Array where Element == UInt8 {
  fileprivate func contains(subsequence: [UInt8]) -> Bool {
    guard subsequence.count <= count else { return false }
    return (0...(count - subsequence.count)).contains { self[$0..<($0 + subsequence.count)].elementsEqual(subsequence) }
  }
}
