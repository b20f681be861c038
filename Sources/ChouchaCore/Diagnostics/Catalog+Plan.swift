/// The catalog, family 05: the annual plan and the holiday calendar. Dates and ranges come in
/// written out (`2024-03-01`, `2024-03-01 .. 2024-11-30`).
extension Diagnostic {
  /// E0501: the repository has no annual plan.
  package static func noPlan(at span: Span) -> Diagnostic {
    Diagnostic(
      .E0501, Text(zh: "规则库中没有年度抽查计划", en: "the rule repository has no annual plan"), at: span,
      help: Text(
        zh: "加上 计划 2024 \"…\" { 期间 2024-03-01 .. 2024-11-30 }；“未经公示的随机抽查工作计划不得实施”（\(CitedDocument.yongzhou2019.at("四（四）"))）",
        en: "add plan 2024 \"…\" { window 2024-03-01 .. 2024-11-30 }; inspections follow a published annual plan (\(CitedDocument.yongzhou2019.atEn("四（四）")))"))
  }

  /// E0501: a second plan for one year.
  package static func twoPlans(year: Int, at span: Span, first: Span) -> Diagnostic {
    Diagnostic(
      .E0501,
      Text(zh: "\(year)年有两个抽查计划", en: "two plans for \(year)"), at: span,
      labels: [.init(first, Text(zh: "第一个计划在此", en: "the first plan"))],
      help: Text(zh: "每个年度只能有一个计划：合并两个计划", en: "one plan per year: merge the two"))
  }

  /// E0502: a day both a holiday and a working day.
  package static func holidayAndWorkday(_ day: String, at span: Span, holiday: Span) -> Diagnostic {
    Diagnostic(
      .E0502,
      Text(zh: "\(day) 既是节假日又是补班日", en: "\(day) is both a holiday and a working day"), at: span,
      labels: [.init(holiday, Text(zh: "列为节假日于此", en: "listed as a holiday here"))],
      help: Text(
        zh: "对照国务院办公厅发布的放假安排，删除其中一处",
        en: "check the State Council's holiday notice and delete one of them"))
  }

  /// E0502: a date outside its calendar's year.
  /// - Parameter rangeYear: the year the range starts in, where it belongs.
  package static func dateOutsideCalendarYear(
    _ range: Located<String>, rangeYear: Int, calendarYear: Int, calendar: Span
  ) -> Diagnostic {
    Diagnostic(
      .E0502,
      Text(
        zh: "日期 \(range.value) 不在日历年度 \(calendarYear) 内",
        en: "\(range.value) is not in the calendar's year \(calendarYear)"),
      at: range.span, labels: [.init(calendar, Text(zh: "日历年度", en: "the calendar's year"))],
      help: Text(
        zh: "把这个日期写进 \(rangeYear) 年的日历（日历 \(rangeYear) { … }）",
        en: "put this date in the calendar of \(rangeYear)"))
  }

  /// W0503: working-day deadlines that reach years without a calendar.
  /// - Parameter years: those years, in order (at least one).
  package static func deadlineWithoutCalendar(planYear: Int, years: [Int], at span: Span) -> Diagnostic {
    let listed = years.map(String.init).joined(separator: "、")
    return Diagnostic(
      .W0503,
      Text(
        zh: "\(planYear)年计划按工作日计算的期限涉及 \(listed) 年，但没有该年的日历，只能按周末计算",
        en: "the \(planYear) plan's working-day deadlines reach \(listed), which has no calendar: counted with weekends only"),
      at: span,
      help: Text(
        zh: "按国务院办公厅发布的放假安排加上 日历 \(years[0]) { 节假日 …  补班 … }",
        en: "add calendar \(years[0]) { holidays …  workdays … } from the State Council's holiday notice"))
  }

  /// E0504: a range that ends before it starts.
  package static func rangeEndsBeforeStart(first: String, last: String, at span: Span) -> Diagnostic {
    Diagnostic(
      .E0504,
      Text(
        zh: "结束日期 \(last) 早于开始日期 \(first)",
        en: "the range ends (\(last)) before it starts (\(first))"),
      at: span, help: Text(zh: "写作 开始日期 .. 结束日期", en: "write START .. END"))
  }

  /// E0505: a plan window outside the plan's year.
  package static func planWindowOutsideYear(_ window: Located<String>, planYear: Int, plan: Span) -> Diagnostic {
    Diagnostic(
      .E0505,
      Text(
        zh: "计划期间 \(window.value) 不在 \(planYear) 年内",
        en: "the plan window \(window.value) is not within \(planYear)"),
      at: window.span, labels: [.init(plan, Text(zh: "计划年度", en: "the plan year"))],
      help: Text(zh: "年度计划的期间应在本年度内", en: "an annual plan's window lies within its year"))
  }
}
