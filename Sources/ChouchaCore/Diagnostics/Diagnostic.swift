/// The language diagnostics and explanations are shown in. Chinese first: policy staff read it.
public enum Language: String, Sendable, CaseIterable {
  case zh
  case en
}

/// A text in both languages, written together so that neither falls behind.
public struct Text: Hashable, Sendable {
  public var zh: String
  public var en: String

  public init(zh: String, en: String) {
    self.zh = zh
    self.en = en
  }

  public func callAsFunction(_ language: Language) -> String {
    language == .zh ? zh : en
  }
}

public enum Severity: String, Sendable, Comparable {
  case error
  case warning
  case note

  public static func < (lhs: Severity, rhs: Severity) -> Bool {
    lhs.rank < rhs.rank
  }

  private var rank: Int {
    switch self {
    case .error: return 0
    case .warning: return 1
    case .note: return 2
    }
  }
}

/// A problem found in the input, with where it is and how to fix it.
public struct Diagnostic: Hashable, Sendable {
  /// A secondary location, such as “first defined here”.
  public struct Label: Hashable, Sendable {
    public var span: Span
    public var message: Text

    public init(_ span: Span, _ message: Text) {
      self.span = span
      self.message = message
    }
  }

  /// A replacement that fixes the problem, for `fmt` and editors.
  public struct FixIt: Hashable, Sendable {
    public var span: Span
    public var replacement: String
  }

  public var code: DiagnosticCode
  /// Message, labels and help are set only by `init`, which makes them safe to print.
  public private(set) var message: Text
  public var span: Span
  public private(set) var labels: [Label]
  public private(set) var help: Text?
  public var fixIts: [FixIt]

  public var severity: Severity { code.severity }

  public init(
    _ code: DiagnosticCode, _ message: Text, at span: Span, labels: [Label] = [], help: Text? = nil,
    fixIts: [FixIt] = []
  ) {
    self.code = code
    // A safety net under every message: whatever user text went in, what comes out is one line of
    // bounded length with no control, bidi or format character (Cc, Cf, Zl, Zp), each written by
    // name in the text's language (names are also shortened where they are quoted, with `Shown.text`).
    self.message = Diagnostic.shown(message)
    self.span = span
    self.labels = labels.map { Label($0.span, Diagnostic.shown($0.message)) }
    self.help = help.map(Diagnostic.shown)
    self.fixIts = fixIts
  }

  static func shown(_ text: Text) -> Text {
    Text(zh: Shown.message(text.zh, .zh), en: Shown.message(text.en, .en))
  }
}

extension Array where Element == Diagnostic {
  /// Sorted by file, then position, then code: the order every renderer prints.
  public func sortedForDisplay(_ sources: SourceMap) -> [Diagnostic] {
    sorted { lhs, rhs in
      let lhsPath = sources[lhs.span.file].path
      let rhsPath = sources[rhs.span.file].path
      if lhsPath != rhsPath { return bytesPrecede(lhsPath, rhsPath) }
      if lhs.span.start != rhs.span.start { return lhs.span.start < rhs.span.start }
      if lhs.code != rhs.code { return lhs.code.rawValue < rhs.code.rawValue }
      return bytesPrecede(lhs.message.en, rhs.message.en)
    }
  }

  public var errorCount: Int { lazy.filter { $0.severity == .error }.count }
  public var warningCount: Int { lazy.filter { $0.severity == .warning }.count }
}
