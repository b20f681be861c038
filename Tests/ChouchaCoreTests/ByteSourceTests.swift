import XCTest

@testable import ChouchaCore
@testable import ChouchaDraw

/// The draw reads the target directory only through a `ByteSource`: here sources in memory that
/// read short, are interrupted, fail, or change between reads, as a file may; no disk.
final class ByteSourceTests: XCTestCase {
  /// A file in memory. Every open reads its bytes as they are then; `change` replaces them (a new
  /// version: another identity) at the `changeAt`-th read of any source, counted from 1.
  final class FakeFile: @unchecked Sendable {
    // Unchecked: the draw's two fetch workers read at once; the lock guards everything.
    private let lock = NSLock()
    private var bytes: [UInt8]
    private var version = 0
    private var reads = 0
    let shortest: Int
    let interruptEvery: Int
    let failAt: Int?
    let change: (at: Int, to: [UInt8])?
    let reportsIdentity: Bool

    init(
      _ bytes: [UInt8], shortest: Int = 0, interruptEvery: Int = 0, failAt: Int? = nil, change: (at: Int, to: [UInt8])? = nil,
      reportsIdentity: Bool = true
    ) {
      self.bytes = bytes
      self.shortest = shortest
      self.interruptEvery = interruptEvery
      self.failAt = failAt
      self.change = change
      self.reportsIdentity = reportsIdentity
    }

    var directory: TargetDirectory { TargetDirectory(id: 0, path: "targets.csv") { Source(file: self) } }

    /// At most `buffer.count` bytes at `offset`: fewer (1 to `shortest`) when reads are short,
    /// `interrupted` every `interruptEvery`-th read, -1 past `failAt`.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) -> Int {
      lock.lock()
      defer { lock.unlock() }
      reads += 1
      if let change, reads == change.at {
        bytes = change.to
        version += 1
      }
      if interruptEvery > 0, reads % interruptEvery == 0 { return ByteSources.interrupted }
      var count = max(0, min(buffer.count, bytes.count - offset))
      if let failAt, offset + count > failAt { return -1 }
      if shortest > 0, count > 1 { count = 1 + (reads * 7919 + offset) % min(count, shortest) }
      if count > 0 { bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: count) } }
      return count
    }

    var readCount: Int {
      lock.lock()
      defer { lock.unlock() }
      return reads
    }

    var identity: [Int]? {
      lock.lock()
      defer { lock.unlock() }
      return reportsIdentity ? [bytes.count, version] : nil
    }
  }

  final class Source: ByteSource {
    let file: FakeFile
    var position = 0
    init(file: FakeFile) { self.file = file }

    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
      let count = file.read(into: buffer, at: position)
      if count > 0 { position += count }
      return count
    }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) -> Int { file.read(into: buffer, at: offset) }
    func identity() -> [Int]? { file.identity }
  }

  let spec = StreamingDrawTests.spec(maxVisits: 1)
  var issuer: TicketIssuer { TicketIssuer(seedHash: Tickets.seedHash(spec.seed)) }

  func inspectors() -> SourceFile {
    var sources = SourceMap()
    _ = sources.add(path: "targets.csv", bytes: [])
    return sources.add(path: "inspectors.csv", bytes: StreamingDrawTests.inspectors)
  }

  /// The draw document of `directory`, or the codes of what stopped it.
  struct Stopped: Error, Equatable { var codes: [String] }

  func document(_ directory: TargetDirectory) -> Swift.Result<[UInt8], Stopped> {
    let (result, diagnostics) = Drawer.run(spec, targets: directory, inspectors: inspectors())
    guard let result else { return .failure(Stopped(codes: diagnostics.map(\.code.rawValue))) }
    return .success(DrawDocument.json(result))
  }

  func memoryDocument(_ bytes: [UInt8]) -> [UInt8]? {
    var sources = SourceMap()
    return try? document(TargetDirectory(sources.add(path: "targets.csv", bytes: bytes))).get()
  }

  /// Reads that stop short anywhere, and reads interrupted before any byte, draw what the bytes in
  /// memory draw, on the one-pass path (not by falling back to the exact one).
  func testShortAndInterruptedReadsDrawTheSame() throws {
    let bytes = StreamingDrawTests.directory(rows: 300)
    let expected = try XCTUnwrap(memoryDocument(bytes))
    var options = StreamingDraw.Options()
    options.chunk = 4096
    options.reserve = 256
    options.fetchSplit = 2
    for (shortest, interruptEvery) in [(1, 0), (3, 0), (700, 0), (0, 2), (0, 3), (5, 2)] {
      let file = FakeFile(bytes, shortest: shortest, interruptEvery: interruptEvery)
      let label = "reads of at most \(shortest) bytes, every \(interruptEvery) interrupted"
      XCTAssertNotNil(
        StreamingDraw(spec: spec, issuer: issuer, directory: file.directory, options: options).draw(), label)
      XCTAssertEqual(try document(file.directory).get(), expected, label)
    }
  }

  /// A read that fails is an error, never the end of the file: the draw stops with E0602 rather
  /// than drawing from the rows before it.
  func testAReadErrorStopsTheDraw() throws {
    let bytes = StreamingDrawTests.directory(rows: 300)
    for failAt in [10, bytes.count / 2, bytes.count - 1] {
      let file = FakeFile(bytes, shortest: 200, failAt: failAt)
      let outcome = document(file.directory)
      XCTAssertEqual(try? outcome.get(), nil, "a read failing at \(failAt) drew")
      XCTAssertEqual(outcome.map { _ in 0 }, .failure(Stopped(codes: ["E0602"])), "a read failing at \(failAt)")
    }
  }

  /// The directory changes while it is read — during the pass, or between the pass and the
  /// re-read of the drawn rows; its size changes or only its bytes (another version, the same
  /// size): the one-pass draw declines, and the draw is that of the directory as read whole
  /// afterwards, never a mix of two versions (the published SHA-256 and the rows drawn are of
  /// the same bytes).
  func testADirectoryThatChangesWhileReadIsNotDrawnFromTwoVersions() throws {
    let before = StreamingDrawTests.directory(rows: 300)
    let renamed = Array(String(decoding: before, as: UTF8.self).replacingOccurrences(of: "某店", with: "某铺").utf8)
    XCTAssertEqual(renamed.count, before.count)
    let longer = before + Array("91130102MA99999999,新店,食品销售,食品经营者,A\r\n".utf8)
    let shorter = Array(before[..<(before.count * 2 / 3)])
    let afterwards = try XCTUnwrap(memoryDocument(renamed))
    XCTAssertNotEqual(afterwards, try XCTUnwrap(memoryDocument(before)))
    var options = StreamingDraw.Options()
    options.chunk = 4096
    // The reads of the one-pass draw, unchanged: the pass in chunks of 4 KB, then the re-read.
    let counting = FakeFile(before)
    XCTAssertNotNil(StreamingDraw(spec: spec, issuer: issuer, directory: counting.directory, options: options).draw())
    let reads = counting.readCount
    XCTAssertGreaterThan(reads, 6)
    for (label, after) in [("renamed", renamed), ("longer", longer), ("shorter", shorter)] {
      for at in [2, reads / 2, reads - 1, reads] {
        let changing = FakeFile(before, change: (at: at, to: after))
        XCTAssertNil(
          StreamingDraw(spec: spec, issuer: issuer, directory: changing.directory, options: options).draw(),
          "\(label) at read \(at) of \(reads): the one-pass draw declines")
      }
      // The whole draw (default chunks: read 1 the first bytes, 2 and 3 the pass, 4 on the re-read).
      for at in [3, 4] {
        let changing = FakeFile(before, change: (at: at, to: after))
        XCTAssertEqual(try document(changing.directory).get(), try XCTUnwrap(memoryDocument(after)), "\(label) at read \(at)")
      }
    }
    // A source that cannot tell whether it changed: the re-read never trusts it (the exact path).
    let blind = FakeFile(before, reportsIdentity: false)
    XCTAssertNil(StreamingDraw(spec: spec, issuer: issuer, directory: blind.directory).draw())
    XCTAssertEqual(try document(blind.directory).get(), try XCTUnwrap(memoryDocument(before)))
  }
}
