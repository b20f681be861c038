import ChouchaCore
import Foundation

enum OutputFormat: String {
  case human, json, sarif, github
}

enum CheckCommand {
  /// Holds the compilations until the process exits, so their memory is not freed piece by piece.
  nonisolated(unsafe) static var keepAlive: [Compilation] = []

  static let usage = """
    用法 Usage: choucha check [PATH…] [--lang zh|en] [--format human|json|sarif|github] [--output FILE] [--deny-warnings]
                              [--as-of YYYY-MM-DD] [--draw FILE]
      检查规则库。每个 PATH 是一个规则库（目录，其下所有 .choucha 文件为一个整体）或单个文件；
      默认检查 Rules（若存在），否则检查当前目录。规则引入了检查结果表（引入 结果）时，也检查结果表：
      有抽取结果（引入 抽取，或 --draw）时核对检查的企业是否抽中；给出 --as-of 时再按该日核对公示、
      后续处置和报告的期限以及全年覆盖率（不读系统时钟，CI 需明确传入当天日期）。
      Checks rule repositories. Each PATH is a repository (a directory whose .choucha files form one
      program) or a single file; default: Rules if it exists, else the current directory. Results
      tables the rules import (import results) are checked too: against the draw when there is one
      (import draw, or --draw), and with --as-of against the deadlines of publication, follow-up and
      report and the year's coverage, as of that day (the clock is never read: CI passes the date).

      --lang zh|en          诊断信息的语言 / language of the messages (default zh)
      --format human|json|sarif|github
                            输出格式 / output format (default human): json 为一个 JSON 文档，
                            sarif 为 SARIF 2.1.0（代码扫描面板），github 为 GitHub Actions 注释
      --output FILE         把报告写入文件，终端仍显示人类可读格式 / write the report to FILE,
                            the human format still goes to the terminal
      --deny-warnings       有警告也以 1 退出 / exit 1 on warnings too
      --as-of YYYY-MM-DD    按该日核对结果表的期限（逾期未办为错误，办理晚了为警告）/ judge the
                            results' deadlines as of that day (open and overdue: error; done late: warning)
      --draw FILE           抽取结果（draw-YYYY.json），优先于规则中的 引入 抽取；只能检查一个规则库 /
                            the draw document, instead of the one the rules import; one PATH only
    退出码 Exit: 0 没有错误 · 1 有错误 · 2 用法或读写错误
    """

  static func run(_ arguments: [String]) throws -> Int32 {
    let parsed = try ArgumentParser(
      arguments, valueOptions: ["--lang", "--format", "--output", "--as-of", "--draw"], flagOptions: ["--help", "-h", "--deny-warnings"],
      usage: usage)
    if parsed.flag("--help") || parsed.flag("-h") {
      print(usage)
      return ExitCode.success
    }
    let language = try parsed.choice("--lang", default: Language.zh, usage: usage)
    let format = try parsed.choice("--format", default: OutputFormat.human, usage: usage)
    let paths = parsed.positional.isEmpty ? [Repository.defaultPath] : parsed.positional
    let asOf = try parsed.day("--as-of", usage: usage)
    var draw: (visits: DrawnVisits, file: String)?
    if let option = parsed.value("--draw") {
      guard paths.count == 1 else {
        throw UsageError(message: "choucha: --draw 只能与一个规则库一起使用 / --draw goes with one PATH only\n\n\(usage)")
      }
      switch try DrawInput.file(option) {
      case .success(let visits): draw = (visits, option)
      case .failure(let problem):
        CLI.write(drawProblem(option, field: problem.field, message: problem.message, help: problem.help, language: language))
        return problem.kind == .notADocument ? ExitCode.usage : ExitCode.inputErrors
      }
    }

    var compilations: [Compilation] = []
    for path in paths {
      let repository = try Repository(path: path)
      var compilation = repository.compile()
      switch Compiler.checkResults(compilation, provider: repository, draw: draw?.visits, asOf: asOf) {
      case .diagnostics(let more) where !more.isEmpty:
        compilation.diagnostics = (compilation.diagnostics + more).sortedForDisplay(compilation.sources)
      case .diagnostics: break
      case .drawMismatch(let problem):
        CLI.write(drawProblem(draw!.file, field: problem.field, message: problem.message, help: problem.help, language: language))
        return ExitCode.inputErrors
      }
      compilations.append(compilation)
    }
    let diagnostics = compilations.flatMap(\.diagnostics)
    let fileCount = compilations.reduce(0) { $0 + $1.sources.files.count }
    let human: () -> String = {
      let renderer = HumanRenderer(language: language)
      return compilations.map { renderer.render($0.diagnostics, sources: $0.sources) }.joined()
        + summary(errors: diagnostics.errorCount, warnings: diagnostics.warningCount, files: fileCount, language: language)
        + "\n"
    }
    let parts = compilations.map { ($0.diagnostics, $0.sources) }
    let report: String
    switch format {
    case .human: report = human()
    case .json: report = JSONRenderer(language: language).render(parts, fileCount: fileCount)
    case .sarif: report = SARIFRenderer(language: language, version: CLI.version).render(parts)
    case .github: report = GitHubRenderer(language: language).render(parts)
    }
    if let output = parsed.value("--output") {
      // The report goes to the file, complete even when the exit code is 1; people read the terminal.
      try AtomicFile.write(Array(report.utf8), to: output, display: output)
      CLI.write(human())
    } else {
      CLI.write(report)
    }
    // Freeing a large program costs time; the process is about to end anyway.
    keepAlive = compilations
    let failed = diagnostics.errorCount > 0 || (parsed.flag("--deny-warnings") && diagnostics.warningCount > 0)
    return failed ? ExitCode.inputErrors : ExitCode.success
  }

  /// A `--draw` that cannot be used, named by its file and field, as `build` says it.
  static func drawProblem(_ file: String, field: String, message: Text, help: Text, language: Language) -> String {
    "\(Shown.path(file)): \(language == .zh ? "错误" : "error"): \(field): \(message(language))\n  = \(language == .zh ? "帮助" : "help"): \(help(language))\n"
  }

  static func summary(errors: Int, warnings: Int, files: Int, language: Language) -> String {
    switch language {
    case .zh:
      if errors == 0 && warnings == 0 { return "检查了 \(files) 个文件：没有发现问题。" }
      return "检查了 \(files) 个文件：\(errors) 个错误，\(warnings) 个警告。"
    case .en:
      if errors == 0 && warnings == 0 { return "checked \(files) file\(files == 1 ? "" : "s"): no problems found." }
      return "checked \(files) file\(files == 1 ? "" : "s"): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")."
    }
  }
}
