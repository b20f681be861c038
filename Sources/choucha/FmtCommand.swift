import ChouchaCore
import Foundation

/// `choucha fmt`: rewrites rule files in the canonical layout (see `RuleFormatter`).
enum FmtCommand {
  static let usage = """
    用法 Usage: choucha fmt [PATH…] [--check] [--keywords zh|en] [--lang zh|en]
           choucha fmt - [--keywords zh|en]     从标准输入读、向标准输出写 / stdin to stdout (editors)
      把规则文件改写为统一格式：缩进、对齐、空格、半角标点；注释原样保留，声明和字段的顺序不变。
      有语法错误的文件不改写。默认处理 Rules（若存在），否则处理当前目录。
      Rewrites rule files in the canonical layout: indentation, alignment, spacing, ASCII
      punctuation; comments stay where they are and nothing is reordered. A file with syntax errors
      is never rewritten. Default: Rules if it exists, else the current directory.

      --check           不写文件；列出需要格式化的文件，有则以 1 退出（用于 CI）
                        write nothing; list the files that would change and exit 1 if any (for CI)
      --keywords zh|en  把所有关键字和取值改写为中文或英文 / write every keyword and value in one language
      --lang zh|en      提示信息的语言 / language of the messages (default zh)
    退出码 Exit: 0 完成（或 --check 时无需改动）· 1 有文件需要格式化或有语法错误 · 2 用法或读写错误
    """

  static func run(_ arguments: [String]) throws -> Int32 {
    let parsed = try ArgumentParser(
      arguments, valueOptions: ["--keywords", "--lang"], flagOptions: ["--help", "-h", "--check"], usage: usage)
    if parsed.flag("--help") || parsed.flag("-h") {
      print(usage)
      return ExitCode.success
    }
    let language = try parsed.choice("--lang", default: Language.zh, usage: usage)
    let keywords: Language? = try parsed.value("--keywords").map { _ in try parsed.choice("--keywords", default: Language.zh, usage: usage) }
    let checkOnly = parsed.flag("--check")
    if parsed.positional == ["-"] { return formatStandardInput(keywords: keywords, checkOnly: checkOnly, language: language) }
    if parsed.positional.contains("-") {
      throw UsageError(message: "choucha fmt: “-”（标准输入）只能单独使用 / '-' (standard input) must be the only path\n\n\(usage)")
    }
    let paths = parsed.positional.isEmpty ? [Repository.defaultPath] : parsed.positional
    // Every path is read before anything is written: a missing one stops fmt before it starts.
    let repositories = try paths.map { try Repository(path: $0) }

    var total = 0
    var changed = 0
    var failed = 0
    var unwritten = 0
    let renderer = HumanRenderer(language: language)
    for repository in repositories {
      for file in repository.sources.files {
        total += 1
        switch RuleFormatter.format(file, keywords: keywords) {
        case .failure(.syntaxErrors(let diagnostics)):
          failed += 1
          let text = renderer.render(diagnostics, sources: repository.sources)
          let note = language == .zh ? "未改动：文件有语法错误，先改正再格式化" : "left as it is: fix its syntax errors first"
          FileHandle.standardError.write(Data((text + "\(file.path): \(note)\n").utf8))
        case .failure(.changedMeaning(let detail)):
          failed += 1
          let note =
            language == .zh
            ? "choucha fmt 内部错误：格式化会改变该文件的含义，文件未改动，请报告此问题（\(detail)）"
            : "choucha fmt internal error: formatting would change what this file says; it was left as it is, please report this (\(detail))"
          FileHandle.standardError.write(Data("\(file.path): \(note)\n".utf8))
        case .success(let output):
          guard output != file.bytes else { continue }
          changed += 1
          if checkOnly {
            let line = firstDifferentLine(file.bytes, output)
            let note = language == .zh ? "格式不规范，运行 choucha fmt 改正" : "not formatted; run choucha fmt"
            CLI.write("\(file.path):\(line): \(note)\n")
          } else {
            let url = repository.root.appendingPathComponent(file.relativePath)
            do {
              try AtomicFile.write(output, to: url.path, display: file.path)
            } catch let error as UsageError {
              // Say so and go on with the other files; the exit code says an IO error happened.
              FileHandle.standardError.write(Data((error.message + "\n").utf8))
              unwritten += 1
              changed -= 1
            }
          }
        }
      }
    }
    let summary: String
    switch (language, checkOnly) {
    case (.zh, true): summary = "共 \(total) 个文件，\(changed) 个需要格式化" + (failed > 0 ? "，\(failed) 个有错误未处理" : "")
    case (.en, true): summary = "\(total) files, \(changed) not formatted" + (failed > 0 ? ", \(failed) with errors skipped" : "")
    case (.zh, false):
      summary = "共 \(total) 个文件，已格式化 \(changed) 个" + (failed > 0 ? "，\(failed) 个有错误未改动" : "") + (unwritten > 0 ? "，\(unwritten) 个无法写入" : "")
    case (.en, false):
      summary = "\(total) files, \(changed) reformatted" + (failed > 0 ? ", \(failed) with errors left as they are" : "") + (unwritten > 0 ? ", \(unwritten) could not be written" : "")
    }
    FileHandle.standardError.write(Data((summary + "\n").utf8))
    if unwritten > 0 { return ExitCode.usage }
    return failed > 0 || (checkOnly && changed > 0) ? ExitCode.inputErrors : ExitCode.success
  }

  /// `choucha fmt -`: standard input to standard output, for editors that format on save. On a
  /// syntax error nothing is printed on standard output (the editor keeps its buffer).
  static func formatStandardInput(keywords: Language?, checkOnly: Bool, language: Language) -> Int32 {
    let bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
    var sources = SourceMap()
    sources.add(path: "<stdin>", bytes: bytes)
    switch RuleFormatter.format(sources.files[0], keywords: keywords) {
    case .failure(.syntaxErrors(let diagnostics)):
      FileHandle.standardError.write(Data(HumanRenderer(language: language).render(diagnostics, sources: sources).utf8))
      return ExitCode.inputErrors
    case .failure(.changedMeaning(let detail)):
      FileHandle.standardError.write(Data("<stdin>: choucha fmt internal error / 内部错误: \(detail)\n".utf8))
      return ExitCode.inputErrors
    case .success(let output):
      if checkOnly { return output == bytes ? ExitCode.success : ExitCode.inputErrors }
      FileHandle.standardOutput.write(Data(output))
      return ExitCode.success
    }
  }

  /// The 1-based number of the first line that formatting changes.
  static func firstDifferentLine(_ before: [UInt8], _ after: [UInt8]) -> Int {
    var line = 1
    for (old, new) in zip(before, after) {
      if old != new { break }
      if old == 0x0A { line += 1 }
    }
    return line
  }
}
