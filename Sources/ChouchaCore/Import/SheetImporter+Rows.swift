/// Row reading: each row of an item list or an authority list becomes an entry.
extension SheetImporter.Importer {
    // MARK: Items

    mutating func importItems(into diagnostics: inout [Diagnostic]) {
      guard !isBlank(into: &diagnostics) else { return }
      guard let table = table(SheetImporter.itemColumns, into: &diagnostics), let header = table.header else { return }
      if table.positions["item"] == nil && table.positions["task"] == nil {
        let listing = (SheetImporter.itemColumns[1].headings + SheetImporter.itemColumns[2].headings).joined(separator: "/")
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
        for column in SheetImporter.itemColumns {
          if let cell = table.cell(row, column.key), !cell.trimmed.isEmpty {
            cells[column.key] = cell
          } else if continuation, SheetImporter.fillsDown.contains(column.key), let above = previous[column.key] {
            cells[column.key] = above
          }
        }
        previous = cells
        if !seq.isEmpty { lastSeq = seq }
        rows.append((row, cells))
      }

      // Codes: the 序号 (a group's rows and a cell's several items get -1, -2, …), else the row.
      let prefix = Self.code(options.prefix ?? options.department ?? "SX", fallback: "SX")
      var bases: [String] = []
      for (number, entry) in rows.enumerated() {
        let seq = entry.cells["seq"].map { Self.code($0.trimmed, fallback: "") } ?? ""
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
        var titles = Self.splitNumberedItems(titleCell.text)
        if let sub = cells["subitem"] {
          // 抽查子项: one item per sub-item, titled with its item.
          let parent = titles.count == 1 ? titles[0].title : CellParser.joinLines(titleCell.text)
          titles = Self.splitNumberedItems(sub.text).map { ("\(parent)：\($0.title)", $0.numbering) }
        }
        var template = SheetImporter.Entry(keyword: .item, code: code, title: "", row: row.line)
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
        var entry = SheetImporter.Entry(keyword: .authority, code: Self.code(code.trimmed, fallback: "QZ-\(row.line)"), title: CellParser.joinLines(title.text).trimmingCharacters(in: " "), row: row.line)
        if entry.code != code.trimmed {
          trailing.append(verbatim(name("code"), code.text))
          warn(row: row, cell: code, heading: name("code"), what: Text(zh: "编码", en: "a code"), placeholder: Text(zh: entry.code, en: entry.code), into: &diagnostics)
        }
        let kindText = Self.squeezed(kindCell.text)
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
          entry.lines.append(.field(.exempt, [Self.quoted(CellParser.joinLines(exempt.text))], stacked: false, comment: nil))
        }
        if let note = table.cell(row, "note"), !note.trimmed.isEmpty { trailing.append("\(name("note"))：\(note.text)") }
        for index in unknown where index < row.cells.count && !row.cells[index].trimmed.isEmpty {
          trailing.append("\(Self.columnLabel(table, index))：\(row.cells[index].text)")
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
}
