import Foundation
import XCTest

/// `choucha site` through the binary: the site of Rules/ with its draw, the same bytes from two
/// processes, a draw of other rules refused with nothing written, and the output directory's
/// subdirectories kept safe (a file or a link there that choucha did not write is refused).
final class SiteCommandTests: XCTestCase {
  static let root = OutputTests.root

  func directory(_ name: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("choucha-\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
  }

  func testRulesSiteIsWrittenTheSameByTwoProcesses() throws {
    let folder = try directory("site")
    let first = folder.appendingPathComponent("a")
    let second = folder.appendingPathComponent("b")
    for out in [first, second] {
      let run = try OutputTests.run(["site", "Rules", "--out", out.path])
      XCTAssertEqual(run.status, 0, run.output)
      XCTAssertTrue(run.output.contains("index.html"), run.output)
    }
    let a = try OutputTests.tree(first)
    let b = try OutputTests.tree(second)
    XCTAssertEqual(a, b, "hash order or a clock would show here: each process seeds its hashing anew")
    for name in ["index.html", "items.html", "plan.html", "tasks/1.html", "draw.html", "verify.html", "results.html",
      "style.css", "manifest.json", "site.manifest.json", "departments/scjg.html"]
    {
      XCTAssertNotNil(a[name], name)
    }
    // Rules/ imports its draw: the draw page lists it; the run manifest lists paths.
    let draw = String(decoding: try XCTUnwrap(a["draw.html"]), as: UTF8.self)
    XCTAssertTrue(draw.contains("2024-03-01 公开摇号：3 1 4 1 5 9"))
    let record = String(decoding: try XCTUnwrap(a["site.manifest.json"]), as: UTF8.self)
    XCTAssertTrue(record.contains("\"command\": \"site\"") && record.contains("\"name\": \"tasks/1.html\""), record)
    // Again into the same directory: nothing foreign, every file taken over.
    let again = try OutputTests.run(["site", "Rules", "--out", first.path])
    XCTAssertEqual(again.status, 0, again.output)
    XCTAssertEqual(try OutputTests.tree(first), b)
  }

  /// A draw naming a task the rules do not have (made from other rules): refused, at its field,
  /// and nothing is written — given with `--draw`, or imported by the rules (E0601 at the import).
  func testMismatchedDrawIsRefusedAndNothingWritten() throws {
    let folder = try directory("site-mismatch")
    let original = try String(contentsOf: Self.root.appendingPathComponent("Rules/draws/draw-2024.json"), encoding: .utf8)
    let edited = try XCTUnwrap(original.range(of: "\"id\": \"2024-J-YYYC-2024-03\"")).lowerBound
    let other = original.replacingCharacters(
      in: edited..<original.index(edited, offsetBy: "\"id\": \"2024-J-YYYC-2024-03\"".count), with: "\"id\": \"2024-J-别的任务\"")
    let file = folder.appendingPathComponent("draw-2024.json")
    try Data(other.utf8).write(to: file)
    let out = folder.appendingPathComponent("site")
    let given = try OutputTests.run(["site", "Rules", "--draw", file.path, "--out", out.path])
    XCTAssertEqual(given.status, 1, given.output)
    XCTAssertTrue(given.output.contains("tasks[0].id") && given.output.contains("未写出任何文件"), given.output)
    XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "nothing written, not even the directory")

    let rules = folder.appendingPathComponent("Rules")
    try FileManager.default.copyItem(at: Self.root.appendingPathComponent("Rules"), to: rules)
    try Data(other.utf8).write(to: rules.appendingPathComponent("draws/draw-2024.json"))
    let imported = try OutputTests.run(["site", "Rules", "--out", "site"], in: folder)
    XCTAssertEqual(imported.status, 1, imported.output)
    XCTAssertTrue(imported.output.contains("E0601") && imported.output.contains("imports.choucha"), imported.output)
    XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))

    // A draw of another year.
    let year = folder.appendingPathComponent("draw-2023.json")
    try Data(original.replacingOccurrences(of: "\"year\": 2024", with: "\"year\": 2023").utf8).write(to: year)
    let wrongYear = try OutputTests.run(["site", "Rules", "--draw", year.path, "--out", out.path])
    XCTAssertEqual(wrongYear.status, 1, wrongYear.output)
    XCTAssertTrue(wrongYear.output.contains("2023"), wrongYear.output)
    XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
  }

  /// A page's name taken by a file choucha did not write, or a subdirectory that is a symbolic
  /// link (which could lead outside the output directory): refused, nothing written.
  func testForeignFilesAndLinksInSubdirectoriesAreRefused() throws {
    let folder = try directory("site-foreign")
    let out = folder.appendingPathComponent("site")
    try FileManager.default.createDirectory(at: out.appendingPathComponent("tasks"), withIntermediateDirectories: true)
    try Data("mine\n".utf8).write(to: out.appendingPathComponent("tasks/1.html"))
    let foreign = try OutputTests.run(["site", "Rules", "--out", out.path])
    XCTAssertEqual(foreign.status, 2, foreign.output)
    XCTAssertTrue(foreign.output.contains("tasks/1.html"), foreign.output)
    XCTAssertEqual(try OutputTests.tree(out), ["tasks/1.html": Data("mine\n".utf8)])

    let elsewhere = folder.appendingPathComponent("elsewhere")
    try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
    let linked = folder.appendingPathComponent("linked")
    try FileManager.default.createDirectory(at: linked, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(at: linked.appendingPathComponent("tasks"), withDestinationURL: elsewhere)
    let link = try OutputTests.run(["site", "Rules", "--out", linked.path])
    XCTAssertEqual(link.status, 2, link.output)
    XCTAssertTrue(link.output.contains("不是目录"), link.output)
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path), [])
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: linked.path), ["tasks"])
  }
}
