import XCTest

@testable import ChouchaCore
@testable import ChouchaDraw
@testable import ChouchaIntrinsics

/// The two SHA-256 compressions (the CPU's SHA instructions, and the portable rounds) checked
/// separately against the NIST vectors and against each other, so that neither can hide behind
/// the other: `SHA256Hasher` takes whichever the CPU allows.
final class SHA256ExtensionsTests: XCTestCase {
  typealias Compress = (inout SHA256Hasher.State, UnsafeRawPointer, Int) -> Void

  static let portable: Compress = { SHA256Hasher.portableCompress(&$0, $1, blocks: $2) }
  static let extensions: Compress = { state, input, blocks in
    withUnsafeMutableBytes(of: &state) {
      SHA256Extensions.compress($0.baseAddress!.assumingMemoryBound(to: UInt32.self), input, blocks: blocks)
    }
  }

  /// FIPS 180-4 padding done here, then the blocks through `compress` alone.
  static func digest(_ message: [UInt8], _ compress: Compress) -> String {
    var padded = message + [0x80]
    while padded.count % 64 != 56 { padded.append(0) }
    let bits = UInt64(message.count) * 8
    for shift in stride(from: 56, through: 0, by: -8) { padded.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
    var state = SHA256Hasher.State.initial
    padded.withUnsafeBytes { compress(&state, $0.baseAddress!, padded.count / 64) }
    let words = [state.a, state.b, state.c, state.d, state.e, state.f, state.g, state.h]
    return words.map { word in
      let hex = String(word, radix: 16)
      return String(repeating: "0", count: 8 - hex.count) + hex
    }.joined()
  }

  /// The NIST vectors and a million `a`s through `compress` alone.
  func checkNIST(_ compress: Compress, _ name: String) {
    for (message, expected) in DrawFoundationTests.nistVectors {
      XCTAssertEqual(Self.digest(Array(message.utf8), compress), expected, "\(name): \"\(message)\"")
    }
    XCTAssertEqual(
      Self.digest([UInt8](repeating: 0x61, count: 1_000_000), compress),
      "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", "\(name): a million a")
  }

  func testPortableRoundsOnNISTVectors() {
    checkNIST(Self.portable, "portable")
  }

  func testSHAExtensionsOnNISTVectors() throws {
    try XCTSkipUnless(CPU.hasSHAExtensions, "this CPU has no SHA extensions")
    checkNIST(Self.extensions, "SHA extensions")
  }

  /// Every length from 0 to 300 bytes of pseudo-random data: both compressions agree.
  func testBothCompressionsAgree() throws {
    try XCTSkipUnless(CPU.hasSHAExtensions, "this CPU has no SHA extensions")
    var generator = SystemRandomNumberGenerator()
    for length in 0...300 {
      let message = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
      XCTAssertEqual(Self.digest(message, Self.extensions), Self.digest(message, Self.portable), "length \(length)")
    }
  }

  /// The batch's keys are the same with and without the SHA instructions, one or two blocks a
  /// lane, odd lane counts included (the instructions take two lanes at a time).
  func testTicketBatchSameKeysOnBothPaths() throws {
    try XCTSkipUnless(CPU.hasSHAExtensions, "this CPU has no SHA extensions")
    let issuer = TicketIssuer(seedHash: Tickets.seedHash("2024年 公开摇号"))
    let ids: [[UInt8]] = (0...119).map { length in (0..<length).map { UInt8(0x30 + ($0 * 11 + length) % 75) } }
    for count in 1...TicketBatch.lanes {
      var index = 0
      while index + count <= ids.count {
        var results: [[UInt64]] = []
        for accelerated in [true, false] {
          var batch = TicketBatch(issuer: issuer)
          batch.accelerated = accelerated
          for id in ids[index..<(index + count)] { XCTAssertTrue(id.withUnsafeBytes { batch.append($0) }) }
          var keys = [UInt64](repeating: 0, count: TicketBatch.lanes)
          keys.withUnsafeMutableBufferPointer { batch.keys(into: $0.baseAddress!) }
          results.append(Array(keys[..<count]))
        }
        XCTAssertEqual(results[0], results[1], "ids \(index)..<\(index + count)")
        for (offset, id) in ids[index..<(index + count)].enumerated() {
          XCTAssertEqual(results[0][offset], issuer.ticket(id: String(decoding: id, as: UTF8.self)).key)
        }
        index += count
      }
    }
  }
}
