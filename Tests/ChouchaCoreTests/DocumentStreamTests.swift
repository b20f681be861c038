import XCTest

@testable import ChouchaCore

/// The documents written into a sink in pieces are the in-memory documents, byte for byte, and a
/// sink that fails fails the document.
final class DocumentStreamTests: XCTestCase {
  /// Keeps every piece apart, to see where the writer cut; fails at piece `failAt` if given.
  final class RecordingSink: ByteSink {
    struct Failure: Error, Equatable {}
    var pieces: [[UInt8]] = []
    var failAt: Int?

    init(failAt: Int? = nil) { self.failAt = failAt }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
      if pieces.count == failAt { throw Failure() }
      pieces.append(Array(bytes))
    }
  }

  static func drawn() throws -> Drawer.Result {
    let fixture = try DrawTests.fixture()
    return try XCTUnwrap(DrawTests.draw(fixture.spec, targets: fixture.targets, inspectors: fixture.inspectors).0)
  }

  func testDrawDocumentsInPiecesAreTheInMemoryBytes() throws {
    let result = try Self.drawn()
    let json = DrawDocument.json(result)
    let csv = DrawDocument.csv(result)
    XCTAssertGreaterThan(json.count, 64 << 10, "the example draw should span many small pieces")
    for pieceSize in [1, 7, 4096, ByteWriter.defaultPieceSize] {
      for (name, expected, write) in [
        ("json", json, DrawDocument.writeJSON), ("csv", csv, DrawDocument.writeCSV),
      ] as [(String, [UInt8], (Drawer.Result, ByteSink, Int) throws -> Void)] {
        let sink = RecordingSink()
        try write(result, sink, pieceSize)
        XCTAssertEqual(Array(sink.pieces.joined()), expected, "\(name) in pieces of \(pieceSize)")
        XCTAssertFalse(sink.pieces.contains { $0.isEmpty }, "\(name): no empty piece")
        // Every piece but the last is full: the writer hands a piece on once it has one.
        XCTAssertTrue(sink.pieces.dropLast().allSatisfy { $0.count >= pieceSize }, "\(name), \(pieceSize)")
        if expected.count > pieceSize * 2 { XCTAssertGreaterThan(sink.pieces.count, 1, "\(name), \(pieceSize)") }
      }
    }
  }

  /// `build`'s documents and `CSVWriter.document` go through the same writers into memory.
  func testMemoryFormsGoThroughTheStreams() throws {
    let sink = RecordingSink()
    var csv = CSVStream(into: sink, header: ["a", "=b"], pieceSize: 1)
    csv.row(["1,2", " x"])
    try csv.endDocument()
    XCTAssertEqual(Array(sink.pieces.joined()), CSVWriter.document(header: ["a", "=b"], rows: [["1,2", " x"]]))
    XCTAssertEqual(String(decoding: sink.pieces.joined(), as: UTF8.self), "\u{FEFF}a,'=b\r\n\"1,2\",\" x\"\r\n")
  }

  /// A sink that throws in the middle of a document: the error comes out of `writeJSON` and
  /// `writeCSV`, and nothing more reaches the sink after it.
  func testAFailingSinkFailsTheDocument() throws {
    let result = try Self.drawn()
    for write in [DrawDocument.writeJSON, DrawDocument.writeCSV] as [(Drawer.Result, ByteSink, Int) throws -> Void] {
      let sink = RecordingSink(failAt: 3)
      XCTAssertThrowsError(try write(result, sink, 1024)) { error in
        XCTAssertEqual(error as? RecordingSink.Failure, RecordingSink.Failure())
      }
      XCTAssertEqual(sink.pieces.count, 3)
    }
    var stream = JSONStream(into: RecordingSink(failAt: 0), pieceSize: 1)
    stream.object { $0.field("a", 1) }
    XCTAssertThrowsError(try stream.endDocument())
  }
}
