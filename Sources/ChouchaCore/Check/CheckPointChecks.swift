/// Check points (检查要点) and the merged sheets of joint inspections (08xx): what the inspector
/// asks at the door, each point with its legal basis; “进一次门、查多项事” only lowers the burden
/// when the departments that enter together do not ask the same thing twice.
///
/// Points are compared by their normalised text (`CheckPoint.normalised`), hashed: no pair of
/// points is ever compared, so an item's points and a bundle's merged sheet are checked in time
/// linear in their number. A repository without any check point pays only W0805's scan of the
/// bases' articles and reports nothing about points.
enum CheckPointChecks {
  static func run(_ program: Program) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    for authority in program.authorities { fullWidthArticles(authority.bases, into: &diagnostics) }
    for item in program.items { fullWidthArticles(item.bases, into: &diagnostics) }
    guard !program.checkpoints.isEmpty || program.items.contains(where: { !$0.points.isEmpty }) else {
      return diagnostics
    }

    let inForce = BasesInForce(program)
    func checkPoint(_ point: CheckPoint) {
      inForce?.check(point.bases, into: &diagnostics)
      fullWidthArticles(point.bases, into: &diagnostics)
      answers(point.answers, into: &diagnostics)
    }
    // A shared point is checked once, where it is declared, however many items reference it.
    for shared in program.checkpoints { checkPoint(shared.point) }
    let sharedTexts = program.checkpoints.map { ByteKey(CheckPoint.normalised($0.point.text.value)) }

    // Per item with points: its points, each once (W0804 for a repeat), keyed by normalised text.
    var asked: [Int: [Asked]] = [:]
    for (index, item) in program.items.enumerated() where !item.points.isEmpty {
      let id = item.header.id.value
      let itemLaws = Set(item.bases.map(\.law.value))
      var codes: [String: Span] = [:]
      var texts: [ByteKey: Span] = [:]
      var points: [Asked] = []
      for entry in item.points {
        let point: Asked
        switch entry {
        case .own(let own):
          checkPoint(own)
          // W0801: without any basis the item has E0204; an undefined law has E0101.
          if !item.bases.isEmpty {
            for basis in own.bases where !itemLaws.contains(basis.law.value) && program.lawIndex[basis.law.value] != nil {
              diagnostics.append(.pointBasisNotItemBasis(basis.law, item: id, itemLaws: lawsInOrder(item.bases)))
            }
          }
          point = Asked(key: ByteKey(CheckPoint.normalised(own.text.value)), at: own.text.span, shared: nil, own: own)
        case .reference(let code):
          guard let shared = program.checkpointIndex[code.value] else { continue }  // E0101
          if let first = codes[code.value] {
            diagnostics.append(.pointTwiceInItem(code.span, item: id, text: code.value, first: first, byCode: true))
            continue
          }
          codes[code.value] = code.span
          point = Asked(key: sharedTexts[shared], at: code.span, shared: shared, own: nil)
        }
        // An empty text is the parser's E0006.
        guard !point.key.string.isEmpty else { continue }
        if let first = texts[point.key] {
          diagnostics.append(
            .pointTwiceInItem(point.at, item: id, text: text(of: point, program), first: first, byCode: false))
          continue
        }
        texts[point.key] = point.at
        points.append(point)
      }
      asked[index] = points
    }

    diagnostics += bundles(program, asked: asked)
    return diagnostics
  }

  /// A point as one item asks it: an own point, or a reference to a shared one.
  struct Asked {
    /// The normalised text.
    var key: ByteKey
    /// The own point's text, or the reference's code.
    var at: Span
    /// The shared point's index in `program.checkpoints`.
    var shared: Int?
    var own: CheckPoint?
  }

  static func text(of point: Asked, _ program: Program) -> String {
    point.own?.text.value ?? point.shared.map { program.checkpoints[$0].point.text.value } ?? ""
  }

  /// W0802 and E0803, per bundle: its items' points merged by normalised text, as the merged
  /// sheet (工作指引) merges them.
  static func bundles(_ program: Program, asked: [Int: [Asked]]) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    // The cap of the plan that sets the smallest (the first such plan on a tie). A cap below 1 is
    // E0305 at the plan, not an E0803 on every bundle.
    let cap = program.plans.compactMap { plan in plan.maxPoints.map { (plan: plan, cap: $0) } }
      .filter { $0.cap.value >= 1 }
      .min { $0.cap.value < $1.cap.value }
    // An item in two bundles (of two industries) reports a pair once.
    var reported = Set<[Int]>()

    for bundle in program.bundles {
      var members: [Int] = []
      var listed = Set<Int>()
      for reference in bundle.items {
        if let index = program.itemIndex[reference.value], listed.insert(index).inserted { members.append(index) }
      }
      var first: [ByteKey: (item: Int, point: Asked)] = [:]
      // One code proposed per point text of the bundle, however many items repeat it.
      var proposals: [ByteKey: String] = [:]
      var nextProposal = 1
      for member in members {
        for point in asked[member] ?? [] {
          guard let earlier = first[point.key] else {
            first[point.key] = (member, point)
            continue
          }
          // A shared point is asked by several items on purpose: it is one point of the sheet.
          if earlier.point.shared != nil, point.shared != nil { continue }
          // The own point is the one to change: the warning sits on it, the other is labelled.
          let (here, hereItem, there, thereItem) =
            point.own == nil ? (earlier.point, earlier.item, point, member) : (point, member, earlier.point, earlier.item)
          let pair = [here.at.file, here.at.start, there.at.file, there.at.start]
          guard reported.insert(pair).inserted else { continue }
          let shared = there.shared ?? here.shared
          let code: String
          var declaration: Text? = nil
          if let shared {
            code = program.checkpoints[shared].header.id.value
          } else {
            if let known = earlier.point.own?.code?.value ?? point.own?.code?.value ?? proposals[point.key] {
              code = known
            } else {
              code = proposedCode(bundle.header.id.value, program, next: &nextProposal)
              proposals[point.key] = code
            }
            declaration = sharedDeclaration(code: code, earlier.point.own ?? here.own!)
          }
          diagnostics.append(
            .pointAskedTwiceInBundle(
              here.at, item: program.items[hereItem].header.id.value, other: there.at,
              otherItem: program.items[thereItem].header.id.value, bundle: bundle.header.id.value,
              text: text(of: earlier.point, program), sharedCode: code, declaration: declaration))
        }
      }

      guard let cap, !bundle.header.isIncomplete, first.count > cap.cap.value else { continue }
      // The items needing the most points of the sheet, most first (bundle order on a tie).
      var counts: [(order: Int, item: Int, points: Int)] = []
      for (order, member) in members.enumerated() {
        let points = asked[member]?.count ?? 0
        if points > 0 { counts.append((order, member, points)) }
      }
      counts.sort { $0.points != $1.points ? $0.points > $1.points : $0.order < $1.order }
      let most: [(item: String, points: Int)] = counts.prefix(3).map { (program.items[$0.item].header.id.value, $0.points) }
      diagnostics.append(
        .mergedSheetOverCap(
          bundle: bundle.header.id, count: first.count, cap: cap.cap, planYear: cap.plan.year,
          contributors: most, items: members.count))
    }
    return diagnostics
  }

  /// A code for a shared point W0802 proposes: `<bundle>-YD-<n>`, from `next` on, the first no
  /// point has; `next` moves past it, so a bundle's proposals cost one step each.
  static func proposedCode(_ bundle: String, _ program: Program, next: inout Int) -> String {
    while true {
      let code = "\(bundle)-YD-\(next)"
      next += 1
      if program.pointCodes[code] == nil { return code }
    }
  }

  /// `要点 CODE "text" { 依据 LAW "article"; 方式 实地检查 }`, in both keyword languages.
  static func sharedDeclaration(code: String, _ point: CheckPoint) -> Text {
    func written(_ language: Language) -> String {
      let zh = language == .zh
      var fields: [String] = []
      if !point.bases.isEmpty {
        let bases = point.bases.map { basis in
          Shown.text(basis.law.value) + (basis.article.map { " \"\(Shown.text($0.value))\"" } ?? "")
        }
        fields.append((zh ? "依据 " : "basis ") + bases.joined(separator: zh ? "、" : ", "))
      }
      if !point.methods.isEmpty {
        let methods = point.methods.map { Method.vocabulary.spelling($0.value, language) }
        fields.append((zh ? "方式 " : "methods ") + methods.joined(separator: zh ? "、" : ", "))
      }
      let body = fields.isEmpty ? "{ }" : "{ " + fields.joined(separator: "; ") + " }"
      return "\(zh ? "要点" : "checkpoint") \(code) \"\(Shown.text(point.text.value))\" \(body)"
    }
    return Text(zh: written(.zh), en: written(.en))
  }

  /// The laws of some bases, as written, in order, without repeats.
  static func lawsInOrder(_ bases: [Basis]) -> [String] {
    var seen = Set<String>()
    return bases.map(\.law.value).filter { seen.insert($0).inserted }
  }

  /// E0006 for an empty answer, E0102 for an answer given twice (compared normalised).
  static func answers(_ answers: [Name], into diagnostics: inout [Diagnostic]) {
    guard !answers.isEmpty else { return }
    var seen: [ByteKey: Span] = [:]
    for answer in answers {
      let key = ByteKey(CheckPoint.normalised(answer.value))
      if answer.value.trimmingCharacters(in: " \t\u{3000}").isEmpty {
        diagnostics.append(.emptyAnswer(at: answer.span))
      } else if let first = seen[key] {
        diagnostics.append(.duplicateAnswer(answer, first: first))
      } else {
        seen[key] = answer.span
      }
    }
  }

  /// W0805: an article written with full-width digits (第１０条).
  static func fullWidthArticles(_ bases: [Basis], into diagnostics: inout [Diagnostic]) {
    for basis in bases {
      guard let article = basis.article, hasFullWidthDigit(article.value) else { continue }
      var half = String.UnicodeScalarView()
      for scalar in article.value.unicodeScalars {
        half.append((0xFF10...0xFF19).contains(scalar.value) ? Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar : scalar)
      }
      let halfWidth = String(half)
      // A fix-it only where the span is the article as written (no escape, not a table cell).
      let fixable = article.span.end - article.span.start == article.value.utf8.count
      diagnostics.append(.fullWidthArticle(article, halfWidth: halfWidth, fixable: fixable))
    }
  }

  /// True when the text holds one of ０–９ (U+FF10–U+FF19: EF BC 90–99 in UTF-8).
  static func hasFullWidthDigit(_ text: String) -> Bool {
    var copy = text
    return copy.withUTF8 { bytes in
      guard bytes.count >= 3 else { return false }
      for index in 0..<(bytes.count - 2) where bytes[index] == 0xEF && bytes[index + 1] == 0xBC {
        if (0x90...0x99).contains(bytes[index + 2]) { return true }
      }
      return false
    }
  }
}
