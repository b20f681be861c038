/// `choucha import items|authorities`: a published spreadsheet (随机抽查事项清单, 部门联合抽查事项
/// 清单, 年度抽查计划, 权责清单), exported as CSV, turned into rule source that `check` reads.
///
/// Nothing the sheet says is lost silently. A cell becomes a field when it has one clear meaning;
/// otherwise it is kept as written in a comment where the field would be, with a warning naming
/// the row and the column (W0603). Columns with no field (备注, 配合部门, 抽查时间, unknown ones)
/// become comments in the declaration (an unknown heading is W0604). A value the language
/// requires and the sheet does not give is written as a placeholder marked 待核实 (W0605). A 抽查内容
/// cell listing check points is the item's 要点 block, the cell kept above it in a comment
/// (`ContentPoints`).
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
  public static let codes: [DiagnosticCode] = [.W0603, .W0604, .W0605, .E0606, .W0608, .W0609]

  /// Reads the table at `path` (used for messages and the header comment; only its last
  /// component is written into the source).
  public static func run(path: String, bytes: [UInt8], options: Options) -> Result {
    var original = SourceMap()
    let file = original.add(path: path, bytes: bytes)
    let what = Text(zh: "表格", en: "table")
    let (decoded, problems) = TableText.read(file, what: what)
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

  /// What `choucha import` prints after the diagnostics: what was written, the warnings
  /// counted per code (a long sheet gives hundreds), and the three next steps, in Chinese with
  /// English.
  public static func summary(_ result: Result, language: Language) -> String {
    let errors = result.diagnostics.errorCount
    let warnings = result.diagnostics.warningCount
    var lines: [String] = []
    switch language {
    case .zh:
      lines.append(
        errors > 0
          ? "导入中止：\(errors) 个错误，\(warnings) 个警告，未写出任何内容。"
          : "已导入 \(result.entries) 项，新声明部门 \(result.departments) 个、法规 \(result.laws) 部：\(warnings) 个警告。")
    case .en:
      lines.append(
        errors > 0
          ? "import stopped: \(errors) error(s), \(warnings) warning(s); nothing was written."
          : "imported \(result.entries) entries, declared \(result.departments) departments and \(result.laws) laws: \(warnings) warning(s).")
    }
    var counts: [DiagnosticCode: Int] = [:]
    for diagnostic in result.diagnostics { counts[diagnostic.code, default: 0] += 1 }
    for code in counts.keys.sorted() {
      lines.append("  \(code.rawValue) ×\(counts[code]!)  \(code.title(language))")
    }
    guard !result.diagnostics.isEmpty else { return lines.joined(separator: "\n") }
    let first = counts.keys.sorted().first!.rawValue
    if errors > 0 {
      lines += [
        "下一步 Next steps:",
        "  1. 按上面的错误改正表格（choucha explain \(first) 说明每个代码）/ fix the table as the errors say (choucha explain \(first) explains a code)",
        "  2. 再次运行 choucha import / run choucha import again",
        "  3. 然后按警告核实“待核实”的值 / then verify the values marked 待核实 as the warnings say",
      ]
    } else {
      lines += [
        "下一步 Next steps:",
        "  1. 逐条看上面的警告（choucha explain \(first) 说明每个代码的含义和改法）/ read the warnings above (choucha explain \(first) says what a code means and how to fix it)",
        "  2. 核实每处“待核实”的值，改正后删去注释（删完之前 check 报 W0607）/ verify each value marked 待核实, then delete its comment (check reports W0607 until then)",
        "  3. 把生成的文件放进规则库，运行 choucha check 补全它报出的缺项（如 E0204 没有依据）/ put the file in the repository and run choucha check to complete what it reports (such as E0204, no legal basis)",
      ]
    }
    return lines.joined(separator: "\n")
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
    /// An item's check points (`要点 { … }`), each a string literal, one a line, coded after the
    /// item when written (`SX-1-1`); the cell they were read from in a comment above them.
    case points([String], original: String)
  }

  /// A declaration generated for a named department or law.
  struct Generated {
    var code: String
    var title: String
    /// A law's document number (`国药监市〔2005〕25号`), written in its comment.
    var number: String? = nil
    /// Other spellings of a department's name in the sheet, written in its comment.
    var variants: [String] = []
  }

  struct Importer {
    let options: Options
    let file: SourceFile
    var entries: [Entry] = []
    var newDepartments: [Generated] = []
    var newLaws: [Generated] = []
    var lawCodes: [String: String] = [:]
    var departmentCodes: [String: String] = [:]
    /// Departments declared from names further apart than their spelling (W0609): the names
    /// as cleaned, in the sheet's order, and where the first merge was read.
    var departmentMerges: [String: (names: [String], span: Span?)] = [:]
    /// The generated departments by `departmentKey` of their title.
    var departmentByKey: [String: String] = [:]
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
      for department in newDepartments {
        guard let merge = departmentMerges[department.code] else { continue }
        diagnostics.append(
          .departmentsMerged(merge.names, title: department.title, code: department.code, at: merge.span ?? Span(file: file.id, start: 0, end: 0)))
      }
      if let site = lawSite, !newLaws.isEmpty {
        diagnostics.append(.lawsWithoutDates(count: newLaws.count, placeholderDate: placeholderDate, at: site))
      }
      return RuleWriter(language: options.keywords).write(
        source: String(file.path.split(separator: "/").last ?? Substring(file.path)), kind: options.kind, departments: newDepartments, laws: newLaws,
        entries: entries, placeholderDate: placeholderDate)
    }
  }
}
