/// The catalog, family 02: the authority list (权责清单) and legal bases. Every factory takes plain
/// values (names with their spans, dates written out), so that this folder needs no later stage.
extension Diagnostic {
  /// E0201: an item cites no authority.
  package static func itemWithoutAuthority(_ item: Located<String>) -> Diagnostic {
    Diagnostic(
      .E0201,
      Text(zh: "抽查事项“\(item.value)”没有对应的权责事项", en: "item '\(item.value)' cites no authority"),
      at: item.span,
      help: Text(
        zh: "加上一行 权责 权责编码；每个抽查事项都必须来自本部门权责清单中的行政检查事项（清单之外无监管）",
        en: "add a line: authority CODE; every item must come from an inspection power of the authority list"))
  }

  /// E0201: an item cites an authority that is not an inspection power.
  /// - Parameters:
  ///   - kind: the authority's kind as the rules spell it (行政许可 / `licensing`).
  package static func authorityNotInspection(
    _ authority: String, kind: Text, at reference: Span, kindGivenAt kindSpan: Span
  ) -> Diagnostic {
    Diagnostic(
      .E0201,
      Text(
        zh: "权责事项“\(authority)”是\(kind.zh)，不是行政检查，不能作为抽查事项的来源",
        en: "authority '\(authority)' is a \(kind.en) power, not an inspection power"),
      at: reference,
      labels: [.init(kindSpan, Text(zh: "权责类型在此", en: "its kind is given here"))],
      help: Text(
        zh: "改为引用本部门类型为“行政检查”的权责事项（清单之外无监管）",
        en: "cite an authority of kind inspection instead"))
  }

  /// E0202: an item's department differs from its authority's.
  package static func itemDepartmentDiffers(
    item: String, department: Located<String>, authority: String, authorityDepartment: Located<String>
  ) -> Diagnostic {
    Diagnostic(
      .E0202,
      Text(
        zh: "抽查事项“\(item)”属于部门“\(department.value)”，但其权责事项“\(authority)”属于部门“\(authorityDepartment.value)”",
        en: "item '\(item)' belongs to '\(department.value)' but its authority '\(authority)' belongs to '\(authorityDepartment.value)'"),
      at: department.span,
      labels: [.init(authorityDepartment.span, Text(zh: "权责事项的部门在此", en: "the authority's department"))],
      help: Text(
        zh: "谁审批、谁监管，谁主管、谁监管：把部门改为“\(authorityDepartment.value)”，或引用本部门的权责事项",
        en: "change the department to '\(authorityDepartment.value)', or cite an authority of '\(department.value)'"))
  }

  /// E0203: a basis repealed before the plan starts.
  /// - Parameters:
  ///   - repealed: the date of repeal as written (`2020-06-01`), with its span.
  ///   - planStart: the first day of the plan window, written out.
  package static func basisRepealed(
    _ law: Located<String>, repealed: Located<String>, planYear: Int, planStart: String
  ) -> Diagnostic {
    Diagnostic(
      .E0203,
      Text(
        zh: "依据“\(law.value)”已于 \(repealed.value) 废止，早于\(planYear)年计划开始（\(planStart)）",
        en: "'\(law.value)' was repealed on \(repealed.value), before the \(planYear) plan starts (\(planStart))"),
      at: law.span,
      labels: [.init(repealed.span, Text(zh: "废止日期在此", en: "repealed here"))],
      help: Text(
        zh: "改为引用现行有效的法规：随机抽查事项清单“应当依据法律法规规章的立改废释……进行动态调整”（\(CitedDocument.changchunCommerce.at("第一条"))）",
        en: "cite the law in force instead: the item list follows laws as they are enacted, amended and repealed (\(CitedDocument.changchunCommerce.atEn("第一条")))"))
  }

  /// E0203: a basis that takes effect after the plan ends.
  package static func basisNotYetInForce(
    _ law: Located<String>, effective: Located<String>, planYear: Int, planEnd: String
  ) -> Diagnostic {
    Diagnostic(
      .E0203,
      Text(
        zh: "依据“\(law.value)”自 \(effective.value) 起施行，晚于\(planYear)年计划结束（\(planEnd)）",
        en: "'\(law.value)' takes effect on \(effective.value), after the \(planYear) plan ends (\(planEnd))"),
      at: law.span,
      labels: [.init(effective.span, Text(zh: "施行日期在此", en: "effective from here"))],
      help: Text(
        zh: "计划期间内尚未施行的法规不能作为抽查依据：改为引用现行有效的法规，或核对施行日期",
        en: "a law not yet in force cannot be a basis: cite the law in force, or check the date"))
  }

  /// E0204: an item without a legal basis.
  package static func itemWithoutBasis(_ item: Located<String>) -> Diagnostic {
    Diagnostic(
      .E0204,
      Text(zh: "抽查事项“\(item.value)”没有法律依据", en: "item '\(item.value)' has no legal basis"), at: item.span,
      help: Text(
        zh: "加上一行 依据 法规编码 \"条款\"，如 依据 食品安全法 \"第一百一十条\"；抽查事项清单应“明确抽查项目、抽查依据、抽查主体、抽查内容、执法权限等事项”（\(CitedDocument.yongzhou2019.at("四（三）"))）",
        en: "add a line: basis LAW \"article\", such as basis 食品安全法 \"第一百一十条\"; the item list states the legal basis of each item (\(CitedDocument.yongzhou2019.atEn("四（三）")))"))
  }

  /// W0205: an inspection power that no item covers.
  package static func inspectionPowerNotCovered(_ authority: Located<String>) -> Diagnostic {
    Diagnostic(
      .W0205,
      Text(
        zh: "行政检查事项“\(authority.value)”没有被任何抽查事项覆盖",
        en: "inspection power '\(authority.value)' is not covered by any item"),
      at: authority.span,
      help: Text(
        zh: "“除投诉举报、上级交办、其他部门移交和重点监管事项外，各部门随机抽查事项要达到本部门市场监管领域监管执法事项的100%”（\(CitedDocument.yongzhou2019.at("三"))）：为它编写抽查事项，或写明 豁免 \"原因\"（如投诉举报、转办交办、专项检查）",
        en: "the item list covers every inspection power but complaints, assignments, referrals and key supervision (\(CitedDocument.yongzhou2019.atEn("三"))): write an item for it, or add exempt \"reason\""))
  }

  /// W0206: an item cites an authority exempt from random inspection.
  package static func itemCitesExemptAuthority(
    _ authority: String, item: String, at reference: Span, exemptAt exempt: Span
  ) -> Diagnostic {
    Diagnostic(
      .W0206,
      Text(
        zh: "权责事项“\(authority)”已豁免随机抽查，却有抽查事项“\(item)”引用它",
        en: "authority '\(authority)' is exempt from random inspection, yet item '\(item)' cites it"),
      at: reference,
      labels: [.init(exempt, Text(zh: "豁免原因在此", en: "exempt here"))],
      help: Text(zh: "删除该权责的“豁免”，或删除这个抽查事项", en: "remove the exemption, or remove this item"))
  }
}
