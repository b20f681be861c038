/// The keywords of the rule language. Each has an English and a Chinese spelling; both may be
/// mixed in one file. Keywords are contextual: `事项` opens an item at the top level and is the
/// `items` field inside a bundle.
public enum DeclKind: String, Sendable, CaseIterable {
  case department, law, authority, item, bundle, plan, calendar, `import`, checkpoint, monthlyReport

  public static let vocabulary = Vocabulary<DeclKind>([
    (.department, "department", "部门", []),
    (.law, "law", "法规", ["法律"]),
    (.authority, "authority", "权责", []),
    (.item, "item", "事项", []),
    (.bundle, "bundle", "一业一查", ["联查"]),
    (.plan, "plan", "计划", []),
    (.calendar, "calendar", "日历", []),
    (.import, "import", "引入", []),
    (.checkpoint, "checkpoint", "要点", ["检查要点"]),
    (.monthlyReport, "monthly-report", "月报", ["月报表"]),
  ])
}

/// Field keywords. The raw value is an index into per-declaration field tables.
public enum FieldKey: Int, Sendable, CaseIterable {
  case kind, effective, repealed, department, basis, exempt, authority, category, objects, methods,
    content, ratio, count, frequency, requires, lead, industry, items, window, jurisdiction, classes,
    publishWithin, reportWithin, minCoverage, maxVisits, inspectorsPerVisit, holidays, workdays, enterpriseBase,
    checks, answers, maxPoints, followUpWithin, meeting, document, training, inspectionDocument, website, contact,
    phone, mobile

  public static let vocabulary = Vocabulary<FieldKey>([
    (.kind, "kind", "类型", []),
    (.effective, "effective", "施行", ["生效"]),
    (.repealed, "repealed", "废止", []),
    (.department, "department", "部门", []),
    (.basis, "basis", "依据", []),
    (.exempt, "exempt", "豁免", []),
    (.authority, "authority", "权责", []),
    (.category, "category", "类别", []),
    (.objects, "objects", "对象", []),
    (.methods, "methods", "方式", []),
    (.content, "content", "内容", []),
    (.ratio, "ratio", "比例", []),
    (.count, "count", "数量", []),
    (.frequency, "frequency", "频次", []),
    (.requires, "requires", "专长", []),
    (.lead, "lead", "牵头", []),
    (.industry, "industry", "行业", []),
    (.items, "items", "事项", []),
    (.window, "window", "期间", []),
    (.jurisdiction, "jurisdiction", "辖区", []),
    (.classes, "classes", "分类", []),
    (.publishWithin, "publish-within", "公示时限", []),
    (.reportWithin, "report-within", "报告时限", []),
    (.minCoverage, "min-coverage", "最低覆盖率", []),
    (.maxVisits, "max-visits", "最多检查", []),
    (.inspectorsPerVisit, "inspectors-per-visit", "每户人数", []),
    (.holidays, "holidays", "节假日", []),
    (.workdays, "workdays", "补班", []),
    (.enterpriseBase, "enterprise-base", "企业基数", []),
    (.checks, "checks", "要点", ["检查要点"]),
    (.answers, "answers", "答案", ["检查结果选项"]),
    (.maxPoints, "max-points", "每户最多要点", []),
    (.followUpWithin, "follow-up-within", "处置时限", ["后续处置时限"]),
    (.meeting, "meeting", "会议", []),
    (.document, "document", "文件", []),
    (.training, "training", "培训", []),
    (.inspectionDocument, "inspection-document", "抽查文件", []),
    (.website, "website", "公示网站", ["网站"]),
    (.contact, "contact", "联系人", []),
    (.phone, "phone", "联系电话", ["电话"]),
    (.mobile, "mobile", "手机", []),
  ])

  /// The fields a declaration may give more than once, each time one more entry (a monthly
  /// report's meetings, documents, trainings).
  var isRepeatable: Bool {
    switch self {
    case .meeting, .document, .training, .inspectionDocument: return true
    default: return false
    }
  }
}

/// 本级部门 or 驻区垂直管理部门.
public enum DepartmentKind: String, Sendable, CaseIterable {
  case local, vertical
  public static let vocabulary = Vocabulary<DepartmentKind>([
    (.local, "local", "本级", []),
    (.vertical, "vertical", "垂直", ["垂直管理"]),
  ])
}

/// The type of an entry of the 权责清单; only 行政检查 may become a random-inspection item.
public enum AuthorityKind: String, Sendable, CaseIterable {
  case inspection, permit, penalty, other
  public static let vocabulary = Vocabulary<AuthorityKind>([
    (.inspection, "inspection", "行政检查", []),
    (.permit, "permit", "行政许可", []),
    (.penalty, "penalty", "行政处罚", []),
    (.other, "other", "其他", ["其他行政权力"]),
  ])
}

/// 一般检查事项 or 重点检查事项.
public enum Category: String, Sendable, CaseIterable {
  case general, key
  public static let vocabulary = Vocabulary<Category>([
    (.general, "general", "一般", ["一般检查事项"]),
    (.key, "key", "重点", ["重点检查事项"]),
  ])
}

/// 检查方式.
/// 检查方式: the ways the plans implementing 国发〔2019〕5号 name (“书面检查、实地核查、网络监测等…
/// 可委托第三方开展工作”, 临淄区 2019 plan, 三（三）) and the ones published item lists add
/// (抽样检测, 非现场监管), with the spellings real lists use as aliases. A closed list: a misspelt
/// method is still an error (E0005 with a suggestion).
public enum Method: String, Sendable, CaseIterable {
  case onsite, document, online, sampling
  case thirdParty = "third-party"
  case offsite
  public static let vocabulary = Vocabulary<Method>([
    (.onsite, "onsite", "实地检查", ["现场检查", "实地核查", "现场核查", "实地"]),
    (.document, "document", "书面检查", ["书面审查", "查阅资料", "书面核查", "资料审查", "查阅材料", "书面"]),
    (.online, "online", "网络监测", ["网络检查", "网上检查", "网络核查", "网络"]),
    (.sampling, "sampling", "抽样检测", ["抽样检验", "抽检", "抽样检查", "检验检测", "抽样送检", "抽样"]),
    (.thirdParty, "third-party", "委托第三方", ["委托专业机构", "委托第三方检查", "第三方检查", "专业机构检查"]),
    (.offsite, "offsite", "非现场监管", ["信息化监管", "非现场检查", "远程监管", "在线监控"]),
  ])
}

public enum DurationUnit: String, Sendable, CaseIterable {
  case days, workdays
  public static let vocabulary = Vocabulary<DurationUnit>([
    (.days, "days", "日", ["天", "自然日"]),
    (.workdays, "workdays", "工作日", []),
  ])
}

/// What an `import` reads.
public enum ImportKind: String, Sendable, CaseIterable {
  case authorities
  /// A published draw document (draw-YYYY.json), from which `build` writes one sheet per visit.
  case draw
  /// A table of inspection results (检查结果), read into `Program.results`.
  case results
  public static let vocabulary = Vocabulary<ImportKind>([
    (.authorities, "authorities", "权责", ["权责清单"]),
    (.draw, "draw", "抽取", ["抽取结果"]),
    (.results, "results", "结果", ["检查结果", "抽查结果"]),
  ])
}
