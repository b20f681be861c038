/// The documents `build` publishes, from the annual plan alone: the item list (JSON, CSV,
/// Markdown), the plan and the task sets; when items have check points, the checklists made of
/// the plan (`Checklists`), and with a draw the 一企一表 (`Sheets`). Same plan, same bytes.
public enum Documents {
  public struct File: Sendable {
    public var name: String
    public var bytes: [UInt8]

    public init(name: String, bytes: [UInt8]) {
      self.name = name
      self.bytes = bytes
    }
  }

  /// - Parameters:
  ///   - checklists: the plan's checklists (`Checklists.make`); none, nothing is added.
  ///   - sheets: the 一企一表 of a draw (`Sheets.make`) and the draw it was made from.
  public static func build(
    _ plan: AnnualPlan, checklists: Checklists = .none, sheets: (made: Sheets.Made, draw: DrawnVisits)? = nil
  ) -> [File] {
    // The rows of the published list, shared by the CSV and the Markdown table.
    let rows = plan.items.enumerated().map { itemRow($1, number: $0 + 1) }
    return [
      File(name: "items.json", bytes: json { itemList(plan, &$0) }),
      File(name: "items.csv", bytes: CSVWriter.document(header: csvHeader, rows: rows)),
      File(name: "items.md", bytes: Array(itemsMarkdown(plan, rows: rows).utf8)),
      File(name: "plan-\(plan.year).json", bytes: json { planDocument(plan, &$0) }),
      File(name: "tasks-\(plan.year).json", bytes: json { taskSets(plan, &$0) }),
    ] + Documents.checklists(plan, checklists) + (sheets.map { Documents.sheets(plan, $0.made, draw: $0.draw) } ?? [])
  }

  /// A document written straight into bytes, with a final newline.
  static func json(_ body: (inout JSONStream) -> Void) -> [UInt8] {
    MemorySink.collect { sink in
      var stream = JSONStream(into: sink)
      body(&stream)
      try stream.endDocument()
    }
  }

  // MARK: - The item list

  static func itemList(_ plan: AnnualPlan, _ w: inout JSONStream) {
    w.object { w in
      w.field("schema", "choucha/items/v1")
      w.field("jurisdiction", plan.jurisdiction)
      w.field("year", plan.year)
      w.key("items")
      w.array { w in for entry in plan.items { item(entry, &w) } }
    }
  }

  static func item(_ entry: ItemEntry, _ w: inout JSONStream) {
    let item = entry.item
    w.object { w in
      w.field("code", entry.code)
      w.field("name", entry.name)
      w.key("department")
      department(entry.department, &w)
      w.field("category", item.category?.value.rawValue)
      w.field("objects", strings: item.objects.map(\.value))
      w.field("methods", strings: item.methods.map(\.value.rawValue))
      w.field("content", item.content?.value)
      w.key("bases")
      w.array { w in for value in entry.bases { basis(value, &w) } }
      w.key("authority")
      if let authority = entry.authority {
        w.object { w in
          w.field("code", authority.code)
          w.field("name", authority.name)
        }
      } else {
        w.null()
      }
      w.key("sampling")
      if let value = item.sampling { sampling(value, &w) } else { w.null() }
      w.field("frequency", item.frequency?.value)
      w.field("requires", strings: item.requires.map(\.value))
    }
  }

  static func sampling(_ sampling: Sampling, _ w: inout JSONStream) {
    w.object { w in
      switch sampling {
      case .ratio(let ratio): w.field("ratio", ratio.value.canonical)
      case .perClass(let entries, _):
        w.key("ratios")
        w.object { w in
          for entry in entries where !entry.isAbnormal { w.field(entry.riskClass.value, entry.ratio.value.canonical) }
        }
        // Only when given: the documents of rules without it keep their bytes.
        if let abnormal = sampling.abnormal { w.field("abnormal", abnormal.value.canonical) }
      case .count(let count): w.field("count", count.value)
      }
    }
  }

  static let csvHeader = [
    "序号", "事项编码", "抽查事项", "检查对象", "事项类别", "检查方式", "检查主体", "抽查依据", "抽查内容", "抽查比例", "抽查频次", "权责事项",
  ]

  static func itemsMarkdown(_ plan: AnnualPlan, rows: [[String]]) -> String {
    let title = "# \(plan.jurisdiction.map { MarkdownWriter.inline($0) + " " } ?? "")\(plan.year) 年随机抽查事项清单\n\n"
    let note = "共 \(plan.items.count) 项。由 `choucha build` 生成，请勿手工修改。\n\n"
    return title + note + MarkdownWriter.table(header: csvHeader, rows: rows)
  }

  /// A row as published: the columns of the national template (`CitedDocument.yongzhou2019`:
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
    case .perClass(let entries, _):
      return entries.map { $0.isAbnormal ? "经营异常\($0.ratio.value.canonical)" : "\($0.riskClass.value)类\($0.ratio.value.canonical)" }
        .joined(separator: "、")
    case .count(let count): return "\(count.value)户"
    }
  }

  // MARK: - The plan

  static func planDocument(_ plan: AnnualPlan, _ w: inout JSONStream) {
    let summary = plan.summary
    w.object { w in
      w.field("schema", "choucha/plan/v1")
      w.field("jurisdiction", plan.jurisdiction)
      w.field("year", plan.year)
      w.field("title", plan.title)
      w.key("window")
      range(plan.window, &w)
      w.field("classes", strings: plan.classes)
      w.key("publishWithin")
      duration(plan.publishWithin, &w)
      w.key("reportWithin")
      duration(plan.reportWithin, &w)
      w.field("minCoverage", plan.minCoverage?.canonical)
      w.field("maxVisits", plan.maxVisits)
      w.field("inspectorsPerVisit", plan.inspectorsPerVisit)
      w.key("tasks")
      w.array { w in
        for task in plan.tasks {
          w.object { w in
            w.field("id", task.id)
            w.field("title", task.title)
            w.field("kind", task.kind.rawValue)
            w.key("lead")
            department(task.lead, &w)
            w.key("partners")
            w.array { w in for partner in task.partners { department(partner, &w) } }
            w.field("items", strings: task.items.map(\.code))
            w.field("industries", strings: task.industries)
            w.field("objects", strings: task.objects)
            w.key("window")
            range(task.window, &w)
            sampling(task.sampling, classes: plan.classes, &w)
            w.field("frequency", task.frequency)
            w.key("deadlines")
            deadlines(task, &w)
          }
        }
      }
      w.key("summary")
      w.object { w in
        w.field("tasks", summary.tasks)
        w.field("jointTasks", summary.jointTasks)
        w.field("singleTasks", summary.tasks - summary.jointTasks)
        w.field("multiDepartmentTasks", summary.multiDepartmentTasks)
        w.field("jointMultiDepartmentTasks", summary.jointMultiDepartmentTasks)
        w.field("jointShare", percentText(summary.jointMultiDepartmentTasks, of: summary.multiDepartmentTasks))
        w.key("itemsPerDepartment")
        w.array { w in
          for entry in summary.itemsPerDepartment {
            w.object { w in
              w.field("code", entry.department.code)
              w.field("name", entry.department.name)
              w.field("items", entry.items)
            }
          }
        }
        w.key("inspectionPowers")
        w.object { w in
          w.field("total", summary.inspectionPowers)
          w.field("covered", summary.coveredPowers)
          w.field("exempt", summary.exemptPowers)
          w.field("coverage", percentText(summary.coveredPowers, of: summary.inspectionPowers))
        }
      }
    }
  }

  // MARK: - The task sets

  /// What a joint inspection team needs in hand, per department: the items it checks, their
  /// content, methods, required specialties and legal bases (“分口检查”). The draw reads this.
  static func taskSets(_ plan: AnnualPlan, _ w: inout JSONStream) {
    w.object { w in
      w.field("schema", "choucha/tasks/v1")
      w.field("jurisdiction", plan.jurisdiction)
      w.field("year", plan.year)
      w.field("classes", strings: plan.classes)
      w.field("inspectorsPerVisit", plan.inspectorsPerVisit)
      w.field("maxVisits", plan.maxVisits)
      w.key("tasks")
      w.array { w in
        for task in plan.tasks {
          w.object { w in
            w.field("id", task.id)
            w.field("title", task.title)
            w.field("kind", task.kind.rawValue)
            w.key("window")
            range(task.window, &w)
            w.key("deadlines")
            deadlines(task, &w)
            w.field("industries", strings: task.industries)
            w.field("objects", strings: task.objects)
            sampling(task.sampling, classes: plan.classes, &w)
            w.field("frequency", task.frequency)
            // Drawn more than once a year: its rounds, each drawn as a task of its own id.
            if task.rounds.count > 1 {
              w.key("rounds")
              w.array { w in
                for round in task.rounds {
                  w.object { w in
                    w.field("round", round.number)
                    w.field("id", round.id)
                    w.key("window")
                    range(round.window, &w)
                    w.key("deadlines")
                    w.object { w in
                      w.field("reportBy", round.reportBy.description)
                      w.field("publishBy", round.publishBy.description)
                    }
                  }
                }
              }
            }
            w.key("departments")
            w.array { w in
              for department in task.departments {
                let items = task.items(of: department.code)
                w.object { w in
                  w.field("code", department.code)
                  w.field("name", department.name)
                  w.field("role", department.code == task.lead.code ? "lead" : "partner")
                  w.field("requires", strings: task.requires(of: department.code))
                  w.key("items")
                  w.array { w in
                    for entry in items {
                      w.object { w in
                        w.field("code", entry.code)
                        w.field("name", entry.name)
                        w.field("content", entry.item.content?.value)
                        w.field("methods", strings: entry.item.methods.map(\.value.rawValue))
                        w.field("requires", strings: entry.item.requires.map(\.value))
                        w.key("bases")
                        w.array { w in for value in entry.bases { basis(value, &w) } }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  // MARK: - Pieces

  static func department(_ reference: DepartmentRef, _ w: inout JSONStream) {
    w.object { w in
      w.field("code", reference.code)
      w.field("name", reference.name)
    }
  }

  static func basis(_ basis: LegalBasis, _ w: inout JSONStream) {
    w.object { w in
      w.field("law", basis.law)
      w.field("title", basis.title)
      w.field("article", basis.article)
    }
  }

  static func range(_ range: DayRange, _ w: inout JSONStream) {
    w.object { w in
      w.field("start", range.first.description)
      w.field("end", range.last.description)
    }
  }

  static func duration(_ duration: Duration, _ w: inout JSONStream) {
    w.object { w in
      w.field("amount", duration.amount)
      w.field("unit", duration.unit.rawValue)
    }
  }

  /// A task's `ratios` (class → ratio, in the plan's class order; classes without a ratio left
  /// out), `abnormal` (only when the task has an abnormal stratum) and `count` fields: the plan,
  /// the task sets and the draw write them alike.
  static func sampling(_ sampling: TaskSampling, classes: [String], _ w: inout JSONStream) {
    w.key("ratios")
    w.object { w in
      for riskClass in classes {
        if let ratio = sampling.ratios[riskClass] { w.field(riskClass, ratio.canonical) }
      }
    }
    if let abnormal = sampling.abnormal { w.field("abnormal", abnormal.canonical) }
    w.field("count", sampling.count)
  }

  static func deadlines(_ task: InspectionTask, _ w: inout JSONStream) {
    w.object { w in
      w.field("reportBy", task.reportBy.description)
      w.field("publishBy", task.publishBy.description)
    }
  }
}
