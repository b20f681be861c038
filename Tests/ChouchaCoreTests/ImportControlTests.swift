import XCTest

@testable import ChouchaCore
@testable import ChouchaDraw

/// `choucha import` and the characters a rule file cannot hold (controls, line separators, bidi
/// controls: `Lexer.isForbiddenInString`). Before, `quoted()` and `CommentText.line` dropped them
/// without a word (`食品\u{1B}[31m经营者` came out as `食品[31m经营者`). Now each is written as its
/// code point (`‹U+001B›`), in a name and in a comment alike, with a W0603 at the character.
final class ImportControlTests: XCTestCase {
  /// Every scalar the lexer refuses in a string, but a cell's own line breaks (LF, and CR, which
  /// the importer reads as LF): those are lines of the cell, joined in a name and kept as lines in
  /// a comment.
  static let refused: [Unicode.Scalar] = (0...0x10FFFF).compactMap(Unicode.Scalar.init).filter {
    Lexer.isForbiddenInString($0) && $0 != "\n" && $0 != "\r"
  }

  static let header = "抽查事项,检查对象,事项类别,检查方式,检查主体,抽查比例,抽查频次,备注\n"

  /// The byte offset of the first `scalar` in `text`, which is UTF-8 (self-synchronising: a
  /// scalar's bytes are found only where it is).
  static func offset(of scalar: Unicode.Scalar, in text: String, after start: Int = 0) -> Int? {
    let bytes = Array(text.utf8)
    let needle = Array(String(scalar).utf8)
    guard bytes.count >= needle.count, start <= bytes.count - needle.count else { return nil }
    for index in start...(bytes.count - needle.count) where Array(bytes[index..<(index + needle.count)]) == needle {
      return index
    }
    return nil
  }

  func testEveryRefusedCharacterIsShownAndWarnedInANameAndInAComment() {
    XCTAssertGreaterThan(Self.refused.count, 60)
    for scalar in Self.refused {
      let c = String(scalar)
      let marker = Shown.marker(scalar, nil, named: false)
      XCTAssertEqual(marker, "‹\(Shown.codePoint(scalar))›")
      // Row 2: the item's name (a string) and 备注 (a comment) each hold it.
      let sheet = Self.header + "\"食品\(c)经营者检查\",食品经营者,一般检查事项,现场检查,区市场监督管理局,5%,1次/年,\"见\(c)附件\"\n"
      let label = "U+\(String(scalar.value, radix: 16, uppercase: true))"
      for keywords in [Language.zh, .en] {
        let result = SheetImporter.run(path: "t.csv", bytes: Array(sheet.utf8), options: .init(kind: .items, keywords: keywords))
        XCTAssertNil(result.internalError, "\(label): \(result.internalError.map { $0.message.en } ?? "")")
        XCTAssertEqual(result.diagnostics.errorCount, 0, label)
        // Visible where it was: in the name (a string) and in the comment.
        XCTAssertTrue(result.source.contains("\"食品\(marker)经营者检查\""), "\(label)\n\(result.source)")
        XCTAssertTrue(result.source.contains("见\(marker)附件"), "\(label)\n\(result.source)")
        XCTAssertFalse(result.source.unicodeScalars.contains(scalar), label)
        // One warning per cell, at the character, naming row, column and the character.
        let name = Self.offset(of: scalar, in: sheet)!
        let note = Self.offset(of: scalar, in: sheet, after: name + 1)!
        for (at, heading) in [(name, "抽查事项"), (note, "备注")] {
          let found = result.diagnostics.filter { $0.code == .W0603 && $0.span.start == at }
          XCTAssertEqual(found.count, 1, "\(label) \(heading): \(result.diagnostics.map { "\($0.span.start) \($0.message.en)" })")
          guard let warning = found.first else { continue }
          XCTAssertEqual(warning.span.end - warning.span.start, String(scalar).utf8.count, label)
          XCTAssertTrue(warning.message.zh.contains("第 2 行“\(heading)”"), warning.message.zh)
          XCTAssertTrue(warning.message.en.contains("row 2, \(heading)"), warning.message.en)
          XCTAssertTrue(warning.message.zh.contains(Shown.codePoint(scalar)), warning.message.zh)
          XCTAssertTrue(warning.message.en.contains(Shown.codePoint(scalar)), warning.message.en)
          XCTAssertTrue(warning.message.en.contains(marker), warning.message.en)
        }
        // What was written reads: no syntax error.
        let (_, compilation) = ImportTests.checkSummary(result.source)
        let syntax: Set<DiagnosticCode> = [.E0001, .E0002, .E0003, .E0004, .E0005]
        XCTAssertEqual(compilation.diagnostics.filter { syntax.contains($0.code) }.map(\.message.en), [], label)
      }
    }
  }

  /// The authority list too: a refused character in 事项名称 (a string) and in 备注 (a comment).
  func testAuthoritiesShowAndWarnToo() {
    let sheet = "事项编码,事项名称,事项类型,实施主体,设定依据,备注\n"
      + "130102-JC-001,\"对食品\u{1B}[31m经营者的监督检查\",行政检查,区市场监督管理局,《中华人民共和国食品安全法》第一百一十条,\"响\u{7}铃\"\n"
    let result = SheetImporter.run(path: "t.csv", bytes: Array(sheet.utf8), options: .init(kind: .authorities))
    XCTAssertNil(result.internalError)
    XCTAssertEqual(result.diagnostics.errorCount, 0, result.diagnostics.map(\.message.en).description)
    XCTAssertTrue(result.source.contains("\"对食品‹U+001B›[31m经营者的监督检查\""), result.source)
    XCTAssertTrue(result.source.contains("响‹U+0007›铃"), result.source)
    let warned = result.diagnostics.filter { $0.code == .W0603 }.map(\.span.start)
    XCTAssertEqual(warned, [Self.offset(of: "\u{1B}", in: sheet)!, Self.offset(of: "\u{7}", in: sheet)!])
  }

  /// Several such characters in one cell: one warning, at the first, counting the others; each is
  /// written. A cell's line breaks are no such character: no warning.
  func testOneWarningPerCellAndLineBreaksAreLines() {
    let sheet = Self.header
      + "\"红\u{1B}[2J\u{7}灯\u{202E}\",食品经营者,一般检查事项,现场检查,区市场监督管理局,5%,1次/年,\"第一行\n第二行\"\n"
    let result = SheetImporter.run(path: "t.csv", bytes: Array(sheet.utf8), options: .init(kind: .items))
    XCTAssertNil(result.internalError)
    XCTAssertTrue(result.source.contains("\"红‹U+001B›[2J‹U+0007›灯‹U+202E›\""), result.source)
    let warnings = result.diagnostics.filter { $0.code == .W0603 }
    XCTAssertEqual(warnings.count, 1, warnings.map(\.message.en).description)
    XCTAssertEqual(warnings.first?.span.start, Self.offset(of: "\u{1B}", in: sheet))
    XCTAssertTrue(warnings.first?.message.en.contains("2 more") ?? false, warnings.first?.message.en ?? "")
    XCTAssertTrue(result.source.contains("第一行"), result.source)
    XCTAssertTrue(result.source.contains("第二行"), result.source)
  }
}
