/// SARIF 2.1.0 for code-scanning dashboards: one run, the tool's rules (every code, with its
/// title and explanation) and the results with their locations. Columns count Unicode code
/// points (`columnKind`), as the human and JSON formats do.
public struct SARIFRenderer {
  public var language: Language
  public var version: String

  public init(language: Language, version: String) {
    self.language = language
    self.version = version
  }

  public func render(_ compilations: [(diagnostics: [Diagnostic], sources: SourceMap)]) -> String {
    let codes = DiagnosticCode.allCases
    let rules = codes.map { code -> JSON in
      let explanation = Explanation.of(code)
      return .object([
        ("id", .string(code.rawValue)),
        ("name", .string(code.rawValue)),
        ("shortDescription", .object([("text", .string(code.title(language)))])),
        ("fullDescription", .object([("text", .string(explanation?.meaning(language) ?? code.title(language)))])),
        ("help", .object([("text", .string(explanation?.rendered(language) ?? code.title(language)))])),
        ("defaultConfiguration", .object([("level", .string(level(code.severity)))])),
      ])
    }
    var results: [JSON] = []
    for (diagnostics, sources) in compilations {
      for diagnostic in diagnostics {
        var message = diagnostic.message(language)
        if let help = diagnostic.help { message += "\n" + help(language) }
        results.append(
          .object([
            ("ruleId", .string(diagnostic.code.rawValue)),
            ("ruleIndex", .int(codes.firstIndex(of: diagnostic.code)!)),
            ("level", .string(level(diagnostic.severity))),
            ("message", .object([("text", .string(message))])),
            ("locations", .array([location(diagnostic.span, sources, message: nil)])),
            (
              "relatedLocations",
              .array(
                diagnostic.labels.enumerated().map { index, label in
                  location(label.span, sources, message: label.message(language), id: index)
                })
            ),
          ]))
      }
    }
    let run = JSON.object([
      (
        "tool",
        .object([
          (
            "driver",
            .object([
              ("name", .string("choucha")),
              ("version", .string(version)),
              ("informationUri", .string("https://choucha.example/")),
              ("rules", .array(rules)),
            ])
          )
        ])
      ),
      ("columnKind", .string("unicodeCodePoints")),
      ("results", .array(results)),
    ])
    return JSON.object([
      ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
      ("version", .string("2.1.0")),
      ("runs", .array([run])),
    ]).rendered(pretty: true) + "\n"
  }

  func level(_ severity: Severity) -> String {
    switch severity {
    case .error: return "error"
    case .warning: return "warning"
    case .note: return "note"
    }
  }

  func location(_ span: Span, _ sources: SourceMap, message: String?, id: Int? = nil) -> JSON {
    let file = sources[span.file]
    let start = file.location(of: span.start)
    let end = file.location(of: span.end)
    var members: [(String, JSON)] = []
    if let id { members.append(("id", .int(id))) }
    members.append(
      (
        "physicalLocation",
        .object([
          ("artifactLocation", .object([("uri", .string(uri(file.path)))])),
          (
            "region",
            .object([
              ("startLine", .int(start.line)), ("startColumn", .int(start.column)),
              ("endLine", .int(end.line)), ("endColumn", .int(max(end.column, end.line == start.line ? start.column + 1 : 1))),
            ])
          ),
        ])
      ))
    if let message { members.append(("message", .object([("text", .string(message))]))) }
    return .object(members)
  }

  /// A relative path as a URI reference: `%` and characters outside URIs percent-encoded (UTF-8).
  func uri(_ path: String) -> String {
    var result = ""
    for byte in path.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
        UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
        result.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        let hex = String(byte, radix: 16, uppercase: true)
        result += "%" + (hex.count == 1 ? "0" : "") + hex
      }
    }
    return result
  }
}

/// GitHub Actions workflow commands: one `::error file=…,line=…,col=…,title=E0101::message` line
/// per finding, so that findings appear on the pull request's lines.
public struct GitHubRenderer {
  public var language: Language

  public init(language: Language) { self.language = language }

  public func render(_ compilations: [(diagnostics: [Diagnostic], sources: SourceMap)]) -> String {
    var output = ""
    for (diagnostics, sources) in compilations {
      for diagnostic in diagnostics {
        let file = sources[diagnostic.span.file]
        let start = file.location(of: diagnostic.span.start)
        let end = file.location(of: diagnostic.span.end)
        let command = diagnostic.severity == .error ? "error" : diagnostic.severity == .warning ? "warning" : "notice"
        var message = diagnostic.message(language)
        if let help = diagnostic.help { message += "\n" + help(language) }
        output += "::\(command) file=\(property(file.path)),line=\(start.line),col=\(start.column),"
        output += "endLine=\(end.line),endColumn=\(end.column),title=\(diagnostic.code.rawValue)::\(data(message))\n"
      }
    }
    return output
  }

  /// The escaping GitHub's toolkit applies to a command's message.
  func data(_ text: String) -> String {
    var result = ""
    for character in text {
      switch character {
      case "%": result += "%25"
      case "\r": result += "%0D"
      case "\n": result += "%0A"
      case "\r\n": result += "%0D%0A"
      default: result.append(character)
      }
    }
    return result
  }

  /// … and to a property's value, which also escapes `:` and `,`.
  func property(_ text: String) -> String {
    var result = ""
    for character in data(text) {
      switch character {
      case ":": result += "%3A"
      case ",": result += "%2C"
      default: result.append(character)
      }
    }
    return result
  }
}
