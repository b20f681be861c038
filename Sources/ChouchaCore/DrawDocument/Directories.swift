/// 检查对象名录库 and 执法检查人员名录库 as exported from government platforms: CSV, UTF-8 with or
/// without a BOM or GB18030 (detected), RFC 4180, CRLF. Problems are located diagnostics (file, row, cell), never a skip:
/// a missing column, a malformed row or a cell holding a control or bidi control character
/// (`isRefused`) is E0602, a duplicate code E0102, an unknown risk class or
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
    /// 经营异常: on the abnormal-operation list. Read only for a draw with an abnormal stratum
    /// (`Directories.abnormal(_:)`); false otherwise.
    public var abnormal = false
  }

  /// 经营异常 as a draw with an abnormal stratum reads it: `是 Y y 1 true` yes, `否 N n 0 false` or
  /// empty no, anything else nil (an error at the cell). The cell is trimmed first.
  public static func abnormal(_ cell: String) -> Bool? {
    switch cell {
    case "是", "Y", "y", "1", "true": return true
    case "否", "N", "n", "0", "false", "": return false
    default: return nil
    }
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
    /// The directory's content digest (`Commitment.digest`), for a draw finished from an engine's
    /// selection (`draw --selection`): `sha256` is then the selection file's, `rows` the
    /// directory's data rows, `columns` the selection's. Nil for a draw from the directory.
    public var contentDigest: String? = nil
    /// The method of `contentDigest` (README rule 8).
    public var contentDigestMethod = Commitment.DigestMethod.current

    package init(sha256: String, rows: Int, columns: [String]) {
      self.sha256 = sha256
      self.rows = rows
      self.columns = columns
    }
  }

  package static let targetColumns: [CSVTable.Column] = [
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

  /// How a directory is read. `current`: today's reading, for a new draw. `published`: for
  /// `verify`, the reading of the draw documents of `consistent-sampler-sha256-v1` as first
  /// published, which accepted a misspelt optional column (and left it unread) and two officers
  /// sharing one 执法证号: what today's reading refuses there is a warning (W0702), and the draw is
  /// re-run as it was made, so that old draws stay verifiable. A directory today's reading accepts
  /// is drawn identically by both.
  public enum Reading: Sendable {
    case current, published
  }

  /// Optional columns whose absence changes what the draw does, and what it then does not do.
  static let safeguards: [String: Text] = [
    "recusals": Text(zh: "不做回避检查", en: "no recusal is checked"),
    "specialties": Text(zh: "所有人员都视为没有专长，要求专长的任务无人可派", en: "nobody has a specialty; tasks requiring one cannot be staffed"),
    "tags": Text(zh: "单部门任务只按“行业”确定检查对象", en: "single tasks find their targets by industry only"),
  ]

  /// Whether `heading` names one of `columns` (as `CSVTable.position` matches them).
  static func isKnown(_ heading: String, _ columns: [CSVTable.Column]) -> Bool {
    let bare = CSVTable.withoutNotes(heading)
    return columns.contains { $0.headings.contains(heading) || $0.headings.contains(bare) }
  }

  /// The column a heading that names none of `columns` is probably a misspelling of (`需回避` for
  /// `回避`, `标签名` for `标签`, `经营异常名录` for `经营异常`): by `Suggest`, among the headings
  /// of the columns the table does not have. Nil for an empty heading or a column the table has.
  static func misspelt(_ heading: String, absent: [String], _ columns: [CSVTable.Column]) -> String? {
    guard !heading.isEmpty, !absent.isEmpty, !isKnown(heading, columns) else { return nil }
    return Suggest.closest(to: CSVTable.withoutNotes(heading), among: absent)
  }

  /// The headings of the columns a table does not have.
  static func absentHeadings(_ headings: [String], _ columns: [CSVTable.Column]) -> [String] {
    columns.filter { CSVTable.position(of: $0, in: headings) == nil }.flatMap(\.headings)
  }

  /// Whether any heading is a probable misspelling of a column (the streaming draw leaves such a
  /// directory to the exact path, which reports it).
  package static func hasMisspeltHeading(_ headings: [String], _ columns: [CSVTable.Column]) -> Bool {
    let absent = absentHeadings(headings, columns)
    return headings.contains { misspelt($0, absent: absent, columns) != nil }
  }

  /// What the heading row says: a heading close to a column the table lacks (E0602, or W0702 in
  /// the published reading), and, once each, an absent optional column that is a safeguard
  /// (W0702, “没有回避列：不做回避检查”), located at the file's start.
  package static func headingFindings(
    _ header: CSVReader.Row?, headings: [String], columns: [CSVTable.Column], what: Text, file: Int, reading: Reading
  ) -> [Diagnostic] {
    var findings: [Diagnostic] = []
    var meant = Set<String>()
    let absent = absentHeadings(headings, columns)
    for (index, heading) in headings.enumerated() {
      guard let suggestion = misspelt(heading, absent: absent, columns) else { continue }
      meant.insert(suggestion)
      let span = header.flatMap { index < $0.cells.count ? $0.cells[index].span : nil } ?? Span(file: file, start: 0, end: 0)
      let written = Located(heading, span)
      findings.append(
        reading == .published
          ? .directoryHeadingUnknownPublished(written, what: what, suggestion: suggestion)
          : .directoryHeadingUnknown(written, what: what, suggestion: suggestion))
    }
    let start = Span(file: file, start: 0, end: 0)
    for column in columns where !column.required {
      guard let consequence = safeguards[column.key], CSVTable.position(of: column, in: headings) == nil,
        !column.headings.contains(where: meant.contains)
      else { continue }
      let name = column.headings[0]
      findings.append(.directoryLacksSafeguard(what: what, column: name, consequence: consequence, at: start))
    }
    return findings
  }

  /// Whether a directory's cell may not hold `scalar`: the rule of imported tables
  /// (`Compiler.invisibleCharacters`, `Lexer.isForbiddenInString` with line breaks aside, since a
  /// quoted cell may span lines): C0 controls other than tab, DEL, C1 controls, the bidi controls
  /// and U+2028/U+2029. What a cell holds goes into the published draw as it is (draw-2024.csv and
  /// .json): an ESC sequence or a U+202E there is an error, not a firm's name. Zero-width and other
  /// format characters that do not reorder text are kept, as in imported tables.
  public static func isRefused(_ scalar: Unicode.Scalar) -> Bool {
    scalar != "\n" && scalar != "\r" && Lexer.isForbiddenInString(scalar)
  }

  /// The cells holding a refused character (`isRefused`): one diagnostic per row, at its first
  /// such character, naming it and its column; E0602, or W0702 in the published reading (the
  /// draws first published read such cells as they were). Each cell is looked at in the file's
  /// bytes, quotes and all, so the place is exact whatever the quoting.
  static func hiddenCharacters(in table: CSVTable, file: SourceFile, what: Text, reading: Reading) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    let rows = (table.header.map { [$0] } ?? []) + table.rows
    file.bytes.withUnsafeBufferPointer { bytes in
      for row in rows {
        var first: (scalar: Unicode.Scalar, start: Int, length: Int, cell: Int)?
        var more = 0
        for (column, cell) in row.cells.enumerated() {
          var index = cell.span.start
          let end = min(cell.span.end, bytes.count)
          while index < end {
            let byte = bytes[index]
            if byte >= 0x20 && byte < 0x7F {
              index += 1
              continue
            }
            let (scalar, length) = UTF8Scalar.decode(bytes, at: index) ?? ("\u{FFFD}", 1)
            if isRefused(scalar) {
              if first == nil { first = (scalar, index, length, column) } else { more += 1 }
            }
            index += length
          }
        }
        guard let (scalar, start, length, column) = first else { continue }
        let place = Diagnostic.DirectoryPlace(
          line: row.line, column: column, heading: column < table.headings.count ? table.headings[column] : "",
          isHeader: row.line == 1 && table.header != nil)
        let at = Span(file: file.id, start: start, end: start + length)
        diagnostics.append(
          reading == .published
            ? .directoryInvisibleCharacterPublished(scalar, place: place, what: what, more: more, at: at)
            : .directoryInvisibleCharacter(scalar, place: place, what: what, more: more, at: at))
      }
    }
    return diagnostics
  }

  /// Splits a cell that lists several values: `、` `，` `,` `；` `;` `/` or spaces.
  package static func list(_ cell: String) -> [String] {
    // Most cells name one value: none of the separators' bytes, no splitting by Character.
    // (、 and U+3000 start with E3, ， and ； with EF.)
    let separatorByte: (UInt8) -> Bool = {
      $0 == 0xE3 || $0 == 0xEF || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "/")
        || $0 == UInt8(ascii: " ")
    }
    if !cell.utf8.contains(where: separatorByte) { return cell.isEmpty ? [] : [cell] }
    return cell.split(whereSeparator: { "、，,；;/ \u{3000}".contains($0) }).map(String.init).filter { !$0.isEmpty }
  }

  public static let targetsName = Text(zh: "检查对象名录", en: "target directory")
  public static let inspectorsName = Text(zh: "执法检查人员名录", en: "inspector directory")

  /// - Parameter abnormal: read 经营异常 (a task of the draw has an abnormal stratum); a value
  ///   neither yes nor no is then an error at the cell.
  public static func targets(
    _ original: SourceFile, classes: [String], abnormal: Bool = false, reading: Reading = .current
  ) -> ([Target], Fingerprint, [Diagnostic]) {
    let what = targetsName
    let (file, problems) = text(original, what: what)
    var diagnostics = problems
    guard diagnostics.isEmpty else { return ([], fingerprint(original, rows: 0, header: []), diagnostics) }
    guard let table = CSVTable.read(file, columns: targetColumns, what: what, site: nil, into: &diagnostics) else {
      return ([], fingerprint(original, rows: 0, header: []), diagnostics)
    }
    diagnostics += headingFindings(
      table.header, headings: table.headings, columns: targetColumns, what: what, file: file.id, reading: reading)
    diagnostics += hiddenCharacters(in: table, file: file, what: what, reading: reading)
    if abnormal, let column = targetColumns.first(where: { $0.key == "abnormal" }),
      CSVTable.position(of: column, in: table.headings) == nil
    {
      diagnostics.append(
        .directoryLacksSafeguard(
          what: what, column: column.headings[0],
          consequence: Text(zh: "没有对象列入经营异常层，都按信用风险分类抽取", en: "no entity is in the abnormal stratum; all are drawn by class"),
          at: Span(file: file.id, start: 0, end: 0)))
    }
    var targets: [Target] = []
    var seen: [String: Span] = [:]
    for row in table.rows {
      guard let code = table.cell(row, "code"), let name = table.cell(row, "name"),
        let industry = table.cell(row, "industry"), let riskClass = table.cell(row, "class")
      else { continue }
      if let first = seen[code.trimmed] {
        diagnostics.append(.duplicateCreditCode(Located(code.trimmed, code.span), row: row.line, first: first))
        continue
      }
      guard classes.contains(riskClass.trimmed) else {
        diagnostics.append(
          .directoryRiskClassUnknown(
            Located(riskClass.trimmed, riskClass.span), row: row.line, classes: classes,
            suggestion: Suggest.closest(to: riskClass.trimmed, among: classes)))
        continue
      }
      seen[code.trimmed] = code.span
      var isAbnormal = false
      if abnormal, let cell = table.cell(row, "abnormal") {
        guard let value = Directories.abnormal(cell.trimmed) else {
          diagnostics.append(.directoryAbnormalValue(Located(cell.trimmed, cell.span), row: row.line))
          continue
        }
        isAbnormal = value
      }
      targets.append(
        Target(
          code: code.trimmed, name: name.trimmed, industry: industry.trimmed,
          tags: table.cell(row, "tags").map { list($0.trimmed) } ?? [], riskClass: riskClass.trimmed, span: row.span,
          abnormal: isAbnormal))
    }
    return (targets, fingerprint(original, rows: table.rows.count, header: table.headings), diagnostics)
  }

  public static func inspectors(_ original: SourceFile, departments: [DepartmentRef], reading: Reading = .current)
    -> ([Inspector], Fingerprint, [Diagnostic])
  {
    let what = inspectorsName
    let (file, problems) = text(original, what: what)
    var diagnostics = problems
    guard diagnostics.isEmpty else { return ([], fingerprint(original, rows: 0, header: []), diagnostics) }
    guard let table = CSVTable.read(file, columns: inspectorColumns, what: what, site: nil, into: &diagnostics) else {
      return ([], fingerprint(original, rows: 0, header: []), diagnostics)
    }
    diagnostics += headingFindings(
      table.header, headings: table.headings, columns: inspectorColumns, what: what, file: file.id, reading: reading)
    diagnostics += hiddenCharacters(in: table, file: file, what: what, reading: reading)
    /// 执法证号 → where it was first given: one certificate is one officer's (empty: not certified).
    var certificates: [String: Span] = [:]
    let codes = Set(departments.map(\.code))
    var byName: [String: String] = [:]
    for department in departments { byName[department.name] = department.code }
    // "Did you mean": the codes and names indexed once for the table (in byte order, so a
    // case-only slip with several candidates gives the same one every run), and each distinct
    // misspelling looked up once: 20,000 rows with a misspelt department among thousands of
    // departments took 30 s, each row comparing against every code and name.
    let suggestions = Suggest.Index(Directories.departmentSpellings(codes: codes, names: byName.keys))
    var suggested: [String: String?] = [:]
    var inspectors: [Inspector] = []
    var seen: [String: Span] = [:]
    for row in table.rows {
      guard let number = table.cell(row, "number"), let name = table.cell(row, "name"),
        let department = table.cell(row, "department"), let certificate = table.cell(row, "certificate")
      else { continue }
      if let first = seen[number.trimmed] {
        diagnostics.append(.duplicateStaffNumber(Located(number.trimmed, number.span), row: row.line, first: first))
        continue
      }
      let written = department.trimmed
      guard let code = codes.contains(written) ? written : byName[written] else {
        let suggestion: String?
        if let known = suggested[written] {
          suggestion = known
        } else {
          suggestion = suggestions.closest(to: written)
          suggested[written] = suggestion
        }
        diagnostics.append(.directoryDepartmentUnknown(Located(written, department.span), row: row.line, suggestion: suggestion))
        continue
      }
      let held = certificate.trimmed
      if !held.isEmpty, let first = certificates[held] {
        let repeated = Located(held, certificate.span)
        diagnostics.append(
          reading == .published
            ? .duplicateCertificatePublished(repeated, row: row.line, first: first)
            : .duplicateCertificate(repeated, row: row.line, first: first))
        if reading == .current { continue }
      }
      if !held.isEmpty, certificates[held] == nil { certificates[held] = certificate.span }
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

  /// What an inspector's department may be written as: the codes, then the names, each in byte
  /// order (the candidates of its "did you mean").
  static func departmentSpellings<C: Collection>(codes: Set<String>, names: C) -> [String] where C.Element == String {
    codes.sorted(by: bytesPrecede) + names.sorted(by: bytesPrecede)
  }

  static func fingerprint(_ file: SourceFile, rows: Int, header: [String]) -> Fingerprint {
    Fingerprint(sha256: SHA256.hex(SHA256.hash(file.bytes)), rows: rows, columns: header)
  }

  /// How much of a directory `checkStart` looks at: a heading row is never this long.
  public static let startLength = 1 << 20

  /// The first bytes of a directory, before it is read whole: a NUL byte, bytes that are neither
  /// UTF-8 nor GB18030, or no line break in the first `startLength` bytes of a longer file (no
  /// heading row is a megabyte) make it no directory, said at once at the byte (E0602), instead
  /// of after minutes of reading it as rows. `prefix` is the file's first bytes; `whole`: it is
  /// the whole file.
  public static func checkStart(_ prefix: UnsafeBufferPointer<UInt8>, whole: Bool, what: Text, file: Int) -> Diagnostic? {
    if let nul = prefix.firstIndex(of: 0) {
      return .directoryNUL(what: what, offset: nul, file: file)
    }
    // A character cut at the end of the prefix is no error: the prefix is judged whole, else
    // without its last one, two or three bytes (a cut character has at most three before the
    // cut, in UTF-8 and in GB18030, whose four-byte sequences hold ASCII digits), but never
    // without anything before the last line break (which no multi-byte sequence of either
    // contains). Not only without three: that cuts a whole character ending one or two bytes
    // before the cut (`…第1`, 第 = E7 AC AC) and refused valid directories over a megabyte.
    // Everything else is judged: a megabyte of 0xFF after a heading is refused here.
    var ends = [prefix.count]
    if !whole {
      let lastBreak = prefix.lastIndex(where: { $0 == 0x0A || $0 == 0x0D }).map { $0 + 1 } ?? 0
      for cut in 1...3 where prefix.count - cut >= lastBreak { ends.append(prefix.count - cut) }
    }
    let end = ends.last!
    let checked = UnsafeBufferPointer(rebasing: prefix[..<end])
    func valid(_ end: Int) -> Bool { isValidUTF8(UnsafeBufferPointer(rebasing: prefix[..<end])) }
    func decodes(_ end: Int) -> Bool { GB18030.decode(Array(prefix[..<end])).1 == nil }
    if !ends.contains(where: valid) {
      if !ends.contains(where: decodes) {
        var offset = 0
        while offset < checked.count, let (_, length) = UTF8Scalar.decode(checked, at: offset) { offset += length }
        return .directoryEncoding(what: what, offset: offset, file: file)
      }
    }
    if !whole, prefix.count >= startLength, !prefix.contains(0x0A), !prefix.contains(0x0D) {
      return .directoryWithoutLineBreak(what: what, length: startLength, file: file)
    }
    return nil
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
        .directoryEncoding(what: what, offset: offset, file: file.id)
      ]
    )
  }
}
