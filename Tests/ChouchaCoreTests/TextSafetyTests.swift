import Foundation
import XCTest

@testable import ChouchaCore

/// Issue 10, item 7: no invisible character (controls, bidi and format characters) reaches a
/// message, a snippet or items.md raw; quoted strings refuse controls and bidi controls; Markdown
/// cells form no link; `import -o` does not overwrite its input; a lexer error inside a
/// declaration counts as its syntax error (no E0008 after it).
final class TextSafetyTests: XCTestCase {
  /// Every scalar of general category Cc, Cf, Zl or Zp, found by enumerating all of Unicode.
  static let hiddenScalars: [Unicode.Scalar] = (0...0x10FFFF).compactMap { value -> Unicode.Scalar? in
    guard let scalar = Unicode.Scalar(value) else { return nil }
    switch scalar.properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator: return scalar
    default: return nil
    }
  }

  static func hasHidden(_ text: String, allowingNewlines: Bool = false) -> Bool {
    text.unicodeScalars.contains { scalar in
      if allowingNewlines, scalar == "\n" { return false }
      switch scalar.properties.generalCategory {
      case .control, .format, .lineSeparator, .paragraphSeparator: return true
      default: return false
      }
    }
  }

  // MARK: - Shown

  func testIsHiddenIsExactlyTheFourCategories() {
    var hidden = 0
    for value in 0...0x10FFFF {
      guard let scalar = Unicode.Scalar(value) else { continue }
      let expected: Bool
      switch scalar.properties.generalCategory {
      case .control, .format, .lineSeparator, .paragraphSeparator: expected = true
      default: expected = false
      }
      if Shown.isHidden(scalar) != expected { XCTFail("isHidden(\(Shown.codePoint(scalar))) should be \(expected)") }
      if expected { hidden += 1 }
    }
    XCTAssertEqual(hidden, Self.hiddenScalars.count)
    XCTAssertGreaterThan(hidden, 200)  // 65 Cc, 170-odd Cf, Zl, Zp
  }

  func testNoHiddenScalarPassesThroughShownOrADiagnostic() {
    for scalar in Self.hiddenScalars {
      let value = "名\(scalar)称"
      let code = Shown.codePoint(scalar)
      for shown in [Shown.text(value), Shown.text(value, language: .zh), Shown.text(value, language: .en), Shown.path(value)] {
        XCTAssertFalse(Self.hasHidden(shown), "\(code) passed through Shown raw")
        XCTAssertTrue(shown.contains(code), "\(code) is not named by its code point in \(shown)")
      }
      // Raw in the message, label and help, not quoted with Shown.text: the net in Diagnostic.init.
      let diagnostic = Diagnostic(
        .E0003, Text(zh: "中\(value)", en: "en \(value)"), at: Span(file: 0, start: 0, end: 0),
        labels: [.init(Span(file: 0, start: 0, end: 0), Text(zh: value, en: value))], help: Text(zh: value, en: value))
      for text in [diagnostic.message, diagnostic.labels[0].message, diagnostic.help!] {
        XCTAssertFalse(Self.hasHidden(text.zh) || Self.hasHidden(text.en), "\(code) reached a diagnostic raw")
        XCTAssertTrue(text.zh.contains(code) && text.en.contains(code))
      }
    }
  }

  func testNamesComeFromOneTableInEachLanguage() {
    XCTAssertEqual(Shown.name("\u{200B}"), Text(zh: "零宽空格 U+200B", en: "ZERO WIDTH SPACE U+200B"))
    XCTAssertEqual(Shown.name("\u{202E}"), Text(zh: "从右至左覆盖 U+202E", en: "RIGHT-TO-LEFT OVERRIDE U+202E"))
    XCTAssertEqual(Shown.name("\u{FEFF}"), Text(zh: "字节顺序标记 U+FEFF", en: "BYTE ORDER MARK U+FEFF"))
    XCTAssertEqual(Shown.name("\u{1}"), Text(zh: "控制字符 U+0001", en: "CONTROL CHARACTER U+0001"))
    XCTAssertEqual(Shown.name("\u{E0041}"), Text(zh: "标签字符 U+E0041", en: "TAG CHARACTER U+E0041"))
    let diagnostic = Diagnostic(.E0003, Text(zh: "名称“a\u{202E}b”", en: "name 'a\u{202E}b'"), at: Span(file: 0, start: 0, end: 0))
    XCTAssertEqual(diagnostic.message.zh, "名称“a‹U+202E 从右至左覆盖›b”")
    XCTAssertEqual(diagnostic.message.en, "name 'a‹U+202E RIGHT-TO-LEFT OVERRIDE›b'")
    XCTAssertEqual(Shown.text("a\u{200B}b"), "a‹U+200B 零宽空格 ZERO WIDTH SPACE›b")
    for (value, _) in Shown.names {
      XCTAssertTrue(Shown.isHidden(Unicode.Scalar(value)!), "the table names \(value), which is not hidden")
    }
  }

  /// A pasted run is one marker, and a text of many different invisible characters stays within
  /// a few times the limit (names given only for the first few).
  func testShownStaysShortForRunsAndMixtures() {
    XCTAssertEqual(Shown.text(String(repeating: "\u{FEFF}", count: 70)), "‹U+FEFF 字节顺序标记 BYTE ORDER MARK ×70›")
    XCTAssertEqual(Shown.text("a\u{200B}b\u{200B}c", language: .en), "a‹U+200B ZERO WIDTH SPACE›b‹U+200B›c")
    let mixture = String(String.UnicodeScalarView(Self.hiddenScalars.filter { $0 != "\n" }))
    for language: Language? in [nil, .zh, .en] {
      let shown = Shown.text(mixture, language: language)
      XCTAssertLessThanOrEqual(shown.count, 12 * 40, shown)
      XCTAssertTrue(shown.hasSuffix("…"))
    }
    XCTAssertLessThanOrEqual(Diagnostic(.E0003, Text(zh: mixture, en: mixture), at: Span(file: 0, start: 0, end: 0)).message.en.count, 12 * 600)
  }
}
