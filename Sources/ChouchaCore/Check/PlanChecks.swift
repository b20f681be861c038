/// The annual plan (filed and published before any inspection, `001_c76bbbb05f97d70f.txt`,
/// `003_6cb1131c551f17d4.txt`) and the calendar that working-day deadlines are counted on.
enum PlanChecks {
  static func run(_ program: Program, fallback: Span) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    if program.plans.isEmpty {
      diagnostics.append(
        Diagnostic(
          .E0501, Text(zh: "规则库中没有年度抽查计划", en: "the rule repository has no annual plan"), at: fallback,
          help: Text(
            zh: "加上 计划 2024 \"…\" { 期间 2024-03-01 .. 2024-11-30 }；年度抽查计划须制定并公示后方可实施（《永州市推动“双随机、一公开”监管工作全覆盖的实施方案》（永政办函〔2019〕35号））",
            en: "add plan 2024 \"…\" { window 2024-03-01 .. 2024-11-30 }; inspections follow a published annual plan")))
    }
    var firstPlan: [Int: Plan] = [:]
    for plan in program.plans {
      if let first = firstPlan[plan.year] {
        diagnostics.append(
          Diagnostic(
            .E0501,
            Text(zh: "\(plan.year)年有两个抽查计划", en: "two plans for \(plan.year)"), at: plan.header.id.span,
            labels: [.init(first.header.id.span, Text(zh: "第一个计划在此", en: "the first plan"))],
            help: Text(zh: "每个年度只能有一个计划：合并两个计划", en: "one plan per year: merge the two")))
      } else {
        firstPlan[plan.year] = plan
      }
      if let window = plan.window {
        if !checkOrder(window, into: &diagnostics), window.value.first.year != plan.year || window.value.last.year != plan.year {
          diagnostics.append(
            Diagnostic(
              .E0505,
              Text(
                zh: "计划期间 \(window.value.description) 不在 \(plan.year) 年内",
                en: "the plan window \(window.value.description) is not within \(plan.year)"),
              at: window.span, labels: [.init(plan.header.id.span, Text(zh: "计划年度", en: "the plan year"))],
              help: Text(zh: "年度计划的期间应在本年度内", en: "an annual plan's window lies within its year")))
        }
      }
    }
    for bundle in program.bundles {
      if let window = bundle.window { _ = checkOrder(window, into: &diagnostics) }
    }
    for calendar in program.calendars { check(calendar, into: &diagnostics) }
    diagnostics += deadlinesWithoutCalendar(program)
    return diagnostics
  }

  /// W0503: a working-day deadline (results published within 20 working days) that falls in a
  /// year with no `calendar`: it is counted with weekends only, and holidays are missed.
  static func deadlinesWithoutCalendar(_ program: Program) -> [Diagnostic] {
    let calendar = WorkCalendar(program.calendars)
    var diagnostics: [Diagnostic] = []
    for plan in program.plans {
      guard let window = plan.window?.value, window.first <= window.last else { continue }
      let ends = Set(
        [window.last]
          + program.bundles.compactMap { $0.window?.value }.filter { $0.first.year == plan.year && $0.first <= $0.last }
            .map(\.last))
      var uncovered = Set<Int>()
      for end in ends {
        for duration in [plan.publishWithin?.value ?? Planner.defaultPublishWithin, plan.reportWithin?.value ?? Planner.defaultReportWithin]
        where duration.unit == .workdays {
          uncovered.formUnion(calendar.adding(workingDays: duration.amount, after: end).uncovered)
        }
      }
      guard !uncovered.isEmpty else { continue }
      let years = uncovered.sorted().map(String.init).joined(separator: "、")
      diagnostics.append(
        Diagnostic(
          .W0503,
          Text(
            zh: "\(plan.year)年计划按工作日计算的期限涉及 \(years) 年，但没有该年的日历，只能按周末计算",
            en: "the \(plan.year) plan's working-day deadlines reach \(years), which has no calendar: counted with weekends only"),
          at: plan.publishWithin?.span ?? plan.header.id.span,
          help: Text(
            zh: "按国务院办公厅发布的放假安排加上 日历 \(uncovered.sorted().first!) { 节假日 …  补班 … }",
            en: "add calendar \(uncovered.sorted().first!) { holidays …  workdays … } from the State Council's holiday notice")))
    }
    return diagnostics
  }

  /// E0504 when the range ends before it starts; returns true if it did.
  static func checkOrder(_ range: Located<DayRange>, into diagnostics: inout [Diagnostic]) -> Bool {
    guard range.value.last < range.value.first else { return false }
    diagnostics.append(
      Diagnostic(
        .E0504,
        Text(
          zh: "结束日期 \(range.value.last) 早于开始日期 \(range.value.first)",
          en: "the range ends (\(range.value.last)) before it starts (\(range.value.first))"),
        at: range.span, help: Text(zh: "写作 开始日期 .. 结束日期", en: "write START .. END")))
    return true
  }

  static func check(_ calendar: Calendar, into diagnostics: inout [Diagnostic]) {
    var holidays: [Day: Span] = [:]
    for range in calendar.holidays {
      guard !checkOrder(range, into: &diagnostics) else { continue }
      checkYear(range, calendar: calendar, into: &diagnostics)
      for day in range.value.days where holidays[day] == nil { holidays[day] = range.span }
    }
    for range in calendar.workdays {
      guard !checkOrder(range, into: &diagnostics) else { continue }
      checkYear(range, calendar: calendar, into: &diagnostics)
      for day in range.value.days {
        guard let holiday = holidays[day] else { continue }
        diagnostics.append(
          Diagnostic(
            .E0502,
            Text(zh: "\(day) 既是节假日又是补班日", en: "\(day) is both a holiday and a working day"), at: range.span,
            labels: [.init(holiday, Text(zh: "列为节假日于此", en: "listed as a holiday here"))],
            help: Text(
              zh: "对照国务院办公厅发布的放假安排，删除其中一处",
              en: "check the State Council's holiday notice and delete one of them")))
      }
    }
  }

  static func checkYear(_ range: Located<DayRange>, calendar: Calendar, into diagnostics: inout [Diagnostic]) {
    guard range.value.first.year != calendar.year || range.value.last.year != calendar.year else { return }
    diagnostics.append(
      Diagnostic(
        .E0502,
        Text(
          zh: "日期 \(range.value.description) 不在日历年度 \(calendar.year) 内",
          en: "\(range.value.description) is not in the calendar's year \(calendar.year)"),
        at: range.span, labels: [.init(calendar.header.id.span, Text(zh: "日历年度", en: "the calendar's year"))],
        help: Text(
          zh: "把这个日期写进 \(range.value.first.year) 年的日历（日历 \(range.value.first.year) { … }）",
          en: "put this date in the calendar of \(range.value.first.year)")))
  }
}
