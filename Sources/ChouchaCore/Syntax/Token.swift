/// A token: its kind and its byte range in the file. The text is read from the file on demand.
public struct Token: Hashable, Sendable {
  public enum Kind: UInt8, Sendable {
    /// An identifier, keyword, number, date or percentage: the lexer does not tell them apart,
    /// the parser reads a word as what its position expects.
    case word
    /// `"…"` or `“…”`. An unterminated string ends at the line break and is reported.
    case string
    case leftBrace, rightBrace
    /// `,` `，` `、`
    case comma
    /// `;` `；`
    case semicolon
    /// `:` `：`, accepted after a field keyword.
    case colon
    /// `..` `~` `～`
    case range
    case newline
    /// `# …` to the end of the line; kept so that the formatter can keep comments.
    case comment
    /// A character the language has no use for; already reported.
    case invalid
    case end
  }

  public var kind: Kind
  public var start: Int
  public var end: Int
  /// The lexer already reported this token (an `.invalid` character, or a string missing its
  /// closing quote): the parser stays quiet about the rest of its line, to avoid a cascade.
  public var isReported: Bool
  /// A `"…"` string containing `\"` or `\\`, which must be unescaped.
  public var hasEscape: Bool
  /// A word with a zero-width character inside (`SP-‹U+200B›01`, pasted): the word reads as if it
  /// were not there (`Lexer.isZeroWidth`), and the lexer has warned about it (W0009).
  public var hasIgnorable: Bool

  public init(kind: Kind, start: Int, end: Int, isReported: Bool = false, hasEscape: Bool = false, hasIgnorable: Bool = false) {
    self.kind = kind
    self.start = start
    self.end = end
    self.isReported = isReported || kind == .invalid
    self.hasEscape = hasEscape
    self.hasIgnorable = hasIgnorable
  }
}
