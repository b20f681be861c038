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
              zh: "由发起部门牵头（003_6cb1131c551f17d4.txt）：改为 \(departments.sorted().joined(separator: "、")) 之一，或加入牵头部门的抽查事项",
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
                zh: "把期间改到计划期间之内；未经公示的抽查计划不得实施（001_c76bbbb05f97d70f.txt）",
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

  /// W0404: two departments inspect the same object type, but no bundle takes them together.
  static func missedJointInspections(_ program: Program) -> [Diagnostic] {
    // object type → (department, its first item in program order); object types are Chinese
    // text, so they are keyed by bytes (String hashing would normalise them first).
    var byObject: [ByteKey: [(department: String, item: Int)]] = [:]
    for (index, item) in program.items.enumerated() {
      guard let department = program.departmentID(of: item) else { continue }
      for object in item.objects {
        let key = ByteKey(object.value)
        if byObject[key]?.contains(where: { $0.department == department }) != true {
          byObject[key, default: []].append((department, index))
        }
      }
    }
    // object type → department pairs that some bundle joins
    var joined: [ByteKey: Set<[String]>] = [:]
    for bundle in program.bundles {
      var departmentsByObject: [ByteKey: Set<String>] = [:]
      for item in bundle.items.compactMap({ program.item($0.value) }) {
        guard let department = program.departmentID(of: item) else { continue }
        for object in item.objects { departmentsByObject[ByteKey(object.value), default: []].insert(department) }
      }
      for (object, departments) in departmentsByObject where departments.count > 1 {
        let sorted = departments.sorted()
        for (index, first) in sorted.enumerated() {
          for second in sorted[(index + 1)...] { joined[object, default: []].insert([first, second]) }
        }
      }
    }

    var diagnostics: [Diagnostic] = []
    for (object, entries) in byObject where entries.count > 1 {
      let sorted = entries.sorted { bytesPrecede($0.department, $1.department) }
      for (index, first) in sorted.enumerated() {
        for second in sorted[(index + 1)...] where joined[object]?.contains([first.department, second.department]) != true {
          let (earlier, later) = (program.items[min(first.item, second.item)], program.items[max(first.item, second.item)])
          diagnostics.append(
            Diagnostic(
              .W0404,
              Text(
                zh: "事项“\(later.header.id.value)”与“\(earlier.header.id.value)”属于不同部门，检查同一对象“\(object.string)”，却不在同一个“一业一查”中",
                en: "items '\(later.header.id.value)' and '\(earlier.header.id.value)' of different departments inspect '\(object.string)' but share no bundle"),
              at: later.header.id.span,
              labels: [.init(earlier.header.id.span, Text(zh: "另一部门的事项在此", en: "the other department's item"))],
              help: Text(
                zh: "进一次门、查多项事：把两个事项放进同一个“一业一查”，由一个部门牵头联合抽查",
                en: "enter once, check many things: put both items in one bundle with a lead department")))
        }
      }
    }
    // Diagnostics are sorted for display later; the dictionary's order does not leak.
    return diagnostics
  }
}
