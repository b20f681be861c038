/// The parser's values: names, strings, dates, ranges, numbers, ratios, sampling and durations,
/// each read in the shape its field declares.
extension ParserState {
  mutating func parseValue(_ shape: FieldShape, field: FieldKey) -> FieldValue? {
    switch shape {
    case .identifier: return identifier().map(FieldValue.name)
    case .identifierList: return list { $0.identifier() }.map(FieldValue.names)
    case .string:
      guard current.kind == .string else {
        expected(Text(zh: "引号中的文字", en: "text in quotes"))
        return nil
      }
      defer { advance() }
      return .name(stringValue(current))
    case .nameList: return list { $0.nameValue() }.map(FieldValue.names)
    case .date: return date().map(FieldValue.date)
    case .dateRange: return dateRange(single: false).map(FieldValue.range)
    case .dateList: return list { $0.dateRange(single: true) }.map(FieldValue.ranges)
    case .integer: return integer().map(FieldValue.integer)
    case .percent: return percent().map(FieldValue.percent)
    case .sampling: return sampling().map(FieldValue.sampling)
    case .duration: return duration().map(FieldValue.duration)
    case .bases: return list { $0.basis() }.map(FieldValue.bases)
    case .departmentKind: return choice(DepartmentKind.vocabulary).map(FieldValue.departmentKind)
    case .authorityKind: return choice(AuthorityKind.vocabulary).map(FieldValue.authorityKind)
    case .category: return choice(Category.vocabulary).map(FieldValue.category)
    case .methods: return list { $0.choice(Method.vocabulary) }.map(FieldValue.methods)
    }
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
          report(
            Diagnostic(
              .E0004, Text(zh: "多余的逗号", en: "an extra comma"), at: extra,
              help: Text(zh: "两个值之间只写一个逗号 , 或顿号 、", en: "write one separator between two values")))
        }
      } else if current.kind == .word || current.kind == .string, !afterReportedToken,
        fieldKeys.lookup(bytes(current)) == nil
      {
        // `事项 A B`: a missing separator. Say so once, and read on as if it were there.
        let gap = Span(file: file.id, start: previousEnd, end: current.start)
        report(
          Diagnostic(
            .E0004, Text(zh: "列表中的值之间缺少逗号", en: "a comma is missing between the values of a list"),
            at: gap,
            help: Text(zh: "多个值之间用逗号 , 或顿号 、 分隔", en: "separate the values with ',' or '、'"),
            fixIts: [Diagnostic.FixIt(span: gap, replacement: ", ")]))
      } else {
        return values
      }
      guard let next = element(&self) else { return nil }
      values.append(next)
    }
  }

  mutating func identifier() -> Name? {
    guard current.kind == .word else {
      expected(
        Text(zh: "编码或名称", en: "a code or name"),
        help: current.kind == .string
          ? Text(zh: "编码不加引号", en: "codes are written without quotes") : nil)
      return nil
    }
    defer { advance() }
    return Name(text(current), span(current))
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
      expected(Text(zh: "日期（如 2024-03-01）", en: "a date (such as 2024-03-01)"))
      return nil
    }
    let word = text(current)
    let at = span(current)
    advance()
    if let day = Day(parsing: Substring(word)) { return Located(day, at) }
    let looksLikeDate = word.count == 10 && word.filter({ $0 == "-" }).count == 2 && word.allSatisfy { $0.isASCII }
    report(
      Diagnostic(
        .E0006,
        looksLikeDate
          ? Text(zh: "日期“\(Shown.text(word))”不存在", en: "the date '\(Shown.text(word))' does not exist")
          : Text(zh: "“\(Shown.text(word))”不是日期", en: "'\(Shown.text(word))' is not a date"),
        at: at,
        help: Text(
          zh: "日期写作 年-月-日，四位年、两位月、两位日，用半角数字，如 2024-03-01",
          en: "write dates as YYYY-MM-DD with ASCII digits, such as 2024-03-01")))
    return nil
  }

  mutating func dateRange(single: Bool) -> Located<DayRange>? {
    // `2024-03-01至2024-11-30` lexes as one word: 至 is a letter. Split it here.
    if current.kind == .word, current.end - current.start == 23, tokenIs(Token(kind: .word, start: current.start + 10, end: current.start + 13), "至"),
      let first = Day(parsing: Substring(file.text(current.start..<current.start + 10))),
      let last = Day(parsing: Substring(file.text(current.start + 13..<current.end)))
    {
      mark(current, .joinedRange)
      defer { advance() }
      return Located(DayRange(first, last), span(current))
    }
    // `2024-03-01至 2024-11-30`: the first date and 至 are one word.
    if current.kind == .word, current.end - current.start == 13, tokenIs(Token(kind: .word, start: current.start + 10, end: current.end), "至"),
      let first = Day(parsing: Substring(file.text(current.start..<current.start + 10)))
    {
      let firstSpan = Span(file: file.id, start: current.start, end: current.start + 10)
      mark(current, .joinedRangeStart)
      advance()
      guard let last = date() else { return nil }
      return Located(DayRange(first, last.value), firstSpan.to(last.span))
    }
    guard let first = date() else { return nil }
    // `2024-03-01 至2024-11-30`: 至 and the last date are one word.
    if current.kind == .word, current.end - current.start == 13, tokenIs(Token(kind: .word, start: current.start, end: current.start + 3), "至"),
      let last = Day(parsing: Substring(file.text(current.start + 3..<current.end)))
    {
      let lastSpan = Span(file: file.id, start: current.start + 3, end: current.end)
      mark(current, .joinedRangeEnd)
      advance()
      return Located(DayRange(first.value, last), first.span.to(lastSpan))
    }
    if current.kind == .range || (current.kind == .word && tokenIs(current, "至")) {
      if current.kind == .word { mark(current, .rangeWord) }
      advance()
      guard let last = date() else { return nil }
      return Located(DayRange(first.value, last.value), first.span.to(last.span))
    }
    if single { return Located(DayRange(first.value, first.value), first.span) }
    expected(
      Text(zh: "“..”和结束日期", en: "'..' and an end date"),
      help: Text(zh: "期间写作 开始日期 .. 结束日期，如 2024-03-01 .. 2024-11-30", en: "write a window as START .. END, such as 2024-03-01 .. 2024-11-30"))
    return nil
  }

  mutating func integer() -> Located<Int>? {
    guard current.kind == .word else {
      expected(Text(zh: "整数", en: "a whole number"))
      return nil
    }
    let word = text(current)
    let at = span(current)
    advance()
    if word.utf8.count <= 10, let value = Int(word), abs(value) < 1_000_000_000 { return Located(value, at) }
    report(
      Diagnostic(
        .E0006, Text(zh: "“\(Shown.text(word))”不是整数", en: "'\(Shown.text(word))' is not a whole number"), at: at,
        help: Text(zh: "写半角数字，如 1、20", en: "write ASCII digits, such as 1 or 20")))
    return nil
  }

  mutating func percent() -> Located<Ratio>? {
    guard current.kind == .word else {
      expected(Text(zh: "比例（如 5%）", en: "a ratio (such as 5%)"))
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
    report(
      Diagnostic(
        .E0006, Text(zh: "“\(Shown.text(word))”不是有效的比例", en: "'\(Shown.text(word))' is not a valid ratio"), at: at,
        help: Text(
          zh: "比例写作数字加 % 或 ‰，如 5%、0.5%、2‰（% 最多四位小数，‰ 最多三位）",
          en: "write a number followed by % or ‰, such as 5%, 0.5% or 2‰ (at most four decimals with %, three with ‰)")))
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
        mark(current, .riskClass)
        advance()
        if current.kind == .colon { advance() }
        guard let ratio = percent() else {
          skipBlock()
          return nil
        }
        entries.append(ClassRatio(riskClass: riskClass, ratio: ratio))
      default:
        expected(
          Text(zh: "信用风险分类及其比例（如 A 3%）或“}”", en: "a risk class and its ratio (such as A 3%) or '}'"))
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

  mutating func duration() -> Located<Duration>? {
    // `20工作日` lexes as one word: split the digits from the unit.
    if current.kind == .word {
      let word = bytes(current)
      let digits = word.prefix { (0x30...0x39).contains($0) }
      if !digits.isEmpty, digits.count < word.count, digits.count <= 9,
        let unit = DurationUnit.vocabulary.lookup(word.dropFirst(digits.count))
      {
        let entry = DurationUnit.vocabulary.entry(unit)
        mark(current, .joinedDuration(digits: digits.count, zh: entry.chinese, en: entry.english))
        defer { advance() }
        return bounded(
          Located(Duration(amount: Int(String(decoding: digits, as: UTF8.self))!, unit: unit), span(current)))
      }
    }
    guard let amount = integer() else { return nil }
    guard let unit = choice(DurationUnit.vocabulary) else { return nil }
    return bounded(Located(Duration(amount: amount.value, unit: unit.value), amount.span.to(unit.span)))
  }

  /// E0006 for a duration outside `Duration.allowedAmounts`: a deadline of 999999999 working days
  /// is a typo, and counting it would take minutes and give a date no schema allows.
  mutating func bounded(_ duration: Located<Duration>) -> Located<Duration>? {
    guard !Duration.allowedAmounts.contains(duration.value.amount) else { return duration }
    let unit = DurationUnit.vocabulary.entry(duration.value.unit)
    let limit = Duration.allowedAmounts.upperBound
    report(
      Diagnostic(
        .E0006,
        Text(
          zh: "时限 \(duration.value.amount) \(unit.chinese)超出范围：最多 \(limit) \(unit.chinese)（约十年）",
          en: "the time limit of \(duration.value.amount) \(unit.english) is out of range: at most \(limit) \(unit.english) (about ten years)"),
        at: duration.span,
        help: Text(
          zh: "写 0 到 \(limit) 之间的整数，如 20 工作日", en: "write a whole number from 0 to \(limit), such as 20 workdays")))
    return nil
  }

  mutating func basis() -> Basis? {
    guard current.kind == .word else {
      expected(
        Text(zh: "法规编码", en: "the code of a law"),
        help: current.kind == .string
          ? Text(zh: "依据写作 法规编码 \"条款\"，如 食品安全法 \"第一百一十条\"", en: "write a basis as LAW \"article\", such as 食品安全法 \"第一百一十条\"")
          : nil)
      return nil
    }
    let law = Name(text(current), span(current))
    advance()
    var article: Name?
    if current.kind == .string {
      article = stringValue(current)
      advance()
    } else if current.kind == .word, tokenStarts(current, with: "第") {
      // `依据 消防法 第五十三条`: the article needs quotes.
      let word = text(current)
      report(
        Diagnostic(
          .E0004, Text(zh: "条款“\(Shown.text(word))”要加引号", en: "the article '\(Shown.text(word))' must be quoted"), at: span(current),
          help: Text(zh: "写作 \(law.value) \"\(Shown.text(word))\"", en: "write \(law.value) \"\(Shown.text(word))\""),
          fixIts: [Diagnostic.FixIt(span: span(current), replacement: "\"\(word)\"")]))
      article = Name(word, span(current))
      advance()
    }
    return Basis(law: law, article: article)
  }

  mutating func choice<Value>(_ vocabulary: Vocabulary<Value>) -> Located<Value>? {
    guard current.kind == .word else {
      expected(Text(zh: "以下之一：\(vocabulary.listing)", en: "one of: \(vocabulary.entries.map(\.english).joined(separator: ", "))"))
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
    var help = Text(zh: "可选：\(vocabulary.listing)", en: "choose one of: \(vocabulary.entries.map(\.english).joined(separator: ", "))")
    help = Suggest.help(Suggest.closest(to: word, among: vocabulary.allSpellings), help)
    report(
      Diagnostic(
        .E0005, Text(zh: "未知的\(what.zh)“\(Shown.text(word))”", en: "unknown \(what.en) '\(Shown.text(word))'"), at: span(token),
        help: help))
  }
}
