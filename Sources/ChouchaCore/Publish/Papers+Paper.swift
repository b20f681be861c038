/// One paper as blocks, written as HTML (through `HTML`, every value escaped) and as Markdown
/// (through `MarkdownWriter`, every value escaped): the two say the same thing.
struct Paper {
  /// Without the extension: `papers/tasks/3-plan`.
  var path: String
  var title: String
  var blocks: [Block]
  /// The enterprise a notice or a sheet is for, named in the index.
  var subject: String? = nil
  /// A letter to the enterprise (the notice): printed without the site's header and footer.
  var letter = false

  /// How the pages are framed: alone (`build --documents`: a header naming the jurisdiction, the
  /// papers' own index) or inside a site (its name and navigation, with links relative to the
  /// site's root, and the papers' index beside them).
  struct Frame {
    var site: String
    /// Relative to the site's root (in a site) or to `papers/` (alone).
    var navigation: [Page.Link]
    var footer: String
    var inSite: Bool

    /// The index of papers as the navigation links it.
    var index: String { inSite ? Papers.indexPath : "index.html" }
  }

  /// A check point on a printed form: what is asked, and boxes for the answers.
  struct Question {
    var number: String
    var text: String
    var bases: String
    var methods: String
    var answers: [String]
  }

  enum Block {
    /// `##` / `<h2>`, `###` / `<h3>`.
    case heading(String, level: Int = 2)
    case paragraph(String)
    /// A label–value list (the facts of a task).
    case facts([(label: String, value: String)])
    case table(caption: String, header: [String], rows: [[String]], numeric: Set<Int> = [])
    case list([String])
    /// Check points with answer boxes and a blank for what was found.
    case questions(caption: String, [Question])
    /// A space to write in by hand.
    case fill(String)
    /// Signature lines.
    case signatures([String])
    /// Right-aligned closing lines: who issues it, the date to fill in.
    case closing([String])
    /// Blocks kept on one printed page (a signature block with what it closes).
    case together([Block])
    /// Links to other papers, relative to this one.
    case links([(href: String, label: String)])
    /// A page break when printed (HTML only).
    case pageBreak
  }

  /// Folders between this paper and `papers/` (alone) or the site's root: `../` each.
  func root(inSite: Bool) -> String {
    let depth = path.split(separator: "/").count - (inSite ? 1 : 2)
    return String(repeating: "../", count: max(0, depth))
  }

  // MARK: - HTML

  func html(_ frame: Frame) -> [UInt8] {
    let index = frame.index
    let isIndex = path == "papers/index"
    return Page.render(
      title: title, root: root(inSite: frame.inSite), site: frame.site,
      navigation: frame.navigation + [Page.Link(index, "文书目录")], current: isIndex ? index : nil, footer: frame.footer,
      manifest: frame.inSite, letter: letter
    ) { html in
      for block in blocks { Paper.write(block, &html) }
    }
  }

  static func write(_ block: Block, _ html: inout HTML) {
    switch block {
    case .heading(let text, let level):
      if level <= 2 { html.element("h2", text: text) } else { html.element("h3", text: text) }
    case .paragraph(let text):
      html.element("p", text: text)
    case .facts(let pairs):
      html.facts(pairs)
    case .table(let caption, let header, let rows, let numeric):
      html.table(caption: caption, header: header, rows: rows, numeric: numeric)
    case .list(let items):
      html.element("ul", ["class": "plain"]) { html in
        for item in items { html.element("li", text: item) }
      }
    case .questions(let caption, let questions):
      html.element("table", ["class": "form"]) { html in
        html.element("caption", text: caption)
        html.markup(
          "<colgroup><col class=\"w-no\"><col><col class=\"w-basis\"><col class=\"w-method\"><col class=\"w-answer\"><col class=\"w-finding\"></colgroup>\n"
        )
        html.element("thead") { html in
          html.element("tr") { html in
            for cell in ["序号", "检查要点", "检查依据", "检查方式", "检查结果", "问题描述"] { html.element("th", ["scope": "col"], text: cell) }
          }
        }
        html.element("tbody") { html in
          for question in questions {
            html.element("tr") { html in
              html.element("td", ["class": "num"], text: question.number)
              html.cell(question.text)
              html.cell(question.bases.isEmpty ? "—" : question.bases)
              html.cell(question.methods.isEmpty ? "—" : question.methods)
              html.element("td") { html in
                for answer in question.answers {
                  html.markup("<span class=\"answer\"><span class=\"box\" aria-hidden=\"true\"></span> ")
                  html.text(answer)
                  html.markup("</span>\n")
                }
              }
              // Left blank: what was found is written here by hand.
              html.markup("<td></td>\n")
            }
          }
        }
      }
    case .fill(let label):
      html.element("p") { html in
        html.element("strong", text: label)
      }
      html.markup("<div class=\"fill\"></div>\n")
    case .signatures(let labels):
      // Two to a line, each with room to sign above it.
      for start in stride(from: 0, to: labels.count, by: 2) {
        html.element("div", ["class": "sign"]) { html in
          for label in labels[start..<min(start + 2, labels.count)] { html.element("p", text: label) }
        }
      }
    case .closing(let lines):
      html.element("div", ["class": "closing"]) { html in
        for line in lines { html.element("p", text: line) }
      }
    case .together(let inner):
      html.element("div", ["class": "keep"]) { html in
        for block in inner { Paper.write(block, &html) }
      }
    case .links(let links):
      html.element("ul") { html in
        for link in links {
          html.element("li") { $0.link(link.href, link.label) }
        }
      }
    case .pageBreak:
      html.markup("<div class=\"page\"></div>\n")
    }
  }

  // MARK: - Markdown

  func markdown() -> String {
    var text = "# \(MarkdownWriter.inline(title))\n\n"
    for block in blocks { text += Paper.markdown(block) }
    return text
  }

  /// The Markdown twin of an HTML paper's link: `x.html` → `x.md`.
  static func markdownTarget(_ href: String) -> String {
    href.hasSuffix(".html") ? String(href.dropLast(5)) + ".md" : href
  }

  static func markdown(_ block: Block) -> String {
    switch block {
    case .heading(let text, let level):
      return String(repeating: "#", count: min(max(level, 2), 4)) + " " + MarkdownWriter.inline(text) + "\n\n"
    case .paragraph(let text):
      return MarkdownWriter.inline(text) + "\n\n"
    case .facts(let pairs):
      return pairs.map { "- \(MarkdownWriter.inline($0.label))：\($0.value.isEmpty ? "—" : MarkdownWriter.inline($0.value))\n" }
        .joined() + "\n"
    case .table(let caption, let header, let rows, _):
      let shown = rows.map { $0.map { $0.isEmpty ? "—" : $0 } }
      return "\(MarkdownWriter.inline(caption))\n\n" + MarkdownWriter.table(header: header, rows: shown) + "\n"
    case .list(let items):
      return items.map { "- \(MarkdownWriter.inline($0))\n" }.joined() + "\n"
    case .questions(let caption, let questions):
      // The answers as boxes to tick (☐), the last column left blank for what was found.
      let rows = questions.map { question in
        [
          question.number, question.text, question.bases.isEmpty ? "—" : question.bases,
          question.methods.isEmpty ? "—" : question.methods, question.answers.map { "☐ " + $0 }.joined(separator: " "), "",
        ]
      }
      return "\(MarkdownWriter.inline(caption))\n\n"
        + MarkdownWriter.table(header: ["序号", "检查要点", "检查依据", "检查方式", "检查结果", "问题描述"], rows: rows) + "\n"
    case .fill(let label):
      return "\(MarkdownWriter.inline(label))：\n\n\u{3000}\n\n\u{3000}\n\n"
    case .signatures(let labels):
      return labels.map { MarkdownWriter.inline($0) + "\n" }.joined(separator: "\n") + "\n"
    case .closing(let lines):
      return lines.map { MarkdownWriter.inline($0) + "\n" }.joined(separator: "\n") + "\n"
    case .together(let inner):
      return inner.map(markdown).joined()
    case .links(let links):
      // The paths are ours (ASCII letters, digits, `-`, `.`, `/`): nothing to escape in them.
      return links.map { "- [\(MarkdownWriter.inline($0.label))](\(markdownTarget($0.href)))\n" }.joined() + "\n"
    case .pageBreak:
      return ""
    }
  }
}
