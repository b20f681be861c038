/// HTML built by appending, for the pages `choucha site` publishes and the papers of each
/// inspection. Markup comes only from string literals in this module (`StaticString`); every value
/// from a rule file, a directory, a draw or a results table goes through `text`, which escapes
/// `&` `<` `>` `"` `'` and shows a hidden character (a bidi override U+202E, a zero-width space, a
/// control) as its code point, `‹U+202E›`, so a title cannot open a tag, close an attribute or
/// reorder the text around it.
public struct HTML: Sendable {
  public private(set) var bytes: [UInt8] = []

  public init() {}

  /// Trusted markup: a literal of the source code.
  public mutating func markup(_ literal: StaticString) {
    bytes += UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
  }

  /// Text content or an attribute value, escaped.
  public mutating func text(_ value: String) {
    HTML.escape(value, into: &bytes)
  }

  /// A number, as decimal digits.
  public mutating func number(_ value: Int) {
    bytes += String(value).utf8
  }

  /// `<tag a="v" …>`: attribute names are literals, values are escaped.
  public mutating func open(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String> = [:]) {
    bytes.append(UInt8(ascii: "<"))
    markup(tag)
    for (name, value) in attributes {
      bytes.append(UInt8(ascii: " "))
      markup(name)
      bytes += "=\"".utf8
      text(value)
      bytes.append(UInt8(ascii: "\""))
    }
    bytes.append(UInt8(ascii: ">"))
  }

  public mutating func close(_ tag: StaticString) {
    bytes += "</".utf8
    markup(tag)
    bytes += ">\n".utf8
  }

  /// `<tag …>text</tag>`.
  public mutating func element(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String> = [:], text value: String) {
    open(tag, attributes)
    text(value)
    close(tag)
  }

  /// `<tag …>…</tag>`, the content written by `body`.
  public mutating func element(
    _ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String> = [:], _ body: (inout HTML) -> Void
  ) {
    open(tag, attributes)
    body(&self)
    close(tag)
  }

  /// A link: `href` is a relative path the caller made (escaped like any attribute).
  public mutating func link(_ href: String, _ label: String) {
    open("a", ["href": href])
    text(label)
    bytes += "</a>".utf8
  }

  /// A table with a caption and column headers (`<th scope="col">`); cells are text. An empty
  /// cell is shown as "—" so that a blank is visibly blank. A cell that is one short token (a code,
  /// a date, a percentage, a credit code: `unbroken`) is not broken across lines.
  public mutating func table(caption: String, header: [String], rows: [[String]], numeric: Set<Int> = []) {
    open("table")
    element("caption", text: caption)
    open("thead")
    open("tr")
    for cell in header { element("th", ["scope": "col"], text: cell) }
    close("tr")
    close("thead")
    open("tbody")
    for row in rows {
      open("tr")
      for (index, value) in row.enumerated() {
        if numeric.contains(index) {
          element("td", ["class": "num"], text: value.isEmpty ? "—" : value)
        } else {
          cell(value)
        }
      }
      close("tr")
    }
    close("tbody")
    close("table")
  }

  /// A table cell of text ("—" when empty): one short token (`unbroken`) on one line, a run too
  /// long for any column (`hasLongToken`) broken anywhere, other text between words.
  public mutating func cell(_ value: String) {
    if HTML.unbroken(value) {
      element("td", ["class": "nowrap"], text: value)
    } else if HTML.hasLongToken(value) {
      element("td", ["class": "long"], text: value)
    } else {
      element("td", text: value.isEmpty ? "—" : value)
    }
  }

  /// One token a reader copies or compares whole, kept on one line: at most 32 printable ASCII
  /// characters without a space (`FGJ-01`, `2024-06-28`, `10%`, `91130102MA00000007`,
  /// `2024-J-YYYC-2024-03`), or at most 12 characters with a digit and no space (`2024年6月28日`).
  /// A longer one (a SHA-256) may break where it must.
  static func unbroken(_ cell: String) -> Bool {
    guard !cell.isEmpty else { return false }
    if cell.utf8.count <= 32, cell.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) { return true }
    var count = 0
    var digit = false
    for scalar in cell.unicodeScalars {
      count += 1
      if count > 12 || scalar.properties.isWhitespace || scalar == "\u{3000}" { return false }
      if ("0"..."9").contains(scalar) { digit = true }
    }
    return digit
  }

  /// A run of more than 32 ASCII characters without a space (a digest, a path, markup shown as
  /// text): no column can hold it, so that cell alone may break it anywhere (`td.long`); other
  /// cells break only between words.
  static func hasLongToken(_ cell: String) -> Bool {
    var run = 0
    for byte in cell.utf8 {
      if (0x21...0x7E).contains(byte) {
        run += 1
        if run > 32 { return true }
      } else {
        run = 0
      }
    }
    return false
  }

  /// A definition list of label–value pairs (the facts of a task, a draw).
  public mutating func facts(_ pairs: [(label: String, value: String)]) {
    open("dl", ["class": "facts"])
    for pair in pairs {
      element("dt", text: pair.label)
      element("dd", text: pair.value.isEmpty ? "—" : pair.value)
    }
    close("dl")
  }

  static func escape(_ value: String, into output: inout [UInt8]) {
    // Most values need nothing: copied whole.
    var plain = true
    for scalar in value.unicodeScalars {
      let code = scalar.value
      if code < 0x80 ? code < 0x20 || code == 0x7F || code == 0x26 || code == 0x3C || code == 0x3E || code == 0x22 || code == 0x27
        : Shown.isHidden(scalar)
      {
        plain = false
        break
      }
    }
    if plain {
      output += value.utf8
      return
    }
    for scalar in value.unicodeScalars {
      switch scalar.value {
      case 0x26: output += "&amp;".utf8
      case 0x3C: output += "&lt;".utf8
      case 0x3E: output += "&gt;".utf8
      case 0x22: output += "&quot;".utf8
      case 0x27: output += "&#39;".utf8
      case 0x0A: output.append(0x0A)
      case 0x09: output.append(0x20)
      default:
        if Shown.isHidden(scalar) || scalar.value < 0x20 || scalar.value == 0x7F {
          output += ("‹" + Shown.codePoint(scalar) + "›").utf8
        } else {
          output += String(scalar).utf8
        }
      }
    }
  }
}

/// The shell of every page: the doctype, `lang="zh-CN"`, the one stylesheet (a relative link, so
/// the site opens from disk and asks nothing of the network), a skip link, the site's navigation,
/// the page's `<main>` and a footer naming what it was made from.
public enum Page {
  public struct Link: Sendable {
    public var href: String
    public var label: String
    public init(_ href: String, _ label: String) {
      self.href = href
      self.label = label
    }
  }

  /// - Parameters:
  ///   - title: the page's title and its `<h1>`.
  ///   - root: the relative path from this page to the site's root ("" or "../").
  ///   - site: the site's name, shown in the header.
  ///   - navigation: links relative to the root; the one whose href is `current` is marked.
  ///   - footer: one line of provenance (the tool's version, the rules' digest).
  ///   - manifest: the site has `manifest.json` at its root: the footer's mention of it is a link.
  ///   - letter: a letter to its addressee (a notice): the site's header and footer are not printed.
  public static func render(
    title: String, root: String, site: String, navigation: [Link], current: String?, footer: String,
    manifest: Bool = false, letter: Bool = false, body: (inout HTML) -> Void
  ) -> [UInt8] {
    var html = HTML()
    html.markup("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
    html.markup("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
    html.element("title", text: title + " - " + site)
    html.open("link", ["rel": "stylesheet", "href": root + "style.css"])
    html.markup("\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">跳到正文</a>\n")
    html.open("header", ["class": letter ? "site noprint" : "site"])
    html.element("p", ["class": "site-name"]) { $0.link(root + "index.html", site) }
    if !navigation.isEmpty {
      html.open("nav", ["aria-label": "栏目"])
      html.open("ul")
      for link in navigation {
        html.open("li")
        if link.href == current {
          html.open("a", ["href": root + link.href, "aria-current": "page"])
        } else {
          html.open("a", ["href": root + link.href])
        }
        html.text(link.label)
        html.markup("</a>")
        html.close("li")
      }
      html.close("ul")
      html.close("nav")
    }
    html.close("header")
    html.open("main", ["id": "main"])
    html.element("h1", text: title)
    body(&html)
    html.close("main")
    html.open("footer", ["class": letter ? "site noprint" : "site"])
    if manifest, let at = footer.range(of: "manifest.json") {
      html.element("p") { html in
        html.text(String(footer[..<at.lowerBound]))
        html.link(root + "manifest.json", "manifest.json")
        html.text(String(footer[at.upperBound...]))
      }
    } else {
      html.element("p", text: footer)
    }
    html.close("footer")
    html.markup("</body>\n</html>\n")
    return html.bytes
  }
}

/// The one stylesheet: system fonts (government intranets have no web fonts), readable contrast
/// (body text #1a1a1a on white, links #0b4f9c: both above 7:1), tables with visible borders, and
/// A4 print: the navigation hidden, tables not split inside a row, links not expanded.
public enum SiteStyle {
  public static let css = """
    :root { color-scheme: light; }
    html { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "SimSun", sans-serif; font-size: 16px; line-height: 1.6; color: #1a1a1a; background: #fff; }
    body { margin: 0; }
    .skip { position: absolute; left: -9999px; }
    .skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .25rem .5rem; outline: 2px solid #0b4f9c; }
    header.site { border-bottom: 3px solid #b4161b; padding: .75rem 1.5rem .25rem; }
    .site-name { margin: 0 0 .5rem; font-size: 1.25rem; font-weight: bold; }
    .site-name a { color: #b4161b; text-decoration: none; }
    nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; }
    nav a { color: #0b4f9c; }
    nav a[aria-current="page"] { font-weight: bold; color: #1a1a1a; text-decoration: none; }
    main { padding: 1rem 1.5rem 2rem; max-width: 72rem; }
    h1 { font-size: 1.6rem; margin: .5rem 0 1rem; }
    h2 { font-size: 1.3rem; margin: 1.75rem 0 .75rem; border-left: 4px solid #b4161b; padding-left: .5rem; }
    h3 { font-size: 1.1rem; margin: 1.25rem 0 .5rem; }
    a { color: #0b4f9c; }
    table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.25rem; font-size: .95rem; }
    caption { text-align: left; font-weight: bold; padding: .25rem 0; }
    th, td { border: 1px solid #8a8a8a; padding: .3rem .5rem; vertical-align: top; text-align: left; overflow-wrap: break-word; }
    th { background: #eef1f5; word-break: keep-all; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    td.nowrap { white-space: nowrap; }
    td.long { overflow-wrap: anywhere; }
    dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: .5rem 0 1.25rem; }
    dl.facts dt { font-weight: bold; }
    dl.facts dd { margin: 0; overflow-wrap: break-word; min-width: 0; }
    code, .mono { font-family: "DejaVu Sans Mono", "Noto Sans Mono CJK SC", monospace; font-size: .9em; overflow-wrap: anywhere; }
    pre { background: #f4f4f4; border: 1px solid #ccc; padding: .75rem; overflow-x: auto; white-space: pre-wrap; }
    .note { background: #fff8e1; border-left: 4px solid #c77700; padding: .5rem .75rem; }
    .box { display: inline-block; width: 1em; height: 1em; border: 1px solid #1a1a1a; vertical-align: middle; }
    .fill { display: block; min-height: 4rem; border: 1px solid #8a8a8a; }
    .sign { display: flex; gap: 2rem; margin-top: 2rem; }
    .keep { break-inside: avoid; }
    .sign p { flex: 1; border-top: 1px solid #1a1a1a; padding-top: .25rem; }
    table.form { table-layout: fixed; }
    table.form col.w-no { width: 3.5em; }
    table.form col.w-basis { width: 22%; }
    table.form col.w-method { width: 5.5em; }
    table.form col.w-answer { width: 7.5em; }
    table.form col.w-finding { width: 24%; }
    table.form td { height: 3rem; }
    .answer { display: block; white-space: nowrap; }
    ul.plain { list-style: none; padding-left: 0; }
    .closing { margin: 2rem 0 1rem auto; width: max-content; max-width: 100%; text-align: center; }
    .closing p { margin: .25rem 0; }
    footer.site { border-top: 1px solid #ccc; color: #444; font-size: .85rem; padding: .5rem 1.5rem 1.5rem; }
    @media print {
      @page { size: A4; margin: 14mm 14mm 15mm; }
      html { font-size: 10.5pt; line-height: 1.45; }
      header.site nav, .skip, .noprint { display: none; }
      header.site { padding: 0 0 .2rem; }
      .site-name { margin: 0; font-size: 1.1rem; }
      main { padding: 0; max-width: none; }
      footer.site { padding: .25rem 0 0; }
      h1 { font-size: 1.4rem; margin: .4rem 0 .6rem; }
      h2 { font-size: 1.15rem; margin: 1rem 0 .4rem; }
      h3 { margin: .75rem 0 .3rem; }
      p { margin: .4rem 0; }
      table { margin: .3rem 0 .75rem; }
      th, td { padding: .2rem .4rem; }
      table.form td { height: 2.2rem; }
      .fill { min-height: 3rem; }
      .sign { margin-top: 1.5rem; }
      .closing { margin: 1rem 0 .5rem auto; }
      a { color: inherit; text-decoration: none; }
      tr, dl.facts, .sign, .closing, .keep { break-inside: avoid; }
      h2, h3, caption { break-after: avoid; }
      .page { break-after: page; }
    }

    """
}
