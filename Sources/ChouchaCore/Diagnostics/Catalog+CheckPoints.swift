/// The catalog, family 08: check points (检查要点) and the merged sheets of joint inspections.
extension Diagnostic {
  /// W0801: an item's own point cites a law that is not among the item's bases.
  /// - Parameter itemLaws: the laws of the item's bases, as written, in order, without repeats.
  package static func pointBasisNotItemBasis(_ law: Located<String>, item: String, itemLaws: [String]) -> Diagnostic {
    let zhLaws = itemLaws.map { Shown.text($0) }.joined(separator: "、")
    let enLaws = itemLaws.map { Shown.text($0) }.joined(separator: ", ")
    return Diagnostic(
      .W0801,
      Text(
        zh: "要点引用的法规“\(Shown.text(law.value))”不是事项“\(item)”的依据",
        en: "the point cites '\(Shown.text(law.value))', which is not a basis of item '\(item)'"),
      at: law.span,
      help: Text(
        zh: "把 \(Shown.text(law.value)) 加入事项的 依据，或改为引用事项的依据之一：\(zhLaws)；几个部门共用、依据各异的要点写成共用的 要点 声明",
        en: "add \(Shown.text(law.value)) to the item's basis, or cite one of its bases: \(enLaws); a point several departments share on other bases is declared as a shared checkpoint"))
  }

  /// W0802: an item of a bundle asks a point that another item of the bundle asks too.
  /// - Parameters:
  ///   - point: the text of this occurrence (an own point's, or the code of a shared reference).
  ///   - other: the other occurrence, in `otherItem`.
  ///   - declaration: the shared point to declare, written out in both languages
  ///     (`要点 CODE "…" { 依据 … }`); nil when `sharedCode` is already a shared point.
  ///   - sharedCode: the code both items should reference.
  package static func pointAskedTwiceInBundle(
    _ point: Span, item: String, other: Span, otherItem: String, bundle: String, text: String,
    sharedCode: String, declaration: Text?
  ) -> Diagnostic {
    let shown = Shown.text(text)
    let help: Text
    if let declaration {
      help = Text(
        zh: "进一次门、查多项事：同一企业不应被问两次。把它写成共用的要点 \(declaration.zh)，再在两个事项的要点块中都只写 \(sharedCode)",
        en: "enter once, check many things: a business is not asked twice. Declare one shared point, \(declaration.en), and write only \(sharedCode) in the checks of both items")
    } else {
      help = Text(
        zh: "进一次门、查多项事：同一企业不应被问两次。共用要点 \(sharedCode) 已经问这一项：把本事项的这条要点改为 \(sharedCode)",
        en: "enter once, check many things: a business is not asked twice. The shared point \(sharedCode) asks it already: replace this item's point with \(sharedCode)")
    }
    return Diagnostic(
      .W0802,
      Text(
        zh: "“一业一查”“\(bundle)”中，事项“\(item)”与事项“\(otherItem)”都检查“\(shown)”",
        en: "in bundle '\(bundle)', items '\(item)' and '\(otherItem)' both check '\(shown)'"),
      at: point,
      labels: [.init(other, Text(zh: "事项“\(otherItem)”的同一要点", en: "the same point of item '\(otherItem)'"))],
      help: help)
  }

  /// E0803: a bundle's merged sheet asks more points than the plan allows one business.
  /// - Parameters:
  ///   - contributors: the items needing the most of the merged points, most first, with how many.
  package static func mergedSheetOverCap(
    bundle: Located<String>, count: Int, cap: Located<Int>, planYear: Int, contributors: [(item: String, points: Int)],
    items: Int
  ) -> Diagnostic {
    let zhMost = contributors.map { "\($0.item)（\($0.points) 项）" }.joined(separator: "、")
    let enMost = contributors.map { "\($0.item) (\($0.points))" }.joined(separator: ", ")
    return Diagnostic(
      .E0803,
      Text(
        zh: "“一业一查”“\(bundle.value)”的合并检查表有 \(count) 个要点，超过\(planYear)年计划的每户最多要点 \(cap.value) 个",
        en: "bundle '\(bundle.value)' merges to \(count) check points, more than the \(planYear) plan's max-points \(cap.value)"),
      at: bundle.span,
      labels: [.init(cap.span, Text(zh: "每户最多要点在此", en: "max-points is set here"))],
      help: Text(
        zh: "\(items) 个事项的要点合并后有 \(count) 个，多出 \(count - cap.value) 个；要点最多的事项：\(zhMost)。把几个部门都查的要点写成共用的 要点 声明，删去重复或次要的要点，或把事项分到另一个“一业一查”",
        en: "the points of the \(items) items merge to \(count), \(count - cap.value) too many; the items with the most: \(enMost). Declare the points several departments check as shared checkpoints, drop repeated or minor points, or move items to another bundle"))
  }

  /// W0804: one item asks the same point twice.
  /// - Parameter byCode: true when the same shared point is referenced twice, false when two
  ///   points have the same text once normalised.
  package static func pointTwiceInItem(_ point: Span, item: String, text: String, first: Span, byCode: Bool) -> Diagnostic {
    let shown = Shown.text(text)
    return Diagnostic(
      .W0804,
      byCode
        ? Text(zh: "事项“\(item)”两次引用共用要点“\(shown)”", en: "item '\(item)' references the shared point '\(shown)' twice")
        : Text(zh: "事项“\(item)”两次检查“\(shown)”", en: "item '\(item)' checks '\(shown)' twice"),
      at: point,
      labels: [.init(first, Text(zh: "第一次在此", en: "first here"))],
      help: Text(
        zh: "删除重复的一条；要点的文字只在标点和空格上不同时，仍是同一个要点",
        en: "delete the repeated one; points whose texts differ only in punctuation and spaces are one point"))
  }

  /// W0805: an article written with full-width digits.
  /// - Parameter halfWidth: the article with its digits half-width.
  package static func fullWidthArticle(_ article: Located<String>, halfWidth: String, fixable: Bool) -> Diagnostic {
    Diagnostic(
      .W0805,
      Text(
        zh: "条款“\(Shown.text(article.value))”用了全角数字",
        en: "the article '\(Shown.text(article.value))' is written with full-width digits"),
      at: article.span,
      help: Text(
        zh: "改写为半角数字：\"\(Shown.text(halfWidth))\"；检查表和公示的清单按条款文字比对和排序，全角与半角会被当成不同的条款",
        en: "write it with ASCII digits: \"\(Shown.text(halfWidth))\"; sheets and published lists compare and sort articles as text, so full-width and ASCII digits make two articles"),
      fixIts: fixable ? [Diagnostic.FixIt(span: article.span, replacement: halfWidth)] : [])
  }
}
