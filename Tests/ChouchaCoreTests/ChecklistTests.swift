import XCTest

@testable import ChouchaCore

/// Check points: the normalised text the merging and W0802 compare.
final class ChecklistTests: XCTestCase {
  func testNormalisingDropsSpacesAndPunctuationAndFoldsFullWidth() {
    let n = PointText.normalised
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
}
