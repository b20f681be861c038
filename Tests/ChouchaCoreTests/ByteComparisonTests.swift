import XCTest

@testable import ChouchaCore
@testable import ChouchaDraw

/// `verify`'s comparison, piece by piece, finds what comparing the two texts whole found: the first
/// line that differs and that line of each (nil past the end), whatever the pieces.
final class ByteComparisonTests: XCTestCase {
  /// The rule `verify` applied to the whole texts: split both at `\n`, the first line that differs,
  /// or, if one text's lines are the first lines of the other, the line after the shorter.
  static func reference(_ recorded: [UInt8], _ recomputed: [UInt8]) -> ByteComparison.Difference? {
    if recorded == recomputed { return nil }
    let left = recorded.split(separator: 0x0A, omittingEmptySubsequences: false)
    let right = recomputed.split(separator: 0x0A, omittingEmptySubsequences: false)
    let line = zip(left, right).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(left.count, right.count)
    return ByteComparison.Difference(
      line: line + 1, recorded: line < left.count ? Array(left[line]) : nil,
      recomputed: line < right.count ? Array(right[line]) : nil)
  }

  /// Compares `recomputed`, written in pieces of `written` bytes, with `recorded`, read in pieces
  /// of `read` bytes.
  static func compare(_ recorded: [UInt8], _ recomputed: [UInt8], read: Int, written: Int) throws -> ByteComparison.Difference? {
    var offset = 0
    let comparison = ByteComparison {
      let piece = Array(recorded[offset..<min(offset + read, recorded.count)])
      offset += piece.count
      return piece
    }
    var start = 0
    while start < recomputed.count {
      let end = min(start + written, recomputed.count)
      try recomputed[start..<end].withUnsafeBytes { try comparison.write($0) }
      start = end
    }
    return try comparison.finish()
  }

  func testSmallTextsInEveryCut() throws {
    let texts = ["", "a", "\n", "ab\ncd\n", "ab\ncd", "ab\ncx\n", "ab\nc", "ab\n", "ab", "ab\ncd\n\n", "ab\ncd\nef", "xb\ncd\n"]
    for recorded in texts {
      for recomputed in texts {
        for (read, written) in [(1, 1), (1, 3), (2, 1), (100, 100), (3, 2)] {
          let expected = Self.reference(Array(recorded.utf8), Array(recomputed.utf8))
          XCTAssertEqual(
            try Self.compare(Array(recorded.utf8), Array(recomputed.utf8), read: read, written: written), expected,
            "\(recorded.debugDescription) against \(recomputed.debugDescription), pieces \(read)/\(written)")
        }
      }
    }
  }

  /// The example draw's document with one byte changed, cut short, lengthened, a line removed:
  /// found on the line the whole comparison names, for pieces of every size.
  func testChangedDrawDocuments() throws {
    let result = try DocumentStreamTests.drawn()
    let document = DrawDocument.json(result)
    var changed: [[UInt8]] = [document, document + [0x0A], document + Array("x".utf8), Array(document.dropLast()), []]
    let lastLine = try XCTUnwrap(document.dropLast().lastIndex(of: 0x0A))
    changed.append(Array(document[...lastLine]))
    // The first and last bytes, and bytes spread over the document.
    for index in [0, document.count - 1] + (1...6).map({ document.count * $0 / 7 }) {
      var copy = document
      copy[index] = copy[index] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
      changed.append(copy)
      changed.append(Array(document[..<index]))
    }
    for recorded in changed {
      let expected = Self.reference(recorded, document)
      for (read, written) in [(1 << 20, 1 << 20), (4096, 1000), (13, 1 << 16)] {
        // The document as the draw writes it: through its writer, in pieces.
        var offset = 0
        let comparison = ByteComparison {
          let piece = Array(recorded[offset..<min(offset + read, recorded.count)])
          offset += piece.count
          return piece
        }
        try DrawDocument.writeJSON(result, to: comparison, pieceSize: written)
        XCTAssertEqual(try comparison.finish(), expected, "\(recorded.count) bytes, pieces \(read)/\(written)")
      }
    }
    XCTAssertNil(try Self.compare(document, document, read: 1 << 20, written: 1 << 20))
    let tampered = changed[changed.count - 2]
    XCTAssertEqual(try Self.compare(tampered, document, read: 4096, written: 4096)?.line, Self.reference(tampered, document)?.line)
  }

  /// An error reading the recorded text is the comparison's (and so the document writer's) error.
  func testReadErrorsComeThrough() throws {
    struct Unreadable: Error {}
    let comparison = ByteComparison { throw Unreadable() }
    XCTAssertThrowsError(try [UInt8(1)].withUnsafeBytes { try comparison.write($0) }) { XCTAssertTrue($0 is Unreadable) }
  }
}
