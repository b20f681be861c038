/// A JSON value with object keys in the order they were written, so that output is byte-stable.
public indirect enum JSON: Equatable, Sendable {
  case null
  case bool(Bool)
  case int(Int)
  case string(String)
  case array([JSON])
  case object([(String, JSON)])

  public static func == (lhs: JSON, rhs: JSON) -> Bool {
    lhs.rendered(pretty: false) == rhs.rendered(pretty: false)
  }

  /// Serialises the value. Pretty output indents by two spaces and ends without a newline.
  public func rendered(pretty: Bool) -> String {
    String(decoding: bytes(pretty: pretty), as: UTF8.self)
  }

  /// The UTF-8 bytes of the serialised value: written byte by byte, not as Swift `Character`s,
  /// which is what keeps a 10 MB document fast.
  public func bytes(pretty: Bool) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(4096)
    write(to: &output, pretty: pretty, indent: 0)
    return output
  }

  private func write(to output: inout [UInt8], pretty: Bool, indent: Int) {
    switch self {
    case .null: output += "null".utf8
    case .bool(let value): output += (value ? "true" : "false").utf8
    case .int(let value): output += String(value).utf8
    case .string(let value): JSON.escape(value, into: &output)
    case .array(let values):
      guard !values.isEmpty else {
        output += "[]".utf8
        return
      }
      output.append(UInt8(ascii: "["))
      for (index, value) in values.enumerated() {
        if index > 0 { output.append(UInt8(ascii: ",")) }
        if pretty { JSON.newline(&output, indent + 1) }
        value.write(to: &output, pretty: pretty, indent: indent + 1)
      }
      if pretty { JSON.newline(&output, indent) }
      output.append(UInt8(ascii: "]"))
    case .object(let members):
      guard !members.isEmpty else {
        output += "{}".utf8
        return
      }
      output.append(UInt8(ascii: "{"))
      for (index, (key, value)) in members.enumerated() {
        if index > 0 { output.append(UInt8(ascii: ",")) }
        if pretty { JSON.newline(&output, indent + 1) }
        JSON.escape(key, into: &output)
        output.append(UInt8(ascii: ":"))
        if pretty { output.append(UInt8(ascii: " ")) }
        value.write(to: &output, pretty: pretty, indent: indent + 1)
      }
      if pretty { JSON.newline(&output, indent) }
      output.append(UInt8(ascii: "}"))
    }
  }

  private static func newline(_ output: inout [UInt8], _ indent: Int) {
    output.append(0x0A)
    indentation(indent, into: &output)
  }

  /// A line's leading spaces, two a level: copied from a run of spaces (appending a
  /// `repeatElement` goes element by element, and the draw document has millions of lines).
  @inline(__always)
  static func indentation(_ indent: Int, into output: inout [UInt8]) {
    let count = indent * 2
    if count <= spaces.count {
      spaces.withUnsafeBufferPointer { output.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<count])) }
    } else {
      output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
    }
  }

  private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

  /// RFC 8259 string escaping: quotes, backslashes and every control character; U+2028 and U+2029
  /// too, for JavaScript readers. Other text is copied as UTF-8, so Chinese stays readable in diffs.
  public static func escape(_ text: String, into output: inout String) {
    var bytes: [UInt8] = []
    escape(text, into: &bytes)
    output += String(decoding: bytes, as: UTF8.self)
  }

  static func escape(_ text: String, into output: inout [UInt8]) {
    var text = text
    text.withUTF8 { escape(bytes: $0, into: &output) }
  }

  /// Whether `bytes` hold a control character, `"`, `\\`, DEL or 0xE2 (the lead byte of U+2028 and
  /// U+2029): eight bytes at a time, since the draw document escapes a million strings.
  @inline(__always)
  static func mayNeedEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    ByteScan.contains(
      bytes,
      word: {
        ByteScan.below($0, 0x20) | ByteScan.equal($0, 0x22) | ByteScan.equal($0, 0x5C) | ByteScan.equal($0, 0x7F)
          | ByteScan.equal($0, 0xE2) != 0
      },
      byte: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == 0x7F || $0 == 0xE2 })
  }

  /// The same for text given as its UTF-8 bytes.
  static func escape(bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
    output.append(UInt8(ascii: "\""))
    // Most text needs no escaping: copy it whole.
    if !mayNeedEscaping(bytes) {
      output.append(contentsOf: bytes)
    } else {
      var index = 0
      while index < bytes.count {
        let byte = bytes[index]
        switch byte {
        case UInt8(ascii: "\""): output += "\\\"".utf8
        case UInt8(ascii: "\\"): output += "\\\\".utf8
        case 0x0A: output += "\\n".utf8
        case 0x0D: output += "\\r".utf8
        case 0x09: output += "\\t".utf8
        case 0x08: output += "\\b".utf8
        case 0x0C: output += "\\f".utf8
        case 0x00..<0x20, 0x7F:
          let hex = String(byte, radix: 16)
          output += ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8
        case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
          output += (bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8
          index += 2
        default: output.append(byte)
        }
        index += 1
      }
    }
    output.append(UInt8(ascii: "\""))
  }
}

/// Writes JSON straight into bytes, as `JSON.bytes(pretty: true)` would lay it out, without
/// building a tree first, into a sink in pieces: the large documents (tens of megabytes for
/// `build`, hundreds for the draw) never exist whole unless the sink keeps them (`MemorySink`).
public struct JSONStream {
  private var output: ByteWriter
  private var depth = 0
  /// Whether the current container has a member yet.
  private var hasMember: [Bool] = [false]
  /// Set after a key: the value that follows needs no separator.
  private var afterKey = false

  public init(into sink: ByteSink, pieceSize: Int = ByteWriter.defaultPieceSize) {
    output = ByteWriter(into: sink, pieceSize: pieceSize)
  }

  /// Ends the document with a newline and hands the rest to the sink; throws the sink's first
  /// error, if it had one.
  public mutating func endDocument() throws {
    output.pending.append(0x0A)
    try output.finish()
  }

  private mutating func beginValue() {
    output.flushIfFull()
    if afterKey {
      afterKey = false
      return
    }
    guard depth > 0 else { return }
    if hasMember[depth] { output.pending.append(UInt8(ascii: ",")) }
    hasMember[depth] = true
    newline(depth)
  }

  private mutating func newline(_ indent: Int) {
    output.pending.append(0x0A)
    JSON.indentation(indent, into: &output.pending)
  }

  private mutating func open(_ bracket: UInt8) {
    beginValue()
    output.pending.append(bracket)
    depth += 1
    if hasMember.count <= depth { hasMember.append(false) } else { hasMember[depth] = false }
  }

  private mutating func close(_ bracket: UInt8) {
    let hadMembers = hasMember[depth]
    depth -= 1
    if hadMembers { newline(depth) }
    output.pending.append(bracket)
  }

  public mutating func object(_ body: (inout JSONStream) -> Void) {
    open(UInt8(ascii: "{"))
    body(&self)
    close(UInt8(ascii: "}"))
  }

  public mutating func array(_ body: (inout JSONStream) -> Void) {
    open(UInt8(ascii: "["))
    body(&self)
    close(UInt8(ascii: "]"))
  }

  /// Starts an object member; the next value written is its value.
  public mutating func key(_ name: String) {
    beginValue()
    JSON.escape(name, into: &output.pending)
    output.pending.append(UInt8(ascii: ":"))
    output.pending.append(UInt8(ascii: " "))
    afterKey = true
  }

  public mutating func string(_ value: String?) {
    beginValue()
    if let value { JSON.escape(value, into: &output.pending) } else { output.pending += "null".utf8 }
  }

  public mutating func int(_ value: Int?) {
    beginValue()
    output.pending += (value.map(String.init) ?? "null").utf8
  }

  public mutating func null() {
    beginValue()
    output.pending += "null".utf8
  }

  public mutating func bool(_ value: Bool) {
    beginValue()
    output.pending += (value ? "true" : "false").utf8
  }

  public mutating func field(_ name: String, _ value: Bool) {
    key(name)
    bool(value)
  }

  /// `"key": "value"` (or null).
  public mutating func field(_ name: String, _ value: String?) {
    key(name)
    string(value)
  }

  public mutating func field(_ name: String, _ value: Int?) {
    key(name)
    int(value)
  }

  /// A string whose bytes `write` appends, when it says they need no escaping (digits, say: no
  /// string is made and nothing is checked); else, writing nothing, it returns false and
  /// `fallback()` is written as any string is.
  mutating func string(verbatim write: (inout [UInt8]) -> Bool, otherwise fallback: () -> String) {
    beginValue()
    let start = output.pending.count
    output.pending.append(UInt8(ascii: "\""))
    if write(&output.pending) {
      output.pending.append(UInt8(ascii: "\""))
    } else {
      output.pending.removeLast(output.pending.count - start)
      JSON.escape(fallback(), into: &output.pending)
    }
  }

  /// A string given as its UTF-8 bytes.
  mutating func string(bytes: UnsafeBufferPointer<UInt8>) {
    beginValue()
    JSON.escape(bytes: bytes, into: &output.pending)
  }

  mutating func field(_ name: String, bytes: UnsafeBufferPointer<UInt8>) {
    key(name)
    string(bytes: bytes)
  }

  /// Writes the elements `0..<count` of the array being written, `block` at a time on both cores:
  /// each block is laid out by `element` in a stream of its own, at this depth, and the blocks
  /// are then appended in order, so the bytes are those of writing the elements one by one here.
  /// `element` runs on two threads at once: it may only read what it shares.
  mutating func elements(count: Int, block: Int = 2048, _ element: (Int, inout JSONStream) -> Void) {
    let depth = depth
    let before = hasMember[depth]
    ByteWriter.inBlocks(count: count, block: block, into: &output) { range in
      var stream = JSONStream(fragmentAt: depth, continuing: before || range.lowerBound > 0)
      for index in range { element(index, &stream) }
      return stream.output.pending
    }
    if count > 0 { hasMember[depth] = true }
  }

  /// The members `body` writes, laid out now for objects `levels` deeper than the container being
  /// written, where `splice` puts them: what many objects repeat (an inspector's fields, in every
  /// visit they are drawn for) is laid out once.
  func members(levelsDown levels: Int, _ body: (inout JSONStream) -> Void) -> [UInt8] {
    var stream = JSONStream(fragmentAt: depth + levels, continuing: false)
    body(&stream)
    return stream.output.pending
  }

  /// Writes members laid out by `members(levelsDown:)` as the first of the object being written,
  /// byte for byte as writing them here.
  mutating func splice(members bytes: [UInt8]) {
    precondition(!hasMember[depth] && !afterKey, "spliced members come first in an object")
    guard !bytes.isEmpty else { return }
    output.flushIfFull()
    output.pending.append(contentsOf: bytes)
    hasMember[depth] = true
  }

  /// A stream that writes, into memory only, members of a container nested `depth` deep that
  /// already has members when `continuing`: a fragment of another stream's document.
  private init(fragmentAt depth: Int, continuing: Bool) {
    output = ByteWriter.fragment()
    self.depth = depth
    hasMember = Array(repeating: true, count: depth + 1)
    hasMember[depth] = continuing
  }

  public mutating func field(_ name: String, strings: [String]) {
    key(name)
    array { stream in for value in strings { stream.string(value) } }
  }
}
