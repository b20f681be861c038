/// “双随机”: draws the targets of every task (`Sampler`) and matches inspectors to them, each by
/// the smallest tickets, so that anyone can re-run the draw from the published seed.
///
/// Here, in the core, what a draw is (its specification and its result, as the documents write
/// and read them); the drawing itself is in ChouchaDraw (`Drawer.run`, `draw`, `match`).
public enum Drawer {
  /// The published algorithm versions. A document names its own, and `verify` re-runs it with
  /// that version's rules: a draw published under v1 stays verifiable byte for byte.
  public enum Algorithm: String, Sendable, CaseIterable {
    /// Matching by ticket with the per-task balanced-load cap `⌈needed / eligible⌉` (can refuse
    /// drawable years: kept only to re-run documents published under it).
    case v1 = "consistent-sampler-sha256-v1"
    /// Matching by the smallest load so far in the draw, then ticket; no cap (README, v2).
    case v2 = "consistent-sampler-sha256-v2"

    /// The document schema written with this algorithm.
    public var schema: String {
      switch self {
      case .v1: return "choucha/draw/v1"
      case .v2: return "choucha/draw/v2"
      }
    }

    /// What new draws use.
    public static let current = Algorithm.v2
  }

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
    /// The algorithm version the draw follows: `current` for a new draw, the document's own in
    /// `verify`.
    public var algorithm: Algorithm = .current
    /// v2: 企业基数, the base of the coverage (nil: the target directory's rows), and the plan's
    /// 最低覆盖率; both recorded in the document.
    public var enterpriseBase: Int? = nil
    public var minCoverage: Ratio? = nil
    /// Where the plan gives 最低覆盖率 (a new draw's warning is said there; not recorded).
    public var minCoverageSpan: Span? = nil
    /// The SHA-256 of the commitment the draw was checked against (`draw --commitment`), if
    /// any: a v2 field of the document.
    public var commitment: String? = nil
  }

  public struct TaskSpec: Sendable {
    public var id: String
    public var title: String
    /// A joint task (its population: its industries) or a single department's (its object types);
    /// the document writes `"joint"` or `"single"`.
    public var kind: InspectionTask.Kind
    /// Lead first.
    public var departments: [String]
    public var industries: [String]
    public var objects: [String]
    public var sampling: TaskSampling
    /// Department → specialties an inspector of it must have for this task.
    public var requires: [String: [String]]
  }

  /// A drawn target with its ticket and inspectors, as the documents publish it.
  public struct Visit: Sendable {
    public var target: Directories.Target
    public var ticket: Ticket
    public var inspectors: [(inspector: Directories.Inspector, ticket: Ticket)]
  }

  /// What the task draws of one result share: the drawn rows, the inspector directory, the issuer.
  package final class Shared: Sendable {
    package let rows: DrawnRows
    package let inspectors: [Directories.Inspector]
    package let issuer: TicketIssuer

    package init(rows: DrawnRows, inspectors: [Directories.Inspector], issuer: TicketIssuer) {
      self.rows = rows
      self.inspectors = inspectors
      self.issuer = issuer
    }
  }

  /// One task's draw, compactly: rows and inspector indices. The tickets are not kept; they are
  /// hashed again where they are written (three hashes a visit cost less than holding 700,000
  /// tickets at ten million rows).
  public struct TaskDraw: Sendable {
    public var spec: TaskSpec
    public var population: [String: Int]
    public var sampleSize: [String: Int]
    /// The drawn targets in ticket order, as rows of `shared.rows`.
    package let targets: [Int32]
    /// The inspectors matched to them, indices into `shared.inspectors`: per target, per
    /// department of the task (lead first), `inspectorsPerVisit` of them in the order chosen.
    package let chosen: [Int32]
    /// Skipped (max-visits), in ticket order, as rows of `shared.rows`.
    package let skippedRows: [Int32]
    package let shared: Shared
    /// The abnormal stratum's population and sample size, when the task has one (`population` and
    /// `sampleSize` then count the other entities by class).
    public var abnormal: (population: Int, sampleSize: Int)?

    package init(
      spec: TaskSpec, population: [String: Int], sampleSize: [String: Int], targets: [Int32], chosen: [Int32],
      skippedRows: [Int32], shared: Shared, abnormal: (population: Int, sampleSize: Int)? = nil
    ) {
      self.abnormal = abnormal
      self.spec = spec
      self.population = population
      self.sampleSize = sampleSize
      self.targets = targets
      self.chosen = chosen
      self.skippedRows = skippedRows
      self.shared = shared
    }

    public var visitCount: Int { targets.count }

    /// The inspectors per target: `chosen.count / targets.count`.
    var inspectorsPerTarget: Int { targets.isEmpty ? 0 : chosen.count / targets.count }

    /// The visits, made whole (targets, tickets, inspectors): for callers of the library and the
    /// tests. The documents read the compact form.
    public var visits: [Visit] {
      let width = inspectorsPerTarget
      return targets.indices.map { index in
        let target = shared.rows.target(targets[index])
        let inspectors = chosen[(index * width)..<((index + 1) * width)].map { slot in
          let inspector = shared.inspectors[Int(slot)]
          let id = inspectorID(task: spec.id, code: target.code, certificate: inspector.certificate ?? "")
          return (inspector: inspector, ticket: shared.issuer.ticket(id: id))
        }
        return Visit(
          target: target, ticket: shared.issuer.ticket(id: Drawer.targetID(task: spec.id, code: target.code)),
          inspectors: inspectors)
      }
    }

    /// The entities skipped because they had been visited max-visits times, with their tickets.
    public var skipped: [(code: String, ticket: Ticket)] {
      skippedRows.map { row in
        let code = shared.rows.target(row).code
        return (code: code, ticket: shared.issuer.ticket(id: Drawer.targetID(task: spec.id, code: code)))
      }
    }
  }

  public struct Result: Sendable {
    public var spec: Spec
    public var seedHash: String
    public var targets: Directories.Fingerprint
    public var inspectors: Directories.Fingerprint
    public var tasks: [TaskDraw]

    package init(
      spec: Spec, seedHash: String, targets: Directories.Fingerprint, inspectors: Directories.Fingerprint, tasks: [TaskDraw]
    ) {
      self.spec = spec
      self.seedHash = seedHash
      self.targets = targets
      self.inspectors = inspectors
      self.tasks = tasks
    }
  }

  /// The draw specification of an annual plan.
  public static func spec(_ plan: AnnualPlan, seed: String) -> Spec {
    var departments: [String: DepartmentRef] = [:]
    for entry in plan.items { departments[entry.department.code] = entry.department }
    var spec = Spec(
      year: plan.year, seed: seed, classes: plan.classes, maxVisits: plan.maxVisits,
      inspectorsPerVisit: plan.inspectorsPerVisit,
      departments: departments.values.sorted { bytesPrecede($0.code, $1.code) },
      // A task of frequency N > 1 is drawn as N rounds, `<id>@1` … `<id>@N`, in the task's place
      // and in round order, each with every department of the task (README, rule 3).
      tasks: plan.tasks.flatMap { task in
        let requires = Dictionary(uniqueKeysWithValues: task.departments.map { ($0.code, task.requires(of: $0.code)) })
        return task.rounds.map { round in
          TaskSpec(
            id: round.id, title: task.title, kind: task.kind, departments: task.departments.map(\.code),
            industries: task.industries, objects: task.objects, sampling: task.sampling, requires: requires)
        }
      })
    spec.enterpriseBase = plan.enterpriseBase
    spec.minCoverage = plan.minCoverage
    spec.minCoverageSpan = plan.minCoverageSpan
    return spec
  }

  /// The id whose ticket ranks inspector `certificate` for target `code` in task `task`.
  public static func inspectorID(task: String, code: String, certificate: String) -> String {
    task + "|" + code + "|" + certificate
  }

  /// The bytes a task's ids begin with, `task|`, before the code: what the hot paths hash a
  /// target's id (`Sampler.targetID`) and an inspector's (`inspectorID`) from, in parts.
  package static func idPrefix(task: String) -> [UInt8] {
    Array(targetID(task: task, code: "").utf8)
  }

  /// The bytes an inspector's id ends with after the code, `|certificate` (`inspectorID`).
  package static func idSuffix(certificate: String) -> [UInt8] {
    Array(inspectorID(task: "", code: "", certificate: certificate).utf8.dropFirst())
  }

  /// The id whose ticket ranks target `code` in task `task` (`Sampler.targetID`).
  public static func targetID(task: String, code: String) -> String { task + "|" + code }
}
