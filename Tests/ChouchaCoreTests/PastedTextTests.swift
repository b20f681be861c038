import XCTest

@testable import ChouchaCore

/// Issue 13: pasted invisible and look-alike characters (W0009), and the natural spellings of
/// durations, frequencies and date ranges. The golden cases are under `Tests/Fixtures/check/`
/// (`warn-pasted-characters`, `warn-fullwidth-space-in-name`, `ok-natural-spellings`, …); these
/// pin what the goldens cannot show at a glance.
final class PastedTextTests: XCTestCase {
  static func diagnostics(_ text: String) -> [Diagnostic] {
    Parser.parse(SourceFile(id: 0, path: "a.choucha", bytes: Array(text.utf8))).1
  }

  /// One pasted character, one diagnostic; past 100 in a file, one more that counts the rest.
  func testPastedCharactersAreReportedOnceEachAndBounded() {
    let one = Self.diagnostics("部门 SJJ \"区审计局\" { 类型\u{200B}\u{200B} 本级 }\n")
    XCTAssertEqual(one.map(\.code), [.W0009])
    XCTAssertTrue(one[0].message.zh.contains("零宽空格 U+200B"), one[0].message.zh)
    XCTAssertTrue(one[0].message.zh.contains("连续 2 个"), one[0].message.zh)

    let many = Self.diagnostics(String(repeating: "\u{A0}x\n", count: 150))
    let warnings = many.filter { $0.code == .W0009 }
    XCTAssertEqual(warnings.count, 101)
    XCTAssertTrue(warnings.last!.message.zh.contains("还有 50 处"), warnings.last!.message.zh)
  }

  /// A zero-width space inside a code is read as if it were not there: what cites the code finds it.
  func testZeroWidthInsideACodeKeepsTheCode() {
    let text = """
      部门 SJJ "区审计局" { 类型 本级 }
      部门 SJ\u{200B}J2 "区审计局二" { 类型 本级 }
      权责 JC-\u{FEFF}002 "审计监督检查" { 类型 行政检查; 部门 SJJ2; 依据 审计法 }

      """
    let (syntax, diagnostics) = Parser.parse(SourceFile(id: 0, path: "a.choucha", bytes: Array(text.utf8)))
    XCTAssertEqual(diagnostics.map(\.code), [.W0009, .W0009])
    let codes = syntax.declarations.compactMap { declaration -> String? in
      switch declaration {
      case .department(let department): return department.header.id.value
      case .authority(let authority): return authority.header.id.value
      default: return nil
      }
    }
    XCTAssertEqual(codes, ["SJJ", "SJJ2", "JC-002"])
  }

  func testFrequencySpellings() {
    for (word, value) in [("1次", 1), ("每年2次", 2), ("一年3次", 3), ("1次/年", 1), ("4次／年", 4), ("全年1次", 1), ("每年1", 1)] {
      XCTAssertEqual(Frequency.natural(word), value, word)
    }
    for word in ["1", "次", "每年次", "1-2次/年", "不少于1次", "每季度1次", "1.5次"] {
      XCTAssertNil(Frequency.natural(word), word)
    }
    XCTAssertEqual(Frequency.corrections("1-2次/年"), ["1", "2"])
    XCTAssertEqual(Frequency.corrections("不少于1次"), ["1"])
    XCTAssertEqual(Frequency.corrections("每季度1次"), ["4"])
    XCTAssertEqual(Frequency.corrections("每半年1次"), ["2"])
    XCTAssertEqual(Frequency.corrections("１"), ["1"])
    XCTAssertEqual(Frequency.corrections("经常"), [])
  }

  /// A dash is a range only between two numbers; elsewhere it stays an unexpected character.
  func testDashIsARangeOnlyBetweenNumbers() {
    let file = SourceFile(id: 0, path: "a", bytes: Array("2024-03-01 — 2024-11-30 JC—01 x —1".utf8))
    let kinds = Lexer.tokenize(file).tokens.map(\.kind)
    XCTAssertEqual(kinds, [.word, .range, .word, .word, .invalid, .word, .word, .invalid, .word, .end])
  }
}
