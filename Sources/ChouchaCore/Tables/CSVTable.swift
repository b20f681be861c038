/// A spreadsheet export read as a table, for imported authority lists and the draw's directories:
/// columns found by their headings (real sheets use several names for one column), and every
/// problem located — a quote never closed, a missing required column, a ragged row, an empty
/// required cell (all E0602). Rows with a problem are left out of `rows`, never silently.
package struct CSVTable {
  package struct Column {
    package var key: String
    var headings: [String]
    var required: Bool
    /// A required column whose cells may be empty (an inspector without a certificate).
    var mayBeEmpty = false
  }

  /// The headings as written, spaces removed.
  var headings: [String]
  /// The data rows without problems.
  var rows: [CSVReader.Row]
  var positions: [String: Int]
  /// The heading row, when there is one.
  var header: CSVReader.Row? = nil

  /// A heading cell as columns are matched: trimmed, spaces removed.
  /// By Unicode scalars, in one pass: a heading cell can be megabytes long (a file of NUL bytes
  /// read as a table), and comparing Characters cost a microsecond a byte.
  package static func heading(_ text: String) -> String {
    // Most headings hold no space of either width (U+3000 starts with E3): as they are.
    if !text.utf8.contains(where: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0xE3 }) { return text }
    let scalars = text.unicodeScalars
    guard let first = scalars.firstIndex(where: { !" \t\r\n\u{3000}".unicodeScalars.contains($0) }) else { return "" }
    let last = scalars.lastIndex(where: { !" \t\r\n\u{3000}".unicodeScalars.contains($0) })!
    var result = String.UnicodeScalarView()
    for scalar in scalars[first...last] where scalar != " " && scalar != "\u{3000}" { result.append(scalar) }
    return String(result)
  }

  /// The first heading naming `column`, with or without a bracketed note (`信用风险分类（2024）`).
  /// The draw's streaming reader finds its columns here too, so that both paths read one column.
  package static func position(of column: Column, in headings: [String]) -> Int? {
    headings.firstIndex { column.headings.contains($0) || column.headings.contains(withoutNotes($0)) }
  }

  func cell(_ row: CSVReader.Row, _ key: String) -> CSVReader.Cell? {
    guard let index = positions[key], index < row.cells.count else { return nil }
    return row.cells[index]
  }

  /// - Parameters:
  ///   - what: the table, as messages name it (表格, 检查对象名录).
  ///   - site: where the table was imported from, labelled on a missing column.
  static func read(
    _ file: SourceFile, columns: [Column], what: Text, site: Span?, into diagnostics: inout [Diagnostic]
  ) -> CSVTable? {
    let (rows, failure) = CSVReader.read(file)
    if case .unterminatedQuote(let span) = failure {
      diagnostics.append(.tableUnterminatedQuote(what: what, at: span))
    }
    let listing = columns.map { $0.headings.joined(separator: "/") }.joined(separator: "，")
    guard let header = rows.first else {
      diagnostics.append(.tableEmpty(what: what, listing: listing, at: site ?? Span(file: file.id, start: 0, end: 0)))
      return nil
    }
    let headings = header.cells.map { heading($0.text) }
    var positions: [String: Int] = [:]
    for column in columns {
      positions[column.key] = position(of: column, in: headings)
    }
    let missing = columns.filter { $0.required && positions[$0.key] == nil }.map { $0.headings[0] }
    if !missing.isEmpty {
      let names = missing.joined(separator: "、")
      diagnostics.append(.tableMissingColumns(what: what, names: names, listing: listing, at: header.span, importedAt: site))
      return CSVTable(headings: headings, rows: [], positions: [:], header: header)
    }
    var data: [CSVReader.Row] = []
    for row in rows.dropFirst() {
      if row.cells.allSatisfy({ $0.trimmed.isEmpty }) { continue }
      let extra = row.cells.dropFirst(header.cells.count)
      if row.cells.count < header.cells.count || extra.contains(where: { !$0.trimmed.isEmpty }) {
        diagnostics.append(
          .tableRowWidth(row: row.line, cells: row.cells.count, columns: header.cells.count, at: row.span))
        continue
      }
      var complete = true
      for column in columns where column.required && !column.mayBeEmpty {
        guard let index = positions[column.key], row.cells[index].trimmed.isEmpty else { continue }
        complete = false
        diagnostics.append(
          .tableCellEmpty(row: row.line, heading: column.headings[0], at: row.cells[index].span))
      }
      if complete { data.append(row) }
    }
    return CSVTable(headings: headings, rows: data, positions: positions, header: header)
  }

  /// The bracketed notes of a heading, which `withoutNotes` leaves out: `抽查比例(%)` has `%`,
  /// `抽取对象数（户）` has `户`. A column's unit is often only there. By scalars, in one pass.
  static func notes(_ heading: String) -> String {
    var result = String.UnicodeScalarView()
    var depth = 0
    for scalar in heading.unicodeScalars {
      switch scalar {
      case "(", "（", "[", "【":
        depth += 1
      case ")", "）", "]", "】":
        depth = max(0, depth - 1)
        if depth == 0 { result.append(" ") }
      default: if depth > 0 { result.append(scalar) }
      }
    }
    return String(result).trimmingCharacters(in: " ")
  }

  /// A heading without its bracketed notes: `抽查事项(56项)` and `抽取对象数（户）` are
  /// `抽查事项` and `抽取对象数`. By scalars, in one pass.
  static func withoutNotes(_ heading: String) -> String {
    // No bracket of either width (（ starts with EF, 【 with E3): as it is.
    if !heading.utf8.contains(where: { $0 == 0x28 || $0 == 0x29 || $0 == 0x5B || $0 == 0x5D || $0 == 0xEF || $0 == 0xE3 }) {
      return heading
    }
    var result = String.UnicodeScalarView()
    var depth = 0
    for scalar in heading.unicodeScalars {
      switch scalar {
      case "(", "（", "[", "【": depth += 1
      case ")", "）", "]", "】": depth = max(0, depth - 1)
      default: if depth == 0 { result.append(scalar) }
      }
    }
    return String(result)
  }
}
