/// The catalog, family 04: joint inspections (一业一查, 部门联合抽查).
extension Diagnostic {
  /// E0401: the lead department has none of the bundle's items.
  /// - Parameter departments: the departments that do have items in it.
  package static func bundleLeadWithoutItems(_ lead: Located<String>, bundle: String, departments: [String]) -> Diagnostic {
    Diagnostic(
      .E0401,
      Text(
        zh: "牵头部门“\(lead.value)”在“一业一查”“\(bundle)”中没有任何抽查事项",
        en: "lead department '\(lead.value)' has no item in bundle '\(bundle)'"),
      at: lead.span,
      help: Text(
        zh: "“发起部门作为牵头部门”（\(CitedDocument.linzi2019.at("二（三）"))）：改为 \(departments.sorted().joined(separator: "、")) 之一，或加入牵头部门的抽查事项",
        en: "the initiating department leads (\(CitedDocument.linzi2019.atEn("二（三）"))): choose one of \(departments.sorted().joined(separator: ", ")), or add an item of the lead"))
  }

  /// W0402: a bundle whose items are all of one department.
  package static func bundleOfOneDepartment(_ bundle: Located<String>) -> Diagnostic {
    Diagnostic(
      .W0402,
      Text(
        zh: "“一业一查”“\(bundle.value)”的事项只属于一个部门，不是部门联合抽查",
        en: "bundle '\(bundle.value)' has items of only one department; it is not a joint inspection"),
      at: bundle.span,
      help: Text(
        zh: "加入其他部门对该行业的抽查事项；单一部门的事项无需组成“一业一查”",
        en: "add items of other departments for this industry, or drop the bundle"))
  }

  /// E0403: a bundle's window outside its plan's.
  /// - Parameters:
  ///   - window: the bundle's window written out (`2024-03-01 .. 2024-06-30`).
  package static func bundleOutsidePlan(
    bundle: String, window: Located<String>, planYear: Int, planWindow: Located<String>
  ) -> Diagnostic {
    Diagnostic(
      .E0403,
      Text(
        zh: "“一业一查”“\(bundle)”的期间 \(window.value) 超出\(planYear)年计划期间 \(planWindow.value)",
        en: "bundle '\(bundle)' runs \(window.value), outside the \(planYear) plan window \(planWindow.value)"),
      at: window.span,
      labels: [.init(planWindow.span, Text(zh: "计划期间在此", en: "the plan window"))],
      help: Text(
        zh: "把期间改到计划期间之内；“未经公示的随机抽查工作计划不得实施”（\(CitedDocument.yongzhou2019.at("四（四）"))）",
        en: "move the window inside the plan window; no inspection outside a published plan (\(CitedDocument.yongzhou2019.atEn("四（四）")))"))
  }

  /// W0404: `item` shares no bundle with the items of `departments` other departments that
  /// inspect the same object type; `partners` are the first of those items, named.
  package static func missedJointInspection(
    item: Located<String>, partners: [Located<String>], departments: Int, object: String
  ) -> Diagnostic {
    let labels = partners.map {
      Diagnostic.Label($0.span, Text(zh: "另一部门的事项在此", en: "the other department's item"))
    }
    let id = item.value
    let zhNames = partners.map { "“\($0.value)”" }.joined(separator: "、")
    let enNames = partners.map { "'\($0.value)'" }.joined(separator: ", ")
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
    return Diagnostic(.W0404, message, at: item.span, labels: labels, help: help)
  }

  /// E0405: an item already in another bundle of the same industry.
  package static func itemInTwoBundles(
    _ item: Located<String>, industry: String, firstBundle: String, firstListed: Span
  ) -> Diagnostic {
    Diagnostic(
      .E0405,
      Text(
        zh: "事项“\(item.value)”已在同一行业“\(industry)”的“一业一查”“\(firstBundle)”中",
        en: "item '\(item.value)' is already in bundle '\(firstBundle)' of the same industry '\(industry)'"),
      at: item.span,
      labels: [.init(firstListed, Text(zh: "首次列入于此", en: "first listed here"))],
      help: Text(
        zh: "同一行业的事项只列入一个“一业一查”，否则同一企业会被重复检查（无事不扰）",
        en: "list an item in one bundle per industry, or businesses are inspected twice"))
  }
}
