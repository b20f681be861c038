/// The parser's values: names, strings, dates, ranges, numbers, ratios, sampling and durations,
/// each read in the shape its field declares.
extension ParserState {
  mutating func parseValue(_ shape: FieldShape, field: FieldKey) -> FieldValue? {
    switch shape {
    case .identifier: return identifier().map(FieldValue.name)
    case .identifierList: return list { $0.identifier() }.map(FieldValue.names)
    case .string:
      guard current.kind == .string else {
        expected(.textInQuotes)
        return nil
      }
      defer { advance() }
      return .name(stringValue(current))
    case .nameList: return list { $0.nameValue() }.map(FieldValue.names)
    case .date: return date().map(FieldValue.date)
    case .dateRange: return dateRange(single: false).map(FieldValue.range)
    case .dateList: return list { $0.dateRange(single: true) }.map(FieldValue.ranges)
    case .integer: return integer().map(FieldValue.integer)
    case .frequency: return frequency().map(FieldValue.integer)
    case .percent: return percent().map(FieldValue.percent)
    case .sampling: return sampling().map(FieldValue.sampling)
    case .duration: return duration().map(FieldValue.duration)
    case .bases: return list { $0.basis() }.map(FieldValue.bases)
    case .departmentKind: return choice(DepartmentKind.vocabulary).map(FieldValue.departmentKind)
    case .authorityKind: return choice(AuthorityKind.vocabulary).map(FieldValue.authorityKind)
    case .category: return choice(Category.vocabulary).map(FieldValue.category)
    case .methods: return list { $0.choice(Method.vocabulary) }.map(FieldValue.methods)
    case .checks: return checks().map(FieldValue.points)
    case .name: return nameValue().map(FieldValue.name)
    case .meeting, .document, .training: return reportEntry(shape).map(FieldValue.entry)
    }
  }

  /// A monthly report's entry: its name in quotes, then a meeting's date, a document's 文号 (in
  /// quotes, optional), or a training's number of people and content (each optional, in order).
  mutating func reportEntry(_ shape: FieldShape) -> ReportEntry? {
    guard current.kind == .string else {
      expected(.textInQuotes)
      return nil
    }
    let start = current.start
    var entry = ReportEntry(name: stringValue(current), span: span(current))
    advance()
    switch shape {
    case .meeting:
      guard let day = date() else { return nil }
      entry.date = day
    case .document:
      if current.kind == .string {
        entry.number = stringValue(current)
        advance()
      }
    default:
      if current.kind == .word, fieldKeys.lookup(bytes(current)) == nil {
        guard let people = integer() else { return nil }
        entry.people = people
      }
      if current.kind == .string {
        entry.content = stringValue(current)
        advance()
      }
    }
    entry.span = span(from: start)
    return entry
  }

  /// One or more values separated by `,` `，` `、`; a line may break after a separator.
  mutating func list<T>(_ element: (inout ParserState) -> T?) -> [T]? {
    var values: [T] = []
    values.reserveCapacity(4)
    guard let first = element(&self) else { return nil }
    values.append(first)
    while true {
      if current.kind == .comma {
        advance()
        while current.kind == .newline { advance() }
        if current.kind == .comma {
          // `A,,B` or a comma on each line: one report for the run of empty values.
          let extra = span(current)
          while current.kind == .comma || current.kind == .newline { advance() }
          report(.extraComma(at: extra))
        }
      } else if current.kind == .word || current.kind == .string, !afterReportedToken,
        fieldKeys.lookup(bytes(current)) == nil
      {
        // `事项 A B`: a missing separator. Say so once, and read on as if it were there.
        let gap = Span(file: file.id, start: previousEnd, end: current.start)
        coveredGaps.append(gap.start..<gap.end)
        report(.missingComma(at: gap))
      } else {
        return values
      }
      guard let next = element(&self) else { return nil }
      values.append(next)
    }
  }

  mutating func identifier() -> Name? {
    guard current.kind == .word else {
      expected(.codeOrName(quoted: current.kind == .string))
      return nil
    }
    return joinedWord()
  }

  /// The word at the cursor, joined with the words that follow it across a full-width or
  /// look-alike space between two Chinese characters (`餐饮服务　经营者`, pasted or typed in
  /// full-width mode): one name, read without the space, with one W0009 that shows both readings.
  /// Not across an ASCII space (`A B` is a missing comma), nor before a field's keyword.
  mutating func joinedWord() -> Name {
    let first = current
    var value = text(first)
    var end = first.end
    var parts = [value]
    var gap: (scalar: Unicode.Scalar, range: Range<Int>)?
    advance()
    while current.kind == .word, fieldKeys.lookup(bytes(current)) == nil, endsWithIdeograph(end),
      Lexer.isIdeographScalar(file.bytes, at: current.start), let scalar = pastedSpace(end..<current.start)
    {
      if gap == nil { gap = (scalar, end..<current.start) }
      coveredGaps.append(end..<current.start)
      mark(current, .joinedPart)
      let piece = text(current)
      value += piece
      parts.append(piece)
      end = current.end
      advance()
    }
    if let (scalar, range) = gap {
      report(.spaceInName(scalar, read: value, parts: parts, at: Span(file: file.id, start: range.lowerBound, end: range.upperBound)))
    }
    return Name(value, Span(file: file.id, start: first.start, end: end))
  }

  /// True when the character ending at `offset` is a CJK ideograph (U+4E00–U+9FFF).
  func endsWithIdeograph(_ offset: Int) -> Bool {
    offset >= 3 && Lexer.isIdeographScalar(file.bytes, at: offset - 3)
  }

  /// A bare word or a quoted string, for names such as object types.
  mutating func nameValue() -> Name? {
    if current.kind == .string {
      defer { advance() }
      return stringValue(current)
    }
    return identifier()
  }

  /// The text between the quotes, read from the bytes: no grapheme walking on the hot path.
  func stringValue(_ token: Token) -> Name {
    let bytes = file.bytes
    var start = token.start
    var end = token.end
    let ascii = bytes[start] == UInt8(ascii: "\"")
    let quoteLength = ascii ? 1 : 3  // “ and ” are three bytes each
    start = min(end, start + quoteLength)
    if !token.isReported { end = max(start, end - quoteLength) }
    if token.hasEscape {
      // Only \" and \\ are escapes; any other backslash is kept (a Windows path).
      var result: [UInt8] = []
      var index = start
      while index < end {
        let byte = bytes[index]
        if byte == UInt8(ascii: "\\"), index + 1 < end,
          bytes[index + 1] == UInt8(ascii: "\"") || bytes[index + 1] == UInt8(ascii: "\\")
        {
          result.append(bytes[index + 1])
          index += 2
        } else {
          result.append(byte)
          index += 1
        }
      }
      return Name(String(decoding: result, as: UTF8.self), span(token))
    }
    return Name(file.text(start..<end), span(token))
  }

  func tokenStarts(_ token: Token, with prefix: String) -> Bool {
    bytes(token).starts(with: prefix.utf8)
  }

  /// True when the token's bytes are exactly `literal`.
  func tokenIs(_ token: Token, _ literal: String) -> Bool {
    var literal = literal
    return literal.withUTF8 { file.bytes[token.start..<token.end].elementsEqual($0) }
  }

  mutating func date() -> Located<Day>? {
    guard current.kind == .word else {
      expected(.date)
      return nil
    }
    let word = text(current)
    let at = span(current)
    advance()
    if let day = Day(parsing: Substring(word)) { return Located(day, at) }
    let looksLikeDate = word.count == 10 && word.filter({ $0 == "-" }).count == 2 && word.allSatisfy { $0.isASCII }
    report(.invalidDate(Located(word, at), looksLikeDate: looksLikeDate))
    return nil
  }

  /// The words that may stand between two dates, besides the `.range` tokens (`..` `~` `～` and
  /// dashes between numbers): 至 and 到, which join the dates next to them into one word.
  static let rangeWords: [[UInt8]] = [Array("至".utf8), Array("到".utf8)]

  func isRangeWord<C: Collection<UInt8>>(_ bytes: C) -> Bool {
    ParserState.rangeWords.contains { $0.elementsEqual(bytes) }
  }

  func day(_ bytes: ArraySlice<UInt8>) -> Day? {
    bytes.count == 10 ? Day(parsing: Substring(String(decoding: bytes, as: UTF8.self))) : nil
  }

  mutating func dateRange(single: Bool) -> Located<DayRange>? {
    if current.kind == .word {
      let word = bytes(current)
      let base = word.startIndex
      // `2024-03-01至2024-11-30`, `…到…`, `2024-03-01-2024-11-30`: one word. Split it here.
      if word.count > 20, let first = day(word[base..<base + 10]), let last = day(word[(word.endIndex - 10)...]),
        isRangeWord(word[(base + 10)..<(word.endIndex - 10)]) || (word.count == 21 && word[base + 10] == UInt8(ascii: "-"))
      {
        mark(current, .joinedRange(first: first.description, last: last.description))
        defer { advance() }
        return Located(DayRange(first, last), span(current))
      }
      // `2024-03-01至 2024-11-30`: the first date and 至 are one word.
      if word.count > 10, let first = day(word[base..<base + 10]), isRangeWord(word[(base + 10)...]) {
        let firstSpan = Span(file: file.id, start: current.start, end: current.start + 10)
        mark(current, .joinedRangeStart(first: first.description))
        advance()
        guard let last = date() else { return nil }
        return Located(DayRange(first, last.value), firstSpan.to(last.span))
      }
    }
    guard let first = date() else { return nil }
    // `2024-03-01 至2024-11-30`: 至 and the last date are one word.
    if current.kind == .word {
      let word = bytes(current)
      if word.count > 10, let last = day(word[(word.endIndex - 10)...]), isRangeWord(word[word.startIndex..<(word.endIndex - 10)]) {
        let lastSpan = Span(file: file.id, start: current.end - 10, end: current.end)
        mark(current, .joinedRangeEnd(last: last.description))
        advance()
        return Located(DayRange(first.value, last), first.span.to(lastSpan))
      }
    }
    if current.kind == .range || (current.kind == .word && isRangeWord(bytes(current))) {
      if current.kind == .word { mark(current, .rangeWord) }
      advance()
      guard let last = date() else { return nil }
      return Located(DayRange(first.value, last.value), first.span.to(last.span))
    }
    if single { return Located(DayRange(first.value, first.value), first.span) }
    expected(.rangeEnd)
    return nil
  }

  mutating func integer() -> Located<Int>? {
    guard current.kind == .word else {
      expected(.wholeNumber)
      return nil
    }
    let word = text(current)
    let at = span(current)
    advance()
    if word.utf8.count <= 10, let value = Int(word), abs(value) < 1_000_000_000 { return Located(value, at) }
    report(.invalidWholeNumber(Located(word, at)))
    return nil
  }

  mutating func percent() -> Located<Ratio>? {
    guard current.kind == .word else {
      expected(.ratio)
      return nil
    }
    let word = text(current)
    let at = span(current)
    let next = tokens[position + 1]
    mark(current, .percent)
    advance()
    if let ratio = Ratio(parsing: word) { return Located(ratio, at) }
    // `3 %`: the lexer already said to remove the space.
    if next.isReported, next.kind == .invalid, Int(word) != nil {
      incomplete = true
      return nil
    }
    report(.invalidRatio(Located(word, at)))
    return nil
  }

  mutating func sampling() -> Sampling? {
    guard current.kind == .leftBrace else { return percent().map(Sampling.ratio) }
    let open = current
    advance()
    var entries: [ClassRatio] = []
    while true {
      while current.kind == .newline || current.kind == .semicolon || current.kind == .comma { advance() }
      switch current.kind {
      case .rightBrace:
        let whole = Span(file: file.id, start: open.start, end: current.end)
        advance()
        return .perClass(entries, whole)
      case .word:
        let riskClass = Name(text(current), span(current))
        let isAbnormal = ClassRatio.abnormalKeywords.contains(riskClass.value)
        mark(current, isAbnormal ? .abnormal : .riskClass)
        advance()
        if current.kind == .colon { advance() }
        guard let ratio = percent() else {
          skipBlock()
          return nil
        }
        entries.append(ClassRatio(riskClass: riskClass, ratio: ratio, isAbnormal: isAbnormal))
      default:
        expected(.classRatio)
        skipBlock()
        return nil
      }
    }
  }

  /// Skips to the `}` closing the block the cursor is in, on this line or the next ones.
  mutating func skipBlock() {
    while current.kind != .end && current.kind != .rightBrace {
      if current.kind == .newline {
        // A ratio block rarely spans lines; stop at a line that starts a field.
        advance()
        if current.kind == .word, fieldKeys.lookup(bytes(current)) != nil { return }
        continue
      }
      advance()
    }
    if current.kind == .rightBrace { advance() }
  }

  /// A duration's unit without the `个` before it and the `内` after it (`个工作日内`), and whether
  /// either was there.
  func durationUnit(_ bytes: ArraySlice<UInt8>) -> (unit: DurationUnit, written: ArraySlice<UInt8>, natural: Bool)? {
    var unit = bytes
    var natural = false
    let piece: [UInt8] = [0xE4, 0xB8, 0xAA]  // 个
    let within: [UInt8] = [0xE5, 0x86, 0x85]  // 内
    if unit.starts(with: piece) {
      unit = unit.dropFirst(3)
      natural = true
    }
    if unit.count > 3, unit.suffix(3).elementsEqual(within) {
      unit = unit.dropLast(3)
      natural = true
    }
    guard let value = DurationUnit.vocabulary.lookup(unit) else { return nil }
    return (value, unit, natural)
  }

  mutating func duration() -> Located<Duration>? {
    // `20工作日`, `20个工作日`, `10个自然日内` lex as one word: split the digits from the unit.
    if current.kind == .word {
      let word = bytes(current)
      let digits = word.prefix { (0x30...0x39).contains($0) }
      if !digits.isEmpty, digits.count < word.count, digits.count <= 9,
        let (unit, written, _) = durationUnit(word.dropFirst(digits.count))
      {
        let entry = DurationUnit.vocabulary.entry(unit)
        let amount = String(decoding: digits, as: UTF8.self)
        mark(
          current,
          .joinedDuration(amount: amount, zh: entry.chinese, en: entry.english, written: String(decoding: written, as: UTF8.self)))
        defer { advance() }
        return bounded(Located(Duration(amount: Int(amount)!, unit: unit), span(current)))
      }
    }
    guard let amount = integer() else { return nil }
    // `20 个工作日`: the unit with 个 or 内.
    if current.kind == .word, let (unit, written, natural) = durationUnit(bytes(current)), natural {
      let entry = DurationUnit.vocabulary.entry(unit)
      mark(current, .durationUnit(zh: entry.chinese, en: entry.english, written: String(decoding: written, as: UTF8.self)))
      let unitSpan = span(current)
      advance()
      return bounded(Located(Duration(amount: amount.value, unit: unit), amount.span.to(unitSpan)))
    }
    guard let unit = choice(DurationUnit.vocabulary) else { return nil }
    return bounded(Located(Duration(amount: amount.value, unit: unit.value), amount.span.to(unit.span)))
  }

  /// How many times a year: `1`, or in the natural spellings `1次`, `每年1次`, `一年1次`, `1次/年`
  /// (`fmt` writes `1`). What stays ambiguous (`1—2次/年`, `不少于1次`, `每季度1次`) is E0006 with
  /// the corrected text.
  mutating func frequency() -> Located<Int>? {
    guard current.kind == .word else {
      expected(.wholeNumber)
      return nil
    }
    let token = current
    let word = text(token)
    let at = span(token)
    advance()
    // `1—2次/年`, `1~2次`: a range of frequencies.
    if current.kind == .range, tokens[position + 1].kind == .word, Int(word) != nil {
      let dash = text(current)
      advance()
      let upper = text(current)
      let whole = at.to(span(current))
      advance()
      let high = Frequency.natural(upper) ?? Int(upper)
      report(
        .invalidFrequency(
          Located(word + dash + upper, whole), corrections: [word] + (high.map { [String($0)] } ?? [])))
      return nil
    }
    if word.utf8.count <= 10, let value = Int(word), abs(value) < 1_000_000_000 { return Located(value, at) }
    if let value = Frequency.natural(word) {
      mark(token, .naturalSpelling(canonical: String(value)))
      return Located(value, at)
    }
    report(.invalidFrequency(Located(word, at), corrections: Frequency.corrections(word)))
    return nil
  }

  /// E0006 for a duration outside `Duration.allowedAmounts`: a deadline of 999999999 working days
  /// is a typo, and counting it would take minutes and give a date no schema allows.
  mutating func bounded(_ duration: Located<Duration>) -> Located<Duration>? {
    guard !Duration.allowedAmounts.contains(duration.value.amount) else { return duration }
    let unit = DurationUnit.vocabulary.entry(duration.value.unit)
    let limit = Duration.allowedAmounts.upperBound
    report(
      .durationOutOfRange(
        amount: duration.value.amount, unit: Text(zh: unit.chinese, en: unit.english), limit: limit, at: duration.span))
    return nil
  }

  mutating func basis() -> Basis? {
    guard current.kind == .word else {
      expected(.lawCode(quoted: current.kind == .string))
      return nil
    }
    let law = joinedWord()
    var article: Name?
    if current.kind == .string {
      article = stringValue(current)
      advance()
    } else if current.kind == .word, tokenStarts(current, with: "第") {
      // `依据 消防法 第五十三条`: the article needs quotes.
      let word = text(current)
      report(.unquotedArticle(Located(word, span(current)), law: law.value))
      article = Name(word, span(current))
      advance()
    }
    return Basis(law: law, article: article)
  }

  mutating func choice<Value>(_ vocabulary: Vocabulary<Value>) -> Located<Value>? {
    guard current.kind == .word else {
      expected(.oneOf(Text(zh: vocabulary.listing, en: vocabulary.entries.map(\.english).joined(separator: ", "))))
      return nil
    }
    let token = current
    advance()
    if let value = vocabulary.lookup(bytes(token)) {
      record(token, vocabulary, value)
      return Located(value, span(token))
    }
    unknownWord(token, among: vocabulary, what: Text(zh: "取值", en: "value"))
    return nil
  }

  mutating func record<Value>(_ token: Token, _ vocabulary: Vocabulary<Value>, _ value: Value) {
    guard roles != nil else { return }
    let entry = vocabulary.entry(value)
    mark(token, .value(zh: entry.chinese, en: entry.english))
  }

  /// Records what a token is, for `fmt`.
  @inline(__always)
  mutating func mark(_ token: Token, _ role: SyntaxRole) {
    if roles != nil { roles![token.start] = role }
  }

  mutating func unknownWord<Value>(_ token: Token, among vocabulary: Vocabulary<Value>, what: Text) {
    let word = text(token)
    report(
      .unknownValue(
        Located(word, span(token)), what: what,
        choices: Text(zh: vocabulary.listing, en: vocabulary.entries.map(\.english).joined(separator: ", ")),
        suggestion: Suggest.closest(to: word, among: vocabulary.allSpellings)))
  }
}
