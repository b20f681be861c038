/// 检查对象名录库 and 执法检查人员名录库 as exported from government platforms: CSV, UTF-8 with or
/// without a BOM or GB18030 (detected), RFC 4180, CRLF. Problems are located diagnostics (file, row, cell), never a skip:
/// a missing column or a malformed row is E0602, a duplicate code E0102, an unknown risk class or
/// department E0101.
public enum Directories {
  /// An entity of the target directory.
  public struct Target: Sendable {
    /// 统一社会信用代码.
    public var code: String
    public var name: String
    /// 行业.
    public var industry: String
    /// 标签.
    public var tags: [String]
    /// 信用风险分类.
    public var riskClass: String
    /// The row, for diagnostics.
    public var span: Span
  }

  /// An officer of the inspector directory.
  public struct Inspector: Sendable {
    /// 工号.
    public var number: String
    public var name: String
    /// The department's code.
    public var department: String
    /// 执法证号; an inspector without one is not certified and is never drawn.
    public var certificate: String?
    /// 专长.
    public var specialties: Set<String>
    /// 回避: credit codes this officer must not inspect.
    public var recusals: Set<String>
  }

  /// What the draw document records of an input: its hash, rows and columns.
  public struct Fingerprint: Sendable, Equatable {
    public var sha256: String
    public var rows: Int
    public var columns: [String]
  }

  struct Column {
    var headings: [String]
    var required: Bool
  }

  static let targetColumns: [String: Column] = [
    "code": Column(headings: ["统一社会信用代码"], required: true),
    "name": Column(headings: ["名称", "企业名称"], required: true),
    "industry": Column(headings: ["行业"], required: true),
    "tags": Column(headings: ["标签"], required: false),
    "class": Column(headings: ["信用风险分类"], required: true),
    "abnormal": Column(headings: ["经营异常"], required: false),
  ]

  static let inspectorColumns: [String: Column] = [
    "number": Column(headings: ["工号"], required: true),
    "name": Column(headings: ["姓名"], required: true),
    "department": Column(headings: ["部门"], required: true),
    "certificate": Column(headings: ["执法证号"], required: true),
    "specialties": Column(headings: ["专长"], required: false),
    "recusals": Column(headings: ["回避"], required: false),
  ]

  /// Splits a cell that lists several values: `、` `，` `,` `；` `;` `/` or spaces.
  static func list(_ cell: String) -> [String] {
    cell.split(whereSeparator: { "、，,；;/ \u{3000}".contains($0) }).map(String.init).filter { !$0.isEmpty }
  }

  public static func targets(_ original: SourceFile, classes: [String]) -> ([Target], Fingerprint, [Diagnostic]) {
    let what = Text(zh: "检查对象名录", en: "target directory")
    var (file, diagnostics) = text(original, what: what)
    guard diagnostics.isEmpty else { return ([], fingerprint(original, rows: 0, header: []), diagnostics) }
    let (rows, header, columns) = table(file, columns: targetColumns, what: Text(zh: "检查对象名录", en: "target directory"), into: &diagnostics)
    var targets: [Target] = []
    var seen: [String: Span] = [:]
    for row in rows {
      guard let code = cell(row, columns["code"]), let name = cell(row, columns["name"]),
        let industry = cell(row, columns["industry"]), let riskClass = cell(row, columns["class"])
      else { continue }
      if let first = seen[code.trimmed] {
        diagnostics.append(
          Diagnostic(
            .E0102,
            Text(zh: "统一社会信用代码“\(Shown.text(code.trimmed))”在名录中出现两次（第 \(row.line) 行）", en: "credit code '\(Shown.text(code.trimmed))' appears twice (row \(row.line))"),
            at: code.span, labels: [.init(first, Text(zh: "第一次出现在这里", en: "first here"))],
            help: Text(zh: "一个市场主体在名录中只能有一行：删除重复的行", en: "one row per entity: delete the duplicate")))
        continue
      }
      guard classes.contains(riskClass.trimmed) else {
        diagnostics.append(
          Diagnostic(
            .E0101,
            Text(zh: "第 \(row.line) 行的信用风险分类“\(Shown.text(riskClass.trimmed))”不是计划的分类", en: "row \(row.line): '\(Shown.text(riskClass.trimmed))' is not a risk class of the plan"),
            at: riskClass.span,
            help: Suggest.help(
              Suggest.closest(to: riskClass.trimmed, among: classes),
              Text(zh: "计划的信用风险分类为 \(classes.joined(separator: "、"))", en: "the plan's classes are \(classes.joined(separator: ", "))"))))
        continue
      }
      seen[code.trimmed] = code.span
      targets.append(
        Target(
          code: code.trimmed, name: name.trimmed, industry: industry.trimmed,
          tags: cell(row, columns["tags"]).map { list($0.trimmed) } ?? [], riskClass: riskClass.trimmed, span: row.span))
    }
    return (targets, fingerprint(original, rows: rows.count, header: header), diagnostics)
  }

  public static func inspectors(_ original: SourceFile, departments: [DepartmentRef]) -> ([Inspector], Fingerprint, [Diagnostic]) {
    let what = Text(zh: "执法检查人员名录", en: "inspector directory")
    var (file, diagnostics) = text(original, what: what)
    guard diagnostics.isEmpty else { return ([], fingerprint(original, rows: 0, header: []), diagnostics) }
    let (rows, header, columns) = table(file, columns: inspectorColumns, what: Text(zh: "执法检查人员名录", en: "inspector directory"), into: &diagnostics)
    let codes = Set(departments.map(\.code))
    var byName: [String: String] = [:]
    for department in departments { byName[department.name] = department.code }
    var inspectors: [Inspector] = []
    var seen: [String: Span] = [:]
    for row in rows {
      guard let number = cell(row, columns["number"]), let name = cell(row, columns["name"]),
        let department = cell(row, columns["department"]), let certificate = cell(row, columns["certificate"])
      else { continue }
      if let first = seen[number.trimmed] {
        diagnostics.append(
          Diagnostic(
            .E0102,
            Text(zh: "工号“\(Shown.text(number.trimmed))”在名录中出现两次（第 \(row.line) 行）", en: "staff number '\(Shown.text(number.trimmed))' appears twice (row \(row.line))"),
            at: number.span, labels: [.init(first, Text(zh: "第一次出现在这里", en: "first here"))],
            help: Text(zh: "每名执法人员只能有一行：删除重复的行", en: "one row per officer: delete the duplicate")))
        continue
      }
      let written = department.trimmed
      guard let code = codes.contains(written) ? written : byName[written] else {
        diagnostics.append(
          Diagnostic(
            .E0101,
            Text(zh: "第 \(row.line) 行的部门“\(Shown.text(written))”未在规则库中定义", en: "row \(row.line): department '\(Shown.text(written))' is not defined"),
            at: department.span,
            help: Suggest.help(
              Suggest.closest(to: written, among: Array(codes) + Array(byName.keys)),
              Text(zh: "部门写编码或规则库中的全称", en: "write the department's code or its full name as in the rules"))))
        continue
      }
      seen[number.trimmed] = number.span
      inspectors.append(
        Inspector(
          number: number.trimmed, name: name.trimmed, department: code,
          certificate: certificate.trimmed.isEmpty ? nil : certificate.trimmed,
          specialties: Set(cell(row, columns["specialties"]).map { list($0.trimmed) } ?? []),
          recusals: Set(cell(row, columns["recusals"]).map { list($0.trimmed) } ?? [])))
    }
    return (inspectors, fingerprint(original, rows: rows.count, header: header), diagnostics)
  }

  static func cell(_ row: CSVReader.Row, _ index: Int?) -> CSVReader.Cell? {
    guard let index, index < row.cells.count else { return nil }
    return row.cells[index]
  }

  static func fingerprint(_ file: SourceFile, rows: Int, header: [String]) -> Fingerprint {
    Fingerprint(sha256: SHA256.hex(SHA256.hash(file.bytes)), rows: rows, columns: header)
  }

  /// A directory file as the draw reads it: UTF-8 as it is, or GB18030 (what Excel writes for
  /// Chinese) converted to UTF-8. Anything else is E0602 at the first byte that is neither.
  /// The fingerprint is always of the original bytes.
  public static func text(_ file: SourceFile, what: Text) -> (SourceFile, [Diagnostic]) {
    guard String(validating: file.bytes, as: UTF8.self) == nil else { return (file, []) }
    let (utf8, error) = GB18030.decode(file.bytes)
    if error == nil {
      return (SourceFile(id: file.id, path: file.path, relativePath: file.relativePath, bytes: utf8), [])
    }
    var offset = 0
    file.bytes.withUnsafeBufferPointer { bytes in
      while offset < bytes.count, let (_, length) = UTF8Scalar.decode(bytes, at: offset) { offset += length }
    }
    return (
      file,
      [
        Diagnostic(
          .E0602,
          Text(zh: "\(what.zh)第 \(offset) 字节起既不是 UTF-8 也不是 GB18030 编码", en: "the \(what.en) is neither UTF-8 nor GB18030 from byte \(offset)"),
          at: Span(file: file.id, start: offset, end: offset + 1),
          help: Text(zh: "在 Excel 或 WPS 中“另存为”“CSV UTF-8（逗号分隔）”", en: "save the sheet as “CSV UTF-8 (comma delimited)”"))
      ]
    )
  }

  /// The data rows of a table, its headings and where each known column is; reports a missing
  /// required column, ragged rows and empty required cells.
  static func table(
    _ file: SourceFile, columns wanted: [String: Column], what: Text, into diagnostics: inout [Diagnostic]
  ) -> (rows: [CSVReader.Row], header: [String], columns: [String: Int]) {
    let (rows, failure) = CSVReader.read(file)
    if case .unterminatedQuote(let span) = failure {
      diagnostics.append(
        Diagnostic(
          .E0602, Text(zh: "\(what.zh)中的引号没有闭合", en: "a quoted cell of the \(what.en) is never closed"), at: span,
          help: Text(zh: "检查此单元格的引号是否成对", en: "check that the quotes pair up")))
    }
    guard let header = rows.first else {
      diagnostics.append(
        Diagnostic(
          .E0602, Text(zh: "\(what.zh)是空的", en: "the \(what.en) is empty"), at: Span(file: file.id, start: 0, end: 0),
          help: Text(zh: "第一行应为列名", en: "the first row must name the columns")))
      return ([], [], [:])
    }
    let headings = header.cells.map { $0.trimmed.filter { $0 != " " && $0 != "\u{3000}" } }
    var columns: [String: Int] = [:]
    for (key, column) in wanted {
      columns[key] = headings.firstIndex { column.headings.contains($0) }
    }
    let missing = wanted.filter { $0.value.required && columns[$0.key] == nil }.map { $0.value.headings[0] }.sorted()
    if !missing.isEmpty {
      diagnostics.append(
        Diagnostic(
          .E0602, Text(zh: "\(what.zh)缺少列：\(missing.joined(separator: "、"))", en: "the \(what.en) has no column \(missing.joined(separator: ", "))"),
          at: header.span, help: Text(zh: "在第一行加上这些列名", en: "add these headings to the first row")))
      return ([], headings, [:])
    }
    var data: [CSVReader.Row] = []
    for row in rows.dropFirst() {
      if row.cells.allSatisfy({ $0.trimmed.isEmpty }) { continue }
      let extra = row.cells.dropFirst(header.cells.count)
      if row.cells.count < header.cells.count || extra.contains(where: { !$0.trimmed.isEmpty }) {
        diagnostics.append(
          Diagnostic(
            .E0602,
            Text(zh: "第 \(row.line) 行有 \(row.cells.count) 个单元格，但表头有 \(header.cells.count) 列", en: "row \(row.line) has \(row.cells.count) cells but the header has \(header.cells.count)"),
            at: row.span, help: Text(zh: "检查这一行是否少了或多了逗号，含逗号的单元格要用引号括起", en: "check for a missing or extra comma; quote cells that contain commas")))
        continue
      }
      let empty = wanted.filter { $0.value.required && $0.key != "certificate" }
        .compactMap { key, column in columns[key].map { (column.headings[0], row.cells[$0]) } }
        .filter { $0.1.trimmed.isEmpty }
        .sorted { $0.0 < $1.0 }
      if let (heading, cell) = empty.first {
        diagnostics.append(
          Diagnostic(
            .E0602, Text(zh: "第 \(row.line) 行的“\(heading)”是空的", en: "row \(row.line): \(heading) is empty"), at: cell.span,
            help: Text(zh: "填写此单元格，或删除这一行", en: "fill in the cell or delete the row")))
        continue
      }
      data.append(row)
    }
    return (data, headings, columns)
  }
}
