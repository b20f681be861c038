/// The fixed wording of the papers follows the published documents that prescribe them (README,
/// 抽查文书, names each by title, issuer, number and clause), but a paper cites only what binds
/// its district: the laws the rules declare (the items' and points' bases) and the plan the rules
/// name (`AnnualPlan.title`). It quotes no other jurisdiction's document. What varies comes from
/// the plan and the draw.
extension Papers {
  // MARK: - 实施方案

  static func implementationPlan(
    _ plan: AnnualPlan, _ task: InspectionTask, number: Int, checklists: Checklists, draw: DrawnVisits?,
    drawn: [DrawnVisits.Task]
  ) -> Paper {
    var blocks: [Paper.Block] = []
    let joint = task.kind == .joint
    blocks.append(
      .paragraph(
        "依据《\(plan.title)》中 \(plan.year) 年度的抽查计划，按照“一项抽查一个方案”的要求，\(joint ? "由牵头部门会同配合部门共同" : "")制定本方案。"
      ))

    blocks.append(.heading("一、抽查任务"))
    var facts: [(label: String, value: String)] = [
      ("任务编号", task.id), ("任务名称", task.title), ("抽查类型", joint ? "部门联合抽查" : "本部门抽查"),
      ("牵头部门", task.lead.name),
    ]
    if joint || !task.partners.isEmpty { facts.append(("配合部门", task.partners.map(\.name).joined(separator: "、"))) }
    facts.append(("行业", task.industries.joined(separator: "、")))
    facts.append(("检查对象", task.objects.joined(separator: "、")))
    blocks.append(.facts(facts))

    blocks.append(.heading("二、抽查事项"))
    blocks.append(
      .table(
        caption: "抽查事项（\(task.items.count) 项）", header: ["序号", "事项编码", "抽查事项", "检查主体", "抽查依据", "抽查内容"],
        rows: task.items.enumerated().map { index, entry in
          [
            String(index + 1), entry.code, entry.name, entry.department.name, basesByLaw(entry.bases),
            entry.item.content?.value ?? "",
          ]
        }, numeric: [0]))

    blocks.append(.heading("三、抽取的比例或数量"))
    var sampling: [[String]] = []
    for riskClass in plan.classes {
      if let ratio = task.sampling.ratios[riskClass] { sampling.append(["\(riskClass)类", ratio.canonical]) }
    }
    if let abnormal = task.sampling.abnormal { sampling.append(["列入经营异常名录", abnormal.canonical]) }
    if let count = task.sampling.count { sampling.append(["不少于（户）", String(count)]) }
    if sampling.isEmpty { sampling.append(["（规则未规定）", ""]) }
    blocks.append(.table(caption: "按信用风险分类抽取的比例", header: ["分类", "比例或数量"], rows: sampling))
    blocks.append(
      .paragraph(
        "从检查对象名录库中随机抽取检查对象，全年抽查 \(task.frequency) 次"
          + (task.rounds.count > 1 ? "（分 \(task.rounds.count) 轮，每轮单独抽取）" : "")
          + (plan.maxVisits.map { "；同一检查对象年度内被检查不超过 \($0) 次" } ?? "") + "。"))
    if let draw, drawn.isEmpty {
      blocks.append(.paragraph("抽取结果（SHA-256 \(draw.sha256)）中没有本任务。"))
    } else if let draw {
      var rows: [[String]] = []
      for drawnTask in drawn {
        var counts: [String: Int] = [:]
        for visit in drawnTask.visits { counts[visit.riskClass, default: 0] += 1 }
        rows.append(
          [drawnTask.id] + plan.classes.map { String(counts[$0] ?? 0) } + [String(drawnTask.visits.count)])
      }
      blocks.append(
        .table(
          caption: "抽取结果：抽中的检查对象（户）", header: ["轮次"] + plan.classes.map { "\($0)类" } + ["合计"], rows: rows,
          numeric: Set(1...(plan.classes.count + 1))))
      blocks.append(.paragraph("抽取结果的种子：\(draw.seed)；抽取结果文件 SHA-256：\(draw.sha256)。"))
    } else {
      blocks.append(.paragraph("抽取的户数以公开抽取的结果为准（尚未抽取）。"))
    }

    blocks.append(.heading("四、参加抽查人员"))
    blocks.append(
      .paragraph(
        "从执法检查人员名录库中随机选派执法检查人员，每户由每个参加部门各选派 \(plan.inspectorsPerVisit) 名，随机匹配检查对象，匹配结果向社会公示。"
          + (joint ? "各部门检查人员负责本部门抽查事项的检查。" : "")))
    blocks.append(
      .table(
        caption: "参加部门", header: ["部门", "职责", "检查事项（项）", "所需专长"],
        rows: task.departments.map { department in
          [
            department.name, role(task, department), String(task.items(of: department.code).count),
            task.requires(of: department.code).joined(separator: "、"),
          ]
        }, numeric: [2]))

    blocks.append(.heading("五、抽查方式"))
    var methods: [Method] = []
    for entry in task.items {
      for method in entry.item.methods.map(\.value) where !methods.contains(method) { methods.append(method) }
    }
    blocks.append(.paragraph("检查方式：\(methods.isEmpty ? "（事项未规定）" : Papers.methods(methods))。"))
    if let sheet = checklists.sheets[task.id] {
      blocks.append(
        .paragraph(
          "按本任务的\(joint ? "工作指引" : "检查表")逐项检查（\(sheet.points.count) 个检查要点），每户填写一张“一企一表”。"))
    }

    blocks.append(.heading("六、抽查实施时间"))
    blocks.append(
      .table(
        caption: "实施时间和时限", header: ["轮次", "实施时间", "结果报告截止", "结果公示截止"],
        rows: task.rounds.map { round in
          [task.rounds.count > 1 ? "第 \(round.number) 轮（\(round.id)）" : round.id, range(round.window), date(round.reportBy), date(round.publishBy)]
        }))
    blocks.append(
      .paragraph("本方案应于 \(date(task.rounds.first?.window.first ?? task.window.first)) 实施前报上一级主管部门和同级人民政府备案。"))

    blocks.append(.heading("七、抽查结果处理"))
    blocks.append(
      .list([
        "结果报告：检查结束后 \(duration(plan.reportWithin)) 内（计划“报告时限”）书面报告检查结果。",
        "结果公示：检查结束后 \(duration(plan.publishWithin)) 内（计划“公示时限”）将抽查结果向社会公示。",
        "后续处置：发现问题的，\(duration(plan.followUpWithin)) 内（计划“处置时限”）办结后续处置。",
        "一企一表：每户的检查材料立卷归档，检查结果反馈企业。",
        "违法违规行为：依照上列抽查依据处理；属于其他部门管辖的，移交有关部门；涉嫌犯罪的，移送司法机关。",
      ]))
    blocks.append(
      .closing(["\(task.departments.map(\.name).joined(separator: "、"))", "\u{3000}\u{3000}年\u{3000}\u{3000}月\u{3000}\u{3000}日"]))
    return Paper(path: "papers/tasks/\(number)-plan", title: "\(task.title)实施方案", blocks: blocks)
  }

  // MARK: - 工作指引

  static func guide(_ plan: AnnualPlan, _ task: InspectionTask, _ sheet: MergedSheet, number: Int) -> Paper {
    var blocks: [Paper.Block] = [
      .facts([
        ("任务编号", task.id), ("牵头部门", task.lead.name), ("配合部门", task.partners.map(\.name).joined(separator: "、")),
        ("实施时间", range(task.window)), ("检查要点", "\(sheet.points.count) 个"),
      ]),
      .paragraph("几个部门同去一户时，同一件事只问一次：两个以上部门都需要的要点列在“共同要点”中，其余按部门列出。"),
    ]
    blocks += pointTables(sheet, boxes: false)
    return Paper(path: "papers/guides/\(number)", title: "\(task.title)工作指引", blocks: blocks)
  }

  /// The groups of a merged sheet as tables (with answer boxes on a form), and its items without points.
  static func pointTables(_ sheet: MergedSheet, boxes: Bool) -> [Paper.Block] {
    var blocks: [Paper.Block] = []
    for group in sheet.groups {
      let title = group.department?.name ?? "共同要点"
      if boxes {
        blocks.append(
          .questions(
            caption: title,
            group.points.map { merged in
              Paper.Question(
                number: String(merged.number), text: merged.point.text, bases: Documents.basesText(merged.point.bases),
                methods: methods(merged.point.methods), answers: merged.point.answers)
            }))
      } else {
        // Who needs a point says something only among the 共同要点: a department's group is its own.
        let shared = group.department == nil
        blocks.append(
          .table(
            caption: title,
            header: ["序号", "检查要点", "检查依据", "检查方式", "答案选项"] + (shared ? ["涉及部门"] : []) + ["涉及事项", "要点编码"],
            rows: group.points.map { merged in
              [
                String(merged.number), merged.point.text, Documents.basesText(merged.point.bases),
                methods(merged.point.methods), merged.point.answers.joined(separator: "、"),
              ] + (shared ? [merged.departments.map(\.name).joined(separator: "、")] : [])
                + [merged.items.joined(separator: "、"), merged.point.code ?? ""]
            }, numeric: [0]))
      }
    }
    if !sheet.itemsWithoutPoints.isEmpty {
      blocks.append(.paragraph("尚无检查要点的事项，按其抽查内容检查："))
      blocks.append(
        .list(
          sheet.itemsWithoutPoints.map { entry in
            "\(entry.code) \(entry.name)（\(entry.department.name)）：\(entry.item.content?.value ?? "（未写抽查内容）")"
          }))
    }
    return blocks
  }
}
