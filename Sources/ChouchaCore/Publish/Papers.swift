/// 文书: the papers of each inspection, made from the plan, its checklists and a published draw —
/// per task the 实施方案, per bundle the 工作指引, per drawn enterprise of a joint task the
/// 《联合抽查通知书》 and per visit the printable 一企一表 — each as HTML (printable on A4, the one
/// stylesheet `SiteStyle.css`) and as Markdown, the same blocks written twice (`Paper`). No IO:
/// `build --documents` writes the files under `build/papers/`, `choucha site` under its site.
///
/// Paths, relative, ASCII, deterministic (`n` is the task's place in the plan, 1-based, as the
/// site's `tasks/<n>.html`):
///
///     papers/index.html|md                     every paper, by task (above `singlePageIndex`
///                                              papers: the lead departments, each linking
///     papers/index-<slug>.html|md              its tasks' papers; `Site.slugs`)
///     papers/style.css                         `SiteStyle.css`, so that papers/ opens alone
///     papers/tasks/<n>-plan.html|md            实施方案 of task n
///     papers/guides/<n>.html|md                工作指引 of joint task n (when it has points)
///     papers/notices/<n>/<stem>.html|md        联合抽查通知书, joint tasks only (with a draw)
///     papers/sheets/<n>/<stem>.html|md         一企一表 (with a draw, tasks with points)
///
/// `stem` is the enterprise's 统一社会信用代码 when it is ASCII letters and digits (at most 64) and
/// not already used in that folder, else `v<k>` (its place in the round's list); prefixed by
/// `<r>-` for round r of a task drawn more than once a year.
public enum Papers {
  /// Every paper of `plan`; with a draw (and its sheets, `Sheets.make`), the notices and sheets
  /// of its visits. The draw must go with the plan (`Sheets.mismatch` is nil): the tasks of the
  /// draw that the plan does not have are skipped here, so a caller refuses such a draw first
  /// (`files(plan:checklists:draw:)` does).
  ///
  /// - Parameters:
  ///   - footer: one line of provenance on every HTML page (the site gives the tool's version and
  ///     the rules' digest).
  ///   - site: the site the papers are part of (`choucha site`): each page has the site's name and
  ///     navigation (relative to its depth) and links `manifest.json`; without it (`build
  ///     --documents`) the papers have their own header and index only.
  public static func files(
    plan: AnnualPlan, checklists: Checklists, sheets: Sheets.Made?, draw: DrawnVisits?,
    footer: String = "由 choucha 依规则生成，请勿手工修改", site: InSite? = nil
  ) -> [Documents.File] {
    var papers: [Paper] = []
    let numbers = Dictionary(plan.tasks.enumerated().map { ($1.id, $0 + 1) }, uniquingKeysWith: { first, _ in first })
    // Looked up, never searched: linear in the tasks and visits (10,000 tasks, 100,000 visits).
    let names = departmentNames(plan)
    var drawnByRound: [String: DrawnVisits.Task] = [:]
    for drawn in draw?.tasks ?? [] { drawnByRound[drawn.id] = drawn }
    for (index, task) in plan.tasks.enumerated() {
      let drawn = draw.map { _ in task.rounds.compactMap { drawnByRound[$0.id] } }
      papers.append(
        implementationPlan(plan, task, number: index + 1, checklists: checklists, draw: draw, drawn: drawn ?? []))
    }
    for (task, sheet) in checklists.guides {
      guard let number = numbers[task.id] else { continue }
      papers.append(guide(plan, task, sheet, number: number))
    }
    let visits = draw.map { Visits(plan, $0, numbers: numbers, checklists: checklists) } ?? Visits.none
    if draw != nil {
      for entry in visits.entries where entry.task.kind == .joint {
        papers.append(notice(plan, entry, checklists: checklists, names: names))
      }
    }
    if let sheets, let draw {
      // Sheets are in the draw's order: the k-th sheet of a round is its k-th visit with points.
      var next: [String: Int] = [:]
      for sheet in sheets.sheets {
        let at = next[sheet.round.id, default: 0]
        next[sheet.round.id] = at + 1
        guard let entry = visits.entry(round: sheet.round.id, sheetIndex: at) else { continue }
        papers.append(enterpriseSheet(plan, sheet, entry, draw: draw, names: names))
      }
    }
    let frame = Paper.Frame(
      site: site?.name ?? plan.jurisdiction ?? plan.title, navigation: site?.navigation ?? [], footer: footer,
      inSite: site != nil)
    let index = indexPapers(plan, papers, visits: visits)
    // In a site the pages use the site's stylesheet; papers/style.css is written all the same, so
    // that papers/ copied alone still has one.
    var files: [Documents.File] = [Documents.File(name: "papers/style.css", bytes: Array(SiteStyle.css.utf8))]
    for paper in index + papers {
      files.append(Documents.File(name: paper.path + ".html", bytes: paper.html(frame)))
      files.append(Documents.File(name: paper.path + ".md", bytes: Array(paper.markdown().utf8)))
    }
    return files
  }

  /// The same, refusing a draw that does not go with the plan (`Sheets.mismatch`): nothing is made.
  public static func files(
    plan: AnnualPlan, checklists: Checklists, draw: DrawnVisits?, footer: String = "由 choucha 依规则生成，请勿手工修改",
    site: InSite? = nil
  ) -> Result<[Documents.File], Sheets.Problem> {
    guard let draw else {
      return .success(files(plan: plan, checklists: checklists, sheets: nil, draw: nil, footer: footer, site: site))
    }
    switch Sheets.make(plan, checklists, draw) {
    case .failure(let problem): return .failure(problem)
    case .success(let made):
      return .success(files(plan: plan, checklists: checklists, sheets: made, draw: draw, footer: footer, site: site))
    }
  }

  /// The site the papers are part of: its name (the header of every page) and its navigation,
  /// links relative to the site's root (`Site.navigation`).
  public struct InSite: Sendable {
    public var name: String
    public var navigation: [Page.Link]
    public init(name: String, navigation: [Page.Link]) {
      self.name = name
      self.navigation = navigation
    }
  }

  /// Where the papers of task `number` (its place in `plan.tasks`, 1-based) are, for a link.
  public static func planPath(task number: Int) -> String { "papers/tasks/\(number)-plan.html" }
  public static func guidePath(task number: Int) -> String { "papers/guides/\(number).html" }
  public static func noticeFolder(task number: Int) -> String { "papers/notices/\(number)/" }
  public static func sheetFolder(task number: Int) -> String { "papers/sheets/\(number)/" }
  public static let indexPath = "papers/index.html"
  /// Above this many papers, the index has a page per lead department (`papers/index-<slug>`).
  public static let singlePageIndex = 2_000

  // MARK: - The visits of a draw, named

  /// One drawn enterprise of one round, with the stem of its papers' file names.
  struct Entry {
    var task: InspectionTask
    var number: Int
    var round: Round
    var rounds: Int
    var visit: DrawnVisits.Visit
    /// 1-based place in the round's list.
    var place: Int
    var stem: String
    /// Whether the task has a merged sheet (points): the visit gets an 一企一表.
    var hasSheet: Bool

    /// How the index names it: the round of a task drawn several times, the enterprise.
    var subject: String {
      let name = visit.name.isEmpty ? "名称未登记，\(visit.code)" : visit.name
      return rounds > 1 ? "第 \(round.number) 轮，\(name)" : name
    }

    var noticePath: String { "papers/notices/\(number)/\(stem)" }
    var sheetPath: String { "papers/sheets/\(number)/\(stem)" }
    /// `2024-J-YYYC-2024-03-001`: the round's id and the place, for a paper's number.
    var serial: String {
      let digits = String(place)
      return round.id + "-" + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }
  }

  struct Visits {
    var entries: [Entry]
    /// Round id → the indices in `entries` of its visits that have a sheet, in order.
    var withSheets: [String: [Int]]

    static let none = Visits(entries: [], withSheets: [:])

    init(entries: [Entry], withSheets: [String: [Int]]) {
      self.entries = entries
      self.withSheets = withSheets
    }

    init(_ plan: AnnualPlan, _ draw: DrawnVisits, numbers: [String: Int], checklists: Checklists) {
      var rounds: [String: (task: InspectionTask, round: Round)] = [:]
      for task in plan.tasks {
        for round in task.rounds { rounds[round.id] = (task, round) }
      }
      entries = []
      withSheets = [:]
      for drawn in draw.tasks {
        guard let (task, round) = rounds[drawn.id], let number = numbers[task.id] else { continue }
        let prefix = task.rounds.count > 1 ? "\(round.number)-" : ""
        let hasSheet = checklists.sheets[task.id] != nil
        var used: Set<String> = []
        for (index, visit) in drawn.visits.enumerated() {
          var stem = Papers.isSafeCode(visit.code) ? prefix + visit.code : ""
          if stem.isEmpty || used.contains(stem) { stem = prefix + "v\(index + 1)" }
          used.insert(stem)
          if hasSheet { withSheets[round.id, default: []].append(entries.count) }
          entries.append(
            Entry(
              task: task, number: number, round: round, rounds: task.rounds.count, visit: visit, place: index + 1,
              stem: stem, hasSheet: hasSheet))
        }
      }
    }

    func entry(round: String, sheetIndex: Int) -> Entry? {
      guard let list = withSheets[round], sheetIndex < list.count else { return nil }
      return entries[list[sheetIndex]]
    }
  }

  /// A 统一社会信用代码 that can name a file as it is: ASCII letters and digits, at most 64.
  static func isSafeCode(_ code: String) -> Bool {
    !code.isEmpty && code.utf8.count <= 64
      && code.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
  }

  // MARK: - Text pieces

  /// `2024年4月1日`.
  static func date(_ day: Day) -> String {
    let (year, month, dayOfMonth) = day.components
    return "\(year)年\(month)月\(dayOfMonth)日"
  }

  /// `2024年4月1日至2024年6月28日`.
  static func range(_ range: DayRange) -> String { "\(date(range.first))至\(date(range.last))" }

  /// `20 个工作日`, `10 日`.
  static func duration(_ duration: Duration) -> String {
    switch duration.unit {
    case .workdays: return "\(duration.amount) 个工作日"
    case .days: return "\(duration.amount) 日"
    }
  }

  static func methods(_ methods: [Method]) -> String {
    methods.map { Method.vocabulary.spelling($0, .zh) }.joined(separator: "、")
  }

  static func role(_ task: InspectionTask, _ department: DepartmentRef) -> String {
    department.code == task.lead.code ? "牵头" : "配合"
  }

  /// Department code → name, for the inspectors (the draw names their departments by code).
  static func departmentNames(_ plan: AnnualPlan) -> [String: String] { Documents.departmentNames(plan) }

  /// The inspectors of a visit, department by department in the draw's order: `部门：姓名（证号）、…`.
  static func inspectorLines(_ visit: DrawnVisits.Visit, names: [String: String]) -> [(department: String, people: String)] {
    var lines: [(department: String, people: [DrawnVisits.Inspector])] = []
    for person in visit.inspectors {
      if let last = lines.indices.last, lines[last].department == person.department {
        lines[last].people.append(person)
      } else {
        lines.append((person.department, [person]))
      }
    }
    return lines.map { code, people in
      (names[code] ?? code, people.map { "\($0.name)（执法证号 \($0.certificate ?? "未登记")）" }.joined(separator: "、"))
    }
  }

  /// The bases law by law, in the order each law first appears: `《消防法》第十六条、第五十三条；《计量法》`.
  static func basesByLaw(_ bases: [LegalBasis]) -> String {
    var order: [String] = []
    var articles: [String: [String]] = [:]
    for basis in bases {
      if articles[basis.title] == nil {
        order.append(basis.title)
        articles[basis.title] = []
      }
      if let article = basis.article, !articles[basis.title]!.contains(article) { articles[basis.title]!.append(article) }
    }
    return order.map { title in
      let listed = articles[title] ?? []
      // A law cited whole and by article: the articles say more.
      return "《\(title)》" + listed.joined(separator: "、")
    }.joined(separator: "；")
  }

  /// Every legal basis of a task's items and of their points, each once, in order.
  static func bases(_ task: InspectionTask, _ sheet: MergedSheet?) -> [LegalBasis] {
    var seen: Set<LegalBasis> = []
    var all: [LegalBasis] = []
    for entry in task.items {
      for basis in entry.bases where seen.insert(basis).inserted { all.append(basis) }
    }
    for point in sheet?.points ?? [] {
      for basis in point.point.bases where seen.insert(basis).inserted { all.append(basis) }
    }
    return all
  }
}
