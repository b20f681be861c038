import XCTest

@testable import ChouchaCore

/// The catalog's invariants (ARCHITECTURE.md, “Diagnostics”): every diagnostic is made by a
/// factory in `Sources/ChouchaCore/Diagnostics/Catalog+<Family>.swift`, so that its words in both
/// languages are found in one place, and each of those files holds its own family's codes only,
/// sorted by code.
final class CatalogTests: XCTestCase {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let catalogFolder = "Sources/ChouchaCore/Diagnostics/"
  /// The catalog's files by family, as `DiagnosticCode` numbers them.
  static let families = [
    "Syntax": "00", "Names": "01", "Authority": "02", "Sampling": "03", "Bundles": "04", "Plan": "05",
    "Import": "06", "Draw": "07", "CheckPoints": "08", "Results": "09",
  ]

  /// Every Swift file under `Sources/`, its path relative to the repository, its text without
  /// `//` comments (so that a doc comment may name a code or a factory).
  static func sources() throws -> [(path: String, code: String)] {
    let sources = root.appendingPathComponent("Sources")
    guard let walk = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil) else {
      throw CocoaError(.fileReadNoSuchFile)
    }
    var files: [(path: String, code: String)] = []
    for case let url as URL in walk where url.pathExtension == "swift" {
      let path = String(url.path.dropFirst(root.path.count + 1))
      let text = try String(contentsOf: url, encoding: .utf8)
      files.append((path, text.split(separator: "\n", omittingEmptySubsequences: false).map(withoutComment).joined(separator: "\n")))
    }
    XCTAssertGreaterThan(files.count, 50, "the walk found the sources")
    return files.sorted { $0.path < $1.path }
  }

  /// A line up to its `//` comment, if any outside a string literal.
  static func withoutComment(_ line: Substring) -> String {
    var inString = false
    var previous: Character = " "
    var kept = ""
    for character in line {
      if character == "\"" && previous != "\\" { inString.toggle() }
      if !inString, character == "/", previous == "/" {
        kept.removeLast()
        return kept
      }
      kept.append(character)
      previous = character
    }
    return kept
  }

  static func isCatalog(_ path: String) -> Bool {
    path.hasPrefix(catalogFolder + "Catalog+") && path.hasSuffix(".swift")
  }

  /// `Diagnostic(…)`, `Diagnostic.init(…)` and its labels and fix-its, made outside the catalog.
  func testDiagnosticsAreMadeOnlyInTheCatalog() throws {
    let construction = try Regex(#"(?:^|[^A-Za-z0-9_.])Diagnostic(\.init|\.Label|\.FixIt)?\s*\("#)
    var found: [String] = []
    for (path, code) in try Self.sources() where !Self.isCatalog(path) {
      for (number, line) in code.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
      where line.contains(construction) {
        found.append("\(path):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
      }
    }
    XCTAssertEqual(
      found, [],
      """
      A diagnostic is made outside the catalog. Add a factory (a static func on Diagnostic taking plain
      values) to Sources/ChouchaCore/Diagnostics/Catalog+<Family>.swift, in code order, and call it here.
      """)
  }

  func testEachCatalogFileHoldsItsFamilySorted() throws {
    let code = try Regex(#"(?:^|[^A-Za-z0-9_.])\.([EW][0-9]{4})(?![0-9])"#)
    let construction = try Regex(#"(?:^|[^A-Za-z0-9_.])Diagnostic\s*\("#)
    let literalCode = try Regex(#"(?:^|[^A-Za-z0-9_.])Diagnostic\s*\(\s*\.[EW][0-9]{4}\s*,"#)
    let order = Dictionary(uniqueKeysWithValues: DiagnosticCode.allCases.enumerated().map { ($1.rawValue, $0) })
    var made = Set<String>()
    var files = 0
    for (path, text) in try Self.sources() where Self.isCatalog(path) {
      files += 1
      let name = String(path.dropFirst((Self.catalogFolder + "Catalog+").count).dropLast(".swift".count))
      guard let family = Self.families[name] else {
        XCTFail("\(path): no such family; the catalog's files are Catalog+\(Self.families.keys.sorted().joined(separator: "/")).swift")
        continue
      }
      let codes = text.matches(of: code).compactMap { $0[1].substring.map(String.init) }
      XCTAssertFalse(codes.isEmpty, "\(path) makes no diagnostic")
      for raw in codes {
        XCTAssertNotNil(order[raw], "\(path): \(raw) is not a DiagnosticCode")
        XCTAssertEqual(raw.dropFirst().prefix(2), Substring(family), "\(path) holds \(raw), of another family: move its factory to its family's file")
      }
      let known = codes.filter { order[$0] != nil }
      for (earlier, later) in zip(known, known.dropFirst()) where order[later]! < order[earlier]! {
        XCTFail("\(path): \(later) comes after \(earlier): sort the factories by code")
      }
      // One code per factory, written where it is made: a code chosen at run time would hide a
      // code of another family in this file.
      XCTAssertEqual(
        text.matches(of: construction).count, text.matches(of: literalCode).count,
        "\(path): each Diagnostic(…) starts with its code, written out")
      made.formUnion(known)
    }
    XCTAssertEqual(files, Self.families.count, "one catalog file per family")
    XCTAssertEqual(
      DiagnosticCode.allCases.map(\.rawValue).filter { !made.contains($0) }, [], "codes that no factory of the catalog makes")
  }
}
