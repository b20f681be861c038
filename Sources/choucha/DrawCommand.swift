import ChouchaCore
import Foundation

/// `choucha draw` and `choucha verify`: the public, re-runnable double-random draw.
enum DrawCommand {
  static let usage = """
    用法 Usage: choucha draw [PATH] --targets FILE.csv --inspectors FILE.csv --seed TEXT [--year YYYY] [--out DIR] [--lang zh|en]
      按规则库（默认 Rules）的年度计划，从检查对象名录和执法检查人员名录中抽取检查对象并匹配执法人员，
      写出 draw-YYYY.json 和 draw-YYYY.csv（默认 build/）。任何人用同一种子和名录都能重现同一结果。
      Draws targets and inspectors for every task of the plan, reproducibly from the seed.
    """

  static func run(_ arguments: [String]) throws -> Int32 {
    let parsed = try ArgumentParser(
      arguments, valueOptions: ["--lang", "--year", "--out", "--targets", "--inspectors", "--seed"],
      flagOptions: ["--help", "-h"], usage: usage)
    if parsed.flag("--help") || parsed.flag("-h") {
      print(usage)
      return ExitCode.success
    }
    let language = try parsed.choice("--lang", default: Language.zh, usage: usage)
    guard parsed.positional.count <= 1, let targetsPath = parsed.value("--targets"),
      let inspectorsPath = parsed.value("--inspectors"), let seed = parsed.value("--seed")
    else { throw UsageError(message: usage) }
    let year = try parsed.value("--year").map { text -> Int in
      guard let value = Int(text) else { throw UsageError(message: "choucha: “\(text)”不是年度 / not a year") }
      return value
    }
    let compilation = try Repository(path: parsed.positional.first ?? "Rules").compile()
    let renderer = HumanRenderer(language: language)
    CLI.write(renderer.render(compilation.diagnostics, sources: compilation.sources))
    guard !compilation.hasErrors else { return ExitCode.inputErrors }
    guard let plan = Planner.plan(compilation.program, year: year) else {
      throw UsageError(message: "choucha: 没有可用的年度计划，请用 --year 指定 / no plan: choose one with --year")
    }
    let spec = Drawer.spec(plan, seed: seed)
    guard let result = try drawOrReport(spec, targetsPath: targetsPath, inspectorsPath: inspectorsPath, language: language)
    else { return ExitCode.inputErrors }
    let out = parsed.value("--out") ?? "build"
    // The year's own manifest: a build, or another year's draw, in the same directory is not touched.
    let outcome = try OutputDirectory.write(
      out, manifest: Manifest.draw(year: plan.year), command: "draw",
      documents: [
        .init(name: "draw-\(plan.year).json") { try DrawDocument.writeJSON(result, to: $0) },
        .init(name: "draw-\(plan.year).csv") { try DrawDocument.writeCSV(result, to: $0) },
      ])
    let visits = result.tasks.reduce(0) { $0 + $1.visitCount }
    CLI.write(
      language == .zh
        ? "已写出 \(out)/draw-\(plan.year).json、draw-\(plan.year).csv（运行清单 \(Manifest.draw(year: plan.year))）：\(result.tasks.count) 个任务，抽中 \(visits) 户次；种子哈希 \(result.seedHash)\n"
        : "wrote \(out)/draw-\(plan.year).json and .csv (manifest \(Manifest.draw(year: plan.year))): \(result.tasks.count) tasks, \(visits) visits; seed hash \(result.seedHash)\n")
    CLI.write(outcome.report(out: out, manifest: Manifest.draw(year: plan.year), language: language))
    return ExitCode.success
  }

  /// Reads the directories and draws; prints the diagnostics and returns nil if anything fails.
  static func drawOrReport(_ spec: Drawer.Spec, targetsPath: String, inspectorsPath: String, language: Language) throws
    -> Drawer.Result?
  {
    // The target directory may have millions of rows: the draw reads it in chunks, and it is read
    // whole only when there is something in it to show.
    guard let handle = FileHandle(forReadingAtPath: targetsPath) else {
      throw UsageError(message: "choucha: 无法读取“\(targetsPath)” / cannot read \(targetsPath)")
    }
    try? handle.close()
    let inspectorBytes = try read(inspectorsPath)
    let (result, diagnostics) = Drawer.run(
      spec, targets: TargetDirectory(id: 0, path: targetsPath),
      inspectors: SourceFile(id: 1, path: inspectorsPath, bytes: inspectorBytes))
    var sources = SourceMap()
    if !diagnostics.isEmpty {
      sources.add(path: targetsPath, bytes: try read(targetsPath))
      sources.add(path: inspectorsPath, bytes: inspectorBytes)
    }
    let renderer = HumanRenderer(language: language)
    CLI.write(renderer.render(diagnostics.sortedForDisplay(sources), sources: sources))
    if !diagnostics.isEmpty {
      CLI.write(language == .zh ? "抽取中止：\(diagnostics.count) 个错误，未写出任何文件。\n" : "draw stopped: \(diagnostics.count) error(s); nothing was written.\n")
    }
    return result
  }

  /// The SHA-256 of a file, read in chunks.
  static func sha256(_ path: String) throws -> String {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw UsageError(message: "choucha: 无法读取“\(path)” / cannot read \(path)")
    }
    defer { try? handle.close() }
    var hasher = SHA256Hasher()
    while let chunk = try handle.read(upToCount: 8 << 20), !chunk.isEmpty {
      chunk.withUnsafeBytes { hasher.update($0) }
    }
    return SHA256.hex(hasher.finalize())
  }

  static func read(_ path: String) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw UsageError(message: "choucha: 无法读取“\(path)” / cannot read \(path)")
    }
    return [UInt8](data)
  }
}

enum VerifyCommand {
  static let usage = """
    用法 Usage: choucha verify draw-YYYY.json --targets FILE.csv --inspectors FILE.csv [--lang zh|en]
      用抽取结果中记录的种子和任务，以及同样的两个名录，重新计算并逐字节比对；名录被改动过（SHA-256 不同）则拒绝。
      Recomputes a draw from the document and the same directories, and compares byte for byte.
    退出码 Exit: 0 一致 · 1 不一致或名录已改动 · 2 用法或读写错误
    """

  static func run(_ arguments: [String]) throws -> Int32 {
    let parsed = try ArgumentParser(
      arguments, valueOptions: ["--lang", "--targets", "--inspectors"], flagOptions: ["--help", "-h"], usage: usage)
    if parsed.flag("--help") || parsed.flag("-h") {
      print(usage)
      return ExitCode.success
    }
    let language = try parsed.choice("--lang", default: Language.zh, usage: usage)
    guard parsed.positional.count == 1, let targetsPath = parsed.value("--targets"),
      let inspectorsPath = parsed.value("--inspectors")
    else { throw UsageError(message: usage) }
    let path = parsed.positional[0]
    // The manifest beside the document: an interrupted draw, or a file changed since, is said first.
    guard ManifestCheck.verify(document: path, language: language) else { return ExitCode.inputErrors }
    // The document is read whole once, for its specification, and let go: the comparison below
    // reads it again in pieces.
    guard let (spec, targetsHash, inspectorsHash) = DrawDocument.spec(from: try DrawCommand.read(path)) else {
      throw UsageError(message: "choucha: “\(path)”不是 choucha/draw/v1 抽取结果 / not a choucha/draw/v1 document")
    }
    for (path, recorded) in [(targetsPath, targetsHash), (inspectorsPath, inspectorsHash)] {
      let actual = try DrawCommand.sha256(path)
      if actual != recorded {
        CLI.write(
          language == .zh
            ? "不一致：“\(path)”的 SHA-256 为 \(actual)，抽取时记录的是 \(recorded)：名录在抽取后被改动过。\n"
            : "mismatch: \(path) has SHA-256 \(actual), the draw recorded \(recorded): the directory changed after the draw.\n")
        return ExitCode.inputErrors
      }
    }
    guard let result = try DrawCommand.drawOrReport(spec, targetsPath: targetsPath, inspectorsPath: inspectorsPath, language: language)
    else { return ExitCode.inputErrors }
    // The recomputed document is compared piece by piece with the file as it is written: neither
    // is held whole (180 MB each at ten million rows).
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw UsageError(message: "choucha: 无法读取“\(path)” / cannot read \(path)")
    }
    defer { try? handle.close() }
    let comparison = ByteComparison {
      do {
        return [UInt8](try handle.read(upToCount: ByteWriter.defaultPieceSize) ?? Data())
      } catch {
        throw UsageError(message: "choucha: 无法读取“\(path)” / cannot read \(path)")
      }
    }
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
}
