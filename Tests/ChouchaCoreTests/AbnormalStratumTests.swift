import Foundation
import XCTest

@testable import ChouchaCore
@testable import ChouchaDraw

/// The abnormal stratum (issue 12, item 4): `异常 30%` in a ratio block draws the entities on the
/// abnormal-operation list (经营异常) as a stratum of their own, whatever their class.
final class AbnormalStratumTests: XCTestCase {
  static func rules(_ block: String, partner: String = "{ A 3%  B 5%  C 10%  D 20% }") -> String {
    """
    部门 SCJG "区市场监督管理局" { 类型 本级 }
    部门 XFJY "区消防救援大队" { 类型 垂直 }
    法规 食品安全法 "中华人民共和国食品安全法" { 施行 2015-10-01 }
    法规 消防法 "中华人民共和国消防法" { 施行 1998-09-01 }
    权责 130102-JC-001 "对食品经营者的监督检查" { 类型 行政检查; 部门 SCJG; 依据 食品安全法 "第一百一十条" }
    权责 130102-JC-002 "对公众聚集场所消防安全的监督检查" { 类型 行政检查; 部门 XFJY; 依据 消防法 "第五十三条" }
    计划 2024 "2024年抽查工作计划" { 期间 2024-03-01 .. 2024-11-30 }
    事项 SP-01 "食品经营者检查" {
      部门 SCJG; 权责 130102-JC-001; 依据 食品安全法 "第一百一十条"
      类别 重点; 对象 餐饮服务经营者; 方式 实地检查; 频次 1
      比例 \(block)
    }
    事项 XF-01 "消防安全检查" {
      部门 XFJY; 权责 130102-JC-002; 依据 消防法 "第五十三条"
      类别 一般; 对象 餐饮服务经营者; 方式 实地检查; 频次 1
      比例 \(partner)
    }
    一业一查 餐饮 "餐饮行业“一业一查”" { 牵头 SCJG; 行业 餐饮服务; 事项 SP-01, XF-01 }
    日历 2024 { 节假日 2024-10-01 .. 2024-10-07; 补班 2024-09-29, 2024-10-12 }

    """
  }

  static func compile(_ source: String) -> Compilation { Compiler.compile(texts: [("rules.choucha", source)]) }

  /// 40 entities, 10 a class; every fifth (8) on the abnormal list, spelt each accepted way.
  static func targets(abnormal: (Int) -> String = { $0 % 5 == 0 ? ["是", "Y", "y", "1", "true"][$0 / 5 % 5] : ["否", "N", "", "0", "false", "n"][$0 % 6] }) -> String {
    "统一社会信用代码,名称,行业,标签,信用风险分类,经营异常\n"
      + (1...40).map { "91130102MA0000\(String(format: "%04d", $0)),餐馆\($0),餐饮服务,餐饮服务经营者,\(["A", "B", "C", "D"][$0 % 4]),\(abnormal($0))\n" }
      .joined()
  }

  static let inspectors = "工号,姓名,部门,执法证号,专长,回避\n" + (1...4).map { "S\($0),市场\($0),SCJG,SC\($0),,\nX\($0),消防\($0),XFJY,XF\($0),,\n" }.joined()

  static func draw(_ source: String, targets: String = targets()) throws -> (Drawer.Result?, [Diagnostic]) {
    let compilation = compile(source)
    let plan = try XCTUnwrap(Planner.plan(compilation.program, year: 2024))
    return DrawTests.draw(Drawer.spec(plan, seed: "异常"), targets: Array(targets.utf8), inspectors: Array(inspectors.utf8))
  }

  func testTheCellsValues() {
    for yes in ["是", "Y", "y", "1", "true"] { XCTAssertEqual(Directories.abnormal(yes), true, yes) }
    for no in ["否", "N", "n", "0", "false", ""] { XCTAssertEqual(Directories.abnormal(no), false, no) }
    for neither in ["2", "TRUE", "是的", "yes", "异常"] { XCTAssertNil(Directories.abnormal(neither), neither) }
  }

  func testChecks() {
    XCTAssertEqual(Self.compile(Self.rules("{ A 3%  B 5%  C 10%  D 20%  异常 30% }")).diagnostics.map(\.code), [])
    XCTAssertEqual(Self.compile(Self.rules("{ A 3%  B 5%  C 10%  D 20%  abnormal 20% }")).diagnostics.map(\.code), [])
    // Out of range: E0301, like a class's ratio.
    XCTAssertEqual(Self.compile(Self.rules("{ A 3%  B 5%  C 10%  D 20%  异常 130% }")).diagnostics.map(\.code), [.E0301])
    // Below the highest class ratio: W0302 at the abnormal ratio, naming the class.
    let below = Self.compile(Self.rules("{ A 3%  B 5%  C 10%  D 20%  异常 15% }")).diagnostics
    XCTAssertEqual(below.map(\.code), [.W0302])
    XCTAssertTrue(below[0].message.zh.contains("D 类（20%）"), below[0].message.zh)
    // Given twice (in either language): the duplicate is reported, as a class given twice is.
    let twice = Self.compile(Self.rules("{ A 3%  B 5%  C 10%  D 20%  异常 30%  abnormal 40% }")).diagnostics.map(\.code)
    XCTAssertEqual(twice.count, 1)
    // It is no class: no E0303 for it, and the classes are still all required.
    XCTAssertEqual(Self.compile(Self.rules("{ A 3%  B 5%  C 10%  异常 30% }")).diagnostics.map(\.code), [.E0303])
  }

  func testFormatIsCanonicalAndSwitchesLanguage() throws {
    let fields = "  部门 SCJG; 权责 JC-001; 依据 食品安全法; 类别 重点; 对象 餐饮服务经营者; 方式 实地检查; 频次 1\n"
    let input = "事项 SP-01 \"x\" {\n" + fields + "  比例：｛ A：3％，B：5％；C：10％  D：20％，异常：30％ ｝\n}\n"
    func format(_ text: String, _ keywords: Language?) throws -> String {
      let output = try RuleFormatter.format(SourceFile(id: 0, path: "a.choucha", bytes: Array(text.utf8)), keywords: keywords).get()
      return String(decoding: output, as: UTF8.self)
    }
    let zh = try format(input, nil)
    XCTAssertTrue(zh.hasSuffix("  比例 { A 3%  B 5%  C 10%  D 20%  异常 30% }\n}\n"), zh)
    XCTAssertEqual(try format(zh, nil), zh, "idempotent")
    let en = try format(zh, .en)
    XCTAssertTrue(en.contains("ratio { A 3%  B 5%  C 10%  D 20%  abnormal 30% }"), en)
    XCTAssertEqual(try format(en, .zh), zh, "back and forth")
  }

  func testPlanAndDocuments() throws {
    let plan = try XCTUnwrap(Planner.plan(Self.compile(Self.rules("{ A 3%  B 5%  C 10%  D 20%  异常 30% }")).program, year: 2024))
    // The joint task: the bundle's items' highest per class, and for the abnormal stratum the
    // highest of what each item asks of an abnormal entity (SP-01 30%; XF-01, without one, its highest 20%).
    XCTAssertEqual(plan.tasks[0].sampling.abnormal?.canonical, "30%")
    let partnerHigher = try XCTUnwrap(
      Planner.plan(
        Self.compile(Self.rules("{ A 3%  B 5%  C 10%  D 20%  异常 30% }", partner: "{ A 3%  B 5%  C 10%  D 40% }")).program,
        year: 2024))
    XCTAssertEqual(partnerHigher.tasks[0].sampling.abnormal?.canonical, "40%")
    let files = Dictionary(uniqueKeysWithValues: Documents.build(plan).map { ($0.name, String(decoding: $0.bytes, as: UTF8.self)) })
    XCTAssertTrue(try XCTUnwrap(files["items.json"]).contains("\"abnormal\": \"30%\""))
    XCTAssertTrue(try XCTUnwrap(files["tasks-2024.json"]).contains("\"abnormal\": \"30%\""))
    XCTAssertTrue(try XCTUnwrap(files["items.csv"]).contains("经营异常30%"))
    XCTAssertFalse(try XCTUnwrap(files["items.json"]).contains("\"异常\""), "not written as a class")
    // Without it, nothing changes: no abnormal field anywhere.
    let plain = try XCTUnwrap(Planner.plan(Self.compile(Self.rules("{ A 3%  B 5%  C 10%  D 20% }")).program, year: 2024))
    XCTAssertNil(plain.tasks[0].sampling.abnormal)
    XCTAssertFalse(Documents.build(plain).contains { String(decoding: $0.bytes, as: UTF8.self).contains("abnormal") })
  }

  func testTheAbnormalStratumIsDrawnAtItsRatio() throws {
    let (result, diagnostics) = try Self.draw(Self.rules("{ A 3%  B 5%  C 10%  D 20%  异常 30% }"))
    XCTAssertEqual(diagnostics.filter { $0.severity == .error }.map(\.code), [])
    let task = try XCTUnwrap(result?.tasks.first)
    // 8 abnormal entities (2 a class), the 32 others 8 a class.
    XCTAssertEqual(task.abnormal?.population, 8)
    XCTAssertEqual(task.abnormal?.sampleSize, 3, "⌈30% × 8⌉")
    XCTAssertEqual(task.population, ["A": 8, "B": 8, "C": 8, "D": 8])
    XCTAssertEqual(task.sampleSize, ["A": 1, "B": 1, "C": 1, "D": 2], "⌈r·8⌉ of the others")
    let drawn = task.visits.map(\.target)
    XCTAssertEqual(drawn.filter(\.abnormal).count, 3)
    XCTAssertEqual(drawn.filter { !$0.abnormal }.count, 5)
    // The abnormal stratum's members are the 3 smallest tickets among the abnormal entities.
    let abnormalCodes = (1...40).filter { $0 % 5 == 0 }.map { "91130102MA0000\(String(format: "%04d", $0))" }
    let seedHash = Tickets.seedHash("异常")
    let expected = abnormalCodes.sorted {
      Tickets.ticket(id: task.spec.id + "|" + $0, seedHash: seedHash) < Tickets.ticket(id: task.spec.id + "|" + $1, seedHash: seedHash)
    }.prefix(3)
    XCTAssertEqual(Set(drawn.filter(\.abnormal).map(\.code)), Set(expected))
    // The document records it and verify re-runs it byte for byte.
    let document = DrawDocument.json(try XCTUnwrap(result))
    let text = String(decoding: document, as: UTF8.self)
    XCTAssertTrue(text.contains("\"abnormal\": \"30%\""))
    XCTAssertTrue(text.contains("\"abnormalPopulation\": 8"))
    XCTAssertTrue(text.contains("\"abnormalSampleSize\": 3"))
    let recorded = try XCTUnwrap(DrawDocument.spec(from: document))
    XCTAssertEqual(recorded.spec.tasks[0].sampling.abnormal?.canonical, "30%")
    let (again, _) = DrawTests.draw(recorded.spec, targets: Array(Self.targets().utf8), inspectors: Array(Self.inspectors.utf8))
    XCTAssertEqual(try XCTUnwrap(again.map(DrawDocument.json)), document)
  }

  func testWithoutItTheColumnIsNotRead() throws {
    // Any 经营异常 value passes, and nothing is stratified by it.
    let (result, diagnostics) = try Self.draw(
      Self.rules("{ A 3%  B 5%  C 10%  D 20% }"), targets: Self.targets { _ in "存疑" })
    XCTAssertEqual(diagnostics.filter { $0.severity == .error }.map(\.code), [])
    let task = try XCTUnwrap(result?.tasks.first)
    XCTAssertNil(task.abnormal)
    XCTAssertEqual(task.population, ["A": 10, "B": 10, "C": 10, "D": 10])
    XCTAssertFalse(String(decoding: DrawDocument.json(try XCTUnwrap(result)), as: UTF8.self).contains("abnormal"))
  }

  func testAnotherValueIsAnErrorAtTheCell() throws {
    let targets = Self.targets { $0 == 7 ? "存疑" : "否" }
    let (result, diagnostics) = try Self.draw(Self.rules("{ A 3%  B 5%  C 10%  D 20%  异常 30% }"), targets: targets)
    XCTAssertNil(result)
    let error = try XCTUnwrap(diagnostics.first { $0.severity == .error })
    XCTAssertEqual(error.code, .E0602)
    XCTAssertTrue(error.message.zh.contains("第 8 行"), error.message.zh)
    let start = try XCTUnwrap(targets.utf8.firstRange(of: "存疑".utf8))
    XCTAssertEqual(error.span.start, targets.utf8.distance(from: targets.utf8.startIndex, to: start.lowerBound))
  }

  func testAMissingColumnIsSaid() throws {
    let targets = Self.targets().split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).prefix(5).joined(separator: ",") }
      .joined(separator: "\n") + "\n"
    let (result, diagnostics) = try Self.draw(Self.rules("{ A 3%  B 5%  C 10%  D 20%  异常 30% }"), targets: targets)
    XCTAssertNotNil(result)
    XCTAssertTrue(diagnostics.contains { $0.code == .W0702 && $0.message.zh.contains("经营异常") })
    XCTAssertEqual(result?.tasks.first?.abnormal?.population, 0)
  }
}
