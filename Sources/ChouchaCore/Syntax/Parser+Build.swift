/// Puts parsed fields into their typed declaration and reports the required ones that are missing.
extension ParserState {
  mutating func build(_ kind: DeclKind, header: Header, year: Int, fields: FieldTable)
    -> Declaration
  {
    let reader = FieldReader(fields: fields)
    let declaration: Declaration
    switch kind {
    case .department:
      declaration = .department(
        Department(header: header, kind: reader.choice(.kind).flatMap { located(DepartmentKind(rawValue: $0.value), $0.span) }))
    case .law:
      declaration = .law(Law(header: header, effective: reader.date(.effective), repealed: reader.date(.repealed)))
    case .authority:
      declaration = .authority(
        Authority(
          header: header,
          kind: reader.choice(.kind).flatMap { located(AuthorityKind(rawValue: $0.value), $0.span) },
          department: reader.name(.department), bases: reader.bases(.basis) ?? [], exempt: reader.name(.exempt)))
    case .item:
      var item = Item(
        header: header, department: reader.name(.department), authority: reader.name(.authority),
        bases: reader.bases(.basis) ?? [],
        category: reader.choice(.category).flatMap { located(Category(rawValue: $0.value), $0.span) },
        objects: reader.names(.objects) ?? [],
        methods: (reader.choices(.methods) ?? []).compactMap { located(Method(rawValue: $0.value), $0.span) },
        content: reader.name(.content), sampling: reader.sampling(.ratio), conflictingSampling: nil,
        frequency: reader.integer(.frequency), requires: reader.names(.requires) ?? [])
      if let count = reader.integer(.count) {
        if item.sampling != nil { item.conflictingSampling = count.span } else { item.sampling = .count(count) }
      }
      declaration = .item(item)
    case .bundle:
      declaration = .bundle(
        Bundle(
          header: header, lead: reader.name(.lead), industries: reader.names(.industry) ?? [],
          items: reader.names(.items) ?? [], window: reader.range(.window), sampling: reader.sampling(.ratio),
          frequency: reader.integer(.frequency)))
    case .plan:
      declaration = .plan(
        Plan(
          header: header, year: year, jurisdiction: reader.name(.jurisdiction), window: reader.range(.window),
          classes: reader.names(.classes) ?? [], publishWithin: reader.duration(.publishWithin),
          reportWithin: reader.duration(.reportWithin), minCoverage: reader.percent(.minCoverage),
          maxVisits: reader.integer(.maxVisits), inspectorsPerVisit: reader.integer(.inspectorsPerVisit)))
    case .calendar:
      declaration = .calendar(
        Calendar(header: header, year: year, holidays: reader.ranges(.holidays) ?? [], workdays: reader.ranges(.workdays) ?? []))
    case .import:
      preconditionFailure("imports are built by parseImport")
    }
    if !header.isIncomplete {
      for key in kind.requiredFields where fields[key] == nil {
        report(
          Diagnostic(
            .E0008,
            Text(
              zh: "\(kind.zh)“\(header.id.value)”缺少字段“\(FieldKey.vocabulary.spelling(key, .zh))”",
              en: "\(kind.rawValue) '\(header.id.value)' has no '\(FieldKey.vocabulary.spelling(key, .en))'"),
            at: header.id.span,
            help: Text(
              zh: "在 { } 中加上一行：\(FieldKey.vocabulary.spelling(key, .zh)) …（\(key.example)）",
              en: "add a line inside { }: \(FieldKey.vocabulary.spelling(key, .en)) … (\(key.example))")))
      }
    }
    return declaration
  }

  private func located<T>(_ value: T?, _ span: Span) -> Located<T>? {
    value.map { Located($0, span) }
  }
}

extension DeclKind {
  /// Fields whose absence the parser reports (E0008). Missing authority, basis and sampling of an
  /// item have codes of their own (E0201, E0204, E0304), reported by the checker.
  var requiredFields: [FieldKey] {
    switch self {
    case .department: return []
    case .law: return [.effective]
    case .authority: return [.kind, .department, .basis]
    case .item: return [.department, .category, .objects, .methods, .frequency]
    case .bundle: return [.lead, .industry, .items]
    case .plan: return [.window]
    case .calendar, .import: return []
    }
  }
}

extension FieldKey {
  /// A value to show in help texts.
  var example: String {
    switch self {
    case .kind: return "本级 / 行政检查"
    case .effective, .repealed: return "2024-01-01"
    case .department, .lead: return "SCJG"
    case .basis: return "食品安全法 \"第一百一十条\""
    case .authority: return "130102-JC-001"
    case .category: return "一般 / 重点"
    case .objects: return "餐饮服务经营者"
    case .methods: return "实地检查、书面检查"
    case .frequency: return "1"
    case .industry: return "餐饮服务"
    case .items: return "SCJG-SP-01, XF-03"
    case .window: return "2024-03-01 .. 2024-11-30"
    default: return FieldKey.vocabulary.spelling(self, .en)
    }
  }
}

/// Typed access to the fields of one declaration.
struct FieldReader {
  let fields: FieldTable

  func name(_ key: FieldKey) -> Name? {
    if case .name(let value)? = fields[key]?.0 { return value }
    return nil
  }
  func names(_ key: FieldKey) -> [Name]? {
    if case .names(let value)? = fields[key]?.0 { return value }
    return nil
  }
  func date(_ key: FieldKey) -> Located<Day>? {
    if case .date(let value)? = fields[key]?.0 { return value }
    return nil
  }
  func range(_ key: FieldKey) -> Located<DayRange>? {
    if case .range(let value)? = fields[key]?.0 { return value }
    return nil
  }
  func ranges(_ key: FieldKey) -> [Located<DayRange>]? {
    if case .ranges(let value)? = fields[key]?.0 { return value }
    return nil
  }
  func integer(_ key: FieldKey) -> Located<Int>? {
    if case .integer(let value)? = fields[key]?.0 { return value }
    return nil
  }
  func percent(_ key: FieldKey) -> Located<Ratio>? {
    if case .percent(let value)? = fields[key]?.0 { return value }
    return nil
  }
  func sampling(_ key: FieldKey) -> Sampling? {
    if case .sampling(let value)? = fields[key]?.0 { return value }
    return nil
  }
  func duration(_ key: FieldKey) -> Located<Duration>? {
    if case .duration(let value)? = fields[key]?.0 { return value }
    return nil
  }
  func bases(_ key: FieldKey) -> [Basis]? {
    if case .bases(let value)? = fields[key]?.0 { return value }
    return nil
  }
  func choice(_ key: FieldKey) -> Located<String>? {
    if case .choice(let value)? = fields[key]?.0 { return value }
    return nil
  }
  func choices(_ key: FieldKey) -> [Located<String>]? {
    if case .choices(let value)? = fields[key]?.0 { return value }
    return nil
  }
}
