/// `choucha draw --sql ENGINE`: the selection of a draw as one SQL query, for a directory that
/// lives in a data platform (DuckDB, PostgreSQL, Spark SQL). The query computes every task's
/// strata and, per stratum, the candidates in ticket order (19-digit keys, rank with ties) up to
/// the sample size plus a margin for `最多检查` skips; its result, exported as CSV with a header, is
/// the selection file that `choucha draw --selection` checks and finishes (skips in plan order,
/// inspectors, documents). The README's "The draw in a database" is its public description.
///
/// Every value from the plan reaches the query as a quoted literal (`literal`), escaped for the
/// engine; identifiers (the table, the headings) are quoted identifiers. Nothing here reads a
/// directory: the query is a function of the specification, the seed hash and the headings.
public enum SelectionQuery {
  public enum Engine: String, Sendable, CaseIterable {
    case duckdb, postgres, spark
  }

  /// How far down each stratum the query returns candidates.
  public enum Margin: String, Sendable {
    /// The sample size plus about 1.5 times the expected skips (four standard deviations, 16
    /// more), never more than `bound`: the first query.
    case expected
    /// The sample size plus a bound on the skips that always suffices: the widened query.
    case bound
  }

  /// The selection file's columns, in order (the header `--selection` requires).
  public static let header = [
    "kind", "task", "stratum", "position", "code", "class", "ticket_key", "digest", "population", "sample_size",
    "candidate_limit", "sufficient_limit", "name", "industry", "tags",
  ]

  /// 10^19: the ticket's key is h mod 10^19.
  static let modulus = "10000000000000000000"
  /// 2^(32·(7−i)) mod 10^19 for the digest's eight 32-bit chunks, most significant first: h mod
  /// 10^19 = Σ c_i · w_i mod 10^19, each product below 2^96, the sum below 2^99.
  public static let weights: [UInt64] = [
    572_481_103_610_249_216, 2_355_444_464_034_512_896, 6_283_019_655_932_542_976, 3_374_607_431_768_211_456,
    4_264_337_593_543_950_336, 8_446_744_073_709_551_616, 4_294_967_296, 1,
  ]
  /// The separators of the tag cell (README, rule 2), as a regular expression's class.
  static let separators = "[、，,；;/ \u{3000}]"
  /// The SHA-256 of nothing: an empty bucket's digest (README rule 8, v2).
  static let emptyDigest = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

  /// The query. `columns`: the table's headings for the six content columns, in
  /// `Commitment.targetColumns` order (nil: the column is absent, its cells are empty).
  public static func make(
    _ spec: Drawer.Spec, seedHash: String, engine: Engine, table: String = "targets",
    columns: [String?] = Commitment.targetColumns, margin: Margin = .expected
  ) -> String {
    let d = Dialect(engine: engine)
    let s = d.literal
    let maxVisits = spec.maxVisits
    let limit: String
    switch margin {
    case .expected:
      // A share f of the stratum already visited makes about n·f/(1−f) skips before n are taken:
      // one and a half times that, four standard deviations and 16, never more than the bound.
      limit =
        "s.sample_size + least(b.skip_bound, "
        + "CAST(ceil(1.5 * b.expected_skips + 4 * sqrt(b.expected_skips) + 16) AS BIGINT))"
    case .bound:
      limit = "s.sample_size + b.skip_bound"
    }
    let fingerprint = DrawSpecification.fingerprint(spec)
    let visitsDivisor = String(maxVisits ?? 1)
    let anyAbnormal = spec.tasks.contains { $0.sampling.abnormal != nil && !$0.sampling.ratios.isEmpty }
    let t = d.textType
    return """
      -- The selection of a choucha draw (\(spec.algorithm.rawValue)), \(engine.rawValue) dialect.
      -- Plan year \(spec.year), \(spec.tasks.count) tasks and rounds in plan order, seed hash \(seedHash).
      -- Input: table \(d.table(table)) with the target directory's headings as columns, all text.
      -- Output: the selection file (kind = directory | stratum | candidate), see the README.
      WITH
      \(common(spec, seedHash: seedHash, d, table: table, columns: columns))
      -- Strata: the abnormal stratum (tasks with abnormal r and ratios), the classes, or '*' (the
      -- whole population: a count alone, or the top-up of a task with ratios and a count).
      stratified AS (
        SELECT task, stratum, code, class, ticket_key, digest, name, industry, tag_cell FROM keyed
        UNION ALL
        SELECT k.task, '*' AS stratum, k.code, k.class, k.ticket_key, k.digest, k.name, k.industry, k.tag_cell
        FROM keyed k JOIN tasks t ON t.task = k.task
        WHERE t.has_ratios AND t.count_n IS NOT NULL
      ),
      -- Every stratum of every task, with zero members too, and its size.
      -- (A count alone draws from the whole population; its classes are listed for their populations
      -- only: drawn = FALSE, no candidates.)
      strata_list AS (
        SELECT t.task, c.class AS stratum, c.class_order AS stratum_order, t.has_ratios AS drawn
        FROM tasks t CROSS JOIN classes c
        UNION ALL
        SELECT t.task, '异常', 1000, TRUE FROM tasks t WHERE t.has_ratios AND t.abnormal_pm IS NOT NULL
        UNION ALL
        SELECT t.task, '*', 2000, TRUE FROM tasks t WHERE t.count_n IS NOT NULL
      ),
      populations AS (
        SELECT task, stratum, count(*) AS population FROM stratified GROUP BY task, stratum
        UNION ALL
        SELECT k.task, k.class, count(*) FROM keyed k JOIN tasks t ON t.task = k.task
        WHERE NOT t.has_ratios GROUP BY k.task, k.class
      ),
      strata AS (
        SELECT s.task, s.stratum, s.stratum_order, s.drawn, t.plan_order, coalesce(p.population, 0) AS population,
               CASE WHEN NOT s.drawn THEN CAST(NULL AS BIGINT)
                    WHEN s.stratum = '*' THEN least(t.count_n, coalesce(p.population, 0))
                    ELSE \(d.integerDivision("coalesce(CASE WHEN s.stratum = '异常' THEN t.abnormal_pm ELSE r.per_million END, 0) * coalesce(p.population, 0) + 999999", "1000000"))
               END AS sample_size
        FROM strata_list s
        JOIN tasks t ON t.task = s.task
        LEFT JOIN ratios r ON r.task = s.task AND r.class = s.stratum
        LEFT JOIN populations p ON p.task = s.task AND p.stratum = s.stratum
      ),
      -- The most entities task u can select: its strata's sizes, or its count when that is more.
      task_sizes AS (
        SELECT s.task, s.plan_order,
               CASE WHEN t.count_n IS NULL THEN sum(CASE WHEN s.stratum <> '*' THEN s.sample_size ELSE 0 END)
                    WHEN NOT t.has_ratios THEN max(CASE WHEN s.stratum = '*' THEN s.sample_size ELSE 0 END)
                    ELSE greatest(t.count_n, sum(CASE WHEN s.stratum <> '*' THEN coalesce(s.sample_size, 0) ELSE 0 END))
               END AS most_selected
        FROM strata s JOIN tasks t ON t.task = s.task
        WHERE s.drawn
        GROUP BY s.task, s.plan_order, t.count_n, t.has_ratios
      ),
      -- Max-visits skips (README rule 5), bounded before the draw: an entity skipped in stratum (t, s)
      -- was selected by at least `最多检查` = \(maxVisits.map(String.init) ?? "none") earlier tasks, and an earlier task u selects at most
      -- min(most_selected(u), |population(u) ∩ stratum(t, s)|) of the stratum's entities; so stratum (t, s)
      -- skips at most skip_bound = ⌊Σ_u min(…) / 最多检查⌋, and its first sample_size + skip_bound
      -- candidates always suffice. The overlaps are counted per distinct (行业, 标签, class, 经营异常).
      kind_counts AS (
        SELECT industry, tag_cell, class, abnormal, count(*) AS entities
        FROM directory GROUP BY industry, tag_cell, class, abnormal
      ),
      kind_strata AS (
        SELECT kc.industry, kc.tag_cell, kc.class, kc.abnormal, kc.entities, kt.task, t.plan_order,
               CASE WHEN NOT t.has_ratios THEN '*'
                    WHEN t.abnormal_pm IS NOT NULL AND kc.abnormal THEN '异常'
                    ELSE kc.class END AS stratum, FALSE AS top_up
        FROM kind_counts kc
        JOIN kind_tasks kt ON kt.industry = kc.industry AND kt.tag_cell = kc.tag_cell
        JOIN tasks t ON t.task = kt.task
        UNION ALL
        SELECT kc.industry, kc.tag_cell, kc.class, kc.abnormal, kc.entities, kt.task, t.plan_order, '*', TRUE
        FROM kind_counts kc
        JOIN kind_tasks kt ON kt.industry = kc.industry AND kt.tag_cell = kc.tag_cell
        JOIN tasks t ON t.task = kt.task
        WHERE t.has_ratios AND t.count_n IS NOT NULL
      ),
      stratum_overlaps AS (
        SELECT later.task, later.stratum, earlier.task AS earlier_task, earlier.stratum AS earlier_stratum,
               sum(later.entities) AS shared
        FROM kind_strata later
        JOIN kind_strata earlier
          ON earlier.industry = later.industry AND earlier.tag_cell = later.tag_cell
         AND earlier.class = later.class AND earlier.abnormal = later.abnormal
         AND earlier.plan_order < later.plan_order
        GROUP BY later.task, later.stratum, earlier.task, earlier.stratum
      ),
      -- Per earlier task u: at most min(size of u's stratum s', shared) from each of its strata (a
      -- top-up '*' at most its count), and at most most_selected(u) in all.
      earlier_selections AS (
        SELECT o.task, o.stratum, o.earlier_task,
               least(ts.most_selected, sum(least(coalesce(es.sample_size, 0), o.shared))) AS most_shared,
               -- expected: tickets are uniform, so u's stratum s' selects about size·shared/population of them
               sum(CAST(coalesce(es.sample_size, 0) AS \(d.double)) * o.shared / greatest(es.population, 1)) AS expected_shared
        FROM stratum_overlaps o
        JOIN strata es ON es.task = o.earlier_task AND es.stratum = o.earlier_stratum
        JOIN task_sizes ts ON ts.task = o.earlier_task
        GROUP BY o.task, o.stratum, o.earlier_task, ts.most_selected
      ),
      skip_bounds AS (
        SELECT task, stratum, \(d.integerDivision("sum(most_shared)", visitsDivisor)) AS skip_bound,
               sum(expected_shared) / \(visitsDivisor) AS expected_visited
        FROM earlier_selections
        GROUP BY task, stratum
      ),
      -- The margin asked for: with a share f of the stratum already visited, about n·f/(1−f) skips come
      -- before n are taken (f = expected earlier selections / population, at most 0.9); one and a half
      -- times that, four standard deviations and 16, never more than skip_bound.
      margins AS (
        SELECT task, stratum, skip_bound, sample_size * visited_share / (1 - visited_share) AS expected_skips
        FROM (SELECT s.task, s.stratum, s.sample_size, \(maxVisits != nil ? "coalesce(b.skip_bound, 0)" : "0") AS skip_bound,
                     \(maxVisits != nil ? "least(0.9, coalesce(b.expected_visited, 0) / greatest(s.population, 1))" : "0.0") AS visited_share
              FROM strata s LEFT JOIN skip_bounds b ON b.task = s.task AND b.stratum = s.stratum) AS shares
      ),
      limited AS (
        SELECT s.task, s.stratum, s.stratum_order, s.plan_order, s.population, s.sample_size,
               CASE WHEN s.drawn THEN least(s.population, \(limit)) ELSE 0 END AS candidate_limit,
               CASE WHEN s.drawn THEN least(s.population, s.sample_size + b.skip_bound) END AS sufficient_limit
        FROM strata s
        JOIN margins b ON b.task = s.task AND b.stratum = s.stratum
      ),
      -- Candidates in ticket order (by key; rows tying with the last one taken are all kept).
      ranked AS (
        SELECT st.task, st.stratum, st.code, st.class, st.ticket_key, st.digest, st.name, st.industry, st.tag_cell,
               rank() OVER (PARTITION BY st.task, st.stratum ORDER BY st.ticket_key) AS position
        FROM stratified st
      ),
      candidates AS (
        SELECT r.*, l.plan_order, l.stratum_order
        FROM ranked r JOIN limited l ON l.task = r.task AND l.stratum = r.stratum
        WHERE r.position <= l.candidate_limit
      ),
      -- What the draw refuses in a directory (E0102, E0101, E0602), so that choucha can refuse the
      -- selection with the entity named: a duplicate code, a class the plan does not have, and (when a
      -- task has an abnormal stratum) a 经营异常 that is neither yes nor no.
      problems AS (
        SELECT 'duplicate' AS problem, code, CAST(count(*) AS \(t)) AS value
        FROM directory GROUP BY code HAVING count(*) > 1
        UNION ALL
        SELECT 'class', code, class FROM directory WHERE class NOT IN (SELECT class FROM classes)
        UNION ALL
        SELECT 'abnormal', code, abnormal_cell FROM directory
        WHERE \(anyAbnormal ? "TRUE" : "FALSE") AND abnormal_cell NOT IN ('是', 'Y', 'y', '1', 'true', '否', 'N', 'n', '0', 'false', '')
      ),
      \(d.contentCTEs)
      SELECT kind, task, stratum, position, code, class, ticket_key, digest, population, sample_size, candidate_limit,
             sufficient_limit, name, industry, tags
      FROM (
        SELECT 0 AS part, 0 AS plan_order, 0 AS stratum_order, 'directory' AS kind, \(s(seedHash)) AS task,
               CAST(\(s(Commitment.DigestMethod.current.rawValue)) AS \(t)) AS stratum, CAST(NULL AS BIGINT) AS position,
               CAST(\(s(fingerprint)) AS \(t)) AS code, CAST(\(s(spec.algorithm.rawValue)) AS \(t)) AS class,
               CAST(NULL AS \(t)) AS ticket_key, content_digest AS digest,
               data_rows AS population, CAST(NULL AS BIGINT) AS sample_size, CAST(NULL AS BIGINT) AS candidate_limit,
               CAST(NULL AS BIGINT) AS sufficient_limit, CAST(NULL AS \(t)) AS name,
               CAST(NULL AS \(t)) AS industry, CAST(NULL AS \(t)) AS tags
        FROM content
        UNION ALL
        SELECT 0, 0, 1, 'problem', problem, NULL, NULL, code, value, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
        FROM problems
        UNION ALL
        SELECT 1, plan_order, stratum_order, 'stratum', task, stratum, NULL, NULL, NULL, NULL, NULL,
               population, sample_size, candidate_limit, sufficient_limit, NULL, NULL, NULL
        FROM limited
        UNION ALL
        -- 名称, 行业 and the 标签 cell as the draw reads them (trimmed): what the documents carry and
        -- what choucha checks each candidate's membership of its task with. (An empty cell as NULL:
        -- every engine writes it as the empty CSV cell, where some would write "" for the empty text.)
        SELECT 2, plan_order, stratum_order, 'candidate', task, stratum, position, code, class, ticket_key, digest,
               NULL, NULL, NULL, NULL, nullif(name, ''), nullif(industry, ''), nullif(tag_cell, '')
        FROM candidates
      ) AS selection
      ORDER BY plan_order, stratum_order, part, position, digest, code

      """
  }

  /// The CTEs both queries begin with, `params` to `keyed`: the plan's tasks, ratios and classes,
  /// the directory as the draw reads it, each task's members with their digests and keys.
  static func common(_ spec: Drawer.Spec, seedHash: String, _ d: Dialect, table: String, columns: [String?]) -> String {
    let s = d.literal
    let classes = spec.classes
    var taskRows: [String] = []
    var ratioRows: [String] = []
    for (order, task) in spec.tasks.enumerated() {
      let values = task.kind == .joint ? task.industries : task.objects
      let hasRatios = !task.sampling.ratios.isEmpty
      let abnormal = hasRatios ? task.sampling.abnormal?.perMillion : nil
      taskRows.append(
        "    (\(order + 1), \(s(task.id)), \(s(task.kind.rawValue)), \(d.array(values)), "
          + "\(hasRatios ? "TRUE" : "FALSE"), \(task.sampling.count.map(String.init) ?? d.nullInt), "
          + "\(abnormal.map(String.init) ?? d.nullInt))")
      if hasRatios {
        for riskClass in classes {
          ratioRows.append("    (\(s(task.id)), \(s(riskClass)), \(task.sampling.ratios[riskClass]?.perMillion ?? 0))")
        }
      }
    }
    let classRows = classes.enumerated().map { "    (\($0.offset + 1), \(s($0.element)))" }.joined(separator: ",\n")
    let taskValues = taskRows.joined(separator: ",\n")
    let ratioValues = ratioRows.isEmpty ? "    (\(s("")), \(s("")), 0)" : ratioRows.joined(separator: ",\n")
    let short = ["c_code", "c_name", "c_industry", "c_tags", "c_class", "c_abnormal"]
    let cellsSelect = zip(columns, short).map { column, name in
      // An absent optional column: its cells are the empty text.
      let cell = column.map { d.newlines("coalesce(\(d.identifier($0)), '')") } ?? "''"
      return "\(d.trim(cell)) AS \(name)"
    }.joined(separator: ",\n         ")
    let canonical = short.joined(separator: " || chr(31) || ")
    let nonblank = short.map { "\($0) <> ''" }.joined(separator: " OR ")
    return """
      params AS (
        SELECT \(s(seedHash)) AS seed_hash
      ),
      -- The plan's tasks in plan order: rounds of a task of frequency N are T@1..T@N.
      -- match_values: a joint task's industries (行业), a single task's object types (行业 or 标签).
      tasks (plan_order, task, kind, match_values, has_ratios, count_n, abnormal_pm) AS (
        VALUES
      \(taskValues)
      ),
      -- Per task and class: the ratio in millionths (0: the class takes none).
      ratios (task, class, per_million) AS (
        VALUES
      \(ratioValues)
      ),
      classes (class_order, class) AS (
        VALUES
      \(classRows)
      ),
      -- The directory as the draw reads it: a quoted CRLF or CR read as LF, cells trimmed of space,
      -- tab, CR, LF and U+3000 (README rule 6 and 8); rows whose cells are all blank skipped.
      cells AS (
        SELECT \(cellsSelect)
        FROM \(d.table(table))
      ),
      directory AS (
        SELECT c_code AS code, c_name AS name, c_industry AS industry, c_tags AS tag_cell, c_class AS class,
               c_abnormal AS abnormal_cell,
               c_abnormal IN ('是', 'Y', 'y', '1', 'true') AS abnormal,
               -- README rule 8: the row's digest, SHA-256 of its content cells joined by U+001F.
               \(d.sha256Hex(canonical)) AS row_digest
        FROM cells
        WHERE \(nonblank)
      ),
      -- The population rule, asked once per distinct (行业, 标签) and task.
      -- (行业, 标签) pairs and each tag of the pair.
      kinds AS (
        SELECT DISTINCT industry, tag_cell FROM directory
      ),
      kind_tags AS (
        SELECT industry, tag_cell, tag
        FROM (SELECT industry, tag_cell, \(d.explode(d.split("tag_cell"))) AS tag FROM kinds) AS split_tags
        WHERE tag <> ''
      ),
      task_values AS (
        SELECT t.task, t.kind, \(d.explode("t.match_values")) AS match_value FROM tasks t
      ),
      kind_tasks AS (
        SELECT DISTINCT industry, tag_cell, task
        FROM (SELECT k.industry, k.tag_cell, v.task
              FROM kinds k JOIN task_values v ON v.match_value = k.industry
              UNION ALL
              SELECT k.industry, k.tag_cell, v.task
              FROM kind_tags k JOIN task_values v ON v.match_value = k.tag AND v.kind = 'single') AS matched
      ),
      -- Each task's members with their tickets: SHA-256(seed hash || task || '|' || code).
      members AS (
        SELECT kt.task, dr.code, dr.name, dr.industry, dr.tag_cell, dr.class, dr.abnormal,
               \(d.sha256Hex("p.seed_hash || kt.task || '|' || dr.code")) AS digest
        FROM directory dr
        JOIN kind_tasks kt ON dr.industry = kt.industry AND dr.tag_cell = kt.tag_cell
        CROSS JOIN params p
      ),
      -- The ticket's first 19 digits: h mod 10^19 from the eight 32-bit chunks, zero-padded, reversed.
      keyed AS \(d.materialized)(
        SELECT m.task, m.code, m.name, m.industry, m.tag_cell, m.class, m.digest,
               CASE WHEN NOT t.has_ratios THEN '*'
                    WHEN t.abnormal_pm IS NOT NULL AND m.abnormal THEN '异常'
                    ELSE m.class END AS stratum,
               reverse(lpad(\(d.text("(\n           \(d.terms)\n         ) % \(d.wide(modulus))")), 19, '0')) AS ticket_key
        FROM members m JOIN tasks t ON t.task = m.task
      ),
      """
  }

  /// What differs between the engines: about fifteen one-line functions.
  struct Dialect {
    let engine: Engine

    /// A string literal whose value is `text` exactly. DuckDB and PostgreSQL (standard strings)
    /// take everything verbatim but `'`, doubled; Spark SQL processes backslash escapes, so `\`
    /// is written `\\` and `'` as `\'`.
    func literal(_ text: String) -> String {
      switch engine {
      case .duckdb, .postgres: return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
      case .spark:
        return "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
      }
    }

    /// A quoted identifier (a table or a heading).
    func identifier(_ name: String) -> String {
      switch engine {
      case .duckdb, .postgres: return "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
      case .spark: return "`" + name.replacingOccurrences(of: "`", with: "``") + "`"
      }
    }

    /// A table's name, each dot-separated part a quoted identifier (`schema.table`).
    func table(_ name: String) -> String {
      name.split(separator: ".", omittingEmptySubsequences: false).map { identifier(String($0)) }.joined(separator: ".")
    }

    /// The characters the draw trims from a cell: space, tab, CR, LF, U+3000.
    var trimSet: String {
      engine == .spark ? "' \\t\\r\\n\\u3000'" : "' ' || chr(9) || chr(13) || chr(10) || chr(12288)"
    }

    func trim(_ x: String) -> String {
      switch engine {
      case .duckdb: return "trim(\(x), \(trimSet))"
      case .postgres: return "btrim(\(x), \(trimSet))"
      case .spark: return "trim(BOTH \(trimSet) FROM \(x))"
      }
    }

    /// A quoted CRLF or CR read as LF (README rule 8).
    func newlines(_ x: String) -> String {
      engine == .spark
        ? "replace(replace(\(x), '\\r\\n', '\\n'), '\\r', '\\n')"
        : "replace(replace(\(x), chr(13) || chr(10), chr(10)), chr(13), chr(10))"
    }

    /// The SHA-256 of a text's UTF-8 bytes, lowercase hex.
    func sha256Hex(_ x: String) -> String {
      switch engine {
      case .duckdb: return "sha256(\(x))"
      case .postgres: return "encode(sha256(convert_to(\(x), 'UTF8')), 'hex')"
      case .spark: return "sha2(\(x), 256)"
      }
    }

    /// The i-th 32-bit chunk of the hex column `h`, as a wide integer.
    func chunk(_ h: String, _ i: Int) -> String {
      switch engine {
      case .duckdb: return "('0x' || substr(\(h), \(8 * i + 1), 8))::UBIGINT::HUGEINT"
      case .postgres: return "(('x' || lpad(substr(\(h), \(8 * i + 1), 8), 16, '0'))::bit(64)::bigint)::numeric"
      case .spark: return "CAST(conv(substr(\(h), \(8 * i + 1), 8), 16, 10) AS DECIMAL(38,0))"
      }
    }

    /// An integer constant in the wide type (HUGEINT, numeric, DECIMAL(38,0)).
    func wide(_ n: String) -> String {
      switch engine {
      case .duckdb: return "\(n)::HUGEINT"
      case .postgres: return "\(n)::numeric"
      case .spark: return "CAST(\(n) AS DECIMAL(38,0))"
      }
    }

    /// Σ c_i · w_i over the digest's chunks. DuckDB reads the digest as four 64-bit words, each
    /// split into its two 32-bit chunks (four hex casts instead of eight).
    var terms: String {
      let parts: [String]
      switch engine {
      case .duckdb:
        parts = (0..<4).flatMap { j -> [String] in
          let word = "('0x' || substr(digest, \(16 * j + 1), 16))::UBIGINT"
          return [
            "(\(word) >> 32)::HUGEINT * \(wide(String(SelectionQuery.weights[2 * j])))",
            "(\(word) & 4294967295)::HUGEINT * \(wide(String(SelectionQuery.weights[2 * j + 1])))",
          ]
        }
      case .postgres, .spark:
        parts = SelectionQuery.weights.enumerated().map { "\(chunk("digest", $0.offset)) * \(wide(String($0.element)))" }
      }
      return parts.joined(separator: " +\n           ")
    }

    func text(_ x: String) -> String {
      switch engine {
      case .duckdb: return "CAST(\(x) AS VARCHAR)"
      case .postgres: return "(\(x))::text"
      case .spark: return "CAST(\(x) AS STRING)"
      }
    }

    func array(_ items: [String]) -> String {
      let values = items.map(literal).joined(separator: ", ")
      switch engine {
      case .duckdb: return "[\(values)]"
      case .postgres: return "ARRAY[\(values)]::text[]"
      case .spark: return "array(\(values))"
      }
    }

    func split(_ x: String) -> String {
      switch engine {
      case .duckdb: return "string_split_regex(\(x), \(literal(SelectionQuery.separators)))"
      case .postgres: return "regexp_split_to_array(\(x), \(literal(SelectionQuery.separators)))"
      case .spark: return "split(\(x), \(literal(SelectionQuery.separators)))"
      }
    }

    func explode(_ array: String) -> String { engine == .spark ? "explode(\(array))" : "unnest(\(array))" }

    /// DuckDB computes `keyed` twice without it (8.0 s instead of 6.0 s at 1 M rows).
    var materialized: String { engine == .spark ? "" : "MATERIALIZED " }

    func integerDivision(_ a: String, _ b: String) -> String {
      switch engine {
      case .duckdb: return "(\(a)) // (\(b))"
      // PostgreSQL's sum(bigint) is numeric, whose `/` gives 1.5.
      case .postgres: return "CAST(div((\(a)), (\(b))) AS bigint)"
      case .spark: return "((\(a)) div (\(b)))"
      }
    }

    var nullInt: String { "CAST(NULL AS BIGINT)" }

    /// README rule 8, `sha256-bucketed-row-sha256-v2`: the CTEs `digest_buckets`, `bucket_digests`,
    /// `every_bucket` and `content` (`data_rows`, `content_digest`) over the `directory` CTE's `row_digest`
    /// (lowercase hex). The text starts with its comment at the CTE's column.
    var contentCTEs: String {
      """
      -- README rule 8, the content digest (sha256-bucketed-row-sha256-v2): the rows' digests in 256
      -- buckets by their first byte (their first two hex digits); a bucket's digest is the SHA-256 of
      -- its rows' digests sorted bytewise (an empty bucket's, the SHA-256 of nothing); the content
      -- digest is the SHA-256 of the 256 bucket digests in bucket order. Each aggregate holds about
      -- 1/256 of the rows' digests, and the buckets are computed in parallel.
      digest_buckets AS (
        \(bucketSeries)
      ),
      bucket_digests AS (
        SELECT substr(row_digest, 1, 2) AS bucket, count(*) AS bucket_rows,
               \(concatenatedDigest("row_digest", orderedBy: "row_digest")) AS bucket_digest
        FROM directory GROUP BY substr(row_digest, 1, 2)
      ),
      every_bucket AS (
        SELECT b.bucket, coalesce(d.bucket_rows, 0) AS bucket_rows,
               coalesce(d.bucket_digest, '\(SelectionQuery.emptyDigest)') AS bucket_digest
        FROM digest_buckets b LEFT JOIN bucket_digests d ON d.bucket = b.bucket
      ),
      content AS (
        SELECT CAST(sum(bucket_rows) AS BIGINT) AS data_rows,
               \(concatenatedDigest("bucket_digest", orderedBy: "bucket")) AS content_digest
        FROM every_bucket
      )
      """
    }

    /// The 256 buckets, `00` to `ff`.
    var bucketSeries: String {
      switch engine {
      case .duckdb: return "SELECT printf('%02x', i) AS bucket FROM range(256) AS t(i)"
      case .postgres: return "SELECT lpad(to_hex(i), 2, '0') AS bucket FROM generate_series(0, 255) AS t(i)"
      case .spark: return "SELECT lpad(lower(hex(id)), 2, '0') AS bucket FROM range(256)"
      }
    }

    /// The SHA-256 (lowercase hex) of the bytes of the hex values `hex`, concatenated in the order
    /// of `key` (lowercase hex, or two hex digits: bytewise order).
    func concatenatedDigest(_ hex: String, orderedBy key: String) -> String {
      switch engine {
      case .duckdb: return "sha256(unhex(string_agg(\(hex), '' ORDER BY \(key))))"
      case .postgres:
        return "encode(sha256(string_agg(decode(\(hex), 'hex'), ''::bytea ORDER BY \(key) COLLATE \"C\")), 'hex')"
      case .spark:
        if hex == key { return "sha2(unhex(array_join(array_sort(collect_list(\(hex))), '')), 256)" }
        return "sha2(unhex(array_join(transform(array_sort(collect_list(named_struct('k', \(key), 'v', \(hex)))), e -> e.v), '')), 256)"
      }
    }

    var textType: String {
      switch engine {
      case .duckdb: return "VARCHAR"
      case .postgres: return "text"
      case .spark: return "STRING"
      }
    }

    var double: String { engine == .postgres ? "double precision" : "DOUBLE" }
  }
}
