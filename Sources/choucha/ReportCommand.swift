import ChouchaCore
import Foundation

/// `choucha report`: one unit's monthly report form (`MonthlyReportForm`).
enum ReportCommand {
  static let usage = """
    用法 Usage: choucha report [PATH] --month YYYY-MM --department CODE [--out DIR] [--as-of YYYY-MM-DD] [--lang zh|en]
      检查规则库（PATH，默认 Rules），没有错误时写出一个单位一个月的“双随机、一公开”监管工作月报表，
      只写两个文件：DIR/report-YYYY-MM-CODE.csv 和 DIR/report-YYYY-MM-CODE.md（DIR 默认 build），
      同名文件被替换，目录中的其他文件不动。表式为《2024年石家庄市长安区“双随机、一公开”监管工作实施方案》
      （长双随机办〔2024〕3号）的附件：第 4、5 行由计划、抽取结果和检查结果算出；会议、文件、培训、组织抽查的文件、
      公示网站和联系人取自规则中该单位该月的 月报 声明，没有写的显示“（未填报）”。表后列出月报表和年度工作总结的报送期限。
      Checks the rule repository and, if it has no errors, writes one unit's monthly report form for
      one month: two files only, DIR/report-YYYY-MM-CODE.csv and DIR/report-YYYY-MM-CODE.md (DIR
      default build); files of those names are replaced, nothing else in DIR is touched. Rows 4 and 5
      are counted from the plan, the draw and the results; the meetings, documents, trainings, the
      documents organising the inspections, the website and the contacts come from the unit's
      monthly-report declaration for the month, and show （未填报） (not given) when it has none.
      The due dates of the form and of the year's summaries follow the form.

      --month YYYY-MM       报表月份（须在规则中某个计划的年度内）/ the month (of a planned year)
      --department CODE     填报单位的部门编码 / the unit's department code
      --out DIR             输出目录 / output directory (default build)
      --as-of YYYY-MM-DD    填表时间；只统计该日及以前的检查和公示（不给则填表时间留空，不读系统时钟）/
                            the day the form is filled in; nothing after it is counted (without it the
                            date is left blank: the clock is never read)
      --lang zh|en          信息的语言 / language of the messages
    退出码 Exit: 0 成功 · 1 规则有错误 · 2 用法或读写错误
    """

  static func run(_ arguments: [String]) throws -> Int32 {
    let parsed = try ArgumentParser(
      arguments, valueOptions: ["--lang", "--month", "--department", "--out", "--as-of"], flagOptions: ["--help", "-h"],
      usage: usage)
    if parsed.flag("--help") || parsed.flag("-h") {
      print(usage)
      return ExitCode.success
    }
    let language = try parsed.choice("--lang", default: Language.zh, usage: usage)
    let path = try parsed.repository(usage: usage)
    guard let monthText = parsed.value("--month"), let department = parsed.value("--department") else {
      throw UsageError(message: "choucha: report 需要 --month 和 --department / report needs --month and --department\n\n\(usage)")
    }
    guard let month = YearMonth(parsing: monthText) else {
      throw UsageError(message: "choucha: --month 的值“\(monthText)”不是 YYYY-MM 格式的月份 / '\(monthText)' is not a month YYYY-MM\n\n\(usage)")
    }
    let asOf = try parsed.day("--as-of", usage: usage)
    let out = parsed.value("--out") ?? "build"

    guard let (_, compilation) = try CLI.compileForOutput(path, language: language, stopped: Text(zh: "月报中止", en: "report stopped"))
    else { return ExitCode.inputErrors }
    let program = compilation.program
    guard program.department(department) != nil else {
      let codes = program.departments.map(\.header.id.value)
      let guess = Suggest.closest(to: department, among: codes).map { "（是否想写“\($0)”？/ did you mean '\($0)'?）" } ?? ""
      throw UsageError(
        message: "choucha: 规则中没有部门“\(department)”\(guess)；部门有：\(codes.joined(separator: "、")) / no department '\(department)' in the rules")
    }
    guard let plan = Planner.plan(program, year: month.year) else {
      let years = program.plans.map { String($0.year) }.joined(separator: ", ")
      throw UsageError(message: "choucha: 没有 \(month.year) 年的计划（有：\(years)）/ no plan for \(month.year) (there are: \(years))")
    }
    let files = MonthlyReportForm.build(program, plan, department: department, month: month, asOf: asOf)
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    for file in files {
      let target = (out as NSString).appendingPathComponent(file.name)
      try AtomicFile.write(file.bytes, to: target, display: Shown.path(target))
    }
    let shown = files.map { Shown.path((out as NSString).appendingPathComponent($0.name)) }.joined(separator: " ")
    CLI.write(language == .zh ? "已写出 \(shown)\n" : "wrote \(shown)\n")
    return ExitCode.success
  }
}
