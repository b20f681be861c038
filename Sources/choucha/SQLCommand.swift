import ChouchaCore
import Foundation

/// `choucha draw [PATH] --sql ENGINE`: prints the selection query of the plan for a directory
/// that lives in a database (README, "The draw in a database"); writes nothing.
enum SQLCommand {
  static let usage = """
    用法 Usage: choucha draw [PATH] --sql duckdb|postgres|spark --seed TEXT [--table NAME] [--headings FILE.csv] [--year YYYY] [--widen] [--lang zh|en]
      打印在数据库中完成抽取第一步的 SQL 查询（每个任务、每一层按号签排序的候选对象，附完整号签摘要），不写任何文件。
      查询结果导出为带表头的 CSV，即 choucha draw --selection 读取的抽取名单。
      Prints the SQL query that selects every task's candidates inside the engine (writes nothing);
      its result, exported as CSV with a header, is the selection file that --selection reads.
      --table NAME    名录所在的表（默认 targets；schema.table 亦可），列名为名录表头，均为文本
                      / the table holding the target directory, its headings as text columns (default targets)
      --headings FILE.csv  只读这个名录 CSV 的表头行，按抽取读名录的规则认列（名称/企业名称、带括注的表头等），
                      查询使用表的实际列名；不给时列名为标准表头
                      / read only this directory CSV's header row and resolve its columns as the draw does
                      (名称 or 企业名称, headings with notes): the query names the table's real columns
      --widen         放宽的查询：每层返回的候选足以覆盖“最多检查”造成的全部跳过（第一次查询不够时用）
                      / the widened query: enough candidates per stratum for every max-visits skip
    """

  /// Runs `draw … --sql`; nil when the arguments have no `--sql` (the ordinary draw).
  static func draw(_ arguments: [String]) throws -> Int32? {
    guard arguments.contains("--sql") else { return nil }
    let parsed = try ArgumentParser(
      arguments, valueOptions: ["--lang", "--year", "--sql", "--seed", "--table", "--headings"], flagOptions: ["--help", "-h", "--widen"],
      usage: usage)
    if parsed.flag("--help") || parsed.flag("-h") {
      print(usage)
      return ExitCode.success
    }
    let language = try parsed.choice("--lang", default: Language.zh, usage: usage)
    let engine = try parsed.choice("--sql", default: SelectionQuery.Engine.duckdb, usage: usage)
    guard parsed.positional.count <= 1, let seed = parsed.value("--seed") else { throw UsageError(message: usage) }
    guard !seed.allSatisfy({ $0.isWhitespace }) else {
      throw UsageError(
        message: "choucha: --seed 不能为空：写公开产生的随机文字（如开奖号码、掷骰结果）/ --seed must not be empty: give the publicly drawn text\n\n\(usage)")
    }
    let table = try self.table(parsed)
    let year = try DrawCommand.year(parsed)
    let compilation = try Repository(path: parsed.positional.first ?? "Rules").compile()
    // Diagnostics on stderr: stdout is the query.
    let rendered = HumanRenderer(language: language).render(compilation.diagnostics, sources: compilation.sources)
    FileHandle.standardError.write(Data(rendered.utf8))
    guard !compilation.hasErrors else { return ExitCode.inputErrors }
    guard let plan = Planner.plan(compilation.program, year: year) else {
      throw UsageError(message: "choucha: 没有可用的年度计划，请用 --year 指定 / no plan: choose one with --year")
    }
    guard let columns = try headings(parsed, language: language) else { return ExitCode.inputErrors }
    let spec = Drawer.spec(plan, seed: seed)
    print(
      SelectionQuery.make(
        spec, seedHash: Tickets.seedHash(seed), engine: engine, table: table, columns: columns,
        margin: parsed.flag("--widen") ? .bound : .expected),
      terminator: "")
    return ExitCode.success
  }

  /// `--headings FILE.csv`: the table's columns from a directory CSV's header row, read alone (at
  /// most 1 MB of the file) and resolved as the draw resolves them; the standard headings without
  /// it. Nil when the header lacks a required column (the diagnostics on stderr).
  static func headings(_ parsed: ArgumentParser, language: Language) throws -> [String?]? {
    guard let path = parsed.value("--headings") else { return Commitment.targetColumns }
    let file = try NamedFile(path, role: Text(zh: "检查对象名录的表头（--headings）", en: "target directory's header (--headings)"))
    let limit = 1 << 20
    let prefix = try file.read(upTo: limit)
    let end = SelectionQuery.headerRow(of: prefix)
    if end == nil && prefix.count == limit {
      throw file.refusal(
        Text(zh: "前 1 MB 中没有表头行的结尾", en: "its first 1 MB holds no end of the header row"),
        help: Text(zh: "给出检查对象名录的 CSV 文件", en: "give the target directory's CSV file"))
    }
    var sources = SourceMap()
    let header = sources.add(path: path, bytes: Array(prefix.prefix(end ?? prefix.count)))
    let (columns, diagnostics) = SelectionQuery.columns(header: header)
    FileHandle.standardError.write(Data(HumanRenderer(language: language).render(diagnostics, sources: sources).utf8))
    return columns
  }

  /// `--table`: a name without control characters (it is quoted as an identifier, and named in
  /// the query's first comment).
  static func table(_ parsed: ArgumentParser) throws -> String {
    let table = parsed.value("--table") ?? "targets"
    guard !table.isEmpty, !table.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
      throw UsageError(
        message: "choucha: --table 的值须为表名，不含控制字符 / --table must be a table name without control characters\n\n\(usage)")
    }
    return table
  }

  static let verifyUsage = """
    用法 Usage: choucha verify draw-YYYY.json --sql duckdb|postgres|spark [--table NAME] [--headings FILE.csv] [--lang zh|en]
      打印在数据库中核验公布的抽取结果的 SQL 查询（不需要导出名录）：重算每个公布的检查对象和被跳过对象的号签，
      核对它在本层（分类、异常或全体）按号签的名次，以及每层公布的总体和样本量；结果第一行是汇总（公布数、发现的问题数、
      名录的内容摘要），其后每个问题一行。--headings：同 draw --sql。
      Prints the query that re-checks a published draw inside the engine: every published target's and
      skipped entity's ticket and rank in its stratum, and every stratum's published population and
      sample size; a summary row, then one row per finding. --headings: as for draw --sql.
    """

  /// Runs `verify … --sql`; nil when the arguments have no `--sql`.
  static func verify(_ arguments: [String]) throws -> Int32? {
    guard arguments.contains("--sql") else { return nil }
    let parsed = try ArgumentParser(
      arguments, valueOptions: ["--lang", "--sql", "--table", "--headings"], flagOptions: ["--help", "-h"], usage: verifyUsage)
    if parsed.flag("--help") || parsed.flag("-h") {
      print(verifyUsage)
      return ExitCode.success
    }
    let language = try parsed.choice("--lang", default: Language.zh, usage: verifyUsage)
    let engine = try parsed.choice("--sql", default: SelectionQuery.Engine.duckdb, usage: verifyUsage)
    guard parsed.positional.count == 1 else { throw UsageError(message: verifyUsage) }
    let table = try self.table(parsed)
    let path = parsed.positional[0]
    let file = try NamedFile(path, role: NamedFile.document)
    try file.refuse(above: VerifyCommand.maximumSize, why: Text(zh: "不是 choucha draw 写出的文件", en: "no draw document is that large"))
    switch try file.mapped({ SelectionQuery.published($0) }) {
    case .success(let (spec, seedHash, entities, figures)):
      guard let columns = try headings(parsed, language: language) else { return ExitCode.inputErrors }
      print(
        SelectionQuery.verify(
          spec, seedHash: seedHash, published: entities, figures: figures, engine: engine, table: table, columns: columns),
        terminator: "")
      return ExitCode.success
    case .failure(let problem):
      let zh = language == .zh
      FileHandle.standardError.write(
        Data(
          "\(path): \(zh ? "错误" : "error"): \(problem.field): \(problem.message(language))\n  = \(zh ? "帮助" : "help"): \(problem.help(language))\n"
            .utf8))
      return problem.kind == .notADocument ? ExitCode.usage : ExitCode.inputErrors
    }
  }
}
