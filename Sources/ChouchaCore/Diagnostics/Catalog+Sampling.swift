/// The catalog, family 03: sampling ratios, counts and frequencies. Ratios come in written out
/// (`5%`), as the rules show them.
extension Diagnostic {
  /// E0301: a count below 1.
  package static func countTooSmall(_ count: Int, at span: Span) -> Diagnostic {
    Diagnostic(
      .E0301,
      Text(zh: "抽查数量 \(count) 无效，至少为 1", en: "count \(count) is invalid; it must be at least 1"),
      at: span, help: Text(zh: "写一个正整数，如 数量 30", en: "write a positive whole number, such as count 30"))
  }

  /// E0301: a ratio outside 0%–100%.
  package static func ratioOutOfRange(_ ratio: String, at span: Span) -> Diagnostic {
    Diagnostic(
      .E0301,
      Text(zh: "比例 \(ratio) 超出 0%–100% 的范围", en: "ratio \(ratio) is outside 0%–100%"),
      at: span,
      help: Text(zh: "比例应在 0% 到 100% 之间；要抽查固定户数请写 数量 N", en: "a ratio lies between 0% and 100%; for a fixed number of targets write count N"))
  }

  /// W0302: a class of higher risk with a lower ratio than one of lower risk; one per map.
  /// - Parameters:
  ///   - higher: the riskier class and its ratio written out, at the ratio's span.
  ///   - lower: the less risky class and its ratio.
  ///   - classes: the plan's classes, least risky first.
  ///   - written: the map as written (`A 3%、B 2%`).
  package static func ratiosDecrease(
    higher: (riskClass: String, ratio: Located<String>), lower: (riskClass: String, ratio: Located<String>),
    classes: [String], written: String
  ) -> Diagnostic {
    Diagnostic(
      .W0302,
      Text(
        zh: "风险更高的 \(higher.riskClass) 类比例（\(higher.ratio.value)）低于 \(lower.riskClass) 类（\(lower.ratio.value)）",
        en: "class \(higher.riskClass) has a lower ratio (\(higher.ratio.value)) than the lower-risk class \(lower.riskClass) (\(lower.ratio.value))"),
      at: higher.ratio.span,
      labels: [.init(lower.ratio.span, Text(zh: "\(lower.riskClass) 类比例在此", en: "class \(lower.riskClass)"))],
      help: Text(
        zh: "信用风险越高，抽查比例应越高：“对重点检查事项、重要监管领域及高风险主体要通过加大比例和频次等监管措施”（\(CitedDocument.changan2024.at("二（三）"))）。按 \(classes.joined(separator: " ≤ ")) 递增设置（现为 \(written)）",
        en: "the higher the risk, the higher the ratio (\(CitedDocument.changan2024.atEn("二（三）"))): make them rise \(classes.joined(separator: " ≤ ")) (now \(written.replacingOccurrences(of: "、", with: ", ")))"))
  }

  /// W0302: the abnormal stratum's ratio (`异常 5%`) below the highest class ratio of its block.
  /// - Parameter highest: the class with the highest ratio and that ratio written out.
  package static func abnormalRatioBelowClasses(
    abnormal: Located<String>, highest: (riskClass: String, ratio: Located<String>)
  ) -> Diagnostic {
    Diagnostic(
      .W0302,
      Text(
        zh: "经营异常的比例（\(abnormal.value)）低于 \(highest.riskClass) 类（\(highest.ratio.value)）",
        en: "the abnormal-operation ratio (\(abnormal.value)) is lower than class \(highest.riskClass)'s (\(highest.ratio.value))"),
      at: abnormal.span,
      labels: [.init(highest.ratio.span, Text(zh: "\(highest.riskClass) 类比例在此", en: "class \(highest.riskClass)"))],
      help: Text(
        zh: "列入经营异常名录的主体应提高抽查比例（\(CitedDocument.changchunCommerce.at("第五条"))），它们自成一层、不再按分类抽取：比例至少为 \(highest.ratio.value)",
        en: "entities on the abnormal-operation list get a higher ratio (\(CitedDocument.changchunCommerce.atEn("第五条"))); they form their own stratum instead of their class's: make it at least \(highest.ratio.value)"))
  }

  /// E0303: class ratios that miss some of a plan's classes.
  package static func classRatiosMissing(
    owner: String, missing: [String], planYear: Int, classes: [String], at span: Span
  ) -> Diagnostic {
    Diagnostic(
      .E0303,
      Text(
        zh: "“\(owner)”的分类抽查比例缺少信用风险分类 \(missing.joined(separator: "、"))",
        en: "the class ratios of '\(owner)' miss class \(missing.joined(separator: ", "))"),
      at: span,
      help: Text(
        zh: "\(planYear)年计划的信用风险分类为 \(classes.joined(separator: "、"))，每一类都要写比例（该类不抽查时写 0%）",
        en: "the \(planYear) plan has classes \(classes.joined(separator: ", ")); give each a ratio (0% if the class is not drawn)"))
  }

  /// E0303: a class ratio for a class the plan does not have.
  package static func riskClassNotInPlan(
    _ riskClass: Located<String>, planYear: Int, classes: [String], suggestion: String?
  ) -> Diagnostic {
    let help = Text(
      zh: "\(planYear)年计划的信用风险分类为 \(classes.joined(separator: "、"))",
      en: "the \(planYear) plan has classes \(classes.joined(separator: ", "))")
    return Diagnostic(
      .E0303,
      Text(zh: "计划中没有信用风险分类“\(riskClass.value)”", en: "the plan has no risk class '\(riskClass.value)'"),
      at: riskClass.span, help: Suggest.help(suggestion, help))
  }

  /// E0304: both a ratio and a count.
  /// - Parameter ratio: where the ratio is given, if it is.
  package static func ratioAndCount(item: String, at count: Span, ratio: Span?) -> Diagnostic {
    Diagnostic(
      .E0304,
      Text(zh: "抽查事项“\(item)”同时写了抽查比例和抽查数量", en: "item '\(item)' gives both a ratio and a count"),
      at: count, labels: ratio.map { [.init($0, Text(zh: "比例在此", en: "ratio given here"))] } ?? [],
      help: Text(zh: "只保留“比例”或“数量”其中之一", en: "keep either the ratio or the count"))
  }

  /// E0304: an item without a ratio or a count.
  package static func itemWithoutSampling(_ item: Located<String>) -> Diagnostic {
    Diagnostic(
      .E0304,
      Text(zh: "抽查事项“\(item.value)”没有抽查比例或数量", en: "item '\(item.value)' has no ratio or count"),
      at: item.span,
      help: Text(
        zh: "“逐项提出具体的抽查比例”（\(CitedDocument.changchunCommerce.at("第五条"))）：加上 比例 5%，或按信用风险分类 比例 { A 3%  B 5%  C 10%  D 20% }，或 数量 30",
        en: "give each item a specific ratio (\(CitedDocument.changchunCommerce.atEn("第五条"))): add ratio 5%, or ratio { A 3%  B 5%  C 10%  D 20% }, or count 30"))
  }

  /// E0305: a frequency below 1.
  package static func frequencyTooSmall(owner: String, _ value: Located<Int>) -> Diagnostic {
    Diagnostic(
      .E0305,
      Text(zh: "“\(owner)”的次数 \(value.value) 无效，至少为 1", en: "'\(owner)': \(value.value) is invalid; it must be at least 1"),
      at: value.span, help: Text(zh: "写每年的次数，至少为 1，如 频次 1", en: "write times per year, at least 1, such as frequency 1"))
  }

  /// The counts of a plan that are at least 1.
  package enum PlanCount: Sendable {
    case maxVisits, inspectorsPerVisit, enterpriseBase, maxPoints
  }

  /// E0305: a count of the plan below 1 (最多检查, 每户人数, 企业基数, 每户最多要点), with the help
  /// that says what that field counts.
  package static func planCountTooSmall(owner: String, field: PlanCount, _ value: Located<Int>) -> Diagnostic {
    let (zh, en): (String, String)
    switch field {
    case .maxVisits: (zh, en) = ("最多检查", "max-visits")
    case .inspectorsPerVisit: (zh, en) = ("每户人数", "inspectors-per-visit")
    case .enterpriseBase: (zh, en) = ("企业基数", "enterprise-base")
    case .maxPoints: (zh, en) = ("每户最多要点", "max-points")
    }
    let help: Text
    switch field {
    case .maxVisits:
      help = Text(
        zh: "写同一主体一年内最多被抽查的次数，至少为 1，如 最多检查 2",
        en: "write how many times a year one entity may be inspected at most, at least 1, such as max-visits 2")
    case .inspectorsPerVisit:
      help = Text(
        zh: "写每户派出的执法人员数，至少为 1，如 每户人数 2",
        en: "write how many inspectors go to each entity, at least 1, such as inspectors-per-visit 2")
    case .enterpriseBase:
      help = Text(
        zh: "写上一年末辖区的企业数（覆盖率的分母），至少为 1，如 企业基数 468；不知道时删去这个字段，覆盖率按检查对象名录的行数计算",
        en: "write the enterprises at the end of the previous year (the base of the coverage), at least 1, such as enterprise-base 468; if unknown, remove the field and the coverage is counted on the directory's rows")
    case .maxPoints:
      help = Text(
        zh: "写一张合并检查表最多的要点数，至少为 1，如 每户最多要点 25；不设上限时删去这个字段",
        en: "write the most points one merged sheet may have, at least 1, such as max-points 25; for no cap, remove the field")
    }
    return Diagnostic(
      .E0305,
      Text(zh: "“\(owner)”的\(zh) \(value.value) 无效，至少为 1", en: "'\(owner)': \(en) \(value.value) is invalid; it must be at least 1"),
      at: value.span, help: help)
  }

  /// E0305: a frequency above the days of the window it is drawn over: each round (one per time
  /// a year) has its own part of the window, at least a day.
  /// - Parameter window: the shortest window it is drawn over, and where it is written.
  package static func frequencyAboveDays(
    owner: String, _ value: Located<Int>, days: Int, window: (first: String, last: String, span: Span)
  ) -> Diagnostic {
    Diagnostic(
      .E0305,
      Text(
        zh: "“\(owner)”的频次 \(value.value) 多于抽查时间的天数（\(window.first) 至 \(window.last)，\(days) 天）",
        en: "'\(owner)': frequency \(value.value) is more than the days of its window (\(window.first) to \(window.last), \(days) days)"),
      at: value.span, labels: [.init(window.span, Text(zh: "抽查时间在此", en: "the window"))],
      help: Text(
        zh: "每一次（轮）抽查占抽查时间的一段，至少一天：把频次改为不超过 \(days)，或放宽抽查时间",
        en: "each round takes its own part of the window, a day at least: make the frequency at most \(days), or widen the window"))
  }
}
