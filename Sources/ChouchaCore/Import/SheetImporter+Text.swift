/// Names to codes, and the text helpers the conversion uses.
extension SheetImporter.Importer {
    // MARK: Names to codes

    /// The code of the department a cell names. Names are compared normalised: first as written
    /// with spacing, bracket width, stray brackets and end punctuation set aside (`cleanDepartment`:
    /// one department, the other spellings in its comment), then with the 工商/市场监管 names of
    /// before and after the 2018 reform unified (`departmentKey`: one department too, but W0609).
    mutating func departmentCode(_ written: String, at span: Span? = nil) -> String {
      let name = CellParser.joinLines(written).trimmingCharacters(in: " ")
      if let code = departmentCodes[name] { return code }
      let clean = Self.cleanDepartment(name)
      if let code = departmentCodes[clean] {
        departmentCodes[name] = code
        if let index = newDepartments.firstIndex(where: { $0.code == code }), !newDepartments[index].variants.contains(name) {
          newDepartments[index].variants.append(name)
        }
        return code
      }
      let key = Self.departmentKey(clean)
      if let code = departmentByKey[key], let index = newDepartments.firstIndex(where: { $0.code == code }) {
        departmentCodes[name] = code
        departmentCodes[clean] = code
        newDepartments[index].variants.append(name)
        var merge = departmentMerges[code] ?? (names: [newDepartments[index].title], span: span)
        if !merge.names.contains(clean) { merge.names.append(clean) }
        if merge.span == nil { merge.span = span }
        departmentMerges[code] = merge
        return code
      }
      let code = Self.uniqueCode(Self.code(clean, fallback: "BM"), taken: Set(newDepartments.map(\.code)))
      departmentCodes[name] = code
      departmentCodes[clean] = code
      departmentByKey[key] = code
      newDepartments.append(SheetImporter.Generated(code: code, title: clean, variants: clean == name ? [] : [name]))
      return code
    }

    /// A department's name as a sheet should have written it: no white space (but one between
    /// two Latin letters or digits), full-width brackets, no bracket left unmatched (`…部门）`),
    /// no empty brackets, no punctuation at either end.
    static func cleanDepartment(_ name: String) -> String {
      var characters: [Character] = []
      var space = false
      for character in name {
        if character.isWhitespace {
          space = true
          continue
        }
        if space, let last = characters.last, last.isASCII, last.isLetter || last.isNumber, character.isASCII,
          character.isLetter || character.isNumber
        {
          characters.append(" ")
        }
        space = false
        characters.append(character == "(" ? "（" : character == ")" ? "）" : character)
      }
      // Unmatched brackets, in one pass: a closer with no opener, and openers never closed.
      var keep = [Bool](repeating: true, count: characters.count)
      var open: [Int] = []
      for (index, character) in characters.enumerated() {
        if character == "（" {
          open.append(index)
        } else if character == "）" {
          if let opener = open.popLast() {
            if opener == index - 1 { keep[opener] = false; keep[index] = false }
          } else {
            keep[index] = false
          }
        }
      }
      for index in open { keep[index] = false }
      var result = String(characters.indices.filter { keep[$0] }.map { characters[$0] })
      result = result.trimmingCharacters(in: "、，,；;。.：:")
      return result.isEmpty ? name : result
    }

    /// What two names of one department share: the 工商 and 市场监管 names unified (`工商、市场监管`,
    /// `工商（市场监管）`, `工商和市场监管`, `市场监督管理`, `工商行政管理` are all 市场监管), then
    /// every bracket and punctuation mark dropped.
    static func departmentKey(_ clean: String) -> String {
      var text = clean
      for (from, to) in [("市场监督管理", "市场监管"), ("工商行政管理", "工商")] {
        text = text.replacingOccurrences(of: from, with: to)
      }
      for joined in ["工商、市场监管", "工商（市场监管）", "工商和市场监管", "工商及市场监管", "工商与市场监管", "工商或市场监管", "工商/市场监管", "市场监管（工商）", "市场监管、工商"] {
        text = text.replacingOccurrences(of: joined, with: "市场监管")
      }
      text = text.replacingOccurrences(of: "工商", with: "市场监管")
      return String(text.filter { !($0.isPunctuation || $0.isWhitespace || $0.isSymbol) })
    }

    mutating func lawCode(_ title: String, number: String? = nil) -> String {
      if let code = lawCodes[title] ?? lawCodes[AuthorityImporter.strippedTitle(title)] {
        if let number, let index = newLaws.firstIndex(where: { $0.code == code }), newLaws[index].number == nil {
          newLaws[index].number = number
        }
        return code
      }
      let stripped = AuthorityImporter.strippedTitle(title)
      let base = Self.code(stripped, fallback: "FG")
      // The same code from another spelling of the same title (with or without the prefix) is the same law.
      if let existing = newLaws.first(where: { $0.code == base }),
        AuthorityImporter.strippedTitle(existing.title) == stripped
      {
        lawCodes[title] = existing.code
        return existing.code
      }
      let code = Self.uniqueCode(base, taken: Set(newLaws.map(\.code)))
      lawCodes[title] = code
      lawCodes[stripped] = code
      newLaws.append(SheetImporter.Generated(code: code, title: title, number: number))
      return code
    }

    /// The inspection powers of `department`, not exempt, that cite one of the same articles of
    /// one of the same laws (a law cited without articles matches a power citing it without).
    static func authorities(of department: String, citing cited: [(law: String, articles: String?)], among authorities: [Authority]) -> [String] {
      func articles(_ text: String?) -> Set<String> {
        Set((text ?? "").split(whereSeparator: { "、，,；; \u{3000}".contains($0) }).map(String.init))
      }
      var result: [String] = []
      for authority in authorities
      where authority.kind?.value == .inspection && authority.exempt == nil && authority.department?.value == department {
        let matches = authority.bases.contains { basis in
          cited.contains { law, written in
            guard law == basis.law.value else { return false }
            let mine = articles(written), theirs = articles(basis.article?.value)
            return mine.isEmpty && theirs.isEmpty || !mine.isDisjoint(with: theirs)
          }
        }
        if matches, !result.contains(authority.header.id.value) { result.append(authority.header.id.value) }
      }
      return result
    }

    // MARK: Text helpers

    /// A code made of the word characters of `text` (brackets, punctuation and spaces dropped).
    static func code(_ text: String, fallback: String) -> String {
      var scalars = String.UnicodeScalarView()
      for scalar in text.unicodeScalars {
        if scalar.isASCII ? Lexer.isWordByte(UInt8(scalar.value)) || scalar == "." : Lexer.isWordScalar(scalar) {
          if scalar == ".", scalars.last == "." || scalars.isEmpty { continue }
          scalars.append(scalar)
        }
      }
      while scalars.last == "." { scalars.removeLast() }
      let result = String(scalars)
      return Lexer.isSingleWord(result) ? result : fallback
    }

    /// What a bare number means in a ratio or count column, by its heading: a unit in the
    /// heading's notes (`抽查比例(%)`, `抽取对象数（户）`) decides; otherwise a count column or a
    /// `比例/数量` column counts, and a plain ratio column is ambiguous.
    mutating func bareNumber(_ key: String, _ table: CSVTable, count: Bool) -> CellParser.BareNumber {
      if let known = bareNumbers[key] { return known }
      let value = Self.bareNumber(heading: heading(table, key), count: count)
      bareNumbers[key] = value
      return value
    }

    static func bareNumber(heading: String, count: Bool) -> CellParser.BareNumber {
      let notes = CSVTable.notes(heading)
      if notes.contains("%") || notes.contains("％") || notes.contains("百分") { return .percent }
      if ["户", "家", "个", "数"].contains(where: { notes.contains($0) }) { return .count }
      return count || CSVTable.withoutNotes(heading).contains("数量") ? .count : .ambiguous
    }

    static func uniqueCode(_ base: String, taken: Set<String>) -> String {
      var code = base
      var counter = 2
      while taken.contains(code) {
        code = "\(base)-\(counter)"
        counter += 1
      }
      return code
    }

    /// A name as a list value: bare when it is one word that cannot be read as anything else,
    /// else quoted.
    static func name(_ text: String) -> String {
      let cleaned = CellParser.joinLines(text).trimmingCharacters(in: " ")
      let isWord =
        !cleaned.isEmpty && code(cleaned, fallback: "") == cleaned && !cleaned.contains(".")
        && cleaned.unicodeScalars.first.map { !("0"..."9").contains($0) && $0 != "-" && $0 != "+" } ?? false
        && !cleaned.contains("至") && !cleaned.contains("工作日")
        && FieldKey.vocabulary.lookup(cleaned) == nil && DeclKind.vocabulary.lookup(cleaned) == nil
      return isWord ? cleaned : quoted(cleaned)
    }

    /// A string literal: `"…"` with `\` and `"` escaped, on one line.
    static func quoted(_ text: String) -> String {
      var result = "\""
      for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": result += "\\\\"
        case "\"": result += "\\\""
        case "\n", "\r", "\t": result += " "
        default:
          // What a string may not hold (controls, line separators, bidi controls) is written as its
          // code point, as in comments: nothing is lost, and the string still reads (W0603 says so,
          // `refusedCharacters`).
          if Lexer.isForbiddenInString(scalar) {
            result += Shown.marker(scalar, nil, named: false)
          } else {
            result.unicodeScalars.append(scalar)
          }
        }
      }
      return result + "\""
    }

    /// The parts of a list cell between `separators`, trimmed; a separator inside brackets
    /// (`食品经营者（含小餐饮、食品摊贩）`) does not split.
    static func split(_ text: String, by separators: String) -> [String] {
      var parts: [String] = []
      var current = ""
      var depth = 0
      for character in text {
        if openingBrackets.contains(character) {
          depth += 1
        } else if closingBrackets.contains(character) {
          depth = max(0, depth - 1)
        } else if depth == 0, separators.contains(character) || ((character == "\r\n" || character == "\r") && separators.contains("\n")) {
          parts.append(current)
          current = ""
          continue
        }
        current.append(character)
      }
      parts.append(current)
      return parts.map { $0.trimmingCharacters(in: " \t\u{3000}\r\n") }.filter { !$0.isEmpty }
    }

    /// The object types a cell lists. `，` `；` and line breaks always separate; a `、` separates
    /// only names that each name a kind of entity (`企业、个体工商户、农民专业合作社`): in
    /// `本辖区物流、寄递企业` or `包装装潢、其他印刷品印刷单位` it joins what qualifies one noun, a
    /// clause the split would cut into a name that is no object (`本辖区物流`), so the part is
    /// kept whole. Nothing inside brackets separates (`食品经营者（含小餐饮、食品摊贩）`).
    static func splitObjects(_ text: String) -> [String] {
      split(text, by: "，,；;\n").flatMap { part -> [String] in
        let names = split(part, by: "、")
        guard names.count > 1, names.dropLast().allSatisfy(namesEntity) else { return [part] }
        return names
      }
    }

    /// Whether a name ends as the name of a kind of inspected entity does (`…企业`, `…经营者`,
    /// `…户`, `…单位`, `…学校`), bracketed notes aside.
    static func namesEntity(_ name: String) -> Bool {
      let bare = withoutBracketedNotes(name).trimmingCharacters(in: " \u{3000}")
      return entityEndings.contains { bare.hasSuffix($0) }
    }

    static let entityEndings = [
      "者", "户", "企业", "单位", "机构", "组织", "社", "公司", "厂", "场", "场所", "店", "馆", "商", "人", "院", "所", "站",
      "校", "学", "园", "中心", "市场", "部门", "主体", "坊", "摊", "点", "网站", "平台", "会", "协会", "队", "室", "行", "铺",
    ]

    static let openingBrackets: Set<Character> = ["（", "(", "【", "[", "《", "〔"]
    static let closingBrackets: Set<Character> = ["）", ")", "】", "]", "》", "〕"]

    /// The text without its bracketed notes: `JC-001（新增）` is `JC-001`.
    static func withoutBracketedNotes(_ text: String) -> String {
      var result = ""
      var depth = 0
      for character in text {
        if openingBrackets.contains(character) {
          depth += 1
        } else if closingBrackets.contains(character) {
          depth = max(0, depth - 1)
        } else if depth == 0 {
          result.append(character)
        }
      }
      return result
    }

    /// Without white space, for looking a cell up in a vocabulary (`一般检查 事项`).
    static func squeezed(_ text: String) -> String {
      String(text.unicodeScalars.filter { !" \t\r\n\u{3000}".unicodeScalars.contains($0) }.map(Character.init))
    }

    /// A cell that lists several items gives one title each, numbering removed: items apart by
    /// `;` `；` (`粮食收购活动监督检查;地方储备粮监督检查`), or on lines of their own when the lines
    /// are numbered (`1、拍卖活动经营资格的检查⏎2、登记事项检查`, `（1）`, `1.`). Any other line
    /// break is a title wrapped in its cell (`对食品生产经营者的⏎监督检查`): the lines are joined.
    static func splitItems(_ text: String) -> [String] {
      splitNumberedItems(text).map(\.title)
    }

    /// `splitItems`, with the numbering each title had (`1.学校招生…` is `学校招生…`, numbered
    /// `1.`): a title loses its numbering whether the cell lists one item or several.
    static func splitNumberedItems(_ text: String) -> [(title: String, numbering: String?)] {
      var chunks: [String] = []
      for segment in split(text, by: "；;") {
        let lines = segment.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.trimmingCharacters(in: " \t\u{3000}").isEmpty }
        var numbered = lines.filter { numbering(of: $0) != nil }.count >= 2
        if lines.count < 2 { numbered = false }
        var parts: [String] = []
        for line in lines {
          if parts.isEmpty || (numbered && numbering(of: line) != nil) {
            parts.append(line)
          } else {
            parts[parts.count - 1] += "\n" + line
          }
        }
        chunks += parts
      }
      var parts = chunks.map { trimItem($0) }.filter { !$0.isEmpty }
      if parts.count <= 1 { parts = [CellParser.joinLines(text).trimmingCharacters(in: " ")] }
      return parts.map { part in
        guard let mark = numbering(of: part) else { return (part, nil) }
        let title = String(part[mark.upperBound...]).trimmingCharacters(in: " \u{3000}")
        // A title that is only a number stays as written.
        guard !title.isEmpty else { return (part, nil) }
        return (title, String(part[mark]))
      }
    }

    /// The numbering a line starts with: `1、` `1.` `1)` `（1）` `(1)` `一、` `①`.
    static func numbering(of line: String) -> Range<String.Index>? {
      let text = Substring(line).drop { $0 == " " || $0 == "\u{3000}" || $0 == "\t" }
      let numerals: (Character) -> Bool = { ($0.isASCII && $0.isNumber) || "一二三四五六七八九十".contains($0) }
      if let first = text.first, ("\u{2460}"..."\u{2473}").contains(first) {
        return text.startIndex..<text.index(after: text.startIndex)
      }
      if let first = text.first, first == "（" || first == "(" {
        let inner = text.dropFirst().prefix(while: numerals)
        guard !inner.isEmpty, let close = text.dropFirst(1 + inner.count).first, close == "）" || close == ")" else { return nil }
        return text.startIndex..<text.index(text.startIndex, offsetBy: inner.count + 2)
      }
      let number = text.prefix(while: numerals)
      guard !number.isEmpty, let mark = text.dropFirst(number.count).first else { return nil }
      let arabic = number.allSatisfy { $0.isASCII }
      guard mark == "、" || (arabic && ".．)）".contains(mark)) else { return nil }
      // `1.5%` is a number, not an item's numbering.
      if mark == ".", let next = text.dropFirst(number.count + 1).first, next.isNumber { return nil }
      return text.startIndex..<text.index(text.startIndex, offsetBy: number.count + 1)
    }

    static func trimItem(_ text: String) -> String {
      var text = CellParser.joinLines(text).trimmingCharacters(in: " ")
      while let last = text.last, "。;；".contains(last) { text.removeLast() }
      return text
    }

    static func noteKeysFor(cells: [String: CSVReader.Cell]) -> [String] {
      SheetImporter.noteKeys.filter { cells[$0] != nil }
    }
}
