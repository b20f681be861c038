/// Builds the symbol tables of a program and checks that every name used is defined once.
///
/// E0102 (defined twice) points at the second definition with a label on the first; E0101
/// (undefined) suggests the closest code in scope, or the code of a department or law whose full
/// name was typed instead of its code.
public enum Resolver {
  /// - Parameter unparsed: codes of declarations the parser could not read; references to them
  ///   are not reported, since the parse error already was.
  public static func resolve(_ declarations: [Declaration], unparsed: Set<String> = []) -> (Program, [Diagnostic]) {
    var program = Program()
    var diagnostics: [Diagnostic] = []
    var counts = [Int](repeating: 0, count: DeclKind.allCases.count)
    for declaration in declarations { counts[declaration.kindIndex] += 1 }
    program.departments.reserveCapacity(counts[0])
    program.laws.reserveCapacity(counts[1])
    program.authorities.reserveCapacity(counts[2])
    program.items.reserveCapacity(counts[3])
    program.bundles.reserveCapacity(counts[4])

    func register(_ header: Header, kind: DeclKind, in index: inout CodeIndex, count: Int, headerOf: (Int) -> Header) {
      if let first = index[header.id.value] {
        diagnostics.append(.duplicate(header.id, first: headerOf(first).id, kind: kind.text))
      } else {
        index[header.id.value] = count
      }
    }

    for declaration in declarations {
      switch declaration {
      case .department(let department):
        register(department.header, kind: .department, in: &program.departmentIndex, count: program.departments.count) {
          program.departments[$0].header
        }
        program.departments.append(department)
      case .law(let law):
        register(law.header, kind: .law, in: &program.lawIndex, count: program.laws.count) { program.laws[$0].header }
        program.laws.append(law)
      case .authority(let authority):
        register(authority.header, kind: .authority, in: &program.authorityIndex, count: program.authorities.count) {
          program.authorities[$0].header
        }
        program.authorities.append(authority)
      case .item(let item):
        register(item.header, kind: .item, in: &program.itemIndex, count: program.items.count) { program.items[$0].header }
        program.items.append(item)
      case .bundle(let bundle):
        if let first = program.bundles.first(where: { $0.header.id.value == bundle.header.id.value }) {
          diagnostics.append(.duplicate(bundle.header.id, first: first.header.id, kind: DeclKind.bundle.text))
        }
        program.bundles.append(bundle)
      case .plan(let plan):
        program.plans.append(plan)
      case .calendar(let calendar):
        if let first = program.calendars.first(where: { $0.year == calendar.year }) {
          diagnostics.append(.duplicate(calendar.header.id, first: first.header.id, kind: DeclKind.calendar.text))
        }
        program.calendars.append(calendar)
      case .import(let site):
        if site.kind.value == .draw { program.drawImports.append(site) }
        if site.kind.value == .results { program.resultImports.append(site) }
      case .checkpoint(let shared):
        register(shared.header, kind: .checkpoint, in: &program.checkpointIndex, count: program.checkpoints.count) {
          program.checkpoints[$0].header
        }
        program.checkpoints.append(shared)
      case .monthlyReport(let report):
        // One report a unit and month: a second would say the month twice.
        if let month = report.month?.value,
          let first = program.monthlyReports.first(where: { $0.header.id.value == report.header.id.value && $0.month?.value == month })
        {
          let shown = report.header.id.value + " " + month.description
          diagnostics.append(
            .duplicate(Name(shown, report.header.id.span), first: Name(shown, first.header.id.span), kind: DeclKind.monthlyReport.text))
        }
        program.monthlyReports.append(report)
      }
    }

    // Point codes, own and shared, are one namespace: results name a failed point by its code.
    // A shared point's code clashing with another shared one is already reported above.
    var pointCodes: [String: Span] = [:]
    for shared in program.checkpoints where pointCodes[shared.header.id.value] == nil {
      pointCodes[shared.header.id.value] = shared.header.id.span
    }
    for item in program.items {
      for case .own(let point) in item.points {
        guard let code = point.code else { continue }
        if let first = pointCodes[code.value] {
          diagnostics.append(.duplicate(code, first: Name(code.value, first), kind: DeclKind.checkpoint.text))
        } else {
          pointCodes[code.value] = code.span
        }
      }
    }
    program.pointCodes = pointCodes

    var references = ReferenceChecker(program: program, unparsed: unparsed)
    for authority in program.authorities {
      references.check(authority.department, .department)
      for basis in authority.bases { references.check(basis.law, .law) }
    }
    for item in program.items {
      references.check(item.department, .department)
      references.check(item.authority, .authority)
      for basis in item.bases { references.check(basis.law, .law) }
      for entry in item.points {
        switch entry {
        case .own(let point): for basis in point.bases { references.check(basis.law, .law) }
        case .reference(let code): references.check(code, .checkpoint)
        }
      }
    }
    for shared in program.checkpoints {
      for basis in shared.point.bases { references.check(basis.law, .law) }
    }
    for report in program.monthlyReports { references.check(report.header.id, .department) }
    for bundle in program.bundles {
      references.check(bundle.lead, .department)
      for item in bundle.items { references.check(item, .item) }
    }
    for plan in program.plans {
      var seen: [String: Name] = [:]
      for riskClass in plan.classes {
        if let first = seen[riskClass.value] {
          diagnostics.append(.duplicateRiskClass(riskClass, first: first))
        } else {
          seen[riskClass.value] = riskClass
        }
      }
    }
    return (program, diagnostics + references.diagnostics)
  }

}

/// Reports references to codes that are not defined.
struct ReferenceChecker {
  let program: Program
  let unparsed: Set<String>
  var diagnostics: [Diagnostic] = []

  init(program: Program, unparsed: Set<String>) {
    self.program = program
    self.unparsed = unparsed
  }

  /// The names to suggest from, per kind of declaration: gathered and indexed on the first
  /// undefined reference of that kind, then reused; the help is kept per misspelt name, so a slip
  /// repeated in a thousand items is looked up once.
  struct Scope {
    var codes: Suggest.Index
    /// Title → the code of the first declaration with it.
    var codeByTitle: [String: String] = [:]
    /// Title or stripped title → the code of the first declaration with either.
    var codeByName: [String: String] = [:]
    var titles: Suggest.Index
  }
  struct Misspelling: Hashable {
    var kind: DeclKind
    var name: String
  }
  var scopes: [DeclKind: Scope] = [:]
  var helps: [Misspelling: Text] = [:]

  mutating func scope(_ kind: DeclKind) -> Scope {
    if let scope = scopes[kind] { return scope }
    // Only now, on the error path, gather the names to suggest from.
    let codes: [String]
    var titles: [(code: String, title: String)] = []
    switch kind {
    case .department:
      codes = program.departments.map(\.header.id.value)
      titles = program.departments.compactMap { d in d.header.title.map { (d.header.id.value, $0.value) } }
    case .law:
      codes = program.laws.map(\.header.id.value)
      titles = program.laws.compactMap { l in l.header.title.map { (l.header.id.value, $0.value) } }
    case .authority: codes = program.authorities.map(\.header.id.value)
    case .checkpoint: codes = program.checkpoints.map(\.header.id.value)
    default: codes = program.items.map(\.header.id.value)
    }
    var scope = Scope(codes: Suggest.Index(codes), titles: Suggest.Index(titles.map(\.title)))
    for (code, title) in titles {
      if scope.codeByTitle[title] == nil { scope.codeByTitle[title] = code }
      for name in [title, AuthorityImporter.strippedTitle(title)] where scope.codeByName[name] == nil {
        scope.codeByName[name] = code
      }
    }
    scopes[kind] = scope
    return scope
  }

  mutating func help(for name: String, _ kind: DeclKind) -> Text {
    // The code of another item's own point: own points are not shared; say how to share it.
    if kind == .checkpoint, program.pointCodes[name] != nil, let owner = ownerOfPoint(name) {
      return Diagnostic.ownPointReferencedHelp(name, owner: owner.item, text: owner.text)
    }
    let scope = scope(kind)
    // A title written where the code belongs (the first declaration whose title or stripped
    // title it is); else the closest code, else the code of the closest title.
    if let code = scope.codeByName[name] { return Diagnostic.nameInsteadOfCode(name, code: code) }
    let suggestion = scope.codes.closest(to: name) ?? scope.titles.closest(to: name).flatMap { scope.codeByTitle[$0] }
    return Diagnostic.notDefinedHelp(name, kind: kind.text, suggestion: suggestion)
  }

  /// Own point code → its item and text: built on the first reference to such a code (the error
  /// path), then reused.
  var pointOwners: [String: (item: String, text: String)]?

  /// The item whose own point has `code`, and the point's text.
  mutating func ownerOfPoint(_ code: String) -> (item: String, text: String)? {
    if pointOwners == nil {
      var owners: [String: (item: String, text: String)] = [:]
      for item in program.items {
        for case .own(let point) in item.points {
          guard let code = point.code, owners[code.value] == nil else { continue }
          owners[code.value] = (item.header.id.value, point.text.value)
        }
      }
      pointOwners = owners
    }
    return pointOwners?[code]
  }

  mutating func check(_ name: Name?, _ kind: DeclKind) {
    guard let name else { return }
    let defined: Bool
    switch kind {
    case .department: defined = program.departmentIndex[name.value] != nil
    case .law: defined = program.lawIndex[name.value] != nil
    case .authority: defined = program.authorityIndex[name.value] != nil
    case .item: defined = program.itemIndex[name.value] != nil
    case .checkpoint: defined = program.checkpointIndex[name.value] != nil
    default: return
    }
    guard !defined, !unparsed.contains(name.value) else { return }
    let key = Misspelling(kind: kind, name: name.value)
    let help = helps[key] ?? self.help(for: name.value, kind)
    helps[key] = help
    diagnostics.append(.notDefined(name, kind: kind.text, help: help))
  }
}
