/// What a published draw says of its visits, as the 一企一表 needs it: per task round, the drawn
/// enterprises in ticket order, each with the inspectors chosen for it. Read from a draw document
/// by `DrawDocument.visits` (in `DrawDocument/`, which knows the document's format); used here,
/// before the documents, by `Sheets`.
public struct DrawnVisits: Sendable {
  /// The draw's year, seed and seed hash, and the SHA-256 of the document's bytes: what a sheet
  /// names so that the file (立卷归档) leads back to the published draw.
  public var year: Int
  public var seed: String
  public var seedHash: String
  public var sha256: String
  /// The draw's tasks in its order (the plan's), each a round id (`2024-J-CY@2`) or a task id.
  public var tasks: [Task]

  public struct Task: Sendable {
    /// As the draw names it: `<task>@k` for round k of a task drawn k > 1 times, else the task's id.
    public var id: String
    /// Where the draw document says it (`tasks[3].id`), for a message about it.
    public var field: String
    public var visits: [Visit]

    public init(id: String, field: String, visits: [Visit]) {
      self.id = id
      self.field = field
      self.visits = visits
    }
  }

  /// One drawn enterprise and its inspectors.
  public struct Visit: Sendable {
    /// 统一社会信用代码, name and credit risk class, as the target directory gave them.
    public var code: String
    public var name: String
    public var riskClass: String
    /// In the draw's order: department by department in the task's order.
    public var inspectors: [Inspector]

    public init(code: String, name: String, riskClass: String, inspectors: [Inspector]) {
      self.code = code
      self.name = name
      self.riskClass = riskClass
      self.inspectors = inspectors
    }
  }

  public struct Inspector: Sendable, Hashable {
    /// The department's code; the 执法证号 (null when the directory had none); the name.
    public var department: String
    public var certificate: String?
    public var name: String

    public init(department: String, certificate: String?, name: String) {
      self.department = department
      self.certificate = certificate
      self.name = name
    }
  }

  public init(year: Int, seed: String, seedHash: String, sha256: String, tasks: [Task]) {
    self.year = year
    self.seed = seed
    self.seedHash = seedHash
    self.sha256 = sha256
    self.tasks = tasks
  }

  /// Visits in all.
  public var count: Int { tasks.reduce(0) { $0 + $1.visits.count } }
}
