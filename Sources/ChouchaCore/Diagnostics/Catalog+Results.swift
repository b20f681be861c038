/// The catalog, family 09: inspection results — the results tables a rule file imports
/// (`引入 结果`) and the checks over their rows.
extension Diagnostic {
  /// E0901: a 检查结果 or 后续处置 cell (`heading`) whose value is not in its vocabulary;
  /// `listing` lists the vocabulary (its Chinese spellings, and its English ones for the English
  /// text), `suggestion` is the closest spelling; `list` when the cell may hold several.
  package static func resultValueUnknown(
    _ value: String, row: Int, heading: String, listing: Text, list: Bool, suggestion: String?, at span: Span
  ) -> Diagnostic {
    Diagnostic(
      .E0901,
      Text(
        zh: "第 \(row) 行的“\(heading)”无法识别：“\(Shown.text(value))”",
        en: "row \(row): unknown \(heading) '\(Shown.text(value))'"),
      at: span,
      help: Suggest.help(
        suggestion,
        Text(
          zh: "“\(heading)”可写：\(listing.zh)" + (list ? "（几项之间用“、”或“；”分隔）" : ""),
          en: "\(heading) takes: \(listing.en)" + (list ? " (several separated by commas or semicolons)" : ""))))
  }

  /// E0901: a 检查结果 cell (`heading`) naming several categories (`names`): a row holds one.
  package static func resultCategoriesSeveral(_ names: [String], row: Int, heading: String, at span: Span) -> Diagnostic {
    Diagnostic(
      .E0901,
      Text(
        zh: "第 \(row) 行的“\(heading)”写了几项结论：\(names.joined(separator: "、"))",
        en: "row \(row): \(heading) names several conclusions: \(names.joined(separator: ", "))"),
      at: span,
      help: Text(
        zh: "每行只写一项结论：发现的问题要后续处置时写“发现问题待后续处理”或“发现问题已责令改正”，具体问题写在“问题描述”中",
        en: "write one conclusion a row: when the problems found need a follow-up, 发现问题待后续处理 (pending-follow-up) or 发现问题已责令改正 (corrected-on-order), and the problems themselves in 问题描述"))
  }

  /// E0902: a date cell (`heading`) that is not a date: `impossible` when it is written as one
  /// but no such day exists (2024-02-30).
  package static func resultDateInvalid(_ text: String, row: Int, heading: String, impossible: Bool, at span: Span) -> Diagnostic {
    Diagnostic(
      .E0902,
      impossible
        ? Text(
          zh: "第 \(row) 行的“\(heading)”“\(Shown.text(text))”是不存在的日期",
          en: "row \(row): \(heading) '\(Shown.text(text))' is a date that does not exist")
        : Text(
          zh: "第 \(row) 行的“\(heading)”“\(Shown.text(text))”不是日期",
          en: "row \(row): \(heading) '\(Shown.text(text))' is not a date"),
      at: span,
      help: Text(
        zh: "写成实际的日期，可用的写法：2024-05-03、2024/5/3、2024.5.3、2024年5月3日、20240503、Excel 日期序号（如 45415）；后面可带时间（如 2024/5/3 14:30），时间不参与计算",
        en: "write the real date, in one of these forms: 2024-05-03, 2024/5/3, 2024.5.3, 2024年5月3日, 20240503, an Excel serial number (such as 45415); a time may follow (such as 2024/5/3 14:30) and is not used"))
  }
}
