import XCTest

@testable import ChouchaCore

/// The syntax of check points: an item's `要点 { … }` block and the shared `要点` declaration
/// (Grammar.md §4 要点), in both keyword languages, and how the parser recovers around them.
final class CheckPointSyntaxTests: XCTestCase {
  func parse(_ text: String) -> (SyntaxFile, [Diagnostic]) {
    Parser.parse(SourceFile(id: 0, path: "points.choucha", text: text))
  }

  func items(_ syntax: SyntaxFile) -> [Item] {
    syntax.declarations.compactMap { if case .item(let item) = $0 { return item } else { return nil } }
  }

  func testOwnPointsReferencesAndFieldsInBothLanguages() throws {
    let chinese = """
      要点 YD-01 "是否保持疏散通道畅通" { 依据 消防法 "第二十八条"; 方式 实地; 答案 是, 否 }
      事项 GA-01 "旅馆检查" {
        部门 GA; 类别 一般; 对象 宾馆旅店; 方式 实地检查; 比例 5%; 频次 1
        要点 {
          "是否取得特种行业许可证"  依据 旅馆法 "第四条"  方式 书面
          GA-01-2 "是否落实旅客信息登记"; YD-01
        }
      }
      """
    let english = """
      checkpoint YD-01 "是否保持疏散通道畅通" { basis 消防法 "第二十八条"; methods onsite; answers 是, 否 }
      item GA-01 "旅馆检查" {
        department GA; category general; objects 宾馆旅店; methods onsite; ratio 5%; frequency 1
        checks {
          "是否取得特种行业许可证"  basis 旅馆法 "第四条"  methods document
          GA-01-2 "是否落实旅客信息登记"; YD-01
        }
      }
      """
    let (zh, zhDiagnostics) = parse(chinese)
    let (en, enDiagnostics) = parse(english)
    XCTAssertEqual(zhDiagnostics.map(\.message.en), [])
    XCTAssertEqual(enDiagnostics.map(\.message.en), [])
    XCTAssertEqual(SyntaxDump.text(zh.declarations), SyntaxDump.text(en.declarations))
    let item = try XCTUnwrap(items(zh).first)
    XCTAssertEqual(item.points.count, 3)
    guard case .own(let first) = item.points[0], case .own(let second) = item.points[1],
      case .reference(let shared) = item.points[2]
    else { return XCTFail("expected own, own, reference: \(item.points)") }
    XCTAssertNil(first.code)
    XCTAssertEqual(first.text.value, "是否取得特种行业许可证")
    XCTAssertEqual(first.bases.map(\.law.value), ["旅馆法"])
    XCTAssertEqual(first.methods.map(\.value), [.document])
    XCTAssertEqual(first.offeredAnswers, ["符合", "不符合", "不涉及"])
    XCTAssertEqual(second.code?.value, "GA-01-2")
    XCTAssertEqual(shared.value, "YD-01")
    guard case .checkpoint(let declared) = zh.declarations[0] else { return XCTFail("no shared point") }
    XCTAssertEqual(declared.point.offeredAnswers, ["是", "否"])
    XCTAssertEqual(declared.point.text.value, "是否保持疏散通道畅通")
  }

  /// A block whose `}` is missing ends at the next line starting with an item field: one E0004
  /// there, and the item's own fields are still read.
  func testMissingBlockBraceKeepsTheItemsFields() throws {
    let (syntax, diagnostics) = parse(
      """
      事项 GA-01 "旅馆检查" {
        部门 GA; 类别 一般; 对象 宾馆旅店; 方式 实地检查
        要点 {
          "是否取得特种行业许可证"
        比例 5%
        频次 1
      }
      事项 GA-02 "下一项" { 部门 GA; 类别 一般; 对象 宾馆旅店; 方式 实地检查; 比例 5%; 频次 1 }
      """)
    XCTAssertEqual(diagnostics.map(\.code), [.E0004])
    XCTAssertEqual(diagnostics.first?.span.start, "事项 GA-01 \"旅馆检查\" {\n  部门 GA; 类别 一般; 对象 宾馆旅店; 方式 实地检查\n  要点 {\n    \"是否取得特种行业许可证\"".utf8.count)
    let read = items(syntax)
    XCTAssertEqual(read.map(\.header.id.value), ["GA-01", "GA-02"])
    XCTAssertEqual(read[0].points.count, 1)
    XCTAssertNotNil(read[0].sampling)
    XCTAssertEqual(read[0].frequency?.value, 1)
  }

  /// A point longer than a line (its closing quote on the next line) is E0002 at that line, and
  /// the points after it are read.
  func testUnterminatedPointDoesNotSwallowTheNextOnes() throws {
    let (syntax, diagnostics) = parse(
      """
      事项 GA-01 "旅馆检查" {
        部门 GA; 类别 一般; 对象 宾馆旅店; 方式 实地检查; 比例 5%; 频次 1
        要点 {
          "是否取得特种行业许可证，
          并在显著位置悬挂"
          "是否落实旅客信息登记"
        }
      }
      """)
    XCTAssertTrue(diagnostics.contains { $0.code == .E0002 }, "\(diagnostics.map(\.message.en))")
    let points = try XCTUnwrap(items(syntax).first).points
    XCTAssertTrue(
      points.contains { if case .own(let p) = $0 { return p.text.value == "是否落实旅客信息登记" } else { return false } },
      "\(points)")
  }

  func testStrayTokensAndBadFieldsAreLocatedAndReadOn() throws {
    let (syntax, diagnostics) = parse(
      """
      事项 GA-01 "旅馆检查" {
        部门 GA; 类别 一般; 对象 宾馆旅店; 方式 实地检查; 比例 5%; 频次 1
        要点 {
          "甲" 方式 到处看看
          { "乙" }
          "丙" 依据
          "丁" 其他
          "戊"
        }
      }
      """)
    XCTAssertEqual(diagnostics.map(\.code), [.E0005, .E0004, .E0004, .E0004])
    XCTAssertTrue(diagnostics.allSatisfy { $0.span.end > $0.span.start || $0.code == .E0004 })
    let texts = try XCTUnwrap(items(syntax).first).points.compactMap { entry -> String? in
      if case .own(let point) = entry { return point.text.value }
      return nil
    }
    XCTAssertTrue(texts.contains("戊"), "\(texts)")
  }

  /// Ten thousand points in one block parse in one pass (no quadratic step on the block).
  func testTenThousandPointsParse() throws {
    var text = "事项 GA-01 \"旅馆检查\" {\n  部门 GA; 类别 一般; 对象 宾馆旅店; 方式 实地检查; 比例 5%; 频次 1\n  要点 {\n"
    for index in 0..<10_000 { text += "    P\(index) \"是否落实第\(index)项制度\"  依据 法 \"第一条\"  方式 实地\n" }
    text += "  }\n}\n"
    let (syntax, diagnostics) = parse(text)
    XCTAssertEqual(diagnostics.count, 0)
    XCTAssertEqual(items(syntax).first?.points.count, 10_000)
  }
}
