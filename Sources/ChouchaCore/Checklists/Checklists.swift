/// 检查表 and 工作指引: the check points of the plan's items, resolved (a shared point's fields, a
/// law's title, the default answers), and merged per task — what `build` publishes (`Documents`).
///
/// Merging (one rule for the 工作指引 of a bundle and the 一企一表 of a visit): points whose texts
/// normalise alike (`PointText.normalised`) are one point — a shared point referenced by several
/// items, or the same question written by two departments — listing every department and item
/// that needs it, its bases, methods and answers the union of theirs. Groups: first 共同要点 (points
/// two or more departments need), then one group per department in the task's order (lead first);
/// numbered 1…n over the whole sheet.
public struct Checklists: Sendable {
  /// The items that have points, in the item list's order.
  public var items: [ItemChecklist]
  /// The merged sheet of every task with a point, by task id.
  public var sheets: [String: MergedSheet]
  /// The 工作指引: the joint tasks (bundles) with a point, in plan order, with their sheets.
  public var guides: [(task: InspectionTask, sheet: MergedSheet)]

  /// No item has a point: `build` writes nothing new.
  public var isEmpty: Bool { items.isEmpty }

  public static let none = Checklists(items: [], sheets: [:], guides: [])

  /// The checklists of `plan`, whose items are `program`'s. Linear in the points (a dictionary
  /// per task, keyed by normalised text).
  public static func make(_ program: Program, _ plan: AnnualPlan) -> Checklists {
    var lists: [String: ItemChecklist] = [:]
    var items: [ItemChecklist] = []
    for entry in plan.items where !entry.item.points.isEmpty {
      let list = ItemChecklist(item: entry, points: entry.item.points.compactMap { resolve($0, program) })
      lists[entry.code] = list
      items.append(list)
    }
    guard !items.isEmpty else { return .none }
    var sheets: [String: MergedSheet] = [:]
    var guides: [(task: InspectionTask, sheet: MergedSheet)] = []
    for task in plan.tasks {
      let sheet = merge(task, lists)
      guard !sheet.isEmpty else { continue }
      sheets[task.id] = sheet
      if task.kind == .joint { guides.append((task, sheet)) }
    }
    return Checklists(items: items, sheets: sheets, guides: guides)
  }

  /// A point as published: a reference takes the shared point's fields; nil for a reference to
  /// no point (E0101 refuses it before a build).
  static func resolve(_ entry: PointEntry, _ program: Program) -> ChecklistPoint? {
    var point: CheckPoint
    let shared: Bool
    switch entry {
    case .own(let own):
      point = own
      shared = false
    case .reference(let code):
      guard let found = program.checkpoint(code.value) else { return nil }
      point = found.point
      point.code = point.code ?? found.header.id
      shared = true
    }
    return ChecklistPoint(
      code: point.code?.value, text: point.text.value,
      bases: point.bases.map { basis in
        LegalBasis(
          law: basis.law.value, title: program.law(basis.law.value)?.header.title?.value ?? basis.law.value,
          article: basis.article?.value)
      },
      methods: point.methods.map(\.value),
      answers: point.answers.isEmpty ? CheckPoint.defaultAnswers : point.answers.map(\.value), shared: shared)
  }

  /// The merged sheet of a task: its items' points, each once.
  public static func merge(_ task: InspectionTask, _ lists: [String: ItemChecklist]) -> MergedSheet {
    let order = task.departments
    var merged: [MergedPoint] = []
    var index: [String: Int] = [:]
    var seen: [MergedPoint.Seen] = []
    var without: [ItemEntry] = []
    for entry in task.items {
      guard let list = lists[entry.code], !list.points.isEmpty else {
        without.append(entry)
        continue
      }
      for point in list.points {
        let key = PointText.normalised(point.text)
        if let at = index[key] {
          merged[at].add(point, from: entry, seen: &seen[at])
        } else {
          index[key] = merged.count
          merged.append(MergedPoint(number: 0, point: point, departments: [entry.department], items: [entry.code]))
          seen.append(MergedPoint.Seen(point))
        }
      }
    }
    guard !merged.isEmpty else { return MergedSheet(groups: [], itemsWithoutPoints: []) }
    // Departments in the task's order (lead first), whatever order the items came in.
    let rank = Dictionary(order.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
    for at in merged.indices {
      merged[at].departments.sort { (rank[$0.code] ?? Int.max) < (rank[$1.code] ?? Int.max) }
    }
    var groups = [MergedSheet.Group(department: nil, points: merged.filter { $0.departments.count > 1 })]
    for department in order {
      groups.append(.init(department: department, points: merged.filter { $0.departments == [department] }))
    }
    groups.removeAll { $0.points.isEmpty }
    var number = 0
    for group in groups.indices {
      for point in groups[group].points.indices {
        number += 1
        groups[group].points[point].number = number
      }
    }
    return MergedSheet(groups: groups, itemsWithoutPoints: without)
  }
}

/// A point as a checklist shows it.
public struct ChecklistPoint: Sendable, Equatable {
  /// The point's code: a shared point's, or an own point's when it has one.
  public var code: String?
  public var text: String
  /// 检查依据: each law with its title, and the article.
  public var bases: [LegalBasis]
  /// 检查方式.
  public var methods: [Method]
  /// The answers it allows: its own, else 符合、不符合、不涉及.
  public var answers: [String]
  /// A 主题库 entry (`要点` declared once and referenced).
  public var shared: Bool
}

/// 检查表: one item's points, numbered 1…n in the order written.
public struct ItemChecklist: Sendable {
  public var item: ItemEntry
  public var points: [ChecklistPoint]
}

/// A point of a merged sheet, and who needs it.
public struct MergedPoint: Sendable {
  /// 1…n over the whole sheet.
  public var number: Int
  /// The first occurrence's code (a shared point's if any is shared) and text; the union of the
  /// bases, methods and answers of all.
  public var point: ChecklistPoint
  /// The departments whose items need it, in the task's order.
  public var departments: [DepartmentRef]
  /// The items that need it (codes), in the task's order.
  public var items: [String]

  /// What a merged point already lists, so that adding the n-th occurrence costs no scan of the
  /// n − 1 before (a shared point referenced by thousands of items stays linear).
  struct Seen {
    var departments: Set<String>
    var items: Set<String>
    var bases: Set<LegalBasis>
    var methods: Set<Method>
    var answers: Set<String>

    init(_ point: ChecklistPoint) {
      departments = []
      items = []
      bases = Set(point.bases)
      methods = Set(point.methods)
      answers = Set(point.answers)
    }
  }

  /// Another occurrence of this point, in `entry`: a shared point's code and text win over an own
  /// point's (the 主题库 wording); bases, methods and answers are the union, in order of appearance.
  mutating func add(_ other: ChecklistPoint, from entry: ItemEntry, seen: inout Seen) {
    if seen.departments.isEmpty {
      seen.departments = Set(departments.map(\.code))
      seen.items = Set(items)
    }
    if seen.departments.insert(entry.department.code).inserted { departments.append(entry.department) }
    if seen.items.insert(entry.code).inserted { items.append(entry.code) }
    if other.shared && !point.shared {
      point.shared = true
      point.code = other.code
      point.text = other.text
    } else if point.code == nil {
      point.code = other.code
    }
    for basis in other.bases where seen.bases.insert(basis).inserted { point.bases.append(basis) }
    for method in other.methods where seen.methods.insert(method).inserted { point.methods.append(method) }
    for answer in other.answers where seen.answers.insert(answer).inserted { point.answers.append(answer) }
  }
}

/// 工作指引 of a bundle, or the points of a visit's 一企一表: the merged points in groups.
public struct MergedSheet: Sendable {
  public struct Group: Sendable {
    /// nil: 共同要点, the points two or more departments need; else the one department's.
    public var department: DepartmentRef?
    public var points: [MergedPoint]
  }

  public var groups: [Group]
  /// The task's items that have no points yet (their 内容 stands for them), in the task's order.
  public var itemsWithoutPoints: [ItemEntry]

  public var isEmpty: Bool { groups.isEmpty }
  public var points: [MergedPoint] { groups.flatMap(\.points) }
}
