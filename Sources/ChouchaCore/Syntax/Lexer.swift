/// Turns the bytes of a rule file into tokens. Never fails: bytes it cannot use become
/// diagnostics and `.invalid` tokens, and lexing goes on.
public enum Lexer {
  public static func tokenize(_ file: SourceFile) -> (tokens: [Token], diagnostics: [Diagnostic]) {
    var state = State(file: file)
    file.bytes.withUnsafeBufferPointer { state.run($0) }
    return (state.tokens, state.diagnostics)
  }

  private struct State {
    let file: SourceFile
    var tokens: [Token] = []
    var diagnostics: [Diagnostic] = []
    var reportedEncoding = false
    /// W0009 reported so far in this file, and the pasted characters past `pastedLimit`: a file
    /// made of 10 MB of alternating spaces and zero-width spaces gets a bounded report.
    var pastedReports = 0
    var pastedUnreported = 0
    var firstUnreported: Span?
    static let pastedLimit = 100

    init(file: SourceFile) {
      self.file = file
      tokens.reserveCapacity(file.bytes.count / 5)
    }

    func span(_ start: Int, _ end: Int) -> Span { Span(file: file.id, start: start, end: end) }

    mutating func run(_ bytes: UnsafeBufferPointer<UInt8>) {
      var index = 0
      let count = bytes.count
      // The BOM at the start (or several: a tool that added its own) is no character of the file.
      while index + 3 <= count, bytes[index] == 0xEF, bytes[index + 1] == 0xBB, bytes[index + 2] == 0xBF { index += 3 }
      while index < count {
        let byte = bytes[index]
        switch byte {
        case 0x20, 0x09, 0x0D, 0x0B, 0x0C:
          index += 1
        case 0x0A:
          tokens.append(Token(kind: .newline, start: index, end: index + 1))
          index += 1
        case UInt8(ascii: "#"):
          let start = index
          index = comment(bytes, from: index)
          tokens.append(Token(kind: .comment, start: start, end: index))
        case UInt8(ascii: "\""):
          index = string(bytes, from: index, opening: 1, closing: nil)
        case UInt8(ascii: "{"):
          tokens.append(Token(kind: .leftBrace, start: index, end: index + 1))
          index += 1
        case UInt8(ascii: "}"):
          tokens.append(Token(kind: .rightBrace, start: index, end: index + 1))
          index += 1
        case UInt8(ascii: ","):
          tokens.append(Token(kind: .comma, start: index, end: index + 1))
          index += 1
        case UInt8(ascii: ";"):
          tokens.append(Token(kind: .semicolon, start: index, end: index + 1))
          index += 1
        case UInt8(ascii: ":"):
          tokens.append(Token(kind: .colon, start: index, end: index + 1))
          index += 1
        case UInt8(ascii: "~"):
          tokens.append(Token(kind: .range, start: index, end: index + 1))
          index += 1
        case UInt8(ascii: "."):
          if index + 1 < count, bytes[index + 1] == UInt8(ascii: ".") {
            tokens.append(Token(kind: .range, start: index, end: index + 2))
            index += 2
          } else {
            index = word(bytes, from: index)
          }
        case 0x00:
          reportEncoding(at: index, nul: true)
          tokens.append(Token(kind: .invalid, start: index, end: index + 1))
          index += 1
        default:
          if byte < 0x80 {
            if Lexer.isWordByte(byte) {
              index = word(bytes, from: index)
            } else {
              index = unexpected(bytes, from: index)
            }
          } else {
            index = nonASCII(bytes, from: index)
          }
        }
      }
      tokens.append(Token(kind: .end, start: count, end: count))
      if let at = firstUnreported {
        diagnostics.append(.morePastedCharacters(pastedUnreported, at: at))
      }
    }

    /// A pasted invisible or look-alike character (`Lexer.isZeroWidth`, `Lexer.isLookAlikeSpace`)
    /// reported once, unless `pastedLimit` were passed.
    mutating func reportPasted(_ diagnostic: @autoclosure () -> Diagnostic, at span: Span) {
      if pastedReports < State.pastedLimit {
        pastedReports += 1
        diagnostics.append(diagnostic())
      } else {
        pastedUnreported += 1
        if firstUnreported == nil { firstUnreported = span }
      }
    }

    /// A run of zero-width characters and look-alike spaces outside a word: white space, one W0009
    /// naming the first of them.
    mutating func pasted(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
      var index = start
      var first: Unicode.Scalar?
      var run = 0
      while index < bytes.count, bytes[index] >= 0x80, let (scalar, length) = UTF8Scalar.decode(bytes, at: index),
        Lexer.isZeroWidth(scalar) || Lexer.isLookAlikeSpace(scalar)
      {
        if first == nil { first = scalar }
        run += 1
        index += length
      }
      let at = span(start, index)
      reportPasted(.pastedCharacter(first!, run: run, zeroWidth: Lexer.isZeroWidth(first!), at: at), at: at)
      return index
    }

    /// A character at or above U+0080 outside a string.
    mutating func nonASCII(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int) -> Int {
      if Lexer.isIdeograph(bytes, at: index) { return word(bytes, from: index) }
      guard let (scalar, length) = UTF8Scalar.decode(bytes, at: index) else {
        reportEncoding(at: index, nul: false)
        tokens.append(Token(kind: .invalid, start: index, end: index + 1))
        return index + 1
      }
      switch scalar.value {
      case 0x3000:  // ideographic space, typed in full-width mode: white space (the parser warns inside a name)
        return index + length
      case 0xFF0C, 0x3001:  // ，、
        tokens.append(Token(kind: .comma, start: index, end: index + length))
        return index + length
      case 0xFF1B:  // ；
        tokens.append(Token(kind: .semicolon, start: index, end: index + length))
        return index + length
      case 0xFF1A:  // ：
        tokens.append(Token(kind: .colon, start: index, end: index + length))
        return index + length
      case 0xFF5B:  // ｛
        tokens.append(Token(kind: .leftBrace, start: index, end: index + length))
        return index + length
      case 0xFF5D:  // ｝
        tokens.append(Token(kind: .rightBrace, start: index, end: index + length))
        return index + length
      case 0xFF5E:  // ～
        tokens.append(Token(kind: .range, start: index, end: index + length))
        return index + length
      case 0x201C:  // “
        return string(bytes, from: index, opening: length, closing: 0x201D)
      case 0xFF03:  // ＃
        let end = comment(bytes, from: index)
        tokens.append(Token(kind: .comment, start: index, end: end))
        return end
      default:
        if Lexer.isWordScalar(scalar) { return word(bytes, from: index) }
        if Lexer.isZeroWidth(scalar) || Lexer.isLookAlikeSpace(scalar) { return pasted(bytes, from: index) }
        if Lexer.isDash(scalar), let end = dashBetweenNumbers(bytes, from: index) {
          // `2024-03-01—2024-11-30`: a dash between two numbers is a range, as `..` is.
          tokens.append(Token(kind: .range, start: index, end: end))
          return end
        }
        return unexpected(bytes, from: index)
      }
    }

    /// The end of the run of dashes at `start` when a number (a word ending in a digit) stands
    /// before it and a digit after it, on the same line.
    func dashBetweenNumbers(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
      guard let previous = tokens.last, previous.kind == .word, previous.end <= start,
        (0x30...0x39).contains(bytes[previous.end - 1]), Lexer.blanks(bytes, from: previous.end) == start
      else { return nil }
      var end = start
      while end < bytes.count, bytes[end] >= 0x80, let (scalar, length) = UTF8Scalar.decode(bytes, at: end), Lexer.isDash(scalar) {
        end += length
      }
      let next = Lexer.blanks(bytes, from: end)
      guard next < bytes.count, (0x30...0x39).contains(bytes[next]) else { return nil }
      return end
    }

    /// A comment runs to the end of the line; its bytes must still be text, and it holds no
    /// character a string may not hold (“Trojan Source”: a bidi control makes a comment look like
    /// a field, a line separator makes a field look like a comment; an ESC sequence rewrites the
    /// terminal of whoever prints the file).
    mutating func comment(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
      var index = start
      var forbidden = Forbidden()
      defer { reportForbidden(forbidden, inComment: true) }
      while index < bytes.count {
        let byte = bytes[index]
        if byte == 0x0A { break }
        if byte < 0x80 {
          if byte == 0 {
            reportEncoding(at: index, nul: true)
          } else if (byte < 0x20 && byte != 0x09) || byte == 0x7F,
            !(byte == 0x0D && (index + 1 == bytes.count || bytes[index + 1] == 0x0A))
          {
            forbidden.note(Unicode.Scalar(byte), at: index, length: 1)
          }
          index += 1
        } else if let (scalar, length) = UTF8Scalar.decode(bytes, at: index) {
          if Lexer.isForbiddenInString(scalar) { forbidden.note(scalar, at: index, length: length) }
          index += length
        } else {
          reportEncoding(at: index, nul: false)
          index += 1
        }
      }
      return index
    }

    /// A run of word characters. `..` ends a word, so `2024-04-01..2024-09-30` is a range.
    mutating func word(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
      var index = start
      let count = bytes.count
      // The first run of zero-width characters inside the word, which it reads without.
      var ignored: (scalar: Unicode.Scalar, start: Int, end: Int)?
      while index < count {
        let byte = bytes[index]
        if byte < 0x80 {
          if byte == UInt8(ascii: ".") {
            if index + 1 < count, bytes[index + 1] == UInt8(ascii: ".") { break }
            index += 1
          } else if byte == UInt8(ascii: "/"), Lexer.isTimesPerYear(bytes, slash: index, length: 1, wordStart: start) {
            index += 4  // `1次/年`: a frequency, one word
          } else if Lexer.isWordByte(byte) || byte == UInt8(ascii: "%") {
            index += 1
          } else {
            break
          }
        } else if Lexer.isIdeograph(bytes, at: index) {
          index += 3  // the common case in Chinese text, without decoding
        } else {
          guard let (scalar, length) = UTF8Scalar.decode(bytes, at: index) else { break }
          if scalar.value == 0xFF0F, Lexer.isTimesPerYear(bytes, slash: index, length: 3, wordStart: start) {
            index += 6  // `1次／年`
            continue
          }
          if Lexer.isZeroWidth(scalar) {
            // `SP-‹U+200B›01`: the word goes on past a pasted zero-width run if a word character follows.
            var end = index + length
            while end < count, bytes[end] >= 0x80, let (next, nextLength) = UTF8Scalar.decode(bytes, at: end),
              Lexer.isZeroWidth(next)
            {
              end += nextLength
            }
            guard Lexer.continuesWord(bytes, at: end) else { break }
            if ignored == nil { ignored = (scalar, index, end) }
            index = end
            continue
          }
          guard Lexer.isWordScalar(scalar) || scalar.value == 0xFF05 || scalar.value == 0x2030 else { break }
          index += length
        }
      }
      tokens.append(Token(kind: .word, start: start, end: index, hasIgnorable: ignored != nil))
      if let (scalar, runStart, runEnd) = ignored {
        let read = Lexer.withoutZeroWidth(file.bytes[start..<index])
        let at = span(runStart, runEnd)
        reportPasted(.zeroWidthInWord(scalar, read: String(decoding: read, as: UTF8.self), at: at), at: at)
      }
      return index
    }

    /// `"…"` (with `\"` and `\\` escapes) or `“…”` (which nest, so `“餐饮行业“一业一查””` is one
    /// string). A string does not span lines: an unterminated one ends at the line break.
    mutating func string(
      _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, opening: Int, closing: UInt32?
    ) -> Int {
      var index = start + opening
      var depth = 1
      var hasEscape = false
      var forbidden = Forbidden()
      defer { reportForbidden(forbidden) }
      let count = bytes.count
      while index < count {
        let byte = bytes[index]
        if byte == 0x0A { break }
        if closing == nil {
          if byte == UInt8(ascii: "\\"), index + 1 < count,
            bytes[index + 1] == UInt8(ascii: "\"") || bytes[index + 1] == UInt8(ascii: "\\")
          {
            hasEscape = true
            index += 2
            continue
          }
          if byte == UInt8(ascii: "\"") {
            tokens.append(Token(kind: .string, start: start, end: index + 1, hasEscape: hasEscape))
            return index + 1
          }
        }
        if byte == 0 {
          reportEncoding(at: index, nul: true)
          index += 1
          continue
        }
        if byte < 0x80 {
          // C0 controls but tab, and DEL; a CR that ends the line belongs to the line break.
          if (byte < 0x20 && byte != 0x09) || byte == 0x7F,
            !(byte == 0x0D && (index + 1 == count || bytes[index + 1] == 0x0A))
          {
            forbidden.note(Unicode.Scalar(byte), at: index, length: 1)
          }
          index += 1
          continue
        }
        if Lexer.isIdeograph(bytes, at: index) {
          index += 3
          continue
        }
        guard let (scalar, length) = UTF8Scalar.decode(bytes, at: index) else {
          reportEncoding(at: index, nul: false)
          index += 1
          continue
        }
        if Lexer.isForbiddenInString(scalar) { forbidden.note(scalar, at: index, length: length) }
        if let closing {
          if scalar.value == 0x201C { depth += 1 }
          if scalar.value == closing {
            depth -= 1
            if depth == 0 {
              tokens.append(Token(kind: .string, start: start, end: index + length))
              return index + length
            }
          }
        }
        index += length
      }
      var end = index
      if end > start, end <= count, end - 1 >= 0, bytes[end - 1] == 0x0D { end -= 1 }
      let quote = closing == nil ? "\"" : "”"
      diagnostics.append(.unterminatedString(quote: quote, at: span(start, start + opening), lineEnd: span(end, end)))
      tokens.append(Token(kind: .string, start: start, end: end, isReported: true, hasEscape: hasEscape))
      return index
    }

    /// The characters a string may not hold (`Lexer.isForbiddenInString`): the first, and how many.
    struct Forbidden {
      var first: (scalar: Unicode.Scalar, start: Int, length: Int)?
      var count = 0

      mutating func note(_ scalar: Unicode.Scalar, at start: Int, length: Int) {
        if first == nil { first = (scalar, start, length) }
        count += 1
      }
    }

    /// One E0003 per string, at its first forbidden character: a pasted ESC sequence would
    /// otherwise give one error per byte.
    mutating func reportForbidden(_ forbidden: Forbidden, inComment: Bool = false) {
      guard let (scalar, start, length) = forbidden.first else { return }
      diagnostics.append(
        .forbiddenCharacter(scalar, more: forbidden.count - 1, inComment: inComment, at: span(start, start + length)))
    }

    /// A run of characters the language has no use for outside strings.
    mutating func unexpected(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
      let first = UTF8Scalar.decode(bytes, at: start)?.0 ?? "\u{FFFD}"
      if let closer = Lexer.closingBracket[first.value], let end = bracketEnd(bytes, from: start, closer: closer) {
        return bracketed(bytes, from: start, to: end, opener: first)
      }
      if "%％‰".unicodeScalars.contains(first), let previous = tokens.last, previous.kind == .word,
        previous.end < start, bytes[previous.end..<start].allSatisfy({ $0 == 0x20 || $0 == 0x09 }),
        let last = bytes[previous.end - 1] as UInt8?, (0x30...0x39).contains(last)
      {
        let length = UTF8Scalar.length(leading: bytes[start])
        tokens.append(Token(kind: .invalid, start: start, end: start + length))
        let number = file.text(previous.start..<previous.end)
        let sign = String(first)
        diagnostics.append(
          .spaceBeforeSign(number: number, sign: sign, at: span(previous.end, start + length), space: span(previous.end, start)))
        return start + length
      }
      // The first character is always consumed, whatever it is: lexing must move forward.
      var index = start + (UTF8Scalar.decode(bytes, at: start)?.1 ?? 1)
      while index < bytes.count {
        let byte = bytes[index]
        if byte < 0x80 {
          if byte <= 0x20 || Lexer.isWordByte(byte) || "#\"{},;:~.".utf8.contains(byte) { break }
          index += 1
        } else {
          guard let (scalar, length) = UTF8Scalar.decode(bytes, at: index),
            !Lexer.isWordScalar(scalar), !Lexer.punctuation.contains(scalar.value),
            !Lexer.isZeroWidth(scalar), !Lexer.isLookAlikeSpace(scalar)
          else { break }
          index += length
        }
      }
      tokens.append(Token(kind: .invalid, start: start, end: index))
      let text = file.text(start..<index)
      diagnostics.append(.unexpectedCharacter(text, first: first, at: span(start, index)))
      return index
    }

    /// The offset just past the bracket closing the one at `start`, on the same line.
    func bracketEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, closer: UInt32) -> Int? {
      var index = start + UTF8Scalar.length(leading: bytes[start])
      while index < bytes.count, bytes[index] != 0x0A {
        guard let (scalar, length) = UTF8Scalar.decode(bytes, at: index) else { return nil }
        index += length
        if scalar.value == closer { return index }
        if scalar == "\"" || scalar == "“" { return nil }
      }
      return nil
    }

    /// `餐饮服务经营者（含小餐饮）` or `《消防法》`: brackets outside quotes, reported once for the pair,
    /// with the name that needs quoting.
    mutating func bracketed(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, opener: Unicode.Scalar) -> Int {
      var nameStart = start
      if let previous = tokens.last, previous.kind == .word, previous.end == start {
        nameStart = previous.start
        tokens.removeLast()
      }
      var nameEnd = end
      while nameEnd < bytes.count, bytes[nameEnd] < 0x80 ? Lexer.isWordByte(bytes[nameEnd]) : (UTF8Scalar.decode(bytes, at: nameEnd).map { Lexer.isWordScalar($0.0) } ?? false) {
        nameEnd += UTF8Scalar.length(leading: bytes[nameEnd])
      }
      tokens.append(Token(kind: .invalid, start: nameStart, end: nameEnd))
      let bracket = file.text(start..<end)
      let name = file.text(nameStart..<nameEnd)
      diagnostics.append(
        .bracketsOutsideQuotes(
          bracket, name: Located(name, span(nameStart, nameEnd)), bookTitle: opener == "《", at: span(start, end)))
      return nameEnd
    }

    mutating func reportEncoding(at offset: Int, nul: Bool) {
      // One report per file: a binary file would otherwise drown everything else.
      guard !reportedEncoding else { return }
      reportedEncoding = true
      diagnostics.append(.invalidEncoding(offset: offset, nul: nul, at: span(offset, offset + 1)))
    }
  }

  /// True for a file with a NUL byte or several invalid UTF-8 sequences: binary, or text in
  /// another encoding (GBK), rather than a UTF-8 file with a stray byte.
  static func looksBinary(_ file: SourceFile) -> Bool {
    file.bytes.withUnsafeBufferPointer { bytes in
      var invalid = 0
      var index = 0
      while index < bytes.count {
        if bytes[index] == 0 { return true }
        if bytes[index] < 0x80 {
          index += 1
        } else if let (_, length) = UTF8Scalar.decode(bytes, at: index) {
          index += length
        } else {
          invalid += 1
          if invalid >= 3 { return true }
          index += 1
        }
      }
      return false
    }
  }

  /// True for a character a quoted string may not hold, besides a line break (Grammar.md §1):
  /// controls other than tab (C0, DEL, C1), the bidi controls that reorder how text is displayed
  /// (“Trojan Source”), and the line and paragraph separators. Other format characters (a pasted
  /// zero-width space) are kept; every writer of reading matter shows them (`MarkdownWriter`).
  static func isForbiddenInString(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    if value < 0x20 { return value != 0x09 }
    return (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029 || Shown.isBidiControl(scalar)
  }

  /// Brackets that pair up, by their opening scalar.
  static let closingBracket: [UInt32: UInt32] = [
    0xFF08: 0xFF09, 0x28: 0x29, 0x3010: 0x3011, 0x5B: 0x5D, 0x300A: 0x300B, 0x3008: 0x3009,
  ]

  /// Characters that start other tokens and therefore end a run of unexpected ones.
  static let punctuation: Set<UInt32> = [0x3000, 0xFF0C, 0x3001, 0xFF1B, 0xFF1A, 0xFF5B, 0xFF5D, 0xFF5E, 0x201C, 0xFF03]

  /// True for a well-formed three-byte sequence of U+4E00–U+9FFF (CJK Unified Ideographs):
  /// lead byte E4 (second byte B8–BF) to E9, then two continuation bytes.
  @inline(__always)
  static func isIdeograph(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
    guard index + 2 < bytes.count else { return false }
    let lead = bytes[index]
    let second = bytes[index + 1]
    guard lead >= 0xE4 && lead <= 0xE9, second & 0xC0 == 0x80, bytes[index + 2] & 0xC0 == 0x80 else { return false }
    return lead > 0xE4 || second >= 0xB8
  }

  /// `isIdeograph` over an array, for the parser.
  static func isIdeographScalar(_ bytes: [UInt8], at index: Int) -> Bool {
    bytes.withUnsafeBufferPointer { isIdeograph($0, at: index) }
  }

  @inline(__always)
  static func isWordByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "+"):
      return true
    default:
      return false
    }
  }

  /// Invisible characters that paste in from Word and web pages: zero-width space, (non-)joiner,
  /// word joiner, a BOM past the file's start, soft hyphen. Outside quotes they read as nothing:
  /// white space between words, nothing inside one (W0009).
  @inline(__always)
  static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD: return true
    default: return false
    }
  }

  /// Spaces that look like U+0020 but are not (general category Zs but U+0020 and the ideographic
  /// space U+3000, which full-width typing makes): outside quotes they read as a space (W0009).
  @inline(__always)
  static func isLookAlikeSpace(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00A0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F: return true
    default: return false
    }
  }

  /// Dashes typed between two dates or numbers: en dash, em dash, horizontal bar, minus sign,
  /// full-width hyphen-minus.
  static func isDash(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x2013, 0x2014, 0x2015, 0x2212, 0xFF0D: return true
    default: return false
    }
  }

  /// The end of the run of spaces, tabs and full-width spaces at `start`.
  static func blanks(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    var index = start
    while index < bytes.count {
      if bytes[index] == 0x20 || bytes[index] == 0x09 {
        index += 1
      } else if index + 2 < bytes.count, bytes[index] == 0xE3, bytes[index + 1] == 0x80, bytes[index + 2] == 0x80 {
        index += 3
      } else {
        break
      }
    }
    return index
  }

  /// True for `次/年` (or `次／年`) around the slash at `slash`, 次 inside the word that started at
  /// `wordStart`: the slash of a frequency, part of the word.
  static func isTimesPerYear(_ bytes: UnsafeBufferPointer<UInt8>, slash: Int, length: Int, wordStart: Int) -> Bool {
    guard slash - 3 >= wordStart, slash + length + 3 <= bytes.count else { return false }
    let times: [UInt8] = [0xE6, 0xAC, 0xA1]  // 次
    let year: [UInt8] = [0xE5, 0xB9, 0xB4]  // 年
    for offset in 0..<3 where bytes[slash - 3 + offset] != times[offset] || bytes[slash + length + offset] != year[offset] {
      return false
    }
    return true
  }

  /// True when the character at `index` would continue a word.
  static func continuesWord(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
    guard index < bytes.count else { return false }
    let byte = bytes[index]
    if byte < 0x80 {
      if byte == UInt8(ascii: ".") { return !(index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: ".")) }
      return isWordByte(byte) || byte == UInt8(ascii: "%")
    }
    if isIdeograph(bytes, at: index) { return true }
    guard let (scalar, _) = UTF8Scalar.decode(bytes, at: index) else { return false }
    return isWordScalar(scalar) || scalar.value == 0xFF05 || scalar.value == 0x2030
  }

  /// The bytes of a word without its zero-width characters (`isZeroWidth`, by their UTF-8 bytes).
  static func withoutZeroWidth(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
    var result: [UInt8] = []
    result.reserveCapacity(bytes.count)
    var index = bytes.startIndex
    while index < bytes.endIndex {
      let byte = bytes[index]
      if byte == 0xC2, index + 1 < bytes.endIndex, bytes[index + 1] == 0xAD {  // U+00AD
        index += 2
        continue
      }
      if byte == 0xE2 || byte == 0xEF, index + 2 < bytes.endIndex {
        let second = bytes[index + 1]
        let third = bytes[index + 2]
        if (byte == 0xE2 && second == 0x80 && (0x8B...0x8D).contains(third))  // U+200B–U+200D
          || (byte == 0xE2 && second == 0x81 && third == 0xA0)  // U+2060
          || (byte == 0xEF && second == 0xBB && third == 0xBF)  // U+FEFF
        {
          index += 3
          continue
        }
      }
      result.append(byte)
      index += 1
    }
    return result
  }

  /// Letters (CJK included) and digits of any script may appear in words.
  static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    if value >= 0x4E00 && value <= 0x9FFF { return true }
    if value == 0x00B7 { return true }  // ·, in transliterated names
    let properties = scalar.properties
    return properties.isAlphabetic || properties.numericType != nil
  }
}
