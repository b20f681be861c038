/// `choucha import items|authorities`: a published spreadsheet (随机抽查事项清单, 部门联合抽查事项
/// 清单, 年度抽查计划, 权责清单), exported as CSV, turned into rule source that `check` reads.
///
/// Nothing the sheet says is lost silently. A cell becomes a field when it has one clear meaning;
/// otherwise it is kept as written in a comment where the field would be, with a warning naming
/// the row and the column (W0603). Columns with no field (备注, 配合部门, 抽查时间, unknown ones)
/// become comments in the declaration (an unknown heading is W0604). A value the language
/// requires and the sheet does not give is written as a placeholder marked 待核实 (W0605).
/// Departments and laws are named, not coded: each distinct name gets a declaration with a code
/// made from the name, so the same sheet always gives the same file.
public enum SheetImporter {
  public enum Kind: String, Sendable, CaseIterable {
    case items, authorities
  }

  public struct Options: Sendable {
    public var kind: Kind
    /// `--department`: the department of every row, declared elsewhere.
    public var department: String?
    /// `--prefix`: the start of generated item codes (default: the department, else `SX`).
    public var prefix: String?
    /// The language of keywords and comments.
    public var keywords: Language
    /// Departments and laws already declared (`--rules`): matched by title or code and cited,
    /// never declared again.
    public var departments: [Department]
    public var laws: [Law]
    /// Inspection powers already declared (`--rules`): an item whose sheet gives no 权责 code is
    /// linked to the one power of its department citing the same article.
    public var authorities: [Authority]

    public init(
      kind: Kind, department: String? = nil, prefix: String? = nil, keywords: Language = .zh,
      departments: [Department] = [], laws: [Law] = [], authorities: [Authority] = []
    ) {
      self.kind = kind
      self.department = department
      self.prefix = prefix
      self.keywords = keywords
      self.departments = departments
      self.laws = laws
      self.authorities = authorities
    }
  }

  public struct Result: Sendable {
    /// The rule source; empty when there are errors.
    public var source: String
    /// The table as read (GB18030 converted to UTF-8), for rendering the diagnostics.
    public var sources: SourceMap
    public var diagnostics: [Diagnostic]
    /// Declarations written: items or authorities, departments, laws.
    public var entries: Int
    public var departments: Int
    public var laws: Int
    /// Set when the generated source does not parse (a bug): `source` is then empty.
    public var internalError: InternalError? = nil
  }

  /// The codes this command reports (besides E0602 for a malformed table).
  public static let codes: [DiagnosticCode] = [.W0603, .W0604, .W0605, .E0606]

  /// Reads the table at `path` (used for messages and the header comment; only its last
  /// component is written into the source).
  public static func run(path: String, bytes: [UInt8], options: Options) -> Result {
    var original = SourceMap()
    let file = original.add(path: path, bytes: bytes)
    let what = Text(zh: "表格", en: "table")
    let (decoded, problems) = Directories.text(file, what: what)
    var sources = SourceMap()
    // A lone CR (Excel for Mac) is a line break: read as LF, byte for byte, so that messages
    // give the line and show the row as a spreadsheet has them.
    var bytes = decoded.bytes
    for index in bytes.indices where bytes[index] == 0x0D && (index + 1 == bytes.count || bytes[index + 1] != 0x0A) {
      bytes[index] = 0x0A
    }
    sources.add(path: path, bytes: bytes)
    var diagnostics = problems
    guard problems.isEmpty else { return Result(source: "", sources: original, diagnostics: problems, entries: 0, departments: 0, laws: 0) }
    var importer = Importer(options: options, file: sources[0])
    let written = importer.run(into: &diagnostics)
    diagnostics = diagnostics.sortedForDisplay(sources)
    let failed = diagnostics.errorCount > 0
    var result = Result(
      source: "", sources: sources, diagnostics: diagnostics, entries: importer.entries.count,
      departments: importer.newDepartments.count, laws: importer.newLaws.count)
    guard !failed else { return result }
    switch finished(written, path: path) {
    case .success(let source): result.source = source
    case .failure(let error): result.internalError = error
    }
    return result
  }

  /// The source in fmt's layout, so that an imported file passes `choucha fmt --check` as it is
  /// written; or, when it does not parse (a bug of the importer), the internal error to report
  /// instead of writing it: import never writes source that `check` cannot read.
  static func finished(_ source: String, path: String) -> Swift.Result<String, InternalError> {
    switch RuleFormatter.format(SourceFile(id: 0, path: path, text: source)) {
    case .success(let formatted): return .success(String(decoding: formatted, as: UTF8.self))
    case .failure(.syntaxErrors(let errors)):
      let first = errors.first.map { "\($0.code.rawValue) \($0.message.en)" } ?? "?"
      return .failure(InternalError(detail: "the generated source does not parse: \(first)"))
    case .failure(.changedMeaning(let detail)):
      return .failure(InternalError(detail: detail))
    }
  }

  /// A bug of the importer, reported instead of writing anything.
  public struct InternalError: Error, Sendable {
    public var detail: String
    public var message: Text {
      Text(
        zh: "choucha import 内部错误：生成的规则无法读取，未写出任何内容；请报告此问题并附上表格（\(detail)）",
        en: "choucha import internal error: the generated rules cannot be read, so nothing was written; please report this with the table (\(detail))")
    }
  }

  // MARK: - Columns

  static func column(_ key: String, _ headings: [String]) -> CSVTable.Column {
    CSVTable.Column(key: key, headings: headings, required: false)
  }

  /// The columns of item lists, joint-item lists and annual plans, as governments name them.
  static let itemColumns: [CSVTable.Column] = [
    column("seq", ["序号", "编号"]),
    column("item", ["抽查事项", "抽查事项名称", "事项名称", "检查事项", "检查事项名称"]),
    column("task", ["抽查任务名称", "年度计划名称", "计划名称", "任务名称"]),
    column("subitem", ["抽查子项", "子项", "抽查子项名称"]),
    column("domain", ["抽查领域", "抽查类别", "抽查类别名称", "抽查项目"]),
    column("objects", ["检查对象", "抽查对象", "抽查对象范围", "联查对象", "检查对象范围"]),
    column("category", ["事项类别", "事项类型", "检查事项类别"]),
    column("methods", ["检查方式", "抽查方式"]),
    column("joint", ["联查部门"]),
    column("lead", ["发起部门"]),
    column("department", ["检查主体", "抽查主体", "实施主体", "责任主体"]),
    column("unit", ["单位名称", "部门名称"]),
    column("basis", ["抽查依据", "检查依据", "法律依据", "设定依据"]),
    column("ratio", ["抽查比例", "抽查比例/数量", "抽查比例及频次", "比例"]),
    column("frequency", ["抽查频次", "检查频次", "频次"]),
    column("count", ["抽查数量", "抽取对象数", "抽查户数"]),
    column("content", ["检查内容及要求", "检查内容", "抽查内容", "检查要求"]),
    column("authority", ["权责事项编码", "权责编码", "对应权责事项编码"]),
    column("note", ["备注"]),
    column("partners", ["配合部门", "参检单位", "联查单位"]),
    column("level", ["抽查层级", "实施层级及说明", "实施层级", "抽查检查模式"]),
    column("time", ["抽查时间", "检查时间", "计划开展时间", "抽查检查起止时间", "时间安排"]),
    column("type", ["抽查类型"]),
    column("office", ["承办处室", "股室", "责任分工", "发起主体/指导单位"]),
    column("risk", ["信用风险分类管理", "智慧监管要求", "信用风险分类要求"]),
    column("industry", ["行业"]),
  ]

  /// Columns whose merged cells continue down a group of rows (filled down when empty in a row
  /// that repeats the group's 序号 or leaves it empty).
  static let fillsDown: Set<String> = [
    "seq", "item", "task", "domain", "objects", "category", "methods", "joint", "lead", "department", "unit", "basis",
    "ratio", "frequency", "count", "content", "partners", "level", "time", "type", "office", "risk", "industry",
  ]

  /// Columns kept only as comments, in this order.
  static let noteKeys = ["task", "domain", "industry", "type", "partners", "level", "office", "time", "risk", "note"]

  /// The placeholder object type written when the sheet names none.
  static let pendingObject = Text(zh: "待定", en: "待定")
  static let placeholderDate = "1900-01-01"

  // MARK: - The conversion

  /// A declaration to write: fields and comments, in order.
  struct Entry {
    var keyword: DeclKind
    var code: String
    var title: String
    var row: Int
    /// The numbering the sheet gave the title (`1.`, `（2）`), kept in the header comment.
    var numbering: String? = nil
    var lines: [Line] = []
  }

  enum Line {
    /// A field: keyword, values (a list is written one value per line when `stacked`), comment.
    case field(FieldKey, [String], stacked: Bool, comment: String?)
    /// Comment lines inside the declaration.
    case comment([String])
  }

  /// A declaration generated for a named department or law.
  struct Generated {
    var code: String
    var title: String
  }

  struct Importer {
    let options: Options
    let file: SourceFile
    var entries: [Entry] = []
    var newDepartments: [Generated] = []
    var newLaws: [Generated] = []
    var lawCodes: [String: String] = [:]
    var departmentCodes: [String: String] = [:]
    var lawSite: Span?
    /// `bareNumber(heading:count:)` of the ratio and count columns, worked out on the first row:
    /// a heading is read once, not once per row.
    var bareNumbers: [String: CellParser.BareNumber] = [:]

    init(options: Options, file: SourceFile) {
      self.options = options
      self.file = file
      for department in options.departments {
        departmentCodes[department.header.id.value] = department.header.id.value
        if let title = department.header.title?.value { departmentCodes[title] = department.header.id.value }
      }
      for law in options.laws {
        let code = law.header.id.value
        lawCodes[code] = code
        if let title = law.header.title?.value {
          for key in [title, AuthorityImporter.strippedTitle(title)] where lawCodes[key] == nil { lawCodes[key] = code }
        }
      }
    }

    var zh: Bool { options.keywords == .zh }
    func say(_ text: Text) -> String { text(options.keywords) }

    mutating func run(into diagnostics: inout [Diagnostic]) -> String {
      switch options.kind {
      case .items: importItems(into: &diagnostics)
      case .authorities: importAuthorities(into: &diagnostics)
      }
      if let site = lawSite, !newLaws.isEmpty {
        diagnostics.append(
          Diagnostic(
            .W0605,
            Text(
              zh: "表格没有法规的施行日期：\(newLaws.count) 部法规暂写施行 \(placeholderDate)，请核实",
              en: "the sheet gives no effective dates: \(newLaws.count) laws say effective \(placeholderDate) until verified"),
            at: site,
            help: Text(
              zh: "把每部法规的施行日期改为现行文本的施行日期；或用 --rules 指向已声明这些法规的规则库",
              en: "replace each date with the day the law's current text took effect, or pass --rules with a repository that declares them")))
      }
      return RuleWriter(language: options.keywords).write(
        source: String(file.path.split(separator: "/").last ?? Substring(file.path)), kind: options.kind, departments: newDepartments, laws: newLaws,
        entries: entries, placeholderDate: placeholderDate)
    }

    // MARK: Tables

    func table(_ columns: [CSVTable.Column], into diagnostics: inout [Diagnostic]) -> CSVTable? {
      CSVTable.read(file, columns: columns, what: Text(zh: "表格", en: "table"), site: nil, into: &diagnostics)
    }

    /// W0604 for each heading no column takes, and for each column with no heading but with
    /// cells; returns their positions.
    func unknownHeadings(_ table: CSVTable, into diagnostics: inout [Diagnostic]) -> [Int] {
      guard let header = table.header else { return [] }
      let taken = Set(table.positions.values)
      var unknown: [Int] = []
      for (index, cell) in header.cells.enumerated() where !taken.contains(index) && cell.trimmed.isEmpty {
        let filled = table.rows.lazy.compactMap { index < $0.cells.count && !$0.cells[index].trimmed.isEmpty ? $0.cells[index] : nil }.first
        guard let filled else { continue }
        unknown.append(index)
        diagnostics.append(
          Diagnostic(
            .W0604,
            Text(
              zh: "第 \(index + 1) 列没有列名：其内容保留在各事项的注释中（“\(Importer.columnLabel(table, index))：…”）",
              en: "column \(index + 1) has no heading: its cells are kept in comments ('\(Importer.columnLabel(table, index))：…')"),
            at: filled.span,
            labels: [.init(cell.span, Text(zh: "这一列的列名是空的", en: "this column's heading is empty"))],
            help: Text(
              zh: "在第一行为这一列填上列名；核对注释中的内容，需要的写成字段",
              en: "give the column a heading in the first row; review the comments and turn what matters into fields")))
      }
      for (index, cell) in header.cells.enumerated() where !taken.contains(index) && !cell.trimmed.isEmpty {
        unknown.append(index)
        diagnostics.append(
          Diagnostic(
            .W0604,
            Text(zh: "无法识别的列“\(Shown.text(cell.trimmed))”：其内容保留在各事项的注释中", en: "unknown column '\(Shown.text(cell.trimmed))': its cells are kept in comments"),
            at: cell.span,
            help: Text(
              zh: "核对注释中的内容，需要的写成字段；可识别的列名见 choucha explain W0604",
              en: "review the comments and turn what matters into fields; the known headings are listed by choucha explain W0604")))
      }
      return unknown.sorted()
    }

    /// W0603 for each cell holding a character no rule file can hold in a string or a comment
    /// (a control character, a line separator, a bidi control: `Lexer.isForbiddenInString`; a
    /// cell's own line breaks are lines, not such characters). Such a character is written as its
    /// code point (`‹U+001B›`, `quoted` and `CommentText`), so nothing is lost and the rules still
    /// read; the warning is at the cell's first one and counts the others. Columns in `skipping`
    /// are only made into codes (which hold word characters alone) or warned about otherwise.
    func refusedCharacters(_ table: CSVTable, skipping: Set<String>, into diagnostics: inout [Diagnostic]) {
      let skipped = Set(skipping.compactMap { table.positions[$0] })
      for row in (table.header.map { [$0] } ?? []) + table.rows {
        for (index, cell) in row.cells.enumerated() where !skipped.contains(index) {
          var first: Unicode.Scalar?
          var count = 0
          for scalar in cell.text.unicodeScalars where scalar != "\n" && scalar != "\r" && Lexer.isForbiddenInString(scalar) {
            if first == nil { first = scalar }
            count += 1
          }
          guard let first else { continue }
          let heading = Shown.text(Importer.columnLabel(table, index))
          let name = Shown.name(first)
          let marker = Shown.marker(first, nil, named: false)
          let more = count - 1
          diagnostics.append(
            Diagnostic(
              .W0603,
              Text(
                zh: "第 \(row.line) 行“\(heading)”含\(name.zh)\(more > 0 ? "（此单元格中还有 \(more) 个这类字符）" : "")：规则文件中不能写这类字符，生成的规则中写作 \(marker)",
                en: "row \(row.line), \(heading): holds \(name.en)\(more > 0 ? " (\(more) more such characters in this cell)" : ""), which a rule file cannot hold; written \(marker) in the generated rules"),
              at: Importer.span(of: first, in: cell, file: file),
              help: Text(
                zh: "这类字符看不见，多随粘贴带入：核对表格原文，在生成的规则中删去 \(marker) 这样的标记，或改为应有的文字",
                en: "such characters are invisible and usually come with pasted text: check the sheet, then delete markers such as \(marker) from the generated rules or write what was meant")))
        }
      }
    }

    /// Where `scalar` first stands in `cell`: the cell's bytes are UTF-8, in which a scalar's
    /// encoding is found only where the scalar is; the whole cell if not found.
    static func span(of scalar: Unicode.Scalar, in cell: CSVReader.Cell, file: SourceFile) -> Span {
      let needle = Array(String(scalar).utf8)
      let end = min(cell.span.end, file.bytes.count)
      var start = cell.span.start
      while start + needle.count <= end {
        if file.bytes[start] == needle[0], Array(file.bytes[start..<(start + needle.count)]) == needle {
          return Span(file: cell.span.file, start: start, end: start + needle.count)
        }
        start += 1
      }
      return cell.span
    }

    /// A column as comments name it: its heading, or `第4列` when it has none.
    static func columnLabel(_ table: CSVTable, _ index: Int) -> String {
      let heading = index < table.headings.count ? table.headings[index] : ""
      return heading.isEmpty ? "第\(index + 1)列" : heading
    }

    func heading(_ table: CSVTable, _ key: String) -> String {
      guard let index = table.positions[key], index < table.headings.count else { return key }
      return table.headings[index]
    }

    // MARK: Items

    mutating func importItems(into diagnostics: inout [Diagnostic]) {
      guard !isBlank(into: &diagnostics) else { return }
      guard let table = table(itemColumns, into: &diagnostics), let header = table.header else { return }
      if table.positions["item"] == nil && table.positions["task"] == nil {
        let listing = (itemColumns[1].headings + itemColumns[2].headings).joined(separator: "/")
        diagnostics.append(
          Diagnostic(
            .E0602, Text(zh: "表格缺少列：抽查事项", en: "the table has no column 抽查事项"), at: header.span,
            help: Text(
              zh: "第一行应为列名，其中一列是事项名称（\(listing)）",
              en: "the first row must name the columns, one of them the item (\(listing))")))
        return
      }
      let unknown = unknownHeadings(table, into: &diagnostics)
      refusedCharacters(table, skipping: ["seq"], into: &diagnostics)
      let titleKey = table.positions["item"] != nil ? "item" : "task"
      var pending = Pending()
      var rows: [(row: CSVReader.Row, cells: [String: CSVReader.Cell])] = []
      var previous: [String: CSVReader.Cell] = [:]
      var lastSeq: String?
      for row in table.rows {
        // A row continues the group above when it leaves the 序号 empty or repeats it; without a
        // 序号 column, only when it leaves the item itself empty.
        let seq = table.cell(row, "seq")?.trimmed ?? ""
        let continuation =
          !rows.isEmpty
          && (table.positions["seq"] != nil ? seq.isEmpty || seq == lastSeq : table.cell(row, titleKey)?.trimmed.isEmpty ?? true)
        var cells: [String: CSVReader.Cell] = [:]
        for column in itemColumns {
          if let cell = table.cell(row, column.key), !cell.trimmed.isEmpty {
            cells[column.key] = cell
          } else if continuation, fillsDown.contains(column.key), let above = previous[column.key] {
            cells[column.key] = above
          }
        }
        previous = cells
        if !seq.isEmpty { lastSeq = seq }
        rows.append((row, cells))
      }

      // Codes: the 序号 (a group's rows and a cell's several items get -1, -2, …), else the row.
      let prefix = Importer.code(options.prefix ?? options.department ?? "SX", fallback: "SX")
      var bases: [String] = []
      for (number, entry) in rows.enumerated() {
        let seq = entry.cells["seq"].map { Importer.code($0.trimmed, fallback: "") } ?? ""
        bases.append(seq.isEmpty ? String(number + 1) : seq)
      }
      var groupSize: [String: Int] = [:]
      for base in bases { groupSize[base, default: 0] += 1 }
      var groupSeen: [String: Int] = [:]
      var used: Set<String> = []

      for (number, (row, cells)) in rows.enumerated() {
        let base = bases[number]
        groupSeen[base, default: 0] += 1
        var code = "\(prefix)-\(base)"
        if groupSize[base]! > 1 { code += "-\(groupSeen[base]!)" }

        guard let titleCell = cells[titleKey] else {
          diagnostics.append(
            Diagnostic(
              .E0602,
              Text(zh: "第 \(row.line) 行的“\(heading(table, titleKey))”是空的", en: "row \(row.line): \(heading(table, titleKey)) is empty"),
              at: row.span, help: Text(zh: "填写此单元格，或删除这一行", en: "fill in the cell or delete the row")))
          continue
        }
        var titles = Importer.splitNumberedItems(titleCell.text)
        if let sub = cells["subitem"] {
          // 抽查子项: one item per sub-item, titled with its item.
          let parent = titles.count == 1 ? titles[0].title : CellParser.joinLines(titleCell.text)
          titles = Importer.splitNumberedItems(sub.text).map { ("\(parent)：\($0.title)", $0.numbering) }
        }
        var template = Entry(keyword: .item, code: code, title: "", row: row.line)
        itemFields(row: row, cells: cells, table: table, unknown: unknown, into: &template, pending: &pending, diagnostics: &diagnostics)
        for (index, (title, numbering)) in titles.enumerated() {
          var entry = template
          entry.title = title
          entry.numbering = numbering
          if titles.count > 1 { entry.code += "-\(index + 1)" }
          var unique = entry.code
          var counter = 2
          while used.contains(unique) {
            unique = "\(entry.code)-\(counter)"
            counter += 1
          }
          used.insert(unique)
          entry.code = unique
          entries.append(entry)
        }
      }
      pending.report(header: header, rows: rows.count, into: &diagnostics)
    }

    /// Rows missing a required value, per field: one warning for the sheet when no row has it,
    /// else one per row.
    struct Pending {
      var missing: [FieldKey: [(row: Int, span: Span)]] = [:]
      var present: Set<FieldKey> = []
      /// Rows with no department (E0606).
      var noDepartment: [(row: Int, span: Span)] = []

      mutating func note(_ field: FieldKey, row: Int, span: Span) {
        missing[field, default: []].append((row, span))
      }

      func report(header: CSVReader.Row, rows: Int, into diagnostics: inout [Diagnostic]) {
        let help = Text(
          zh: "填写“检查主体”列，或用 --department 部门编码 为所有事项指定部门",
          en: "fill in the 检查主体 column, or give every item a department with --department CODE")
        if noDepartment.count == rows, rows > 1 {
          diagnostics.append(
            Diagnostic(.E0606, Text(zh: "表格的事项都没有检查主体", en: "no row of the sheet names a department"), at: header.span, help: help))
        } else {
          for (row, span) in noDepartment {
            diagnostics.append(
              Diagnostic(.E0606, Text(zh: "第 \(row) 行没有检查主体", en: "row \(row) names no department"), at: span, help: help))
          }
        }
        for field in [FieldKey.objects, .category, .methods, .frequency] {
          guard let rowsMissing = missing[field], !rowsMissing.isEmpty else { continue }
          let (zh, en, placeholder) = Pending.describe(field)
          if !present.contains(field) {
            diagnostics.append(
              Diagnostic(
                .W0605,
                Text(zh: "表格没有\(zh)：每个事项暂写\(placeholder)，请核实", en: "the sheet gives no \(en): every item says \(placeholder) until verified"),
                at: header.span, help: Pending.help(field)))
          } else {
            for (row, span) in rowsMissing {
              diagnostics.append(
                Diagnostic(
                  .W0605,
                  Text(zh: "第 \(row) 行没有\(zh)：暂写\(placeholder)，请核实", en: "row \(row) gives no \(en): \(placeholder) until verified"),
                  at: span, help: Pending.help(field)))
            }
          }
        }
      }

      static func describe(_ field: FieldKey) -> (String, String, String) {
        switch field {
        case .objects: return ("检查对象", "object type", " 对象 待定")
        case .category: return ("事项类别", "category", " 类别 一般")
        case .methods: return ("检查方式", "method", " 方式 实地检查")
        default: return ("抽查频次", "frequency", " 频次 1")
        }
      }

      static func help(_ field: FieldKey) -> Text {
        switch field {
        case .objects: return Text(zh: "把“待定”换成检查对象（如 餐饮服务经营者）", en: "replace 待定 with the object types, e.g. 餐饮服务经营者")
        case .category: return Text(zh: "重点检查事项改为 类别 重点", en: "write category key for a key item")
        case .methods: return Text(zh: "按实际写 实地检查、书面检查 或 网络监测", en: "write the real methods: onsite, document or online")
        default: return Text(zh: "写每年的抽查次数，如 频次 2", en: "write the times per year, e.g. frequency 2")
        }
      }
    }

    mutating func itemFields(
      row: CSVReader.Row, cells: [String: CSVReader.Cell], table: CSVTable, unknown: [Int], into entry: inout Entry,
      pending: inout Pending, diagnostics: inout [Diagnostic]
    ) {
      func name(_ key: String) -> String { heading(table, key) }
      func note(_ key: String) -> String? {
        cells[key].map { "\(name(key))：\($0.text)" }
      }
      var trailing: [String] = []

      // 部门
      let departmentKeys = ["joint", "lead", "department", "unit"]
      var chosenDepartment: String?
      if let given = options.department {
        chosenDepartment = given
        entry.lines.append(.field(.department, [given], stacked: false, comment: nil))
        trailing += departmentKeys.compactMap(note)
      } else if let key = departmentKeys.first(where: { cells[$0] != nil }), let cell = cells[key] {
        let code = departmentCode(cell.text)
        chosenDepartment = code
        entry.lines.append(.field(.department, [code], stacked: false, comment: nil))
        trailing += departmentKeys.filter { $0 != key }.compactMap(note)
      } else {
        pending.noDepartment.append((row.line, departmentKeys.compactMap { table.cell(row, $0)?.span }.first ?? row.span))
      }

      // 权责: from its column, else the one inspection power of the department with the same legal basis.
      let authorityAt = entry.lines.count
      var cited: [(law: String, articles: String?)] = []
      if let cell = cells["basis"] { cited = basis(cell, row: row, heading: name("basis"), into: &entry, diagnostics: &diagnostics) }
      if let cell = cells["authority"] {
        authority(cell, row: row, heading: name("authority"), at: authorityAt, into: &entry, diagnostics: &diagnostics)
      } else if let department = chosenDepartment, !options.authorities.isEmpty {
        let candidates = Importer.authorities(of: department, citing: cited, among: options.authorities)
        if candidates.count == 1 {
          entry.lines.insert(
            .field(.authority, [candidates[0]], stacked: false, comment: say(Text(zh: "待核实：按法律依据对应", en: "to verify: matched by legal basis"))),
            at: authorityAt)
        } else if candidates.count > 1 {
          let listed = candidates.joined(separator: options.keywords == .zh ? "、" : ", ")
          entry.lines.insert(.comment([say(Text(zh: "权责：法律依据相同的有 \(listed)，请选定一项", en: "authority: \(listed) cite the same basis; choose one"))]), at: authorityAt)
        }
      }

      // 类别: from 事项类别, or from 抽查类别 when that column holds categories (an annual plan).
      var categoryCell = cells["category"]
      if categoryCell == nil, let domain = cells["domain"], Category.vocabulary.lookup(Importer.squeezed(domain.text)) != nil {
        categoryCell = domain
      }
      if let cell = categoryCell, let category = Category.vocabulary.lookup(Importer.squeezed(cell.text)) {
        pending.present.insert(.category)
        entry.lines.append(.field(.category, [Category.vocabulary.spelling(category, options.keywords)], stacked: false, comment: nil))
      } else if let cell = categoryCell {
        pending.present.insert(.category)
        entry.lines.append(
          .field(.category, [Category.vocabulary.spelling(.general, options.keywords)], stacked: false, comment: unconvertedComment))
        entry.lines.append(.comment([verbatim(name("category"), cell.text)]))
        warn(row: row, cell: cell, heading: name("category"), what: Text(zh: "事项类别", en: "a category"), placeholder: Text(zh: "类别 一般", en: "category general"), into: &diagnostics)
      } else {
        if table.positions["category"] != nil { pending.present.insert(.category) }
        pending.note(.category, row: row.line, span: table.cell(row, "category")?.span ?? row.span)
        entry.lines.append(.field(.category, [Category.vocabulary.spelling(.general, options.keywords)], stacked: false, comment: pendingComment))
      }

      // 对象
      if let cell = cells["objects"] {
        pending.present.insert(.objects)
        let names = Importer.split(cell.text, by: "、，,；;\n").map(Importer.name)
        entry.lines.append(.field(.objects, names, stacked: false, comment: nil))
      } else {
        if table.positions["objects"] != nil { pending.present.insert(.objects) }
        pending.note(.objects, row: row.line, span: table.cell(row, "objects")?.span ?? row.span)
        entry.lines.append(.field(.objects, [pendingObject(options.keywords)], stacked: false, comment: pendingComment))
      }

      // 方式
      if let cell = cells["methods"] {
        pending.present.insert(.methods)
        var methods: [Method] = []
        var unknownParts: [String] = []
        var annotated = false
        for part in Importer.split(cell.text, by: "、，,；;/ \u{3000}\n") {
          // `现场检查（含抽样检验、检测）`: the method, its note kept in the comment.
          let bare = Importer.withoutBracketedNotes(part).trimmingCharacters(in: " \u{3000}")
          if let method = Method.vocabulary.lookup(part) ?? Method.vocabulary.lookup(bare) {
            if bare != part { annotated = true }
            if !methods.contains(method) { methods.append(method) }
          } else {
            unknownParts.append(part)
          }
        }
        let written = methods.isEmpty ? [Method.onsite] : methods
        let original = verbatim(name("methods"), cell.text)
        if methods.isEmpty {
          // A placeholder: marked to verify, the sheet's text on its own line.
          entry.lines.append(.field(.methods, written.map { Method.vocabulary.spelling($0, options.keywords) }, stacked: false, comment: unconvertedComment))
          entry.lines.append(.comment([original]))
        } else {
          entry.lines.append(
            .field(
              .methods, written.map { Method.vocabulary.spelling($0, options.keywords) }, stacked: false,
              comment: unknownParts.isEmpty && !annotated ? nil : original))
        }
        if !unknownParts.isEmpty {
          warn(
            row: row, cell: cell, heading: name("methods"),
            what: Text(zh: "检查方式（“\(Shown.text(unknownParts.joined(separator: "、")))”不是检查方式）", en: "a method ('\(Shown.text(unknownParts.joined(separator: ", ")))' is not one)"),
            placeholder: methods.isEmpty ? Text(zh: "方式 实地检查", en: "methods onsite") : nil, into: &diagnostics)
        }
      } else {
        if table.positions["methods"] != nil { pending.present.insert(.methods) }
        pending.note(.methods, row: row.line, span: table.cell(row, "methods")?.span ?? row.span)
        entry.lines.append(.field(.methods, [Method.vocabulary.spelling(.onsite, options.keywords)], stacked: false, comment: pendingComment))
      }

      // 内容
      if let cell = cells["content"] {
        entry.lines.append(.field(.content, [Importer.quoted(CellParser.joinLines(cell.text))], stacked: false, comment: nil))
      }

      // 比例 / 数量 and 频次
      var sampling: CellParser.Reading<CellParser.Sampling> = .empty
      var frequency: CellParser.Reading<Int> = .empty
      var frequencyCell: CSVReader.Cell?
      var samplingCell: CSVReader.Cell?
      if let cell = cells["ratio"] {
        let read = CellParser.samplingAndFrequency(cell.text, bareNumber: bareNumber("ratio", table, count: false))
        if case .value = read.sampling {
          sampling = read.sampling
          samplingCell = cell
        }
        if case .value = read.frequency {
          frequency = read.frequency
          frequencyCell = cell
        }
        if !read.rest.isEmpty {
          entry.lines.append(.comment([verbatim(name("ratio"), cell.text)]))
          let number = CellParser.normalized(cell.text)
          let what =
            CellParser.isBareNumber(number)
            ? Text(zh: "抽查比例（没有单位：是 \(number)% 还是 \(number) 户？）", en: "a ratio (no unit: \(number)% or \(number) entities?)")
            : Text(zh: "抽查比例", en: "a ratio")
          warn(row: row, cell: cell, heading: name("ratio"), what: what, placeholder: nil, into: &diagnostics)
        }
      }
      var countComment: String?
      if let cell = cells["count"] {
        let read = CellParser.sampling(cell.text, bareNumber: bareNumber("count", table, count: true))
        if !hasSampling(sampling), case .value = read {
          sampling = read
          samplingCell = cell
        } else {
          countComment = verbatim(name("count"), cell.text)
          let reason =
            hasSampling(sampling)
            ? Text(zh: "抽查数量（已有抽查比例，一个事项只能写其一）", en: "a count (the row already gives a ratio; an item has one or the other)")
            : Text(zh: "抽查数量", en: "a count")
          warn(row: row, cell: cell, heading: name("count"), what: reason, placeholder: nil, into: &diagnostics)
        }
      }
      if case .value(let value, let atLeast) = sampling, let cell = samplingCell {
        let comment = atLeast ? verbatim(nil, cell.text) : nil
        switch value {
        case .ratio(let ratio): entry.lines.append(.field(.ratio, [ratio], stacked: false, comment: comment))
        case .count(let count): entry.lines.append(.field(.count, [String(count)], stacked: false, comment: comment))
        case .classes(let classes):
          entry.lines.append(.field(.ratio, ["{ " + classes.map { "\($0.riskClass) \($0.ratio)" }.joined(separator: "  ") + " }"], stacked: false, comment: nil))
        }
      }
      if let countComment { entry.lines.append(.comment([countComment])) }
      var frequencyUnverified = false
      if let cell = cells["frequency"] {
        let read = CellParser.frequency(cell.text)
        if case .value(let times, _) = read {
          // A ratio cell that also gave a different frequency is not silently overruled.
          if case .value(let other, _) = frequency, other != times, let ratioCell = frequencyCell {
            entry.lines.append(.comment([verbatim(name("ratio"), ratioCell.text)]))
            warn(
              row: row, cell: ratioCell, heading: name("ratio"),
              what: Text(zh: "抽查频次（与“\(name("frequency"))”列不一致）", en: "a frequency (it differs from \(name("frequency")))"),
              placeholder: nil, into: &diagnostics)
          }
          frequency = read
          frequencyCell = cell
        } else {
          // The frequency the ratio cell gave, if any, is written meanwhile, marked to verify.
          var written = 1
          if case .value(let times, _) = frequency { written = times }
          frequencyUnverified = true
          entry.lines.append(.comment([verbatim(name("frequency"), cell.text)]))
          warn(
            row: row, cell: cell, heading: name("frequency"), what: Text(zh: "抽查频次", en: "a frequency"),
            placeholder: Text(zh: "频次 \(written)", en: "frequency \(written)"), into: &diagnostics)
        }
      }
      if table.positions["frequency"] != nil { pending.present.insert(.frequency) }
      if case .value(let times, let atLeast) = frequency, let cell = frequencyCell {
        pending.present.insert(.frequency)
        let comment = frequencyUnverified ? unconvertedComment : atLeast ? verbatim(nil, cell.text) : nil
        entry.lines.append(.field(.frequency, [String(times)], stacked: false, comment: comment))
      } else {
        if cells["frequency"] == nil { pending.note(.frequency, row: row.line, span: table.cell(row, "frequency")?.span ?? row.span) }
        entry.lines.append(.field(.frequency, ["1"], stacked: false, comment: cells["frequency"] == nil ? pendingComment : unconvertedComment))
      }

      // What has no field: comments, in the sheet's words.
      trailing += Importer.noteKeysFor(cells: cells).compactMap { key in
        if key == "domain", categoryCell?.span == cells["domain"]?.span { return nil }
        if key == "task", titleKeyIsTask(table) { return nil }
        return note(key)
      }
      for index in unknown where index < row.cells.count {
        let cell = row.cells[index]
        if !cell.trimmed.isEmpty { trailing.append("\(Importer.columnLabel(table, index))：\(cell.text)") }
      }
      if !trailing.isEmpty { entry.lines.append(.comment(trailing)) }
    }

    func titleKeyIsTask(_ table: CSVTable) -> Bool { table.positions["item"] == nil }

    /// An item's 权责 cell: one code is the field. Anything else (`/`, `JC-001、JC-002`,
    /// `JC-001（新增）`) is kept verbatim in a comment with W0603; the field is written only when
    /// the cell holds exactly one code beside bracketed notes, and is then marked to verify. An
    /// item has one 权责, so a list is never written as one, nor its codes run together.
    func authority(
      _ cell: CSVReader.Cell, row: CSVReader.Row, heading: String, at position: Int, into entry: inout Entry,
      diagnostics: inout [Diagnostic]
    ) {
      let written = cell.trimmed
      if Lexer.isSingleWord(written) {
        entry.lines.insert(.field(.authority, [written], stacked: false, comment: nil), at: position)
        return
      }
      let codes = Importer.split(Importer.withoutBracketedNotes(written), by: "、，,；;/ \u{3000}\n")
      var lines: [Line] = [.comment([verbatim(heading, cell.text)])]
      var placeholder: Text?
      if codes.count == 1, Lexer.isSingleWord(codes[0]) {
        lines.insert(.field(.authority, [codes[0]], stacked: false, comment: unconvertedComment), at: 0)
        placeholder = Text(zh: "权责 \(codes[0])", en: "authority \(codes[0])")
      }
      let what =
        codes.count > 1
        ? Text(zh: "一项权责编码（一个事项只能对应一项权责）", en: "one authority code (an item has one authority)")
        : Text(zh: "权责编码", en: "an authority code")
      let advice =
        codes.count > 1
        ? Text(
          zh: "表格原文保留在注释中：选定其中一项写成 权责 编码，或把事项按权责拆成几个事项，然后删去注释",
          en: "the cell is kept in a comment: choose one and write it as the authority, or split the item by authority, then delete the comment")
        : nil
      warn(row: row, cell: cell, heading: heading, what: what, placeholder: placeholder, advice: advice, into: &diagnostics)
      entry.lines.insert(contentsOf: lines, at: position)
    }

    func hasSampling(_ reading: CellParser.Reading<CellParser.Sampling>) -> Bool {
      if case .value = reading { return true }
      return false
    }

    var unconvertedComment: String {
      say(Text(zh: "待核实：表格原文见注释", en: "to verify: the sheet's text is in the comment"))
    }

    var pendingComment: String {
      say(Text(zh: "待核实：表格中没有", en: "to verify: not in the sheet"))
    }

    func verbatim(_ heading: String?, _ text: String) -> String {
      let body = text.replacingOccurrences(of: "\r", with: "")
      guard let heading else { return body }
      return "\(heading)：\(body)"
    }

    func warn(
      row: CSVReader.Row, cell: CSVReader.Cell, heading: String, what: Text, placeholder: Text?, advice: Text? = nil,
      into diagnostics: inout [Diagnostic]
    ) {
      let shown = Shown.text(CellParser.joinLines(cell.text))
      var help =
        advice
        ?? Text(
          zh: "表格原文保留在注释中：定下一个确定的值写成字段后删去注释",
          en: "the cell is kept in a comment: decide on one value, write it as the field and delete the comment")
      if let placeholder {
        help = Text(zh: "暂写 \(placeholder.zh)；\(help.zh)", en: "\(placeholder.en) is written meanwhile; \(help.en)")
      }
      diagnostics.append(
        Diagnostic(
          .W0603,
          Text(
            zh: "第 \(row.line) 行“\(heading)”的“\(shown)”无法转换为\(what.zh)，原文保留在注释中",
            en: "row \(row.line), \(heading): '\(shown)' is not \(what.en) the rules can hold; kept verbatim in a comment"),
          at: cell.span, help: help))
    }

    /// `required`: an authority must have a basis (E0008 otherwise), so a cell with no `《》` is
    /// read as one law title, as `引入 权责` reads it; an item without one is left to E0204.
    @discardableResult
    mutating func basis(
      _ cell: CSVReader.Cell, row: CSVReader.Row, heading: String, required: Bool = false, into entry: inout Entry,
      diagnostics: inout [Diagnostic]
    ) -> [(law: String, articles: String?)] {
      var (citations, rest) = CellParser.citations(cell.text)
      if required, citations.isEmpty {
        let title = Importer.code(CellParser.trimSeparators(CellParser.joinLines(cell.text)), fallback: "")
        citations = [CellParser.Citation(title: title.isEmpty ? pendingObject.zh : title, articles: nil)]
        rest = rest ?? cell.text
      }
      if lawSite == nil, !citations.isEmpty { lawSite = cell.span }
      var values: [String] = []
      var cited: [(law: String, articles: String?)] = []
      for citation in citations {
        let law = lawCode(citation.title)
        cited.append((law, citation.articles))
        values.append(citation.articles.map { "\(law) \(Importer.quoted($0))" } ?? law)
      }
      if !values.isEmpty { entry.lines.append(.field(.basis, values, stacked: true, comment: nil)) }
      if let rest {
        entry.lines.append(.comment([verbatim(heading, rest)]))
        diagnostics.append(
          Diagnostic(
            .W0603,
            Text(
              zh: "第 \(row.line) 行“\(heading)”的“\(Shown.text(CellParser.joinLines(rest)))”不是《法规名称》条款，原文保留在注释中",
              en: "row \(row.line), \(heading): '\(Shown.text(CellParser.joinLines(rest)))' is not 《title》articles; kept verbatim in a comment"),
            at: cell.span,
            help: Text(
              zh: "依据写作《法规名称》第X条，多部法规依次书写；核实后在 依据 中补上这部法规",
              en: "a basis is written 《title》 and the articles, one law after another; add it to the basis once verified")))
      }
      return cited
    }

    // MARK: Authorities

    mutating func importAuthorities(into diagnostics: inout [Diagnostic]) {
      guard !isBlank(into: &diagnostics) else { return }
      let columns =
        AuthorityImporter.columns.map { column -> CSVTable.Column in
          var column = column
          if column.key == "department", options.department != nil { column.required = false }
          return column
        } + [SheetImporter.column("note", ["备注"])]
      guard let table = table(columns, into: &diagnostics), table.header != nil, !table.positions.isEmpty else { return }
      let unknown = unknownHeadings(table, into: &diagnostics)
      // A code with such a character is not a code: its own W0603 says so, the cell in a comment.
      refusedCharacters(table, skipping: ["code"], into: &diagnostics)
      func name(_ key: String) -> String { heading(table, key) }
      for row in table.rows {
        guard let code = table.cell(row, "code"), let title = table.cell(row, "name"), let kindCell = table.cell(row, "kind"),
          let basisCell = table.cell(row, "basis")
        else { continue }
        var trailing: [String] = []
        var entry = Entry(keyword: .authority, code: Importer.code(code.trimmed, fallback: "QZ-\(row.line)"), title: CellParser.joinLines(title.text).trimmingCharacters(in: " "), row: row.line)
        if entry.code != code.trimmed {
          trailing.append(verbatim(name("code"), code.text))
          warn(row: row, cell: code, heading: name("code"), what: Text(zh: "编码", en: "a code"), placeholder: Text(zh: entry.code, en: entry.code), into: &diagnostics)
        }
        let kindText = Importer.squeezed(kindCell.text)
        if let kind = AuthorityKind.vocabulary.lookup(kindText) {
          entry.lines.append(.field(.kind, [AuthorityKind.vocabulary.spelling(kind, options.keywords)], stacked: false, comment: nil))
        } else if AuthorityImporter.otherKinds.contains(kindText) {
          entry.lines.append(.field(.kind, [AuthorityKind.vocabulary.spelling(.other, options.keywords)], stacked: false, comment: verbatim(name("kind"), kindCell.text)))
        } else {
          entry.lines.append(.field(.kind, [AuthorityKind.vocabulary.spelling(.other, options.keywords)], stacked: false, comment: verbatim(name("kind"), kindCell.text)))
          warn(row: row, cell: kindCell, heading: name("kind"), what: Text(zh: "权责类型", en: "a kind of power"), placeholder: Text(zh: "类型 其他", en: "kind other"), into: &diagnostics)
        }
        let subject = table.cell(row, "department").flatMap { $0.trimmed.isEmpty ? nil : $0 }
        if let given = options.department {
          entry.lines.append(.field(.department, [given], stacked: false, comment: nil))
          if let subject { trailing.append("\(name("department"))：\(subject.text)") }
        } else if let subject {
          entry.lines.append(.field(.department, [departmentCode(subject.text)], stacked: false, comment: nil))
        }
        basis(basisCell, row: row, heading: name("basis"), required: true, into: &entry, diagnostics: &diagnostics)
        if let exempt = table.cell(row, "exempt"), !exempt.trimmed.isEmpty {
          entry.lines.append(.field(.exempt, [Importer.quoted(CellParser.joinLines(exempt.text))], stacked: false, comment: nil))
        }
        if let note = table.cell(row, "note"), !note.trimmed.isEmpty { trailing.append("\(name("note"))：\(note.text)") }
        for index in unknown where index < row.cells.count && !row.cells[index].trimmed.isEmpty {
          trailing.append("\(Importer.columnLabel(table, index))：\(row.cells[index].text)")
        }
        if !trailing.isEmpty { entry.lines.append(.comment(trailing)) }
        entries.append(entry)
      }
    }

    /// An empty file (or only white space and a BOM) is E0602, said simply.
    func isBlank(into diagnostics: inout [Diagnostic]) -> Bool {
      guard file.bytes.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF, 0x2C].contains($0) }) else { return false }
      diagnostics.append(
        Diagnostic(
          .E0602, Text(zh: "表格是空的", en: "the table is empty"), at: Span(file: file.id, start: 0, end: 0),
          help: Text(
            zh: "在 Excel 或 WPS 中打开公布的表格，“另存为”CSV，第一行为列名（如 序号、抽查事项、检查对象、检查主体）",
            en: "open the published sheet in Excel or WPS and save it as CSV, headings in the first row (序号, 抽查事项, 检查对象, 检查主体…)")))
      return true
    }

    // MARK: Names to codes

    mutating func departmentCode(_ written: String) -> String {
      let name = CellParser.joinLines(written).trimmingCharacters(in: " ")
      if let code = departmentCodes[name] { return code }
      let code = Importer.uniqueCode(Importer.code(name, fallback: "BM"), taken: Set(newDepartments.map(\.code)))
      departmentCodes[name] = code
      newDepartments.append(Generated(code: code, title: name))
      return code
    }

    mutating func lawCode(_ title: String) -> String {
      if let code = lawCodes[title] ?? lawCodes[AuthorityImporter.strippedTitle(title)] { return code }
      let stripped = AuthorityImporter.strippedTitle(title)
      let base = Importer.code(stripped, fallback: "FG")
      // The same code from another spelling of the same title (with or without the prefix) is the same law.
      if let existing = newLaws.first(where: { $0.code == base }),
        AuthorityImporter.strippedTitle(existing.title) == stripped
      {
        lawCodes[title] = existing.code
        return existing.code
      }
      let code = Importer.uniqueCode(base, taken: Set(newLaws.map(\.code)))
      lawCodes[title] = code
      lawCodes[stripped] = code
      newLaws.append(Generated(code: code, title: title))
      return code
    }

    /// The inspection powers of `department`, not exempt, that cite one of the same articles of
    /// one of the same laws (a law cited without articles matches a power citing it without).
    static func authorities(of department: String, citing cited: [(law: String, articles: String?)], among authorities: [Authority]) -> [String] {
      func articles(_ text: String?) -> Set<String> {
        Set((text ?? "").split(whereSeparator: { "、，,；; \u{3000}".contains($0) }).map(String.init))
      }
      var result: [String] = []
      for authority in authorities
      where authority.kind?.value == .inspection && authority.exempt == nil && authority.department?.value == department {
        let matches = authority.bases.contains { basis in
          cited.contains { law, written in
            guard law == basis.law.value else { return false }
            let mine = articles(written), theirs = articles(basis.article?.value)
            return mine.isEmpty && theirs.isEmpty || !mine.isDisjoint(with: theirs)
          }
        }
        if matches, !result.contains(authority.header.id.value) { result.append(authority.header.id.value) }
      }
      return result
    }

    // MARK: Text helpers

    /// A code made of the word characters of `text` (brackets, punctuation and spaces dropped).
    static func code(_ text: String, fallback: String) -> String {
      var scalars = String.UnicodeScalarView()
      for scalar in text.unicodeScalars {
        if scalar.isASCII ? Lexer.isWordByte(UInt8(scalar.value)) || scalar == "." : Lexer.isWordScalar(scalar) {
          if scalar == ".", scalars.last == "." || scalars.isEmpty { continue }
          scalars.append(scalar)
        }
      }
      while scalars.last == "." { scalars.removeLast() }
      let result = String(scalars)
      return Lexer.isSingleWord(result) ? result : fallback
    }

    /// What a bare number means in a ratio or count column, by its heading: a unit in the
    /// heading's notes (`抽查比例(%)`, `抽取对象数（户）`) decides; otherwise a count column or a
    /// `比例/数量` column counts, and a plain ratio column is ambiguous.
    mutating func bareNumber(_ key: String, _ table: CSVTable, count: Bool) -> CellParser.BareNumber {
      if let known = bareNumbers[key] { return known }
      let value = Importer.bareNumber(heading: heading(table, key), count: count)
      bareNumbers[key] = value
      return value
    }

    static func bareNumber(heading: String, count: Bool) -> CellParser.BareNumber {
      let notes = CSVTable.notes(heading)
      if notes.contains("%") || notes.contains("％") || notes.contains("百分") { return .percent }
      if ["户", "家", "个", "数"].contains(where: { notes.contains($0) }) { return .count }
      return count || CSVTable.withoutNotes(heading).contains("数量") ? .count : .ambiguous
    }

    static func uniqueCode(_ base: String, taken: Set<String>) -> String {
      var code = base
      var counter = 2
      while taken.contains(code) {
        code = "\(base)-\(counter)"
        counter += 1
      }
      return code
    }

    /// A name as a list value: bare when it is one word that cannot be read as anything else,
    /// else quoted.
    static func name(_ text: String) -> String {
      let cleaned = CellParser.joinLines(text).trimmingCharacters(in: " ")
      let isWord =
        !cleaned.isEmpty && code(cleaned, fallback: "") == cleaned && !cleaned.contains(".")
        && cleaned.unicodeScalars.first.map { !("0"..."9").contains($0) && $0 != "-" && $0 != "+" } ?? false
        && !cleaned.contains("至") && !cleaned.contains("工作日")
        && FieldKey.vocabulary.lookup(cleaned) == nil && DeclKind.vocabulary.lookup(cleaned) == nil
      return isWord ? cleaned : quoted(cleaned)
    }

    /// A string literal: `"…"` with `\` and `"` escaped, on one line.
    static func quoted(_ text: String) -> String {
      var result = "\""
      for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": result += "\\\\"
        case "\"": result += "\\\""
        case "\n", "\r", "\t": result += " "
        default:
          // What a string may not hold (controls, line separators, bidi controls) is written as its
          // code point, as in comments: nothing is lost, and the string still reads (W0603 says so,
          // `refusedCharacters`).
          if Lexer.isForbiddenInString(scalar) {
            result += Shown.marker(scalar, nil, named: false)
          } else {
            result.unicodeScalars.append(scalar)
          }
        }
      }
      return result + "\""
    }

    /// The parts of a list cell between `separators`, trimmed; a separator inside brackets
    /// (`食品经营者（含小餐饮、食品摊贩）`) does not split.
    static func split(_ text: String, by separators: String) -> [String] {
      var parts: [String] = []
      var current = ""
      var depth = 0
      for character in text {
        if openingBrackets.contains(character) {
          depth += 1
        } else if closingBrackets.contains(character) {
          depth = max(0, depth - 1)
        } else if depth == 0, separators.contains(character) || ((character == "\r\n" || character == "\r") && separators.contains("\n")) {
          parts.append(current)
          current = ""
          continue
        }
        current.append(character)
      }
      parts.append(current)
      return parts.map { $0.trimmingCharacters(in: " \t\u{3000}\r\n") }.filter { !$0.isEmpty }
    }

    static let openingBrackets: Set<Character> = ["（", "(", "【", "[", "《", "〔"]
    static let closingBrackets: Set<Character> = ["）", ")", "】", "]", "》", "〕"]

    /// The text without its bracketed notes: `JC-001（新增）` is `JC-001`.
    static func withoutBracketedNotes(_ text: String) -> String {
      var result = ""
      var depth = 0
      for character in text {
        if openingBrackets.contains(character) {
          depth += 1
        } else if closingBrackets.contains(character) {
          depth = max(0, depth - 1)
        } else if depth == 0 {
          result.append(character)
        }
      }
      return result
    }

    /// Without white space, for looking a cell up in a vocabulary (`一般检查 事项`).
    static func squeezed(_ text: String) -> String {
      String(text.unicodeScalars.filter { !" \t\r\n\u{3000}".unicodeScalars.contains($0) }.map(Character.init))
    }

    /// A cell that lists several items gives one title each, numbering removed: items apart by
    /// `;` `；` (`粮食收购活动监督检查;地方储备粮监督检查`), or on lines of their own when the lines
    /// are numbered (`1、拍卖活动经营资格的检查⏎2、登记事项检查`, `（1）`, `1.`). Any other line
    /// break is a title wrapped in its cell (`对食品生产经营者的⏎监督检查`): the lines are joined.
    static func splitItems(_ text: String) -> [String] {
      splitNumberedItems(text).map(\.title)
    }

    /// `splitItems`, with the numbering each title had (`1.学校招生…` is `学校招生…`, numbered
    /// `1.`): a title loses its numbering whether the cell lists one item or several.
    static func splitNumberedItems(_ text: String) -> [(title: String, numbering: String?)] {
      var chunks: [String] = []
      for segment in split(text, by: "；;") {
        let lines = segment.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.trimmingCharacters(in: " \t\u{3000}").isEmpty }
        var numbered = lines.filter { numbering(of: $0) != nil }.count >= 2
        if lines.count < 2 { numbered = false }
        var parts: [String] = []
        for line in lines {
          if parts.isEmpty || (numbered && numbering(of: line) != nil) {
            parts.append(line)
          } else {
            parts[parts.count - 1] += "\n" + line
          }
        }
        chunks += parts
      }
      var parts = chunks.map { trimItem($0) }.filter { !$0.isEmpty }
      if parts.count <= 1 { parts = [CellParser.joinLines(text).trimmingCharacters(in: " ")] }
      return parts.map { part in
        guard let mark = numbering(of: part) else { return (part, nil) }
        let title = String(part[mark.upperBound...]).trimmingCharacters(in: " \u{3000}")
        // A title that is only a number stays as written.
        guard !title.isEmpty else { return (part, nil) }
        return (title, String(part[mark]))
      }
    }

    /// The numbering a line starts with: `1、` `1.` `1)` `（1）` `(1)` `一、` `①`.
    static func numbering(of line: String) -> Range<String.Index>? {
      let text = Substring(line).drop { $0 == " " || $0 == "\u{3000}" || $0 == "\t" }
      let numerals: (Character) -> Bool = { ($0.isASCII && $0.isNumber) || "一二三四五六七八九十".contains($0) }
      if let first = text.first, ("\u{2460}"..."\u{2473}").contains(first) {
        return text.startIndex..<text.index(after: text.startIndex)
      }
      if let first = text.first, first == "（" || first == "(" {
        let inner = text.dropFirst().prefix(while: numerals)
        guard !inner.isEmpty, let close = text.dropFirst(1 + inner.count).first, close == "）" || close == ")" else { return nil }
        return text.startIndex..<text.index(text.startIndex, offsetBy: inner.count + 2)
      }
      let number = text.prefix(while: numerals)
      guard !number.isEmpty, let mark = text.dropFirst(number.count).first else { return nil }
      let arabic = number.allSatisfy { $0.isASCII }
      guard mark == "、" || (arabic && ".．)）".contains(mark)) else { return nil }
      // `1.5%` is a number, not an item's numbering.
      if mark == ".", let next = text.dropFirst(number.count + 1).first, next.isNumber { return nil }
      return text.startIndex..<text.index(text.startIndex, offsetBy: number.count + 1)
    }

    static func trimItem(_ text: String) -> String {
      var text = CellParser.joinLines(text).trimmingCharacters(in: " ")
      while let last = text.last, "。;；".contains(last) { text.removeLast() }
      return text
    }

    static func noteKeysFor(cells: [String: CSVReader.Cell]) -> [String] {
      noteKeys.filter { cells[$0] != nil }
    }
  }
}
