import XCTest

@testable import ChouchaCore

/// Check points: the normalised text the merging and W0802 compare.
final class ChecklistTests: XCTestCase {
  func testNormalisingDropsSpacesAndPunctuationAndFoldsFullWidth() {
    let n = CheckPoint.normalised
    XCTAssertEqual(n("是否取得《特种行业许可证》？"), "是否取得特种行业许可证")
    XCTAssertEqual(n("是否取得 特种行业许可证"), n("是否取得特种行业许可证。"))
    XCTAssertEqual(n("是否\u{3000}落实，旅客信息登记；"), "是否落实旅客信息登记")
    // Look-alike and zero-width characters pasted in.
    XCTAssertEqual(n("是否\u{00A0}落实\u{200B}旅客\u{FEFF}信息登记"), "是否落实旅客信息登记")
    // Full-width ASCII is folded; letters keep their case; full-width punctuation goes.
    XCTAssertEqual(n("ＩＣＰ许可证（第１号）！"), "ICP许可证第1号")
    XCTAssertEqual(n("icp"), "icp")
    // CJK punctuation of every kind, and quotes.
    XCTAssertEqual(n("“是否”‘建立’【安全】管理·制度、…—"), "是否建立安全管理制度")
    // Symbols stay: they change what is asked.
    XCTAssertEqual(n("温度 ≤ 5℃ + 湿度 = 60"), "温度≤5℃+湿度=60")
    XCTAssertEqual(n(""), "")
    XCTAssertEqual(n(" ，。 "), "")
  }

  /// Linear: a point text of a megabyte normalises in one pass.
  func testNormalisingALongTextIsLinear() {
    let text = String(repeating: "是否，落实 登记；", count: 100_000)
    let start = ContinuousClock.now
    XCTAssertEqual(PointText.normalised(text).count, 600_000)
    XCTAssertLessThan(ContinuousClock.now - start, .seconds(5))
  }

  // MARK: - A draw document's visits

  static func drawFixture() throws -> [UInt8] {
    Array(try Data(contentsOf: GoldenTests.fixtures.appendingPathComponent("draw/ok-rules-example/expected/draw.json")))
  }

  func testVisitsAreReadTaskByTask() throws {
    let bytes = try Self.drawFixture()
    let visits = try bytes.withUnsafeBufferPointer { try DrawDocument.visits($0).get() }
    XCTAssertEqual(visits.year, 2024)
    XCTAssertEqual(visits.tasks.map(\.id), ["2024-J-餐饮"])
    XCTAssertEqual(visits.count, 8)
    let first = try XCTUnwrap(visits.tasks.first?.visits.first)
    XCTAssertEqual(first.code, "91130102MA00000010")
    XCTAssertEqual(first.name, "长安区第10家餐馆")
    XCTAssertEqual(first.inspectors.map(\.name), ["周杰", "张敏", "黄娟", "赵磊"])
    XCTAssertEqual(first.inspectors.map(\.department), ["SCJG", "SCJG", "XFJY", "XFJY"])
    XCTAssertEqual(visits.sha256, SHA256.hex(SHA256.hash(bytes)))
  }

  /// What the sheets take from a document is checked and named by its field.
  func testAnEditedVisitIsNamedByItsField() throws {
    let text = String(decoding: try Self.drawFixture(), as: UTF8.self)
    func problem(_ edited: String) -> DrawDocument.Problem? {
      Array(edited.utf8).withUnsafeBufferPointer { buffer in
        if case .failure(let problem) = DrawDocument.visits(buffer) { return problem }
        return nil
      }
    }
    let department = text.replacingOccurrences(of: #""department": "XFJY""#, with: #""department": "GA""#)
    XCTAssertEqual(problem(department)?.field, "tasks[0].targets[0].inspectors[2].department")
    let riskClass = text.replacingOccurrences(of: #""class": "A""#, with: #""class": "Z""#)
    XCTAssertEqual(problem(riskClass)?.field.hasSuffix(".class"), true)
    let cut = String(text.prefix(text.utf8.count / 2))
    XCTAssertEqual(problem(cut)?.kind, .notADocument)
    // A targets list outside a task is not taken for one.
    let moved = text.replacingOccurrences(of: #""inputs": {"#, with: #""extra": {"targets": []}, "inputs": {"#)
    XCTAssertNil(problem(moved))
    XCTAssertEqual(try Array(moved.utf8).withUnsafeBufferPointer { try DrawDocument.visits($0).get() }.count, 8)
  }
}
