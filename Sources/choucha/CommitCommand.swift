import ChouchaCore
import ChouchaDraw
import Foundation

/// `choucha draw --commit` and the commitment's checks in `draw --commitment` and `verify
/// --commitment`: the directories and the rules fixed and published before the seed exists
/// (`Commitment`).
extension DrawCommand {
  static let commitmentRole = Text(zh: "承诺书（--commitment）", en: "commitment (--commitment)")

  /// The file names of a year's commitment and its manifest.
  static func commitmentName(year: Int) -> String { "commitment-\(year).json" }
  static func commitmentManifest(year: Int) -> String { "commitment-\(year).manifest.json" }

  /// `--year`, checked; nil when not given.
  static func year(_ parsed: ArgumentParser) throws -> Int? {
    try parsed.value("--year").map { text -> Int in
      guard let value = Int(text), DrawDocument.years.contains(value) else {
        throw UsageError(message: "choucha: --year 的值“\(text)”不是 1900–2999 的年度 / '\(text)' is not a year (1900–2999)\n\n\(usage)")
      }
      return value
    }
  }

  /// A commitment file as given: its SHA-256 and what it records (or why it records nothing).
  struct GivenCommitment {
    var path: String
    var sha256: String
    var recorded: Result<Commitment.Recorded, DrawDocument.Problem>
  }

  static func readCommitment(_ path: String) throws -> GivenCommitment {
    let file = try NamedFile(path, role: commitmentRole)
    try file.refuse(above: Commitment.maximumSize, why: Text(zh: "承诺书不会这么大", en: "no commitment is that large"))
    let bytes = try file.readRest(limit: Commitment.maximumSize)
    return GivenCommitment(path: path, sha256: SHA256.hex(SHA256.hash(bytes)), recorded: Commitment.read(bytes))
  }

  static func commitmentProblem(_ field: String, _ message: Text, help: Text) -> DrawDocument.Problem {
    DrawDocument.Problem(invalid: field, message: message, help: help)
  }

  /// Prints a problem of the commitment at `path` (located by its field) and that nothing was
  /// written; the exit code: 2 for a file that is no commitment, else 1.
  static func report(_ problem: DrawDocument.Problem, path: String, language: Language) -> Int32 {
    let zh = language == .zh
    CLI.write(
      "\(path): \(zh ? "错误" : "error"): \(problem.field): \(problem.message(language))\n  = \(zh ? "帮助" : "help"): \(problem.help(language))\n"
        + (zh ? "未写出任何文件。\n" : "nothing was written.\n"))
    return problem.kind == .notADocument ? ExitCode.usage : ExitCode.inputErrors
  }

  /// `draw --commit`: reads the two directories as the draw would, and writes
  /// `commitment-YYYY.json` (with its manifest) if they have no errors.
  static func commit(_ parsed: ArgumentParser, targetsPath: String, inspectorsPath: String, language: Language) throws -> Int32 {
    let year = try self.year(parsed)
    let compilation = try Repository(path: parsed.positional.first ?? "Rules").compile()
    let renderer = HumanRenderer(language: language)
    CLI.write(renderer.render(compilation.diagnostics, sources: compilation.sources))
    guard !compilation.hasErrors else { return ExitCode.inputErrors }
    guard let plan = Planner.plan(compilation.program, year: year) else {
      throw UsageError(message: "choucha: 没有可用的年度计划，请用 --year 指定 / no plan: choose one with --year")
    }
    let spec = Drawer.spec(plan, seed: "")
    // The directories whole: a commitment is made once, before the seed, and reads every row.
    let targetBytes = try NamedFile(targetsPath, role: NamedFile.targets).readRest()
    let inspectorBytes = try readInspectors(inspectorsPath)
    let targetsFile = SourceFile(id: 0, path: targetsPath, bytes: targetBytes)
    let inspectorsFile = SourceFile(id: 1, path: inspectorsPath, bytes: inspectorBytes)
    let (_, targetsPrint, targetProblems) = Directories.targets(targetsFile, classes: spec.classes)
    let (_, inspectorsPrint, inspectorProblems) = Directories.inspectors(inspectorsFile, departments: spec.departments)
    let diagnostics = targetProblems + inspectorProblems
    var sources = SourceMap()
    sources.add(path: targetsPath, bytes: shown(targetBytes, path: targetsPath))
    sources.add(path: inspectorsPath, bytes: shown(inspectorBytes, path: inspectorsPath))
    CLI.write(renderer.render(diagnostics.sortedForDisplay(sources), sources: sources))
    let errors = diagnostics.filter { $0.severity == .error }.count
    guard errors == 0, let targetsDigest = Commitment.contentDigest(targetsFile, inspectors: false),
      let inspectorsDigest = Commitment.contentDigest(inspectorsFile, inspectors: true)
    else {
      CLI.write(language == .zh ? "承诺中止：\(errors) 个错误，未写出任何文件。\n" : "commitment stopped: \(errors) error(s); nothing was written.\n")
      return ExitCode.inputErrors
    }
    let targets = Commitment.Input(
      sha256: targetsPrint.sha256, rows: targetsPrint.rows, columns: targetsPrint.columns, contentDigest: targetsDigest.digest)
    let inspectors = Commitment.Input(
      sha256: inspectorsPrint.sha256, rows: inspectorsPrint.rows, columns: inspectorsPrint.columns,
      contentDigest: inspectorsDigest.digest)
    let bytes = Commitment.json(spec, targets: targets, inspectors: inspectors)
    let out = parsed.value("--out") ?? "build"
    let name = commitmentName(year: plan.year)
    let manifest = commitmentManifest(year: plan.year)
    let outcome = try OutputDirectory.write(
      out, manifest: manifest, command: "draw",
      documents: [.init(name: name) { sink in try bytes.withUnsafeBytes { try sink.write($0) } }],
      confirm: { written in
        guard !parsed.flag("--replace"), let entry = written.first(where: { $0.name == name }) else { return }
        try keepPublishedCommitment(out: out, name: name, entry)
      })
    let sha256 = SHA256.hex(SHA256.hash(bytes))
    let shownOut = Shown.path(out)
    CLI.write(
      language == .zh
        ? "已写出 \(shownOut)/\(name)（运行清单 \(manifest)）：\(spec.tasks.count) 个任务；检查对象 \(targets.rows) 行，执法人员 \(inspectors.rows) 行；承诺书 SHA-256 \(sha256)\n"
          + "  下一步：公布承诺书，再公开产生种子，然后 choucha draw … --seed 种子 --commitment \(shownOut)/\(name)\n"
        : "wrote \(shownOut)/\(name) (manifest \(manifest)): \(spec.tasks.count) tasks; \(targets.rows) target rows, \(inspectors.rows) inspector rows; commitment SHA-256 \(sha256)\n"
          + "  next: publish the commitment, then produce the seed in public, then choucha draw … --seed SEED --commitment \(shownOut)/\(name)\n")
    CLI.write(outcome.report(out: out, manifest: manifest, language: language))
    return ExitCode.success
  }

  /// A commitment, once published, is what the year's draw is held to: a different one of the
  /// year in `out` is refused unless `--replace` says it was never published.
  static func keepPublishedCommitment(out: String, name: String, _ entry: Manifest.Entry) throws {
    let path = out.hasSuffix("/") ? out + name : out + "/" + name
    guard let size = Manifest.size(path) else { return }
    if size == entry.size, let found = Manifest.digest(path), found.sha256 == entry.sha256 { return }
    throw UsageError(
      message: "choucha: \(Shown.path(path)) 已是这一年度的承诺书，这次的内容与之不同（规则或名录有改动），未写出任何文件\n"
        + "  = 帮助：承诺书公布后不得更改；如果它尚未公布，加 --replace（原文件将被替换），或用 --out 写到另一个目录\n"
        + "choucha: \(Shown.path(path)) is already this year's commitment and this one differs (the rules or directories changed); nothing was written\n"
        + "  = help: a published commitment is not changed; if it was never published, add --replace (the file is replaced), or write elsewhere with --out")
  }

  /// After the draw has read the directories: their SHA-256, rows and columns against the
  /// commitment's. A file whose SHA-256 differs is refused, and the message says whether its
  /// content digest still agrees (the same rows in another encoding or order) or not.
  static func inputsAgree(
    _ recorded: Commitment.Recorded, targets: (String, Directories.Fingerprint), inspectors: (String, Directories.Fingerprint),
    commitmentPath: String, language: Language
  ) throws -> Bool {
    for (name, (path, print), committed, isInspectors) in [
      ("targets", targets, recorded.targets, false), ("inspectors", inspectors, recorded.inspectors, true),
    ] {
      let role = isInspectors ? Directories.inspectorsName : Directories.targetsName
      var differences: [Text] = []
      var field = "inputs.\(name).sha256"
      if let digest = print.contentDigest {
        // A draw finished from an engine's selection (`--selection`): the directory is known by
        // its content digest, which the query computed.
        field = "inputs.\(name).contentDigest"
        if print.contentDigestMethod != recorded.method {
          // Two definitions of the digest: the values cannot be compared.
          differences.append(
            Text(
              zh: "选取结果的内容摘要按 \(print.contentDigestMethod.rawValue) 计算，承诺书的按 \(recorded.method.rawValue)，无法比较；用承诺的名录文件（--targets）抽取",
              en: "the selection's content digest is by \(print.contentDigestMethod.rawValue), the commitment's by \(recorded.method.rawValue), which cannot be compared; draw from the committed directory file (--targets)"))
        } else if digest != committed.contentDigest {
          differences.append(
            Text(
              zh: "选取结果的内容摘要为 \(digest)，承诺的是 \(committed.contentDigest)：查询所用的名录与承诺的不同",
              en: "the selection's content digest is \(digest), the commitment's \(committed.contentDigest): the query ran on another directory"))
        }
      } else if print.sha256 != committed.sha256 {
        // What differs: the rows, or only their encoding or order.
        let bytes = try NamedFile(path, role: isInspectors ? NamedFile.inspectors : NamedFile.targets).readRest()
        let digest = Commitment.contentDigest(
          SourceFile(id: 0, path: path, bytes: bytes), inspectors: isInspectors, method: recorded.method)?.digest
        let content =
          digest == committed.contentDigest
          ? Text(
            zh: "内容摘要相同：同样的行，编码或行序不同，但公布的是那一份文件",
            en: "the content digest agrees: the same rows in another encoding or order, but the committed file is another")
          : Text(
            zh: "内容摘要也不同（\(digest.map { String($0.prefix(16)) + "…" } ?? "无法计算")，承诺的是 \(committed.contentDigest.prefix(16))…）：行有改动",
            en: "the content digest differs too (\(digest.map { String($0.prefix(16)) + "…" } ?? "none"), committed \(committed.contentDigest.prefix(16))…): rows changed")
        differences.append(
          Text(
            zh: "SHA-256 为 \(print.sha256)，承诺的是 \(committed.sha256)；\(content.zh)",
            en: "its SHA-256 is \(print.sha256), the commitment's \(committed.sha256); \(content.en)"))
      }
      if print.rows != committed.rows {
        if differences.isEmpty { field = "inputs.\(name).rows" }
        differences.append(Text(zh: "有 \(print.rows) 行，承诺的是 \(committed.rows) 行", en: "it has \(print.rows) rows, the commitment \(committed.rows)"))
      }
      if print.contentDigest == nil, print.columns != committed.columns {
        if differences.isEmpty { field = "inputs.\(name).columns" }
        differences.append(
          Text(
            zh: "列为 \(print.columns.joined(separator: "、"))，承诺的是 \(committed.columns.joined(separator: "、"))",
            en: "its columns are \(print.columns.joined(separator: ", ")), the commitment's \(committed.columns.joined(separator: ", "))"))
      }
      guard differences.isEmpty else {
        _ = report(
          commitmentProblem(
            field,
            Text(
              zh: "\(role.zh)“\(path)”与承诺书不同：\(differences.map(\.zh).joined(separator: "；"))",
              en: "the \(role.en) \(path) differs from the commitment: \(differences.map(\.en).joined(separator: "; "))"),
            help: Text(
              zh: "用承诺并公布的那一份名录抽取；名录确需改动时，重新承诺并公布，再产生新的种子",
              en: "draw with the directory as committed and published; if it must change, commit and publish again, then draw a new seed")),
          path: commitmentPath, language: language)
        return false
      }
    }
    return true
  }

  /// `verify --commitment FILE`: the document records FILE's SHA-256, and FILE commits to the
  /// document's year, algorithm, specification and directories. Prints what it finds.
  static func verifyCommitment(_ path: String, document: DrawDocument.Recorded, language: Language) throws -> Bool {
    let given = try readCommitment(path)
    func mismatch(_ zh: String, _ en: String) -> Bool {
      CLI.write((language == .zh ? "不一致：" + zh : "mismatch: " + en) + "\n")
      return false
    }
    guard let recordedHash = document.spec.commitment else {
      return mismatch(
        "抽取结果没有记录承诺书（抽取时没有 --commitment），无法与“\(path)”对应。",
        "the draw records no commitment (it was drawn without --commitment); it cannot be tied to \(path).")
    }
    guard recordedHash == given.sha256 else {
      return mismatch(
        "“\(path)”的 SHA-256 为 \(given.sha256)，抽取结果记录的承诺书是 \(recordedHash)。",
        "\(path) has SHA-256 \(given.sha256), the draw records the commitment \(recordedHash).")
    }
    let recorded: Commitment.Recorded
    switch given.recorded {
    case .success(let read): recorded = read
    case .failure(let problem):
      return mismatch(
        "“\(path)”\(problem.field)：\(problem.message.zh)", "\(path) \(problem.field): \(problem.message.en)")
    }
    let spec = document.spec
    var differences: [String] = []
    if recorded.year != spec.year { differences.append("year") }
    if recorded.algorithm != spec.algorithm.rawValue { differences.append("algorithm") }
    if let place = Commitment.specificationDifference(recorded, spec) { differences.append(place) }
    if recorded.targets.sha256 != document.targets { differences.append("inputs.targets.sha256") }
    if recorded.inspectors.sha256 != document.inspectors { differences.append("inputs.inspectors.sha256") }
    guard differences.isEmpty else {
      let list = differences.joined(separator: ", ")
      return mismatch("承诺书“\(path)”与抽取结果不同：\(list)。", "the commitment \(path) differs from the draw at \(list).")
    }
    CLI.write(
      language == .zh
        ? "承诺书 \(path)：SHA-256、年度、算法、抽取规格和名录与抽取结果相同。\n"
        : "commitment \(path): its SHA-256, year, algorithm, specification and directories are the draw's.\n")
    return true
  }
}
