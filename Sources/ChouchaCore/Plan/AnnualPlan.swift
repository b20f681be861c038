/// 年度抽查计划: the annual plan as `build` publishes it — the item list, the tasks with their
/// deadlines, and the summary figures. Emitters read only this.
public struct AnnualPlan: Sendable {
  public var year: Int
  public var title: String
  public var jurisdiction: String?
  public var window: DayRange
  public var classes: [String]
  public var publishWithin: Duration
  public var reportWithin: Duration
  /// 处置时限: the follow-up of a problem is due this long after it was found.
  public var followUpWithin: Duration = Planner.defaultFollowUpWithin
  public var minCoverage: Ratio?
  /// Where the plan gives `最低覆盖率`: the draw's coverage warning is said there.
  public var minCoverageSpan: Span? = nil
  /// 企业基数: enterprises at the end of the previous year, the base of the draw's coverage
  /// (nil: the target directory's rows).
  public var enterpriseBase: Int? = nil
  public var maxVisits: Int?
  public var inspectorsPerVisit: Int
  /// 随机抽查事项清单, ordered by department code, then item code.
  public var items: [ItemEntry]
  /// Joint tasks, then single-department tasks: the order the draw takes them in.
  public var tasks: [InspectionTask]
  public var summary: PlanSummary
}

/// One entry of the published item list, with its references resolved.
public struct ItemEntry: Sendable {
  public var item: Item
  public var department: DepartmentRef
  public var authority: (code: String, name: String)?
  public var bases: [LegalBasis]

  public var code: String { item.header.id.value }
  public var name: String { item.header.title?.value ?? "" }
}

public struct DepartmentRef: Hashable, Sendable {
  public var code: String
  public var name: String
}

/// 抽查依据: a law's code and title, and the article.
public struct LegalBasis: Hashable, Sendable {
  public var law: String
  public var title: String
  public var article: String?

  /// `《中华人民共和国食品安全法》第一百一十条`, as published.
  public var text: String { "《\(title)》" + (article ?? "") }
}

/// How a task samples: a ratio per risk class, a fixed count, or both (a task whose items mix
/// them: the draw takes the ratio, and at least the count).
public struct TaskSampling: Hashable, Sendable {
  /// Class → ratio, in the plan's class order.
  public var ratios: [String: Ratio]
  public var count: Int?
  /// `异常 30%`: the entities on the abnormal-operation list form a stratum of their own with this
  /// ratio, whatever their class; the classes' strata are then the other entities. nil: no such
  /// stratum (every entity is in its class's).
  public var abnormal: Ratio? = nil
}

/// 联合抽查任务 or a single department's task: who goes, what they check, when, and by when the
/// results are reported and published.
public struct InspectionTask: Sendable {
  public enum Kind: String, Sendable {
    case joint, single
  }

  /// Stable: `2024-J-<bundle>` for a bundle, `2024-S-<item>` for an item in no bundle.
  public var id: String
  public var title: String
  public var kind: Kind
  public var lead: DepartmentRef
  public var partners: [DepartmentRef]
  /// The items, grouped by department in `departments` order (lead first).
  public var items: [ItemEntry]
  public var industries: [String]
  public var objects: [String]
  public var window: DayRange
  public var sampling: TaskSampling
  public var frequency: Int
  /// Window end + the plan's `report-within`.
  public var reportBy: Day
  /// The plan's `publish-within`, counted after the window end (the end day not counted).
  public var publishBy: Day
  /// The task drawn `frequency` times: one round per part of the window, each with its own id
  /// and deadlines. A task of frequency 1 has one round, the task itself (its bare id).
  public var rounds: [Round]

  /// Lead first, then partners by code.
  public var departments: [DepartmentRef] { [lead] + partners }

  /// The items one department checks in this task (“分口检查”).
  public func items(of department: String) -> [ItemEntry] {
    items.filter { $0.department.code == department }
  }

  /// The specialties an inspector of `department` needs for this task: all its items require.
  public func requires(of department: String) -> [String] {
    Planner.unique(items(of: department).flatMap { $0.item.requires.map(\.value) })
  }
}

/// One round of a task of frequency N: round k (1-based) has the id `<task>@k` (the bare task id
/// when N is 1) and the k-th of N parts of the task window — with D days in it, days
/// ⌊(k−1)·D/N⌋ to ⌊k·D/N⌋−1 counted from its first day — and its own deadlines, counted from the
/// end of its part like the task's.
public struct Round: Sendable {
  public var number: Int
  public var id: String
  public var window: DayRange
  public var reportBy: Day
  public var publishBy: Day

  /// The id of round `number` of `frequency` of task `task`: `task@number`, or `task` alone when
  /// the task is drawn once. (`@` appears in no code: see Grammar.md.)
  public static func id(task: String, number: Int, of frequency: Int) -> String {
    frequency == 1 ? task : "\(task)@\(number)"
  }

  /// The k-th of `parts` parts of `window` (k from 1): days ⌊(k−1)·D/N⌋ to ⌊k·D/N⌋−1 of its D
  /// days. Empty (last before first) when the window has fewer days than parts, which the checks
  /// refuse (E0305).
  public static func part(_ number: Int, of parts: Int, _ window: DayRange) -> DayRange {
    let days = window.last.ordinal - window.first.ordinal + 1
    let start = (number - 1) * days / parts
    let end = number * days / parts - 1
    return DayRange(Day(ordinal: window.first.ordinal + start), Day(ordinal: window.first.ordinal + end))
  }
}

public struct PlanSummary: Sendable {
  public var tasks: Int
  public var jointTasks: Int
  /// Tasks whose object types are inspected by more than one department.
  public var multiDepartmentTasks: Int
  /// Of those, the joint ones (“部门联合抽查占比”, target 100 %, `CitedDocument.changan2024`).
  public var jointMultiDepartmentTasks: Int
  public var itemsPerDepartment: [(department: DepartmentRef, items: Int)]
  /// Inspection powers of the authority list that are not exempt.
  public var inspectionPowers: Int
  public var coveredPowers: Int
  public var exemptPowers: Int
}

/// A share as published: `87.5%`, one decimal at most, rounded half up; nil when there is
/// nothing to count.
public func percentText(_ part: Int, of whole: Int) -> String? {
  guard whole > 0 else { return nil }
  let tenths = (part * 1000 * 2 + whole) / (whole * 2)
  return tenths % 10 == 0 ? "\(tenths / 10)%" : "\(tenths / 10).\(tenths % 10)%"
}

extension Ratio {
  /// The ratio in percent with as few decimals as it needs: `3%`, `0.2%` (for 2‰), `12.5%`.
  public var canonical: String {
    let negative = perMillion < 0
    let value = abs(perMillion)
    let whole = value / 10_000
    var fraction = String(value % 10_000)
    if value % 10_000 == 0 { return (negative ? "-" : "") + "\(whole)%" }
    fraction = String(repeating: "0", count: 4 - fraction.count) + fraction
    while fraction.hasSuffix("0") { fraction.removeLast() }
    return (negative ? "-" : "") + "\(whole).\(fraction)%"
  }
}
