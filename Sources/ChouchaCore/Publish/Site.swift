import Foundation

/// 公开网站: the static site `choucha site` writes — the year's item list, plan, tasks, draw,
/// how to verify the draw, and the results published — as `[Documents.File]`, no IO. Every page
/// goes through `Page.render` and `HTML` (every value escaped), links are relative (the site opens
/// from disk) and nothing is asked of the network. Same input, same bytes: no clock, no hash
/// order; pages and tables follow the plan's order.
///
/// Files (paths relative to the site's root, ASCII):
/// `index.html`, `items.html`, `departments/<slug>.html` (one per department of the item list,
/// `Site.slugs`), `plan.html`, `tasks/<n>.html` (n: the task's place in the plan, from 1),
/// `draw.html`, `verify.html`, `results.html` (and, above `singlePageResults` rows,
/// `results/<slug>.html` per department), `style.css`, the papers of each inspection (under
/// `papers/`, when given) and `manifest.json` (every other file with its size and SHA-256, the
/// rules' digest, the draw's SHA-256, the tool's version).
public enum Site {
  /// Above this many items the item list is one page per department only: `items.html` then
  /// lists the departments with their counts and links their pages.
  public static let singlePageItems = 300
  /// Above this many tasks the plan and the index do not list them all: the departments' pages
  /// list theirs.
  public static let singlePageTasks = 300
  /// Above this many drawn visits the draw page lists the tasks with their counts: each task's
  /// page lists its own visits.
  public static let singlePageVisits = 2_000
  /// Above this many published results `results.html` lists the departments with their counts,
  /// each department's results on `results/<slug>.html`.
  public static let singlePageResults = 2_000

  /// What a site is made of.
  public struct Input: Sendable {
    public var plan: AnnualPlan
    /// For the results (`引入 结果`), read as `build` reads them.
    public var program: Program
    /// The draw of the plan's year, read and matched to the plan (`SiteDraw.read`, `mismatch`).
    public var draw: SiteDraw?
    /// Results published on or before this day (nil: every row with a 公示日期).
    public var asOf: Day?
    /// `Site.rulesDigest` of the compilation's sources.
    public var rulesDigest: String
    /// How many source files the digest covers.
    public var ruleFiles: Int
    /// `choucha 0.1.0`.
    public var tool: String
    /// The papers of each inspection (`papers/…`), linked from the task pages.
    public var papers: [Documents.File]

    public init(
      plan: AnnualPlan, program: Program, draw: SiteDraw? = nil, asOf: Day? = nil, rulesDigest: String, ruleFiles: Int,
      tool: String, papers: [Documents.File] = []
    ) {
      self.plan = plan
      self.program = program
      self.draw = draw
      self.asOf = asOf
      self.rulesDigest = rulesDigest
      self.ruleFiles = ruleFiles
      self.tool = tool
      self.papers = papers
    }
  }

  /// Every file of the site, `manifest.json` last; the others sorted by path bytes.
  public static func files(_ input: Input) -> [Documents.File] {
    let context = Context(input)
    var files: [Documents.File] = []
    files.append(.init(name: "index.html", bytes: context.indexPage()))
    files.append(.init(name: "items.html", bytes: context.itemsPage()))
    for department in context.departments {
      files.append(.init(name: context.departmentPath(department.code), bytes: context.departmentPage(department)))
    }
    files.append(.init(name: "plan.html", bytes: context.planPage()))
    for (index, task) in input.plan.tasks.enumerated() {
      files.append(.init(name: Context.taskPath(index), bytes: context.taskPage(task, index: index)))
    }
    files.append(.init(name: "draw.html", bytes: context.drawPage()))
    files.append(.init(name: "verify.html", bytes: context.verifyPage()))
    files += context.resultsPages()
    files.append(.init(name: "style.css", bytes: Array(SiteStyle.css.utf8)))
    files += input.papers
    files.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    files.append(.init(name: "manifest.json", bytes: manifest(input, files: files)))
    return files
  }

  /// The site's navigation, relative to its root: on every page, and on the papers it holds.
  public static let navigation: [Page.Link] = [
    .init("index.html", "首页"), .init("items.html", "抽查事项"), .init("plan.html", "年度计划"),
    .init("draw.html", "抽取结果"), .init("verify.html", "如何核验"), .init("results.html", "检查结果"),
  ]

  /// The site's name, in the header of every page.
  public static func name(_ plan: AnnualPlan) -> String { (plan.jurisdiction ?? "") + "“双随机、一公开”监管信息公示" }

  /// The provenance line at the foot of every page (and of the papers the site links).
  public static func footer(plan: AnnualPlan, tool: String, rulesDigest: String, ruleFiles: Int) -> String {
    "本站由 \(tool) 根据 \(plan.year) 年度抽查规则生成（规则 \(ruleFiles) 个文件的摘要 SHA-256：\(rulesDigest)）；"
      + "各文件的 SHA-256 见 manifest.json。"
  }

  /// The digest of the rules a site was made from: the SHA-256 of one line per source file,
  /// `<SHA-256 of its bytes>  <path relative to the repository>\n`, sorted by path bytes — the
  /// lines `sha256sum PATH…` prints in the repository (paths without `./`), for the files read:
  /// the rule files and the tables they import.
  public static func rulesDigest(_ sources: SourceMap) -> String {
    let lines = sources.files.map { file in
      (path: file.relativePath, line: SHA256.hex(SHA256.hash(file.bytes)) + "  " + file.relativePath + "\n")
    }.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    return SHA256.hex(SHA256.hash(Array(lines.map(\.line).joined().utf8)))
  }

  /// The file names of the departments' pages, by code: the code itself, lowercased, when it is
  /// ASCII letters, digits, `-` and `_` and no other code lowercases to the same; otherwise
  /// `d<n>`, n the department's place (from 1) in the codes' byte order. Deterministic, and
  /// safe on a case-insensitive disk.
  public static func slugs(_ codes: [String]) -> [String: String] {
    let sorted = Array(Set(codes)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    var lowered: [String: Int] = [:]
    for code in sorted { lowered[code.lowercased(), default: 0] += 1 }
    var slugs: [String: String] = [:]
    for (index, code) in sorted.enumerated() {
      let plain = !code.isEmpty && code.utf8.count <= 64
        && code.utf8.allSatisfy { byte in
          (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x2D
            || byte == 0x5F
        }
      let lower = code.lowercased()
      // `d<n>` is the fallback's shape: a code spelt so is numbered too.
      let shapedLikeFallback = lower.first == "d" && !lower.dropFirst().isEmpty && lower.dropFirst().allSatisfy(\.isNumber)
      slugs[code] = plain && lowered[lower] == 1 && !shapedLikeFallback ? lower : "d\(index + 1)"
    }
    return slugs
  }

  /// `manifest.json`: the site's files (all but itself) with size and SHA-256, sorted by path.
  static func manifest(_ input: Input, files: [Documents.File]) -> [UInt8] {
    Documents.json { w in
      w.object { w in
        w.field("schema", "choucha/site/v1")
        w.field("tool", input.tool)
        w.field("jurisdiction", input.plan.jurisdiction)
        w.field("year", input.plan.year)
        w.key("rules")
        w.object { w in
          w.field("sha256", input.rulesDigest)
          w.field("files", input.ruleFiles)
        }
        w.key("draw")
        if let draw = input.draw {
          w.object { w in
            w.field("sha256", draw.visits.sha256)
            w.field("seedHash", draw.visits.seedHash)
          }
        } else {
          w.null()
        }
        w.field("asOf", input.asOf?.description)
        w.key("files")
        w.array { w in
          for file in files {
            w.object { w in
              w.field("path", file.name)
              w.field("size", file.bytes.count)
              w.field("sha256", SHA256.hex(SHA256.hash(file.bytes)))
            }
          }
        }
      }
    }
  }
}

/// The draw a site publishes: its visits (`DrawDocument.visits`) and what the document records of
/// its inputs (`DrawDocument.read`): the directories' SHA-256 and rows, the commitment.
public struct SiteDraw: Sendable {
  public var visits: DrawnVisits
  public var algorithm: String
  public var targets: (sha256: String, rows: Int?)
  public var inspectors: (sha256: String, rows: Int?)
  /// The SHA-256 of the commitment the draw was checked against (`draw --commitment`), if any.
  public var commitment: String?

  public init(
    visits: DrawnVisits, algorithm: String, targets: (sha256: String, rows: Int?), inspectors: (sha256: String, rows: Int?),
    commitment: String?
  ) {
    self.visits = visits
    self.algorithm = algorithm
    self.targets = targets
    self.inspectors = inspectors
    self.commitment = commitment
  }

  /// The draw document in `bytes`, or the first problem with it (the problems `build --draw`
  /// names, by field).
  public static func read(_ bytes: [UInt8]) -> Result<SiteDraw, DrawDocument.Problem> {
    bytes.withUnsafeBufferPointer { read($0) }
  }

  public static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<SiteDraw, DrawDocument.Problem> {
    if let problem = DrawDocument.checkStart(UnsafeRawBufferPointer(bytes)) { return .failure(problem) }
    let visits: DrawnVisits
    switch DrawDocument.visits(bytes) {
    case .failure(let problem): return .failure(problem)
    case .success(let value): visits = value
    }
    let recorded: DrawDocument.Recorded
    switch DrawDocument.read(bytes) {
    case .failure(let problem): return .failure(problem)
    case .success(let value): recorded = value
    }
    // The rows of each directory, for the page (the specification does not carry them).
    var rows: (targets: Int?, inspectors: Int?) = (nil, nil)
    if case .success(let head) = DocumentSkim.skim(bytes),
      let root = try? JSONSerialization.jsonObject(with: Data(head)) as? [String: Any],
      let inputs = root["inputs"] as? [String: Any]
    {
      func count(_ name: String) -> Int? {
        ((inputs[name] as? [String: Any])?["rows"] as? NSNumber).flatMap { Int(exactly: $0.doubleValue) }
      }
      rows = (count("targets"), count("inspectors"))
    }
    return .success(
      SiteDraw(
        visits: visits, algorithm: recorded.spec.algorithm.rawValue, targets: (recorded.targets, rows.targets),
        inspectors: (recorded.inspectors, rows.inspectors), commitment: recorded.spec.commitment))
  }

  /// Why this draw does not go with `plan`: another year, or a task the plan does not have
  /// (`Sheets.mismatch`).
  public func mismatch(_ plan: AnnualPlan) -> Sheets.Problem? { Sheets.mismatch(plan, visits) }
}
