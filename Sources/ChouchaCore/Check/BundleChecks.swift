/// “一业一查”: joint inspections of one industry by several departments, led by the department that
/// initiates them (`003_6cb1131c551f17d4.txt`, `004_b31388ab013bb8b5.txt`), so that a business is
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
        diagnostics.append(
          Diagnostic(
            .E0401,
            Text(
              zh: "牵头部门“\(lead.value)”在“一业一查”“\(id.value)”中没有任何抽查事项",
              en: "lead department '\(lead.value)' has no item in bundle '\(id.value)'"),
            at: lead.span,
            help: Text(
              zh: "由发起部门牵头（临淄区《在市场监管领域全面推行部门联合“双随机、一公开”监管实施方案》（2019年））：改为 \(departments.sorted().joined(separator: "、")) 之一，或加入牵头部门的抽查事项",
              en: "the initiating department leads: choose one of \(departments.sorted().joined(separator: ", ")), or add an item of the lead")))
      }
      if resolved, departments.count < 2 {
        diagnostics.append(
          Diagnostic(
            .W0402,
            Text(
              zh: "“一业一查”“\(id.value)”的事项只属于一个部门，不是部门联合抽查",
              en: "bundle '\(id.value)' has items of only one department; it is not a joint inspection"),
            at: id.span,
            help: Text(
              zh: "加入其他部门对该行业的抽查事项；单一部门的事项无需组成“一业一查”",
              en: "add items of other departments for this industry, or drop the bundle")))
      }
      if let window = bundle.window, window.value.first <= window.value.last {
        let relevant = plans.filter { $0.plan.year == window.value.first.year }
        let inside = relevant.contains { $0.window.value.first <= window.value.first && window.value.last <= $0.window.value.last }
        if !inside, !plans.isEmpty {
          let plan = relevant.first ?? plans[0]
          diagnostics.append(
            Diagnostic(
              .E0403,
              Text(
                zh: "“一业一查”“\(id.value)”的期间 \(window.value.description) 超出\(plan.plan.year)年计划期间 \(plan.window.value.description)",
                en: "bundle '\(id.value)' runs \(window.value.description), outside the \(plan.plan.year) plan window \(plan.window.value.description)"),
              at: window.span,
              labels: [.init(plan.window.span, Text(zh: "计划期间在此", en: "the plan window"))],
              help: Text(
                zh: "把期间改到计划期间之内；未经公示的抽查计划不得实施（《永州市推动“双随机、一公开”监管工作全覆盖的实施方案》（永政办函〔2019〕35号））",
                en: "move the window inside the plan window; no inspection outside a published plan")))
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
              Diagnostic(
                .E0405,
                Text(
                  zh: "事项“\(reference.value)”已在同一行业“\(industry)”的“一业一查”“\(first.bundle.value)”中",
                  en: "item '\(reference.value)' is already in bundle '\(first.bundle.value)' of the same industry '\(industry)'"),
                at: reference.span,
                labels: [.init(first.reference.span, Text(zh: "首次列入于此", en: "first listed here"))],
                help: Text(
                  zh: "同一行业的事项只列入一个“一业一查”，否则同一企业会被重复检查（无事不扰）",
                  en: "list an item in one bundle per industry, or businesses are inspected twice")))
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
            var partners: [Item] = []
            for earlier in 0..<position where !joined.contains(earlier) {
              partners.append(program.items[entries[earlier].item])
              if partners.count == namedPartners { break }
            }
            diagnostics.append(
              warning(item: program.items[entry.item], partners: partners, departments: others, object: object.string))
          }
        }
        // `joined` is gone, so these inserts do not copy a shared set.
        for bundle in bundles { metIn[bundle, default: []].insert(position) }
      }
    }
    // Diagnostics are sorted for display later; the dictionary's order does not leak.
    return diagnostics
  }

  /// One W0404 at `item`, naming `partners` (the first earlier items of other departments not
  /// joined with it), of `departments` such departments in all.
  static func warning(item: Item, partners: [Item], departments: Int, object: String) -> Diagnostic {
    let labels = partners.map {
      Diagnostic.Label($0.header.id.span, Text(zh: "另一部门的事项在此", en: "the other department's item"))
    }
    let id = item.header.id.value
    let zhNames = partners.map { "“\($0.header.id.value)”" }.joined(separator: "、")
    let enNames = partners.map { "'\($0.header.id.value)'" }.joined(separator: ", ")
    let message: Text
    let help: Text
    if departments <= partners.count {
      // Every such department named: the wording of the pair (two departments) case.
      message = Text(
        zh: "事项“\(id)”与\(zhNames)属于不同部门，检查同一对象“\(object)”，却不在同一个“一业一查”中",
        en: departments == 1
          ? "items '\(id)' and \(enNames) of different departments inspect '\(object)' but share no bundle"
          : "items '\(id)', \(enNames) of different departments inspect '\(object)' but share no bundle")
    } else {
      message = Text(
        zh: "事项“\(id)”与\(zhNames)等 \(departments) 个其他部门的事项检查同一对象“\(object)”，却不在同一个“一业一查”中",
        en: "item '\(id)' and the items of \(departments) other departments (\(enNames), …) inspect '\(object)' but share no bundle")
    }
    help = departments == 1
      ? Text(
        zh: "进一次门、查多项事：把两个事项放进同一个“一业一查”，由一个部门牵头联合抽查",
        en: "enter once, check many things: put both items in one bundle with a lead department")
      : Text(
        zh: "进一次门、查多项事：把检查“\(object)”的各部门事项放进同一个“一业一查”，由一个部门牵头联合抽查",
        en: "enter once, check many things: put the items that inspect '\(object)' in one bundle with a lead department")
    return Diagnostic(.W0404, message, at: item.header.id.span, labels: labels, help: help)
  }
}
