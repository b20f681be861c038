/// CSV for spreadsheets: RFC 4180, CRLF, UTF-8 with a BOM (Excel in China opens a CSV without one
/// as GB18030), and formula-safe: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
/// return is prefixed with `'`, so a spreadsheet never runs a name as a formula (OWASP CSV injection).
public enum CSVWriter {
  public static func document(header: [String], rows: [[String]]) -> [UInt8] {
    var text = "\u{FEFF}"
    for row in [header] + rows {
      text += row.map(cell).joined(separator: ",")
      text += "\r\n"
    }
    return Array(text.utf8)
  }

  public static func cell(_ value: String) -> String {
    var value = value
    if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { value = "'" + value }
    let needsQuotes = value.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
      || value.hasPrefix(" ") || value.hasSuffix(" ")
    guard needsQuotes else { return value }
    return "\"" + value.replacingAll("\"", with: "\"\"") + "\""
  }
}

/// Markdown tables for review in pull requests: `|`, `\` and HTML are escaped, line breaks become
/// `<br>`, so no name can break the table or inject markup.
public enum MarkdownWriter {
  public static func table(header: [String], rows: [[String]]) -> String {
    var text = "| " + header.map(cell).joined(separator: " | ") + " |\n"
    text += "|" + String(repeating: "---|", count: header.count) + "\n"
    for row in rows { text += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
    return text
  }

  public static func cell(_ value: String) -> String {
    var result = ""
    for character in value {
      switch character {
      case "\\": result += "\\\\"
      case "|": result += "\\|"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "&": result += "&amp;"
      case "`": result += "\\`"
      case "\n", "\r\n", "\r": result += "<br>"
      default: result.append(character)
      }
    }
    return result.isEmpty ? " " : result
  }
}

extension String {
  func replacingAll(_ target: Character, with replacement: String) -> String {
    var result = ""
    for character in self {
      if character == target { result += replacement } else { result.append(character) }
    }
    return result
  }
}
