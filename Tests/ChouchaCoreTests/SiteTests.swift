import Foundation
import XCTest

@testable import ChouchaCore

/// `choucha site` (issue 16 item 1): every page kind escapes what the rules, the draw and the
/// results say; the output is deterministic; the manifest lists every file; 10,000 items are split
/// a page per department; a draw of other rules is refused.
final class SiteTests: XCTestCase {
  /// A value that would open a tag, close an attribute and start an entity, in a rule file (which
  /// refuses a bidi override itself, E0003, as results tables do, E0602).
  static let hostile = "<script>alert(\\\"x\\\")</script> & 'q' 甲乙"
  /// The same as the rules' text means it (`\"` is `"`).
  static let ruleText = "<script>alert(\"x\")</script> & 'q' 甲乙"
  /// In a draw (a directory's names reach it), also a bidi override that would reorder the line.
  static let hostileText = "<script>alert(\"x\")</script> & 'q' \u{202E}甲乙"
  static let long = String(repeating: "很长的标题", count: 2_000)

  /// Rules whose every free text is hostile (or very long, or left out where it may be).
  static let rules = """
    部门 SCJG "\(hostile)" { 类型 本级 }
    部门 市场 "区市场监督管理局" { 类型 本级 }
    法规 食品安全法 "\(hostile)法" { 施行 2015-10-01 }
    权责 130102-JC-001 "对食品经营者的监督检查" { 类型 行政检查; 部门 SCJG; 依据 食品安全法 "第一百一十条" }
    权责 130102-JC-002 "\(long)" { 类型 行政检查; 部门 市场; 依据 食品安全法 "第一百一十条" }
    事项 SP-01 "\(hostile)" {
      部门 SCJG; 权责 130102-JC-001; 依据 食品安全法 "第一百一十条"
      类别 一般; 对象 餐饮服务经营者; 方式 实地检查; 比例 { A 3%  B 5%  C 10%  D 20% }; 频次 1
      内容 "\(hostile)"
    }
    事项 SP-02 "\(long)" {
      部门 市场; 权责 130102-JC-002; 依据 食品安全法 "第一百一十条"
      类别 一般; 对象 餐饮服务经营者; 方式 实地检查; 比例 5%; 频次 2
    }
    一业一查 餐饮 "\(hostile)" { 牵头 SCJG; 行业 餐饮服务; 事项 SP-01, SP-02; 期间 2024-04-01 .. 2024-09-30 }
    计划 2024 "\(hostile)计划" { 期间 2024-03-01 .. 2024-11-30; 公示时限 20 工作日; 报告时限 10 日 }
    引入 结果 "results.csv"

    """

  static let results = """
    任务编号,统一社会信用代码,企业名称,检查部门,检查日期,检查结果,问题描述,公示日期,后续处置,办结日期
    2024-J-餐饮,91130102MA0000001X,"\(ruleText.replacingOccurrences(of: "\"", with: "\"\""))",SCJG,2024-05-10,未发现问题,,2024-05-20,,
    2024-J-餐饮,91130102MA0000002X,,市场,2024-05-11,未发现问题,,2024-05-21,,

    """

  static func compile(_ text: String = rules) throws -> (Compilation, AnnualPlan) {
    let compilation = Compiler.compile(texts: [("rules.choucha", text)], files: ["results.csv": results])
    let errors = compilation.diagnostics.filter { $0.severity == .error }
    XCTAssertEqual(errors.map(\.code), [], "\(errors.map { $0.message.en })")
    return (compilation, try XCTUnwrap(Planner.plan(compilation.program, year: 2024)))
  }

  static func draw(_ plan: AnnualPlan, year: Int? = nil) -> SiteDraw {
    let person = DrawnVisits.Inspector(department: "SCJG", certificate: nil, name: hostileText)
    let other = DrawnVisits.Inspector(department: "市场", certificate: "\(hostileText)证", name: "李\u{202E}四")
    let tasks = plan.tasks.flatMap(\.rounds).map { round in
      DrawnVisits.Task(
        id: round.id, field: "tasks[0].id",
        visits: [
          .init(code: "91130102MA0000001X", name: hostileText, riskClass: "D", inspectors: [person, other]),
          .init(code: "91130102MA0000002X", name: "", riskClass: "A", inspectors: []),
        ])
    }
    let visits = DrawnVisits(
      year: year ?? plan.year, seed: "种子 \(hostileText)", seedHash: Tickets.seedHash("种子 \(hostileText)"),
      sha256: String(repeating: "a", count: 64), tasks: tasks)
    return SiteDraw(
      visits: visits, algorithm: "consistent-sampler-sha256-v2", targets: (String(repeating: "b", count: 64), 2),
      inspectors: (String(repeating: "c", count: 64), nil), commitment: nil)
  }

  static func site(draw: Bool = true, asOf: Day? = nil) throws -> [Documents.File] {
    let (compilation, plan) = try compile()
    return Site.files(
      Site.Input(
        plan: plan, program: compilation.program, draw: draw ? Self.draw(plan) : nil, asOf: asOf,
        rulesDigest: Site.rulesDigest(compilation.sources), ruleFiles: compilation.sources.files.count, tool: "choucha test"))
  }

  static func text(_ file: Documents.File) -> String { String(decoding: file.bytes, as: UTF8.self) }

  /// Every page kind: index, items, department (an ASCII code and a Chinese one), plan, task,
  /// draw, verify, results. No hostile text gets through as markup; the bidi override is shown.
  func testEveryPageKindEscapesWhatTheRulesTheDrawAndTheResultsSay() throws {
    let files = try Self.site()
    let pages = files.filter { $0.name.hasSuffix(".html") }
    XCTAssertEqual(
      pages.map(\.name),
      ["departments/d2.html", "departments/scjg.html", "draw.html", "index.html", "items.html", "plan.html", "results.html",
       "tasks/1.html", "verify.html"])
    for page in pages {
      let html = Self.text(page)
      XCTAssertFalse(html.contains("<script"), "\(page.name): a tag from the rules")
      XCTAssertFalse(html.contains("\u{202E}"), "\(page.name): a bidi override obeyed")
      XCTAssertFalse(html.contains("alert(\"x\")"), "\(page.name): a quote unescaped")
      XCTAssertEqual(html.components(separatedBy: "<h1>").count, 2, "\(page.name): one h1")
      XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\">"), page.name)
      XCTAssertFalse(html.contains("http:") || html.contains("https:") || html.contains("src="), "\(page.name): nothing external")
      XCTAssertFalse(html.contains("href=\"/"), "\(page.name): links are relative")
      // Each kind shows the hostile text of its own, as text; the draw's with its bidi override shown.
      XCTAssertTrue(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39; "), page.name)
      XCTAssertTrue(html.contains("<caption>") || !html.contains("<table"), "\(page.name): tables have captions")
      if ["draw.html", "tasks/1.html", "verify.html"].contains(page.name) {
        XCTAssertTrue(html.contains("‹U+202E›甲乙"), page.name)
      }
    }
    let byName = Dictionary(uniqueKeysWithValues: files.map { ($0.name, Self.text($0)) })
    // The very long title is whole (nothing cut), and an empty enterprise name shows as a blank.
    XCTAssertTrue(try XCTUnwrap(byName["departments/d2.html"]).contains(Self.long))
    XCTAssertTrue(try XCTUnwrap(byName["draw.html"]).contains("<td>—</td>"))
    // The seed is quoted for the shell and for Python on the verification page.
    let verify = try XCTUnwrap(byName["verify.html"])
    XCTAssertTrue(verify.contains("hashlib.sha256(&#39;种子 &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; \\&#39;q\\&#39; \\u202e甲乙&#39;.encode()"), "python")
    XCTAssertTrue(verify.contains("种子含有不可见的字符"))
    XCTAssertEqual(Site.Context.shellQuoted("a'b"), "a'\\''b")
    // No credit-risk class on a public page: the drawn enterprises' classes (D, A) are not shown.
    for name in ["draw.html", "tasks/1.html"] {
      let page = try XCTUnwrap(byName[name])
      XCTAssertFalse(page.contains("<td>D</td>") || page.contains("<td>A</td>"), name)
      XCTAssertTrue(page.contains("91130102MA0000001X"), name)
    }
  }

  /// With the papers of each inspection (`Papers.files`), every link of every page, the papers'
  /// too, leads to a file of the site, relative to the page's folder; the task page links its
  /// papers, and a paper has the site's navigation (back to 首页) and links the manifest.
  func testEveryLinkLeadsToAFileOfTheSite() throws {
    let (compilation, plan) = try Self.compile()
    let draw = Self.draw(plan)
    let papers = try Papers.files(
      plan: plan, checklists: Checklists.make(compilation.program, plan), draw: draw.visits,
      footer: "见 manifest.json。", site: Papers.InSite(name: Site.name(plan), navigation: Site.navigation)
    ).get()
    let files = Site.files(
      Site.Input(
        plan: plan, program: compilation.program, draw: draw, rulesDigest: "0", ruleFiles: 1, tool: "choucha test",
        papers: papers))
    let names = Set(files.map(\.name))
    let href = try Regex(##"href="([^"#]*)"##)
    var links = 0
    for page in files where page.name.hasSuffix(".html") {
      let folder = page.name.split(separator: "/").dropLast()
      for match in Self.text(page).matches(of: href) where !match.output[1].substring!.isEmpty {
        var parts = Array(folder)
        for part in match.output[1].substring!.split(separator: "/") {
          if part == ".." { parts.removeLast() } else { parts.append(part) }
        }
        links += 1
        XCTAssertTrue(names.contains(parts.joined(separator: "/")), "\(page.name): \(match.output[1].substring!)")
      }
    }
    XCTAssertGreaterThan(links, 50)
    let task = Self.text(try XCTUnwrap(files.first { $0.name == "tasks/1.html" }))
    let papersPart = String(task[try XCTUnwrap(task.range(of: "<h2>检查文书</h2>")).lowerBound...])
    XCTAssertTrue(papersPart.contains("href=\"../papers/tasks/1-plan.html\">实施方案</a>"), papersPart)
    XCTAssertTrue(papersPart.contains("联合抽查通知书（4 份）"), papersPart)
    let notice = Self.text(try XCTUnwrap(files.first { $0.name.hasPrefix("papers/notices/1/") && $0.name.hasSuffix(".html") }))
    XCTAssertTrue(notice.contains("<a href=\"../../../index.html\">首页</a>"), notice)
    XCTAssertTrue(notice.contains("<a href=\"../../../papers/index.html\">文书目录</a>"), notice)
    XCTAssertTrue(notice.contains("<a href=\"../../../manifest.json\">manifest.json</a>"), notice)
    XCTAssertTrue(notice.contains("<link rel=\"stylesheet\" href=\"../../../style.css\">"), notice)
  }

  /// Table cells: a code, a date, a percentage, a credit code stay on one line (`nowrap`); only a
  /// run too long for any column (a digest, markup shown as text) may break anywhere (`long`);
  /// other text breaks between words; headers keep their words whole.
  func testCellsKeepTokensWhole() {
    var html = HTML()
    html.table(
      caption: "c", header: ["抽查频次"],
      rows: [
        ["FGJ-01"], ["2024-06-28"], ["10%"], ["91130102MA00000007"], ["SCJG-CP-02"], ["2024年6月28日"],
        [String(repeating: "a", count: 64)], ["政府投资<script>console.error(\"xss\")</script>项目"], ["消防安全 检查"], [""],
      ])
    let text = String(decoding: html.bytes, as: UTF8.self)
    for token in ["FGJ-01", "2024-06-28", "10%", "91130102MA00000007", "SCJG-CP-02", "2024年6月28日"] {
      XCTAssertTrue(text.contains("<td class=\"nowrap\">\(token)</td>"), token)
    }
    XCTAssertTrue(text.contains("<td class=\"long\">\(String(repeating: "a", count: 64))</td>"))
    XCTAssertTrue(text.contains("<td class=\"long\">政府投资&lt;script&gt;"))
    XCTAssertTrue(text.contains("<td>消防安全 检查</td>") && text.contains("<td>—</td>"))
    XCTAssertFalse(SiteStyle.css.contains("th, td { border: 1px solid #8a8a8a; padding: .3rem .5rem; vertical-align: top; text-align: left; overflow-wrap: anywhere"))
    XCTAssertTrue(SiteStyle.css.contains("th { background: #eef1f5; word-break: keep-all; }"))
  }

  func testSameInputSameBytes() throws {
    let first = try Self.site()
    let second = try Self.site()
    XCTAssertEqual(first.map(\.name), second.map(\.name))
    for (a, b) in zip(first, second) { XCTAssertEqual(a.bytes, b.bytes, a.name) }
  }

  /// `manifest.json` lists every other file, sorted, with its size and SHA-256, and the rules'
  /// digest, which is `sha256sum`'s lines over the sources.
  func testManifestListsEveryFile() throws {
    let files = try Self.site()
    XCTAssertEqual(files.last?.name, "manifest.json")
    let manifest = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(try XCTUnwrap(files.last).bytes)) as? [String: Any])
    XCTAssertEqual(manifest["schema"] as? String, "choucha/site/v1")
    XCTAssertEqual(manifest["tool"] as? String, "choucha test")
    let listed = try XCTUnwrap(manifest["files"] as? [[String: Any]])
    XCTAssertEqual(listed.map { $0["path"] as? String }, files.dropLast().map(\.name))
    for (entry, file) in zip(listed, files) {
      XCTAssertEqual(entry["sha256"] as? String, SHA256.hex(SHA256.hash(file.bytes)), file.name)
      XCTAssertEqual(entry["size"] as? Int, file.bytes.count, file.name)
    }
    let (compilation, _) = try Self.compile()
    let lines = compilation.sources.files.sorted { $0.relativePath < $1.relativePath }
      .map { SHA256.hex(SHA256.hash($0.bytes)) + "  " + $0.relativePath + "\n" }.joined()
    XCTAssertEqual((manifest["rules"] as? [String: Any])?["sha256"] as? String, SHA256.hex(SHA256.hash(Array(lines.utf8))))
  }

  /// Without `--as-of` every row with a 公示日期 is published; with one, only those on or before.
  func testResultsAsOf() throws {
    func results(_ asOf: Day?) throws -> String {
      Self.text(try XCTUnwrap(try Self.site(asOf: asOf).first { $0.name == "results.html" }))
    }
    XCTAssertTrue(try results(nil).contains("共 2 条"))
    let early = try results(Day(parsing: "2024-05-20"))
    XCTAssertTrue(early.contains("截至 2024-05-20 已公示的检查结果，共 1 条"), early)
    XCTAssertFalse(early.contains("91130102MA0000002X"))
  }

  /// Above `Site.singlePageResults` published rows, `results.html` lists the departments and each
  /// department's rows are on its own page; above `Site.singlePageVisits` visits, the draw page
  /// lists the tasks and their pages the visits.
  func testManyResultsAndVisitsArePaged() throws {
    var rows = "任务编号,统一社会信用代码,企业名称,检查部门,检查日期,检查结果,问题描述,公示日期,后续处置,办结日期\n"
    for number in 0..<1_100 {
      for department in ["SCJG", "市场"] {
        rows += "2024-J-餐饮@1,91130102MA\(String(format: "%08d", number)),企业\(number),\(department),2024-05-10,未发现问题,,2024-05-20,,\n"
      }
    }
    let compilation = Compiler.compile(texts: [("rules.choucha", Self.rules)], files: ["results.csv": rows])
    XCTAssertEqual(compilation.diagnostics.filter { $0.severity == .error }.map { $0.message.en }, [])
    let plan = try XCTUnwrap(Planner.plan(compilation.program, year: 2024))
    var draw = Self.draw(plan)
    let many = (0..<(Site.singlePageVisits + 1)).map {
      DrawnVisits.Visit(code: "91130102MA\(String(format: "%08d", $0))", name: "企业\($0)", riskClass: "A", inspectors: [])
    }
    draw.visits.tasks[0].visits = many
    let files = Site.files(
      Site.Input(plan: plan, program: compilation.program, draw: draw, rulesDigest: "0", ruleFiles: 1, tool: "choucha test"))
    let byName = Dictionary(uniqueKeysWithValues: files.map { ($0.name, Self.text($0)) })
    let results = try XCTUnwrap(byName["results.html"])
    XCTAssertFalse(results.contains("<table"), "the list page only links the departments")
    XCTAssertTrue(results.contains("href=\"results/scjg.html\"") && results.contains("href=\"results/d2.html\""), results)
    XCTAssertEqual(try XCTUnwrap(byName["results/scjg.html"]).components(separatedBy: "<tr>").count - 2, 1_100)
    XCTAssertTrue(try XCTUnwrap(byName["results/d2.html"]).contains("href=\"../tasks/1.html\""))
    let drawPage = try XCTUnwrap(byName["draw.html"])
    XCTAssertFalse(drawPage.contains("91130102MA00000000"), "the visits are on the task's page")
    XCTAssertTrue(drawPage.contains("<td class=\"num\">\(Site.singlePageVisits + 1)</td>"))
    XCTAssertTrue(try XCTUnwrap(byName["tasks/1.html"]).contains("91130102MA00002000"))
  }

  /// Without a draw, the draw page and the task pages say it is not published yet.
  func testNoDrawYet() throws {
    let files = try Self.site(draw: false)
    let draw = Self.text(try XCTUnwrap(files.first { $0.name == "draw.html" }))
    XCTAssertTrue(draw.contains("本年度的抽取结果尚未公布"))
    XCTAssertTrue(Self.text(try XCTUnwrap(files.first { $0.name == "tasks/1.html" })).contains("本年度的抽取结果尚未公布"))
  }

  /// A draw of another year, or naming a task the plan does not have, does not go with the rules.
  func testMismatchedDrawIsNamed() throws {
    let (_, plan) = try Self.compile()
    XCTAssertNil(Self.draw(plan).mismatch(plan))
    XCTAssertEqual(Self.draw(plan, year: 2023).mismatch(plan)?.field, "year")
    var other = Self.draw(plan)
    other.visits.tasks[0].id = "2024-J-别的任务"
    XCTAssertEqual(other.mismatch(plan)?.field, "tasks[0].id")
  }

  func testDepartmentSlugsAreASCIIUniqueAndStable() {
    let slugs = Site.slugs(["SCJG", "市场", "scjg", "XF-03", "d2", "甲"])
    XCTAssertEqual(slugs["XF-03"], "xf-03")
    // SCJG and scjg would collide on a case-insensitive disk: both numbered.
    XCTAssertEqual(slugs["SCJG"], "d1")
    XCTAssertEqual(slugs["scjg"], "d4")
    XCTAssertEqual(slugs["d2"], "d3")  // shaped like a number: numbered by its own place, 3rd
    XCTAssertEqual(slugs["市场"], "d5")
    XCTAssertEqual(slugs["甲"], "d6")
    XCTAssertEqual(Set(slugs.values).count, 6)
  }

  /// 10,000 items in 20 departments: the item list is a list of departments (no item table),
  /// each department's page holds its 500 items; the whole is made in linear time. Measured
  /// here (debug build) and by Benchmarks/site.sh (release).
  func testTenThousandItemsArePagedByDepartment() throws {
    var text = "法规 L \"某法\" { 施行 2015-10-01 }\n"
    for department in 0..<20 {
      text += "部门 D\(department) \"第\(department)部门\" { 类型 本级 }\n"
    }
    for number in 0..<10_000 {
      let department = number % 20
      text += "事项 I\(number) \"事项\(number) <&>\" { 部门 D\(department); 依据 L \"第一条\"; 类别 一般; 对象 企业; 方式 实地检查; 比例 5%; 频次 1 }\n"
    }
    text += "计划 2024 \"计划\" { 期间 2024-03-01 .. 2024-11-30 }\n"
    let compilation = Compiler.compile(texts: [("rules.choucha", text)])
    let plan = try XCTUnwrap(Planner.plan(compilation.program, year: 2024))
    XCTAssertEqual(plan.items.count, 10_000)
    let start = Date()
    let files = Site.files(
      Site.Input(plan: plan, program: compilation.program, rulesDigest: "0", ruleFiles: 1, tool: "choucha test"))
    let seconds = Date().timeIntervalSince(start)
    let items = Self.text(try XCTUnwrap(files.first { $0.name == "items.html" }))
    XCTAssertFalse(items.contains("<table"), "above 300 items the list page only links the departments")
    XCTAssertTrue(items.contains("事项超过 300 项"))
    XCTAssertEqual(items.components(separatedBy: "href=\"departments/").count - 1, 20)
    let departments = files.filter { $0.name.hasPrefix("departments/") }
    XCTAssertEqual(departments.count, 20)
    for page in departments {
      XCTAssertEqual(Self.text(page).components(separatedBy: "<td>事项").count - 1, 500, page.name)
    }
    let largest = files.filter { $0.name.hasSuffix(".html") }.map(\.bytes.count).max() ?? 0
    let total = files.reduce(0) { $0 + $1.bytes.count }
    print("site of 10,000 items: \(files.count) files, \(total) bytes, largest page \(largest) bytes, \(String(format: "%.2f", seconds)) s")
    XCTAssertLessThan(largest, 1_000_000, "a department's page stays under a megabyte")
  }
}
