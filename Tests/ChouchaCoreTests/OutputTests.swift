import XCTest

@testable import ChouchaCore
@testable import ChouchaDraw

/// What `build` and `draw` do to their output directory, through the binary: they write only the
/// files they name, remove only files their previous run wrote (its manifest), take turns when
/// run at once, and `verify` reads the manifest beside a draw. Killing them at every rename is
/// `Tests/CLI/kill-at-every-rename.sh` (it needs strace), run by `.ci/run`.
final class OutputTests: XCTestCase {
  static let root = RepositoryTests.root
  static let drawArguments = RepositoryTests.drawArguments
  /// What `build Rules` writes besides its manifest: the five documents, the four of the
  /// checklists when the items of Rules/ have check points, the three of the sheets when the
  /// rules import a draw (`引入 抽取`; Rules/ imports its 2024 draw), and the results' publication
  /// and figures when they import results (`引入 结果`).
  static let buildFiles: [String] = {
    var documents = ["items.csv", "items.json", "items.md", "plan-2024.json", "tasks-2024.json"]
    guard let compilation = try? RepositoryTests.DiskRepository(root: root.appendingPathComponent("Rules")).compile(display: "Rules"),
      let plan = Planner.plan(compilation.program, year: nil)
    else { return documents }
    if !Checklists.make(compilation.program, plan).isEmpty {
      documents += ["checklists.csv", "checklists.json", "checklists.md", "guides.csv"]
      if !compilation.program.drawImports.isEmpty { documents += ["sheets-2024.csv", "sheets-2024.json", "sheets-2024.md"] }
    }
    if !compilation.program.resultImports.isEmpty {
      documents += ["figures-2024.json", "figures-2024.md", "results-2024.csv", "results-2024.json"]
    }
    return documents.sorted()
  }()

  /// A fresh directory, removed after the test.
  func directory(_ name: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("choucha-\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
  }

  /// Starts the binary in `directory` (the project root by default); `wait` gives its exit status
  /// and its standard output and error together.
  static func start(_ arguments: [String], in directory: URL = root) throws -> (Process, Pipe) {
    let binary = try RepositoryTests.requireBinary()
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = directory
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    process.standardInput = FileHandle.nullDevice
    try process.run()
    return (process, pipe)
  }

  static func wait(_ started: (Process, Pipe)) -> (status: Int32, output: String) {
    let data = started.1.fileHandleForReading.readDataToEndOfFile()
    started.0.waitUntilExit()
    return (started.0.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  static func run(_ arguments: [String], in directory: URL = root) throws -> (status: Int32, output: String) {
    wait(try start(arguments, in: directory))
  }

  /// Every file below `directory`, by relative path, with its bytes.
  static func tree(_ directory: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let enumerator = try XCTUnwrap(FileManager.default.enumerator(atPath: directory.path))
    while let next = enumerator.nextObject() as? String {
      var isDirectory: ObjCBool = false
      let url = directory.appendingPathComponent(next)
      if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
        files[next] = try Data(contentsOf: url)
      }
    }
    return files
  }

  /// The first attack: `choucha build Rules --out .` in a folder holding `Rules/` and
  /// `notes.txt` left only the build's files. Now everything else stays.
  func testBuildIntoTheRepositoryFolderKeepsEverythingElse() throws {
    let folder = try directory("out-dot")
    try FileManager.default.copyItem(at: Self.root.appendingPathComponent("Rules"), to: folder.appendingPathComponent("Rules"))
    try Data("会议记录 / notes\n".utf8).write(to: folder.appendingPathComponent("notes.txt"))
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("drafts"), withIntermediateDirectories: false)
    try Data("draft\n".utf8).write(to: folder.appendingPathComponent("drafts/plan.txt"))
    let before = try Self.tree(folder)

    for _ in 0..<2 {
      let built = try Self.run(["build", "Rules", "--out", "."], in: folder)
      XCTAssertEqual(built.status, 0, built.output)
      let after = try Self.tree(folder)
      for (name, bytes) in before { XCTAssertEqual(after[name], bytes, "build --out . must keep \(name)") }
      XCTAssertEqual(
        Set(after.keys).subtracting(before.keys), Set(Self.buildFiles + ["build.manifest.json"]),
        "build writes its five files and its manifest, nothing else")
    }
    // The rules still check: the repository is whole.
    XCTAssertEqual(try Self.run(["check", "Rules"], in: folder).status, 0)
  }

  /// The README's workflow: build, draw into build/, build again. The draw record survives the
  /// second build, and still verifies.
  func testBuildThenDrawThenBuildKeepsTheDraw() throws {
    let out = try directory("workflow")
    XCTAssertEqual(try Self.run(["build", "Rules", "--out", out.path]).status, 0)
    let drawn = try Self.run(["draw", "Rules"] + Self.drawArguments + ["--seed", DrawTests.seed, "--out", out.path])
    XCTAssertEqual(drawn.status, 0, drawn.output)
    let afterDraw = try Self.tree(out)
    XCTAssertNotNil(afterDraw["draw-2024.json"])
    XCTAssertNotNil(afterDraw["draw-2024.csv"])
    XCTAssertNotNil(afterDraw["draw-2024.manifest.json"])

    let rebuilt = try Self.run(["build", "Rules", "--out", out.path])
    XCTAssertEqual(rebuilt.status, 0, rebuilt.output)
    XCTAssertEqual(try Self.tree(out), afterDraw, "building the same rules again changes nothing, the draw included")
    let verified = try Self.run(["verify", out.appendingPathComponent("draw-2024.json").path] + Self.drawArguments)
    XCTAssertEqual(verified.status, 0, verified.output)
  }

  /// `build` removes a file of its previous run that it no longer writes, only if it is still as
  /// that run wrote it; a changed one is kept and said. A manifest naming anything but a plain
  /// file of the directory is not obeyed. Temporary files of a killed run are removed.
  func testBuildRemovesOnlyWhatItsPreviousRunWrote() throws {
    let out = try directory("stale")
    XCTAssertEqual(try Self.run(["build", "Rules", "--out", out.path]).status, 0)
    let manifestURL = out.appendingPathComponent("build.manifest.json")
    let manifest = try String(contentsOf: manifestURL, encoding: .utf8)

    // As if the previous build had written plan-2023.json and tasks-2023.json; tasks-2023.json
    // was edited since.
    let stale = Data("{}\n".utf8)
    try stale.write(to: out.appendingPathComponent("plan-2023.json"))
    try Data("edited\n".utf8).write(to: out.appendingPathComponent("tasks-2023.json"))
    let digest = SHA256.hex(SHA256.hash([UInt8](stale)))
    let listed = manifest.replacingOccurrences(
      of: "  \"files\": [\n",
      with: "  \"files\": [\n    { \"name\": \"plan-2023.json\", \"size\": 3, \"sha256\": \"\(digest)\" },\n"
        + "    { \"name\": \"tasks-2023.json\", \"size\": 3, \"sha256\": \"\(digest)\" },\n")
    XCTAssertNotEqual(listed, manifest)
    try listed.write(to: manifestURL, atomically: true, encoding: .utf8)
    // A killed run's temporary file.
    try Data("partial".utf8).write(to: out.appendingPathComponent(".choucha-tmp-99999-items.json"))

    // … and marked unfinished, as a killed run leaves it.
    try listed.replacingOccurrences(of: "\"complete\": true", with: "\"complete\": false")
      .replacingOccurrences(of: "\n  ]\n}", with: "\n  ],\n  \"removing\": []\n}")
      .write(to: manifestURL, atomically: true, encoding: .utf8)

    let built = try Self.run(["build", "Rules", "--out", out.path])
    XCTAssertEqual(built.status, 0, built.output)
    XCTAssertTrue(built.output.contains("删除了上次运行写出、这次不再写出的 plan-2023.json"), built.output)
    XCTAssertTrue(built.output.contains("注：上次运行没有完成（build.manifest.json 记为未完成），这次已完整写出"), built.output)
    XCTAssertTrue(built.output.contains("保留了") && built.output.contains("tasks-2023.json"), built.output)
    let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
    XCTAssertEqual(names, (Self.buildFiles + ["build.manifest.json", "tasks-2023.json"]).sorted())
    XCTAssertEqual(try String(contentsOf: manifestURL, encoding: .utf8), manifest, "the manifest lists this run's files")

    // A manifest edited to name files elsewhere is not a manifest: nothing is removed. The files
    // at the build's names hold exactly what it writes, so it goes ahead (OutputOwnershipTests).
    let outside = try directory("outside")
    let victim = outside.appendingPathComponent("victim.txt")
    try stale.write(to: victim)
    try Data("{}\n".utf8).write(to: out.appendingPathComponent("plan-2023.json"))
    for name in [victim.path, "../\(outside.lastPathComponent)/victim.txt", ".hidden", "draw-2024.manifest.json"] {
      try manifest.replacingOccurrences(
        of: "  \"files\": [\n",
        with: "  \"files\": [\n    { \"name\": \"\(name)\", \"size\": 3, \"sha256\": \"\(digest)\" },\n"
          + "    { \"name\": \"plan-2023.json\", \"size\": 3, \"sha256\": \"\(digest)\" },\n"
      ).write(to: manifestURL, atomically: true, encoding: .utf8)
      let again = try Self.run(["build", "Rules", "--out", out.path, "--lang", "en"])
      XCTAssertEqual(again.status, 0, again.output)
      XCTAssertTrue(again.output.contains("was unreadable, so no file of the previous run was removed"), again.output)
      XCTAssertTrue(FileManager.default.fileExists(atPath: victim.path), name)
      XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("plan-2023.json").path), name)
      XCTAssertEqual(try String(contentsOf: manifestURL, encoding: .utf8), manifest)
    }
  }

  /// Builds and draws run at once into one directory (the issue saw “file doesn't exist”, exit 2):
  /// each waits for the one before, all succeed, and the directory ends complete and consistent.
  func testConcurrentRunsTakeTurns() throws {
    for round in 0..<3 {
      let parent = try directory("concurrent-\(round)")
      // Not there yet: every run creates it.
      let out = parent.appendingPathComponent("a/build")
      var started: [(Process, Pipe)] = []
      for index in 0..<8 {
        let arguments =
          index % 4 == 3
          ? ["draw", "Rules"] + Self.drawArguments + ["--seed", DrawTests.seed, "--out", out.path]
          : ["build", "Rules", "--out", out.path]
        started.append(try Self.start(arguments))
      }
      for (index, run) in started.enumerated() {
        let (status, output) = Self.wait(run)
        XCTAssertEqual(status, 0, "round \(round), run \(index): \(output)")
      }
      let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
      XCTAssertEqual(
        names,
        (Self.buildFiles + ["build.manifest.json", "draw-2024.csv", "draw-2024.json", "draw-2024.manifest.json"]).sorted())
      let verified = try Self.run(["verify", out.appendingPathComponent("draw-2024.json").path] + Self.drawArguments)
      XCTAssertEqual(verified.status, 0, verified.output)
      XCTAssertTrue(verified.output.contains("运行清单 draw-2024.manifest.json"), verified.output)
      let manifest = try String(contentsOf: out.appendingPathComponent("build.manifest.json"), encoding: .utf8)
      XCTAssertTrue(manifest.contains("\"complete\": true"), manifest)
      for name in Self.buildFiles {
        let bytes = try Data(contentsOf: out.appendingPathComponent(name))
        XCTAssertTrue(manifest.contains("\"name\": \"\(name)\", \"size\": \(bytes.count), \"sha256\": \"\(SHA256.hex(SHA256.hash([UInt8](bytes))))\""), name)
      }
    }
  }

  /// `verify` reads the manifest beside the document: a draw marked unfinished, a file changed
  /// since it was written (the CSV as well as the JSON) or an unreadable manifest is a mismatch,
  /// said in Chinese (or English); a document without one still verifies, with a note.
  func testVerifyReadsTheManifest() throws {
    let out = try directory("verify-manifest")
    XCTAssertEqual(try Self.run(["draw", "Rules"] + Self.drawArguments + ["--seed", DrawTests.seed, "--out", out.path]).status, 0)
    let document = out.appendingPathComponent("draw-2024.json").path
    let manifestURL = out.appendingPathComponent("draw-2024.manifest.json")
    let manifest = try String(contentsOf: manifestURL, encoding: .utf8)
    let csvURL = out.appendingPathComponent("draw-2024.csv")
    let csv = try Data(contentsOf: csvURL)
    func verify(_ extra: [String] = []) throws -> (status: Int32, output: String) {
      try Self.run(["verify", document] + Self.drawArguments + extra)
    }

    let fine = try verify()
    XCTAssertEqual(fine.status, 0, fine.output)
    XCTAssertTrue(fine.output.contains("运行清单 draw-2024.manifest.json：draw-2024.csv、draw-2024.json 与记录相同。"), fine.output)

    try manifest.replacingOccurrences(of: "\"complete\": true", with: "\"complete\": false")
      .write(to: manifestURL, atomically: true, encoding: .utf8)
    let unfinished = try verify()
    XCTAssertEqual(unfinished.status, 1, unfinished.output)
    XCTAssertTrue(unfinished.output.hasPrefix("未完成：运行清单"), unfinished.output)
    XCTAssertTrue(unfinished.output.contains("请重新运行 choucha draw"), unfinished.output)
    XCTAssertTrue(try verify(["--lang", "en"]).output.hasPrefix("unfinished: the manifest"))
    try manifest.write(to: manifestURL, atomically: true, encoding: .utf8)

    // The CSV of another draw beside this JSON: the recomputed JSON alone would not see it.
    var edited = csv
    edited[edited.count / 2] ^= 0x01  // the same size: the SHA-256 tells
    try edited.write(to: csvURL)
    let changed = try verify()
    XCTAssertEqual(changed.status, 1, changed.output)
    XCTAssertTrue(changed.output.contains("不一致：“\(csvURL.path)”的 SHA-256 为"), changed.output)
    XCTAssertTrue(changed.output.contains("运行清单 draw-2024.manifest.json 记录的是"), changed.output)
    try csv.write(to: csvURL)

    try Data("{\"schema\": \"choucha/manifest/v1\"}".utf8).write(to: manifestURL)
    let unreadable = try verify()
    XCTAssertEqual(unreadable.status, 1, unreadable.output)
    XCTAssertTrue(unreadable.output.contains("无法读取或不是 choucha/manifest/v1"), unreadable.output)

    try FileManager.default.removeItem(at: manifestURL)
    let older = try verify()
    XCTAssertEqual(older.status, 0, older.output)
    XCTAssertTrue(older.output.hasPrefix("注：“\(document)”旁没有运行清单 draw-2024.manifest.json"), older.output)
    XCTAssertTrue(older.output.contains("逐字节相同"), older.output)
  }

  /// `Examples/*/build/` is exactly what `build` writes there today, the manifest included, and
  /// the manifest is the same in any directory (no clock, no process id, no path).
  func testExampleBuildFoldersAreWhatBuildWrites() throws {
    let examples = Self.root.appendingPathComponent("Examples")
    var checked = 0
    for name in try FileManager.default.contentsOfDirectory(atPath: examples.path).sorted() {
      let committed = examples.appendingPathComponent(name).appendingPathComponent("build")
      guard FileManager.default.fileExists(atPath: committed.path) else { continue }
      let fresh = try directory("example")
      let built = try Self.run(["build", "Examples/\(name)", "--out", fresh.path])
      XCTAssertEqual(built.status, 0, built.output)
      XCTAssertEqual(
        try Self.tree(committed), try Self.tree(fresh),
        "Examples/\(name)/build is stale: run choucha build Examples/\(name) --out Examples/\(name)/build")
      checked += 1
    }
    XCTAssertGreaterThanOrEqual(checked, 1)
  }
}

/// `build` reports E0908 as `check` does when it has a draw; `report` writes its two files only.
extension OutputTests {
  /// The rules import a draw and a result of an entity it did not draw: `build` stops with E0908
  /// at the row, as `check` says it, and writes nothing.
  func testBuildReportsAnEntityNotDrawn() throws {
    let fixture = GoldenTests.fixtures.appendingPathComponent("check/err-result-not-drawn")
    let out = try directory("not-drawn")
    let built = try OutputTests.run(["build", fixture.path, "--out", out.appendingPathComponent("build").path])
    XCTAssertEqual(built.status, 1, built.output)
    XCTAssertTrue(built.output.contains("错误[E0908]"), built.output)
    XCTAssertTrue(built.output.contains("results.csv:"), built.output)
    XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("build").path))
    // The same with the draw given apart.
    let given = try OutputTests.run([
      "build", fixture.path, "--draw", fixture.appendingPathComponent("draw-2024.json").path, "--out",
      out.appendingPathComponent("build").path,
    ])
    XCTAssertEqual(given.status, 1, given.output)
    XCTAssertTrue(given.output.contains("错误[E0908]"), given.output)
  }

  /// `report` writes exactly report-YYYY-MM-CODE.csv and .md beside what the folder held.
  func testReportWritesItsTwoFilesOnly() throws {
    let out = try directory("report")
    try Data("notes\n".utf8).write(to: out.appendingPathComponent("notes.txt"))
    let run = try OutputTests.run(["report", "Rules", "--month", "2024-05", "--department", "SCJG", "--as-of", "2024-06-10", "--out", out.path])
    XCTAssertEqual(run.status, 0, run.output)
    XCTAssertEqual(
      try FileManager.default.contentsOfDirectory(atPath: out.path).sorted(),
      ["notes.txt", "report-2024-05-SCJG.csv", "report-2024-05-SCJG.md"])
    XCTAssertEqual(
      try Data(contentsOf: out.appendingPathComponent("report-2024-05-SCJG.csv")),
      try Data(contentsOf: MonthlyReportTests.expected.appendingPathComponent("report-2024-05-SCJG.csv")))
    let unknown = try OutputTests.run(["report", "Rules", "--month", "2024-05", "--department", "SCJC", "--out", out.path])
    XCTAssertEqual(unknown.status, 2)
    XCTAssertTrue(unknown.output.contains("SCJG"), "did you mean")
  }
}
