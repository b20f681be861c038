import ChouchaCore
import Foundation

enum BuildCommand {
  static let usage = """
    用法 Usage: choucha build [PATH] [--year YYYY] [--out DIR] [--lang zh|en]
      检查规则库（PATH，默认 Rules），没有错误时写出随机抽查事项清单（items.json/.csv/.md）、
      年度计划（plan-YYYY.json）和联合抽查任务（tasks-YYYY.json）到 DIR（默认 build）。
      有错误时什么也不写，原有的输出目录保持不变。目录中的其他文件（抽取结果、自己的文件）不动；
      只删除上次构建写出（见 build.manifest.json）而这次不再写出、且未被改动的文件；
      要写的文件名被不是上次构建写出的文件占用时，拒绝并说明，不写任何文件。
      Checks the rule repository and, if it has no errors, writes the item list, the annual plan
      and the task sets into DIR (default build/). On errors nothing is written. The directory's
      other files are kept: only files the previous build wrote (build.manifest.json) and this one
      does not are removed, if unchanged; a name taken by a file the previous build did not write
      is refused, and nothing is written.

      --year YYYY     计划年度（规则库有多个计划时必填）/ the plan year (required with several plans)
      --out DIR       输出目录 / output directory (default build)
      --lang zh|en    信息的语言 / language of the messages
    退出码 Exit: 0 成功 · 1 规则有错误 · 2 用法或读写错误
    """

  static func run(_ arguments: [String]) throws -> Int32 {
    let parsed = try ArgumentParser(
      arguments, valueOptions: ["--lang", "--year", "--out"], flagOptions: ["--help", "-h"], usage: usage)
    if parsed.flag("--help") || parsed.flag("-h") {
      print(usage)
      return ExitCode.success
    }
    let language = try parsed.choice("--lang", default: Language.zh, usage: usage)
    guard parsed.positional.count <= 1 else { throw UsageError(message: usage) }
    let path = parsed.positional.first ?? "Rules"
    var year: Int?
    if let text = parsed.value("--year") {
      guard let value = Int(text), (1900...2999).contains(value) else {
        throw UsageError(message: "choucha: --year 的值“\(text)”不是年度 / '\(text)' is not a year\n\n\(usage)")
      }
      year = value
    }
    let out = parsed.value("--out") ?? "build"

    let compilation = try Repository(path: path).compile()
    let diagnostics = compilation.diagnostics
    CLI.write(HumanRenderer(language: language).render(diagnostics, sources: compilation.sources))
    if diagnostics.errorCount > 0 {
      CLI.write(
        language == .zh
          ? "构建中止：\(diagnostics.errorCount) 个错误，未写出任何文件。\n"
          : "build stopped: \(diagnostics.errorCount) error(s); nothing was written.\n")
      return ExitCode.inputErrors
    }
    let years = compilation.program.plans.map(\.year).sorted()
    guard let plan = Planner.plan(compilation.program, year: year) else {
      let listed = years.map(String.init).joined(separator: ", ")
      throw UsageError(
        message: year == nil
          ? "choucha: 规则库中有多个年度计划（\(listed)），请用 --year 指定 / several plans (\(listed)): choose one with --year"
          : "choucha: 没有 \(year!) 年的计划（有：\(listed)）/ no plan for \(year!) (there are: \(listed))")
    }
    let files = Documents.build(plan)
    let outcome = try OutputDirectory.write(
      out, manifest: Manifest.build, command: "build",
      documents: files.map { file in .init(name: file.name) { sink in try file.bytes.withUnsafeBytes { try sink.write($0) } } })
    CLI.write(summary(plan, files: files, out: Shown.path(out), language: language))
    CLI.write(outcome.report(out: out, manifest: Manifest.build, language: language))
    return ExitCode.success
  }

  static func summary(_ plan: AnnualPlan, files: [Documents.File], out: String, language: Language) -> String {
    let s = plan.summary
    let latest = plan.tasks.map(\.publishBy).max().map(\.description) ?? "—"
    let names = (files.map(\.name) + [Manifest.build]).joined(separator: " ")
    switch language {
    case .zh:
      return """
        已写出 \(out)/：\(names)
          \(plan.year) 年：抽查事项 \(plan.items.count) 项，任务 \(s.tasks) 个（联合 \(s.jointTasks) 个，单部门 \(s.tasks - s.jointTasks) 个）
          联合抽查占比 \(percentText(s.jointMultiDepartmentTasks, of: s.multiDepartmentTasks) ?? "—")（多部门同一对象的任务 \(s.multiDepartmentTasks) 个中联合 \(s.jointMultiDepartmentTasks) 个）
          行政检查权责覆盖 \(percentText(s.coveredPowers, of: s.inspectionPowers) ?? "—")（\(s.coveredPowers)/\(s.inspectionPowers)，豁免 \(s.exemptPowers) 项）
          结果公示最晚期限 \(latest)

        """
    case .en:
      return """
        wrote \(out)/: \(names)
          \(plan.year): \(plan.items.count) items, \(s.tasks) tasks (\(s.jointTasks) joint, \(s.tasks - s.jointTasks) single)
          joint share \(percentText(s.jointMultiDepartmentTasks, of: s.multiDepartmentTasks) ?? "—") (\(s.jointMultiDepartmentTasks) of \(s.multiDepartmentTasks) tasks on object types of several departments)
          inspection powers covered \(percentText(s.coveredPowers, of: s.inspectionPowers) ?? "—") (\(s.coveredPowers)/\(s.inspectionPowers), \(s.exemptPowers) exempt)
          latest publication deadline \(latest)

        """
    }
  }
}
