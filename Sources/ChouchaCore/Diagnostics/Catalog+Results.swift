/// The catalog, family 09: inspection results — the results tables a rule file imports
/// (`引入 结果`) and the checks over their rows.
extension Diagnostic {
  /// E0901: a 检查结果 or 后续处置 cell (`heading`) whose value is not in its vocabulary;
  /// `listing` lists the vocabulary (its Chinese spellings, and its English ones for the English
  /// text), `suggestion` is the closest spelling; `list` when the cell may hold several.
  package static func resultValueUnknown(
    _ value: String, row: Int, heading: String, listing: Text, list: Bool, suggestion: String?, at span: Span
  ) -> Diagnostic {
    Diagnostic(
      .E0901,
      Text(
        zh: "第 \(row) 行的“\(heading)”无法识别：“\(Shown.text(value))”",
        en: "row \(row): unknown \(heading) '\(Shown.text(value))'"),
      at: span,
      help: Suggest.help(
        suggestion,
        Text(
          zh: "“\(heading)”可写：\(listing.zh)" + (list ? "（几项之间用“、”或“；”分隔）" : ""),
          en: "\(heading) takes: \(listing.en)" + (list ? " (several separated by commas or semicolons)" : ""))))
  }

  /// E0901: a 检查结果 cell (`heading`) naming several categories (`names`): a row holds one.
  package static func resultCategoriesSeveral(_ names: [String], row: Int, heading: String, at span: Span) -> Diagnostic {
    Diagnostic(
      .E0901,
      Text(
        zh: "第 \(row) 行的“\(heading)”写了几项结论：\(names.joined(separator: "、"))",
        en: "row \(row): \(heading) names several conclusions: \(names.joined(separator: ", "))"),
      at: span,
      help: Text(
        zh: "每行只写一项结论：发现的问题要后续处置时写“发现问题待后续处理”或“发现问题已责令改正”，具体问题写在“问题描述”中",
        en: "write one conclusion a row: when the problems found need a follow-up, 发现问题待后续处理 (pending-follow-up) or 发现问题已责令改正 (corrected-on-order), and the problems themselves in 问题描述"))
  }

  /// E0902: a date cell (`heading`) that is not a date: `impossible` when it is written as one
  /// but no such day exists (2024-02-30).
  package static func resultDateInvalid(_ text: String, row: Int, heading: String, impossible: Bool, at span: Span) -> Diagnostic {
    Diagnostic(
      .E0902,
      impossible
        ? Text(
          zh: "第 \(row) 行的“\(heading)”“\(Shown.text(text))”是不存在的日期",
          en: "row \(row): \(heading) '\(Shown.text(text))' is a date that does not exist")
        : Text(
          zh: "第 \(row) 行的“\(heading)”“\(Shown.text(text))”不是日期",
          en: "row \(row): \(heading) '\(Shown.text(text))' is not a date"),
      at: span,
      help: Text(
        zh: "写成实际的日期，可用的写法：2024-05-03、2024/5/3、2024.5.3、2024年5月3日、20240503、Excel 日期序号（如 45415）；后面可带时间（如 2024/5/3 14:30），时间不参与计算",
        en: "write the real date, in one of these forms: 2024-05-03, 2024/5/3, 2024.5.3, 2024年5月3日, 20240503, an Excel serial number (such as 45415); a time may follow (such as 2024/5/3 14:30) and is not used"))
  }
}

/// Family 09, the checks over the rows (`ResultChecks`): against the plan, the draw and, with
/// `check --as-of`, the deadlines. Rows are numbered as the spreadsheet shows them
/// (the heading is row 1); dates come in written out (`2024-05-03`); a task is named by its id as
/// the table gives it, or by the round it was resolved to.
extension Diagnostic {
  /// E0903: a result category that found a problem, with no follow-up action.
  /// - Parameter category: the category's name (`发现问题待后续处理`).
  package static func problemWithoutAction(_ category: Located<String>, row: Int) -> Diagnostic {
    Diagnostic(
      .E0903,
      Text(
        zh: "第 \(row) 行的检查结果“\(Shown.text(category.value))”发现了问题，但“后续处置”为空",
        en: "row \(row): the result '\(Shown.text(category.value))' found a problem, but 后续处置 (follow-up) is empty"),
      at: category.span,
      help: Text(
        zh: "在“后续处置”列写明处置措施，如“责令改正”“立案查处”“移交”“列入经营异常名录”（几项用“、”分隔）；对抽查发现的违法违规行为要依法处理，属于其他部门管辖的移交，涉嫌犯罪的移送司法机关（\(CitedDocument.changchunCommerce.at("第十条"))）",
        en: "write the action in the 后续处置 column, such as '责令改正', '立案查处', '移交' or '列入经营异常名录' (several separated by '、'); a violation found is dealt with, handed to the department in charge or referred to the judicial organs (\(CitedDocument.changchunCommerce.atEn("第十条")))"))
  }

  /// E0904: a task id that names no task or round of the plans.
  /// - Parameters:
  ///   - suggestion: the closest task or round id, if any.
  ///   - example: a task id of the plan to show, if any.
  ///   - rounds: when the id is a task's with a round it does not have (`2024-J-餐饮@3`), the
  ///     task's rounds.
  package static func unknownResultTask(
    _ task: Located<String>, row: Int, suggestion: String?, example: String?, rounds: [String]? = nil
  ) -> Diagnostic {
    let shown = example.map { Shown.text($0) } ?? "2024-J-餐饮"
    let message = Text(
      zh: "第 \(row) 行的任务编号“\(Shown.text(task.value))”不是计划中的任务或轮次",
      en: "row \(row): '\(Shown.text(task.value))' is no task or round of the plan")
    if let rounds {
      let listed = rounds.map { Shown.text($0) }
      return Diagnostic(
        .E0904, message, at: task.span,
        help: Text(
          zh: "这个任务一年抽查 \(rounds.count) 次，轮次为 \(listed.joined(separator: "、"))：改为检查日期所在的轮次",
          en: "the task is drawn \(rounds.count) times a year, in rounds \(listed.joined(separator: ", ")): write the round its inspection date falls in"))
    }
    return Diagnostic(
      .E0904, message,
      at: task.span,
      help: Suggest.help(
        suggestion,
        Text(
          zh: "任务编号照 choucha build 写出的 tasks-YYYY.json 填写，如“\(shown)”；一年抽查几次的任务写轮次，如“\(shown)@2”",
          en: "write the task id as the tasks-YYYY.json choucha build wrote gives it, such as '\(shown)'; for a task drawn several times a year, its round, such as '\(shown)@2'"),
        ifNot: true))
  }

  /// E0905: a department that takes no part in the row's task.
  /// - Parameter departments: the task's departments, lead first (codes).
  package static func departmentNotInTask(_ department: Located<String>, row: Int, task: String, departments: [String]) -> Diagnostic {
    let listed = departments.map { Shown.text($0) }
    return Diagnostic(
      .E0905,
      Text(
        zh: "第 \(row) 行的检查部门“\(Shown.text(department.value))”不参加任务“\(Shown.text(task))”",
        en: "row \(row): department '\(Shown.text(department.value))' takes no part in task '\(Shown.text(task))'"),
      at: department.span,
      help: Text(
        zh: "任务“\(Shown.text(task))”的检查部门为 \(listed.joined(separator: "、"))：改为其中之一，或把这一行记到该部门参加的任务下（“分口检查”：各部门只检查本部门的事项）",
        en: "the departments of task '\(Shown.text(task))' are \(listed.joined(separator: ", ")): write one of them, or record the row under a task the department takes part in (each department inspects its own items)"))
  }

  /// E0906: a 检查日期 outside the task's (or round's) window.
  /// - Parameters:
  ///   - task: the task or round id.
  ///   - window: that window, written out.
  ///   - isRound: the window is a round's part of its task's.
  package static func inspectedOutsideWindow(
    _ date: Located<String>, row: Int, task: String, window: String, isRound: Bool
  ) -> Diagnostic {
    let what = isRound ? Text(zh: "轮次", en: "round") : Text(zh: "任务", en: "task")
    return Diagnostic(
      .E0906,
      Text(
        zh: "第 \(row) 行的检查日期 \(date.value) 不在\(what.zh)“\(Shown.text(task))”的期间 \(window) 内",
        en: "row \(row): the inspection date \(date.value) is outside the window \(window) of \(what.en) '\(Shown.text(task))'"),
      at: date.span,
      help: Text(
        zh: "核对检查日期（常见的是年份或月份写错）；检查确在别的期间进行的，记到那个期间的任务或轮次下",
        en: "check the date (a wrong year or month is the usual slip); an inspection made in another window is recorded under that window's task or round"))
  }

  /// E0907: a second result for one (task round, entity, department).
  /// - Parameter department: the department's code, nil when the row gives none.
  package static func duplicateResult(
    _ entity: Located<String>, row: Int, firstRow: Int, first: Span, task: String, department: String?
  ) -> Diagnostic {
    let whose = department.map { Text(zh: "、部门“\(Shown.text($0))”", en: ", department '\(Shown.text($0))'") } ?? Text(zh: "", en: "")
    return Diagnostic(
      .E0907,
      Text(
        zh: "第 \(row) 行重复了第 \(firstRow) 行：同一任务“\(Shown.text(task))”、同一企业“\(Shown.text(entity.value))”\(whose.zh)的检查结果记了两次",
        en: "row \(row) repeats row \(firstRow): task '\(Shown.text(task))', entity '\(Shown.text(entity.value))'\(whose.en) has two results"),
      at: entity.span,
      labels: [.init(first, Text(zh: "第一次记录于第 \(firstRow) 行", en: "first recorded in row \(firstRow)"))],
      help: Text(
        zh: "每个部门对一户企业在一个任务（轮次）中只记一条检查结果：删除重复的一行，或改正其中的任务编号、统一社会信用代码或检查部门",
        en: "a department records one result per entity and task (round): delete the repeated row, or correct its task id, credit code or department"))
  }

  /// E0908: a result for an entity the draw did not draw in that task or round.
  package static func entityNotDrawn(_ entity: Located<String>, row: Int, task: String) -> Diagnostic {
    Diagnostic(
      .E0908,
      Text(
        zh: "第 \(row) 行的企业“\(Shown.text(entity.value))”不在任务“\(Shown.text(task))”的抽取结果中",
        en: "row \(row): entity '\(Shown.text(entity.value))' was not drawn in task '\(Shown.text(task))'"),
      at: entity.span,
      help: Text(
        zh: "核对统一社会信用代码和任务编号：检查对象以公布的抽取结果为准，名单之外的检查不是这次随机抽查（检查对象“从检查对象名录库中随机抽取”，\(CitedDocument.changchunCommerce.at("第五条"))）",
        en: "check the credit code and the task id: the entities inspected are those of the published draw, and an inspection outside it is not this random inspection (entities are drawn at random from the directory, \(CitedDocument.changchunCommerce.atEn("第五条")))"))
  }

  /// E0909: a code in the 不合格要点 column that is not a check point of the row's department's
  /// items in its task.
  /// - Parameters:
  ///   - defined: the code is a point somewhere in the rules (of another department or task).
  ///   - codes: the point codes of the department's items in the task, to choose from.
  package static func failedPointNotInTask(
    _ code: Located<String>, row: Int, task: String, department: String, defined: Bool, suggestion: String?, codes: [String]
  ) -> Diagnostic {
    let reason =
      defined
      ? Text(zh: "是别的部门或任务的要点", en: "is a point of another department or task")
      : Text(zh: "不是任何事项的要点编码", en: "is not the code of any check point")
    let shown = codes.prefix(8).map { Shown.text($0) }
    let more = codes.count > 8 ? Text(zh: " 等 \(codes.count) 个", en: " and \(codes.count - 8) more") : Text(zh: "", en: "")
    let choices =
      codes.isEmpty
      ? Text(zh: "该部门在这个任务中的事项没有带编码的要点：删去这一格，问题写在“问题描述”中", en: "the department's items in this task have no coded points: clear the cell and describe the problem in 问题描述")
      : Text(
        zh: "该部门在这个任务中的要点为 \(shown.joined(separator: "、"))\(more.zh)",
        en: "the department's points in this task are \(shown.joined(separator: ", "))\(more.en)")
    let guess = suggestion.map { Text(zh: "是否想写“\(Shown.text($0))”？", en: "did you mean '\(Shown.text($0))'? ") } ?? Text(zh: "", en: "")
    return Diagnostic(
      .E0909,
      Text(
        zh: "第 \(row) 行的不合格要点“\(Shown.text(code.value))”\(reason.zh)，不是“\(Shown.text(department))”在任务“\(Shown.text(task))”中的检查要点",
        en: "row \(row): failed point '\(Shown.text(code.value))' \(reason.en), not one of the points of '\(Shown.text(department))' in task '\(Shown.text(task))'"),
      at: code.span,
      help: Text(
        zh: "\(guess.zh)\(choices.zh)；按编码统计每个要点的问题发现率，写错的编码会让问题算到别处",
        en: "\(guess.en)\(choices.en); problem rates per point are counted by code, and a wrong code counts a problem elsewhere"))
  }

  /// E0910: a monthly report (`月报 CODE YYYY-MM`) of a month of no plan's year.
  /// - Parameter years: the years the rules plan, to choose from.
  package static func monthlyReportOutsidePlan(_ month: Located<String>, department: String, years: [Int]) -> Diagnostic {
    let listed = years.map(String.init)
    let example = years.last.map { "\($0)-05" } ?? "2024-05"
    return Diagnostic(
      .E0910,
      Text(
        zh: "“\(Shown.text(department))”的月报月份 \(month.value) 不在计划年度内（规则中的计划：\(listed.isEmpty ? "无" : listed.joined(separator: "、"))）",
        en: "the monthly report of '\(Shown.text(department))' is for \(month.value), outside the plans' years (the rules plan: \(listed.isEmpty ? "none" : listed.joined(separator: ", ")))"),
      at: month.span,
      help: Text(
        zh: "月报表按年度计划逐月报送（\(CitedDocument.changan2024.at("三（四）"))）：把月份改为计划年度内的月份，如 月报 \(Shown.text(department)) \(example) { … }，或先写该年度的计划",
        en: "the monthly form reports on the year's plan, month by month (\(CitedDocument.changan2024.atEn("三（四）"))): write a month of a planned year, such as monthly-report \(Shown.text(department)) \(example) { … }, or write that year's plan first"))
  }

  /// E0910: a meeting of a monthly report dated outside the report's month.
  package static func meetingOutsideMonth(_ date: Located<String>, month: String, department: String) -> Diagnostic {
    Diagnostic(
      .E0910,
      Text(
        zh: "会议日期 \(date.value) 不在月报的月份 \(month) 内",
        en: "the meeting on \(date.value) is outside the report's month, \(month)"),
      at: date.span,
      help: Text(
        zh: "月报表第 1 行填“本月召开会议部署随机抽查工作情况”：改正日期，或把这次会议写入它所在月份的月报（月报 \(Shown.text(department)) \(String(date.value.prefix(7))) { … }）",
        en: "row 1 of the form lists the meetings held in the month: correct the date, or move the meeting to the report of its month (monthly-report \(Shown.text(department)) \(String(date.value.prefix(7))) { … })"))
  }

  /// E0911: a result not published, its publication deadline past on the as-of day.
  /// - Parameters:
  ///   - overdue: working days from the deadline to the as-of day.
  ///   - at: the row's task cell (the 公示日期 cell is empty).
  package static func resultNotPublished(row: Int, task: String, due: String, asOf: String, overdue: Int, at span: Span) -> Diagnostic {
    Diagnostic(
      .E0911,
      Text(
        zh: "第 \(row) 行的检查结果尚未公示：任务“\(Shown.text(task))”的公示期限 \(due) 已过，截至 \(asOf) 逾期 \(overdue) 个工作日",
        en: "row \(row): the result is not published; the deadline of task '\(Shown.text(task))', \(due), is past: \(overdue) working days overdue as of \(asOf)"),
      at: span,
      help: Text(
        zh: "立即公示，并在“公示日期”列填写公示的日期；抽查结果“自抽查工作结束之日起20个工作日内”向社会公布（\(CitedDocument.lvyuan2021.at("五（7）"))）",
        en: "publish it now and write the date in the 公示日期 column; results are published within 20 working days of the end of the inspection (\(CitedDocument.lvyuan2021.atEn("五（7）")))"))
  }

  /// W0912: a result published after its deadline.
  /// - Parameter late: working days after the deadline.
  package static func resultPublishedLate(_ date: Located<String>, row: Int, task: String, due: String, late: Int) -> Diagnostic {
    Diagnostic(
      .W0912,
      Text(
        zh: "第 \(row) 行的公示日期 \(date.value) 晚于任务“\(Shown.text(task))”的公示期限 \(due)（晚 \(late) 个工作日）",
        en: "row \(row): published \(date.value), after the deadline of task '\(Shown.text(task))', \(due) (\(late) working days late)"),
      at: date.span,
      help: Text(
        zh: "已公示的日期照实保留，计入按时公示率；以后的结果在期限内公示（\(CitedDocument.linzi2019.at("二（四）"))：“在20个工作日内”录入并公示）",
        en: "keep the date as it happened (it counts in the on-time rate); publish later results within the deadline (\(CitedDocument.linzi2019.atEn("二（四）")): within 20 working days)"))
  }

  /// E0913: a follow-up not closed, its deadline past on the as-of day.
  /// - Parameters:
  ///   - start: what the deadline counts from, written out (`检查日期 2024-05-06` /
  ///     `inspected 2024-05-06`).
  ///   - at: the row's 后续处置 cell, or its category's.
  package static func followUpOpen(
    row: Int, start: Text, within: Text, due: String, asOf: String, overdue: Int, at span: Span
  ) -> Diagnostic {
    Diagnostic(
      .E0913,
      Text(
        zh: "第 \(row) 行的后续处置尚未办结：处置时限为\(start.zh) 后 \(within.zh)，即 \(due)，截至 \(asOf) 逾期 \(overdue) 个工作日",
        en: "row \(row): the follow-up is not closed; it was due \(within.en) after \(start.en), by \(due): \(overdue) working days overdue as of \(asOf)"),
      at: span,
      help: Text(
        zh: "办结后在“办结日期”列填写办结的日期；后续处置信息产生后20个工作日内依法做好后续处置，杜绝“不回填或回填超期”（\(CitedDocument.changan2024.at("三（三）"))）",
        en: "once it is closed, write the date in the 办结日期 column; the follow-up is done within 20 working days and recorded, never left blank or filled in late (\(CitedDocument.changan2024.atEn("三（三）")))"))
  }

  /// W0914: a follow-up closed after its deadline.
  package static func followUpClosedLate(_ date: Located<String>, row: Int, start: Text, within: Text, due: String, late: Int) -> Diagnostic {
    Diagnostic(
      .W0914,
      Text(
        zh: "第 \(row) 行的办结日期 \(date.value) 晚于处置时限 \(due)（\(start.zh) 后 \(within.zh)，晚 \(late) 个工作日）",
        en: "row \(row): closed \(date.value), after the follow-up deadline \(due) (\(within.en) after \(start.en); \(late) working days late)"),
      at: date.span,
      help: Text(
        zh: "已办结的日期照实保留，计入按时办结率；以后的后续处置在时限内办结（\(CitedDocument.changan2024.at("三（三）"))）",
        en: "keep the date as it happened (it counts in the on-time rate); close later follow-ups within the deadline (\(CitedDocument.changan2024.atEn("三（三）")))"))
  }

  /// E0915: an entity the draw drew with no result, the round's report deadline past.
  /// - Parameters:
  ///   - at: the results import (`引入 结果 "…"`), where the missing row belongs.
  ///   - draw: the draw import, when the rules name it.
  package static func drawnWithoutResult(
    code: String, name: String, task: String, reportBy: String, asOf: String, at span: Span, draw: Span?
  ) -> Diagnostic {
    Diagnostic(
      .E0915,
      Text(
        zh: "任务“\(Shown.text(task))”抽中的企业“\(Shown.text(name))”（\(Shown.text(code))）没有检查结果：报告期限 \(reportBy) 已过（截至 \(asOf)）",
        en: "entity '\(Shown.text(name))' (\(Shown.text(code))), drawn in task '\(Shown.text(task))', has no result: the report deadline \(reportBy) is past (as of \(asOf))"),
      at: span,
      labels: draw.map { [.init($0, Text(zh: "抽取结果", en: "the draw"))] } ?? [],
      help: Text(
        zh: "在结果表中为它加一行（任务编号 \(Shown.text(task))、统一社会信用代码 \(Shown.text(code))）；无法检查的照实记为“通过登记的住所（经营场所）无法联系”等；检查活动结束10日内书面报告检查结果（\(CitedDocument.lvyuan2021.at("五（6）"))）",
        en: "add its row to the results table (task \(Shown.text(task)), credit code \(Shown.text(code))); an entity that could not be inspected is recorded as such, e.g. '通过登记的住所（经营场所）无法联系'; results are reported in writing within 10 days of the inspection (\(CitedDocument.lvyuan2021.atEn("五（6）")))"))
  }

  /// E0916: the year's coverage by results, overall or of a department, below the plan's
  /// 最低覆盖率, with the figures.
  /// - Parameters:
  ///   - department: nil for the whole plan.
  ///   - coverage, minimum: percentages written out.
  ///   - more: entities still needed.
  package static func resultCoverageBelowMinimum(
    year: Int, department: String?, entities: Int, base: Int, coverage: String, minimum: String, more: Int, at span: Span
  ) -> Diagnostic {
    let whose = department.map { Text(zh: "部门“\(Shown.text($0))”", en: "department '\(Shown.text($0))'") } ?? Text(zh: "全部门", en: "all departments")
    return Diagnostic(
      .E0916,
      Text(
        zh: "\(year) 年\(whose.zh)有检查结果的企业 \(entities) 户，占企业基数 \(base) 户的 \(coverage)，低于最低覆盖率 \(minimum)：还差 \(more) 户",
        en: "\(year): \(whose.en) inspected \(entities) entit\(entities == 1 ? "y" : "ies") with a result, \(coverage) of the enterprise base of \(base), below the minimum coverage \(minimum): \(more) short"),
      at: span,
      help: Text(
        zh: "核对结果表是否漏记了检查（上级部门下派的抽查也计入）；抽查企业数量占上年底企业数量的比例要不低于5%（\(CitedDocument.changan2024.at("二（四）"))）",
        en: "check that the results table records every inspection (those assigned from above count too); the entities inspected are at least 5% of the enterprises at the end of the previous year (\(CitedDocument.changan2024.atEn("二（四）")))"))
  }

  /// E0917: a date after the as-of day: recorded as if in the future.
  /// - Parameter column: the column's heading (`检查日期` / `inspection date`).
  package static func dateAfterAsOf(_ date: Located<String>, row: Int, column: Text, asOf: String) -> Diagnostic {
    Diagnostic(
      .E0917,
      Text(
        zh: "第 \(row) 行的\(column.zh) \(date.value) 晚于检查日 \(asOf)（--as-of）",
        en: "row \(row): the \(column.en) \(date.value) is after the as-of day \(asOf) (--as-of)"),
      at: date.span,
      help: Text(
        zh: "日期不能晚于 \(asOf)：核对这一格（常见的是年份写错、月日颠倒），未发生的事不预先填写",
        en: "no date can be after \(asOf): check the cell (a wrong year or month and day swapped are the usual slips); nothing is recorded before it happens"))
  }
}
