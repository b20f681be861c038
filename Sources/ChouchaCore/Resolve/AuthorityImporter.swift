/// Reads entries of the 权责清单 from a spreadsheet export (`import authorities "file.csv"`).
///
/// Columns: 事项编码, 事项名称, 事项类型 (or 职权类别), 实施主体, 设定依据, and optionally 豁免原因.
/// 实施主体 is matched against department names (or codes); each `《title》article` of 设定依据
/// against law titles (with or without the 中华人民共和国 prefix) or codes. What does not match is
/// kept as written, so that the resolver reports it as an undefined name at the cell.
public enum AuthorityImporter {
  static let columns: [CSVTable.Column] = [
    .init(key: "code", headings: ["事项编码", "权责事项编码", "编码"], required: true),
    .init(key: "name", headings: ["事项名称", "权责事项名称", "名称"], required: true),
    .init(key: "kind", headings: ["事项类型", "职权类别", "权力类型"], required: true),
    .init(key: "department", headings: ["实施主体", "责任主体"], required: true),
    .init(key: "basis", headings: ["设定依据", "法律依据", "实施依据"], required: true),
    .init(key: "exempt", headings: ["豁免原因", "不纳入随机抽查原因"], required: false),
  ]

  public static func read(
    _ file: SourceFile, importedAt site: Span, departments: [Department], laws: [Law]
  ) -> (authorities: [Authority], diagnostics: [Diagnostic]) {
    var diagnostics: [Diagnostic] = []
    guard
      let table = CSVTable.read(
        file, columns: columns, what: Text(zh: "表格", en: "table"), site: site, into: &diagnostics)
    else { return ([], diagnostics) }

    let departmentByName = Dictionary(
      departments.compactMap { department in department.header.title.map { ($0.value, department.header.id.value) } },
      uniquingKeysWith: { first, _ in first })
    var lawByTitle: [String: String] = [:]
    for law in laws {
      guard let title = law.header.title?.value else { continue }
      for key in [title, strippedTitle(title)] where lawByTitle[key] == nil { lawByTitle[key] = law.header.id.value }
    }

    var authorities: [Authority] = []
    for row in table.rows {
      guard let code = table.cell(row, "code"), let name = table.cell(row, "name"), let kindCell = table.cell(row, "kind"),
        let subject = table.cell(row, "department"), let basisCell = table.cell(row, "basis")
      else { continue }
      let kindText = kindCell.trimmed
      guard let kind = AuthorityKind.vocabulary.lookup(kindText) ?? (otherKinds.contains(kindText) ? .other : nil) else {
        diagnostics.append(
          .unknownAuthorityType(
            Located(kindText, kindCell.span), row: row.line, otherKinds: otherKinds,
            suggestion: Suggest.closest(to: kindText, among: AuthorityKind.vocabulary.allSpellings + otherKinds)))
        continue
      }
      let subjectText = subject.trimmed
      let department = departmentByName[subjectText] ?? subjectText
      let exempt = table.cell(row, "exempt").flatMap { $0.trimmed.isEmpty ? nil : Name($0.trimmed, $0.span) }
      let header = Header(
        keyword: code.span, id: Name(code.trimmed, code.span), title: Name(name.trimmed, name.span), span: row.span)
      authorities.append(
        Authority(
          header: header, kind: Located(kind, kindCell.span), department: Name(department, subject.span),
          bases: bases(in: basisCell, lawByTitle: lawByTitle), exempt: exempt))
    }
    return (authorities, diagnostics)
  }

  /// Splits `《食品安全法》第一百一十条；《消防法》第五十三条` into bases, at the boundaries
  /// `choucha import` splits a basis cell at (`CellParser.citations`): a document number
  /// (`（…令第13号）`) stays with its title and is no article, a notice issuing a document
  /// (`…关于印发《…》的通知`) is one title. Each basis is located at its `《…》` and its articles.
  /// A cell with no `《》` is one law title.
  static func bases(in cell: CSVReader.Cell, lawByTitle: [String: String]) -> [Basis] {
    let text = cell.text
    var result: [Basis] = []
    let (citations, _) = CellParser.citations(text)
    var cursor = text.startIndex
    for citation in citations {
      // The citation's 《…》: the next one from the cursor whose title it holds (a notice's is
      // inside its title).
      var site = cell.span
      var articleSite = cell.span
      var searchFrom = cursor
      while let open = text[searchFrom...].firstIndex(of: "《"), let close = CellParser.closingMark(in: text, from: open) {
        searchFrom = text.index(after: open)
        let inner = CellParser.titleText(String(text[text.index(after: open)..<close]))
        guard citation.title == inner || citation.title.contains("《\(inner)》") else { continue }
        site = cell.span(of: open..<text.index(after: close))
        let next = text[text.index(after: close)...].firstIndex(of: "《") ?? text.endIndex
        if let articles = citation.articles, let range = text.range(of: articles, range: text.index(after: close)..<next) {
          articleSite = cell.span(of: range)
        } else {
          articleSite = cell.span(of: text.index(after: close)..<next)
        }
        cursor = text.index(after: close)
        break
      }
      let title = citation.title
      let law = lawByTitle[title] ?? lawByTitle[strippedTitle(title)] ?? title
      result.append(
        Basis(law: Name(law, site), article: citation.articles.map { Name($0, articleSite) }))
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
