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
    // A pasted space the parser reported itself (inside a name or a code, or as a missing
    // comma) is not reported by the lexer too: one character, one diagnostic.
    var lexerKept = lexerDiagnostics
    if !parser.coveredGaps.isEmpty {
      lexerKept.removeAll { $0.code == .W0009 && parser.covers($0.span.start) }
    }
    var diagnostics = lexerKept + parser.diagnostics
    var toVerify = unverified(tokens, in: file)
    // A file that is not UTF-8 text (binary, or saved as GBK) would produce a flood of follow-on
    // errors from its garbled bytes: the encoding error alone says what to do. A stray invalid
    // byte in a text file does not hide the file's other errors.
    if let encoding = lexerDiagnostics.first(where: { $0.code == .E0001 }), Lexer.looksBinary(file) {
      diagnostics = [encoding]
      toVerify = []
    }
    let syntax = SyntaxFile(
      file: file.id, declarations: declarations,
      hasErrors: diagnostics.contains { $0.severity == .error }, unparsedNames: parser.unparsed,
      toVerify: toVerify)
    return Parsed(syntax: syntax, diagnostics: diagnostics, tokens: tokens, roles: parser.roles ?? [:])
  }
}

extension Parser {
  /// The markers `choucha import` writes beside a placeholder value: `# 待核实：…` or
  /// `# to verify: …`.
  static let markers = [Array("待核实".utf8), Array("to verify".utf8)]

  /// The comments that start with a to-verify marker, which Check reports (W0607): the
  /// placeholders `import` wrote stay visible in `check` and CI until someone has verified them.
  static func unverified(_ tokens: [Token], in file: SourceFile) -> [Span] {
    var found: [Span] = []
    for token in tokens where token.kind == .comment {
      var start = token.start + (file.bytes[token.start] == UInt8(ascii: "#") ? 1 : 3)  // `#` or `＃`
      while start < token.end, file.bytes[start] == 0x20 || file.bytes[start] == 0x09 { start += 1 }
      let text = file.bytes[start..<token.end]
      guard markers.contains(where: { marker in
        text.count >= marker.count && zip(text, marker).allSatisfy { $0 | 0x20 == $1 | 0x20 }
      }) else { continue }
      found.append(Span(file: file.id, start: token.start, end: token.end))
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
  /// `异常` (`abnormal`) in a ratio block: the stratum of the entities on the abnormal-operation list.
  case abnormal
  case percent
  /// `至` or `到` standing alone between two dates.
  case rangeWord
  /// `2024-03-01至2024-11-30` (or `到`, `-`), one word: written `first .. last`.
  case joinedRange(first: String, last: String)
  /// `2024-03-01至`, one word, before the last date.
  case joinedRangeStart(first: String)
  /// `至2024-11-30`, one word, after the first date.
  case joinedRangeEnd(last: String)
  /// `20工作日`, `20个工作日内`, one word: the amount, then the unit (`written` as in the file,
  /// without `个` and `内`).
  case joinedDuration(amount: String, zh: String, en: String, written: String)
  /// `个工作日`: a duration's unit written with `个` or `内`.
  case durationUnit(zh: String, en: String, written: String)
  /// A value written in a natural spelling, and its canonical form (`每年1次` → `1`).
  case naturalSpelling(canonical: String)
  /// A word that continues the name before it across a pasted space (`餐饮服务　经营者`).
  case joinedPart
}

/// What the value of a field looks like.
enum FieldShape {
  case identifier, identifierList, string, nameList, date, dateRange, dateList
  case integer, frequency, percent, sampling, duration, bases
  case departmentKind, authorityKind, category, methods
  /// An item's `要点 { … }` block of check points.
  case checks
  /// A bare word or a quoted string (a contact's name, a phone number).
  case name
  /// A monthly report's entries: `"名称" 2024-05-10`, `"名称" "文号"`, `"名称" 人数 "内容"`.
  case meeting, document, training
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
  case points([PointEntry])
  case entry(ReportEntry)
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
        (.count, .integer), (.frequency, .frequency), (.requires, .nameList), (.checks, .checks),
      ]
    case .bundle:
      return [
        (.lead, .identifier), (.industry, .nameList), (.items, .identifierList), (.window, .dateRange),
        (.ratio, .sampling), (.frequency, .frequency),
      ]
    case .plan:
      return [
        (.jurisdiction, .string), (.window, .dateRange), (.classes, .identifierList),
        (.publishWithin, .duration), (.reportWithin, .duration), (.followUpWithin, .duration), (.minCoverage, .percent),
        (.maxVisits, .integer), (.inspectorsPerVisit, .integer), (.enterpriseBase, .integer),
        (.maxPoints, .integer),
      ]
    case .calendar: return [(.holidays, .dateList), (.workdays, .dateList)]
    case .import: return []
    case .checkpoint: return CheckPoint.fields
    case .monthlyReport:
      return [
        (.meeting, .meeting), (.document, .document), (.training, .training), (.inspectionDocument, .document),
        (.website, .string), (.contact, .name), (.phone, .name), (.mobile, .name),
      ]
    }
  }

  var describe: String { DeclKind.vocabulary.describe(self) }
  /// “an item”, “a law”, for English messages.
  var withArticle: String { (["a", "e", "i", "o", "u"].contains(rawValue.first.map(String.init) ?? "") ? "an " : "a ") + rawValue }
  /// The Chinese keyword, for Chinese messages: 部门, 事项.
  var zh: String { DeclKind.vocabulary.spelling(self, .zh) }
  /// The kind as diagnostics name it: 部门 / `department`.
  var text: Text { Text(zh: zh, en: rawValue) }
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
  /// The white space between words the parser reported on (a space inside a name or a code, a
  /// missing comma), in file order: the lexer's W0009 for a pasted space there is dropped.
  var coveredGaps: [Range<Int>] = []

  /// True when `offset` lies in one of `coveredGaps`.
  func covers(_ offset: Int) -> Bool {
    var low = 0
    var high = coveredGaps.count
    while low < high {
      let middle = (low + high) / 2
      if coveredGaps[middle].upperBound <= offset { low = middle + 1 } else { high = middle }
    }
    return low < coveredGaps.count && coveredGaps[low].contains(offset)
  }

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

  /// A token's text; a word's without the zero-width characters pasted into it.
  func text(_ token: Token) -> String {
    guard token.hasIgnorable else { return file.text(token.start..<token.end) }
    return String(decoding: Lexer.withoutZeroWidth(file.bytes[token.start..<token.end]), as: UTF8.self)
  }

  func bytes(_ token: Token) -> ArraySlice<UInt8> {
    guard token.hasIgnorable else { return file.bytes[token.start..<token.end] }
    return ArraySlice(Lexer.withoutZeroWidth(file.bytes[token.start..<token.end]))
  }

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
    case .range:
      let written = text(token)
      return Text(zh: "“\(written)”", en: "'\(written)'")
    case .newline: return Text(zh: "行末", en: "the end of the line")
    case .end: return Text(zh: "文件末尾", en: "the end of the file")
    case .comment, .invalid: return Text(zh: "无效内容", en: "invalid text")
    }
  }

  mutating func expected(_ what: Diagnostic.Expectation) {
    let found = describe(current)
    var at = span(current)
    if current.kind == .newline || current.kind == .end {
      // Point just after the previous token, where the missing thing belongs.
      at = Span(file: file.id, start: previousEnd, end: previousEnd)
    }
    report(.expected(what, found: found, at: at))
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

  /// Skips to the next line that starts a declaration outside any braces: with a declaration
  /// keyword, or with a misspelt one in a declaration header (`部们 X "名称"`), which `parseFile`
  /// then reports. Stopping only at real keywords would hide the misspelling of the declaration
  /// after a broken one (Grammar.md §6: every independent error in one run).
  mutating func skipToDeclaration() {
    var depth = 0
    while current.kind != .end {
      switch current.kind {
      case .leftBrace: depth += 1
      case .rightBrace: depth = max(0, depth - 1)
      case .word where depth == 0 && atLineStart && (declKinds.lookup(bytes(current)) != nil || looksLikeMisspeltDeclaration):
        return
      default: break
      }
      advance()
    }
  }

  /// True when the cursor, at the start of a line, reads `WORD CODE "name"` or `WORD CODE {`, where
  /// WORD is no keyword but a plausible misspelling of a declaration keyword (`部们`).
  var looksLikeMisspeltDeclaration: Bool {
    guard current.kind == .word, position + 2 < tokens.count, tokens[position + 1].kind == .word,
      tokens[position + 2].kind == .string || tokens[position + 2].kind == .leftBrace, atLineStart,
      declKinds.lookup(bytes(current)) == nil, fieldKeys.lookup(bytes(current)) == nil
    else { return false }
    return Suggest.closest(to: text(current), among: declKinds.allSpellings) != nil
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
      let suggestion = Suggest.closest(to: word, among: DeclKind.vocabulary.allSpellings)
      if let suggestion { meant = DeclKind.vocabulary.lookup(suggestion) }
      report(
        .unknownKeyword(
          Located(word, span(token)),
          keywords: Text(zh: DeclKind.vocabulary.listing, en: DeclKind.vocabulary.entries.map(\.english).joined(separator: ", ")),
          suggestion: suggestion, isField: FieldKey.vocabulary.lookup(word) != nil))
    } else if token.kind == .rightBrace {
      report(.unmatchedClosingBrace(at: span(token)))
      advance()
    } else {
      expected(.declaration)
      advance()
    }
    return meant
  }

  mutating func parseDeclaration(_ kind: DeclKind, keyword: Token) -> Declaration? {
    incomplete = false
    if kind == .import { return parseImport(keyword: keyword) }

    // The identifier: a year for plans and calendars.
    var id: Name
    if current.kind == .word {
      id = Name(text(current), span(current))
      advance()
      if kind != .plan && kind != .calendar { id = splitCode(id, kind: kind) }
      if kind == .monthlyReport { return parseMonthlyReport(keyword: keyword, id: id) }
    } else if current.kind == .string, kind != .plan, kind != .calendar {
      // `法规 "中华人民共和国消防法" {`: the code is missing; the name is there.
      report(.missingCode(kind: kind.text, name: stringValue(current).value, at: span(current)))
      return nil
    } else {
      expected(kind == .plan || kind == .calendar ? .year : .code(of: kind.text))
      return nil
    }
    var year = 0
    if kind == .plan || kind == .calendar {
      guard let value = Int(id.value), (1900...2999).contains(value) else {
        report(.invalidYear(id))
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
        report(.emptyName(kind: kind.text, at: name.span))
      }
    } else if let words = unquotedTitle() {
      // `部门 ZJJ 某县住建局 { … }`: say how to quote it, and read the declaration as if it were.
      title = words
      report(.unquotedTitle(kind: kind.text, id: id.value, title: words))
    } else if kind != .calendar {
      expected(.nameInQuotes(kind: kind.text, id: id.value))
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
        expected(.openingBrace)
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

  /// `权责 JC -002 "名称"`: words between the code and the quoted name on its line are the rest of
  /// a code split by white space. One diagnostic shows the code joined, and the declaration is
  /// read with it, so that what cites `JC-002` finds it: an error for an ASCII space, W0009 for a
  /// pasted one (full-width or look-alike) alone.
  mutating func splitCode(_ id: Name, kind: DeclKind) -> Name {
    guard current.kind == .word else { return id }
    var look = position
    while tokens[look].kind == .word { look += 1 }
    guard tokens[look].kind == .string else { return id }
    var joined = id.value
    var end = id.span.end
    var pasted: (scalar: Unicode.Scalar, gap: Range<Int>)?
    var plainSpace = false
    for index in position..<look {
      let piece = tokens[index]
      if let scalar = pastedSpace(end..<piece.start) {
        if pasted == nil { pasted = (scalar, end..<piece.start) }
      } else {
        plainSpace = true
      }
      coveredGaps.append(end..<piece.start)
      mark(piece, .joinedPart)
      joined += text(piece)
      end = piece.end
    }
    position = look - 1
    advance()
    let whole = Span(file: file.id, start: id.span.start, end: end)
    if plainSpace || pasted == nil {
      report(.spaceInCode(written: file.text(id.span.start..<end), joined: joined, kind: kind.text, at: whole))
    } else if let (scalar, gap) = pasted {
      report(.spaceInName(scalar, read: joined, parts: [], at: Span(file: file.id, start: gap.lowerBound, end: gap.upperBound)))
    }
    return Name(joined, whole)
  }

  /// The first character of `range` when it holds only full-width spaces, look-alike spaces and
  /// zero-width characters (what pasting or full-width typing puts between words), nil otherwise.
  func pastedSpace(_ range: Range<Int>) -> Unicode.Scalar? {
    guard !range.isEmpty else { return nil }
    var first: Unicode.Scalar?
    var index = range.lowerBound
    let bytes = file.bytes
    while index < range.upperBound {
      guard bytes[index] >= 0x80 else { return nil }
      let length = UTF8Scalar.length(leading: bytes[index])
      guard index + length <= range.upperBound,
        let scalar = String(decoding: bytes[index..<index + length], as: UTF8.self).unicodeScalars.first,
        scalar.value == 0x3000 || Lexer.isLookAlikeSpace(scalar) || Lexer.isZeroWidth(scalar)
      else { return nil }
      if first == nil || Lexer.isZeroWidth(first!) { first = scalar }
      index += length
    }
    return first
  }

  /// `部门 ZJJ 某县住建局 {`: words then `{` where the quoted name belongs, as one name (with the
  /// spaces between the words as written).
  mutating func unquotedTitle() -> Name? {
    guard current.kind == .word else { return nil }
    var look = position
    while tokens[look].kind == .word { look += 1 }
    guard tokens[look].kind == .leftBrace else { return nil }
    let first = current
    let last = tokens[look - 1]
    position = look - 1
    advance()
    coveredGaps.append(first.start..<last.end)
    return Name(wordsText(from: first, to: last), Span(file: file.id, start: first.start, end: last.end))
  }

  /// The text from one word to another on the same line, zero-width characters left out.
  func wordsText(from first: Token, to last: Token) -> String {
    String(decoding: Lexer.withoutZeroWidth(file.bytes[first.start..<last.end]), as: UTF8.self)
  }

  /// `月报 SCJG 2024-05 { … }`: the department's code, the month, then the fields; no title.
  mutating func parseMonthlyReport(keyword: Token, id: Name) -> Declaration? {
    var month: Located<YearMonth>?
    if current.kind == .word, let value = YearMonth(parsing: text(current)) {
      month = Located(value, span(current))
      // `2024年5月` is written `2024-05` by fmt.
      if text(current) != value.description { mark(current, .naturalSpelling(canonical: value.description)) }
      advance()
    } else {
      expected(.month)
      if current.kind == .word { advance() }
    }
    guard current.kind == .leftBrace else {
      expected(.openingBrace)
      unparsed.insert(id.value)
      return nil
    }
    let open = current
    advance()
    let fields = Draft()
    parseFields(.monthlyReport, open: open, into: fields)
    if hasLexerError(from: keyword.start, to: previousEnd) { incomplete = true }
    let header = Header(keyword: span(keyword), id: id, title: nil, span: span(from: keyword.start), isIncomplete: incomplete)
    return .monthlyReport(
      MonthlyReport(
        header: header, month: month, meetings: fields.meetings, documents: fields.documents, trainings: fields.trainings,
        inspectionDocuments: fields.inspectionDocuments, website: fields.website, contact: fields.contact, phone: fields.phone,
        mobile: fields.mobile))
  }

  mutating func parseImport(keyword: Token) -> Declaration? {
    guard current.kind == .word, let kind = ImportKind.vocabulary.lookup(bytes(current)) else {
      if current.kind == .word {
        unknownWord(current, among: ImportKind.vocabulary, what: Text(zh: "引入的内容", en: "import kind"))
      } else {
        expected(.importKind)
      }
      return nil
    }
    let kindName = Located(kind, span(current))
    record(current, ImportKind.vocabulary, kind)
    advance()
    guard current.kind == .string else {
      expected(.importPath)
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
            if !key.isRepeatable, let previous = fields.span(of: key) {
              let word = text(token)
              report(.fieldGivenTwice(word, at: fieldSpan, first: previous))
            } else {
              fields.set(key, value, at: fieldSpan)
            }
            endOfField(shapes)
            recovering = false
          } else {
            skipLine()
          }
        } else if looksLikeDeclaration || (atLineStart && declKinds.lookup(bytes(token)) != nil) || looksLikeMisspeltDeclaration {
          missingBrace(open: open)
          return
        } else {
          unknownField(token, kind: kind)
          skipLine()
        }
      default:
        if !recovering { expected(.fieldOrClosingBrace) }
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
    report(.valueOnNextLine(field: name, at: Span(file: file.id, start: field.end, end: field.end), value: span(next)))
    while current.kind == .newline { advance() }
  }

  mutating func missingBrace(open: Token) {
    let previous = previousEnd
    report(.missingClosingBrace(at: Span(file: file.id, start: previous, end: previous), open: span(open)))
  }

  /// After a value: the line ends, or a `;`, `}` or the next field's keyword follows.
  mutating func endOfField(_ shapes: [FieldShape?]) {
    switch current.kind {
    case .newline, .semicolon, .rightBrace, .end: return
    case .word:
      if let key = fieldKeys.lookup(bytes(current)), shapes[key.rawValue] != nil { return }
    default: break
    }
    expected(.endOfField)
    skipLine()
  }

  mutating func unknownField(_ token: Token, kind: DeclKind) {
    let word = text(token)
    let candidates = kind.fields.flatMap { field -> [String] in
      let entry = FieldKey.vocabulary.entry(field.0)
      return [entry.english, entry.chinese] + entry.aliases
    }
    let fields = Text(
      zh: kind.fields.map { FieldKey.vocabulary.describe($0.0) }.joined(separator: "、"),
      en: kind.fields.map { FieldKey.vocabulary.entry($0.0).english }.joined(separator: ", "))
    report(
      .unknownField(
        Located(word, span(token)), in: Text(zh: kind.zh, en: kind.withArticle), fields: fields,
        suggestion: Suggest.closest(to: word, among: candidates)))
  }
}
