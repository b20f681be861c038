/// What `choucha import` left to verify: each value it wrote as a placeholder carries a comment
/// `# 待核实：…` (`# to verify: …`), and stays a warning (W0607) in `check` and CI until someone has
/// verified it and deleted the comment. The parser finds the comments (`SyntaxFile.toVerify`).
enum ImportChecks {
  static func run(toVerify: [Span]) -> [Diagnostic] {
    toVerify.map(Diagnostic.unverifiedPlaceholder)
  }
}
