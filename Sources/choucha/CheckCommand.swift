import ChouchaCore
import Foundation

enum OutputFormat: String {
  case human, json
}

enum CheckCommand {
  /// Holds the compilations until the process exits, so their memory is not freed piece by piece.
  nonisolated(unsafe) static var keepAlive: [Compilation] = []

  static let usage = """
    用法 Usage: choucha check [PATH…] [--lang zh|en] [--format human|json] [--deny-warnings]
      检查规则库。每个 PATH 是一个规则库（目录，其下所有 .choucha 文件为一个整体）或单个文件；
      默认检查 Rules（若存在），否则检查当前目录。
      Checks rule repositories. Each PATH is a repository (a directory whose .choucha files form one
      program) or a single file; default: Rules if it exists, else the current directory.

      --lang zh|en          诊断信息的语言 / language of the messages (default zh)
      --format human|json   输出格式 / output format (default human)
      --deny-warnings       有警告也以 1 退出 / exit 1 on warnings too
    退出码 Exit: 0 没有错误 · 1 有错误 · 2 用法或读写错误
    """

  static func run(_ arguments: [String]) throws -> Int32 {
    let parsed = try ArgumentParser(
      arguments, valueOptions: ["--lang", "--format"], flagOptions: ["--help", "-h", "--deny-warnings"], usage: usage)
    if parsed.flag("--help") || parsed.flag("-h") {
      print(usage)
      return ExitCode.success
    }
    let language = try parsed.choice("--lang", default: Language.zh, usage: usage)
    let format = try parsed.choice("--format", default: OutputFormat.human, usage: usage)
    var paths = parsed.positional
    if paths.isEmpty {
      var isDirectory: ObjCBool = false
      paths = FileManager.default.fileExists(atPath: "Rules", isDirectory: &isDirectory) && isDirectory.boolValue ? ["Rules"] : ["."]
    }

    let compilations = try paths.map { try Repository(path: $0).compile() }
    let diagnostics = compilations.flatMap(\.diagnostics)
    let fileCount = compilations.reduce(0) { $0 + $1.sources.files.count }
    switch format {
    case .human:
      let renderer = HumanRenderer(language: language)
      for compilation in compilations {
        CLI.write(renderer.render(compilation.diagnostics, sources: compilation.sources))
      }
      CLI.write(summary(errors: diagnostics.errorCount, warnings: diagnostics.warningCount, files: fileCount, language: language) + "\n")
    case .json:
      CLI.write(JSONRenderer(language: language).render(compilations.map { ($0.diagnostics, $0.sources) }, fileCount: fileCount))
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
