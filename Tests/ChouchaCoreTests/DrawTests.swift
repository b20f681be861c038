import XCTest

@testable import ChouchaCore
@testable import ChouchaDraw

/// The whole draw on `Rules/` with the example directories of `Examples/05-draw`: reproduced by
/// Rivest's `consistent_sampler`, independent of row order, and re-run identically from its own
/// document (what `verify` does).
final class DrawTests: XCTestCase {
  static let seed = "2024-03-01 公开摇号：3 1 4 1 5 9"

  struct Fixture {
    var spec: Drawer.Spec
    var targets: [UInt8]
    var inspectors: [UInt8]
  }

  static func fixture() throws -> Fixture {
    let root = RepositoryTests.root
    let compilation = try RepositoryTests.DiskRepository(root: root.appendingPathComponent("Rules")).compile(display: "Rules")
    let plan = try XCTUnwrap(Planner.plan(compilation.program, year: nil))
    let folder = root.appendingPathComponent("Examples/05-draw")
    return Fixture(
      spec: Drawer.spec(plan, seed: seed),
      targets: [UInt8](try Data(contentsOf: folder.appendingPathComponent("targets.csv"))),
      inspectors: [UInt8](try Data(contentsOf: folder.appendingPathComponent("inspectors.csv"))))
  }

  static func draw(_ spec: Drawer.Spec, targets: [UInt8], inspectors: [UInt8]) -> (Drawer.Result?, [Diagnostic]) {
    var sources = SourceMap()
    let targetFile = sources.add(path: "targets.csv", bytes: targets)
    let inspectorFile = sources.add(path: "inspectors.csv", bytes: inspectors)
    return Drawer.run(spec, targets: targetFile, inspectors: inspectorFile)
  }

  func testDrawOnRulesSucceeds() throws {
    let fixture = try Self.fixture()
    let (result, diagnostics) = Self.draw(fixture.spec, targets: fixture.targets, inspectors: fixture.inspectors)
    XCTAssertEqual(diagnostics.map(\.code), [])
    let drawn = try XCTUnwrap(result)
    XCTAssertEqual(drawn.tasks.count, fixture.spec.tasks.count)
    XCTAssertGreaterThan(drawn.tasks.reduce(0) { $0 + $1.visits.count }, 50)
    for task in drawn.tasks {
      for visit in task.visits {
        for department in task.spec.departments {
          let assigned = visit.inspectors.filter { $0.inspector.department == department }
          XCTAssertEqual(assigned.count, fixture.spec.inspectorsPerVisit, "\(task.spec.id) \(visit.target.code) \(department)")
          for (inspector, _) in assigned {
            XCTAssertNotNil(inspector.certificate, "only certified officers are drawn")
            XCTAssertFalse(inspector.recusals.contains(visit.target.code), "回避")
            XCTAssertTrue(Set(task.spec.requires[department] ?? []).isSubset(of: inspector.specialties))
          }
        }
      }
    }
    // 无事不扰: nobody is visited more often than max-visits.
    var visits: [String: Int] = [:]
    for task in drawn.tasks { for visit in task.visits { visits[visit.target.code, default: 0] += 1 } }
    if let limit = fixture.spec.maxVisits { XCTAssertLessThanOrEqual(visits.values.max() ?? 0, limit) }
  }

  /// Reversed rows draw the same tasks (only the inputs' hashes differ).
  func testRowOrderChangesNoSelection() throws {
    let fixture = try Self.fixture()
    func tasksPart(_ targets: [UInt8], _ inspectors: [UInt8]) throws -> String {
      let result = try XCTUnwrap(Self.draw(fixture.spec, targets: targets, inspectors: inspectors).0)
      let text = String(decoding: DrawDocument.json(result), as: UTF8.self)
      return String(text[text.range(of: "\"tasks\": [")!.lowerBound...])
    }
    func reversed(_ bytes: [UInt8]) -> [UInt8] {
      let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\r\n").map(String.init)
      return Array(([lines[0]] + lines.dropFirst().reversed()).joined(separator: "\r\n").utf8) + [0x0D, 0x0A]
    }
    XCTAssertEqual(
      try tasksPart(reversed(fixture.targets), reversed(fixture.inspectors)), try tasksPart(fixture.targets, fixture.inspectors))
  }

  /// What `verify` does: the document alone (plus the directories) gives back the same bytes.
  func testDocumentReproducesItself() throws {
    let fixture = try Self.fixture()
    let result = try XCTUnwrap(Self.draw(fixture.spec, targets: fixture.targets, inspectors: fixture.inspectors).0)
    let document = DrawDocument.json(result)
    let (spec, targetsHash, inspectorsHash) = try XCTUnwrap(DrawDocument.spec(from: document))
    XCTAssertEqual(targetsHash, SHA256.hex(SHA256.hash(fixture.targets)))
    XCTAssertEqual(inspectorsHash, SHA256.hex(SHA256.hash(fixture.inspectors)))
    let again = try XCTUnwrap(Self.draw(spec, targets: fixture.targets, inspectors: fixture.inspectors).0)
    XCTAssertEqual(DrawDocument.json(again), document)
    // Another seed draws something else.
    var other = spec
    other.seed += "!"
    XCTAssertNotEqual(DrawDocument.json(try XCTUnwrap(Self.draw(other, targets: fixture.targets, inspectors: fixture.inspectors).0)), document)
  }

  /// Every task and class is the selection `consistent_sampler.sampler(ids, seed=…, take=k)` makes,
  /// in the same order, from the same population, with the same targets skipped for max-visits:
  /// `Tests/Fixtures/vectors/draw-05.txt`, recorded from consistent-sampler 1.0.10 following the
  /// README's public specification (`Tests/Vectors/regenerate.sh`, which also compares the
  /// binary's draw with the library directly).
  func testReproducedByConsistentSampler() throws {
    let fixture = try Self.fixture()
    let result = try XCTUnwrap(Self.draw(fixture.spec, targets: fixture.targets, inspectors: fixture.inspectors).0)
    var sources = SourceMap()
    let (targets, _, _) = Directories.targets(sources.add(path: "t.csv", bytes: fixture.targets), classes: fixture.spec.classes)
    let classOf = Dictionary(uniqueKeysWithValues: targets.map { ($0.code, $0.riskClass) })
    var ours: [String] = []
    for task in result.tasks {
      for riskClass in fixture.spec.classes {
        let drawn = task.visits.filter { $0.target.riskClass == riskClass }.map(\.target.code)
        let skipped = task.skipped.filter { classOf[$0.code] == riskClass }.map(\.code)
        ours.append(
          [task.spec.id, riskClass, String(task.population[riskClass] ?? 0), drawn.joined(separator: " "),
           skipped.joined(separator: " ")].joined(separator: "\t"))
      }
    }
    let expected = try Vectors.lines("draw-05.txt")
    XCTAssertEqual(ours.count, expected.count, "one line per task and risk class")
    for (line, reference) in zip(ours, expected) { XCTAssertEqual(line, reference) }
    XCTAssertGreaterThan(expected.filter { !$0.split(separator: "\t", omittingEmptySubsequences: false)[3].isEmpty }.count, 50)
  }

  /// Mutated directories never crash the draw, and every problem is located inside its file.
  func testMutatedDirectoriesGiveLocatedErrors() throws {
    let fixture = try Self.fixture()
    var state: UInt64 = 0x5EED_D1AB
    func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    let fragments: [[UInt8]] = [[0x2C], [0x22], [0x0A], [0x0D, 0x0A], Array("，".utf8), [0xFF], [0x00], Array("Z".utf8), Array("SCJG".utf8)]
    for iteration in 0..<150 {
      var targets = fixture.targets
      var inspectors = fixture.inspectors
      for _ in 0..<(1 + Int(next() % 4)) {
        let which = next() % 2 == 0
        var bytes = which ? targets : inspectors
        guard !bytes.isEmpty else { continue }
        let at = Int(next() % UInt64(bytes.count))
        switch next() % 3 {
        case 0: bytes.remove(at: at)
        case 1: bytes.insert(contentsOf: fragments[Int(next() % UInt64(fragments.count))], at: at)
        default: bytes = Array(bytes.prefix(at))
        }
        if which { targets = bytes } else { inspectors = bytes }
      }
      var sources = SourceMap()
      let targetFile = sources.add(path: "targets.csv", bytes: targets)
      let inspectorFile = sources.add(path: "inspectors.csv", bytes: inspectors)
      let (result, diagnostics) = Drawer.run(fixture.spec, targets: targetFile, inspectors: inspectorFile)
      XCTAssertTrue(result == nil || diagnostics.errorCount == 0, "iteration \(iteration): a draw with errors writes nothing")
      for diagnostic in diagnostics {
        let file = sources[diagnostic.span.file]
        XCTAssertTrue(
          0 <= diagnostic.span.start && diagnostic.span.end <= file.bytes.count,
          "iteration \(iteration): \(diagnostic.code.rawValue) outside its file")
        XCTAssertFalse(HumanRenderer(language: .zh).render(diagnostic, sources: sources).isEmpty)
      }
    }
  }

  /// Excel writes Chinese CSV as GB18030: the same directory in GB18030 draws the same.
  func testGB18030DirectoriesDrawTheSame() throws {
    let fixture = try Self.fixture()
    // Encoded by the inverse of the decoder, which GB18030Tests hold to Python's codec.
    func gb18030(_ utf8: [UInt8]) throws -> [UInt8] { try GB18030Tests.encode(utf8) }
    let targets = try gb18030(fixture.targets)
    let inspectors = try gb18030(fixture.inspectors)
    XCTAssertNotEqual(targets, fixture.targets)
    func tasksPart(_ result: Drawer.Result?) throws -> String {
      let text = String(decoding: DrawDocument.json(try XCTUnwrap(result)), as: UTF8.self)
      return String(text[text.range(of: "\"tasks\": [")!.lowerBound...])
    }
    let (converted, problems) = Self.draw(fixture.spec, targets: targets, inspectors: inspectors)
    XCTAssertEqual(problems.map(\.code), [])
    XCTAssertEqual(try tasksPart(converted), try tasksPart(Self.draw(fixture.spec, targets: fixture.targets, inspectors: fixture.inspectors).0))
    XCTAssertEqual(converted?.targets.sha256, SHA256.hex(SHA256.hash(targets)), "the fingerprint is of the file as it is")
    // Neither UTF-8 nor GB18030: a located E0602.
    let broken = Array(fixture.targets.prefix(200)) + [0xFF, 0xFF] + Array(fixture.targets.dropFirst(200))
    let (none, diagnostics) = Self.draw(fixture.spec, targets: broken, inspectors: fixture.inspectors)
    XCTAssertNil(none)
    XCTAssertEqual(diagnostics.map(\.code), [.E0602])
  }
}
