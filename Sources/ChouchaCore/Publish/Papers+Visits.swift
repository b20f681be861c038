/// The papers of a visit: the 《联合抽查通知书》 to a drawn enterprise of a joint task, and its
/// printable 一企一表; and the index of all papers.
extension Papers {
  // MARK: - 联合抽查通知书

  static func notice(_ plan: AnnualPlan, _ entry: Entry, checklists: Checklists, names: [String: String]) -> Paper {
    let task = entry.task
    let sheet = checklists.sheets[task.id]
    var blocks: [Paper.Block] = [
      .paragraph("编号：\(entry.serial)"),
      .paragraph("\(entry.visit.name.isEmpty ? "（名称未登记）" : entry.visit.name)（统一社会信用代码：\(entry.visit.code)）："),
      .paragraph(
        "根据《\(plan.title)》，经从检查对象名录库中公开随机抽取，贵单位被确定为\(task.title)"
          + (entry.rounds > 1 ? "第 \(entry.round.number) 轮" : "") + "的检查对象。现将抽查事项、检查时间、法律后果以及需要准备的工作告知如下。"),
    ]

    blocks.append(.heading("一、抽查事项"))
    blocks.append(
      .table(
        caption: "抽查事项（\(task.items.count) 项）", header: ["序号", "抽查事项", "检查部门", "抽查依据"],
        rows: task.items.enumerated().map { index, item in
          [String(index + 1), item.name, item.department.name, basesByLaw(item.bases)]
        }, numeric: [0]))

    blocks.append(.heading("二、检查部门和检查人员"))
    blocks.append(
      .facts(
        [("牵头部门", task.lead.name), ("配合部门", task.partners.map(\.name).joined(separator: "、"))]
          + inspectorLines(entry.visit, names: names).map { (label: $0.department, value: $0.people) }))
    blocks.append(.paragraph("检查人员由随机抽取产生，各部门检查人员负责本部门抽查事项的检查。"))

    blocks.append(.heading("三、检查时间"))
    blocks.append(.paragraph("\(range(entry.round.window))期间，检查人员将到贵单位实施检查。"))

    blocks.append(.heading("四、需要准备的工作"))
    if let sheet, !sheet.isEmpty {
      blocks.append(.paragraph("请对照下列检查要点，准备相关证照、台账、记录等资料备查："))
      for group in sheet.groups {
        blocks.append(.heading(group.department?.name ?? "共同要点（几个部门共同检查，只查一次）", level: 3))
        blocks.append(.list(group.points.map { "（\($0.number)）\($0.point.text)" }))
      }
      if !sheet.itemsWithoutPoints.isEmpty {
        blocks.append(.heading("其他抽查内容", level: 3))
        blocks.append(.list(sheet.itemsWithoutPoints.map(contentLine)))
      }
    } else {
      blocks.append(.paragraph("请对照下列抽查内容，准备相关证照、台账、记录等资料备查："))
      blocks.append(.list(task.items.map(contentLine)))
    }

    blocks.append(.heading("五、法律后果"))
    let bases = Papers.bases(task, sheet)
    blocks.append(.paragraph("本次抽查依据：" + (bases.isEmpty ? "（规则未写明依据）" : basesByLaw(bases)) + "。"))
    blocks.append(
      .paragraph(
        "抽查结果将于 \(date(entry.round.publishBy)) 前向社会公示，并反馈贵单位。发现违法违规行为的，由检查部门依照上列依据处理。"))

    // The contact and the seal with the date: one block, never split across two printed pages.
    blocks.append(
      .together([
        .paragraph("联系人：\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}联系电话："),
        .closing([
          task.lead.name + "（联合抽查牵头部门，盖章）", "\u{3000}\u{3000}年\u{3000}\u{3000}月\u{3000}\u{3000}日",
        ]),
      ]))
    return Paper(path: entry.noticePath, title: "联合抽查通知书", blocks: blocks, subject: entry.subject, letter: true)
  }

  static func contentLine(_ entry: ItemEntry) -> String {
    "\(entry.name)（\(entry.department.name)）：\(entry.item.content?.value ?? "（未写抽查内容）")"
  }

  // MARK: - 一企一表

  static func enterpriseSheet(
    _ plan: AnnualPlan, _ sheet: Sheets.Sheet, _ entry: Entry, draw: DrawnVisits, names: [String: String]
  ) -> Paper {
    var facts: [(label: String, value: String)] = [
      ("表号", entry.serial),
      ("任务", "\(sheet.task.id) \(sheet.task.title)" + (sheet.rounds > 1 ? "（第 \(sheet.round.number) 轮，共 \(sheet.rounds) 轮）" : "")),
      ("检查期间", range(sheet.round.window)),
      ("检查对象", sheet.visit.name.isEmpty ? "（名称未登记）" : sheet.visit.name),
      ("统一社会信用代码", sheet.visit.code),
    ]
    facts += inspectorLines(sheet.visit, names: names).map { (label: "检查人员（\($0.department)）", value: $0.people) }
    facts.append(("检查日期", "\u{3000}\u{3000}年\u{3000}\u{3000}月\u{3000}\u{3000}日"))
    var blocks: [Paper.Block] = [.facts(facts)]
    blocks.append(.paragraph("在“检查结果”栏勾选一项；不符合的，在“问题描述”栏写明。共 \(sheet.points.points.count) 个要点。"))
    blocks += pointTables(sheet.points, boxes: true)
    blocks.append(.fill("发现的问题及处理意见"))
    var signatures = sheet.task.departments.map { "\($0.name) 执法检查人员（签名）" }
    signatures.append("检查对象负责人（签名）")
    // The enterprise's opinion and every signature: one block, on one printed page.
    blocks.append(.together([.fill("检查对象意见"), .signatures(signatures)]))
    blocks.append(.paragraph("依抽取结果（SHA-256 \(draw.sha256)）制表。检查材料立卷归档，检查结果反馈企业。"))
    return Paper(path: entry.sheetPath, title: "一企一表：\(sheet.task.title)", blocks: blocks, subject: entry.subject)
  }

  // MARK: - The index

  /// The index of the papers: every paper under its task's heading, on one page; above
  /// `Papers.singlePageIndex` papers, one page per lead department (`papers/index-<slug>`, the
  /// slug of the site's department pages) that the index lists with its counts.
  static func indexPapers(_ plan: AnnualPlan, _ papers: [Paper], visits: Visits) -> [Paper] {
    let links = taskLinks(papers)
    // Each task's heading and its papers' links.
    func section(_ index: Int) -> [Paper.Block] {
      let task = plan.tasks[index]
      return [.heading("\(index + 1). \(task.id) \(task.title)", level: 2), .links(links[index + 1] ?? [])]
    }
    var blocks: [Paper.Block] = [
      .paragraph(
        "每个任务的实施方案、联合抽查任务的工作指引，以及抽取结果中每户的联合抽查通知书和一企一表，均由规则和抽取结果生成：HTML 可直接打印（A4），Markdown 供审阅。")
    ]
    if visits.entries.isEmpty { blocks.append(.paragraph("尚无抽取结果：没有通知书和一企一表。")) }
    let title = "\(plan.year)年抽查文书"
    guard papers.count > Papers.singlePageIndex else {
      return [Paper(path: "papers/index", title: title, blocks: blocks + plan.tasks.indices.flatMap(section))]
    }
    var order: [DepartmentRef] = []
    var byDepartment: [String: [Int]] = [:]
    for (index, task) in plan.tasks.enumerated() {
      if byDepartment[task.lead.code] == nil { order.append(task.lead) }
      byDepartment[task.lead.code, default: []].append(index)
    }
    let slugs = Site.slugs(order.map(\.code))
    blocks.append(.paragraph("文书超过 \(Papers.singlePageIndex) 份，按任务的牵头部门分页："))
    var pages: [Paper] = []
    var entries: [(href: String, label: String)] = []
    for department in order {
      let slug = slugs[department.code] ?? "d0"
      let tasks = byDepartment[department.code] ?? []
      let count = tasks.reduce(0) { $0 + (links[$1 + 1]?.count ?? 0) }
      entries.append(("index-\(slug).html", "\(department.name)（\(tasks.count) 个任务，\(count) 份文书）"))
      pages.append(
        Paper(
          path: "papers/index-\(slug)", title: "\(title)：\(department.name)",
          blocks: [.paragraph("\(department.name)牵头的抽查任务的文书。")] + tasks.flatMap(section)))
    }
    blocks.append(.links(entries))
    return [Paper(path: "papers/index", title: title, blocks: blocks)] + pages
  }

  /// Each paper's link under its task (its place in the plan, 1-based): papers/<kind>/<n>… → n.
  static func taskLinks(_ papers: [Paper]) -> [Int: [(href: String, label: String)]] {
    var byTask: [Int: [(href: String, label: String)]] = [:]
    for paper in papers {
      let parts = paper.path.split(separator: "/")
      guard parts.count >= 3 else { continue }
      let number: Int?
      switch parts[1] {
      case "tasks": number = Int(parts[2].prefix { $0.isASCII && $0.isNumber })
      default: number = Int(parts[2])
      }
      guard let number else { continue }
      let kind: String
      switch parts[1] {
      case "tasks": kind = "实施方案"
      case "guides": kind = "工作指引"
      case "notices": kind = "联合抽查通知书"
      default: kind = "一企一表"
      }
      byTask[number, default: []].append((String(paper.path.dropFirst("papers/".count)) + ".html", kind + label(paper)))
    }
    return byTask
  }

  /// What tells two papers of a task apart in the index: the enterprise of a notice or a sheet.
  static func label(_ paper: Paper) -> String {
    paper.subject.map { "（\($0)）" } ?? ""
  }
}
