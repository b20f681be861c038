/// An RFC 4180 reader that keeps the byte range of every cell, so that diagnostics can point into
/// the spreadsheet export. Accepts a BOM, CRLF, LF or a lone CR (Excel for Mac) as line breaks,
/// and quoted cells spanning lines (their line breaks read as LF).
public enum CSVReader {
  public struct Cell: Sendable {
    public var text: String
    /// The cell's bytes in the file, quotes included.
    public var span: Span
    /// True when `text` is the cell's bytes verbatim, so sub-ranges of it map to file offsets.
    public var isVerbatim: Bool
  }

  public struct Row: Sendable {
    /// The row's number as the spreadsheet shows it: the header is row 1, the next record row 2,
    /// whatever line breaks the cells above hold (the text line is in `span`).
    public var line: Int
    public var cells: [Cell]
    public var span: Span
  }

  public enum Failure: Sendable {
    /// A quoted cell that never closes; the span is its opening quote.
    case unterminatedQuote(Span)
  }

  public static func read(_ file: SourceFile) -> (rows: [Row], failure: Failure?) {
    file.bytes.withUnsafeBufferPointer { read($0, file: file) }
  }

  private static func read(_ bytes: UnsafeBufferPointer<UInt8>, file: SourceFile) -> ([Row], Failure?) {
    let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr: UInt8 = 0x0D, lf: UInt8 = 0x0A
    var rows: [Row] = []
    var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    let count = bytes.count
    func span(_ start: Int, _ end: Int) -> Span { Span(file: file.id, start: start, end: end) }

    while index < count {
      let rowStart = index
      var cells: [Cell] = []
      var endOfRow = false
      while !endOfRow {
        let cellStart = index
        if index < count, bytes[index] == quote {
          var content: [UInt8] = []
          var verbatim = true
          index += 1
          var closed = false
          while index < count {
            if bytes[index] == quote {
              if index + 1 < count, bytes[index + 1] == quote {
                content.append(quote)
                verbatim = false
                index += 2
                continue
              }
              index += 1
              closed = true
              break
            }
            content.append(bytes[index])
            index += 1
          }
          if !closed { return (rows, .unterminatedQuote(span(cellStart, cellStart + 1))) }
          // Text after the closing quote (`"a"b`) is kept, as spreadsheets do.
          while index < count, bytes[index] != comma, bytes[index] != lf, bytes[index] != cr {
            content.append(bytes[index])
            verbatim = false
            index += 1
          }
          // Line breaks inside the cell read as LF, whichever the export used.
          var text: [UInt8] = []
          text.reserveCapacity(content.count)
          for (offset, byte) in content.enumerated() {
            if byte == cr {
              if offset + 1 < content.count, content[offset + 1] == lf { continue }
              text.append(lf)
            } else {
              text.append(byte)
            }
          }
          cells.append(
            Cell(
              text: String(decoding: text, as: UTF8.self), span: span(cellStart, index),
              isVerbatim: verbatim && !content.contains(cr)))
        } else {
          while index < count, bytes[index] != comma, bytes[index] != lf, bytes[index] != cr { index += 1 }
          cells.append(
            Cell(
              text: String(decoding: UnsafeBufferPointer(rebasing: bytes[cellStart..<index]), as: UTF8.self),
              span: span(cellStart, index), isVerbatim: true))
        }
        if index >= count {
          endOfRow = true
        } else if bytes[index] == comma {
          index += 1
        } else {
          if bytes[index] == cr { index += 1 }
          if index < count, bytes[index] == lf { index += 1 }
          endOfRow = true
        }
      }
      rows.append(Row(line: rows.count + 1, cells: cells, span: span(rowStart, max(rowStart, index))))
    }
    return (rows, nil)
  }
}

extension CSVReader.Cell {
  /// The text with surrounding white space (including the ideographic space) removed.
  public var trimmed: String {
    // Most cells start and end with neither kind of space (U+3000 is E3 80 80): as they are.
    let utf8 = text.utf8
    guard let first = utf8.first, let last = utf8.last else { return text }
    if first != 0x20, first != 0x09, first != 0x0A, first != 0x0D, first != 0xE3,
      last != 0x20, last != 0x09, last != 0x0A, last != 0x0D, last != 0x80
    {
      return text
    }
    return text.trimmingCharacters(in: " \t\r\n\u{3000}")
  }

  /// The span of `text[range]` when it can be computed, else the whole cell.
  func span(of range: Range<String.Index>) -> Span {
    guard isVerbatim else { return span }
    let quoted = text.utf8.count + 2 <= span.end - span.start
    let base = span.start + (quoted ? 1 : 0)
    let start = base + text.utf8.distance(from: text.startIndex, to: range.lowerBound)
    let end = base + text.utf8.distance(from: text.startIndex, to: range.upperBound)
    return Span(file: span.file, start: start, end: end)
  }
}
