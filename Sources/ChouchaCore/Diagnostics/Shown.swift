/// User text as it is quoted in a message: short, and with every invisible character made visible.
///
/// Names come from people and from spreadsheets: a 10 MB “name”, an ESC byte, or a U+202E that
/// turns the rest of a line around on screen (“Trojan Source”) must not reach the terminal or a
/// JSON consumer as it is. Every character of the general categories Cc (controls: C0, DEL, C1),
/// Cf (format: bidi controls, zero-width characters, the BOM, tags…), Zl and Zp (line and
/// paragraph separators) is written as its code point and name, from the one table `names`:
/// `‹U+202E 从右至左覆盖›` in a Chinese message, `‹U+202E RIGHT-TO-LEFT OVERRIDE›` in an English one.
public enum Shown {
  /// At most `limit` characters (then “…”), invisible characters written as
  /// `‹U+202E 从右至左覆盖 RIGHT-TO-LEFT OVERRIDE›`. Without a language the name is given in
  /// both, since the result is usually interpolated into both halves of a `Text`. A run of one
  /// invisible character is one marker (`‹U+FEFF 字节顺序标记 ×70›`, counted as one character), and
  /// a character named once, or past a few names, is written by its code point alone, so the
  /// result stays within a few times `limit`.
  public static func text(_ value: String, limit: Int = 40, language: Language? = nil) -> String {
    var result = ""
    var count = 0
    var named: Set<UInt32> = []
    let nameBudget = limit > Int.max / 4 ? Int.max : 4 * max(limit, 10)
    var length = 0
    var scalars = value.unicodeScalars.makeIterator()
    var pending = scalars.next()
    while let scalar = pending {
      if count == limit {
        result += "…"
        break
      }
      pending = scalars.next()
      if isHidden(scalar) {
        var run = 1
        while pending == scalar {
          run += 1
          pending = scalars.next()
        }
        let withName = length < nameBudget && named.insert(scalar.value).inserted
        let written = marker(scalar, language, named: withName, run: run)
        result += written
        length += written.count
      } else {
        result.unicodeScalars.append(scalar)
        length += 1
      }
      count += 1
    }
    return result
  }

  /// True for the characters `text` and every message escape: general categories Cc, Cf, Zl and
  /// Zp. Tab and line breaks are included (they would break a message's line).
  public static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    if value < 0x20 || (0x7F...0x9F).contains(value) { return true }
    // The common cases, without the property lookup (the test over every scalar keeps these true).
    if value < 0xAD || (0x2070..<0xFEFF).contains(value) { return false }
    switch scalar.properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator: return true
    default: return false
    }
  }

  /// C0 and C1 controls and DEL (general category Cc).
  public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
  }

  /// The characters that change the order in which text is displayed (Unicode Bidirectional
  /// Algorithm, UAX #9): marks, embeddings, overrides and isolates.
  public static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
    default: return false
    }
  }

  /// `U+202E`: four hex digits at least, upper case.
  public static func codePoint(_ scalar: Unicode.Scalar) -> String {
    let hex = String(scalar.value, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
  }

  /// The character's name and code point, for a message about it: “从右至左覆盖 U+202E” /
  /// “RIGHT-TO-LEFT OVERRIDE U+202E”. Characters without a name of their own in the table are
  /// named by their category (“控制字符 U+0001” / “CONTROL CHARACTER U+0001”).
  public static func name(_ scalar: Unicode.Scalar) -> Text {
    let name = names[scalar.value] ?? categoryName(scalar)
    let code = codePoint(scalar)
    return Text(zh: name.zh + " " + code, en: name.en + " " + code)
  }

  /// How an invisible character stands in a message: `‹U+202E 从右至左覆盖›`, with both names
  /// when the language is not known, by its code point alone when not `named`; `×70` for a run.
  public static func marker(_ scalar: Unicode.Scalar, _ language: Language?, named: Bool = true, run: Int = 1) -> String {
    var result = "‹" + codePoint(scalar)
    if named {
      let name = names[scalar.value] ?? categoryName(scalar)
      switch language {
      case .zh: result += " " + name.zh
      case .en: result += " " + name.en
      case nil: result += " " + name.zh + " " + name.en
      }
    }
    if run > 1 { result += " ×\(run)" }
    return result + "›"
  }

  static func categoryName(_ scalar: Unicode.Scalar) -> (zh: String, en: String) {
    if (0xE0000...0xE007F).contains(scalar.value) { return ("标签字符", "TAG CHARACTER") }
    switch scalar.properties.generalCategory {
    case .control: return ("控制字符", "CONTROL CHARACTER")
    case .lineSeparator: return ("行分隔符", "LINE SEPARATOR")
    case .paragraphSeparator: return ("段分隔符", "PARAGRAPH SEPARATOR")
    case .spaceSeparator: return ("空格字符", "SPACE CHARACTER")
    default: return ("格式字符", "FORMAT CHARACTER")
    }
  }

  /// The one table of names for invisible characters and the spaces that look like U+0020: every
  /// diagnostic that names one (a pasted zero-width space, a no-break space, a bidi override)
  /// takes its words from here. (Only the invisible ones are written as markers by `text`.)
  public static let names: [UInt32: (zh: String, en: String)] = [
    0x00: ("空字符", "NULL"),
    0x07: ("响铃", "BELL"),
    0x08: ("退格", "BACKSPACE"),
    0x09: ("制表符", "TAB"),
    0x0A: ("换行符", "LINE FEED"),
    0x0B: ("垂直制表符", "LINE TABULATION"),
    0x0C: ("换页符", "FORM FEED"),
    0x0D: ("回车符", "CARRIAGE RETURN"),
    0x1B: ("转义符", "ESCAPE"),
    0x7F: ("删除符", "DELETE"),
    0x85: ("下一行", "NEXT LINE"),
    0x9B: ("控制序列引导符", "CONTROL SEQUENCE INTRODUCER"),
    0xA0: ("不换行空格", "NO-BREAK SPACE"),
    0xAD: ("软连字符", "SOFT HYPHEN"),
    0x061C: ("阿拉伯字母标记", "ARABIC LETTER MARK"),
    0x1680: ("欧甘空格", "OGHAM SPACE MARK"),
    0x180E: ("蒙古文元音分隔符", "MONGOLIAN VOWEL SEPARATOR"),
    0x2000: ("半身方空格", "EN QUAD"),
    0x2001: ("全身方空格", "EM QUAD"),
    0x2002: ("半身空格", "EN SPACE"),
    0x2003: ("全身空格", "EM SPACE"),
    0x2004: ("三分之一全身空格", "THREE-PER-EM SPACE"),
    0x2005: ("四分之一全身空格", "FOUR-PER-EM SPACE"),
    0x2006: ("六分之一全身空格", "SIX-PER-EM SPACE"),
    0x2007: ("数字空格", "FIGURE SPACE"),
    0x2008: ("标点空格", "PUNCTUATION SPACE"),
    0x2009: ("窄空格", "THIN SPACE"),
    0x200A: ("极窄空格", "HAIR SPACE"),
    0x200B: ("零宽空格", "ZERO WIDTH SPACE"),
    0x200C: ("零宽不连字", "ZERO WIDTH NON-JOINER"),
    0x200D: ("零宽连字", "ZERO WIDTH JOINER"),
    0x200E: ("从左至右标记", "LEFT-TO-RIGHT MARK"),
    0x200F: ("从右至左标记", "RIGHT-TO-LEFT MARK"),
    0x2028: ("行分隔符", "LINE SEPARATOR"),
    0x2029: ("段分隔符", "PARAGRAPH SEPARATOR"),
    0x202A: ("从左至右嵌入", "LEFT-TO-RIGHT EMBEDDING"),
    0x202B: ("从右至左嵌入", "RIGHT-TO-LEFT EMBEDDING"),
    0x202C: ("结束方向格式", "POP DIRECTIONAL FORMATTING"),
    0x202D: ("从左至右覆盖", "LEFT-TO-RIGHT OVERRIDE"),
    0x202E: ("从右至左覆盖", "RIGHT-TO-LEFT OVERRIDE"),
    0x202F: ("窄不换行空格", "NARROW NO-BREAK SPACE"),
    0x205F: ("中等数学空格", "MEDIUM MATHEMATICAL SPACE"),
    0x2060: ("字连接符", "WORD JOINER"),
    0x2061: ("函数应用符", "FUNCTION APPLICATION"),
    0x2062: ("不可见乘号", "INVISIBLE TIMES"),
    0x2063: ("不可见分隔符", "INVISIBLE SEPARATOR"),
    0x2064: ("不可见加号", "INVISIBLE PLUS"),
    0x2066: ("从左至右隔离", "LEFT-TO-RIGHT ISOLATE"),
    0x2067: ("从右至左隔离", "RIGHT-TO-LEFT ISOLATE"),
    0x2068: ("首强字符隔离", "FIRST STRONG ISOLATE"),
    0x2069: ("结束方向隔离", "POP DIRECTIONAL ISOLATE"),
    0x3000: ("全角空格", "IDEOGRAPHIC SPACE"),
    0xFEFF: ("字节顺序标记", "BYTE ORDER MARK"),
    0xFFF9: ("行间注释锚点", "INTERLINEAR ANNOTATION ANCHOR"),
    0xFFFA: ("行间注释分隔符", "INTERLINEAR ANNOTATION SEPARATOR"),
    0xFFFB: ("行间注释终止符", "INTERLINEAR ANNOTATION TERMINATOR"),
  ]

  /// A whole message, label or help text in one language: invisible characters written with their
  /// names in that language, capped at `limit` characters. `Diagnostic.init` runs every text
  /// through it, so no message carries an invisible character, whatever was interpolated into it.
  static func message(_ value: String, _ language: Language, limit: Int = 600) -> String {
    guard value.unicodeScalars.contains(where: isHidden) || value.utf8.count > limit else { return value }
    return text(value, limit: limit, language: language)
  }

  /// A file path for a human reader: invisible characters marked, nothing cut.
  public static func path(_ value: String) -> String {
    guard value.unicodeScalars.contains(where: isHidden) else { return value }
    return text(value, limit: Int.max)
  }
}
