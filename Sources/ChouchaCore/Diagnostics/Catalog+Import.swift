/// The catalog, family 06: tables — the authority lists a rule file imports, the sheets
/// `choucha import` converts, and the directories a draw reads (their shape and encoding;
/// what only a published draw tolerates is W0702, in the draw's family).
extension Diagnostic {
  /// E0601: an import path that leaves the repository.
  package static func importOutsideRepository(_ path: Located<String>) -> Diagnostic {
    Diagnostic(
      .E0601,
      Text(zh: "引入路径“\(path.value)”超出了规则库目录", en: "import path '\(path.value)' leaves the rule repository"),
      at: path.span,
      help: Text(
        zh: "只能引入规则库目录内的文件，路径相对于本文件，如 \"authorities/scjg.csv\"",
        en: "import only files inside the repository, relative to this file, such as \"authorities/scjg.csv\""))
  }

  /// E0601: an imported file that was not read, for `reason`.
  package static func importUnreadable(_ path: Located<String>, reason: Text, help: Text) -> Diagnostic {
    Diagnostic(
      .E0601,
      Text(zh: "无法引入“\(path.value)”：\(reason.zh)", en: "cannot import '\(path.value)': \(reason.en)"),
      at: path.span,
      help: help)
  }

  /// E0601: an imported table that is neither UTF-8 nor GB18030 (`TableText`, the rule
  /// `choucha import` and the draw follow), from byte `offset`; `utf16` when it starts with a
  /// UTF-16 byte order mark (Excel's "Unicode text").
  package static func importNotDecodable(_ path: Located<String>, offset: Int, utf16: Bool) -> Diagnostic {
    Diagnostic(
      .E0601,
      utf16
        ? Text(
          zh: "无法引入“\(path.value)”：文件是 UTF-16 编码（Excel 的“Unicode 文本”），不是 UTF-8 或 GB18030",
          en: "cannot import '\(path.value)': the file is UTF-16 (Excel's \"Unicode text\"), not UTF-8 or GB18030")
        : Text(
          zh: "无法引入“\(path.value)”：文件第 \(offset) 字节起既不是 UTF-8 也不是 GB18030 编码",
          en: "cannot import '\(path.value)': the file is neither UTF-8 nor GB18030 from byte \(offset)"),
      at: path.span,
      help: Text(
        zh: "在 Excel 或 WPS 中“另存为”时选择“CSV UTF-8（逗号分隔）”或“CSV（逗号分隔）”",
        en: "save the sheet as \"CSV UTF-8 (comma delimited)\" or \"CSV (comma delimited)\" in Excel or WPS"))
  }

  /// E0601: a second `引入 抽取` (`import draw`): the 一企一表 are made from one draw.
  package static func drawImportedTwice(_ path: Located<String>, first: Span) -> Diagnostic {
    Diagnostic(
      .E0601,
      Text(zh: "规则只能引入一个抽取结果，“\(path.value)”是第二个", en: "the rules import one draw only; '\(path.value)' is a second"),
      at: path.span,
      labels: [.init(first, Text(zh: "第一个在此引入", en: "the first is imported here"))],
      help: Text(
        zh: "删除多余的 引入 抽取，只留本年度的抽取结果；也可以用 build --draw FILE 指定",
        en: "delete the extra import draw and keep this year's draw; or name it with build --draw FILE"))
  }

  /// E0601: an imported draw document `build` cannot use: not a draw document, a value no draw
  /// writes (`field`, a place in the document such as `tasks[2].targets[0].class`), a draw of
  /// another year, or one naming a task the plan does not have. `problem` and `help` say which.
  package static func drawImportUnusable(_ path: Located<String>, field: String, problem: Text, help: Text) -> Diagnostic {
    Diagnostic(
      .E0601,
      Text(
        zh: "无法使用引入的抽取结果“\(path.value)”：\(Shown.text(field))：\(problem.zh)",
        en: "cannot use the imported draw '\(path.value)': \(Shown.text(field)): \(problem.en)"),
      at: path.span,
      help: help)
  }

  /// E0602: an imported table's row holding a control or bidi character, at the first of them;
  /// `more` follow on the row.
  package static func tableInvisibleCharacter(_ scalar: Unicode.Scalar, line: Int, more: Int, at span: Span) -> Diagnostic {
    let name = Shown.name(scalar)
    return Diagnostic(
      .E0602,
      Text(
        zh: "表格第 \(line) 行有\(name.zh)" + (more > 0 ? "（这一行还有 \(more) 个这类字符）" : ""),
        en: "row \(line) of the table holds \(name.en)" + (more > 0 ? " (\(more) more such characters on this row)" : "")),
      at: span,
      help: Text(
        zh: "在表格中删除这个看不见的字符（多半是从别处粘贴来的）：控制字符和改变显示顺序的方向控制字符会让名称显示得与实际写的不同，也会原样进入抽查事项清单",
        en: "delete this invisible character in the sheet (probably pasted in): a control or bidi control makes a name look different from what it is, and would go into the item list as it is"))
  }

  /// E0602: a quoted cell never closed. `what` names the table (权责清单 / `authority list`).
  package static func tableUnterminatedQuote(what: Text, at span: Span) -> Diagnostic {
    Diagnostic(
      .E0602, Text(zh: "\(what.zh)中的引号没有闭合", en: "a quoted cell of the \(what.en) is never closed"), at: span,
      help: Text(
        zh: "检查此单元格的引号是否成对；单元格内的引号应写作两个引号 \"\"",
        en: "check that the quotes pair up; a quote inside a cell is written as two quotes \"\""))
  }

  /// E0602: a table with no rows. `listing` lists the headings it may have.
  package static func tableEmpty(what: Text, listing: String, at span: Span) -> Diagnostic {
    Diagnostic(
      .E0602, Text(zh: "\(what.zh)是空的", en: "the \(what.en) is empty"), at: span,
      help: Text(zh: "第一行应为列名：\(listing)", en: "the first row must name the columns: \(listing)"))
  }

  /// E0602: required columns missing (`names`); `listing` lists the headings it may have.
  package static func tableMissingColumns(
    what: Text, names: String, listing: String, at span: Span, importedAt site: Span?
  ) -> Diagnostic {
    Diagnostic(
      .E0602, Text(zh: "\(what.zh)缺少列：\(names)", en: "the \(what.en) has no column \(names)"), at: span,
      labels: site.map { [.init($0, Text(zh: "在此引入", en: "imported here"))] } ?? [],
      help: Text(zh: "在第一行加上这些列名（可用的列名：\(listing)）", en: "add these headings to the first row (headings: \(listing))"))
  }

  /// E0602: a row with fewer cells than the header, or more that are not empty.
  package static func tableRowWidth(row: Int, cells: Int, columns: Int, at span: Span) -> Diagnostic {
    Diagnostic(
      .E0602,
      Text(
        zh: "第 \(row) 行有 \(cells) 个单元格，但表头有 \(columns) 列",
        en: "row \(row) has \(cells) cells but the header has \(columns)"),
      at: span,
      help: Text(
        zh: "检查这一行是否少了或多了逗号，含逗号的单元格要用引号括起",
        en: "check for a missing or extra comma; cells containing commas must be quoted"))
  }

  /// E0602: a required cell left empty.
  package static func tableCellEmpty(row: Int, heading: String, at span: Span) -> Diagnostic {
    Diagnostic(
      .E0602,
      Text(zh: "第 \(row) 行的“\(heading)”是空的", en: "row \(row): \(heading) is empty"),
      at: span, help: Text(zh: "填写此单元格，或删除这一行", en: "fill in the cell or delete the row"))
  }

  /// E0602: a row of an engine's selection (`draw --selection`) that this draw cannot take: the
  /// header, another seed or plan, a digest or key not recomputed, a rank, a row missing.
  package static func selectionProblem(_ text: Text, help: Text, at span: Span) -> Diagnostic {
    Diagnostic(.E0602, Text(zh: "选取结果：\(text.zh)", en: "selection: \(text.en)"), at: span, help: help)
  }

  /// E0602: strata of an engine's selection that ran out of candidates (max-visits skips took more
  /// than the query's margin): the widened query returns enough.
  package static func selectionRanOut(strata: [String], at span: Span) -> Diagnostic {
    Diagnostic(
      .E0602,
      Text(
        zh: "选取结果的候选不够：\(strata.count) 个层因“最多检查”跳过的对象多于查询的余量（\(strata.joined(separator: "，"))），未写出任何文件",
        en: "selection: \(strata.count) strata ran out of candidates, max-visits skips took more than the query's margin (\(strata.joined(separator: ", "))); nothing was written"),
      at: span,
      help: Text(
        zh: "运行 choucha draw --sql ENGINE --widen --seed … 打印的加宽查询（保证候选足够），用它的结果再 --selection",
        en: "run the widened query choucha draw --sql ENGINE --widen --seed … prints (provably enough candidates) and give its result to --selection"))
  }

  /// E0602: a results table's 任务编号 or 检查部门 left empty under a row that has one (`above`,
  /// on `aboveRow`): most likely a merged cell, which a results table never fills down.
  package static func resultCellEmptyMerged(row: Int, heading: String, above: String, aboveRow: Int, at span: Span) -> Diagnostic {
    Diagnostic(
      .E0602,
      Text(zh: "第 \(row) 行的“\(heading)”是空的", en: "row \(row): \(heading) is empty"),
      at: span,
      help: Text(
        zh: "多半是合并单元格（导出为 CSV 后只有第一行有值）：结果是检查记录，不会沿用上一行的值。在表格中取消合并，把“\(Shown.text(above))”（第 \(aboveRow) 行的值）填入每一行，或填写这一行自己的值",
        en: "probably a merged cell (exported to CSV, only its first row keeps the value): a result is a record, so row \(aboveRow)'s value is not carried down. Unmerge the cells in the sheet and write '\(Shown.text(above))' on every row, or this row's own value"))
  }

  /// E0602: an authority list's row of unknown type.
  /// - Parameters:
  ///   - otherKinds: the other kinds of power a list may hold (行政确认…).
  ///   - suggestion: the closest kind.
  package static func unknownAuthorityType(
    _ type: Located<String>, row: Int, otherKinds: [String], suggestion: String?
  ) -> Diagnostic {
    let help = Text(
      zh: "事项类型应为 行政检查、行政许可、行政处罚，或其他权力类型（\(otherKinds.joined(separator: "、"))）",
      en: "the type is 行政检查, 行政许可, 行政处罚, or another kind of power (\(otherKinds.joined(separator: ", ")))")
    return Diagnostic(
      .E0602,
      Text(zh: "第 \(row) 行的事项类型“\(Shown.text(type.value))”无法识别", en: "row \(row): unknown type '\(Shown.text(type.value))'"),
      at: type.span, help: Suggest.help(suggestion, help))
  }

  /// E0602: a sheet with no item column; `listing` lists the headings that would do.
  package static func sheetWithoutItemColumn(listing: String, at span: Span) -> Diagnostic {
    Diagnostic(
      .E0602, Text(zh: "表格缺少列：抽查事项", en: "the table has no column 抽查事项"), at: span,
      help: Text(
        zh: "第一行应为列名，其中一列是事项名称（\(listing)）",
        en: "the first row must name the columns, one of them the item (\(listing))"))
  }

  /// E0602: a sheet that is empty, or only white space.
  package static func sheetEmpty(at span: Span) -> Diagnostic {
    Diagnostic(
      .E0602, Text(zh: "表格是空的", en: "the table is empty"), at: span,
      help: Text(
        zh: "在 Excel 或 WPS 中打开公布的表格，“另存为”CSV，第一行为列名（如 序号、抽查事项、检查对象、检查主体）",
        en: "open the published sheet in Excel or WPS and save it as CSV, headings in the first row (序号, 抽查事项, 检查对象, 检查主体…)"))
  }

  /// E0602: a directory's heading close to a column it lacks, read for a draw today.
  /// E0602: a 经营异常 cell that is neither yes nor no, read because a task has an abnormal stratum.
  package static func directoryAbnormalValue(_ value: Located<String>, row: Int) -> Diagnostic {
    Diagnostic(
      .E0602,
      Text(
        zh: "检查对象名录第 \(row) 行的“经营异常”为“\(Shown.text(value.value))”，不是“是”或“否”",
        en: "row \(row) of the target directory: 经营异常 is '\(Shown.text(value.value))', neither yes nor no"),
      at: value.span,
      help: Text(
        zh: "有任务按“异常”比例抽取，要知道每个对象是否列入经营异常名录：写 是、Y、1 或 true（列入），否、N、0、false 或留空（未列入）",
        en: "a task draws an abnormal stratum, so each entity must say whether it is on the abnormal-operation list: write 是, Y, 1 or true (on it), 否, N, 0, false or nothing (not on it)"))
  }

  package static func directoryHeadingUnknown(_ heading: Located<String>, what: Text, suggestion: String?) -> Diagnostic {
    Diagnostic(
      .E0602,
      Text(
        zh: "\(what.zh)的列名“\(Shown.text(heading.value))”不是已知的列，这一列不会被读取",
        en: "the \(what.en)'s heading '\(Shown.text(heading.value))' names no known column; it would not be read"),
      at: heading.span, help: directoryHeadingHelp(suggestion))
  }

  static func directoryHeadingHelp(_ suggestion: String?) -> Text {
    Suggest.help(
      suggestion,
      Text(zh: "改正列名；若这一列另有含义，改用不相近的列名", en: "correct the heading; if the column means something else, name it less alike"))
  }

  /// E0602: a directory's cell holding a control or bidi character, read for a draw today.
  package static func directoryInvisibleCharacter(_ scalar: Unicode.Scalar, place: DirectoryPlace, what: Text, more: Int, at span: Span) -> Diagnostic {
    let name = Shown.name(scalar)
    let place = place.text
    return Diagnostic(
      .E0602,
      Text(
        zh: "\(what.zh)\(place.zh)有\(name.zh)" + (more > 0 ? "（这一行还有 \(more) 个这类字符）" : ""),
        en: "\(place.en) of the \(what.en) holds \(name.en)" + (more > 0 ? " (\(more) more such characters on this row)" : "")),
      at: span, help: directoryInvisibleHelp)
  }

  static let directoryInvisibleHelp = Text(
    zh: "在导出名录的系统或表格中删除这个看不见的字符（多半是从别处粘贴来的）：控制字符和改变显示顺序的方向控制字符会让名称显示得与实际写的不同，也会原样进入公开的抽取结果",
    en: "delete this invisible character in the system or sheet the directory comes from (probably pasted in): a control or bidi control makes a name look different from what it is, and would go as it is into the published draw")

  /// Where in a directory a cell stands, as its diagnostics say it.
  package struct DirectoryPlace: Sendable {
    /// The cell's row, counted from 1.
    package var line: Int
    /// The cell's column, counted from 0.
    package var column: Int
    /// The column's heading, empty if it has none.
    package var heading: String
    /// The row is the heading row.
    package var isHeader: Bool

    package init(line: Int, column: Int, heading: String, isHeader: Bool) {
      self.line = line
      self.column = column
      self.heading = heading
      self.isHeader = isHeader
    }

    var text: Text {
      isHeader
        ? Text(zh: "第 \(line) 行（列名）", en: "row \(line) (the headings)")
        : heading.isEmpty
          ? Text(zh: "第 \(line) 行第 \(column + 1) 列", en: "row \(line), column \(column + 1)")
          : Text(zh: "第 \(line) 行“\(Shown.text(heading))”列", en: "row \(line), column \(Shown.text(heading))")
    }
  }

  static let saveAsCSVHelp = Text(zh: "在 Excel 或 WPS 中“另存为”“CSV UTF-8（逗号分隔）”", en: "save the sheet as 'CSV UTF-8 (comma delimited)'")

  /// E0602: a NUL byte at `offset` of a directory.
  package static func directoryNUL(what: Text, offset: Int, file: Int) -> Diagnostic {
    Diagnostic(
      .E0602,
      Text(zh: "\(what.zh)第 \(offset) 字节是 NUL（U+0000）：不是 CSV 表格", en: "byte \(offset) of the \(what.en) is NUL (U+0000): not a CSV table"),
      at: Span(file: file, start: offset, end: offset + 1), help: saveAsCSVHelp)
  }

  /// E0602: a directory neither UTF-8 nor GB18030 from `offset`.
  package static func directoryEncoding(what: Text, offset: Int, file: Int) -> Diagnostic {
    Diagnostic(
      .E0602,
      Text(zh: "\(what.zh)第 \(offset) 字节起既不是 UTF-8 也不是 GB18030 编码", en: "the \(what.en) is neither UTF-8 nor GB18030 from byte \(offset)"),
      at: Span(file: file, start: offset, end: offset + 1), help: saveAsCSVHelp)
  }

  /// E0602: no line break in a directory's first `length` bytes.
  package static func directoryWithoutLineBreak(what: Text, length: Int, file: Int) -> Diagnostic {
    Diagnostic(
      .E0602,
      Text(
        zh: "\(what.zh)的前 \(length) 字节中没有换行：第一行应是列名，不会这么长",
        en: "no line break in the first \(length) bytes of the \(what.en): the first row names the columns and is never this long"),
      at: Span(file: file, start: 0, end: 0), help: saveAsCSVHelp)
  }

  /// E0602: the target directory could not be read.
  package static func targetDirectoryUnreadable(file: Int) -> Diagnostic {
    Diagnostic(
      .E0602, Text(zh: "无法读取检查对象名录", en: "cannot read the target directory"),
      at: Span(file: file, start: 0, end: 0))
  }

  /// W0603: a sheet's cell holding characters no rule file can hold, written `marker` instead.
  package static func cellHoldsForbidden(
    _ scalar: Unicode.Scalar, row: Int, heading: String, more: Int, marker: String, at span: Span
  ) -> Diagnostic {
    let name = Shown.name(scalar)
    return Diagnostic(
      .W0603,
      Text(
        zh: "第 \(row) 行“\(heading)”含\(name.zh)\(more > 0 ? "（此单元格中还有 \(more) 个这类字符）" : "")：规则文件中不能写这类字符，生成的规则中写作 \(marker)",
        en: "row \(row), \(heading): holds \(name.en)\(more > 0 ? " (\(more) more such characters in this cell)" : ""), which a rule file cannot hold; written \(marker) in the generated rules"),
      at: span,
      help: Text(
        zh: "这类字符看不见，多随粘贴带入：核对表格原文，在生成的规则中删去 \(marker) 这样的标记，或改为应有的文字",
        en: "such characters are invisible and usually come with pasted text: check the sheet, then delete markers such as \(marker) from the generated rules or write what was meant"))
  }

  /// W0603: a cell not converted to `what` (日期 / `a date`), kept in a comment.
  /// - Parameters:
  ///   - text: the cell's text, its lines joined.
  ///   - placeholder: the value written meanwhile, if any.
  ///   - advice: what to do, if more is to say than the default.
  package static func cellNotConverted(
    _ text: String, row: Int, heading: String, what: Text, placeholder: Text?, advice: Text?, at span: Span
  ) -> Diagnostic {
    let shown = Shown.text(text)
    var help =
      advice
      ?? Text(
        zh: "表格原文保留在注释中：定下一个确定的值写成字段后删去注释",
        en: "the cell is kept in a comment: decide on one value, write it as the field and delete the comment")
    if let placeholder {
      help = Text(zh: "暂写 \(placeholder.zh)；\(help.zh)", en: "\(placeholder.en) is written meanwhile; \(help.en)")
    }
    return Diagnostic(
      .W0603,
      Text(
        zh: "第 \(row) 行“\(heading)”的“\(shown)”无法转换为\(what.zh)，原文保留在注释中",
        en: "row \(row), \(heading): '\(shown)' is not \(what.en) the rules can hold; kept verbatim in a comment"),
      at: span, help: help)
  }

  /// W0603: the rest of a basis cell that is not 《title》articles; `text` has its lines joined.
  package static func basisNotConverted(_ text: String, row: Int, heading: String, at span: Span) -> Diagnostic {
    Diagnostic(
      .W0603,
      Text(
        zh: "第 \(row) 行“\(heading)”的“\(Shown.text(text))”不是《法规名称》条款，原文保留在注释中",
        en: "row \(row), \(heading): '\(Shown.text(text))' is not 《title》articles; kept verbatim in a comment"),
      at: span,
      help: Text(
        zh: "依据写作《法规名称》第X条，多部法规依次书写；核实后在 依据 中补上这部法规",
        en: "a basis is written 《title》 and the articles, one law after another; add it to the basis once verified"))
  }

  /// W0604: a column without a heading, its cells kept in comments as `label：…`.
  /// - Parameters:
  ///   - index: the column, counted from 0.
  ///   - span: its first filled cell.
  ///   - heading: its empty heading cell.
  package static func columnWithoutHeading(index: Int, label: String, at span: Span, heading: Span) -> Diagnostic {
    Diagnostic(
      .W0604,
      Text(
        zh: "第 \(index + 1) 列没有列名：其内容保留在各事项的注释中（“\(label)：…”）",
        en: "column \(index + 1) has no heading: its cells are kept in comments ('\(label)：…')"),
      at: span,
      labels: [.init(heading, Text(zh: "这一列的列名是空的", en: "this column's heading is empty"))],
      help: Text(
        zh: "在第一行为这一列填上列名；核对注释中的内容，需要的写成字段",
        en: "give the column a heading in the first row; review the comments and turn what matters into fields"))
  }

  /// W0604: a heading the importer does not know.
  package static func unknownColumn(_ heading: Located<String>) -> Diagnostic {
    Diagnostic(
      .W0604,
      Text(zh: "无法识别的列“\(Shown.text(heading.value))”：其内容保留在各事项的注释中", en: "unknown column '\(Shown.text(heading.value))': its cells are kept in comments"),
      at: heading.span,
      help: Text(
        zh: "核对注释中的内容，需要的写成字段；可识别的列名见 choucha explain W0604",
        en: "review the comments and turn what matters into fields; the known headings are listed by choucha explain W0604"))
  }

  /// W0604: a results table's column that is not read: a heading no column takes (`duplicate`:
  /// a second column of a heading already taken), or a column without a heading (`heading` nil)
  /// that holds values, at its first filled cell. `column` counts from 0.
  package static func resultColumnUnknown(
    _ heading: Located<String>?, duplicate: Bool, suggestion: String?, column: Int, at span: Span
  ) -> Diagnostic {
    let what: Text
    if let heading {
      what = duplicate
        ? Text(zh: "第 \(column + 1) 列“\(Shown.text(heading.value))”与前面的列重复：只读取前面的那一列", en: "column \(column + 1), '\(Shown.text(heading.value))', repeats an earlier column: only the earlier one is read")
        : Text(zh: "无法识别的列“\(Shown.text(heading.value))”：结果表格不读取这一列", en: "unknown column '\(Shown.text(heading.value))': the results table does not read it")
    } else {
      what = Text(zh: "第 \(column + 1) 列没有列名：结果表格不读取这一列", en: "column \(column + 1) has no heading: the results table does not read it")
    }
    return Diagnostic(
      .W0604, what, at: span,
      help: Suggest.help(
        suggestion,
        Text(
          zh: "这一列保留在表格中，但不参与检查；要参与检查，改用可识别的列名（见 choucha explain W0604 和 Grammar.md 的“结果表格”一节）",
          en: "the column stays in the table but nothing checks it; to have it read, use a known heading (choucha explain W0604, and Grammar.md's section on results tables)")))
  }

  /// W0605: laws declared with a placeholder effective date.
  package static func lawsWithoutDates(count: Int, placeholderDate: String, at span: Span) -> Diagnostic {
    Diagnostic(
      .W0605,
      Text(
        zh: "表格没有法规的施行日期：\(count) 部法规暂写施行 \(placeholderDate)，请核实",
        en: "the sheet gives no effective dates: \(count) laws say effective \(placeholderDate) until verified"),
      at: span,
      help: Text(
        zh: "把每部法规的施行日期改为现行文本的施行日期；或用 --rules 指向已声明这些法规的规则库",
        en: "replace each date with the day the law's current text took effect, or pass --rules with a repository that declares them"))
  }

  /// The fields `import` writes a placeholder for when the sheet lacks them (W0605).
  package enum PlaceholderField: Sendable {
    case objects, category, methods, frequency

    /// The field as the warning names it, and the placeholder written meanwhile.
    var described: (field: Text, placeholder: String) {
      switch self {
      case .objects: return (Text(zh: "检查对象", en: "object type"), " 对象 待定")
      case .category: return (Text(zh: "事项类别", en: "category"), " 类别 一般")
      case .methods: return (Text(zh: "检查方式", en: "method"), " 方式 实地检查")
      case .frequency: return (Text(zh: "抽查频次", en: "frequency"), " 频次 1")
      }
    }

    var help: Text {
      switch self {
      case .objects: return Text(zh: "把“待定”换成检查对象（如 餐饮服务经营者）", en: "replace 待定 with the object types, e.g. 餐饮服务经营者")
      case .category: return Text(zh: "重点检查事项改为 类别 重点", en: "write category key for a key item")
      case .methods: return Text(zh: "按实际写 实地检查、书面检查 或 网络监测", en: "write the real methods: onsite, document or online")
      case .frequency: return Text(zh: "写每年的抽查次数，如 频次 2", en: "write the times per year, e.g. frequency 2")
      }
    }
  }

  /// W0605: a field no row of the sheet gives; every item says the placeholder meanwhile.
  package static func sheetLacksField(_ missing: PlaceholderField, at span: Span) -> Diagnostic {
    let (field, placeholder) = missing.described
    return Diagnostic(
      .W0605,
      Text(zh: "表格没有\(field.zh)：每个事项暂写\(placeholder)，请核实", en: "the sheet gives no \(field.en): every item says \(placeholder) until verified"),
      at: span, help: missing.help)
  }

  /// W0605: a field one row does not give.
  package static func rowLacksField(_ missing: PlaceholderField, row: Int, at span: Span) -> Diagnostic {
    let (field, placeholder) = missing.described
    return Diagnostic(
      .W0605,
      Text(zh: "第 \(row) 行没有\(field.zh)：暂写\(placeholder)，请核实", en: "row \(row) gives no \(field.en): \(placeholder) until verified"),
      at: span, help: missing.help)
  }

  static let departmentHelp = Text(
    zh: "填写“检查主体”列，或用 --department 部门编码 为所有事项指定部门",
    en: "fill in the 检查主体 column, or give every item a department with --department CODE")

  /// E0606: no row of the sheet names a department.
  package static func sheetWithoutDepartments(at span: Span) -> Diagnostic {
    Diagnostic(.E0606, Text(zh: "表格的事项都没有检查主体", en: "no row of the sheet names a department"), at: span, help: departmentHelp)
  }

  /// E0606: a row that names no department.
  package static func rowWithoutDepartment(row: Int, at span: Span) -> Diagnostic {
    Diagnostic(.E0606, Text(zh: "第 \(row) 行没有检查主体", en: "row \(row) names no department"), at: span, help: departmentHelp)
  }

  /// W0607: a comment marking a value to verify (`# 待核实：…`), which `import` wrote.
  package static func unverifiedPlaceholder(at span: Span) -> Diagnostic {
    Diagnostic(
      .W0607,
      Text(zh: "此处的值标注为“待核实”，尚未核实", en: "the value here is marked to verify (待核实) and has not been verified"),
      at: span,
      help: Text(
        zh: "对照原表格和法律文本核实这一行的值，改正后删去“待核实”注释",
        en: "check the value on this line against the sheet and the law, correct it, then delete the to-verify comment"))
  }

  /// W0608: a row of a merged group whose empty cells took the values of the group's row above
  /// (`columns`: the headings, each with the row it came from), written marked 待核实.
  package static func filledDown(row: Int, columns: [(heading: String, from: Int)], at span: Span) -> Diagnostic {
    let sources = Set(columns.map(\.from))
    let zh = columns.map { sources.count > 1 ? "“\($0.heading)”（第 \($0.from) 行）" : "“\($0.heading)”" }.joined(separator: "、")
    let en = columns.map { sources.count > 1 ? "\($0.heading) (row \($0.from))" : $0.heading }.joined(separator: ", ")
    let from = sources.count == 1 ? columns[0].from : nil
    return Diagnostic(
      .W0608,
      Text(
        zh: "第 \(row) 行的\(zh)为空，按合并单元格沿用了" + (from.map { "第 \($0) 行" } ?? "上面各行") + "的值，已标注“待核实”",
        en: "row \(row) leaves \(en) empty: taken from " + (from.map { "row \($0)" } ?? "the rows above") + " as a merged cell, marked to verify"),
      at: span,
      help: Text(
        zh: "核对这些值是否确实适用于第 \(row) 行（合并单元格导出为 CSV 后只有第一行有值）；核实后删去“待核实”注释，不适用时改正",
        en: "check that these values hold for row \(row) too (a merged cell exported to CSV keeps its value in its first row only); delete the to-verify comment once checked, or correct the value"))
  }

  /// W0608: a row of a merged group with an empty legal basis: never carried down from `from`,
  /// so that `check` reports the item without a basis (E0204) until one is written.
  package static func basisNotFilledDown(row: Int, heading: String, from: Int, at span: Span) -> Diagnostic {
    Diagnostic(
      .W0608,
      Text(
        zh: "第 \(row) 行的“\(heading)”为空：没有沿用第 \(from) 行的依据，事项暂无依据",
        en: "row \(row) leaves \(heading) empty: row \(from)'s legal basis is not carried down, so the item has none yet"),
      at: span,
      help: Text(
        zh: "查明这个事项的依据，写入 依据 字段（第 \(from) 行的依据记在事项的注释中，确实相同时照抄）；补上之前 check 报 E0204",
        en: "find this item's legal basis and write it as the basis field (row \(from)'s is in the item's comment: copy it if it truly applies); until then check reports E0204"))
  }

  /// W0609: department names that differ in more than spacing, brackets and punctuation
  /// (`工商、市场监管部门` and `市场监管部门`), declared as one department `code`.
  package static func departmentsMerged(_ names: [String], title: String, code: String, at span: Span) -> Diagnostic {
    let listed = names.map { "“\(Shown.text($0))”" }.joined(separator: "、")
    return Diagnostic(
      .W0609,
      Text(
        zh: "部门名称\(listed)视为同一部门，声明为 \(code)“\(Shown.text(title))”",
        en: "the department names \(names.map { "'\(Shown.text($0))'" }.joined(separator: ", ")) are read as one department, declared as \(code) '\(Shown.text(title))'"),
      at: span,
      help: Text(
        zh: "确是同一部门时无需改动（其他写法记在部门声明的注释中）；不是时在表格中把名称写得可以区分，或在生成的文件中为它另声明一个部门",
        en: "if they are one department, nothing to do (the other spellings are in the declaration's comment); if not, tell them apart in the sheet, or declare another department in the generated file"))
  }
}
