/// “一业一查”: joint inspections of one industry by several departments, led by the department that
/// initiates them (`CitedDocument.linzi2019`, `CitedDocument.changan2024`), so that a business is
/// entered once for many checks (“进一次门、查多项事”).
enum BundleChecks {
  static func run(_ program: Program) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    let plans = program.plansWithWindows

    for bundle in program.bundles {
      let id = bundle.header.id
      let members = bundle.items.compactMap { program.item($0.value) }
      let departments = Set(members.compactMap { program.departmentID(of: $0) })
      // With an undefined item or department (already E0101), the department set is unknown.
      let resolved = !bundle.header.isIncomplete && !members.isEmpty && members.count == bundle.items.count && departments.count > 0
        && members.allSatisfy { program.departmentID(of: $0) != nil }
      if let lead = bundle.lead, program.departmentIndex[lead.value] != nil, resolved,
        !departments.contains(lead.value)
      {
        diagnostics.append(.bundleLeadWithoutItems(lead, bundle: id.value, departments: Array(departments)))
      }
      if resolved, departments.count < 2 {
        diagnostics.append(.bundleOfOneDepartment(id))
      }
      if let window = bundle.window, window.value.first <= window.value.last {
        let relevant = plans.filter { $0.plan.year == window.value.first.year }
        let inside = relevant.contains { $0.window.value.first <= window.value.first && window.value.last <= $0.window.value.last }
        if !inside, !plans.isEmpty {
          let plan = relevant.first ?? plans[0]
          diagnostics.append(
            .bundleOutsidePlan(
              bundle: id.value, window: Located(window.value.description, window.span), planYear: plan.plan.year,
              planWindow: Located(plan.window.value.description, plan.window.span)))
        }
      }
    }

    diagnostics += itemsInTwoBundles(program)
    diagnostics += missedJointInspections(program)
    return diagnostics
  }

  /// E0405: an item listed by two bundles of the same industry would be drawn twice.
  static func itemsInTwoBundles(_ program: Program) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    var firstUse: [String: [String: (bundle: Name, reference: Name)]] = [:]  // industry → item → first
    for bundle in program.bundles {
      for industry in Set(bundle.industries.map(\.value)).sorted() {
        for reference in bundle.items {
          if let first = firstUse[industry]?[reference.value] {
            guard first.bundle.span != bundle.header.id.span else { continue }
            diagnostics.append(
              .itemInTwoBundles(
                reference, industry: industry, firstBundle: first.bundle.value, firstListed: first.reference.span))
          } else {
            firstUse[industry, default: [:]][reference.value] = (bundle.header.id, reference)
          }
        }
      }
    }
    return diagnostics
  }

  /// W0404: departments inspect the same object type, but no bundle takes them together.
  ///
  /// Pairwise, as the rule reads: departments D and E are joined on an object type when one
  /// bundle has an item of D and an item of E that both inspect it; a chain of bundles (D with E
  /// in one, E with F in another) does not join D and F, for those are still two visits. Per
  /// object type, the departments that inspect it are taken in program order of their first item
  /// on it; a department's first item is reported once if some earlier department is not joined
  /// with it: the warning names up to `namedPartners` of those earlier items, in order (“等 N 个”
  /// for the rest), and points at them. Two departments give one warning, as before; 3,000 give
  /// at most 2,999, not 4.5 million pairs.
  ///
  /// Near-linear: every bundle keeps, per object type, the set of its departments met so far.
  /// With E the earlier departments and P those joined with D (the union of the sets of D's
  /// bundles on the object), D is reported iff E > P. A department in one bundle (the usual case;
  /// E0405 forbids an item in two bundles of one industry) reads one set's size; only a
  /// department in several bundles pays for their union, and naming skips at most P joined
  /// departments before it has found `namedPartners`: both are bounded by the sizes of D's
  /// bundles, the only non-constant work per department.
  static let namedPartners = 3

  static func missedJointInspections(_ program: Program) -> [Diagnostic] {
    // object type → (department, its first item in program order); object types are Chinese
    // text, so they are keyed by bytes (String hashing would normalise them first).
    var byObject: [ByteKey: [(department: String, item: Int)]] = [:]
    var seen: [ByteKey: [String: Int]] = [:]  // object → department → position in byObject[object]
    for (index, item) in program.items.enumerated() {
      guard let department = program.departmentID(of: item) else { continue }
      for object in item.objects {
        let key = ByteKey(object.value)
        if seen[key]?[department] == nil {
          seen[key, default: [:]][department] = byObject[key]?.count ?? 0
          byObject[key, default: []].append((department, index))
        }
      }
    }
    // object type → position of a department → the bundles (indices, no repeats) that hold an
    // item of that department inspecting the object.
    var bundlesOf: [ByteKey: [Int: [Int]]] = [:]
    for (bundleIndex, bundle) in program.bundles.enumerated() {
      for item in bundle.items.compactMap({ program.item($0.value) }) {
        guard let department = program.departmentID(of: item) else { continue }
        for object in item.objects {
          let key = ByteKey(object.value)
          guard let position = seen[key]?[department] else { continue }
          // A bundle's items are visited together, so a repeat can only be the last entry.
          if bundlesOf[key]?[position]?.last != bundleIndex {
            bundlesOf[key, default: [:]][position, default: []].append(bundleIndex)
          }
        }
      }
    }

    var diagnostics: [Diagnostic] = []
    for (object, entries) in byObject where entries.count > 1 {
      let bundlesHere = bundlesOf[object] ?? [:]
      var metIn: [Int: Set<Int>] = [:]  // bundle → positions of its departments met so far
      for (position, entry) in entries.enumerated() {
        let bundles = bundlesHere[position] ?? []
        do {
          // Earlier departments joined with this one: one set, or the union of a few.
          let joined: Set<Int>
          switch bundles.count {
          case 0: joined = []
          case 1: joined = metIn[bundles[0]] ?? []
          default: joined = bundles.reduce(into: Set<Int>()) { $0.formUnion(metIn[$1] ?? []) }
          }
          let others = position - joined.count
          if others > 0 {
            var partners: [Name] = []
            for earlier in 0..<position where !joined.contains(earlier) {
              partners.append(program.items[entries[earlier].item].header.id)
              if partners.count == namedPartners { break }
            }
            diagnostics.append(
              .missedJointInspection(
                item: program.items[entry.item].header.id, partners: partners, departments: others,
                object: object.string))
          }
        }
        // `joined` is gone, so these inserts do not copy a shared set.
        for bundle in bundles { metIn[bundle, default: []].insert(position) }
      }
    }
    // Diagnostics are sorted for display later; the dictionary's order does not leak.
    return diagnostics
  }
}
