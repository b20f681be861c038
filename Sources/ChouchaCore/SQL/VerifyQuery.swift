import Foundation

/// `choucha verify draw-YYYY.json --sql ENGINE`: a query that re-checks a published draw inside
/// the engine, for an auditor who cannot export the directory. It recomputes every published
/// entity's digest and key from the seed hash, and its rank among the task's stratum (class,
/// `异常`, or `*` for a count): in each stratum the published targets and skipped entities are the
/// first ones in ticket order (README, rules 4–5), so none may rank below their number.
extension SelectionQuery {
  /// An entity a draw document publishes: a target, or one skipped at max visits.
  public struct Published: Sendable, Equatable {
    public var task: String
    public var code: String
    /// The ticket's first 19 digits after the point.
    public var key: String
    public var skipped: Bool
  }

  /// The verifying query's columns, in order.
  public static let verifyHeader = [
    "finding", "task", "stratum", "code", "role", "published_key", "engine_key", "position", "published_in_stratum",
  ]

  /// The query: one `summary` row (task: the seed hash; code: the directory's content digest;
  /// position: entities published; published_in_stratum: findings), then one row per finding —
  /// `not-in-population` (the engine's directory does not put the code in the task),
  /// `ticket-differs` (the published ticket is not the seed's), `out-of-order` (an entity of the
  /// stratum not published ranks before it). No finding: the engine agrees with the document.
  public static func verify(
    _ spec: Drawer.Spec, seedHash: String, published: [Published], engine: Engine, table: String = "targets",
    columns: [String?] = Commitment.targetColumns
  ) -> String {
    let d = Dialect(engine: engine)
    let s = d.literal
    let rows =
      published.isEmpty
      ? "    (\(s("")), \(s("")), \(s("")), \(s("")))"
      : published.map { "    (\(s($0.task)), \(s($0.code)), \(s($0.key)), \(s($0.skipped ? "skipped" : "target")))" }
        .joined(separator: ",\n")
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
      findings AS (
        SELECT CASE WHEN engine_key IS NULL THEN 'not-in-population'
                    WHEN engine_key <> published_key THEN 'ticket-differs'
                    WHEN position > published_in_stratum THEN 'out-of-order'
               END AS finding,
               task, stratum, code, role, published_key, engine_key, position, published_in_stratum
        FROM checked
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
  ) -> Result<(spec: Drawer.Spec, seedHash: String, entities: [Published]), DrawDocument.Problem> {
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
    for (index, task) in recorded.spec.tasks.enumerated() {
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
    return .success((recorded.spec, seedHash, entities))
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
