import ChouchaIntrinsics
import Foundation
import XCTest

@testable import ChouchaCore
@testable import ChouchaDraw

/// A directory's cells go into the published draw as they are (draw-2024.csv and .json): a firm or
/// officer name holding ESC, BEL, a C1 control, DEL, a bidi control (a “Trojan Source” reordered
/// name) or U+2028/U+2029 is refused as imported tables refuse it (E0602 at the character, one per
/// row), by the exact path and, through the UTF-8 check, by the one-pass draw, which then leaves
/// the directory to the exact path; `verify` of a draw published before warns (W0702) and verifies.
final class DirectoryTextTests: XCTestCase {
  /// Every scalar a directory's cell may not hold, from `Shown`'s predicates (not a hand list):
  /// controls (Cc) other than tab and the line breaks, the bidi controls, and the line and
  /// paragraph separators (Zl, Zp).
  static let refused: [Unicode.Scalar] = (0...0x10FFFF).compactMap { value -> Unicode.Scalar? in
    guard let scalar = Unicode.Scalar(value) else { return nil }
    let category = scalar.properties.generalCategory
    let control = Shown.isControl(scalar) && !["\t", "\n", "\r"].contains(scalar)
    return control || Shown.isBidiControl(scalar) || category == .lineSeparator || category == .paragraphSeparator ? scalar : nil
  }

  /// Characters a cell keeps (as imported tables keep them), several sharing the first bytes of a
  /// refused one (C2, D8, E2 80, E2 81): tab, a zero-width space and other format characters
  /// that reorder nothing, quotes, NBSP.
  static let kept: [Unicode.Scalar] = [
    "\t", "\u{A0}", "\u{AD}", "\u{600}", "\u{61B}", "\u{200B}", "\u{200D}", "\u{2010}", "\u{201C}", "\u{2027}", "\u{202F}",
    "\u{2060}", "\u{2065}", "\u{206A}", "\u{FEFF}", "\u{E0001}", "长",
  ]

  func testTheRefusedSetIsTheImportedTablesRule() {
    XCTAssertEqual(Self.refused.count, 62 + 12 + 2)
    for scalar in Self.refused { XCTAssertTrue(Directories.isRefused(scalar), Shown.codePoint(scalar)) }
    for scalar in Self.kept { XCTAssertFalse(Directories.isRefused(scalar), Shown.codePoint(scalar)) }
    // Line breaks are the table's own (a quoted cell may span lines); the rest is Lexer's rule.
    for value in 0...0x3000 {
      guard let scalar = Unicode.Scalar(value), scalar != "\n", scalar != "\r" else { continue }
      XCTAssertEqual(Directories.isRefused(scalar), Lexer.isForbiddenInString(scalar), Shown.codePoint(scalar))
    }
  }

  /// The byte test of the one-pass draw, at every offset of a buffer (the first 64-byte block,
  /// blocks in place, the last bytes through a copy, words of eight): false exactly when a
  /// refused scalar is there, both with SSSE3 and in portable Swift.
  func testByteCheckFindsEveryRefusedScalarAnywhere() {
    let filler = Array("91130102MA00000001,长安区第1家餐馆,餐饮服务,“食品”经营者,A\r\n".utf8)
    var background: [UInt8] = []
    while background.count < 200 { background += filler }
    func check(_ bytes: [UInt8], _ expected: Bool, _ what: String) {
      bytes.withUnsafeBufferPointer { buffer in
        XCTAssertTrue(isValidUTF8Portable(buffer), what)
        XCTAssertEqual(!holdsRefusedCharacterPortable(buffer), expected, "portable, " + what)
        if CPU.hasSSSE3AndSSE41 {
          XCTAssertEqual(UTF8Extensions.isValidAndPlain(buffer.baseAddress!, count: buffer.count), expected, "SSE, " + what)
        }
        XCTAssertEqual(isPlainUTF8(buffer), expected, what)
      }
    }
    check(background, true, "no such character")
    for scalar in Self.refused + Self.kept {
      let encoded = Array(String(scalar).utf8)
      for offset in [0, 1, 7, 8, 15, 16, 61, 62, 63, 64, 65, 127, 128, 150, 190] {
        var bytes = background
        bytes.insert(contentsOf: encoded, at: offset)
        // Only at a character boundary of the filler.
        guard String(validating: bytes, as: UTF8.self) != nil else { continue }
        check(bytes, !Directories.isRefused(scalar), "\(Shown.codePoint(scalar)) at \(offset)")
        check(Array(bytes.prefix(offset + encoded.count)), !Directories.isRefused(scalar), "\(Shown.codePoint(scalar)) at the end")
      }
    }
  }

  static let spec = StreamingDrawTests.spec(maxVisits: nil)
  static let inspectors = String(decoding: StreamingDrawTests.inspectors, as: UTF8.self)

  /// A target directory of plain rows with `name` as the firm name of row `row` (1: the first data
  /// row), and where that name starts in its bytes.
  static func targets(rows: Int = 300, name: String, at row: Int) -> (text: String, nameStart: Int) {
    var text = "统一社会信用代码,名称,行业,标签,信用风险分类\r\n"
    var nameStart = 0
    for index in 1...rows {
      text += "91130102MA\(String(format: "%08d", index)),"
      if index == row { nameStart = text.utf8.count }
      text += "\(index == row ? name : "某店\(index)"),\(["食品销售", "餐饮服务"][index % 2]),食品经营者,\(["A", "B", "C", "D"][index % 4])\r\n"
    }
    return (text, nameStart)
  }

  /// The exact path's finding: one E0602 at the scalar, naming it (Chinese first) and its row
  /// and column, with how to fix it.
  func assertLocated(_ diagnostics: [Diagnostic], _ scalar: Unicode.Scalar, at start: Int, row: Int, column: String, code: DiagnosticCode = .E0602) {
    let what = Shown.codePoint(scalar)
    let found = diagnostics.filter { $0.code == code && $0.message.zh.contains(Shown.name(scalar).zh) }
    XCTAssertEqual(found.count, 1, "\(what): \(diagnostics.map { "\($0.code) \($0.message.zh)" })")
    guard let diagnostic = found.first else { return }
    XCTAssertEqual(diagnostic.span.start, start, what)
    XCTAssertEqual(diagnostic.span.end, start + String(scalar).utf8.count, what)
    XCTAssertTrue(diagnostic.message.zh.contains("第 \(row) 行“\(column)”列"), "\(what): \(diagnostic.message.zh)")
    XCTAssertTrue(diagnostic.message.en.contains(Shown.name(scalar).en), what)
    XCTAssertTrue(diagnostic.help?.zh.contains("删除") ?? false, what)
  }

  /// Each refused scalar in a firm name, in a row at the start, the middle and the end of the
  /// directory: the exact path says E0602 there; the one-pass draw declines it (the exact path
  /// then reports it), and `Drawer.run` refuses the draw with that error.
  func testFirmNameWithRefusedScalarIsLocatedByBothPaths() {
    for scalar in Self.refused {
      for row in [1, 150, 300] {
        let name = "某\(Character(scalar))店\(row)"
        let (text, nameStart) = Self.targets(name: name, at: row)
        let start = nameStart + "某".utf8.count
        var sources = SourceMap()
        let file = sources.add(path: "targets.csv", bytes: Array(text.utf8))
        let inspectors = sources.add(path: "inspectors.csv", bytes: Array(Self.inspectors.utf8))
        let (_, _, exact) = Directories.targets(file, classes: Self.spec.classes)
        assertLocated(exact, scalar, at: start, row: row + 1, column: "名称")
        XCTAssertEqual(exact.map(\.code), [.E0602], Shown.codePoint(scalar))
        let streamed = StreamingDraw(spec: Self.spec, issuer: TicketIssuer(seedHash: Tickets.seedHash(Self.spec.seed)), directory: TargetDirectory(file)).draw()
        XCTAssertNil(streamed, "the one-pass draw leaves \(Shown.codePoint(scalar)) in row \(row) to the exact path")
        let (result, diagnostics) = Drawer.run(Self.spec, targets: file, inspectors: inspectors)
        XCTAssertNil(result, Shown.codePoint(scalar))
        if scalar == "\0" {
          // A NUL is said at once by the first bytes' check (`checkStart`), at the same byte.
          XCTAssertEqual(diagnostics.map(\.span.start), [start])
        } else {
          assertLocated(diagnostics, scalar, at: start, row: row + 1, column: "名称")
        }
      }
    }
  }

  /// Kept characters (tab, zero-width and other format characters that reorder nothing, quotes
  /// sharing a refused character's first bytes) are drawn, by both paths alike, byte for byte.
  func testKeptCharactersDrawTheSameOnBothPaths() throws {
    let options = StreamingDraw.Options(margin: 1, floor: 0.05)
    for scalar in Self.kept {
      var text = Self.targets(name: "", at: 0).text
      // In every tenth name, so that drawn rows hold it.
      for row in stride(from: 1, through: 300, by: 10) {
        text = text.replacingOccurrences(of: ",某店\(row),", with: ",\"某\(Character(scalar))店\(row)\",")
      }
      var sources = SourceMap()
      let file = sources.add(path: "targets.csv", bytes: Array(text.utf8))
      let inspectorFile = sources.add(path: "inspectors.csv", bytes: Array(Self.inspectors.utf8))
      let seedHash = Tickets.seedHash(Self.spec.seed)
      let inspectors = Directories.inspectors(inspectorFile, departments: Self.spec.departments)
      let streamed = try XCTUnwrap(
        StreamingDraw(spec: Self.spec, issuer: TicketIssuer(seedHash: seedHash), directory: TargetDirectory(file), options: options).draw(),
        "the one-pass draw takes \(Shown.codePoint(scalar))")
      let (fast, fastProblems) = Drawer.match(
        Self.spec, seedHash: seedHash, sampled: streamed.tasks, rows: streamed.rows, targetsFingerprint: streamed.fingerprint,
        inspectors: inspectors.0, inspectorsFingerprint: inspectors.1)
      let (exact, exactProblems) = Drawer.exact(Self.spec, targets: TargetDirectory(file), inspectors: inspectors)
      XCTAssertEqual(fastProblems.map(\.code), [])
      XCTAssertEqual(exactProblems.map(\.code), [])
      let document = DrawDocument.json(try XCTUnwrap(exact))
      XCTAssertEqual(DrawDocument.json(try XCTUnwrap(fast)), document, Shown.codePoint(scalar))
      XCTAssertTrue(String(decoding: document, as: UTF8.self).contains("店"), "names are drawn")
    }
  }

  /// Each refused scalar in an officer's name: E0602 at it, and the draw refused (the inspector
  /// directory is always read whole; the target directory's one-pass draw is not reached).
  func testInspectorNameWithRefusedScalarIsLocated() {
    let targets = Self.targets(name: "某店", at: 0).text
    for scalar in Self.refused {
      let prefix = "工号,姓名,部门,执法证号,专长,回避\r\nE0,人员0,SCJG,130102000000,,\r\nE1,人"
      let text = Self.inspectors.replacingOccurrences(of: "E1,人员1,", with: "E1,人\(Character(scalar))员1,")
      XCTAssertTrue(text.hasPrefix(prefix), "the fixture's second officer")
      var sources = SourceMap()
      let targetFile = sources.add(path: "targets.csv", bytes: Array(targets.utf8))
      let file = sources.add(path: "inspectors.csv", bytes: Array(text.utf8))
      let (_, _, exact) = Directories.inspectors(file, departments: Self.spec.departments)
      assertLocated(exact, scalar, at: prefix.utf8.count, row: 3, column: "姓名")
      XCTAssertEqual(exact.map(\.code), [.E0602], Shown.codePoint(scalar))
      let (result, diagnostics) = Drawer.run(Self.spec, targets: targetFile, inspectors: file)
      XCTAssertNil(result, Shown.codePoint(scalar))
      XCTAssertEqual(diagnostics.map(\.span.start), [prefix.utf8.count], Shown.codePoint(scalar))
    }
  }

  /// One diagnostic per row, at its first such character, counting the others; headings and a
  /// quoted cell are looked at in the file's bytes.
  func testOneDiagnosticPerRowAtTheFirst() {
    let header = "统一社会信用代码,名称,行业,标签,信用风险分类,备注\u{202E}\r\n"
    let text = header + "91,\"某\u{1B}[31m店\",\"食品\u{7}销售\u{200F}\",,A,\r\n92,乙,零售,,B,\r\n"
    let (_, _, diagnostics) = Directories.targets(SourceFile(id: 0, path: "t.csv", bytes: Array(text.utf8)), classes: ["A", "B"])
    XCTAssertEqual(diagnostics.map(\.code), [.E0602, .E0602])
    XCTAssertEqual(diagnostics.first?.message.zh, "检查对象名录第 1 行（列名）有从右至左覆盖 U+202E")
    XCTAssertEqual(diagnostics.last?.message.zh, "检查对象名录第 2 行“名称”列有转义符 U+001B（这一行还有 2 个这类字符）")
    XCTAssertEqual(diagnostics.last?.span.start, (header + "91,\"某").utf8.count)
  }

  /// `verify` of a draw published before this rule (which drew such a name as it was): the cell is
  /// a warning that a draw today refuses it (W0702), and the draw is re-run byte for byte, for a
  /// firm's name in a drawn row and for an officer's name, each refused scalar.
  func testPublishedDrawWithRefusedScalarStillVerifies() throws {
    let fixture = try VerifyTests.fixture()
    let original = try VerifyTests.read(fixture.document).get()
    let targetsText = String(decoding: fixture.targets, as: UTF8.self)
    let inspectorsText = String(decoding: fixture.inspectors, as: UTF8.self)
    // A firm and an officer the fixture's draw names.
    let document = String(decoding: fixture.document, as: UTF8.self)
    XCTAssertTrue(document.contains("长安区第1家餐馆") && document.contains("王伟"))
    // NUL is no directory at all (the first bytes' check, before any reading): not a cell to warn of.
    for scalar in Self.refused where scalar != "\0" {
      let targets = Array(targetsText.replacingOccurrences(of: "长安区第1家餐馆", with: "长安区\(Character(scalar))第1家餐馆").utf8)
      let inspectors = Array(inspectorsText.replacingOccurrences(of: "王伟", with: "王\(Character(scalar))伟").utf8)
      // Drawn today: refused, at both names.
      let (refusedResult, errors) = DrawTests.draw(original.spec, targets: targets, inspectors: inspectors)
      XCTAssertNil(refusedResult)
      XCTAssertEqual(errors.map(\.code), [.E0602, .E0602], "\(Shown.codePoint(scalar)): \(errors.map(\.message.zh))")
      // The document the draw wrote before the rule (the published reading draws as it did).
      let (published, _) = VerifyTests.redraw(original.spec, targets: targets, inspectors: inspectors)
      let old = DrawDocument.json(try XCTUnwrap(published, Shown.codePoint(scalar)))
      XCTAssertNotEqual(old, fixture.document)
      // verify: the document read back, the draw re-run by the published reading.
      let spec = try VerifyTests.read(old).get().spec
      let (again, warnings) = VerifyTests.redraw(spec, targets: targets, inspectors: inspectors)
      XCTAssertEqual(DrawDocument.json(try XCTUnwrap(again)), old, Shown.codePoint(scalar))
      XCTAssertEqual(warnings.map(\.code), [.W0702, .W0702], "\(Shown.codePoint(scalar)): \(warnings.map(\.message.zh))")
      for warning in warnings {
        XCTAssertTrue(warning.message.zh.contains(Shown.name(scalar).zh), warning.message.zh)
        XCTAssertTrue(warning.message.zh.contains("今天的抽取会拒绝"), warning.message.zh)
      }
    }
  }
}
