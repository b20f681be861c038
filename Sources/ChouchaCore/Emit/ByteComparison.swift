#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A sink that compares a document, as its writer produces it, with a recorded copy read alongside
/// in pieces: `verify` checks a draw document of 180 MB without holding it, or its recomputation,
/// whole. It stops at the first byte that differs and reports the line that byte is on (lines end
/// at `\n`), with that line of each text, which is all `verify` shows. The recorded bytes come
/// through a closure, so the core does no IO.
public final class ByteComparison: ByteSink {
  /// The first line that differs (1-based) and that line of each text, without its `\n`; nil for
  /// a text that has no such line, having ended before it.
  public struct Difference: Equatable, Sendable {
    public var line: Int
    public var recorded: [UInt8]?
    public var recomputed: [UInt8]?
  }

  /// The next piece of the recorded text; empty at its end.
  private let read: () throws -> [UInt8]
  private var recorded: [UInt8] = []
  /// In `recorded`, the first byte not compared yet.
  private var position = 0
  private var recordedEnded = false
  /// The `\n`s in the bytes found equal so far, and those bytes since the last one.
  private var lines = 0
  private var lineSoFar: [UInt8] = []
  /// From the first byte that differs on: the rest of each text, kept until it holds the rest of
  /// that line and the next one (all a `Difference` needs).
  private var rest: (recorded: [UInt8], recomputed: [UInt8])?

  public init(recorded read: @escaping () throws -> [UInt8]) {
    self.read = read
  }

  public func write(_ bytes: UnsafeRawBufferPointer) throws {
    guard !bytes.isEmpty else { return }
    if rest != nil {
      if !Self.hasTwoLines(rest!.recomputed) { rest!.recomputed += bytes }
      return
    }
    var offset = 0
    while offset < bytes.count {
      if position == recorded.count {
        try refill()
        if recordedEnded {
          differ(recomputed: UnsafeRawBufferPointer(rebasing: bytes[offset...]))
          return
        }
      }
      let count = min(bytes.count - offset, recorded.count - position)
      let equal = recorded.withUnsafeBytes { recorded in
        Self.commonPrefix(recorded.baseAddress! + position, bytes.baseAddress! + offset, count)
      }
      advance(over: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + equal)]))
      position += equal
      offset += equal
      if equal < count {
        differ(recomputed: UnsafeRawBufferPointer(rebasing: bytes[offset...]))
        return
      }
    }
  }

  /// Once the document is written: where it differs from the recorded text, or nil if the two
  /// are the same bytes.
  public func finish() throws -> Difference? {
    if rest == nil {
      if position == recorded.count { try refill() }
      if recordedEnded { return nil }
      differ(recomputed: UnsafeRawBufferPointer(start: nil, count: 0))
    }
    while !Self.hasTwoLines(rest!.recorded), !recordedEnded {
      try refill()
      rest!.recorded += recorded
      position = recorded.count
    }
    let (recorded, recomputed) = rest!
    // The bytes before the difference are equal, so the difference is on line `lines` of both,
    // unless one text ended where the other has a `\n` there: both lines are then the same and
    // the difference is that one text has a next line and the other none.
    let first = (lineSoFar + Self.line(0, of: recorded)!, lineSoFar + Self.line(0, of: recomputed)!)
    if first.0 != first.1 {
      return Difference(line: lines + 1, recorded: first.0, recomputed: first.1)
    }
    return Difference(line: lines + 2, recorded: Self.line(1, of: recorded), recomputed: Self.line(1, of: recomputed))
  }

  private func refill() throws {
    guard !recordedEnded else { return }
    recorded = try read()
    position = 0
    if recorded.isEmpty { recordedEnded = true }
  }

  private func differ(recomputed: UnsafeRawBufferPointer) {
    rest = (Array(recorded[position...]), Array(recomputed))
  }

  /// Counts the lines of bytes found equal, keeping the last, unfinished one.
  private func advance(over bytes: UnsafeRawBufferPointer) {
    guard var next = bytes.baseAddress else { return }
    let end = next + bytes.count
    var lastLineStart: UnsafeRawPointer?
    while next < end, let newline = memchr(next, 0x0A, end - next) {
      lines += 1
      next = UnsafeRawPointer(newline) + 1
      lastLineStart = next
    }
    if let lastLineStart {
      lineSoFar = Array(UnsafeRawBufferPointer(start: lastLineStart, count: end - lastLineStart))
    } else {
      lineSoFar += bytes
    }
  }

  /// How many bytes from the start the two ranges have in common (`memcmp` finds whether they
  /// differ at all; the common case, equal, costs nothing more).
  private static func commonPrefix(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Int {
    if count == 0 || memcmp(a, b, count) == 0 { return count }
    var index = 0
    while a.load(fromByteOffset: index, as: UInt8.self) == b.load(fromByteOffset: index, as: UInt8.self) { index += 1 }
    return index
  }

  private static func hasTwoLines(_ text: [UInt8]) -> Bool {
    guard let first = text.firstIndex(of: 0x0A) else { return false }
    return text[(first + 1)...].contains(0x0A)
  }

  /// Line `number` (0 or 1) of `text`, where line 0 is what comes before its first `\n`; nil if
  /// `text` has fewer `\n`s than `number`.
  private static func line(_ number: Int, of text: [UInt8]) -> [UInt8]? {
    var start = text.startIndex
    for _ in 0..<number {
      guard let newline = text[start...].firstIndex(of: 0x0A) else { return nil }
      start = newline + 1
    }
    return Array(text[start..<(text[start...].firstIndex(of: 0x0A) ?? text.endIndex)])
  }
}
