import Foundation
import XCTest

@testable import ChouchaCore

/// The results' documents of `build` (`ResultDocuments`): what is published, as of which day,
/// Excel-safe; the figures only claim what the rows and the plan say. The golden cases
/// Tests/Fixtures/build/ok-results and ok-results-as-of pin the bytes; these pin the rules.
final class ResultDocumentsTests: XCTestCase {
  static let cases = GoldenTests.fixtures.appendingPathComponent("build")

  func documents(_ name: String, asOf: String? = nil) throws -> [String: String] {
    let compilation = try GoldenTests.compile(folder: Self.cases.appendingPathComponent(name), displayPrefix: name)
    XCTAssertEqual(compilation.diagnostics.errorCount, 0)
    let plan = try XCTUnwrap(Planner.plan(compilation.program, year: 2024))
    let files = ResultDocuments.build(compilation.program, plan, asOf: asOf.map { Day(parsing: Substring($0))! })
    return Dictionary(uniqueKeysWithValues: files.map { ($0.name, String(decoding: $0.bytes, as: UTF8.self)) })
  }

  /// Rows without a 公示日期 (己物业 …102, 丁饭庄 …003) are the department's record, not the public's.
  func testRowsWithoutPublicationDateAreNotPublished() throws {
    let written = try documents("ok-results")
    let csv = try XCTUnwrap(written["results-2024.csv"])
    let json = try XCTUnwrap(written["results-2024.json"])
    for unpublished in ["91130102MA00000102", "91130102MA00000003"] {
      XCTAssertFalse(csv.contains(unpublished), unpublished)
      XCTAssertFalse(json.contains(unpublished), unpublished)
    }
    // 9 rows, 2 without a date: a heading and 7 rows.
    XCTAssertEqual(csv.split(separator: "\r\n").count, 8)
    let compilation = try GoldenTests.compile(folder: Self.cases.appendingPathComponent("ok-results"), displayPrefix: "r")
    let counts = ResultDocuments.counts(compilation.program, try XCTUnwrap(Planner.plan(compilation.program, year: 2024)))
    XCTAssertEqual(counts?.published, 7)
    XCTAssertEqual(counts?.held, 2)
  }

  /// `--as-of`: a row published after the day is not published yet; without it, it is.
  func testAsOfFiltersThePublication() throws {
    let all = try XCTUnwrap(try documents("ok-results")["results-2024.csv"])
    let early = try XCTUnwrap(try documents("ok-results", asOf: "2024-07-10")["results-2024.csv"])
    // 丙小吃店 published 2024-07-29, 甲餐馆's second round 2024-08-20.
    XCTAssertTrue(all.contains("91130102MA00000006"))
    XCTAssertFalse(early.contains("91130102MA00000006"))
    XCTAssertFalse(early.contains("2024-08-06"))
    XCTAssertEqual(early.split(separator: "\r\n").count, 6)
    // On the day itself it is published.
    XCTAssertTrue(try XCTUnwrap(try documents("ok-results", asOf: "2024-07-29")["results-2024.csv"]).contains("91130102MA00000006"))
  }

  /// A name typed as a formula reaches no spreadsheet as one.
  func testPublicationIsExcelSafe() throws {
    let csv = try XCTUnwrap(try documents("ok-results")["results-2024.csv"])
    XCTAssertTrue(csv.hasPrefix("\u{FEFF}企业名称,"))
    XCTAssertTrue(csv.contains("\"'=HYPERLINK("))
    XCTAssertTrue(csv.contains("\r\n'+丙小吃店,"))
    XCTAssertTrue(csv.contains("\r\n'-戊锅炉房,"))
    for line in csv.split(separator: "\r\n") {
      XCTAssertFalse(["=", "+", "-", "@"].contains { line.hasPrefix($0) || line.hasPrefix("\"" + $0) }, String(line))
    }
  }

  /// Without `--as-of` the on-time figures are null, not zero; without 企业基数, coverage is unknown.
  func testFiguresClaimOnlyWhatIsKnown() throws {
    let plain = try documents("ok-results")
    let json = try XCTUnwrap(plain["figures-2024.json"])
    XCTAssertTrue(json.contains("\"publicationOnTime\": null"))
    XCTAssertTrue(json.contains("\"followUpOnTime\": null"))
    XCTAssertTrue(json.contains("\"coverage\": null"))
    XCTAssertFalse(json.contains("\"rate\""))
    XCTAssertTrue(try XCTUnwrap(plain["figures-2024.md"]).contains("覆盖率未知"))
    let dated = try XCTUnwrap(try documents("ok-results-as-of", asOf: "2024-07-10")["figures-2024.json"])
    XCTAssertTrue(dated.contains("\"coverage\": \"6%\""))
    XCTAssertFalse(dated.contains("\"publicationOnTime\": null"))
  }

  /// No results imported: no results documents.
  func testNothingWithoutResults() throws {
    let compilation = try GoldenTests.compile(folder: Self.cases.appendingPathComponent("ok-escaping"), displayPrefix: "e")
    let plan = try XCTUnwrap(Planner.plan(compilation.program, year: nil))
    XCTAssertTrue(ResultDocuments.build(compilation.program, plan).isEmpty)
    XCTAssertNil(ResultDocuments.counts(compilation.program, plan))
  }

  /// Linear in the rows: 100,000 rows of one task are published and counted in well under the
  /// time a quadratic pass would need.
  func testManyRowsStayLinear() throws {
    let folder = Self.cases.appendingPathComponent("ok-results")
    var compilation = try GoldenTests.compile(folder: folder, displayPrefix: "r")
    let template = compilation.program.results[0]
    compilation.program.results = (0..<100_000).map { index in
      var row = template
      row.entity = Name("91130102MA" + String(100_000_000 + index).suffix(8), template.entity.span)
      return row
    }
    let plan = try XCTUnwrap(Planner.plan(compilation.program, year: 2024))
    let start = Date()
    let files = ResultDocuments.build(compilation.program, plan, asOf: Day(parsing: "2024-12-31"))
    let elapsed = Date().timeIntervalSince(start)
    XCTAssertEqual(files.count, 4)
    XCTAssertEqual(String(decoding: files[0].bytes, as: UTF8.self).split(separator: "\r\n").count, 100_001)
    XCTAssertLessThan(elapsed, 20, "100,000 rows took \(elapsed) s")
    print("ResultDocuments: 100,000 rows in \(elapsed) s")
  }
}

/// `build` through the binary: the documents are written, and the summary says how many rows are
/// published and how many are held back.
final class ResultBuildCommandTests: XCTestCase {
  func testBuildWritesTheResultsAndSaysSo() throws {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("choucha-results-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: out) }
    let rules = ResultDocumentsTests.cases.appendingPathComponent("ok-results").path
    let built = try OutputTests.run(["build", rules, "--out", out.path, "--as-of", "2024-07-10"])
    XCTAssertEqual(built.status, 0, built.output)
    XCTAssertTrue(built.output.contains("  检查结果：公示 5 条（另有 4 条截至 2024-07-10 尚未公示）\n"), built.output)
    for name in ["results-2024.csv", "results-2024.json", "figures-2024.json", "figures-2024.md"] {
      XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), name)
    }
    let english = try OutputTests.run(["build", rules, "--out", out.path, "--lang", "en"])
    XCTAssertTrue(english.output.contains("  results: 7 published (2 without a publication date are not)\n"), english.output)
    let bad = try OutputTests.run(["build", rules, "--out", out.path, "--as-of", "2024-13-01"])
    XCTAssertEqual(bad.status, 2, bad.output)
  }
}
