/// The catalog, family 01: names and codes, in the rules and in the draw's directories.
extension Diagnostic {
  /// E0101: a reference to a code that is not defined.
  /// - Parameters:
  ///   - kind: what the code should name (部门 / `department`).
  ///   - help: the help worked out by the resolver (a suggestion, or what to write).
  package static func notDefined(_ name: Located<String>, kind: Text, help: Text?) -> Diagnostic {
    Diagnostic(
      .E0101,
      Text(zh: "未定义的\(kind.zh)“\(Shown.text(name.value))”", en: "\(kind.en) '\(Shown.text(name.value))' is not defined"),
      at: name.span, help: help)
  }

  /// The help of E0101 when a name (a title, or a title stripped of its 《》) was written where
  /// its code belongs.
  package static func nameInsteadOfCode(_ name: String, code: String) -> Text {
    Text(
      zh: "“\(Shown.text(name))”是名称，这里应写编码“\(code)”",
      en: "'\(Shown.text(name))' is a name; write its code '\(code)' here")
  }

  /// The help of E0101 otherwise: the closest code in scope, if any, else how to define it.
  package static func notDefinedHelp(_ name: String, kind: Text, suggestion: String?) -> Text {
    let help = Text(
      zh: "先用 \(kind.zh) \(Shown.text(name)) \"…\" { … } 定义它，或改为已定义的编码",
      en: "define it with \(kind.en) \(Shown.text(name)) \"…\" { … }, or use a defined code")
    return Suggest.help(suggestion, help, ifNot: true)
  }

  /// The help of E0101 when an item references the code of another item's own point: own points
  /// are not shared; a point several items ask is declared once, as a shared 要点.
  /// - Parameters:
  ///   - owner: the item whose own point has the code.
  ///   - text: that point's text.
  package static func ownPointReferencedHelp(_ code: String, owner: String, text: String) -> Text {
    Text(
      zh: "“\(Shown.text(code))”是事项“\(owner)”自己的要点，不能被引用：要几个事项共用，把它从该事项的要点块移出，写成共用的要点 要点 \(Shown.text(code)) \"\(Shown.text(text))\" { … }，再在各事项的要点块中写 \(Shown.text(code))",
      en: "'\(Shown.text(code))' is an own point of item '\(owner)' and cannot be referenced: to share it, move it out of that item's checks as a shared point, checkpoint \(Shown.text(code)) \"\(Shown.text(text))\" { … }, and write \(Shown.text(code)) in the checks of each item")
  }

  /// E0101: a directory row's risk class is not one of the plan's.
  package static func directoryRiskClassUnknown(
    _ riskClass: Located<String>, row: Int, classes: [String], suggestion: String?
  ) -> Diagnostic {
    Diagnostic(
      .E0101,
      Text(zh: "第 \(row) 行的信用风险分类“\(Shown.text(riskClass.value))”不是计划的分类", en: "row \(row): '\(Shown.text(riskClass.value))' is not a risk class of the plan"),
      at: riskClass.span,
      help: Suggest.help(
        suggestion,
        Text(zh: "计划的信用风险分类为 \(classes.joined(separator: "、"))", en: "the plan's classes are \(classes.joined(separator: ", "))")))
  }

  /// E0101: a directory row's department is not defined in the rules.
  package static func directoryDepartmentUnknown(_ department: Located<String>, row: Int, suggestion: String?) -> Diagnostic {
    Diagnostic(
      .E0101,
      Text(zh: "第 \(row) 行的部门“\(Shown.text(department.value))”未在规则库中定义", en: "row \(row): department '\(Shown.text(department.value))' is not defined"),
      at: department.span,
      help: Suggest.help(
        suggestion,
        Text(zh: "部门写编码或规则库中的全称", en: "write the department's code or its full name as in the rules")))
  }

  /// E0102: a code defined twice.
  /// - Parameter kind: what it names (部门 / `department`).
  package static func duplicate(_ name: Located<String>, first: Located<String>, kind: Text) -> Diagnostic {
    Diagnostic(
      .E0102,
      Text(zh: "\(kind.zh)“\(Shown.text(name.value))”重复定义", en: "\(kind.en) '\(Shown.text(name.value))' is defined twice"),
      at: name.span,
      labels: [.init(first.span, Text(zh: "“\(Shown.text(first.value))”首次定义于此", en: "'\(Shown.text(first.value))' first defined here"))],
      help: Text(zh: "删除重复的定义，或改用另一个编码", en: "delete the duplicate or give it another code"))
  }

  /// E0102: a risk class defined twice (in a plan, or in a class ratio map).
  package static func duplicateRiskClass(_ name: Located<String>, first: Located<String>) -> Diagnostic {
    duplicate(name, first: first, kind: Text(zh: "信用风险分类", en: "risk class"))
  }

  /// E0102: an answer written twice in one check point's answers.
  package static func duplicateAnswer(_ answer: Located<String>, first: Span) -> Diagnostic {
    Diagnostic(
      .E0102,
      Text(
        zh: "答案“\(Shown.text(answer.value))”在同一要点中写了两次",
        en: "the answer '\(Shown.text(answer.value))' is given twice in one check point"),
      at: answer.span, labels: [.init(first, Text(zh: "第一次写在这里", en: "first here"))],
      help: Text(zh: "删除重复的答案：检查表上每个答案只列一次", en: "delete the repeated answer: a sheet lists each answer once"))
  }

  /// E0102: a credit code twice in the target directory.
  package static func duplicateCreditCode(_ code: Located<String>, row: Int, first: Span) -> Diagnostic {
    Diagnostic(
      .E0102,
      Text(zh: "统一社会信用代码“\(Shown.text(code.value))”在名录中出现两次（第 \(row) 行）", en: "credit code '\(Shown.text(code.value))' appears twice (row \(row))"),
      at: code.span, labels: [.init(first, Text(zh: "第一次出现在这里", en: "first here"))],
      help: Text(zh: "一个市场主体在名录中只能有一行：删除重复的行", en: "one row per entity: delete the duplicate"))
  }

  /// E0102: a staff number twice in the inspector directory.
  package static func duplicateStaffNumber(_ number: Located<String>, row: Int, first: Span) -> Diagnostic {
    Diagnostic(
      .E0102,
      Text(zh: "工号“\(Shown.text(number.value))”在名录中出现两次（第 \(row) 行）", en: "staff number '\(Shown.text(number.value))' appears twice (row \(row))"),
      at: number.span, labels: [.init(first, Text(zh: "第一次出现在这里", en: "first here"))],
      help: Text(zh: "每名执法人员只能有一行：删除重复的行", en: "one row per officer: delete the duplicate"))
  }

  /// E0102: a certificate number twice in the inspector directory, read for a draw today (a
  /// published draw's directory gets W0702, `duplicateCertificatePublished`).
  package static func duplicateCertificate(_ certificate: Located<String>, row: Int, first: Span) -> Diagnostic {
    Diagnostic(
      .E0102,
      Text(
        zh: "执法证号“\(Shown.text(certificate.value))”在名录中出现两次（第 \(row) 行）",
        en: "certificate '\(Shown.text(certificate.value))' appears twice (row \(row))"),
      at: certificate.span, labels: [.init(first, Text(zh: "第一次出现在这里", en: "first here"))],
      help: duplicateCertificateHelp)
  }

  static let duplicateCertificateHelp = Text(
    zh: "一个执法证号只属于一名执法人员：改正其中一行（没有执法证的人员留空）",
    en: "a certificate belongs to one officer: correct one of the rows (leave it empty for an officer without one)")
}
