import Foundation
import XCTest

@testable import ChouchaCore
@testable import ChouchaDraw

/// Rounds (issue 12, item 3): a task of frequency N > 1 is drawn as N rounds `<id>@k`, each on the
/// k-th of N parts of the window with its own deadlines; max-visits counts across rounds.
final class RoundsTests: XCTestCase {
  static func rules(frequency: Int, maxVisits: Int? = nil, window: String = "2024-03-01 .. 2024-11-30") -> String {
    """
    部门 SCJG "区市场监督管理局" { 类型 本级 }
    部门 XFJY "区消防救援大队" { 类型 垂直 }
    法规 食品安全法 "中华人民共和国食品安全法" { 施行 2015-10-01 }
    法规 消防法 "中华人民共和国消防法" { 施行 1998-09-01 }
    权责 130102-JC-001 "对食品经营者的监督检查" { 类型 行政检查; 部门 SCJG; 依据 食品安全法 "第一百一十条" }
    权责 130102-JC-002 "对公众聚集场所消防安全的监督检查" { 类型 行政检查; 部门 XFJY; 依据 消防法 "第五十三条" }
    计划 2024 "2024年抽查工作计划" { 期间 \(window)\(maxVisits.map { "; 最多检查 \($0)" } ?? "") }
    事项 SP-01 "食品经营者检查" {
      部门 SCJG; 权责 130102-JC-001; 依据 食品安全法 "第一百一十条"
      类别 重点; 对象 餐饮服务经营者; 方式 实地检查; 比例 50%; 频次 \(frequency)
    }
    事项 XF-01 "消防安全检查" {
      部门 XFJY; 权责 130102-JC-002; 依据 消防法 "第五十三条"
      类别 一般; 对象 餐饮服务经营者; 方式 实地检查; 比例 50%; 频次 1
    }
    一业一查 餐饮 "餐饮行业“一业一查”" { 牵头 SCJG; 行业 餐饮服务; 事项 SP-01, XF-01 }
    日历 2024 { 节假日 2024-10-01 .. 2024-10-07; 补班 2024-09-29, 2024-10-12 }

    """
  }

  static func plan(_ source: String) throws -> AnnualPlan {
    let compilation = Compiler.compile(texts: [("rules.choucha", source)])
    XCTAssertFalse(
      compilation.hasErrors, HumanRenderer(language: .en).render(compilation.diagnostics, sources: compilation.sources))
    return try XCTUnwrap(Planner.plan(compilation.program, year: 2024))
  }

  static let targets = """
    统一社会信用代码,名称,行业,标签,信用风险分类,经营异常
    \((1...20).map { "91130102MA0000\(String(format: "%04d", $0)),餐馆\($0),餐饮服务,餐饮服务经营者,\(["A", "B", "C", "D"][$0 % 4]),否" }.joined(separator: "\n"))

    """

  static let inspectors = """
    工号,姓名,部门,执法证号,专长,回避
    \((1...4).map { "S\($0),市场\($0),SCJG,SC\($0),," }.joined(separator: "\n"))
    \((1...4).map { "X\($0),消防\($0),XFJY,XF\($0),," }.joined(separator: "\n"))

    """

  static func draw(_ plan: AnnualPlan) -> (Drawer.Result?, [Diagnostic]) {
    DrawTests.draw(
      Drawer.spec(plan, seed: "rounds"), targets: Array(targets.utf8), inspectors: Array(inspectors.utf8))
  }

  func testPartsCoverTheWindowInOrder() {
    let window = DayRange(Day(year: 2024, month: 3, day: 1)!, Day(year: 2024, month: 3, day: 10)!)
    // D = 10, N = 3: days 0–2, 3–5, 6–9.
    let parts = (1...3).map { Round.part($0, of: 3, window) }
    XCTAssertEqual(parts.map(\.first.description), ["2024-03-01", "2024-03-04", "2024-03-07"])
    XCTAssertEqual(parts.map(\.last.description), ["2024-03-03", "2024-03-06", "2024-03-10"])
    // Every window, every N up to D: the parts tile the window, none empty.
    for days in 1...40 {
      let range = DayRange(window.first, Day(ordinal: window.first.ordinal + days - 1))
      for count in 1...days {
        let parts = (1...count).map { Round.part($0, of: count, range) }
        XCTAssertEqual(parts.first?.first, range.first)
        XCTAssertEqual(parts.last?.last, range.last)
        for (left, right) in zip(parts, parts.dropFirst()) { XCTAssertEqual(left.last.ordinal + 1, right.first.ordinal) }
        XCTAssertTrue(parts.allSatisfy { $0.first <= $0.last })
      }
    }
    XCTAssertEqual(Round.id(task: "2024-S-X", number: 1, of: 1), "2024-S-X")
    XCTAssertEqual(Round.id(task: "2024-S-X", number: 2, of: 3), "2024-S-X@2")
  }

  func testFrequencyTwoGivesTwoRoundsWithTheirOwnDeadlines() throws {
    let plan = try Self.plan(Self.rules(frequency: 2))
    let task = try XCTUnwrap(plan.tasks.first)
    // A joint task's frequency is the highest of its items'.
    XCTAssertEqual(task.frequency, 2)
    XCTAssertEqual(task.rounds.map(\.id), ["2024-J-餐饮@1", "2024-J-餐饮@2"])
    // 2024-03-01 .. 2024-11-30: 275 days; round 1 days 0–136, round 2 days 137–274.
    XCTAssertEqual(task.rounds.map(\.window.first.description), ["2024-03-01", "2024-07-16"])
    XCTAssertEqual(task.rounds.map(\.window.last.description), ["2024-07-15", "2024-11-30"])
    // Report 10 days after the round's end; publish 20 working days after it (the official calendar).
    XCTAssertEqual(task.rounds.map(\.reportBy.description), ["2024-07-25", "2024-12-10"])
    XCTAssertEqual(task.rounds.map(\.publishBy.description), ["2024-08-12", "2024-12-27"])
    // The last round's deadlines are the task's.
    XCTAssertEqual(task.rounds.last?.publishBy, task.publishBy)

    let tasks = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(try XCTUnwrap(Documents.build(plan).first { $0.name == "tasks-2024.json" }).bytes))
        as? [String: Any])
    let written = try XCTUnwrap((tasks["tasks"] as? [[String: Any]])?.first?["rounds"] as? [[String: Any]])
    XCTAssertEqual(written.map { $0["id"] as? String }, ["2024-J-餐饮@1", "2024-J-餐饮@2"])
    XCTAssertEqual(written.map { $0["round"] as? Int }, [1, 2])
    XCTAssertEqual(
      written.map { ($0["deadlines"] as? [String: String])?["publishBy"] }, ["2024-08-12", "2024-12-27"])

    // The draw: one task per round, in round order, every department on each; tickets of `<id>@k|code`.
    let (result, diagnostics) = Self.draw(plan)
    XCTAssertEqual(diagnostics.filter { $0.severity == .error }.map(\.code), [])
    let drawn = try XCTUnwrap(result)
    XCTAssertEqual(drawn.tasks.map(\.spec.id), ["2024-J-餐饮@1", "2024-J-餐饮@2"])
    for task in drawn.tasks {
      XCTAssertEqual(task.spec.departments, ["SCJG", "XFJY"])
      for visit in task.visits {
        XCTAssertEqual(visit.ticket, Tickets.ticket(id: task.spec.id + "|" + visit.target.code, seedHash: Tickets.seedHash("rounds")))
        XCTAssertEqual(Set(visit.inspectors.map(\.inspector.department)), ["SCJG", "XFJY"])
      }
    }
    // 50% of each class of 20 entities (5 a class): 3 each, 12 a round; the rounds draw apart.
    XCTAssertEqual(drawn.tasks.map(\.visitCount), [12, 12])
    XCTAssertNotEqual(drawn.tasks[0].visits.map(\.target.code), drawn.tasks[1].visits.map(\.target.code))
    // Loads carry across rounds: 24 visits × 2 officers over 4 of each department, 12 each.
    var loads: [String: Int] = [:]
    for task in drawn.tasks {
      for visit in task.visits { for (inspector, _) in visit.inspectors { loads[inspector.name, default: 0] += 1 } }
    }
    XCTAssertEqual(Set(loads.values), [12])
    // The document writes the rounds as tasks; verify re-runs it from its own specification.
    let document = DrawDocument.json(drawn)
    let recorded = try XCTUnwrap(DrawDocument.spec(from: document))
    XCTAssertEqual(recorded.spec.tasks.map(\.id), ["2024-J-餐饮@1", "2024-J-餐饮@2"])
    let (again, _) = DrawTests.draw(
      recorded.spec, targets: Array(Self.targets.utf8), inspectors: Array(Self.inspectors.utf8))
    XCTAssertEqual(try XCTUnwrap(again.map(DrawDocument.json)), document)
  }

  func testFrequencyOneKeepsTheBareId() throws {
    let plan = try Self.plan(Self.rules(frequency: 1))
    XCTAssertEqual(plan.tasks.first?.rounds.map(\.id), ["2024-J-餐饮"])
    XCTAssertEqual(plan.tasks.first?.rounds.first?.window, plan.tasks.first?.window)
    let tasks = String(decoding: try XCTUnwrap(Documents.build(plan).first { $0.name == "tasks-2024.json" }).bytes, as: UTF8.self)
    XCTAssertFalse(tasks.contains("\"rounds\""), "frequency 1 writes what it wrote before")
    XCTAssertEqual(try XCTUnwrap(Self.draw(plan).0).tasks.map(\.spec.id), ["2024-J-餐饮"])
  }

  /// 最多检查 counts visits across rounds: with max-visits 1 no entity is drawn in both rounds.
  func testMaxVisitsCountsAcrossRounds() throws {
    let plan = try Self.plan(Self.rules(frequency: 3, maxVisits: 1))
    let drawn = try XCTUnwrap(Self.draw(plan).0)
    XCTAssertEqual(drawn.tasks.map(\.spec.id), ["2024-J-餐饮@1", "2024-J-餐饮@2", "2024-J-餐饮@3"])
    let codes = drawn.tasks.flatMap { $0.visits.map(\.target.code) }
    XCTAssertEqual(codes.count, Set(codes).count, "an entity drawn in one round is skipped in the next")
    XCTAssertGreaterThan(drawn.tasks[1].skipped.count + drawn.tasks[2].skipped.count, 0)
  }

  /// A frequency above the window's days leaves a round without a day: E0305 at the frequency.
  func testFrequencyAboveTheWindowsDaysIsRefused() {
    let source = Self.rules(frequency: 4, window: "2024-03-01 .. 2024-03-03")
    let compilation = Compiler.compile(texts: [("rules.choucha", source)])
    XCTAssertEqual(compilation.diagnostics.map(\.code), [.E0305])
    XCTAssertEqual(
      Compiler.compile(texts: [("rules.choucha", Self.rules(frequency: 3, window: "2024-03-01 .. 2024-03-03"))])
        .diagnostics.map(\.code), [])
  }
}
