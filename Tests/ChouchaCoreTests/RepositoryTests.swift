import XCTest

@testable import ChouchaCore
@testable import ChouchaDraw

/// The bundled `Rules/` and every example under `Examples/` check as documented, and the binary
/// does what the README says.
final class RepositoryTests: XCTestCase {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// Reads a repository from disk the way the CLI does: every `*.choucha` below it, sorted.
  struct DiskRepository: FileProvider {
    let root: URL

    func read(_ relativePath: String) -> Result<[UInt8], FileReadError> {
      guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(relativePath).path) else {
        return .failure(.notFound)
      }
      return .success([UInt8](data))
    }

    func compile(display: String) throws -> Compilation {
      var sources = SourceMap()
      let enumerator = FileManager.default.enumerator(atPath: root.path)!
      var files: [String] = []
      while let next = enumerator.nextObject() as? String {
        if next.hasSuffix(".choucha") { files.append(next) }
      }
      for file in files.sorted() {
        let bytes = [UInt8](try Data(contentsOf: root.appendingPathComponent(file)))
        sources.add(path: "\(display)/\(file)", relativePath: file, bytes: bytes)
      }
      XCTAssertFalse(files.isEmpty, "\(display) has no rule files")
      return Compiler.compile(sources, provider: self)
    }
  }

  func testRulesCheckClean() throws {
    let compilation = try DiskRepository(root: Self.root.appendingPathComponent("Rules")).compile(display: "Rules")
    let output = HumanRenderer(language: .zh).render(compilation.diagnostics, sources: compilation.sources)
    XCTAssertEqual(output, "", "Rules/ must check with no error and no warning")
    // The issue's floor for a real repository.
    XCTAssertGreaterThanOrEqual(compilation.program.departments.count, 10)
    XCTAssertGreaterThanOrEqual(compilation.program.items.count, 40)
    XCTAssertGreaterThanOrEqual(compilation.program.bundles.count, 3)
    XCTAssertEqual(compilation.program.plans.count, 1)
    XCTAssertEqual(Set(compilation.program.calendars.map(\.year)), [2024, 2025, 2026])
  }

  /// Examples without an expected output check clean; the ones with one (deliberate mistakes) are
  /// compared by `testBinaryOnMistakesExample`.
  func testExamplesCheckClean() throws {
    let examples = Self.root.appendingPathComponent("Examples")
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: examples.path) else { return }
    for name in entries.sorted() {
      let folder = examples.appendingPathComponent(name)
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue,
        !FileManager.default.fileExists(atPath: folder.appendingPathComponent("expected.txt").path),
        (try FileManager.default.contentsOfDirectory(atPath: folder.path)).contains(where: { $0.hasSuffix(".choucha") })
      else { continue }  // 05-draw holds directories for Rules/, not rules
      let compilation = try DiskRepository(root: folder).compile(display: "Examples/\(name)")
      XCTAssertEqual(
        HumanRenderer(language: .zh).render(compilation.diagnostics, sources: compilation.sources), "",
        "Examples/\(name) must check clean")
    }
  }

  /// `Examples/*/build/` shows what `build` writes: it must be what `build` writes today.
  func testExampleOutputsAreCurrent() throws {
    let examples = Self.root.appendingPathComponent("Examples")
    var checked = 0
    for name in try FileManager.default.contentsOfDirectory(atPath: examples.path).sorted() {
      let output = examples.appendingPathComponent(name).appendingPathComponent("build")
      guard FileManager.default.fileExists(atPath: output.path) else { continue }
      let compilation = try DiskRepository(root: examples.appendingPathComponent(name)).compile(display: name)
      let plan = try XCTUnwrap(Planner.plan(compilation.program, year: nil))
      for file in Documents.build(plan) {
        let committed = try Data(contentsOf: output.appendingPathComponent(file.name))
        XCTAssertEqual(
          String(decoding: committed, as: UTF8.self), String(decoding: file.bytes, as: UTF8.self),
          "Examples/\(name)/build/\(file.name) is stale: run choucha build Examples/\(name) --out Examples/\(name)/build")
        checked += 1
      }
    }
    XCTAssertGreaterThanOrEqual(checked, 5)
  }

  /// The issue's example must stay valid exactly as written: no error, no warning.
  func testIssueExampleChecksClean() throws {
    let text = try String(contentsOf: Self.root.appendingPathComponent("Tests/Fixtures/issue-example.choucha"), encoding: .utf8)
    let compilation = Compiler.compile(texts: [("example.choucha", text)])
    XCTAssertEqual(HumanRenderer(language: .en).render(compilation.diagnostics, sources: compilation.sources), "")
    XCTAssertEqual(compilation.program.items.count, 2)
    XCTAssertEqual(compilation.program.bundles.first?.items.map(\.value), ["SCJG-SP-01", "XF-03"])
  }

  // MARK: - The binary

  static var binary: URL? {
    // The test bundle sits next to the products of the same build.
    var directory = Bundle.main.bundleURL
    for _ in 0..<3 {
      let candidate = directory.appendingPathComponent("choucha")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      directory.deleteLastPathComponent()
    }
    return nil
  }

  /// The `choucha` binary of the same build. `swift test` builds it next to the test bundle, as
  /// `swift build` does; not finding it fails the test that needs it (it is never skipped).
  static func requireBinary() throws -> URL {
    if let binary { return binary }
    throw MissingBinary(bundle: Bundle.main.bundleURL.path)
  }

  struct MissingBinary: Error, CustomStringConvertible {
    var bundle: String
    var description: String {
      "the choucha binary is not next to the tests (looked beside \(bundle) and two folders up): "
        + "`swift test` builds it there; if the tests were built some other way, run `swift build` first"
    }
  }

  func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
    try Self.run(arguments)
  }

  /// Runs the binary from the project root; returns its exit status and standard output.
  static func run(_ arguments: [String], input: Data? = nil) throws -> (status: Int32, output: String) {
    let (status, output, _) = try launch(arguments, input: input)
    return (status, output)
  }

  /// Runs the binary; returns its exit status, standard output and standard error. With
  /// `fileSizeLimit` (in the shell's `ulimit -f` blocks) a write past that size fails with EFBIG,
  /// as on a full disk: SIGXFSZ is ignored, so the program sees the error rather than dying of it.
  static func launch(_ arguments: [String], input: Data? = nil, fileSizeLimit: Int? = nil) throws
    -> (status: Int32, output: String, errors: String)
  {
    let binary = try Self.requireBinary()
    let process = Process()
    if let fileSizeLimit {
      process.executableURL = URL(fileURLWithPath: "/bin/sh")
      process.arguments = ["-c", "trap '' XFSZ; ulimit -f \(fileSizeLimit); exec \"$0\" \"$@\"", binary.path] + arguments
    } else {
      process.executableURL = binary
      process.arguments = arguments
    }
    process.currentDirectoryURL = Self.root
    let pipe = Pipe()
    process.standardOutput = pipe
    let errors = Pipe()
    process.standardError = errors
    let stdin = Pipe()
    process.standardInput = stdin
    try process.run()
    if let input { stdin.fileHandleForWriting.write(input) }
    try stdin.fileHandleForWriting.close()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    let errorData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self), String(decoding: errorData, as: UTF8.self))
  }

  func testBinaryChecksRulesWithExitZero() throws {
    let (status, output) = try run(["check", "Rules"])
    XCTAssertEqual(status, 0)
    XCTAssertTrue(output.hasPrefix("检查了"), output)
    let json = try run(["check", "Rules", "--format", "json"])
    XCTAssertEqual(json.status, 0)
    let document = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
    XCTAssertEqual(document?["version"] as? Int, 1)
    XCTAssertEqual((document?["diagnostics"] as? [Any])?.count, 0)
  }

  func testBinaryExitCodes() throws {
    XCTAssertEqual(try run(["check", "no-such-directory"]).status, 2)
    XCTAssertEqual(try run(["frobnicate"]).status, 2)
    XCTAssertEqual(try run(["check", "--format", "xml", "Rules"]).status, 2)
    XCTAssertEqual(try run(["explain", "E0101"]).status, 0)
    XCTAssertEqual(try run(["explain", "E9999"]).status, 2)
    let mistakes = try run(["check", "Tests/Fixtures/check/err-undefined-department", "--format", "json"])
    XCTAssertEqual(mistakes.status, 1)
    let document = try JSONSerialization.jsonObject(with: Data(mistakes.output.utf8)) as? [String: Any]
    let first = (document?["diagnostics"] as? [[String: Any]])?.first
    XCTAssertEqual(first?["code"] as? String, "E0101")
    XCTAssertEqual(first?["file"] as? String, "Tests/Fixtures/check/err-undefined-department/input.choucha")
    XCTAssertEqual(first?["line"] as? Int, 9)
    XCTAssertEqual(first?["column"] as? Int, 6)
  }

  /// `build` writes the five documents; on errors it writes nothing and leaves the previous
  /// output as it was.
  func testBinaryBuildIsAllOrNothing() throws {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("choucha-build-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: out) }
    let built = try run(["build", "Rules", "--out", out.path])
    XCTAssertEqual(built.status, 0, built.output)
    let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
    XCTAssertEqual(names, (OutputTests.buildFiles + ["build.manifest.json"]).sorted())
    let before = try names.map { try Data(contentsOf: out.appendingPathComponent($0)) }

    let broken = try run(["build", "Tests/Fixtures/check/err-undefined-department", "--out", out.path])
    XCTAssertEqual(broken.status, 1)
    XCTAssertTrue(broken.output.contains("E0101"), broken.output)
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted(), names)
    XCTAssertEqual(try names.map { try Data(contentsOf: out.appendingPathComponent($0)) }, before)
    let siblings = try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path)
    XCTAssertFalse(siblings.contains { $0.hasPrefix(".\(out.lastPathComponent).") }, "no temporary directory left")

    XCTAssertEqual(try run(["build", "Rules", "--year", "2031", "--out", out.path]).status, 2)
  }

  // MARK: - The binary: draw and verify

  static let drawArguments = [
    "--targets", "Examples/05-draw/targets.csv", "--inspectors", "Examples/05-draw/inspectors.csv",
  ]

  /// The names and bytes of the files of a directory, to see that nothing changed.
  static func snapshot(_ directory: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
      files[name] = try Data(contentsOf: directory.appendingPathComponent(name))
    }
    return files
  }

  /// `draw` adds draw-2024.json and draw-2024.csv to the output directory, next to what `build`
  /// wrote there, and they are what the library draws; `verify` accepts them.
  func testBinaryDrawWritesDocumentsThatVerify() throws {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("choucha-draw-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: out) }
    let built = try run(["build", "Rules", "--out", out.path])
    XCTAssertEqual(built.status, 0, built.output)
    let before = try Self.snapshot(out)

    let drawn = try run(["draw", "Rules"] + Self.drawArguments + ["--seed", DrawTests.seed, "--out", out.path])
    XCTAssertEqual(drawn.status, 0, drawn.output)
    XCTAssertTrue(drawn.output.contains("draw-2024.json"), drawn.output)
    let after = try Self.snapshot(out)
    XCTAssertEqual(after.keys.sorted(), (before.keys + ["draw-2024.csv", "draw-2024.json", "draw-2024.manifest.json"]).sorted())
    for (name, bytes) in before { XCTAssertEqual(after[name], bytes, "draw must keep \(name) as build wrote it") }
    let siblings = try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path)
    XCTAssertFalse(siblings.contains { $0.hasPrefix(".\(out.lastPathComponent).") }, "no temporary directory left")

    // The same bytes as the library's draw.
    let fixture = try DrawTests.fixture()
    let result = try XCTUnwrap(DrawTests.draw(fixture.spec, targets: fixture.targets, inspectors: fixture.inspectors).0)
    let json = try XCTUnwrap(after["draw-2024.json"])
    let csv = try XCTUnwrap(after["draw-2024.csv"])
    XCTAssertEqual([UInt8](json), DrawDocument.json(result))
    XCTAssertEqual([UInt8](csv), DrawDocument.csv(result))

    // The CSV for the website: a BOM, and the five public columns only, in every row.
    XCTAssertEqual(Array(csv.prefix(3)), [0xEF, 0xBB, 0xBF], "draw-2024.csv starts with a UTF-8 BOM")
    var sources = SourceMap()
    let (rows, failure) = CSVReader.read(sources.add(path: "draw-2024.csv", bytes: [UInt8](csv)))
    XCTAssertNil(failure)
    XCTAssertEqual(rows.first?.cells.map(\.text), ["任务编号", "抽查任务", "统一社会信用代码", "检查对象", "执法检查人员（执法证号）"])
    XCTAssertEqual(rows.count - 1, result.tasks.reduce(0) { $0 + $1.visits.count }, "one row per visit")
    for row in rows.dropFirst() {
      XCTAssertEqual(row.cells.count, 5, "row \(row.line): \(row.cells.map(\.text))")
    }
    let text = String(decoding: csv, as: UTF8.self)
    for hidden in ["工号", "专长", "回避", "E0001", "0."] {
      XCTAssertFalse(text.contains(hidden), "draw-2024.csv shows “\(hidden)”")
    }

    let verified = try run(["verify", out.appendingPathComponent("draw-2024.json").path] + Self.drawArguments)
    XCTAssertEqual(verified.status, 0, verified.output)
    XCTAssertTrue(verified.output.contains("逐字节相同"), verified.output)
    let english = try run(["verify", out.appendingPathComponent("draw-2024.json").path] + Self.drawArguments + ["--lang", "en"])
    XCTAssertEqual(english.status, 0, english.output)
    XCTAssertTrue(english.output.contains("byte-identical"), english.output)
  }

  /// `verify` refuses a changed directory by its SHA-256, and a changed document by the first
  /// line that differs.
  func testBinaryVerifyRejectsChanges() throws {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("choucha-verify-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: out) }
    let drawn = try run(["draw", "Rules"] + Self.drawArguments + ["--seed", DrawTests.seed, "--out", out.path])
    XCTAssertEqual(drawn.status, 0, drawn.output)
    let document = out.appendingPathComponent("draw-2024.json")

    // One entity's risk class changed after the draw.
    let targets = try String(
      contentsOf: Self.root.appendingPathComponent("Examples/05-draw/targets.csv"), encoding: .utf8)
    var lines = targets.components(separatedBy: "\r\n")
    XCTAssertTrue(lines[1].contains(",A,"), lines[1])
    lines[1] = lines[1].replacingOccurrences(of: ",A,", with: ",B,")
    let changed = out.appendingPathComponent("targets-changed.csv")
    try lines.joined(separator: "\r\n").write(to: changed, atomically: true, encoding: .utf8)
    let refused = try run([
      "verify", document.path, "--targets", changed.path, "--inspectors", "Examples/05-draw/inspectors.csv",
    ])
    XCTAssertEqual(refused.status, 1, refused.output)
    XCTAssertTrue(refused.output.contains("SHA-256"), refused.output)
    XCTAssertTrue(refused.output.contains(changed.path), refused.output)
    XCTAssertFalse(refused.output.contains("逐字节相同"), refused.output)

    // One digit of the first ticket changed in the document.
    var json = try String(contentsOf: document, encoding: .utf8).components(separatedBy: "\n")
    let index = try XCTUnwrap(json.firstIndex { $0.contains("\"ticket\": \"0.") })
    let line = json[index]
    // The ticket's last digit, before its closing quote.
    let position = line.index(before: try XCTUnwrap(line.lastIndex(of: "\"")))
    XCTAssertTrue(line[position].isNumber, line)
    json[index].replaceSubrange(position...position, with: line[position] == "0" ? "1" : "0")
    XCTAssertNotEqual(json[index], line)
    let tampered = out.appendingPathComponent("draw-tampered.json")
    try json.joined(separator: "\n").write(to: tampered, atomically: true, encoding: .utf8)
    let mismatch = try run(["verify", tampered.path] + Self.drawArguments)
    XCTAssertEqual(mismatch.status, 1, mismatch.output)
    XCTAssertTrue(mismatch.output.contains("不一致：第 \(index + 1) 行"), mismatch.output)
    XCTAssertTrue(mismatch.output.contains(json[index].trimmingCharacters(in: .whitespaces)), mismatch.output)
    XCTAssertTrue(mismatch.output.contains(line.trimmingCharacters(in: .whitespaces)), mismatch.output)
    let english = try run(["verify", tampered.path] + Self.drawArguments + ["--lang", "en"])
    XCTAssertEqual(english.status, 1, english.output)
    XCTAssertTrue(english.output.contains("mismatch at line \(index + 1)"), english.output)

    // The document without its final newline: the recomputed one has one more (empty) line.
    let original = try Data(contentsOf: document)
    let cut = out.appendingPathComponent("draw-cut.json")
    try original.dropLast().write(to: cut)
    let newlines = original.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    let short = try run(["verify", cut.path] + Self.drawArguments)
    XCTAssertEqual(short.status, 1, short.output)
    XCTAssertTrue(short.output.contains("不一致：第 \(newlines + 1) 行\n  文件中：(end)\n  重新计算：\n"), short.output)
  }

  /// A draw that cannot staff its targets reports the errors and writes nothing: the output
  /// directory keeps exactly what it had, and one that did not exist is not created.
  func testBinaryDrawWithoutInspectorsWritesNothing() throws {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("choucha-unstaffed-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: out) }
    let built = try run(["build", "Rules", "--out", out.path])
    XCTAssertEqual(built.status, 0, built.output)
    let inspectors = out.appendingPathComponent("inspectors-empty.csv")
    try Data("工号,姓名,部门,执法证号,专长,回避\r\n".utf8).write(to: inspectors)
    let before = try Self.snapshot(out)
    XCTAssertFalse(before.keys.contains { $0.hasPrefix("draw-") })

    let arguments = ["draw", "Rules", "--targets", "Examples/05-draw/targets.csv", "--inspectors", inspectors.path]
    let failed = try run(arguments + ["--seed", DrawTests.seed, "--out", out.path])
    XCTAssertEqual(failed.status, 1, failed.output)
    XCTAssertTrue(failed.output.contains("E0701") || failed.output.contains("E0602"), failed.output)
    XCTAssertTrue(failed.output.contains("未写出任何文件"), failed.output)
    XCTAssertEqual(try Self.snapshot(out), before, "a failed draw changes nothing in the output directory")

    let fresh = out.appendingPathComponent("fresh")
    XCTAssertEqual(try run(arguments + ["--seed", DrawTests.seed, "--out", fresh.path]).status, 1)
    XCTAssertFalse(FileManager.default.fileExists(atPath: fresh.path), "a failed draw creates no output directory")
    XCTAssertEqual(try Self.snapshot(out), before)
  }

  /// A draw whose file cannot be written to the end (a write fails as on a full disk, in the
  /// middle of draw-2024.json) writes nothing: the directory keeps the files it had, an earlier
  /// draw's included, no temporary file is left, and a directory the draw created is removed.
  func testBinaryDrawFailingWhileWritingLeavesNothing() throws {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("choucha-full-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: out) }
    let drawn = try run(["draw", "Rules"] + Self.drawArguments + ["--seed", DrawTests.seed, "--out", out.path])
    XCTAssertEqual(drawn.status, 0, drawn.output)
    let before = try Self.snapshot(out)
    XCTAssertGreaterThan(before["draw-2024.json"]?.count ?? 0, 64 << 10)

    // 16 blocks: 8 or 16 KB, whichever the shell counts in; the document is far longer.
    let arguments = ["draw", "Rules"] + Self.drawArguments + ["--seed", "another seed"]
    let failed = try Self.launch(arguments + ["--out", out.path], fileSizeLimit: 16)
    XCTAssertEqual(failed.status, 2, failed.output + failed.errors)
    XCTAssertTrue(failed.errors.contains("无法写出“\(out.path)”"), failed.errors)
    XCTAssertEqual(try Self.snapshot(out), before, "a draw that failed while writing changes nothing, leaves no temporary file")

    let fresh = out.appendingPathComponent("fresh/nested")
    let failedFresh = try Self.launch(arguments + ["--out", fresh.path], fileSizeLimit: 16)
    XCTAssertEqual(failedFresh.status, 2, failedFresh.output + failedFresh.errors)
    XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("fresh").path), "nor the directories it made")
    XCTAssertEqual(try Self.snapshot(out), before)
  }

  /// When the second file cannot be replaced (here draw-2024.csv is a directory), the first is not
  /// renamed into place either, and its temporary file is removed.
  func testBinaryDrawReplacesBothFilesOrNeither() throws {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("choucha-both-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: out) }
    try FileManager.default.createDirectory(at: out.appendingPathComponent("draw-2024.csv"), withIntermediateDirectories: true)
    let failed = try Self.launch(["draw", "Rules"] + Self.drawArguments + ["--seed", DrawTests.seed, "--out", out.path])
    XCTAssertEqual(failed.status, 2, failed.output + failed.errors)
    XCTAssertTrue(failed.errors.contains("无法写出"), failed.errors)
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path), ["draw-2024.csv"])
  }

  func testBinaryOnMistakesExample() throws {
    let folder = Self.root.appendingPathComponent("Examples/04-mistakes")
    for (file, extra) in [("expected.txt", [String]()), ("expected.en.txt", ["--lang", "en"])] {
      let expected = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      let (status, output) = try run(["check", "Examples/04-mistakes"] + extra)
      XCTAssertEqual(status, 1)
      XCTAssertEqual(output, expected, "Examples/04-mistakes/\(file) is the exact output users are shown")
    }
  }

  /// Examples/07-results: `check` finds the typo in a category; `check --as-of` also the late and
  /// open publications and follow-ups, located at the cells. The expected files are what users are
  /// shown (Examples/07-results/README.md).
  func testBinaryOnResultsExample() throws {
    let folder = Self.root.appendingPathComponent("Examples/07-results")
    for (file, extra) in [
      ("expected.txt", [String]()), ("expected.as-of.txt", ["--as-of", "2024-12-31"]),
      ("expected.as-of.en.txt", ["--as-of", "2024-12-31", "--lang", "en"]),
    ] {
      let expected = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      let (status, output) = try run(["check", "Examples/07-results"] + extra)
      XCTAssertEqual(status, 1)
      XCTAssertEqual(output, expected, "Examples/07-results/\(file) is the exact output users are shown")
    }
  }

  /// Rules/ with its 2024 results and draw passes `check`, and `check --as-of` at the end of the
  /// year: every result on time (README, "检查结果").
  func testBinaryRulesResultsOnTime() throws {
    for extra in [[String](), ["--as-of", "2024-12-31"], ["--as-of", "2025-06-30"]] {
      let (status, output) = try run(["check", "Rules", "--deny-warnings"] + extra)
      XCTAssertEqual(status, 0, output)
      XCTAssertTrue(output.contains("没有发现问题"), output)
    }
  }

  /// Rules' made-up results name, in 不合格要点, only points of the items the row's department
  /// checks in that task (no check does this yet; Rules/tools/generate_results.py must).
  func testRulesResultsFailPointsOfTheirOwnItems() throws {
    let compilation = try DiskRepository(root: Self.root.appendingPathComponent("Rules")).compile(display: "Rules")
    let program = compilation.program
    let plan = try XCTUnwrap(Planner.plan(program, year: 2024))
    let checklists = Checklists.make(program, plan)
    var pointsOfItem: [String: Set<String>] = [:]
    for list in checklists.items { pointsOfItem[list.item.code] = Set(list.points.compactMap(\.code)) }
    let tasks = Dictionary(plan.tasks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    var named = 0
    for row in program.results where !row.failedPoints.isEmpty {
      let id = String(row.task.value.split(separator: "@").first ?? "")
      let task = try XCTUnwrap(tasks[id], "row \(row.row): task \(id)")
      let own = task.items.filter { $0.department.code == row.department?.value }
        .reduce(into: Set<String>()) { $0.formUnion(pointsOfItem[$1.code] ?? []) }
      for point in row.failedPoints {
        XCTAssertTrue(own.contains(point.value), "row \(row.row): \(point.value) is no point of \(row.department?.value ?? "?") in \(id)")
        named += 1
      }
    }
    XCTAssertGreaterThan(named, 10, "Rules' results name failed points")
  }

  /// `--output` writes the whole report to a file, even when the exit code is 1, while the
  /// terminal shows the human format.
  func testBinaryOutputOptionWritesTheReport() throws {
    let report = FileManager.default.temporaryDirectory.appendingPathComponent("choucha-report-\(UUID().uuidString).sarif")
    defer { try? FileManager.default.removeItem(at: report) }
    let (status, output) = try run([
      "check", "Tests/Fixtures/check/err-undefined-department", "--format", "sarif", "--output", report.path,
    ])
    XCTAssertEqual(status, 1)
    XCTAssertTrue(output.contains("错误[E0101]"), output)
    let document = try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any]
    let results = ((document?["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
    XCTAssertEqual(results.first?["ruleId"] as? String, "E0101")
    let github = try run(["check", "Tests/Fixtures/check/err-undefined-department", "--format", "github"])
    XCTAssertTrue(github.output.hasPrefix("::error file=Tests/Fixtures/check/err-undefined-department/input.choucha,line=9,col=6,"), github.output)
  }
}
