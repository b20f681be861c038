import Foundation
import XCTest

/// The one policy on skips: a Swift test skips only when the CPU lacks an instruction set the code
/// under test needs (SHA-NI, SSSE3/SSE4.1), and says so. Everything else a test needs is in the
/// repository (reference vectors: `Tests/Fixtures/vectors/`) or built by `swift test` (the
/// `choucha` binary); checks that need Python are `.ci/run` steps, which install what they need.
/// (This file never writes the skip function's name whole, so that it is scanned like any other.)
final class SkipPolicyTests: XCTestCase {
  static let token = "XCT" + "Skip"

  /// The one form a skip may take, on one line: `try` token`Unless(CPU.hasX, "this CPU has no …")`.
  static let allowed = try! NSRegularExpression(
    pattern: #"^\s*try "# + token + #"Unless\(CPU\.has[A-Za-z0-9]+, "this CPU has no [^"]+"\)\s*$"#)

  /// The lines of Swift source under `folder` that mention a skip, except in the allowed form.
  static func violations(under folder: URL) throws -> [String] {
    var found: [String] = []
    let files = FileManager.default.enumerator(atPath: folder.path)!.compactMap { $0 as? String }
      .filter { $0.hasSuffix(".swift") }.sorted()
    for file in files {
      let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
      where line.contains(token) {
        let line = String(line)
        let range = NSRange(line.startIndex..., in: line)
        if allowed.firstMatch(in: line, range: range) == nil { found.append("\(file):\(number + 1): \(line)") }
      }
    }
    return found
  }

  func testTestsSkipOnlyForAMissingCPUFeature() throws {
    let tests = RepositoryTests.root.appendingPathComponent("Tests")
    let violations = try Self.violations(under: tests)
    XCTAssertEqual(
      violations, [],
      "a test may skip only for a missing CPU feature (try \(Self.token)Unless(CPU.hasX, \"this CPU has no X\")); "
        + "record what it needs in Tests/Fixtures/vectors/ or make it a .ci/run step:\n"
        + violations.joined(separator: "\n"))
    // The allowed skips are there, so the scan reads the files it should.
    XCTAssertGreaterThanOrEqual(
      try String(contentsOf: tests.appendingPathComponent("ChouchaCoreTests/SHA256ExtensionsTests.swift"), encoding: .utf8)
        .components(separatedBy: Self.token + "Unless(CPU.hasSHAExtensions").count - 1, 1)
  }

  /// The scan catches the skips the policy forbids, in any form, and lets the CPU checks through.
  func testTheScanCatchesOtherSkips() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("choucha-skips-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("Sub"), withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let skip = Self.token
    let lines = [
      "    try \(skip)Unless(CPU.hasSHAExtensions, \"this CPU has no SHA extensions\")",  // allowed
      "    try \(skip)Unless(CPU.hasSSSE3AndSSE41, \"this CPU has no SSSE3 and SSE4.1\")",  // allowed
      "    throw \(skip)(\"python3 is not installed\")",
      "    guard let binary else { throw \(skip)(\"the choucha binary was not built next to the tests\") }",
      "    try \(skip)If(ProcessInfo.processInfo.environment[\"CI\"] == nil)",
      "    try \(skip)Unless(FileManager.default.fileExists(atPath: path), \"this CPU has no table\")",
      "    try \(skip)Unless(CPU.hasSHAExtensions, \"not today\")",
      "    try \(skip)Unless(CPU.hasSHAExtensions,",
    ]
    try Data(lines.joined(separator: "\n").utf8).write(to: folder.appendingPathComponent("Sub/A.swift"))
    let found = try Self.violations(under: folder)
    XCTAssertEqual(found.map { $0.split(separator: ":")[1] }, ["3", "4", "5", "6", "7", "8"], found.joined(separator: "\n"))
  }
}
