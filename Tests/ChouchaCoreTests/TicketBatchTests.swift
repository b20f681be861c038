import XCTest

@testable import ChouchaCore
@testable import ChouchaDraw

/// SHA-256 for many tickets: the unrolled rounds, and eight messages at once from the seed hash's
/// midstate, against the NIST vectors and the plain hasher.
final class TicketBatchTests: XCTestCase {
  let issuer = TicketIssuer(seedHash: Tickets.seedHash("2024年 公开摇号 2-7-1-8"))

  /// The unrolled rounds on the NIST vectors (FIPS 180-4 examples): one block, two blocks, and a
  /// message whose padding needs a block of its own.
  func testUnrolledRoundsOnNISTVectors() {
    XCTAssertEqual(SHA256.hex(SHA256.hash("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    XCTAssertEqual(
      SHA256.hex(SHA256.hash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    XCTAssertEqual(SHA256.hex(SHA256.hash("".utf8)), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
  }

  /// Eight lanes at once give each lane's scalar key, for ids of every length around the block
  /// boundaries (55/56 bytes: one or two blocks; 119/120: two blocks or the scalar hasher), mixed
  /// in one batch, and for partly filled batches.
  func testEightLanesAgreeWithTheScalarHasher() {
    var batch = TicketBatch(issuer: issuer)
    var ids: [[UInt8]] = (0...130).map { length in (0..<length).map { UInt8(0x30 + ($0 * 7 + length) % 75) } }
    ids += ["2024-S-SP-01|91130102MA00000001", "任务|统一社会信用代码|执法证号", "é", "e\u{301}"].map { Array($0.utf8) }
    for batchSize in [1, 3, 8] {
      var index = 0
      while index < ids.count {
        var pending: [Int] = []
        var keys = [UInt64](repeating: 0, count: TicketBatch.lanes)
        while pending.count < batchSize && index < ids.count {
          let id = ids[index]
          let appended = id.withUnsafeBytes { batch.append($0) }
          XCTAssertEqual(appended, id.count <= TicketBatch.capacity)
          if appended {
            pending.append(index)
          } else {
            let key = id.withUnsafeBytes { batch.key($0) }
            XCTAssertEqual(key, issuer.ticket(id: String(decoding: id, as: UTF8.self)).key, "length \(id.count), scalar")
          }
          index += 1
        }
        keys.withUnsafeMutableBufferPointer { batch.keys(into: $0.baseAddress!) }
        for (lane, position) in pending.enumerated() {
          let id = String(decoding: ids[position], as: UTF8.self)
          // The reference: the whole message hashed from the start, its digest turned into a key.
          let digest = SHA256.hash(Array(issuer.seedHash.utf8) + ids[position])
          XCTAssertEqual(keys[lane], Tickets.key(digest), "length \(ids[position].count), lane \(lane)")
          XCTAssertEqual(keys[lane], issuer.ticket(id: id).key)
        }
      }
    }
  }

  /// Ids split in parts hash as the joined id.
  func testBatchJoinsParts() {
    var batch = TicketBatch(issuer: issuer)
    let parts = [Array("2024-J-餐饮|".utf8), Array("91130102MA0000000X|".utf8), Array("130102000123".utf8)]
    var keys = [UInt64](repeating: 0, count: TicketBatch.lanes)
    parts[0].withUnsafeBytes { a in
      parts[1].withUnsafeBytes { b in parts[2].withUnsafeBytes { c in XCTAssertTrue(batch.append(a, b, c)) } }
    }
    keys.withUnsafeMutableBufferPointer { batch.keys(into: $0.baseAddress!) }
    XCTAssertEqual(keys[0], issuer.key(joining: "2024-J-餐饮", "91130102MA0000000X", "130102000123"))
  }

  /// The first four digits come from the hash modulo 10^4; a lane whose key cannot be below its
  /// limit may be left out, any other gets its exact key.
  func testLimitsLeaveOutOnlyKeysAtOrAboveThem() {
    var batch = TicketBatch(issuer: issuer)
    let limits: [UInt64] = [0, 1, 1_000_000_000_000_000, 123_456_789_012_345_678, 5_000_000_000_000_000_000, UInt64.max, 99, 9_999_999_999_999_999_999]
    for round in 0..<50 {
      let ids = (0..<8).map { Array("2024-S-SP-01|9113010\(round)MA\($0)".utf8) }
      for id in ids { _ = id.withUnsafeBytes { batch.append($0) } }
      var keys = [UInt64](repeating: 0, count: 8)
      keys.withUnsafeMutableBufferPointer { keys in limits.withUnsafeBufferPointer { batch.keys(into: keys.baseAddress!, below: $0.baseAddress!) } }
      for lane in 0..<8 {
        let exact = issuer.ticket(id: String(decoding: ids[lane], as: UTF8.self)).key
        var hasher = issuer.prefixHasher
        hasher.update(ids[lane])
        XCTAssertEqual(Tickets.leadingDigits(hasher.finalizedState()), exact / 1_000_000_000_000_000)
        if exact < limits[lane] {
          XCTAssertEqual(keys[lane], exact, "round \(round) lane \(lane)")
        } else {
          XCTAssertTrue(keys[lane] == exact || keys[lane] == UInt64.max, "round \(round) lane \(lane)")
        }
      }
    }
  }
}
