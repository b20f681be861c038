/// Reads the tokens of one file into declarations. Never fails: it reports what it cannot read,
/// skips to a place it can resume from (the next field, or the next declaration), and goes on.
///
/// The parser is driven by the shape of each field (`FieldShape`): it knows that `effective` takes
/// one date, so in `{ effective 2006-01-01  repealed 2020-06-01 }` the second keyword needs no
/// separator. No recursion depends on the input, so 10,000 nested braces cannot exhaust the stack.
public enum Parser {
  public static func parse(_ file: SourceFile) -> (SyntaxFile, [Diagnostic]) {
    let parsed = parse(file, recordingRoles: false)
    return (parsed.syntax, parsed.diagnostics)
  }

  /// What the formatter needs: the tokens (comments included) and the role the parser gave each
  /// keyword, value and joined word, keyed by the token's start offset.
  public struct Parsed {
    public var syntax: SyntaxFile
    public var diagnostics: [Diagnostic]
    public var tokens: [Token]
    public var roles: [Int: SyntaxRole]
  }

  public static func parse(_ file: SourceFile, recordingRoles: Bool) -> Parsed {
    let (tokens, lexerDiagnostics) = Lexer.tokenize(file)
    var parser = ParserState(file: file, tokens: tokens)
    parser.lexerErrors = lexerDiagnostics.filter { $0.severity == .error }.map(\.span.start).sorted()
    parser.roles = recordingRoles ? [:] : nil
    let declarations = parser.parseFile()
    var diagnostics = lexerDiagnostics + parser.diagnostics + unverified(tokens, in: file)
    // A file that is not UTF-8 text (binary, or saved as GBK) would produce a flood of follow-on
    // errors from its garbled bytes: the encoding error alone says what to do. A stray invalid
    // byte in a text file does not hide the file's other errors.
    if let encoding = lexerDiagnostics.first(where: { $0.code == .E0001 }), Lexer.looksBinary(file) {
      diagnostics = [encoding]
    }
    let syntax = SyntaxFile(
      file: file.id, declarations: declarations,
      hasErrors: diagnostics.contains { $0.severity == .error }, unparsedNames: parser.unparsed)
    return Parsed(syntax: syntax, diagnostics: diagnostics, tokens: tokens, roles: parser.roles ?? [:])
  }
}

extension Parser {
  /// The markers `choucha import` writes beside a placeholder value: `# 待核实：…` or
  /// `# to verify: …`.
  static let markers = [Array("待核实".utf8), Array("to verify".utf8)]

  /// W0607 for each comment that starts with a to-verify marker: the placeholders `import` wrote
  /// stay visible in `check` and CI until someone has verified them.
  static func unverified(_ tokens: [Token], in file: SourceFile) -> [Diagnostic] {
    var found: [Diagnostic] = []
    for token in tokens where token.kind == .comment {
      var start = token.start + (file.bytes[token.start] == UInt8(ascii: "#") ? 1 : 3)  // `#` or `＃`
      while start < token.end, file.bytes[start] == 0x20 || file.bytes[start] == 0x09 { start += 1 }
      let text = file.bytes[start..<token.end]
      guard markers.contains(where: { marker in
        text.count >= marker.count && zip(text, marker).allSatisfy { $0 | 0x20 == $1 | 0x20 }
      }) else { continue }
      found.append(
        Diagnostic(
          .W0607,
          Text(zh: "此处的值标注为“待核实”，尚未核实", en: "the value here is marked to verify (待核实) and has not been verified"),
          at: Span(file: file.id, start: token.start, end: token.end),
          help: Text(
            zh: "对照原表格和法律文本核实这一行的值，改正后删去“待核实”注释",
            en: "check the value on this line against the sheet and the law, correct it, then delete the to-verify comment")))
    }
    return found
  }
}

/// What a token is to the parser, recorded for `fmt`, which rewrites keywords into one language
/// and splits the words the lexer joined.
public enum SyntaxRole: Equatable, Sendable {
  case declaration(DeclKind)
  case field(FieldKey)
  /// An enumerated value (本级, 行政检查, 重点, 实地检查, 工作日, 权责 after 引入), canonical spellings.
  case value(zh: String, en: String)
  /// The class in a per-class ratio block: `A` in `{ A 3%  B 5% }`.
  case riskClass
  case percent
  /// `至` standing alone between two dates.
  case rangeWord
  /// `2024-03-01至2024-11-30`, one word: the bytes of the first date, then `至`, then the second.
  case joinedRange
  /// `2024-03-01至`, one word, before the last date.
  case joinedRangeStart
  /// `至2024-11-30`, one word, after the first date.
  case joinedRangeEnd
  /// `20工作日`, one word: `digits` bytes of digits, then the unit.
  case joinedDuration(digits: Int, zh: String, en: String)
}

/// What the value of a field looks like.
enum FieldShape {
  case identifier, identifierList, string, nameList, date, dateRange, dateList
  case integer, percent, sampling, duration, bases
  case departmentKind, authorityKind, category, methods
}

/// A parsed field value, before it is put into its declaration.
enum FieldValue {
  case name(Name)
  case names([Name])
  case date(Located<Day>)
  case range(Located<DayRange>)
  case ranges([Located<DayRange>])
  case integer(Located<Int>)
  case percent(Located<Ratio>)
  case sampling(Sampling)
  case duration(Located<Duration>)
  case bases([Basis])
  case departmentKind(Located<DepartmentKind>)
  case authorityKind(Located<AuthorityKind>)
  case category(Located<Category>)
  case methods([Located<Method>])
}

extension DeclKind {
  /// The shape of each field a declaration accepts, indexed by `FieldKey.rawValue`; computed once.
  static let shapeTables: [DeclKind: [FieldShape?]] = Dictionary(
    uniqueKeysWithValues: DeclKind.allCases.map { kind in
      var table = [FieldShape?](repeating: nil, count: FieldKey.allCases.count)
      for (key, shape) in kind.fields { table[key.rawValue] = shape }
      return (kind, table)
    })

  /// The fields a declaration accepts, in the order `Grammar.md` lists them.
  var fields: [(FieldKey, FieldShape)] {
    switch self {
    case .department: return [(.kind, .departmentKind)]
    case .law: return [(.effective, .date), (.repealed, .date)]
    case .authority:
      return [(.kind, .authorityKind), (.department, .identifier), (.basis, .bases), (.exempt, .string)]
    case .item:
      return [
        (.department, .identifier), (.authority, .identifier), (.basis, .bases), (.category, .category),
        (.objects, .nameList), (.methods, .methods), (.content, .string), (.ratio, .sampling),
        (.count, .integer), (.frequency, .integer), (.requires, .nameList),
      ]
    case .bundle:
      return [
        (.lead, .identifier), (.industry, .nameList), (.items, .identifierList), (.window, .dateRange),
        (.ratio, .sampling), (.frequency, .integer),
      ]
    case .plan:
      return [
        (.jurisdiction, .string), (.window, .dateRange), (.classes, .identifierList),
        (.publishWithin, .duration), (.reportWithin, .duration), (.minCoverage, .percent),
        (.maxVisits, .integer), (.inspectorsPerVisit, .integer),
      ]
    case .calendar: return [(.holidays, .dateList), (.workdays, .dateList)]
    case .import: return []
    }
  }

  var describe: String { DeclKind.vocabulary.describe(self) }
  /// “an item”, “a law”, for English messages.
  var withArticle: String { (["a", "e", "i", "o", "u"].contains(rawValue.first.map(String.init) ?? "") ? "an " : "a ") + rawValue }
  /// The Chinese keyword, for Chinese messages: 部门, 事项.
  var zh: String { DeclKind.vocabulary.spelling(self, .zh) }
}

struct ParserState {
  let file: SourceFile
  let tokens: [Token]
  /// The vocabularies, held here so that the hot loop does not go through the global each time.
  let declKinds = DeclKind.vocabulary
  let fieldKeys = FieldKey.vocabulary
  var position = 0
  var diagnostics: [Diagnostic] = []
  /// Set when a field of the current declaration failed to parse.
  var incomplete = false
  /// Where the lexer reported errors (sorted offsets): a declaration holding one has a syntax
  /// error too, though the parser never saw it (a stray character is skipped as trivia).
  var lexerErrors: [Int] = []
  /// Codes of declarations that were dropped because their header could not be read: references
  /// to them are not reported as undefined (the real error is already reported).
  var unparsed = Set<String>()
  /// Filled only for `fmt` (nil otherwise, so that `check` pays nothing).
  var roles: [Int: SyntaxRole]?

  init(file: SourceFile, tokens: [Token]) {
    self.file = file
    self.tokens = tokens
    skipTrivia()
  }

  // MARK: - Cursor

  var current: Token { tokens[position] }

  /// Comments and already-reported invalid characters are not seen by the grammar.
  mutating func skipTrivia() {
    while position < tokens.count - 1,
      tokens[position].kind == .comment || tokens[position].kind == .invalid
    {
      position += 1
    }
  }

  mutating func advance() {
    if position < tokens.count - 1 { position += 1 }
    skipTrivia()
  }

  func text(_ token: Token) -> String { file.text(token.start..<token.end) }

  func bytes(_ token: Token) -> ArraySlice<UInt8> { file.bytes[token.start..<token.end] }

  func span(_ token: Token) -> Span { Span(file: file.id, start: token.start, end: token.end) }

  func span(from start: Int) -> Span {
    let end = position > 0 ? tokens[max(0, position - 1)].end : start
    return Span(file: file.id, start: start, end: max(start, end))
  }

  /// True when the cursor, at the start of a line, reads `KEYWORD CODE "name"`: a declaration header,
  /// which no field looks like. Lets a missing `}` be found even when the next declaration's
  /// keyword is also a field of the open one (`部门` in an item).
  var looksLikeDeclaration: Bool {
    // Cheapest tests first: this runs for every field.
    guard position + 2 < tokens.count, tokens[position + 1].kind == .word, tokens[position + 2].kind == .string,
      atLineStart
    else { return false }
    return declKinds.lookup(bytes(current)) != nil
  }

  /// True when the current token is the first on its line.
  var atLineStart: Bool {
    var index = position - 1
    while index >= 0 {
      switch tokens[index].kind {
      case .comment, .invalid: index -= 1
      case .newline: return true
      default: return false
      }
    }
    return true
  }

  mutating func skipNewlines() {
    while current.kind == .newline || current.kind == .semicolon { advance() }
  }

  // MARK: - Diagnostics

  mutating func report(_ diagnostic: Diagnostic) {
    if diagnostic.severity == .error { incomplete = true }
    // What follows a token the lexer already reported on the same line is a follow-on error.
    if diagnostic.code == .E0004, afterReportedToken { return }
    diagnostics.append(diagnostic)
  }

  var afterReportedToken: Bool {
    var index = position - 1
    while index >= 0, tokens[index].kind != .newline {
      if tokens[index].isReported { return true }
      index -= 1
    }
    return false
  }

  /// True when the lexer reported an error at an offset in `start..<end`.
  func hasLexerError(from start: Int, to end: Int) -> Bool {
    var low = 0
    var high = lexerErrors.count
    while low < high {
      let middle = (low + high) / 2
      if lexerErrors[middle] < start { low = middle + 1 } else { high = middle }
    }
    return low < lexerErrors.count && lexerErrors[low] < end
  }

  /// The end of the last token before the cursor that is not a line break or a comment.
  var previousEnd: Int {
    var index = position - 1
    while index >= 0 {
      switch tokens[index].kind {
      case .newline, .comment, .invalid: index -= 1
      default: return tokens[index].end
      }
    }
    return current.start
  }

  func describe(_ token: Token) -> Text {
    switch token.kind {
    case .word, .string:
      let raw = text(token)
      let shown = raw.count > 40 ? String(raw.prefix(40)) + "…" : raw
      return Text(zh: "“\(shown)”", en: "'\(shown)'")
    case .leftBrace: return Text(zh: "“{”", en: "'{'")
    case .rightBrace: return Text(zh: "“}”", en: "'}'")
    case .comma: return Text(zh: "逗号", en: "a comma")
    case .semicolon: return Text(zh: "分号", en: "a semicolon")
    case .colon: return Text(zh: "冒号", en: "a colon")
    case .range: return Text(zh: "“..”", en: "'..'")
    case .newline: return Text(zh: "行末", en: "the end of the line")
    case .end: return Text(zh: "文件末尾", en: "the end of the file")
    case .comment, .invalid: return Text(zh: "无效内容", en: "invalid text")
    }
  }

  mutating func expected(_ what: Text, help: Text? = nil) {
    let found = describe(current)
    var at = span(current)
    if current.kind == .newline || current.kind == .end {
      // Point just after the previous token, where the missing thing belongs.
      at = Span(file: file.id, start: previousEnd, end: previousEnd)
    }
    report(
      Diagnostic(
        .E0004,
        Text(zh: "此处应为\(what.zh)，但遇到了\(found.zh)", en: "expected \(what.en), found \(found.en)"),
        at: at, help: help))
  }

  // MARK: - Recovery

  /// Skips the rest of a line, stepping over any braces it opens, but not over a `}` that closes
  /// the enclosing block.
  mutating func skipLine() {
    var depth = 0
    while current.kind != .end {
      switch current.kind {
      case .newline where depth == 0: return
      case .semicolon where depth == 0: return
      case .leftBrace: depth += 1
      case .rightBrace:
        if depth == 0 { return }
        depth -= 1
      default: break
      }
      advance()
    }
  }

  /// Skips to the next line that starts with a declaration keyword outside any braces.
  mutating func skipToDeclaration() {
    var depth = 0
    while current.kind != .end {
      switch current.kind {
      case .leftBrace: depth += 1
      case .rightBrace: depth = max(0, depth - 1)
      case .word where depth == 0 && atLineStart && declKinds.lookup(bytes(current)) != nil:
        return
      default: break
      }
      advance()
    }
  }

  // MARK: - File and declarations

  mutating func parseFile() -> [Declaration] {
    var declarations: [Declaration] = []
    while true {
      skipNewlines()
      let token = current
      if token.kind == .end { break }
      guard token.kind == .word, let kind = declKinds.lookup(bytes(token)) else {
        // A misspelt keyword (部们) is reported, then read as the keyword it most likely meant,
        // so that the names it declares do not go missing and cascade.
        if let meant = unknownDeclaration() {
          advance()
          if let declaration = parseDeclaration(meant, keyword: token) {
            declarations.append(declaration)
            continue
          }
        }
        skipToDeclaration()
        continue
      }
      mark(token, .declaration(kind))
      advance()
      if let declaration = parseDeclaration(kind, keyword: token) {
        declarations.append(declaration)
      } else {
        skipToDeclaration()
      }
    }
    return declarations
  }

  /// Reports what stands where a declaration should; returns the keyword it probably meant.
  mutating func unknownDeclaration() -> DeclKind? {
    let token = current
    var meant: DeclKind?
    if token.kind == .word {
      let word = text(token)
      var help = Text(
        zh: "每个声明以关键字开头：\(DeclKind.vocabulary.listing)",
        en: "a declaration starts with a keyword: \(DeclKind.vocabulary.entries.map(\.english).joined(separator: ", "))")
      if let suggestion = Suggest.closest(to: word, among: DeclKind.vocabulary.allSpellings) {
        help = Text(zh: "是否想写“\(suggestion)”？", en: "did you mean '\(suggestion)'?")
        meant = DeclKind.vocabulary.lookup(suggestion)
      } else if FieldKey.vocabulary.lookup(word) != nil {
        help = Text(
          zh: "“\(Shown.text(word))”是字段，只能写在声明的 { } 之内",
          en: "'\(Shown.text(word))' is a field; it belongs inside a declaration's { }")
      }
      report(
        Diagnostic(
          .E0005, Text(zh: "未知的关键字“\(Shown.text(word))”", en: "unknown keyword '\(Shown.text(word))'"), at: span(token),
          help: help))
    } else if token.kind == .rightBrace {
      report(
        Diagnostic(
          .E0004, Text(zh: "多余的“}”，没有与之配对的“{”", en: "unmatched '}'"), at: span(token),
          help: Text(zh: "删除这个“}”", en: "delete this '}'")))
      advance()
    } else {
      expected(Text(zh: "声明（如 部门、事项）", en: "a declaration (such as department, item)"))
      advance()
    }
    return meant
  }

  mutating func parseDeclaration(_ kind: DeclKind, keyword: Token) -> Declaration? {
    incomplete = false
    if kind == .import { return parseImport(keyword: keyword) }

    // The identifier: a year for plans and calendars.
    let id: Name
    if current.kind == .word {
      id = Name(text(current), span(current))
      advance()
    } else {
      let what =
        kind == .plan || kind == .calendar
        ? Text(zh: "年度（如 2024）", en: "a year (such as 2024)")
        : Text(zh: "\(kind.zh)的编码", en: "the code of the \(kind.rawValue)")
      expected(what)
      return nil
    }
    var year = 0
    if kind == .plan || kind == .calendar {
      guard let value = Int(id.value), (1900...2999).contains(value) else {
        report(
          Diagnostic(
            .E0006, Text(zh: "“\(Shown.text(id.value))”不是有效的年度", en: "'\(Shown.text(id.value))' is not a year"), at: id.span,
            help: Text(zh: "写四位数的年度，如 2024", en: "write a four-digit year, such as 2024")))
        return nil
      }
      year = value
    }

    var title: Name?
    var openedInTitle: Token?
    if current.kind == .string {
      let token = current
      title = stringValue(token)
      advance()
      // `事项 X "名称 {`: the missing quote swallowed the brace. The string is already reported;
      // read the fields that follow rather than lose the whole declaration.
      if token.isReported, let text = title?.value, text.trimmingCharacters(in: " \t").hasSuffix("{") {
        title = Name(String(text.trimmingCharacters(in: " \t").dropLast()).trimmingCharacters(in: " \t"), title!.span)
        openedInTitle = token
      }
      if !token.isReported, let name = title, name.value.trimmingCharacters(in: " \t\u{3000}").isEmpty {
        // A name is what the published list shows: it cannot be blank.
        report(
          Diagnostic(
            .E0006, Text(zh: "名称不能为空", en: "the name is empty"), at: name.span,
            help: Text(zh: "在引号中写上\(kind.zh)的名称", en: "write the \(kind.rawValue)'s name in the quotes")))
      }
    } else if kind != .calendar {
      expected(
        Text(zh: "引号中的名称", en: "a name in quotes"),
        help: Text(zh: "在编码后写名称，如 \(kind.zh) \(Shown.text(id.value)) \"名称\" { … }", en: "write the name after the code: \(kind.rawValue) \(Shown.text(id.value)) \"name\" { … }"))
      if current.kind != .leftBrace {
        unparsed.insert(id.value)
        return nil
      }
    }

    let open: Token
    if let swallowed = openedInTitle {
      open = swallowed
    } else {
      guard current.kind == .leftBrace else {
        expected(Text(zh: "“{”", en: "'{'"))
        unparsed.insert(id.value)
        return nil
      }
      open = current
      advance()
    }
    let fields = Draft()
    parseFields(kind, open: open, into: fields)
    if hasLexerError(from: keyword.start, to: previousEnd) { incomplete = true }
    let header = Header(
      keyword: span(keyword), id: id, title: title, span: span(from: keyword.start), isIncomplete: incomplete)
    return build(kind, header: header, year: year, fields: fields)
  }

  mutating func parseImport(keyword: Token) -> Declaration? {
    guard current.kind == .word, let kind = ImportKind.vocabulary.lookup(bytes(current)) else {
      if current.kind == .word {
        unknownWord(current, among: ImportKind.vocabulary, what: Text(zh: "引入的内容", en: "import kind"))
      } else {
        expected(Text(zh: "引入的内容（权责）", en: "what to import (authorities)"))
      }
      return nil
    }
    let kindName = Located(kind, span(current))
    record(current, ImportKind.vocabulary, kind)
    advance()
    guard current.kind == .string else {
      expected(Text(zh: "引号中的文件路径", en: "a file path in quotes"))
      return nil
    }
    let path = stringValue(current)
    advance()
    return .import(Import(keyword: span(keyword), kind: kindName, path: path, span: span(from: keyword.start)))
  }

  mutating func parseFields(_ kind: DeclKind, open: Token, into fields: Draft) {
    let shapes = DeclKind.shapeTables[kind]!
    // After one “expected a field”, stray tokens are not reported again until a field parses.
    var recovering = false
    while true {
      skipNewlines()
      let token = current
      switch token.kind {
      case .rightBrace:
        advance()
        return
      case .end:
        missingBrace(open: open)
        return
      case .word:
        if let key = fieldKeys.lookup(bytes(token)), let shape = shapes[key.rawValue],
          !looksLikeDeclaration
        {
          mark(token, .field(key))
          advance()
          if current.kind == .colon { advance() }
          let start = token.start
          valueOnNextLine(field: token, shapes: shapes)
          if let value = parseValue(shape, field: key) {
            let fieldSpan = span(from: start)
            if let previous = fields.span(of: key) {
              let word = text(token)
              report(
                Diagnostic(
                  .E0007,
                  Text(zh: "字段“\(Shown.text(word))”写了两次", en: "field '\(Shown.text(word))' is given twice"), at: fieldSpan,
                  labels: [.init(previous, Text(zh: "第一次写在这里", en: "first given here"))],
                  help: Text(zh: "删除其中一处，或把多个值用逗号写在同一字段中", en: "delete one of them, or list the values in one field separated by commas")))
            } else {
              fields.set(key, value, at: fieldSpan)
            }
            endOfField(shapes)
            recovering = false
          } else {
            skipLine()
          }
        } else if looksLikeDeclaration || (atLineStart && declKinds.lookup(bytes(token)) != nil) {
          missingBrace(open: open)
          return
        } else {
          unknownField(token, kind: kind)
          skipLine()
        }
      default:
        if !recovering { expected(Text(zh: "字段名或“}”", en: "a field or '}'")) }
        recovering = true
        if current.kind == .leftBrace || current.kind == .comma || current.kind == .colon || current.kind == .range
          || current.kind == .string
        {
          skipLine()
        }
        if current.kind != .rightBrace && current.kind != .end { advance() }
      }
    }
  }

  /// `类别` then `一般` on the next line: say where the value belongs, once, and read it there.
  mutating func valueOnNextLine(field: Token, shapes: [FieldShape?]) {
    guard current.kind == .newline else { return }
    var index = position
    while index < tokens.count - 1, [.newline, .comment, .invalid].contains(tokens[index].kind) { index += 1 }
    let next = tokens[index]
    guard next.kind == .word || next.kind == .string || next.kind == .leftBrace else { return }
    if next.kind == .word, let key = fieldKeys.lookup(bytes(next)), shapes[key.rawValue] != nil { return }
    if next.kind == .word, declKinds.lookup(bytes(next)) != nil { return }
    let name = text(field)
    report(
      Diagnostic(
        .E0004,
        Text(zh: "字段“\(Shown.text(name))”的值应与字段名写在同一行", en: "the value of '\(Shown.text(name))' belongs on the same line"),
        at: Span(file: file.id, start: field.end, end: field.end),
        labels: [.init(span(next), Text(zh: "值写在了下一行", en: "the value is on the next line"))],
        help: Text(zh: "把值移到“\(Shown.text(name))”后面，写在同一行", en: "move the value up, after '\(Shown.text(name))'")))
    while current.kind == .newline { advance() }
  }

  mutating func missingBrace(open: Token) {
    let previous = previousEnd
    report(
      Diagnostic(
        .E0004,
        Text(zh: "声明缺少结束的“}”", en: "this declaration has no closing '}'"),
        at: Span(file: file.id, start: previous, end: previous),
        labels: [.init(span(open), Text(zh: "这个“{”没有配对的“}”", en: "this '{' is not closed"))],
        help: Text(zh: "在声明的最后一个字段之后加上“}”", en: "add '}' after the declaration's last field")))
  }

  /// After a value: the line ends, or a `;`, `}` or the next field's keyword follows.
  mutating func endOfField(_ shapes: [FieldShape?]) {
    switch current.kind {
    case .newline, .semicolon, .rightBrace, .end: return
    case .word:
      if let key = fieldKeys.lookup(bytes(current)), shapes[key.rawValue] != nil { return }
    default: break
    }
    expected(
      Text(zh: "行末、分号或下一个字段", en: "the end of the line, ';' or the next field"),
      help: Text(
        zh: "一个字段的多个值用逗号 , 或顿号 、 分隔；名称中含空格或标点时请加引号",
        en: "separate several values with ',' or '、'; quote names that contain spaces or punctuation"))
    skipLine()
  }

  mutating func unknownField(_ token: Token, kind: DeclKind) {
    let word = text(token)
    let candidates = kind.fields.flatMap { field -> [String] in
      let entry = FieldKey.vocabulary.entry(field.0)
      return [entry.english, entry.chinese] + entry.aliases
    }
    let allowed = kind.fields.map { FieldKey.vocabulary.describe($0.0) }.joined(separator: "、")
    var help = Text(zh: "\(kind.zh)可用的字段：\(allowed)", en: "fields of \(kind.withArticle): \(kind.fields.map { FieldKey.vocabulary.entry($0.0).english }.joined(separator: ", "))")
    help = Suggest.help(Suggest.closest(to: word, among: candidates), help)
    report(
      Diagnostic(
        .E0005,
        Text(zh: "\(kind.zh)中没有字段“\(Shown.text(word))”", en: "unknown field '\(Shown.text(word))' in \(kind.withArticle)"),
        at: span(token), help: help))
  }
}
