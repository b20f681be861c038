import Foundation
import XCTest

@testable import ChouchaCore
@testable import ChouchaDraw

/// Coverage (issue 12, item 2): distinct entities drawn ÷ the plan's 企业基数 (or the directory's
/// rows), overall and per department, recorded and printed; W0704 below the plan's 最低覆盖率.
final class CoverageTests: XCTestCase {
  static func rules(plan: String) -> String {
    AbnormalStratumTests.rules("{ A 10%  B 10%  C 10%  D 10% }", partner: "{ A 10%  B 10%  C 10%  D 10% }")
      .replacingOccurrences(of: "{ 期间 2024-03-01 .. 2024-11-30 }", with: "{ 期间 2024-03-01 .. 2024-11-30\(plan) }")
  }

  /// The draw of 40 entities (10 a class): ⌈10% × 10⌉ = 1 a class, 4 entities, visited by both departments.
  static func draw(plan: String) throws -> Drawer.Result {
    let (result, diagnostics) = try AbnormalStratumTests.draw(rules(plan: plan))
    XCTAssertEqual(diagnostics.filter { $0.severity == .error }.map(\.code), [])
    return try XCTUnwrap(result)
  }

  func testBelowTheMinimumWarnsWithBothFiguresAtThePlansField() throws {
    let source = Self.rules(plan: "; 最低覆盖率 60%")
    let result = try Self.draw(plan: "; 最低覆盖率 60%")
    let findings = Drawer.coverageFindings(result)
    // Overall, then each of the two departments: 4 of 40 rows is 10%; 60% is 24, 20 more.
    XCTAssertEqual(findings.map(\.code), [.W0704, .W0704, .W0704])
    XCTAssertEqual(findings[0].message.zh, "本次抽取覆盖率 10%（抽中 4 户 ÷ 检查对象名录的 40 户（计划没有写企业基数））低于计划的最低覆盖率 60%：还差 20 户")
    XCTAssertTrue(findings[1].message.zh.hasPrefix("部门“SCJG”覆盖率 10%"), findings[1].message.zh)
    XCTAssertTrue(findings[0].message.en.contains("20 more entities are needed"), findings[0].message.en)
    let field = try XCTUnwrap(source.utf8.firstRange(of: "60%".utf8))
    XCTAssertEqual(findings[0].span.start, source.utf8.distance(from: source.utf8.startIndex, to: field.lowerBound))
  }

  func testAtOrAboveTheMinimumNothingIsSaid() throws {
    XCTAssertTrue(Drawer.coverageFindings(try Self.draw(plan: "; 最低覆盖率 10%")).isEmpty, "4 of 40 is 10%")
    XCTAssertTrue(Drawer.coverageFindings(try Self.draw(plan: "; 最低覆盖率 9.9%")).isEmpty)
    XCTAssertEqual(Drawer.coverageFindings(try Self.draw(plan: "; 最低覆盖率 10.1%")).count, 3)
    XCTAssertTrue(Drawer.coverageFindings(try Self.draw(plan: "")).isEmpty, "no minimum, no warning")
  }

  func testTheEnterpriseBaseIsTheBaseAndIsRecorded() throws {
    let result = try Self.draw(plan: "; 最低覆盖率 5%; 企业基数 200")
    let summary = Drawer.summary(result)
    XCTAssertEqual(summary.base, 200)
    XCTAssertFalse(summary.baseFromDirectory)
    XCTAssertEqual(summary.coverage(summary.overall), "2%")
    let findings = Drawer.coverageFindings(result)
    XCTAssertEqual(findings.count, 3)
    XCTAssertTrue(findings[0].message.zh.contains("抽中 4 户 ÷ 企业基数 200 户"), findings[0].message.zh)
    XCTAssertTrue(findings[0].message.zh.hasSuffix("还差 6 户"), findings[0].message.zh)
    // The document records the base and the minimum; verify reads them back and re-runs byte for byte.
    let document = DrawDocument.json(result)
    let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(document)) as? [String: Any])
    XCTAssertEqual(json["enterpriseBase"] as? Int, 200)
    XCTAssertEqual(json["minCoverage"] as? String, "5%")
    let summaryJSON = try XCTUnwrap(json["summary"] as? [String: Any])
    XCTAssertEqual(summaryJSON["coverageBase"] as? Int, 200)
    XCTAssertEqual(summaryJSON["coverage"] as? String, "2%")
    XCTAssertEqual((summaryJSON["departments"] as? [[String: Any]])?.map { $0["coverage"] as? String }, ["2%", "2%"])
    let recorded = try XCTUnwrap(DrawDocument.spec(from: document))
    XCTAssertEqual(recorded.spec.enterpriseBase, 200)
    XCTAssertEqual(recorded.spec.minCoverage?.canonical, "5%")
    XCTAssertNil(recorded.spec.minCoverageSpan, "verify says no warning")
    let (again, _) = DrawTests.draw(
      recorded.spec, targets: Array(AbnormalStratumTests.targets().utf8), inspectors: Array(AbnormalStratumTests.inspectors.utf8))
    XCTAssertEqual(try XCTUnwrap(again.map(DrawDocument.json)), document)
    // Without 企业基数: the directory's rows, recorded as null.
    let plain = try Self.draw(plan: "")
    XCTAssertEqual(Drawer.summary(plain).base, 40)
    XCTAssertTrue(String(decoding: DrawDocument.json(plain), as: UTF8.self).contains("\"enterpriseBase\": null"))
  }

  func testTheFieldIsCheckedAndFormatted() throws {
    XCTAssertEqual(AbnormalStratumTests.compile(Self.rules(plan: "; 企业基数 0")).diagnostics.map(\.code), [.E0305])
    XCTAssertEqual(AbnormalStratumTests.compile(Self.rules(plan: "; enterprise-base 468")).diagnostics.map(\.code), [])
    let plan = "计划 2024 \"x\" { 期间 2024-03-01 .. 2024-11-30; 企业基数 468 }\n"
    let english = try RuleFormatter.format(SourceFile(id: 0, path: "p.choucha", bytes: Array(plan.utf8)), keywords: .en).get()
    XCTAssertTrue(String(decoding: english, as: UTF8.self).contains("enterprise-base 468"))
    let back = try RuleFormatter.format(SourceFile(id: 0, path: "p.choucha", bytes: english), keywords: .zh).get()
    XCTAssertEqual(String(decoding: back, as: UTF8.self), plan)
  }
}
