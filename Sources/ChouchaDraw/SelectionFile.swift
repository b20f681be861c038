import ChouchaCore

/// `choucha draw --selection FILE`: the draw finished from a data engine's selection (the result of
/// the query `choucha draw --sql ENGINE` prints, exported as CSV with a header row) instead of a
/// scan of the target directory.
///
/// The file (README, “双随机抽取”): columns `kind,task,stratum,position,code,class,ticket_key,
/// digest,population,sample_size,candidate_limit,sufficient_limit,name,industry,tags`; a `directory`
/// row first (seed hash, content-digest method, the specification's fingerprint, algorithm, content
/// digest, data rows), `problem` rows (the directory's duplicates, unknown classes, unreadable
/// 经营异常), one `stratum` row per task and stratum (the plan's classes, `异常`, `*` for a count),
/// each followed by its `candidate` rows (rank with ties, code, class, the ticket's 19-digit key,
/// the digest, and the 名称, 行业 and 标签 cells trimmed as the directory reader trims them: they go
/// into the documents, so a control or bidi character is refused at its cell; one entity has one
/// class, name, industry and tags wherever it appears; and its 行业 and 标签 must put it in its
/// task's population by the draw's own rule, `TaskSpec.contains`).
///
/// Every row is checked (a located E0602 each, nothing drawn): the header, the directory row
/// against this draw's seed and specification, the set of strata against the plan, each sample
/// size recomputed from its population, each digest and key recomputed from the seed, each
/// position against the ranks of the keys, the count of candidates (the limit, plus only ties).
/// Then the draw is finished by `Sampler.take`, the loop `choucha draw` runs over a whole
/// population — one implementation of the skips, the abnormal stratum and the top-up — and the
/// inspectors are matched by `Drawer.match`. A stratum that ran out of candidates (fewer taken than
/// its size while the engine returned fewer than its population) is refused: the widened query
/// (`--widen`) returns enough.
public enum SelectionFile {
  public static let header = [
    "kind", "task", "stratum", "position", "code", "class", "ticket_key", "digest", "population", "sample_size",
    "candidate_limit", "sufficient_limit", "name", "industry", "tags",
  ]
  /// The columns of the files earlier choucha versions' queries gave (without `name`; without
  /// `industry` and `tags`): refused at the header, saying so.
  static let olderHeaders = [Array(header.prefix(12)), Array(header.prefix(13))]
  /// The entity's cells that must be the same wherever it is a candidate: class, 名称, 行业, 标签.
  static let entityCells = [5, 12, 13, 14]
  /// The content digest's method (`Commitment.DigestMethod`) the query computes, as the directory
  /// row names it. A selection naming v1 is read with v1 (an earlier query's file, which lacks
  /// the industry and tags columns, is refused at its header all the same).
  public static let digestMethod = Commitment.DigestMethod.current.rawValue
  /// The stratum name of the abnormal stratum and of a count's whole population.
  public static let abnormalStratum = "异常"
  public static let wholeStratum = "*"

  /// The directory the selection was made from, as its `directory` row gives it.
  public struct Directory: Sendable, Equatable {
    public var contentDigest: String
    public var rows: Int
    public var method = Commitment.DigestMethod.current

    public init(contentDigest: String, rows: Int, method: Commitment.DigestMethod = .current) {
      self.contentDigest = contentDigest
      self.rows = rows
      self.method = method
    }
  }

  /// A candidate as the file gives it (checked).
  struct Candidate {
    var position: Int
    var code: String
    var riskClass: String
    var key: String
    /// 名称, 行业 and the 标签 cell, trimmed as the directory reader trims them (checked: no
    /// control or bidi character; 行业 and 标签 put the entity in its task's population).
    var name: String
    var industry: String
    var tagCell: String
    var span: Span
  }

  /// A stratum row and its candidates.
  struct Stratum {
    var population: Int
    var sampleSize: Int?
    var candidateLimit: Int
    var sufficientLimit: Int?
    var span: Span
    var candidates: [Candidate] = []
  }

  /// The strata of a task, in the order the draw takes them: the classes (with their sample size;
  /// nil when the task has no ratios: a count's per-class rows only give populations), `异常`,
  /// `*` (a count). Sizes from `population`.
  static func strataNames(_ task: Drawer.TaskSpec, classes: [String]) -> [String] {
    let sampling = task.sampling
    var names = classes
    if !sampling.ratios.isEmpty, sampling.abnormal != nil { names.append(abnormalStratum) }
    if sampling.count != nil { names.append(wholeStratum) }
    return names
  }

  /// The sample size of stratum `name` of `task` with `population` members (nil: not drawn).
  static func sampleSize(_ task: Drawer.TaskSpec, stratum name: String, population: Int) -> Int? {
    let sampling = task.sampling
    if name == wholeStratum { return min(sampling.count ?? 0, population) }
    if sampling.ratios.isEmpty { return nil }
    if name == abnormalStratum { return sampling.abnormal.map { Sampler.sampleSize($0, of: population) } ?? 0 }
    return sampling.ratios[name].map { Sampler.sampleSize($0, of: population) } ?? 0
  }

  /// The digest of a candidate: SHA-256(seedHash ‖ task|code), lowercase hex.
  static func digest(seedHash: String, task: String, code: String) -> String {
    SHA256.hex(SHA256.hash(Array((seedHash + Sampler.targetID(task: task, code: code)).utf8)))
  }

  /// A ticket's key as the file writes it: the first 19 digits after the point.
  static func key(_ ticket: Ticket) -> String { ticket.keyText }

  /// The checked file: the directory, and per task and stratum its row and candidates.
  struct Checked {
    var directory: Directory
    var strata: [String: [String: Stratum]]
  }

  /// Reads and checks every row; nil with the located problems when any.
  static func check(_ file: SourceFile, spec: Drawer.Spec, fingerprint: String) -> (Checked?, [Diagnostic]) {
    var problems: [Diagnostic] = []
    let (rows, failure) = CSVReader.read(file)
    if case .unterminatedQuote(let span) = failure {
      return (nil, [.tableUnterminatedQuote(what: what, at: span)])
    }
    guard let head = rows.first else {
      return (nil, [.tableEmpty(what: what, listing: header.joined(separator: ","), at: Span(file: file.id, start: 0, end: 0))])
    }
    if olderHeaders.contains(head.cells.map(\.text)) {
      return (
        nil,
        [
          .selectionProblem(
            Text(
              zh: "选取结果来自较早版本的 choucha：没有 industry 和 tags 列",
              en: "the selection is from an older choucha: it has no industry and tags columns"),
            help: Text(
              zh: "用这个版本的 choucha draw --sql ENGINE --seed … 重新打印查询，在引擎中运行并导出其结果；第一行应为 \(header.joined(separator: ","))",
              en: "print the query again with this choucha (choucha draw --sql ENGINE --seed …), run it in the engine and export its result; the first row must be \(header.joined(separator: ","))"),
            at: head.span)
        ])
    }
    guard head.cells.map(\.text) == header else {
      return (
        nil,
        [
          .selectionProblem(
            Text(zh: "表头不是选取结果的列", en: "the header is not the selection's columns"),
            help: Text(
              zh: "第一行应为 \(header.joined(separator: ","))（早先的查询没有 name 列：用 choucha draw --sql 重新打印查询并运行）",
              en: "the first row must be \(header.joined(separator: ",")) (earlier queries lack the name column: print the query again with choucha draw --sql and run it)"),
            at: head.span)
        ])
    }
    let seedHash = Tickets.seedHash(spec.seed)
    let issuer = TicketIssuer(seedHash: seedHash)
    let tasks = Dictionary(spec.tasks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    var directory: Directory?
    var strata: [String: [String: Stratum]] = [:]
    var current: (task: String, stratum: String)?
    var seen: [String: [String: Span]] = [:]
    /// Per code: its `entityCells` where it was first a candidate, and that line.
    var entityOf: [String: (cells: [String], line: Int)] = [:]
    func problem(_ row: CSVReader.Row, _ cell: Int?, _ text: Text, _ help: Text) {
      let span = cell.map { row.cells[$0].span } ?? row.span
      problems.append(.selectionProblem(text, help: help, at: span))
    }
    func integer(_ row: CSVReader.Row, _ cell: Int, empty: Bool = false) -> Int?? {
      let text = row.cells[cell].text
      if text.isEmpty && empty { return .some(nil) }
      guard let value = Int(text), value >= 0, text.allSatisfy({ $0.isASCII && $0.isNumber }) else {
        problem(
          row, cell, Text(zh: "“\(header[cell])”应为非负整数：“\(Shown.text(text))”", en: "\(header[cell]) must be a whole number: '\(Shown.text(text))'"),
          Text(zh: "用 choucha draw --sql 打印的查询重新导出", en: "export the result of the query choucha draw --sql prints again"))
        return nil
      }
      return .some(value)
    }
    let again = Text(
      zh: "用这次抽取的规则和种子运行 choucha draw --sql ENGINE --seed … 打印的查询，导出其结果",
      en: "run the query choucha draw --sql ENGINE --seed … prints for these rules and this seed, and export its result")
    for row in rows.dropFirst() {
      if row.cells.allSatisfy({ $0.text.isEmpty }) && row.cells.count == 1 { continue }
      guard row.cells.count == header.count else {
        problem(
          row, nil,
          Text(zh: "第 \(row.line) 行有 \(row.cells.count) 个单元格，但选取结果有 \(header.count) 列", en: "row \(row.line) has \(row.cells.count) cells, the selection has \(header.count) columns"),
          Text(zh: "选取结果不能增删列：按查询的结果原样导出", en: "a selection has exactly these columns: export the query's result as it is"))
        continue
      }
      let cell = row.cells.map(\.text)
      let kind = cell[0]
      if directory == nil && kind != "directory" {
        problem(row, 0, Text(zh: "第一行数据应为 directory 行", en: "the first data row must be the directory row"), again)
        directory = Directory(contentDigest: "", rows: 0)
      }
      switch kind {
      case "directory":
        guard directory == nil else {
          problem(row, 0, Text(zh: "directory 行只能有一行", en: "a second directory row"), again)
          continue
        }
        directory = Directory(contentDigest: cell[7], rows: 0)
        if cell[1] != seedHash {
          problem(
            row, 1,
            Text(zh: "选取结果按另一个种子得出（种子哈希 \(Shown.text(cell[1]))，这次是 \(seedHash)）", en: "the selection was made with another seed (seed hash \(Shown.text(cell[1])), this draw's is \(seedHash))"),
            again)
        }
        // The method names the fingerprint's too (the specification records it).
        var expected = fingerprint
        if let method = Commitment.DigestMethod(rawValue: cell[2]) {
          directory!.method = method
          if method != .current { expected = DrawSpecification.fingerprint(spec, method: method) }
        } else {
          let names = Commitment.DigestMethod.names
          problem(
            row, 2,
            Text(zh: "内容摘要方法应为 \(names.joined(separator: " 或 "))", en: "the content digest method must be \(names.joined(separator: " or "))"),
            again)
        }
        if cell[4] != expected {
          problem(
            row, 4,
            Text(zh: "选取结果按另一份抽取规格得出（指纹 \(Shown.text(cell[4]))，这次是 \(expected)）", en: "the selection was made for another specification (fingerprint \(Shown.text(cell[4])), this draw's is \(expected))"),
            Text(zh: "规则库或年度与生成查询时不同：\(again.zh)", en: "the rules or the year differ from the query's: \(again.en)"))
        }
        if cell[5] != spec.algorithm.rawValue {
          problem(row, 5, Text(zh: "算法应为 \(spec.algorithm.rawValue)", en: "the algorithm must be \(spec.algorithm.rawValue)"), again)
        }
        if !isHex(cell[7]) {
          problem(row, 7, Text(zh: "内容摘要应为 64 位小写十六进制", en: "the content digest must be 64 lowercase hex digits"), again)
        }
        if case .some(.some(let rows)) = integer(row, 8) { directory!.rows = rows }
        // Another seed, plan or algorithm: every row below would differ too; this row says why.
        if !problems.isEmpty { return (nil, problems) }
      case "problem":
        problem(
          row, 1,
          Text(
            zh: "检查对象名录有问题（\(Shown.text(cell[1]))）：\(Shown.text(cell[4])) \(Shown.text(cell[5]))",
            en: "the target directory has a problem ('\(Shown.text(cell[1]))'): \(Shown.text(cell[4])) \(Shown.text(cell[5]))"),
          Text(
            zh: "duplicate：统一社会信用代码重复；class：信用风险分类不是计划的分类；abnormal：经营异常无法识别。改正名录后重新运行查询",
            en: "duplicate: a code twice; class: a risk class the plan lacks; abnormal: an unreadable 经营异常. Correct the directory and run the query again"))
      case "stratum":
        let (taskID, name) = (cell[1], cell[2])
        current = (taskID, name)
        guard let task = tasks[taskID], strataNames(task, classes: spec.classes).contains(name) else {
          problem(
            row, tasks[taskID] == nil ? 1 : 2,
            Text(zh: "计划中没有任务“\(Shown.text(taskID))”的层“\(Shown.text(name))”", en: "the plan has no stratum '\(Shown.text(name))' of task '\(Shown.text(taskID))'"),
            Text(zh: "选取结果按另一个计划得出：\(again.zh)", en: "the selection was made for another plan: \(again.en)"))
          current = nil
          continue
        }
        if let first = seen[taskID]?[name] {
          _ = first
          problem(row, 2, Text(zh: "任务“\(taskID)”的层“\(name)”出现两次", en: "task '\(taskID)': stratum '\(name)' twice"), again)
          current = nil
          continue
        }
        seen[taskID, default: [:]][name] = row.span
        guard case .some(.some(let population)) = integer(row, 8), case .some(let size) = integer(row, 9, empty: true),
          case .some(.some(let limit)) = integer(row, 10), case .some(let sufficient) = integer(row, 11, empty: true)
        else {
          current = nil
          continue
        }
        let expected = sampleSize(task, stratum: name, population: population)
        if size != expected {
          problem(
            row, 9,
            Text(
              zh: "任务“\(taskID)”层“\(name)”总体 \(population) 户，样本量应为 \(expected.map(String.init) ?? "空")，选取结果写 \(size.map(String.init) ?? "空")",
              en: "task '\(taskID)', stratum '\(name)': a population of \(population) has a sample size of \(expected.map(String.init) ?? "none"), the selection says \(size.map(String.init) ?? "none")"),
            Text(zh: "选取结果按另一个计划得出：\(again.zh)", en: "the selection was made for another plan: \(again.en)"))
        }
        if let size, limit < min(size, population) || limit > population || sufficient.map({ limit > $0 || $0 > population }) ?? true {
          problem(
            row, 10,
            Text(
              zh: "候选上限 \(limit) 不在样本量 \(size) 与充分上限 \(sufficient.map(String.init) ?? "空")、总体 \(population) 之间",
              en: "the candidate limit \(limit) is not between the sample size \(size) and the sufficient limit \(sufficient.map(String.init) ?? "none") and population \(population)"),
            again)
        } else if size == nil && (limit != 0 || sufficient != nil) {
          problem(row, 10, Text(zh: "不抽取的层候选上限应为 0", en: "a stratum not drawn has a candidate limit of 0"), again)
        }
        strata[taskID, default: [:]][name] = Stratum(
          population: population, sampleSize: size, candidateLimit: limit, sufficientLimit: sufficient, span: row.span)
      case "candidate":
        guard let (taskID, name) = current.map({ ($0.task, $0.stratum) }), cell[1] == taskID, cell[2] == name, strata[taskID]?[name] != nil else {
          if current != nil || seen[cell[1]]?[cell[2]] == nil {
            problem(
              row, 1, Text(zh: "候选行不在其层的 stratum 行之后", en: "a candidate row not under its stratum's row"),
              Text(zh: "按查询的顺序原样导出（ORDER BY 不可去掉）", en: "export the query's result in its order (keep its ORDER BY)"))
          }
          continue
        }
        guard case .some(.some(let position)) = integer(row, 3) else { continue }
        let code = cell[4]
        let digest = digest(seedHash: seedHash, task: taskID, code: code)
        let ticketKey = key(issuer.ticket(id: Sampler.targetID(task: taskID, code: code)))
        if cell[7] != digest {
          problem(
            row, 7,
            Text(zh: "“\(Shown.text(code))”的摘要不是 SHA-256(种子哈希 + \(taskID)|代码)：应为 \(digest)", en: "the digest of '\(Shown.text(code))' is not SHA-256(seed hash + \(taskID)|code): it is \(digest)"),
            Text(zh: "选取结果被改动过或按另一个种子得出：\(again.zh)", en: "the selection was altered or made with another seed: \(again.en)"))
          continue
        }
        if cell[6] != ticketKey {
          problem(
            row, 6,
            Text(zh: "“\(Shown.text(code))”的签号前 19 位应为 \(ticketKey)", en: "the ticket key of '\(Shown.text(code))' is \(ticketKey)"),
            Text(zh: "选取结果被改动过：\(again.zh)", en: "the selection was altered: \(again.en)"))
          continue
        }
        if name != wholeStratum && name != abnormalStratum && cell[5] != name {
          problem(
            row, 5, Text(zh: "层“\(name)”的候选信用风险分类是“\(Shown.text(cell[5]))”", en: "a candidate of stratum '\(name)' of class '\(Shown.text(cell[5]))'"), again)
          continue
        }
        if !spec.classes.contains(cell[5]) {
          problem(
            row, 5,
            Text(
              zh: "“\(Shown.text(code))”的信用风险分类“\(Shown.text(cell[5]))”不是计划的分类（\(spec.classes.joined(separator: "、"))）",
              en: "the risk class '\(Shown.text(cell[5]))' of '\(Shown.text(code))' is not one of the plan's (\(spec.classes.joined(separator: ", ")))"),
            Text(zh: "选取结果被改动过：\(again.zh)", en: "the selection was altered: \(again.en)"))
          continue
        }
        // 名称, 行业 and 标签 go into the published documents: the cell rules of the directory (E0602-style).
        if let (column, refused) = (12...14).lazy.compactMap({ c in cell[c].unicodeScalars.first(where: Directories.isRefused).map { (c, $0) } }).first {
          let hex = String(refused.value, radix: 16, uppercase: true)
          problem(
            row, column,
            Text(
              zh: "“\(Shown.text(code))”的\(header[column])含不可见的控制字符 U+\(hex)",
              en: "the \(header[column]) of '\(Shown.text(code))' holds the control character U+\(hex)"),
            Text(zh: "改正名录中的单元格后重新运行查询", en: "correct the cell in the directory and run the query again"))
          continue
        }
        // The population rule the draw asks (`TaskSpec.contains`): a candidate outside its task's
        // population is a forged or stale selection.
        let (industry, tagCell) = (cell[13], cell[14])
        if let task = tasks[taskID], !task.contains(industry: industry, tags: Directories.list(tagCell)) {
          problem(
            row, 13,
            Text(
              zh: "“\(Shown.text(code))”（行业“\(Shown.text(industry))”，标签“\(Shown.text(tagCell))”）不是任务“\(taskID)”的检查对象",
              en: "'\(Shown.text(code))' (行业 '\(Shown.text(industry))', 标签 '\(Shown.text(tagCell))') is not in the population of task '\(taskID)'"),
            Text(zh: "选取结果被改动过或来自另一份计划：\(again.zh)", en: "the selection was altered or made for another plan: \(again.en)"))
          continue
        }
        // One entity: one class, 名称, 行业 and 标签 wherever it is a candidate.
        let entity = entityCells.map { cell[$0] }
        if let known = entityOf[code], let differs = zip(entityCells, zip(known.cells, entity)).first(where: { $1.0 != $1.1 }) {
          let (column, (before, here)) = differs
          problem(
            row, column,
            Text(
              zh: "“\(Shown.text(code))”的\(header[column])在第 \(known.line) 行是“\(Shown.text(before))”，这里是“\(Shown.text(here))”",
              en: "the \(header[column]) of '\(Shown.text(code))' is '\(Shown.text(before))' on line \(known.line), '\(Shown.text(here))' here"),
            Text(zh: "选取结果被改动过：\(again.zh)", en: "the selection was altered: \(again.en)"))
          continue
        }
        entityOf[code] = entityOf[code] ?? (entity, row.line)
        strata[taskID]![name]!.candidates.append(
          Candidate(
            position: position, code: code, riskClass: cell[5], key: ticketKey, name: cell[12], industry: industry, tagCell: tagCell,
            span: row.span))
      default:
        problem(
          row, 0, Text(zh: "未知的行类型“\(Shown.text(kind))”", en: "unknown row kind '\(Shown.text(kind))'"),
          Text(zh: "行类型为 directory、problem、stratum、candidate", en: "the kinds are directory, problem, stratum, candidate"))
      }
    }
    let end = rows.last?.span ?? head.span
    if directory == nil {
      problems.append(.selectionProblem(Text(zh: "选取结果没有 directory 行", en: "the selection has no directory row"), help: again, at: end))
    }
    // The strata: each of the plan's, once; the candidates: the limit, plus only ties, by rank.
    for task in spec.tasks {
      let missing = strataNames(task, classes: spec.classes).filter { seen[task.id]?[$0] == nil }
      if !missing.isEmpty {
        problems.append(
          .selectionProblem(
            Text(
              zh: "选取结果缺少任务“\(task.id)”的层：\(missing.joined(separator: "、"))",
              en: "the selection lacks the strata \(missing.joined(separator: ", ")) of task '\(task.id)'"),
            help: again, at: end))
      }
      for (name, stratum) in strata[task.id] ?? [:] {
        var codes = Set<String>()
        let sorted = stratum.candidates.sorted { $0.key < $1.key }
        var rank = 0
        for (index, candidate) in sorted.enumerated() {
          if index == 0 || candidate.key != sorted[index - 1].key { rank = index + 1 }
          let line = candidate.span
          if !codes.insert(candidate.code).inserted {
            problems.append(
              .selectionProblem(
                Text(zh: "任务“\(task.id)”层“\(name)”中“\(Shown.text(candidate.code))”出现两次", en: "task '\(task.id)', stratum '\(name)': '\(Shown.text(candidate.code))' twice"),
                help: again, at: line))
          } else if candidate.position != rank {
            problems.append(
              .selectionProblem(
                Text(zh: "“\(Shown.text(candidate.code))”按签号排第 \(rank) 位，选取结果写第 \(candidate.position) 位（缺行或签号被改动）", en: "'\(Shown.text(candidate.code))' ranks \(rank) by its ticket, the selection says \(candidate.position) (a row missing or a ticket altered)"),
                help: again, at: line))
          } else if rank > min(stratum.candidateLimit, stratum.population) {
            problems.append(
              .selectionProblem(
                Text(zh: "“\(Shown.text(candidate.code))”排第 \(rank) 位，超出候选上限 \(stratum.candidateLimit)", en: "'\(Shown.text(candidate.code))' ranks \(rank), past the candidate limit \(stratum.candidateLimit)"),
                help: again, at: line))
          }
        }
        let wanted = min(stratum.candidateLimit, stratum.population)
        if sorted.count < wanted {
          problems.append(
            .selectionProblem(
              Text(
                zh: "任务“\(task.id)”层“\(name)”应有 \(wanted) 个候选，选取结果只有 \(sorted.count) 个（缺行）",
                en: "task '\(task.id)', stratum '\(name)': \(wanted) candidates expected, the selection has \(sorted.count) (rows missing)"),
              help: again, at: stratum.span))
        }
      }
      // An entity is in one class stratum, and in `*` with the same class.
      var classOf: [String: String] = [:]
      for name in strataNames(task, classes: spec.classes) {
        for candidate in strata[task.id]?[name]?.candidates ?? [] {
          if let known = classOf[candidate.code], known != candidate.riskClass || name != wholeStratum {
            problems.append(
              .selectionProblem(
                Text(zh: "任务“\(task.id)”中“\(Shown.text(candidate.code))”出现在两个层中", en: "task '\(task.id)': '\(Shown.text(candidate.code))' in two strata"),
                help: again, at: candidate.span))
          }
          if name != wholeStratum { classOf[candidate.code] = candidate.riskClass }
        }
      }
    }
    guard problems.isEmpty, let directory else { return (nil, problems) }
    return (Checked(directory: directory, strata: strata), [])
  }

  static let what = Text(zh: "选取结果", en: "selection")

  static func isHex(_ text: String) -> Bool {
    text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
  }

  /// Checks the selection and finishes the draw: the skips, the abnormal stratum, the count and
  /// top-up (`Sampler.take`), then the inspectors (`Drawer.match`). The document records the
  /// target directory by its content digest and rows (`Directories.Fingerprint.contentDigest`).
  /// - Parameter fingerprint: the specification's (`DrawSpecification.fingerprint`).
  public static func draw(
    _ spec: Drawer.Spec, selection: SourceFile, fingerprint: String, inspectors: SourceFile,
    reading: Directories.Reading = .current
  ) -> (Drawer.Result?, [Diagnostic]) {
    let (checked, problems) = check(selection, spec: spec, fingerprint: fingerprint)
    guard let checked else { return (nil, problems) }
    let seedHash = Tickets.seedHash(spec.seed)
    let issuer = TicketIssuer(seedHash: seedHash)
    var visits: [String: Int] = [:]
    var rows = Drawer.DrawnRows()
    var rowOf: [String: Int32] = [:]
    var sampled: [Drawer.SampledTask] = []
    var ranOut: [(task: String, stratum: String, span: Span)] = []
    // 经营异常 is the entity's: whoever is a candidate of an abnormal stratum is on the list.
    var abnormalCodes = Set<String>()
    var entities: [String: Candidate] = [:]
    for strata in checked.strata.values { for candidate in strata[abnormalStratum]?.candidates ?? [] { abnormalCodes.insert(candidate.code) } }
    for task in spec.tasks {
      let given = checked.strata[task.id] ?? [:]
      var spans: [String: Span] = [:]
      func members(_ name: String) -> [Sampler.Member] {
        (given[name]?.candidates ?? []).map {
          spans[$0.code] = spans[$0.code] ?? $0.span
          entities[$0.code] = entities[$0.code] ?? $0
          return Sampler.Member(code: $0.code, riskClass: $0.riskClass, abnormal: name == abnormalStratum)
        }
      }
      let sampling = task.sampling
      var names: [String] = []
      var strata: [(members: [Sampler.Member], size: Int, riskClass: String?)] = []
      if sampling.ratios.isEmpty {
        names.append(wholeStratum)
        strata.append((members(wholeStratum), given[wholeStratum]?.sampleSize ?? 0, nil))
      } else {
        for riskClass in spec.classes {
          names.append(riskClass)
          strata.append((members(riskClass), given[riskClass]?.sampleSize ?? 0, riskClass))
        }
        if sampling.abnormal != nil {
          names.append(abnormalStratum)
          strata.append((members(abnormalStratum), given[abnormalStratum]?.sampleSize ?? 0, nil))
        }
      }
      var topUp: (count: Int, members: [Sampler.Member])?
      if !sampling.ratios.isEmpty, let count = sampling.count {
        names.append(wholeStratum)
        topUp = (count, members(wholeStratum))
      }
      let taken = Sampler.take(
        task: task.id, strata: strata, topUp: topUp, countOnly: sampling.ratios.isEmpty && sampling.count != nil,
        classes: spec.classes, issuer: issuer, maxVisits: spec.maxVisits, visits: &visits)
      for (name, shortfall) in zip(names, taken.shortfalls) where shortfall > 0 {
        if let stratum = given[name], stratum.candidateLimit < stratum.population {
          ranOut.append((task.id, name, stratum.span))
        }
      }
      func row(_ selection: Sampler.Selection) -> Int32 {
        let code = selection.member.code
        if let row = rowOf[code] { return row }
        // 名称, 行业 and 标签 as the selection gives them, the same on every row of the entity (checked).
        let entity = entities[code]!
        let row = rows.append(
          code: Array(code.utf8), name: Array(entity.name.utf8), industry: Array(entity.industry.utf8),
          riskClass: Array(selection.member.riskClass.utf8), tags: Directories.list(entity.tagCell), span: spans[code]!,
          abnormal: abnormalCodes.contains(code))
        rowOf[code] = row
        return row
      }
      var population: [String: Int] = [:]
      for riskClass in spec.classes { population[riskClass] = given[riskClass]?.population ?? 0 }
      let abnormal: (population: Int, sampleSize: Int)? =
        !sampling.ratios.isEmpty && sampling.abnormal != nil
        ? (given[abnormalStratum]?.population ?? 0, given[abnormalStratum]?.sampleSize ?? 0) : nil
      sampled.append(
        Drawer.SampledTask(
          spec: task, population: population, sampleSize: taken.sampleSize, targets: taken.selected.map(row),
          skipped: taken.skipped.map(row), abnormal: abnormal))
    }
    if let first = ranOut.first {
      let names = ranOut.map { "\($0.task) \($0.stratum)" }
      return (nil, [.selectionRanOut(strata: names, at: first.span)])
    }
    let (inspectorRows, inspectorsPrint, inspectorFindings) = Directories.inspectors(
      inspectors, departments: spec.departments, reading: reading)
    guard inspectorFindings.errorCount == 0 else { return (nil, inspectorFindings) }
    var targetsPrint = Directories.Fingerprint(
      sha256: SHA256.hex(SHA256.hash(selection.bytes)), rows: checked.directory.rows, columns: header)
    targetsPrint.contentDigest = checked.directory.contentDigest
    targetsPrint.contentDigestMethod = checked.directory.method
    let (result, matching) = Drawer.match(
      spec, seedHash: seedHash, sampled: sampled, rows: rows, targetsFingerprint: targetsPrint,
      inspectors: inspectorRows, inspectorsFingerprint: inspectorsPrint)
    // A stratum short because skips took its whole population: the warning the CSV path gives.
    let headerEnd = selection.bytes.firstIndex(of: 0x0A) ?? selection.bytes.count
    let short = result.map { Drawer.shortPopulations($0) { Span(file: selection.id, start: 0, end: headerEnd) } } ?? []
    return (result, inspectorFindings + matching + short)
  }
}
