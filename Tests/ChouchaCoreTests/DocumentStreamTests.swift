import Foundation
import XCTest

@testable import ChouchaCore
@testable import ChouchaDraw

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

  /// Elements laid out block by block on both cores (`JSONStream.elements`) are the bytes of the
  /// same elements written one by one: at any depth, after members or none, for every block size
  /// and count, nested values included, in pieces of any size.
  func testElementsInBlocksAreTheElementsWrittenInOrder() throws {
    func element(_ index: Int) -> JSON {
      .object([
        ("n", .int(index)), ("s", .string("第\(index)\"\n")),
        ("list", .array((0..<(index % 3)).map { .object([("k", .int($0))]) })),
      ])
    }
    for before in 0..<3 {
      for count in 0..<10 {
        let tree = JSON.object([
          ("head", .int(1)),
          ("outer", .array([.object([("items", .array((0..<before).map { .int($0) } + (0..<count).map(element)))])])),
        ])
        let expected = tree.bytes(pretty: true) + [0x0A]
        for block in [1, 2, 3, 5, 1024] {
          for pieceSize in [1, 64, ByteWriter.defaultPieceSize] {
            let sink = RecordingSink()
            var w = JSONStream(into: sink, pieceSize: pieceSize)
            w.object { w in
              w.field("head", 1)
              w.key("outer")
              w.array { w in
                w.object { w in
                  w.key("items")
                  w.array { w in
                    for value in 0..<before { w.int(value) }
                    w.elements(count: count, block: block) { index, w in
                      w.object { w in
                        w.field("n", index)
                        w.field("s", "第\(index)\"\n")
                        w.key("list")
                        w.array { w in for k in 0..<(index % 3) { w.object { $0.field("k", k) } } }
                      }
                    }
                  }
                }
              }
            }
            try w.endDocument()
            XCTAssertEqual(
              String(decoding: sink.pieces.joined(), as: UTF8.self), String(decoding: expected, as: UTF8.self),
              "\(before) before, \(count) elements in blocks of \(block), pieces of \(pieceSize)")
          }
        }
      }
    }
  }

  /// The eight-bytes-at-a-time test for escaping finds every byte that needs it, wherever it is
  /// in the word or the tail, among ASCII and CJK filler; and escaped text reads back as itself.
  func testEscapingFindsEveryByteThatNeedsIt() throws {
    func needs(_ byte: UInt8) -> Bool {
      byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0x7F || byte == 0xE2
    }
    for filler in [Array("abcdefgh".utf8), Array("中文名称".utf8)] {
      for length in 1...20 {
        for position in 0..<length {
          for byte in 0...255 {
            var bytes = (0..<length).map { filler[$0 % filler.count] }
            bytes[position] = UInt8(byte)
            let expected = bytes.contains(where: needs)
            let actual = bytes.withUnsafeBufferPointer { JSON.mayNeedEscaping($0) }
            if actual != expected {
              XCTFail("byte \(byte) at \(position) of \(length): \(actual)")
              return
            }
          }
        }
      }
    }
    for text in ["", "名称", "a\"b\\c", "行\n\r\t\u{0}\u{1F}\u{7F}", "分\u{2028}隔\u{2029}", "“引号”——…", String(repeating: "店\"", count: 9)] {
      var escaped: [UInt8] = []
      Array(text.utf8).withUnsafeBufferPointer { JSON.escape(bytes: $0, into: &escaped) }
      let decoded = try JSONSerialization.jsonObject(with: Data(escaped), options: .fragmentsAllowed) as? String
      XCTAssertEqual(decoded, text)
      XCTAssertFalse(escaped.contains { $0 < 0x20 }, "no raw control character")
    }
  }

  /// A CSV cell is copied whole only when the rules of `CSVWriter` leave it as it is: every byte
  /// value at every place of cells of ASCII and of CJK, against the rules spelled out here.
  func testCSVCellsFollowTheRulesWhereverTheByteIs() {
    func expected(_ bytes: [UInt8]) -> [UInt8] {
      let formula = bytes.first.map { "=+-@\t\r".utf8.contains($0) } ?? false
      let quoted = bytes.contains { ",\"\n\r".utf8.contains($0) } || bytes.first == 0x20 || bytes.last == 0x20
      var output: [UInt8] = quoted ? [0x22] : []
      if formula { output.append(UInt8(ascii: "'")) }
      for byte in bytes { output += byte == 0x22 ? [0x22, 0x22] : [byte] }
      return quoted ? output + [0x22] : output
    }
    for filler in [Array("abcdefgh".utf8), Array("名称".utf8)] {
      for length in 1...18 {
        for position in 0..<length {
          for byte in 0...255 {
            var bytes = (0..<length).map { filler[$0 % filler.count] }
            bytes[position] = UInt8(byte)
            var output: [UInt8] = []
            bytes.withUnsafeBufferPointer { CSVWriter.append(bytes: $0, to: &output) }
            if output != expected(bytes) {
              XCTFail("byte \(byte) at \(position) of \(length): \(String(decoding: output, as: UTF8.self))")
              return
            }
          }
        }
      }
    }
  }

  /// Rows laid out block by block on both cores (`CSVStream.rows`) are the rows written one by one.
  func testCSVRowsInBlocksAreTheRowsInOrder() throws {
    let cells = (0..<23).map { ["\($0)", $0 % 4 == 0 ? "=SUM(\($0))" : "店,\($0)", "名称\"\($0)\""] }
    let expected = CSVWriter.document(header: ["a", "b", "c"], rows: cells)
    for block in [1, 2, 5, 2048] {
      for count in [0, 1, 7, 23] {
        let sink = RecordingSink()
        var csv = CSVStream(into: sink, header: ["a", "b", "c"], pieceSize: 16)
        csv.rows(count: count, block: block) { index, csv in csv.row(cells[index]) }
        try csv.endDocument()
        XCTAssertEqual(
          Array(sink.pieces.joined()), CSVWriter.document(header: ["a", "b", "c"], rows: Array(cells.prefix(count))),
          "\(count) rows in blocks of \(block)")
      }
    }
    XCTAssertGreaterThan(expected.count, 100)
  }

  /// Blocks laid out on two threads come out in order whatever the order they finish in (some
  /// are slowed down here), however many may wait, in pieces of any size.
  func testBlocksComeOutInOrderWhateverTheirTiming() throws {
    let expected = Array((0..<3000).map { "\($0)\n" }.joined().utf8)
    for (block, ahead) in [(1, 1), (7, 2), (64, 4), (5000, 4)] {
      for pieceSize in [1, 100, 1 << 20] {
        let sink = RecordingSink()
        var writer = ByteWriter(into: sink, pieceSize: pieceSize)
        ByteWriter.inBlocks(count: 3000, block: block, ahead: ahead, into: &writer) { range in
          if range.lowerBound % 3 == 0 { usleep(UInt32(range.lowerBound % 5) * 20) }
          return Array(range.map { "\($0)\n" }.joined().utf8)
        }
        try writer.finish()
        XCTAssertEqual(Array(sink.pieces.joined()), expected, "blocks of \(block), \(ahead) ahead, pieces of \(pieceSize)")
      }
    }
  }

  /// Members laid out once and spliced into objects deeper down are those objects' own members,
  /// byte for byte, before further members and alone.
  func testSplicedMembersAreTheMembersWrittenThere() throws {
    func document(splicing: Bool) -> [UInt8] {
      MemorySink.collect { sink in
        var w = JSONStream(into: sink)
        w.object { w in
          w.key("list")
          w.array { w in
            let fields = w.members(levelsDown: 2) { w in
              w.field("a", "第\"1")
              w.key("b")
              w.array { w in w.int(2) }
            }
            for index in 0..<3 {
              w.object { w in
                w.key("inner")
                w.object { w in
                  if splicing { w.splice(members: fields) } else {
                    w.field("a", "第\"1")
                    w.key("b")
                    w.array { w in w.int(2) }
                  }
                  if index > 0 { w.field("n", index) }
                }
              }
            }
          }
        }
        try w.endDocument()
      }
    }
    XCTAssertEqual(String(decoding: document(splicing: true), as: UTF8.self), String(decoding: document(splicing: false), as: UTF8.self))
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
