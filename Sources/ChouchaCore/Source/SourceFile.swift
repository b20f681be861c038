#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file handed to the compiler by its caller: a path for display and its bytes.
///
/// The core never opens files. `bytes` are the file exactly as read; invalid UTF-8 is reported by
/// the lexer, not repaired here, so that every offset a diagnostic names is an offset in this array.
public struct SourceFile: Sendable {
  /// Index of the file in its `SourceMap`.
  public let id: Int
  /// The path shown in diagnostics (relative to the current directory when the CLI made it).
  public let path: String
  /// The path relative to the repository root, with `/` separators; used to resolve imports.
  public let relativePath: String
  public let bytes: [UInt8]
  /// Byte offset of the first byte of every line.
  public let lineStarts: [Int]

  public init(id: Int, path: String, relativePath: String? = nil, bytes: [UInt8]) {
    self.id = id
    self.path = path
    self.relativePath = relativePath ?? path
    self.bytes = bytes
    var starts = [0]
    starts.reserveCapacity(bytes.count / 24 + 1)
    bytes.withUnsafeBytes { buffer in
      // memchr is vectorised; a byte loop here was a visible part of the benchmark.
      guard let base = buffer.baseAddress else { return }
      var offset = 0
      while offset < buffer.count, let found = memchr(base + offset, 0x0A, buffer.count - offset) {
        let index = base.distance(to: UnsafeRawPointer(found))
        starts.append(index + 1)
        offset = index + 1
      }
    }
    self.lineStarts = starts
    // Lines longer than a stride get column checkpoints, so that a column is never counted from
    // the start of a long line: N diagnostics on a 10 MB line cost N strides, not N lines.
    var checkpoints: [Int: [Checkpoint]] = [:]
    bytes.withUnsafeBufferPointer { buffer in
      for line in starts.indices {
        let start = starts[line]
        let end = line + 1 < starts.count ? starts[line + 1] : buffer.count
        guard end - start > SourceFile.checkpointStride else { continue }
        checkpoints[line] = SourceFile.checkpoints(buffer, from: start, to: end)
      }
    }
    self.checkpoints = checkpoints
  }

  /// A place on a long line where the column count stops to rest: the scalar starting at `offset`
  /// is in `column` (1-based, before the BOM adjustment).
  struct Checkpoint: Sendable {
    var offset: Int
    var column: Int
  }

  static let checkpointStride = 256
  /// For every line longer than `checkpointStride` bytes, the first scalar boundary at or after each
  /// multiple of the stride from the line start, as `location(of:)` walks it.
  let checkpoints: [Int: [Checkpoint]]

  static func checkpoints(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> [Checkpoint] {
    var result = [Checkpoint(offset: start, column: 1)]
    result.reserveCapacity((end - start) / checkpointStride + 1)
    var index = start
    var column = 1
    while index < end {
      index += UTF8Scalar.decode(buffer, at: index)?.1 ?? 1
      column += 1
      if index - start >= result.count * checkpointStride { result.append(Checkpoint(offset: index, column: column)) }
    }
    return result
  }

  public init(id: Int, path: String, relativePath: String? = nil, text: String) {
    self.init(id: id, path: path, relativePath: relativePath, bytes: Array(text.utf8))
  }

  /// 0-based line index of a byte offset.
  public func lineIndex(of offset: Int) -> Int {
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
    }
    return low
  }

  /// Byte range of a line, without its line terminator (`\n` or `\r\n`).
  public func lineRange(_ line: Int) -> Range<Int> {
    let start = lineStarts[line]
    var end = line + 1 < lineStarts.count ? lineStarts[line + 1] - 1 : bytes.count
    if end > start, bytes[end - 1] == 0x0D { end -= 1 }
    return start..<max(start, end)
  }

  /// 1-based line and column of a byte offset; the column counts Unicode scalars.
  public func location(of offset: Int) -> SourceLocation { locate(offset).location }

  /// `location(of:)` and the number of scalars it stepped over to find the column: at most one
  /// checkpoint stride, however long the line (tests count these steps).
  func locate(_ offset: Int) -> (location: SourceLocation, steps: Int) {
    let clamped = min(max(0, offset), bytes.count)
    let line = lineIndex(of: clamped)
    var column = 1
    var index = lineStarts[line]
    if let marks = checkpoints[line] {
      // The last checkpoint at or before the offset: the walk from the line start passes it.
      var mark = min((clamped - index) / SourceFile.checkpointStride, marks.count - 1)
      while mark > 0, marks[mark].offset > clamped { mark -= 1 }
      (index, column) = (marks[mark].offset, marks[mark].column)
    }
    var steps = 0
    // One column per scalar, and one per byte that is not valid UTF-8: the renderer shows each
    // such byte as one U+FFFD.
    bytes.withUnsafeBufferPointer { buffer in
      while index < clamped {
        index += UTF8Scalar.decode(buffer, at: index)?.1 ?? 1
        column += 1
        steps += 1
      }
    }
    // A BOM at the start of the file is invisible and takes no column.
    if line == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]), clamped >= 3 { column -= 1 }
    return (SourceLocation(line: line + 1, column: column), steps)
  }

  /// The text of a byte range, with invalid UTF-8 replaced.
  public func text(_ range: Range<Int>) -> String {
    let lower = min(max(0, range.lowerBound), bytes.count)
    let upper = min(max(lower, range.upperBound), bytes.count)
    return String(decoding: bytes[lower..<upper], as: UTF8.self)
  }
}

/// A 1-based line and column (in Unicode scalars).
public struct SourceLocation: Hashable, Sendable {
  public var line: Int
  public var column: Int
}

/// Helpers for walking UTF-8 without decoding whole strings.
enum UTF8Scalar {
  /// The length of the sequence a leading byte announces; 1 for stray continuation bytes.
  @inline(__always)
  static func length(leading byte: UInt8) -> Int {
    if byte < 0x80 { return 1 }
    if byte & 0xE0 == 0xC0 { return 2 }
    if byte & 0xF0 == 0xE0 { return 3 }
    if byte & 0xF8 == 0xF0 { return 4 }
    return 1
  }

  /// Decodes the scalar at `index`, or nil when the bytes there are not valid UTF-8.
  @inline(__always)
  static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int)? {
    let lead = bytes[index]
    if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
    let count: Int
    var value: UInt32
    switch lead {
    case 0xC2...0xDF: count = 2; value = UInt32(lead & 0x1F)
    case 0xE0...0xEF: count = 3; value = UInt32(lead & 0x0F)
    case 0xF0...0xF4: count = 4; value = UInt32(lead & 0x07)
    default: return nil
    }
    guard index + count <= bytes.count else { return nil }
    for offset in 1..<count {
      let byte = bytes[index + offset]
      guard byte & 0xC0 == 0x80 else { return nil }
      value = value << 6 | UInt32(byte & 0x3F)
    }
    // Reject overlong forms, surrogates and values beyond U+10FFFF.
    let minimum: UInt32 = count == 2 ? 0x80 : count == 3 ? 0x800 : 0x10000
    guard value >= minimum, let scalar = Unicode.Scalar(value) else { return nil }
    return (scalar, count)
  }
}
