import XCTest

@testable import ChouchaCore
@testable import ChouchaDraw

/// The target draw: exact sample sizes, independence from row order, and `max-visits`.
final class SamplerTests: XCTestCase {
  let issuer = TicketIssuer(seedHash: Tickets.seedHash("2024年2月20日 公开摇号 3-1-4-1-5"))

  func members(_ count: Int, riskClass: String = "A", prefix: String = "9113010200000") -> [Sampler.Member] {
    (0..<count).map { Sampler.Member(code: prefix + String(format: "%05d", $0), riskClass: riskClass) }
  }

  func ratio(_ text: String) -> Ratio { Ratio(parsing: text)! }

  func testSampleSizesAreExactCeilings() {
    var visits: [String: Int] = [:]
    let population = members(30, riskClass: "A") + members(20, riskClass: "B", prefix: "9213010200000")
      + members(7, riskClass: "D", prefix: "9313010200000")
    let result = Sampler.draw(
      task: "2024-S-X", sampling: TaskSampling(ratios: ["A": ratio("5%"), "B": ratio("5%"), "D": ratio("100%")], count: nil),
      classes: ["A", "B", "C", "D"], population: population, issuer: issuer, maxVisits: nil, visits: &visits)
    XCTAssertEqual(result.population, ["A": 30, "B": 20, "C": 0, "D": 7])
    // 5 % of 30 is 1.5 → 2 (never 1.4999… → 1); 5 % of 20 is exactly 1; no ratio for C; all of D.
    XCTAssertEqual(result.sampleSize, ["A": 2, "B": 1, "C": 0, "D": 7])
    XCTAssertEqual(result.selected.count, 10)
    XCTAssertEqual(result.selected.map(\.ticket), result.selected.map(\.ticket).sorted(), "targets in ticket order")
  }

  /// Within a class the sample is the smallest tickets, whatever order the rows come in.
  func testRowOrderChangesNothing() {
    let population = members(500, riskClass: "A") + members(300, riskClass: "C", prefix: "9213010200000")
    let sampling = TaskSampling(ratios: ["A": ratio("3%"), "C": ratio("10%")], count: nil)
    func drawn(_ rows: [Sampler.Member]) -> [String] {
      var visits: [String: Int] = [:]
      return Sampler.draw(
        task: "2024-J-餐饮", sampling: sampling, classes: ["A", "B", "C", "D"], population: rows, issuer: issuer,
        maxVisits: nil, visits: &visits
      ).selected.map(\.member.code)
    }
    let reference = drawn(population)
    XCTAssertEqual(reference.count, 15 + 30)
    XCTAssertEqual(drawn(population.reversed()), reference)
    var generator = SystemRandomNumberGenerator()
    XCTAssertEqual(drawn(population.shuffled(using: &generator)), reference)
    // Independent check: the selection of class A is its 15 smallest tickets.
    let tickets = population.filter { $0.riskClass == "A" }
      .map { (code: $0.code, ticket: issuer.ticket(id: Sampler.targetID(task: "2024-J-餐饮", code: $0.code))) }
      .sorted { $0.ticket < $1.ticket }
    XCTAssertEqual(Set(reference).intersection(tickets.map(\.code)), Set(tickets.prefix(15).map(\.code)))
  }

  /// “无事不扰”: an entity already visited `max-visits` times is skipped for the next ticket.
  func testMaxVisitsSkipsAndRecords() {
    let population = members(100)
    let sampling = TaskSampling(ratios: ["A": ratio("5%")], count: nil)
    var visits: [String: Int] = [:]
    let first = Sampler.draw(
      task: "T1", sampling: sampling, classes: ["A"], population: population, issuer: issuer, maxVisits: 1,
      visits: &visits)
    XCTAssertEqual(first.selected.count, 5)
    XCTAssertTrue(first.skipped.isEmpty)
    // The same ids under the same task name would be drawn again: all five are now at the limit.
    let again = Sampler.draw(
      task: "T1", sampling: sampling, classes: ["A"], population: population, issuer: issuer, maxVisits: 1,
      visits: &visits)
    XCTAssertEqual(again.skipped.map(\.member.code), first.selected.map(\.member.code))
    XCTAssertEqual(again.selected.count, 5)
    XCTAssertTrue(Set(again.selected.map(\.member.code)).isDisjoint(with: first.selected.map(\.member.code)))
    XCTAssertEqual(visits.values.reduce(0, +), 10)
  }

  func testCountTakesTheSmallestTicketsOverall() {
    let population = members(40, riskClass: "A") + members(40, riskClass: "D", prefix: "9213010200000")
    var visits: [String: Int] = [:]
    let result = Sampler.draw(
      task: "2024-S-COUNT", sampling: TaskSampling(ratios: [:], count: 6), classes: ["A", "B", "C", "D"],
      population: population, issuer: issuer, maxVisits: nil, visits: &visits)
    let smallest = population.map { issuer.ticket(id: Sampler.targetID(task: "2024-S-COUNT", code: $0.code)) }.sorted()
    XCTAssertEqual(result.selected.map(\.ticket), Array(smallest.prefix(6)))
    XCTAssertEqual(result.sampleSize.values.reduce(0, +), 6)
  }

  /// A task whose items mix ratios and a count takes the ratios, and at least the count.
  func testRatiosAndCountTakeAtLeastTheCount() {
    let population = members(12)
    var visits: [String: Int] = [:]
    let result = Sampler.draw(
      task: "2024-J-MIX", sampling: TaskSampling(ratios: ["A": ratio("10%")], count: 10), classes: ["A"],
      population: population, issuer: issuer, maxVisits: nil, visits: &visits)
    XCTAssertEqual(result.selected.count, 10)
    let smallest = population.map { issuer.ticket(id: Sampler.targetID(task: "2024-J-MIX", code: $0.code)) }.sorted()
    XCTAssertEqual(Set(result.selected.map(\.ticket)), Set(smallest.prefix(10)))
    XCTAssertEqual(result.sampleSize["A"], 10)
  }

  /// The key hashed from parts is the key of the ticket of the joined id, and keys order tickets.
  func testKeysAgreeWithTickets() {
    for (task, code, certificate) in [("2024-J-餐饮", "91130102MA00000001", "130102001"), ("T", "", "x"), ("任务", "代码", "证号")] {
      let ticket = issuer.ticket(id: Drawer.inspectorID(task: task, code: code, certificate: certificate))
      XCTAssertEqual(issuer.key(joining: task, code, certificate), ticket.key)
      XCTAssertEqual(String(ticket.key).count <= 19, true)
      // The key is the first 19 digits of the fraction.
      let digits = ticket.text.dropFirst(2).prefix(19)
      XCTAssertEqual(UInt64(String(digits)), ticket.key)
    }
    let tickets = members(300).map { issuer.ticket(id: $0.code) }
    XCTAssertEqual(tickets.sorted().map(\.text), tickets.map(\.text).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
  }
}
