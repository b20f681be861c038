/// The catalog, family 00: reading a rule file — its encoding, its characters (the lexer) and its
/// shape (the parser). Words of the file come in as they are written; vocabularies (keywords,
/// fields, values) come in listed, in both languages.
extension Diagnostic {
  /// E0001: a NUL byte, or bytes that are not UTF-8, at `offset`; one per file.
  package static func invalidEncoding(offset: Int, nul: Bool, at span: Span) -> Diagnostic {
    Diagnostic(
      .E0001,
      nul
        ? Text(zh: "文件中有空字节（NUL，第 \(offset) 字节），这不是文本文件", en: "NUL byte at byte offset \(offset): this is not a text file")
        : Text(zh: "第 \(offset) 字节不是有效的 UTF-8 编码", en: "invalid UTF-8 at byte offset \(offset)"),
      at: span,
      help: Text(
        zh: "请将文件另存为 UTF-8 编码（在 WPS 或记事本中“另存为”时选择 UTF-8）",
        en: "save the file as UTF-8 (choose UTF-8 in the editor's 'Save as' dialog)"))
  }

  /// E0002: a string whose closing `quote` is missing before the line ends at `lineEnd`.
  package static func unterminatedString(quote: String, at span: Span, lineEnd: Span) -> Diagnostic {
    Diagnostic(
      .E0002,
      Text(zh: "字符串缺少结束引号 \(quote)", en: "this string has no closing \(quote)"),
      at: span,
      labels: [Diagnostic.Label(lineEnd, Text(zh: "字符串到此行末仍未结束", en: "the line ends here"))],
      help: Text(
        zh: "在文字末尾补上 \(quote)；字符串不能跨行",
        en: "add \(quote) at the end of the text; strings cannot span lines"),
      fixIts: [Diagnostic.FixIt(span: lineEnd, replacement: quote)])
  }

  /// E0003: a control, separator or bidi character in a string or a comment, at the first of
  /// them; `more` such characters follow in it.
  package static func forbiddenCharacter(_ scalar: Unicode.Scalar, more: Int, inComment: Bool, at span: Span) -> Diagnostic {
    let name = Shown.name(scalar)
    let help: Text
    if Shown.isBidiControl(scalar) {
      help = Text(
        zh: "删除这个字符：它改变文字的显示顺序，会让" + (inComment ? "注释看起来像字段" : "名称看起来与实际写的不同"),
        en: "delete it: it changes the order in which text is displayed, so "
          + (inComment ? "a comment could look like a field" : "the text would look different from what it is"))
    } else if inComment, scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0x0D || scalar.value == 0x85 {
      help = Text(
        zh: "删除这个分隔符，换成真正的换行，新的一行以 # 开头：注释到行尾为止，分隔符之后看似另起一行的文字其实仍是注释",
        en: "replace this separator with a real line break and start the new line with #: a comment runs to the end of the line, so what looks like a new line after it is still comment")
    } else if scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0x0D || scalar.value == 0x85 {
      help = Text(
        zh: "删除这个分隔符：字符串不能跨行；要写几段文字，请分成几个值",
        en: "delete this separator: a string cannot span lines; write several values for several pieces of text")
    } else {
      help = Text(
        zh: "删除这个看不见的控制字符（多半是从别处粘贴来的）；制表符之外的控制字符不能写在" + (inComment ? "注释中" : "字符串中"),
        en: "delete this invisible control character (probably pasted in); no control character but tab may appear in a " + (inComment ? "comment" : "string"))
    }
    return Diagnostic(
      .E0003,
      Text(
        zh: (inComment ? "注释中不能有\(name.zh)" : "字符串中不能有\(name.zh)")
          + (more > 0 ? (inComment ? "（此注释中还有 \(more) 个这类字符）" : "（此字符串中还有 \(more) 个这类字符）") : ""),
        en: (inComment ? "a comment cannot hold \(name.en)" : "a string cannot hold \(name.en)")
          + (more > 0 ? (inComment ? " (\(more) more such characters in this comment)" : " (\(more) more such characters in this string)") : "")),
      at: span, help: help,
      fixIts: [Diagnostic.FixIt(span: span, replacement: "")])
  }

  /// E0003: white space between a number and its `%` or `‰`.
  /// - Parameters:
  ///   - span: from the end of the number to the end of the sign.
  ///   - space: the white space alone, which the fix-it deletes.
  package static func spaceBeforeSign(number: String, sign: String, at span: Span, space: Span) -> Diagnostic {
    Diagnostic(
      .E0003,
      Text(zh: "数字与“\(sign)”之间不能有空格", en: "no space may stand between a number and '\(sign)'"),
      at: span,
      help: Text(zh: "写作 \(number)\(sign)", en: "write \(number)\(sign)"),
      fixIts: [Diagnostic.FixIt(span: space, replacement: "")])
  }

  /// E0003: characters that start no token, `first` the first of them.
  package static func unexpectedCharacter(_ text: String, first: Unicode.Scalar, at span: Span) -> Diagnostic {
    Diagnostic(
      .E0003,
      Text(
        zh: "无法识别的字符“\(Shown.text(text, language: .zh))”",
        en: "unexpected character '\(Shown.text(text, language: .en))'"),
      at: span, help: advice(for: first))
  }

  /// What to do about an unexpected character, by the character.
  static func advice(for scalar: Unicode.Scalar) -> Text {
    switch scalar {
    case "（", "）", "(", ")", "【", "】", "[", "]", "《", "》", "<", ">":
      return Text(
        zh: "括号只能出现在引号内的文字中：把这段文字放进 \"…\" 或 “…”",
        en: "brackets may appear only inside quoted text: put this text in \"…\" or “…”")
    case "。":
      return Text(
        zh: "句号不能分隔字段：请换行，或改用分号 ;",
        en: "a full stop does not separate fields: start a new line or type ';'")
    case "=":
      return Text(zh: "字段名与值之间不需要等号，请删除", en: "no '=' is needed between a field and its value; delete it")
    case "'", "‘", "’", "”":
      return Text(
        zh: "字符串请用英文双引号 \"…\" 或中文引号 “…” 成对括起",
        en: "quote text with \"…\" or “…”, in pairs")
    case "／", "/":
      return Text(zh: "多个值之间请用逗号 , 或顿号 、 分隔", en: "separate several values with ',' or '、'")
    default:
      return Text(
        zh: "此字符只能出现在引号内的文字中；如果是名称的一部分，请把名称放进 \"…\"",
        en: "this character may appear only inside quoted text; if it is part of a name, quote the name")
    }
  }

  /// E0003: brackets outside quotes, once for the pair, with the name that needs quoting.
  /// - Parameters:
  ///   - bookTitle: the brackets are `《》`, which belong in a basis's quoted article, so the
  ///     name is not quoted for the user.
  package static func bracketsOutsideQuotes(
    _ bracket: String, name: Located<String>, bookTitle: Bool, at span: Span
  ) -> Diagnostic {
    let help =
      bookTitle
      ? Text(
        zh: "依据写作 法规编码 \"条款\"，如 依据 消防法 \"第五十三条\"；书名号只能出现在引号内",
        en: "write a basis as LAW \"article\", such as basis 消防法 \"第五十三条\"; 《》 may appear only inside quotes")
      : Text(zh: "把整个名称放进引号：\"\(name.value)\"", en: "quote the whole name: \"\(name.value)\"")
    return Diagnostic(
      .E0003,
      Text(zh: "括号“\(bracket)”只能出现在引号内的文字中", en: "the brackets in '\(bracket)' may appear only inside quoted text"),
      at: span, help: help,
      fixIts: bookTitle ? [] : [Diagnostic.FixIt(span: name.span, replacement: "\"\(name.value)\"")])
  }

  /// E0004: something else than `expected` was found (described by the parser, such as 行末 /
  /// `the end of the line`).
  package static func expected(_ expected: Expectation, found: Text, at span: Span) -> Diagnostic {
    let what = expected.what
    return Diagnostic(
      .E0004,
      Text(zh: "此处应为\(what.zh)，但遇到了\(found.zh)", en: "expected \(what.en), found \(found.en)"),
      at: span, help: expected.help)
  }

  /// What the parser expected where E0004 is reported.
  package enum Expectation: Sendable {
    /// A declaration keyword, at the top level.
    case declaration
    /// The year of a plan or a calendar.
    case year
    /// The code of a declaration of `kind` (事项 / `item`).
    case code(of: Text)
    /// The name after a code; `kind` and `id` show where it goes.
    case nameInQuotes(kind: Text, id: String)
    case openingBrace
    case fieldOrClosingBrace
    /// After a value; the help says how several values are written.
    case endOfField
    case importKind
    case importPath
    case textInQuotes
    /// A code, or a name; `quoted` when a string stands there.
    case codeOrName(quoted: Bool)
    case date
    /// The month of a monthly report.
    case month
    /// The `..` and end date of a range.
    case rangeEnd
    case wholeNumber
    case ratio
    case classRatio
    /// An entry of a 要点 block: a point's text in quotes, or a shared point's code.
    case checkPoint
    /// After a check point: its fields, then the end of the line.
    case endOfPoint
    /// The law of a basis; `quoted` when a string stands there.
    case lawCode(quoted: Bool)
    /// One of the values listed, in each language.
    case oneOf(Text)

    var what: Text {
      switch self {
      case .declaration: return Text(zh: "声明（如 部门、事项）", en: "a declaration (such as department, item)")
      case .year: return Text(zh: "年度（如 2024）", en: "a year (such as 2024)")
      case .code(let kind): return Text(zh: "\(kind.zh)的编码", en: "the code of the \(kind.en)")
      case .nameInQuotes: return Text(zh: "引号中的名称", en: "a name in quotes")
      case .openingBrace: return Text(zh: "“{”", en: "'{'")
      case .fieldOrClosingBrace: return Text(zh: "字段名或“}”", en: "a field or '}'")
      case .endOfField: return Text(zh: "行末、分号或下一个字段", en: "the end of the line, ';' or the next field")
      case .importKind: return Text(zh: "引入的内容（权责）", en: "what to import (authorities)")
      case .importPath: return Text(zh: "引号中的文件路径", en: "a file path in quotes")
      case .textInQuotes: return Text(zh: "引号中的文字", en: "text in quotes")
      case .codeOrName: return Text(zh: "编码或名称", en: "a code or name")
      case .date: return Text(zh: "日期（如 2024-03-01）", en: "a date (such as 2024-03-01)")
      case .month: return Text(zh: "月份（如 2024-05）", en: "a month (such as 2024-05)")
      case .rangeEnd: return Text(zh: "“..”和结束日期", en: "'..' and an end date")
      case .wholeNumber: return Text(zh: "整数", en: "a whole number")
      case .ratio: return Text(zh: "比例（如 5%）", en: "a ratio (such as 5%)")
      case .classRatio: return Text(zh: "信用风险分类及其比例（如 A 3%）或“}”", en: "a risk class and its ratio (such as A 3%) or '}'")
      case .checkPoint:
        return Text(zh: "检查要点（引号中的文字，或共用要点的编码）或“}”", en: "a check point (text in quotes, or a shared point's code) or '}'")
      case .endOfPoint:
        return Text(zh: "行末、分号，或要点的依据、方式、答案", en: "the end of the line, ';', or the point's basis, methods or answers")
      case .lawCode: return Text(zh: "法规编码", en: "the code of a law")
      case .oneOf(let listing): return Text(zh: "以下之一：\(listing.zh)", en: "one of: \(listing.en)")
      }
    }

    var help: Text? {
      switch self {
      case .nameInQuotes(let kind, let id):
        return Text(
          zh: "在编码后写名称，如 \(kind.zh) \(Shown.text(id)) \"名称\" { … }",
          en: "write the name after the code: \(kind.en) \(Shown.text(id)) \"name\" { … }")
      case .endOfField:
        return Text(
          zh: "一个字段的多个值用逗号 , 或顿号 、 分隔；名称中含空格或标点时请加引号",
          en: "separate several values with ',' or '、'; quote names that contain spaces or punctuation")
      case .codeOrName(quoted: true):
        return Text(zh: "编码不加引号", en: "codes are written without quotes")
      case .checkPoint, .endOfPoint:
        return Text(
          zh: "每行写一个要点：[编码] \"要点\" 依据 法规编码 \"条款\" 方式 实地检查；共用要点只写编码",
          en: "one point per line: [CODE] \"point\" basis LAW \"article\" methods onsite; a shared point by its code alone")
      case .rangeEnd:
        return Text(
          zh: "期间写作 开始日期 .. 结束日期，如 2024-03-01 .. 2024-11-30",
          en: "write a window as START .. END, such as 2024-03-01 .. 2024-11-30")
      case .lawCode(quoted: true):
        return Text(
          zh: "依据写作 法规编码 \"条款\"，如 食品安全法 \"第一百一十条\"",
          en: "write a basis as LAW \"article\", such as 食品安全法 \"第一百一十条\"")
      default:
        return nil
      }
    }
  }

  /// E0004: a `}` with no `{`.
  package static func unmatchedClosingBrace(at span: Span) -> Diagnostic {
    Diagnostic(
      .E0004, Text(zh: "多余的“}”，没有与之配对的“{”", en: "unmatched '}'"), at: span,
      help: Text(zh: "删除这个“}”", en: "delete this '}'"))
  }

  /// E0004: a field's value on the line after the field's name.
  package static func valueOnNextLine(field: String, at span: Span, value: Span) -> Diagnostic {
    Diagnostic(
      .E0004,
      Text(zh: "字段“\(Shown.text(field))”的值应与字段名写在同一行", en: "the value of '\(Shown.text(field))' belongs on the same line"),
      at: span,
      labels: [.init(value, Text(zh: "值写在了下一行", en: "the value is on the next line"))],
      help: Text(zh: "把值移到“\(Shown.text(field))”后面，写在同一行", en: "move the value up, after '\(Shown.text(field))'"))
  }

  /// E0004: a declaration whose `{` (at `open`) is never closed.
  package static func missingClosingBrace(at span: Span, open: Span) -> Diagnostic {
    Diagnostic(
      .E0004,
      Text(zh: "声明缺少结束的“}”", en: "this declaration has no closing '}'"),
      at: span,
      labels: [.init(open, Text(zh: "这个“{”没有配对的“}”", en: "this '{' is not closed"))],
      help: Text(zh: "在声明的最后一个字段之后加上“}”", en: "add '}' after the declaration's last field"))
  }

  /// E0004: two separators in a row in a list.
  package static func extraComma(at span: Span) -> Diagnostic {
    Diagnostic(
      .E0004, Text(zh: "多余的逗号", en: "an extra comma"), at: span,
      help: Text(zh: "两个值之间只写一个逗号 , 或顿号 、", en: "write one separator between two values"))
  }

  /// E0004: two values of a list with no separator; the fix-it writes one in `gap`.
  package static func missingComma(at gap: Span) -> Diagnostic {
    Diagnostic(
      .E0004, Text(zh: "列表中的值之间缺少逗号", en: "a comma is missing between the values of a list"),
      at: gap,
      help: Text(zh: "多个值之间用逗号 , 或顿号 、 分隔", en: "separate the values with ',' or '、'"),
      fixIts: [Diagnostic.FixIt(span: gap, replacement: ", ")])
  }

  /// E0004: a basis's article without quotes (`依据 消防法 第五十三条`).
  package static func unquotedArticle(_ article: Located<String>, law: String) -> Diagnostic {
    Diagnostic(
      .E0004, Text(zh: "条款“\(Shown.text(article.value))”要加引号", en: "the article '\(Shown.text(article.value))' must be quoted"), at: article.span,
      help: Text(zh: "写作 \(law) \"\(Shown.text(article.value))\"", en: "write \(law) \"\(Shown.text(article.value))\""),
      fixIts: [Diagnostic.FixIt(span: article.span, replacement: "\"\(article.value)\"")])
  }

  /// E0004: a declaration's code with white space inside (`权责 JC -002 "…"`), read as `joined`.
  /// - Parameters:
  ///   - written: the code as written, spaces included.
  ///   - kind: the declaration (权责 / `authority`).
  package static func spaceInCode(written: String, joined: String, kind: Text, at span: Span) -> Diagnostic {
    Diagnostic(
      .E0004,
      Text(zh: "编码“\(Shown.text(written))”中不能有空格", en: "the code '\(Shown.text(written))' cannot contain spaces"),
      at: span,
      help: Text(
        zh: "写作 \(kind.zh) \(Shown.text(joined)) \"…\"；编码是一个词，中间不能断开",
        en: "write \(kind.en) \(Shown.text(joined)) \"…\"; a code is one word"),
      fixIts: [Diagnostic.FixIt(span: span, replacement: joined)])
  }

  /// E0004: a declaration's quoted name where its code should stand (`法规 "中华人民共和国消防法" {`).
  /// - Parameter kind: the declaration (法规 / `law`).
  package static func missingCode(kind: Text, name: String, at span: Span) -> Diagnostic {
    Diagnostic(
      .E0004,
      Text(zh: "\(kind.zh)缺少编码：名称之前应先写编码", en: "the \(kind.en) has no code: write its code before the name"),
      at: span,
      help: Text(
        zh: "写作 \(kind.zh) 编码 \"\(Shown.text(name))\" { … }；编码是不加引号的简称，供别处引用，如 消防法、SCJG、JC-001",
        en: "write \(kind.en) CODE \"\(Shown.text(name))\" { … }; a code is an unquoted short name that others cite, such as 消防法, SCJG, JC-001"))
  }

  /// E0004: a declaration's name without quotes (`部门 ZJJ 某县住建局 { … }`), read as if quoted.
  /// - Parameter kind: the declaration (部门 / `department`).
  package static func unquotedTitle(kind: Text, id: String, title: Located<String>) -> Diagnostic {
    Diagnostic(
      .E0004,
      Text(zh: "名称“\(Shown.text(title.value))”要加引号", en: "the name '\(Shown.text(title.value))' must be quoted"),
      at: title.span,
      help: Text(
        zh: "写作 \(kind.zh) \(Shown.text(id)) \"\(Shown.text(title.value))\" { … }",
        en: "write \(kind.en) \(Shown.text(id)) \"\(Shown.text(title.value))\" { … }"),
      fixIts: [Diagnostic.FixIt(span: title.span, replacement: "\"\(title.value)\"")])
  }

  /// E0005: a word where a declaration should start.
  /// - Parameters:
  ///   - keywords: the declaration keywords, listed in each language.
  ///   - suggestion: the keyword probably meant.
  ///   - isField: the word is a field's keyword.
  package static func unknownKeyword(
    _ word: Located<String>, keywords: Text, suggestion: String?, isField: Bool
  ) -> Diagnostic {
    var help = Text(
      zh: "每个声明以关键字开头：\(keywords.zh)",
      en: "a declaration starts with a keyword: \(keywords.en)")
    if let suggestion {
      help = Text(zh: "是否想写“\(suggestion)”？", en: "did you mean '\(suggestion)'?")
    } else if isField {
      help = Text(
        zh: "“\(Shown.text(word.value))”是字段，只能写在声明的 { } 之内",
        en: "'\(Shown.text(word.value))' is a field; it belongs inside a declaration's { }")
    }
    return Diagnostic(
      .E0005, Text(zh: "未知的关键字“\(Shown.text(word.value))”", en: "unknown keyword '\(Shown.text(word.value))'"), at: word.span,
      help: help)
  }

  /// E0005: a field the declaration does not have.
  /// - Parameters:
  ///   - kind: the declaration (事项 / `an item`).
  ///   - fields: its fields, listed in each language.
  package static func unknownField(_ word: Located<String>, in kind: Text, fields: Text, suggestion: String?) -> Diagnostic {
    Diagnostic(
      .E0005,
      Text(zh: "\(kind.zh)中没有字段“\(Shown.text(word.value))”", en: "unknown field '\(Shown.text(word.value))' in \(kind.en)"),
      at: word.span,
      help: Suggest.help(suggestion, Text(zh: "\(kind.zh)可用的字段：\(fields.zh)", en: "fields of \(kind.en): \(fields.en)")))
  }

  /// E0005: a word that is none of a field's values.
  /// - Parameters:
  ///   - what: what the word should be (取值 / `value`).
  ///   - choices: the values, listed in each language.
  package static func unknownValue(_ word: Located<String>, what: Text, choices: Text, suggestion: String?) -> Diagnostic {
    Diagnostic(
      .E0005, Text(zh: "未知的\(what.zh)“\(Shown.text(word.value))”", en: "unknown \(what.en) '\(Shown.text(word.value))'"), at: word.span,
      help: Suggest.help(suggestion, Text(zh: "可选：\(choices.zh)", en: "choose one of: \(choices.en)")))
  }

  /// E0006: a plan's or calendar's year that is not a year.
  package static func invalidYear(_ year: Located<String>) -> Diagnostic {
    Diagnostic(
      .E0006, Text(zh: "“\(Shown.text(year.value))”不是有效的年度", en: "'\(Shown.text(year.value))' is not a year"), at: year.span,
      help: Text(zh: "写四位数的年度，如 2024", en: "write a four-digit year, such as 2024"))
  }

  /// E0006: a blank name.
  /// - Parameter kind: the declaration (事项 / `item`).
  package static func emptyName(kind: Text, at span: Span) -> Diagnostic {
    Diagnostic(
      .E0006, Text(zh: "名称不能为空", en: "the name is empty"), at: span,
      help: Text(zh: "在引号中写上\(kind.zh)的名称", en: "write the \(kind.en)'s name in the quotes"))
  }

  /// E0006: an empty answer in a check point's answers (答案 "", 不符合).
  package static func emptyAnswer(at span: Span) -> Diagnostic {
    Diagnostic(
      .E0006, Text(zh: "要点的答案不能为空", en: "a check point's answer is empty"), at: span,
      help: Text(
        zh: "写上答案的文字，如 答案 符合、不符合、不涉及，或删去这个空的答案；不写 答案 时检查表给出 符合、不符合、不涉及",
        en: "write the answer's text, such as answers 符合, 不符合, 不涉及, or delete the empty one; without answers the sheet offers 符合, 不符合, 不涉及"))
  }

  /// E0006: a word that is not a date, or a date that does not exist.
  package static func invalidDate(_ word: Located<String>, looksLikeDate: Bool) -> Diagnostic {
    Diagnostic(
      .E0006,
      looksLikeDate
        ? Text(zh: "日期“\(Shown.text(word.value))”不存在", en: "the date '\(Shown.text(word.value))' does not exist")
        : Text(zh: "“\(Shown.text(word.value))”不是日期", en: "'\(Shown.text(word.value))' is not a date"),
      at: word.span,
      help: Text(
        zh: "日期写作 年-月-日，四位年、两位月、两位日，用半角数字，如 2024-03-01",
        en: "write dates as YYYY-MM-DD with ASCII digits, such as 2024-03-01"))
  }

  /// E0006: a word that is not a whole number.
  package static func invalidWholeNumber(_ word: Located<String>) -> Diagnostic {
    Diagnostic(
      .E0006, Text(zh: "“\(Shown.text(word.value))”不是整数", en: "'\(Shown.text(word.value))' is not a whole number"), at: word.span,
      help: Text(zh: "写半角数字，如 1、20", en: "write ASCII digits, such as 1 or 20"))
  }

  /// E0006: a word that is not a ratio.
  package static func invalidRatio(_ word: Located<String>) -> Diagnostic {
    Diagnostic(
      .E0006, Text(zh: "“\(Shown.text(word.value))”不是有效的比例", en: "'\(Shown.text(word.value))' is not a valid ratio"), at: word.span,
      help: Text(
        zh: "比例写作数字加 % 或 ‰，如 5%、0.5%、2‰（% 最多四位小数，‰ 最多三位）",
        en: "write a number followed by % or ‰, such as 5%, 0.5% or 2‰ (at most four decimals with %, three with ‰)"))
  }

  /// E0006: a time limit above `limit` of its `unit` (工作日 / `workdays`).
  package static func durationOutOfRange(amount: Int, unit: Text, limit: Int, at span: Span) -> Diagnostic {
    Diagnostic(
      .E0006,
      Text(
        zh: "时限 \(amount) \(unit.zh)超出范围：最多 \(limit) \(unit.zh)（约十年）",
        en: "the time limit of \(amount) \(unit.en) is out of range: at most \(limit) \(unit.en) (about ten years)"),
      at: span,
      help: Text(
        zh: "写 0 到 \(limit) 之间的整数，如 20 工作日", en: "write a whole number from 0 to \(limit), such as 20 workdays"))
  }

  /// E0006: a frequency that is no whole number of times a year (`1—2次/年`, `不少于1次`).
  /// - Parameter corrections: the numbers it most likely means, each a corrected text; none when
  ///   there is no telling.
  package static func invalidFrequency(_ word: Located<String>, corrections: [String]) -> Diagnostic {
    let help: Text
    switch corrections.count {
    case 0:
      help = Text(
        zh: "频次是每年抽查的次数，写一个整数，如 频次 1；也可写 每年1次 或 1次/年",
        en: "a frequency is how many times a year, a whole number such as frequency 1 (每年1次 and 1次/年 also read)")
    case 1:
      help = Text(zh: "写作 频次 \(corrections[0])（每年的次数）", en: "write frequency \(corrections[0]) (times a year)")
    default:
      let zh = corrections.map { "频次 \($0)" }.joined(separator: " 或 ")
      let en = corrections.map { "frequency \($0)" }.joined(separator: " or ")
      help = Text(
        zh: "频次是每年的次数，只能写一个整数：写作 \(zh)",
        en: "a frequency is one whole number of times a year: write \(en)")
    }
    return Diagnostic(
      .E0006,
      Text(zh: "“\(Shown.text(word.value))”不是有效的频次", en: "'\(Shown.text(word.value))' is not a valid frequency"),
      at: word.span, help: help,
      fixIts: corrections.count == 1 ? [Diagnostic.FixIt(span: word.span, replacement: corrections[0])] : [])
  }

  /// E0007: a field given twice in one declaration.
  package static func fieldGivenTwice(_ field: String, at span: Span, first: Span) -> Diagnostic {
    Diagnostic(
      .E0007,
      Text(zh: "字段“\(Shown.text(field))”写了两次", en: "field '\(Shown.text(field))' is given twice"), at: span,
      labels: [.init(first, Text(zh: "第一次写在这里", en: "first given here"))],
      help: Text(zh: "删除其中一处，或把多个值用逗号写在同一字段中", en: "delete one of them, or list the values in one field separated by commas"))
  }

  /// E0008: a required field missing.
  /// - Parameters:
  ///   - kind: the declaration (事项 / `item`).
  ///   - field: the field as spelt in each language.
  ///   - example: an example of its value.
  package static func missingField(_ id: Located<String>, kind: Text, field: Text, example: String) -> Diagnostic {
    Diagnostic(
      .E0008,
      Text(
        zh: "\(kind.zh)“\(Shown.text(id.value))”缺少字段“\(field.zh)”",
        en: "\(kind.en) '\(Shown.text(id.value))' has no '\(field.en)'"),
      at: id.span,
      help: Text(
        zh: "在 { } 中加上一行：\(field.zh) …（\(example)）",
        en: "add a line inside { }: \(field.en) … (\(example))"))
  }
  /// W0009: pasted invisible characters or look-alike spaces between words, read as white space.
  /// - Parameters:
  ///   - run: how many such characters stand there in a row.
  ///   - zeroWidth: the first is a zero-width character (U+200B), ignored, rather than a look-alike
  ///     space (U+00A0), read as a space.
  package static func pastedCharacter(_ scalar: Unicode.Scalar, run: Int, zeroWidth: Bool, at span: Span) -> Diagnostic {
    let name = Shown.name(scalar)
    let more = run > 1 ? Text(zh: "（连续 \(run) 个）", en: " (\(run) in a row)") : Text(zh: "", en: "")
    return Diagnostic(
      .W0009,
      zeroWidth
        ? Text(zh: "看不见的\(name.zh)\(more.zh)，已忽略", en: "invisible \(name.en)\(more.en), ignored")
        : Text(zh: "形似空格的\(name.zh)\(more.zh)，已按空格读取", en: "\(name.en), which looks like a space\(more.en), read as a space"),
      at: span,
      help: Text(
        zh: "删除它（多半是从 Word、网页或表格中粘贴来的）：choucha fmt 会删除文件中所有这类字符",
        en: "delete it (probably pasted from Word, a web page or a spreadsheet): choucha fmt removes every such character"),
      fixIts: [Diagnostic.FixIt(span: span, replacement: zeroWidth ? "" : " ")])
  }

  /// W0009: a zero-width character inside a word, which reads as `read` without it.
  package static func zeroWidthInWord(_ scalar: Unicode.Scalar, read: String, at span: Span) -> Diagnostic {
    let name = Shown.name(scalar)
    return Diagnostic(
      .W0009,
      Text(zh: "“\(Shown.text(read))”中有看不见的\(name.zh)，已忽略", en: "invisible \(name.en) inside '\(Shown.text(read))', ignored"),
      at: span,
      help: Text(
        zh: "删除它，写作 \(Shown.text(read))：choucha fmt 会删除文件中所有这类字符",
        en: "delete it and write \(Shown.text(read)): choucha fmt removes every such character"),
      fixIts: [Diagnostic.FixIt(span: span, replacement: "")])
  }

  /// W0009: a full-width or look-alike space between the parts of one name (`餐饮服务　经营者`) or
  /// of a declaration's code (`餐　饮`), read as the name without it.
  /// - Parameters:
  ///   - parts: the words the space separates, for the other reading (several values); empty for
  ///     a declaration's code, which is one word.
  ///   - gap: the first space, which the fix-it deletes.
  package static func spaceInName(_ scalar: Unicode.Scalar, read: String, parts: [String], at gap: Span) -> Diagnostic {
    let name = Shown.name(scalar)
    let listed = parts.map { Shown.text($0) }
    let isCode = parts.isEmpty
    return Diagnostic(
      .W0009,
      Text(
        zh: (isCode ? "编码" : "名称") + "中有\(name.zh)，已忽略，读作“\(Shown.text(read))”",
        en: "\(name.en) inside " + (isCode ? "a code" : "a name") + ", ignored: read as '\(Shown.text(read))'"),
      at: gap,
      help: isCode
        ? Text(zh: "删除它，写作 \(Shown.text(read))", en: "delete it and write \(Shown.text(read))")
        : Text(
          zh: "若是一个名称，写作 \(Shown.text(read))；若是 \(parts.count) 个值，用顿号分隔：\(listed.joined(separator: "、"))",
          en: "if this is one name, write \(Shown.text(read)); if these are \(parts.count) values, separate them: \(listed.joined(separator: ", "))"),
      fixIts: [Diagnostic.FixIt(span: gap, replacement: "")])
  }

  /// W0009: the pasted characters of a file past the first hundred reported, counted.
  package static func morePastedCharacters(_ count: Int, at span: Span) -> Diagnostic {
    Diagnostic(
      .W0009,
      Text(
        zh: "此文件中还有 \(count) 处看不见或形似空格的字符，不再逐一列出",
        en: "\(count) more invisible or look-alike space characters in this file, not listed one by one"),
      at: span,
      help: Text(zh: "运行 choucha fmt 删除全部这类字符", en: "run choucha fmt to remove them all"))
  }
}
