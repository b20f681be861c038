/// The long explanation of a diagnostic code, for `choucha explain`: what it means, where the rule
/// comes from, a wrong example and the fixed one. The examples are checked by the tests: the wrong
/// one must produce the code, the fixed one must not.
public struct Explanation: Sendable {
  public var code: DiagnosticCode
  /// What the diagnostic means and why it matters.
  public var meaning: Text
  /// Where the rule comes from when that is not a published document (the rule language's
  /// grammar); empty otherwise.
  public var source: Text
  /// The clauses of the published documents the rule comes from (`CitedDocument`), quoted.
  public var citations: [Citation]
  /// A rule file that produces the diagnostic. It is checked together with `Explanation.prelude`.
  public var wrong: String
  /// The same file, fixed.
  public var fixed: String

  /// Declarations every example may rely on: departments SCJG and XFJY, two laws, two inspection
  /// powers, the 2024 plan and a calendar. Examples add what they show.
  public static let prelude = """
    部门 SCJG "区市场监督管理局" { 类型 本级 }
    部门 XFJY "区消防救援大队" { 类型 垂直 }
    法规 食品安全法 "中华人民共和国食品安全法" { 施行 2015-10-01 }
    法规 消防法 "中华人民共和国消防法" { 施行 1998-09-01 }
    权责 130102-JC-001 "对食品经营者的监督检查" { 类型 行政检查; 部门 SCJG; 依据 食品安全法 "第一百一十条" }
    权责 130102-JC-002 "对公众聚集场所消防安全的监督检查" { 类型 行政检查; 部门 XFJY; 依据 消防法 "第五十三条" }
    计划 2024 "2024年抽查工作计划" { 期间 2024-03-01 .. 2024-11-30 }
    日历 2024 { 节假日 2024-10-01 .. 2024-10-07; 补班 2024-09-29, 2024-10-12 }

    """

  public init(
    code: DiagnosticCode, meaning: Text, source: Text = Text(zh: "", en: ""), cites citations: [Citation] = [],
    wrong: String, fixed: String
  ) {
    self.code = code
    self.meaning = meaning
    self.source = source
    self.citations = citations
    self.wrong = wrong
    self.fixed = fixed
  }

  /// The explanation of every code, keyed by code.
  public static func of(_ code: DiagnosticCode) -> Explanation? {
    catalog.first { $0.code == code }
  }

  /// The source as it is shown: the grammar note, then each quoted clause on a line of its own,
  /// then each document cited in full (issuer, date), once.
  public func sourceLines(_ language: Language) -> [String] {
    var lines = source(language).isEmpty ? [] : [source(language)]
    lines += citations.map { $0.rendered(language) }
    var seen = Set<String>()
    for citation in citations where seen.insert(citation.document.key).inserted {
      lines.append((language == .zh ? "见 " : "see ") + citation.document.entry(language))
    }
    return lines
  }

  /// Renders the explanation for the terminal.
  public func rendered(_ language: Language) -> String {
    let heading = language == .zh ? ("错误码", "含义", "来源", "错误示例", "改正后") : ("Code", "Meaning", "Source", "Wrong", "Fixed")
    let severity = HumanRenderer(language: language).severityWord(code.severity)
    let sources = sourceLines(language)
    let source = sources.count == 1 ? " " + sources[0] : "\n" + sources.map { "  " + $0 }.joined(separator: "\n")
    return """
      \(heading.0) \(code.rawValue)\(language == .zh ? "（\(severity)）" : " (\(severity))"): \(code.title(language))

      \(heading.1):
      \(meaning(language))

      \(heading.2):\(source)

      \(heading.3):
      \(wrong.indented)
      \(heading.4):
      \(fixed.indented)
      """
  }
}

extension String {
  /// Indented by four spaces, with a NUL shown as ␀ so that the E0001 example is visible, and any
  /// other invisible character as its marker (`‹U+200B 零宽空格 ZERO WIDTH SPACE›`, W0009).
  var indented: String {
    split(separator: "\n", omittingEmptySubsequences: false)
      .map { $0.isEmpty ? "" : "    " + $0.replacingNUL }.joined(separator: "\n")
  }
}

extension Substring {
  var replacingNUL: String {
    let text = String(map { $0 == "\u{0}" ? "␀" : $0 })
    return text.unicodeScalars.contains(where: Shown.isHidden) ? Shown.text(text, limit: Int.max) : text
  }
}
