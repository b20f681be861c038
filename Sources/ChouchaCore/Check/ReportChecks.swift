/// Family 09, the monthly reports (`月报`): each is of a month of a planned year (E0910), and its
/// meetings are of that month (E0910). An undefined department is E0101 and a second report of a
/// unit and month E0102, both reported by `Resolver`.
enum ReportChecks {
  static func run(_ program: Program) -> [Diagnostic] {
    guard !program.monthlyReports.isEmpty else { return [] }
    let years = Set(program.plans.map(\.year)).sorted()
    var diagnostics: [Diagnostic] = []
    for report in program.monthlyReports {
      guard let month = report.month else { continue }
      let department = report.header.id.value
      if !years.contains(month.value.year) {
        diagnostics.append(.monthlyReportOutsidePlan(Located(month.value.description, month.span), department: department, years: years))
      }
      let days = month.value.days
      for meeting in report.meetings {
        guard let date = meeting.date, !days.contains(date.value) else { continue }
        diagnostics.append(
          .meetingOutsideMonth(Located(date.value.description, date.span), month: month.value.description, department: department))
      }
    }
    return diagnostics
  }
}
