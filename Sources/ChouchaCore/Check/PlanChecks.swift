/// The annual plan (filed and published before any inspection, `CitedDocument.yongzhou2019`,
/// `CitedDocument.linzi2019`) and the calendar that working-day deadlines are counted on.
enum PlanChecks {
  static func run(_ program: Program, fallback: Span) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    if program.plans.isEmpty {
      diagnostics.append(.noPlan(at: fallback))
    }
    var firstPlan: [Int: Plan] = [:]
    for plan in program.plans {
      if let first = firstPlan[plan.year] {
        diagnostics.append(.twoPlans(year: plan.year, at: plan.header.id.span, first: first.header.id.span))
      } else {
        firstPlan[plan.year] = plan
      }
      if let window = plan.window {
        if !checkOrder(window, into: &diagnostics), window.value.first.year != plan.year || window.value.last.year != plan.year {
          diagnostics.append(
            .planWindowOutsideYear(
              Located(window.value.description, window.span), planYear: plan.year, plan: plan.header.id.span))
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
      diagnostics.append(
        .deadlineWithoutCalendar(
          planYear: plan.year, years: uncovered.sorted(), at: plan.publishWithin?.span ?? plan.header.id.span))
    }
    return diagnostics
  }

  /// E0504 when the range ends before it starts; returns true if it did.
  static func checkOrder(_ range: Located<DayRange>, into diagnostics: inout [Diagnostic]) -> Bool {
    guard range.value.last < range.value.first else { return false }
    diagnostics.append(
      .rangeEndsBeforeStart(first: range.value.first.description, last: range.value.last.description, at: range.span))
    return true
  }

  static func check(_ calendar: Calendar, into diagnostics: inout [Diagnostic]) {
    var holidays: [Day: Span] = [:]
    for range in calendar.holidays {
      guard !checkOrder(range, into: &diagnostics) else { continue }
      checkYear(range, calendar: calendar, into: &diagnostics)
      for day in range.value.days(in: calendar.year) where holidays[day] == nil { holidays[day] = range.span }
    }
    for range in calendar.workdays {
      guard !checkOrder(range, into: &diagnostics) else { continue }
      checkYear(range, calendar: calendar, into: &diagnostics)
      for day in range.value.days(in: calendar.year) {
        guard let holiday = holidays[day] else { continue }
        diagnostics.append(.holidayAndWorkday(day.description, at: range.span, holiday: holiday))
      }
    }
  }

  static func checkYear(_ range: Located<DayRange>, calendar: Calendar, into diagnostics: inout [Diagnostic]) {
    guard range.value.first.year != calendar.year || range.value.last.year != calendar.year else { return }
    diagnostics.append(
      .dateOutsideCalendarYear(
        Located(range.value.description, range.span), rangeYear: range.value.first.year, calendarYear: calendar.year,
        calendar: calendar.header.id.span))
  }
}
