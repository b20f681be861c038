/// `choucha fmt`: one canonical layout for rule files.
///
/// The formatter reprints a file's tokens, comments included, line by line: it keeps the author's
/// line breaks, the order of declarations and fields, and every comment where it was, and it
/// normalises everything else:
///
/// - two spaces of indentation per open brace; the lines of a list that continues after a
///   separator line up under the list's first value;
/// - one space between tokens, none before `,` `;`, none after `、`; two spaces between fields or
///   risk classes that share a line without a separator (`{ A 3%  B 5% }`);
/// - what the grammar makes optional is left out: the colon after a field or a risk class, the
///   separators between the classes of a ratio block, a `;` at either end of a line or block, and
///   all but one `;` of a run;
/// - ASCII punctuation where the full-width form was typed (`，；：｛｝～＃％`), every date range
///   written `..` (`至` `到` `—` `－` too), the words the lexer joins split (`20工作日` → `20 工作日`),
///   natural spellings written canonically (`20个工作日` → `20 工作日`, `每年1次` → `1`);
/// - pasted zero-width characters (U+200B, U+FEFF…) removed, look-alike spaces (U+00A0) made
///   plain spaces, and a full-width space inside a name (`餐饮服务　经营者`) removed, as the parser
///   reads them (W0009);
/// - the trailing comments of a paragraph (lines without a blank line between them) aligned two
///   spaces after the longest line that has one;
/// - at most one blank line in a row, none at the start or end of a file or block; LF line ends,
///   no BOM, one newline at the end.
///
/// With `keywords` set, every keyword and enumerated value is written in that language's canonical
/// spelling (aliases such as 现场检查 become 实地检查 or `onsite`), and list separators become `、`
/// (Chinese) or `,` (English); English also turns `“…”` strings into `"…"`. Codes, names and
/// strings are never touched otherwise.
///
/// A file with a syntax error is never reformatted. Each result is parsed again and compared with
/// the original, declaration by declaration: a formatting that would change what the file says is
/// refused (`Failure.changedMeaning`), never written.
public enum RuleFormatter {
  public enum Failure: Error, Sendable {
    /// The file does not parse; these are the diagnostics (errors only).
    case syntaxErrors([Diagnostic])
    /// A bug in the formatter: the reformatted file would read differently. Nothing is written.
    case changedMeaning(String)
  }

  /// Formats one file. Returns the canonical bytes (which may equal the input).
  public static func format(_ file: SourceFile, keywords: Language? = nil) -> Result<[UInt8], Failure> {
    let parsed = Parser.parse(file, recordingRoles: true)
    let errors = parsed.diagnostics.filter { $0.severity == .error }
    guard errors.isEmpty else { return .failure(.syntaxErrors(errors)) }
    var printer = Printer(file: file, tokens: parsed.tokens, roles: parsed.roles, keywords: keywords)
    let output = printer.print()
    if output == file.bytes { return .success(output) }  // nothing changes, nothing to compare

    let again = Parser.parse(SourceFile(id: file.id, path: file.path, bytes: output))
    if let error = again.1.first(where: { $0.severity == .error }) {
      return .failure(.changedMeaning("the output does not parse: \(error.code.rawValue) \(error.message.en)"))
    }
    let before = SyntaxDump.text(parsed.syntax.declarations)
    let after = SyntaxDump.text(again.0.declarations)
    if before != after {
      let line = zip(before.split(separator: "\n"), after.split(separator: "\n")).first { $0 != $1 }
      return .failure(.changedMeaning("the declarations differ: \(line.map { "\($0.0) ≠ \($0.1)" } ?? "in number")"))
    }
    return .success(output)
  }
}

/// Reprints the tokens of a file that parsed without errors.
struct Printer {
  let file: SourceFile
  let tokens: [Token]
  let roles: [Int: SyntaxRole]
  let keywords: Language?

  /// One line of output: its code, and the comment that ends it, aligned later.
  struct Line {
    var code: String
    var width: Int
    var comment: String?
    var isBlank: Bool { code.isEmpty && comment == nil }
  }

  init(file: SourceFile, tokens: [Token], roles: [Int: SyntaxRole], keywords: Language?) {
    self.file = file
    self.tokens = tokens
    self.roles = roles
    self.keywords = keywords
  }

  /// For each open brace, whether it opened a per-class ratio block.
  var blocks: [Bool] = []
  /// Where the values of a list that continues on the next line start, in display columns.
  var continuation: Int?

  mutating func print() -> [UInt8] {
    var lines: [Line] = []
    var sourceLine: [Token] = []
    for token in tokens {
      switch token.kind {
      case .newline:
        lines.append(line(sourceLine))
        sourceLine.removeAll(keepingCapacity: true)
      case .end:
        if !sourceLine.isEmpty { lines.append(line(sourceLine)) }
      default:
        sourceLine.append(token)
      }
    }
    return assemble(lines)
  }

  /// One source line, laid out.
  mutating func line(_ tokens: [Token]) -> Line {
    let comment = tokens.last.flatMap { $0.kind == .comment ? commentText($0) : nil }
    let depth = blocks.count
    let code = canonicalTokens(tokens)
    if code.isEmpty {
      // A blank line, or a comment on a line of its own: indented like the code around it.
      return Line(code: "", width: comment == nil ? 0 : continuation ?? 2 * depth, comment: comment)
    }
    let closesFirst = code[0].kind == .rightBrace
    let indent = closesFirst ? 2 * max(0, depth - 1) : continuation ?? 2 * depth
    var (line, valueColumn) = render(code, indent: indent)
    continuation = code.last?.kind == .comma ? valueColumn ?? continuation ?? indent + 2 : nil
    line.comment = comment
    return line
  }

  /// The tokens of a line without what the canonical form leaves out: the optional colons, the
  /// separators between the classes of a ratio block, and the `;` that separate nothing.
  /// Keeps `blocks` up to date.
  mutating func canonicalTokens(_ tokens: [Token]) -> [Token] {
    var kept: [Token] = []
    var afterRatioField = false
    for (index, token) in tokens.enumerated() {
      let inRatioBlock = blocks.last == true
      switch token.kind {
      case .comment, .colon:
        continue
      case .comma where inRatioBlock:
        continue
      case .semicolon:
        // One `;` between two things on a line; none at either end of a line or block.
        let next = tokens[(index + 1)...].first { $0.kind != .comment && $0.kind != .semicolon }
        let last = kept.last?.kind
        if inRatioBlock || next == nil || next?.kind == .rightBrace || last == nil || last == .semicolon || last == .leftBrace {
          continue
        }
      case .leftBrace:
        blocks.append(afterRatioField)
      case .rightBrace:
        _ = blocks.popLast()
      default:
        break
      }
      afterRatioField = roles[token.start] == .field(.ratio)
      kept.append(token)
    }
    return kept
  }

  /// Renders the code of one line. `valueColumn` is where the values of the line's last field
  /// start, for the lines that continue its list.
  func render(_ code: [Token], indent: Int) -> (line: Line, valueColumn: Int?) {
    var text = String(repeating: " ", count: indent)
    var width = indent
    var valueColumn: Int?
    var awaitingValue = false
    var previous: Token?
    for token in code {
      let piece = render(token)
      if let previous {
        let gap = spacing(previous, token)
        text += gap
        width += gap.count
      }
      if awaitingValue {
        valueColumn = width
        awaitingValue = false
      }
      if case .field = roles[token.start] { awaitingValue = true }
      text += piece
      width += DisplayWidth.of(piece)
      previous = token
    }
    return (Line(code: text, width: width, comment: nil), valueColumn)
  }

  // MARK: - Tokens

  /// A token as written; a word without the zero-width characters pasted into it.
  func source(_ token: Token) -> String {
    guard token.hasIgnorable else { return file.text(token.start..<token.end) }
    return String(decoding: Lexer.withoutZeroWidth(file.bytes[token.start..<token.end]), as: UTF8.self)
  }

  func isIdeographicComma(_ token: Token) -> Bool {
    token.end - token.start == 3 && file.bytes[token.start] == 0xE3 && file.bytes[token.start + 1] == 0x80
      && file.bytes[token.start + 2] == 0x81
  }

  /// The separator as written out: `、` or `,`.
  func comma(_ token: Token) -> String {
    switch keywords {
    case .zh: return "、"
    case .en: return ","
    case nil: return isIdeographicComma(token) ? "、" : ","
    }
  }

  func keyword(zh: String, en: String, _ token: Token) -> String {
    keyword(zh: zh, en: en, written: source(token))
  }

  func keyword(zh: String, en: String, written: String) -> String {
    switch keywords {
    case .zh: return zh
    case .en: return en
    case nil: return written
    }
  }

  func render(_ token: Token) -> String {
    switch token.kind {
    case .comma: return comma(token)
    case .semicolon: return ";"
    case .leftBrace: return "{"
    case .rightBrace: return "}"
    case .range: return ".."
    case .string: return string(token)
    case .word: return word(token)
    case .comment: return commentText(token)
    case .colon, .newline, .end: return ""  // colons are left out by canonicalTokens
    case .invalid: return source(token)  // never reached: such a file has errors
    }
  }

  func word(_ token: Token) -> String {
    guard let role = roles[token.start] else { return source(token) }
    switch role {
    case .declaration(let kind):
      let entry = DeclKind.vocabulary.entry(kind)
      return keyword(zh: entry.chinese, en: entry.english, token)
    case .field(let key):
      let entry = FieldKey.vocabulary.entry(key)
      return keyword(zh: entry.chinese, en: entry.english, token)
    case .value(let zh, let en):
      return keyword(zh: zh, en: en, token)
    case .riskClass:
      return source(token)
    case .abnormal:
      return keyword(zh: "异常", en: "abnormal", token)
    case .percent:
      return source(token).replacingOccurrences(of: "％", with: "%")
    case .rangeWord:
      return ".."
    case .joinedRange(let first, let last):
      return first + " .. " + last
    case .joinedRangeStart(let first):
      return first + " .."
    case .joinedRangeEnd(let last):
      return ".. " + last
    case .joinedDuration(let amount, let zh, let en, let written):
      return amount + " " + keyword(zh: zh, en: en, written: written)
    case .durationUnit(let zh, let en, let written):
      return keyword(zh: zh, en: en, written: written)
    case .naturalSpelling(let text):
      return text
    case .joinedPart:
      return source(token)
    }
  }

  /// Strings keep their bytes; for English keywords `“…”` becomes `"…"`, escaped.
  func string(_ token: Token) -> String {
    let text = source(token)
    guard keywords == .en, text.unicodeScalars.first == "“" else { return text }
    // By scalars, not Characters: a combining mark after “ or before ” joins it into one grapheme.
    var inner = Substring(text).unicodeScalars.dropFirst()
    if inner.last == "”" { inner = inner.dropLast() }
    var escaped = String.UnicodeScalarView()
    escaped.append("\"")
    for scalar in inner {
      if scalar == "\\" || scalar == "\"" { escaped.append("\\") }
      escaped.append(scalar)
    }
    escaped.append("\"")
    return String(escaped)
  }

  /// The comment's text, from `#` on, without trailing blanks; `＃` becomes `#`.
  func commentText(_ token: Token) -> String {
    var text = Substring(source(token))
    if text.hasPrefix("＃") { text = "#" + text.dropFirst() }
    while let last = text.unicodeScalars.last, last == " " || last == "\t" || last == "\r" || last == "\u{3000}" {
      text = Substring(text.unicodeScalars.dropLast())
    }
    return String(text)
  }

  /// What goes between two tokens on one line.
  func spacing(_ previous: Token, _ token: Token) -> String {
    switch token.kind {
    case .comma, .semicolon: return ""
    case .rightBrace: return previous.kind == .leftBrace ? "" : " "
    default: break
    }
    switch previous.kind {
    case .comma: return comma(previous) == "、" ? "" : " "
    case .leftBrace, .semicolon: return " "
    default: break
    }
    switch roles[token.start] {
    case .joinedPart?: return ""
    case .field?, .riskClass?, .abnormal?: return "  "
    default: return " "
    }
  }

  // MARK: - Lines

  /// Drops blank lines where they carry nothing, aligns trailing comments, and joins the lines.
  func assemble(_ lines: [Line]) -> [UInt8] {
    var kept: [Line] = []
    for line in lines {
      if line.isBlank {
        guard let last = kept.last, !last.isBlank, !last.code.hasSuffix("{") else { continue }
      } else if line.code.drop(while: { $0 == " " }).hasPrefix("}"), kept.last?.isBlank == true {
        kept.removeLast()
      }
      kept.append(line)
    }
    while kept.last?.isBlank == true { kept.removeLast() }

    var output = ""
    var index = 0
    while index < kept.count {
      // Trailing comments in a run of lines without a blank line share one column.
      var end = index
      while end < kept.count, !kept[end].isBlank { end += 1 }
      let commented = kept[index..<end].filter { !$0.code.isEmpty && $0.comment != nil }
      let column = (commented.map(\.width).max() ?? 0) + 2
      for line in kept[index..<end] {
        switch (line.code.isEmpty, line.comment) {
        case (_, nil): output += line.code
        case (true, let comment?): output += String(repeating: " ", count: line.width) + comment
        case (false, let comment?): output += line.code + String(repeating: " ", count: column - line.width) + comment
        }
        output += "\n"
      }
      if end < kept.count { output += "\n" }
      index = end + 1
    }
    return Array(output.utf8)
  }
}
