/// The syntax tree of one rule file: declarations with their fields, each value with its span.
/// A value type that never holds resolution results.
public struct SyntaxFile: Sendable {
  public var file: Int
  public var declarations: [Declaration]
  /// True when the parser reported an error in this file.
  public var hasErrors: Bool
  /// Codes of declarations whose header could not be read; they are not reported as undefined.
  public var unparsedNames: Set<String> = []
  /// The comments marking a value to verify (`# 待核实：…`, `# to verify: …`), which `choucha
  /// import` writes beside a placeholder; Check reports each (W0607). None in a file that is not
  /// text, whose one error is its encoding.
  public var toVerify: [Span] = []
}

/// Indirect: declarations are large, and arrays of them are grown and reordered.
public indirect enum Declaration: Sendable {
  case department(Department)
  case law(Law)
  case authority(Authority)
  case item(Item)
  case bundle(Bundle)
  case plan(Plan)
  case calendar(Calendar)
  case `import`(Import)
  case checkpoint(SharedPoint)
  case monthlyReport(MonthlyReport)
}

extension Declaration {
  /// 0 department … 9 monthly report, in the order of `DeclKind`.
  var kindIndex: Int {
    switch self {
    case .department: return 0
    case .law: return 1
    case .authority: return 2
    case .item: return 3
    case .bundle: return 4
    case .plan: return 5
    case .calendar: return 6
    case .import: return 7
    case .checkpoint: return 8
    case .monthlyReport: return 9
    }
  }

  /// The whole declaration.
  public var span: Span {
    switch self {
    case .department(let value): return value.header.span
    case .law(let value): return value.header.span
    case .authority(let value): return value.header.span
    case .item(let value): return value.header.span
    case .bundle(let value): return value.header.span
    case .plan(let value): return value.header.span
    case .calendar(let value): return value.header.span
    case .import(let value): return value.span
    case .checkpoint(let value): return value.header.span
    case .monthlyReport(let value): return value.header.span
    }
  }
}

/// A name as written, with where it was written.
public typealias Name = Located<String>

/// `law 食品安全法 "第一百一十条"`: a law and, optionally, the article.
public struct Basis: Hashable, Sendable {
  public var law: Name
  public var article: Name?
}

/// The header every declaration shares.
public struct Header: Sendable {
  /// The keyword, as written.
  public var keyword: Span
  public var id: Name
  public var title: Name?
  /// The whole declaration, from keyword to closing brace.
  public var span: Span
  /// True when a field of this declaration could not be parsed: checks for missing fields
  /// stay quiet rather than cascade.
  public var isIncomplete: Bool = false
}

/// 部门: a department, local (本级) or vertically managed (垂直).
public struct Department: Sendable {
  public var header: Header
  public var kind: Located<DepartmentKind>?
}

/// 法规: a law, regulation or rule, with the days it took effect and, maybe, was repealed.
public struct Law: Sendable {
  public var header: Header
  public var effective: Located<Day>?
  public var repealed: Located<Day>?
}

/// 权责: an entry of the authority list.
///
/// Items and authorities are the numerous declarations (tens of thousands), read by every check:
/// they are immutable classes, so that passing one around costs a reference count, not a copy of
/// every field.
public final class Authority: Sendable {
  public let header: Header
  public let kind: Located<AuthorityKind>?
  public let department: Name?
  public let bases: [Basis]
  /// Why this inspection power is not drawn at random (专项检查, 投诉举报).
  public let exempt: Name?

  public init(header: Header, kind: Located<AuthorityKind>?, department: Name?, bases: [Basis], exempt: Name?) {
    self.header = header
    self.kind = kind
    self.department = department
    self.bases = bases
    self.exempt = exempt
  }
}

/// How many targets an item or bundle samples.
public enum Sampling: Sendable {
  /// `ratio 5%`
  case ratio(Located<Ratio>)
  /// `ratio { A 3%  B 5% … }`: one ratio per credit-risk class.
  case perClass([ClassRatio], Span)
  /// `count 30`
  case count(Located<Int>)

  public var span: Span {
    switch self {
    case .ratio(let ratio): return ratio.span
    case .perClass(_, let span): return span
    case .count(let count): return count.span
    }
  }
}

public struct ClassRatio: Sendable {
  /// The class as written; for the abnormal stratum, the keyword as written (`异常`, `abnormal`).
  public var riskClass: Name
  public var ratio: Located<Ratio>
  /// `异常 30%` (`abnormal 30%`): the ratio of the entities on the abnormal-operation list
  /// (经营异常名录), drawn as a stratum of their own whatever their class.
  public var isAbnormal = false

  /// The words that name the abnormal stratum in a ratio block.
  public static let abnormalKeywords: Set<String> = ["异常", "abnormal"]
}

extension Sampling {
  /// The ratio of the abnormal stratum (`异常 30%`), if the block gives one.
  public var abnormal: Located<Ratio>? {
    guard case .perClass(let entries, _) = self else { return nil }
    return entries.first { $0.isAbnormal }?.ratio
  }
}

/// 事项: an entry of the random-inspection item list. (A class, as `Authority` is.)
public final class Item: Sendable {
  public let header: Header
  public let department: Name?
  public let authority: Name?
  public let bases: [Basis]
  public let category: Located<Category>?
  public let objects: [Name]
  public let methods: [Located<Method>]
  public let content: Name?
  public let sampling: Sampling?
  /// Set when both `ratio` and `count` were given (an error).
  public let conflictingSampling: Span?
  public let frequency: Located<Int>?
  public let requires: [Name]
  /// 要点 / `checks`: the item's check points, its own and references to shared ones, in the
  /// order written; empty when the item has none (its `content` then says what is checked).
  public let points: [PointEntry]

  public init(
    header: Header, department: Name?, authority: Name?, bases: [Basis], category: Located<Category>?,
    objects: [Name], methods: [Located<Method>], content: Name?, sampling: Sampling?, conflictingSampling: Span?,
    frequency: Located<Int>?, requires: [Name], points: [PointEntry] = []
  ) {
    self.header = header
    self.department = department
    self.authority = authority
    self.bases = bases
    self.category = category
    self.objects = objects
    self.methods = methods
    self.content = content
    self.sampling = sampling
    self.conflictingSampling = conflictingSampling
    self.frequency = frequency
    self.requires = requires
    self.points = points
  }
}

/// One check point (检查要点): what an inspector checks at the door, with its legal basis, the
/// method and the answers the sheet offers.
public struct CheckPoint: Sendable {
  /// The code by which results name the point (one namespace for own and shared points).
  public var code: Name?
  public var text: Name
  public var bases: [Basis]
  public var methods: [Located<Method>]
  /// The answers the sheet offers, as written; empty means `defaultAnswers`.
  public var answers: [Name]
  /// From the code (or the text) to the end of the point's last field.
  public var span: Span

  public init(code: Name?, text: Name, bases: [Basis], methods: [Located<Method>], answers: [Name], span: Span) {
    self.code = code
    self.text = text
    self.bases = bases
    self.methods = methods
    self.answers = answers
    self.span = span
  }

  /// 符合 / 不符合 / 不涉及: what a sheet offers when the point names no answers.
  public static let defaultAnswers = ["符合", "不符合", "不涉及"]

  /// The answers the sheet offers.
  public var offeredAnswers: [String] { answers.isEmpty ? CheckPoint.defaultAnswers : answers.map(\.value) }
}

/// An entry of an item's 要点 block: a point of its own, or the code of a shared one.
public enum PointEntry: Sendable {
  case own(CheckPoint)
  case reference(Name)

  public var span: Span {
    switch self {
    case .own(let point): return point.span
    case .reference(let code): return code.span
    }
  }
}

/// 要点 declared on its own (`checkpoint`): an entry of the 主题库, a point defined once and
/// referenced by the items of several departments.
public struct SharedPoint: Sendable {
  public var header: Header
  public var point: CheckPoint
}

/// 一业一查: one joint inspection of an industry by several departments.
public struct Bundle: Sendable {
  public var header: Header
  public var lead: Name?
  public var industries: [Name]
  public var items: [Name]
  public var window: Located<DayRange>?
  public var sampling: Sampling?
  public var frequency: Located<Int>?
}

/// 计划: the annual plan.
public struct Plan: Sendable {
  public var header: Header
  public var year: Int
  public var jurisdiction: Name?
  public var window: Located<DayRange>?
  public var classes: [Name]
  public var publishWithin: Located<Duration>?
  public var reportWithin: Located<Duration>?
  public var minCoverage: Located<Ratio>?
  public var maxVisits: Located<Int>?
  public var inspectorsPerVisit: Located<Int>?
  /// 企业基数: enterprises at the end of the previous year, the base of the draw's coverage.
  public var enterpriseBase: Located<Int>? = nil
  /// 每户最多要点: the most check points one merged sheet may ask of a business (the burden cap).
  public var maxPoints: Located<Int>? = nil
  /// 处置时限: how long the follow-up of a problem found may take, from the 检查日期 (or the
  /// results table's 处置起算日); `Planner.defaultFollowUpWithin` when not given.
  public var followUpWithin: Located<Duration>? = nil
}

/// 日历: the official holidays of a year and the weekend days made working days (调休).
public struct Calendar: Sendable {
  public var header: Header
  public var year: Int
  public var holidays: [Located<DayRange>]
  public var workdays: [Located<DayRange>]
}

/// 引入: entries read from a spreadsheet export.
public struct Import: Sendable {
  public var keyword: Span
  public var kind: Located<ImportKind>
  public var path: Name
  public var span: Span
}

/// 月报 (`monthly-report`): what one unit's monthly report form asks that neither the rules, the
/// draw nor the results know — the meetings, documents and trainings of the month (rows 1–3 of
/// the form annexed to 《2024年石家庄市长安区“双随机、一公开”监管工作实施方案》), the documents that
/// organised its inspections, the website its results are published on, and the contacts.
/// `choucha report` fills the rest. `header.id` is the department's code; there is no title.
public struct MonthlyReport: Sendable {
  public var header: Header
  /// `2024-05`; nil when the header's month could not be read (reported).
  public var month: Located<YearMonth>?
  /// 会议 "名称" 2024-05-10 (本月召开会议部署随机抽查工作情况).
  public var meetings: [ReportEntry] = []
  /// 文件 "名称" "文号" (本月印发双随机工作文件情况).
  public var documents: [ReportEntry] = []
  /// 培训 "名称" 人数 "内容" (本月组织随机抽查业务培训情况).
  public var trainings: [ReportEntry] = []
  /// 抽查文件 "名称" "文号" (本月组织随机抽查的文件).
  public var inspectionDocuments: [ReportEntry] = []
  /// 公示网站 "…": where the results are published.
  public var website: Name?
  public var contact: Name?
  public var phone: Name?
  public var mobile: Name?
}

/// One entry of a monthly report: a meeting (name, date), a document (name, 文号) or a training
/// (name, people, content). What was not written is nil, and printed as not given.
public struct ReportEntry: Sendable {
  public var name: Name
  public var date: Located<Day>? = nil
  public var number: Name? = nil
  public var people: Located<Int>? = nil
  public var content: Name? = nil
  /// From the name to the entry's last value.
  public var span: Span
}
