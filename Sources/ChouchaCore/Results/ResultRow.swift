/// 检查结果: the result categories published random-inspection results use. The eight of the
/// national enterprise credit information publicity system's 抽查检查结果 (the wording every
/// published 抽查结果 page repeats), plus the ones those pages add for businesses that no longer
/// exist, with the spellings exports use as aliases. Grammar.md §8 lists them; README.md names
/// the published pages they were taken from.
public enum ResultCategory: String, CaseIterable, Sendable {
  case noProblem = "no-problem"
  case notPublished = "not-published"
  case falsePublication = "false-publication"
  case unreachable
  case noActivity = "no-activity"
  case correctedOnOrder = "corrected-on-order"
  case pendingFollowUp = "pending-follow-up"
  case refused
  /// 已注销 / 已吊销 / 已迁出: the business is gone from the jurisdiction; nothing to follow up.
  case deregistered

  public static let vocabulary = Vocabulary<ResultCategory>([
    (.noProblem, "no-problem", "未发现问题", ["正常", "未发现违法违规问题", "未发现违法行为", "检查未发现问题", "合格", "符合要求"]),
    (.notPublished, "not-published", "未按规定公示应当公示的信息", ["未按规定公示应公示信息", "未按规定公示"]),
    (.falsePublication, "false-publication", "公示信息隐瞒真实情况弄虚作假", ["公示信息隐瞒真实情况、弄虚作假", "公示信息隐瞒真实情况，弄虚作假"]),
    (.unreachable, "unreachable", "通过登记的住所（经营场所）无法联系", [
      "通过登记的住所(经营场所)无法联系", "通过登记的住所或者经营场所无法联系", "通过登记的住所无法联系", "通过登记的经营场所无法联系",
      "无法联系", "查无下落",
    ]),
    (.noActivity, "no-activity", "未发现开展本次抽查涉及的经营活动", ["未发现开展本次抽查涉及经营活动", "未开展相关经营活动", "未开展经营活动"]),
    (.correctedOnOrder, "corrected-on-order", "发现问题已责令改正", ["发现问题，已责令改正", "发现问题已责令整改", "发现问题，已责令整改", "责令改正", "已责令改正"]),
    (.pendingFollowUp, "pending-follow-up", "发现问题待后续处理", ["发现问题，待后续处理", "发现问题待后续处置", "待后续处理", "发现问题"]),
    (.refused, "refused", "不配合检查情节严重", ["不配合检查，情节严重", "不配合检查"]),
    (.deregistered, "deregistered", "已注销或被吊销", ["已注销", "已吊销", "已迁出", "被吊销营业执照", "已办理注销登记", "已注销（吊销）"]),
  ])

  /// True when the result records a problem that needs a follow-up action (后续处置).
  public var isProblem: Bool {
    switch self {
    case .noProblem, .noActivity, .deregistered: return false
    case .notPublished, .falsePublication, .unreachable, .correctedOnOrder, .pendingFollowUp, .refused: return true
    }
  }
}

/// 后续处置: what was done about a problem found, as published results and the platforms'
/// 后续处置 module record it, with the spellings exports use as aliases.
public enum FollowUpAction: String, CaseIterable, Sendable {
  /// 责令改正 (责令整改, 限期整改).
  case orderCorrection = "order-correction"
  /// 立案查处: a case opened.
  case caseOpened = "case-opened"
  /// 移交 the department competent for it (移交有关部门, 抄告, 转办).
  case handOver = "hand-over"
  /// 移送司法机关 (公安机关): a suspected crime.
  case judicialReferral = "judicial-referral"
  /// 列入经营异常名录 (标记为经营异常状态 for sole traders).
  case abnormalList = "abnormal-list"
  /// 列入严重违法失信名单.
  case seriousList = "serious-list"
  /// 行政指导 (提醒告诫, 约谈).
  case guidance
  /// 不予处罚 after inquiry (首违不罚, 轻微违法).
  case noPenalty = "no-penalty"

  public static let vocabulary = Vocabulary<FollowUpAction>([
    (.orderCorrection, "order-correction", "责令改正", ["责令整改", "限期整改", "责令限期改正", "责令限期整改", "限期改正", "督促整改", "已整改", "整改"]),
    (.caseOpened, "case-opened", "立案查处", ["立案调查", "立案", "行政处罚", "依法查处", "立案处理"]),
    (.handOver, "hand-over", "移交", ["移交有关部门", "移交相关部门", "移交有关部门处理", "移交处理", "转办", "抄告", "抄告相关部门"]),
    (.judicialReferral, "judicial-referral", "移送司法机关", ["移送公安机关", "移送司法", "涉嫌犯罪移送"]),
    (.abnormalList, "abnormal-list", "列入经营异常名录", ["列入异常名录", "列入经营异常名录（状态）", "标记为经营异常状态", "标记经营异常状态"]),
    (.seriousList, "serious-list", "列入严重违法失信名单", ["列入严重违法失信企业名单", "列入严重违法失信名单（黑名单）"]),
    (.guidance, "guidance", "行政指导", ["提醒告诫", "约谈", "行政约谈", "警示提醒", "告诫"]),
    (.noPenalty, "no-penalty", "不予处罚", ["不予行政处罚", "首违不罚", "免予处罚"]),
  ])
}

/// One row of an imported results table (`引入 结果`): one inspection of one business by one
/// department in one task (or round). Every span points at its cell in the table, so that a
/// diagnostic shows row and column; a cell that could not be read (E0602, E0901, E0902, E0101)
/// leaves its field nil (or out of its list), the rest of the row is kept.
public struct ResultRow: Sendable {
  /// The row's number as the spreadsheet shows it (1 = the heading row).
  public var row: Int
  /// 任务编号 as written; may name a round: `2024-J-餐饮@2`.
  public var task: Name
  /// 统一社会信用代码.
  public var entity: Name
  /// 企业名称, when the table has the column and the cell is filled.
  public var entityName: Name?
  /// 检查部门: a department code (a title written instead is matched to its code); nil when the
  /// cell is empty or names no department of the rules (reported).
  public var department: Name?
  /// 检查日期.
  public var inspected: Located<Day>?
  /// 检查结果.
  public var category: Located<ResultCategory>?
  /// 问题描述.
  public var problem: Name?
  /// 公示日期.
  public var published: Located<Day>?
  /// 后续处置, several separated by 、，；; and line breaks.
  public var actions: [Located<FollowUpAction>]
  /// 办结日期.
  public var closed: Located<Day>?
  /// 处置起算日 (optional column): the follow-up's deadline counts from it instead of 检查日期.
  public var followUpFrom: Located<Day>?
  /// 不合格要点 (optional column): the codes of the check points failed.
  public var failedPoints: [Name]
  /// The whole row.
  public var span: Span

  public init(
    row: Int, task: Name, entity: Name, entityName: Name? = nil, department: Name? = nil, inspected: Located<Day>? = nil,
    category: Located<ResultCategory>? = nil, problem: Name? = nil, published: Located<Day>? = nil,
    actions: [Located<FollowUpAction>] = [], closed: Located<Day>? = nil, followUpFrom: Located<Day>? = nil,
    failedPoints: [Name] = [], span: Span
  ) {
    self.row = row
    self.task = task
    self.entity = entity
    self.entityName = entityName
    self.department = department
    self.inspected = inspected
    self.category = category
    self.problem = problem
    self.published = published
    self.actions = actions
    self.closed = closed
    self.followUpFrom = followUpFrom
    self.failedPoints = failedPoints
    self.span = span
  }
}
