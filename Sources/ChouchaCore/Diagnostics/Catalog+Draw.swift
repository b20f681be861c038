/// The catalog, family 07: the draw — staffing, and what the directories of a published draw
/// lack or hold that a draw today would refuse (E0602 and E0102 in the current reading).
extension Diagnostic {
  /// E0701: a drawn target that cannot get `perVisit` officers of `department`.
  /// - Parameter required: the expertise the task requires.
  package static func unstaffed(
    task: String, target: Located<String>, code: String, department: String, perVisit: Int, available: Int,
    required: Set<String>
  ) -> Diagnostic {
    Diagnostic(
      .E0701,
      Text(
        zh: "任务“\(task)”抽中的“\(Shown.text(target.value))”（\(code)）无法配足 \(perVisit) 名“\(department)”的执法人员（只有 \(available) 名可用）",
        en: "task '\(task)': '\(Shown.text(target.value))' (\(code)) cannot get \(perVisit) inspectors of '\(department)' (\(available) available)"),
      at: target.span,
      help: Text(
        zh: "在执法检查人员名录中为“\(department)”增加持证、具备专长\(required.isEmpty ? "" : "（\(required.sorted().joined(separator: "、"))）")且不需回避的人员",
        en: "add certified inspectors of '\(department)'\(required.isEmpty ? "" : " with \(required.sorted().joined(separator: ", "))") who need not recuse themselves"))
  }

  /// Why officers of a department are not candidates for a target (E0701 in v2): counts per
  /// reason and the first five names, in directory order.
  package struct NotCandidates: Sendable {
    package enum Reason: Sendable {
      case noCertificate, missingSpecialty, recusal

      var text: Text {
        switch self {
        case .noCertificate: return Text(zh: "未持执法证", en: "no certificate")
        case .missingSpecialty: return Text(zh: "缺少专长", en: "missing specialty")
        case .recusal: return Text(zh: "需回避", en: "recusal")
        }
      }
    }

    package var noCertificate = 0
    package var missingSpecialty = 0
    package var recusal = 0
    package var named: [(name: String, reason: Reason)] = []
    package static let namesShown = 5

    package init() {}

    package mutating func add(_ name: String, _ reason: Reason) {
      switch reason {
      case .noCertificate: noCertificate += 1
      case .missingSpecialty: missingSpecialty += 1
      case .recusal: recusal += 1
      }
      if named.count < Self.namesShown { named.append((name, reason)) }
    }

    var total: Int { noCertificate + missingSpecialty + recusal }
  }

  /// E0701 (v2): a drawn target with fewer candidates of `department` than `perVisit`, with why
  /// the others are not candidates.
  /// - Parameter required: the expertise the task requires of the department.
  package static func unstaffed(
    task: String, target: Located<String>, code: String, department: String, perVisit: Int, candidates: Int,
    required: Set<String>, reasons: NotCandidates
  ) -> Diagnostic {
    let specialties = required.sorted()
    let names = reasons.named.map { (name: Shown.text($0.name), reason: $0.reason.text) }
    let more = reasons.total - names.count
    let listZh =
      names.isEmpty
      ? "" : "（" + names.map { "\($0.name)：\($0.reason.zh)" }.joined(separator: "，") + (more > 0 ? "，另有 \(more) 名" : "") + "）"
    let listEn =
      names.isEmpty
      ? "" : " (" + names.map { "\($0.name): \($0.reason.en)" }.joined(separator: ", ") + (more > 0 ? ", and \(more) more" : "") + ")"
    let specialtyZh = specialties.isEmpty ? "" : "（\(specialties.joined(separator: "、"))）"
    let specialtyEn = specialties.isEmpty ? "" : " (\(specialties.joined(separator: ", ")))"
    return Diagnostic(
      .E0701,
      Text(
        zh: "任务“\(task)”抽中的“\(Shown.text(target.value))”（\(code)）只有 \(candidates) 名“\(department)”的执法人员可选，需要 \(perVisit) 名："
          + "未持执法证 \(reasons.noCertificate) 名，缺少专长\(specialtyZh)\(specialtyZh.isEmpty ? " " : "")\(reasons.missingSpecialty) 名，需回避 \(reasons.recusal) 名\(listZh)",
        en: "task '\(task)': '\(Shown.text(target.value))' (\(code)) has \(candidates) candidate(s) of '\(department)', \(perVisit) needed: "
          + "\(reasons.noCertificate) without a certificate, \(reasons.missingSpecialty) missing a specialty\(specialtyEn), \(reasons.recusal) recused\(listEn)"),
      at: target.span,
      help: Text(
        zh: "在执法检查人员名录中为“\(department)”增加 \(perVisit - candidates) 名以上持证、具备专长\(specialtyZh)且不需回避该对象的人员（或为上面的人员补上执法证号、专长），或在计划中减少每户人数",
        en: "add at least \(perVisit - candidates) certified inspector(s) of '\(department)'\(specialtyEn.isEmpty ? "" : " with" + specialtyEn) who need not recuse themselves (or give those above their certificate or specialty), or lower inspectors-per-visit in the plan"))
  }

  /// W0702: a published draw's directory heading close to a column it lacks (E0602 today,
  /// `directoryHeadingUnknown`).
  package static func directoryHeadingUnknownPublished(_ heading: Located<String>, what: Text, suggestion: String?) -> Diagnostic {
    Diagnostic(
      .W0702,
      Text(
        zh: "\(what.zh)的列名“\(Shown.text(heading.value))”不是已知的列：已公布的抽取没有读取这一列",
        en: "the \(what.en)'s heading '\(Shown.text(heading.value))' names no known column: the published draw did not read it"),
      at: heading.span, help: directoryHeadingHelp(suggestion))
  }

  /// W0702: a directory without an optional column that is a safeguard.
  /// - Parameters:
  ///   - column: the column's heading (回避).
  ///   - consequence: what its absence means (不做回避检查).
  package static func directoryLacksSafeguard(what: Text, column: String, consequence: Text, at span: Span) -> Diagnostic {
    Diagnostic(
      .W0702,
      Text(zh: "\(what.zh)没有“\(column)”列：\(consequence.zh)", en: "the \(what.en) has no column \(column): \(consequence.en)"),
      at: span,
      help: Text(zh: "在第一行加上列名“\(column)”（没有内容的单元格留空）", en: "add the heading \(column) to the first row (leave cells empty where there is nothing)"))
  }

  /// W0702: a published draw's directory cell holding a control or bidi character (E0602
  /// today, `directoryInvisibleCharacter`).
  package static func directoryInvisibleCharacterPublished(
    _ scalar: Unicode.Scalar, place: DirectoryPlace, what: Text, more: Int, at span: Span
  ) -> Diagnostic {
    let name = Shown.name(scalar)
    let place = place.text
    return Diagnostic(
      .W0702,
      Text(
        zh: "\(what.zh)\(place.zh)有\(name.zh)" + (more > 0 ? "（这一行还有 \(more) 个这类字符）" : "")
          + "：已公布的抽取照原样读取了这一格，今天的抽取会拒绝它",
        en: "\(place.en) of the \(what.en) holds \(name.en)" + (more > 0 ? " (\(more) more such characters on this row)" : "")
          + ": the published draw read the cell as it is; a draw today refuses it"),
      at: span, help: directoryInvisibleHelp)
  }

  /// W0702: a certificate number twice in a published draw's inspector directory (E0102 today,
  /// `duplicateCertificate`).
  package static func duplicateCertificatePublished(_ certificate: Located<String>, row: Int, first: Span) -> Diagnostic {
    Diagnostic(
      .W0702,
      Text(
        zh: "执法证号“\(Shown.text(certificate.value))”在名录中出现两次（第 \(row) 行）：已公布的抽取把两行都当作可选派的人员",
        en: "certificate '\(Shown.text(certificate.value))' appears twice (row \(row)): the published draw took both rows as officers"),
      at: certificate.span, labels: [.init(first, Text(zh: "第一次出现在这里", en: "first here"))],
      help: duplicateCertificateHelp)
  }

  /// W0703: a task asks for more entities of a stratum than it has (a count above the
  /// population, or a class emptied by max-visits); the draw takes all it can.
  /// - Parameters:
  ///   - stratum: a risk class, or nil for the whole population (a count).
  ///   - skipped: of the population, entities skipped as already visited max-visits times.
  package static func shortPopulation(
    task: String, stratum: String?, asked: Int, population: Int, skipped: Int, drawn: Int, count: Int?, at span: Span,
    abnormal: Bool = false
  ) -> Diagnostic {
    let stratumText =
      abnormal
      ? Text(zh: "列入经营异常名录的对象", en: "the abnormal-operation stratum")
      : stratum.map { Text(zh: "信用风险分类为 \($0) 的对象", en: "risk class \($0)") } ?? Text(zh: "全部对象", en: "all risk classes")
    let skippedText =
      skipped > 0
      ? Text(zh: "，其中 \(skipped) 户已达每户最多检查次数被跳过", en: ", \(skipped) of them skipped as already visited max-visits times")
      : Text(zh: "", en: "")
    let help: Text
    if let count, stratum == nil, count > population {
      help = Text(
        zh: "把规则中的“数量 \(count)”改为不超过 \(population)（如“数量 \(max(1, population))”），或核对检查对象名录的“行业”“标签”是否漏了应抽查的对象",
        en: "lower 'count \(count)' in the rules to at most \(population) (such as 'count \(max(1, population))'), or check that the target directory's 行业 and 标签 list every entity the task covers")
    } else {
      help = Text(
        zh: "这一层的对象已被前面的任务抽满：提高计划的“最多检查”，或接受少抽并在结果中说明",
        en: "earlier tasks used up this stratum: raise the plan's max-visits, or accept the smaller sample and say so in the results")
    }
    return Diagnostic(
      .W0703,
      Text(
        zh: "任务“\(task)”在\(stratumText.zh)中要抽取 \(asked) 户，总体只有 \(population) 户\(skippedText.zh)：抽取了可抽的全部 \(drawn) 户",
        en: "task '\(task)' asks for \(asked) entities of \(stratumText.en), its population has \(population)\(skippedText.en): all \(drawn) that could be drawn were drawn"),
      at: span, help: help)
  }

  /// W0704: the draw's coverage (distinct entities ÷ base), overall or of a department, below the
  /// plan's 最低覆盖率: both figures and how many more entities reach it.
  /// - Parameters:
  ///   - department: nil for the draw as a whole.
  ///   - fromDirectory: the base is the target directory's rows (no 企业基数 in the plan).
  package static func coverageBelowMinimum(
    department: String?, entities: Int, base: Int, coverage: String, minimum: String, more: Int, fromDirectory: Bool,
    at span: Span
  ) -> Diagnostic {
    let whose = department.map { Text(zh: "部门“\($0)”", en: "department \($0)'s") } ?? Text(zh: "本次抽取", en: "the draw's")
    let baseText =
      fromDirectory
      ? Text(zh: "检查对象名录的 \(base) 户（计划没有写企业基数）", en: "the target directory's \(base) rows (the plan gives no enterprise-base)")
      : Text(zh: "企业基数 \(base) 户", en: "the enterprise base of \(base)")
    return Diagnostic(
      .W0704,
      Text(
        zh: "\(whose.zh)覆盖率 \(coverage)（抽中 \(entities) 户 ÷ \(baseText.zh)）低于计划的最低覆盖率 \(minimum)：还差 \(more) 户",
        en: "\(whose.en) coverage \(coverage) (\(entities) entities drawn ÷ \(baseText.en)) is below the plan's minimum \(minimum): \(more) more entities are needed"),
      at: span,
      help: Text(
        zh: "提高有关事项的抽查比例或数量，使抽中的不同对象至少再多 \(more) 户；上级部门下派的抽查也计入全年覆盖率（\(CitedDocument.changan2024.at("二（四）"))），在结果汇总时核对",
        en: "raise the ratios or counts of the items concerned so that at least \(more) more distinct entities are drawn; inspections assigned from above count toward the year's coverage too (\(CitedDocument.changan2024.atEn("二（四）"))), checked with the results"))
  }
}
