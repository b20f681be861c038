/// Reads entries of the 权责清单 from a spreadsheet export (`import authorities "file.csv"`).
///
/// Columns: 事项编码, 事项名称, 事项类型 (or 职权类别), 实施主体, 设定依据, and optionally 豁免原因.
/// 实施主体 is matched against department names (or codes); each `《title》article` of 设定依据
/// against law titles (with or without the 中华人民共和国 prefix) or codes. What does not match is
/// kept as written, so that the resolver reports it as an undefined name at the cell.
public enum AuthorityImporter {
  enum Column: CaseIterable {
    case code, name, kind, department, basis, exempt

    var headings: [String] {
      switch self {
      case .code: return ["事项编码", "权责事项编码", "编码"]
      case .name: return ["事项名称", "权责事项名称", "名称"]
      case .kind: return ["事项类型", "职权类别", "权力类型"]
      case .department: return ["实施主体", "责任主体"]
      case .basis: return ["设定依据", "法律依据", "实施依据"]
      case .exempt: return ["豁免原因", "不纳入随机抽查原因"]
      }
    }

    var isRequired: Bool { self != .exempt }
  }

  public static func read(
    _ file: SourceFile, importedAt site: Span, departments: [Department], laws: [Law]
  ) -> (authorities: [Authority], diagnostics: [Diagnostic]) {
    var diagnostics: [Diagnostic] = []
    let (rows, failure) = CSVReader.read(file)
    if case .unterminatedQuote(let span) = failure {
      diagnostics.append(
        Diagnostic(
          .E0602, Text(zh: "表格中的引号没有闭合", en: "a quoted cell is never closed"), at: span,
          help: Text(zh: "检查此单元格的引号是否成对；单元格内的引号应写作两个引号 \"\"", en: "check that the quotes pair up; a quote inside a cell is written as two quotes \"\"")))
    }
    guard let header = rows.first else {
      diagnostics.append(
        Diagnostic(
          .E0602, Text(zh: "引入的表格是空的", en: "the imported table is empty"), at: site,
          help: Text(zh: "表格第一行应为列名：事项编码、事项名称、事项类型、实施主体、设定依据", en: "the first row must name the columns: 事项编码, 事项名称, 事项类型, 实施主体, 设定依据")))
      return ([], diagnostics)
    }

    var columns: [Column: Int] = [:]
    for (index, cell) in header.cells.enumerated() {
      let heading = cell.trimmed.filter { $0 != " " && $0 != "\u{3000}" }
      if let column = Column.allCases.first(where: { $0.headings.contains(heading) }), columns[column] == nil {
        columns[column] = index
      }
    }
    let missing = Column.allCases.filter { $0.isRequired && columns[$0] == nil }
    if !missing.isEmpty {
      let names = missing.map { $0.headings[0] }.joined(separator: "、")
      diagnostics.append(
        Diagnostic(
          .E0602, Text(zh: "表格缺少列：\(names)", en: "the table has no column \(names)"), at: header.span,
          labels: [.init(site, Text(zh: "在此引入", en: "imported here"))],
          help: Text(zh: "在第一行加上这些列名（可用的列名：\(Column.allCases.map { $0.headings.joined(separator: "/") }.joined(separator: "，"))）", en: "add these headings to the first row")))
      return ([], diagnostics)
    }

    let departmentByName = Dictionary(
      departments.compactMap { department in department.header.title.map { ($0.value, department.header.id.value) } },
      uniquingKeysWith: { first, _ in first })
    var lawByTitle: [String: String] = [:]
    for law in laws {
      guard let title = law.header.title?.value else { continue }
      for key in [title, strippedTitle(title)] where lawByTitle[key] == nil { lawByTitle[key] = law.header.id.value }
    }

    var authorities: [Authority] = []
    for row in rows.dropFirst() {
      if row.cells.allSatisfy({ $0.trimmed.isEmpty }) { continue }
      let extra = row.cells.dropFirst(header.cells.count)
      if row.cells.count < header.cells.count || extra.contains(where: { !$0.trimmed.isEmpty }) {
        diagnostics.append(
          Diagnostic(
            .E0602,
            Text(
              zh: "第 \(row.line) 行有 \(row.cells.count) 个单元格，但表头有 \(header.cells.count) 列",
              en: "row \(row.line) has \(row.cells.count) cells but the header has \(header.cells.count)"),
            at: row.span,
            help: Text(zh: "检查这一行是否少了或多了逗号，含逗号的单元格要用引号括起", en: "check for a missing or extra comma; cells containing commas must be quoted")))
        continue
      }
      func cell(_ column: Column) -> CSVReader.Cell? { columns[column].map { row.cells[$0] } }
      var complete = true
      for column in Column.allCases where column.isRequired {
        guard let value = cell(column), value.trimmed.isEmpty else { continue }
        complete = false
        diagnostics.append(
          Diagnostic(
            .E0602,
            Text(zh: "第 \(row.line) 行的“\(column.headings[0])”是空的", en: "row \(row.line): \(column.headings[0]) is empty"),
            at: value.span, help: Text(zh: "填写此单元格，或删除这一行", en: "fill in the cell or delete the row")))
      }
      guard complete, let code = cell(.code), let name = cell(.name), let kindCell = cell(.kind),
        let subject = cell(.department), let basisCell = cell(.basis)
      else { continue }

      let kindText = kindCell.trimmed
      guard let kind = AuthorityKind.vocabulary.lookup(kindText) ?? (otherKinds.contains(kindText) ? .other : nil) else {
        var help = Text(
          zh: "事项类型应为 行政检查、行政许可、行政处罚，或其他权力类型（\(otherKinds.joined(separator: "、"))）",
          en: "the type is 行政检查, 行政许可, 行政处罚, or another kind of power (\(otherKinds.joined(separator: ", ")))")
        help = Suggest.help(Suggest.closest(to: kindText, among: AuthorityKind.vocabulary.allSpellings + otherKinds), help)
        diagnostics.append(
          Diagnostic(
            .E0602,
            Text(zh: "第 \(row.line) 行的事项类型“\(Shown.text(kindText))”无法识别", en: "row \(row.line): unknown type '\(Shown.text(kindText))'"),
            at: kindCell.span, help: help))
        continue
      }
      let subjectText = subject.trimmed
      let department = departmentByName[subjectText] ?? subjectText
      let exempt = cell(.exempt).flatMap { $0.trimmed.isEmpty ? nil : Name($0.trimmed, $0.span) }
      let header = Header(
        keyword: code.span, id: Name(code.trimmed, code.span), title: Name(name.trimmed, name.span), span: row.span)
      authorities.append(
        Authority(
          header: header, kind: Located(kind, kindCell.span), department: Name(department, subject.span),
          bases: bases(in: basisCell, lawByTitle: lawByTitle), exempt: exempt))
    }
    return (authorities, diagnostics)
  }

  /// Splits `《食品安全法》第一百一十条；《消防法》第五十三条` into bases. A cell with no `《》` is one
  /// law title.
  static func bases(in cell: CSVReader.Cell, lawByTitle: [String: String]) -> [Basis] {
    let text = cell.text
    var result: [Basis] = []
    var searchStart = text.startIndex
    while let open = text[searchStart...].firstIndex(of: "《") {
      guard let close = text[open...].firstIndex(of: "》") else { break }
      let titleRange = text.index(after: open)..<close
      let title = String(text[titleRange])
      var articleEnd = text.index(after: close)
      while articleEnd < text.endIndex, !"《；;\n\r\n".contains(text[articleEnd]) {
        articleEnd = text.index(after: articleEnd)
      }
      let articleRange = text.index(after: close)..<articleEnd
      let article = String(text[articleRange]).trimmingCharacters(in: " \t\r\u{3000}")
      let law = lawByTitle[title] ?? lawByTitle[strippedTitle(title)] ?? title
      result.append(
        Basis(
          law: Name(law, cell.span(of: open..<text.index(after: close))),
          article: article.isEmpty ? nil : Name(article, cell.span(of: articleRange))))
      searchStart = articleEnd
    }
    if result.isEmpty {
      let title = cell.trimmed
      result.append(Basis(law: Name(lawByTitle[title] ?? lawByTitle[strippedTitle(title)] ?? title, cell.span), article: nil))
    }
    return result
  }

  /// The other kinds of power a 权责清单 lists; none of them can become a random-inspection item.
  static let otherKinds = ["行政强制", "行政征收", "行政给付", "行政确认", "行政奖励", "行政裁决", "其他行政权力", "公共服务"]

  static func strippedTitle(_ title: String) -> String {
    title.hasPrefix("中华人民共和国") ? String(title.dropFirst(7)) : title
  }
}
