/// Reads the cells of a published inspection sheet that carry numbers and laws: 抽查比例, 抽查频次,
/// 抽查依据. What has one clear meaning becomes a value of the rule language; everything else is
/// `.verbatim`, for the importer to keep in a comment with a warning. Nothing is guessed: `10-20%`
/// is a range and `60-70家` a range of counts, and the language has neither.
public enum CellParser {
  /// What a ratio cell can say in the rule language.
  public enum Sampling: Hashable, Sendable {
    /// A PERCENT literal, half-width: `5%`, `0.5%`, `2‰`.
    case ratio(String)
    /// One ratio per credit-risk class, in the order written: `A3% B4% C5% D6%`.
    case classes([ClassRatio])
    /// A number of entities: `18`, `30家`, `7户`.
    case count(Int)
  }

  public struct ClassRatio: Hashable, Sendable {
    public var riskClass: String
    public var ratio: String
  }

  /// A cell's reading. `atLeast` marks a minimum (`不低于3%`, `>=1`, `每年不少于1次`): the value is
  /// the minimum, which is what the rules mean by a ratio or a frequency.
  public enum Reading<Value: Hashable & Sendable>: Hashable, Sendable {
    case value(Value, atLeast: Bool)
    /// Not one clear value: the cell is kept as written.
    case verbatim
    /// Nothing but white space.
    case empty
  }

  // MARK: - Ratios

  /// What a number without a unit (`5`) means in a column: the column's heading tells
  /// (`抽查比例(%)` is percent, `抽查数量` a count); under a plain `抽查比例` it could be either.
  public enum BareNumber: Hashable, Sendable {
    case count, percent
    /// Neither: the cell is `.verbatim`.
    case ambiguous
  }

  /// `5%` `2‰` `0.5％` `不低于3%` `抽查比例10%` `A3% B4% C5% D6%` `18` `30家` `1,200户`. A bare
  /// number is read as `bareNumber` says.
  public static func sampling(_ cell: String, bareNumber: BareNumber = .count) -> Reading<Sampling> {
    var text = normalized(cell)
    if text.isEmpty { return .empty }
    text = stripping(prefixes: ratioPrefixes, from: text)
    let (rest, atLeast) = strippingQualifier(text)
    text = stripping(prefixes: ratioPrefixes, from: rest)
    if text.isEmpty { return .verbatim }
    if text.utf8.first != UInt8(ascii: "-"), let ratio = Ratio(parsing: text) {
      return .value(.ratio(ratio.text), atLeast: atLeast)
    }
    if isBareNumber(text) {
      switch bareNumber {
      case .ambiguous: return .verbatim
      case .percent:
        guard let ratio = Ratio(parsing: text + "%") else { return .verbatim }
        return .value(.ratio(ratio.text), atLeast: atLeast)
      case .count: break
      }
    }
    if let count = count(text) { return .value(.count(count), atLeast: atLeast) }
    if !atLeast, let classes = classRatios(text) { return .value(.classes(classes), atLeast: false) }
    return .verbatim
  }

  static let ratioPrefixes = ["全年", "年度", "每年", "抽查比例", "抽取比例", "比例", "抽查", "抽取"]
  /// Units of entities. Not `次` (times: a frequency) nor `人` (people: inspectors, not entities).
  static let countUnits = ["户次", "家", "户", "个"]

  /// Digits, maybe with a decimal point or thousands separators, and nothing else.
  static func isBareNumber(_ text: String) -> Bool {
    !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") } && text.first!.isNumber
  }

  /// `18`, `30家`, `1,200户`: an integer of at most nine digits (thousands separators only in
  /// their places), maybe followed by a unit of entities.
  static func count(_ text: String) -> Int? {
    var digits = Substring(text)
    for unit in countUnits where digits.hasSuffix(unit) {
      digits = digits.dropLast(unit.count)
      break
    }
    if digits.contains(",") {
      let groups = digits.split(separator: ",", omittingEmptySubsequences: false)
      guard let first = groups.first, (1...3).contains(first.count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
      digits = Substring(groups.joined())
    }
    guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
    return Int(digits)
  }

  /// `A3%B4%C5%D6%` (white space already removed), with optional `类`, `:` or separators between.
  static func classRatios(_ text: String) -> [ClassRatio]? {
    var scalars = Array(text.unicodeScalars)[...]
    var result: [ClassRatio] = []
    while let first = scalars.first {
      if ",;、".unicodeScalars.contains(first) {
        scalars.removeFirst()
        continue
      }
      guard ("A"..."Z").contains(first) else { return nil }
      scalars.removeFirst()
      if scalars.first == "类" { scalars.removeFirst() }
      if scalars.first == ":" { scalars.removeFirst() }
      var literal = ""
      while let next = scalars.first, next.properties.numericType != nil || next == "." {
        literal.unicodeScalars.append(next)
        scalars.removeFirst()
      }
      guard let unit = scalars.first, unit == "%" || unit == "‰" else { return nil }
      literal.unicodeScalars.append(unit)
      scalars.removeFirst()
      guard let ratio = Ratio(parsing: literal) else { return nil }
      let riskClass = String(first)
      guard !result.contains(where: { $0.riskClass == riskClass }) else { return nil }
      result.append(ClassRatio(riskClass: riskClass, ratio: ratio.text))
    }
    return result.count >= 2 ? result : nil
  }

  // MARK: - Frequencies

  /// `1次/年` `每年2次` `每年不少于1次` `抽查1次` `=1` `>=1` `1` `一年两次`. Ranges (`1—2次/年`),
  /// other periods (`每半年1次`) and prose are `.verbatim`.
  public static func frequency(_ cell: String) -> Reading<Int> {
    var text = normalized(cell)
    if text.isEmpty { return .empty }
    text = stripping(prefixes: frequencyPrefixes, from: text)
    let (rest, atLeast) = strippingQualifier(text)
    text = stripping(prefixes: frequencyPrefixes, from: rest)
    for suffix in ["次/年", "/年", "次每年", "次"] where text.hasSuffix(suffix) {
      text = String(text.dropLast(suffix.count))
      break
    }
    if !text.isEmpty, text.count <= 9, text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(text) {
      return .value(value, atLeast: atLeast)
    }
    if let value = chineseNumerals[text] { return .value(value, atLeast: atLeast) }
    return .verbatim
  }

  static let frequencyPrefixes = ["抽查频次", "频次", "每年", "全年", "一年", "年度", "抽查", "检查"]
  static let chineseNumerals: [String: Int] = [
    "一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
  ]

  // MARK: - A cell with both

  /// A cell of 抽查比例及频次 (`3%;2次/年`, `全年抽查比例不低于5%,每年抽查1次`), or a ratio cell that
  /// also states the frequency (`抽查比例不低于3%;抽查1次`). The whole cell is read as a ratio
  /// first, so that `A3%,B4%` stays one map; otherwise it is split at `;` `；` `,` `，` and line
  /// breaks and each part read. Parts that say neither, or say one thing twice, are `rest`.
  public static func samplingAndFrequency(_ cell: String, bareNumber: BareNumber = .count) -> (
    sampling: Reading<Sampling>, frequency: Reading<Int>, rest: [String]
  ) {
    let whole = sampling(cell, bareNumber: bareNumber)
    if case .value = whole { return (whole, .empty, []) }
    if case .empty = whole { return (.empty, .empty, []) }
    var found: (sampling: Reading<Sampling>, frequency: Reading<Int>) = (.empty, .empty)
    var rest: [String] = []
    for part in parts(cell) {
      if part.contains("次"), case .value = frequency(part), case .empty = found.frequency {
        found.frequency = frequency(part)
      } else if case .value = sampling(part, bareNumber: bareNumber), case .empty = found.sampling {
        found.sampling = sampling(part, bareNumber: bareNumber)
      } else {
        rest.append(part)
      }
    }
    return (found.sampling, found.frequency, rest)
  }

  /// The parts of a cell between `;` `；` `,` `，` and line breaks; a comma between digits
  /// (`1,200户`) is a thousands separator, not a break.
  static func parts(_ cell: String) -> [String] {
    let characters = Array(cell)
    var parts: [String] = []
    var current = ""
    for (index, character) in characters.enumerated() {
      if ";；,，\n\r\r\n".contains(character) {
        let between =
          character == "," && index > 0 && index + 1 < characters.count && characters[index - 1].isASCII
          && characters[index - 1].isNumber && characters[index + 1].isASCII && characters[index + 1].isNumber
        if !between {
          parts.append(current)
          current = ""
          continue
        }
      }
      current.append(character)
    }
    parts.append(current)
    return parts.map { $0.trimmingCharacters(in: " \t\u{3000}") }.filter { !$0.isEmpty }
  }

  // MARK: - Legal bases

  /// One law and the articles cited from it: `《食品安全法》第一百零九条、第一百一十条`.
  public struct Citation: Hashable, Sendable {
    /// The title between the book-title marks, white space removed; for a notice issuing a
    /// document, the notice's whole title (`浙江省食品药品监督管理局关于印发《…工作方案》的通知`).
    public var title: String
    /// The articles, as written (without separators and stray brackets at either end); nil if none.
    public var articles: String?
    /// The document number bracketed after the title (`国药监市〔2005〕25号`,
    /// `国家食品药品监督管理总局令第13号`): part of the title's identity, never an article.
    public var number: String? = nil

    public init(title: String, articles: String?, number: String? = nil) {
      self.title = title
      self.articles = articles
      self.number = number
    }
  }

  /// Splits a 抽查依据 cell into one citation per `《title》`, only at real boundaries: a `《`
  /// starts a citation, and its articles run to the last separator (`、` `，` `；` `;` a line
  /// break) before the next `《`. What follows that separator belongs to the next title when it
  /// is not an article: a numbering (`2.` on a numbered line) is dropped, and a notice that issues
  /// a document (`浙江省…局关于印发《…方案》的通知`) is one title, its issuer and `的通知` included.
  /// A bracketed document number right after a title (`（国药监市〔2005〕25号）`,
  /// `（…总局令第13号）`) stays with it as its `number`. Brackets left unmatched by a broken export
  /// (`》(第二十三条`, `》)第三十六条`) are dropped. Text outside any citation (a cell with no `《》`,
  /// words before the first `《`, a `《` never closed) is `rest`. Linear in the cell but for
  /// `closingMark`, which scans from each `《`.
  public static func citations(_ cell: String) -> (citations: [Citation], rest: String?) {
    let text = cell.replacingOccurrences(of: "\r", with: "")
    var citations: [Citation] = []
    var rest: [String] = []
    guard let firstOpen = text.firstIndex(of: "《") else {
      let trimmed = trimSeparators(text)
      return ([], trimmed.isEmpty ? nil : trimmed)
    }
    var (before, prefix) = titlePrefix(text[..<firstOpen])
    if !before.isEmpty { rest.append(before) }
    var index = firstOpen
    while index < text.endIndex {
      guard let close = closingMark(in: text, from: index) else {
        rest.append(trimSeparators((prefix ?? "") + String(text[index...])))
        break
      }
      var title = titleText(String(text[text.index(after: index)..<close]))
      var after = text.index(after: close)
      let next = text[after...].firstIndex(of: "《") ?? text.endIndex
      // A 》 among the articles closes nothing: the brackets are unclear, so the citation is kept as written.
      if text[after..<next].contains("》") {
        rest.append(trimSeparators((prefix ?? "") + String(text[index..<next])))
        prefix = nil
        index = next
        continue
      }
      // `…关于印发《X》的通知`: one title, from the issuer to 的通知.
      if let head = prefix {
        if let end = noticeSuffix(text, from: after, limit: next) {
          title = titleText(head) + "《" + title + "》" + titleText(String(text[after..<end]))
          after = end
        } else {
          rest.append(head)
        }
        prefix = nil
      }
      var number: String?
      if let (written, end) = documentNumber(text, from: after, limit: next) {
        number = written
        after = end
      }
      var articleText = text[after..<next]
      if next < text.endIndex {
        let split = titlePrefix(articleText)
        prefix = split.prefix
        articleText = Substring(split.before)
      }
      let articles = cleanArticles(String(articleText))
      if title.isEmpty {
        rest.append(String(text[index..<next]))
      } else {
        citations.append(Citation(title: title, articles: articles.isEmpty ? nil : articles, number: number))
      }
      index = next
    }
    let leftover = rest.filter { !$0.isEmpty }.joined(separator: " ")
    return (citations, leftover.isEmpty ? nil : leftover)
  }

  /// The text before a `《` split at its last separator outside brackets: what comes before it,
  /// and, after it, the start of the next title (numbering dropped) unless that is empty or an
  /// article (`第十条`).
  static func titlePrefix(_ text: Substring) -> (before: String, prefix: String?) {
    var depth = 0
    var last: String.Index?
    for position in text.indices {
      let character = text[position]
      if "（(〔[【".contains(character) {
        depth += 1
      } else if "）)〕]】".contains(character) {
        depth = max(0, depth - 1)
      } else if depth == 0, "、，,；;\n".contains(character) {
        last = position
      }
    }
    let start = last.map { text.index(after: $0) } ?? text.startIndex
    var candidate = Substring(text[start...]).drop { " \t\u{3000}".contains($0) }
    var numbered = false
    if let mark = numbering(candidate) {
      candidate = candidate[mark...]
      numbered = true
    }
    let prefix = trimSeparators(String(candidate))
    // A numbered line's numbering (`2.《…》`) is a boundary, not text of either citation.
    if prefix.isEmpty { return (String(numbered ? text[..<start] : text), nil) }
    if isArticle(prefix) { return (String(text), nil) }
    return (String(text[..<start]), prefix)
  }

  /// A line's numbering (`1.` `2、` `（3）` `(4)`): the index after it.
  static func numbering(_ text: Substring) -> String.Index? {
    var index = text.startIndex
    var bracketed = false
    if index < text.endIndex, "（(".contains(text[index]) {
      bracketed = true
      index = text.index(after: index)
    }
    let digits = index
    while index < text.endIndex, text[index].isASCII, text[index].isNumber { index = text.index(after: index) }
    guard index > digits, index < text.endIndex else { return nil }
    let mark = text[index]
    if bracketed ? "）)".contains(mark) : ".．、)）".contains(mark) { return text.index(after: index) }
    return nil
  }

  /// Whether the text cites articles (`第十条`, `第三款`, `十二条`) rather than starting a title.
  static func isArticle(_ text: String) -> Bool {
    text.hasPrefix("第") || text.hasSuffix("条") || text.hasSuffix("款") || text.hasSuffix("项")
      || text.allSatisfy { $0.isNumber || "、，,．. ".contains($0) }
  }

  /// `的通知` `的决定` … right after a `》` closing the title a notice issues: the index after it.
  static func noticeSuffix(_ text: String, from start: String.Index, limit: String.Index) -> String.Index? {
    let tail = text[start..<limit]
    for kind in ["的通知", "的决定", "的意见", "的批复", "的公告", "的通告", "的函"] where tail.hasPrefix(kind) {
      return text.index(start, offsetBy: kind.count)
    }
    return nil
  }

  /// A bracketed document number right after a title — `（国药监市〔2005〕25号）`,
  /// `(浙食药监市〔2011〕6号)`, `（国家食品药品监督管理总局令第13号）` — without its brackets, and
  /// the index after it; nil when the next text is not one.
  static func documentNumber(_ text: String, from start: String.Index, limit: String.Index) -> (String, String.Index)? {
    var index = start
    while index < limit, " \t\u{3000}\n".contains(text[index]) { index = text.index(after: index) }
    guard index < limit, "（(".contains(text[index]) else { return nil }
    let open = index
    var depth = 0
    while index < limit {
      let character = text[index]
      if "（(".contains(character) { depth += 1 }
      if "）)".contains(character) {
        depth -= 1
        if depth == 0 { break }
      }
      index = text.index(after: index)
    }
    guard index < limit else { return nil }
    let inner = titleText(String(text[text.index(after: open)..<index]))
    guard inner.hasSuffix("号"), inner.contains("〔") || inner.contains("[") || inner.contains("令") || inner.contains("第") else {
      return nil
    }
    return (inner, text.index(after: index))
  }

  /// The 》 that closes the 《 at `open`, counting nested marks (`《国务院关于《食品安全法》的决定》`).
  static func closingMark(in text: String, from open: String.Index) -> String.Index? {
    var depth = 0
    for position in text[open...].indices {
      if text[position] == "《" { depth += 1 }
      if text[position] == "》" {
        depth -= 1
        if depth == 0 { return position }
      }
    }
    return nil
  }

  /// A law's title without white space (`《食品 安全法》` and a title wrapped in its cell are
  /// `食品安全法`), but for one space between two Latin letters or digits (`WTO 协定` keeps none,
  /// `ISO 9001` keeps one).
  static func titleText(_ raw: String) -> String {
    var result = ""
    var space = false
    for character in raw {
      if character.isWhitespace {
        space = true
        continue
      }
      if space, let last = result.last, last.isASCII, last.isLetter || last.isNumber, character.isASCII, character.isLetter || character.isNumber {
        result.append(" ")
      }
      space = false
      result.append(character)
    }
    return result
  }

  static let separators = " \t\n\u{3000}、，,；;。.：:"

  static func trimSeparators(_ text: String) -> String {
    text.trimmingCharacters(in: separators)
  }

  /// The articles after a title: lines joined, separators trimmed, unmatched brackets dropped.
  static func cleanArticles(_ raw: String) -> String {
    var text = trimSeparators(joinLines(raw))
    var changed = true
    while changed && !text.isEmpty {
      changed = false
      for (open, close) in [("(", ")"), ("（", "）")] {
        let opens = text.filter { String($0) == open }.count
        let closes = text.filter { String($0) == close }.count
        if opens > closes, text.hasPrefix(open) || text.hasSuffix(open) {
          text = text.hasPrefix(open) ? String(text.dropFirst()) : String(text.dropLast())
          changed = true
        } else if closes > opens, text.hasPrefix(close) || text.hasSuffix(close) {
          text = text.hasPrefix(close) ? String(text.dropFirst()) : String(text.dropLast())
          changed = true
        }
      }
      let trimmed = trimSeparators(text)
      if trimmed != text {
        text = trimmed
        changed = true
      }
    }
    return text
  }

  // MARK: - Text

  /// Lines joined: a break between two ideographs disappears (`县级以上市场监管⏎部门`), any
  /// other becomes one space; runs of white space become one space.
  public static func joinLines(_ text: String) -> String {
    let scalars = Array(text.replacingOccurrences(of: "\r", with: "").unicodeScalars)
    var result = String.UnicodeScalarView()
    var index = 0
    func isIdeograph(_ scalar: Unicode.Scalar?) -> Bool {
      guard let value = scalar?.value else { return false }
      return (0x4E00...0x9FFF).contains(value) || (0x3000...0x303F).contains(value) || (0xFF00...0xFFEF).contains(value)
    }
    while index < scalars.count {
      let scalar = scalars[index]
      guard scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\u{3000}" else {
        result.append(scalar)
        index += 1
        continue
      }
      var end = index
      var hasBreak = false
      while end < scalars.count, [" ", "\t", "\n", "\u{3000}"].contains(scalars[end]) {
        if scalars[end] == "\n" { hasBreak = true }
        end += 1
      }
      let previous = result.last
      let next = end < scalars.count ? scalars[end] : nil
      if !result.isEmpty, next != nil, !(hasBreak && isIdeograph(previous) && isIdeograph(next)) {
        result.append(" ")
      }
      index = end
    }
    return String(result)
  }

  /// Half-width, without white space: `５％` → `5%`, `≥` → `>=`, `＝` → `=`. White space between
  /// two digits stays, as one space: `2 5%` is not `25%`, so it reads as no number at all.
  static func normalized(_ cell: String) -> String {
    var result = String.UnicodeScalarView()
    var space = false
    func isDigit(_ scalar: Unicode.Scalar?) -> Bool { scalar.map { ("0"..."9").contains($0) } ?? false }
    for scalar in cell.unicodeScalars {
      let converted: String.UnicodeScalarView
      switch scalar.value {
      case 0x20, 0x09, 0x0A, 0x0D, 0x3000, 0xA0:
        space = true
        continue
      case 0xFF01...0xFF5E: converted = String(Unicode.Scalar(scalar.value - 0xFEE0)!).unicodeScalars
      case 0x2265: converted = ">=".unicodeScalars
      default: converted = String(scalar).unicodeScalars
      }
      if space, isDigit(result.last), isDigit(converted.first) { result.append(" ") }
      space = false
      result.append(contentsOf: converted)
    }
    var text = String(result)
    while let last = text.last, "。.;,、".contains(last) { text.removeLast() }
    return text
  }

  static func stripping(prefixes: [String], from text: String) -> String {
    var text = text
    var changed = true
    while changed {
      changed = false
      for prefix in prefixes where text.hasPrefix(prefix) && text.count > prefix.count {
        text = String(text.dropFirst(prefix.count))
        changed = true
      }
      if text.hasPrefix(":") {
        text.removeFirst()
        changed = true
      }
    }
    return text
  }

  /// `不低于`, `不少于`, `至少`, `最低`, `>=` (a minimum) or `=` (exact), removed.
  static func strippingQualifier(_ text: String) -> (String, atLeast: Bool) {
    for qualifier in ["不低于", "不少于", "至少", "最低", ">="] where text.hasPrefix(qualifier) {
      return (String(text.dropFirst(qualifier.count)), true)
    }
    if text.hasPrefix("=") { return (String(text.dropFirst()), false) }
    return (text, false)
  }
}
