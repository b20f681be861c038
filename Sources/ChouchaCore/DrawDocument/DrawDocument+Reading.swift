import Foundation

/// Reading a draw document back, for `verify`. The document is untrusted input: every value the
/// draw computes with is checked against the bounds `check` puts on the rules it came from (a
/// year 1900–2999, a ratio 0%–100%, a count and a number of people at least 1 and below 10⁹ as the
/// grammar's integers are), before any arithmetic, and a value out of bounds is named with its
/// place in the document (`tasks[3].ratios.A`), what it is and what is allowed.
extension DrawDocument {
  /// Why a document cannot be verified.
  public struct Problem: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
      /// Not a draw document at all (not JSON, another schema or algorithm): nothing to verify.
      case notADocument
      /// A draw document with a value no draw can have written: the document was edited.
      case invalidValue
    }

    public var kind: Kind
    /// Where: a path into the document (`tasks[3].count`), or `字节 N` for malformed JSON.
    public var field: String
    public var message: Text
    public var help: Text
  }

  /// What `verify` needs of a document.
  public struct Recorded: Sendable {
    public var spec: Drawer.Spec
    /// The SHA-256 of the two directories the draw read.
    public var targets: String
    public var inspectors: String
    /// A draw finished from an engine's selection (`draw --selection`): the target directory's
    /// content digest, rows and the digest's method (`targets` is then the selection file's
    /// SHA-256). Nil otherwise.
    public var targetsContent: (digest: String, rows: Int, method: Commitment.DigestMethod)? = nil
  }

  /// The bounds of the values a draw computes with: those `check` enforces on the rules. Integers
  /// in rule files are below 10⁹ (`Parser.integer`); years are 1900–2999 (`build --year`, plans).
  public static let years = 1900...2999
  public static let counts = 1...999_999_999
  /// The most a document's specification (all but its drawn lists) may take.
  public static let maximumSpecification = 64 << 20

  /// The first bytes of a document, before it is read whole: JSON text starting with `{` after
  /// optional white space. Nil when they are plausible, else the problem.
  public static func checkStart(_ bytes: UnsafeRawBufferPointer) -> Problem? {
    for (offset, byte) in bytes.enumerated() {
      switch byte {
      case 0x20, 0x09, 0x0A, 0x0D: continue
      case UInt8(ascii: "{"): return nil
      default:
        return Problem(
          kind: .notADocument, field: "字节 \(offset)",
          message: Text(
            zh: "第 \(offset) 字节是 \(describe(byte))：抽取结果是以 { 开始的 JSON 文档",
            en: "byte \(offset) is \(describe(byte)): a draw document is a JSON document starting with {"),
          help: Text(zh: "给出 choucha draw 写出的 draw-YYYY.json", en: "give the draw-YYYY.json that choucha draw wrote"))
      }
    }
    return nil
  }

  static func describe(_ byte: UInt8) -> String {
    (0x21...0x7E).contains(byte) ? "“\(Character(Unicode.Scalar(byte)))”" : String(format: "0x%02X", byte)
  }

  /// The specification a document records, every value checked; or the first problem.
  public static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Recorded, Problem> {
    if let problem = checkStart(UnsafeRawBufferPointer(bytes)) { return .failure(problem) }
    switch DocumentSkim.skim(bytes) {
    case .success(let head): return read(head: head)
    case .failure(let malformed): return .failure(malformed.problem)
    }
  }

  /// The specification in a document's skimmed head (`DocumentSkim`), every value checked.
  static func read(head: [UInt8]) -> Result<Recorded, Problem> {
    // The specification of ten thousand tasks is a few megabytes: more is no draw's (and would be
    // a large tree to build).
    guard head.count <= maximumSpecification else {
      return .failure(
        Problem(
          kind: .notADocument, field: "文档",
          message: Text(
            zh: "抽取结果中除抽中名单外的部分有 \(head.count) 字节，超过上限 \(maximumSpecification) 字节",
            en: "the document without its drawn lists has \(head.count) bytes, more than \(maximumSpecification)"),
          help: Text(zh: "给出 choucha draw 写出的 draw-YYYY.json", en: "give the draw-YYYY.json that choucha draw wrote")))
    }
    guard let root = try? JSONSerialization.jsonObject(with: Data(head)) as? [String: Any] else {
      return .failure(
        Problem(
          kind: .notADocument, field: "文档", message: Text(zh: "文档不是 JSON 对象", en: "the document is not a JSON object"),
          help: Text(zh: "给出 choucha draw 写出的 draw-YYYY.json", en: "give the draw-YYYY.json that choucha draw wrote")))
    }
    do {
      return .success(try Reader().recorded(root))
    } catch let problem as Problem {
      return .failure(problem)
    } catch {
      return .failure(Problem(kind: .invalidValue, field: "文档", message: Text(zh: "\(error)", en: "\(error)"), help: Text(zh: "", en: "")))
    }
  }

  /// Reads and checks the fields, throwing the first `Problem`.
  struct Reader {
    func recorded(_ root: [String: Any]) throws -> Recorded {
      let schema = try string(root["schema"], at: "schema")
      let schemas = Drawer.Algorithm.allCases.map(\.schema)
      guard schemas.contains(schema) else {
        throw Problem(
          kind: .notADocument, field: "schema",
          message: Text(
            zh: "schema 为“\(Shown.text(schema))”，不是 \(schemas.joined(separator: " 或 "))",
            en: "schema is '\(Shown.text(schema))', not \(schemas.joined(separator: " or "))"),
          help: Text(zh: "给出 choucha draw 写出的 draw-YYYY.json", en: "give the draw-YYYY.json that choucha draw wrote"))
      }
      let algorithmText = try string(root["algorithm"], at: "algorithm")
      guard let algorithm = Drawer.Algorithm(rawValue: algorithmText) else {
        let known = Drawer.Algorithm.allCases.map(\.rawValue)
        throw Problem(
          kind: .notADocument, field: "algorithm",
          message: Text(
            zh: "抽取算法“\(Shown.text(algorithmText))”不是本工具实现的 \(known.joined(separator: "、"))",
            en: "algorithm '\(Shown.text(algorithmText))' is not one this tool implements (\(known.joined(separator: ", ")))"),
          help: Text(zh: "用写出该文档的 choucha 版本核对", en: "verify with the choucha version that wrote the document"))
      }
      // Each version writes its own schema: a document whose two disagree was edited (a v1
      // document made to claim v2 or the reverse).
      guard algorithm.schema == schema else {
        throw invalid(
          "algorithm", "\"\(Shown.text(algorithmText))\"",
          Text(
            zh: "算法 \(algorithm.rawValue) 的文档 schema 是 \(algorithm.schema)，本文档写的是 \(Shown.text(schema))",
            en: "a document of \(algorithm.rawValue) has schema \(algorithm.schema), this one says \(Shown.text(schema))"))
      }
      let year = try integer(root["year"], at: "year", in: DrawDocument.years, Text(zh: "年度", en: "the year"))!
      let seed = try string(root["seed"], at: "seed")
      let maxVisits = try integer(
        root["maxVisits"], at: "maxVisits", in: DrawDocument.counts, Text(zh: "每户最多检查次数", en: "max visits"), optional: true)
      let perVisit = try integer(
        root["inspectorsPerVisit"], at: "inspectorsPerVisit", in: DrawDocument.counts, Text(zh: "每户人数", en: "inspectors per visit"))!
      let classes = try strings(root["classes"], at: "classes", unique: true, nonEmpty: true)
      let departmentList = try array(root["departments"], at: "departments")
      var departments: [DepartmentRef] = []
      var codes = Set<String>()
      for (index, entry) in departmentList.enumerated() {
        let place = "departments[\(index)]"
        let fields = try object(entry, at: place)
        let code = try string(fields["code"], at: place + ".code", nonEmpty: true)
        let name = try string(fields["name"], at: place + ".name")
        guard codes.insert(code).inserted else { throw duplicate(code, at: place + ".code") }
        departments.append(DepartmentRef(code: code, name: name))
      }
      let inputs = try object(root["inputs"], at: "inputs")
      let targetsInput = try object(inputs["targets"], at: "inputs.targets")
      let targets = try hash(targetsInput["sha256"], at: "inputs.targets.sha256")
      // v2, additive: present only in a draw finished from an engine's selection.
      var targetsContent: (digest: String, rows: Int, method: Commitment.DigestMethod)? = nil
      if algorithm != .v1, let digest = targetsInput["contentDigest"] {
        let rows = try integer(targetsInput["rows"], at: "inputs.targets.rows", in: 0...Int(Int32.max), Text(zh: "行数", en: "the row count"))
        // The digest's method (README rule 8); absent in a document written before v2 existed: v1.
        var method = Commitment.DigestMethod.sorted
        if let name = targetsInput["contentDigestMethod"] {
          let text = try string(name, at: "inputs.targets.contentDigestMethod")
          guard let known = Commitment.DigestMethod(rawValue: text), known != .sorted else {
            throw invalid(
              "inputs.targets.contentDigestMethod", shown(text),
              Text(
                zh: "应为 \(Commitment.DigestMethod.bucketed.rawValue)（\(Commitment.DigestMethod.sorted.rawValue) 的文档不写这个字段）",
                en: "expected \(Commitment.DigestMethod.bucketed.rawValue) (a document of \(Commitment.DigestMethod.sorted.rawValue) has no such field)"))
          }
          method = known
        }
        targetsContent = (try hash(digest, at: "inputs.targets.contentDigest"), rows ?? 0, method)
      }
      let inspectors = try hash(
        try object(inputs["inspectors"], at: "inputs.inspectors")["sha256"], at: "inputs.inspectors.sha256")
      // v2: the commitment's SHA-256; a v1 document never has one.
      var commitment: String? = nil
      if algorithm == .v1 {
        if let value = root["commitment"] {
          throw invalid("commitment", shown(value), Text(zh: "v1 文档没有这个字段", en: "a v1 document has no such field"))
        }
      } else if let value = root["commitment"], !(value is NSNull) {
        // (Absent, the re-run writes it and differs: a v1 document made to claim v2.)
        commitment = try hash(try object(value, at: "commitment")["sha256"], at: "commitment.sha256")
      }
      var tasks: [Drawer.TaskSpec] = []
      var ids = Set<String>()
      for (index, entry) in try array(root["tasks"], at: "tasks").enumerated() {
        let task = try self.task(
          entry, at: "tasks[\(index)]", classes: Set(classes), departments: codes, abnormal: algorithm != .v1)
        guard ids.insert(task.id).inserted else { throw duplicate(task.id, at: "tasks[\(index)].id") }
        tasks.append(task)
      }
      var spec = Drawer.Spec(
        year: year, seed: seed, classes: classes, maxVisits: maxVisits, inspectorsPerVisit: perVisit,
        departments: departments, tasks: tasks, algorithm: algorithm, commitment: commitment)
      // v2: the coverage's base and minimum (a v1 document has neither; added to one, they are
      // not read, and the re-run differs).
      if algorithm != .v1 {
        spec.enterpriseBase = try integer(
          root["enterpriseBase"], at: "enterpriseBase", in: DrawDocument.counts, Text(zh: "企业基数", en: "the enterprise base"),
          optional: true)
        if let value = root["minCoverage"], !(value is NSNull) {
          let written = try string(value, at: "minCoverage")
          guard let ratio = Ratio(parsing: written), (0...Ratio.whole).contains(ratio.perMillion) else {
            throw invalid(
              "minCoverage", "\"\(Shown.text(written))\"",
              Text(zh: "最低覆盖率应在 0%–100% 之间，与规则的要求相同（E0301）", en: "the minimum coverage is within 0%–100%, as in the rules (E0301)"))
          }
          spec.minCoverage = ratio
        }
      }
      return Recorded(spec: spec, targets: targets, inspectors: inspectors, targetsContent: targetsContent)
    }

    /// - Parameter abnormal: read the task's abnormal ratio (v2; a v1 document has none, and one
    ///   added to it is not read, so the re-run differs).
    func task(
      _ value: Any?, at place: String, classes: Set<String>, departments: Set<String>, abnormal readsAbnormal: Bool
    ) throws -> Drawer.TaskSpec {
      let fields = try object(value, at: place)
      let id = try string(fields["id"], at: place + ".id", nonEmpty: true)
      let title = try string(fields["title"], at: place + ".title")
      let kindText = try string(fields["kind"], at: place + ".kind")
      guard let kind = InspectionTask.Kind(rawValue: kindText) else {
        throw invalid(
          place + ".kind", "\"\(Shown.text(kindText))\"", Text(zh: "任务类型只能是 joint 或 single", en: "a task's kind is joint or single"))
      }
      let codes = try strings(fields["departments"], at: place + ".departments", unique: true, nonEmpty: true)
      for (index, code) in codes.enumerated() where !departments.contains(code) {
        throw invalid(
          place + ".departments[\(index)]", "\"\(Shown.text(code))\"",
          Text(zh: "任务的部门应在文档的 departments 中", en: "a task's departments are among the document's departments"))
      }
      let industries = try strings(fields["industries"], at: place + ".industries")
      let objects = try strings(fields["objects"], at: place + ".objects")
      let ratioFields = try object(fields["ratios"], at: place + ".ratios")
      var ratios: [String: Ratio] = [:]
      for (riskClass, text) in ratioFields.sorted(by: { bytesPrecede($0.key, $1.key) }) {
        let field = place + ".ratios." + riskClass
        guard classes.contains(riskClass) else {
          throw invalid(
            field, "“\(Shown.text(riskClass))”",
            Text(zh: "比例的信用风险分类应为 classes 之一", en: "a ratio's class is one of classes"))
        }
        let written = try string(text, at: field)
        guard let ratio = Ratio(parsing: written), (0...Ratio.whole).contains(ratio.perMillion) else {
          throw invalid(
            field, "\"\(Shown.text(written))\"",
            Text(zh: "抽查比例应在 0%–100% 之间（如 \"5%\"、\"0.5%\"），与规则的要求相同（E0301）", en: "a ratio is within 0%–100% (such as \"5%\"), as in the rules (E0301)"))
        }
        ratios[riskClass] = ratio
      }
      let count = try integer(fields["count"], at: place + ".count", in: DrawDocument.counts, Text(zh: "抽查数量", en: "the count"), optional: true)
      var abnormal: Ratio?
      if readsAbnormal, let value = fields["abnormal"] {
        let written = try string(value, at: place + ".abnormal")
        guard let ratio = Ratio(parsing: written), (0...Ratio.whole).contains(ratio.perMillion) else {
          throw invalid(
            place + ".abnormal", "\"\(Shown.text(written))\"",
            Text(zh: "经营异常的比例应在 0%–100% 之间，与规则的要求相同（E0301）", en: "the abnormal ratio is within 0%–100%, as in the rules (E0301)"))
        }
        abnormal = ratio
      }
      if ratios.isEmpty && count == nil {
        throw invalid(
          place + ".ratios", "{}", Text(zh: "任务要有抽查比例或抽查数量（E0304）", en: "a task has ratios or a count (E0304)"))
      }
      let requiresFields = try object(fields["requires"], at: place + ".requires")
      var requires: [String: [String]] = [:]
      for (department, list) in requiresFields.sorted(by: { bytesPrecede($0.key, $1.key) }) {
        let field = place + ".requires." + department
        guard codes.contains(department) else {
          throw invalid(field, "“\(Shown.text(department))”", Text(zh: "应为本任务的部门之一", en: "one of the task's departments"))
        }
        requires[department] = try strings(list, at: field)
      }
      return Drawer.TaskSpec(
        id: id, title: title, kind: kind, departments: codes, industries: industries, objects: objects,
        sampling: TaskSampling(ratios: ratios, count: count, abnormal: abnormal), requires: requires)
    }

    // MARK: Values

    func invalid(_ field: String, _ value: String, _ allowed: Text) -> Problem {
      Problem(
        kind: .invalidValue, field: field,
        message: Text(zh: "\(field) 的值 \(value) 无效：\(allowed.zh)", en: "\(field) = \(value) is invalid: \(allowed.en)"),
        help: Text(
          zh: "choucha draw 不会写出这个值：文档在抽取后被改动过，取公布的原件核对",
          en: "choucha draw never writes this value: the document was edited after the draw; verify the published original"))
    }

    func duplicate(_ value: String, at field: String) -> Problem {
      invalid(field, "“\(Shown.text(value))”", Text(zh: "与前面的重复", en: "it repeats an earlier one"))
    }

    func shown(_ value: Any?) -> String {
      switch value {
      case nil, is NSNull: return "null"
      case let text as String: return "\"\(Shown.text(String(text.prefix(64))))\""
      case let number as NSNumber: return Shown.text(String(number.description.prefix(64)))
      case is [Any]: return "[…]"
      case is [String: Any]: return "{…}"
      default: return "?"
      }
    }

    func missingOrWrong(_ value: Any?, _ field: String, _ expected: Text) -> Problem {
      if value == nil {
        return Problem(
          kind: .invalidValue, field: field,
          message: Text(zh: "缺少 \(field)（应为\(expected.zh)）", en: "\(field) is missing (expected \(expected.en))"),
          help: Text(
            zh: "choucha draw 总会写出这个字段：文档在抽取后被改动过，取公布的原件核对",
            en: "choucha draw always writes this field: the document was edited; verify the published original"))
      }
      return invalid(field, shown(value), Text(zh: "应为\(expected.zh)", en: "expected \(expected.en)"))
    }

    func string(_ value: Any?, at field: String, nonEmpty: Bool = false) throws -> String {
      guard let text = value as? String else { throw missingOrWrong(value, field, Text(zh: "字符串", en: "a string")) }
      if nonEmpty && text.isEmpty { throw invalid(field, "\"\"", Text(zh: "不能为空", en: "it must not be empty")) }
      return text
    }

    func hash(_ value: Any?, at field: String) throws -> String {
      let text = try string(value, at: field)
      guard text.utf8.count == 64, text.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
        throw invalid(field, shown(text), Text(zh: "SHA-256 写成 64 位小写十六进制", en: "a SHA-256 is 64 lowercase hex digits"))
      }
      return text
    }

    /// An integer in `range`; a number that is not a whole number, or out of range, is named.
    func integer(_ value: Any?, at field: String, in range: ClosedRange<Int>, _ what: Text, optional: Bool = false) throws -> Int? {
      if optional && (value == nil || value is NSNull) { return nil }
      let allowed = Text(
        zh: "\(what.zh)应为 \(range.lowerBound)–\(range.upperBound) 的整数，与规则的要求相同",
        en: "\(what.en) is a whole number in \(range.lowerBound)–\(range.upperBound), as in the rules")
      guard let number = value as? NSNumber, !(value is String) else {
        throw missingOrWrong(value, field, Text(zh: "整数", en: "a whole number"))
      }
      // Foundation gives a whole number that fits as an Int64, anything else as a Double.
      let double = number.doubleValue
      guard double.isFinite, double == double.rounded(), double >= Double(range.lowerBound), double <= Double(range.upperBound)
      else { throw invalid(field, shown(value), allowed) }
      let whole = Int(double)
      guard range.contains(whole) else { throw invalid(field, shown(value), allowed) }
      return whole
    }

    func object(_ value: Any?, at field: String) throws -> [String: Any] {
      guard let fields = value as? [String: Any] else { throw missingOrWrong(value, field, Text(zh: "对象 {…}", en: "an object {…}")) }
      return fields
    }

    func array(_ value: Any?, at field: String) throws -> [Any] {
      guard let elements = value as? [Any] else { throw missingOrWrong(value, field, Text(zh: "数组 […]", en: "an array […]")) }
      return elements
    }

    func strings(_ value: Any?, at field: String, unique: Bool = false, nonEmpty: Bool = false) throws -> [String] {
      var result: [String] = []
      var seen = Set<String>()
      let elements = try array(value, at: field)
      if nonEmpty && elements.isEmpty { throw invalid(field, "[]", Text(zh: "不能为空", en: "it must not be empty")) }
      for (index, element) in elements.enumerated() {
        let text = try string(element, at: "\(field)[\(index)]", nonEmpty: nonEmpty)
        if unique && !seen.insert(text).inserted { throw duplicate(text, at: "\(field)[\(index)]") }
        result.append(text)
      }
      return result
    }
  }
}

extension DocumentSkim.Malformed {
  /// Not a draw document: where it stops being JSON.
  var problem: DrawDocument.Problem {
    DrawDocument.Problem(
      kind: .notADocument, field: "字节 \(offset)",
      message: Text(zh: "从第 \(offset) 字节起不是合法的 JSON（UTF-8 编码）", en: "not well-formed JSON (UTF-8) from byte \(offset)"),
      help: Text(zh: "文件可能被截断或改坏：取公布的原件", en: "the file may be truncated or damaged: take the published original"))
  }
}
