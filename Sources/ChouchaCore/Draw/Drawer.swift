/// “双随机”: draws the targets of every task (`Sampler`) and matches inspectors to them, each by
/// the smallest tickets, so that anyone can re-run the draw from the published seed.
public enum Drawer {
  /// Everything a draw depends on besides the directories: written into the draw document, so
  /// that `verify` needs nothing else.
  public struct Spec: Sendable {
    public var year: Int
    public var seed: String
    public var classes: [String]
    public var maxVisits: Int?
    public var inspectorsPerVisit: Int
    public var departments: [DepartmentRef]
    public var tasks: [TaskSpec]
  }

  public struct TaskSpec: Sendable {
    public var id: String
    public var title: String
    public var kind: String
    /// Lead first.
    public var departments: [String]
    public var industries: [String]
    public var objects: [String]
    public var sampling: TaskSampling
    /// Department → specialties an inspector of it must have for this task.
    public var requires: [String: [String]]
  }

  public struct Visit: Sendable {
    public var target: Directories.Target
    public var ticket: Ticket
    public var inspectors: [(inspector: Directories.Inspector, ticket: Ticket)]
  }

  public struct TaskDraw: Sendable {
    public var spec: TaskSpec
    public var population: [String: Int]
    public var sampleSize: [String: Int]
    public var visits: [Visit]
    public var skipped: [(code: String, ticket: Ticket)]
  }

  public struct Result: Sendable {
    public var spec: Spec
    public var seedHash: String
    public var targets: Directories.Fingerprint
    public var inspectors: Directories.Fingerprint
    public var tasks: [TaskDraw]
  }

  /// The draw specification of an annual plan.
  public static func spec(_ plan: AnnualPlan, seed: String) -> Spec {
    var departments: [String: DepartmentRef] = [:]
    for entry in plan.items { departments[entry.department.code] = entry.department }
    return Spec(
      year: plan.year, seed: seed, classes: plan.classes, maxVisits: plan.maxVisits,
      inspectorsPerVisit: plan.inspectorsPerVisit,
      departments: departments.values.sorted { bytesPrecede($0.code, $1.code) },
      tasks: plan.tasks.map { task in
        let requires = Dictionary(uniqueKeysWithValues: task.departments.map { ($0.code, task.requires(of: $0.code)) })
        return TaskSpec(
          id: task.id, title: task.title, kind: task.kind.rawValue, departments: task.departments.map(\.code),
          industries: task.industries, objects: task.objects, sampling: task.sampling, requires: requires)
      })
  }

  /// The id whose ticket ranks inspector `certificate` for target `code` in task `task`.
  public static func inspectorID(task: String, code: String, certificate: String) -> String {
    task + "|" + code + "|" + certificate
  }

  /// Draws every task in plan order. Fails (returns nil, with E0701) when a drawn target cannot be
  /// staffed by some department of its task.
  public static func draw(
    _ spec: Spec, targets: [Directories.Target], targetsFingerprint: Directories.Fingerprint,
    inspectors: [Directories.Inspector], inspectorsFingerprint: Directories.Fingerprint
  ) -> (Result?, [Diagnostic]) {
    let seedHash = Tickets.seedHash(spec.seed)
    let issuer = TicketIssuer(seedHash: seedHash)
    var visitsSoFar: [String: Int] = [:]
    var byIndustry: [String: [Int]] = [:]
    var byLabel: [String: [Int]] = [:]
    for (index, target) in targets.enumerated() {
      byIndustry[target.industry, default: []].append(index)
      for label in Set([target.industry] + target.tags) { byLabel[label, default: []].append(index) }
    }
    var diagnostics: [Diagnostic] = []
    var draws: [TaskDraw] = []
    for task in spec.tasks {
      // The population: rows of the task's industries (a bundle), or whose 行业 or 标签 names an
      // object type of its items (a single task).
      var indices = Set<Int>()
      if task.kind == "joint" {
        for industry in task.industries { indices.formUnion(byIndustry[industry] ?? []) }
      } else {
        for object in task.objects { indices.formUnion(byLabel[object] ?? []) }
      }
      let population = indices.sorted().map { targets[$0] }
      let index = Dictionary(uniqueKeysWithValues: population.map { ($0.code, $0) })
      let sampled = Sampler.draw(
        task: task.id, sampling: task.sampling, classes: spec.classes,
        population: population.map { Sampler.Member(code: $0.code, riskClass: $0.riskClass) }, issuer: issuer,
        maxVisits: spec.maxVisits, visits: &visitsSoFar)

      // Inspectors: per department, the eligible ones and a balanced load.
      var visits: [Visit] = sampled.selected.map { Visit(target: index[$0.member.code]!, ticket: $0.ticket, inspectors: []) }
      for department in task.departments {
        let required = Set(task.requires[department] ?? [])
        // Indices, not copies: an inspector is a large value, and this loop runs per target.
        let eligible = inspectors.indices.filter {
          inspectors[$0].department == department && inspectors[$0].certificate != nil
            && required.isSubset(of: inspectors[$0].specialties)
        }
        let needed = visits.count * spec.inspectorsPerVisit
        let limit = eligible.isEmpty ? 0 : (needed + eligible.count - 1) / eligible.count
        var load = [Int](repeating: 0, count: eligible.count)
        var ranked: [(key: UInt64, slot: Int)] = []
        for visitIndex in visits.indices {
          let code = visits[visitIndex].target.code
          // Rank by the tickets' keys, hashed without building ids or digests; a full ticket is
          // made only for a tie and for the officers chosen.
          ranked.removeAll(keepingCapacity: true)
          for (slot, index) in eligible.enumerated()
          where inspectors[index].recusals.isEmpty || !inspectors[index].recusals.contains(code) {
            ranked.append((issuer.key(joining: task.id, code, inspectors[index].certificate!), slot))
          }
          func ticket(_ slot: Int) -> Ticket {
            issuer.ticket(id: inspectorID(task: task.id, code: code, certificate: inspectors[eligible[slot]].certificate!))
          }
          ranked.sort { left, right in
            left.key != right.key ? left.key < right.key : ticket(left.slot) < ticket(right.slot)
          }
          var chosen: [(inspector: Directories.Inspector, ticket: Ticket)] = []
          for (_, slot) in ranked where chosen.count < spec.inspectorsPerVisit {
            if load[slot] >= limit { continue }
            chosen.append((inspectors[eligible[slot]], ticket(slot)))
            load[slot] += 1
          }
          guard chosen.count == spec.inspectorsPerVisit else {
            let target = visits[visitIndex].target
            diagnostics.append(
              Diagnostic(
                .E0701,
                Text(
                  zh: "任务“\(task.id)”抽中的“\(Shown.text(target.name))”（\(target.code)）无法配足 \(spec.inspectorsPerVisit) 名“\(department)”的执法人员（只有 \(chosen.count) 名可用）",
                  en: "task '\(task.id)': '\(Shown.text(target.name))' (\(target.code)) cannot get \(spec.inspectorsPerVisit) inspectors of '\(department)' (\(chosen.count) available)"),
                at: target.span,
                help: Text(
                  zh: "在执法检查人员名录中为“\(department)”增加持证、具备专长\(required.isEmpty ? "" : "（\(required.sorted().joined(separator: "、"))）")且不需回避的人员",
                  en: "add certified inspectors of '\(department)'\(required.isEmpty ? "" : " with \(required.sorted().joined(separator: ", "))") who need not recuse themselves")))
            break  // one report per task and department: the rest would say the same
          }
          visits[visitIndex].inspectors += chosen
        }
      }
      draws.append(
        TaskDraw(
          spec: task, population: sampled.population, sampleSize: sampled.sampleSize, visits: visits,
          skipped: sampled.skipped.map { ($0.member.code, $0.ticket) }))
    }
    guard diagnostics.isEmpty else { return (nil, diagnostics) }
    return (
      Result(spec: spec, seedHash: seedHash, targets: targetsFingerprint, inspectors: inspectorsFingerprint, tasks: draws),
      []
    )
  }
}

extension Drawer {
  /// Reads both directories and draws. Directory problems stop the draw before it starts.
  public static func run(_ spec: Spec, targets: SourceFile, inspectors: SourceFile) -> (Result?, [Diagnostic]) {
    let (targetRows, targetsPrint, targetProblems) = Directories.targets(targets, classes: spec.classes)
    let (inspectorRows, inspectorsPrint, inspectorProblems) = Directories.inspectors(inspectors, departments: spec.departments)
    let problems = targetProblems + inspectorProblems
    guard problems.isEmpty else { return (nil, problems) }
    return draw(
      spec, targets: targetRows, targetsFingerprint: targetsPrint, inspectors: inspectorRows,
      inspectorsFingerprint: inspectorsPrint)
  }
}
