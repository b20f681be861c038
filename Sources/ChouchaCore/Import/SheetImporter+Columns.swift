/// The columns `SheetImporter` reads, as governments head them, and the reading of a sheet's headings.
extension SheetImporter {
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
}

extension SheetImporter.Importer {
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
              zh: "第 \(index + 1) 列没有列名：其内容保留在各事项的注释中（“\(Self.columnLabel(table, index))：…”）",
              en: "column \(index + 1) has no heading: its cells are kept in comments ('\(Self.columnLabel(table, index))：…')"),
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
          let heading = Shown.text(Self.columnLabel(table, index))
          let name = Shown.name(first)
          let marker = Shown.marker(first, nil, named: false)
          let more = count - 1
          diagnostics.append(
            Diagnostic(
              .W0603,
              Text(
                zh: "第 \(row.line) 行“\(heading)”含\(name.zh)\(more > 0 ? "（此单元格中还有 \(more) 个这类字符）" : "")：规则文件中不能写这类字符，生成的规则中写作 \(marker)",
                en: "row \(row.line), \(heading): holds \(name.en)\(more > 0 ? " (\(more) more such characters in this cell)" : ""), which a rule file cannot hold; written \(marker) in the generated rules"),
              at: Self.span(of: first, in: cell, file: file),
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
}
