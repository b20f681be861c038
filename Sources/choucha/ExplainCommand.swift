import ChouchaCore

enum ExplainCommand {
  static let usage = """
    用法 Usage: choucha explain CODE [--lang zh|en]
      解释一个错误码：含义、来源、错误示例与改正后的写法。
      Explains a diagnostic code: what it means, where the rule comes from, a wrong and a fixed example.
      choucha explain --list   列出所有错误码 / list every code
      choucha explain draw     双随机抽取的公开规范 / the draw's public specification
    """

  static func run(_ arguments: [String]) throws -> Int32 {
    let parsed = try ArgumentParser(arguments, valueOptions: ["--lang"], flagOptions: ["--help", "-h", "--list"], usage: usage)
    if parsed.flag("--help") || parsed.flag("-h") {
      print(usage)
      return ExitCode.success
    }
    let language = try parsed.choice("--lang", default: Language.zh, usage: usage)
    if parsed.flag("--list") {
      for code in DiagnosticCode.allCases { print("\(code.rawValue)  \(code.title(language))") }
      return ExitCode.success
    }
    guard parsed.positional.count == 1 else { throw UsageError(message: usage) }
    if ["draw", "抽取"].contains(parsed.positional[0]) {
      print(DrawDocument.specification(language))
      return ExitCode.success
    }
    let raw = parsed.positional[0].uppercased()
    guard let code = DiagnosticCode(rawValue: raw), let explanation = Explanation.of(code) else {
      throw UsageError(message: "choucha: 没有错误码“\(parsed.positional[0])”（choucha explain --list 列出所有错误码）/ no such code '\(parsed.positional[0])' (choucha explain --list lists them)")
    }
    print(explanation.rendered(language))
    return ExitCode.success
  }
}
