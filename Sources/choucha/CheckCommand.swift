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
      检查规则库。每个 PATH 是一个规则库（目录，其下所有 .choucha 文件为一个整体）或单个文件；
      默认检查 Rules（若存在），否则检查当前目录。
      Checks rule repositories. Each PATH is a repository (a directory whose .choucha files form one
      program) or a single file; default: Rules if it exists, else the current directory.

      --lang zh|en          诊断信息的语言 / language of the messages (default zh)
      --format human|json|sarif|github
                            输出格式 / output format (default human): json 为一个 JSON 文档，
                            sarif 为 SARIF 2.1.0（代码扫描面板），github 为 GitHub Actions 注释
      --output FILE         把报告写入文件，终端仍显示人类可读格式 / write the report to FILE,
                            the human format still goes to the terminal
      --deny-warnings       有警告也以 1 退出 / exit 1 on warnings too
    退出码 Exit: 0 没有错误 · 1 有错误 · 2 用法或读写错误
    """

  static func run(_ arguments: [String]) throws -> Int32 {
    let parsed = try ArgumentParser(
      arguments, valueOptions: ["--lang", "--format", "--output"], flagOptions: ["--help", "-h", "--deny-warnings"],
      usage: usage)
    if parsed.flag("--help") || parsed.flag("-h") {
      print(usage)
      return ExitCode.success
    }
    let language = try parsed.choice("--lang", default: Language.zh, usage: usage)
    let format = try parsed.choice("--format", default: OutputFormat.human, usage: usage)
    let paths = parsed.positional.isEmpty ? [Repository.defaultPath] : parsed.positional

    let compilations = try paths.map { try Repository(path: $0).compile() }
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
