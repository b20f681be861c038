import Foundation

/// The pages of the draw and the results: `draw.html` (what the draw read, and every task's
/// targets and inspectors), `verify.html` (who can verify what, step by step) and `results.html`.
///
/// The public columns of the draw: the enterprise's 统一社会信用代码 and name, its ticket (号签,
/// which anyone can recompute from the seed), the inspectors' names, departments and 执法证号 —
/// the columns of the `draw-YYYY.csv` that `choucha draw` writes for the website. The credit-risk
/// class of each enterprise is left out: it is the supervisors' means of allocating inspections,
/// held internally; the full draw document (`draw-YYYY.json`) keeps it, as the auditors' record.
extension Site.Context {
  /// The note every page showing drawn enterprises carries.
  static func classNote(year: Int) -> String {
    "公开页面不列出每户企业的信用风险分类（A、B、C、D类）。信用风险分类是市场监管部门按"
    + "《河北省市场监督管理局企业信用风险分类管理办法（试行）》（河北省市场监督管理局，2022年）对企业的分类，"
    + "用于确定抽查比例和频次，由监管部门内部掌握（待核实：公开范围以本省文件的具体条款为准）；"
    + "含分类的完整抽取记录（draw-\(year).json）和两份名录留存备查，供审计、纪检监察和上级部门核验。"
  }

  /// The drawn enterprises of a task, round by round, or why there are none.
  func drawnTables(_ html: inout HTML, task: InspectionTask, root: String) {
    guard let draw = input.draw else {
      html.element("p", text: "本年度的抽取结果尚未公布。")
      return
    }
    let byID = Dictionary(draw.visits.tasks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    for round in task.rounds {
      let label = task.rounds.count > 1 ? "第\(round.number)轮（\(round.id)）" : round.id
      guard let drawn = byID[round.id] else {
        html.element("p", text: "\(label)：抽取结果中没有这一轮。")
        continue
      }
      visitTable(&html, caption: "\(label)抽中的检查对象和执法检查人员（\(drawn.visits.count) 户）", task: task, round: round.id, visits: drawn.visits, seedHash: draw.visits.seedHash)
    }
  }

  /// The digits of a ticket a page shows: enough to compare (the order of two tickets is decided
  /// long before); the whole is recomputed from the seed (`verify.html`).
  static let ticketDigits = 20

  static func shortTicket(_ ticket: String) -> String {
    ticket.utf8.count > ticketDigits + 2 ? String(ticket.prefix(ticketDigits + 2)) + "…" : ticket
  }

  /// One row a visit: the enterprise, its ticket, and its inspectors department by department,
  /// one department a line.
  func visitTable(
    _ html: inout HTML, caption: String, task: InspectionTask, round: String, visits: [DrawnVisits.Visit], seedHash: String
  ) {
    let names = Dictionary(task.departments.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
    html.open("table")
    html.element("caption", text: caption)
    html.open("thead")
    html.open("tr")
    for heading in ["序号", "统一社会信用代码", "企业名称", "号签（前 \(Site.Context.ticketDigits) 位）", "执法检查人员（执法证号）"] {
      html.element("th", ["scope": "col"], text: heading)
    }
    html.close("tr")
    html.close("thead")
    html.open("tbody")
    for (number, visit) in visits.enumerated() {
      html.open("tr")
      html.element("td", ["class": "num"], text: String(number + 1))
      html.element("td", ["class": "nowrap"], text: visit.code.isEmpty ? "—" : visit.code)
      html.cell(visit.name.isEmpty ? "—" : visit.name)
      html.element("td", ["class": "mono"], text: Site.Context.shortTicket(Tickets.ticket(id: round + "|" + visit.code, seedHash: seedHash).text))
      html.open("td")
      // Department by department, in the draw's order.
      var order: [String] = []
      var people: [String: [String]] = [:]
      for person in visit.inspectors {
        if people[person.department] == nil { order.append(person.department) }
        people[person.department, default: []].append("\(person.name)（\(person.certificate ?? "无执法证号")）")
      }
      if order.isEmpty { html.text("—") }
      for (line, department) in order.enumerated() {
        if line > 0 { html.markup("<br>") }
        html.text("\(names[department] ?? department)：" + (people[department] ?? []).joined(separator: "、"))
      }
      html.close("td")
      html.close("tr")
    }
    html.close("tbody")
    html.close("table")
  }

  // MARK: - Draw

  func drawPage() -> [UInt8] {
    render("\(yearTitle)双随机抽取结果", current: "draw.html") { html in
      guard let draw = input.draw else {
        html.element("p", text: "本年度的抽取结果尚未公布。抽取后，本页列出随机种子、两份名录的 SHA-256 和每个任务抽中的检查对象、执法检查人员。")
        html.open("p")
        html.link("verify.html", "如何核验抽取结果")
        html.close("p")
        return
      }
      let visits = draw.visits
      html.element("h2", text: "抽取依据")
      html.facts([
        ("抽取方法", draw.algorithm),
        ("随机种子", visits.seed),
        ("种子的 SHA-256", visits.seedHash),
        ("检查对象名录的 SHA-256", draw.targets.sha256 + (draw.targets.rows.map { "（\($0) 行）" } ?? "")),
        ("执法检查人员名录的 SHA-256", draw.inspectors.sha256 + (draw.inspectors.rows.map { "（\($0) 行）" } ?? "")),
        ("抽取前公布的承诺书的 SHA-256", draw.commitment ?? "未使用承诺书（抽取前没有公布名录的摘要）"),
        ("抽取结果文件 draw-\(visits.year).json 的 SHA-256", visits.sha256),
        ("抽中", "\(visits.tasks.count) 个任务（轮次）共 \(visits.count) 户次"),
      ])
      html.element("p", ["class": "note"], text: Site.Context.classNote(year: visits.year))
      html.open("p")
      html.text("号签由随机种子和“任务编号|统一社会信用代码”算出，任何人都可以重算，方法见")
      html.link("verify.html", "如何核验抽取结果")
      html.text("。")
      html.close("p")
      let tasks = Dictionary(plan.tasks.enumerated().flatMap { index, task in task.rounds.map { ($0.id, (index, task)) } }, uniquingKeysWith: { first, _ in first })
      guard visits.count <= Site.singlePageVisits else {
        // Too many to read on one page: each task's page lists its own.
        html.element(
          "p", ["class": "note"], text: "抽中超过 \(Site.singlePageVisits) 户次，各任务抽中的企业和执法检查人员见各任务页面。")
        html.open("table")
        html.element("caption", text: "各任务（轮次）抽中的户数")
        html.open("thead")
        html.open("tr")
        for heading in ["任务编号", "抽查任务", "抽中户数"] { html.element("th", ["scope": "col"], text: heading) }
        html.close("tr")
        html.close("thead")
        html.open("tbody")
        for drawn in visits.tasks {
          guard let (index, task) = tasks[drawn.id] else { continue }
          html.open("tr")
          html.element("td", ["class": "nowrap"], text: drawn.id)
          html.element("td") { $0.link(Site.Context.taskPath(index), task.title.isEmpty ? task.id : task.title) }
          html.element("td", ["class": "num"], text: String(drawn.visits.count))
          html.close("tr")
        }
        html.close("tbody")
        html.close("table")
        return
      }
      for drawn in visits.tasks {
        guard let (index, task) = tasks[drawn.id] else { continue }
        html.open("h2")
        html.link(Site.Context.taskPath(index), task.title.isEmpty ? task.id : task.title)
        html.close("h2")
        visitTable(&html, caption: "\(drawn.id) 抽中的检查对象和执法检查人员（\(drawn.visits.count) 户）", task: task, round: drawn.id, visits: drawn.visits, seedHash: visits.seedHash)
      }
    }
  }

  // MARK: - Verify

  /// Inside '…' of a shell command: a quote closes, is escaped and reopens.
  static func shellQuoted(_ text: String) -> String { text.replacingOccurrences(of: "'", with: "'\\''") }

  /// Inside '…' of PowerShell: a quote is doubled.
  static func powerShellQuoted(_ text: String) -> String { text.replacingOccurrences(of: "'", with: "''") }

  /// A Python string literal: JSON's escaping is Python's for these characters.
  static func pythonString(_ text: String) -> String {
    var bytes: [UInt8] = [UInt8(ascii: "'")]
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\\": bytes += Array("\\\\".utf8)
      case "'": bytes += Array("\\'".utf8)
      case "\n": bytes += Array("\\n".utf8)
      default:
        // A hidden character (a bidi override, a control) is written as its escape, so that
        // the code copied from the page computes with the very seed.
        if Shown.isHidden(scalar) || scalar.value < 0x20 || scalar.value == 0x7F {
          let hex = String(scalar.value, radix: 16)
          bytes += Array(
            (scalar.value > 0xFFFF
              ? "\\U" + String(repeating: "0", count: 8 - hex.count) : "\\u" + String(repeating: "0", count: 4 - hex.count)).utf8)
          bytes += Array(hex.utf8)
        } else {
          bytes += Array(String(scalar).utf8)
        }
      }
    }
    bytes.append(UInt8(ascii: "'"))
    return String(decoding: bytes, as: UTF8.self)
  }

  func verifyPage() -> [UInt8] {
    let year = plan.year
    let seed = input.draw?.visits.seed ?? "（公布的随机种子）"
    let seedHash = input.draw?.visits.seedHash ?? "（公布的种子 SHA-256）"
    let example: (id: String, ticket: String)? = input.draw.flatMap { draw in
      draw.visits.tasks.first { !$0.visits.isEmpty }.map { task in
        let id = task.id + "|" + task.visits[0].code
        return (id, Tickets.ticket(id: id, seedHash: draw.visits.seedHash).text)
      }
    }
    return render("如何核验抽取结果", current: "verify.html") { html in
      html.element(
        "p",
        text: "双随机抽取不靠人挑：每户企业的“号签”由抽取当天公布的随机种子和企业的统一社会信用代码算出，每类企业取号签最小的若干户；执法检查人员也按号签和已分派次数选出。同样的种子和名录，任何人、任何时候重算，结果都一样。")
      html.element("h2", text: "谁能核验什么")
      html.table(
        caption: "核验的人、需要的材料和能核验的内容", header: ["谁", "需要什么", "能核验什么"],
        rows: [
          ["任何人", "本站、抽取当天公布的随机种子", "种子的 SHA-256 与本站公布的一致；每户抽中企业的号签；网站文件未被改动（manifest.json）"],
          ["被抽中或未被抽中的企业", "自己的统一社会信用代码", "自己在每个任务中的号签，与抽中企业的号签比较"],
          [
            "审计、纪检监察和上级部门", "检查对象名录、执法检查人员名录（内部掌握，含信用风险分类）和完整的抽取记录 draw-\(year).json",
            "名录的 SHA-256 与本站公布的一致；用 choucha verify 完整重算，抽中的企业和人员一户不差、没有漏抽和多抽",
          ],
        ])
      html.element("h2", text: "第一步：核对随机种子")
      html.element("p", text: "随机种子在抽取当天公开产生（例如公开摇号），抽取结果记录了它和它的 SHA-256：")
      html.facts([("随机种子", input.draw?.visits.seed ?? "尚未公布"), ("种子的 SHA-256", input.draw?.visits.seedHash ?? "尚未公布")])
      if seed.unicodeScalars.contains(where: { Shown.isHidden($0) || $0.value < 0x20 || $0.value == 0x7F }) {
        html.element("p", text: "在任何一台电脑上重算种子的 SHA-256。种子含有不可见的字符（页面上显示为 ‹U+…›），请用 Python 计算（Windows 上命令为 py 或 python）：")
        html.element("pre") {
          $0.element("code", ["lang": "zxx"], text: "python3 -c \"import hashlib; print(hashlib.sha256(\(Site.Context.pythonString(seed)).encode()).hexdigest())\"")
        }
      } else {
        html.element("p", text: "在任何一台电脑上重算种子的 SHA-256。Linux、macOS 的终端：")
        html.element("pre") { $0.element("code", ["lang": "zxx"], text: "printf '%s' '\(Site.Context.shellQuoted(seed))' | sha256sum") }
        html.element("p", text: "Windows 的 PowerShell（按 UTF-8 编码计算）：")
        html.element("pre") {
          $0.element(
            "code",
            ["lang": "zxx"],
            text: "$s = '\(Site.Context.powerShellQuoted(seed))'; -join ([Security.Cryptography.SHA256]::Create().ComputeHash([Text.Encoding]::UTF8.GetBytes($s)) | ForEach-Object { $_.ToString('x2') })")
        }
        html.element(
          "p", text: "也可以用 Python（Windows 上命令为 py 或 python）：")
        html.element("pre") {
          $0.element("code", ["lang": "zxx"], text: "python3 -c \"import hashlib; print(hashlib.sha256(\(Site.Context.pythonString(seed)).encode()).hexdigest())\"")
        }
      }
      html.element("p", text: "结果应为：\(seedHash)。不一致，说明公布的种子与抽取所用的不同。")
      html.element("h2", text: "第二步：重算一户企业的号签")
      html.element(
        "p",
        text: "号签 = SHA-256（种子的 SHA-256 的十六进制文字 + “任务编号|统一社会信用代码”）的值写成十进制整数，前面补零到 64 位，数字倒序，前加“0.”。用 Python（不需要安装任何软件包；Linux、macOS、Windows 都可以，Windows 上命令为 py 或 python），把下面几行存为 ticket.py 后运行 python3 ticket.py：")
      let id = example?.id ?? "任务编号|统一社会信用代码"
      html.element("pre") {
        $0.element(
          "code",
          ["lang": "zxx"],
          text: """
            import hashlib
            seed_hash = hashlib.sha256(\(Site.Context.pythonString(seed)).encode()).hexdigest()
            n = int.from_bytes(hashlib.sha256((seed_hash + \(Site.Context.pythonString(id))).encode()).digest(), 'big')
            print('0.' + str(n).rjust(64, '0')[::-1])
            """)
      }
      if let example {
        html.element("p", text: "应得到：\(example.ticket)（抽取结果页上这户企业的号签）。")
      }
      html.element(
        "p", text: "也可以用公开的 consistent_sampler 软件包（pip install consistent_sampler）：first_fraction(“任务编号|统一社会信用代码”, 种子) 的值与号签相同。")
      html.element(
        "p",
        text: "每个任务中，同一信用风险分类的企业按号签从小到大排列，取前“比例 × 户数”（向上取整）户；号签比抽中企业小却没有抽中的，只能是本年度已被抽查到上限次数的企业（抽取记录中列为跳过）。")
      html.element("h2", text: "第三步：完整重算（持有名录的部门）")
      html.element("p", text: "用抽取所用的两份名录和完整的抽取记录，运行：")
      html.element("pre") {
        $0.element(
          "code",
          ["lang": "zxx"],
          text: "choucha verify draw-\(year).json --targets 检查对象名录.csv --inspectors 执法检查人员名录.csv"
            + (input.draw?.commitment != nil ? " --commitment commitment-\(year).json" : ""))
      }
      html.element(
        "p",
        text: "choucha verify 先核对两份名录的 SHA-256 与抽取记录（本站“抽取结果”页）一致，再按同样的方法重算全部任务，逐户比较；任何不同都会列出。抽取方法的完整说明：choucha explain draw。")
      html.element("h2", text: "在数据库中核验（名录存放在数据库中的部门）")
      html.element(
        "p",
        text: "检查对象名录在数据库（DuckDB、PostgreSQL、Spark）中、不便导出时，用下面的命令生成一条 SQL 查询，在数据库中运行：它逐户重算公布的号签，核对每户属于该任务的总体、号签无误、同一分层中没有号签更小却未抽中（也未列为跳过）的企业，每个分层公布的总体和样本量与数据库算出的相同，并给出名录的内容摘要。汇总行的问题数为 0（没有问题行）时，核验通过。")
      html.element("pre") {
        $0.element(
          "code",
          ["lang": "zxx"],
          text: "choucha verify draw-\(year).json --sql duckdb --table targets > verify.sql")
      }
      html.element("p", text: "--sql 也可以是 postgres 或 spark；--table 是名录所在的表，列名为标准表头（统一社会信用代码、名称、行业、标签、信用风险分类、经营异常）；表头不同（如“企业名称”“信用风险分类（2024）”）时加 --headings 名录.csv，只读其表头行，按抽取的规则认列。")
      html.element("h2", text: "核对网站文件")
      html.element("p", text: "manifest.json 列出本站每个文件的 SHA-256。在网站目录中运行（Linux、macOS）：")
      html.element("pre") {
        $0.element(
          "code",
          ["lang": "zxx"],
          text: "python3 -c \"import json,hashlib; [print('OK' if hashlib.sha256(open(f['path'],'rb').read()).hexdigest()==f['sha256'] else 'DIFFERENT', f['path']) for f in json.load(open('manifest.json', encoding='utf-8'))['files']]\"")
      }
      html.element("p", text: "Windows 的 PowerShell：")
      html.element("pre") {
        $0.element(
          "code",
          ["lang": "zxx"],
          text: "(Get-Content manifest.json -Raw -Encoding UTF8 | ConvertFrom-Json).files | ForEach-Object { if ((Get-FileHash -Algorithm SHA256 -LiteralPath $_.path).Hash -eq $_.sha256) { \"OK $($_.path)\" } else { \"DIFFERENT $($_.path)\" } }")
      }
      html.element("p", text: "单个文件（例如下载的抽取结果）的 SHA-256：Linux 用 sha256sum 文件名，macOS 用 shasum -a 256 文件名，Windows 的 PowerShell 用 Get-FileHash -Algorithm SHA256 文件名。")
    }
  }

  // MARK: - Results

  /// `results.html`, and above `Site.singlePageResults` rows a page per department
  /// (`results/<slug>.html`, the slug of its department page) that `results.html` links.
  func resultsPages() -> [Documents.File] {
    guard !input.program.resultImports.isEmpty else {
      let bytes = render("\(yearTitle)抽查检查结果", current: "results.html") { html in
        html.element("p", text: "尚未公示检查结果。")
      }
      return [.init(name: "results.html", bytes: bytes)]
    }
    let rows = ResultDocuments.Rows(input.program, year: plan.year, asOf: input.asOf)
    let published = rows.entries.filter { entry in
      guard let day = entry.row.published?.value else { return false }
      return input.asOf.map { day <= $0 } ?? true
    }
    let summary =
      input.asOf.map { "截至 \($0) 已公示的检查结果，共 \(published.count) 条。" } ?? "已公示的检查结果（有公示日期的），共 \(published.count) 条。"
    guard published.count > Site.singlePageResults else {
      let bytes = render("\(yearTitle)抽查检查结果", current: "results.html") { html in
        html.element("p", text: summary)
        resultTable(&html, caption: "抽查检查结果（\(published.count) 条）", published, root: "")
      }
      return [.init(name: "results.html", bytes: bytes)]
    }
    // By the department that inspected, in the item list's order; rows whose department has no
    // page of its own (a cell that could not be read) together, on `results/d0.html` (no
    // department's slug is `d0`).
    var byPage: [String: [ResultDocuments.Entry]] = [:]
    for entry in published {
      byPage[entry.department.flatMap { slugs[$0.code] } ?? "d0", default: []].append(entry)
    }
    var pages: [(slug: String, name: String)] = departments.compactMap { department in
      slugs[department.code].flatMap { byPage[$0] != nil ? ($0, department.name) : nil }
    }
    if byPage["d0"] != nil { pages.append(("d0", "检查部门未能识别")) }
    let index = render("\(yearTitle)抽查检查结果", current: "results.html") { html in
      html.element("p", text: summary)
      html.element("p", ["class": "note"], text: "结果超过 \(Site.singlePageResults) 条，按检查部门分页：")
      html.open("ul")
      for page in pages {
        html.element("li") { html in
          html.link("results/\(page.slug).html", page.name)
          html.text("（\(byPage[page.slug]?.count ?? 0) 条）")
        }
      }
      html.close("ul")
    }
    var files: [Documents.File] = [.init(name: "results.html", bytes: index)]
    for page in pages {
      let entries = byPage[page.slug] ?? []
      let bytes = render("\(page.name)的抽查检查结果", root: "../", current: nil) { html in
        html.element("p", text: summary)
        resultTable(&html, caption: "\(page.name)的抽查检查结果（\(entries.count) 条）", entries, root: "../")
      }
      files.append(.init(name: "results/\(page.slug).html", bytes: bytes))
    }
    return files
  }

  func resultTable(_ html: inout HTML, caption: String, _ entries: [ResultDocuments.Entry], root: String) {
    html.open("table")
    html.element("caption", text: caption)
    html.open("thead")
    html.open("tr")
    for heading in ResultDocuments.csvHeader + ["公示日期"] { html.element("th", ["scope": "col"], text: heading) }
    html.close("tr")
    html.close("thead")
    html.open("tbody")
    for entry in entries {
      let cells = ResultDocuments.csvRow(entry)
      html.open("tr")
      for (column, cell) in cells.enumerated() {
        if column == 2 {
          html.element("td") { $0.link(root + Site.Context.taskPath(entry.place.task), cell.isEmpty ? entry.task.id : cell) }
        } else if column == 1 || column == 5 {
          html.element("td", ["class": "nowrap"], text: cell.isEmpty ? "—" : cell)
        } else {
          html.cell(cell.isEmpty ? "—" : cell)
        }
      }
      html.element("td", ["class": "nowrap"], text: entry.row.published?.value.description ?? "—")
      html.close("tr")
    }
    html.close("tbody")
    html.close("table")
  }
}
