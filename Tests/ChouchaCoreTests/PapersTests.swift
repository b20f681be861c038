import Foundation
import XCTest

@testable import ChouchaCore

/// The papers of each inspection (`Papers`), on the bundled Rules/ and its 2024 draw: one notice
/// and one 实施方案 pinned byte for byte (Tests/Fixtures/papers/, `BLESS=1 swift test` rewrites
/// them), no document cited but the declared laws and plan, text from rules and directories escaped in
/// both forms, the same bytes on every run, and a draw of other rules refused.
final class PapersTests: XCTestCase {
  struct Rules {
    var program: Program
    var plan: AnnualPlan
    var checklists: Checklists
    var draw: DrawnVisits
  }

  static let rules: Rules = {
    let root = RepositoryTests.root.appendingPathComponent("Rules")
    let compilation = try! RepositoryTests.DiskRepository(root: root).compile(display: "Rules")
    let plan = Planner.plan(compilation.program, year: 2024)!
    let bytes = [UInt8](try! Data(contentsOf: root.appendingPathComponent("draws/draw-2024.json")))
    let draw = try! bytes.withUnsafeBufferPointer { try DrawDocument.visits($0).get() }
    return Rules(
      program: compilation.program, plan: plan, checklists: Checklists.make(compilation.program, plan), draw: draw)
  }()

  static func files(_ rules: Rules) throws -> [Documents.File] {
    try Papers.files(plan: rules.plan, checklists: rules.checklists, draw: rules.draw).get()
  }

  static func text(_ file: Documents.File) -> String { String(decoding: file.bytes, as: UTF8.self) }

  static let fixtures = GoldenTests.fixtures.appendingPathComponent("papers")

  /// A notice to the first drawn enterprise of the first joint task, and the first task's
  /// 实施方案, in both forms.
  func testGoldenNoticeAndImplementationPlan() throws {
    let files = try Self.files(Self.rules)
    let notice = try XCTUnwrap(files.first { $0.name.hasPrefix("papers/notices/") && $0.name.hasSuffix(".html") })
    let stem = String(notice.name.dropLast(".html".count))
    XCTAssertEqual(stem, "papers/notices/1/91130102MA00000007", "the first notice of the draw")
    let pinned = [stem + ".html", stem + ".md", "papers/tasks/1-plan.html", "papers/tasks/1-plan.md"]
    if GoldenTests.bless { try FileManager.default.createDirectory(at: Self.fixtures, withIntermediateDirectories: true) }
    for name in pinned {
      let file = try XCTUnwrap(files.first { $0.name == name }, name)
      let fixture = Self.fixtures.appendingPathComponent(name.dropFirst("papers/".count).replacingOccurrences(of: "/", with: "-"))
      try GoldenTests.compare(Self.text(file), with: fixture, required: true, name: name)
    }
  }

  /// What is made for Rules/ and its draw: a 实施方案 per task, a 工作指引 per bundle, a notice per
  /// drawn enterprise of a joint task, a sheet per visit of a task with points; each twice.
  func testEveryPaperIsMadeInBothForms() throws {
    let rules = Self.rules
    let files = try Self.files(rules)
    let names = files.map(\.name)
    XCTAssertEqual(Set(names).count, names.count, "no name twice")
    func count(_ prefix: String, _ suffix: String) -> Int { names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(suffix) }.count }
    XCTAssertEqual(count("papers/tasks/", ".html"), rules.plan.tasks.count)
    XCTAssertEqual(count("papers/guides/", ".html"), rules.checklists.guides.count)
    let jointVisits = rules.draw.tasks.filter { $0.id.hasPrefix("2024-J-") }.reduce(0) { $0 + $1.visits.count }
    XCTAssertEqual(count("papers/notices/", ".html"), jointVisits)
    let made = try Sheets.make(rules.plan, rules.checklists, rules.draw).get()
    XCTAssertEqual(count("papers/sheets/", ".html"), made.sheets.count)
    for prefix in ["papers/tasks/", "papers/guides/", "papers/notices/", "papers/sheets/"] {
      XCTAssertEqual(count(prefix, ".html"), count(prefix, ".md"), prefix)
    }
    XCTAssertTrue(names.contains("papers/index.html") && names.contains("papers/style.css"))
    // Every name a plain relative path of ASCII: it opens from disk, on any system.
    for name in names {
      XCTAssertTrue(
        name.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || "/-._".utf8.contains($0) },
        name)
    }
    // Every link of every page leads to a paper that is there.
    let present = Set(names)
    for file in files where file.name.hasSuffix(".html") {
      let page = Self.text(file)
      let folder = (file.name as NSString).deletingLastPathComponent
      for match in page.matches(of: try Regex(##"href="([^"#]+)""##)) {
        let href = String(match.output[1].substring ?? "")
        var parts = folder.split(separator: "/").map(String.init)
        for part in href.split(separator: "/") {
          if part == ".." { _ = parts.popLast() } else { parts.append(String(part)) }
        }
        let target = parts.joined(separator: "/")
        XCTAssertTrue(present.contains(target), "\(file.name) links \(href), which is not made")
      }
    }
  }

  /// The 一企一表 is a form: a box per answer of each point, a blank for what was found, a
  /// signature line per department and the enterprise's.
  func testSheetIsAFormToFillIn() throws {
    let rules = Self.rules
    let files = try Self.files(rules)
    let made = try Sheets.make(rules.plan, rules.checklists, rules.draw).get()
    let sheet = try XCTUnwrap(made.sheets.first)
    let page = Self.text(try XCTUnwrap(files.first { $0.name == "papers/sheets/1/\(sheet.visit.code).html" }))
    let boxes = sheet.points.points.reduce(0) { $0 + $1.point.answers.count }
    XCTAssertEqual(page.components(separatedBy: "class=\"box\"").count - 1, boxes)
    XCTAssertTrue(page.contains("<table class=\"form\">"))
    XCTAssertTrue(page.contains("发现的问题及处理意见"))
    for department in sheet.task.departments { XCTAssertTrue(page.contains("\(department.name) 执法检查人员（签名）"), department.name) }
    XCTAssertTrue(page.contains("检查对象负责人（签名）"))
    for person in sheet.visit.inspectors { XCTAssertTrue(page.contains(person.name), person.name) }
    XCTAssertFalse(page.contains("信用风险"), "the enterprise's credit-risk class is not printed on its sheet")
    let markdown = Self.text(try XCTUnwrap(files.first { $0.name == "papers/sheets/1/\(sheet.visit.code).md" }))
    XCTAssertEqual(markdown.components(separatedBy: "☐").count - 1, boxes)
  }

  /// A paper cites only what binds the district: the laws the rules declare (the bases of the
  /// items and of their check points) and the plan the rules name. No other jurisdiction's
  /// document (Changchun's, Lvyuan's, Yongzhou's…) is quoted or named, and nothing is said of
  /// refusing an inspection: no declared law words a consequence for it.
  func testPapersCiteOnlyTheDeclaredLawsAndPlan() throws {
    let rules = Self.rules
    var allowed: Set<String> = [rules.plan.title]
    for entry in rules.plan.items { for basis in entry.bases { allowed.insert(basis.title) } }
    for task in rules.plan.tasks { for entry in task.items { for basis in entry.bases { allowed.insert(basis.title) } } }
    for sheet in rules.checklists.sheets.values {
      for point in sheet.points { for basis in point.point.bases { allowed.insert(basis.title) } }
    }
    let others = CitedDocument.all.filter { !allowed.contains($0.title) }
    XCTAssertFalse(others.isEmpty)
    let title = try Regex("《([^》]*)》")
    var checked = 0
    for file in try Self.files(rules)
    where ["papers/notices/", "papers/sheets/", "papers/tasks/", "papers/guides/"].contains(where: file.name.hasPrefix) {
      let text = Self.text(file)
      for match in text.matches(of: title) {
        let cited = String(match.output[1].substring ?? "")
        XCTAssertTrue(allowed.contains(cited), "\(file.name) cites 《\(cited)》, neither a declared law nor the plan")
      }
      for document in others {
        XCTAssertFalse(text.contains(document.title), "\(file.name) names \(document.title)")
        XCTAssertFalse(text.contains(document.issuer.zh), "\(file.name) names \(document.issuer.zh)")
      }
      checked += 1
    }
    XCTAssertGreaterThan(checked, 20)
    let notice = Self.text(try XCTUnwrap(try Self.files(rules).first { $0.name.hasPrefix("papers/notices/") }))
    XCTAssertTrue(notice.contains("根据《\(rules.plan.title)》"), "the notice names the plan it follows")
    for invented in ["严重违法失信名单", "拒绝检查", "不配合", "本通知书的发放依据"] { XCTAssertFalse(notice.contains(invented), invented) }
  }

  /// The notice goes to the enterprise: printed without the site's header and footer; its closing
  /// (contact, seal, date) and the sheet's signatures are kept on one printed page.
  func testNoticePrintsAsALetterAndSignaturesStayTogether() throws {
    let files = try Self.files(Self.rules)
    let notice = Self.text(try XCTUnwrap(files.first { $0.name.hasPrefix("papers/notices/") && $0.name.hasSuffix(".html") }))
    XCTAssertTrue(notice.contains("<header class=\"site noprint\">"))
    XCTAssertTrue(notice.contains("<footer class=\"site noprint\">"))
    let keep = try XCTUnwrap(notice.range(of: "<div class=\"keep\">"))
    let closing = String(notice[keep.lowerBound...])
    XCTAssertTrue(closing.contains("联系人") && closing.contains("盖章") && closing.contains("年\u{3000}\u{3000}月"))
    let sheet = Self.text(try XCTUnwrap(files.first { $0.name.hasPrefix("papers/sheets/") && $0.name.hasSuffix(".html") }))
    XCTAssertTrue(sheet.contains("<header class=\"site\">"), "a sheet is filed: printed with its header")
    let kept = String(sheet[try XCTUnwrap(sheet.range(of: "<div class=\"keep\">")).lowerBound...])
    XCTAssertTrue(kept.contains("检查对象意见") && kept.contains("检查对象负责人（签名）"))
    XCTAssertTrue(SiteStyle.css.contains(".keep { break-inside: avoid; }"))
    // Alone (build --documents) a paper's navigation is the papers' own index.
    XCTAssertTrue(notice.contains("<a href=\"../../index.html\">文书目录</a>"), notice)
    XCTAssertFalse(notice.contains("首页"))
  }

  /// A title with markup, quotes, a bidi override, a name 10,000 characters long, an empty name
  /// and a code that is a path: shown as text in HTML and Markdown, never obeyed; the file names
  /// stay ours.
  func testTextFromRulesAndDirectoriesIsEscaped() throws {
    var rules = Self.rules
    let attack = "<script>alert('x')</script> & \"引号\" \u{202E}反转 [链接](javascript:x) | `代码`"
    let task = try XCTUnwrap(rules.plan.tasks.firstIndex { $0.kind == .joint })
    rules.plan.tasks[task].title = attack
    rules.plan.tasks[task].lead.name = attack
    rules.plan.tasks[task].objects = []
    let long = String(repeating: "很长的名称", count: 2_000)
    let drawn = try XCTUnwrap(rules.draw.tasks.firstIndex { $0.id.hasPrefix(rules.plan.tasks[task].id) })
    rules.draw.tasks[drawn].visits[0].name = attack + long
    rules.draw.tasks[drawn].visits[0].code = "../../etc/passwd"
    rules.draw.tasks[drawn].visits[1].name = ""
    rules.draw.tasks[drawn].visits[1].inspectors[0].name = "<b>张三</b>"
    let files = try Self.files(rules)
    var seen = 0
    for file in files where file.name != "papers/style.css" {
      let text = Self.text(file)
      XCTAssertFalse(text.contains("<script"), file.name)
      XCTAssertFalse(text.contains("<b>"), file.name)
      XCTAssertFalse(text.unicodeScalars.contains("\u{202E}"), file.name)
      if file.name.hasSuffix(".md") {
        XCTAssertFalse(text.contains("](javascript:x)"), "\(file.name): a Markdown link is not formed")
      }
      if text.contains("&lt;script&gt;alert(") { seen += 1 }
      if file.name.hasSuffix(".html") && text.contains("&lt;script&gt;") {
        XCTAssertTrue(text.contains("&quot;引号&quot;") && text.contains("‹U+202E›"), file.name)
      }
    }
    XCTAssertGreaterThan(seen, 4, "the title is shown, escaped, on its plan, guide, notices and sheets")
    // The code that is a path names no file: the visit's place does.
    XCTAssertFalse(files.contains { $0.name.contains("..") || $0.name.contains("passwd") })
    let number = task + 1
    let firstStem = rules.plan.tasks[task].rounds.count > 1 ? "1-v1" : "v1"
    let notice = try XCTUnwrap(files.first { $0.name == "papers/notices/\(number)/\(firstStem).html" })
    XCTAssertTrue(Self.text(notice).contains(long), "a long name is kept whole")
    XCTAssertTrue(files.contains { Self.text($0).contains("（名称未登记）") }, "an empty name is visibly empty")
  }

  /// 10,000 visits (Rules/' draw, each list repeated with new codes): every visit its papers,
  /// names unique; the time and size are printed (linear: no search per task or visit).
  func testTenThousandVisits() throws {
    var rules = Self.rules
    let copies = 10_000 / rules.draw.count + 1
    for task in rules.draw.tasks.indices {
      let visits = rules.draw.tasks[task].visits
      rules.draw.tasks[task].visits = (0..<copies).flatMap { copy in
        visits.map { visit in
          var visit = visit
          visit.code = "91130102X\(String(copy, radix: 10))\(visit.code.suffix(6))"
          return visit
        }
      }
    }
    XCTAssertGreaterThanOrEqual(rules.draw.count, 10_000)
    let clock = ContinuousClock()
    var files: [Documents.File] = []
    let elapsed = try clock.measure { files = try Self.files(rules) }
    let names = Set(files.map(\.name))
    XCTAssertEqual(names.count, files.count)
    let joint = rules.draw.tasks.filter { $0.id.hasPrefix("2024-J-") }.reduce(0) { $0 + $1.visits.count }
    XCTAssertEqual(files.filter { $0.name.hasPrefix("papers/notices/") }.count, 2 * joint)
    let bytes = files.reduce(0) { $0 + $1.bytes.count }
    print("papers of \(rules.draw.count) visits: \(files.count) files, \(bytes / 1_000_000) MB in \(elapsed)")
    // Above 2,000 papers the index is a page per lead department, and every paper is linked
    // from exactly one of them.
    let index = Self.text(try XCTUnwrap(files.first { $0.name == Papers.indexPath }))
    XCTAssertTrue(index.contains("按任务的牵头部门分页"))
    XCTAssertFalse(index.contains("<h2"), "the index lists departments, not tasks")
    let pages = files.filter { $0.name.hasPrefix("papers/index-") && $0.name.hasSuffix(".html") }
    XCTAssertEqual(pages.count, Set(rules.plan.tasks.map(\.lead.code)).count)
    for page in pages {
      XCTAssertTrue(index.contains("href=\"\(page.name.dropFirst("papers/".count))\""), page.name)
      XCTAssertLessThan(page.bytes.count, 1_000_000, page.name)
    }
    let papers = files.filter {
      $0.name.hasSuffix(".html") && $0.name != Papers.indexPath && !$0.name.hasPrefix("papers/index-")
    }
    var linked: [String: Int] = [:]
    for page in pages {
      for href in Self.text(page).components(separatedBy: "href=\"").dropFirst().map({ $0.prefix { $0 != "\"" } })
      where !href.hasPrefix("../") && !href.hasPrefix("#") && !href.hasSuffix("style.css") && !href.hasPrefix("index") {
        linked["papers/" + href, default: 0] += 1
      }
    }
    let unlinked = Set(papers.map(\.name)).subtracting(linked.keys).sorted()
    let unknown = Set(linked.keys).subtracting(papers.map(\.name)).sorted()
    XCTAssertEqual(unlinked.count, 0, "papers no index page links: \(unlinked.prefix(3))")
    XCTAssertEqual(unknown.count, 0, "links to no paper: \(unknown.prefix(3))")
    let twice = linked.filter { $0.value != 1 }.keys.sorted()
    XCTAssertEqual(twice.count, 0, "papers linked more than once: \(twice.prefix(3))")
  }

  /// The same rules and draw give the same bytes, file by file, in the same order.
  func testSameInputSameBytes() throws {
    let first = try Self.files(Self.rules)
    let second = try Self.files(Self.rules)
    XCTAssertEqual(first.map(\.name), second.map(\.name))
    XCTAssertEqual(first.map(\.bytes), second.map(\.bytes))
  }

  /// A draw of another year, or naming a task the plan does not have, makes nothing and says
  /// where in the draw document.
  func testDrawOfOtherRulesIsRefused() {
    var rules = Self.rules
    rules.draw.year = 2023
    guard case .failure(let problem) = Papers.files(plan: rules.plan, checklists: rules.checklists, draw: rules.draw) else {
      return XCTFail("a draw of 2023 is refused for the plan of 2024")
    }
    XCTAssertEqual(problem.field, "year")
    rules = Self.rules
    rules.draw.tasks[0].id = "2024-J-另一版规则"
    guard case .failure(let other) = Papers.files(plan: rules.plan, checklists: rules.checklists, draw: rules.draw) else {
      return XCTFail("a draw naming another task is refused")
    }
    XCTAssertEqual(other.field, "tasks[0].id")
    XCTAssertTrue(other.message.zh.contains("2024-J-另一版规则"))
  }

  /// What the rules or the draw do not give is said, not filled in: a plan without 最多检查, a
  /// task the draw left out.
  func testWhatIsNotGivenIsSaid() throws {
    var rules = Self.rules
    rules.plan.maxVisits = nil
    let left = rules.draw.tasks.removeFirst()
    let files = try Self.files(rules)
    let plan = Self.text(try XCTUnwrap(files.first { $0.name == "papers/tasks/1-plan.md" }))
    XCTAssertEqual(rules.plan.tasks[0].id, left.id)
    XCTAssertTrue(plan.contains("中没有本任务"), plan)
    XCTAssertFalse(plan.contains("被检查不超过"), "no limit is printed when the plan sets none")
    XCTAssertTrue(Self.text(try XCTUnwrap(files.first { $0.name == "papers/tasks/2-plan.md" })).contains("合计"))
  }

  /// Without a draw: the plans, the guides and the index only; the index says why.
  func testWithoutADrawOnlyThePlansAndGuides() throws {
    let rules = Self.rules
    let files = try Papers.files(plan: rules.plan, checklists: rules.checklists, draw: nil).get()
    XCTAssertFalse(files.contains { $0.name.hasPrefix("papers/notices/") || $0.name.hasPrefix("papers/sheets/") })
    let plan = Self.text(try XCTUnwrap(files.first { $0.name == "papers/tasks/1-plan.html" }))
    XCTAssertTrue(plan.contains("尚未抽取"))
    XCTAssertTrue(Self.text(try XCTUnwrap(files.first { $0.name == "papers/index.html" })).contains("尚无抽取结果"))
  }
}
