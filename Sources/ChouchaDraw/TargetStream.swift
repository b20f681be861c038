import ChouchaCore
import ChouchaIntrinsics

/// The target directory as the draw reads it: in memory (tests, `verify` of small files) or from a
/// byte source the caller opens (the command line: a file on disk), read once in chunks so that a
/// directory of ten million rows never sits in memory.
public struct TargetDirectory: Sendable {
  enum Storage: Sendable {
    case memory([UInt8])
    /// Opens the directory's bytes afresh (the draw reads them more than once, from two threads
    /// at a time); nil when they cannot be read.
    case source(@Sendable () -> ByteSource?)
  }

  /// The id spans of this file carry (the file's index in the caller's `SourceMap`).
  public let id: Int
  public let path: String
  let storage: Storage

  public init(_ file: SourceFile) {
    id = file.id
    path = file.path
    storage = .memory(file.bytes)
  }

  /// The directory named `path` (for messages), whose bytes `open` gives, each time it is called,
  /// from the start: the caller decides what a file is and how it is read.
  public init(id: Int, path: String, open: @escaping @Sendable () -> ByteSource?) {
    self.id = id
    self.path = path
    storage = .source(open)
  }

  /// A fresh source of the directory's bytes, from the start; nil when they cannot be read.
  func makeSource() -> ByteSource? {
    switch storage {
    case .memory(let bytes): return MemoryByteSource(bytes)
    case .source(let opener): return opener()
    }
  }

  /// The first `count` bytes (fewer in a shorter file), and whether they are the whole file; nil
  /// when the file cannot be read.
  func prefix(_ count: Int) -> (bytes: [UInt8], whole: Bool)? {
    switch storage {
    case .memory(let bytes): return (Array(bytes.prefix(count)), bytes.count <= count)
    case .source:
      guard let source = makeSource() else { return nil }
      // One byte more than asked: whether there is more.
      var bytes = [UInt8](repeating: 0, count: count + 1)
      let read = bytes.withUnsafeMutableBytes { ByteSources.fill($0, from: source) }
      if read < 0 { return nil }
      return (Array(bytes[..<min(read, count)]), read <= count)
    }
  }

  /// The whole file, for the exact path that materialises every row.
  func load() -> SourceFile? {
    switch storage {
    case .memory(let bytes): return SourceFile(id: id, path: path, bytes: bytes)
    case .source:
      guard let source = makeSource() else { return nil }
      var bytes: [UInt8] = []
      var chunk = [UInt8](repeating: 0, count: 1 << 20)
      while true {
        let count = chunk.withUnsafeMutableBytes { ByteSources.fill($0, from: source) }
        if count < 0 { return nil }  // a read error is not the end of the file
        bytes += chunk[0..<count]
        if count < chunk.count { break }
      }
      return SourceFile(id: id, path: path, bytes: bytes)
    }
  }
}

/// The cells of one CSV row at byte level, exactly as `CSVReader` splits them (RFC 4180, a BOM,
/// CRLF or LF, quoted cells over several lines, text after a closing quote kept).
struct RowScanner {
  struct Cell {
    var start: Int
    var end: Int
    /// A quoted cell: its text is not its bytes verbatim.
    var quoted: Bool
    /// Doubled quotes or text after the closing quote: the text must be rebuilt.
    var rebuilt: Bool
  }

  enum Outcome {
    /// The row ends at `end` (after its line terminator).
    case row(end: Int)
    /// The buffer ends inside the row: read more and scan again.
    case incomplete
    /// A quoted cell never closes (at the end of the file).
    case unterminated
  }

  var cells: [Cell] = []

  /// Scans the row starting at `start` in `bytes[..<count]`; `final` when nothing follows.
  @inline(__always)
  mutating func scan(_ bytes: UnsafePointer<UInt8>, from start: Int, count: Int, final: Bool) -> Outcome {
    let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr: UInt8 = 0x0D, lf: UInt8 = 0x0A
    cells.removeAll(keepingCapacity: true)
    var index = start
    while true {
      let cellStart = index
      if index < count, bytes[index] == quote {
        var rebuilt = false
        index += 1
        var closed = false
        while index < count {
          if bytes[index] == quote {
            if index + 1 >= count, !final { return .incomplete }
            if index + 1 < count, bytes[index + 1] == quote {
              rebuilt = true
              index += 2
              continue
            }
            index += 1
            closed = true
            break
          }
          if bytes[index] == cr { rebuilt = true }  // read as LF, as CSVReader does
          index += 1
        }
        if !closed { return final ? .unterminated : .incomplete }
        while index < count, bytes[index] != comma, bytes[index] != lf, bytes[index] != cr {
          rebuilt = true
          index += 1
        }
        cells.append(Cell(start: cellStart, end: index, quoted: true, rebuilt: rebuilt))
      } else {
        // memchr-like scan for the next delimiter.
        while index < count {
          let byte = bytes[index]
          if byte == comma || byte == lf || byte == cr { break }
          index += 1
        }
        cells.append(Cell(start: cellStart, end: index, quoted: false, rebuilt: false))
      }
      if index >= count {
        return final ? .row(end: index) : .incomplete
      } else if bytes[index] == comma {
        index += 1
      } else {
        if bytes[index] == cr {
          index += 1
          if index >= count, !final { return .incomplete }
        }
        if index < count, bytes[index] == lf { index += 1 }
        return .row(end: index)
      }
    }
  }

  /// The text of a cell as `CSVReader` gives it, as bytes: `scratch` holds rebuilt texts (doubled
  /// quotes undone, text after the closing quote kept, line breaks inside the cell read as LF).
  @inline(__always)
  static func text(_ cell: Cell, _ bytes: UnsafePointer<UInt8>, scratch: ByteScratch) -> UnsafeRawBufferPointer {
    if !cell.quoted { return UnsafeRawBufferPointer(start: bytes + cell.start, count: cell.end - cell.start) }
    if !cell.rebuilt { return UnsafeRawBufferPointer(start: bytes + cell.start + 1, count: cell.end - cell.start - 2) }
    scratch.removeAll()
    var index = cell.start + 1
    while index < cell.end {
      let byte = bytes[index]
      if byte == 0x0D {
        // CRLF or a lone CR inside the cell: one LF.
        if !(index + 1 < cell.end && bytes[index + 1] == 0x0A) { scratch.append(0x0A) }
        index += 1
        continue
      }
      if byte == UInt8(ascii: "\"") {
        if index + 1 < cell.end, bytes[index + 1] == UInt8(ascii: "\"") {
          scratch.append(byte)
          index += 2
          continue
        }
        // The closing quote; what follows is kept as it is.
        index += 1
        while index < cell.end {
          scratch.append(bytes[index])
          index += 1
        }
        break
      }
      scratch.append(byte)
      index += 1
    }
    return scratch.bytes
  }

  /// `CSVReader.Cell.trimmed` on bytes: without spaces, tabs, CR, LF and U+3000 at either end.
  @inline(__always)
  static func trimmed(_ text: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    guard var start = text.baseAddress, text.count > 0 else { return text }
    var end = start + text.count
    while start < end {
      let byte = start.load(as: UInt8.self)
      if byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A {
        start += 1
      } else if byte == 0xE3, end - start >= 3, start.load(fromByteOffset: 1, as: UInt8.self) == 0x80,
        start.load(fromByteOffset: 2, as: UInt8.self) == 0x80
      {
        start += 3
      } else {
        break
      }
    }
    while end > start {
      let byte = (end - 1).load(as: UInt8.self)
      if byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A {
        end -= 1
      } else if byte == 0x80, end - start >= 3, (end - 2).load(as: UInt8.self) == 0x80, (end - 3).load(as: UInt8.self) == 0xE3 {
        end -= 3
      } else {
        break
      }
    }
    return UnsafeRawBufferPointer(start: start, count: end - start)
  }
}

/// Bytes rebuilt from a quoted cell (`RowScanner.text`), in memory this owns and frees in
/// `deinit`: the text `text` returns points into it, valid while the scratch lives and until the
/// next text made in it.
final class ByteScratch {
  private var base: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  private(set) var count = 0

  init(capacity: Int = 256) {
    self.capacity = max(1, capacity)
    base = .allocate(capacity: self.capacity)
  }

  deinit { base.deallocate() }

  func removeAll() { count = 0 }

  @inline(__always)
  func append(_ byte: UInt8) {
    if count == capacity {
      let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
      larger.initialize(from: base, count: count)
      base.deallocate()
      base = larger
      capacity *= 2
    }
    base[count] = byte
    count += 1
  }

  /// The bytes made so far.
  var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }
}

/// Whether `bytes` are valid UTF-8 and hold no character a directory's cell may not hold
/// (`Directories.isRefused`): what the one-pass draw asks of every byte, so that a directory with
/// an ESC or a U+202E in a cell goes to the exact path, which reports it where it is. With SSSE3
/// and SSE4.1 in the same blocks as the UTF-8 check (`UTF8Extensions.isValidAndPlain`), otherwise
/// eight bytes at a time.
func isPlainUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
  guard let base = bytes.baseAddress else { return true }
  if CPU.hasSSSE3AndSSE41 { return UTF8Extensions.isValidAndPlain(base, count: bytes.count) }
  return isValidUTF8Portable(bytes) && !holdsRefusedCharacterPortable(bytes)
}

/// Whether a character `Directories.isRefused` refuses begins among `bytes`, eight bytes at a
/// time: a word with a byte below 0x20, DEL or one of the leads C2, D8, E2 (the exact test of the
/// SWAR tricks is whether any is there) is looked at byte by byte.
func holdsRefusedCharacterPortable(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
  guard let base = bytes.baseAddress else { return false }
  let end = base + bytes.count
  var index = 0
  while index + 8 <= bytes.count {
    let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
    let flagged =
      ByteScan.below(word, 0x20) | ByteScan.equal(word, 0x7F) | ByteScan.equal(word, 0xC2) | ByteScan.equal(word, 0xD8)
      | ByteScan.equal(word, 0xE2)
    if flagged != 0 {
      for offset in 0..<8 where refusedCharacter(at: base + index + offset, end: end) { return true }
    }
    index += 8
  }
  while index < bytes.count {
    if refusedCharacter(at: base + index, end: end) { return true }
    index += 1
  }
  return false
}

/// Whether a character `Directories.isRefused` refuses begins at `start` (its bytes read up to
/// `end`): a C0 control other than tab, LF and CR, DEL, C2 80…9F (C1), D8 9C (U+061C), E2 80 8E,
/// 8F, A8…AE (U+200E, U+200F, U+2028…U+202E), E2 81 A6…A9 (U+2066…U+2069). Exact for valid UTF-8.
@inline(__always)
func refusedCharacter(at start: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>) -> Bool {
  let byte = start[0]
  if byte < 0x20 { return byte != 0x09 && byte != 0x0A && byte != 0x0D }
  if byte == 0x7F { return true }
  guard byte == 0xC2 || byte == 0xD8 || byte == 0xE2, end - start >= 2 else { return false }
  let second = start[1]
  switch byte {
  case 0xC2: return second >= 0x80 && second <= 0x9F
  case 0xD8: return second == 0x9C
  default:
    guard end - start >= 3 else { return false }
    let third = start[2]
    if second == 0x80 { return third == 0x8E || third == 0x8F || (third >= 0xA8 && third <= 0xAE) }
    if second == 0x81 { return third >= 0xA6 && third <= 0xA9 }
    return false
  }
}

/// A 64-bit fingerprint of a credit code, to find duplicates among millions of rows by sorting
/// numbers: equal fingerprints send the draw to the exact path, which names the rows.
@inline(__always)
func codeFingerprint(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
  var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
  var index = 0
  while index + 8 <= bytes.count {
    let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
    hash = (hash ^ word) &* 0xBF58_476D_1CE4_E5B9
    hash ^= hash >> 31
    index += 8
  }
  var tail: UInt64 = 0
  var shift: UInt64 = 0
  while index < bytes.count {
    tail |= UInt64(bytes[index]) << shift
    shift += 8
    index += 1
  }
  hash = (hash ^ tail) &* 0x94D0_49BB_1331_11EB
  hash ^= hash >> 29
  hash = hash &* 0xBF58_476D_1CE4_E5B9
  return hash ^ (hash >> 32)
}
