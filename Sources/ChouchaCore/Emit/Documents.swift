/// The documents `build` publishes, from the annual plan alone: the item list (JSON, CSV,
/// Markdown), the plan and the task sets. Same plan, same bytes.
public enum Documents {
  public struct File: Sendable {
    public var name: String
    public var bytes: [UInt8]
  }

  public static func build(_ plan: AnnualPlan) -> [File] {
    [
      File(name: "items.json", bytes: json(itemList(plan))),
      File(name: "items.csv", bytes: itemsCSV(plan)),
      File(name: "items.md", bytes: Array(itemsMarkdown(plan).utf8)),
      File(name: "plan-\(plan.year).json", bytes: json(planDocument(plan))),
      File(name: "tasks-\(plan.year).json", bytes: json(taskSets(plan))),
    ]
  }

  static func json(_ value: JSON) -> [UInt8] { value.bytes(pretty: true) + [0x0A] }

  // MARK: - The item list

  static func itemList(_ plan: AnnualPlan) -> JSON {
    .object([
      ("schema", .string("choucha/items/v1")),
      ("jurisdiction", plan.jurisdiction.map(JSON.string) ?? .null),
      ("year", .int(plan.year)),
      ("items", .array(plan.items.map(itemJSON))),
    ])
  }

  static func itemJSON(_ entry: ItemEntry) -> JSON {
    let item = entry.item
    return .object([
      ("code", .string(entry.code)),
      ("name", .string(entry.name)),
      ("department", department(entry.department)),
      ("category", item.category.map { .string($0.value.rawValue) } ?? .null),
      ("objects", .array(item.objects.map { .string($0.value) })),
      ("methods", .array(item.methods.map { .string($0.value.rawValue) })),
      ("content", item.content.map { .string($0.value) } ?? .null),
      ("bases", .array(entry.bases.map(basis))),
      ("authority", entry.authority.map { .object([("code", .string($0.code)), ("name", .string($0.name))]) } ?? .null),
      ("sampling", item.sampling.map(sampling) ?? .null),
      ("frequency", item.frequency.map { .int($0.value) } ?? .null),
      ("requires", .array(item.requires.map { .string($0.value) })),
    ])
  }

  static func sampling(_ sampling: Sampling) -> JSON {
    switch sampling {
    case .ratio(let ratio): return .object([("ratio", .string(ratio.value.canonical))])
    case .perClass(let entries, _):
      return .object([("ratios", .object(entries.map { ($0.riskClass.value, .string($0.ratio.value.canonical)) }))])
    case .count(let count): return .object([("count", .int(count.value))])
    }
  }

  static let csvHeader = [
    "序号", "事项编码", "抽查事项", "检查对象", "事项类别", "检查方式", "检查主体", "抽查依据", "抽查内容", "抽查比例", "抽查频次", "权责事项",
  ]

  static func itemsCSV(_ plan: AnnualPlan) -> [UInt8] {
    CSVWriter.document(header: csvHeader, rows: plan.items.enumerated().map { itemRow($1, number: $0 + 1) })
  }

  static func itemsMarkdown(_ plan: AnnualPlan) -> String {
    let title = "# \(plan.jurisdiction.map { $0 + " " } ?? "")\(plan.year) 年随机抽查事项清单\n\n"
    let note = "共 \(plan.items.count) 项。由 `choucha build` 生成，请勿手工修改。\n\n"
    return title + note + MarkdownWriter.table(header: csvHeader, rows: plan.items.enumerated().map { itemRow($1, number: $0 + 1) })
  }

  /// A row as published: the columns of the national template (`001_c76bbbb05f97d70f.txt`:
  /// 抽查项目、抽查依据、抽查主体、抽查内容、执法权限).
  static func itemRow(_ entry: ItemEntry, number: Int) -> [String] {
    let item = entry.item
    return [
      String(number), entry.code, entry.name, item.objects.map(\.value).joined(separator: "、"),
      item.category.map { $0.value == .key ? "重点检查事项" : "一般检查事项" } ?? "",
      item.methods.map { Method.vocabulary.spelling($0.value, .zh) }.joined(separator: "、"), entry.department.name,
      entry.bases.map(\.text).joined(separator: "；"), item.content?.value ?? "", item.sampling.map(samplingText) ?? "",
      item.frequency.map { "\($0.value)次/年" } ?? "",
      entry.authority.map { "\($0.code) \($0.name)" } ?? "",
    ]
  }

  /// `5%`, `A类3%、B类5%…`, `30户`.
  static func samplingText(_ sampling: Sampling) -> String {
    switch sampling {
    case .ratio(let ratio): return ratio.value.canonical
    case .perClass(let entries, _): return entries.map { "\($0.riskClass.value)类\($0.ratio.value.canonical)" }.joined(separator: "、")
    case .count(let count): return "\(count.value)户"
    }
  }

  // MARK: - The plan

  static func planDocument(_ plan: AnnualPlan) -> JSON {
    let summary = plan.summary
    return .object([
      ("schema", .string("choucha/plan/v1")),
      ("jurisdiction", plan.jurisdiction.map(JSON.string) ?? .null),
      ("year", .int(plan.year)),
      ("title", .string(plan.title)),
      ("window", range(plan.window)),
      ("classes", .array(plan.classes.map(JSON.string))),
      ("publishWithin", duration(plan.publishWithin)),
      ("reportWithin", duration(plan.reportWithin)),
      ("minCoverage", plan.minCoverage.map { .string($0.canonical) } ?? .null),
      ("maxVisits", plan.maxVisits.map(JSON.int) ?? .null),
      ("inspectorsPerVisit", .int(plan.inspectorsPerVisit)),
      ("tasks", .array(plan.tasks.map { task in
        .object([
          ("id", .string(task.id)),
          ("title", .string(task.title)),
          ("kind", .string(task.kind.rawValue)),
          ("lead", department(task.lead)),
          ("partners", .array(task.partners.map(department))),
          ("items", .array(task.items.map { .string($0.code) })),
          ("industries", .array(task.industries.map(JSON.string))),
          ("objects", .array(task.objects.map(JSON.string))),
          ("window", range(task.window)),
          ("ratios", ratios(task.sampling, classes: plan.classes)),
          ("count", task.sampling.count.map(JSON.int) ?? .null),
          ("frequency", .int(task.frequency)),
          ("deadlines", deadlines(task)),
        ])
      })),
      ("summary", .object([
        ("tasks", .int(summary.tasks)),
        ("jointTasks", .int(summary.jointTasks)),
        ("singleTasks", .int(summary.tasks - summary.jointTasks)),
        ("multiDepartmentTasks", .int(summary.multiDepartmentTasks)),
        ("jointMultiDepartmentTasks", .int(summary.jointMultiDepartmentTasks)),
        ("jointShare", .string(percentText(summary.jointMultiDepartmentTasks, of: summary.multiDepartmentTasks))),
        ("itemsPerDepartment", .array(summary.itemsPerDepartment.map { entry in
          .object([("code", .string(entry.department.code)), ("name", .string(entry.department.name)), ("items", .int(entry.items))])
        })),
        ("inspectionPowers", .object([
          ("total", .int(summary.inspectionPowers)),
          ("covered", .int(summary.coveredPowers)),
          ("exempt", .int(summary.exemptPowers)),
          ("coverage", .string(percentText(summary.coveredPowers, of: summary.inspectionPowers))),
        ])),
      ])),
    ])
  }

  // MARK: - The task sets

  /// What a joint inspection team needs in hand, per department: the items it checks, their
  /// content, methods, required specialties and legal bases (“分口检查”). The draw reads this.
  static func taskSets(_ plan: AnnualPlan) -> JSON {
    .object([
      ("schema", .string("choucha/tasks/v1")),
      ("jurisdiction", plan.jurisdiction.map(JSON.string) ?? .null),
      ("year", .int(plan.year)),
      ("classes", .array(plan.classes.map(JSON.string))),
      ("inspectorsPerVisit", .int(plan.inspectorsPerVisit)),
      ("maxVisits", plan.maxVisits.map(JSON.int) ?? .null),
      ("tasks", .array(plan.tasks.map { task in
        .object([
          ("id", .string(task.id)),
          ("title", .string(task.title)),
          ("kind", .string(task.kind.rawValue)),
          ("window", range(task.window)),
          ("deadlines", deadlines(task)),
          ("industries", .array(task.industries.map(JSON.string))),
          ("objects", .array(task.objects.map(JSON.string))),
          ("ratios", ratios(task.sampling, classes: plan.classes)),
          ("count", task.sampling.count.map(JSON.int) ?? .null),
          ("frequency", .int(task.frequency)),
          ("departments", .array(task.departments.map { department in
            let items = task.items.filter { $0.department.code == department.code }
            return .object([
              ("code", .string(department.code)),
              ("name", .string(department.name)),
              ("role", .string(department.code == task.lead.code ? "lead" : "partner")),
              ("requires", .array(Planner.unique(items.flatMap { $0.item.requires.map(\.value) }).map(JSON.string))),
              ("items", .array(items.map { entry in
                .object([
                  ("code", .string(entry.code)),
                  ("name", .string(entry.name)),
                  ("content", entry.item.content.map { .string($0.value) } ?? .null),
                  ("methods", .array(entry.item.methods.map { .string($0.value.rawValue) })),
                  ("requires", .array(entry.item.requires.map { .string($0.value) })),
                  ("bases", .array(entry.bases.map(basis))),
                ])
              })),
            ])
          })),
        ])
      })),
    ])
  }

  // MARK: - Pieces

  static func department(_ reference: DepartmentRef) -> JSON {
    .object([("code", .string(reference.code)), ("name", .string(reference.name))])
  }

  static func basis(_ basis: LegalBasis) -> JSON {
    .object([("law", .string(basis.law)), ("title", .string(basis.title)), ("article", basis.article.map(JSON.string) ?? .null)])
  }

  static func range(_ range: DayRange) -> JSON {
    .object([("start", .string(range.first.description)), ("end", .string(range.last.description))])
  }

  static func duration(_ duration: Duration) -> JSON {
    .object([("amount", .int(duration.amount)), ("unit", .string(duration.unit.rawValue))])
  }

  /// Class → ratio in the plan's class order; classes without a ratio are left out.
  static func ratios(_ sampling: TaskSampling, classes: [String]) -> JSON {
    .object(classes.compactMap { riskClass in sampling.ratios[riskClass].map { (riskClass, .string($0.canonical)) } })
  }

  static func deadlines(_ task: InspectionTask) -> JSON {
    .object([("reportBy", .string(task.reportBy.description)), ("publishBy", .string(task.publishBy.description))])
  }
}
