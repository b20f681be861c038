import XCTest

@testable import ChouchaCore

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

  func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
    guard let binary = Self.binary else { throw XCTSkip("the choucha binary was not built next to the tests") }
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = Self.root
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = Pipe()
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
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
    XCTAssertEqual(names, ["items.csv", "items.json", "items.md", "plan-2024.json", "tasks-2024.json"])
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

  func testBinaryOnMistakesExample() throws {
    let folder = Self.root.appendingPathComponent("Examples/04-mistakes")
    guard FileManager.default.fileExists(atPath: folder.path) else { throw XCTSkip("no Examples/04-mistakes") }
    for (file, extra) in [("expected.txt", [String]()), ("expected.en.txt", ["--lang", "en"])] {
      let expected = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      let (status, output) = try run(["check", "Examples/04-mistakes"] + extra)
      XCTAssertEqual(status, 1)
      XCTAssertEqual(output, expected, "Examples/04-mistakes/\(file) is the exact output users are shown")
    }
  }
}
