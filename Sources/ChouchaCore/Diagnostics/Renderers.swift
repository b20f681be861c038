/// Renders diagnostics for people, like rustc:
///
/// ```
/// Rules/items.choucha:12:14: 错误[E0101]: 未定义的部门“SCJX”
///    |
/// 12 |   部门 SCJX
///    |        ^^^^
///    = 帮助: 是否想写“SCJG”？
/// ```
///
/// Carets are placed by display width, so they line up under Chinese text.
public struct HumanRenderer {
  public var language: Language
  /// Source lines wider than this are shown as a window around the span.
  public var maxLineWidth = 160

  public init(language: Language) { self.language = language }

  public func render(_ diagnostics: [Diagnostic], sources: SourceMap) -> String {
    diagnostics.map { render($0, sources: sources) }.joined()
  }

  public func render(_ diagnostic: Diagnostic, sources: SourceMap) -> String {
    let file = sources[diagnostic.span.file]
    let location = file.location(of: diagnostic.span.start)
    var output = "\(Shown.path(file.path)):\(location.line):\(location.column): \(severityWord(diagnostic.severity))[\(diagnostic.code.rawValue)]: \(diagnostic.message(language))\n"

    struct Snippet { var span: Span; var label: String?; var primary: Bool }
    var snippets = [Snippet(span: diagnostic.span, label: nil, primary: true)]
    snippets += diagnostic.labels.map { Snippet(span: $0.span, label: $0.message(language), primary: false) }
    let lineNumbers = snippets.map { sources[$0.span.file].location(of: $0.span.start).line }
    let gutter = String(lineNumbers.max() ?? 1).count
    let pad = String(repeating: " ", count: gutter)

    // Snippets on one line share the printed source line, one underline row each.
    var printed: [(file: Int, line: Int)] = []
    for (index, (snippet, lineNumber)) in zip(snippets, lineNumbers).enumerated() {
      let source = sources[snippet.span.file]
      let (text, caretStart, caretWidth) = excerpt(source, span: snippet.span)
      let sameLineAsPrevious = printed.last.map { $0 == (snippet.span.file, lineNumber) } ?? false
      if !sameLineAsPrevious {
        if index > 0 && snippet.span.file != diagnostic.span.file {
          let labelLocation = source.location(of: snippet.span.start)
          output += "\(pad) ::: \(Shown.path(source.path)):\(labelLocation.line):\(labelLocation.column)\n"
        } else {
          output += "\(pad) |\n"
        }
        let number = String(lineNumber)
        output += String(repeating: " ", count: gutter - number.count) + number + " | " + text + "\n"
        printed.append((snippet.span.file, lineNumber))
      }
      let marks = String(repeating: snippet.primary ? "^" : "-", count: max(1, caretWidth))
      output += "\(pad) | " + String(repeating: " ", count: caretStart) + marks
      if let label = snippet.label { output += " " + label }
      output += "\n"
    }
    if let help = diagnostic.help {
      output += "\(pad) = \(language == .zh ? "帮助" : "help"): \(help(language))\n"
    }
    output += "\n"
    return output
  }

  func severityWord(_ severity: Severity) -> String {
    switch (severity, language) {
    case (.error, .zh): return "错误"
    case (.warning, .zh): return "警告"
    case (.note, .zh): return "注"
    case (.error, .en): return "error"
    case (.warning, .en): return "warning"
    case (.note, .en): return "note"
    }
  }

  /// The line of the span's start, ready to print, with the caret column and width. Tabs become
  /// four spaces, control and format characters show as `‹U+202E›`, and over-long lines are cut
  /// to a window.
  func excerpt(_ file: SourceFile, span: Span) -> (text: String, caretStart: Int, caretWidth: Int) {
    let line = file.lineIndex(of: span.start)
    var range = file.lineRange(line)
    if line == 0, file.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { range = min(3, range.upperBound)..<range.upperBound }
    // Decode only a window of bytes around the span: a 10 MB line must not be decoded whole.
    var cutBefore = false
    var cutAfter = false
    let maxBytes = maxLineWidth * 4
    if range.count > maxBytes {
      let anchor = min(max(span.start, range.lowerBound), range.upperBound)
      var lower = max(range.lowerBound, anchor - 160)
      while lower > range.lowerBound, file.bytes[lower] & 0xC0 == 0x80 { lower -= 1 }
      let upper = min(range.upperBound, anchor + maxBytes)
      cutBefore = lower > range.lowerBound
      cutAfter = upper < range.upperBound
      range = lower..<upper
    }
    var cells: [(text: String, width: Int, offset: Int)] = []
    var index = range.lowerBound
    file.bytes.withUnsafeBufferPointer { bytes in
      while index < range.upperBound {
        if let (scalar, length) = UTF8Scalar.decode(bytes, at: index) {
          if scalar == "\t" {
            cells.append(("    ", 4, index))
          } else if Shown.isHidden(scalar) {
            // Never send a control, bidi or format character to the terminal: a U+202E would turn
            // the rest of the line around. Its code point stands in its place, carets follow.
            let marker = "‹" + Shown.codePoint(scalar) + "›"
            cells.append((marker, marker.count, index))
          } else {
            cells.append((String(scalar), DisplayWidth.of(scalar), index))
          }
          index += length
        } else {
          cells.append(("\u{FFFD}", 1, index))
          index += 1
        }
      }
    }
    let startCell = cells.firstIndex { $0.offset >= span.start } ?? cells.count
    let endOffset = min(span.end, range.upperBound)
    let endCell = max(startCell, cells.firstIndex { $0.offset >= endOffset } ?? cells.count)

    // Choose a window of cells that keeps the span in view.
    var first = 0
    var last = cells.count
    let totalWidth = cells.reduce(0) { $0 + $1.width }
    if totalWidth > maxLineWidth {
      var width = 0
      first = startCell
      while first > 0, width + cells[first - 1].width <= 40 {
        first -= 1
        width += cells[first].width
      }
      last = first
      width = 0
      while last < cells.count, width + cells[last].width <= maxLineWidth - 2 {
        width += cells[last].width
        last += 1
      }
    }
    let prefix = first > 0 || cutBefore ? "…" : ""
    let suffix = last < cells.count || cutAfter ? "…" : ""
    let text = prefix + cells[first..<last].map(\.text).joined() + suffix
    let caretStart = prefix.count + cells[first..<min(max(first, startCell), last)].reduce(0) { $0 + $1.width }
    let caretWidth = cells[min(startCell, last)..<min(endCell, last)].reduce(0) { $0 + $1.width }
    return (text, caretStart, caretWidth)
  }
}

/// Renders diagnostics as one JSON document:
/// `{"version":1,"diagnostics":[…],"summary":{"errors","warnings","files"}}`. Lines and columns
/// are 1-based and count Unicode scalars; `endColumn` is the column just past the span.
public struct JSONRenderer {
  public var language: Language

  public init(language: Language) { self.language = language }

  public func render(_ diagnostics: [Diagnostic], sources: SourceMap, fileCount: Int) -> String {
    render([(diagnostics, sources)], fileCount: fileCount)
  }

  /// One document for several compilations (one per repository checked).
  public func render(_ compilations: [(diagnostics: [Diagnostic], sources: SourceMap)], fileCount: Int) -> String {
    let all = compilations.flatMap { compilation in compilation.diagnostics.map { ($0, compilation.sources) } }
    let diagnostics = all.map(\.0)
    let entries = all.map { (diagnostic, sources) -> JSON in
      var members = [
        ("code", JSON.string(diagnostic.code.rawValue)),
        ("severity", .string(diagnostic.severity.rawValue)),
        ("message", .string(diagnostic.message(language))),
      ]
      members += location(diagnostic.span, sources)
      members.append(
        (
          "labels",
          .array(
            diagnostic.labels.map { label in
              .object([("message", .string(label.message(language)))] + location(label.span, sources))
            })
        ))
      members.append(("help", diagnostic.help.map { .string($0(language)) } ?? .null))
      return .object(members)
    }
    let summary = JSON.object([
      ("errors", .int(diagnostics.errorCount)),
      ("warnings", .int(diagnostics.warningCount)),
      ("files", .int(fileCount)),
    ])
    return JSON.object([("version", .int(1)), ("diagnostics", .array(entries)), ("summary", summary)])
      .rendered(pretty: true) + "\n"
  }

  func location(_ span: Span, _ sources: SourceMap) -> [(String, JSON)] {
    let file = sources[span.file]
    let start = file.location(of: span.start)
    let end = file.location(of: span.end)
    return [
      ("file", .string(file.path)), ("line", .int(start.line)), ("column", .int(start.column)),
      ("endLine", .int(end.line)), ("endColumn", .int(end.column)),
    ]
  }
}
