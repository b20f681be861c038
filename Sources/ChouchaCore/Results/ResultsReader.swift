/// Reads a results table (`引入 结果 "results/2024-scjg.csv"`): one row per inspection of one
/// business by one department, as the platforms export them and as people type them.
///
/// Columns (Grammar.md §8 lists them with their aliases): 任务编号, 统一社会信用代码, 检查部门,
/// 检查日期, 检查结果, 问题描述, 公示日期, 后续处置, 办结日期; optionally 企业名称, 处置起算日,
/// 不合格要点, 任务来源. A missing column or a ragged row is E0602 (`CSVTable`), a heading no column takes
/// W0604 (the column is not read). Per cell: an empty 任务编号, 统一社会信用代码, 检查部门,
/// 检查日期 or 检查结果 is E0602 at the cell — when the row above has a value there, the help
/// says it is probably a merged cell, which is never filled down (a result is a record: nothing is
/// guessed); a date that is not one, E0902 (`ResultDate`); a category or action not in the
/// vocabulary, E0901 with the closest spelling; a department neither a code nor a title of the
/// rules, E0101. A row without 任务编号 or 统一社会信用代码 is left out (reported); any other
/// cell in error leaves its field empty and the row is kept, so that one mistake is one
/// diagnostic.
public enum ResultsReader {
  static let columns: [CSVTable.Column] = [
    column("task", ["任务编号", "抽查任务编号", "任务编码", "抽查任务编码", "检查任务编号"], required: true),
    column(
      "entity", ["统一社会信用代码", "信用代码", "社会信用代码", "统一社会信用代码/注册号", "统一代码", "注册号", "统一社会信用代码或注册号"],
      required: true),
    column("department", ["检查部门", "检查机关", "检查单位", "抽查单位", "实施部门", "抽查部门", "实施机关", "检查实施机关", "抽查机关"], required: true),
    column("inspected", ["检查日期", "检查时间", "抽查日期", "抽查时间", "检查完成日期", "检查完成时间", "实施日期"], required: true),
    column("category", ["检查结果", "抽查结果", "抽查检查结果", "检查结论", "抽查结论"], required: true),
    column("problem", ["问题描述", "发现问题", "存在问题", "问题情况", "检查发现问题", "主要问题"], required: true),
    column("published", ["公示日期", "公示时间", "结果公示日期", "结果公示时间", "公示完成日期"], required: true),
    column("actions", ["后续处置", "处理结果", "后续处理", "后续处置情况", "后续处置结果", "处置措施", "处理措施", "后续处理结果"], required: true),
    column("closed", ["办结日期", "办结时间", "处置完成日期", "处置办结日期", "完结日期", "后续处置完结日期", "处置完结日期"], required: true),
    column("entityName", ["企业名称", "检查对象名称", "抽查市场主体名称", "市场主体名称", "经营主体名称", "主体名称", "被检查对象名称", "检查对象"], required: false),
    column("followUpFrom", ["处置起算日", "处置起算日期", "后续处置起算日", "问题发现日期"], required: false),
    column("failedPoints", ["不合格要点", "不合格检查要点", "问题要点", "不符合要点", "不合格项"], required: false),
    column("source", ["任务来源", "抽查任务来源", "检查任务来源", "任务类别"], required: false),
  ]

  /// Columns platforms export beside the results that no check needs: known, so not W0604, and
  /// not read.
  static let informational: Set<String> = ["序号", "备注", "说明", "抽查任务名称", "任务名称", "抽查计划编号", "抽查计划名称", "抽查类型", "抽查事项", "检查事项"]

  static func column(_ key: String, _ headings: [String], required: Bool) -> CSVTable.Column {
    CSVTable.Column(key: key, headings: headings, required: required, mayBeEmpty: true)
  }

  /// The table as messages name it.
  static let what = Text(zh: "结果表格", en: "results table")

  /// - Parameters:
  ///   - site: the path of `引入 结果`, labelled on a missing column.
  ///   - departments: the rules' departments: a 检查部门 cell is a code or a title of one.
  public static func read(
    _ file: SourceFile, importedAt site: Span, departments: [Department]
  ) -> (rows: [ResultRow], diagnostics: [Diagnostic]) {
    var diagnostics: [Diagnostic] = []
    guard let table = CSVTable.read(file, columns: columns, what: what, site: site, into: &diagnostics),
      let header = table.header
    else { return ([], diagnostics) }
    // Columns missing (E0602): nothing more is said about this table.
    guard !table.positions.isEmpty else { return ([], diagnostics) }
    diagnostics += unknownHeadings(table, header: header)

    var departmentCodes = Set<String>()
    var departmentByTitle: [String: String] = [:]
    for department in departments {
      departmentCodes.insert(department.header.id.value)
      if let title = department.header.title?.value, departmentByTitle[title] == nil {
        departmentByTitle[title] = department.header.id.value
      }
    }
    let departmentSpellings = departments.map(\.header.id.value) + departments.compactMap { $0.header.title?.value }
    let headingOf = Dictionary(uniqueKeysWithValues: columns.map { ($0.key, $0.headings[0]) })

    var rows: [ResultRow] = []
    rows.reserveCapacity(table.rows.count)
    var above: CSVReader.Row?
    for row in table.rows {
      defer { above = row }
      /// A required cell, or nil and E0602 when it is empty.
      func required(_ key: String) -> CSVReader.Cell? {
        guard let cell = table.cell(row, key) else { return nil }
        if !cell.trimmed.isEmpty { return cell }
        let mergedFrom = above.flatMap { table.cell($0, key) }.flatMap { $0.trimmed.isEmpty ? nil : $0 }
        if let mergedFrom, key == "task" || key == "department" {
          diagnostics.append(
            .resultCellEmptyMerged(
              row: row.line, heading: headingOf[key]!, above: mergedFrom.trimmed, aboveRow: row.line - 1, at: cell.span))
        } else {
          diagnostics.append(.tableCellEmpty(row: row.line, heading: headingOf[key]!, at: cell.span))
        }
        return nil
      }
      func optional(_ key: String) -> CSVReader.Cell? {
        guard let cell = table.cell(row, key), !cell.trimmed.isEmpty else { return nil }
        return cell
      }
      func date(_ cell: CSVReader.Cell?, _ key: String) -> Located<Day>? {
        guard let cell else { return nil }
        switch ResultDate.read(cell.text) {
        case .day(let day): return Located(day, cell.span)
        case .impossible:
          diagnostics.append(.resultDateInvalid(cell.trimmed, row: row.line, heading: headingOf[key]!, impossible: true, at: cell.span))
        case .unreadable:
          diagnostics.append(.resultDateInvalid(cell.trimmed, row: row.line, heading: headingOf[key]!, impossible: false, at: cell.span))
        }
        return nil
      }

      let taskCell = required("task")
      let entityCell = required("entity")
      let departmentCell = required("department")
      let inspected = date(required("inspected"), "inspected")
      let categoryCell = required("category")
      guard let taskCell, let entityCell else { continue }

      var department: Name?
      if let cell = departmentCell {
        let text = cell.trimmed
        if departmentCodes.contains(text) {
          department = Name(text, cell.span)
        } else if let code = departmentByTitle[text] ?? departmentByTitle[ResultVocabulary.squeezed(text)] {
          department = Name(code, cell.span)
        } else {
          diagnostics.append(
            .directoryDepartmentUnknown(
              Located(text, cell.span), row: row.line, suggestion: Suggest.closest(to: text, among: departmentSpellings)))
        }
      }

      var category: Located<ResultCategory>?
      if let cell = categoryCell {
        category = readCategory(cell, row: row.line, heading: headingOf["category"]!, into: &diagnostics)
      }

      var actions: [Located<FollowUpAction>] = []
      if let cell = optional("actions") {
        for (part, span) in ResultVocabulary.parts(of: cell, at: ResultVocabulary.listSeparators) {
          if let value = ResultVocabulary.actions.lookup(part) {
            actions.append(Located(value, span))
          } else {
            diagnostics.append(
              .resultValueUnknown(
                part, row: row.line, heading: headingOf["actions"]!, listing: ResultVocabulary.listing(FollowUpAction.vocabulary), list: true,
                suggestion: ResultVocabulary.actions.suggestion(for: part), at: span))
          }
        }
      }

      var source: Located<TaskSource>?
      var sourceUnread = false
      if let cell = optional("source") {
        if let value = ResultVocabulary.sources.lookup(cell.trimmed) {
          source = Located(value, cell.span)
        } else {
          sourceUnread = true
          diagnostics.append(
            .resultValueUnknown(
              cell.trimmed, row: row.line, heading: headingOf["source"]!, listing: ResultVocabulary.listing(TaskSource.vocabulary),
              list: false, suggestion: ResultVocabulary.sources.suggestion(for: cell.trimmed), at: cell.span))
        }
      }

      var result =
        ResultRow(
          row: row.line, task: Name(taskCell.trimmed, taskCell.span), entity: Name(entityCell.trimmed, entityCell.span),
          entityName: optional("entityName").map { Name($0.trimmed, $0.span) }, department: department,
          inspected: inspected, category: category, problem: optional("problem").map { Name($0.trimmed, $0.span) },
          published: date(optional("published"), "published"), actions: actions,
          closed: date(optional("closed"), "closed"), followUpFrom: date(optional("followUpFrom"), "followUpFrom"),
          failedPoints: optional("failedPoints").map { cell in
            ResultVocabulary.parts(of: cell, at: ResultVocabulary.listSeparators + " \u{3000}").map { Name($0.text, $0.span) }
          } ?? [],
          span: row.span)
      result.source = source
      result.sourceUnread = sourceUnread
      rows.append(result)
    }
    return (rows, diagnostics)
  }

  /// A 检查结果 cell: one category, in any of its spellings. The platform's exports join the
  /// categories ticked with `；` (`发现问题待后续处理；违反食品药品管理相关规定；`): such a cell is
  /// read when its parts all name one category; parts naming several are E0901 (a row holds one
  /// conclusion), a part naming none is E0901 at that part.
  static func readCategory(
    _ cell: CSVReader.Cell, row: Int, heading: String, into diagnostics: inout [Diagnostic]
  ) -> Located<ResultCategory>? {
    let matcher = ResultVocabulary.categories
    if let value = matcher.lookup(cell.trimmed) { return Located(value, cell.span) }
    let parts = ResultVocabulary.parts(of: cell, at: "；;\n")
    let listing = ResultVocabulary.listing(ResultCategory.vocabulary)
    guard parts.count > 1 else {
      diagnostics.append(
        .resultValueUnknown(
          cell.trimmed, row: row, heading: heading, listing: listing, list: false,
          suggestion: matcher.suggestion(for: cell.trimmed), at: cell.span))
      return nil
    }
    var values: [ResultCategory] = []
    for part in parts {
      guard let value = matcher.lookup(part.text) else {
        diagnostics.append(
          .resultValueUnknown(
            part.text, row: row, heading: heading, listing: listing, list: false,
            suggestion: matcher.suggestion(for: part.text), at: part.span))
        return nil
      }
      if !values.contains(value) { values.append(value) }
    }
    guard values.count == 1 else {
      diagnostics.append(
        .resultCategoriesSeveral(
          values.map { ResultCategory.vocabulary.spelling($0, .zh) }, row: row, heading: heading, at: cell.span))
      return nil
    }
    return Located(values[0], cell.span)
  }

  /// W0604 for each heading no column takes (a second column of one heading among them), and for
  /// each column without a heading that holds a value: the column is not read.
  static func unknownHeadings(_ table: CSVTable, header: CSVReader.Row) -> [Diagnostic] {
    let taken = Set(table.positions.values)
    var diagnostics: [Diagnostic] = []
    let known = columns.flatMap(\.headings)
    for (index, cell) in header.cells.enumerated() where !taken.contains(index) {
      let heading = table.headings[index]
      if heading.isEmpty {
        guard let filled = table.rows.lazy.compactMap({ index < $0.cells.count ? $0.cells[index] : nil }).first(where: { !$0.trimmed.isEmpty })
        else { continue }
        diagnostics.append(.resultColumnUnknown(nil, duplicate: false, suggestion: nil, column: index, at: filled.span))
        continue
      }
      if informational.contains(heading) || informational.contains(CSVTable.withoutNotes(heading)) { continue }
      let duplicate = columns.contains { CSVTable.position(of: $0, in: [heading]) != nil }
      diagnostics.append(
        .resultColumnUnknown(
          Located(heading, cell.span), duplicate: duplicate,
          suggestion: duplicate ? nil : Suggest.closest(to: CSVTable.withoutNotes(heading), among: known), column: index,
          at: cell.span))
    }
    return diagnostics
  }
}

/// The vocabularies of 检查结果 and 后续处置 as cells are matched against them: spaces and the
/// punctuation exports vary (、，,。；;：: and brackets of either width) left out on both sides,
/// so that `发现问题，已责令改正` and `通过登记的住所(经营场所)无法联系` are found without an alias
/// for each way of writing them.
enum ResultVocabulary {
  struct Matcher<Value: Hashable & Sendable> {
    let vocabulary: Vocabulary<Value>
    let squeezedTable: [String: Value]
    init(_ vocabulary: Vocabulary<Value>) {
      self.vocabulary = vocabulary
      var table: [String: Value] = [:]
      for entry in vocabulary.entries {
        for spelling in [entry.english, entry.chinese] + entry.aliases where table[squeezed(spelling)] == nil {
          table[squeezed(spelling)] = entry.value
        }
      }
      squeezedTable = table
    }

    func lookup(_ text: String) -> Value? {
      vocabulary.lookup(text) ?? squeezedTable[squeezed(text)] ?? squeezedTable[squeezed(text).lowercased()]
    }

    func suggestion(for text: String) -> String? {
      Suggest.closest(to: text, among: vocabulary.entries.flatMap { [$0.chinese] + $0.aliases } + vocabulary.entries.map(\.english))
    }
  }

  /// A vocabulary for help texts: its Chinese spellings; in English, each English spelling
  /// with its Chinese one.
  static func listing<Value>(_ vocabulary: Vocabulary<Value>) -> Text {
    Text(
      zh: vocabulary.entries.map(\.chinese).joined(separator: "、"),
      en: vocabulary.entries.map { "\($0.english) (\($0.chinese))" }.joined(separator: ", "))
  }

  static let categories = Matcher(ResultCategory.vocabulary)
  static let actions = Matcher(FollowUpAction.vocabulary)
  static let sources = Matcher(TaskSource.vocabulary)

  /// `text` without spaces and the punctuation that varies between exports.
  static func squeezed(_ text: String) -> String {
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      switch scalar {
      case " ", "\u{3000}", "\t", "\n", "\r", "、", "，", ",", "。", ".", "；", ";", "：", ":", "(", ")", "（", "）", "【", "】", "[", "]",
        "“", "”", "\"":
        continue
      default: result.append(scalar)
      }
    }
    return String(result)
  }

  /// Where a list cell (`责令改正；列入经营异常名录`) is split.
  static let listSeparators = "、，,；;\n"

  /// The parts of a list cell, split at any of `separators`, each trimmed and located in the
  /// cell; empty parts (a trailing `；`) left out.
  static func parts(of cell: CSVReader.Cell, at separators: String) -> [(text: String, span: Span)] {
    let text = cell.text
    var result: [(String, Span)] = []
    var start = text.startIndex
    var index = text.startIndex
    func close(_ end: String.Index) {
      var lower = start
      var upper = end
      while lower < upper, text[lower].isWhitespace { lower = text.index(after: lower) }
      while lower < upper, text[text.index(before: upper)].isWhitespace { upper = text.index(before: upper) }
      if lower < upper { result.append((String(text[lower..<upper]), cell.span(of: lower..<upper))) }
    }
    while index < text.endIndex {
      let character = text[index]
      if separators.contains(character) {
        close(index)
        start = text.index(after: index)
      }
      index = text.index(after: index)
    }
    close(text.endIndex)
    return result
  }
}
