import Foundation
import XCTest

@testable import ChouchaCore
@testable import ChouchaDraw

/// `choucha draw --selection` (issue 17, item 2): a draw finished from an engine's selection has
/// the tasks of the draw from the directory, and a selection altered in any way is refused at its
/// line, nothing drawn. The selections are made by `SelectionFile.make`, the reference the
/// engines' output is compared with.
final class SelectionFileTests: XCTestCase {
  struct Case {
    var spec: Drawer.Spec
    var targets: [UInt8]
    var inspectors: [UInt8]
  }

  /// The selection of a directory, and both draws: from the directory, from the selection.
  static func selection(_ fixture: Case, margin: Int? = nil) throws -> String {
    let abnormal = fixture.spec.tasks.contains { $0.sampling.abnormal != nil && !$0.sampling.ratios.isEmpty }
    let file = SourceFile(id: 0, path: "targets.csv", bytes: fixture.targets)
    let (targets, _, problems) = Directories.targets(file, classes: fixture.spec.classes, abnormal: abnormal)
    XCTAssertEqual(problems.errorCount, 0)
    let content = try XCTUnwrap(Commitment.contentDigest(file, inspectors: false))
    return SelectionFile.make(
      targets: targets, spec: fixture.spec, fingerprint: DrawSpecification.fingerprint(fixture.spec),
      directory: .init(contentDigest: content.digest, rows: content.rows), margin: margin)
  }

  static func finish(_ fixture: Case, _ selection: String) -> (Drawer.Result?, [Diagnostic]) {
    SelectionFile.draw(
      fixture.spec, selection: SourceFile(id: 0, path: "selection.csv", bytes: Array(selection.utf8)),
      fingerprint: DrawSpecification.fingerprint(fixture.spec),
      inspectors: SourceFile(id: 1, path: "inspectors.csv", bytes: fixture.inspectors))
  }

  /// A task as both draws must agree on: figures, targets (code, 名称, 行业, 标签, class, ticket,
  /// inspectors with their tickets), skipped (code, ticket).
  static func tasks(_ result: Drawer.Result) -> [String] {
    result.tasks.map { task in
      let visits = task.visits.map { visit in
        "\(visit.target.code) \(visit.target.name) \(visit.target.industry) \(visit.target.tags) \(visit.target.riskClass) \(visit.ticket.text) "
          + visit.inspectors.map { "\($0.inspector.certificate ?? "") \($0.ticket.text)" }.joined(separator: " ")
      }
      return "\(task.spec.id) \(result.spec.classes.map { "\(task.population[$0] ?? 0)/\(task.sampleSize[$0] ?? 0)" }) "
        + "\(task.abnormal.map { "\($0.population)/\($0.sampleSize)" } ?? "-")\n" + visits.joined(separator: "\n")
        + "\nskipped " + task.skipped.map { "\($0.code) \($0.ticket.text)" }.joined(separator: " ")
    }
  }

  static func assertIdentical(_ fixture: Case, margin: Int? = nil, file: StaticString = #filePath, line: UInt = #line) throws
    -> Drawer.Result
  {
    let (direct, directProblems) = DrawTests.draw(fixture.spec, targets: fixture.targets, inspectors: fixture.inspectors)
    let fromDirectory = try XCTUnwrap(direct, "\(directProblems)", file: file, line: line)
    let (finished, problems) = finish(fixture, try selection(fixture, margin: margin))
    let fromSelection = try XCTUnwrap(
      finished, HumanRenderer(language: .en).render(problems, sources: SourceMap()), file: file, line: line)
    XCTAssertEqual(tasks(fromSelection), tasks(fromDirectory), file: file, line: line)
    // The same warnings of strata emptied by skips (W0703).
    let short = { (found: [Diagnostic]) in found.filter { $0.code == .W0703 }.map(\.message.en) }
    XCTAssertEqual(short(problems), short(directProblems), file: file, line: line)
    XCTAssertEqual(fromSelection.targets.contentDigest?.count, 64, file: file, line: line)
    return fromSelection
  }

  static func examples() throws -> Case {
    let fixture = try DrawTests.fixture()
    return Case(spec: fixture.spec, targets: fixture.targets, inspectors: fixture.inspectors)
  }

  /// A generated directory: 600 entities, rounds (频次 2), an abnormal stratum, 最多检查 1.
  static func generated() throws -> Case {
    var source = AbnormalStratumTests.rules("{ A 30%  B 40%  C 50%  D 60%  异常 70% }", partner: "{ A 40%  B 40%  C 40%  D 40% }")
    source = source.replacingOccurrences(of: "期间 2024-03-01 .. 2024-11-30", with: "期间 2024-03-01 .. 2024-11-30; 最多检查 1")
    source = source.replacingOccurrences(
      of: "类别 重点; 对象 餐饮服务经营者; 方式 实地检查; 频次 1", with: "类别 重点; 对象 餐饮服务经营者; 方式 实地检查; 频次 2")
    // A single department's task besides the joint one: its population by 行业 or 标签.
    source = source.replacingOccurrences(
      of: "一业一查 餐饮",
      with: """
        事项 SP-02 "食品经营者专项检查" {
          部门 SCJG; 权责 130102-JC-001; 依据 食品安全法 "第一百一十条"
          类别 一般; 对象 餐饮服务经营者; 方式 实地检查; 频次 1
          比例 { A 20%  B 20%  C 20%  D 20% }
        }
        一业一查 餐饮
        """)
    let compilation = AbnormalStratumTests.compile(source)
    XCTAssertFalse(compilation.hasErrors, HumanRenderer(language: .en).render(compilation.diagnostics, sources: compilation.sources))
    let plan = try XCTUnwrap(Planner.plan(compilation.program, year: 2024))
    let targets =
      "统一社会信用代码,名称,行业,标签,信用风险分类,经营异常\n"
      + (1...600).map {
        "91130102MA0\(String(format: "%07d", $0)),餐馆\($0),\($0 % 7 == 0 ? "住宿服务" : "餐饮服务"),\($0 % 3 == 0 ? ($0 % 2 == 0 ? "\"餐饮服务经营者, 连锁\"" : "餐饮服务经营者") : ""),\(["A", "B", "C", "D"][$0 * 7 % 4]),\($0 % 6 == 0 ? "是" : "否")\n"
      }.joined()
    let inspectors = "工号,姓名,部门,执法证号,专长,回避\n" + (1...12).map { "S\($0),市场\($0),SCJG,SC\($0),,\nX\($0),消防\($0),XFJY,XF\($0),,\n" }.joined()
    return Case(spec: Drawer.spec(plan, seed: "selection"), targets: Array(targets.utf8), inspectors: Array(inspectors.utf8))
  }

  func testExamplesDrawIdentically() throws {
    let fixture = try Self.examples()
    _ = try Self.assertIdentical(fixture)
    // With a margin of candidates (as the engine's default query): the same, or refused.
    _ = try Self.assertIdentical(fixture, margin: 8)
  }

  func testGeneratedDirectoryWithRoundsAbnormalStrataAndSkipsDrawsIdentically() throws {
    let fixture = try Self.generated()
    let result = try Self.assertIdentical(fixture)
    XCTAssertTrue(fixture.spec.tasks.contains { $0.id.hasSuffix("@2") })
    XCTAssertGreaterThan(result.tasks.reduce(0) { $0 + $1.skippedRows.count }, 20)
    XCTAssertTrue(result.tasks.contains { $0.abnormal != nil && $0.abnormal!.sampleSize > 0 })
    let (_, warnings) = DrawTests.draw(fixture.spec, targets: fixture.targets, inspectors: fixture.inspectors)
    XCTAssertTrue(warnings.contains { $0.code == .W0703 }, "the generated plan empties a stratum by skips")
    // A wide enough margin gives the same draw.
    _ = try Self.assertIdentical(fixture, margin: 200)
  }

  /// `verify --targets` of a draw finished from a selection: recomputed from the directory alone.
  func testRedrawFromTheDirectoryGivesTheSameTasks() throws {
    let fixture = try Self.generated()
    let (direct, _) = DrawTests.draw(fixture.spec, targets: fixture.targets, inspectors: fixture.inspectors)
    let (redrawn, problems) = SelectionFile.redraw(
      fixture.spec, targets: SourceFile(id: 0, path: "targets.csv", bytes: fixture.targets),
      inspectors: SourceFile(id: 1, path: "inspectors.csv", bytes: fixture.inspectors), selectionSHA256: String(repeating: "a", count: 64))
    let result = try XCTUnwrap(redrawn, "\(problems.map(\.message.en))")
    XCTAssertEqual(Self.tasks(result), Self.tasks(try XCTUnwrap(direct)))
    XCTAssertEqual(result.targets.sha256, String(repeating: "a", count: 64))
  }

  func testARanOutStratumIsRefusedNamingItAndTheWidenedQuery() throws {
    let fixture = try Self.generated()
    let (result, problems) = Self.finish(fixture, try Self.selection(fixture, margin: 0))
    XCTAssertNil(result)
    XCTAssertEqual(problems.map(\.code), [.E0602])
    let problem = try XCTUnwrap(problems.first)
    XCTAssertTrue(problem.message.en.contains("ran out"), problem.message.en)
    XCTAssertTrue(problem.message.en.contains("@2"), problem.message.en)
    XCTAssertTrue(problem.help?.en.contains("--widen") ?? false)
  }

  /// Each bad input: an E0602 on the line changed (`line`, 1-based in the file), nothing drawn.
  func assertRefused(
    _ fixture: Case, _ selection: String, line expected: Int?, _ phrase: String, file: StaticString = #filePath, line: UInt = #line
  ) {
    let (result, problems) = Self.finish(fixture, selection)
    XCTAssertNil(result, file: file, line: line)
    XCTAssertFalse(problems.isEmpty, file: file, line: line)
    XCTAssertTrue(problems.allSatisfy { $0.code == .E0602 }, file: file, line: line)
    let source = SourceFile(id: 0, path: "selection.csv", bytes: Array(selection.utf8))
    let rendered = HumanRenderer(language: .en).render(problems, sources: { var map = SourceMap(); _ = map.add(path: "selection.csv", bytes: source.bytes); return map }())
    XCTAssertTrue(rendered.contains(phrase), rendered, file: file, line: line)
    if let expected {
      XCTAssertTrue(rendered.contains("selection.csv:\(expected):"), rendered, file: file, line: line)
    }
  }

  func testBadSelectionsAreLocatedErrors() throws {
    let fixture = try Self.generated()
    let good = try Self.selection(fixture)
    var lines = good.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let firstCandidate = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("candidate,") && $0.contains(",1,") })
    // A row missing: the next ranks no longer match.
    var missing = lines
    missing.remove(at: firstCandidate)
    assertRefused(fixture, missing.joined(separator: "\n"), line: firstCandidate + 1, "ranks")
    // A ticket altered.
    var altered = lines
    var cells = altered[firstCandidate].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    cells[6] = String(cells[6].reversed())
    altered[firstCandidate] = cells.joined(separator: ",")
    assertRefused(fixture, altered.joined(separator: "\n"), line: firstCandidate + 1, "ticket key")
    // A duplicated entity.
    var duplicated = lines
    duplicated.insert(lines[firstCandidate], at: firstCandidate + 1)
    assertRefused(fixture, duplicated.joined(separator: "\n"), line: firstCandidate + 2, "twice")
    // An extra column.
    var extra = lines
    extra[firstCandidate] += ",x"
    assertRefused(fixture, extra.joined(separator: "\n"), line: firstCandidate + 1, "15 columns")
    var wider = lines
    wider[0] += ",note"
    assertRefused(fixture, wider.joined(separator: "\n"), line: 1, "the header")
    // Selections of the earlier contracts (no industry and tags; no name either): refused at the
    // header, saying the file is from an older choucha and how to run the query again.
    for dropped in [2, 3] {
      let old = [SelectionFile.header.dropLast(dropped).joined(separator: ",")] + lines.dropFirst()
      assertRefused(fixture, old.joined(separator: "\n"), line: 1, "from an older choucha")
      assertRefused(fixture, old.joined(separator: "\n"), line: 1, "print the query again with this choucha")
    }
    // A name, an industry or a tag cell with a bidi control goes into published documents: an
    // error at its cell.
    for column in 12...14 {
      var bidi = lines
      var cells = bidi[firstCandidate].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      cells[column] += "\u{202E}"
      bidi[firstCandidate] = cells.joined(separator: ",")
      assertRefused(fixture, bidi.joined(separator: "\n"), line: firstCandidate + 1, "\(SelectionFile.header[column]) of")
      assertRefused(fixture, bidi.joined(separator: "\n"), line: firstCandidate + 1, "control character U+202E")
    }
    // One entity, two names: altered.
    let code = lines[firstCandidate].split(separator: ",")[4]
    let again = try XCTUnwrap(lines.indices.last { lines[$0].hasPrefix("candidate,") && lines[$0].split(separator: ",")[4] == code })
    XCTAssertGreaterThan(again, firstCandidate, "the entity is a candidate of two tasks")
    var renamed = lines
    renamed[again] = renamed[again].replacingOccurrences(of: ",餐馆", with: ",餐馆X")
    assertRefused(fixture, renamed.joined(separator: "\n"), line: again + 1, "the name of '\(code)'")

    // Another seed: the directory row and every digest.
    var other = fixture
    other.spec.seed = "another seed"
    assertRefused(fixture, try Self.selection(other), line: 2, "another seed")
    // Another plan: a ratio changed (the fingerprint, and the sample sizes).
    var plan = fixture
    plan.spec.tasks[0].sampling.ratios["A"] = Ratio(perMillion: 900_000, text: "90%")
    assertRefused(fixture, try Self.selection(plan), line: 2, "another specification")
    // A stratum missing.
    lines.removeAll { $0.hasPrefix("stratum,") && $0.contains(",D,") && $0.contains("@2") || $0.hasPrefix("candidate,") && $0.contains("@2,D,") }
    assertRefused(fixture, lines.joined(separator: "\n"), line: nil, "lacks the strata D")
  }
}

extension SelectionFileTests {
  /// The selection's lines and cells (no quoted cell in the generated fixture's selection).
  static func cells(_ line: String) -> [String] { line.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }

  /// Issue 17, item 2: each candidate is in its task's population by the draw's rule, its class is
  /// its stratum's (or one of the plan's in 异常 and *), and one entity has one class, name,
  /// industry and tags in the whole file; else an error at the cell, nothing drawn.
  func testMembershipClassesAndOneEntityAreChecked() throws {
    let fixture = try Self.generated()
    let lines = try Self.selection(fixture).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let joint = Set(fixture.spec.tasks.filter { $0.kind == .joint }.map(\.id))
    let single = Set(fixture.spec.tasks.filter { $0.kind == .single }.map(\.id))
    XCTAssertFalse(joint.isEmpty)
    XCTAssertFalse(single.isEmpty)
    func candidate(_ where: ([String]) -> Bool) throws -> Int {
      try XCTUnwrap(lines.firstIndex { $0.hasPrefix("candidate,") && `where`(Self.cells($0)) })
    }
    func replaced(_ index: Int, _ change: (inout [String]) -> Void) -> String {
      var changed = lines
      var cells = Self.cells(lines[index])
      change(&cells)
      changed[index] = cells.joined(separator: ",")
      return changed.joined(separator: "\n")
    }
    // A joint task's candidate of another industry; a single task's with neither its object type
    // as industry nor as a tag: not in the population (a forged or stale selection).
    let inJoint = try candidate { joint.contains($0[1]) }
    assertRefused(fixture, replaced(inJoint) { $0[13] = "住宿服务" }, line: inJoint + 1, "is not in the population of task")
    let inSingle = try candidate { single.contains($0[1]) }
    assertRefused(fixture, replaced(inSingle) { $0[13] = "餐饮服务"; $0[14] = "连锁" }, line: inSingle + 1, "is not in the population of task")
    // The same, the other way: an entity of a single task by its tag, put in by its industry alone
    // stays a member (the rule is the draw's: 行业 or one of the 标签).
    let byTag = try candidate { single.contains($0[1]) && $0[14].contains("餐饮服务经营者") && $0[13] != "餐饮服务经营者" }
    let (_, moved) = Self.finish(fixture, replaced(byTag) { $0[13] = "餐饮服务经营者"; $0[14] = "" })
    XCTAssertFalse(moved.contains { $0.message.en.contains("population") }, "\(moved.map(\.message.en))")
    // A class the plan lacks in the abnormal stratum.
    let abnormal = try candidate { $0[2] == "异常" }
    assertRefused(fixture, replaced(abnormal) { $0[5] = "E" }, line: abnormal + 1, "not one of the plan's (A, B, C, D)")
    // One entity, another industry or other tags on a later line (still a member there).
    var firstLine: [String: Int] = [:]
    for (index, line) in lines.enumerated() where line.hasPrefix("candidate,") { firstLine[Self.cells(line)[4]] = firstLine[Self.cells(line)[4]] ?? index }
    let later = try XCTUnwrap(
      lines.indices.first { index in
        let cells = Self.cells(lines[index])
        return cells[0] == "candidate" && single.contains(cells[1]) && cells[14].contains("餐饮服务经营者") && firstLine[cells[4]]! < index
      })
    assertRefused(fixture, replaced(later) { $0[13] = "住宿服务" }, line: later + 1, "the industry of")
    assertRefused(fixture, replaced(later) { $0[14] = "餐饮服务经营者、连锁店" }, line: later + 1, "the tags of")
  }
}

/// The command: `draw --selection` writes the documents whose tasks are the CSV path's, checked
/// against the commitment made from the CSV by the content digest; `verify` accepts the document
/// with the selection or with the directory; a bad selection writes nothing.
final class SelectionCommandTests: XCTestCase {
  func run(_ arguments: [String]) throws -> (status: Int32, output: String) { try OutputTests.run(arguments) }

  /// The tasks of a draw document, the targets' names included.
  static func tasks(_ path: String) throws -> NSArray {
    let root = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    let tasks = try XCTUnwrap(root["tasks"] as? [[String: Any]])
    let names = tasks.flatMap { ($0["targets"] as? [[String: Any]] ?? []).map { $0["name"] as? String ?? "" } }
    XCTAssertFalse(names.isEmpty)
    XCTAssertFalse(names.contains(""), "a target without its name in \(path)")
    return tasks as NSArray
  }

  func testDrawFromASelectionAndVerifyIt() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("choucha-selection-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
    let (targets, inspectors) = (CommitmentTests.targets, CommitmentTests.inspectors)
    let fixture = try SelectionFileTests.examples()
    let selection = folder.appendingPathComponent("selection.csv").path
    let text = try SelectionFileTests.selection(fixture, margin: 8)
    try text.write(toFile: selection, atomically: true, encoding: .utf8)
    let commitOut = folder.appendingPathComponent("commit").path
    XCTAssertEqual(try run(["draw", "Rules", "--targets", targets, "--inspectors", inspectors, "--commit", "--out", commitOut]).status, 0)
    let commitment = commitOut + "/commitment-2024.json"
    let fromSelection = folder.appendingPathComponent("sel").path
    let drawn = try run([
      "draw", "Rules", "--selection", selection, "--inspectors", inspectors, "--seed", DrawTests.seed, "--commitment", commitment,
      "--out", fromSelection, "--lang", "en",
    ])
    XCTAssertEqual(drawn.status, 0, drawn.output)
    let fromDirectory = folder.appendingPathComponent("csv").path
    let direct = try run(["draw", "Rules", "--targets", targets, "--inspectors", inspectors, "--seed", DrawTests.seed, "--out", fromDirectory])
    XCTAssertEqual(direct.status, 0, direct.output)
    XCTAssertEqual(try Self.tasks(fromSelection + "/draw-2024.json"), try Self.tasks(fromDirectory + "/draw-2024.json"))
    let document = try String(contentsOfFile: fromSelection + "/draw-2024.json", encoding: .utf8)
    XCTAssertTrue(document.contains("\"contentDigest\""))
    // verify: with the selection, with the directory, with both.
    for given in [["--selection", selection], ["--targets", targets], ["--selection", selection, "--targets", targets]] {
      let verified = try run(["verify", fromSelection + "/draw-2024.json"] + given + ["--inspectors", inspectors, "--lang", "en"])
      XCTAssertEqual(verified.status, 0, "\(given): \(verified.output)")
    }
    // Another directory: its content digest is not the one the engine read.
    let other = folder.appendingPathComponent("other.csv").path
    var rows = try String(contentsOfFile: CommitmentTests.root.appendingPathComponent(targets).path, encoding: .utf8)
      .split(separator: "\n").map(String.init)
    rows.removeLast()
    try (rows.joined(separator: "\n") + "\n").write(toFile: other, atomically: true, encoding: .utf8)
    let refused = try run(["verify", fromSelection + "/draw-2024.json", "--targets", other, "--inspectors", inspectors, "--lang", "en"])
    XCTAssertEqual(refused.status, 1, refused.output)
    XCTAssertTrue(refused.output.contains("content digest"), refused.output)
    // A ticket altered: located, nothing written.
    var lines = text.split(separator: "\n").map(String.init)
    let index = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("candidate,") })
    lines[index] = lines[index].replacingOccurrences(of: ",candidate,", with: ",")
    var cells = lines[index].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    cells[6] = "0000000000000000000"
    lines[index] = cells.joined(separator: ",")
    try (lines.joined(separator: "\n") + "\n").write(toFile: selection, atomically: true, encoding: .utf8)
    let bad = folder.appendingPathComponent("bad").path
    let badRun = try run([
      "draw", "Rules", "--selection", selection, "--inspectors", inspectors, "--seed", DrawTests.seed, "--out", bad, "--lang", "en",
    ])
    XCTAssertEqual(badRun.status, 1, badRun.output)
    XCTAssertTrue(badRun.output.contains("selection.csv:\(index + 1):"), badRun.output)
    XCTAssertTrue(badRun.output.contains("nothing was written"), badRun.output)
    XCTAssertFalse(FileManager.default.fileExists(atPath: bad))
  }

  /// The content digest's method (README rule 8): a selection names it in its directory row and
  /// the document records it (v2: `contentDigestMethod`; a v1 document has no such field). A
  /// selection of v1 (an earlier query, with v1's fingerprint) is still finished and verified by
  /// v1; against a v2 commitment it is refused (two definitions cannot be compared); an unknown
  /// method is refused at its cell, naming both.
  func testSelectionsOfEitherDigestMethod() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("choucha-method-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
    let (targets, inspectors) = (CommitmentTests.targets, CommitmentTests.inspectors)
    let fixture = try SelectionFileTests.examples()
    let file = SourceFile(id: 0, path: "targets.csv", bytes: fixture.targets)
    let (rows, _, _) = Directories.targets(file, classes: fixture.spec.classes)
    let v1 = try XCTUnwrap(Commitment.contentDigest(file, inspectors: false, method: .sorted))
    let old = SelectionFile.make(
      targets: rows, spec: fixture.spec, fingerprint: DrawSpecification.fingerprint(fixture.spec, method: .sorted),
      directory: .init(contentDigest: v1.digest, rows: v1.rows, method: .sorted), margin: 8)
    XCTAssertTrue(old.contains(",sha256-sorted-row-sha256-v1,"))
    let selection = folder.appendingPathComponent("v1.csv").path
    try old.write(toFile: selection, atomically: true, encoding: .utf8)
    let out = folder.appendingPathComponent("v1").path
    let drawn = try run(["draw", "Rules", "--selection", selection, "--inspectors", inspectors, "--seed", DrawTests.seed, "--out", out])
    XCTAssertEqual(drawn.status, 0, drawn.output)
    let document = try String(contentsOfFile: out + "/draw-2024.json", encoding: .utf8)
    XCTAssertTrue(document.contains(v1.digest))
    XCTAssertFalse(document.contains("contentDigestMethod"), "a v1 document as v1 wrote it")
    for given in [["--selection", selection], ["--targets", targets]] {
      let verified = try run(["verify", out + "/draw-2024.json"] + given + ["--inspectors", inspectors, "--lang", "en"])
      XCTAssertEqual(verified.status, 0, "\(given): \(verified.output)")
    }
    // v1's selection with this plan's v2 fingerprint: another specification.
    let mixed = old.replacingOccurrences(
      of: DrawSpecification.fingerprint(fixture.spec, method: .sorted), with: DrawSpecification.fingerprint(fixture.spec))
    func assertRefused(_ selection: String, _ phrase: String, file: StaticString = #filePath, line: UInt = #line) {
      let (result, problems) = SelectionFileTests.finish(fixture, selection)
      XCTAssertNil(result, file: file, line: line)
      var map = SourceMap()
      _ = map.add(path: "selection.csv", bytes: Array(selection.utf8))
      let rendered = HumanRenderer(language: .en).render(problems, sources: map)
      XCTAssertTrue(rendered.contains(phrase) && rendered.contains("selection.csv:2:"), rendered, file: file, line: line)
    }
    assertRefused(mixed, "another specification")
    // Against a v2 commitment: refused, nothing written.
    let commitOut = folder.appendingPathComponent("commit").path
    XCTAssertEqual(try run(["draw", "Rules", "--targets", targets, "--inspectors", inspectors, "--commit", "--out", commitOut]).status, 0)
    let refusedOut = folder.appendingPathComponent("refused").path
    let refused = try run([
      "draw", "Rules", "--selection", selection, "--inspectors", inspectors, "--seed", DrawTests.seed,
      "--commitment", commitOut + "/commitment-2024.json", "--out", refusedOut, "--lang", "en",
    ])
    XCTAssertEqual(refused.status, 1, refused.output)
    XCTAssertTrue(refused.output.contains("cannot be compared"), refused.output)
    XCTAssertFalse(FileManager.default.fileExists(atPath: refusedOut))
    // v2: the document names its method; altered, the document is refused at the field.
    let current = try SelectionFileTests.selection(fixture, margin: 8)
    XCTAssertTrue(current.contains(",sha256-bucketed-row-sha256-v2,"))
    let v2Selection = folder.appendingPathComponent("v2.csv").path
    try current.write(toFile: v2Selection, atomically: true, encoding: .utf8)
    let v2Out = folder.appendingPathComponent("v2").path
    XCTAssertEqual(
      try run(["draw", "Rules", "--selection", v2Selection, "--inspectors", inspectors, "--seed", DrawTests.seed, "--out", v2Out]).status, 0)
    let v2Document = try String(contentsOfFile: v2Out + "/draw-2024.json", encoding: .utf8)
    XCTAssertTrue(v2Document.contains("\"contentDigestMethod\": \"sha256-bucketed-row-sha256-v2\""), v2Document.prefix(2000).description)
    let forged = v2Document.replacingOccurrences(of: "\"contentDigestMethod\": \"sha256-bucketed-row-sha256-v2\"", with: "\"contentDigestMethod\": \"md5\"")
    let forgedRead = Array(forged.utf8).withUnsafeBufferPointer { DrawDocument.read($0) }
    guard case .failure(let problem) = forgedRead else { return XCTFail("a forged method is refused") }
    XCTAssertEqual(problem.field, "inputs.targets.contentDigestMethod")
    // An unknown method in the directory row: refused at its cell, naming the two known.
    let unknown = current.replacingOccurrences(of: ",sha256-bucketed-row-sha256-v2,", with: ",sha256-sum-v3,")
    assertRefused(unknown, "sha256-sorted-row-sha256-v1 or sha256-bucketed-row-sha256-v2")
  }
}

/// The seeds of the `selection` fuzz target (Fuzz/Sources/FuzzSelection): its plan, directory and
/// inspectors in Fuzz/seeds/selection/, and the selections `SelectionFile.make` gives for them,
/// good and broken, committed there (`BLESS=1 swift test` rewrites them when the format changes;
/// Fuzz/seed.sh copies them into Fuzz/corpus/selection).
final class SelectionFuzzSeedTests: XCTestCase {
  static let folder = RepositoryTests.root.appendingPathComponent("Fuzz/seeds/selection")

  /// The fuzz target's fixture, read as the target reads it.
  static func fixture() throws -> SelectionFileTests.Case {
    func bytes(_ name: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: folder.appendingPathComponent(name))) }
    let compilation = AbnormalStratumTests.compile(String(decoding: try bytes("rules.choucha"), as: UTF8.self))
    XCTAssertFalse(compilation.hasErrors, HumanRenderer(language: .en).render(compilation.diagnostics, sources: compilation.sources))
    let plan = try XCTUnwrap(Planner.plan(compilation.program, year: 2024))
    return .init(spec: Drawer.spec(plan, seed: SelectionQueryTests.seed), targets: try bytes("targets.csv"), inspectors: try bytes("inspectors.csv"))
  }

  func testTheSeedsAreTheSelectionsOfTheFixture() throws {
    let fixture = try Self.fixture()
    // The fixture draws identically both ways: the seeds reach the end of `draw --selection`.
    _ = try SelectionFileTests.assertIdentical(fixture)
    let full = try SelectionFileTests.selection(fixture)
    var lines = full.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let candidate = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("candidate,") })
    var seeds: [(String, String)] = [("selection-full.csv", full), ("selection-margin-1.csv", try SelectionFileTests.selection(fixture, margin: 1))]
    // Broken: a selection of an older choucha (13 columns), a ticket altered, a candidate outside its task.
    let older = lines.map { line in line.split(separator: ",", omittingEmptySubsequences: false).dropLast(2).joined(separator: ",") }
    seeds.append(("selection-older.csv", older.joined(separator: "\n")))
    var cells = SelectionFileTests.cells(lines[candidate])
    cells[6] = String(cells[6].reversed())
    var altered = lines
    altered[candidate] = cells.joined(separator: ",")
    seeds.append(("selection-altered-ticket.csv", altered.joined(separator: "\n")))
    cells = SelectionFileTests.cells(lines[candidate])
    (cells[13], cells[14]) = ("住宿服务", "")
    lines[candidate] = cells.joined(separator: ",")
    seeds.append(("selection-outside-population.csv", lines.joined(separator: "\n")))
    for (name, text) in seeds {
      let url = Self.folder.appendingPathComponent(name)
      if ProcessInfo.processInfo.environment["BLESS"] != nil {
        try text.write(to: url, atomically: true, encoding: .utf8)
      } else {
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), text, "\(name): BLESS=1 swift test --filter SelectionFuzzSeedTests rewrites it")
      }
    }
    XCTAssertNotNil(SelectionFileTests.finish(fixture, full).0)
    XCTAssertNil(SelectionFileTests.finish(fixture, seeds[2].1).0)
  }
}
