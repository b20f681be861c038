import Foundation
import XCTest

/// What the source tree must not contain where, as a scan of its text: the invariants
/// ARCHITECTURE.md states as absences.
final class BoundaryTests: XCTestCase {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  struct Hit: CustomStringConvertible {
    var file: String
    var line: Int
    var text: String
    var description: String { "\(file):\(line): \(text)" }
  }

  /// Every line of code (comments left out: a comment may say what the command line does) of the
  /// Swift files under `folders` where one of `patterns` occurs, except the `allowed` ones: the
  /// file's name and a piece of the line.
  static func hits(in folders: [String], patterns: [String], allowed: [(file: String, line: String)] = []) throws -> [Hit] {
    let expression = try NSRegularExpression(pattern: patterns.joined(separator: "|"))
    var hits: [Hit] = []
    for folder in folders {
      let url = root.appendingPathComponent(folder)
      guard let walker = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil) else { continue }
      for case let file as URL in walker where file.pathExtension == "swift" {
        let text = try String(contentsOf: file, encoding: .utf8)
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
          var code = String(line)
          if let comment = code.range(of: "//") { code = String(code[..<comment.lowerBound]) }
          let range = NSRange(code.startIndex..., in: code)
          guard expression.firstMatch(in: code, range: range) != nil else { continue }
          if allowed.contains(where: { file.lastPathComponent == $0.file && code.contains($0.line) }) { continue }
          let relative = String(file.path.dropFirst(root.path.count + 1))
          hits.append(Hit(file: relative, line: index + 1, text: code.trimmingCharacters(in: .whitespaces)))
        }
      }
    }
    return hits
  }

  /// Only the command line touches the world: the core and the draw engine take bytes or a
  /// `ByteSource`, never open a file, read the environment, write to standard error, run a
  /// process or trim the allocator.
  func testOnlyTheCommandLineTouchesTheWorld() throws {
    let patterns = [
      #"(?<![.\w])open\("#, #"\bfopen\b"#, #"\bgetenv\b"#, #"\bFileManager\b"#, #"\bstderr\b"#, #"\bfputs\b"#, #"\bProcess\b"#,
      #"\bmalloc_trim\b"#, #"\bProcessInfo\b"#,
    ]
    // The JSON writer's own `open(_ bracket:)`, which opens an object or an array in the output,
    // not a file; the HTML builder's `open(_ tag:)`, which opens an element (its tag a literal).
    let allowed = [
      ("JSON.swift", "func open(_ bracket: UInt8)"), ("JSON.swift", #"open(UInt8(ascii: "#),
      ("HTML.swift", "func open(_ tag: StaticString"), ("HTML.swift", "open(tag, attributes)"), ("HTML.swift", #"open(""#),
      // Python's, in the command the verification page shows a citizen.
      ("SiteDrawPages.swift", "hashlib.sha256(open(f["),
    ]
    let hits = try Self.hits(in: ["Sources/ChouchaCore", "Sources/ChouchaDraw"], patterns: patterns, allowed: allowed)
    XCTAssertEqual(hits.map(\.description), [], "IO outside the command line")
    // The scan finds what it looks for (the command line has all of these).
    let cli = try Self.hits(in: ["Sources/choucha"], patterns: patterns)
    XCTAssertTrue(cli.contains { $0.text.contains("open(path") }, cli.map(\.description).joined(separator: "\n"))
    XCTAssertTrue(cli.contains { $0.text.contains("getenv(\"CHOUCHA_TIMINGS\")") })
  }

  /// Only ChouchaDraw and ChouchaIntrinsics manage memory by hand or make unchecked promises to
  /// the compiler: the core and the command line hold bytes in arrays.
  func testOnlyTheDrawAndTheIntrinsicsManageMemory() throws {
    let patterns = [#"\ballocate\("#, #"\bdeallocate\("#, #"@unchecked\s+Sendable"#, #"\bUnmanaged\b"#]
    let hits = try Self.hits(in: ["Sources/ChouchaCore", "Sources/choucha"], patterns: patterns)
    XCTAssertEqual(hits.map(\.description), [], "manual memory outside ChouchaDraw and ChouchaIntrinsics")
    // The scan finds what it looks for where it is allowed.
    let draw = try Self.hits(in: ["Sources/ChouchaDraw"], patterns: patterns)
    XCTAssertTrue(draw.contains { $0.text.contains("@unchecked Sendable") })
    XCTAssertTrue(draw.contains { $0.text.contains("deallocate()") })
  }

  /// ChouchaDraw's hand-managed memory has an owner that frees it in `deinit`: no manual
  /// `release()` to forget, and no `defer { … deallocate() }` that a second exit could skip or
  /// repeat. (`Allocations`, `ByteScratch` and `TicketBatch.Lanes` are the owners.)
  func testTheDrawFreesMemoryOnlyInDeinit() throws {
    let hits = try Self.hits(
      in: ["Sources/ChouchaDraw"], patterns: [#"\bdeallocate\(\)"#, #"func release\("#],
      allowed: [("Allocations.swift", "deallocate()"), ("TargetStream.swift", "deallocate()"), ("TicketBatch.swift", "deinit { bytes.deallocate() }")])
    XCTAssertEqual(hits.map(\.description), [])
  }
}
