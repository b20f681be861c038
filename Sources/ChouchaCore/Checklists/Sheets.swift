/// 一企一表: one sheet per visit — a drawn enterprise of one round of a task — with the task's
/// merged points (every department that enters together, each point once), the enterprise, its
/// inspectors and the round's dates. Made from the plan, its checklists and a published draw.
public enum Sheets {
  /// One visit's sheet.
  public struct Sheet: Sendable {
    public var task: InspectionTask
    public var round: Round
    /// The task's rounds in the year (its frequency).
    public var rounds: Int
    public var visit: DrawnVisits.Visit
    public var points: MergedSheet
  }

  /// The sheets, in the draw's order (tasks in plan order, enterprises in ticket order), and the
  /// visits of tasks none of whose items has a point (no sheet: their items have only 内容).
  public struct Made: Sendable {
    public var sheets: [Sheet]
    public var withoutPoints: Int
  }

  /// Why a draw does not go with the plan: where in the draw document, what, and how to fix it.
  public struct Problem: Error, Sendable, Equatable {
    public var field: String
    public var message: Text
    public var help: Text
  }

  /// Why `visits` does not go with `plan`, if it does not: a draw of another year, or naming a
  /// task (or round) the plan does not have — a draw made from other rules. `build` refuses such a
  /// draw for the sheets, `check` for the results.
  public static func mismatch(_ plan: AnnualPlan, _ visits: DrawnVisits) -> Problem? {
    guard visits.year == plan.year else {
      return Problem(
        field: "year",
        message: Text(
          zh: "抽取结果是 \(visits.year) 年的，计划是 \(plan.year) 年的", en: "the draw is of \(visits.year), the plan of \(plan.year)"),
        help: Text(
          zh: "给出 \(plan.year) 年的抽取结果（choucha draw 写出的 draw-\(plan.year).json），或用 --year \(visits.year) 构建那一年的计划",
          en: "give the draw of \(plan.year) (the draw-\(plan.year).json choucha draw wrote), or build the plan of \(visits.year) with --year \(visits.year)"))
    }
    let known = Set(plan.tasks.flatMap { $0.rounds.map(\.id) })
    for drawn in visits.tasks where !known.contains(drawn.id) {
      let ids = plan.tasks.flatMap { $0.rounds.map(\.id) }
      let listed = ids.prefix(5).map { Shown.text($0) }.joined(separator: "、") + (ids.count > 5 ? "…" : "")
      return Problem(
        field: drawn.field,
        message: Text(
          zh: "抽取结果的任务“\(Shown.text(drawn.id))”不在 \(plan.year) 年的计划中（计划的任务：\(listed.isEmpty ? "无" : listed)）",
          en: "the draw's task '\(Shown.text(drawn.id))' is not in the plan of \(plan.year) (the plan's tasks: \(listed.isEmpty ? "none" : listed))"),
        help: Text(
          zh: "抽取是按另一版规则做的：给出按当前规则抽取的结果，或把规则改回抽取时的样子",
          en: "the draw was made from other rules: give a draw made from these rules, or restore the rules it was made from"))
    }
    return nil
  }

  /// The sheets of `visits` under `plan`; a problem when the draw does not go with the plan
  /// (`mismatch`).
  public static func make(_ plan: AnnualPlan, _ checklists: Checklists, _ visits: DrawnVisits) -> Result<Made, Problem> {
    if let problem = mismatch(plan, visits) { return .failure(problem) }
    var rounds: [String: (task: InspectionTask, round: Round)] = [:]
    for task in plan.tasks {
      for round in task.rounds { rounds[round.id] = (task, round) }
    }
    var made = Made(sheets: [], withoutPoints: 0)
    made.sheets.reserveCapacity(visits.count)
    for drawn in visits.tasks {
      // `mismatch` found every task in the plan.
      guard let (task, round) = rounds[drawn.id] else { continue }
      guard let points = checklists.sheets[task.id] else {
        made.withoutPoints += drawn.visits.count
        continue
      }
      for visit in drawn.visits {
        made.sheets.append(Sheet(task: task, round: round, rounds: task.rounds.count, visit: visit, points: points))
      }
    }
    return .success(made)
  }
}
