import Dispatch
import Foundation

/// Where a document's bytes go, a piece at a time. The draw's documents are hundreds of megabytes
/// at ten million rows: written into a sink that passes each piece on (to a file, to a comparison),
/// they never exist whole in memory. The core does no IO, so the sinks that do live in the CLI;
/// `MemorySink` is the one the core has, and it is what the in-memory form of every document is.
public protocol ByteSink: AnyObject {
  /// Takes the next piece. A throw ends the document: the writer drops what follows and its
  /// `finish` throws this error.
  func write(_ bytes: UnsafeRawBufferPointer) throws
}

/// Keeps every byte: a document in memory (tests, `build`'s documents) is the same writer into
/// this sink, so there is one copy of each document's logic however it is written.
public final class MemorySink: ByteSink {
  public private(set) var bytes: [UInt8] = []

  public init() {}

  public func write(_ bytes: UnsafeRawBufferPointer) {
    self.bytes.append(contentsOf: bytes)
  }

  /// The bytes `write` gives a sink. It may throw only the sink's errors, and this sink has none.
  public static func collect(_ write: (MemorySink) throws -> Void) -> [UInt8] {
    let sink = MemorySink()
    do {
      try write(sink)
    } catch {
      preconditionFailure("only a sink fails a document, and a memory sink does not: \(error)")
    }
    return sink.bytes
  }
}

/// The buffer the document writers (`JSONStream`, `CSVStream`) append to, handed to a sink in
/// pieces of about `pieceSize` bytes.
///
/// The writers' methods do not throw, so a document's content is plain code that reads the same
/// for every sink: the sink's first error is kept, what follows is dropped, and `finish` throws it.
/// (A failing file costs the time to write the rest of the document into nothing; it saves a `try`
/// on every value of every document.)
public struct ByteWriter {
  /// About 1 MB: large enough that a piece costs one system call among thousands of values, small
  /// enough that the pieces in flight are nothing beside the draw itself.
  public static let defaultPieceSize = 1 << 20

  /// The bytes not yet handed to the sink. The writers append here directly.
  var pending: [UInt8] = []
  private let sink: ByteSink
  private let pieceSize: Int
  private var failure: Error?

  /// `capacity`: the bytes reserved (by default a piece, and a little more: a value may overshoot
  /// the piece before the next check hands the piece on).
  init(into sink: ByteSink, pieceSize: Int = ByteWriter.defaultPieceSize, capacity: Int? = nil) {
    self.sink = sink
    self.pieceSize = max(1, pieceSize)
    pending.reserveCapacity(capacity ?? (min(self.pieceSize, 1 << 24) + 4096))
  }

  /// Hands the pending bytes on once they make a piece. Called between values, so a piece ends
  /// where a value does (a long value makes a longer piece).
  @inline(__always)
  mutating func flushIfFull() {
    if pending.count >= pieceSize { flush() }
  }

  mutating func flush() {
    if failure == nil, !pending.isEmpty {
      do {
        try pending.withUnsafeBytes { try sink.write($0) }
      } catch {
        failure = error
      }
    }
    pending.removeAll(keepingCapacity: true)
  }

  /// Appends a block laid out apart: handed to the sink as it is, without a copy, when nothing is
  /// pending and it makes a piece by itself (the draw's blocks are a megabyte or more).
  mutating func append(block: [UInt8]) {
    flushIfFull()
    if pending.isEmpty && block.count >= pieceSize {
      guard failure == nil else { return }
      do {
        try block.withUnsafeBytes { try sink.write($0) }
      } catch {
        failure = error
      }
    } else {
      pending.append(contentsOf: block)
    }
  }

  /// A writer for a block of a document laid out apart (`inBlocks`): it only collects.
  static func fragment() -> ByteWriter {
    ByteWriter(into: MemorySink(), pieceSize: Int.max, capacity: 2 << 20)
  }

  /// Lays out the items `0..<count` of a document `block` at a time on both cores (`render`
  /// makes a block's bytes, with a `fragment()` writer) and appends the blocks to `writer` in
  /// order. Each core takes the next block to lay out; whichever finishes the block due next
  /// appends it (and any due after it that are ready), so handing pieces to the sink overlaps
  /// with laying out the next blocks. At most `ahead` blocks wait to be appended. `render` runs
  /// on two threads at once: it may only read what it shares.
  static func inBlocks(
    count: Int, block: Int, ahead: Int = 4, into writer: inout ByteWriter, render: (Range<Int>) -> [UInt8]
  ) {
    let block = max(1, block)
    let blocks = (count + block - 1) / block
    func range(_ index: Int) -> Range<Int> { (index * block)..<min(count, (index + 1) * block) }
    guard blocks > 1 else {
      for index in 0..<blocks {
        writer.append(block: render(range(index)))
      }
      return
    }
    // Not declared Sendable: every field is read and written under `condition` (only ChouchaDraw
    // and ChouchaIntrinsics make unchecked promises, BoundaryTests).
    final class Shared {
      let condition = NSCondition()
      /// The next block to lay out, the next to append, and the blocks laid out but not appended.
      var next = 0
      var due = 0
      var ready: [Int: [UInt8]] = [:]
      var appending = false
    }
    let shared = Shared()
    DispatchQueue.concurrentPerform(iterations: 2) { _ in
      while true {
        shared.condition.lock()
        // Not too far ahead of the appending.
        while shared.next < blocks && shared.next >= shared.due + ahead { shared.condition.wait() }
        let index = shared.next
        shared.next += 1
        shared.condition.unlock()
        if index >= blocks { break }
        let fragment = render(range(index))
        shared.condition.lock()
        shared.ready[index] = fragment
        if shared.appending {
          shared.condition.unlock()
          continue
        }
        // This thread appends what is due, one block at a time, outside the lock.
        shared.appending = true
        while let due = shared.ready.removeValue(forKey: shared.due) {
          shared.condition.unlock()
          writer.append(block: due)
          shared.condition.lock()
          shared.due += 1
          shared.condition.broadcast()
        }
        shared.appending = false
        shared.condition.unlock()
      }
    }
  }

  /// Hands on what is left; throws the sink's first error, if it had one.
  mutating func finish() throws {
    flush()
    if let failure { throw failure }
  }
}
