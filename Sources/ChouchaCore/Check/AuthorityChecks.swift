/// “清单之外无监管”: every item comes from an inspection power of its own department, cites laws
/// in force, and every inspection power is covered by an item unless it is exempt
/// (`001_c76bbbb05f97d70f.txt`, `002_5671d1eaef13b158.txt`).
enum AuthorityChecks {
  static func run(_ program: Program) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    var covered = CodeIndex()
    // Departments with an item whose authority is missing or undefined: that item probably meant
    // one of their uncovered powers, so W0205 stays quiet for them rather than cascade.
    var unsure = Set<String>()

    for item in program.items {
      let id = item.header.id
      if !item.header.isIncomplete, item.bases.isEmpty {
        diagnostics.append(
          Diagnostic(
            .E0204,
            Text(zh: "抽查事项“\(id.value)”没有法律依据", en: "item '\(id.value)' has no legal basis"), at: id.span,
            help: Text(
              zh: "加上一行 依据 法规编码 \"条款\"，如 依据 食品安全法 \"第一百一十条\"；抽查依据必须公开（《永州市推动“双随机、一公开”监管工作全覆盖的实施方案》（永政办函〔2019〕35号））",
              en: "add a line: basis LAW \"article\", such as basis 食品安全法 \"第一百一十条\"")))
      }
      if item.authority.flatMap({ program.authority($0.value) }) == nil, let department = item.department?.value {
        unsure.insert(department)
      }
      guard let reference = item.authority else {
        if !item.header.isIncomplete {
          diagnostics.append(
            Diagnostic(
              .E0201,
              Text(zh: "抽查事项“\(id.value)”没有对应的权责事项", en: "item '\(id.value)' cites no authority"),
              at: id.span,
              help: Text(
                zh: "加上一行 权责 权责编码；每个抽查事项都必须来自本部门权责清单中的行政检查事项（清单之外无监管）",
                en: "add a line: authority CODE; every item must come from an inspection power of the authority list")))
        }
        continue
      }
      guard let authority = program.authority(reference.value) else { continue }  // E0101 already
      covered[reference.value] = 1
      let authorityID = authority.header.id
      if let kind = authority.kind, kind.value != .inspection {
        diagnostics.append(
          Diagnostic(
            .E0201,
            Text(
              zh: "权责事项“\(authorityID.value)”是\(AuthorityKind.vocabulary.spelling(kind.value, .zh))，不是行政检查，不能作为抽查事项的来源",
              en: "authority '\(authorityID.value)' is a \(kind.value.rawValue) power, not an inspection power"),
            at: reference.span,
            labels: [.init(kind.span, Text(zh: "权责类型在此", en: "its kind is given here"))],
            help: Text(
              zh: "改为引用本部门类型为“行政检查”的权责事项（清单之外无监管）",
              en: "cite an authority of kind inspection instead")))
      }
      if let itemDepartment = item.department, let authorityDepartment = authority.department,
        itemDepartment.value != authorityDepartment.value, program.departmentIndex[itemDepartment.value] != nil
      {
        diagnostics.append(
          Diagnostic(
            .E0202,
            Text(
              zh: "抽查事项“\(id.value)”属于部门“\(itemDepartment.value)”，但其权责事项“\(authorityID.value)”属于部门“\(authorityDepartment.value)”",
              en: "item '\(id.value)' belongs to '\(itemDepartment.value)' but its authority '\(authorityID.value)' belongs to '\(authorityDepartment.value)'"),
            at: itemDepartment.span,
            labels: [.init(authorityDepartment.span, Text(zh: "权责事项的部门在此", en: "the authority's department"))],
            help: Text(
              zh: "谁审批、谁监管，谁主管、谁监管：把部门改为“\(authorityDepartment.value)”，或引用本部门的权责事项",
              en: "change the department to '\(authorityDepartment.value)', or cite an authority of '\(itemDepartment.value)'")))
      }
      if let exempt = authority.exempt {
        diagnostics.append(
          Diagnostic(
            .W0206,
            Text(
              zh: "权责事项“\(authorityID.value)”已豁免随机抽查，却有抽查事项“\(id.value)”引用它",
              en: "authority '\(authorityID.value)' is exempt from random inspection, yet item '\(id.value)' cites it"),
            at: reference.span,
            labels: [.init(exempt.span, Text(zh: "豁免原因在此", en: "exempt here"))],
            help: Text(zh: "删除该权责的“豁免”，或删除这个抽查事项", en: "remove the exemption, or remove this item")))
      }
    }

    for (index, authority) in program.authorities.enumerated()
    where authority.kind?.value == .inspection && authority.exempt == nil {
      let id = authority.header.id
      // A code defined twice is reported once, as E0102.
      guard covered[id.value] == nil, program.authorityIndex[id.value] == index,
        !unsure.contains(authority.department?.value ?? "")
      else { continue }
      diagnostics.append(
        Diagnostic(
          .W0205,
          Text(
            zh: "行政检查事项“\(id.value)”没有被任何抽查事项覆盖",
            en: "inspection power '\(id.value)' is not covered by any item"),
          at: id.span,
          help: Text(
            zh: "随机抽查事项清单应覆盖全部行政检查事项（《永州市推动“双随机、一公开”监管工作全覆盖的实施方案》（永政办函〔2019〕35号））：为它编写抽查事项，或写明 豁免 \"原因\"（如投诉举报、转办交办、专项检查）",
            en: "the item list must cover every inspection power: write an item for it, or add exempt \"reason\"")))
    }

    diagnostics += basesInForce(program)
    return diagnostics
  }

  /// E0203: a legal basis repealed before the plan window starts, or effective after it ends.
  static func basesInForce(_ program: Program) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    let plans = program.plansWithWindows
    guard !plans.isEmpty else { return [] }
    let inForce = program.laws.map { law in
      plans.allSatisfy { plan in
        (law.repealed.map { $0.value > plan.window.value.first } ?? true)
          && (law.effective.map { $0.value <= plan.window.value.last } ?? true)
      }
    }
    // The usual case: every law is in force; no basis needs looking at.
    guard inForce.contains(false) else { return [] }
    func check(_ bases: [Basis]) {
      for basis in bases {
        guard let index = program.lawIndex[basis.law.value] else { continue }
        let law = program.laws[index]
        // Most laws are in force throughout every plan: decide that once per law.
        if inForce[index] { continue }
        for (plan, window) in plans {
          if let repealed = law.repealed, repealed.value <= window.value.first {
            diagnostics.append(
              Diagnostic(
                .E0203,
                Text(
                  zh: "依据“\(basis.law.value)”已于 \(repealed.value) 废止，早于\(plan.year)年计划开始（\(window.value.first)）",
                  en: "'\(basis.law.value)' was repealed on \(repealed.value), before the \(plan.year) plan starts (\(window.value.first))"),
                at: basis.law.span,
                labels: [.init(repealed.span, Text(zh: "废止日期在此", en: "repealed here"))],
                help: Text(
                  zh: "法律法规立改废释后应及时调整抽查事项（《长春市商务局“双随机一公开”监管工作制度》）：改为引用现行有效的法规",
                  en: "cite the law in force instead (the list follows laws enacted, amended and repealed)")))
          } else if let effective = law.effective, effective.value > window.value.last {
            diagnostics.append(
              Diagnostic(
                .E0203,
                Text(
                  zh: "依据“\(basis.law.value)”自 \(effective.value) 起施行，晚于\(plan.year)年计划结束（\(window.value.last)）",
                  en: "'\(basis.law.value)' takes effect on \(effective.value), after the \(plan.year) plan ends (\(window.value.last))"),
                at: basis.law.span,
                labels: [.init(effective.span, Text(zh: "施行日期在此", en: "effective from here"))],
                help: Text(
                  zh: "计划期间内尚未施行的法规不能作为抽查依据：改为引用现行有效的法规，或核对施行日期",
                  en: "a law not yet in force cannot be a basis: cite the law in force, or check the date")))
          }
        }
      }
    }
    for authority in program.authorities { check(authority.bases) }
    for item in program.items { check(item.bases) }
    return diagnostics
  }
}
