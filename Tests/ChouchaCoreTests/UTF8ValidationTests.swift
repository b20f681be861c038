import Dispatch
import XCTest

@testable import ChouchaCore
@testable import ChouchaDraw
@testable import ChouchaIntrinsics

/// The two UTF-8 validators (`UTF8Extensions`, sixteen bytes at a time with SSSE3, and the portable
/// `isValidUTF8Portable`) against each other and against Swift's `String(validating:)`, so that
/// neither can hide behind the other: `isValidUTF8` takes whichever the CPU allows.
///
/// Short sequences are tried exhaustively in one place, and a representative set of them (every
/// class of byte RFC 3629 distinguishes, at both ends of each class) everywhere it matters: across
/// the 16-byte vectors, the 64-byte blocks, the first block (checked through a copy) and the next
/// ones (in place), in ASCII and in CJK text, at the end of the buffer and before more text.
final class UTF8ValidationTests: XCTestCase {
  /// Where a sequence starts in its buffer.
  static let offsets = Array(0...40) + Array(58...70) + Array(122...134)
  /// How many bytes of text follow it (none: the sequence ends the buffer).
  static let suffixes = [0, 1, 70]

  /// One or two bytes of each class RFC 3629 tells apart, at its ends: ASCII, continuations
  /// 80…8F, 90…9F, A0…BF, the leads C0–C1, C2…DF, E0, E1…EC, ED, EE…EF, F0, F1…F3, F4, and the
  /// bytes F5…FF that never occur.
  static let representatives: [UInt8] = [
    0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE,
    0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF7, 0xF8, 0xFF,
  ]

  /// The edges of the ranges: U+7F/U+80, U+7FF/U+800, the surrogates U+D7FF/U+D800/U+DFFF/U+E000,
  /// U+FFFF/U+10000, U+10FFFF/U+110000, the overlong forms, and each cut short.
  static let boundaries: [[UInt8]] = {
    let whole: [[UInt8]] = [
      [0x7F], [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80],
      [0xED, 0xBF, 0xBF], [0xEE, 0x80, 0x80], [0xEF, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],
      [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80],
      [0xE0, 0x9F, 0xBF], [0xF0, 0x80, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF], [0xF8, 0x88, 0x80, 0x80, 0x80],
    ]
    var all = whole
    for sequence in whole where sequence.count > 1 {
      for cut in 1..<sequence.count { all.append(Array(sequence[..<cut])) }
    }
    // A continuation too many, and two sequences back to back.
    all.append([0xE4, 0xB8, 0xAD, 0x80])
    all.append([0xF0, 0x9F, 0x99, 0x82, 0xBF])
    all.append([0xF4, 0x8F, 0xBF, 0xBF, 0xE4, 0xB8, 0xAD])
    return all
  }()

  /// `count` bytes of whole characters: ASCII, or CJK with one or two ASCII bytes first when
  /// `count` is not a multiple of three.
  static func text(_ count: Int, cjk: Bool) -> [UInt8] {
    let letters = Array("abcdefghijklmnopqrstuvwxyz0123456789,".utf8)
    guard cjk else { return (0..<count).map { letters[$0 % letters.count] } }
    let han = Array("市场监督管理局双随机一公开抽查企业名称".utf8)
    return Array(letters[..<(count % 3)]) + (0..<(count / 3 * 3)).map { han[$0 % han.count] }
  }

  /// `text(count, cjk:)` for every count up to 140, made once.
  static let texts: [[[UInt8]]] = [false, true].map { cjk in (0...140).map { text($0, cjk: cjk) } }

  static func simd(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    withUnsafePointer(to: 0 as UInt8) { nowhere in UTF8Extensions.isValid(bytes.baseAddress ?? nowhere, count: bytes.count) }
  }

  static func swift(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { String(validating: bytes, as: UTF8.self) != nil }

  /// Nil when both validators say `expected` (Swift's answer), else what each said.
  static func disagreement(_ bytes: UnsafeBufferPointer<UInt8>, expected: Bool) -> String? {
    let simd = Self.simd(bytes)
    let portable = isValidUTF8Portable(bytes)
    if simd == expected && portable == expected { return nil }
    let hex = bytes.map { String($0, radix: 16) }.joined(separator: " ")
    return "[\(hex)] (\(bytes.count) bytes): Swift \(expected), SIMD \(simd), portable \(portable)"
  }

  /// Reports at most a few disagreements: one table entry wrong would otherwise print thousands.
  struct Failures {
    var messages: [String] = []
    var count = 0
    mutating func record(_ message: String?) {
      guard let message else { return }
      count += 1
      if messages.count < 10 { messages.append(message) }
    }
    func report(_ what: String, file: StaticString = #filePath, line: UInt = #line) {
      for message in messages { XCTFail("\(what): \(message)", file: file, line: line) }
      if count > messages.count { XCTFail("\(what): \(count - messages.count) more", file: file, line: line) }
    }
  }

  /// `sequence` at every offset, in ASCII and in CJK text, at the end and before more text.
  static func everywhere(_ sequence: [UInt8], _ failures: inout Failures) {
    for texts in texts {
      for offset in offsets {
        for suffix in suffixes {
          let bytes = texts[offset] + sequence + texts[suffix]
          bytes.withUnsafeBufferPointer { failures.record(disagreement($0, expected: swift($0))) }
        }
      }
    }
  }

  override func setUpWithError() throws {
    try XCTSkipUnless(CPU.hasSSSE3AndSSE41, "this CPU has no SSSE3 and SSE4.1")
  }

  func testEmptyAndDispatch() {
    XCTAssertTrue(UTF8ValidationTests.simd(UnsafeBufferPointer(start: nil, count: 0)))
    XCTAssertTrue(isValidUTF8Portable(UnsafeBufferPointer(start: nil, count: 0)))
    XCTAssertTrue(isValidUTF8(UnsafeBufferPointer(start: nil, count: 0)))
    for bytes in [Array("抽查".utf8), [0xE6, 0x8A], Self.text(300, cjk: true), Self.text(300, cjk: true) + [0xFF]] {
      bytes.withUnsafeBufferPointer { XCTAssertEqual(isValidUTF8($0), Self.swift($0)) }
    }
  }

  /// Every byte, the representative pairs and triples, and the boundaries, at every offset.
  func testShortSequencesEverywhere() {
    var failures = Failures()
    for byte in 0...255 { Self.everywhere([UInt8(byte)], &failures) }
    for first in Self.representatives {
      for second in Self.representatives { Self.everywhere([first, second], &failures) }
    }
    for sequence in Self.boundaries { Self.everywhere(sequence, &failures) }
    failures.report("short sequences")
  }

  /// Representative triples at the offsets where blocks meet (the copied first block and the ones
  /// after it, the last one and the copied rest), where a sequence's bytes are read from two.
  func testRepresentativeTriplesAcrossBlocks() {
    var failures = Failures()
    for first in Self.representatives {
      for second in Self.representatives {
        for third in Self.representatives {
          for texts in Self.texts {
            for offset in [13, 61, 62, 63, 126, 127] {
              let bytes = texts[offset] + [first, second, third] + texts[offset % 3]
              bytes.withUnsafeBufferPointer { failures.record(Self.disagreement($0, expected: Self.swift($0))) }
            }
          }
        }
      }
    }
    failures.report("representative triples")
  }

  /// Every pair of bytes, alone, inside a vector, across two vectors, and across the first and the
  /// second block in CJK text.
  func testEveryTwoByteSequence() {
    var failures = Failures()
    let places: [(before: [UInt8], after: [UInt8])] = [
      ([], []), (Self.text(15, cjk: false), Self.text(8, cjk: false)), (Self.text(5, cjk: false), Self.text(3, cjk: false)),
      (Self.text(63, cjk: true), Self.text(12, cjk: true)),
    ]
    for (before, after) in places {
      var bytes = before + [0, 0] + after
      bytes.withUnsafeMutableBufferPointer { buffer in
        for pair in 0..<65536 {
          buffer[before.count] = UInt8(pair >> 8)
          buffer[before.count + 1] = UInt8(pair & 0xFF)
          let bytes = UnsafeBufferPointer(buffer)
          failures.record(Self.disagreement(bytes, expected: Self.swift(bytes)))
        }
      }
    }
    failures.report("two-byte sequences")
  }

  /// Every sequence of three bytes that begins with a byte other than ASCII, alone (so that a
  /// lead cut short ends the buffer), split over the cores. (After ASCII come two bytes, which
  /// `testEveryTwoByteSequence` tries; other places are `testRepresentativeTriplesAcrossBlocks`'s.
  /// All 2^24 at every offset would take hours in a debug build.)
  func testEveryThreeByteSequence() {
    var results = [Failures](repeating: Failures(), count: 128)
    results.withUnsafeMutableBufferPointer { results in
      DispatchQueue.concurrentPerform(iterations: results.count) { task in
        var bytes: [UInt8] = [0x80 + UInt8(task), 0, 0]
        var failures = Failures()
        bytes.withUnsafeMutableBufferPointer { buffer in
          for rest in 0..<65536 {
            buffer[1] = UInt8(rest >> 8)
            buffer[2] = UInt8(rest & 0xFF)
            let bytes = UnsafeBufferPointer(buffer)
            failures.record(Self.disagreement(bytes, expected: Self.swift(bytes)))
          }
        }
        results[task] = failures
      }
    }
    for failures in results { failures.report("three-byte sequences") }
  }

  /// Leads F0…FF (and E0, ED, C2 for contrast) with every second byte, and the third and fourth
  /// from continuations at their ends, ASCII and leads: alone and across the first two blocks.
  func testFourByteSequences() {
    var failures = Failures()
    let leads: [UInt8] = [0xC2, 0xE0, 0xED, 0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xFB, 0xFF]
    let others: [UInt8] = [0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0x41, 0xC2, 0xE4, 0xF0]
    for before in [[], Self.text(62, cjk: true)] {
      for lead in leads {
        for second in 0...255 {
          for third in others {
            for fourth in others {
              let bytes = before + [lead, UInt8(second), third, fourth]
              bytes.withUnsafeBufferPointer { failures.record(Self.disagreement($0, expected: Self.swift($0))) }
            }
          }
        }
      }
    }
    failures.report("four-byte sequences")
  }

  /// Mixed ASCII, CJK, two-byte and emoji text, 0…200 bytes and one of 4 KB, with a byte flipped,
  /// replaced, inserted or deleted here and there.
  func testRandomMutations() {
    var random = SplitMix64(seed: 0x5EED_0F_07F8)
    let pieces: [[UInt8]] = ["a", "91130102MA0", ",", "\n", "食品", "抽查", "é", "ß", "🙂", "𠀀", "\u{10FFFF}", "\u{FFFD}"].map {
      Array($0.utf8)
    }
    var failures = Failures()
    for round in 0..<4000 {
      let length = round == 0 ? 0 : round % 40 == 0 ? 4096 : random.below(201)
      var bytes: [UInt8] = []
      while bytes.count < length { bytes += pieces[random.below(pieces.count)] }
      bytes.removeLast(bytes.count - length)
      for _ in 0..<(round % 40 == 0 ? 1 : random.below(4)) {
        let at = random.below(bytes.count + 1)
        switch random.below(4) {
        case 0 where at < bytes.count: bytes[at] ^= UInt8(1) << UInt8(random.below(8))
        case 1 where at < bytes.count: bytes[at] = UInt8(truncatingIfNeeded: random.next())
        case 2 where at < bytes.count: bytes.remove(at: at)
        default: bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: at)
        }
      }
      bytes.withUnsafeBufferPointer { failures.record(Self.disagreement($0, expected: Self.swift($0))) }
    }
    failures.report("mutations")
  }
}
