import ChouchaCore
import Foundation

/// `choucha site`: the public site of a year (`Site.files`), written into a directory with
/// `OutputDirectory` (atomically, beside the directory's other files; its run manifest is
/// `site.manifest.json`).
enum SiteCommand {
  static let usage = """
    用法 Usage: choucha site [PATH] [--year YYYY] [--draw FILE] [--as-of YYYY-MM-DD] [--out DIR] [--lang zh|en]
      检查规则库（PATH，默认 Rules），没有错误时把该年度的公开网站写到 DIR（默认 build/site）：
      index.html（年度概况、期限、栏目）、items.html（随机抽查事项清单，按部门分组；超过 300 项时只列部门）、
      departments/*.html（每个部门一页）、plan.html（年度计划）、tasks/N.html（每个抽查任务一页）、
      draw.html（抽取结果：种子、名录的 SHA-256、每个任务抽中的企业和执法检查人员，不含信用风险分类）、
      verify.html（如何核验抽取结果）、results.html（已公示的检查结果；超过 2000 条时按部门分页 results/*.html）、
      papers/（每次抽查的文书）、style.css、
      manifest.json（每个文件的 SHA-256、规则摘要、工具版本），以及运行清单 site.manifest.json。
      页面只用相对链接、不引用任何外部资源，可以直接从磁盘打开。
      抽取结果取 --draw，否则取规则中的 引入 抽取 "…"；与规则不符（年度或任务不同）时报错，什么也不写。
      有错误时什么也不写，原有的输出目录保持不变；目录中的其他文件不动。
      Checks the rule repository and, if it has no errors, writes the public site of the year into DIR
      (default build/site): the index, the item list (a page per department; above 300 items the list
      page only links them), the plan, a page per task, the draw (without the credit-risk classes), how
      to verify it, the published results, style.css and manifest.json (every file's SHA-256, the rules'
      digest, the tool's version), plus the run record site.manifest.json. Relative links only, no
      external resource: the site opens from disk. The draw is --draw, else the one the rules import; a
      draw of another year or of other tasks is an error, and nothing is written.

      --year YYYY         计划年度（规则库有多个计划时必填）/ the plan year (required with several plans)
      --draw FILE         抽取结果（choucha draw 写出的 draw-YYYY.json）/ the draw document
      --as-of YYYY-MM-DD  只公示该日及以前公示的结果（不读系统时钟）/ only results published on or before that day
      --out DIR           输出目录 / output directory (default build/site)
      --lang zh|en        信息的语言 / language of the messages
    退出码 Exit: 0 成功 · 1 规则或抽取结果有错误 · 2 用法或读写错误
    """

  /// The run record of `site` in its directory.
  static let manifest = "site.manifest.json"

  static func run(_ arguments: [String]) throws -> Int32 {
    let parsed = try ArgumentParser(
      arguments, valueOptions: ["--lang", "--year", "--out", "--draw", "--as-of"], flagOptions: ["--help", "-h"], usage: usage)
    if parsed.flag("--help") || parsed.flag("-h") {
      print(usage)
      return ExitCode.success
    }
    let language = try parsed.choice("--lang", default: Language.zh, usage: usage)
    let path = try parsed.repository(usage: usage)
    let year = try parsed.year(usage: usage)
    let out = parsed.value("--out") ?? "build/site"
    let asOf = try parsed.day("--as-of", usage: usage)

    guard let (repository, compilation) = try CLI.compileForOutput(path, language: language, stopped: Text(zh: "网站未生成", en: "site stopped"))
    else { return ExitCode.inputErrors }
    Runtime.phases.mark("rules compiled")
    let plan = try CLI.plan(compilation, year: year)
    var note: String?
    let draw: SiteDraw?
    switch try self.draw(parsed.value("--draw"), compilation, repository: repository, plan: plan, language: language) {
    case .draw(let value): draw = value
    case .none(let said):
      draw = nil
      note = said
    case .failed(let code): return code
    }
    let tool = "choucha \(CLI.version)"
    let digest = Site.rulesDigest(compilation.sources)
    let ruleFiles = compilation.sources.files.count
    // The papers of each inspection (issue 16 item 2), linked from the task pages. The draw was
    // matched to the plan above, so they are made.
    let papers: [Documents.File]
    switch Papers.files(
      plan: plan, checklists: Checklists.make(compilation.program, plan), draw: draw?.visits,
      footer: Site.footer(plan: plan, tool: tool, rulesDigest: digest, ruleFiles: ruleFiles),
      site: Papers.InSite(name: Site.name(plan), navigation: Site.navigation))
    {
    case .success(let made):
      papers = made
      Runtime.phases.mark("papers made")
    case .failure(let problem):
      CLI.write(
        "\(language == .zh ? "错误" : "error"): \(problem.field): \(problem.message(language))\n  = \(language == .zh ? "帮助" : "help"): \(problem.help(language))\n"
          + (language == .zh ? "网站未生成：抽取结果不能使用，未写出任何文件。\n" : "site stopped: the draw cannot be used; nothing was written.\n"))
      return ExitCode.inputErrors
    }
    let files = Site.files(
      Site.Input(
        plan: plan, program: compilation.program, draw: draw, asOf: asOf, rulesDigest: digest, ruleFiles: ruleFiles,
        tool: tool, papers: papers))
    Runtime.phases.mark("site made")
    let outcome = try OutputDirectory.write(
      out, manifest: manifest, command: "site",
      documents: files.map { file in .init(name: file.name) { sink in try file.bytes.withUnsafeBytes { try sink.write($0) } } })
    let pages = files.filter { $0.name.hasSuffix(".html") }.count
    let bytes = files.reduce(0) { $0 + $1.bytes.count }
    let shown = Shown.path(out)
    CLI.write(
      language == .zh
        ? "已写出 \(shown)/：\(files.count) 个文件（页面 \(pages) 个，共 \(bytes) 字节）和 \(manifest)\n  从磁盘打开 \(shown)/index.html 即可浏览\n"
        : "wrote \(shown)/: \(files.count) files (\(pages) pages, \(bytes) bytes) and \(manifest)\n  open \(shown)/index.html from disk to browse\n")
    if let note { CLI.write(note) }
    CLI.write(outcome.report(out: out, manifest: manifest, language: language))
    return ExitCode.success
  }

  enum DrawOutcome {
    case draw(SiteDraw)
    /// No draw, or the one the rules import is not there yet: what to say, if anything.
    case none(String?)
    case failed(Int32)
  }

  /// The draw to publish: `--draw FILE`, else the one the rules import; refused, with nothing
  /// written, when it cannot be read or is not this plan's (another year, other tasks).
  static func draw(
    _ option: String?, _ compilation: Compilation, repository: Repository, plan: AnnualPlan, language: Language
  ) throws -> DrawOutcome {
    if let option {
      let file = try NamedFile(option, role: NamedFile.document)
      try file.refuse(above: VerifyCommand.maximumSize, why: Text(zh: "不是 choucha draw 写出的文件", en: "no draw document is that large"))
      let start = try file.read(upTo: 4096)
      var problem: (field: String, message: Text, help: Text, usage: Bool)?
      if let found = start.withUnsafeBytes({ DrawDocument.checkStart($0) }) {
        problem = (found.field, found.message, found.help, true)
      } else {
        switch try file.mapped({ SiteDraw.read($0) }) {
        case .failure(let found): problem = (found.field, found.message, found.help, found.kind == .notADocument)
        case .success(let draw):
          guard let mismatch = draw.mismatch(plan) else { return .draw(draw) }
          problem = (mismatch.field, mismatch.message, mismatch.help, false)
        }
      }
      let said = problem!
      CLI.write(
        "\(Shown.path(option)): \(language == .zh ? "错误" : "error"): \(said.field): \(said.message(language))\n  = \(language == .zh ? "帮助" : "help"): \(said.help(language))\n"
          + (language == .zh ? "网站未生成：抽取结果不能使用，未写出任何文件。\n" : "site stopped: the draw cannot be used; nothing was written.\n"))
      return .failed(said.usage ? ExitCode.usage : ExitCode.inputErrors)
    }
    var diagnostics: [Diagnostic] = []
    switch Compiler.importedDraw(compilation, provider: repository) {
    case .none: return .none(nil)
    case .notYet(let site):
      return .none(
        language == .zh
          ? "注：规则引入的抽取结果“\(Shown.path(site.value))”尚不存在，抽取结果页写的是“尚未公布”；抽取后再生成。\n"
          : "note: the draw the rules import, \(Shown.path(site.value)), does not exist yet: the draw page says so; run again after the draw.\n")
    case .failed(let said): diagnostics = said
    case .visits(_, let site):
      // Read again whole, for what the page shows beside the visits (the inputs, the commitment).
      let relative = ImportPath.resolve(site.value, from: compilation.sources[site.span.file].relativePath) ?? site.value
      switch repository.read(relative) {
      case .failure(let error): diagnostics.append(.importUnreadable(site, reason: error.reason, help: error.help))
      case .success(let bytes):
        switch SiteDraw.read(bytes) {
        case .failure(let problem):
          diagnostics.append(.drawImportUnusable(site, field: problem.field, problem: problem.message, help: problem.help))
        case .success(let draw):
          if let problem = draw.mismatch(plan) {
            diagnostics.append(.drawImportUnusable(site, field: problem.field, problem: problem.message, help: problem.help))
          } else {
            return .draw(draw)
          }
        }
      }
    }
    CLI.write(HumanRenderer(language: language).render(diagnostics, sources: compilation.sources))
    CLI.write(
      language == .zh
        ? "网站未生成：\(diagnostics.count) 个错误，未写出任何文件。\n"
        : "site stopped: \(diagnostics.count) error(s); nothing was written.\n")
    return .failed(ExitCode.inputErrors)
  }
}
