/// The figures a v2 draw prints and records (issue 12, item 7), overall and per department: the
/// entities drawn, the share of joint visits among the entities more than one department visits
/// (户数, as the 2024 Chang'an plan counts joint inspection), the entities drawn per credit-risk
/// class, and the inspectors' loads. Computed from the result alone, in O(visits + (entities + officers) · departments).
extension Drawer {
  public struct Summary: Sendable {
    public struct Part: Sendable, Equatable {
      /// Distinct entities visited (overall: by any department; per department: by it).
      public var entities = 0
      /// Of them, those visited by more than one department in the draw.
      public var multiDepartment = 0
      /// Of those, the ones visited jointly: overall, by at least two departments within one task;
      /// per department, by this department within a task of more than one department.
      public var joint = 0
      /// Entities visited, per credit-risk class (every class of the draw, in its order).
      public var byClass: [(riskClass: String, entities: Int)] = []
      /// Visits per certified officer (those without a visit count as 0); nil with no officer.
      public var loadMin: Int?
      public var loadMax: Int?

      public static func == (left: Part, right: Part) -> Bool {
        left.entities == right.entities && left.multiDepartment == right.multiDepartment && left.joint == right.joint
          && left.byClass.elementsEqual(right.byClass, by: { $0 == $1 }) && left.loadMin == right.loadMin
          && left.loadMax == right.loadMax
      }
    }

    public var overall: Part
    /// The departments of the draw's tasks, in the document's department order.
    public var departments: [(code: String, part: Part)]
    /// The base of the coverage: the plan's 企业基数, or the target directory's rows.
    public var base: Int
    /// Whether `base` is the directory's rows (the plan gives no 企业基数).
    public var baseFromDirectory: Bool

    /// A part's coverage: its entities ÷ the base, as published (`percentText`).
    public func coverage(_ part: Part) -> String? { percentText(part.entities, of: base) }
  }

  /// W0704 for each part (overall, then the departments) whose entities fall short of the plan's
  /// 最低覆盖率 of the base, at the plan's field: a new draw only (`Spec.minCoverageSpan`). The
  /// span is in the rules' sources: the caller says these with them, not with the directories'.
  public static func coverageFindings(_ result: Result) -> [Diagnostic] {
    guard let minimum = result.spec.minCoverage, let span = result.spec.minCoverageSpan else { return [] }
    let summary = summary(result)
    // The fewest entities that reach the minimum, ⌈m · base⌉, exactly.
    let perMillion = min(max(minimum.perMillion, 0), Ratio.whole)
    let (product, overflow) = perMillion.multipliedReportingOverflow(by: Int64(summary.base))
    let needed = overflow ? summary.base : Int((product + Ratio.whole - 1) / Ratio.whole)
    // A draw of one department: its figures are the overall ones, said once.
    let departments = summary.departments.count > 1 ? summary.departments : []
    let parts: [(String?, Summary.Part)] = [(nil, summary.overall)] + departments.map { ($0.code, $0.part) }
    return parts.compactMap { department, part in
      guard part.entities < needed else { return nil }
      return .coverageBelowMinimum(
        department: department, entities: part.entities, base: summary.base, coverage: summary.coverage(part) ?? "—",
        minimum: minimum.canonical, more: needed - part.entities, fromDirectory: summary.baseFromDirectory, at: span)
    }
  }

  public static func summary(_ result: Result) -> Summary {
    let spec = result.spec
    var departmentIndex: [String: Int] = [:]
    var codes: [String] = []
    for department in spec.departments.map(\.code) + result.tasks.flatMap(\.spec.departments)
    where departmentIndex[department] == nil {
      departmentIndex[department] = codes.count
      codes.append(department)
    }
    let inTasks = Set(result.tasks.flatMap(\.spec.departments))
    let words = (codes.count + 63) / 64
    let rows = result.tasks.first?.shared.rows
    let rowCount = rows?.count ?? 0
    // Per entity (row), the departments that visited it, and those that did so in a task of more
    // than one department.
    var seen = [UInt64](repeating: 0, count: rowCount * words)
    var jointly = [UInt64](repeating: 0, count: rowCount * words)
    var visited = [Bool](repeating: false, count: rowCount)
    var jointPair = [Bool](repeating: false, count: rowCount)
    for task in result.tasks {
      let indices = task.spec.departments.map { departmentIndex[$0]! }
      let isJoint = indices.count > 1
      for row in task.targets {
        let entity = Int(row)
        visited[entity] = true
        if isJoint { jointPair[entity] = true }
        for index in indices {
          seen[entity * words + index / 64] |= 1 << UInt64(index % 64)
          if isJoint { jointly[entity * words + index / 64] |= 1 << UInt64(index % 64) }
        }
      }
    }
    // Loads: visits per officer.
    var loads = [Int](repeating: 0, count: result.tasks.first?.shared.inspectors.count ?? 0)
    for task in result.tasks { for slot in task.chosen { loads[Int(slot)] += 1 } }
    let inspectors = result.tasks.first?.shared.inspectors ?? []

    func has(_ bits: [UInt64], _ entity: Int, _ index: Int) -> Bool {
      bits[entity * words + index / 64] & (1 << UInt64(index % 64)) != 0
    }
    func departmentsOf(_ entity: Int) -> Int {
      (0..<words).reduce(0) { $0 + seen[entity * words + $1].nonzeroBitCount }
    }
    // Each visited entity's class, as its index in the draw's classes (bytes compared: no string
    // per row).
    let classBytes = spec.classes.map { Array($0.utf8) }
    var classOf = [Int](repeating: -1, count: rowCount)
    rows?.withTexts { texts in
      for entity in 0..<rowCount where visited[entity] {
        let text = texts.riskClass(Int32(entity))
        classOf[entity] = classBytes.firstIndex { $0.elementsEqual(text) } ?? -1
      }
    }
    func part(_ department: Int?) -> Summary.Part {
      var part = Summary.Part()
      var perClass = [Int](repeating: 0, count: classBytes.count)
      for entity in 0..<rowCount where visited[entity] {
        if let department, !has(seen, entity, department) { continue }
        part.entities += 1
        if classOf[entity] >= 0 { perClass[classOf[entity]] += 1 }
        guard departmentsOf(entity) > 1 else { continue }
        part.multiDepartment += 1
        if let department {
          if has(jointly, entity, department) { part.joint += 1 }
        } else if jointPair[entity] && (0..<words).reduce(0, { $0 + jointly[entity * words + $1].nonzeroBitCount }) > 1 {
          part.joint += 1
        }
      }
      part.byClass = spec.classes.indices.map { (spec.classes[$0], perClass[$0]) }
      let mine = inspectors.indices.filter { index in
        guard inspectors[index].certificate != nil else { return false }
        if let department { return inspectors[index].department == codes[department] }
        return inTasks.contains(inspectors[index].department)
      }
      part.loadMin = mine.map { loads[$0] }.min()
      part.loadMax = mine.map { loads[$0] }.max()
      return part
    }
    return Summary(
      overall: part(nil),
      departments: codes.indices.filter { inTasks.contains(codes[$0]) }.map { (codes[$0], part($0)) },
      base: spec.enterpriseBase ?? result.targets.rows, baseFromDirectory: spec.enterpriseBase == nil)
  }
}
