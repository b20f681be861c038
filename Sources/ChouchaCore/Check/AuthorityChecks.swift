/// “清单之外无监管”: every item comes from an inspection power of its own department, cites laws
/// in force, and every inspection power is covered by an item unless it is exempt
/// (`CitedDocument.yongzhou2019`, `CitedDocument.changchunCommerce`).
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
        diagnostics.append(.itemWithoutBasis(id))
      }
      if item.authority.flatMap({ program.authority($0.value) }) == nil, let department = item.department?.value {
        unsure.insert(department)
      }
      guard let reference = item.authority else {
        if !item.header.isIncomplete {
          diagnostics.append(.itemWithoutAuthority(id))
        }
        continue
      }
      guard let authority = program.authority(reference.value) else { continue }  // E0101 already
      covered[reference.value] = 1
      let authorityID = authority.header.id
      if let kind = authority.kind, kind.value != .inspection {
        diagnostics.append(
          .authorityNotInspection(
            authorityID.value, kind: Text(zh: AuthorityKind.vocabulary.spelling(kind.value, .zh), en: kind.value.rawValue),
            at: reference.span, kindGivenAt: kind.span))
      }
      if let itemDepartment = item.department, let authorityDepartment = authority.department,
        itemDepartment.value != authorityDepartment.value, program.departmentIndex[itemDepartment.value] != nil
      {
        diagnostics.append(
          .itemDepartmentDiffers(
            item: id.value, department: itemDepartment, authority: authorityID.value,
            authorityDepartment: authorityDepartment))
      }
      if let exempt = authority.exempt {
        diagnostics.append(
          .itemCitesExemptAuthority(authorityID.value, item: id.value, at: reference.span, exemptAt: exempt.span))
      }
    }

    for (index, authority) in program.authorities.enumerated()
    where authority.kind?.value == .inspection && authority.exempt == nil {
      let id = authority.header.id
      // A code defined twice is reported once, as E0102.
      guard covered[id.value] == nil, program.authorityIndex[id.value] == index,
        !unsure.contains(authority.department?.value ?? "")
      else { continue }
      diagnostics.append(.inspectionPowerNotCovered(id))
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
              .basisRepealed(
                basis.law, repealed: Located(repealed.value.description, repealed.span), planYear: plan.year,
                planStart: window.value.first.description))
          } else if let effective = law.effective, effective.value > window.value.last {
            diagnostics.append(
              .basisNotYetInForce(
                basis.law, effective: Located(effective.value.description, effective.span), planYear: plan.year,
                planEnd: window.value.last.description))
          }
        }
      }
    }
    for authority in program.authorities { check(authority.bases) }
    for item in program.items { check(item.bases) }
    return diagnostics
  }
}
