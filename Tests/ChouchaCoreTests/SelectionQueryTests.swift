import Foundation
import XCTest

@testable import ChouchaCore

/// Issue 17: `choucha draw --sql ENGINE`, the selection as one SQL query. The engines themselves
/// run it in Tests/Engines/run.sh (a `.ci/run` step); here: the key's arithmetic, the quoting,
/// and the golden texts for Rules/ (Tests/Fixtures/sql/, `BLESS=1 swift test` to rewrite).
final class SelectionQueryTests: XCTestCase {
  static let seed = "2024-03-01 公开摇号：3 1 4 1 5 9"

  /// w_i = 2^(32·(7−i)) mod 10^19, computed here by repeated modular doubling of 2^32.
  func testTheWeights() {
    let modulus: UInt64 = 10_000_000_000_000_000_000
    func multiply(_ a: UInt64, _ b: UInt64) -> UInt64 {
      let (high, low) = a.multipliedFullWidth(by: b)
      return modulus.dividingFullWidth((high, low)).remainder
    }
    var weight: UInt64 = 1
    var expected: [UInt64] = []
    for _ in 0..<8 {
      expected.insert(weight, at: 0)
      weight = multiply(weight, 1 << 32)
    }
    XCTAssertEqual(SelectionQuery.weights, expected)
  }

  /// Σ c_i · w_i mod 10^19, zero-padded to 19 digits and reversed, is the ticket's first 19
  /// digits (what the query computes as `ticket_key`), for tickets of every size.
  func testTheKeyIsTheTicketsFirstDigits() {
    let modulus: UInt64 = 10_000_000_000_000_000_000
    let seedHash = Tickets.seedHash(Self.seed)
    for n in 0..<2000 {
      let id = Drawer.targetID(task: "2024-J-T@\(n % 3 + 1)", code: "91130102MA\(String(format: "%08d", n))")
      let digest = SHA256.hash(Array((seedHash + id).utf8))
      // The sum below 2^99: kept as (high, low) 64-bit words.
      var high: UInt64 = 0
      var low: UInt64 = 0
      for i in 0..<8 {
        let chunk = digest[(4 * i)..<(4 * i + 4)].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let product = chunk.multipliedFullWidth(by: SelectionQuery.weights[i])
        let (sum, carry) = low.addingReportingOverflow(product.low)
        low = sum
        high += product.high + (carry ? 1 : 0)
      }
      let key = modulus.dividingFullWidth((high, low)).remainder
      let padded = String(repeating: "0", count: 19 - String(key).count) + String(key)
      let ticket = Tickets.ticket(id: id, seedHash: seedHash).text
      XCTAssertEqual(String(padded.reversed()), String(ticket.dropFirst(2).prefix(19)), id)
    }
  }

  // MARK: - Quoting

  /// Rules with an industry and an object type that try to end the literal, comment out the
  /// rest, or start a statement (`'`, `\'`, `--`, `;`, `\`).
  static func rules(industry: String, object: String) -> String {
    """
    部门 SCJG "区市场监督管理局" { 类型 本级 }
    部门 XFJY "区消防救援大队" { 类型 垂直 }
    法规 食品安全法 "中华人民共和国食品安全法" { 施行 2015-10-01 }
    法规 消防法 "中华人民共和国消防法" { 施行 1998-09-01 }
    权责 130102-JC-001 "对食品经营者的监督检查" { 类型 行政检查; 部门 SCJG; 依据 食品安全法 "第一百一十条" }
    权责 130102-JC-002 "对公众聚集场所消防安全的监督检查" { 类型 行政检查; 部门 XFJY; 依据 消防法 "第五十三条" }
    计划 2024 "2024年抽查工作计划" { 期间 2024-03-01 .. 2024-11-30; 最多检查 1 }
    事项 SP-01 "食品经营者检查" {
      部门 SCJG; 权责 130102-JC-001; 依据 食品安全法 "第一百一十条"
      类别 重点; 对象 餐饮服务经营者; 方式 实地检查; 频次 1
      比例 { A 3%  B 5%  C 10%  D 20%  异常 30% }
    }
    事项 SP-02 "食品经营者复查" {
      部门 SCJG; 权责 130102-JC-001; 依据 食品安全法 "第一百一十条"
      类别 重点; 对象 餐饮服务经营者; 方式 实地检查; 频次 1
      比例 { A 3%  B 5%  C 10%  D 20% }
    }
    事项 XF-01 "消防安全检查" {
      部门 XFJY; 权责 130102-JC-002; 依据 消防法 "第五十三条"
      类别 一般; 对象 "\(object)"; 方式 实地检查; 频次 2
      比例 { A 3%  B 5%  C 10%  D 20% }
    }
    一业一查 餐饮 "餐饮行业“一业一查”" { 牵头 SCJG; 行业 "\(industry)"; 事项 SP-01, SP-02 }
    日历 2024 { 节假日 2024-10-01 .. 2024-10-07; 补班 2024-09-29, 2024-10-12 }

    """
  }

  /// The rules' values as written in the rules language (`\` escaped), and as the plan holds them.
  static let hostileIndustry = (source: #"餐饮'业 -- x\\' OR 1=1; --"#, value: #"餐饮'业 -- x\' OR 1=1; --"#)
  static let hostileObject = (source: #"标签'; DROP TABLE targets; --\\"#, value: #"标签'; DROP TABLE targets; --\"#)

  static func spec(industry: String, object: String) throws -> Drawer.Spec {
    let compilation = Compiler.compile(texts: [("rules.choucha", rules(industry: industry, object: object))])
    XCTAssertFalse(compilation.hasErrors, "\(compilation.diagnostics.map(\.code))")
    return Drawer.spec(try XCTUnwrap(Planner.plan(compilation.program, year: 2024)), seed: seed)
  }

  /// The query read as the engine reads it: the string literals' values, and the rest of the
  /// text with every literal replaced by `'?'` (comments and quoted identifiers kept).
  static func lex(_ query: String, _ engine: SelectionQuery.Engine) -> (literals: [String], skeleton: String) {
    var literals: [String] = []
    var skeleton = ""
    var characters = Array(query)[...]
    while let c = characters.popFirst() {
      if c == "-", characters.first == "-" {
        skeleton.append(c)
        while let next = characters.popFirst() {
          skeleton.append(next)
          if next == "\n" { break }
        }
      } else if c == "\"" || c == "`" {
        // A quoted identifier: the closing mark doubled inside.
        skeleton.append(c)
        while let next = characters.popFirst() {
          skeleton.append(next)
          if next == c {
            if characters.first == c { skeleton.append(characters.removeFirst()) } else { break }
          }
        }
      } else if c == "'" {
        var value = ""
        var closed = false
        while let next = characters.popFirst() {
          if engine == .spark, next == "\\", let escaped = characters.popFirst() {
            switch escaped {
            case "\\", "'", "\"": value.append(escaped)
            default: value += "\\" + String(escaped)  // \t, \r, \n, \u3000: not in any plan value here
            }
          } else if next == "'" {
            if engine != .spark, characters.first == "'" {
              characters.removeFirst()
              value.append("'")
            } else {
              closed = true
              break
            }
          } else {
            value.append(next)
          }
        }
        XCTAssertTrue(closed, "a literal is not closed: \(value)")
        literals.append(value)
        skeleton += "'?'"
      } else {
        skeleton.append(c)
      }
    }
    return (literals, skeleton)
  }

  /// The hostile values reach the query only as literals whose values are exactly theirs: the
  /// query's text outside its literals is the same as for harmless values, in every dialect,
  /// and no `;` or `DROP` is outside a literal.
  func testValuesStayInsideLiterals() throws {
    let hostile = try Self.spec(industry: Self.hostileIndustry.source, object: Self.hostileObject.source)
    let plain = try Self.spec(industry: "餐饮业", object: "标签")
    XCTAssertEqual(hostile.tasks.first?.industries, [Self.hostileIndustry.value])
    XCTAssertEqual(hostile.tasks.last?.objects, [Self.hostileObject.value])
    for engine in SelectionQuery.Engine.allCases {
      let seedHash = Tickets.seedHash(Self.seed)
      let attacked = Self.lex(SelectionQuery.make(hostile, seedHash: seedHash, engine: engine), engine)
      let harmless = Self.lex(SelectionQuery.make(plain, seedHash: seedHash, engine: engine), engine)
      XCTAssertEqual(attacked.skeleton, harmless.skeleton, "\(engine)")
      XCTAssertTrue(attacked.literals.contains(Self.hostileIndustry.value), "\(engine)")
      XCTAssertTrue(attacked.literals.contains(Self.hostileObject.value), "\(engine)")
      let code = attacked.skeleton.split(separator: "\n").map { $0.components(separatedBy: "--")[0] }.joined()
      XCTAssertFalse(code.contains(";"), "\(engine)")
      XCTAssertFalse(code.contains("DROP"), "\(engine)")
    }
  }

  /// A table name is a quoted identifier, part by part.
  func testTheTableIsAnIdentifier() throws {
    let spec = try Self.spec(industry: "餐饮业", object: "标签")
    let seedHash = Tickets.seedHash(Self.seed)
    XCTAssertTrue(
      SelectionQuery.make(spec, seedHash: seedHash, engine: .duckdb, table: #"main.t"x"#).contains(#"FROM "main"."t""x""#))
    XCTAssertTrue(SelectionQuery.make(spec, seedHash: seedHash, engine: .spark, table: "db.t`x").contains("FROM `db`.`t``x`"))
    // An absent optional column: its cells are empty.
    let columns: [String?] = ["统一社会信用代码", nil, "行业", nil, "信用风险分类", nil]
    let query = SelectionQuery.make(spec, seedHash: seedHash, engine: .postgres, columns: columns)
    XCTAssertTrue(query.contains("btrim('', ' ' || chr(9) || chr(13) || chr(10) || chr(12288)) AS c_name"), query)
    XCTAssertFalse(query.contains(#""名称""#))
  }

  /// `choucha draw Rules --sql spark` prints the golden query and writes nothing; a table name
  /// with a line break (it would leave the query's first comment) is a usage error.
  func testTheCommand() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("choucha-sql-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
    let rules = RepositoryTests.root.appendingPathComponent("Rules").path
    let printed = try OutputTests.run(["draw", rules, "--sql", "spark", "--seed", Self.seed], in: folder)
    XCTAssertEqual(printed.status, 0, printed.output)
    let golden = try String(
      contentsOf: RepositoryTests.root.appendingPathComponent("Tests/Fixtures/sql/rules-2024.spark.sql"), encoding: .utf8)
    XCTAssertTrue(printed.output.hasSuffix(golden), printed.output)
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [], "draw --sql writes nothing")
    let refused = try OutputTests.run(["draw", rules, "--sql", "duckdb", "--seed", Self.seed, "--table", "t\nDROP"], in: folder)
    XCTAssertEqual(refused.status, 2, refused.output)
    XCTAssertFalse(refused.output.contains("WITH"), refused.output)
  }

  /// `--headings FILE.csv`: the header row of a directory whose headings are variants the CSV draw
  /// accepts (企业名称, a note in brackets, a BOM, columns in another order, no 标签) names the
  /// table's real columns in the query; the rows after the header are never read; a header
  /// lacking a required column is the draw's error, no query.
  func testHeadingsNameTheTablesRealColumns() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("choucha-sql-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
    let rules = RepositoryTests.root.appendingPathComponent("Rules").path
    // A header, then a row that is not CSV at all (an unterminated quote): only the header is read.
    let header = Array("\u{FEFF}企业名称,统一社会信用代码,信用风险分类（2024）,行业,经营异常\r\n\"broken".utf8)
    try Data(header).write(to: folder.appendingPathComponent("targets.csv"))
    let printed = try OutputTests.run(["draw", rules, "--sql", "duckdb", "--seed", Self.seed, "--headings", "targets.csv"], in: folder)
    XCTAssertEqual(printed.status, 0, printed.output)
    XCTAssertTrue(printed.output.contains(#"coalesce("企业名称", '')"#), printed.output)
    XCTAssertTrue(printed.output.contains(#"coalesce("信用风险分类（2024）", '')"#), printed.output)
    XCTAssertFalse(printed.output.contains(#""名称""#), printed.output)
    XCTAssertFalse(printed.output.contains(#""标签""#), "an absent 标签 column is empty cells")
    // The same resolution as the function the command calls, column by column.
    var sources = SourceMap()
    let (columns, _) = SelectionQuery.columns(header: sources.add(path: "h.csv", bytes: Array(header.prefix(SelectionQuery.headerRow(of: header)!))))
    XCTAssertEqual(columns, ["统一社会信用代码", "企业名称", "行业", nil, "信用风险分类（2024）", "经营异常"])
    // verify --sql takes them too.
    let verified = try OutputTests.run(
      ["verify", RepositoryTests.root.appendingPathComponent("Rules/draws/draw-2024.json").path, "--sql", "postgres", "--headings", "targets.csv"],
      in: folder)
    XCTAssertEqual(verified.status, 0, verified.output)
    XCTAssertTrue(verified.output.contains(#"coalesce("企业名称", '')"#), verified.output)
    // Without 行业: the draw's missing-column error, located in the header; no query.
    try Data("统一社会信用代码,名称,信用风险分类\n".utf8).write(to: folder.appendingPathComponent("bad.csv"))
    let refused = try OutputTests.run(
      ["draw", rules, "--sql", "duckdb", "--seed", Self.seed, "--headings", "bad.csv", "--lang", "en"], in: folder)
    XCTAssertEqual(refused.status, 1, refused.output)
    XCTAssertTrue(refused.output.contains("bad.csv:1:1"), refused.output)
    XCTAssertTrue(refused.output.contains("行业"), refused.output)
    XCTAssertFalse(refused.output.contains("WITH"), refused.output)
  }

  // MARK: - verify --sql

  /// The published entities of Rules/' draw: every target and skipped entity with its ticket's
  /// first 19 digits; the query lists them as literals; an altered ticket is refused at its field.
  func testPublishedEntities() throws {
    let url = RepositoryTests.root.appendingPathComponent("Rules/draws/draw-2024.json")
    let bytes = Array(try Data(contentsOf: url))
    let read = try bytes.withUnsafeBufferPointer { try SelectionQuery.published($0).get() }
    let root = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    let tasks = try XCTUnwrap(root["tasks"] as? [[String: Any]])
    var expected: [SelectionQuery.Published] = []
    for task in tasks {
      for (role, list) in [("targets", task["targets"]), ("skipped", task["skipped"])] {
        for entry in try XCTUnwrap(list as? [[String: Any]]) {
          let ticket = try XCTUnwrap(entry["ticket"] as? String)
          expected.append(
            .init(
              task: try XCTUnwrap(task["id"] as? String), code: try XCTUnwrap(entry["code"] as? String),
              key: String(ticket.dropFirst(2).prefix(19)), skipped: role == "skipped"))
        }
      }
    }
    XCTAssertEqual(read.entities, expected)
    XCTAssertEqual(read.seedHash, root["seedHash"] as? String)
    // The published figures: per task and class its population and sample size (and the abnormal
    // stratum's, where a task has one), which the query has the engine recompute.
    var figures: [SelectionQuery.Figure] = []
    for task in tasks {
      let id = try XCTUnwrap(task["id"] as? String)
      let population = try XCTUnwrap(task["population"] as? [String: Int])
      let sampleSize = try XCTUnwrap(task["sampleSize"] as? [String: Int])
      for riskClass in read.spec.classes {
        figures.append(.init(task: id, stratum: riskClass, population: population[riskClass]!, sampleSize: sampleSize[riskClass]!))
      }
      if let abnormal = task["abnormalPopulation"] as? Int {
        figures.append(.init(task: id, stratum: "异常", population: abnormal, sampleSize: try XCTUnwrap(task["abnormalSampleSize"] as? Int)))
      }
    }
    XCTAssertEqual(read.figures, figures)
    let query = SelectionQuery.verify(read.spec, seedHash: read.seedHash, published: read.entities, figures: read.figures, engine: .postgres)
    let first = try XCTUnwrap(expected.first)
    XCTAssertTrue(query.contains("    ('\(first.task)', '\(first.code)', '\(first.key)', 'target')"), query)
    let figure = try XCTUnwrap(figures.first)
    XCTAssertTrue(query.contains("    ('\(figure.task)', '\(figure.stratum)', \(figure.population), \(figure.sampleSize))"), query)
    XCTAssertTrue(query.contains("'population-differs'") && query.contains("'sample-size-differs'"), query)
    // An altered ticket: refused, naming the entry.
    let text = String(decoding: bytes, as: UTF8.self)
    let ticket = try XCTUnwrap(tasks.first.flatMap { ($0["targets"] as? [[String: Any]])?.first?["ticket"] as? String })
    let altered = Array(text.replacingOccurrences(of: "\"ticket\": \"\(ticket)\"", with: "\"ticket\": \"0.12x\"").utf8)
    XCTAssertNotEqual(altered, bytes)
    let refused = altered.withUnsafeBufferPointer { SelectionQuery.published($0) }
    guard case .failure(let problem) = refused else { return XCTFail("an altered ticket was read") }
    XCTAssertEqual(problem.field, "tasks[0].targets[0]")
  }

  /// A draw with max-visits skips: its `skipped` lists (which the skim empties) are read too.
  func testPublishedSkippedEntities() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("choucha-sql-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("rules"), withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
    try Self.rules(industry: "餐饮业", object: "标签").write(
      to: folder.appendingPathComponent("rules/rules.choucha"), atomically: true, encoding: .utf8)
    let targets = "统一社会信用代码,名称,行业,标签,信用风险分类,经营异常\n"
      + (1...60).map { "91130102MC\(String(format: "%08d", $0)),主体\($0),餐饮业,\($0 % 2 == 0 ? "标签" : ""),\(["A", "B", "C", "D"][$0 % 4]),否\n" }.joined()
    try targets.write(to: folder.appendingPathComponent("t.csv"), atomically: true, encoding: .utf8)
    try AbnormalStratumTests.inspectors.write(to: folder.appendingPathComponent("i.csv"), atomically: true, encoding: .utf8)
    let drawn = try OutputTests.run(
      ["draw", "rules", "--targets", "t.csv", "--inspectors", "i.csv", "--seed", Self.seed, "--out", "d"], in: folder)
    XCTAssertEqual(drawn.status, 0, drawn.output)
    let bytes = Array(try Data(contentsOf: folder.appendingPathComponent("d/draw-2024.json")))
    let root = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    let skipped = try XCTUnwrap(root["tasks"] as? [[String: Any]]).flatMap { ($0["skipped"] as? [[String: Any]]) ?? [] }
    XCTAssertFalse(skipped.isEmpty, "the draw skips")
    let read = try bytes.withUnsafeBufferPointer { try SelectionQuery.published($0).get() }
    XCTAssertEqual(read.entities.filter(\.skipped).map(\.code), skipped.compactMap { $0["code"] as? String })
  }

  // MARK: - Golden texts

  /// The queries for Rules/ with the README's seed, as `choucha draw Rules --sql ENGINE` prints
  /// them (the widened one for DuckDB too).
  func testGoldenQueries() throws {
    let compilation = try RepositoryTests.DiskRepository(root: RepositoryTests.root.appendingPathComponent("Rules")).compile(display: "Rules")
    let spec = Drawer.spec(try XCTUnwrap(Planner.plan(compilation.program, year: 2024)), seed: Self.seed)
    let folder = RepositoryTests.root.appendingPathComponent("Tests/Fixtures/sql")
    var cases: [(String, String)] = SelectionQuery.Engine.allCases.map {
      ("rules-2024.\($0.rawValue).sql", SelectionQuery.make(spec, seedHash: Tickets.seedHash(Self.seed), engine: $0))
    }
    cases.append(
      ("rules-2024.widened.duckdb.sql", SelectionQuery.make(spec, seedHash: Tickets.seedHash(Self.seed), engine: .duckdb, margin: .bound)))
    for (name, query) in cases {
      let url = folder.appendingPathComponent(name)
      if GoldenTests.bless {
        try Data(query.utf8).write(to: url)
      } else {
        XCTAssertEqual(query, try String(contentsOf: url, encoding: .utf8), "\(name) differs (BLESS=1 swift test to update)")
      }
    }
  }
}
