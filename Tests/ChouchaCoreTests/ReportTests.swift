import XCTest

@testable import ChouchaCore
@testable import ChouchaDraw

/// The machine formats of `check`: JSON, SARIF 2.1.0 and GitHub annotations, golden-tested on
/// check fixtures (`Tests/Fixtures/report/<case>.<format>`, `BLESS=1 swift test` to update), and
/// SARIF validated against the OASIS schema (shipped as `Tests/Fixtures/sarif-schema-2.1.0.json`).
final class ReportTests: XCTestCase {
  static let cases = ["err-name-instead-of-code", "err-duplicate-department", "warn-ratios-decrease", "ok-both-keyword-languages"]

  func renders(_ name: String) throws -> [(String, String)] {
    let compilation = try GoldenTests.compile(
      folder: GoldenTests.fixtures.appendingPathComponent("check/\(name)"), displayPrefix: name)
    let parts = [(compilation.diagnostics, compilation.sources)]
    return [
      ("json", JSONRenderer(language: .zh).render(parts, fileCount: compilation.sources.files.count)),
      ("sarif", SARIFRenderer(language: .zh, version: "test").render(parts)),
      ("github.txt", GitHubRenderer(language: .zh).render(parts)),
    ]
  }

  func testGoldenReports() throws {
    for name in Self.cases {
      for (format, text) in try renders(name) {
        let file = GoldenTests.fixtures.appendingPathComponent("report/\(name).\(format)")
        try GoldenTests.compare(text, with: file, required: true, name: "\(name).\(format)")
      }
    }
  }

  func testGitHubEscapesWhatWouldBreakTheCommand() {
    let renderer = GitHubRenderer(language: .en)
    XCTAssertEqual(renderer.data("50% done\nnext"), "50%25 done%0Anext")
    XCTAssertEqual(renderer.property("a:b,c"), "a%3Ab%2Cc")
  }

  func testSARIFIsValidAgainstTheSchema() throws {
    let schema = GoldenTests.fixtures.appendingPathComponent("sarif-schema-2.1.0.json")
    var files: [URL] = []
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("choucha-sarif-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    for name in Self.cases {
      let sarif = try renders(name).first { $0.0 == "sarif" }!.1
      let url = folder.appendingPathComponent("\(name).sarif")
      try Data(sarif.utf8).write(to: url)
      files.append(url)
    }
    // A document that must fail, so that the check is known to be able to.
    let broken = folder.appendingPathComponent("broken.sarif")
    try Data(#"{"version": "2.1.0", "runs": [{"results": []}]}"#.utf8).write(to: broken)
    let script = """
      import json, sys
      try:
          import jsonschema
      except ImportError:
          sys.exit(77)
      schema = json.load(open(sys.argv[1]))
      validator = jsonschema.Draft4Validator(schema)
      for path in sys.argv[3:]:
          errors = list(validator.iter_errors(json.load(open(path, encoding="utf-8"))))
          if errors:
              print("INVALID", path, errors[0].message); sys.exit(1)
      if not list(validator.iter_errors(json.load(open(sys.argv[2])))):
          print("BROKEN-ACCEPTED"); sys.exit(1)
      print("OK")
      """
    let output = try Python.run(script, arguments: [schema.path, broken.path] + files.map(\.path)).output
    XCTAssertTrue(output.hasPrefix("OK"), output)
  }
}
