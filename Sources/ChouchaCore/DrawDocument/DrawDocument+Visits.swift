import Foundation

/// Reading a draw document's visits, for the 一企一表 of `build`: every value the sheets take from
/// it is checked as `read` checks the specification (which it reads first), and a value out of
/// place is named with its field (`tasks[2].targets[40].inspectors[1].department`).
extension DrawDocument {
  /// The visits of a draw document, task by task in its order; or the first problem. The drawn
  /// lists are read one task at a time (`DocumentSkim.skimKeepingTargets` finds them), so the
  /// tree Foundation builds is at most one task's.
  public static func visits(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<DrawnVisits, Problem> {
    if let problem = checkStart(UnsafeRawBufferPointer(bytes)) { return .failure(problem) }
    // One pass over the bytes: the head, as `read` takes it, and where each task's list lies.
    let head: [UInt8]
    let lists: [(task: Int, range: Range<Int>)]
    switch DocumentSkim.skimKeepingTargets(bytes) {
    case .success(let skimmed): (head, lists) = skimmed
    case .failure(let malformed): return .failure(malformed.problem)
    }
    let recorded: Recorded
    switch read(head: head) {
    case .success(let value): recorded = value
    case .failure(let problem): return .failure(problem)
    }
    guard let root = try? JSONSerialization.jsonObject(with: Data(head)) as? [String: Any] else {
      return .failure(notADocument(Text(zh: "无法读取抽取结果", en: "the draw document cannot be read")))
    }
    let reader = Reader()
    do {
      let seedHash = try reader.hash(root["seedHash"], at: "seedHash")
      let spec = recorded.spec
      // One list per task, in its place: a document written otherwise was not written by a draw.
      guard lists.count == spec.tasks.count, lists.enumerated().allSatisfy({ $0.offset == $0.element.task }) else {
        throw reader.invalid(
          "tasks", "[…]", Text(zh: "每个任务应恰有一个 targets 列表", en: "each task has exactly one targets list"))
      }
      var tasks: [DrawnVisits.Task] = []
      tasks.reserveCapacity(spec.tasks.count)
      for (index, task) in spec.tasks.enumerated() {
        let place = "tasks[\(index)]"
        let range = lists[index].range
        let list = UnsafeBufferPointer(rebasing: bytes[range])
        guard let elements = try? JSONSerialization.jsonObject(with: Data(list)) as? [Any] else {
          throw reader.invalid(place + ".targets", "[…]", Text(zh: "应为数组", en: "expected an array"))
        }
        let departments = Set(task.departments)
        var visits: [DrawnVisits.Visit] = []
        visits.reserveCapacity(elements.count)
        for (number, element) in elements.enumerated() {
          let at = "\(place).targets[\(number)]"
          let fields = try reader.object(element, at: at)
          let code = try reader.string(fields["code"], at: at + ".code", nonEmpty: true)
          let name = try reader.string(fields["name"], at: at + ".name")
          let riskClass = try reader.string(fields["class"], at: at + ".class")
          guard spec.classes.contains(riskClass) else {
            throw reader.invalid(
              at + ".class", "“\(Shown.text(riskClass))”", Text(zh: "信用风险分类应为 classes 之一", en: "a class is one of classes"))
          }
          var inspectors: [DrawnVisits.Inspector] = []
          for (slot, entry) in try reader.array(fields["inspectors"], at: at + ".inspectors").enumerated() {
            let field = "\(at).inspectors[\(slot)]"
            let person = try reader.object(entry, at: field)
            let department = try reader.string(person["department"], at: field + ".department")
            guard departments.contains(department) else {
              throw reader.invalid(
                field + ".department", "“\(Shown.text(department))”",
                Text(zh: "应为本任务的部门之一", en: "one of the task's departments"))
            }
            let certificate: String? =
              person["certificate"] is NSNull ? nil : try reader.string(person["certificate"], at: field + ".certificate")
            let name = try reader.string(person["name"], at: field + ".name")
            inspectors.append(.init(department: department, certificate: certificate, name: name))
          }
          visits.append(.init(code: code, name: name, riskClass: riskClass, inspectors: inspectors))
        }
        tasks.append(.init(id: task.id, field: place + ".id", visits: visits))
      }
      return .success(
        DrawnVisits(
          year: spec.year, seed: spec.seed, seedHash: seedHash, sha256: SHA256.hex(SHA256.hash(bytes)), tasks: tasks))
    } catch let problem as Problem {
      return .failure(problem)
    } catch {
      return .failure(notADocument(Text(zh: "\(error)", en: "\(error)")))
    }
  }

  static func notADocument(_ message: Text) -> Problem {
    Problem(
      kind: .notADocument, field: "文档", message: message,
      help: Text(zh: "给出 choucha draw 写出的 draw-YYYY.json", en: "give the draw-YYYY.json that choucha draw wrote"))
  }
}
