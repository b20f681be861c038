/// The checklists `build` writes when an item has check points: `checklists.json` (every item's
/// 检查表 and every bundle's 工作指引), `checklists.csv` (a row per point of an item), `guides.csv` (a
/// row per merged point of a bundle) and `checklists.md` (for review); with a draw, the 一企一表
/// `sheets-YYYY.json/.csv/.md`. Written from the plan and what `Checklists` and `Sheets` made of
/// it; nothing when no item has a point.
extension Documents {
  public static func checklists(_ plan: AnnualPlan, _ checklists: Checklists) -> [File] {
    guard !checklists.isEmpty else { return [] }
    return [
      File(name: "checklists.json", bytes: json { checklistDocument(plan, checklists, &$0) }),
      File(name: "checklists.csv", bytes: CSVWriter.document(header: checklistHeader, rows: checklistRows(checklists))),
      File(name: "guides.csv", bytes: CSVWriter.document(header: guideHeader, rows: guideRows(checklists))),
      File(name: "checklists.md", bytes: Array(checklistMarkdown(plan, checklists).utf8)),
    ]
  }

  /// A document written into a sink, in pieces, as it is laid out: the sheets of a large draw
  /// (a sheet per visit, every point on each) are never whole in memory on their way to a file.
  public struct Streamed {
    public var name: String
    public var write: (ByteSink) throws -> Void
  }

  /// The 一企一表, each written into the sink it is given (`build` hands a file's).
  public static func sheetStreams(_ plan: AnnualPlan, _ made: Sheets.Made, draw: DrawnVisits) -> [Streamed] {
    guard !made.sheets.isEmpty else { return [] }
    let year = plan.year
    return [
      Streamed(name: "sheets-\(year).json") { sink in
        var stream = JSONStream(into: sink)
        sheetDocument(plan, made, draw, &stream)
        try stream.endDocument()
      },
      Streamed(name: "sheets-\(year).csv") { try sheetCSV(made, into: $0) },
      Streamed(name: "sheets-\(year).md") { try sheetMarkdown(plan, made, draw, into: $0) },
    ]
  }

  /// The same in memory.
  public static func sheets(_ plan: AnnualPlan, _ made: Sheets.Made, draw: DrawnVisits) -> [File] {
    sheetStreams(plan, made, draw: draw).map { document in
      File(name: document.name, bytes: MemorySink.collect { try document.write($0) })
    }
  }

  // MARK: - Text forms, shared by CSV and Markdown

  static func basesText(_ bases: [LegalBasis]) -> String { bases.map(\.text).joined(separator: "；") }
  static func methodsText(_ methods: [Method]) -> String {
    methods.map { Method.vocabulary.spelling($0, .zh) }.joined(separator: "、")
  }
  static func answersText(_ answers: [String]) -> String { answers.joined(separator: "、") }
  static func groupTitle(_ group: MergedSheet.Group) -> String { group.department?.name ?? "共同要点" }
  static func departmentsText(_ departments: [DepartmentRef]) -> String { departments.map(\.name).joined(separator: "、") }

  // MARK: - checklists.json

  static func checklistDocument(_ plan: AnnualPlan, _ checklists: Checklists, _ w: inout JSONStream) {
    w.object { w in
      w.field("schema", "choucha/checklists/v1")
      w.field("jurisdiction", plan.jurisdiction)
      w.field("year", plan.year)
      w.key("items")
      w.array { w in
        for list in checklists.items {
          w.object { w in
            w.field("code", list.item.code)
            w.field("name", list.item.name)
            w.key("department")
            department(list.item.department, &w)
            w.key("points")
            w.array { w in
              for (index, point) in list.points.enumerated() {
                w.object { w in
                  w.field("number", index + 1)
                  pointFields(point, &w)
                }
              }
            }
          }
        }
      }
      w.key("guides")
      w.array { w in
        for (task, sheet) in checklists.guides {
          w.object { w in
            w.field("task", task.id)
            w.field("title", task.title)
            w.key("departments")
            taskDepartments(task, &w)
            sheetFields(sheet, &w)
          }
        }
      }
    }
  }

  static func pointFields(_ point: ChecklistPoint, _ w: inout JSONStream) {
    w.field("code", point.code)
    w.field("text", point.text)
    w.key("bases")
    w.array { w in for value in point.bases { basis(value, &w) } }
    w.field("methods", strings: point.methods.map(\.rawValue))
    w.field("answers", strings: point.answers)
    w.field("shared", point.shared)
  }

  static func taskDepartments(_ task: InspectionTask, _ w: inout JSONStream) {
    w.array { w in
      for department in task.departments {
        w.object { w in
          w.field("code", department.code)
          w.field("name", department.name)
          w.field("role", department.code == task.lead.code ? "lead" : "partner")
        }
      }
    }
  }

  /// `groups` and `itemsWithoutPoints` of a merged sheet.
  static func sheetFields(_ sheet: MergedSheet, _ w: inout JSONStream) {
    w.key("groups")
    w.array { w in
      for group in sheet.groups {
        w.object { w in
          w.field("title", groupTitle(group))
          w.key("department")
          if let value = group.department { department(value, &w) } else { w.null() }
          w.key("points")
          w.array { w in
            for merged in group.points {
              w.object { w in
                w.field("number", merged.number)
                pointFields(merged.point, &w)
                w.field("departments", strings: merged.departments.map(\.code))
                w.field("items", strings: merged.items)
              }
            }
          }
        }
      }
    }
    w.key("itemsWithoutPoints")
    w.array { w in
      for entry in sheet.itemsWithoutPoints {
        w.object { w in
          w.field("code", entry.code)
          w.field("name", entry.name)
          w.field("department", entry.department.code)
          w.field("content", entry.item.content?.value)
        }
      }
    }
  }

  // MARK: - checklists.csv, guides.csv

  static let checklistHeader = ["事项编码", "抽查事项", "检查主体", "序号", "要点编码", "检查要点", "检查依据", "检查方式", "答案选项", "共享要点"]

  static func pointCells(_ point: ChecklistPoint) -> [String] {
    [point.code ?? "", point.text, basesText(point.bases), methodsText(point.methods), answersText(point.answers)]
  }

  static func checklistRows(_ checklists: Checklists) -> [[String]] {
    checklists.items.flatMap { list in
      list.points.enumerated().map { index, point in
        [list.item.code, list.item.name, list.item.department.name, String(index + 1)] + pointCells(point)
          + [point.shared ? "是" : "否"]
      }
    }
  }

  static let guideHeader = [
    "任务编号", "联合抽查任务", "分组", "序号", "要点编码", "检查要点", "检查依据", "检查方式", "答案选项", "涉及部门", "涉及事项",
  ]

  static func mergedCells(_ group: MergedSheet.Group, _ merged: MergedPoint) -> [String] {
    [groupTitle(group), String(merged.number)] + pointCells(merged.point)
      + [departmentsText(merged.departments), merged.items.joined(separator: "、")]
  }

  static func guideRows(_ checklists: Checklists) -> [[String]] {
    checklists.guides.flatMap { task, sheet in
      sheet.groups.flatMap { group in group.points.map { [task.id, task.title] + mergedCells(group, $0) } }
    }
  }

  // MARK: - checklists.md

  static let pointColumns = ["序号", "要点编码", "检查要点", "检查依据", "检查方式", "答案选项"]

  static func checklistMarkdown(_ plan: AnnualPlan, _ checklists: Checklists) -> String {
    var text = "# \(plan.jurisdiction.map { MarkdownWriter.inline($0) + " " } ?? "")\(plan.year) 年检查表与工作指引\n\n"
    text += "\(checklists.items.count) 个事项有检查要点，\(checklists.guides.count) 个联合抽查任务有工作指引。由 `choucha build` 生成，请勿手工修改。\n\n"
    text += "## 检查表\n\n"
    for list in checklists.items {
      text += "### \(MarkdownWriter.inline(list.item.code)) \(MarkdownWriter.inline(list.item.name))\n\n"
      text += "检查主体：\(MarkdownWriter.inline(list.item.department.name))\n\n"
      text += MarkdownWriter.table(
        header: pointColumns + ["共享要点"],
        rows: list.points.enumerated().map { [String($0 + 1)] + pointCells($1) + [$1.shared ? "是" : "否"] })
      text += "\n"
    }
    if !checklists.guides.isEmpty { text += "## 工作指引\n\n" }
    for (task, sheet) in checklists.guides {
      text += "### \(MarkdownWriter.inline(task.id)) \(MarkdownWriter.inline(task.title))\n\n"
      text += sheetMarkdown(task, sheet, level: "####")
    }
    return text
  }

  /// A merged sheet's groups as tables, and the items without points.
  static func sheetMarkdown(_ task: InspectionTask, _ sheet: MergedSheet, level: String) -> String {
    var text = "牵头部门：\(MarkdownWriter.inline(task.lead.name))"
    if !task.partners.isEmpty { text += "；配合部门：\(MarkdownWriter.inline(departmentsText(task.partners)))" }
    text += "。共 \(sheet.points.count) 个要点。\n\n"
    for group in sheet.groups {
      text += "\(level) \(MarkdownWriter.inline(groupTitle(group)))\n\n"
      text += MarkdownWriter.table(
        header: pointColumns + ["涉及部门", "涉及事项"],
        rows: group.points.map { merged in
          [String(merged.number)] + pointCells(merged.point)
            + [departmentsText(merged.departments), merged.items.joined(separator: "、")]
        })
      text += "\n"
    }
    if !sheet.itemsWithoutPoints.isEmpty {
      text += "尚无检查要点的事项（按其抽查内容检查）：\n\n"
      for entry in sheet.itemsWithoutPoints {
        let content = entry.item.content.map { "：" + MarkdownWriter.inline($0.value) } ?? ""
        text += "- \(MarkdownWriter.inline(entry.code)) \(MarkdownWriter.inline(entry.name))（\(MarkdownWriter.inline(entry.department.name))）\(content)\n"
      }
      text += "\n"
    }
    return text
  }

  // MARK: - sheets-YYYY.json

  static func sheetDocument(_ plan: AnnualPlan, _ made: Sheets.Made, _ draw: DrawnVisits, _ w: inout JSONStream) {
    let names = departmentNames(plan)
    w.object { w in
      w.field("schema", "choucha/sheets/v1")
      w.field("jurisdiction", plan.jurisdiction)
      w.field("year", plan.year)
      w.key("draw")
      w.object { w in
        w.field("seed", draw.seed)
        w.field("seedHash", draw.seedHash)
        w.field("sha256", draw.sha256)
      }
      w.field("visitsWithoutPoints", made.withoutPoints)
      w.key("sheets")
      w.array { w in
        for (index, sheet) in made.sheets.enumerated() {
          w.object { w in
            w.field("number", index + 1)
            w.field("task", sheet.task.id)
            w.field("title", sheet.task.title)
            w.field("kind", sheet.task.kind.rawValue)
            w.field("round", sheet.round.number)
            w.field("rounds", sheet.rounds)
            w.field("id", sheet.round.id)
            w.key("window")
            range(sheet.round.window, &w)
            w.key("enterprise")
            w.object { w in
              w.field("code", sheet.visit.code)
              w.field("name", sheet.visit.name)
              w.field("class", sheet.visit.riskClass)
            }
            w.key("inspectors")
            w.array { w in
              for person in sheet.visit.inspectors {
                w.object { w in
                  w.key("department")
                  department(DepartmentRef(code: person.department, name: names[person.department] ?? person.department), &w)
                  w.field("certificate", person.certificate)
                  w.field("name", person.name)
                }
              }
            }
            w.key("departments")
            taskDepartments(sheet.task, &w)
            sheetFields(sheet.points, &w)
          }
        }
      }
    }
  }

  /// Department code → name, for the inspectors (the draw names their departments by code).
  static func departmentNames(_ plan: AnnualPlan) -> [String: String] {
    var names: [String: String] = [:]
    for task in plan.tasks {
      for department in task.departments { names[department.code] = department.name }
    }
    return names
  }

  // MARK: - sheets-YYYY.csv

  static let sheetHeader = [
    "表号", "任务编号", "抽查任务", "轮次", "开始日期", "结束日期", "统一社会信用代码", "检查对象", "执法检查人员（执法证号）",
    "分组", "序号", "要点编码", "检查要点", "检查依据", "检查方式", "答案选项", "涉及部门", "涉及事项",
  ]

  static func inspectorsText(_ inspectors: [DrawnVisits.Inspector]) -> String {
    inspectors.map { "\($0.name)（\($0.certificate ?? "")）" }.joined(separator: "、")
  }

  /// A row per point of each sheet, row by row into the sink.
  static func sheetCSV(_ made: Sheets.Made, into sink: ByteSink) throws {
    var csv = CSVStream(into: sink, header: sheetHeader)
    for (index, sheet) in made.sheets.enumerated() {
      let head = [
        String(index + 1), sheet.round.id, sheet.task.title, String(sheet.round.number), sheet.round.window.first.description,
        sheet.round.window.last.description, sheet.visit.code, sheet.visit.name, inspectorsText(sheet.visit.inspectors),
      ]
      for group in sheet.points.groups {
        for merged in group.points { csv.row(head + mergedCells(group, merged)) }
      }
    }
    try csv.endDocument()
  }

  // MARK: - sheets-YYYY.md

  /// Sheet by sheet into the sink.
  static func sheetMarkdown(_ plan: AnnualPlan, _ made: Sheets.Made, _ draw: DrawnVisits, into sink: ByteSink) throws {
    let names = departmentNames(plan)
    var output = ByteWriter(into: sink)
    var text = "# \(plan.jurisdiction.map { MarkdownWriter.inline($0) + " " } ?? "")\(plan.year) 年一企一表\n\n"
    text += "共 \(made.sheets.count) 张，依抽取结果（SHA-256 \(draw.sha256)）生成"
    if made.withoutPoints > 0 { text += "；另有 \(made.withoutPoints) 户次的任务尚无检查要点，未制表" }
    text += "。由 `choucha build` 生成，请勿手工修改。\n\n"
    for (index, sheet) in made.sheets.enumerated() {
      output.pending += text.utf8
      output.flushIfFull()
      text = ""
      text += "## \(index + 1). \(MarkdownWriter.inline(sheet.visit.name))（\(MarkdownWriter.inline(sheet.visit.code))）\n\n"
      text += "- 任务：\(MarkdownWriter.inline(sheet.round.id)) \(MarkdownWriter.inline(sheet.task.title))"
      text += sheet.rounds > 1 ? "（第 \(sheet.round.number) 轮，共 \(sheet.rounds) 轮）\n" : "\n"
      text += "- 检查期间：\(sheet.round.window.first) 至 \(sheet.round.window.last)\n"
      var byDepartment: [(String, [DrawnVisits.Inspector])] = []
      for person in sheet.visit.inspectors {
        if let last = byDepartment.indices.last, byDepartment[last].0 == person.department {
          byDepartment[last].1.append(person)
        } else {
          byDepartment.append((person.department, [person]))
        }
      }
      let staff = byDepartment.map { code, people in
        MarkdownWriter.inline(names[code] ?? code) + "：" + MarkdownWriter.inline(inspectorsText(people))
      }
      text += "- 检查人员：\(staff.isEmpty ? "—" : staff.joined(separator: "；"))\n\n"
      text += sheetMarkdown(sheet.task, sheet.points, level: "###")
    }
    output.pending += text.utf8
    try output.finish()
  }
}
