import Foundation
import XCTest

@testable import ChouchaCore

/// Sources are cited as documents (issue 13): one table, `CitedDocument`, gives each cited
/// document's title, issuer, number and date; every text a user reads cites documents by that
/// title and number, and names no file of ours (no seed transcript, no data file).
final class CitationTests: XCTestCase {
  static let root = CatalogTests.root

  /// Every text file under `folder` (relative to the repository), by path.
  static func texts(under folder: String, extensions: Set<String>) throws -> [(path: String, text: String)] {
    let base = root.appendingPathComponent(folder)
    guard let walk = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else {
      throw CocoaError(.fileReadNoSuchFile)
    }
    var files: [(path: String, text: String)] = []
    for case let url as URL in walk where extensions.contains(url.pathExtension) {
      guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
      files.append((String(url.path.dropFirst(root.path.count + 1)), text))
    }
    XCTAssertFalse(files.isEmpty, "nothing found under \(folder)")
    return files.sorted { $0.path < $1.path }
  }

  static func file(_ path: String) throws -> (path: String, text: String) {
    (path, try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8))
  }

  /// What `choucha explain` prints, every page in both languages, and the draw's specification.
  static var explainPages: [(path: String, text: String)] {
    Explanation.catalog.flatMap { explanation in
      Language.allCases.map { ("choucha explain \(explanation.code.rawValue) --lang \($0)", explanation.rendered($0)) }
    } + Language.allCases.map { ("choucha explain draw --lang \($0)", DrawDocument.specification($0)) }
  }

  /// Every text a user reads: the sources (catalog messages and helps, explanations, the CLI's
  /// help texts, every string the tools print), `Rules/`, `Examples/`, `Schemas/`, the README,
  /// Grammar.md, and the rendered `explain` pages.
  static func userFacingTexts() throws -> [(path: String, text: String)] {
    try texts(under: "Sources", extensions: ["swift"])
      + texts(under: "Rules", extensions: ["choucha", "md", "csv"])
      + texts(under: "Examples", extensions: ["choucha", "md", "csv", "txt", "json"])
      + texts(under: "Schemas", extensions: ["json", "md"])
      + [file("README.md"), file("Grammar.md")]
      + explainPages
  }

  /// The file names of the material outside the repository: the seed transcripts (`000_` and
  /// sixteen hex digits) and the data files shared with the project, which users do not have.
  func testNoTextNamesAFileOfOurs() throws {
    let patterns = try [
      Regex(#"[0-9]{3}_[0-9a-f]{16}\.txt"#),
      Regex(#"[0-9]{3}_(?:…|\.\.\.)"#),
      Regex(#"\.\./shared"#),
      Regex(#"data/realworld"#),
      Regex(#"[a-z0-9_]+_excerpt\.csv|[a-z_]+_20[0-9]{2}_20[0-9]{2}\.csv"#),
      Regex(#"(?:^|[^0-9])00[0-4] ?号文"#),
      Regex(#"credit_risk_ratio_rules\.md"#),
    ]
    var found: [String] = []
    for (path, text) in try Self.userFacingTexts() {
      for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        for pattern in patterns {
          if let match = line.firstMatch(of: pattern) { found.append("\(path):\(number + 1): \(match.output[0].substring ?? "")") }
        }
      }
    }
    XCTAssertEqual(found, [], "cite the document (CitedDocument: title, issuer, number, clause), never a file of ours")
  }

  /// A 《title》 that names a policy document (not a law or a regulation, which rule files
  /// declare themselves).
  static func isPolicyDocument(_ title: Substring) -> Bool {
    ["双随机", "方案", "制度", "通知", "意见", "办法", "规范", "计划", "清单"].contains { title.contains($0) }
      && !declaredLawTitles.contains(String(title))
  }

  /// The titles of the laws the rule files of `Rules/` and `Examples/` declare (`法规 CODE "title"`):
  /// a regulation such as 旅馆业治安管理办法 is named 办法 but is a law, cited by the documents
  /// `build` writes from those rules.
  static let declaredLawTitles: Set<String> = {
    let declaration = try! Regex(#"^\s*(?:法规|law)\s+\S+\s+["“]([^"”\n]+)["”]"#)
    var titles = Set<String>()
    for folder in ["Rules", "Examples"] {
      for (_, text) in (try? texts(under: folder, extensions: ["choucha"])) ?? [] {
        for line in text.split(separator: "\n") {
          if let match = line.firstMatch(of: declaration), let title = match.output[1].substring { titles.insert(String(title)) }
        }
      }
    }
    return titles
  }()

  /// Every document cited in `Rules/`, `Examples/`, the README and the explanations is in the
  /// table, with its title as the table writes it, followed by its number where it has one; and
  /// every document number written anywhere there is the number of a document in the table.
  func testCitedDocumentsAreInTheTable() throws {
    let texts = try Self.texts(under: "Rules", extensions: ["choucha", "md"])
      + Self.texts(under: "Examples", extensions: ["choucha", "md", "txt"])
      + [Self.file("README.md")] + Self.explainPages
      + Self.texts(under: "Sources/ChouchaCore/Diagnostics", extensions: ["swift"]).filter { !$0.path.hasSuffix("CitedDocuments.swift") }
    let cited = try Regex(#"《([^《》\n]+)》\s*(?:[（(]([^）)\n]*)[）)])?"#)
    let number = try Regex(#"[\p{Han}]+〔[0-9]{4}〕[0-9]+号"#)
    let numbers = Set(CitedDocument.all.compactMap(\.number))
    var found: [String] = []
    // In Markdown, a code span is input shown as an example (a cell as a sheet writes it), not a
    // citation of ours.
    let codeSpan = try Regex(#"`[^`\n]*`"#)
    for (path, text) in texts {
      for (index, whole) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let at = "\(path):\(index + 1)"
        let line = path.hasSuffix(".md") ? Substring(whole.replacing(codeSpan, with: "``")) : whole
        for match in line.matches(of: cited) {
          let title = match.output[1].substring!
          let bracket = match.output[2].substring
          if let document = CitedDocument.titled(String(title)) {
            if let expected = document.number, !(bracket?.hasPrefix(expected) ?? false) {
              found.append("\(at): 《\(title)》 is followed by “\(bracket ?? "")”, not its number \(expected)")
            }
          } else if Self.isPolicyDocument(title) {
            found.append("\(at): 《\(title)》 is not in CitedDocument.all (or its title is written differently)")
          }
        }
        for match in line.matches(of: number) where !numbers.contains(String(line[match.range])) {
          found.append("\(at): the document number \(line[match.range]) is not in CitedDocument.all")
        }
      }
    }
    XCTAssertEqual(found, [], "cite documents as CitedDocument.all gives them: 《title》（number）clause")
  }

  func testTheTableIsComplete() {
    var keys = Set<String>()
    var titles = Set<String>()
    for document in CitedDocument.all {
      XCTAssertTrue(keys.insert(document.key).inserted, "\(document.key) twice")
      XCTAssertTrue(titles.insert(document.title).inserted, "\(document.title) twice")
      XCTAssertFalse(document.title.contains("《") || document.title.contains("》"), "\(document.key): title without 《》")
      XCTAssertFalse(document.issuer.zh.isEmpty || document.issuer.en.isEmpty, "\(document.key): issuer")
      XCTAssertFalse(document.date.zh.isEmpty || document.date.en.isEmpty, "\(document.key): date")
      if let number = document.number { XCTAssertTrue(number.hasSuffix("号"), "\(document.key): \(number)") }
    }
    // Every document of the table is cited somewhere (no dead entry).
    let citing = Set(Explanation.catalog.flatMap { $0.citations.map(\.document.key) })
    let sources = (try? CatalogTests.sources().map(\.code).joined()) ?? ""
    let rules = ((try? Self.texts(under: "Rules", extensions: ["choucha", "md"])) ?? []).map(\.text).joined()
    for document in CitedDocument.all where !citing.contains(document.key) {
      XCTAssertTrue(
        sources.contains("CitedDocument.\(document.key)") || rules.contains("《\(document.title)》"),
        "\(document.key) is cited nowhere")
    }
  }

  /// The README's list of documents is the table, row for row.
  func testReadmeListsTheTable() throws {
    let readme = try Self.file("README.md").text
    guard let start = readme.range(of: "| 文件 Document |") else { return XCTFail("README.md: no list of documents") }
    let rows = readme[start.upperBound...].split(separator: "\n").dropFirst(2).prefix { $0.hasPrefix("| ") }
    XCTAssertEqual(rows.count, CitedDocument.all.count, "one row per document of CitedDocument.all")
    for (row, document) in zip(rows, CitedDocument.all) {
      let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
      XCTAssertEqual(cells.first, "《\(document.title)》" + (document.number.map { "（\($0)）" } ?? ""), "README.md: \(row)")
      XCTAssertEqual(cells.dropFirst().first, document.issuer.zh, "README.md: \(row)")
      XCTAssertEqual(cells.last, (document.number.map { "\($0)，" } ?? "") + document.date.zh, "README.md: \(row)")
    }
  }

  /// The quoted sentences are the documents' words: every citation of an explanation quotes the
  /// text of its document, kept in `Tests/Fixtures/documents/<key>.txt`.
  func testQuotesAreTheDocumentsWords() throws {
    let folder = Self.root.appendingPathComponent("Tests/Fixtures/documents")
    var checked = 0
    for explanation in Explanation.catalog {
      for citation in explanation.citations {
        let key = citation.document.key
        guard let text = try? String(contentsOf: folder.appendingPathComponent(key + ".txt"), encoding: .utf8) else {
          XCTFail("\(explanation.code.rawValue): no text of \(key) in Tests/Fixtures/documents/ to check its quote against")
          continue
        }
        let transcript = Self.normalized(text)
        XCTAssertTrue(transcript.contains(Self.normalized(citation.document.title)), "\(key).txt is not 《\(citation.document.title)》")
        for part in citation.quote.components(separatedBy: "……") where !part.isEmpty {
          checked += 1
          XCTAssertTrue(transcript.contains(Self.normalized(part)), "\(explanation.code.rawValue): “\(part)” is not in \(key).txt")
        }
      }
    }
    XCTAssertGreaterThan(checked, 40)
  }

  /// Without spaces and line breaks, and with ASCII punctuation as the full-width forms the
  /// transcripts sometimes lost.
  static func normalized(_ text: String) -> String {
    let map: [Character: Character] = [",": "，", ";": "；", ":": "：", "(": "（", ")": "）"]
    return String(text.compactMap { $0.isWhitespace ? nil : (map[$0] ?? $0) })
  }

  /// English text uses ASCII punctuation: no （）：，。“”、； outside a Chinese title 《…》, a quoted
  /// Chinese example '…' and the Chinese quote pair “…” named as such.
  static func fullWidthPunctuation(in english: String) -> [String] {
    var text = english.replacingOccurrences(of: "“…”", with: "")
    text = text.replacing(try! Regex(#"《[^》]*》"#), with: "")
    text = text.replacing(try! Regex(#"'[^']*'"#), with: "")
    return text.matches(of: try! Regex(#".{0,20}[（）：，。“”、；].{0,20}"#)).map { String($0.output[0].substring ?? "") }
  }

  func testEnglishTextUsesASCIIPunctuation() throws {
    var found: [String] = []
    // The catalog's English strings, as written in its sources.
    let english = try Regex(#"en: "((?:[^"\\]|\\.)*)""#)
    for (path, text) in try Self.texts(under: "Sources/ChouchaCore/Diagnostics", extensions: ["swift"]) {
      for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        for match in line.matches(of: english) {
          for hit in Self.fullWidthPunctuation(in: String(match.output[1].substring ?? "")) {
            found.append("\(path):\(index + 1): \(hit)")
          }
        }
      }
    }
    // Every explanation as `choucha explain --lang en` prints it, but its examples (rule files).
    for explanation in Explanation.catalog {
      let page = explanation.rendered(.en)
      let prose = page.components(separatedBy: "\nWrong:")[0]
      for hit in Self.fullWidthPunctuation(in: prose) { found.append("explain \(explanation.code.rawValue) --lang en: \(hit)") }
    }
    for code in DiagnosticCode.allCases {
      for hit in Self.fullWidthPunctuation(in: code.title(.en)) { found.append("title of \(code.rawValue): \(hit)") }
    }
    XCTAssertEqual(found, [], "English text uses ASCII punctuation")
  }
}
