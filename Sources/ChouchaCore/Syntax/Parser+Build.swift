/// The fields of one declaration as they are parsed, each in its typed slot: values move
/// straight into the declaration, with no table to look them up in. A class: it is large, and
/// a struct passed along the parser's calls was copied once per field.
final class Draft {
  /// The fields given so far, as bits by `FieldKey.rawValue`, and where (only needed for E0007).
  private var givenMask: UInt64 = 0
  private var given: [(key: FieldKey, span: Span)] = []
  var departmentKind: Located<DepartmentKind>?
  var authorityKind: Located<AuthorityKind>?
  var effective: Located<Day>?
  var repealed: Located<Day>?
  var department: Name?
  var bases: [Basis] = []
  var exempt: Name?
  var authority: Name?
  var category: Located<Category>?
  var objects: [Name] = []
  var methods: [Located<Method>] = []
  var content: Name?
  var sampling: Sampling?
  var count: Located<Int>?
  var frequency: Located<Int>?
  var requires: [Name] = []
  var lead: Name?
  var industries: [Name] = []
  var items: [Name] = []
  var window: Located<DayRange>?
  var jurisdiction: Name?
  var classes: [Name] = []
  var publishWithin: Located<Duration>?
  var reportWithin: Located<Duration>?
  var followUpWithin: Located<Duration>?
  var minCoverage: Located<Ratio>?
  var maxVisits: Located<Int>?
  var inspectorsPerVisit: Located<Int>?
  var enterpriseBase: Located<Int>?
  var maxPoints: Located<Int>?
  var points: [PointEntry] = []
  var answers: [Name] = []
  var holidays: [Located<DayRange>] = []
  var workdays: [Located<DayRange>] = []
  var meetings: [ReportEntry] = []
  var documents: [ReportEntry] = []
  var trainings: [ReportEntry] = []
  var inspectionDocuments: [ReportEntry] = []
  var website: Name?
  var contact: Name?
  var phone: Name?
  var mobile: Name?

  func has(_ key: FieldKey) -> Bool { givenMask & (1 << UInt64(key.rawValue)) != 0 }

  func span(of key: FieldKey) -> Span? {
    guard has(key) else { return nil }
    for entry in given where entry.key == key { return entry.span }
    return nil
  }

  /// Puts a value in its slot. The shape tables guarantee the value's case fits the key.
  func set(_ key: FieldKey, _ value: FieldValue, at span: Span) {
    givenMask |= 1 << UInt64(key.rawValue)
    if given.isEmpty { given.reserveCapacity(12) }
    given.append((key, span))
    switch (key, value) {
    case (.kind, .departmentKind(let v)): departmentKind = v
    case (.kind, .authorityKind(let v)): authorityKind = v
    case (.effective, .date(let v)): effective = v
    case (.repealed, .date(let v)): repealed = v
    case (.department, .name(let v)): department = v
    case (.basis, .bases(let v)): bases = v
    case (.exempt, .name(let v)): exempt = v
    case (.authority, .name(let v)): authority = v
    case (.category, .category(let v)): category = v
    case (.objects, .names(let v)): objects = v
    case (.methods, .methods(let v)): methods = v
    case (.content, .name(let v)): content = v
    case (.ratio, .sampling(let v)): sampling = v
    case (.count, .integer(let v)): count = v
    case (.frequency, .integer(let v)): frequency = v
    case (.requires, .names(let v)): requires = v
    case (.lead, .name(let v)): lead = v
    case (.industry, .names(let v)): industries = v
    case (.items, .names(let v)): items = v
    case (.window, .range(let v)): window = v
    case (.jurisdiction, .name(let v)): jurisdiction = v
    case (.classes, .names(let v)): classes = v
    case (.publishWithin, .duration(let v)): publishWithin = v
    case (.reportWithin, .duration(let v)): reportWithin = v
    case (.followUpWithin, .duration(let v)): followUpWithin = v
    case (.minCoverage, .percent(let v)): minCoverage = v
    case (.maxVisits, .integer(let v)): maxVisits = v
    case (.inspectorsPerVisit, .integer(let v)): inspectorsPerVisit = v
    case (.enterpriseBase, .integer(let v)): enterpriseBase = v
    case (.maxPoints, .integer(let v)): maxPoints = v
    case (.checks, .points(let v)): points = v
    case (.answers, .names(let v)): answers = v
    case (.holidays, .ranges(let v)): holidays = v
    case (.workdays, .ranges(let v)): workdays = v
    case (.meeting, .entry(let v)): meetings.append(v)
    case (.document, .entry(let v)): documents.append(v)
    case (.training, .entry(let v)): trainings.append(v)
    case (.inspectionDocument, .entry(let v)): inspectionDocuments.append(v)
    case (.website, .name(let v)): website = v
    case (.contact, .name(let v)): contact = v
    case (.phone, .name(let v)): phone = v
    case (.mobile, .name(let v)): mobile = v
    default: preconditionFailure("field \(key) cannot hold \(value)")
    }
  }
}

/// Puts parsed fields into their typed declaration and reports the required ones that are missing.
extension ParserState {
  mutating func build(_ kind: DeclKind, header: Header, year: Int, fields: Draft) -> Declaration {
    let declaration: Declaration
    switch kind {
    case .department:
      declaration = .department(Department(header: header, kind: fields.departmentKind))
    case .law:
      declaration = .law(Law(header: header, effective: fields.effective, repealed: fields.repealed))
    case .authority:
      declaration = .authority(
        Authority(
          header: header, kind: fields.authorityKind, department: fields.department, bases: fields.bases,
          exempt: fields.exempt))
    case .item:
      var sampling = fields.sampling
      var conflict: Span?
      if let count = fields.count {
        if sampling != nil { conflict = count.span } else { sampling = .count(count) }
      }
      declaration = .item(
        Item(
          header: header, department: fields.department, authority: fields.authority, bases: fields.bases,
          category: fields.category, objects: fields.objects, methods: fields.methods, content: fields.content,
          sampling: sampling, conflictingSampling: conflict, frequency: fields.frequency, requires: fields.requires,
          points: fields.points))
    case .bundle:
      declaration = .bundle(
        Bundle(
          header: header, lead: fields.lead, industries: fields.industries, items: fields.items, window: fields.window,
          sampling: fields.sampling, frequency: fields.frequency))
    case .plan:
      declaration = .plan(
        Plan(
          header: header, year: year, jurisdiction: fields.jurisdiction, window: fields.window, classes: fields.classes,
          publishWithin: fields.publishWithin, reportWithin: fields.reportWithin, minCoverage: fields.minCoverage,
          maxVisits: fields.maxVisits, inspectorsPerVisit: fields.inspectorsPerVisit, enterpriseBase: fields.enterpriseBase,
          maxPoints: fields.maxPoints, followUpWithin: fields.followUpWithin))
    case .calendar:
      declaration = .calendar(Calendar(header: header, year: year, holidays: fields.holidays, workdays: fields.workdays))
    case .checkpoint:
      let text = header.title ?? Name("", header.id.span)
      declaration = .checkpoint(
        SharedPoint(
          header: header,
          point: CheckPoint(
            code: header.id, text: text, bases: fields.bases, methods: fields.methods, answers: fields.answers,
            span: header.span)))
    case .import:
      preconditionFailure("imports are built by parseImport")
    case .monthlyReport:
      preconditionFailure("monthly reports are built by parseMonthlyReport")
    }
    if !header.isIncomplete {
      for key in kind.requiredFields where !fields.has(key) {
        report(
          .missingField(
            header.id, kind: kind.text,
            field: Text(zh: FieldKey.vocabulary.spelling(key, .zh), en: FieldKey.vocabulary.spelling(key, .en)),
            example: key.example))
      }
    }
    return declaration
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
    case .calendar, .import, .checkpoint, .monthlyReport: return []
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
