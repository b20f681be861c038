import ChouchaCore
import Foundation

enum ExitCode {
  static let success: Int32 = 0
  static let inputErrors: Int32 = 1
  static let usage: Int32 = 2
}

/// A problem with the command line or the file system: printed to standard error, exit code 2.
///
/// The message often quotes what the user typed (an unknown option, a path, a value), so every
/// invisible character in it (a control, a bidi override, a zero-width space) is written by its
/// code point and name (`Shown.path`, line by line), whatever was interpolated: an argument
/// carrying U+202E cannot reorder the terminal's line.
struct UsageError: Error {
  var message: String

  init(message: String) {
    self.message = message.split(separator: "\n", omittingEmptySubsequences: false)
      .map { Shown.path(String($0)) }
      .joined(separator: "\n")
  }
}

enum CLI {
  static let version = "0.1.0"

  static let help = """
    choucha — “双随机、一公开”抽查规则编译器 / a compiler for random-inspection rules

    用法 Usage:
      choucha check [PATH…] [--lang zh|en] [--format human|json|sarif|github] [--output FILE] [--deny-warnings] [--as-of YYYY-MM-DD] [--draw FILE]
      choucha build [PATH] [--year YYYY] [--out DIR] [--draw FILE] [--as-of YYYY-MM-DD] [--documents] [--lang zh|en]
      choucha report [PATH] --month YYYY-MM --department CODE [--out DIR] [--as-of YYYY-MM-DD] [--lang zh|en]
      choucha site [PATH] [--year YYYY] [--draw FILE] [--as-of YYYY-MM-DD] [--out DIR] [--lang zh|en]
      choucha draw [PATH] --targets FILE.csv --inspectors FILE.csv --commit [--year YYYY] [--out DIR] [--replace] [--lang zh|en]
      choucha draw [PATH] --targets FILE.csv --inspectors FILE.csv --seed TEXT [--commitment FILE] [--year YYYY] [--out DIR] [--replace] [--lang zh|en]
      choucha draw [PATH] --selection FILE --inspectors FILE.csv --seed TEXT [--commitment FILE] [--year YYYY] [--out DIR] [--replace] [--lang zh|en]
      choucha draw [PATH] --sql duckdb|postgres|spark --seed TEXT [--table NAME] [--headings FILE.csv] [--year YYYY] [--widen] [--lang zh|en]
      choucha verify draw-YYYY.json --targets FILE.csv --inspectors FILE.csv [--commitment FILE] [--lang zh|en]
      choucha verify draw-YYYY.json [--targets FILE.csv] [--selection FILE] --inspectors FILE.csv [--commitment FILE] [--lang zh|en]
      choucha verify draw-YYYY.json --sql duckdb|postgres|spark [--table NAME] [--headings FILE.csv] [--lang zh|en]
      choucha fmt [PATH…|-] [--check] [--keywords zh|en] [--lang zh|en]
      choucha import items|authorities FILE.csv [--department ID] [--prefix CODE] [--rules PATH] [--keywords zh|en] [--lang zh|en] [-o|--output FILE.choucha]
      choucha explain CODE|draw [--lang zh|en]
      choucha explain --list [--lang zh|en]
      choucha --version

    命令 Commands:
      check     检查规则库 / check rule repositories (default: Rules, else .)
      build     检查并写出事项清单、年度计划、联合抽查任务、检查表、一企一表和结果公示、统计（--documents：每次抽查的文书）/ write the item list, plan, task sets, checklists, sheets, results and figures (--documents: the papers of each inspection)
      report    写出一个单位一个月的监管工作月报表（report-YYYY-MM-CODE.csv/.md）/ one unit's monthly report form
      site      检查并写出公开网站（事项清单、计划、任务、抽取结果、核验方法、检查结果）/ write the public site
      draw      双随机抽取：检查对象与执法人员 / the double-random draw
      verify    用同样的名录重算并比对抽取结果 / re-run a draw and compare
      fmt       把规则文件改写为统一格式 / rewrite rule files in the canonical layout
      import    把公布的事项清单、计划或权责清单（CSV）转换为规则文件 / turn a published sheet into rules
      explain   解释错误码（含义、来源文件和条款、正反示例）；--list 列出所有错误码，draw 说明抽取规范
                / explain a diagnostic code (meaning, source document and clause, examples), e.g.
                choucha explain E0101; --list lists every code, draw gives the draw's specification

    退出码 Exit codes: 0 没有错误 no errors · 1 规则有错误 the rules have errors · 2 用法或读写错误 usage or IO error
    每个命令都支持 --help。Every command accepts --help.
    """

  static func run(_ arguments: [String]) throws -> Int32 {
    guard let command = arguments.first else {
      print(help)
      return ExitCode.usage
    }
    let rest = Array(arguments.dropFirst())
    switch command {
    case "check": return try CheckCommand.run(rest)
    case "explain": return try ExplainCommand.run(rest)
    case "build": return try BuildCommand.run(rest)
    case "report": return try ReportCommand.run(rest)
    case "site": return try SiteCommand.run(rest)
    case "draw": return try DrawCommand.run(rest)
    case "verify": return try VerifyCommand.run(rest)
    case "fmt": return try FmtCommand.run(rest)
    case "import": return try ImportCommand.run(rest)
    case "--help", "-h", "help":
      print(help)
      return ExitCode.success
    case "--version":
      print("choucha \(version)")
      return ExitCode.success
    default:
      throw UsageError(message: "choucha: 未知命令“\(command)” / unknown command '\(command)'\n\n\(help)")
    }
  }

  static func write(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  /// Compiles the repository at `path` and prints its diagnostics; nil, after saying that nothing
  /// was written (`stopped`: 构建中止 / build stopped), when they hold an error.
  static func compileForOutput(_ path: String, language: Language, stopped: Text) throws -> (Repository, Compilation)? {
    let repository = try Repository(path: path)
    let compilation = repository.compile()
    let diagnostics = compilation.diagnostics
    write(HumanRenderer(language: language).render(diagnostics, sources: compilation.sources))
    guard diagnostics.errorCount > 0 else { return (repository, compilation) }
    write(
      language == .zh
        ? "\(stopped.zh)：\(diagnostics.errorCount) 个错误，未写出任何文件。\n"
        : "\(stopped.en): \(diagnostics.errorCount) error(s); nothing was written.\n")
    return nil
  }

  /// The plan of `year`, or the one plan of the rules; a usage error naming the plans otherwise.
  static func plan(_ compilation: Compilation, year: Int?) throws -> AnnualPlan {
    if let plan = Planner.plan(compilation.program, year: year) { return plan }
    let years = compilation.program.plans.map(\.year).sorted()
    let listed = years.map(String.init).joined(separator: ", ")
    throw UsageError(
      message: year.map { "choucha: 没有 \($0) 年的计划（有：\(listed)）/ no plan for \($0) (there are: \(listed))" }
        ?? (years.isEmpty
          ? "choucha: 规则库中没有年度计划 / the rules have no plan"
          : "choucha: 规则库中有多个年度计划（\(listed)），请用 --year 指定 / several plans (\(listed)): choose one with --year"))
  }
}

/// A small parser for `--flag`, `--option value` and `--option=value`, plus positional arguments.
struct ArgumentParser {
  private(set) var positional: [String] = []
  private var options: [String: String] = [:]
  private var flags: Set<String> = []

  /// - Parameters:
  ///   - valueOptions: options that take a value.
  ///   - flagOptions: options that take none.
  init(_ arguments: [String], valueOptions: Set<String>, flagOptions: Set<String>, usage: String) throws {
    var index = 0
    while index < arguments.count {
      let argument = arguments[index]
      if argument == "--" {
        positional += arguments[(index + 1)...]
        break
      }
      if argument.hasPrefix("-") && argument.count > 1 {
        var name = argument
        var value: String?
        if let equals = argument.firstIndex(of: "=") {
          name = String(argument[..<equals])
          value = String(argument[argument.index(after: equals)...])
        }
        if valueOptions.contains(name) {
          if value == nil {
            index += 1
            guard index < arguments.count else {
              throw UsageError(message: "choucha: 选项 \(name) 需要一个值 / option \(name) needs a value\n\n\(usage)")
            }
            value = arguments[index]
          }
          options[name] = value
        } else if flagOptions.contains(name), value == nil {
          flags.insert(name)
        } else {
          throw UsageError(message: "choucha: 未知选项“\(argument)” / unknown option '\(argument)'\n\n\(usage)")
        }
      } else {
        positional.append(argument)
      }
      index += 1
    }
  }

  func value(_ name: String) -> String? { options[name] }

  /// The one rule repository a command reads (`build`, `report`): default `Rules`.
  func repository(usage: String) throws -> String {
    guard positional.count <= 1 else { throw UsageError(message: usage) }
    return positional.first ?? "Rules"
  }

  /// The date given to `name` (`--as-of`), nil when not given; not a date YYYY-MM-DD, a usage error.
  func day(_ name: String, usage: String) throws -> Day? {
    guard let text = options[name] else { return nil }
    guard let day = Day(parsing: Substring(text)) else {
      throw UsageError(message: "choucha: \(name) 的值“\(text)”不是 YYYY-MM-DD 格式的日期 / '\(text)' is not a date YYYY-MM-DD\n\n\(usage)")
    }
    return day
  }
  func flag(_ name: String) -> Bool { flags.contains(name) }

  /// `--year`, 1900–2999; nil when not given.
  func year(usage: String) throws -> Int? {
    guard let text = options["--year"] else { return nil }
    guard let value = Int(text), (1900...2999).contains(value) else {
      throw UsageError(message: "choucha: --year 的值“\(text)”不是年度 / '\(text)' is not a year\n\n\(usage)")
    }
    return value
  }

  func choice<T: RawRepresentable>(_ name: String, default value: T, usage: String) throws -> T where T.RawValue == String {
    guard let raw = options[name] else { return value }
    guard let parsed = T(rawValue: raw) else {
      throw UsageError(message: "choucha: \(name) 的值“\(raw)”无效 / invalid value '\(raw)' for \(name)\n\n\(usage)")
    }
    return parsed
  }
}
