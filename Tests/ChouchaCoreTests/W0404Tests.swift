import XCTest

@testable import ChouchaCore
@testable import ChouchaDraw

/// Issue 10: W0404 was reported per pair of departments on one object type, so 3,000 departments
/// each with an item on it gave 4,498,501 warnings (`check` ~190 s, 13 GB). Now one warning per
/// item not joined with an earlier one, naming at most three of them.
final class W0404Tests: XCTestCase {
  static let prelude = """
    法规 食品安全法 "中华人民共和国食品安全法" { 施行 2015-10-01 }
    计划 2024 "2024年抽查工作计划" { 期间 2024-03-01 .. 2024-11-30 }

    """

  /// `count` departments, each with one item on 餐饮服务经营者; `bundles` lists groups of
  /// department numbers, each made one bundle.
  static func program(departments count: Int, bundles: [[Int]] = []) -> String {
    var text = prelude
    for i in 0..<count {
      text += """
        部门 BM\(i) "第\(i)号部门" { 类型 本级 }
        权责 130102-JC-\(i) "第\(i)号部门的监督检查" { 类型 行政检查; 部门 BM\(i); 依据 食品安全法 "第一百一十条" }
        事项 SX-\(i) "检查\(i)" { 部门 BM\(i); 权责 130102-JC-\(i); 依据 食品安全法 "第一百一十条"; 类别 一般; 对象 餐饮服务经营者; 方式 实地检查; 比例 5%; 频次 1 }

        """
    }
    for (n, members) in bundles.enumerated() {
      text += "一业一查 YY-\(n) \"联合\(n)\" { 牵头 BM\(members[0]); 行业 行业\(n); 事项 \(members.map { "SX-\($0)" }.joined(separator: "、")) }\n"
    }
    return text
  }

  static func warnings(_ text: String) -> (Compilation, [Diagnostic]) {
    let compilation = Compiler.compile(texts: [("a.choucha", text)])
    return (compilation, compilation.diagnostics.filter { $0.code == .W0404 })
  }

  func labelled(_ compilation: Compilation, _ diagnostic: Diagnostic) -> [String] {
    diagnostic.labels.map { compilation.sources[$0.span.file].text($0.span.start..<$0.span.end) }
  }

  func at(_ compilation: Compilation, _ diagnostic: Diagnostic) -> String {
    compilation.sources[diagnostic.span.file].text(diagnostic.span.start..<diagnostic.span.end)
  }

  /// The attack: 3,000 departments on one object type gave 4,498,501 warnings.
  func testThreeThousandDepartmentsGiveAtMostOneWarningEach() {
    let (compilation, warnings) = Self.warnings(Self.program(departments: 3000))
    XCTAssertFalse(compilation.hasErrors, "\(compilation.diagnostics.prefix(3).map { $0.message.en })")
    XCTAssertLessThanOrEqual(warnings.count, 3000)
    XCTAssertEqual(warnings.count, 2999, "every department but the first")
    for warning in warnings {
      XCTAssertLessThanOrEqual(warning.labels.count, 3)
      XCTAssertNotNil(warning.help)
    }
    let last = warnings.first { at(compilation, $0) == "SX-2999" }!
    XCTAssertEqual(labelled(compilation, last), ["SX-0", "SX-1", "SX-2"])
    XCTAssertTrue(last.message.zh.contains("“SX-0”、“SX-1”、“SX-2”等 2999 个其他部门的事项检查同一对象“餐饮服务经营者”"), last.message.zh)
    XCTAssertTrue(last.message.en.contains("the items of 2999 other departments ('SX-0', 'SX-1', 'SX-2', …)"), last.message.en)
  }

  /// Two departments: one warning at the later item, pointing at the earlier (as before).
  func testTwoDepartments() {
    let (compilation, warnings) = Self.warnings(Self.program(departments: 2))
    XCTAssertEqual(warnings.count, 1)
    XCTAssertEqual(at(compilation, warnings[0]), "SX-1")
    XCTAssertEqual(labelled(compilation, warnings[0]), ["SX-0"])
    XCTAssertEqual(warnings[0].message.zh, "事项“SX-1”与“SX-0”属于不同部门，检查同一对象“餐饮服务经营者”，却不在同一个“一业一查”中")
    XCTAssertEqual(Self.warnings(Self.program(departments: 2, bundles: [[0, 1]])).1.count, 0)
  }

  /// Three departments: each later item once, naming every earlier department not joined with it.
  func testThreeDepartments() {
    let (compilation, warnings) = Self.warnings(Self.program(departments: 3))
    XCTAssertEqual(warnings.map { at(compilation, $0) }.sorted(), ["SX-1", "SX-2"])
    let third = warnings.first { at(compilation, $0) == "SX-2" }!
    XCTAssertEqual(labelled(compilation, third), ["SX-0", "SX-1"])
    XCTAssertEqual(third.message.zh, "事项“SX-2”与“SX-0”、“SX-1”属于不同部门，检查同一对象“餐饮服务经营者”，却不在同一个“一业一查”中")

    // 0 and 1 in a bundle, 2 alone: only 2, naming both.
    let (c2, w2) = Self.warnings(Self.program(departments: 3, bundles: [[0, 1]]))
    XCTAssertEqual(w2.map { at(c2, $0) }, ["SX-2"])
    XCTAssertEqual(labelled(c2, w2[0]), ["SX-0", "SX-1"])
    // 1 and 2 in a bundle, 0 alone: 1 is reported against 0; 2 only against 0 (1 is joined).
    let (c3, w3) = Self.warnings(Self.program(departments: 3, bundles: [[1, 2]]))
    XCTAssertEqual(w3.map { at(c3, $0) }.sorted(), ["SX-1", "SX-2"])
    for warning in w3 { XCTAssertEqual(labelled(c3, warning), ["SX-0"]) }
    // All three in one bundle: nothing.
    XCTAssertEqual(Self.warnings(Self.program(departments: 3, bundles: [[0, 1, 2]])).1.count, 0)
  }

  /// The named partners skip the item's own group however many of it come first.
  func testPartnersSkipTheItemsOwnGroup() {
    let (compilation, warnings) = Self.warnings(Self.program(departments: 8, bundles: [[0, 1, 2, 3, 4, 7]]))
    let last = warnings.first { at(compilation, $0) == "SX-7" }!
    XCTAssertEqual(labelled(compilation, last), ["SX-5", "SX-6"])
    XCTAssertTrue(last.message.zh.contains("与“SX-5”、“SX-6”属于不同部门"), last.message.zh)
  }

  /// A chain of bundles does not join its ends: 0 with 1 in one bundle, 1 with 2 in another, still
  /// means two visits for 0 and 2, so 2 is reported against 0 (union-find over bundles hid it).
  func testChainOfBundlesDoesNotJoinItsEnds() {
    let (compilation, warnings) = Self.warnings(Self.program(departments: 3, bundles: [[0, 1], [1, 2]]))
    XCTAssertFalse(compilation.hasErrors, "\(compilation.diagnostics.prefix(3).map { $0.message.en })")
    XCTAssertEqual(warnings.map { at(compilation, $0) }, ["SX-2"])
    guard warnings.count == 1 else { return }
    XCTAssertEqual(labelled(compilation, warnings[0]), ["SX-0"])
    XCTAssertEqual(warnings[0].message.zh, "事项“SX-2”与“SX-0”属于不同部门，检查同一对象“餐饮服务经营者”，却不在同一个“一业一查”中")

    // A department in several bundles is joined with the union of them: 2 with 0 and with 1.
    let (c2, w2) = Self.warnings(Self.program(departments: 4, bundles: [[0, 2], [1, 2], [3]]))
    XCTAssertEqual(w2.map { at(c2, $0) }.sorted(), ["SX-1", "SX-3"])
    let last = w2.first { at(c2, $0) == "SX-3" }
    XCTAssertEqual(last.map { labelled(c2, $0) }, ["SX-0", "SX-1", "SX-2"])
  }

  /// Against the rule read pair by pair: random bundles over 9 departments, each department
  /// reported iff some earlier one shares no bundle with it, naming the first 3 of those.
  func testAgreesWithPairwiseReading() {
    var seed: UInt64 = 0x5eed
    func next(_ bound: Int) -> Int {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((seed >> 33) % UInt64(bound))
    }
    for _ in 0..<40 {
      let count = 9
      let bundles: [[Int]] = (0..<next(5)).map { _ in
        Array(Set((0..<(2 + next(3))).map { _ in next(count) })).sorted()
      }.filter { $0.count > 1 }
      let (compilation, warnings) = Self.warnings(Self.program(departments: count, bundles: bundles))
      XCTAssertFalse(compilation.hasErrors, "\(bundles): \(compilation.diagnostics.prefix(3).map { $0.message.en })")
      var expected: [String: [String]] = [:]
      for j in 0..<count {
        let apart = (0..<j).filter { k in !bundles.contains { $0.contains(j) && $0.contains(k) } }
        if !apart.isEmpty { expected["SX-\(j)"] = apart.prefix(3).map { "SX-\($0)" } }
      }
      let got = Dictionary(warnings.map { (at(compilation, $0), labelled(compilation, $0)) }) { a, _ in a }
      XCTAssertEqual(warnings.count, got.count, "one warning per item: \(bundles)")
      XCTAssertEqual(got, expected, "\(bundles)")
    }
  }
}
