/// Cell conversion: a row's cells become fields, comments and warnings.
extension SheetImporter.Importer {
    mutating func itemFields(
      row: CSVReader.Row, cells: [String: CSVReader.Cell], filled: [String: Int] = [:], table: CSVTable, unknown: [Int],
      into entry: inout SheetImporter.Entry, pending: inout Pending, diagnostics: inout [Diagnostic]
    ) {
      func name(_ key: String) -> String { heading(table, key) }
      func note(_ key: String) -> String? {
        cells[key].map { cell in
          "\(name(key))：\(cell.text)" + (filled[key].map { say(Text(zh: "（取自第 \($0) 行）", en: " (from row \($0))")) } ?? "")
        }
      }
      let fieldsBefore = entry.lines.count
      defer { markFilledDown(filled, in: &entry, from: fieldsBefore) }
      var trailing: [String] = []

      // 部门
      let departmentKeys = ["joint", "lead", "department", "unit"]
      var chosenDepartment: String?
      if let given = options.department {
        chosenDepartment = given
        entry.lines.append(.field(.department, [given], stacked: false, comment: nil))
        trailing += departmentKeys.compactMap(note)
      } else if let key = departmentKeys.first(where: { cells[$0] != nil }), let cell = cells[key] {
        let code = departmentCode(cell.text, at: cell.span)
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
        let candidates = Self.authorities(of: department, citing: cited, among: options.authorities)
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
      if categoryCell == nil, let domain = cells["domain"], Category.vocabulary.lookup(Self.squeezed(domain.text)) != nil {
        categoryCell = domain
      }
      if let cell = categoryCell, let category = Category.vocabulary.lookup(Self.squeezed(cell.text)) {
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
        let names = Self.splitObjects(cell.text).map(Self.name)
        entry.lines.append(.field(.objects, names, stacked: false, comment: nil))
      } else {
        if table.positions["objects"] != nil { pending.present.insert(.objects) }
        pending.note(.objects, row: row.line, span: table.cell(row, "objects")?.span ?? row.span)
        entry.lines.append(.field(.objects, [SheetImporter.pendingObject(options.keywords)], stacked: false, comment: pendingComment))
      }

      // 方式
      if let cell = cells["methods"] {
        pending.present.insert(.methods)
        var methods: [Method] = []
        var unknownParts: [String] = []
        var annotated = false
        for part in Self.split(cell.text, by: "、，,；;/ \u{3000}\n") {
          // `现场检查（含抽样检验、检测）`: the method, its note kept in the comment.
          let bare = Self.withoutBracketedNotes(part).trimmingCharacters(in: " \u{3000}")
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

      // 内容: a cell listing check points is the item's 要点, the cell kept above them as a comment.
      if let cell = cells["content"] {
        if let points = ContentPoints.split(cell.text) {
          let original = say(Text(zh: "原文（\(name("content"))）：", en: "original (\(name("content"))): ")) + verbatim(nil, cell.text)
          entry.lines.append(.points(points.map(Self.quoted), original: original))
        } else {
          entry.lines.append(.field(.content, [Self.quoted(CellParser.joinLines(cell.text))], stacked: false, comment: nil))
        }
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
      trailing += Self.noteKeysFor(cells: cells).compactMap { key in
        if key == "domain", categoryCell?.span == cells["domain"]?.span { return nil }
        if key == "task", titleKeyIsTask(table) { return nil }
        return note(key)
      }
      for index in unknown where index < row.cells.count {
        let cell = row.cells[index]
        if !cell.trimmed.isEmpty { trailing.append("\(Self.columnLabel(table, index))：\(cell.text)") }
      }
      if !trailing.isEmpty { entry.lines.append(.comment(trailing)) }
    }

    func titleKeyIsTask(_ table: CSVTable) -> Bool { table.positions["item"] == nil }

    /// The fields written from values carried down a merged group (W0608): each marked
    /// `待核实：取自第 N 行`, before any comment it had.
    func markFilledDown(_ filled: [String: Int], in entry: inout SheetImporter.Entry, from start: Int) {
      guard !filled.isEmpty else { return }
      let fields: [String: [FieldKey]] = [
        "objects": [.objects], "category": [.category], "methods": [.methods], "content": [.content],
        "joint": [.department], "lead": [.department], "department": [.department], "unit": [.department],
        "ratio": [.ratio, .count, .frequency], "count": [.count, .ratio], "frequency": [.frequency],
      ]
      var marks: [FieldKey: Int] = [:]
      for (key, row) in filled {
        for field in fields[key] ?? [] { marks[field] = min(marks[field] ?? row, row) }
      }
      for index in entry.lines.indices.dropFirst(start) {
        // Points carried down: the mark opens their comment.
        if case .points(let points, let original) = entry.lines[index], let row = filled["content"] {
          let mark = say(Text(zh: "待核实：取自第 \(row) 行；", en: "to verify: from row \(row); "))
          entry.lines[index] = .points(points, original: mark + original)
          continue
        }
        guard case .field(let field, let values, let stacked, let comment) = entry.lines[index], let row = marks[field] else { continue }
        // A placeholder already marked stays as it is; its value is not the one carried down.
        if let comment, comment.hasPrefix(say(Text(zh: "待核实", en: "to verify"))) { continue }
        let mark = say(Text(zh: "待核实：取自第 \(row) 行", en: "to verify: from row \(row)"))
        entry.lines[index] = .field(field, values, stacked: stacked, comment: comment.map { mark + say(Text(zh: "；", en: "; ")) + $0 } ?? mark)
      }
    }

    /// An item's 权责 cell: one code is the field. Anything else (`/`, `JC-001、JC-002`,
    /// `JC-001（新增）`) is kept verbatim in a comment with W0603; the field is written only when
    /// the cell holds exactly one code beside bracketed notes, and is then marked to verify. An
    /// item has one 权责, so a list is never written as one, nor its codes run together.
    func authority(
      _ cell: CSVReader.Cell, row: CSVReader.Row, heading: String, at position: Int, into entry: inout SheetImporter.Entry,
      diagnostics: inout [Diagnostic]
    ) {
      let written = cell.trimmed
      if Lexer.isSingleWord(written) {
        entry.lines.insert(.field(.authority, [written], stacked: false, comment: nil), at: position)
        return
      }
      let codes = Self.split(Self.withoutBracketedNotes(written), by: "、，,；;/ \u{3000}\n")
      var lines: [SheetImporter.Line] = [.comment([verbatim(heading, cell.text)])]
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
      diagnostics.append(
        .cellNotConverted(
          CellParser.joinLines(cell.text), row: row.line, heading: heading, what: what, placeholder: placeholder,
          advice: advice, at: cell.span))
    }

    /// `required`: an authority must have a basis (E0008 otherwise), so a cell with no `《》` is
    /// read as one law title, as `引入 权责` reads it; an item without one is left to E0204.
    @discardableResult
    mutating func basis(
      _ cell: CSVReader.Cell, row: CSVReader.Row, heading: String, required: Bool = false, into entry: inout SheetImporter.Entry,
      diagnostics: inout [Diagnostic]
    ) -> [(law: String, articles: String?)] {
      var (citations, rest) = CellParser.citations(cell.text)
      if required, citations.isEmpty {
        let title = Self.code(CellParser.trimSeparators(CellParser.joinLines(cell.text)), fallback: "")
        citations = [CellParser.Citation(title: title.isEmpty ? SheetImporter.pendingObject.zh : title, articles: nil)]
        rest = rest ?? cell.text
      }
      if lawSite == nil, !citations.isEmpty { lawSite = cell.span }
      var values: [String] = []
      var cited: [(law: String, articles: String?)] = []
      for citation in citations {
        let law = lawCode(citation.title, number: citation.number)
        cited.append((law, citation.articles))
        values.append(citation.articles.map { "\(law) \(Self.quoted($0))" } ?? law)
      }
      if !values.isEmpty { entry.lines.append(.field(.basis, values, stacked: true, comment: nil)) }
      if let rest {
        entry.lines.append(.comment([verbatim(heading, rest)]))
        diagnostics.append(.basisNotConverted(CellParser.joinLines(rest), row: row.line, heading: heading, at: cell.span))
      }
      return cited
    }
}
