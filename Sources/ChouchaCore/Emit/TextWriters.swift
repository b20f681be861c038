/// CSV for spreadsheets: RFC 4180, CRLF, UTF-8 with a BOM (Excel in China opens a CSV without one
/// as GB18030), and formula-safe: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
/// return is prefixed with `'`, so a spreadsheet never runs a name as a formula (OWASP CSV injection).
///
/// Both writers work on UTF-8 bytes: comparing Swift `Character`s is far slower.
public enum CSVWriter {
  public static func document(header: [String], rows: [[String]]) -> [UInt8] {
    MemorySink.collect { sink in
      var csv = CSVStream(into: sink, header: header)
      for row in rows { csv.row(row) }
      try csv.endDocument()
    }
  }

  public static func cell(_ value: String) -> String {
    var output: [UInt8] = []
    append(value, to: &output)
    return String(decoding: output, as: UTF8.self)
  }

  static func append(_ value: String, to output: inout [UInt8]) {
    var value = value
    value.withUTF8 { append(bytes: $0, to: &output) }
  }

  /// The same for a cell given as its UTF-8 bytes.
  static func append(bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
    // Most cells have no byte below 0x2D (`,` `"` CR LF tab and space all are) and do not start
    // with `=` `-` `@` (`+` is below): copied whole.
    if let first = bytes.first, first != UInt8(ascii: "="), first != UInt8(ascii: "-"), first != UInt8(ascii: "@"),
      !ByteScan.contains(bytes, word: { ByteScan.below($0, 0x2D) != 0 }, byte: { $0 < 0x2D })
    {
      output.append(contentsOf: bytes)
      return
    }
    let formula = bytes.first.map { "=+-@\t\r".utf8.contains($0) } ?? false
    let quoted = bytes.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
      || bytes.first == 0x20 || bytes.last == 0x20
    if quoted { output.append(UInt8(ascii: "\"")) }
    if formula { output.append(UInt8(ascii: "'")) }
    if bytes.contains(UInt8(ascii: "\"")) {
      for byte in bytes {
        output.append(byte)
        if byte == UInt8(ascii: "\"") { output.append(byte) }
      }
    } else {
      output.append(contentsOf: bytes)
    }
    if quoted { output.append(UInt8(ascii: "\"")) }
  }
}

/// A `CSVWriter` document written row by row into a sink, in pieces: the draw's CSV has a row per
/// visit, hundreds of thousands, and is never held whole (see `JSONStream`).
public struct CSVStream {
  private var output: ByteWriter

  /// Starts the document: the BOM and the header row.
  public init(into sink: ByteSink, header: [String], pieceSize: Int = ByteWriter.defaultPieceSize) {
    output = ByteWriter(into: sink, pieceSize: pieceSize)
    output.pending += [0xEF, 0xBB, 0xBF]
    row(header)
  }

  public mutating func row(_ cells: [String]) {
    output.flushIfFull()
    for (index, value) in cells.enumerated() {
      if index > 0 { output.pending.append(UInt8(ascii: ",")) }
      CSVWriter.append(value, to: &output.pending)
    }
    output.pending += [0x0D, 0x0A]
  }

  /// Writes the rows `0..<count`, `block` at a time on both cores (`ByteWriter.inBlocks`): `row`
  /// writes row `index` into the stream it is given, and runs on two threads at once.
  mutating func rows(count: Int, block: Int = 2048, _ row: (Int, inout CSVStream) -> Void) {
    ByteWriter.inBlocks(count: count, block: block, into: &output) { range in
      var stream = CSVStream(fragment: ())
      for index in range { row(index, &stream) }
      return stream.output.pending
    }
  }

  /// A stream for a block of rows only (no BOM, no header).
  private init(fragment: Void) {
    output = ByteWriter.fragment()
  }

  /// A row of cells given as their UTF-8 bytes.
  mutating func row<Cells: Collection>(bytes cells: Cells) where Cells.Element == UnsafeBufferPointer<UInt8> {
    output.flushIfFull()
    for (index, value) in cells.enumerated() {
      if index > 0 { output.pending.append(UInt8(ascii: ",")) }
      CSVWriter.append(bytes: value, to: &output.pending)
    }
    output.pending += [0x0D, 0x0A]
  }

  /// Hands the rest to the sink; throws the sink's first error, if it had one.
  public mutating func endDocument() throws {
    try output.finish()
  }
}

/// Markdown tables for review in pull requests. Every cell is literal text in CommonMark and GFM:
/// the ASCII punctuation that can start inline markup (`\` `|` `` ` `` `*` `_` `[` `]` `!` `~` `$`
/// `@` `:`) is escaped with a backslash, which by the CommonMark spec always yields the character
/// itself, so no link, image, code span, emphasis, table break, math, mention or autolink is
/// formed (`[x](javascript:…)` shows as written; the dot of `www.` is escaped too, since GFM makes
/// a link of `www.example.com` with no punctuation at all); `<` `>` `&` become entities, so no HTML or
/// `<…>` autolink either; line breaks become `<br>`. Invisible characters (Cc, Cf, Zl, Zp: a
/// zero-width space, a bidi override) are shown as `‹U+200B›` for the reviewer to see, a tab as
/// `&#9;`: the file holds none of them raw.
public enum MarkdownWriter {
  public static func table(header: [String], rows: [[String]]) -> String {
    var output: [UInt8] = []
    func row(_ cells: [String]) {
      output += "|".utf8
      for cell in cells {
        output += " ".utf8
        append(cell, to: &output)
        output += " |".utf8
      }
      output.append(0x0A)
    }
    row(header)
    output += "|".utf8
    for _ in header { output += "---|".utf8 }
    output.append(0x0A)
    for cells in rows { row(cells) }
    return String(decoding: output, as: UTF8.self)
  }

  public static func cell(_ value: String) -> String {
    var output: [UInt8] = []
    append(value, to: &output)
    return String(decoding: output, as: UTF8.self)
  }

  /// Text for a heading or a paragraph: escaped like a cell (an empty text stays empty).
  public static func inline(_ value: String) -> String {
    value.isEmpty ? "" : cell(value)
  }

  /// ASCII that needs writing differently: the markup characters, and controls.
  static func needsEscape(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "\\"), UInt8(ascii: "|"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"),
      UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "!"), UInt8(ascii: "~"), UInt8(ascii: "$"),
      UInt8(ascii: "@"), UInt8(ascii: ":"):
      return true
    case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"):
      return true
    default:
      return byte < 0x20 || byte == 0x7F
    }
  }

  static func append(_ value: String, to output: inout [UInt8]) {
    guard !value.isEmpty else {
      output.append(UInt8(ascii: " "))
      return
    }
    // Most cells need nothing: copied whole.
    var plain = true
    var letters = 0  // w or W just before, counted up to 3
    for scalar in value.unicodeScalars {
      let code = scalar.value
      if code < 0x80 ? needsEscape(UInt8(code)) || (code == 0x2E && letters == 3) : Shown.isHidden(scalar) {
        plain = false
        break
      }
      letters = code == 0x77 || code == 0x57 ? min(letters + 1, 3) : 0
    }
    if plain {
      output += value.utf8
      return
    }
    var scalars = value.unicodeScalars.makeIterator()
    var pending = scalars.next()
    letters = 0
    while let scalar = pending {
      pending = scalars.next()
      let code = scalar.value
      // GFM turns `www.example.com` into a link by itself (an extended www autolink): the dot
      // after `www`, escaped, is still a dot, and no link forms.
      defer { letters = code == 0x77 || code == 0x57 ? min(letters + 1, 3) : 0 }
      if code == 0x2E && letters == 3 {
        output += "\\.".utf8
        continue
      }
      if code >= 0x80 {
        if Shown.isHidden(scalar) {
          output += ("‹" + Shown.codePoint(scalar) + "›").utf8
        } else {
          output += String(scalar).utf8
        }
        continue
      }
      let byte = UInt8(code)
      switch byte {
      case UInt8(ascii: "<"): output += "&lt;".utf8
      case UInt8(ascii: ">"): output += "&gt;".utf8
      case UInt8(ascii: "&"): output += "&amp;".utf8
      case 0x09: output += "&#9;".utf8
      case 0x0D:
        output += "<br>".utf8
        if pending == "\n" { pending = scalars.next() }
      case 0x0A: output += "<br>".utf8
      case _ where byte < 0x20 || byte == 0x7F:
        output += ("‹" + Shown.codePoint(scalar) + "›").utf8
      case _ where needsEscape(byte):
        output.append(UInt8(ascii: "\\"))
        output.append(byte)
      default:
        output.append(byte)
      }
    }
  }
}
