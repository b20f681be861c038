import Foundation
import FuzzSupport

@testable import ChouchaCore
@testable import ChouchaDraw

/// The selection file of `choucha draw --selection` (a data engine's output, as CSV), on the input
/// as that file, for the plan, seed and inspectors of Fuzz/seeds/selection (rounds, an abnormal
/// stratum, 最多检查 1, a joint and a single department's task, tags; its committed selections are
/// `SelectionFile.make`'s, checked by SelectionFuzzSeedTests). `SelectionFile.draw` reads, checks
/// and finishes it. Checks, besides no crash and no hang: the diagnostics' invariants, all of
/// them errors at a place in the file (E0602 or the CSV reader's); a draw or an error, never
/// both and never neither; and of a draw finished, that every target of every task is in the
/// task's population by the draw's own rule (`TaskSpec.contains`: a forged selection cannot put
/// an entity in a task), carries a class of the plan, is one of the file's candidates of that
/// task, and that no task visits an entity twice or more often than `最多检查` allows in all.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSelection(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  let bytes = Fuzz.bytes(data, count)
  var sources = SourceMap()
  let selection = sources.add(path: "selection.csv", bytes: bytes)
  let inspectors = sources.add(path: "inspectors.csv", bytes: Fixture.inspectors)
  let spec = Fixture.spec
  let (result, diagnostics) = SelectionFile.draw(
    spec, selection: selection, fingerprint: Fixture.fingerprint, inspectors: inspectors)
  Fuzz.check(diagnostics, sources: sources, "selection")
  let errors = diagnostics.filter { $0.severity == .error }
  guard let result else {
    Fuzz.expect(!errors.isEmpty, "no draw and no error")
    Fuzz.expect(errors.allSatisfy { $0.span.file == selection.id }, "an error outside the selection (the inspectors are good)")
    return 0
  }
  Fuzz.expect(errors.isEmpty, "a draw and an error: \(errors.first!.message.en)")
  Fuzz.expect(result.tasks.map(\.spec.id) == spec.tasks.map(\.id), "the draw's tasks are not the plan's")
  // The candidates the file gives, per task: a target comes from them.
  let (rows, _) = CSVReader.read(selection)
  var candidates: [String: Set<String>] = [:]
  for row in rows.dropFirst() where row.cells.count == SelectionFile.header.count && row.cells[0].text == "candidate" {
    candidates[row.cells[1].text, default: []].insert(row.cells[4].text)
  }
  var visits: [String: Int] = [:]
  for task in result.tasks {
    var seen = Set<String>()
    for visit in task.visits {
      let target = visit.target
      Fuzz.expect(
        task.spec.contains(industry: target.industry, tags: target.tags),
        "\(task.spec.id): '\(target.code)' (行业 '\(target.industry)', 标签 \(target.tags)) is not in the task's population")
      Fuzz.expect(spec.classes.contains(target.riskClass), "\(task.spec.id): '\(target.code)' of class '\(target.riskClass)'")
      Fuzz.expect(candidates[task.spec.id]?.contains(target.code) ?? false, "\(task.spec.id): '\(target.code)' is no candidate of the task")
      Fuzz.expect(seen.insert(target.code).inserted, "\(task.spec.id): '\(target.code)' visited twice")
      visits[target.code, default: 0] += 1
    }
  }
  if let most = spec.maxVisits, let (code, times) = visits.first(where: { $0.value > most }) {
    Fuzz.fail("'\(code)' visited \(times) times, 最多检查 \(most)")
  }
  return 0
}

/// Fuzz/seeds/selection, read once (Fuzz/run.sh runs from the repository's root).
enum Fixture {
  static let folder = "Fuzz/seeds/selection/"

  static func read(_ name: String) -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: folder + name) else {
      Fuzz.fail("\(folder + name) is missing: run the target from the repository's root (Fuzz/run.sh does)")
    }
    return [UInt8](data)
  }

  static let inspectors = read("inspectors.csv")
  static let spec: Drawer.Spec = {
    let compilation = Compiler.compile(texts: [("rules.choucha", String(decoding: read("rules.choucha"), as: UTF8.self))])
    guard compilation.diagnostics.errorCount == 0, let plan = Planner.plan(compilation.program, year: 2024) else {
      Fuzz.fail("the fixture's rules do not compile")
    }
    // The seed of SelectionFuzzSeedTests (and of the README's examples).
    return Drawer.spec(plan, seed: "2024-03-01 公开摇号：3 1 4 1 5 9")
  }()
  static let fingerprint = DrawSpecification.fingerprint(spec)
}
