import Foundation

/// `choucha verify draw-YYYY.json --sql ENGINE`: a query that re-checks a published draw inside
/// the engine, for an auditor who cannot export the directory. It recomputes every published
/// entity's digest and key from the seed hash, and its rank among the task's stratum (class,
/// `异常`, or `*` for a count): in each stratum the published targets and skipped entities are the
/// first ones in ticket order (README, rules 4–5), so none may rank below their number. And each
/// task's published figures: every stratum's population and sample size, recomputed by the engine.
extension SelectionQuery {
  /// An entity a draw document publishes: a target, or one skipped at max visits.
  public struct Published: Sendable, Equatable {
    public var task: String
    public var code: String
    /// The ticket's first 19 digits after the point.
    public var key: String
    public var skipped: Bool
  }

  /// A stratum's figures as a draw document publishes them: a task's `population` and
  /// `sampleSize` of a class, or its `abnormalPopulation` and `abnormalSampleSize` (stratum `异常`).
  public struct Figure: Sendable, Equatable {
    public var task: String
    public var stratum: String
    public var population: Int
    public var sampleSize: Int
  }

  /// The verifying query's columns, in order.
  public static let verifyHeader = [
    "finding", "task", "stratum", "code", "role", "published_key", "engine_key", "position", "published_in_stratum",
  ]

  /// The query: one `summary` row (task: the seed hash; code: the directory's content digest;
  /// position: entities published; published_in_stratum: findings), then one row per finding —
  /// `not-in-population` (the engine's directory does not put the code in the task),
  /// `ticket-differs` (the published ticket is not the seed's), `out-of-order` (an entity of the
  /// stratum not published ranks before it), `population-differs` and `sample-size-differs` (a
  /// published stratum's figures are not the engine's: role `population` or `sample_size`,
  /// `published_key` the document's figure, `engine_key` the engine's). No finding: the engine
  /// agrees with the document.
  public static func verify(
    _ spec: Drawer.Spec, seedHash: String, published: [Published], figures: [Figure] = [], engine: Engine,
    table: String = "targets", columns: [String?] = Commitment.targetColumns
  ) -> String {
    let d = Dialect(engine: engine)
    let s = d.literal
    let rows =
      published.isEmpty
      ? "    (\(s("")), \(s("")), \(s("")), \(s("")))"
      : published.map { "    (\(s($0.task)), \(s($0.code)), \(s($0.key)), \(s($0.skipped ? "skipped" : "target")))" }
        .joined(separator: ",\n")
    let figureRows =
      figures.isEmpty
      ? "    (\(s("")), \(s("")), 0, 0)"
      : figures.map { "    (\(s($0.task)), \(s($0.stratum)), \($0.population), \($0.sampleSize))" }.joined(separator: ",\n")
    let t = d.textType
    return """
      -- Re-checks a published choucha draw (\(spec.algorithm.rawValue)), \(engine.rawValue) dialect.
      -- Plan year \(spec.year), \(spec.tasks.count) tasks and rounds, seed hash \(seedHash), \(published.count) entities published.
      -- Input: table \(d.table(table)) with the target directory's headings as columns, all text.
      -- Output: a summary row, then one row per finding (none: the engine agrees with the document).
      WITH
      \(common(spec, seedHash: seedHash, d, table: table, columns: columns))
      -- What the document publishes: every task's targets and skipped entities, with their tickets'
      -- first 19 digits.
      published (task, code, published_key, role) AS (
        VALUES
      \(rows)
      ),
      -- Every member of every task in its stratum, in ticket order.
      ranked AS (
        SELECT task, stratum, code, ticket_key,
               rank() OVER (PARTITION BY task, stratum ORDER BY ticket_key) AS position
        FROM keyed
      ),
      checked AS (
        SELECT p.task, r.stratum, p.code, p.role, p.published_key, r.ticket_key AS engine_key, r.position,
               count(*) OVER (PARTITION BY p.task, r.stratum) AS published_in_stratum
        FROM published p LEFT JOIN ranked r ON r.task = p.task AND r.code = p.code
        WHERE p.task <> ''
      ),
      -- What the document publishes of each task's strata: per class its population and sample size,
      -- and of the abnormal stratum (异常) its own.
      published_figures (task, stratum, population, sample_size) AS (
        VALUES
      \(figureRows)
      ),
      -- The engine's populations: per task, the members of each class outside the abnormal stratum,
      -- and those of the abnormal stratum.
      engine_populations AS (
        SELECT task, stratum, count(*) AS population
        FROM (SELECT task, CASE WHEN stratum = '异常' THEN '异常' ELSE class END AS stratum FROM keyed) AS members_by_stratum
        GROUP BY task, stratum
      ),
      -- The sample size the draw takes from each: ⌈ratio · N / 10^6⌉ of a class with a ratio (at least
      -- that with a count's top-up) and of the abnormal stratum; a count alone: what it drew, at most
      -- the stratum's population (and the count in all, below).
      engine_figures AS (
        SELECT f.task, f.stratum, f.population AS published_population, f.sample_size AS published_size,
               coalesce(e.population, 0) AS population,
               CASE WHEN NOT t.has_ratios THEN CAST(NULL AS BIGINT)
                    ELSE \(d.integerDivision("coalesce(CASE WHEN f.stratum = '异常' THEN t.abnormal_pm ELSE r.per_million END, 0) * coalesce(e.population, 0) + 999999", "1000000"))
               END AS sample_size,
               t.has_ratios, t.count_n
        FROM published_figures f
        JOIN tasks t ON t.task = f.task
        LEFT JOIN ratios r ON r.task = f.task AND r.class = f.stratum
        LEFT JOIN engine_populations e ON e.task = f.task AND e.stratum = f.stratum
      ),
      figure_findings AS (
        SELECT 'population-differs' AS finding, task, stratum, 'population' AS role,
               published_population AS published_value, population AS engine_value
        FROM engine_figures WHERE published_population <> population
        UNION ALL
        SELECT 'sample-size-differs', task, stratum, 'sample_size', published_size,
               coalesce(sample_size, population)
        FROM engine_figures
        WHERE CASE WHEN NOT has_ratios THEN published_size > population
                   WHEN count_n IS NOT NULL AND stratum <> '异常' THEN published_size < sample_size
                   ELSE published_size <> sample_size END
        UNION ALL
        SELECT 'sample-size-differs', task, '*', 'sample_size', sum(published_size), least(max(count_n), sum(population))
        FROM engine_figures WHERE NOT has_ratios
        GROUP BY task HAVING sum(published_size) > least(max(count_n), sum(population))
      ),
      findings AS (
        SELECT CASE WHEN engine_key IS NULL THEN 'not-in-population'
                    WHEN engine_key <> published_key THEN 'ticket-differs'
                    WHEN position > published_in_stratum THEN 'out-of-order'
               END AS finding,
               task, stratum, code, role, published_key, engine_key, position, published_in_stratum
        FROM checked
        UNION ALL
        SELECT finding, task, stratum, CAST(NULL AS \(t)), role, \(d.text("published_value")), \(d.text("engine_value")),
               CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)
        FROM figure_findings
      ),
      \(d.contentCTEs)
      SELECT finding, task, stratum, code, role, published_key, engine_key, position, published_in_stratum
      FROM (
        SELECT 0 AS part, 'summary' AS finding, \(s(seedHash)) AS task, CAST(NULL AS \(t)) AS stratum,
               content_digest AS code, CAST(NULL AS \(t)) AS role, CAST(NULL AS \(t)) AS published_key,
               CAST(NULL AS \(t)) AS engine_key,
               (SELECT count(*) FROM checked) AS position,
               (SELECT count(*) FROM findings WHERE finding IS NOT NULL) AS published_in_stratum
        FROM content
        UNION ALL
        SELECT 1, finding, task, stratum, code, role, published_key, engine_key, position, published_in_stratum
        FROM findings WHERE finding IS NOT NULL
      ) AS report
      ORDER BY part, task, stratum, position, code

      """
  }

  /// The specification, seed hash and published entities of a draw document (mapped, the drawn
  /// lists read one task at a time); or the first problem, named by its field.
  public static func published(
    _ bytes: UnsafeBufferPointer<UInt8>
  ) -> Result<(spec: Drawer.Spec, seedHash: String, entities: [Published], figures: [Figure]), DrawDocument.Problem> {
    if let problem = DrawDocument.checkStart(UnsafeRawBufferPointer(bytes)) { return .failure(problem) }
    let head: [UInt8]
    let lists: [(task: Int, range: Range<Int>)]
    switch DocumentSkim.skimKeepingTargets(bytes) {
    case .success(let skimmed): (head, lists) = skimmed
    case .failure(let malformed): return .failure(malformed.problem)
    }
    let recorded: DrawDocument.Recorded
    switch DrawDocument.read(head: head) {
    case .success(let value): recorded = value
    case .failure(let problem): return .failure(problem)
    }
    func invalid(_ field: String) -> DrawDocument.Problem {
      DrawDocument.Problem(
        invalid: field, message: Text(zh: "应为 choucha draw 写出的值", en: "not a value a draw writes"),
        help: Text(zh: "给出 choucha draw 写出、未经改动的 draw-YYYY.json", en: "give the draw-YYYY.json as choucha draw wrote it"))
    }
    guard let root = try? JSONSerialization.jsonObject(with: Data(head)) as? [String: Any],
      let seedHash = root["seedHash"] as? String, seedHash.utf8.count == 64,
      let tasks = root["tasks"] as? [[String: Any]], tasks.count == recorded.spec.tasks.count
    else { return .failure(invalid("seedHash")) }
    guard lists.count == tasks.count, lists.enumerated().allSatisfy({ $0.offset == $0.element.task }) else {
      return .failure(invalid("tasks"))
    }
    /// The first 19 digits of a published ticket `0.ddd…`.
    func key(_ value: Any?) -> String? {
      guard let ticket = value as? String, ticket.hasPrefix("0."), ticket.utf8.count >= 21,
        ticket.utf8.dropFirst(2).allSatisfy({ (0x30...0x39).contains($0) })
      else { return nil }
      return String(ticket.dropFirst(2).prefix(19))
    }
    var entities: [Published] = []
    var figures: [Figure] = []
    /// A published figure: a whole number a draw writes.
    func count(_ value: Any?) -> Int? {
      guard !(value is String), let number = value as? NSNumber, let value = Int(exactly: number.doubleValue),
        value == 0 || DrawDocument.counts.contains(value)
      else { return nil }
      return value
    }
    for (index, task) in recorded.spec.tasks.enumerated() {
      let place = "tasks[\(index)]"
      let object = tasks[index]
      guard let population = object["population"] as? [String: Any], let sampleSize = object["sampleSize"] as? [String: Any] else {
        return .failure(invalid("\(place).population"))
      }
      for riskClass in recorded.spec.classes {
        guard let n = count(population[riskClass]), let size = count(sampleSize[riskClass]) else {
          return .failure(invalid("\(place).population.\(riskClass)"))
        }
        figures.append(Figure(task: task.id, stratum: riskClass, population: n, sampleSize: size))
      }
      if object["abnormalPopulation"] != nil || object["abnormalSampleSize"] != nil {
        guard let n = count(object["abnormalPopulation"]), let size = count(object["abnormalSampleSize"]) else {
          return .failure(invalid("\(place).abnormalPopulation"))
        }
        figures.append(Figure(task: task.id, stratum: "异常", population: n, sampleSize: size))
      }
      let list = UnsafeBufferPointer(rebasing: bytes[lists[index].range])
      guard let targets = try? JSONSerialization.jsonObject(with: Data(list)) as? [[String: Any]] else {
        return .failure(invalid("tasks[\(index)].targets"))
      }
      // The skim empties `skipped` too: it is the array after this task's `targets`.
      guard let skippedRange = followingArray(bytes, after: lists[index].range.upperBound, key: "skipped"),
        let skipped = try? JSONSerialization.jsonObject(with: Data(UnsafeBufferPointer(rebasing: bytes[skippedRange])))
          as? [[String: Any]]
      else { return .failure(invalid("tasks[\(index)].skipped")) }
      for (role, entries) in [("targets", targets), ("skipped", skipped)] {
        for (number, entry) in entries.enumerated() {
          guard let code = entry["code"] as? String, !code.isEmpty, let key = key(entry["ticket"]) else {
            return .failure(invalid("tasks[\(index)].\(role)[\(number)]"))
          }
          entities.append(Published(task: task.id, code: code, key: key, skipped: role == "skipped"))
        }
      }
    }
    return .success((recorded.spec, seedHash, entities, figures))
  }

  /// The byte range of the array that is the value of `key` right after `offset` (`, "key": [ … ]`,
  /// whitespace allowed), strings and nesting respected; nil when the bytes are not that.
  static func followingArray(_ bytes: UnsafeBufferPointer<UInt8>, after offset: Int, key: String) -> Range<Int>? {
    var i = offset
    func skipSpace() { while i < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 } }
    func expect(_ expected: [UInt8]) -> Bool {
      guard i + expected.count <= bytes.count, bytes[i..<(i + expected.count)].elementsEqual(expected) else { return false }
      i += expected.count
      return true
    }
    skipSpace()
    guard expect([UInt8(ascii: ",")]) else { return nil }
    skipSpace()
    guard expect(Array("\"\(key)\"".utf8)) else { return nil }
    skipSpace()
    guard expect([UInt8(ascii: ":")]) else { return nil }
    skipSpace()
    let start = i
    guard i < bytes.count, bytes[i] == UInt8(ascii: "[") else { return nil }
    var depth = 0
    var inString = false
    while i < bytes.count {
      let byte = bytes[i]
      if inString {
        if byte == UInt8(ascii: "\\") { i += 1 } else if byte == UInt8(ascii: "\"") { inString = false }
      } else if byte == UInt8(ascii: "\"") {
        inString = true
      } else if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") {
        depth += 1
      } else if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") {
        depth -= 1
        if depth == 0 { return start..<(i + 1) }
      }
      i += 1
    }
    return nil
  }
}

extension SelectionQuery {
  /// `--headings FILE.csv`: the table's columns for the six content columns (`Commitment.targetColumns`
  /// order; nil: absent), from the header row of a directory CSV resolved by the CSV draw's own
  /// heading rules (`名称` or `企业名称`, notes in brackets such as `信用风险分类（2024）`, a BOM,
  /// GB18030), so that the query names the table's real columns. `header` is the file's first row
  /// and nothing more (`headerRow(of:)` finds it in a prefix). Nil with the located problems (a
  /// required column missing, an unreadable header); warnings (W0702) come along either way.
  public static func columns(header file: SourceFile) -> ([String?]?, [Diagnostic]) {
    let what = Directories.targetsName
    let (text, problems) = Directories.text(file, what: what)
    var diagnostics = problems
    guard diagnostics.errorCount == 0,
      let table = CSVTable.read(text, columns: Directories.targetColumns, what: what, site: nil, into: &diagnostics),
      let header = table.header
    else { return (nil, diagnostics) }
    diagnostics += Directories.headingFindings(
      header, headings: table.headings, columns: Directories.targetColumns, what: what, file: text.id, reading: .current)
    guard diagnostics.errorCount == 0 else { return (nil, diagnostics) }
    // The heading as the engine names the column: the cell's text (a CSV loaded with its header).
    let columns = Directories.targetColumns.map { column in table.positions[column.key].map { header.cells[$0].text } }
    return (columns, diagnostics)
  }

  /// The length of a CSV's first row in `prefix` (up to and with its line break), or nil when the
  /// prefix ends inside it. A line break inside quotes is the cell's. (In GB18030 as in UTF-8 no
  /// byte of a multibyte character is `"`, LF or CR.)
  public static func headerRow(of prefix: [UInt8]) -> Int? {
    var quoted = false
    for (index, byte) in prefix.enumerated() {
      if byte == UInt8(ascii: "\"") {
        quoted.toggle()
      } else if !quoted && (byte == 0x0A || byte == 0x0D) {
        return index + 1
      }
    }
    return nil
  }
}
