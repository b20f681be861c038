import Foundation

/// `draw-YYYY.json` and `draw-YYYY.csv`. The JSON document is a public specification: it embeds
/// every task definition the draw used, so that `verify` (ours or anyone's) needs only it and the
/// two directories.
public enum DrawDocument {
  /// The algorithm of new draws; `Drawer.Algorithm` lists every version `verify` re-runs.
  public static let algorithm = Drawer.Algorithm.current.rawValue

  /// The public specification, for `choucha explain draw`.
  public static let specification = Text(
    zh: """
      双随机抽取（consistent-sampler-sha256-v2）
      1. seedHash = 种子 UTF-8 字节的 SHA-256（小写十六进制）。
      2. 标识 x 的号签 = SHA-256(seedHash + x 的 UTF-8 字节) 作为大端整数写成十进制，补零到至少 64 位，数字倒序，前加“0.”；
         与 consistent_sampler.first_fraction(x, seed) 相同。号签按字节序比较，相同则按标识的字节比较。
      3. 检查对象的标识为“任务编号|统一社会信用代码”，执法人员为“任务编号|统一社会信用代码|执法证号”。
         频次为 N > 1 的任务抽取 N 轮，第 k 轮是编号为“任务编号@k”的任务（每轮都有任务的全部部门）；频次为 1 的编号不变。
      4. 联合任务的总体为行业属于任务行业的对象；单部门任务为行业或标签是其检查对象的对象。
         按信用风险分类分层，每类取 ⌈比例 × 户数⌉ 个最小号签（整数精确计算）；“数量 N”取全体中 N 个最小号签。
         任务有“异常 r”时，“经营异常”为 是/Y/y/1/true 的对象不论分类自成一层（排在各类之后），取 ⌈r × 户数⌉，各类只含其余对象。
      5. 任务按计划顺序抽取；已被“最多检查”个任务（含轮次）抽中的对象跳过，取下一个号签，并记录。
      6. 任务按计划顺序、对象按号签顺序、部门按任务中的顺序：从该部门持证、具备所需全部专长、无需回避该对象的人员中，
         取“每户人数”（默认 2）名本次抽取中已分派次数最少的，相同时取“任务编号|统一社会信用代码|执法证号”号签最小的，
         再相同按标识的字节；不设上限。候选人不足则抽取失败（E0701）。
         （v1 文档仍按 v1 规则验证：按号签选，跳过已达本任务均衡负荷 ⌈需要人次 / 合格人数⌉ 的人员。）
      7. 公布 draw-YYYY.json（含种子、名录的 SHA-256 和全部任务定义）与 draw-YYYY.csv；choucha verify 可重算比对。
         汇总含覆盖率：抽中的不同对象户数 ÷ 计划的企业基数（没有时为检查对象名录的行数），合计和每个部门。
      8. 种子产生之前先用 draw --commit 写出并公布 commitment-YYYY.json（不含种子的规格、名录的 SHA-256、行数和内容摘要：
         各行规范行（所读各列去掉两端空白，以 U+001F 连接，UTF-8）的 SHA-256 按字节排序后连接，再取 SHA-256）；
         draw --commitment 有任何不同即拒绝，抽取结果记录承诺书的 SHA-256。
      """,
    en: """
      The double-random draw (consistent-sampler-sha256-v2)
      1. seedHash = lowercase hex SHA-256 of the seed's UTF-8 bytes.
      2. The ticket of an id x: SHA-256 of the UTF-8 bytes of seedHash + x, as a big-endian integer in decimal,
         zero-padded to at least 64 digits, digits reversed, prefixed by "0." — consistent_sampler.first_fraction(x, seed).
         Tickets compare as bytes; equal tickets by the id's bytes.
      3. A target's id is "task|credit code"; an inspector's, "task|credit code|certificate".
         A task of frequency N > 1 is drawn in N rounds, round k being the task "task@k" (every department on each);
         frequency 1 keeps the bare id.
      4. A joint task's population: entities of its industries; a single task's: entities whose industry or tag is one
         of its object types. Per risk class c, the ⌈r_c · N_c⌉ smallest tickets, exactly; a count N: the N smallest overall.
         With "abnormal r", entities whose 经营异常 is 是/Y/y/1/true are a stratum of their own after the classes, taking
         ⌈r · N⌉; the classes hold the others.
      5. Tasks are drawn in plan order; an entity already drawn by max-visits tasks (rounds included) is skipped for the next
         ticket, and recorded.
      6. Tasks in plan order, targets in ticket order, departments in the task's order: of the department's certified
         officers with every required specialty who need not recuse the target, the inspectors-per-visit (default 2) with
         the smallest load so far in the draw, ties by the ticket of "task|credit code|certificate", then the id's bytes;
         no cap. Fewer candidates than needed: the draw fails (E0701).
         (v1 documents are still verified by the v1 rule: by ticket, skipping any at the task's balanced load.)
      7. Published: draw-YYYY.json (seed, the directories' SHA-256, every task definition) and draw-YYYY.csv;
         choucha verify re-runs and compares. The summary gives the coverage: distinct entities drawn ÷ the plan's
         enterprise-base (else the target directory's rows), overall and per department.
      8. Before the seed exists, draw --commit writes commitment-YYYY.json, to publish: the specification without the seed,
         the directories' SHA-256, rows and content digests (the SHA-256 of the canonical rows' SHA-256 values sorted
         bytewise and concatenated; a canonical row: the columns read, trimmed, joined by U+001F, UTF-8); draw --commitment
         refuses if anything differs, and the draw records the commitment's SHA-256.
      """)

  /// The JSON document in memory.
  public static func json(_ result: Drawer.Result) -> [UInt8] {
    MemorySink.collect { try writeJSON(result, to: $0) }
  }

  /// The CSV in memory.
  public static func csv(_ result: Drawer.Result) -> [UInt8] {
    MemorySink.collect { try writeCSV(result, to: $0) }
  }

  /// The JSON document into a sink, in pieces. At ten million rows it is 180 MB, pretty-printed:
  /// `draw` writes it to its file and `verify` compares it with the file without holding it whole.
  /// Throws only what the sink throws.
  public static func writeJSON(
    _ result: Drawer.Result, to sink: ByteSink, pieceSize: Int = ByteWriter.defaultPieceSize
  ) throws {
    var w = JSONStream(into: sink, pieceSize: pieceSize)
    let spec = result.spec
    w.object { w in
      w.field("schema", spec.algorithm.schema)
      w.field("algorithm", spec.algorithm.rawValue)
      w.field("year", spec.year)
      w.field("seed", spec.seed)
      w.field("seedHash", result.seedHash)
      w.field("maxVisits", spec.maxVisits)
      w.field("inspectorsPerVisit", spec.inspectorsPerVisit)
      w.field("classes", strings: spec.classes)
      w.key("departments")
      w.array { w in for department in spec.departments { Documents.department(department, &w) } }
      w.key("inputs")
      w.object { w in
        for (name, input) in [("targets", result.targets), ("inspectors", result.inspectors)] {
          w.key(name)
          w.object { w in
            w.field("sha256", input.sha256)
            w.field("rows", input.rows)
            w.field("columns", strings: input.columns)
            // A draw finished from an engine's selection (`draw --selection`): the directory's
            // content digest (v2, additive; absent for a draw from the directory).
            if let digest = input.contentDigest {
              w.field("contentDigest", digest)
              // Its method (README rule 8), written from v2 on: a document without it is of v1.
              if input.contentDigestMethod != .sorted { w.field("contentDigestMethod", input.contentDigestMethod.rawValue) }
            }
          }
        }
      }
      // v2: the commitment the draw was checked against (`draw --commitment`), or null.
      if spec.algorithm != .v1 {
        w.key("commitment")
        if let commitment = spec.commitment {
          w.object { w in w.field("sha256", commitment) }
        } else {
          w.null()
        }
      }
      w.key("tasks")
      w.array { w in
        for task in result.tasks {
          w.object { w in
            w.field("id", task.spec.id)
            w.field("title", task.spec.title)
            w.field("kind", task.spec.kind.rawValue)
            w.field("departments", strings: task.spec.departments)
            w.field("industries", strings: task.spec.industries)
            w.field("objects", strings: task.spec.objects)
            Documents.sampling(task.spec.sampling, classes: spec.classes, &w)
            w.key("requires")
            w.object { w in
              for department in task.spec.departments {
                w.field(department, strings: task.spec.requires[department] ?? [])
              }
            }
            w.key("population")
            w.object { w in for riskClass in spec.classes { w.field(riskClass, task.population[riskClass] ?? 0) } }
            w.key("sampleSize")
            w.object { w in for riskClass in spec.classes { w.field(riskClass, task.sampleSize[riskClass] ?? 0) } }
            // v2, only for a task with an abnormal stratum: its figures (the classes' above count
            // the other entities).
            if let abnormal = task.abnormal {
              w.field("abnormalPopulation", abnormal.population)
              w.field("abnormalSampleSize", abnormal.sampleSize)
            }
            w.key("targets")
            let prefix = Drawer.idPrefix(task: task.spec.id)
            let width = task.inspectorsPerTarget
            // What follows `task|code` in an inspector's id: `|certificate`.
            let suffixes = task.shared.inspectors.map { Drawer.idSuffix(certificate: $0.certificate ?? "") }
            task.shared.rows.withTexts { texts in
              w.array { w in
                // An inspector's department, certificate and name, laid out once for every visit:
                // at the depth of an inspector object (target, its inspectors, one of them).
                let fields = task.shared.inspectors.map { inspector in
                  w.members(levelsDown: 3) { w in
                    w.field("department", inspector.department)
                    w.field("certificate", inspector.certificate)
                    w.field("name", inspector.name)
                  }
                }
                // Block by block on both cores: each visit hashes its three tickets again and
                // writes their digits, the most of the document's cost.
                w.elements(count: task.targets.count) { index, w in
                  let row = task.targets[index]
                  let code = UnsafeRawBufferPointer(texts.code(row))
                  w.object { w in
                    w.field("code", bytes: texts.code(row))
                    w.field("name", bytes: texts.name(row))
                    w.field("class", bytes: texts.riskClass(row))
                    prefix.withUnsafeBytes { w.ticket(task.shared.issuer.limbs($0, code)) }
                    w.key("inspectors")
                    w.array { w in
                      for slot in 0..<width {
                        let chosen = Int(task.chosen[index * width + slot])
                        // The inspector's id: `task|code|certificate` (`Drawer.inspectorID`).
                        let limbs = prefix.withUnsafeBytes { prefix in
                          suffixes[chosen].withUnsafeBytes { task.shared.issuer.limbs(prefix, code, $0) }
                        }
                        w.object { w in
                          w.splice(members: fields[chosen])
                          w.ticket(limbs)
                        }
                      }
                    }
                  }
                }
              }
              w.key("skipped")
              w.array { w in
                for row in task.skippedRows {
                  let code = texts.code(row)
                  w.object { w in
                    w.field("code", bytes: code)
                    prefix.withUnsafeBytes { w.ticket(task.shared.issuer.limbs($0, UnsafeRawBufferPointer(code))) }
                  }
                }
              }
            }
          }
        }
      }
      // v2 adds fields, after every v1 field: the summary.
      if spec.algorithm != .v1 {
        // The plan's 企业基数 (null: the base is the target directory's rows) and 最低覆盖率.
        w.field("enterpriseBase", spec.enterpriseBase)
        w.field("minCoverage", spec.minCoverage?.canonical)
        let summary = Drawer.summary(result)
        w.key("summary")
        w.object { w in
          w.field("coverageBase", summary.base)
          summaryFields(summary.overall, coverage: summary.coverage(summary.overall), &w)
          w.key("departments")
          w.array { w in
            for (code, part) in summary.departments {
              w.object { w in
                w.field("code", code)
                summaryFields(part, coverage: summary.coverage(part), &w)
              }
            }
          }
        }
      }
    }
    try w.endDocument()
  }

  /// The figures of one part of the summary (overall, or a department's).
  static func summaryFields(_ part: Drawer.Summary.Part, coverage: String?, _ w: inout JSONStream) {
    w.field("entities", part.entities)
    w.field("coverage", coverage)
    w.field("multiDepartmentEntities", part.multiDepartment)
    w.field("jointEntities", part.joint)
    w.field("jointShare", percentText(part.joint, of: part.multiDepartment))
    w.key("classes")
    w.object { w in for (riskClass, count) in part.byClass { w.field(riskClass, count) } }
    w.key("classShares")
    w.object { w in for (riskClass, count) in part.byClass { w.field(riskClass, percentText(count, of: part.entities)) } }
    w.field("loadMin", part.loadMin)
    w.field("loadMax", part.loadMax)
  }

  /// For the website: task, target and the inspectors' names and certificate numbers only. Row by
  /// row into a sink, like the JSON document.
  public static func writeCSV(
    _ result: Drawer.Result, to sink: ByteSink, pieceSize: Int = ByteWriter.defaultPieceSize
  ) throws {
    let header = ["任务编号", "抽查任务", "统一社会信用代码", "检查对象", "执法检查人员（执法证号）"]
    var csv = CSVStream(into: sink, header: header, pieceSize: pieceSize)
    for task in result.tasks {
      let width = task.inspectorsPerTarget
      let id = Array(task.spec.id.utf8)
      let title = Array(task.spec.title.utf8)
      // Each inspector as the cell names them: `姓名（执法证号）`.
      let named = task.shared.inspectors.map { Array("\($0.name)（\($0.certificate ?? "")）".utf8) }
      let separator = Array("、".utf8)
      task.shared.rows.withTexts { texts in
        csv.rows(count: task.targets.count) { index, csv in
          // The inspectors' cell and the row's cells on the stack: a row a visit, no allocation.
          let first = index * width
          var length = max(0, width - 1) * separator.count
          for slot in 0..<width { length += named[Int(task.chosen[first + slot])].count }
          withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, length)) { inspectors in
            var end = 0
            func add(_ bytes: [UInt8]) {
              bytes.withUnsafeBufferPointer { (inspectors.baseAddress! + end).initialize(from: $0.baseAddress!, count: $0.count) }
              end += bytes.count
            }
            for slot in 0..<width {
              if slot > 0 { add(separator) }
              add(named[Int(task.chosen[first + slot])])
            }
            let row = task.targets[index]
            id.withUnsafeBufferPointer { id in
              title.withUnsafeBufferPointer { title in
                withUnsafeTemporaryAllocation(of: UnsafeBufferPointer<UInt8>.self, capacity: 5) { cells in
                  cells[0] = id
                  cells[1] = title
                  cells[2] = texts.code(row)
                  cells[3] = texts.name(row)
                  cells[4] = UnsafeBufferPointer(rebasing: inspectors[..<end])
                  csv.row(bytes: UnsafeBufferPointer(cells))
                }
              }
            }
          }
        }
      }
    }
    try csv.endDocument()
  }

  /// Reads back the specification a draw document records, for `verify`; nil when the document is
  /// not one (`read` says why).
  public static func spec(from bytes: [UInt8]) -> (spec: Drawer.Spec, targets: String, inspectors: String)? {
    guard let recorded = bytes.withUnsafeBufferPointer({ try? read($0).get() }) else { return nil }
    return (recorded.spec, recorded.targets, recorded.inspectors)
  }
}

extension JSONStream {
  /// `"ticket": "0.…"`, the digits of the digest `limbs` written straight into the document.
  fileprivate mutating func ticket(_ limbs: (UInt64, UInt64, UInt64, UInt64)) {
    key("ticket")
    string(
      verbatim: {
        Tickets.appendFraction(limbs.0, limbs.1, limbs.2, limbs.3, to: &$0)
        return true
      }, otherwise: { "" })
  }
}
