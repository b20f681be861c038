/// A 抽查内容 (检查内容、检查内容及要求) cell read as check points, for `choucha import`: the
/// published joint lists write an item's content as a list of the questions an inspector answers
/// (“是否取得特种行业许可证,重点开展…;是否落实旅客信息登记情况,…;是否建立安全管理制度,…。”).
///
/// A cell is a list when
/// - two or more of its lines start with a numbering (`1.` `1、` `1)` `（1）` `(1)` `一、` `①`);
///   an unnumbered line continues the point above (a line wrapped in its cell);
/// - or it numbers its points in sequence on one line: `1` at the start (or after `：`), then `2`,
///   `3`, … in the same form (`（1）是否…（2）是否…`, `1.是否…；2.是否…`); a number inside a
///   word or a decimal (`GB 2760`, `1.5倍`) is no numbering;
/// - or, unnumbered, its parts are separated by `；` or `;`;
/// - or its sentences (ending `。` `？` `?` `！`) or its lines each start with a question,
///   `是否` or `有无` (“是否取得许可证。是否建立台账。”).
///
/// A comma never separates: in these lists it adds the emphasis or the detail of one point
/// (“是否取得特种行业许可证,重点开展用作旅馆的自建房特种行业许可证复核工作” is one point), and a
/// second question after a comma often leans on the first for its subject. Nothing inside
/// brackets or quotes separates (`（含…；…）`, `“五必须”`); a bracket never closed does not
/// shield what follows it. A numbered point is one point even when it holds a `；`.
///
/// From each point the numbering, the white space around it and its end punctuation
/// (`。` `；` `;` `，` `,` `、` `：` `:`, a `.` after no digit) are removed, and its wrapped lines are
/// joined (`CellParser.joinLines`); nothing else is dropped: text before the first number
/// (“检查内容：”) is a point of its own. A cell giving fewer than two points is not a list (nil):
/// it stays `内容 "…"`. Every pass is linear in the cell.
enum ContentPoints {
  /// How a question starts: the sentences or lines of a cell all starting so are its points.
  static let questionStarts: [[Character]] = [Array("是否"), Array("有无")]

  /// The points of `cell`, or nil when it is not a list.
  static func split(_ cell: String) -> [String]? {
    let chars = Array(cell.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n"))
    guard !chars.isEmpty else { return nil }
    let depth = depths(chars)
    let pieces: [ArraySlice<Character>]
    if let numbered = numberedLines(chars, depth) ?? numberedInline(chars, depth) {
      pieces = numbered
    } else {
      pieces = separated(chars[...], depth, by: [";", "；"])
        .flatMap { questions(sentencesOf($0, depth), else: $0) }
        .flatMap { questions(separated($0, depth, by: ["\n"]), else: $0) }
    }
    let points = pieces.map(cleaned).filter { !$0.isEmpty }
    return points.count >= 2 ? points : nil
  }

  // MARK: Brackets and quotes

  static let closers: [Character: Character] = [
    "（": "）", "(": ")", "【": "】", "[": "]", "《": "》", "〔": "〕", "“": "”", "‘": "’", "「": "」", "『": "』", "\"": "\"",
  ]

  /// For each character, how many matched bracket or quote pairs enclose it (a pair's own marks
  /// are outside it). A closer closes the innermost opener when it matches it, else it is a stray;
  /// an opener never closed encloses nothing. One pass and a prefix sum.
  static func depths(_ chars: [Character]) -> [Int] {
    var delta = [Int](repeating: 0, count: chars.count + 1)
    var open: [(index: Int, closer: Character)] = []
    for (index, character) in chars.enumerated() {
      if let top = open.last, top.closer == character {
        open.removeLast()
        delta[top.index + 1] += 1
        delta[index] -= 1
      } else if let closer = closers[character] {
        open.append((index, closer))
      }
    }
    var result = [Int](repeating: 0, count: chars.count)
    var running = 0
    for index in chars.indices {
      running += delta[index]
      result[index] = running
    }
    return result
  }

  // MARK: Numbered points

  /// Lines starting with a numbering (two or more, outside brackets): each starts a point, the
  /// numbering dropped; other lines continue the point above; lines before the first are a point.
  static func numberedLines(_ chars: [Character], _ depth: [Int]) -> [ArraySlice<Character>]? {
    var lines: [(range: Range<Int>, mark: Int?)] = []
    var start = 0
    var numbered = 0
    for index in 0...chars.count where index == chars.count || chars[index] == "\n" {
      var first = start
      while first < index, chars[first] == " " || chars[first] == "\u{3000}" || chars[first] == "\t" { first += 1 }
      var mark: Int?
      if first < index, depth[first] == 0, let range = SheetImporter.Importer.numbering(of: String(chars[first..<index])) {
        let line = String(chars[first..<index])
        mark = first + line.distance(from: line.startIndex, to: range.upperBound)
        numbered += 1
      }
      lines.append((start..<index, mark))
      start = index + 1
    }
    guard numbered >= 2 else { return nil }
    var pieces: [Range<Int>] = []
    for line in lines {
      if let mark = line.mark {
        pieces.append(mark..<line.range.upperBound)
      } else if let last = pieces.popLast() {
        pieces.append(last.lowerBound..<line.range.upperBound)
      } else {
        pieces.append(line.range)
      }
    }
    return pieces.map { chars[$0] }
  }

  enum Style: Equatable {
    /// `（1）` `(1)`, `（一）`
    case bracketed(chinese: Bool)
    /// `1.` `1．`
    case dot
    /// `1、` `一、`
    case comma(chinese: Bool)
    /// `1)` `1）`
    case closing
    /// `①`
    case circled
  }

  /// Numbers in sequence, `1` then `2`, … in one form: each starts a point, the text before `1`
  /// is a point too. `1` counts at the start of the cell or of a line, or after `：` `:`.
  static func numberedInline(_ chars: [Character], _ depth: [Int]) -> [ArraySlice<Character>]? {
    var marks: [(start: Int, end: Int)] = []
    var style: Style?
    var index = 0
    // Only white space since the cell's start, a line's start or a colon.
    var atStart = true
    while index < chars.count {
      let character = chars[index]
      defer {
        if character == "\n" || character == "：" || character == ":" {
          atStart = true
        } else if !(character == " " || character == "\u{3000}" || character == "\t") {
          atStart = false
        }
      }
      if !mayStartMarker(character) {
        // (Most characters: the forms below are not tried.)
      } else if let style {
        if let end = marker(chars, depth, at: index, number: marks.count + 1, style: style) {
          marks.append((index, end))
          index = end
          continue
        }
      } else if atStart {
        for candidate in [Style.bracketed(chinese: false), .bracketed(chinese: true), .dot, .comma(chinese: false), .comma(chinese: true), .closing, .circled] {
          if let end = marker(chars, depth, at: index, number: 1, style: candidate) {
            style = candidate
            marks.append((index, end))
            index = end
            break
          }
        }
        if style != nil { continue }
      }
      index += 1
    }
    guard marks.count >= 2 else { return nil }
    var pieces: [ArraySlice<Character>] = [chars[0..<marks[0].start]]
    for (position, mark) in marks.enumerated() {
      pieces.append(chars[mark.end..<(position + 1 < marks.count ? marks[position + 1].start : chars.count)])
    }
    return pieces
  }

  static let chineseDigits: [Character] = ["一", "二", "三", "四", "五", "六", "七", "八", "九"]

  /// `number` as written: `12`, or `十二` in Chinese numerals (up to 99).
  static func numeral(_ number: Int, chinese: Bool) -> [Character] {
    guard chinese else { return Array(String(number)) }
    guard number >= 10 else { return [chineseDigits[number - 1]] }
    let tens = number / 10, units = number % 10
    return (tens > 1 ? [chineseDigits[tens - 1]] : []) + ["十"] + (units > 0 ? [chineseDigits[units - 1]] : [])
  }

  /// Whether a numbering can start with `character`: a bracket, a numeral or a circled number.
  static func mayStartMarker(_ character: Character) -> Bool {
    if character == "（" || character == "(" || isNumeral(character) { return true }
    guard let scalar = character.unicodeScalars.first else { return false }
    return (0x2460...0x2473).contains(scalar.value) || (0x3251...0x325F).contains(scalar.value) || (0x32B1...0x32BF).contains(scalar.value)
  }

  static func isNumeral(_ character: Character) -> Bool {
    (character.isASCII && character.isNumber) || chineseDigits.contains(character) || character == "十" || character == "零"
  }

  /// Where the numbering `number` in `style` at `index` ends, or nil when there is none: outside
  /// brackets, not inside a number (`21.` is not `1.`), a dot not followed by a digit (`1.5`).
  static func marker(_ chars: [Character], _ depth: [Int], at index: Int, number: Int, style: Style) -> Int? {
    guard depth[index] == 0 else { return nil }
    func matches(_ numeral: [Character], at start: Int) -> Bool {
      guard start + numeral.count <= chars.count else { return false }
      for offset in numeral.indices where chars[start + offset] != numeral[offset] { return false }
      return true
    }
    switch style {
    case .circled:
      // ① … ⑳, ㉑ … ㉟, ㊱ … ㊿
      let value: UInt32
      switch number {
      case 1...20: value = 0x2460 + UInt32(number - 1)
      case 21...35: value = 0x3251 + UInt32(number - 21)
      case 36...50: value = 0x32B1 + UInt32(number - 36)
      default: return nil
      }
      return chars[index] == Character(Unicode.Scalar(value)!) ? index + 1 : nil
    case .bracketed(let chinese):
      guard chars[index] == "（" || chars[index] == "(" else { return nil }
      let numeral = numeral(number, chinese: chinese)
      let close = index + 1 + numeral.count
      guard matches(numeral, at: index + 1), close < chars.count, chars[close] == "）" || chars[close] == ")" else { return nil }
      return close + 1
    case .dot, .comma, .closing:
      let chinese: Bool
      if case .comma(let isChinese) = style { chinese = isChinese } else { chinese = false }
      let numeral = numeral(number, chinese: chinese)
      if index > 0 {
        let previous = chars[index - 1]
        if isNumeral(previous) || (previous.isASCII && previous.isLetter) || previous == "." || previous == "第" { return nil }
      }
      let markAt = index + numeral.count
      guard matches(numeral, at: index), markAt < chars.count else { return nil }
      let mark = chars[markAt]
      switch style {
      case .dot:
        guard mark == "." || mark == "．" else { return nil }
        if markAt + 1 < chars.count, chars[markAt + 1].isNumber { return nil }
      case .comma: guard mark == "、" else { return nil }
      default: guard mark == ")" || mark == "）" else { return nil }
      }
      return markAt + 1
    }
  }

  // MARK: Separated points

  /// The parts of `text` between `separators` outside brackets and quotes.
  static func separated(_ text: ArraySlice<Character>, _ depth: [Int], by separators: Set<Character>) -> [ArraySlice<Character>] {
    var parts: [ArraySlice<Character>] = []
    var start = text.startIndex
    for index in text.indices where separators.contains(text[index]) && depth[index] == 0 {
      parts.append(text[start..<index])
      start = index + 1
    }
    parts.append(text[start..<text.endIndex])
    return parts
  }

  /// The sentences of `text`, each with its end mark (`。` `？` `?` `！`), outside brackets.
  static func sentencesOf(_ text: ArraySlice<Character>, _ depth: [Int]) -> [ArraySlice<Character>] {
    var parts: [ArraySlice<Character>] = []
    var start = text.startIndex
    for index in text.indices where "。？?！".contains(text[index]) && depth[index] == 0 {
      parts.append(text[start...index])
      start = index + 1
    }
    parts.append(text[start..<text.endIndex])
    return parts
  }

  /// `parts` when two or more of them say something and every one that does starts with a
  /// question (`是否`, `有无`); else the text they came from, whole.
  static func questions(_ parts: [ArraySlice<Character>], else whole: ArraySlice<Character>) -> [ArraySlice<Character>] {
    let said = parts.filter { !isBlank($0) }
    guard said.count >= 2, said.allSatisfy(isQuestion) else { return [whole] }
    return said
  }

  /// Nothing but white space and the marks a point loses anyway (`——` is text, not blank).
  static func isBlank(_ text: ArraySlice<Character>) -> Bool {
    text.allSatisfy { $0.isWhitespace || endPunctuation.contains($0) || "。？?！".contains($0) }
  }

  static func isQuestion(_ text: ArraySlice<Character>) -> Bool {
    let body = text.drop { $0.isWhitespace }
    return questionStarts.contains { body.starts(with: $0) }
  }

  // MARK: A point's text

  static let endPunctuation: Set<Character> = ["。", "；", ";", "，", ",", "、", "：", ":"]

  /// The point as written, wrapped lines joined, without white space and punctuation at its ends.
  static func cleaned(_ piece: ArraySlice<Character>) -> String {
    var text = Array(CellParser.joinLines(String(piece)))[...]
    while let first = text.first, first.isWhitespace || endPunctuation.contains(first) { text.removeFirst() }
    while let last = text.last {
      let digitBefore = text.count >= 2 && text[text.endIndex - 2].isNumber
      guard last.isWhitespace || endPunctuation.contains(last) || (last == "." && !digitBefore) else { break }
      text.removeLast()
    }
    return String(text)
  }
}
