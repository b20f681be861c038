import ChouchaCore
import Foundation

enum BuildCommand {
  static let usage = """
    用法 Usage: choucha build [PATH] [--year YYYY] [--out DIR] [--draw FILE] [--as-of YYYY-MM-DD] [--documents] [--lang zh|en]
      检查规则库（PATH，默认 Rules），没有错误时写出随机抽查事项清单（items.json/.csv/.md）、
      年度计划（plan-YYYY.json）和联合抽查任务（tasks-YYYY.json）到 DIR（默认 build）；
      有事项写了检查要点时，另写检查表和工作指引（checklists.json/.csv/.md、guides.csv）；
      给出抽取结果时（--draw，或规则中的 引入 抽取 "…"，--draw 优先）再写一企一表（sheets-YYYY.json/.csv/.md）；
      规则引入检查结果（引入 结果 "…"）时再写结果公示（results-YYYY.csv/.json，只含有公示日期的行）和统计（figures-YYYY.json/.md）。
      有错误时什么也不写，原有的输出目录保持不变。目录中的其他文件（抽取结果、自己的文件）不动；
      只删除上次构建写出（见 build.manifest.json）而这次不再写出、且未被改动的文件；
      要写的文件名被不是上次构建写出的文件占用时，拒绝并说明，不写任何文件。
      Checks the rule repository and, if it has no errors, writes the item list, the annual plan
      and the task sets into DIR (default build/); when items have check points, the checklists
      and the bundles' guides; with a draw (--draw, or import draw "…" in the rules; --draw wins),
      one sheet per drawn enterprise and visit (sheets-YYYY.*); with results (import results "…"), their
      publication (results-YYYY.*, only rows with a 公示日期) and figures (figures-YYYY.*). On errors nothing is written. The directory's
      other files are kept: only files the previous build wrote (build.manifest.json) and this one
      does not are removed, if unchanged; a name taken by a file the previous build did not write
      is refused, and nothing is written.

      --year YYYY     计划年度（规则库有多个计划时必填）/ the plan year (required with several plans)
      --out DIR       输出目录 / output directory (default build)
      --draw FILE     抽取结果（choucha draw 写出的 draw-YYYY.json），据以写出一企一表 /
                      the draw document (draw-YYYY.json) whose visits get a sheet each
      --as-of YYYY-MM-DD  只公示该日及以前公示的结果，并按该日计算按时公示率、按时办结率（不读系统时钟）/
                      publish only results published on or before that day, and the on-time rates as of it
      --documents     另写每次抽查的文书到 DIR/papers/（HTML 可打印 A4，另有 Markdown）：每个任务的实施方案、
                      联合抽查任务的工作指引；有抽取结果时，联合抽查每户的联合抽查通知书和每户的一企一表 /
                      also write the papers of each inspection under DIR/papers/ (printable HTML and Markdown):
                      each task's implementation plan, each bundle's guide; with a draw, a joint-inspection
                      notice per drawn enterprise of a joint task and a sheet per visit
      --lang zh|en    信息的语言 / language of the messages
    退出码 Exit: 0 成功 · 1 规则有错误 · 2 用法或读写错误
    """

  static func run(_ arguments: [String]) throws -> Int32 {
    let parsed = try ArgumentParser(
      arguments, valueOptions: ["--lang", "--year", "--out", "--draw", "--as-of"], flagOptions: ["--help", "-h", "--documents"], usage: usage)
    if parsed.flag("--help") || parsed.flag("-h") {
      print(usage)
      return ExitCode.success
    }
    let language = try parsed.choice("--lang", default: Language.zh, usage: usage)
    let path = try parsed.repository(usage: usage)
    let year = try parsed.year(usage: usage)
    let out = parsed.value("--out") ?? "build"
    let documents = parsed.flag("--documents")
    let asOf = try parsed.day("--as-of", usage: usage)

    guard let (repository, compilation) = try CLI.compileForOutput(path, language: language, stopped: Text(zh: "构建中止", en: "build stopped"))
    else { return ExitCode.inputErrors }
    let plan = try CLI.plan(compilation, year: year)
    let checklists = Checklists.make(compilation.program, plan)
    var sheets: (made: Sheets.Made, draw: DrawnVisits)?
    var note: String?
    var drawn: (visits: DrawnVisits, site: Span?)?
    switch try draw(
      parsed.value("--draw"), compilation, repository: repository, plan: plan, checklists: checklists, documents: documents,
      language: language)
    {
    case .sheets(let made, let visits, let site):
      sheets = (made, visits)
      drawn = (visits, site)
    case .none(let said, let given):
      note = said
      drawn = given
    case .failed(let code): return code
    }
    // E0908, as `check` reports it: a result for an entity the draw did not draw in its task. A
    // draw of other rules is refused with the sheets, or (no sheets) not held against the results.
    if let drawn, Sheets.mismatch(plan, drawn.visits) == nil {
      let undrawn = ResultChecks.run(compilation.program, draw: drawn, asOf: nil)
      if !undrawn.isEmpty {
        CLI.write(HumanRenderer(language: language).render(undrawn.sortedForDisplay(compilation.sources), sources: compilation.sources))
        CLI.write(
          language == .zh
            ? "构建中止：\(undrawn.count) 个错误，未写出任何文件。\n"
            : "build stopped: \(undrawn.count) error(s); nothing was written.\n")
        return ExitCode.inputErrors
      }
    }
    // The sheets go to their files as they are laid out (a sheet per visit of the draw).
    let files = Documents.build(plan, checklists: checklists) + ResultDocuments.build(compilation.program, plan, asOf: asOf)
    let streamed = sheets.map { Documents.sheetStreams(plan, $0.made, draw: $0.draw) } ?? []
    // `--documents`: the papers, checked against the draw like the sheets (a draw that does not
    // go with the plan was refused above, before anything was written).
    let papers =
      documents ? Papers.files(plan: plan, checklists: checklists, sheets: sheets?.made, draw: sheets?.draw) : []
    let outcome = try OutputDirectory.write(
      out, manifest: Manifest.build, command: "build",
      documents: (files + papers).map { file in
        .init(name: file.name) { sink in try file.bytes.withUnsafeBytes { try sink.write($0) } }
      } + streamed.map { .init(name: $0.name, write: $0.write) })
    CLI.write(summary(plan, names: files.map(\.name) + streamed.map(\.name), out: Shown.path(out), language: language))
    if !checklists.isEmpty { CLI.write(checklistSummary(checklists, language: language)) }
    if let sheets, !sheets.made.sheets.isEmpty || !documents { CLI.write(sheetSummary(sheets.made, language: language)) }
    if documents { CLI.write(paperSummary(papers, out: Shown.path(out), language: language)) }
    if let counts = ResultDocuments.counts(compilation.program, plan, asOf: asOf) {
      CLI.write(resultSummary(counts, asOf: asOf, language: language))
    }
    if let note { CLI.write(note) }
    CLI.write(outcome.report(out: out, manifest: Manifest.build, language: language))
    return ExitCode.success
  }

  enum DrawOutcome {
    /// The sheets, the draw, and the span of the `引入 抽取` that named it (nil for `--draw`).
    case sheets(Sheets.Made, DrawnVisits, site: Span?)
    /// No draw given, or the one the rules import is not there yet, or no item has points: what
    /// to say after the summary, if anything; and the draw, when there is one without sheets.
    case none(String?, drawn: (visits: DrawnVisits, site: Span?)?)
    /// Said; the exit code.
    case failed(Int32)
  }

  /// The draw whose visits get a sheet each: `--draw FILE` (a file anywhere, as `verify` reads
  /// one), else the draw the rules import (`引入 抽取 "…"`, a file inside the repository). Its
  /// problems are said here: for `--draw`, named by the file and the field; for an import, as
  /// E0601 at the import's path.
  static func draw(
    _ option: String?, _ compilation: Compilation, repository: Repository, plan: AnnualPlan, checklists: Checklists,
    documents: Bool = false, language: Language
  ) throws -> DrawOutcome {
    if let option {
      let read = try DrawInput.file(option)
      let problem: (field: String, message: Text, help: Text, usage: Bool)
      switch read {
      case .success(let visits):
        // The papers' notices need the draw even when no item has points.
        guard !checklists.isEmpty || documents else { return .none(noPoints(language), drawn: (visits, nil)) }
        switch Sheets.make(plan, checklists, visits) {
        case .success(let made): return .sheets(made, visits, site: nil)
        case .failure(let failure): problem = (failure.field, failure.message, failure.help, false)
        }
      case .failure(let failure): problem = (failure.field, failure.message, failure.help, failure.kind == .notADocument)
      }
      let shown = Shown.path(option)
      CLI.write(
        "\(shown): \(language == .zh ? "错误" : "error"): \(problem.field): \(problem.message(language))\n  = \(language == .zh ? "帮助" : "help"): \(problem.help(language))\n"
          + (language == .zh ? "构建中止：抽取结果不能使用，未写出任何文件。\n" : "build stopped: the draw cannot be used; nothing was written.\n"))
      return .failed(problem.usage ? ExitCode.usage : ExitCode.inputErrors)
    }
    var diagnostics: [Diagnostic] = []
    var outcome = DrawOutcome.none(nil, drawn: nil)
    switch Compiler.importedDraw(compilation, provider: repository) {
    case .none: return .none(nil, drawn: nil)
    case .notYet(let site):
      // Before the draw, the document it will write is not there: the rest is built, and said.
      return .none(
        language == .zh
          ? "注：规则引入的抽取结果“\(Shown.path(site.value))”尚不存在，未写出一企一表；抽取后再构建。\n"
          : "note: the draw the rules import, \(Shown.path(site.value)), does not exist yet: no sheets written; build again after the draw.\n",
        drawn: nil)
    case .failed(let said): diagnostics = said
    case .visits(let visits, let site):
      guard !checklists.isEmpty || documents else { return .none(noPoints(language), drawn: (visits, site.span)) }
      switch Sheets.make(plan, checklists, visits) {
      case .success(let made): outcome = .sheets(made, visits, site: site.span)
      case .failure(let problem):
        diagnostics.append(.drawImportUnusable(site, field: problem.field, problem: problem.message, help: problem.help))
      }
    }
    guard diagnostics.isEmpty else {
      CLI.write(HumanRenderer(language: language).render(diagnostics, sources: compilation.sources))
      CLI.write(
        language == .zh
          ? "构建中止：\(diagnostics.count) 个错误，未写出任何文件。\n"
          : "build stopped: \(diagnostics.count) error(s); nothing was written.\n")
      return .failed(ExitCode.inputErrors)
    }
    return outcome
  }

  /// One line on the papers of `--documents`: how many of each, and where (their names are too
  /// many to list).
  static func paperSummary(_ papers: [Documents.File], out: String, language: Language) -> String {
    func count(_ prefix: String) -> Int { papers.filter { $0.name.hasPrefix(prefix) && $0.name.hasSuffix(".html") }.count }
    let plans = count("papers/tasks/")
    let guides = count("papers/guides/")
    let notices = count("papers/notices/")
    let sheets = count("papers/sheets/")
    switch language {
    case .zh:
      return "  文书（\(out)/papers/，HTML 与 Markdown 各一份，目录 papers/index.html）：实施方案 \(plans) 份，工作指引 \(guides) 份，联合抽查通知书 \(notices) 份，一企一表 \(sheets) 张\n"
    case .en:
      return "  papers (\(out)/papers/, HTML and Markdown each, index papers/index.html): \(plans) implementation plans, \(guides) guides, \(notices) notices, \(sheets) sheets\n"
    }
  }

  /// One line on the results: how many rows are published, how many are not (yet).
  static func resultSummary(_ counts: (published: Int, held: Int), asOf: Day?, language: Language) -> String {
    guard counts.held > 0 else {
      return language == .zh ? "  检查结果：公示 \(counts.published) 条\n" : "  results: \(counts.published) published\n"
    }
    switch (language, asOf) {
    case (.zh, nil): return "  检查结果：公示 \(counts.published) 条（另有 \(counts.held) 条没有公示日期，不公示）\n"
    case (.zh, let day?): return "  检查结果：公示 \(counts.published) 条（另有 \(counts.held) 条截至 \(day) 尚未公示）\n"
    case (.en, nil): return "  results: \(counts.published) published (\(counts.held) without a publication date are not)\n"
    case (.en, let day?): return "  results: \(counts.published) published (\(counts.held) not published by \(day))\n"
    }
  }

  static func noPoints(_ language: Language) -> String {
    language == .zh
      ? "注：规则中没有检查要点，未写出一企一表。\n"
      : "note: no item has check points: no sheets written.\n"
  }

  static func sheetSummary(_ made: Sheets.Made, language: Language) -> String {
    let without = made.withoutPoints
    switch language {
    case .zh:
      return "  一企一表 \(made.sheets.count) 张" + (without > 0 ? "（另有 \(without) 户次的任务尚无检查要点，未制表）" : "") + "\n"
    case .en:
      return "  \(made.sheets.count) sheets (一企一表)" + (without > 0 ? " (\(without) visits of tasks without check points have none)" : "") + "\n"
    }
  }

  /// One line on the checklists: how many items have one, how many joint tasks a 工作指引, and
  /// the longest merged sheet (what the plan's 每户最多要点 caps).
  static func checklistSummary(_ checklists: Checklists, language: Language) -> String {
    let longest = checklists.guides.map { $0.sheet.points.count }.max() ?? 0
    switch language {
    case .zh:
      return "  检查要点：\(checklists.items.count) 个事项有检查表，\(checklists.guides.count) 个联合抽查任务有工作指引（合并后最多 \(longest) 个要点）\n"
    case .en:
      return "  check points: \(checklists.items.count) items have a checklist, \(checklists.guides.count) joint tasks a merged guide (at most \(longest) points)\n"
    }
  }

  static func summary(_ plan: AnnualPlan, names files: [String], out: String, language: Language) -> String {
    let s = plan.summary
    let latest = plan.tasks.map(\.publishBy).max().map(\.description) ?? "—"
    let names = (files + [Manifest.build]).joined(separator: " ")
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
