import XCTest

@testable import ChouchaCore
@testable import ChouchaDraw

/// The machine formats of `check`: JSON, SARIF 2.1.0 and GitHub annotations, golden-tested on
/// check fixtures (`Tests/Fixtures/report/<case>.<format>`, `BLESS=1 swift test` to update). The
/// SARIF golden files are validated against the OASIS schema (shipped as
/// `Tests/Fixtures/sarif-schema-2.1.0.json`) by `Tests/Vectors/check-schemas.sh`, a `.ci/run` step.
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
}
