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

  /// E0203 on the authority list and the items; check points are checked by `CheckPointChecks`
  /// with the same `BasesInForce`.
  static func basesInForce(_ program: Program) -> [Diagnostic] {
    guard let test = BasesInForce(program) else { return [] }
    var diagnostics: [Diagnostic] = []
    for authority in program.authorities { test.check(authority.bases, into: &diagnostics) }
    for item in program.items { test.check(item.bases, into: &diagnostics) }
    return diagnostics
  }
}

/// E0203, the one test of a legal basis against the plan windows: a law repealed before a plan
/// window starts, or effective after it ends. Used for the bases of authorities and items
/// (`AuthorityChecks`) and of check points (`CheckPointChecks`).
struct BasesInForce {
  let program: Program
  let plans: [(plan: Plan, window: Located<DayRange>)]
  /// Per law (`program.laws`): in force throughout every plan window.
  let inForce: [Bool]

  /// Nil when no basis can fail: no plan has a window, or every law is in force throughout
  /// every plan (the usual case, decided once per law; no basis needs looking at).
  init?(_ program: Program) {
    let plans = program.plansWithWindows
    guard !plans.isEmpty else { return nil }
    let inForce = program.laws.map { law in
      plans.allSatisfy { plan in
        (law.repealed.map { $0.value > plan.window.value.first } ?? true)
          && (law.effective.map { $0.value <= plan.window.value.last } ?? true)
      }
    }
    guard inForce.contains(false) else { return nil }
    self.program = program
    self.plans = plans
    self.inForce = inForce
  }

  /// Appends an E0203 per basis and plan whose window the basis's law is not in force in; an
  /// undefined law is E0101's.
  func check(_ bases: [Basis], into diagnostics: inout [Diagnostic]) {
    for basis in bases {
      guard let index = program.lawIndex[basis.law.value], !inForce[index] else { continue }
      let law = program.laws[index]
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
}
