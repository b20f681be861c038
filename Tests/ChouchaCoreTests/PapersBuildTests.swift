import Foundation
import XCTest

@testable import ChouchaCore

/// `choucha build --documents`, through the binary: the papers go under `DIR/papers/`, in
/// folders the manifest lists; a build without `--documents` removes them again (folders
/// included); a draw of other rules, or a `papers` that is not a real folder, is refused with
/// nothing written.
final class PapersBuildTests: XCTestCase {
  func directory(_ name: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("choucha-\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
  }

  func testDocumentsAreWrittenListedAndRemoved() throws {
    let out = try directory("papers")
    let built = try OutputTests.run(["build", "Rules", "--out", out.path, "--documents"])
    XCTAssertEqual(built.status, 0, built.output)
    XCTAssertTrue(built.output.contains("联合抽查通知书 42 份"), built.output)
    let tree = try OutputTests.tree(out)
    let papers = tree.keys.filter { $0.hasPrefix("papers/") }
    let expected = try PapersTests.files(PapersTests.rules)
    XCTAssertEqual(Set(papers), Set(expected.map(\.name)), "build --documents writes Papers.files, nothing else")
    for file in expected { XCTAssertEqual(tree[file.name], Data(file.bytes), file.name) }
    // The default files are those of a build without it.
    XCTAssertEqual(Set(tree.keys.filter { !$0.hasPrefix("papers/") }), Set(OutputTests.buildFiles + ["build.manifest.json"]))
    let manifest = try String(contentsOf: out.appendingPathComponent("build.manifest.json"), encoding: .utf8)
    XCTAssertTrue(manifest.contains("\"papers/tasks/1-plan.html\""))

    // The same again: nothing changes.
    XCTAssertEqual(try OutputTests.run(["build", "Rules", "--out", out.path, "--documents"]).status, 0)
    XCTAssertEqual(try OutputTests.tree(out), tree)

    // Without --documents: the papers of the previous run go, and their folders.
    let plain = try OutputTests.run(["build", "Rules", "--out", out.path])
    XCTAssertEqual(plain.status, 0, plain.output)
    XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("papers").path), plain.output)
    XCTAssertEqual(Set(try OutputTests.tree(out).keys), Set(OutputTests.buildFiles + ["build.manifest.json"]))
  }

  /// A paper edited by hand is kept when the papers are no longer written, and so is its folder.
  func testAnEditedPaperIsKept() throws {
    let out = try directory("papers-edited")
    XCTAssertEqual(try OutputTests.run(["build", "Rules", "--out", out.path, "--documents"]).status, 0)
    let edited = out.appendingPathComponent("papers/tasks/1-plan.md")
    try Data("已盖章的版本\n".utf8).write(to: edited)
    let plain = try OutputTests.run(["build", "Rules", "--out", out.path])
    XCTAssertEqual(plain.status, 0, plain.output)
    XCTAssertTrue(plain.output.contains("papers/tasks/1-plan.md"), plain.output)
    XCTAssertEqual(try Data(contentsOf: edited), Data("已盖章的版本\n".utf8))
    XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("papers/notices").path))
  }

  /// A draw made from other rules: said with the draw's file and field, exit 1, nothing written.
  func testMismatchedDrawWritesNothing() throws {
    let folder = try directory("papers-mismatch")
    let draw = try String(contentsOf: OutputTests.root.appendingPathComponent("Rules/draws/draw-2024.json"), encoding: .utf8)
    let other = folder.appendingPathComponent("draw-other.json")
    try draw.replacingOccurrences(of: "\"id\": \"2024-J-YYYC-2024-03\"", with: "\"id\": \"2024-J-YYYC-2024-99\"")
      .write(to: other, atomically: true, encoding: .utf8)
    let out = folder.appendingPathComponent("build")
    let built = try OutputTests.run(["build", "Rules", "--out", out.path, "--documents", "--draw", other.path])
    XCTAssertEqual(built.status, 1, built.output)
    XCTAssertTrue(built.output.contains("tasks[0].id"), built.output)
    XCTAssertTrue(built.output.contains("2024-J-YYYC-2024-99"), built.output)
    XCTAssertTrue(built.output.contains("未写出任何文件"), built.output)
    XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "nothing written, not even the folder")
  }

  /// `papers` as a symbolic link to elsewhere: refused before anything is written; the place it
  /// leads to is untouched.
  func testPapersFolderThatIsALinkIsRefused() throws {
    let out = try directory("papers-link")
    let elsewhere = try directory("papers-elsewhere")
    try FileManager.default.createSymbolicLink(at: out.appendingPathComponent("papers"), withDestinationURL: elsewhere)
    let built = try OutputTests.run(["build", "Rules", "--out", out.path, "--documents"])
    XCTAssertEqual(built.status, 2, built.output)
    XCTAssertTrue(built.output.contains("papers"), built.output)
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path), [])
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path), ["papers"], "nothing written")
  }
}
