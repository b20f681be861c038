import Foundation
import XCTest

@testable import ChouchaCore
@testable import ChouchaDraw

/// SHA-256 and the consistent sampler's tickets: the NIST vectors, then the vectors recorded from
/// Python's `hashlib` and from the library itself (consistent-sampler 1.0.10) in
/// `Tests/Fixtures/vectors/`.
final class DrawFoundationTests: XCTestCase {
  // MARK: - SHA-256

  /// FIPS 180-4's examples (one block, two, and a 112-byte message), shared with
  /// `SHA256ExtensionsTests`, which checks each compression alone on them.
  static let nistVectors: [(String, String)] = [
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    (
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    ),
    (
      "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
      "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
    ),
  ]

  func testNISTVectors() {
    for (message, expected) in Self.nistVectors {
      XCTAssertEqual(SHA256.hex(SHA256.hash(message.utf8)), expected, "SHA-256 of \"\(message)\"")
      XCTAssertEqual(SHA256.hex(SHA256.hash(Array(message.utf8))), expected)
    }
  }

  func testOneMillionA() {
    let expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
    XCTAssertEqual(SHA256.hex(SHA256.hash([UInt8](repeating: 0x61, count: 1_000_000))), expected)
    // The same million bytes fed one at a time, and through a non-contiguous sequence.
    var hasher = SHA256Hasher()
    for _ in 0..<1_000_000 { hasher.update(CollectionOfOne(UInt8(0x61))) }
    XCTAssertEqual(SHA256.hex(hasher.finalize()), expected)
    XCTAssertEqual(SHA256.hex(SHA256.hash((0..<1_000_000).lazy.map { _ in UInt8(0x61) })), expected)
  }

  func testHexIsLowercaseTwoDigitsAByte() {
    XCTAssertEqual(SHA256.hex([0x00, 0x0f, 0xa0, 0xff]), "000fa0ff")
    XCTAssertEqual(SHA256.hex([]), "")
  }

  func testStreamingInOddChunksEqualsOneShot() {
    let data = Self.pattern(10_007)
    let expected = SHA256.hash(data)
    for size in [1, 2, 3, 7, 13, 55, 56, 57, 63, 64, 65, 127, 128, 129, 1000, 4099, 20_000] {
      var hasher = SHA256Hasher()
      var start = 0
      while start < data.count {
        let end = min(start + size, data.count)
        data[start..<end].withUnsafeBytes { hasher.update($0) }
        start = end
      }
      XCTAssertEqual(hasher.finalize(), expected, "chunks of \(size)")
    }
    // Uneven chunks mixing the raw-buffer and the generic entry points.
    var hasher = SHA256Hasher()
    var start = 0
    var size = 1
    while start < data.count {
      let end = min(start + size, data.count)
      if size % 2 == 0 {
        hasher.update(data[start..<end])
      } else {
        data[start..<end].withUnsafeBytes { hasher.update($0) }
      }
      start = end
      size = size * 3 % 97 + 1
    }
    XCTAssertEqual(hasher.finalize(), expected)
  }

  func testFinalizeLeavesTheHasherUsable() {
    var hasher = SHA256Hasher()
    hasher.update(Array("ab".utf8))
    XCTAssertEqual(SHA256.hex(hasher.finalize()), SHA256.hex(SHA256.hash("ab".utf8)))
    hasher.update(Array("c".utf8))
    XCTAssertEqual(SHA256.hex(hasher.finalize()), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  }

  /// Every length from 0 to 200 bytes (the padding boundaries at 55, 56 and 64 bytes, and at
  /// 119, 120 and 128), against Python's `hashlib` (`sha256-padding.txt`).
  func testPaddingBoundariesAgainstHashlib() throws {
    let lines = try Vectors.lines("sha256-padding.txt")
    XCTAssertEqual(lines.map { Int($0.split(separator: " ")[0]) }, (0...200).map { $0 })
    for line in lines {
      let parts = line.split(separator: " ")
      let message = Self.pattern(Int(parts[0])!)
      XCTAssertEqual(SHA256.hex(SHA256.hash(message)), String(parts[1]), "length \(message.count)")
    }
  }

  // MARK: - Tickets: fixed vectors

  /// The examples in the library's own docstrings (consistent-sampler 1.0.10).
  func testLibraryDocstringExamples() {
    XCTAssertEqual(
      Tickets.fraction(SHA256.hash("abc".utf8)),
      "0.56998071861792858926477341561059638840106636224182943832566300809078486324348")
    XCTAssertEqual(
      Tickets.ticket(id: "AB-130", seedHash: Tickets.seedHash("01382438112797316654")).text,
      "0.26299714122838008416507544297546663599715395525154425586041245287750224561854")
    // sampler(['ab-1', 'ab-2', 'cd-1', 'ef-3'], seed=314159): cd-1, ef-3, ab-1, ab-2.
    let issuer = TicketIssuer(seedHash: Tickets.seedHash("314159"))
    let drawn = ["ab-1", "ab-2", "cd-1", "ef-3"].map(issuer.ticket).sorted()
    XCTAssertEqual(drawn.map(\.id), ["cd-1", "ef-3", "ab-1", "ab-2"])
    XCTAssertEqual(drawn.map { String($0.text.prefix(11)) }, ["0.317685817", "0.832984519", "0.909803926", "0.923154904"])
  }

  /// Division by 10^19 through its reciprocal is `dividingFullWidth`'s, at the edges (the largest
  /// remainder, carries, exact multiples) and on a million seeded pairs; the reciprocal literal is
  /// the computed one.
  func testDivisionByTenToThe19() {
    let d = Tickets.tenToThe19
    XCTAssertEqual(Tickets.reciprocal, d.dividingFullWidth((high: ~d, low: UInt64.max)).quotient)
    var pairs: [(UInt64, UInt64)] = [(0, 0), (0, 1), (0, d - 1), (0, d), (0, UInt64.max), (d - 1, UInt64.max), (d - 1, 0), (1, 0)]
    var generator = SplitMix64(seed: 19)
    for _ in 0..<1_000_000 {
      let high = UInt64.random(in: 0..<d, using: &generator)
      let low = generator.next()
      pairs.append((high, low))
      // Exact multiples of 10^19 and their neighbours: the remainder's edges, where the
      // estimate's corrections decide.
      let multiple = d.multipliedFullWidth(by: low)
      pairs.append((multiple.high, multiple.low))
      if multiple.low > 0 { pairs.append((multiple.high, multiple.low - 1)) }
      if multiple.low < UInt64.max { pairs.append((multiple.high, multiple.low + 1)) }
    }
    for (high, low) in pairs {
      let expected = d.dividingFullWidth((high: high, low: low))
      let actual = Tickets.divide(high, low)
      if actual.quotient != expected.quotient || actual.remainder != expected.remainder {
        XCTFail("(\(high), \(low)): \(actual) ≠ \(expected)")
        return
      }
    }
  }

  /// The decimal conversion at its edges: zero, one, 10^63, 10^64 − 1, 10^64 and 2^256 − 1.
  func testFractionEdges() {
    func digest(_ hex: String) -> [UInt8] {
      let padded = String(repeating: "0", count: 64 - hex.count) + hex
      let bytes = Array(padded.utf8)
      return stride(from: 0, to: 64, by: 2).map { UInt8(String(decoding: bytes[$0..<($0 + 2)], as: UTF8.self), radix: 16)! }
    }
    let zeros64 = String(repeating: "0", count: 64)
    XCTAssertEqual(Tickets.fraction(digest("0")), "0." + zeros64)
    XCTAssertEqual(Tickets.fraction(digest("1")), "0.1" + String(repeating: "0", count: 63))
    XCTAssertEqual(Tickets.fraction(digest("3b9aca00")), "0.0000000001" + String(repeating: "0", count: 54))  // 10^9
    XCTAssertEqual(
      Tickets.fraction(digest("26e4d30eccc3215dd8f3157d27e23acbdcfe68000000000000000")),  // 10^63
      "0." + String(repeating: "0", count: 63) + "1")
    XCTAssertEqual(
      Tickets.fraction(digest("184f03e93ff9f4daa797ed6e38ed64bf6a1f00ffffffffffffffff")),  // 10^64 - 1
      "0." + String(repeating: "9", count: 64))
    XCTAssertEqual(
      Tickets.fraction(digest("184f03e93ff9f4daa797ed6e38ed64bf6a1f010000000000000000")),  // 10^64
      "0." + zeros64 + "1")
    // The boundaries of the nineteen-digit chunks the digits are made in.
    XCTAssertEqual(Tickets.fraction(digest("8ac7230489e80000")), "0." + String(repeating: "0", count: 19) + "1" + String(repeating: "0", count: 44))  // 10^19
    XCTAssertEqual(Tickets.fraction(digest("8ac7230489e7ffff")), "0." + String(repeating: "9", count: 19) + String(repeating: "0", count: 45))  // 10^19 - 1
    XCTAssertEqual(
      Tickets.fraction(digest("4b3b4ca85a86c47a098a224000000000")),  // 10^38
      "0." + String(repeating: "0", count: 38) + "1" + String(repeating: "0", count: 25))
    let max = "115792089237316195423570985008687907853269984665640564039457584007913129639935"
    XCTAssertEqual(Tickets.fraction(digest(String(repeating: "f", count: 64))), "0." + String(max.reversed()))
  }

  // MARK: - Tickets: order

  func testTiesFallBackToIdBytes() {
    let a = Ticket(text: "0.5", id: "a")
    let b = Ticket(text: "0.5", id: "b")
    XCTAssertLessThan(a, b)
    XCTAssertFalse(b < a)
    XCTAssertLessThan(Ticket(text: "0.4", id: "z"), a)
    XCTAssertLessThan(Ticket(text: "0.5", id: "Z"), a)  // "Z" (0x5A) before "a" (0x61)
    XCTAssertLessThan(Ticket(text: "0.5", id: ""), a)
    XCTAssertLessThan(Ticket(text: "0.5", id: "a"), Ticket(text: "0.5", id: "a "))
    XCTAssertEqual([b, a, Ticket(text: "0.45", id: "c")].sorted().map(\.id), ["c", "a", "b"])
  }

  /// "é" (U+00E9, bytes C3 A9) and "e\u{301}" (bytes 65 CC 81) are canonically equivalent, so
  /// `String` calls them equal; tickets do not.
  func testOrderIsByBytesNotCanonicalEquivalence() {
    let composed = "\u{E9}"
    let decomposed = "e\u{301}"
    XCTAssertEqual(composed, decomposed)
    XCTAssertFalse(composed < decomposed)
    XCTAssertFalse(decomposed < composed)

    let first = Ticket(text: "0.5", id: composed)
    let second = Ticket(text: "0.5", id: decomposed)
    XCTAssertNotEqual(first, second)
    XCTAssertLessThan(second, first)
    XCTAssertFalse(first < second)
    XCTAssertEqual(Set([first, second]).count, 2)

    // Issued for real, the two ids hash differently.
    let seedHash = Tickets.seedHash("2024")
    XCTAssertNotEqual(
      Tickets.ticket(id: composed, seedHash: seedHash).text, Tickets.ticket(id: decomposed, seedHash: seedHash).text)
  }

  func testIssuerEqualsTheOneShotFunction() {
    let seedHash = Tickets.seedHash("种子 2024")
    let issuer = TicketIssuer(seedHash: seedHash)
    for id in Self.ids.prefix(200) {
      XCTAssertEqual(issuer.ticket(id: id), Tickets.ticket(id: id, seedHash: seedHash))
    }
  }

  // MARK: - Tickets against the library

  /// The ids of `ids.txt`: CJK and ASCII, empty, a space, é composed and decomposed, a long one, a tab.
  static var ids: [String] { Vectors.ids }

  func testRecordedIdsAreReadByteForByte() {
    XCTAssertEqual(Self.ids.count, 1000)
    XCTAssertEqual(Self.ids.prefix(10).map { Array($0.utf8).count }, [32, 6, 0, 1, 1, 2, 3, 840, 8, 10])
    XCTAssertEqual(Array(Self.ids[5].utf8), [0xC3, 0xA9], "é composed")
    XCTAssertEqual(Array(Self.ids[6].utf8), [0x65, 0xCC, 0x81], "é decomposed, not normalized on reading")
    XCTAssertEqual(Self.ids[8], "tab\there")
  }

  /// `first_fraction(id, seed)` for six seeds and twelve ids (`tickets.txt`).
  func testTicketsMatchFirstFraction() throws {
    let rows = try Vectors.fields("tickets.txt")
    XCTAssertEqual(rows.count, 72)
    XCTAssertEqual(Set(try rows.map { try Vectors.string($0[0]) }).count, 6)
    for row in rows {
      let seed = try Vectors.string(row[0]), id = try Vectors.string(row[1])
      XCTAssertEqual(Tickets.ticket(id: id, seedHash: Tickets.seedHash(seed)).text, row[2], "seed \(row[0]), id \(row[1])")
    }
  }

  /// The library's `sampler` (without replacement) over 1,000 ids, against the smallest tickets
  /// in Swift: the same ids, in the same order, with the same ticket numbers (`sampler.txt`).
  func testSamplingMatchesTheLibrarySampler() throws {
    var samples: [(seed: String, take: Int, lines: [String])] = []
    for row in try Vectors.fields("sampler.txt") {
      if row[0] == "sample" {
        samples.append((try Vectors.string(row[1]), Int(row[2])!, []))
      } else {
        samples[samples.count - 1].lines.append(row[1] + " " + row[0])
      }
    }
    XCTAssertEqual(samples.map(\.take), [1000, 37, 5])
    let index = Dictionary(uniqueKeysWithValues: Self.ids.enumerated().map { (Array($1.utf8), $0) })
    for (seed, take, expected) in samples {
      let issuer = TicketIssuer(seedHash: Tickets.seedHash(seed))
      let drawn = Self.ids.map(issuer.ticket).sorted().prefix(take)
      XCTAssertEqual(expected.count, take)
      XCTAssertEqual(drawn.map { "\($0.text) \(index[Array($0.id.utf8)]!)" }, expected, "seed \"\(seed)\", take \(take)")
    }
  }

  // MARK: - Helpers

  static func pattern(_ count: Int) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7 &+ ($0 >> 8)) }
  }
}
