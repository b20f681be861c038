/// 检查结果: the result categories of the national enterprise credit information publicity
/// system's random inspections (双随机抽查), as its platform codes them and published results
/// repeat them, with the older and variant spellings as aliases; README.md ("检查结果 and
/// 后续处置") names the sources. Punctuation, brackets and spaces do not matter when a cell is
/// matched (`ResultVocabulary`), so `通过登记的住所(经营场所)无法联系` needs no alias.
public enum ResultCategory: String, CaseIterable, Sendable {
  case noProblem = "no-problem"
  case notPublished = "not-published"
  case falsePublication = "false-publication"
  case unreachable
  case noActivity = "no-activity"
  case correctedOnOrder = "corrected-on-order"
  case pendingFollowUp = "pending-follow-up"
  case refused
  /// 已关闭停业或正在组织清算.
  case closed
  /// 注销: deregistered.
  case deregistered
  /// 被吊销 (the business licence revoked).
  case revoked
  /// 被撤销 (the registration cancelled).
  case cancelled
  /// 迁出: moved out of the jurisdiction.
  case movedOut = "moved-out"

  public static let vocabulary = Vocabulary<ResultCategory>([
    (.noProblem, "no-problem", "未发现问题", ["正常（符合信息公示相关规定）", "正常经营", "正常"]),
    (.notPublished, "not-published", "未按规定公示应当公示的信息", ["未按规定公示信息", "未按规定公示即时信息", "未按规定公示年报信息"]),
    (.falsePublication, "false-publication", "公示信息隐瞒真实情况弄虚作假", []),
    (.unreachable, "unreachable", "通过登记的住所（经营场所）无法联系", ["查无下落", "无法联系"]),
    (.noActivity, "no-activity", "未发现开展本次抽查涉及的经营活动", []),
    (.correctedOnOrder, "corrected-on-order", "发现问题已责令改正", ["发现问题经责令已改正"]),
    (.pendingFollowUp, "pending-follow-up", "发现问题待后续处理", [
      "违反工商行政管理相关规定", "违反其他工商行政管理规定行为", "违反食品药品管理相关规定", "违反质量技术监督相关规定",
      "违反其他部门相关规定", "违反公安部门相关规定",
    ]),
    (.refused, "refused", "不配合检查情节严重", ["不予配合情节严重"]),
    (.closed, "closed", "已关闭停业或正在组织清算", []),
    (.deregistered, "deregistered", "注销", ["已注销", "已办理营业执照注销"]),
    (.revoked, "revoked", "被吊销", ["已吊销", "被吊销营业执照"]),
    (.cancelled, "cancelled", "被撤销", ["被撤销登记"]),
    (.movedOut, "moved-out", "迁出", ["已迁出"]),
  ])

  /// True when the result records a problem, which needs a follow-up action (后续处置).
  public var isProblem: Bool {
    switch self {
    case .noProblem, .noActivity, .closed, .deregistered, .revoked, .cancelled, .movedOut: return false
    case .notPublished, .falsePublication, .unreachable, .correctedOnOrder, .pendingFollowUp, .refused: return true
    }
  }
}

/// 后续处置: what was done about a problem found, in the words of the plans that require it
/// (立案查处, 移交, 移送司法机关, 转办) and of published results (责令改正, 列入经营异常名录), with
/// the spellings exports use as aliases; README.md names the sources.
public enum FollowUpAction: String, CaseIterable, Sendable {
  /// 责令改正 (责令整改, 限期整改).
  case orderCorrection = "order-correction"
  /// 立案查处: a case opened.
  case caseOpened = "case-opened"
  /// 移交 the department or body competent for it (移交相关部门, 转办).
  case handOver = "hand-over"
  /// 移送司法机关 (公安机关): a suspected crime.
  case judicialReferral = "judicial-referral"
  /// 列入经营异常名录 (标记为经营异常状态 for sole traders).
  case abnormalList = "abnormal-list"
  /// 列入严重违法失信名单 (formerly 严重违法企业名单).
  case seriousList = "serious-list"

  public static let vocabulary = Vocabulary<FollowUpAction>([
    (.orderCorrection, "order-correction", "责令改正", ["责令整改", "限期整改", "责令限期改正", "责令限期整改", "限期改正"]),
    (.caseOpened, "case-opened", "立案查处", ["立案调查", "立案"]),
    (.handOver, "hand-over", "移交", ["移交相关部门", "移交有关部门", "移交相关部门查处", "移交有处置权限的机构", "转办"]),
    (.judicialReferral, "judicial-referral", "移送司法机关", ["移送公安机关", "移送有关机关"]),
    (.abnormalList, "abnormal-list", "列入经营异常名录", ["列入异常名录", "标记为经营异常状态"]),
    (.seriousList, "serious-list", "列入严重违法失信名单", ["列入严重违法失信企业名单", "列入严重违法企业名单"]),
  ])
}

/// 任务来源: where an inspection's task comes from. Most come from the year's plan and its draw; an
/// inspection assigned from above (上级交办, 上级部署: a task of a provincial or city department
/// carried out by the district's) has no task in the district's plan, yet counts towards the
/// year's coverage, which takes in “本部门抽取及上级部门下派” (《2024年石家庄市长安区“双随机、一公开”
/// 监管工作实施方案》（长双随机办〔2024〕3号）二（四）).
public enum TaskSource: String, CaseIterable, Sendable {
  case plan
  case assigned

  public static let vocabulary = Vocabulary<TaskSource>([
    (.plan, "plan", "本级计划", ["年度计划", "本级抽取", "本部门抽取", "计划"]),
    (.assigned, "assigned", "上级交办", ["上级部署", "上级下派", "上级部门下派", "上级交办任务", "上级部署任务", "交办", "下派"]),
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
  /// 任务来源 (optional column): nil when not given, read as the plan.
  public var source: Located<TaskSource>? = nil

  /// Set when the 任务来源 cell could not be read (E0901): whose task it is is unknown, so the
  /// row is held to no task (one mistake, one diagnostic).
  public var sourceUnread = false

  /// 上级交办: the task is not the plan's; `task` is the assigning authority's id, as written.
  public var isAssigned: Bool { source?.value == .assigned }

  /// Whether the row is held to a task of the plan: not assigned from above, its source read.
  public var isPlanned: Bool { !isAssigned && !sourceUnread }
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
