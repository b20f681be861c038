/// A draw document without what `verify` does not read back: the elements of its `targets` and
/// `skipped` arrays. At ten million rows the document is 180 MB, nearly all of it those lists, and
/// `JSONSerialization` made a tree of 2.7 GB of it to read the specification at its head.
///
/// The bytes are checked as RFC 8259 JSON on the way (strings, escapes, surrogate pairs, numbers,
/// nesting), so that a document is skimmed only when it is well formed; anything else returns nil
/// and the caller parses the whole as before, with the same outcome for a malformed file.
struct DocumentSkim {
  private let bytes: UnsafeBufferPointer<UInt8>
  private var index = 0
  private var output: [UInt8] = []
  /// `bytes[..<copied]` has been copied to `output` or elided.
  private var copied = 0
  private var depth = 0
  /// Where each elided `targets` array of a task (`tasks[i].targets`) lies in the buffer, in
  /// document order, with the task's index.
  private var targets: [(task: Int, range: Range<Int>)] = []
  /// Inside the root's `tasks` array: the index of the task being read.
  private var task: Int?
  static let maximumDepth = 256

  /// The document with every array under a key `targets` or `skipped` emptied, or nil when the
  /// bytes are not well-formed JSON (or nest deeper than `maximumDepth`).
  static func withoutDrawnLists(_ document: [UInt8]) -> [UInt8]? {
    document.withUnsafeBufferPointer { try? skim($0).get() }
  }

  /// Where a document stops being well-formed JSON: the byte offset.
  struct Malformed: Error, Equatable {
    var offset: Int
  }

  /// `withoutDrawnLists`, or the offset of the first byte that is not well-formed (UTF-8 or JSON).
  /// Reads the buffer once, front to back; the output is the document's specification only, so
  /// the buffer may be a mapped file of any size.
  static func skim(_ buffer: UnsafeBufferPointer<UInt8>) -> Result<[UInt8], Malformed> {
    skimKeepingTargets(buffer).map(\.head)
  }

  /// `skim`, and the byte range of every `targets` array it emptied, in document order: `build`
  /// reads the drawn lists one task at a time (`DrawDocument.visits`).
  static func skimKeepingTargets(
    _ buffer: UnsafeBufferPointer<UInt8>
  ) -> Result<(head: [UInt8], targets: [(task: Int, range: Range<Int>)]), Malformed> {
    guard isValidUTF8(buffer) else {
      var offset = 0
      while offset < buffer.count, let (_, length) = UTF8Scalar.decode(buffer, at: offset) { offset += length }
      return .failure(Malformed(offset: offset))
    }
    var skim = DocumentSkim(bytes: buffer)
    skim.skipSpace()
    guard skim.value(elide: false), skim.skipSpace(), skim.index == buffer.count else {
      return .failure(Malformed(offset: min(skim.index, buffer.count)))
    }
    skim.output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[skim.copied...]))
    return .success((skim.output, skim.targets))
  }

  private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

  @discardableResult
  private mutating func skipSpace() -> Bool {
    while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
    return true
  }

  private mutating func expect(_ byte: UInt8) -> Bool {
    guard current == byte else { return false }
    index += 1
    return true
  }

  /// One value; with `elide`, an array's elements are checked but left out of the output.
  private mutating func value(elide: Bool, targets isTargets: Bool = false) -> Bool {
    guard let byte = current else { return false }
    switch byte {
    case UInt8(ascii: "{"): return nested { $0.object() }
    case UInt8(ascii: "["):
      guard elide else { return nested { $0.array() } }
      let start = index
      output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<start]))
      guard nested({ $0.array() }) else { return false }
      // Only a task's own list (root → tasks → task → targets), never one written elsewhere.
      if isTargets, depth == 3, let task { targets.append((task, start..<index)) }
      output += "[]".utf8
      copied = index
      return true
    case UInt8(ascii: "\""): return string() != nil
    case UInt8(ascii: "t"): return literal("true")
    case UInt8(ascii: "f"): return literal("false")
    case UInt8(ascii: "n"): return literal("null")
    default: return number()
    }
  }

  private mutating func nested(_ body: (inout DocumentSkim) -> Bool) -> Bool {
    depth += 1
    defer { depth -= 1 }
    return depth <= DocumentSkim.maximumDepth && body(&self)
  }

  private mutating func object() -> Bool {
    guard expect(UInt8(ascii: "{")) else { return false }
    skipSpace()
    if expect(UInt8(ascii: "}")) { return true }
    while true {
      guard let key = string() else { return false }
      skipSpace()
      guard expect(UInt8(ascii: ":")) else { return false }
      skipSpace()
      let isTargets = key.elementsEqual("targets".utf8)
      let elide = isTargets || key.elementsEqual("skipped".utf8)
      let isTasks = depth == 1 && key.elementsEqual("tasks".utf8)
      if isTasks { task = -1 }
      guard value(elide: elide, targets: isTargets) else { return false }
      if isTasks { task = nil }
      skipSpace()
      if expect(UInt8(ascii: "}")) { return true }
      guard expect(UInt8(ascii: ",")) else { return false }
      skipSpace()
    }
  }

  private mutating func array() -> Bool {
    guard expect(UInt8(ascii: "[")) else { return false }
    skipSpace()
    if expect(UInt8(ascii: "]")) { return true }
    // The root's `tasks` (depth 2 now): count its elements.
    let counting = depth == 2 && task != nil
    while true {
      if counting { task! += 1 }
      guard value(elide: false) else { return false }
      skipSpace()
      if expect(UInt8(ascii: "]")) { return true }
      guard expect(UInt8(ascii: ",")) else { return false }
      skipSpace()
    }
  }

  /// A string; its raw bytes between the quotes (escapes as written), or nil when malformed.
  private mutating func string() -> UnsafeBufferPointer<UInt8>? {
    guard expect(UInt8(ascii: "\"")) else { return nil }
    let start = index
    while let byte = current {
      switch byte {
      case UInt8(ascii: "\""):
        index += 1
        return UnsafeBufferPointer(rebasing: bytes[start..<(index - 1)])
      case UInt8(ascii: "\\"):
        index += 1
        guard let escaped = current else { return nil }
        index += 1
        switch escaped {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
          UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
          continue
        case UInt8(ascii: "u"):
          guard let unit = hex4() else { return nil }
          if unit >= 0xDC00 && unit <= 0xDFFF { return nil }  // a low surrogate alone
          if unit >= 0xD800 && unit <= 0xDBFF {
            // A high surrogate: its low one must follow.
            guard expect(UInt8(ascii: "\\")), expect(UInt8(ascii: "u")), let low = hex4(), low >= 0xDC00, low <= 0xDFFF
            else { return nil }
          }
        default: return nil
        }
      default:
        if byte < 0x20 { return nil }
        index += 1
      }
    }
    return nil
  }

  private mutating func hex4() -> UInt32? {
    var unit: UInt32 = 0
    for _ in 0..<4 {
      guard let byte = current else { return nil }
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: return nil
      }
      unit = unit << 4 | UInt32(digit)
      index += 1
    }
    return unit
  }

  private mutating func literal(_ word: StaticString) -> Bool {
    let text = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
    guard index + text.count <= bytes.count, bytes[index..<(index + text.count)].elementsEqual(text) else { return false }
    index += text.count
    return true
  }

  /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, within a Double's range: Foundation
  /// refuses `1e309` or 400 nines, and the skim accepts only what Foundation accepts whole (found
  /// fuzzing the skim against Foundation, `Fuzz/run.sh document`).
  private mutating func number() -> Bool {
    func digits(_ skim: inout DocumentSkim) -> Int {
      var count = 0
      while let byte = skim.current, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
        skim.index += 1
        count += 1
      }
      return count
    }
    let start = index
    _ = expect(UInt8(ascii: "-"))
    var integerDigits = 1
    if expect(UInt8(ascii: "0")) {
      if let byte = current, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { return false }
    } else {
      integerDigits = digits(&self)
      if integerDigits == 0 { return false }
    }
    if expect(UInt8(ascii: ".")), digits(&self) == 0 { return false }
    var exponentDigits = 0
    if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
      index += 1
      if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
      exponentDigits = digits(&self)
      if exponentDigits == 0 { return false }
    }
    // Only a number this long can be beyond a Double (its largest is about 1.8e308).
    if exponentDigits >= 3 || integerDigits > 308 {
      guard let value = Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)), value.isFinite
      else { return false }
    }
    return true
  }
}
