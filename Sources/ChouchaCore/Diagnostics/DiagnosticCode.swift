/// Stable diagnostic codes. A code is a contract with CI scripts and outside tests: it is never
/// reused for another meaning. `E` codes are errors, `W` codes warnings.
///
/// Families: 00 syntax, 01 names, 02 authority list and legal bases, 03 sampling, 04 joint
/// inspection bundles, 05 plan and calendar, 06 imports, 07 the draw, 08 check points and the
/// merged checklists, 09 inspection results.
public enum DiagnosticCode: String, CaseIterable, Sendable, Comparable {
  case E0001, E0002, E0003, E0004, E0005, E0006, E0007, E0008, W0009
  case E0101, E0102
  case E0201, E0202, E0203, E0204, W0205, W0206
  case E0301, W0302, E0303, E0304, E0305
  case E0401, W0402, E0403, W0404, E0405
  case E0501, E0502, W0503, E0504, E0505
  case E0601, E0602, W0603, W0604, W0605, E0606, W0607, W0608, W0609
  case E0701, W0702, W0703, W0704
  case W0801, W0802, E0803, W0804, W0805
  case E0901, E0902, E0903, E0904, E0905, E0906, E0907, E0908, E0909, E0910, E0911, W0912, E0913, W0914, E0915, E0916, E0917

  public var severity: Severity {
    rawValue.hasPrefix("W") ? .warning : .error
  }

  public static func < (lhs: DiagnosticCode, rhs: DiagnosticCode) -> Bool {
    lhs.rawValue < rhs.rawValue
  }

  /// A short title, used by `explain`, SARIF rule names and the catalog table.
  public var title: Text {
    switch self {
    case .E0001: return Text(zh: "文件不是有效的 UTF-8 文本", en: "file is not valid UTF-8 text")
    case .E0002: return Text(zh: "字符串没有结束引号", en: "unterminated string")
    case .E0003: return Text(zh: "无法识别的字符", en: "unexpected character")
    case .E0004: return Text(zh: "此处不应出现该内容", en: "unexpected token")
    case .E0005: return Text(zh: "未知的关键字", en: "unknown keyword")
    case .E0006: return Text(zh: "无效的日期、数字或比例", en: "invalid literal")
    case .E0007: return Text(zh: "同一字段写了两次", en: "field given twice")
    case .E0008: return Text(zh: "缺少必填字段", en: "required field missing")
    case .W0009: return Text(zh: "看不见或形似空格的字符", en: "invisible or look-alike space character")
    case .E0101: return Text(zh: "引用了未定义的名称", en: "name not defined")
    case .E0102: return Text(zh: "名称重复定义", en: "name defined twice")
    case .E0201:
      return Text(zh: "抽查事项没有对应的行政检查权责（清单之外无监管）", en: "item without an inspection power")
    case .E0202: return Text(zh: "抽查事项的部门与权责事项的部门不一致", en: "item department differs from its authority's")
    case .E0203: return Text(zh: "法律依据在计划期间不生效", en: "legal basis not in force during the plan")
    case .E0204: return Text(zh: "抽查事项没有法律依据", en: "item without legal basis")
    case .W0205: return Text(zh: "行政检查权责未被任何抽查事项覆盖", en: "inspection power not covered by any item")
    case .W0206: return Text(zh: "抽查事项引用了已豁免随机抽查的权责", en: "item cites an exempt inspection power")
    case .E0301: return Text(zh: "抽查比例或数量超出范围", en: "ratio or count out of range")
    case .W0302: return Text(zh: "风险越高抽查比例反而越低", en: "ratios decrease as risk rises")
    case .E0303: return Text(zh: "分类抽查比例与计划的信用风险分类不一致", en: "class ratios do not match the plan's classes")
    case .E0304: return Text(zh: "抽查事项没有抽查比例或数量", en: "item without sampling")
    case .E0305: return Text(zh: "抽查频次无效", en: "invalid frequency")
    case .E0401: return Text(zh: "牵头部门在“一业一查”中没有抽查事项", en: "bundle lead has none of its items")
    case .W0402: return Text(zh: "“一业一查”只涉及一个部门", en: "bundle is not a joint inspection")
    case .E0403: return Text(zh: "“一业一查”期间超出计划期间", en: "bundle window outside the plan window")
    case .W0404:
      return Text(zh: "不同部门对同一检查对象的事项未纳入联合抽查", en: "missed joint inspection on one object type")
    case .E0405: return Text(zh: "同一事项出现在同一行业的两个“一业一查”中", en: "item in two bundles of one industry")
    case .E0501: return Text(zh: "缺少年度计划，或同一年度有两个计划", en: "no plan, or two plans for one year")
    case .E0502: return Text(zh: "日历日期错误", en: "invalid calendar date")
    case .W0503: return Text(zh: "期限所在年度没有节假日日历", en: "deadline in a year without a calendar")
    case .E0504: return Text(zh: "日期范围的结束早于开始", en: "date range ends before it starts")
    case .E0505: return Text(zh: "计划期间不在计划年度内", en: "plan window outside the plan year")
    case .E0601: return Text(zh: "无法引入文件", en: "import cannot be read")
    case .E0602: return Text(zh: "引入的表格缺少列或行格式错误", en: "imported table is malformed")
    case .W0603: return Text(zh: "表格单元格无法转换，原文保留在注释中", en: "cell not converted, kept verbatim in a comment")
    case .W0604: return Text(zh: "表格的列无法识别，内容保留在注释中", en: "unknown column, kept in comments")
    case .W0605: return Text(zh: "表格没有给出必填的值，已写入待核实的值", en: "required value not in the sheet, placeholder written")
    case .E0606: return Text(zh: "表格的事项没有检查主体", en: "sheet row without a department")
    case .W0607: return Text(zh: "导入时填入的值尚未核实", en: "an imported placeholder is not verified yet")
    case .W0608: return Text(zh: "合并单元格的值向下沿用，待核实", en: "a merged cell's value carried down, to verify")
    case .W0609: return Text(zh: "写法不同的部门名称合并为一个部门", en: "differently written department names merged")
    case .E0701: return Text(zh: "抽中的检查对象无法匹配到执法人员", en: "a drawn target cannot be staffed")
    case .W0702: return Text(zh: "名录缺少一项保障，抽取照常进行", en: "a directory lacks a safeguard; the draw goes on")
    case .W0703: return Text(zh: "要抽取的户数多于总体，全部抽取", en: "a sample larger than its population; all are drawn")
    case .W0704: return Text(zh: "抽取的覆盖率低于计划的最低覆盖率", en: "the draw's coverage is below the plan's minimum")
    case .W0801: return Text(zh: "要点引用的法规不是事项的依据", en: "a point cites a law that is not its item's basis")
    case .W0802: return Text(zh: "同一“一业一查”的两个事项检查同一要点", en: "two items of one bundle check the same point")
    case .E0803: return Text(zh: "合并检查表的要点数超过每户最多要点", en: "a merged sheet has more points than max-points")
    case .W0804: return Text(zh: "同一事项两次检查同一要点", en: "an item checks the same point twice")
    case .W0805: return Text(zh: "条款用了全角数字", en: "an article written with full-width digits")
    case .E0901: return Text(zh: "检查结果、后续处置或任务来源无法识别", en: "unknown result category, follow-up action or task source")
    case .E0902: return Text(zh: "结果表格的日期无效", en: "invalid date in a results table")
    case .E0903: return Text(zh: "发现问题的检查结果没有后续处置", en: "a problem found without a follow-up action")
    case .E0904: return Text(zh: "结果表的任务编号不是计划中的任务或轮次", en: "a result names no task or round of the plan")
    case .E0905: return Text(zh: "检查部门不参加该任务", en: "a result's department takes no part in its task")
    case .E0906: return Text(zh: "检查日期不在任务期间内", en: "an inspection date outside its task's window")
    case .E0907: return Text(zh: "同一任务、企业、部门的检查结果记了两次", en: "a result recorded twice")
    case .E0908: return Text(zh: "检查的企业不在该任务的抽取结果中", en: "a result for an entity not drawn in its task")
    case .E0909: return Text(zh: "不合格要点不是该部门在该任务中的检查要点", en: "a failed point that is not one of the department's points in the task")
    case .E0910: return Text(zh: "月报的月份不在计划年度内，或其中的会议日期不在该月", en: "a monthly report outside the plan's year, or a meeting in it outside its month")
    case .E0911: return Text(zh: "检查结果逾期未公示", en: "a result not published by its deadline")
    case .W0912: return Text(zh: "检查结果公示晚于期限", en: "a result published late")
    case .E0913: return Text(zh: "后续处置逾期未办结", en: "a follow-up not closed by its deadline")
    case .W0914: return Text(zh: "后续处置办结晚于时限", en: "a follow-up closed late")
    case .E0915: return Text(zh: "抽中的企业过了报告期限仍没有检查结果", en: "a drawn entity without a result after the report deadline")
    case .E0916: return Text(zh: "全年检查覆盖率低于最低覆盖率", en: "the year's coverage by results below the minimum")
    case .E0917: return Text(zh: "结果表的日期晚于检查日（--as-of）", en: "a date after the as-of day")
    }
  }
}
