import XCTest

@testable import ChouchaCore

/// The HTML builder every published page and printed paper goes through.
final class HTMLTests: XCTestCase {
  private func text(_ html: HTML) -> String { String(decoding: html.bytes, as: UTF8.self) }

  func testTextFromRulesCannotOpenATagOrCloseAnAttribute() {
    var html = HTML()
    html.element("td", ["title": "\" onmouseover=\"x"], text: "<script>alert('x')</script> & 餐饮")
    XCTAssertEqual(
      text(html),
      "<td title=\"&quot; onmouseover=&quot;x\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; 餐饮</td>\n")
  }

  /// A bidi override would reorder the text after it on the page: it is shown, not obeyed.
  func testHiddenCharactersAreShownAsCodePoints() {
    var html = HTML()
    html.text("甲\u{202E}乙\u{200B}丙\u{1B}丁")
    XCTAssertEqual(text(html), "甲‹U+202E›乙‹U+200B›丙‹U+001B›丁")
    XCTAssertFalse(html.bytes.contains(0x1B))
  }

  func testPlainTextIsCopiedWhole() {
    var html = HTML()
    html.text("长安区市场监督管理局 2024")
    XCTAssertEqual(text(html), "长安区市场监督管理局 2024")
  }

  /// An empty cell is visibly empty, and a numeric column is marked for alignment.
  func testTableHasHeadersAndShowsBlanks() {
    var html = HTML()
    html.table(caption: "事项", header: ["编号", "数量"], rows: [["SX-1", ""]], numeric: [1])
    let page = text(html)
    XCTAssertTrue(page.contains("<th scope=\"col\">编号</th>"))
    XCTAssertTrue(page.contains("<caption>事项</caption>"))
    XCTAssertTrue(page.contains("<td class=\"num\">—</td>"))
  }

  func testPageShellIsChineseAndAsksNothingOfTheNetwork() {
    let bytes = Page.render(
      title: "抽查事项清单 <1>", root: "../", site: "长安区", navigation: [.init("items.html", "事项")],
      current: "items.html", footer: "choucha"
    ) { $0.element("p", text: "正文") }
    let page = String(decoding: bytes, as: UTF8.self)
    XCTAssertTrue(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\">"))
    XCTAssertTrue(page.contains("<title>抽查事项清单 &lt;1&gt; - 长安区</title>"))
    XCTAssertTrue(page.contains("<link rel=\"stylesheet\" href=\"../style.css\">"))
    XCTAssertTrue(page.contains("<a href=\"../items.html\" aria-current=\"page\">事项</a>"))
    XCTAssertTrue(page.contains("<main id=\"main\">"))
    XCTAssertFalse(page.contains("http"))
    XCTAssertFalse(SiteStyle.css.contains("http"), "the stylesheet loads no font or image")
    XCTAssertFalse(SiteStyle.css.contains("url("))
  }
}
