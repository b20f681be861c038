/// Row reading: each row of an item list or an authority list becomes an entry.
extension SheetImporter.Importer {
    // MARK: Items

    mutating func importItems(into diagnostics: inout [Diagnostic]) {
      guard !isBlank(into: &diagnostics) else { return }
      guard let table = table(SheetImporter.itemColumns, into: &diagnostics), let header = table.header else { return }
      if table.positions["item"] == nil && table.positions["task"] == nil {
        let listing = (SheetImporter.itemColumns[1].headings + SheetImporter.itemColumns[2].headings).joined(separator: "/")
        diagnostics.append(.sheetWithoutItemColumn(listing: listing, at: header.span))
        return
      }
      let unknown = unknownHeadings(table, into: &diagnostics)
      refusedCharacters(table, skipping: ["seq"], into: &diagnostics)
      let titleKey = table.positions["item"] != nil ? "item" : "task"
      var pending = Pending()
      var rows: [(row: CSVReader.Row, cells: [String: CSVReader.Cell])] = []
      // Per row: the columns whose empty cell took the value above (the row it was written on),
      // and the basis above that an empty 抽查依据 did not take.
      var filledDown: [[String: Int]] = []
      var basisAbove: [(cell: CSVReader.Cell, row: Int)?] = []
      var previous: [String: (cell: CSVReader.Cell, row: Int)] = [:]
      var lastSeq: String?
      for row in table.rows {
        // A row continues the group above when it leaves the 序号 empty or repeats it; without a
        // 序号 column, only when it leaves the item itself empty.
        let seq = table.cell(row, "seq")?.trimmed ?? ""
        let continuation =
          !rows.isEmpty
          && (table.positions["seq"] != nil ? seq.isEmpty || seq == lastSeq : table.cell(row, titleKey)?.trimmed.isEmpty ?? true)
        var cells: [String: CSVReader.Cell] = [:]
        var origins: [String: (cell: CSVReader.Cell, row: Int)] = [:]
        var filled: [String: Int] = [:]
        var basis: (cell: CSVReader.Cell, row: Int)?
        for column in SheetImporter.itemColumns {
          if let cell = table.cell(row, column.key), !cell.trimmed.isEmpty {
            cells[column.key] = cell
            origins[column.key] = (cell, row.line)
          } else if continuation, SheetImporter.fillsDown.contains(column.key), let above = previous[column.key] {
            // An empty legal basis is never carried down: two sub-items often rest on different
            // articles, and a basis nobody wrote would hide E0204. The group keeps it for the rows below.
            origins[column.key] = above
            if column.key == "basis" {
              basis = above
              continue
            }
            cells[column.key] = above.cell
            // The group's own columns (its 序号 and title) say which group the row is in; every
            // other value carried down is marked to verify.
            if !["seq", "item", "task"].contains(column.key) { filled[column.key] = above.row }
          }
        }
        previous = origins
        if !seq.isEmpty { lastSeq = seq }
        rows.append((row, cells))
        filledDown.append(filled)
        basisAbove.append(basis)
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
          diagnostics.append(.tableCellEmpty(row: row.line, heading: heading(table, titleKey), at: row.span))
          continue
        }
        var titles = Self.splitNumberedItems(titleCell.text)
        if let sub = cells["subitem"] {
          // 抽查子项: one item per sub-item, titled with its item.
          let parent = titles.count == 1 ? titles[0].title : CellParser.joinLines(titleCell.text)
          titles = Self.splitNumberedItems(sub.text).map { ("\(parent)：\($0.title)", $0.numbering) }
        }
        var template = SheetImporter.Entry(keyword: .item, code: code, title: "", row: row.line)
        itemFields(
          row: row, cells: cells, filled: filledDown[number], table: table, unknown: unknown, into: &template, pending: &pending,
          diagnostics: &diagnostics)
        if let (above, from) = basisAbove[number] {
          let heading = heading(table, "basis")
          template.lines.append(
            .comment([say(Text(zh: "\(heading)为空，未沿用第 \(from) 行的：", en: "\(heading) is empty; row \(from)'s, not carried down: ")) + verbatim(nil, above.text)]))
          diagnostics.append(.basisNotFilledDown(row: row.line, heading: heading, from: from, at: table.cell(row, "basis")?.span ?? row.span))
        }
        if !filledDown[number].isEmpty {
          let columns = SheetImporter.itemColumns.compactMap { column in filledDown[number][column.key].map { (heading(table, column.key), $0) } }
          let first = SheetImporter.itemColumns.first { filledDown[number][$0.key] != nil }.flatMap { table.cell(row, $0.key)?.span }
          diagnostics.append(.filledDown(row: row.line, columns: columns, at: first ?? row.span))
        }
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
        if noDepartment.count == rows, rows > 1 {
          diagnostics.append(.sheetWithoutDepartments(at: header.span))
        } else {
          for (row, span) in noDepartment {
            diagnostics.append(.rowWithoutDepartment(row: row, at: span))
          }
        }
        let fields: [(FieldKey, Diagnostic.PlaceholderField)] = [
          (.objects, .objects), (.category, .category), (.methods, .methods), (.frequency, .frequency),
        ]
        for (field, placeholder) in fields {
          guard let rowsMissing = missing[field], !rowsMissing.isEmpty else { continue }
          if !present.contains(field) {
            diagnostics.append(.sheetLacksField(placeholder, at: header.span))
          } else {
            for (row, span) in rowsMissing {
              diagnostics.append(.rowLacksField(placeholder, row: row, at: span))
            }
          }
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
          entry.lines.append(.field(.department, [departmentCode(subject.text, at: subject.span)], stacked: false, comment: nil))
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
      diagnostics.append(.sheetEmpty(at: Span(file: file.id, start: 0, end: 0)))
      return true
    }
}
