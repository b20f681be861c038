/// Ratios, counts and frequencies: “逐项提出具体的抽查比例” (`CitedDocument.changchunCommerce`), and ratios
/// that rise with the credit risk (`CitedDocument.changan2024`).
enum SamplingChecks {
  static func run(_ program: Program) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    // Class lists in force, deduplicated: most repositories have one plan.
    var classLists: [(year: Int, classes: [String])] = []
    for plan in program.plans where !classLists.contains(where: { $0.classes == plan.riskClasses }) {
      classLists.append((plan.year, plan.riskClasses))
    }

    for item in program.items {
      let id = item.header.id
      if let conflict = item.conflictingSampling {
        diagnostics.append(.ratioAndCount(item: id.value, at: conflict, ratio: item.sampling?.span))
      } else if item.sampling == nil, !item.header.isIncomplete {
        diagnostics.append(.itemWithoutSampling(id))
      }
      if let sampling = item.sampling { check(sampling, owner: id, classLists: classLists, into: &diagnostics) }
      if let frequency = item.frequency { checkFrequency(frequency, owner: id, into: &diagnostics) }
    }
    for bundle in program.bundles {
      if let sampling = bundle.sampling { check(sampling, owner: bundle.header.id, classLists: classLists, into: &diagnostics) }
      if let frequency = bundle.frequency { checkFrequency(frequency, owner: bundle.header.id, into: &diagnostics) }
    }
    checkRounds(program, into: &diagnostics)
    for plan in program.plans {
      if let coverage = plan.minCoverage { checkRange(coverage, into: &diagnostics) }
      let counts: [(Diagnostic.PlanCount, Located<Int>?)] = [
        (.maxVisits, plan.maxVisits), (.inspectorsPerVisit, plan.inspectorsPerVisit),
        (.enterpriseBase, plan.enterpriseBase), (.maxPoints, plan.maxPoints),
      ]
      for case (let field, let value?) in counts where value.value < 1 {
        diagnostics.append(.planCountTooSmall(owner: plan.header.id.value, field: field, value))
      }
    }
    return diagnostics
  }

  static func check(_ sampling: Sampling, owner: Name, classLists: [(year: Int, classes: [String])], into diagnostics: inout [Diagnostic]) {
    switch sampling {
    case .ratio(let ratio):
      checkRange(ratio, into: &diagnostics)
    case .count(let count):
      if count.value < 1 {
        diagnostics.append(.countTooSmall(count.value, at: count.span))
      }
    case .perClass(let all, let span):
      for entry in all { checkRange(entry.ratio, into: &diagnostics) }
      // A handful of classes: linear searches beat hashing. `异常` and `abnormal` are one stratum.
      for (index, entry) in all.enumerated() {
        if let first = all[..<index].first(where: {
          $0.isAbnormal == entry.isAbnormal && ($0.isAbnormal || $0.riskClass.value == entry.riskClass.value)
        }) {
          diagnostics.append(.duplicateRiskClass(entry.riskClass, first: first.riskClass))
        }
      }
      let entries = all.filter { !$0.isAbnormal }
      // The abnormal stratum (经营异常名录) is riskier than any class: its ratio is not below theirs.
      if let abnormal = all.first(where: \.isAbnormal), let highest = entries.max(by: { $0.ratio.value < $1.ratio.value }),
        abnormal.ratio.value < highest.ratio.value
      {
        diagnostics.append(
          .abnormalRatioBelowClasses(
            abnormal: Located(abnormal.ratio.value.description, abnormal.ratio.span),
            highest: (highest.riskClass.value, Located(highest.ratio.value.description, highest.ratio.span))))
      }
      for (year, classes) in classLists {
        let missing = classes.filter { riskClass in !entries.contains { $0.riskClass.value == riskClass } }
        if !missing.isEmpty {
          diagnostics.append(
            .classRatiosMissing(owner: owner.value, missing: missing, planYear: year, classes: classes, at: span))
        }
        for entry in entries where !classes.contains(entry.riskClass.value) {
          diagnostics.append(
            .riskClassNotInPlan(
              entry.riskClass, planYear: year, classes: classes,
              suggestion: Suggest.closest(to: entry.riskClass.value, among: classes)))
        }
        // Ratios should not fall as the risk rises: A ≤ B ≤ C ≤ D. One warning per map, at the
        // first fall, however many pairs are out of order (a reversed map is one mistake).
        let ordered = classes.compactMap { riskClass in entries.first { $0.riskClass.value == riskClass } }
        let falls = zip(ordered, ordered.dropFirst()).filter { $0.1.ratio.value < $0.0.ratio.value }
        if let (lower, higher) = falls.first {
          let written = ordered.map { "\($0.riskClass.value) \($0.ratio.value)" }.joined(separator: "、")
          diagnostics.append(
            .ratiosDecrease(
              higher: (higher.riskClass.value, Located(higher.ratio.value.description, higher.ratio.span)),
              lower: (lower.riskClass.value, Located(lower.ratio.value.description, lower.ratio.span)),
              classes: classes, written: written))
        }
      }
    }
  }

  static func checkRange(_ ratio: Located<Ratio>, into diagnostics: inout [Diagnostic]) {
    guard ratio.value.perMillion < 0 || ratio.value.perMillion > Ratio.whole else { return }
    diagnostics.append(.ratioOutOfRange(ratio.value.description, at: ratio.span))
  }

  static func checkFrequency(_ value: Located<Int>, owner: Name, into diagnostics: inout [Diagnostic]) {
    guard value.value < 1 else { return }
    diagnostics.append(.frequencyTooSmall(owner: owner.value, value))
  }

  /// A task is drawn once per time a year, each round on its own part of the window: a frequency
  /// above the window's days leaves rounds without a day. An item's task window is the plan's, or
  /// its bundle's; a bundle's frequency is its own or its items' highest.
  static func checkRounds(_ program: Program, into diagnostics: inout [Diagnostic]) {
    let plans = program.plansWithWindows
    func days(_ range: DayRange) -> Int { range.last.ordinal - range.first.ordinal + 1 }
    func check(_ frequency: Located<Int>, owner: String, windows: [(DayRange, Span)]) {
      // The shortest window the frequency is drawn over, if any is too short.
      guard let (window, span) = windows.filter({ days($0.0) >= 1 }).min(by: { days($0.0) < days($1.0) }),
        frequency.value > days(window)
      else { return }
      diagnostics.append(.frequencyAboveDays(owner: owner, frequency, days: days(window), window: (window.first.description, window.last.description, span)))
    }
    var bundled: [String: [(DayRange, Span)]] = [:]
    for bundle in program.bundles {
      let windows = bundle.window.map { [($0.value, $0.span)] } ?? plans.map { ($0.window.value, $0.window.span) }
      if let frequency = bundle.frequency {
        check(frequency, owner: bundle.header.id.value, windows: windows)
      } else {
        for item in bundle.items { bundled[item.value, default: []] += windows }
      }
    }
    for item in program.items {
      guard let frequency = item.frequency else { continue }
      let windows = bundled[item.header.id.value] ?? plans.map { ($0.window.value, $0.window.span) }
      check(frequency, owner: item.header.id.value, windows: windows)
    }
  }
}
