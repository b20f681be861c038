import ChouchaCore
import Foundation

/// `choucha draw [PATH] --sql ENGINE`: prints the selection query of the plan for a directory
/// that lives in a database (README, "The draw in a database"); writes nothing.
enum SQLCommand {
  static let usage = """
    用法 Usage: choucha draw [PATH] --sql duckdb|postgres|spark --seed TEXT [--table NAME] [--year YYYY] [--widen] [--lang zh|en]
      打印在数据库中完成抽取第一步的 SQL 查询（每个任务、每一层按号签排序的候选对象，附完整号签摘要），不写任何文件。
      查询结果导出为带表头的 CSV，即 choucha draw --selection 读取的抽取名单。
      Prints the SQL query that selects every task's candidates inside the engine (writes nothing);
      its result, exported as CSV with a header, is the selection file that --selection reads.
      --table NAME    名录所在的表（默认 targets；schema.table 亦可），列名为名录表头，均为文本
                      / the table holding the target directory, its headings as text columns (default targets)
      --widen         放宽的查询：每层返回的候选足以覆盖“最多检查”造成的全部跳过（第一次查询不够时用）
                      / the widened query: enough candidates per stratum for every max-visits skip
    """

  /// Runs `draw … --sql`; nil when the arguments have no `--sql` (the ordinary draw).
  static func draw(_ arguments: [String]) throws -> Int32? {
    guard arguments.contains("--sql") else { return nil }
    let parsed = try ArgumentParser(
      arguments, valueOptions: ["--lang", "--year", "--sql", "--seed", "--table"], flagOptions: ["--help", "-h", "--widen"],
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
    let spec = Drawer.spec(plan, seed: seed)
    print(
      SelectionQuery.make(
        spec, seedHash: Tickets.seedHash(seed), engine: engine, table: table, margin: parsed.flag("--widen") ? .bound : .expected),
      terminator: "")
    return ExitCode.success
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
    用法 Usage: choucha verify draw-YYYY.json --sql duckdb|postgres|spark [--table NAME] [--lang zh|en]
      打印在数据库中核验公布的抽取结果的 SQL 查询（不需要导出名录）：重算每个公布的检查对象和被跳过对象的号签，
      核对它在本层（分类、异常或全体）按号签的名次；结果第一行是汇总（公布数、发现的问题数、名录的内容摘要），其后每个问题一行。
      Prints the query that re-checks a published draw inside the engine: every published target's and
      skipped entity's ticket and rank in its stratum; a summary row, then one row per finding.
    """

  /// Runs `verify … --sql`; nil when the arguments have no `--sql`.
  static func verify(_ arguments: [String]) throws -> Int32? {
    guard arguments.contains("--sql") else { return nil }
    let parsed = try ArgumentParser(
      arguments, valueOptions: ["--lang", "--sql", "--table"], flagOptions: ["--help", "-h"], usage: verifyUsage)
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
    case .success(let (spec, seedHash, entities)):
      print(SelectionQuery.verify(spec, seedHash: seedHash, published: entities, engine: engine, table: table), terminator: "")
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
