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

    init(file: SourceFile) {
      self.file = file
      tokens.reserveCapacity(file.bytes.count / 5)
    }

    func span(_ start: Int, _ end: Int) -> Span { Span(file: file.id, start: start, end: end) }

    mutating func run(_ bytes: UnsafeBufferPointer<UInt8>) {
      var index = 0
      let count = bytes.count
      if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
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
      case 0x3000, 0x00A0, 0xFEFF:  // ideographic space, no-break space, stray BOM
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
        return unexpected(bytes, from: index)
      }
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
      while index < count {
        let byte = bytes[index]
        if byte < 0x80 {
          if byte == UInt8(ascii: ".") {
            if index + 1 < count, bytes[index + 1] == UInt8(ascii: ".") { break }
            index += 1
          } else if Lexer.isWordByte(byte) || byte == UInt8(ascii: "%") {
            index += 1
          } else {
            break
          }
        } else if Lexer.isIdeograph(bytes, at: index) {
          index += 3  // the common case in Chinese text, without decoding
        } else {
          guard let (scalar, length) = UTF8Scalar.decode(bytes, at: index),
            Lexer.isWordScalar(scalar) || scalar.value == 0xFF05 || scalar.value == 0x2030
          else { break }
          index += length
        }
      }
      tokens.append(Token(kind: .word, start: start, end: index))
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
            !Lexer.isWordScalar(scalar), !Lexer.punctuation.contains(scalar.value)
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
  static let punctuation: Set<UInt32> = [0x3000, 0x00A0, 0xFEFF, 0xFF0C, 0x3001, 0xFF1B, 0xFF1A, 0xFF5B, 0xFF5D, 0xFF5E, 0x201C, 0xFF03]

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

  /// Letters (CJK included) and digits of any script may appear in words.
  static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    if value >= 0x4E00 && value <= 0x9FFF { return true }
    if value == 0x00B7 { return true }  // ·, in transliterated names
    let properties = scalar.properties
    return properties.isAlphabetic || properties.numericType != nil
  }
}
