/// Turns a checked program into the annual plan of one year: the item list, a joint task per
/// “一业一查” bundle, a single-department task per item in no bundle, deadlines on the official
/// calendar, and the summary figures.
public enum Planner {
  /// Defaults where the plan says nothing: results published within 20 working days
  /// (`CitedDocument.lvyuan2021`, `CitedDocument.linzi2019`), reported within 10 days (`CitedDocument.lvyuan2021`),
  /// two inspectors per visit.
  public static let defaultPublishWithin = Duration(amount: 20, unit: .workdays)
  public static let defaultReportWithin = Duration(amount: 10, unit: .days)
  /// The follow-up of a problem found is due within 20 working days (处置时限) where the plan
  /// says nothing (`CitedDocument.changan2024` 三（三）: 后续处置信息 within 20 working days).
  public static let defaultFollowUpWithin = Duration(amount: 20, unit: .workdays)
  public static let defaultInspectorsPerVisit = 2

  /// - Returns: nil when the program has no plan for `year` (or, without a year, not exactly one).
  public static func plan(_ program: Program, year: Int?) -> AnnualPlan? {
    let candidates = program.plans.filter { year == nil || $0.year == year }
    guard candidates.count == 1 || (year != nil && !candidates.isEmpty), let plan = candidates.first,
      let window = plan.window?.value
    else { return nil }
    let calendar = WorkCalendar(program.calendars)
    let publishWithin = plan.publishWithin?.value ?? defaultPublishWithin
    let reportWithin = plan.reportWithin?.value ?? defaultReportWithin

    func department(_ code: String) -> DepartmentRef {
      DepartmentRef(code: code, name: program.department(code)?.header.title?.value ?? code)
    }
    func entry(_ item: Item) -> ItemEntry {
      let authority = item.authority.flatMap { program.authority($0.value) }
      return ItemEntry(
        item: item, department: department(item.department?.value ?? ""),
        authority: authority.map { ($0.header.id.value, $0.header.title?.value ?? "") },
        bases: item.bases.map { basis in
          LegalBasis(
            law: basis.law.value, title: program.law(basis.law.value)?.header.title?.value ?? basis.law.value,
            article: basis.article?.value)
        })
    }
    let entries = program.items.map(entry).sorted(by: ItemEntry.listOrder)

    func deadlines(_ end: Day) -> (Day, Day) {
      (calendar.deadline(after: end, reportWithin).day, calendar.deadline(after: end, publishWithin).day)
    }
    /// The task's rounds: one per time a year it is drawn, each on its part of the window.
    func rounds(_ task: String, _ window: DayRange, frequency: Int) -> [Round] {
      // A frequency below 1 or above the window's days is refused by the checks (E0305); a
      // plan is still made of what the checks refuse (LSP, fuzzing): at least one round, at
      // most one a day.
      let days = max(1, window.last.ordinal - window.first.ordinal + 1)
      let count = min(max(1, frequency), days)
      return (1...count).map { number in
        let part = Round.part(number, of: count, window)
        let (reportBy, publishBy) = deadlines(part.last)
        return Round(
          number: number, id: Round.id(task: task, number: number, of: count), window: part, reportBy: reportBy,
          publishBy: publishBy)
      }
    }

    var tasks: [InspectionTask] = []
    var bundled = Set<String>()
    let bundles = program.bundles
      .filter { ($0.window?.value ?? window).first.year == plan.year }
      .sorted { lhs, rhs in
        let (left, right) = (lhs.window?.value.first ?? window.first, rhs.window?.value.first ?? window.first)
        return left != right ? left < right : bytesPrecede(lhs.header.id.value, rhs.header.id.value)
      }
    for bundle in bundles {
      let members = bundle.items.compactMap { program.item($0.value) }.map(entry)
      bundled.formUnion(members.map(\.code))
      let lead = department(bundle.lead?.value ?? members.first?.department.code ?? "")
      let partners = Set(members.map(\.department.code)).subtracting([lead.code]).sorted { bytesPrecede($0, $1) }
      let order = [lead.code] + partners
      let grouped = members.sorted { lhs, rhs in
        let (left, right) = (order.firstIndex(of: lhs.department.code)!, order.firstIndex(of: rhs.department.code)!)
        return left != right ? left < right : bytesPrecede(lhs.code, rhs.code)
      }
      let taskWindow = bundle.window?.value ?? window
      let (reportBy, publishBy) = deadlines(taskWindow.last)
      let id = "\(plan.year)-J-\(bundle.header.id.value)"
      let frequency = bundle.frequency?.value ?? grouped.compactMap(\.item.frequency?.value).max() ?? 1
      tasks.append(
        InspectionTask(
          id: id, title: bundle.header.title?.value ?? bundle.header.id.value,
          kind: .joint, lead: lead, partners: partners.map(department), items: grouped,
          industries: bundle.industries.map(\.value), objects: unique(grouped.flatMap { $0.item.objects.map(\.value) }),
          window: taskWindow,
          sampling: bundle.sampling.map { sampling(of: [$0], classes: plan.riskClasses) }
            ?? sampling(of: grouped.compactMap(\.item.sampling), classes: plan.riskClasses),
          frequency: frequency, reportBy: reportBy, publishBy: publishBy,
          rounds: rounds(id, taskWindow, frequency: frequency)))
    }
    for entry in entries where !bundled.contains(entry.code) {
      let (reportBy, publishBy) = deadlines(window.last)
      let id = "\(plan.year)-S-\(entry.code)"
      let frequency = entry.item.frequency?.value ?? 1
      tasks.append(
        InspectionTask(
          id: id, title: entry.name, kind: .single, lead: entry.department, partners: [],
          items: [entry], industries: [], objects: entry.item.objects.map(\.value), window: window,
          sampling: sampling(of: entry.item.sampling.map { [$0] } ?? [], classes: plan.riskClasses),
          frequency: frequency, reportBy: reportBy, publishBy: publishBy, rounds: rounds(id, window, frequency: frequency)))
    }

    return AnnualPlan(
      year: plan.year, title: plan.header.title?.value ?? "", jurisdiction: plan.jurisdiction?.value, window: window,
      classes: plan.riskClasses, publishWithin: publishWithin, reportWithin: reportWithin,
      followUpWithin: plan.followUpWithin?.value ?? defaultFollowUpWithin,
      minCoverage: plan.minCoverage?.value, minCoverageSpan: plan.minCoverage?.span,
      enterpriseBase: plan.enterpriseBase?.value, maxVisits: plan.maxVisits?.value,
      inspectorsPerVisit: plan.inspectorsPerVisit?.value ?? defaultInspectorsPerVisit, items: entries, tasks: tasks,
      summary: summary(program, entries: entries, tasks: tasks))
  }

  /// The highest ratio of each class over the samplings, and the highest count: the one list a
  /// joint task draws meets every department's ratio. When a sampling gives an abnormal stratum,
  /// the task's is the highest of what each sampling asks of an abnormal entity: its abnormal
  /// ratio, or, without one, its highest ratio (an abnormal entity is in one of its classes).
  static func sampling(of samplings: [Sampling], classes: [String]) -> TaskSampling {
    var ratios: [String: Ratio] = [:]
    var count: Int?
    var abnormal: Ratio?
    if samplings.contains(where: { $0.abnormal != nil }) {
      for sampling in samplings {
        let asked: Ratio?
        switch sampling {
        case .ratio(let ratio): asked = ratio.value
        case .perClass(let entries, _):
          asked = sampling.abnormal?.value ?? entries.filter { classes.contains($0.riskClass.value) }.map(\.ratio.value).max()
        case .count: asked = nil
        }
        if let asked, abnormal.map({ asked > $0 }) ?? true { abnormal = asked }
      }
    }
    func raise(_ riskClass: String, _ ratio: Ratio) {
      if let current = ratios[riskClass], current >= ratio { return }
      ratios[riskClass] = ratio
    }
    for sampling in samplings {
      switch sampling {
      case .ratio(let ratio): for riskClass in classes { raise(riskClass, ratio.value) }
      case .perClass(let entries, _):
        for entry in entries where !entry.isAbnormal { raise(entry.riskClass.value, entry.ratio.value) }
      case .count(let value): count = max(count ?? 0, value.value)
      }
    }
    return TaskSampling(ratios: ratios, count: count, abnormal: abnormal)
  }

  static func summary(_ program: Program, entries: [ItemEntry], tasks: [InspectionTask]) -> PlanSummary {
    // Object types that items of more than one department inspect.
    var departmentsByObject: [String: Set<String>] = [:]
    for entry in entries {
      for object in entry.item.objects { departmentsByObject[object.value, default: []].insert(entry.department.code) }
    }
    let shared = Set(departmentsByObject.filter { $0.value.count > 1 }.keys)
    let multi = tasks.filter { task in task.items.contains { $0.item.objects.contains { shared.contains($0.value) } } }
    var perDepartment: [String: (DepartmentRef, Int)] = [:]
    for entry in entries { perDepartment[entry.department.code, default: (entry.department, 0)].1 += 1 }
    let powers = program.authorities.filter { $0.kind?.value == .inspection }
    let covered = Set(program.items.compactMap { $0.authority?.value })
    return PlanSummary(
      tasks: tasks.count, jointTasks: tasks.filter { $0.kind == .joint }.count,
      multiDepartmentTasks: multi.count, jointMultiDepartmentTasks: multi.filter { $0.kind == .joint }.count,
      itemsPerDepartment: perDepartment.values.sorted { bytesPrecede($0.0.code, $1.0.code) }
        .map { (department: $0.0, items: $0.1) },
      inspectionPowers: powers.filter { $0.exempt == nil }.count,
      coveredPowers: powers.filter { $0.exempt == nil && covered.contains($0.header.id.value) }.count,
      exemptPowers: powers.filter { $0.exempt != nil }.count)
  }

  static func unique(_ values: [String]) -> [String] {
    var seen = Set<String>()
    return values.filter { seen.insert($0).inserted }
  }
}

extension ItemEntry {
  /// The item list's order: department code, then item code, compared as bytes.
  static func listOrder(_ lhs: ItemEntry, _ rhs: ItemEntry) -> Bool {
    if bytesPrecede(lhs.department.code, rhs.department.code) { return true }
    if bytesPrecede(rhs.department.code, lhs.department.code) { return false }
    return bytesPrecede(lhs.code, rhs.code)
  }
}
