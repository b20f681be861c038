/// `choucha report`: one unit's monthly report form (区有关部门“双随机、一公开”监管工作月报表), the
/// annex of 《2024年石家庄市长安区“双随机、一公开”监管工作实施方案》（长双随机办〔2024〕3号）, laid out
/// as the form is, as CSV (for the spreadsheet it is pasted into) and Markdown.
///
/// What the rules, the draw and the results know is filled from them, counted by the same code as
/// the figures of `build` (`ResultDocuments.Rows`, `Tally.count`):
///
/// - row 4, the unit's own inspections under the annual plan: the rounds of its tasks whose window
///   meets the month (抽查次数); the entities it inspected in the month, by 检查日期, and the visits
///   (数量); the entities with a problem category (发现问题的检查主体数量); the distinct items of
///   those tasks that are the unit's (大项) and their check points (小项); the rows it published in
///   the month, by 公示日期 (结果公示数量);
/// - row 5, 全区本系统: the rules know no sub-units of a department, so the district's system is
///   read as the district's departments: each one that inspected or published in the month, with
///   the same counts, and their total.
///
/// The rest — rows 1–3, the documents that organised the inspections, the website, the contacts —
/// comes from the unit's `月报` declaration for the month; what it does not give is printed
/// `（未填报）`, never guessed. 填表时间 is the as-of day, or left blank: nothing reads the clock.
/// The due dates of the form and of the year's summaries (三（四）) close the document.
public enum MonthlyReportForm {
  /// The heading of the form, as the annex prints it.
  public static let title = "区有关部门“双随机、一公开”监管工作月报表"
  /// What a row the rules say nothing about shows.
  public static let notGiven = "（未填报）"

  /// The two files: `report-YYYY-MM-CODE.csv` and `.md`.
  public static func names(month: YearMonth, department: String) -> [String] {
    let stem = "report-\(month)-\(department)"
    return [stem + ".csv", stem + ".md"]
  }

  /// The form of `department` for `month`, from the plan of the month's year.
  /// - Parameter asOf: the day the form is filled in (填表时间); rows inspected or published after
  ///   it are not counted.
  public static func build(_ program: Program, _ plan: AnnualPlan, department: String, month: YearMonth, asOf: Day?)
    -> [Documents.File]
  {
    let form = Form(program, plan, department: department, month: month, asOf: asOf)
    let names = names(month: month, department: department)
    return [
      Documents.File(name: names[0], bytes: CSVWriter.document(header: ["序号", "项目", "情况"], rows: form.csvRows)),
      Documents.File(name: names[1], bytes: Array(form.markdown.utf8)),
    ]
  }

  /// A due date of the form or of a summary, and whether it is a working day on the calendar.
  public struct DueDate: Sendable {
    public var what: String
    public var day: Day
    public var isWorkingDay: Bool
  }

  /// The due dates of 三（四）: the form of `month` by the 20th of the following month (the document
  /// says “每月20日前将月报表” and names no month; the form reports the whole month, “本月”, so it is
  /// read as the month after), and the year's summaries before 1 April, 20 June, 1 October and 16
  /// December of the plan's year. A day that is not a working day is said so, and not moved: the
  /// document says nothing of moving it.
  public static func dueDates(month: YearMonth, year: Int, calendar: WorkCalendar) -> [DueDate] {
    let next = month.next
    var dates = [("\(month.chinese)月报表", Day(year: next.year, month: next.month, day: 20)!)]
    for (m, d) in [(4, 1), (6, 20), (10, 1), (12, 16)] {
      dates.append(("本部门“双随机、一公开”监管工作总结（\(m)月\(d)日）", Day(year: year, month: m, day: d)!))
    }
    return dates.map { DueDate(what: $0.0, day: $0.1, isWorkingDay: calendar.isWorkingDay($0.1)) }
  }

  struct Form {
    var unit: String
    var code: String
    var month: YearMonth
    var asOf: Day?
    var rows: [(number: String, label: String, value: String)] = []
    var contacts: [(label: String, value: String)] = []
    var dueDates: [DueDate]

    init(_ program: Program, _ plan: AnnualPlan, department code: String, month: YearMonth, asOf: Day?) {
      self.code = code
      self.month = month
      self.asOf = asOf
      unit = program.department(code)?.header.title?.value ?? code
      dueDates = MonthlyReportForm.dueDates(month: month, year: plan.year, calendar: WorkCalendar(program.calendars))
      let declared = program.monthlyReports.first { $0.header.id.value == code && $0.month?.value == month }
      let days = month.days
      func given(_ text: [String]) -> String { text.isEmpty ? MonthlyReportForm.notGiven : text.joined(separator: "\n") }
      func documents(_ entries: [ReportEntry]) -> String {
        given(entries.map { "《\($0.name.value)》" + ($0.number.map { "（\($0.value)）" } ?? "") })
      }

      // Rows 1–3: declared only.
      rows.append(("一", "“双随机、一公开”监管工作安排部署情况", ""))
      rows.append(
        ("1", "本月召开会议部署随机抽查工作情况（注明召开会议的名称及时间）",
          given((declared?.meetings ?? []).map { "\($0.name.value)（\($0.date.map { Self.chinese($0.value) } ?? "")）" })))
      rows.append(("2", "本月印发双随机工作文件情况（注明文件名称及文号）", documents(declared?.documents ?? [])))
      rows.append(
        ("3", "本月组织随机抽查业务培训情况（培训班名称、培训人员数量、及内容）",
          given(
            (declared?.trainings ?? []).map { training in
              [training.name.value, training.people.map { "\($0.value) 人" }, training.content?.value].compactMap { $0 }
                .joined(separator: "，")
            })))
      rows.append(("二", "“双随机、一公开”监管工作开展情况", ""))

      // Row 4: the unit's own, from the plan, the draw's tasks and the results.
      var active: [String] = []
      var items: [ItemEntry] = []
      var seenItems = Set<String>()
      for task in plan.tasks where task.departments.contains(where: { $0.code == code }) {
        let rounds = task.rounds.filter { $0.window.first <= days.last && days.first <= $0.window.last }
        guard !rounds.isEmpty else { continue }
        active += rounds.map(\.id)
        for item in task.items(of: code) where seenItems.insert(item.code).inserted { items.append(item) }
      }
      let imported = !program.resultImports.isEmpty
      let resultRows = ResultDocuments.Rows(program, year: plan.year, asOf: asOf)
      func within(_ day: Day?) -> Bool {
        guard let day, days.contains(day) else { return false }
        return asOf.map { day <= $0 } ?? true
      }
      let inspected = resultRows.entries.filter { within($0.row.inspected?.value) }
      let assigned = resultRows.assigned.filter { within($0.inspected?.value) }
      let published = resultRows.entries.filter { within($0.row.published?.value) }
      let counted = Tally.count(resultRows, inspected, assigned: assigned, asOf: asOf)
      let byDepartment = counted.byDepartment
      var publishedBy: [String: Int] = [:]
      for entry in published { if let department = entry.department?.code { publishedBy[department, default: 0] += 1 } }
      let own = byDepartment[code] ?? Tally()
      let noResults = "（规则未引入检查结果）"

      rows.append(("4", "本月按年度随机抽查工作计划市本级开展随机抽查情况", ""))
      rows.append(("", "本月组织随机抽查的文件", documents(declared?.inspectionDocuments ?? [])))
      let rounds = active.isEmpty ? "抽查 0 次" : "抽查 \(active.count) 次（\(active.joined(separator: "、"))）"
      rows.append(
        ("", "本月随机抽查次数、数量",
          imported
            ? "\(rounds)；检查 \(own.entities.count) 户（\(own.visits.count) 户次）"
              + (own.assignedEntities.isEmpty ? "" : "；另有上级交办检查 \(own.assignedEntities.count) 户，不属年度计划，不计入本行")
            : "\(rounds)；\(noResults)"))
      rows.append(("", "发现问题的检查主体数量", imported ? "\(own.problemEntities.count) 户" : noResults))
      let points = items.reduce(0) { $0 + $1.item.points.count }
      let withoutPoints = items.filter { $0.item.points.isEmpty }.count
      rows.append(
        ("", "随机抽查的检查事项（多少大项、多少小项）",
          "\(items.count) 大项、\(points) 小项" + (withoutPoints > 0 ? "（其中 \(withoutPoints) 个大项未写检查要点）" : "")
            + (items.isEmpty ? "" : "：" + items.map { "\($0.name)（\($0.code)）" }.joined(separator: "、"))))
      let website = declared?.website.map { "公示网站：\($0.value)" } ?? "公示网站\(MonthlyReportForm.notGiven)"
      rows.append(
        ("", "随机抽查结果公示数量及网站（注明抽查结果公示的网站及公示数量）",
          (imported ? "公示 \(publishedBy[code] ?? 0) 条" : noResults) + "；" + website))

      // Row 5: the district's departments.
      var codes = Set(byDepartment.keys).union(publishedBy.keys).filter { !$0.isEmpty }.sorted { bytesPrecede($0, $1) }
      codes.removeAll { (byDepartment[$0]?.covered ?? 0) == 0 && (publishedBy[$0] ?? 0) == 0 }
      let district: String
      if !imported {
        district = noResults
      } else {
        let total = counted.overall
        let lines = codes.map { code in
          let name = program.department(code)?.header.title?.value ?? code
          let tally = byDepartment[code] ?? Tally()
          let fromAbove = tally.assignedEntities.isEmpty ? "" : "（含上级交办 \(tally.assignedEntities.count) 户）"
          return "\(name)（\(code)）：检查 \(tally.covered) 户\(fromAbove)，公示 \(publishedBy[code] ?? 0) 条"
        }
        let inspecting = codes.filter { (byDepartment[$0]?.covered ?? 0) > 0 }.count
        district =
          (["开展的单位 \(inspecting) 个，检查主体 \(total.covered) 户，结果公示 \(published.count) 条"] + lines)
          .joined(separator: "\n")
      }
      rows.append(("5", "全区本系统开展随机抽查情况（开展的单位及抽查检查主体数量及抽查结果公示数量等情况）", district))

      contacts = [
        ("联系人", declared?.contact?.value ?? MonthlyReportForm.notGiven),
        ("联系电话", declared?.phone?.value ?? MonthlyReportForm.notGiven),
        ("手机", declared?.mobile?.value ?? MonthlyReportForm.notGiven),
      ]
    }

    static func chinese(_ day: Day) -> String {
      let (year, month, day) = day.components
      return "\(year)年\(month)月\(day)日"
    }

    var filled: String { asOf.map(Self.chinese) ?? "" }

    func dueText(_ due: DueDate) -> String {
      Self.chinese(due.day) + "前" + (due.isWorkingDay ? "" : "（非工作日；文件未规定顺延，不调整）")
    }

    var csvRows: [[String]] {
      var cells: [[String]] = [
        ["", MonthlyReportForm.title, ""],
        ["", "单位名称（盖章）", unit],
        ["", "填表时间", filled],
        ["", "报表月份", "\(month.chinese)（\(month.days.first) 至 \(month.days.last)）"],
      ]
      cells += rows.map { [$0.number, $0.label, $0.value] }
      cells += contacts.map { ["", $0.label, $0.value] }
      cells += dueDates.map { ["", "报送期限：\($0.what)", dueText($0)] }
      return cells
    }

    var markdown: String {
      var text = "# \(MonthlyReportForm.title)\n\n"
      text += "单位名称（盖章）：\(MarkdownWriter.inline(unit))　　填表时间：\(asOf == nil ? "　　年　月　日" : filled)\n\n"
      text += "报表月份：\(month.chinese)（\(month.days.first) 至 \(month.days.last)）\n\n"
      text += "由 `choucha report` 根据规则、抽取结果和检查结果生成，表式见 \(CitedDocument.changan2024.cited) 附件；"
      text += "“\(MonthlyReportForm.notGiven)”表示规则中的 `月报` 没有写这一项。"
      text += asOf.map { "统计截至 \($0)（`--as-of`）。" } ?? "未给出 `--as-of`，填表时间留空。"
      text += "\n\n"
      text += MarkdownWriter.table(header: ["序号", "项目", "情况"], rows: rows.map { [$0.number, $0.label, $0.value] })
      text += "\n" + contacts.map { "\($0.label)：\(MarkdownWriter.inline($0.value))" }.joined(separator: "　　") + "\n\n"
      text += "## 报送期限\n\n"
      text += "\(CitedDocument.changan2024.at("三（四）"))：“各成员单位于每月20日前将月报表，4月1日、6月20日、10月1日、12月16日前"
      text += "将本部门‘双随机、一公开’监管工作总结报送区‘双随机、一公开’领导小组办公室”。"
      text += "文件没有写月报表报哪个月，表中各项是“本月”的情况，按次月20日前报送计；期限逢非工作日时，文件没有规定顺延，照原日期列出。\n\n"
      text += MarkdownWriter.table(header: ["报送内容", "期限"], rows: dueDates.map { [$0.what, dueText($0)] })
      return text
    }
  }

  typealias Tally = ResultDocuments.Tally
}
