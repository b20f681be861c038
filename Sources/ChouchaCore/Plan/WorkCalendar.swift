/// Working days, as China's official calendar defines them: a day is a working day unless it is a
/// Saturday or Sunday not listed in its year's `workdays` (调休上班), or it is listed in `holidays`.
public struct WorkCalendar: Sendable {
  private var holidays: Set<Day> = []
  private var workdays: Set<Day> = []
  /// Years that have a `calendar` block.
  public private(set) var years: Set<Int> = []

  public init(_ calendars: [Calendar]) {
    for calendar in calendars {
      years.insert(calendar.year)
      for range in calendar.holidays { holidays.formUnion(range.value.days) }
      for range in calendar.workdays { workdays.formUnion(range.value.days) }
    }
  }

  public func isWorkingDay(_ day: Day) -> Bool {
    if holidays.contains(day) { return false }
    if day.isWeekend { return workdays.contains(day) }
    return true
  }

  /// The `count`-th working day after `day` (the day itself not counted), and the years crossed
  /// that have no calendar (counted with weekends only).
  public func adding(workingDays count: Int, after day: Day) -> (day: Day, uncovered: Set<Int>) {
    var uncovered = Set<Int>()
    var current = day
    var remaining = count
    while remaining > 0 {
      current = current.adding(days: 1)
      if !years.contains(current.year) { uncovered.insert(current.year) }
      if isWorkingDay(current) { remaining -= 1 }
    }
    return (current, uncovered)
  }

  /// `day` plus a duration: calendar days, or working days after it.
  public func deadline(after day: Day, _ duration: Duration) -> (day: Day, uncovered: Set<Int>) {
    switch duration.unit {
    case .days: return (day.adding(days: duration.amount), [])
    case .workdays: return adding(workingDays: duration.amount, after: day)
    }
  }
}
