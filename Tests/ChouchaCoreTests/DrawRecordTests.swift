import XCTest

@testable import ChouchaCore
@testable import ChouchaDraw

/// A draw, once written, is the year's public record: drawing again with another seed (or other
/// directories, or other rules) into the same folder is refused unless `--replace` says it is
/// meant; drawing the same again is allowed, since it gives the same bytes.
final class DrawRecordTests: XCTestCase {
  func folder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("choucha-record-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
  }

  func draw(_ seed: String, into out: URL, targets: String? = nil, _ extra: [String] = []) throws -> (Int32, String) {
    var arguments = ["draw", "Rules"] + RepositoryTests.drawArguments + ["--seed", seed, "--out", out.path] + extra
    if let targets, let index = arguments.firstIndex(of: "--targets") { arguments[index + 1] = targets }
    let (status, output, errors) = try RepositoryTests.launch(arguments)
    return (status, output + errors)
  }

  func contents(_ out: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: out.path) {
      files[name] = try Data(contentsOf: out.appendingPathComponent(name))
    }
    return files
  }

  func testAnotherSeedDoesNotReplaceTheRecord() throws {
    let out = try folder()
    XCTAssertEqual(try draw("第一次", into: out).0, 0)
    let first = try contents(out)
    // The same draw again: the same bytes, allowed.
    XCTAssertEqual(try draw("第一次", into: out).0, 0)
    XCTAssertEqual(try contents(out), first)
    // Another seed: refused, nothing written, no temporary file left, the first seed named.
    let (status, said) = try draw("第二次", into: out)
    XCTAssertEqual(status, 2, said)
    XCTAssertTrue(said.contains("已是这一年度的抽取结果"), said)
    XCTAssertTrue(said.contains("“第一次”"), said)
    XCTAssertTrue(said.contains("--replace"), said)
    XCTAssertEqual(try contents(out), first)
    // With --replace it is drawn again, and verifies.
    let (replaced, _) = try draw("第二次", into: out, ["--replace"])
    XCTAssertEqual(replaced, 0)
    XCTAssertNotEqual(try contents(out)["draw-2024.json"], first["draw-2024.json"])
    let (verified, _, _) = try RepositoryTests.launch(
      ["verify", out.appendingPathComponent("draw-2024.json").path] + RepositoryTests.drawArguments)
    XCTAssertEqual(verified, 0)
  }

  /// A draw published under v1 in the folder: drawing the same seed again (now v2) is refused,
  /// saying the versions differ and that the record stays verifiable; nothing is written.
  func testAV1RecordIsNotRedrawnByV2() throws {
    let out = try folder()
    let published = GoldenTests.fixtures.appendingPathComponent("draw-v1/rules-example-2024")
    for name in ["draw-2024.json", "draw-2024.csv", "draw-2024.manifest.json"] {
      try FileManager.default.copyItem(at: published.appendingPathComponent(name), to: out.appendingPathComponent(name))
    }
    let before = try contents(out)
    let (status, said) = try draw("2024-03-01 公开摇号：3 1 4 1 5 9", into: out)
    XCTAssertEqual(status, 2, said)
    XCTAssertTrue(said.contains("consistent-sampler-sha256-v1"), said)
    XCTAssertTrue(said.contains("choucha verify"), said)
    XCTAssertEqual(try contents(out), before)
  }

  func testOtherDirectoriesDoNotReplaceTheRecord() throws {
    let out = try folder()
    XCTAssertEqual(try draw("种子", into: out).0, 0)
    let first = try contents(out)
    // The same seed over a directory with one row fewer.
    let index = RepositoryTests.drawArguments.firstIndex(of: "--targets")!
    let original = try Data(
      contentsOf: RepositoryTests.root.appendingPathComponent(RepositoryTests.drawArguments[index + 1]))
    // Without the first data row (rows end in LF or CRLF: cut at the bytes).
    let breaks = original.indices.filter { original[$0] == UInt8(ascii: "\n") }
    XCTAssertGreaterThan(breaks.count, 3)
    let fewerRows = original[..<(breaks[0] + 1)] + original[(breaks[1] + 1)...]
    let fewer = out.deletingLastPathComponent().appendingPathComponent("choucha-fewer-\(UUID().uuidString).csv")
    try Data(fewerRows).write(to: fewer)
    addTeardownBlock { try? FileManager.default.removeItem(at: fewer) }
    let (status, said) = try draw("种子", into: out, targets: fewer.path)
    XCTAssertEqual(status, 2, said)
    XCTAssertEqual(try contents(out), first)
  }
}
