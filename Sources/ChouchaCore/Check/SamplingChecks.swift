/// Ratios, counts and frequencies: “逐项提出具体的抽查比例” (`002_5671d1eaef13b158.txt`), and ratios
/// that rise with the credit risk (`004_b31388ab013bb8b5.txt`).
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
        diagnostics.append(
          Diagnostic(
            .E0304,
            Text(zh: "抽查事项“\(id.value)”同时写了抽查比例和抽查数量", en: "item '\(id.value)' gives both a ratio and a count"),
            at: conflict, labels: item.sampling.map { [.init($0.span, Text(zh: "比例在此", en: "ratio given here"))] } ?? [],
            help: Text(zh: "只保留“比例”或“数量”其中之一", en: "keep either the ratio or the count")))
      } else if item.sampling == nil, !item.header.isIncomplete {
        diagnostics.append(
          Diagnostic(
            .E0304,
            Text(zh: "抽查事项“\(id.value)”没有抽查比例或数量", en: "item '\(id.value)' has no ratio or count"),
            at: id.span,
            help: Text(
              zh: "逐项提出具体的抽查比例（《长春市商务局“双随机一公开”监管工作制度》）：加上 比例 5%，或按信用风险分类 比例 { A 3%  B 5%  C 10%  D 20% }，或 数量 30",
              en: "add ratio 5%, or ratio { A 3%  B 5%  C 10%  D 20% }, or count 30")))
      }
      if let sampling = item.sampling { check(sampling, owner: id, classLists: classLists, into: &diagnostics) }
      if let frequency = item.frequency { checkFrequency(frequency, owner: id, into: &diagnostics) }
    }
    for bundle in program.bundles {
      if let sampling = bundle.sampling { check(sampling, owner: bundle.header.id, classLists: classLists, into: &diagnostics) }
      if let frequency = bundle.frequency { checkFrequency(frequency, owner: bundle.header.id, into: &diagnostics) }
    }
    for plan in program.plans {
      if let coverage = plan.minCoverage { checkRange(coverage, into: &diagnostics) }
      if let visits = plan.maxVisits { checkFrequency(visits, owner: plan.header.id, into: &diagnostics) }
      if let inspectors = plan.inspectorsPerVisit { checkFrequency(inspectors, owner: plan.header.id, into: &diagnostics) }
    }
    return diagnostics
  }

  static func check(_ sampling: Sampling, owner: Name, classLists: [(year: Int, classes: [String])], into diagnostics: inout [Diagnostic]) {
    switch sampling {
    case .ratio(let ratio):
      checkRange(ratio, into: &diagnostics)
    case .count(let count):
      if count.value < 1 {
        diagnostics.append(
          Diagnostic(
            .E0301,
            Text(zh: "抽查数量 \(count.value) 无效，至少为 1", en: "count \(count.value) is invalid; it must be at least 1"),
            at: count.span, help: Text(zh: "写一个正整数，如 数量 30", en: "write a positive whole number, such as count 30")))
      }
    case .perClass(let entries, let span):
      for entry in entries { checkRange(entry.ratio, into: &diagnostics) }
      // A handful of classes: linear searches beat hashing.
      for (index, entry) in entries.enumerated() {
        if let first = entries[..<index].first(where: { $0.riskClass.value == entry.riskClass.value }) {
          diagnostics.append(Resolver.duplicate(entry.riskClass, first: first.riskClass, kind: nil))
        }
      }
      for (year, classes) in classLists {
        let missing = classes.filter { riskClass in !entries.contains { $0.riskClass.value == riskClass } }
        if !missing.isEmpty {
          diagnostics.append(
            Diagnostic(
              .E0303,
              Text(
                zh: "“\(owner.value)”的分类抽查比例缺少信用风险分类 \(missing.joined(separator: "、"))",
                en: "the class ratios of '\(owner.value)' miss class \(missing.joined(separator: ", "))"),
              at: span,
              help: Text(
                zh: "\(year)年计划的信用风险分类为 \(classes.joined(separator: "、"))，每一类都要写比例（该类不抽查时写 0%）",
                en: "the \(year) plan has classes \(classes.joined(separator: ", ")); give each a ratio (0% if the class is not drawn)")))
        }
        for entry in entries where !classes.contains(entry.riskClass.value) {
          var help = Text(
            zh: "\(year)年计划的信用风险分类为 \(classes.joined(separator: "、"))",
            en: "the \(year) plan has classes \(classes.joined(separator: ", "))")
          help = Suggest.help(Suggest.closest(to: entry.riskClass.value, among: classes), help)
          diagnostics.append(
            Diagnostic(
              .E0303,
              Text(
                zh: "计划中没有信用风险分类“\(entry.riskClass.value)”",
                en: "the plan has no risk class '\(entry.riskClass.value)'"),
              at: entry.riskClass.span, help: help))
        }
        // Ratios should not fall as the risk rises: A ≤ B ≤ C ≤ D. One warning per map, at the
        // first fall, however many pairs are out of order (a reversed map is one mistake).
        let ordered = classes.compactMap { riskClass in entries.first { $0.riskClass.value == riskClass } }
        let falls = zip(ordered, ordered.dropFirst()).filter { $0.1.ratio.value < $0.0.ratio.value }
        if let (lower, higher) = falls.first {
          let written = ordered.map { "\($0.riskClass.value) \($0.ratio.value)" }.joined(separator: "、")
          diagnostics.append(
            Diagnostic(
              .W0302,
              Text(
                zh: "风险更高的 \(higher.riskClass.value) 类比例（\(higher.ratio.value)）低于 \(lower.riskClass.value) 类（\(lower.ratio.value)）",
                en: "class \(higher.riskClass.value) has a lower ratio (\(higher.ratio.value)) than the lower-risk class \(lower.riskClass.value) (\(lower.ratio.value))"),
              at: higher.ratio.span,
              labels: [.init(lower.ratio.span, Text(zh: "\(lower.riskClass.value) 类比例在此", en: "class \(lower.riskClass.value)"))],
              help: Text(
                zh: "信用风险越高，抽查比例应越高（《2024年石家庄市长安区“双随机、一公开”监管工作实施方案》（长双随机办〔2024〕3号））：按 \(classes.joined(separator: " ≤ ")) 递增设置（现为 \(written)）",
                en: "the higher the risk, the higher the ratio: make them rise \(classes.joined(separator: " ≤ ")) (now \(written))")))
        }
      }
    }
  }

  static func checkRange(_ ratio: Located<Ratio>, into diagnostics: inout [Diagnostic]) {
    guard ratio.value.perMillion < 0 || ratio.value.perMillion > Ratio.whole else { return }
    diagnostics.append(
      Diagnostic(
        .E0301,
        Text(zh: "比例 \(ratio.value) 超出 0%–100% 的范围", en: "ratio \(ratio.value) is outside 0%–100%"),
        at: ratio.span,
        help: Text(zh: "比例应在 0% 到 100% 之间；要抽查固定户数请写 数量 N", en: "a ratio lies between 0% and 100%; for a fixed number of targets write count N")))
  }

  static func checkFrequency(_ value: Located<Int>, owner: Name, into diagnostics: inout [Diagnostic]) {
    guard value.value < 1 else { return }
    diagnostics.append(
      Diagnostic(
        .E0305,
        Text(zh: "“\(owner.value)”的次数 \(value.value) 无效，至少为 1", en: "'\(owner.value)': \(value.value) is invalid; it must be at least 1"),
        at: value.span, help: Text(zh: "写每年的次数，至少为 1，如 频次 1", en: "write times per year, at least 1, such as frequency 1")))
  }
}
