/// The documents of the results (`引入 结果`), written by `build` for the plan's year:
///
/// - `results-YYYY.csv` / `.json`: the publication (企业名称, 统一社会信用代码, 抽查任务, 抽查事项,
///   检查部门, 检查日期, 检查结果, 后续处置) of the rows that have a 公示日期 — on or before the
///   as-of day when one is given. A row without one is not published: it is the department's record,
///   not yet the public's. 抽查事项 are the items the row's department checks in its task (分口检查),
///   all the task's items when the department could not be read.
/// - `figures-YYYY.json` / `.md`: per task, per department and overall, the entities inspected, the
///   coverage of the plan's 企业基数 (unknown without one, never guessed), the joint share by visits
///   and by entities, the problem-finding rate, the follow-ups open and closed, and — only with an
///   as-of day, null otherwise — the on-time rates of publication and follow-up, judged by the same deadlines as
///   the checks (`ResultChecks.Ledger.publishBy`, `.followUpDue`).
///
/// Nothing here reads the clock: without an as-of day every row counts and no rate in time is
/// given. Rows are taken in `Program.results` order (path, then row); groups in plan order.
public enum ResultDocuments {
  /// The documents, or none when the rules import no results.
  public static func build(_ program: Program, _ plan: AnnualPlan, asOf: Day? = nil) -> [Documents.File] {
    guard !program.resultImports.isEmpty else { return [] }
    let year = plan.year
    let rows = Rows(program, year: year, asOf: asOf)
    let published = rows.entries.filter { entry in
      guard let day = entry.row.published?.value else { return false }
      return asOf.map { day <= $0 } ?? true
    }
    let cells = published.map(csvRow)
    let figures = Figures(rows, plan: plan, asOf: asOf)
    return [
      Documents.File(name: "results-\(year).csv", bytes: CSVWriter.document(header: csvHeader, rows: cells)),
      Documents.File(name: "results-\(year).json", bytes: Documents.json { publication(plan, published, asOf: asOf, &$0) }),
      Documents.File(name: "figures-\(year).json", bytes: Documents.json { figures.json(&$0) }),
      Documents.File(name: "figures-\(year).md", bytes: Array(figures.markdown.utf8)),
    ]
  }

  /// How many rows `build` publishes, and how many it keeps back for want of a 公示日期 (or one
  /// after the as-of day): the line of `build`'s summary.
  public static func counts(_ program: Program, _ plan: AnnualPlan, asOf: Day? = nil) -> (published: Int, held: Int)? {
    guard !program.resultImports.isEmpty else { return nil }
    let rows = Rows(program, year: plan.year, asOf: asOf).entries
    let published = rows.filter { entry in entry.row.published.map { day in asOf.map { day.value <= $0 } ?? true } ?? false }
    return (published.count, rows.count - published.count)
  }

  // MARK: - The rows of the year

  /// A row of the plan's year with where it belongs.
  struct Entry {
    var row: ResultRow
    var place: ResultChecks.Place
    var task: InspectionTask
    var roundID: String
    /// The department's code and name (the task's), when the cell was read.
    var department: DepartmentRef?
  }

  struct Rows {
    var ledger: ResultChecks.Ledger
    /// The official calendar the deadlines are counted on, as the checks count them.
    var calendar: WorkCalendar
    var entries: [Entry] = []
    /// The rows of inspections assigned from above (上级交办) whose 检查日期 is in `year`: no task
    /// of the plan, they count in the coverage.
    var assigned: [ResultRow] = []

    /// The rows whose task is of the plan of `year`. A row of an unknown task is E0904 (an
    /// error: `build` stops before this).
    init(_ program: Program, year: Int, asOf: Day?) {
      ledger = ResultChecks.Ledger(program)
      calendar = WorkCalendar(program.calendars)
      for (index, row) in program.results.enumerated() {
        if row.isAssigned, row.inspected?.value.year == year { assigned.append(row) }
        guard let place = ledger.places[index], ledger.plans[place.plan].year == year else { continue }
        let task = ledger.task(place)
        let department = row.department.map { code in
          task.departments.first { $0.code == code.value } ?? DepartmentRef(code: code.value, name: code.value)
        }
        entries.append(Entry(row: row, place: place, task: task, roundID: ledger.roundID(place), department: department))
      }
    }
  }

  // MARK: - The publication

  static let csvHeader = ["企业名称", "统一社会信用代码", "抽查任务", "抽查事项", "检查部门", "检查日期", "检查结果", "后续处置"]

  /// The items of the row: its department's in the task, or all the task's.
  static func items(_ entry: Entry) -> [ItemEntry] {
    entry.department.map { entry.task.items(of: $0.code) } ?? entry.task.items
  }

  static func csvRow(_ entry: Entry) -> [String] {
    let row = entry.row
    return [
      row.entityName?.value ?? "", row.entity.value, entry.task.title, items(entry).map(\.name).joined(separator: "、"),
      entry.department?.name ?? "", row.inspected?.value.description ?? "",
      row.category.map { ResultCategory.vocabulary.entry($0.value).chinese } ?? "",
      row.actions.map { FollowUpAction.vocabulary.entry($0.value).chinese }.joined(separator: "、"),
    ]
  }

  static func publication(_ plan: AnnualPlan, _ entries: [Entry], asOf: Day?, _ w: inout JSONStream) {
    w.object { w in
      w.field("schema", "choucha/results/v1")
      w.field("jurisdiction", plan.jurisdiction)
      w.field("year", plan.year)
      w.field("asOf", asOf?.description)
      w.key("results")
      w.array { w in
        for entry in entries {
          let row = entry.row
          w.object { w in
            w.field("entityName", row.entityName?.value)
            w.field("entity", row.entity.value)
            w.key("task")
            w.object { w in
              w.field("id", entry.task.id)
              w.field("round", entry.roundID)
              w.field("title", entry.task.title)
            }
            w.key("items")
            w.array { w in
              for item in items(entry) {
                w.object { w in
                  w.field("code", item.code)
                  w.field("name", item.name)
                }
              }
            }
            w.key("department")
            if let department = entry.department { Documents.department(department, &w) } else { w.null() }
            w.field("inspected", row.inspected?.value.description)
            w.key("category")
            if let category = row.category?.value {
              w.object { w in
                w.field("code", category.rawValue)
                w.field("name", ResultCategory.vocabulary.entry(category).chinese)
              }
            } else {
              w.null()
            }
            w.key("actions")
            w.array { w in
              for action in row.actions {
                w.object { w in
                  w.field("code", action.value.rawValue)
                  w.field("name", FollowUpAction.vocabulary.entry(action.value).chinese)
                }
              }
            }
            w.field("published", row.published?.value.description)
          }
        }
      }
    }
  }

  // MARK: - The figures

  /// What is counted for one group of rows (a task, a department, all).
  struct Tally {
    var results = 0
    var visits = Set<Visit>()
    var jointVisits = Set<Visit>()
    var entities = Set<String>()
    var jointEntities = Set<String>()
    var problemEntities = Set<String>()
    /// Entities inspected on tasks assigned from above (上级交办): they count in the coverage only.
    var assignedEntities = Set<String>()
    var problems = 0
    var closed = 0
    /// Publication and follow-up due by the as-of day (or done by it), and of those done in time.
    var publicationDue = 0
    var publicationOnTime = 0
    var followUpDue = 0
    var followUpOnTime = 0
  }

  /// One visit: an entity in a round (the departments of a joint task go together).
  struct Visit: Hashable {
    var round: String
    var entity: String
  }

  struct Figures {
    var plan: AnnualPlan
    var asOf: Day?
    /// Whether the plan gives a 处置时限 (without one no follow-up is due).
    var followUpJudged: Bool
    /// Whether any row is of a task assigned from above (the Markdown then shows their entities).
    var hasAssigned: Bool
    var overall = Tally()
    var tasks: [(task: InspectionTask, tally: Tally)] = []
    var departments: [(department: DepartmentRef, tally: Tally)] = []

    init(_ rows: Rows, plan: AnnualPlan, asOf: Day?) {
      self.plan = plan
      self.asOf = asOf
      let ledger = rows.ledger
      followUpJudged = ledger.plans.firstIndex { $0.year == plan.year }.map { ledger.followUpWithin[$0] != nil } ?? false
      hasAssigned = !rows.assigned.isEmpty
      let counted = Tally.count(rows, rows.entries, assigned: rows.assigned, asOf: asOf)
      overall = counted.overall
      let byTask = counted.byTask
      let byDepartment = counted.byDepartment
      tasks = plan.tasks.map { ($0, byTask[$0.id] ?? Tally()) }
      var seen = Set<String>()
      for task in plan.tasks {
        for department in task.departments where seen.insert(department.code).inserted {
          departments.append((department, byDepartment[department.code] ?? Tally()))
        }
      }
      departments.sort { bytesPrecede($0.department.code, $1.department.code) }
    }

    // MARK: JSON

    func json(_ w: inout JSONStream) {
      w.object { w in
        w.field("schema", "choucha/figures/v1")
        w.field("jurisdiction", plan.jurisdiction)
        w.field("year", plan.year)
        w.field("asOf", asOf?.description)
        w.field("enterpriseBase", plan.enterpriseBase)
        w.field("minCoverage", plan.minCoverage?.canonical)
        w.key("overall")
        group(overall, &w)
        w.key("tasks")
        w.array { w in
          for (task, tally) in tasks {
            w.object { w in
              w.field("id", task.id)
              w.field("title", task.title)
              w.field("kind", task.kind.rawValue)
              fields(tally, &w)
            }
          }
        }
        w.key("departments")
        w.array { w in
          for (department, tally) in departments {
            w.object { w in
              w.field("code", department.code)
              w.field("name", department.name)
              fields(tally, &w)
            }
          }
        }
      }
    }

    func group(_ tally: Tally, _ w: inout JSONStream) {
      w.object { w in fields(tally, &w) }
    }

    func coverage(_ tally: Tally) -> String? {
      plan.enterpriseBase.flatMap { percentText(tally.covered, of: $0) }
    }

    func fields(_ tally: Tally, _ w: inout JSONStream) {
      w.field("results", tally.results)
      w.field("visits", tally.visits.count)
      w.field("entities", tally.entities.count)
      w.field("assignedEntities", tally.assignedEntities.count)
      w.field("coverage", coverage(tally))
      w.field("jointVisits", tally.jointVisits.count)
      w.field("jointShareByVisits", percentText(tally.jointVisits.count, of: tally.visits.count))
      w.field("jointEntities", tally.jointEntities.count)
      w.field("jointShareByEntities", percentText(tally.jointEntities.count, of: tally.entities.count))
      w.field("problemEntities", tally.problemEntities.count)
      w.field("problemRate", percentText(tally.problemEntities.count, of: tally.entities.count))
      w.key("followUps")
      w.object { w in
        w.field("problems", tally.problems)
        w.field("closed", tally.closed)
        w.field("open", tally.problems - tally.closed)
      }
      // Only as of a day (and, for the follow-up, with a 处置时限): otherwise null, never zero.
      w.key("publicationOnTime")
      if asOf != nil { onTime(due: tally.publicationDue, onTime: tally.publicationOnTime, &w) } else { w.null() }
      w.key("followUpOnTime")
      if asOf != nil, followUpJudged { onTime(due: tally.followUpDue, onTime: tally.followUpOnTime, &w) } else { w.null() }
    }

    func onTime(due: Int, onTime: Int, _ w: inout JSONStream) {
      w.object { w in
        w.field("due", due)
        w.field("onTime", onTime)
        w.field("late", due - onTime)
        w.field("rate", percentText(onTime, of: due))
      }
    }

    // MARK: Markdown

    var markdown: String {
      var text = "# \(plan.jurisdiction.map { MarkdownWriter.inline($0) + " " } ?? "")\(plan.year) 年抽查检查结果统计\n\n"
      text += "由 `choucha build` 根据引入的检查结果生成，请勿手工修改。"
      text += asOf.map { "统计截至 \($0)（`--as-of`）。" } ?? "未给出 `--as-of`，不计算按时公示率、按时办结率。"
      text += "\n\n"
      if let base = plan.enterpriseBase {
        text += "企业基数 \(base) 户" + (plan.minCoverage.map { "，最低覆盖率 \($0.canonical)" } ?? "") + "。\n\n"
      } else {
        text += "计划未写企业基数，覆盖率未知（不推算）。\n\n"
      }
      var header = ["范围", "检查户次", "检查户数"] + (hasAssigned ? ["上级交办户数"] : []) + ["覆盖率", "联合检查占比（户次）", "联合检查占比（户数）", "发现问题率", "后续处置（已办结/未办结）"]
      if asOf != nil {
        header.append("按时公示率")
        if followUpJudged { header.append("按时办结率") }
      }
      func row(_ name: String, _ tally: Tally) -> [String] {
        func share(_ part: Int, _ whole: Int) -> String { percentText(part, of: whole).map { "\($0)（\(part)/\(whole)）" } ?? "—" }
        var cells = [name, String(tally.visits.count), String(tally.entities.count)]
        if hasAssigned { cells.append(String(tally.assignedEntities.count)) }
        cells += [
          plan.enterpriseBase.map { share(tally.covered, $0) } ?? "未知",
          share(tally.jointVisits.count, tally.visits.count), share(tally.jointEntities.count, tally.entities.count),
          share(tally.problemEntities.count, tally.entities.count), "\(tally.closed)/\(tally.problems - tally.closed)",
        ]
        if asOf != nil {
          cells.append(share(tally.publicationOnTime, tally.publicationDue))
          if followUpJudged { cells.append(share(tally.followUpOnTime, tally.followUpDue)) }
        }
        return cells
      }
      text += "## 总体\n\n" + MarkdownWriter.table(header: header, rows: [row("全部", overall)])
      text += "\n## 按任务\n\n" + MarkdownWriter.table(header: header, rows: tasks.map { row("\($0.task.title)（\($0.task.id)）", $0.tally) })
      text += "\n## 按部门\n\n"
        + MarkdownWriter.table(header: header, rows: departments.map { row("\($0.department.name)（\($0.department.code)）", $0.tally) })
      return text
    }
  }
}

extension ResultDocuments.Tally {
  /// Counts `entries` (rows of `rows`) overall, per task and per department: the figures of
  /// `build` and the monthly report (`MonthlyReportForm`) are the same counts of different rows.
  /// A row inspected after the as-of day has not happened yet and is left out. A visit is joint
  /// when two or more departments recorded a result of it among `entries`.
  static func count(
    _ rows: ResultDocuments.Rows, _ entries: [ResultDocuments.Entry], assigned: [ResultRow] = [], asOf: Day?
  ) -> (overall: Self, byTask: [String: Self], byDepartment: [String: Self]) {
    let counted = entries.filter { entry in
      guard let asOf, let day = entry.row.inspected?.value else { return true }
      return day <= asOf
    }
    var departmentsOfVisit: [ResultDocuments.Visit: Set<String>] = [:]
    for entry in counted {
      departmentsOfVisit[ResultDocuments.Visit(round: entry.roundID, entity: entry.row.entity.value), default: []]
        .insert(entry.department?.code ?? "")
    }
    var overall = Self()
    var byTask: [String: Self] = [:]
    var byDepartment: [String: Self] = [:]
    for entry in counted {
      let visit = ResultDocuments.Visit(round: entry.roundID, entity: entry.row.entity.value)
      let joint = (departmentsOfVisit[visit]?.count ?? 0) > 1
      overall.add(entry, visit: visit, joint: joint, rows: rows, asOf: asOf)
      byTask[entry.task.id, default: Self()].add(entry, visit: visit, joint: joint, rows: rows, asOf: asOf)
      if let department = entry.department {
        byDepartment[department.code, default: Self()].add(entry, visit: visit, joint: joint, rows: rows, asOf: asOf)
      }
    }
    for row in assigned where !(asOf.map { day in row.inspected.map { $0.value > day } ?? false } ?? false) {
      overall.assignedEntities.insert(row.entity.value)
      if let department = row.department?.value { byDepartment[department, default: Self()].assignedEntities.insert(row.entity.value) }
    }
    return (overall, byTask, byDepartment)
  }

  /// The entities counted in the coverage: inspected in the plan's tasks, or on tasks assigned
  /// from above (二（四）: “含本部门抽取及上级部门下派”).
  var covered: Int { assignedEntities.isEmpty ? entities.count : entities.union(assignedEntities).count }

  /// Counts one row: its visit and entity, a problem and its follow-up, and — as of a day — whether
  /// its publication and follow-up were due and done in time (`Ledger.publishBy`, `.followUpDue`).
  mutating func add(
    _ entry: ResultDocuments.Entry, visit: ResultDocuments.Visit, joint: Bool, rows: ResultDocuments.Rows, asOf: Day?
  ) {
    let row = entry.row
    results += 1
    visits.insert(visit)
    entities.insert(visit.entity)
    if joint {
      jointVisits.insert(visit)
      jointEntities.insert(visit.entity)
    }
    if row.category?.value.isProblem ?? false {
      problems += 1
      problemEntities.insert(visit.entity)
      if let closed = row.closed?.value, asOf.map({ closed <= $0 }) ?? true { self.closed += 1 }
    }
    guard let asOf else { return }
    let publishBy = rows.ledger.publishBy(entry.place)
    if let published = row.published?.value, published <= asOf {
      publicationDue += 1
      if published <= publishBy { publicationOnTime += 1 }
    } else if asOf > publishBy {
      publicationDue += 1
    }
    if let (_, due) = rows.ledger.followUpDue(row, entry.place, calendar: rows.calendar, asOf: asOf) {
      if let closed = row.closed?.value, closed <= asOf {
        followUpDue += 1
        if closed <= due { followUpOnTime += 1 }
      } else if asOf > due {
        followUpDue += 1
      }
    }
  }
}
