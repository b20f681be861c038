/// Runs every family of checks over a resolved program. Each family is a file of its own and
/// reports every independent problem it finds; none stops at the first.
public enum Checker {
  /// - Parameter fallback: where to report a problem of the whole repository, such as a missing
  ///   plan (the start of the first file).
  /// - Parameter toVerify: the to-verify comments of the rule files (`SyntaxFile.toVerify`).
  public static func check(_ program: Program, fallback: Span, toVerify: [Span] = []) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    diagnostics += AuthorityChecks.run(program)
    diagnostics += SamplingChecks.run(program)
    diagnostics += BundleChecks.run(program)
    diagnostics += CheckPointChecks.run(program)
    diagnostics += PlanChecks.run(program, fallback: fallback)
    diagnostics += ImportChecks.run(toVerify: toVerify)
    diagnostics += ResultChecks.run(program)
    diagnostics += ReportChecks.run(program)
    return diagnostics
  }
}

extension Program {
  /// The department of an item as written, when that department exists.
  func departmentID(of item: Item) -> String? {
    guard let name = item.department?.value, departmentIndex[name] != nil else { return nil }
    return name
  }

  /// Plans with a window, which the window-dependent checks are run against.
  var plansWithWindows: [(plan: Plan, window: Located<DayRange>)] {
    plans.compactMap { plan in plan.window.map { (plan, $0) } }
  }
}
