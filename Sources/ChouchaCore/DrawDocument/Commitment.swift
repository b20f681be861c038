import Foundation

/// `commitment-YYYY.json`: what a draw will read, fixed and published before its seed exists
/// (`choucha draw --commit`). It records the draw's specification without the seed, the
/// algorithm, and each directory's SHA-256, rows, columns and content digest; `choucha draw
/// --seed S --commitment FILE` refuses to draw if anything differs, and records the commitment's
/// SHA-256 in the draw document. The README (the draw's rule 8) is the public specification.
public enum Commitment {
  public static let schema = "choucha/commitment/v1"
  /// The name of the content digest's definition that new documents write (`DigestMethod.current`).
  public static let digestMethod = DigestMethod.current.rawValue

  /// The definitions of the content digest (README, the draw's rule 8), by the name a document
  /// records. Both start from the rows' SHA-256 values (`rowDigest`); they differ in how those are
  /// combined. v2 since 2026-12; v1 artefacts remain verifiable.
  public enum DigestMethod: String, CaseIterable, Sendable {
    /// One SHA-256 over all N row digests, sorted bytewise and concatenated: in SQL one value of
    /// N·32 bytes, which PostgreSQL (1 GB) holds up to about 33 M rows, DuckDB and Spark 67 M.
    case sorted = "sha256-sorted-row-sha256-v1"
    /// 256 buckets by the row digest's first byte; a bucket's digest is the SHA-256 of its row
    /// digests sorted bytewise and concatenated (an empty bucket: the SHA-256 of nothing); the
    /// content digest is the SHA-256 of the 256 bucket digests in bucket order (8,192 bytes). An SQL
    /// aggregate holds about N/256·32 bytes: 8.6 G rows within PostgreSQL's 1 GB.
    case bucketed = "sha256-bucketed-row-sha256-v2"

    /// What new commitments, queries, selections and documents use.
    public static let current = DigestMethod.bucketed
    /// The known names, for a message that names them.
    public static let names = allCases.map(\.rawValue)

    /// The content digest of `rows` (row digests in any order; sorted in place), lowercase hex.
    public func digest(_ rows: inout [RowDigest]) -> String {
      // The buckets by first byte (a counting sort), then each bucket sorted: the whole is then
      // sorted bytewise, as v1 needs, and each bucket is contiguous and in order, as v2 needs.
      var starts = [Int](repeating: 0, count: 257)
      for row in rows { starts[row.firstByte + 1] += 1 }
      for bucket in 0..<256 { starts[bucket + 1] += starts[bucket] }
      var next = starts
      var bucketed = rows
      for row in rows {
        bucketed[next[row.firstByte]] = row
        next[row.firstByte] += 1
      }
      rows = bucketed
      var whole = SHA256Hasher()
      for bucket in 0..<256 {
        rows[starts[bucket]..<starts[bucket + 1]].sort()
        switch self {
        case .sorted:
          for index in starts[bucket]..<starts[bucket + 1] { rows[index].update(&whole) }
        case .bucketed:
          var part = SHA256Hasher()
          for index in starts[bucket]..<starts[bucket + 1] { rows[index].update(&part) }
          whole.update(part.finalize())
        }
      }
      return SHA256.hex(whole.finalize())
    }
  }

  /// A row's SHA-256 as four big-endian words: compared as numbers, they order as the bytes do
  /// (one value per row, no array each: a million rows sort in a fraction of a second).
  public struct RowDigest: Comparable, Sendable {
    var words: (UInt64, UInt64, UInt64, UInt64)

    /// The 32 bytes of a SHA-256.
    public init(_ bytes: [UInt8]) {
      precondition(bytes.count == 32, "a SHA-256 has 32 bytes")
      func word(_ at: Int) -> UInt64 { bytes[at..<at + 8].reduce(0) { $0 << 8 | UInt64($1) } }
      words = (word(0), word(8), word(16), word(24))
    }

    var firstByte: Int { Int(words.0 >> 56) }

    func update(_ hasher: inout SHA256Hasher) {
      var big = (words.0.bigEndian, words.1.bigEndian, words.2.bigEndian, words.3.bigEndian)
      withUnsafeBytes(of: &big) { hasher.update($0) }
    }

    public static func < (a: RowDigest, b: RowDigest) -> Bool {
      (a.words.0, a.words.1, a.words.2, a.words.3) < (b.words.0, b.words.1, b.words.2, b.words.3)
    }

    public static func == (a: RowDigest, b: RowDigest) -> Bool {
      a.words == b.words
    }
  }
  /// U+001F (unit separator), between the cells of a canonical row: no cell the draw accepts
  /// holds it (a control character in a directory is E0602).
  static let separator: UInt8 = 0x1F
  /// No commitment is larger: it holds the specification of the tasks, not the directories.
  public static let maximumSize = 64 << 20

  /// The columns of the canonical rows, in their order: the columns the draw reads.
  public static let targetColumns = ["统一社会信用代码", "名称", "行业", "标签", "信用风险分类", "经营异常"]
  public static let inspectorColumns = ["工号", "姓名", "部门", "执法证号", "专长", "回避"]

  /// One directory as committed.
  public struct Input: Sendable, Equatable {
    public var sha256: String
    public var rows: Int
    public var columns: [String]
    public var contentDigest: String

    public init(sha256: String, rows: Int, columns: [String], contentDigest: String) {
      self.sha256 = sha256
      self.rows = rows
      self.columns = columns
      self.contentDigest = contentDigest
    }
  }

  /// The content digest of a directory the draw accepts, by `method`: from the SHA-256 values of
  /// its canonical rows (`DigestMethod`). A canonical row is the
  /// cells of `targetColumns` (or `inspectorColumns`) in that order, each trimmed as the draw
  /// trims it (an absent optional column: the empty text), joined by U+001F, as UTF-8. It
  /// depends neither on the file's encoding (GB18030 is converted) nor on the rows' order.
  /// Nil with the diagnostics when the file is no table (the draw says more).
  public static func contentDigest(
    _ original: SourceFile, inspectors: Bool, method: DigestMethod = .current
  ) -> (digest: String, rows: Int)? {
    let what = inspectors ? Directories.inspectorsName : Directories.targetsName
    let (file, problems) = Directories.text(original, what: what)
    guard problems.isEmpty else { return nil }
    var diagnostics: [Diagnostic] = []
    let columns = inspectors ? Directories.inspectorColumns : Directories.targetColumns
    guard let table = CSVTable.read(file, columns: columns, what: what, site: nil, into: &diagnostics),
      !diagnostics.contains(where: { $0.severity == .error })
    else { return nil }
    var digests: [RowDigest] = []
    digests.reserveCapacity(table.rows.count)
    for row in table.rows { digests.append(rowDigest(columns.map { table.cell(row, $0.key)?.trimmed ?? "" })) }
    return (method.digest(&digests), table.rows.count)
  }

  /// The SHA-256 of a canonical row: its cells (trimmed, in the canonical column order) joined
  /// by U+001F, as UTF-8.
  public static func rowDigest(_ cells: [String]) -> RowDigest {
    var canonical: [UInt8] = []
    for (index, cell) in cells.enumerated() {
      if index > 0 { canonical.append(separator) }
      canonical += Array(cell.utf8)
    }
    return RowDigest(SHA256.hash(canonical))
  }

  /// The content digest of rows of cells (already trimmed, in the canonical column order).
  public static func digest(_ rows: [[String]], method: DigestMethod = .current) -> String {
    var digests = rows.map(rowDigest)
    return method.digest(&digests)
  }

  /// The commitment document: the specification (the seed left out), then the inputs.
  public static func json(_ spec: Drawer.Spec, targets: Input, inspectors: Input, method: DigestMethod = .current) -> [UInt8] {
    document(spec, method: method, inputs: (targets, inspectors))
  }

  /// The commitment's specification part alone: the document without its `inputs` (what
  /// `DrawSpecification.fingerprint` hashes).
  static func specificationJSON(_ spec: Drawer.Spec, method: DigestMethod = .current) -> [UInt8] {
    document(spec, method: method, inputs: nil)
  }

  /// The commitment document, or with `inputs` nil its specification part (the same bytes, the
  /// `inputs` member left out).
  private static func document(_ spec: Drawer.Spec, method: DigestMethod, inputs: (targets: Input, inspectors: Input)?) -> [UInt8] {
    Documents.json { w in
      w.object { w in
        w.field("schema", schema)
        w.field("algorithm", spec.algorithm.rawValue)
        w.field("year", spec.year)
        w.field("maxVisits", spec.maxVisits)
        w.field("inspectorsPerVisit", spec.inspectorsPerVisit)
        w.field("classes", strings: spec.classes)
        w.key("departments")
        w.array { w in for department in spec.departments { Documents.department(department, &w) } }
        // The plan's 企业基数 and 最低覆盖率 (null when not given), as the draw document records them.
        w.field("enterpriseBase", spec.enterpriseBase)
        w.field("minCoverage", spec.minCoverage?.canonical)
        w.field("contentDigest", method.rawValue)
        if let inputs {
          w.key("inputs")
          w.object { w in
            for (name, input, columns) in [
              ("targets", inputs.targets, targetColumns), ("inspectors", inputs.inspectors, inspectorColumns),
            ] {
              w.key(name)
              w.object { w in
                w.field("sha256", input.sha256)
                w.field("rows", input.rows)
                w.field("columns", strings: input.columns)
                w.field("contentColumns", strings: columns)
                w.field("contentDigest", input.contentDigest)
              }
            }
          }
        }
        w.key("tasks")
        w.array { w in
          for task in spec.tasks {
            w.object { w in
              w.field("id", task.id)
              w.field("title", task.title)
              w.field("kind", task.kind.rawValue)
              w.field("departments", strings: task.departments)
              w.field("industries", strings: task.industries)
              w.field("objects", strings: task.objects)
              Documents.sampling(task.sampling, classes: spec.classes, &w)
              w.key("requires")
              w.object { w in
                for department in task.departments { w.field(department, strings: task.requires[department] ?? []) }
              }
            }
          }
        }
      }
    }
  }

  /// What a commitment records, its values checked.
  public struct Recorded {
    public var algorithm: String
    public var year: Int
    public var targets: Input
    public var inspectors: Input
    /// The content digest's method it names (a v1 commitment is checked with v1).
    public var method: DigestMethod
    /// The document as parsed, for comparing the specification field by field.
    var root: [String: Any]
  }

  /// The fields of the specification, in the document's order.
  /// Every field of the v2 specification the draw document records, the seed aside: the tasks
  /// hold the rounds (`<id>@k`) and each task's sampling (ratios, abnormal, count).
  static let specificationFields = [
    "maxVisits", "inspectorsPerVisit", "classes", "departments", "enterpriseBase", "minCoverage", "contentDigest", "tasks",
  ]

  /// Reads a commitment; the first problem otherwise (`notADocument`: not JSON or not a
  /// commitment; `invalidValue`: a field missing or out of bounds, named by its place).
  public static func read(_ bytes: [UInt8]) -> Result<Recorded, DrawDocument.Problem> {
    let help = Text(
      zh: "给出 choucha draw --commit 写出并公布的 commitment-YYYY.json", en: "give the commitment-YYYY.json that choucha draw --commit wrote and was published")
    guard bytes.count <= maximumSize else {
      return .failure(
        .init(
          kind: .notADocument, field: "文档", message: Text(zh: "文件有 \(bytes.count) 字节，承诺书不会这么大", en: "the file has \(bytes.count) bytes; no commitment is that large"),
          help: help))
    }
    // Checked as RFC 8259 JSON first, with a bounded depth, by the draw document's skim (a
    // commitment has no drawn lists for it to leave out): a malformed file is refused at its byte.
    if case .failure(let malformed) = bytes.withUnsafeBufferPointer({ DocumentSkim.skim($0) }) {
      return .failure(
        .init(
          kind: .notADocument, field: "字节 \(malformed.offset)",
          message: Text(
            zh: "从第 \(malformed.offset) 字节起不是合法的 JSON（UTF-8 编码），不是 JSON 对象",
            en: "not well-formed JSON (UTF-8) from byte \(malformed.offset): not a JSON object"),
          help: help))
    }
    guard let root = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
      return .failure(
        .init(kind: .notADocument, field: "文档", message: Text(zh: "不是 JSON 对象", en: "not a JSON object"), help: help))
    }
    let reader = DrawDocument.Reader()
    do {
      let found = try reader.string(root["schema"], at: "schema")
      guard found == schema else {
        let what = found.hasPrefix("choucha/draw/") ? Text(zh: "（这是抽取结果）", en: " (a draw document)") : Text(zh: "", en: "")
        throw DrawDocument.Problem(
          kind: .notADocument, field: "schema",
          message: Text(
            zh: "schema 为“\(Shown.text(found))”\(what.zh)，不是 \(schema)", en: "schema is '\(Shown.text(found))'\(what.en), not \(schema)"),
          help: help)
      }
      let algorithm = try reader.string(root["algorithm"], at: "algorithm")
      let year = try reader.integer(root["year"], at: "year", in: DrawDocument.years, Text(zh: "年度", en: "the year"))!
      let methodName = try reader.string(root["contentDigest"], at: "contentDigest")
      guard let method = DigestMethod(rawValue: methodName) else {
        throw reader.invalid(
          "contentDigest", reader.shown(methodName),
          Text(zh: "应为 \(DigestMethod.names.joined(separator: " 或 "))", en: "expected \(DigestMethod.names.joined(separator: " or "))"))
      }
      let inputs = try reader.object(root["inputs"], at: "inputs")
      func input(_ name: String, _ columns: [String]) throws -> Input {
        let place = "inputs." + name
        let fields = try reader.object(inputs[name], at: place)
        let content = try reader.strings(fields["contentColumns"], at: place + ".contentColumns")
        guard content == columns else {
          throw reader.invalid(
            place + ".contentColumns", "[…]",
            Text(zh: "应为 \(columns.joined(separator: "、"))", en: "expected \(columns.joined(separator: ", "))"))
        }
        return Input(
          sha256: try reader.hash(fields["sha256"], at: place + ".sha256"),
          rows: try reader.integer(fields["rows"], at: place + ".rows", in: 0...Int(Int32.max), Text(zh: "行数", en: "the row count"))!,
          columns: try reader.strings(fields["columns"], at: place + ".columns"),
          contentDigest: try reader.hash(fields["contentDigest"], at: place + ".contentDigest"))
      }
      let targets = try input("targets", targetColumns)
      let inspectors = try input("inspectors", inspectorColumns)
      for field in specificationFields where field != "maxVisits" && root[field] == nil {
        throw reader.missingOrWrong(nil, field, Text(zh: "抽取规格的一部分", en: "part of the draw's specification"))
      }
      return .success(
        Recorded(algorithm: algorithm, year: year, targets: targets, inspectors: inspectors, method: method, root: root))
    } catch let problem as DrawDocument.Problem {
      return .failure(problem)
    } catch {
      return .failure(.init(kind: .invalidValue, field: "文档", message: Text(zh: "\(error)", en: "\(error)"), help: help))
    }
  }

  /// The first field of the draw's specification in which `recorded` differs from `spec`: its
  /// place (`tasks[3]`, with the task's id) or nil when they agree. The inputs are compared
  /// after the draw has read them.
  public static func specificationDifference(_ recorded: Recorded, _ spec: Drawer.Spec) -> String? {
    let placeholder = Input(sha256: String(repeating: "0", count: 64), rows: 0, columns: [], contentDigest: String(repeating: "0", count: 64))
    // The specification as this commitment's content digest method writes it.
    guard let expected = try? read(json(spec, targets: placeholder, inspectors: placeholder, method: recorded.method)).get() else {
      return "文档"
    }
    for field in specificationFields {
      let found = recorded.root[field]
      let wanted = expected.root[field]
      if field == "tasks", let found = found as? [Any], let wanted = wanted as? [Any] {
        for index in 0..<max(found.count, wanted.count) {
          let a = index < found.count ? found[index] as? NSObject : nil
          let b = index < wanted.count ? wanted[index] as? NSObject : nil
          if a == nil || b == nil || !a!.isEqual(b) {
            let id = ((b ?? a) as? [String: Any])?["id"] as? String
            return "tasks[\(index)]" + (id.map { "（\(Shown.text($0))）" } ?? "")
          }
        }
        continue
      }
      switch (found as? NSObject, wanted as? NSObject) {
      case (nil, nil): continue
      case (let a?, let b?) where a.isEqual(b): continue
      default: return field
      }
    }
    return nil
  }
}

extension DrawDocument.Problem {
  /// A value that differs from what it must be (a commitment of another year, say), for the CLI.
  public init(invalid field: String, message: Text, help: Text) {
    self.init(kind: .invalidValue, field: field, message: message, help: help)
  }
}
