import XCTest

@testable import ChouchaCore

/// The byte toolkit of ChouchaCore/Base: one FNV-1a, one byte table.
final class ByteToolkitTests: XCTestCase {
  func testFNV1aIsTheReferenceHash() {
    // FNV-1a 64 test vectors (Fowler, Noll, Vo): "", "a", "foobar".
    func hash(_ text: String) -> UInt64 { FNV1a.hash(text) }
    XCTAssertEqual(hash(""), 0xcbf2_9ce4_8422_2325)
    XCTAssertEqual(hash("a"), 0xaf63_dc4c_8601_ec8c)
    XCTAssertEqual(hash("foobar"), 0x8594_4171_f739_67e8)
  }

  func testByteTableGivesIdsInOrderAndFindsThemAgain() {
    var table = ByteTable(capacity: 1)
    let words = (0..<5000).map { "w\($0)" } + ["", "中", "中文", "中文 ", "a\u{0}b", "é", "e\u{301}"]
    for (index, word) in words.enumerated() {
      var word = word
      let (id, isNew) = word.withUTF8 { table.intern(UnsafeRawBufferPointer($0)) }
      XCTAssertEqual(id, index, word)
      XCTAssertTrue(isNew, word)
    }
    XCTAssertEqual(table.count, words.count)
    for (index, word) in words.enumerated() {
      var word = word
      XCTAssertEqual(word.withUTF8 { table.id(of: UnsafeRawBufferPointer($0)) }, index, word)
      XCTAssertEqual(word.withUTF8 { table.intern(UnsafeRawBufferPointer($0)) }.isNew, false, word)
      XCTAssertEqual(Array(table.bytes(index)), Array(word.utf8))
    }
    // Compared as bytes: é precomposed and decomposed are two values; absent ones are absent.
    for absent in ["w5000", "中文  ", "W1", "w", "a"] {
      var absent = absent
      XCTAssertNil(absent.withUTF8 { table.id(of: UnsafeRawBufferPointer($0)) }, absent)
    }
    table.removeAll()
    XCTAssertEqual(table.count, 0)
    XCTAssertNil(Array("w1".utf8).withUnsafeBytes { table.id(of: $0) })
  }
}
