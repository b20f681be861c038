/// Working days, as China's official calendar defines them: a day is a working day unless it is a
/// Saturday or Sunday not listed in its year's `workdays` (调休上班), or it is listed in `holidays`.
///
/// Deadlines are counted by weeks, not day by day: five weekdays in every week, minus the
/// holidays that fall on a weekday, plus the weekend days made working days, both found by binary
/// search in sorted tables. A deadline costs O(log) whatever its length.
public struct WorkCalendar: Sendable {
  private var holidays: Set<Day> = []
  private var workdays: Set<Day> = []
  /// Holidays on Monday to Friday (the only ones that remove a working day), ascending ordinals.
  private var weekdayHolidays: [Int] = []
  /// Saturdays and Sundays made working days and not also holidays, ascending ordinals.
  private var weekendWorkdays: [Int] = []
  /// Years that have a `calendar` block.
  public private(set) var years: Set<Int> = []

  public init(_ calendars: [Calendar]) {
    var holidays = Set<Day>()
    var workdays = Set<Day>()
    for calendar in calendars {
      // Only the calendar's own year: a day outside it is an error (E0502), not a holiday.
      for range in calendar.holidays { holidays.formUnion(range.value.days(in: calendar.year)) }
      for range in calendar.workdays { workdays.formUnion(range.value.days(in: calendar.year)) }
    }
    self.init(holidays: holidays, workdays: workdays, years: Set(calendars.map(\.year)))
  }

  init(holidays: Set<Day>, workdays: Set<Day>, years: Set<Int>) {
    self.holidays = holidays
    self.workdays = workdays
    self.years = years
    weekdayHolidays = holidays.filter { !$0.isWeekend }.map(\.ordinal).sorted()
    weekendWorkdays = workdays.filter { $0.isWeekend && !holidays.contains($0) }.map(\.ordinal).sorted()
  }

  public func isWorkingDay(_ day: Day) -> Bool {
    if holidays.contains(day) { return false }
    if day.isWeekend { return workdays.contains(day) }
    return true
  }

  /// The `count`-th working day after `day` (the day itself not counted), and the years crossed
  /// that have no calendar (counted with weekends only). `count` is at most
  /// `Duration.maximumAmount` when it comes from a rule file (the parser refuses more).
  public func adding(workingDays count: Int, after day: Day) -> (day: Day, uncovered: Set<Int>) {
    guard count > 0 else { return (day, []) }
    // The answer is the first x after `day` with workingDays(day, x) ≥ count. Every weekday not a
    // holiday is a working day, so `count + holidays` weekdays are always enough.
    var low = day.ordinal  // workingDays(day, low) < count
    var high = day.ordinal + WorkCalendar.span(ofWeekdays: count + weekdayHolidays.count)
    while high - low > 1 {
      let middle = low + (high - low) / 2
      if workingDays(after: day.ordinal, through: middle) >= count { high = middle } else { low = middle }
    }
    let result = Day(ordinal: high)
    var uncovered = Set<Int>()
    for year in day.adding(days: 1).year...result.year where !years.contains(year) { uncovered.insert(year) }
    return (result, uncovered)
  }

  /// The number of working days in `(start, end]` (ordinals).
  func workingDays(after start: Int, through end: Int) -> Int {
    guard end > start else { return 0 }
    let weekdays = WorkCalendar.weekdays(before: end + 1) - WorkCalendar.weekdays(before: start + 1)
    let removed = WorkCalendar.count(in: weekdayHolidays, after: start, through: end)
    let added = WorkCalendar.count(in: weekendWorkdays, after: start, through: end)
    return weekdays - removed + added
  }

  /// Monday to Friday among the days with ordinals below `ordinal`, counted from a fixed Monday
  /// (differences are what matter). Ordinal 0, 1970-01-01, was a Thursday, so ordinal −3 was a
  /// Monday.
  static func weekdays(before ordinal: Int) -> Int {
    let shifted = ordinal + 3
    let week = shifted >= 0 ? shifted / 7 : (shifted - 6) / 7
    return week * 5 + min(shifted - week * 7, 5)
  }

  /// Enough days to hold `count` weekdays, wherever they start.
  static func span(ofWeekdays count: Int) -> Int { count / 5 * 7 + count % 5 + 2 }

  /// How many of the ascending `ordinals` lie in `(start, end]`.
  static func count(in ordinals: [Int], after start: Int, through end: Int) -> Int {
    firstIndex(in: ordinals, above: end) - firstIndex(in: ordinals, above: start)
  }

  /// The index of the first element greater than `value`.
  static func firstIndex(in ordinals: [Int], above value: Int) -> Int {
    var low = 0
    var high = ordinals.count
    while low < high {
      let middle = (low + high) / 2
      if ordinals[middle] <= value { low = middle + 1 } else { high = middle }
    }
    return low
  }

  /// `day` plus a duration: calendar days, or working days after it.
  public func deadline(after day: Day, _ duration: Duration) -> (day: Day, uncovered: Set<Int>) {
    switch duration.unit {
    case .days: return (day.adding(days: duration.amount), [])
    case .workdays: return adding(workingDays: duration.amount, after: day)
    }
  }
}
