/// The pages of the plan: the year's index, the item list and a page per department, the plan,
/// and a page per task. Each is `Page.render` around tables and facts made by `HTML`.
extension Site {
  struct Context {
    let input: Site.Input
    let plan: AnnualPlan
    /// The departments of the item list, in its order (by code).
    let departments: [DepartmentRef]
    let slugs: [String: String]
    /// By department code: its items, and its tasks with their place in the plan.
    let itemsOf: [String: [ItemEntry]]
    let tasksOf: [String: [(index: Int, task: InspectionTask)]]
    /// By task place (from 1): its papers (`paperTask`).
    let papersOf: [Int: [Documents.File]]
    let site: String
    let footer: String

    static var navigation: [Page.Link] { Site.navigation }

    init(_ input: Site.Input) {
      self.input = input
      plan = input.plan
      var seen: Set<String> = []
      var departments: [DepartmentRef] = []
      for entry in input.plan.items where seen.insert(entry.department.code).inserted {
        departments.append(entry.department)
      }
      for task in input.plan.tasks {
        for department in task.departments where seen.insert(department.code).inserted { departments.append(department) }
      }
      self.departments = departments
      slugs = Site.slugs(departments.map(\.code))
      itemsOf = Dictionary(grouping: input.plan.items, by: \.department.code)
      var tasksOf: [String: [(index: Int, task: InspectionTask)]] = [:]
      for (index, task) in input.plan.tasks.enumerated() {
        for department in Planner.unique(task.departments.map(\.code)) { tasksOf[department, default: []].append((index, task)) }
      }
      self.tasksOf = tasksOf
      var papersOf: [Int: [Documents.File]] = [:]
      for file in input.papers where file.name.hasSuffix(".html") {
        if let number = Context.paperTask(file.name) { papersOf[number, default: []].append(file) }
      }
      self.papersOf = papersOf
      site = Site.name(input.plan)
      footer = Site.footer(plan: input.plan, tool: input.tool, rulesDigest: input.rulesDigest, ruleFiles: input.ruleFiles)
    }

    func departmentPath(_ code: String) -> String { "departments/\(slugs[code] ?? "d0").html" }
    static func taskPath(_ index: Int) -> String { "tasks/\(index + 1).html" }

    func render(_ title: String, root: String = "", current: String?, _ body: (inout HTML) -> Void) -> [UInt8] {
      Page.render(
        title: title, root: root, site: site, navigation: Context.navigation, current: current, footer: footer,
        manifest: true, body: body)
    }

    var yearTitle: String { "\(plan.jurisdiction ?? "")\(plan.year)年" }

    // MARK: - Text of values

    static func range(_ range: DayRange) -> String { "\(range.first) 至 \(range.last)" }

    static func duration(_ duration: Duration) -> String {
      duration.unit == .workdays ? "\(duration.amount)个工作日" : "\(duration.amount)日"
    }

    /// `A类 3%、B类 5%、经营异常 30%`, `30户`, or both.
    func sampling(_ sampling: TaskSampling) -> String {
      var parts = plan.classes.compactMap { riskClass in sampling.ratios[riskClass].map { "\(riskClass)类 \($0.canonical)" } }
      if let abnormal = sampling.abnormal { parts.append("经营异常 \(abnormal.canonical)") }
      let ratios = parts.joined(separator: "、")
      switch (ratios.isEmpty, sampling.count) {
      case (true, nil): return ""
      case (true, let count?): return "\(count)户"
      case (false, nil): return ratios
      case (false, let count?): return "\(ratios)，且不少于\(count)户"
      }
    }

    static func kind(_ task: InspectionTask) -> String { task.kind == .joint ? "部门联合抽查" : "单部门抽查" }

    static func names(_ departments: [DepartmentRef]) -> String { departments.map(\.name).joined(separator: "、") }

    // MARK: - Index

    func indexPage() -> [UInt8] {
      let summary = plan.summary
      return render("\(yearTitle)“双随机、一公开”监管信息公示", current: "index.html") { html in
        html.element("p", text: "本站公开\(yearTitle)随机抽查事项清单、年度抽查计划和各抽查任务、双随机抽取结果及其核验方法、抽查检查结果。页面不需要联网，也不需要脚本。")
        html.element("h2", text: "年度概况")
        html.facts([
          ("年度计划", plan.title),
          ("检查期间", Context.range(plan.window)),
          ("随机抽查事项", "\(plan.items.count) 项，涉及 \(departments.count) 个部门"),
          ("抽查任务", "\(summary.tasks) 个（部门联合抽查 \(summary.jointTasks) 个，单部门抽查 \(summary.tasks - summary.jointTasks) 个）"),
          ("部门联合抽查占比", percentText(summary.jointMultiDepartmentTasks, of: summary.multiDepartmentTasks).map {
            "\($0)（涉及多个部门的 \(summary.multiDepartmentTasks) 个任务中联合 \(summary.jointMultiDepartmentTasks) 个）"
          } ?? ""),
          ("行政检查事项覆盖", percentText(summary.coveredPowers, of: summary.inspectionPowers).map {
            "\($0)（\(summary.coveredPowers)/\(summary.inspectionPowers)，另有 \(summary.exemptPowers) 项不纳入随机抽查）"
          } ?? ""),
          ("结果公示时限", "检查结束后 \(Context.duration(plan.publishWithin))"),
          ("抽取结果", input.draw.map { "已公布（\($0.visits.count) 户次）" } ?? "尚未公布"),
        ])
        html.element("h2", text: "栏目")
        html.open("ul")
        for (href, label, what) in [
          ("items.html", "随机抽查事项清单", "每个事项的抽查依据、权责事项、检查对象、检查方式、抽查比例和频次，按部门分组"),
          ("plan.html", "年度抽查计划", "计划的各项指标和全部抽查任务"),
          ("draw.html", "双随机抽取结果", "随机种子、名录的 SHA-256、每个任务抽中的检查对象和执法检查人员"),
          ("verify.html", "如何核验抽取结果", "公众、企业和审计部门各自可以核验什么，一步一步怎么做"),
          ("results.html", "抽查检查结果", "已经公示的检查结果"),
        ] + (input.papers.contains { $0.name == "papers/index.html" }
          ? [("papers/index.html", "检查文书", "各任务的实施方案、工作指引、联合抽查通知书和一企一表，可打印")] : []) {
          html.element("li") { html in
            html.link(href, label)
            html.text("：" + what)
          }
        }
        html.close("ul")
        html.element("h2", text: "各部门的抽查事项")
        departmentList(&html, root: "")
        html.element("h2", text: "任务与期限")
        if let latest = plan.tasks.map(\.publishBy).max() {
          html.element("p", text: "最晚的结果公示期限：\(latest)。")
        }
        guard plan.tasks.count <= Site.singlePageTasks else {
          html.element("p", ["class": "note"], text: "任务超过 \(Site.singlePageTasks) 个，各任务的期限见各部门页面列出的任务页面。")
          return
        }
        html.open("table")
        html.element("caption", text: "各抽查任务的检查时间、结果报送和公示期限")
        html.open("thead")
        html.open("tr")
        for heading in ["抽查任务", "类型", "牵头部门", "检查时间", "结果报送期限", "结果公示期限"] {
          html.element("th", ["scope": "col"], text: heading)
        }
        html.close("tr")
        html.close("thead")
        html.open("tbody")
        for (index, task) in plan.tasks.enumerated() {
          html.open("tr")
          html.element("td") { $0.link(Context.taskPath(index), task.title.isEmpty ? task.id : task.title) }
          html.cell(Context.kind(task))
          html.cell(task.lead.name)
          html.cell(Context.range(task.window))
          html.element("td", ["class": "nowrap"], text: task.reportBy.description)
          html.element("td", ["class": "nowrap"], text: task.publishBy.description)
          html.close("tr")
        }
        html.close("tbody")
        html.close("table")
      }
    }

    /// The departments with their item counts, linking their pages.
    func departmentList(_ html: inout HTML, root: String) {
      html.open("ul")
      for department in departments {
        html.element("li") { html in
          html.link(root + departmentPath(department.code), department.name)
          html.text("（事项 \(itemsOf[department.code]?.count ?? 0) 项，任务 \(tasksOf[department.code]?.count ?? 0) 个）")
        }
      }
      html.close("ul")
    }

    // MARK: - Items

    static let itemHeader = ["序号", "事项编码", "抽查事项", "检查对象", "事项类别", "检查方式", "抽查依据", "抽查内容", "抽查比例", "抽查频次", "权责事项"]

    /// The published row of an item without its department (the table is the department's).
    static func itemCells(_ entry: ItemEntry, number: Int) -> [String] {
      var row = Documents.itemRow(entry, number: number)
      row.remove(at: 6)
      return row
    }

    func itemsPage() -> [UInt8] {
      let split = plan.items.count > Site.singlePageItems
      return render("\(yearTitle)随机抽查事项清单", current: "items.html") { html in
        html.element("p", text: "共 \(plan.items.count) 项，涉及 \(departments.count) 个部门。")
        if split {
          html.element(
            "p", ["class": "note"],
            text: "事项超过 \(Site.singlePageItems) 项，清单按部门分页：请选择部门查看该部门的全部事项。")
          departmentList(&html, root: "")
          return
        }
        var number = 0
        for department in departments {
          let items = itemsOf[department.code] ?? []
          guard !items.isEmpty else { continue }
          html.element("h2", text: department.name)
          html.table(
            caption: "\(department.name)的随机抽查事项（\(items.count) 项）", header: Context.itemHeader,
            rows: items.map { entry in
              number += 1
              return Context.itemCells(entry, number: number)
            }, numeric: [0])
        }
      }
    }

    func departmentPage(_ department: DepartmentRef) -> [UInt8] {
      let items = itemsOf[department.code] ?? []
      let tasks = tasksOf[department.code] ?? []
      return render(department.name, root: "../", current: nil) { html in
        html.facts([
          ("部门编码", department.code),
          ("随机抽查事项", "\(items.count) 项"),
          ("参加的抽查任务", "\(tasks.count) 个"),
        ])
        html.element("h2", text: "随机抽查事项")
        html.table(
          caption: "\(department.name)的随机抽查事项（\(items.count) 项）", header: Context.itemHeader,
          rows: items.enumerated().map { Context.itemCells($1, number: $0 + 1) }, numeric: [0])
        html.element("h2", text: "参加的抽查任务")
        if tasks.isEmpty {
          html.element("p", text: "本年度没有该部门的抽查任务。")
        } else {
          html.open("ul")
          for (index, task) in tasks {
            html.element("li") { html in
              html.link("../" + Context.taskPath(index), task.title.isEmpty ? task.id : task.title)
              html.text(task.lead.code == department.code ? "（牵头）" : "（配合）")
            }
          }
          html.close("ul")
        }
      }
    }

    // MARK: - Plan

    func planPage() -> [UInt8] {
      let summary = plan.summary
      return render(plan.title.isEmpty ? "\(yearTitle)抽查工作计划" : plan.title, current: "plan.html") { html in
        html.element("h2", text: "计划要点")
        html.facts([
          ("年度", String(plan.year)),
          ("检查期间", Context.range(plan.window)),
          ("信用风险分类", plan.classes.map { "\($0)类" }.joined(separator: "、")),
          ("每户检查人员", "每个检查部门 \(plan.inspectorsPerVisit) 名执法检查人员"),
          ("同一企业每年最多被抽查", plan.maxVisits.map { "\($0) 次" } ?? ""),
          ("最低覆盖率", plan.minCoverage?.canonical ?? ""),
          ("企业基数", plan.enterpriseBase.map { "\($0) 户" } ?? ""),
          ("结果报送时限", "检查结束后 \(Context.duration(plan.reportWithin))"),
          ("结果公示时限", "检查结束后 \(Context.duration(plan.publishWithin))"),
          ("问题处置时限", "发现问题后 \(Context.duration(plan.followUpWithin))"),
        ])
        html.element("h2", text: "统计")
        html.facts([
          ("抽查任务", "\(summary.tasks) 个（部门联合抽查 \(summary.jointTasks) 个，单部门抽查 \(summary.tasks - summary.jointTasks) 个）"),
          ("部门联合抽查占比", percentText(summary.jointMultiDepartmentTasks, of: summary.multiDepartmentTasks) ?? ""),
          ("行政检查事项覆盖", percentText(summary.coveredPowers, of: summary.inspectionPowers).map {
            "\($0)（\(summary.coveredPowers)/\(summary.inspectionPowers)，豁免 \(summary.exemptPowers) 项）"
          } ?? ""),
        ])
        html.table(
          caption: "各部门的随机抽查事项数", header: ["部门", "事项数"],
          rows: summary.itemsPerDepartment.map { [$0.department.name, String($0.items)] }, numeric: [1])
        html.element("h2", text: "抽查任务")
        guard plan.tasks.count <= Site.singlePageTasks else {
          html.element(
            "p", ["class": "note"], text: "任务超过 \(Site.singlePageTasks) 个，按部门分页：各部门页面列出该部门参加的任务。")
          departmentList(&html, root: "")
          return
        }
        html.open("table")
        html.element("caption", text: "\(plan.year) 年度抽查任务（\(plan.tasks.count) 个）")
        html.open("thead")
        html.open("tr")
        for heading in ["序号", "抽查任务", "类型", "牵头部门", "配合部门", "检查时间", "频次", "抽查比例"] {
          html.element("th", ["scope": "col"], text: heading)
        }
        html.close("tr")
        html.close("thead")
        html.open("tbody")
        for (index, task) in plan.tasks.enumerated() {
          html.open("tr")
          html.element("td", ["class": "num"], text: String(index + 1))
          html.element("td") { $0.link(Context.taskPath(index), task.title.isEmpty ? task.id : task.title) }
          html.cell(Context.kind(task))
          html.cell(task.lead.name)
          html.cell(task.partners.isEmpty ? "—" : Context.names(task.partners))
          html.cell(Context.range(task.window))
          html.element("td", ["class": "num"], text: "\(task.frequency)次")
          let sampling = sampling(task.sampling)
          html.cell(sampling.isEmpty ? "—" : sampling)
          html.close("tr")
        }
        html.close("tbody")
        html.close("table")
      }
    }

    // MARK: - Tasks

    func taskPage(_ task: InspectionTask, index: Int) -> [UInt8] {
      render(task.title.isEmpty ? task.id : task.title, root: "../", current: nil) { html in
        html.element("h2", text: "基本情况")
        html.facts([
          ("任务编号", task.id),
          ("任务类型", Context.kind(task)),
          ("牵头部门", task.lead.name),
          ("配合部门", Context.names(task.partners)),
          ("行业", task.industries.joined(separator: "、")),
          ("检查对象", task.objects.joined(separator: "、")),
          ("检查时间", Context.range(task.window)),
          ("抽查频次", "每年 \(task.frequency) 次"),
          ("抽查比例", sampling(task.sampling)),
          ("每户检查人员", "每个部门 \(plan.inspectorsPerVisit) 名"),
          ("结果报送期限", task.reportBy.description),
          ("结果公示期限", task.publishBy.description),
        ])
        if task.rounds.count > 1 {
          html.table(
            caption: "各轮次的检查时间和期限", header: ["轮次", "编号", "检查时间", "结果报送期限", "结果公示期限"],
            rows: task.rounds.map {
              ["第\($0.number)轮", $0.id, Context.range($0.window), $0.reportBy.description, $0.publishBy.description]
            })
        }
        html.element("h2", text: "检查事项")
        html.table(
          caption: "本任务的检查事项（\(task.items.count) 项，各部门分别检查本部门的事项）",
          header: ["检查部门", "事项编码", "抽查事项", "抽查依据", "检查方式"],
          rows: task.items.map { entry in
            [
              entry.department.name, entry.code, entry.name, entry.bases.map(\.text).joined(separator: "；"),
              entry.item.methods.map { Method.vocabulary.spelling($0.value, .zh) }.joined(separator: "、"),
            ]
          })
        html.element("h2", text: "抽取结果")
        drawnTables(&html, task: task, root: "../")
        html.element("h2", text: "检查文书")
        paperLinks(&html, number: index + 1)
      }
    }

    /// The task (its place, from 1) a paper belongs to, by its path (`Papers`):
    /// `papers/tasks/<n>-plan.html`, `papers/guides/<n>.html`, `papers/notices/<n>/…`,
    /// `papers/sheets/<n>/…`.
    static func paperTask(_ path: String) -> Int? {
      let parts = path.split(separator: "/")
      guard parts.count >= 3, parts[0] == "papers" else { return nil }
      switch parts[1] {
      case "tasks", "guides": return Int(parts[2].prefix { $0.isASCII && $0.isNumber })
      case "notices", "sheets": return parts.count >= 4 ? Int(parts[2]) : nil
      default: return nil
      }
    }

    /// The papers of task `number`: the 实施方案 and 工作指引, then the notices and the sheets,
    /// one link per enterprise, by its file's name (the enterprise's code).
    func paperLinks(_ html: inout HTML, number: Int) {
      let papers = papersOf[number] ?? []
      guard !papers.isEmpty else {
        html.element("p", text: "本任务的检查文书（实施方案、联合抽查通知书、一企一表）尚未生成。")
        return
      }
      html.open("ul")
      for (folder, label) in [("tasks", "实施方案"), ("guides", "工作指引")] {
        for paper in papers where paper.name.hasPrefix("papers/\(folder)/") {
          html.element("li") { $0.link("../" + paper.name, label) }
        }
      }
      for (folder, label) in [("notices", "联合抽查通知书"), ("sheets", "一企一表")] {
        let group = papers.filter { $0.name.hasPrefix("papers/\(folder)/") }
        guard !group.isEmpty else { continue }
        html.element("li") { html in
          html.text("\(label)（\(group.count) 份）：")
          for (place, paper) in group.enumerated() {
            if place > 0 { html.text("、") }
            let stem = String(paper.name.split(separator: "/").last ?? "").dropLast(".html".count)
            html.link("../" + paper.name, String(stem))
          }
        }
      }
      html.close("ul")
    }
  }
}
