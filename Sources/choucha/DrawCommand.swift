import ChouchaCore
import ChouchaDraw
import Foundation

/// `choucha draw` and `choucha verify`: the public, re-runnable double-random draw.
enum DrawCommand {
  static let usage = """
    用法 Usage: choucha draw [PATH] --targets FILE.csv --inspectors FILE.csv --commit [--year YYYY] [--out DIR] [--replace] [--lang zh|en]
           choucha draw [PATH] --targets FILE.csv --inspectors FILE.csv --seed TEXT [--commitment FILE] [--year YYYY] [--out DIR] [--replace] [--lang zh|en]
           choucha draw [PATH] --selection FILE --inspectors FILE.csv --seed TEXT [--commitment FILE] [--year YYYY] [--out DIR] [--replace] [--lang zh|en]
           choucha draw [PATH] --sql duckdb|postgres|spark --seed TEXT [--table NAME] [--year YYYY] [--widen]   (choucha draw --sql x --help)
      按规则库（默认 Rules）的年度计划，从检查对象名录和执法检查人员名录中抽取检查对象并匹配执法人员，
      写出 draw-YYYY.json 和 draw-YYYY.csv（默认 build/）。任何人用同一种子和名录都能重现同一结果。
      Draws targets and inspectors for every task of the plan, reproducibly from the seed.
      公开程序 The public procedure: 先 --commit 并公布承诺书，再公开产生种子，再 --seed … --commitment 抽取
      / commit and publish the commitment, then produce the seed in public, then draw against it.

      --commit        不抽取：写出 commitment-YYYY.json（抽取规格、算法、两个名录的 SHA-256、行数和内容摘要），
                      在种子产生之前公布 / no draw: write the commitment (the specification, the algorithm, the
                      directories' SHA-256, rows and content digests), to publish before the seed exists
      --commitment FILE
                      按公布的承诺书抽取：规格、年度、算法、名录（SHA-256、行数、内容摘要）有任何不同都拒绝，
                      什么也不写；抽取结果记录承诺书的 SHA-256 / draw against a published commitment: anything
                      different is refused and nothing is written; the draw records the commitment's SHA-256
      --selection FILE
                      不读名录本身：读数据引擎运行 choucha draw --sql 打印的查询所得的选取结果（CSV），逐行核对
                      （种子、规格指纹、签号、名次、行数），再按同一程序完成抽取；候选不够时给出加宽查询（--widen）。
                      抽取结果记录名录的内容摘要 / finish the draw from a data engine's selection (the result of
                      the query choucha draw --sql prints, as CSV), every row checked; the draw records the
                      directory's content digest

      --replace       DIR 中已有这一年度的抽取结果而这次结果不同（种子、名录或规则不同）时，默认拒绝写出；
                      确需替换尚未公示的结果时才加 / replace a different draw of the year already in DIR
                      (refused by default: a published draw is not drawn again)
    """

  static func run(_ arguments: [String]) throws -> Int32 {
    // `--sql ENGINE`: the query that draws in a database (SQLCommand), not a draw.
    if let status = try SQLCommand.draw(arguments) { return status }
    let parsed = try ArgumentParser(
      arguments,
      valueOptions: ["--lang", "--year", "--out", "--targets", "--inspectors", "--seed", "--commitment", "--selection"],
      flagOptions: ["--help", "-h", "--replace", "--commit"], usage: usage)
    if parsed.flag("--help") || parsed.flag("-h") {
      print(usage)
      return ExitCode.success
    }
    let language = try parsed.choice("--lang", default: Language.zh, usage: usage)
    let selectionPath = parsed.value("--selection")
    // The target directory, or an engine's selection from it: one of the two.
    guard parsed.positional.count <= 1, (parsed.value("--targets") == nil) != (selectionPath == nil),
      let inspectorsPath = parsed.value("--inspectors")
    else { throw UsageError(message: usage) }
    let targetsPath = parsed.value("--targets") ?? ""
    if selectionPath != nil, parsed.flag("--commit") {
      throw UsageError(
        message: "choucha: --commit 读取检查对象名录本身（--targets），不读选取结果 / --commit reads the target directory itself (--targets), not a selection\n\n\(usage)")
    }
    if parsed.flag("--commit") {
      // The commitment is made before the seed exists: a seed given with it was known too early.
      guard parsed.value("--seed") == nil, parsed.value("--commitment") == nil else {
        throw UsageError(
          message: "choucha: --commit 不与 --seed、--commitment 同用：承诺书在种子产生之前写出并公布 / --commit takes no --seed or --commitment: the commitment is made before the seed exists\n\n\(usage)")
      }
      return try commit(parsed, targetsPath: targetsPath, inspectorsPath: inspectorsPath, language: language)
    }
    guard let seed = parsed.value("--seed") else { throw UsageError(message: usage) }
    // The seed is what makes the draw public: an empty one is no seed (anyone could claim it).
    guard !seed.allSatisfy({ $0.isWhitespace }) else {
      throw UsageError(
        message: "choucha: --seed 不能为空：写公开产生的随机文字（如开奖号码、掷骰结果）/ --seed must not be empty: give the publicly drawn text\n\n\(usage)")
    }
    // The commitment first: a file that is none, or of another year or algorithm, is said
    // before the rules are compiled and the directories read.
    let commitment = try parsed.value("--commitment").map { try readCommitment($0) }
    if let commitment, case .failure(let problem) = commitment.recorded {
      return report(problem, path: commitment.path, language: language)
    }
    var year = try self.year(parsed)
    if let recorded = try? commitment?.recorded.get() {
      if let year, year != recorded.year {
        return report(
          commitmentProblem(
            "year", Text(zh: "承诺书是 \(recorded.year) 年度的，这次抽取 \(year) 年度", en: "the commitment is for \(recorded.year), this draw for \(year)"),
            help: Text(zh: "给出这一年度的承诺书，或去掉 --year", en: "give this year's commitment, or leave out --year")),
          path: commitment!.path, language: language)
      }
      year = recorded.year
      guard recorded.algorithm == Drawer.Algorithm.current.rawValue else {
        return report(
          commitmentProblem(
            "algorithm",
            Text(
              zh: "承诺书按算法“\(Shown.text(recorded.algorithm))”写出，这次抽取按 \(Drawer.Algorithm.current.rawValue)",
              en: "the commitment names the algorithm '\(Shown.text(recorded.algorithm))', this draw follows \(Drawer.Algorithm.current.rawValue)"),
            help: Text(
              zh: "用这个版本的 choucha draw --commit 重新写出并公布承诺书（种子产生之前）",
              en: "commit again with this version's choucha draw --commit, and publish it before the seed is drawn")),
          path: commitment!.path, language: language)
      }
    }
    let compilation = try Repository(path: parsed.positional.first ?? "Rules").compile()
    let renderer = HumanRenderer(language: language)
    CLI.write(renderer.render(compilation.diagnostics, sources: compilation.sources))
    guard !compilation.hasErrors else { return ExitCode.inputErrors }
    guard let plan = Planner.plan(compilation.program, year: year) else {
      if let commitment, let recorded = try? commitment.recorded.get() {
        return report(
          commitmentProblem(
            "year",
            Text(
              zh: "承诺书是 \(recorded.year) 年度的，规则库没有这一年度的计划", en: "the commitment is for \(recorded.year), and the rules have no plan for it"),
            help: Text(zh: "给出规则库所计划年度的承诺书", en: "give the commitment of a year the rules plan")),
          path: commitment.path, language: language)
      }
      throw UsageError(message: "choucha: 没有可用的年度计划，请用 --year 指定 / no plan: choose one with --year")
    }
    var spec = Drawer.spec(plan, seed: seed)
    if let commitment, let recorded = try? commitment.recorded.get() {
      if let place = Commitment.specificationDifference(recorded, spec) {
        return report(
          commitmentProblem(
            place,
            Text(
              zh: "抽取规格与承诺书不同（\(place)）：规则库在承诺之后被改动过",
              en: "the draw's specification differs from the commitment at \(place): the rules changed after the commitment"),
            help: Text(
              zh: "用承诺时的规则库抽取；规则确需改动时，重新承诺并公布，再产生新的种子",
              en: "draw with the rules as committed; if they must change, commit and publish again, then draw a new seed")),
          path: commitment.path, language: language)
      }
      spec.commitment = commitment.sha256
    }
    let drawn =
      try selectionPath.map {
        try selectionOrReport(spec, selectionPath: $0, inspectorsPath: inspectorsPath, language: language)
      } ?? drawOrReport(spec, targetsPath: targetsPath, inspectorsPath: inspectorsPath, language: language)
    guard let result = drawn else { return ExitCode.inputErrors }
    if let commitment, let recorded = try? commitment.recorded.get() {
      guard
        try inputsAgree(
          recorded, targets: (targetsPath, result.targets), inspectors: (inspectorsPath, result.inspectors),
          commitmentPath: commitment.path, language: language)
      else { return ExitCode.inputErrors }
    }
    // Coverage below the plan's minimum (W0704), said at the plan's field: in the rules' sources.
    CLI.write(renderer.render(Drawer.coverageFindings(result), sources: compilation.sources))
    let out = parsed.value("--out") ?? "build"
    let record = "draw-\(plan.year).json"
    // The year's own manifest: a build, or another year's draw, in the same directory is not touched.
    let outcome = try OutputDirectory.write(
      out, manifest: Manifest.draw(year: plan.year), command: "draw",
      documents: [
        .init(name: record) { try DrawDocument.writeJSON(result, to: $0) },
        .init(name: "draw-\(plan.year).csv") { try DrawDocument.writeCSV(result, to: $0) },
      ],
      confirm: { written in
        guard !parsed.flag("--replace"), let entry = written.first(where: { $0.name == record }) else { return }
        try keepPublished(out: out, record: record, entry, seedHash: result.seedHash)
      })
    let visits = result.tasks.reduce(0) { $0 + $1.visitCount }
    let shown = Shown.path(out)
    CLI.write(
      language == .zh
        ? "已写出 \(shown)/draw-\(plan.year).json、draw-\(plan.year).csv（运行清单 \(Manifest.draw(year: plan.year))）：\(result.tasks.count) 个任务，抽中 \(visits) 户次；种子哈希 \(result.seedHash)\n"
        : "wrote \(shown)/draw-\(plan.year).json and .csv (manifest \(Manifest.draw(year: plan.year))): \(result.tasks.count) tasks, \(visits) visits; seed hash \(result.seedHash)\n")
    CLI.write(summaryText(Drawer.summary(result), language: language))
    CLI.write(outcome.report(out: out, manifest: Manifest.draw(year: plan.year), language: language))
    return ExitCode.success
  }

  /// The summary (recorded in the document as `summary`): overall, then one line per department.
  static func summaryText(_ summary: Drawer.Summary, language: Language) -> String {
    func line(_ part: Drawer.Summary.Part) -> String {
      let joint = percentText(part.joint, of: part.multiDepartment) ?? "—"
      let classes = part.byClass.map { "\($0.riskClass) \(percentText($0.entities, of: part.entities) ?? "—")" }.joined(separator: " ")
      let loads = part.loadMin.map { "\($0)–\(part.loadMax!)" } ?? "—"
      let coverage = summary.coverage(part) ?? "—"
      return language == .zh
        ? "抽中 \(part.entities) 户（覆盖率 \(coverage)）；多部门检查的 \(part.multiDepartment) 户中联合检查 \(part.joint) 户（\(joint)）；信用风险分类 \(classes)；执法人员负荷 \(loads) 次"
        : "\(part.entities) entities (coverage \(coverage)); of the \(part.multiDepartment) visited by more than one department, \(part.joint) jointly (\(joint)); risk classes \(classes); inspector loads \(loads)"
    }
    let base =
      language == .zh
      ? "  覆盖率的基数：\(summary.base) 户（\(summary.baseFromDirectory ? "检查对象名录的行数；计划可写 企业基数 N" : "计划的企业基数")）\n"
      : "  coverage base: \(summary.base) (\(summary.baseFromDirectory ? "the target directory's rows; a plan may give enterprise-base N" : "the plan's enterprise-base"))\n"
    var text = base + "  " + (language == .zh ? "合计：" : "overall: ") + line(summary.overall) + "\n"
    for (code, part) in summary.departments { text += "  \(code)：".replacingOccurrences(of: "：", with: language == .zh ? "：" : ": ") + line(part) + "\n" }
    return text
  }

  /// A draw, once written, is the year's public record (“一公开”): a draw that can be run again
  /// with another seed, other directories or other rules until its result pleases is no random
  /// draw. So a draw whose `record` differs from the one already in `out` is refused, before
  /// anything is renamed into place, unless `--replace` says that is meant (a draw not yet
  /// published, made again). Drawing again what is there (same seed, directories and rules) gives
  /// the same bytes and is allowed: anyone may re-run it.
  static func keepPublished(out: String, record: String, _ entry: Manifest.Entry, seedHash: String) throws {
    let path = out.hasSuffix("/") ? out + record : out + "/" + record
    guard let size = Manifest.size(path) else { return }
    if size == entry.size, let found = Manifest.digest(path), found.sha256 == entry.sha256 { return }
    // What the record there was drawn with, for the message (a file that is no draw document says so).
    var was = Text(zh: "它不是可读的抽取结果", en: "it is not a readable draw document")
    if case .success(let recorded)? = try? VerifyCommand.readDocument(path) {
      let seed = Shown.text(recorded.spec.seed)
      let hash = SHA256.hex(SHA256.hash(Array(recorded.spec.seed.utf8))).prefix(16)
      was = Text(
        zh: "它用种子“\(seed)”（种子哈希 \(hash)…）抽取，这次的种子哈希是 \(seedHash.prefix(16))…；种子、名录或规则有所不同",
        en: "it was drawn with the seed '\(seed)' (seed hash \(hash)…), this draw's seed hash is \(seedHash.prefix(16))…; the seed, the directories or the rules differ")
      if recorded.spec.algorithm != .current {
        // Drawn by an earlier version: it stays the record, and stays verifiable as it is.
        let old = recorded.spec.algorithm.rawValue
        was = Text(
          zh: "它用种子“\(seed)”、按算法 \(old) 抽取，这次按 \(Drawer.Algorithm.current.rawValue)，执法人员的匹配不同；"
            + "已有的抽取结果不必重抽，choucha verify 仍按 \(old) 逐字节核对它",
          en: "it was drawn with the seed '\(seed)' by \(old), this draw follows \(Drawer.Algorithm.current.rawValue), whose matching differs; "
            + "the draw there need not be made again: choucha verify still checks it byte for byte by \(old)")
      }
    }
    throw UsageError(
      message: "choucha: \(Shown.path(path)) 已是这一年度的抽取结果，这次抽取的结果与之不同，未写出任何文件：\(was.zh)\n"
        + "  = 帮助：抽取结果公示后不得重抽；如果它尚未公示、确需重新抽取，加 --replace（原文件将被替换），或用 --out 写到另一个目录\n"
        + "choucha: \(Shown.path(path)) is already this year's draw and this draw differs; nothing was written: \(was.en)\n"
        + "  = help: a published draw is not drawn again; if it was never published and must be redrawn, add --replace (the file is replaced), or write elsewhere with --out")
  }

  /// Reads the directories and draws; prints the diagnostics and returns nil if anything fails.
  /// Warnings (an absent optional column, or, in `verify`, what today's reading finds in the
  /// directories of a published draw) are printed and do not stop it.
  static func drawOrReport(
    _ spec: Drawer.Spec, targetsPath: String, inspectorsPath: String, language: Language,
    reading: Directories.Reading = .current
  ) throws -> Drawer.Result? {
    // The target directory may have millions of rows: the draw reads it in chunks (every open
    // judged again on its descriptor, `FileByteSource`), and it is read whole only when there is
    // something in it to show. Here it is only judged: a regular file, or a usage error.
    _ = try NamedFile(targetsPath, role: NamedFile.targets)
    let inspectorBytes = try readInspectors(inspectorsPath)
    let (result, diagnostics) = Drawer.run(
      spec, targets: FileByteSource.directory(id: 0, path: targetsPath),
      inspectors: SourceFile(id: 1, path: inspectorsPath, bytes: inspectorBytes), reading: reading,
      hooks: Runtime.drawHooks)
    var sources = SourceMap()
    if !diagnostics.isEmpty {
      // What the messages show of the target directory: its first bytes when that is all they
      // point at (a file refused by its first bytes may be gigabytes), else the whole.
      var reach = 0
      for diagnostic in diagnostics {
        for span in [diagnostic.span] + diagnostic.labels.map(\.span) where span.file == 0 { reach = max(reach, span.end) }
      }
      let targetsFile = try NamedFile(targetsPath, role: NamedFile.targets)
      // One byte more than `checkStart` looks at: whether the file goes on.
      var targetBytes = try targetsFile.read(upTo: Directories.startLength + 1)
      // A directory in GB18030 is read converted to UTF-8, and the positions past the first
      // bytes' check are in the converted text: it is shown converted, so it is read whole —
      // unless the draw stopped at that check (`Drawer.run` makes it first, on either file):
      // then every position is in the bytes as they are.
      let stoppedAtStart = [targetBytes, inspectorBytes].contains { bytes in
        bytes.withUnsafeBufferPointer {
          Directories.checkStart(
            UnsafeBufferPointer(rebasing: $0.prefix(Directories.startLength)), whole: $0.count <= Directories.startLength,
            what: Directories.targetsName, file: 0) != nil
        }
      }
      let plainPrefix = String(validating: targetBytes.prefix(max(0, targetBytes.count - 4)), as: UTF8.self) != nil
      var whole = targetBytes.count <= Directories.startLength
      if !whole, reach >= Directories.startLength || (!stoppedAtStart && !plainPrefix) {
        targetBytes += try targetsFile.readRest()
        whole = true
      } else if !whole {
        targetBytes.removeLast()
      }
      // (Only a whole file is converted: a first megabyte of UTF-8 cut inside a character is
      // no GB18030 text.)
      sources.add(path: targetsPath, bytes: stoppedAtStart || !whole ? targetBytes : Self.shown(targetBytes, path: targetsPath))
      sources.add(path: inspectorsPath, bytes: stoppedAtStart ? inspectorBytes : Self.shown(inspectorBytes, path: inspectorsPath))
    }
    say(diagnostics, sources: sources, drawn: result != nil, language: language)
    return result
  }

  /// Prints a draw's diagnostics and, when it drew nothing, that nothing was written.
  static func say(_ diagnostics: [Diagnostic], sources: SourceMap, drawn: Bool, language: Language) {
    CLI.write(HumanRenderer(language: language).render(diagnostics.sortedForDisplay(sources), sources: sources))
    guard !drawn else { return }
    let errors = diagnostics.filter { $0.severity == .error }.count
    CLI.write(language == .zh ? "抽取中止：\(errors) 个错误，未写出任何文件。\n" : "draw stopped: \(errors) error(s); nothing was written.\n")
  }

  /// Checks an engine's selection and finishes the draw from it (`SelectionFile.draw`); prints the
  /// diagnostics and returns nil if anything fails.
  static func selectionOrReport(
    _ spec: Drawer.Spec, selectionPath: String, inspectorsPath: String, language: Language
  ) throws -> Drawer.Result? {
    let selectionBytes = try NamedFile(selectionPath, role: NamedFile.selection).readRest()
    let inspectorBytes = try readInspectors(inspectorsPath)
    let selection = SourceFile(id: 0, path: selectionPath, bytes: selectionBytes)
    let inspectors = SourceFile(id: 1, path: inspectorsPath, bytes: inspectorBytes)
    let (result, diagnostics) = SelectionFile.draw(
      spec, selection: selection, fingerprint: DrawSpecification.fingerprint(spec), inspectors: inspectors)
    var sources = SourceMap()
    sources.add(path: selectionPath, bytes: selectionBytes)
    sources.add(path: inspectorsPath, bytes: Self.shown(inspectorBytes, path: inspectorsPath))
    say(diagnostics, sources: sources, drawn: result != nil, language: language)
    return result
  }

  /// A directory's bytes as the draw read them past the first bytes' check: UTF-8 as they are,
  /// GB18030 converted (`Directories.text`); bytes that are neither are shown as they are, which
  /// is where the encoding error points.
  static func shown(_ bytes: [UInt8], path: String) -> [UInt8] {
    let (text, problems) = Directories.text(SourceFile(id: 0, path: path, bytes: bytes), what: Directories.targetsName)
    return problems.isEmpty ? text.bytes : bytes
  }

  /// No inspectors' table is this large: a quarter of a gigabyte is millions of officers.
  static let inspectorsLimit = 256 << 20

  /// The inspectors' table: refused when it is no regular file or larger than `inspectorsLimit`,
  /// and its first bytes checked (`Directories.checkStart`, as the target directory's) before the
  /// rest is read. Implausible first bytes are returned alone: the draw says what is wrong with them.
  static func readInspectors(_ path: String) throws -> [UInt8] {
    let file = try NamedFile(path, role: NamedFile.inspectors)
    let why = Text(zh: "执法检查人员名录不会这么大", en: "no inspector directory is that large")
    try file.refuse(above: inspectorsLimit, why: why)
    // One byte more than `checkStart` looks at: whether the file goes on.
    let start = try file.read(upTo: Directories.startLength + 1)
    let implausible = start.withUnsafeBufferPointer {
      Directories.checkStart(
        UnsafeBufferPointer(rebasing: $0.prefix(Directories.startLength)), whole: $0.count <= Directories.startLength,
        what: Directories.inspectorsName, file: 1)
    }
    if implausible != nil || start.count <= Directories.startLength { return start }
    return start + (try file.readRest(limit: inspectorsLimit, why: why))
  }

  /// The SHA-256 of a file the user named, read in chunks.
  static func sha256(_ path: String, role: Text) throws -> String {
    let file = try NamedFile(path, role: role)
    var hasher = SHA256Hasher()
    while case let chunk = try file.read(upTo: 8 << 20), !chunk.isEmpty {
      chunk.withUnsafeBytes { hasher.update($0) }
    }
    return SHA256.hex(hasher.finalize())
  }
}

enum VerifyCommand {
  static let usage = """
    用法 Usage: choucha verify draw-YYYY.json --targets FILE.csv --inspectors FILE.csv [--commitment FILE] [--lang zh|en]
           choucha verify draw-YYYY.json [--targets FILE.csv] [--selection FILE] --inspectors FILE.csv …  (draw --selection)
           choucha verify draw-YYYY.json --sql duckdb|postgres|spark [--table NAME]   (choucha verify x --sql x --help)
      用抽取结果中记录的种子和任务，以及同样的两个名录，重新计算并逐字节比对；名录被改动过（SHA-256 不同）则拒绝。
      旁边的运行清单（draw-YYYY.manifest.json）记为未完成或与文件不符时也拒绝。
      Recomputes a draw from the document and the same directories, and compares byte for byte;
      also refuses a draw whose manifest says it was interrupted or lists other bytes.
      --selection FILE   由引擎选取结果完成的抽取（记录名录的内容摘要）：核对该选取结果并重新完成；加 --targets 时
                         核对名录的内容摘要并由名录本身重新计算 / a draw finished from an engine's selection: finish
                         that selection again; with --targets, check the directory's content digest and recompute from it
      --commitment FILE  核对抽取结果记录的承诺书：SHA-256、年度、算法和名录与之相同 / check the commitment the
                         draw records: its SHA-256, year, algorithm and directories
    退出码 Exit: 0 一致 · 1 不一致、名录已改动、文档中的值越界、运行未完成或与运行清单不符 · 2 用法或读写错误、不是抽取结果
    """

  static func run(_ arguments: [String]) throws -> Int32 {
    // `--sql ENGINE`: the query that re-checks the draw in a database (SQLCommand).
    if let status = try SQLCommand.verify(arguments) { return status }
    let parsed = try ArgumentParser(
      arguments, valueOptions: ["--lang", "--targets", "--inspectors", "--commitment", "--selection"],
      flagOptions: ["--help", "-h"], usage: usage)
    if parsed.flag("--help") || parsed.flag("-h") {
      print(usage)
      return ExitCode.success
    }
    let language = try parsed.choice("--lang", default: Language.zh, usage: usage)
    guard parsed.positional.count == 1, parsed.value("--targets") != nil || parsed.value("--selection") != nil,
      let inspectorsPath = parsed.value("--inspectors")
    else { throw UsageError(message: usage) }
    let targetsPath = parsed.value("--targets") ?? ""
    let path = parsed.positional[0]
    // The document is untrusted: its first bytes and size are checked before it is read, and
    // every value before any arithmetic (`DrawDocument.read`).
    let document: DrawDocument.Recorded
    switch try readDocument(path) {
    case .success(let read): document = read
    case .failure(let problem) where problem.kind == .notADocument:
      throw UsageError(
        message: "choucha: “\(path)”不是 choucha/draw 抽取结果 / not a choucha/draw document: \(problem.message(language))\n  = \(language == .zh ? "帮助" : "help"): \(problem.help(language))")
    case .failure(let problem):
      CLI.write("\(path): \(language == .zh ? "错误" : "error"): \(problem.message(language))\n  = \(language == .zh ? "帮助" : "help"): \(problem.help(language))\n")
      return ExitCode.inputErrors
    }
    // The manifest beside the document: an interrupted draw, or a file changed since, is said
    // before the draw is re-run (after the checks above, so an implausible file is never hashed).
    guard ManifestCheck.verify(document: path, language: language) else { return ExitCode.inputErrors }
    if let commitmentPath = parsed.value("--commitment") {
      guard try DrawCommand.verifyCommitment(commitmentPath, document: document, language: language) else {
        return ExitCode.inputErrors
      }
    } else if let recorded = document.spec.commitment {
      CLI.write(
        language == .zh
          ? "注：抽取按 SHA-256 为 \(recorded) 的承诺书进行；加 --commitment 核对公布的承诺书。\n"
          : "note: the draw was checked against the commitment with SHA-256 \(recorded); add --commitment to check the published one.\n")
    }
    let (spec, targetsHash, inspectorsHash) = (document.spec, document.targets, document.inspectors)
    if let content = document.targetsContent {
      return try verifySelectionDraw(
        document, content: content, path: path, targetsPath: parsed.value("--targets"),
        selectionPath: parsed.value("--selection"), inspectorsPath: inspectorsPath, language: language)
    }
    guard parsed.value("--selection") == nil, !targetsPath.isEmpty else {
      throw UsageError(
        message: "choucha: 这份抽取结果由检查对象名录本身抽出，用 --targets 核对 / this draw was made from the target directory itself: verify it with --targets\n\n\(usage)")
    }
    for (path, recorded, role) in [
      (targetsPath, targetsHash, NamedFile.targets), (inspectorsPath, inspectorsHash, NamedFile.inspectors),
    ] {
      let actual = try DrawCommand.sha256(path, role: role)
      if actual != recorded {
        CLI.write(
          language == .zh
            ? "不一致：“\(path)”的 SHA-256 为 \(actual)，抽取时记录的是 \(recorded)：名录在抽取后被改动过。\n"
            : "mismatch: \(path) has SHA-256 \(actual), the draw recorded \(recorded): the directory changed after the draw.\n")
        return ExitCode.inputErrors
      }
    }
    guard
      let result = try DrawCommand.drawOrReport(
        spec, targetsPath: targetsPath, inspectorsPath: inspectorsPath, language: language, reading: .published)
    else { return ExitCode.inputErrors }
    return try compare(result, path: path, language: language)
  }

  /// A draw finished from an engine's selection (its document records the directory's content
  /// digest): with `--selection`, the selection it was finished from (its SHA-256 as recorded),
  /// finished again; with `--targets`, the directory (its content digest and rows as recorded),
  /// whose full selection is made and finished; with both, both. Then byte for byte.
  static func verifySelectionDraw(
    _ document: DrawDocument.Recorded, content: (digest: String, rows: Int, method: Commitment.DigestMethod), path: String, targetsPath: String?,
    selectionPath: String?, inspectorsPath: String, language: Language
  ) throws -> Int32 {
    func mismatch(_ zh: String, _ en: String) -> Int32 {
      CLI.write(language == .zh ? "不一致：\(zh)\n" : "mismatch: \(en)\n")
      return ExitCode.inputErrors
    }
    let inspectorsHash = try DrawCommand.sha256(inspectorsPath, role: NamedFile.inspectors)
    guard inspectorsHash == document.inspectors else {
      return mismatch(
        "“\(inspectorsPath)”的 SHA-256 为 \(inspectorsHash)，抽取时记录的是 \(document.inspectors)：名录在抽取后被改动过。",
        "\(inspectorsPath) has SHA-256 \(inspectorsHash), the draw recorded \(document.inspectors): the directory changed after the draw.")
    }
    var results: [Drawer.Result] = []
    if let targetsPath {
      let bytes = try NamedFile(targetsPath, role: NamedFile.targets).readRest()
      let file = SourceFile(id: 0, path: targetsPath, bytes: bytes)
      // By the method the document records (v1 for a document written before v2).
      let found = Commitment.contentDigest(file, inspectors: false, method: content.method)
      guard let found, found.digest == content.digest, found.rows == content.rows else {
        return mismatch(
          "“\(targetsPath)”的内容摘要为 \(found?.digest ?? "（无法计算）")（\(found?.rows ?? 0) 行），抽取时选取结果记录的是 \(content.digest)（\(content.rows) 行）：不是引擎查询的名录。",
          "\(targetsPath) has the content digest \(found?.digest ?? "(none)") (\(found?.rows ?? 0) rows), the draw's selection recorded \(content.digest) (\(content.rows) rows): not the directory the engine queried.")
      }
      let inspectors = SourceFile(id: 1, path: inspectorsPath, bytes: try DrawCommand.readInspectors(inspectorsPath))
      let (result, diagnostics) = SelectionFile.redraw(
        document.spec, targets: file, inspectors: inspectors, selectionSHA256: document.targets, method: content.method)
      var sources = SourceMap()
      sources.add(path: targetsPath, bytes: bytes)
      sources.add(path: inspectorsPath, bytes: inspectors.bytes)
      CLI.write(HumanRenderer(language: language).render(diagnostics.sortedForDisplay(sources), sources: sources))
      guard let result else { return ExitCode.inputErrors }
      results.append(result)
    }
    if let selectionPath {
      let hash = try DrawCommand.sha256(selectionPath, role: NamedFile.selection)
      guard hash == document.targets else {
        return mismatch(
          "“\(selectionPath)”的 SHA-256 为 \(hash)，抽取时记录的是 \(document.targets)：不是抽取所用的选取结果。",
          "\(selectionPath) has SHA-256 \(hash), the draw recorded \(document.targets): not the selection the draw was finished from.")
      }
      guard
        let result = try DrawCommand.selectionOrReport(
          document.spec, selectionPath: selectionPath, inspectorsPath: inspectorsPath, language: language)
      else { return ExitCode.inputErrors }
      results.append(result)
    }
    for result in results {
      let status = try compare(result, path: path, language: language)
      guard status == ExitCode.success else { return status }
    }
    return ExitCode.success
  }

  /// The recomputed document against the file, byte for byte.
  static func compare(_ result: Drawer.Result, path: String, language: Language) throws -> Int32 {
    // The recomputed document is compared piece by piece with the file as it is written: neither
    // is held whole (180 MB each at ten million rows).
    let recordedFile = try NamedFile(path, role: NamedFile.document)
    let comparison = ByteComparison { try recordedFile.read(upTo: ByteWriter.defaultPieceSize) }
    try DrawDocument.writeJSON(result, to: comparison)
    guard let difference = try comparison.finish() else {
      CLI.write(language == .zh ? "一致：重新计算的抽取结果与文件逐字节相同。\n" : "verified: the recomputed draw is byte-identical.\n")
      return ExitCode.success
    }
    let recorded = difference.recorded.map { String(decoding: $0, as: UTF8.self) } ?? "(end)"
    let computed = difference.recomputed.map { String(decoding: $0, as: UTF8.self) } ?? "(end)"
    CLI.write(
      language == .zh
        ? "不一致：第 \(difference.line) 行\n  文件中：\(recorded)\n  重新计算：\(computed)\n"
        : "mismatch at line \(difference.line)\n  recorded:   \(recorded)\n  recomputed: \(computed)\n")
    return ExitCode.inputErrors
  }

  /// A draw of ten million rows writes 180 MB; a document twenty times that is no draw.
  static let maximumSize = 4 << 30

  /// The document's specification: its size and first bytes checked before it is read, then
  /// mapped (not copied) and skimmed front to back, so that a huge or hostile file costs neither
  /// the time nor the memory of reading it whole.
  static func readDocument(_ path: String) throws -> Result<DrawDocument.Recorded, DrawDocument.Problem> {
    let file = try NamedFile(path, role: NamedFile.document)
    try file.refuse(above: maximumSize, why: Text(zh: "不是 choucha draw 写出的文件", en: "no draw document is that large"))
    let start = try file.read(upTo: 4096)
    if let problem = start.withUnsafeBytes({ DrawDocument.checkStart($0) }) { return .failure(problem) }
    return try file.mapped { DrawDocument.read($0) }
  }
}
