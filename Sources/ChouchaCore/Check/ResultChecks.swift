/// Family 09: the results tables (`引入 结果`) against the plan, the published draw and, when the
/// user gives one, a date (`check --as-of`).
///
/// `run(_:)` (E0903–E0907) needs only the rules and runs with every other family. The rest needs
/// what only the command line knows: the draw (E0908, E0915) and the as-of day (E0911–E0917),
/// `run(_:draw:asOf:)`, which `check` calls after compiling, and `build` with its draw and no
/// as-of day (E0908 only: `build` never judges deadlines). Nothing here reads the clock. Deadlines are counted on the official calendar, as `Planner`'s are.
///
/// Every row is resolved once (`Ledger`): its task id to a task of a plan and, for a task drawn
/// several times, to the round its id names or, for the bare task id, the round whose part of the
/// window holds its 检查日期. Lookups are by dictionary: linear in the rows.
public enum ResultChecks {
  /// E0903–E0907, E0909.
  static func run(_ program: Program) -> [Diagnostic] {
    guard !program.results.isEmpty else { return [] }
    let ledger = Ledger(program)
    var diagnostics: [Diagnostic] = []
    // One suggestion per distinct unknown id: a typo is usually repeated down a column.
    var suggestions: [String: String?] = [:]
    /// The task and round ids as a trie, built at the first unknown id.
    var index: Suggest.Index?
    var seen: [Key: (row: Int, span: Span)] = [:]
    /// Per task and department, the codes of its items' points (E0909), made at its first row.
    var pointCodes: [String: (list: [String], set: Set<String>)] = [:]
    let tasks = ledger.plans.flatMap(\.tasks)
    let example = (tasks.first { $0.rounds.count > 1 } ?? tasks.first)?.id
    for (position, row) in program.results.enumerated() {
      if let category = row.category, category.value.isProblem, row.actions.isEmpty {
        diagnostics.append(
          .problemWithoutAction(Located(ResultCategory.vocabulary.entry(category.value).chinese, category.span), row: row.row))
      }
      /// E0907: a second row of one task round (or assigned task), entity and department.
      func repeated(in round: String, shown: String) {
        // A row whose department could not be read (E0602, E0101) is no repeat of another such row.
        guard let department = row.department?.value else { return }
        let key = Key(round: round, entity: row.entity.value, department: department)
        if let first = seen[key] {
          diagnostics.append(
            .duplicateResult(row.entity, row: row.row, firstRow: first.row, first: first.span, task: shown, department: department))
        } else {
          seen[key] = (row.row, row.entity.span)
        }
      }
      // 上级交办: a task of the assigning authority, not of the plan; only repeats are checked
      // here (its dates are read and, as of a day, held to it like any row's).
      if !row.isPlanned {
        if row.isAssigned { repeated(in: Self.assignedKey + row.task.value, shown: row.task.value) }
        continue
      }
      guard let place = ledger.places[position] else {
        // `<task>@k` with a round the task does not have: its rounds.
        if let at = row.task.value.lastIndex(of: "@"), let place = ledger.byID[String(row.task.value[..<at])] {
          let task = ledger.task(place)
          diagnostics.append(
            .unknownResultTask(row.task, row: row.row, suggestion: nil, example: example, rounds: task.rounds.map(\.id)))
          continue
        }
        let suggestion: String?
        if let known = suggestions[row.task.value] {
          suggestion = known
        } else {
          if index == nil { index = Suggest.Index(ledger.ids) }
          suggestion = index!.closest(to: row.task.value)
          suggestions[row.task.value] = suggestion
        }
        diagnostics.append(.unknownResultTask(row.task, row: row.row, suggestion: suggestion, example: example))
        continue
      }
      let task = ledger.task(place)
      if let department = row.department, !task.departments.contains(where: { $0.code == department.value }) {
        diagnostics.append(
          .departmentNotInTask(department, row: row.row, task: task.id, departments: task.departments.map(\.code)))
      } else if let department = row.department?.value, !row.failedPoints.isEmpty {
        // E0909: the failed points are the department's own in this task, by code.
        let key = task.id + "\u{0}" + department
        let codes = pointCodes[key] ?? Self.pointCodes(of: task.items(of: department))
        pointCodes[key] = codes
        for point in row.failedPoints where !codes.set.contains(point.value) {
          diagnostics.append(
            .failedPointNotInTask(
              point, row: row.row, task: task.id, department: department,
              defined: program.pointCodes[point.value] != nil, suggestion: Suggest.closest(to: point.value, among: codes.list),
              codes: codes.list))
        }
      }
      if let inspected = row.inspected {
        let round = ledger.named(place)
        let window = round?.window ?? task.window
        if !window.contains(inspected.value) {
          diagnostics.append(
            .inspectedOutsideWindow(
              Located(inspected.value.description, inspected.span), row: row.row, task: round?.id ?? task.id,
              window: window.description, isRound: round != nil && task.rounds.count > 1))
        }
      }
      repeated(in: ledger.roundID(place), shown: ledger.roundID(place))
    }
    return diagnostics
  }

  /// What sets an assigned task's id apart from the plan's ids in the keys of E0907: a NUL, which
  /// no cell holds (`Compiler.invisibleCharacters` refuses controls in tables, E0602).
  static let assignedKey = "\u{0}assigned\u{0}"

  /// The point codes of some items, own and shared, in their order, each once.
  static func pointCodes(of items: [ItemEntry]) -> (list: [String], set: Set<String>) {
    var list: [String] = []
    var set = Set<String>()
    for entry in items {
      for point in entry.item.points {
        let code: String?
        switch point {
        case .own(let own): code = own.code?.value
        case .reference(let shared): code = shared.value
        }
        if let code, set.insert(code).inserted { list.append(code) }
      }
    }
    return (list, set)
  }

  /// E0908 with a draw; E0911–E0917 with an as-of day; E0915 with both.
  /// - Parameters:
  ///   - draw: the published draw the results go with, already found to match its plan
  ///     (`Sheets.mismatch`), with the span of the `引入 抽取` that named it, if the rules did.
  ///   - asOf: the day the deadlines are judged on (`check --as-of`).
  public static func run(_ program: Program, draw: (visits: DrawnVisits, site: Span?)?, asOf: Day?) -> [Diagnostic] {
    guard !program.results.isEmpty || (draw != nil && !program.resultImports.isEmpty) else { return [] }
    let ledger = Ledger(program)
    var diagnostics: [Diagnostic] = []
    // Per round id, the codes drawn in it.
    var drawn: [String: Set<String>] = [:]
    if let draw {
      for task in draw.visits.tasks { drawn[task.id, default: []].formUnion(task.visits.map(\.code)) }
      for (index, row) in program.results.enumerated() {
        guard let place = ledger.places[index] else { continue }
        let task = ledger.task(place)
        let rounds = ledger.round(place).map { [$0] } ?? task.rounds
        guard !rounds.contains(where: { drawn[$0.id]?.contains(row.entity.value) ?? false }) else { continue }
        diagnostics.append(.entityNotDrawn(row.entity, row: row.row, task: ledger.roundID(place)))
      }
    }
    guard let asOf else { return diagnostics }
    let calendar = WorkCalendar(program.calendars)
    let shownAsOf = asOf.description
    /// Working days from `due` to `day` (`due` not counted).
    func late(_ day: Day, after due: Day) -> Int { calendar.workingDays(after: due.ordinal, through: day.ordinal) }

    for (index, row) in program.results.enumerated() {
      // E0917: a date after the as-of day; the deadline checks take it as not there yet.
      var future = Set<Column>()
      for (column, date) in [(Column.inspected, row.inspected), (.published, row.published), (.closed, row.closed), (.followUpFrom, row.followUpFrom)] {
        guard let date, date.value > asOf else { continue }
        future.insert(column)
        diagnostics.append(.dateAfterAsOf(Located(date.value.description, date.span), row: row.row, column: column.name, asOf: shownAsOf))
      }
      guard let place = ledger.places[index] else { continue }
      let roundID = ledger.roundID(place)

      // E0911 / W0912: publication, due by the round's (or task's) publishBy.
      let publishBy = ledger.publishBy(place)
      if let published = row.published, !future.contains(.published) {
        if published.value > publishBy {
          diagnostics.append(
            .resultPublishedLate(
              Located(published.value.description, published.span), row: row.row, task: roundID,
              due: publishBy.description, late: late(published.value, after: publishBy)))
        }
      } else if row.published == nil, asOf > publishBy {
        diagnostics.append(
          .resultNotPublished(
            row: row.row, task: roundID, due: publishBy.description, asOf: shownAsOf, overdue: late(asOf, after: publishBy),
            at: row.task.span))
      }

      // E0913 / W0914: the follow-up of a problem, due 处置时限 after it was found.
      guard let within = ledger.followUpWithin[place.plan],
        let (start, due) = ledger.followUpDue(row, place, calendar: calendar, asOf: asOf)
      else { continue }
      let shownWithin = within.shown
      if let closed = row.closed, !future.contains(.closed) {
        if closed.value > due {
          diagnostics.append(
            .followUpClosedLate(
              Located(closed.value.description, closed.span), row: row.row, start: start, within: shownWithin,
              due: due.description, late: late(closed.value, after: due)))
        }
      } else if row.closed == nil, asOf > due {
        diagnostics.append(
          .followUpOpen(
            row: row.row, start: start, within: shownWithin, due: due.description, asOf: shownAsOf,
            overdue: late(asOf, after: due), at: row.actions.first?.span ?? row.category?.span ?? row.task.span))
      }
    }

    // E0915: drawn, the round's report deadline past, and no result in it.
    if let draw, let site = program.resultImports.first?.path.span {
      var recorded = Set<RoundEntity>()
      for (index, row) in program.results.enumerated() {
        guard let place = ledger.places[index] else { continue }
        let task = ledger.task(place)
        for round in ledger.round(place).map({ [$0] }) ?? task.rounds {
          recorded.insert(RoundEntity(round: round.id, entity: row.entity.value))
        }
      }
      for drawnTask in draw.visits.tasks {
        guard let round = ledger.rounds[drawnTask.id], asOf > round.reportBy else { continue }
        for visit in drawnTask.visits where !recorded.contains(RoundEntity(round: drawnTask.id, entity: visit.code)) {
          diagnostics.append(
            .drawnWithoutResult(
              code: visit.code, name: visit.name, task: drawnTask.id, reportBy: round.reportBy.description,
              asOf: shownAsOf, at: site, draw: draw.site))
        }
      }
    }

    // E0916: once the plan window is over, entities with a result ÷ 企业基数, overall and per
    // department of the plan's tasks.
    for (planIndex, plan) in ledger.plans.enumerated() {
      guard asOf > plan.window.last, let minimum = plan.minCoverage, let base = plan.enterpriseBase, base > 0,
        let span = plan.minCoverageSpan
      else { continue }
      var overall = Set<String>()
      var byDepartment: [String: Set<String>] = [:]
      for (index, row) in program.results.enumerated() {
        guard !(row.inspected.map { $0.value > asOf } ?? false) else { continue }
        // An inspection assigned from above counts in the year of its 检查日期 (二（四）: “含本部门
        // 抽取及上级部门下派”); a row of the plan, in its plan's year.
        if row.isAssigned {
          guard row.inspected?.value.year == plan.year else { continue }
        } else {
          guard let place = ledger.places[index], place.plan == planIndex else { continue }
        }
        overall.insert(row.entity.value)
        if let department = row.department?.value { byDepartment[department, default: []].insert(row.entity.value) }
      }
      var departments: [String] = []
      for task in plan.tasks {
        for department in task.departments where !departments.contains(department.code) { departments.append(department.code) }
      }
      departments.sort { bytesPrecede($0, $1) }
      // ⌈ratio × base⌉ entities; a ratio out of range is E0301 already (and cannot overflow here).
      let (product, overflow) = minimum.perMillion.multipliedReportingOverflow(by: Int64(base))
      guard !overflow, product > 0 else { continue }
      let needed = Int(clamping: product / 1_000_000 + (product % 1_000_000 == 0 ? 0 : 1))
      for (department, count) in [(String?.none, overall.count)] + departments.map({ ($0, byDepartment[$0]?.count ?? 0) }) {
        guard count < needed else { continue }
        diagnostics.append(
          .resultCoverageBelowMinimum(
            year: plan.year, department: department, entities: count, base: base,
            coverage: percentText(count, of: base) ?? "0%", minimum: minimum.canonical, more: needed - count, at: span))
      }
    }
    return diagnostics
  }

  /// The date columns E0917 looks at.
  enum Column: Hashable {
    case inspected, published, closed, followUpFrom

    var name: Text {
      switch self {
      case .inspected: return Text(zh: "检查日期", en: "inspection date")
      case .published: return Text(zh: "公示日期", en: "publication date")
      case .closed: return Text(zh: "办结日期", en: "closing date")
      case .followUpFrom: return Text(zh: "处置起算日", en: "follow-up start")
      }
    }
  }

  struct Key: Hashable {
    var round: String
    var entity: String
    var department: String
  }

  struct RoundEntity: Hashable {
    var round: String
    var entity: String
  }

  /// Where a row belongs: a task of a plan and, when known, one of its rounds.
  struct Place {
    var plan: Int
    var task: Int
    /// nil: the bare id of a task drawn several times, with no 检查日期 in any round's part.
    var round: Int?
    /// The id names the round itself (`<task>@k`, or the task drawn once).
    var named: Bool
  }

  /// The plans of the program and where each row belongs.
  struct Ledger {
    var plans: [AnnualPlan] = []
    /// Per plan, its 处置时限 when the plan gives one (none: no follow-up deadline is judged).
    var followUpWithin: [Int: Duration] = [:]
    /// Every task and round id, for “did you mean”.
    var ids: [String] = []
    /// By round id (the task's id for a task drawn once).
    var rounds: [String: Round] = [:]
    /// Per row of `program.results`.
    var places: [Place?] = []
    /// By task and round id.
    var byID: [String: Place] = [:]

    init(_ program: Program) {
      var byID: [String: Place] = [:]
      for source in program.plans {
        guard let plan = Planner.plan(program, year: source.year), plan.window.first <= plan.window.last else { continue }
        // Two plans of one year are E0501; the first is the one planned.
        guard !plans.contains(where: { $0.year == plan.year }) else { continue }
        let planIndex = plans.count
        plans.append(plan)
        if let within = source.followUpWithin?.value { followUpWithin[planIndex] = within }
        for (taskIndex, task) in plan.tasks.enumerated() {
          if byID[task.id] == nil {
            ids.append(task.id)
            byID[task.id] = Place(plan: planIndex, task: taskIndex, round: task.rounds.count == 1 ? 0 : nil, named: task.rounds.count == 1)
          }
          for (roundIndex, round) in task.rounds.enumerated() where task.rounds.count > 1 && byID[round.id] == nil {
            ids.append(round.id)
            byID[round.id] = Place(plan: planIndex, task: taskIndex, round: roundIndex, named: true)
          }
          for round in task.rounds where rounds[round.id] == nil { rounds[round.id] = round }
        }
      }
      self.byID = byID
      places = program.results.map { row in
        guard row.isPlanned, var place = byID[row.task.value] else { return nil }
        if place.round == nil, let inspected = row.inspected?.value {
          place.round = plans[place.plan].tasks[place.task].rounds.firstIndex { $0.window.contains(inspected) }
        }
        return place
      }
    }

    func task(_ place: Place) -> InspectionTask { plans[place.plan].tasks[place.task] }

    /// The day the row's publication is due: its round's (or task's) `publishBy`. The checks
    /// (E0911, W0912) and the figures of `build` (`ResultDocuments`) both judge by it.
    func publishBy(_ place: Place) -> Day { round(place)?.publishBy ?? task(place).publishBy }

    /// The follow-up of a problem row: counted from its 处置起算日, else its 检查日期 (a date after
    /// `asOf` is not there yet), due the plan's 处置时限 after, on the official calendar. nil: not
    /// a problem, no 处置时限, or no start day. E0913, W0914 and the figures of `build` use it.
    func followUpDue(_ row: ResultRow, _ place: Place, calendar: WorkCalendar, asOf: Day?) -> (start: Text, due: Day)? {
      guard let within = followUpWithin[place.plan], row.category?.value.isProblem ?? false else { return nil }
      func known(_ date: Located<Day>?) -> Day? {
        guard let day = date?.value, asOf.map({ day <= $0 }) ?? true else { return nil }
        return day
      }
      let start: (day: Day, text: Text)
      if let from = known(row.followUpFrom) {
        start = (from, Text(zh: "处置起算日 \(from)", en: "the follow-up start \(from)"))
      } else if let inspected = known(row.inspected) {
        start = (inspected, Text(zh: "检查日期 \(inspected)", en: "the inspection on \(inspected)"))
      } else {
        return nil
      }
      return (start.text, calendar.deadline(after: start.day, within).day)
    }

    func round(_ place: Place) -> Round? { place.round.map { task(place).rounds[$0] } }

    /// The round the id names, not one found by the date.
    func named(_ place: Place) -> Round? { place.named ? round(place) : nil }

    /// The round's id, else the task's.
    func roundID(_ place: Place) -> String { round(place)?.id ?? task(place).id }
  }
}

extension Duration {
  /// `20 个工作日` / `20 working days`, for a message.
  var shown: Text {
    unit == .workdays
      ? Text(zh: "\(amount) 个工作日", en: "\(amount) working day\(amount == 1 ? "" : "s")")
      : Text(zh: "\(amount) 日", en: "\(amount) day\(amount == 1 ? "" : "s")")
  }
}
