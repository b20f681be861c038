extension Lexer {
  /// True when `text` is one word of the rule language and nothing else: what the lexer reads as
  /// a single `.word` token covering the whole text, with no diagnostic. A code written into
  /// generated source (an item's 权责, `--department`, `--prefix`) must pass this, so that
  /// `JC-001、JC-002`, `/`, `A(B)` or `A..B` are never written where one code is expected.
  public static func isSingleWord(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    guard !bytes.isEmpty else { return false }
    let (tokens, diagnostics) = tokenize(SourceFile(id: 0, path: "", bytes: bytes))
    guard diagnostics.isEmpty, tokens.count == 2, tokens[1].kind == .end else { return false }
    return tokens[0].kind == .word && tokens[0].start == 0 && tokens[0].end == bytes.count
  }
}
