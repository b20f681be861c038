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
  /// An officer of the directory. A class, not a struct: every visit of a draw names its
  /// inspectors, and a reference (one word, one reference count) is what a visit keeps of each,
  /// where a copy of the value was ten words and six counts (hundreds of thousands of visits).
  public final class Inspector: Sendable {
    /// 工号.
    public let number: String
    public let name: String
    /// The department's code.
    public let department: String
    /// 执法证号; an inspector without one is not certified and is never drawn.
    public let certificate: String?
    /// 专长.
    public let specialties: Set<String>
    /// 回避: credit codes this officer must not inspect.
    public let recusals: Set<String>

    public init(
      number: String, name: String, department: String, certificate: String?, specialties: Set<String>,
      recusals: Set<String>
    ) {
      self.number = number
      self.name = name
      self.department = department
      self.certificate = certificate
      self.specialties = specialties
      self.recusals = recusals
    }
  }

  /// What the draw document records of an input: its hash, rows and columns.
  public struct Fingerprint: Sendable, Equatable {
    public var sha256: String
    public var rows: Int
    public var columns: [String]
  }

  static let targetColumns: [CSVTable.Column] = [
    .init(key: "code", headings: ["统一社会信用代码"], required: true),
    .init(key: "name", headings: ["名称", "企业名称"], required: true),
    .init(key: "industry", headings: ["行业"], required: true),
    .init(key: "tags", headings: ["标签"], required: false),
    .init(key: "class", headings: ["信用风险分类"], required: true),
    .init(key: "abnormal", headings: ["经营异常"], required: false),
  ]

  static let inspectorColumns: [CSVTable.Column] = [
    .init(key: "number", headings: ["工号"], required: true),
    .init(key: "name", headings: ["姓名"], required: true),
    .init(key: "department", headings: ["部门"], required: true),
    .init(key: "certificate", headings: ["执法证号"], required: true, mayBeEmpty: true),
    .init(key: "specialties", headings: ["专长"], required: false),
    .init(key: "recusals", headings: ["回避"], required: false),
  ]

  /// Splits a cell that lists several values: `、` `，` `,` `；` `;` `/` or spaces.
  static func list(_ cell: String) -> [String] {
    // Most cells name one value: none of the separators' bytes, no splitting by Character.
    // (、 and U+3000 start with E3, ， and ； with EF.)
    let separatorByte: (UInt8) -> Bool = {
      $0 == 0xE3 || $0 == 0xEF || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "/")
        || $0 == UInt8(ascii: " ")
    }
    if !cell.utf8.contains(where: separatorByte) { return cell.isEmpty ? [] : [cell] }
    return cell.split(whereSeparator: { "、，,；;/ \u{3000}".contains($0) }).map(String.init).filter { !$0.isEmpty }
  }

  public static func targets(_ original: SourceFile, classes: [String]) -> ([Target], Fingerprint, [Diagnostic]) {
    let what = Text(zh: "检查对象名录", en: "target directory")
    let (file, problems) = text(original, what: what)
    var diagnostics = problems
    guard diagnostics.isEmpty else { return ([], fingerprint(original, rows: 0, header: []), diagnostics) }
    guard let table = CSVTable.read(file, columns: targetColumns, what: what, site: nil, into: &diagnostics) else {
      return ([], fingerprint(original, rows: 0, header: []), diagnostics)
    }
    var targets: [Target] = []
    var seen: [String: Span] = [:]
    for row in table.rows {
      guard let code = table.cell(row, "code"), let name = table.cell(row, "name"),
        let industry = table.cell(row, "industry"), let riskClass = table.cell(row, "class")
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
          tags: table.cell(row, "tags").map { list($0.trimmed) } ?? [], riskClass: riskClass.trimmed, span: row.span))
    }
    return (targets, fingerprint(original, rows: table.rows.count, header: table.headings), diagnostics)
  }

  public static func inspectors(_ original: SourceFile, departments: [DepartmentRef]) -> ([Inspector], Fingerprint, [Diagnostic]) {
    let what = Text(zh: "执法检查人员名录", en: "inspector directory")
    let (file, problems) = text(original, what: what)
    var diagnostics = problems
    guard diagnostics.isEmpty else { return ([], fingerprint(original, rows: 0, header: []), diagnostics) }
    guard let table = CSVTable.read(file, columns: inspectorColumns, what: what, site: nil, into: &diagnostics) else {
      return ([], fingerprint(original, rows: 0, header: []), diagnostics)
    }
    let codes = Set(departments.map(\.code))
    var byName: [String: String] = [:]
    for department in departments { byName[department.name] = department.code }
    var inspectors: [Inspector] = []
    var seen: [String: Span] = [:]
    for row in table.rows {
      guard let number = table.cell(row, "number"), let name = table.cell(row, "name"),
        let department = table.cell(row, "department"), let certificate = table.cell(row, "certificate")
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
          specialties: Set(table.cell(row, "specialties").map { list($0.trimmed) } ?? []),
          recusals: Set(table.cell(row, "recusals").map { list($0.trimmed) } ?? [])))
    }
    return (inspectors, fingerprint(original, rows: table.rows.count, header: table.headings), diagnostics)
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
}
