/// Bytes from somewhere the core does not know: the command line opens a file and hands the draw
/// one of these; tests hand it bytes in memory that come back short, interrupted, failing or
/// changed. The core never opens, reads or stats anything itself.
///
/// A read returns how many bytes it put at the start of `buffer`: fewer than asked is allowed at
/// any time (a short read; `ByteSources.fill` reads again), 0 is the end, `ByteSources.interrupted`
/// is "nothing read, try again" (`EINTR`), any other negative number is an error, never mistaken
/// for the end.
public protocol ByteSource: AnyObject {
  /// Reads from the current position, which moves past what was read.
  func read(into buffer: UnsafeMutableRawBufferPointer) -> Int
  /// Reads at `offset` (the current position does not move; `pread(2)`).
  func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) -> Int
  /// What tells whether the bytes changed between two moments (a file's size, modification time
  /// and inode); nil when that is unknown.
  func identity() -> [Int]?
}

public enum ByteSources {
  /// What a read returns when it was interrupted before reading anything: read again.
  public static let interrupted = -2

  /// Fills as much of `buffer` as `source` has, reading again after short and interrupted reads:
  /// the count (less than `buffer.count` only at the end), or -1 on an error, even after some bytes.
  public static func fill(_ buffer: UnsafeMutableRawBufferPointer, from source: ByteSource) -> Int {
    var total = 0
    while total < buffer.count {
      let count = source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[total...]))
      if count == interrupted { continue }
      if count < 0 || count > buffer.count - total { return -1 }
      if count == 0 { break }
      total += count
    }
    return total
  }

  /// The same at `offset`: the count, or -1 on an error.
  public static func fill(_ buffer: UnsafeMutableRawBufferPointer, from source: ByteSource, at offset: Int) -> Int {
    var total = 0
    while total < buffer.count {
      let count = source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[total...]), at: offset + total)
      if count == interrupted { continue }
      if count < 0 || count > buffer.count - total { return -1 }
      if count == 0 { break }
      total += count
    }
    return total
  }
}

/// A byte source over bytes in memory (small files and tests): never short, never interrupted.
public final class MemoryByteSource: ByteSource {
  public let bytes: [UInt8]
  private var position = 0

  public init(_ bytes: [UInt8]) { self.bytes = bytes }

  public func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
    let count = read(into: buffer, at: position)
    position += count
    return count
  }

  public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) -> Int {
    let count = max(0, min(buffer.count, bytes.count - offset))
    if count > 0 {
      bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: count) }
    }
    return count
  }

  public func identity() -> [Int]? { nil }
}
