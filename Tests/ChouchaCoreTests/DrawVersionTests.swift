import Foundation
import XCTest

@testable import ChouchaCore
@testable import ChouchaDraw

/// Algorithm versions (issue 12): a document published under v1 is re-run with the v1 rules and
/// gives the same bytes; a document claiming another version than the one it was drawn with is
/// refused.
final class DrawVersionTests: XCTestCase {
  static let v1Folder = GoldenTests.fixtures.appendingPathComponent("draw-v1/rules-example-2024")

  static func bytes(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: v1Folder.appendingPathComponent(name)))
  }

  /// The document written by the v1 binary (commit 862be38), re-run today: byte for byte.
  func testPublishedV1DocumentVerifiesByteForByte() throws {
    let document = try Self.bytes("draw-2024.json")
    let recorded = try VerifyTests.read(document).get()
    let (result, diagnostics) = VerifyTests.redraw(
      recorded.spec, targets: try Self.bytes("targets.csv"), inspectors: try Self.bytes("inspectors.csv"))
    XCTAssertEqual(diagnostics.filter { $0.severity == .error }.map(\.code), [])
    let again = DrawDocument.json(try XCTUnwrap(result))
    XCTAssertTrue(again == document, "the v1 document is no longer reproduced byte for byte")
    XCTAssertTrue(DrawDocument.csv(try XCTUnwrap(result)) == (try Self.bytes("draw-2024.csv")))
  }
}
