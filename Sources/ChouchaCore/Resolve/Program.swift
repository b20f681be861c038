/// A whole rule repository after name resolution: every declaration of every file (and every
/// imported authority), in a deterministic order — by file path, then position — and indexed by
/// code. When a code is defined twice, the index holds the first definition.
public struct Program: Sendable {
  public var departments: [Department] = []
  public var laws: [Law] = []
  public var authorities: [Authority] = []
  public var items: [Item] = []
  public var bundles: [Bundle] = []
  public var plans: [Plan] = []
  public var calendars: [Calendar] = []
  /// 要点 declared on their own: the shared check points (主题库).
  public var checkpoints: [SharedPoint] = []
  /// `引入 抽取 "…"`: the draw documents the rules name, for the sheets `build` writes.
  public var drawImports: [Import] = []
  /// `引入 结果 "…"`: the results tables the rules import, in source order.
  public var resultImports: [Import] = []
  /// The rows of every imported results table, in path then row order (`Compiler` reads them
  /// once the departments are known).
  public var results: [ResultRow] = []
  /// 月报: the manual parts of the units' monthly report forms, in source order.
  public var monthlyReports: [MonthlyReport] = []

  public var departmentIndex = CodeIndex()
  public var lawIndex = CodeIndex()
  public var authorityIndex = CodeIndex()
  public var itemIndex = CodeIndex()
  public var checkpointIndex = CodeIndex()
  /// Every point code, own and shared, with where it was first defined.
  public var pointCodes: [String: Span] = [:]

  public init() {}

  public func department(_ id: String) -> Department? { departmentIndex[id].map { departments[$0] } }
  public func law(_ id: String) -> Law? { lawIndex[id].map { laws[$0] } }
  public func authority(_ id: String) -> Authority? { authorityIndex[id].map { authorities[$0] } }
  public func item(_ id: String) -> Item? { itemIndex[id].map { items[$0] } }
  public func checkpoint(_ id: String) -> SharedPoint? { checkpointIndex[id].map { checkpoints[$0] } }

  /// The credit-risk classes of a plan, lowest risk first: A–D unless the plan says otherwise.
  public static let defaultClasses = ["A", "B", "C", "D"]
}

extension Plan {
  public var riskClasses: [String] {
    classes.isEmpty ? Program.defaultClasses : classes.map(\.value)
  }
}
