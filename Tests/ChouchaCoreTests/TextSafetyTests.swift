import Foundation
import XCTest

@testable import ChouchaCore
@testable import ChouchaDraw

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
    XCTAssertEqual(Shown.name("\u{3000}"), Text(zh: "全角空格 U+3000", en: "IDEOGRAPHIC SPACE U+3000"))
    XCTAssertEqual(Shown.name("\u{A0}"), Text(zh: "不换行空格 U+00A0", en: "NO-BREAK SPACE U+00A0"))
    XCTAssertEqual(Shown.name("\u{2008}").zh, "标点空格 U+2008")
    for (value, _) in Shown.names {
      let scalar = Unicode.Scalar(value)!
      XCTAssertTrue(
        Shown.isHidden(scalar) || scalar.properties.generalCategory == .spaceSeparator,
        "the table names \(value), which is neither hidden nor a space")
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

  // MARK: - Renderers

  /// A rule file whose line holds a bidi override and a zero-width space before an error, with the
  /// file's path holding one too: no renderer prints any of them raw, and the carets stay under
  /// the character reported.
  func testEveryRendererIsFreeOfHiddenCharacters() throws {
    let text = "法规 反垄断法 \"反\u{200B}垄断\u{202E}法\" { 施行 2008-08-01 }\n"
    let path = "规则\u{202E}txt.choucha"
    let compilation = Compiler.compile(texts: [(path, text)])
    let diagnostics = compilation.diagnostics
    let error = try XCTUnwrap(diagnostics.first { $0.code == .E0003 })
    XCTAssertEqual(error.span.start, text.utf8.count - " { 施行 2008-08-01 }\n".utf8.count - "\u{202E}法\"".utf8.count)
    // One more diagnostic carrying raw user text in a label and a help, to reach those fields.
    let extra = Diagnostic(
      .E0003, Text(zh: "x\u{2066}", en: "x\u{2066}"), at: error.span,
      labels: [.init(error.span, Text(zh: "标签\u{202E}", en: "label\u{202E}"))], help: Text(zh: "帮助\u{061C}", en: "help\u{061C}"))
    let all = diagnostics + [extra]
    for language in Language.allCases {
      // The path is data in JSON and GitHub's commands (a tool opens the file by it): exact there.
      // SARIF percent-encodes it; the human format marks it.
      let outputs = [
        HumanRenderer(language: language).render(all, sources: compilation.sources),
        JSONRenderer(language: language).render(all, sources: compilation.sources, fileCount: 1)
          .replacingOccurrences(of: path, with: ""),
        SARIFRenderer(language: language, version: "test").render([(all, compilation.sources)]),
        GitHubRenderer(language: language).render([(all, compilation.sources)]).replacingOccurrences(of: path, with: ""),
      ]
      for output in outputs {
        XCTAssertFalse(Self.hasHidden(output, allowingNewlines: true), output)
      }
    }
    // The carets: under the marker that stands for U+202E, as wide as it.
    let human = HumanRenderer(language: .zh).render(error, sources: compilation.sources)
    XCTAssertTrue(human.hasPrefix("规则‹U+202E 从右至左覆盖 RIGHT-TO-LEFT OVERRIDE›txt.choucha:1:"), human)
    let lines = human.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let source = try XCTUnwrap(lines.first { $0.hasPrefix("1 | ") })
    let carets = try XCTUnwrap(lines.first { $0.contains("^") })
    let printed = String(source.dropFirst(4))
    let markerStart = try XCTUnwrap(printed.range(of: "‹U+202E›"))
    XCTAssertTrue(printed.contains("‹U+200B›"))
    let column = DisplayWidth.of(printed[..<markerStart.lowerBound])
    let caretRow = String(carets.dropFirst(4))
    XCTAssertEqual(caretRow, String(repeating: " ", count: column) + String(repeating: "^", count: "‹U+202E›".count), human)
  }

  // MARK: - Quoted strings

  /// Every invisible character, inside both kinds of quotes: either the lexer reports it, at its
  /// exact place and by its code point (controls but tab, bidi controls, line and paragraph
  /// separators), or it is one Grammar.md allows (tab; other format characters) and kept as it is.
  func testQuotedStringsRefuseControlsAndBidiControls() {
    for scalar in Self.hiddenScalars where scalar != "\n" && scalar != "\u{0}" {
      for (open, close) in [("\"", "\""), ("“", "”")] {
        let prefix = "法规 L \(open)名"
        let text = prefix + "\(scalar)称\(close) { 施行 2024-01-01 }\n"
        let file = SourceFile(id: 0, path: "a.choucha", bytes: Array(text.utf8))
        let (tokens, diagnostics) = Lexer.tokenize(file)
        let code = Shown.codePoint(scalar)
        let expectRefusal = scalar.value != 0x09 && (scalar.properties.generalCategory == .control || Shown.isBidiControl(scalar)
          || scalar.properties.generalCategory == .lineSeparator || scalar.properties.generalCategory == .paragraphSeparator)
        XCTAssertEqual(Lexer.isForbiddenInString(scalar), expectRefusal, code)
        if expectRefusal {
          XCTAssertEqual(diagnostics.count, 1, "\(code): \(diagnostics.map(\.message.en))")
          guard let diagnostic = diagnostics.first else { continue }
          XCTAssertEqual(diagnostic.code, .E0003)
          XCTAssertEqual(diagnostic.span.start, prefix.utf8.count, code)
          XCTAssertEqual(diagnostic.span.end, prefix.utf8.count + String(scalar).utf8.count, code)
          XCTAssertTrue(diagnostic.message.zh.contains(code) && diagnostic.message.en.contains(code), diagnostic.message.en)
          XCTAssertNotNil(diagnostic.help)
        } else {
          XCTAssertEqual(diagnostics, [], code)
          let strings = tokens.filter { $0.kind == .string }
          XCTAssertEqual(strings.count, 1, code)
        }
      }
    }
  }

  /// The attack of the issue: ESC, BEL and CR inside a name. None reaches items.csv or items.md:
  /// the file does not check.
  func testEscapeSequencesInANameAreErrors() {
    for name in ["红\u{1B}[2J灯", "响\u{7}铃", "回\r车", "删\u{7F}除", "下\u{85}行", "反\u{202E}转", "隔\u{2066}离", "分\u{2028}行"] {
      let compilation = Compiler.compile(texts: [("a.choucha", "部门 SCJG \"\(name)\" { 类型 本级 }\n")])
      XCTAssertEqual(compilation.diagnostics.map(\.code).filter { $0 != .E0501 }, [.E0003], name)
    }
    // Several in one string: one error, at the first, saying how many more.
    let compilation = Compiler.compile(texts: [("a.choucha", "部门 SCJG \"a\u{1B}b\u{1B}c\u{7}\" { 类型 本级 }\n")])
    let errors = compilation.diagnostics.filter { $0.code != .E0501 }  // E0501: the file has no plan
    XCTAssertEqual(errors.map(\.code), [.E0003])
    XCTAssertEqual(errors.first?.span.start, "部门 SCJG \"a".utf8.count)
    XCTAssertTrue(errors.first?.message.en.contains("2 more") ?? false)
  }

  /// A CRLF file: the CR before the line feed ends an unterminated string's line, it is not in it.
  func testCarriageReturnOfACRLFLineIsNotInTheString() {
    let compilation = Compiler.compile(texts: [("a.choucha", "部门 SCJG \"区市场监督管理局\r\n")])
    XCTAssertFalse(compilation.diagnostics.contains { $0.code == .E0003 }, "\(compilation.diagnostics.map(\.message.en))")
    XCTAssertTrue(compilation.diagnostics.contains { $0.code == .E0002 })
    let fine = Compiler.compile(texts: [("a.choucha", "部门 SCJG \"区市场监督管理局\" { 类型 本级 }\r\n")])
    XCTAssertEqual(fine.diagnostics.map(\.code).filter { $0 != .E0501 }, [])
  }

  /// `import` writes strings the lexer reads back: a sheet cell holding any invisible character
  /// (a bidi override, a C1 control, a line separator) never makes the generated source fail.
  func testImportedCellsWithInvisibleCharactersStillParse() {
    for scalar in Self.hiddenScalars where scalar != "\n" && scalar != "\r" && scalar != "\"" && scalar != "\u{0}" {
      let sheet = "序号,抽查事项,检查对象,事项类别,检查方式,检查主体,抽查比例,抽查频次,抽查内容\n"
        + "1,对食品经营者的\(scalar)监督检查,餐饮\(scalar)服务经营者,一般检查事项,现场检查,区市场监督管理局,5%,1,检查\(scalar)内容\n"
      let result = SheetImporter.run(path: "t.csv", bytes: Array(sheet.utf8), options: .init(kind: .items, department: "SCJG"))
      XCTAssertNil(result.internalError, "\(Shown.codePoint(scalar)): \(result.internalError.map { $0.message.en } ?? "")")
      XCTAssertFalse(result.source.unicodeScalars.contains { Lexer.isForbiddenInString($0) && $0 != "\n" }, Shown.codePoint(scalar))
    }
  }

  // MARK: - E0008 after a lexer error

  /// Grammar.md §6: a declaration with a syntax error is not also missing its required fields. A
  /// stray character, a control in a string: lexer errors, which the parser skips as trivia.
  func testLexerErrorInsideADeclarationSuppressesE0008() {
    let declarations = [
      "法规 价格法 \"中华人民共和国价格法\" {\n  施行 ¤ 2024-01-01\n}\n",
      "法规 价格法 \"中华人民共和国价格法\" { ¤ }\n",
      "事项 A \"事项\" { 内容 \"a\u{1B}b\" }\n",
      "法规 价格法 \"价格\u{202E}法\" { }\n",
      "部门 SCJG \"局\" { 类型 本级 }\n事项 A \"事项\" {\n  部门 SCJG ¤\n}\n",
      "计划 2024 \"计划\" { ¤ }\n",
    ]
    for text in declarations {
      let compilation = Compiler.compile(texts: [("a.choucha", text)])
      let codes = compilation.diagnostics.map(\.code)
      XCTAssertTrue(codes.contains(.E0003), "\(text): \(codes)")
      XCTAssertFalse(codes.contains(.E0008), "\(text): \(codes)")
    }
    // A lexer error outside the declaration does not hide its missing field.
    let outside = Compiler.compile(texts: [("a.choucha", "¤\n法规 价格法 \"中华人民共和国价格法\" { }\n¤\n")])
    XCTAssertTrue(outside.diagnostics.contains { $0.code == .E0008 }, "\(outside.diagnostics.map(\.code))")
  }

  // MARK: - Markdown

  /// Markdown injection payloads: in a cell each is literal text. Checked against CommonMark's
  /// rules rather than a renderer: every markup character left in the cell is backslash-escaped
  /// (which always yields the character itself) or part of an entity or `<br>` the writer made.
  static let markdownPayloads = [
    "[x](javascript:alert(1))", "![x](https://evil.example/p.png)", "[x](<javascript:alert(1)>)",
    "<javascript:alert(1)>", "<https://evil.example>", "<a@b.example>", "[x]: javascript:alert(1)",
    "[x][y]", "[x]\n(javascript:alert(1))", "\\[x\\](javascript:alert(1))", "\\\\[x](javascript:alert(1))",
    "`code`", "``x``", "*em* **strong** _em_ __strong__", "~~strike~~", "$x^2$", "$$x$$", "@someone",
    "<img src=x onerror=alert(1)>", "<!-- x -->", "&lt;script&gt;", "javascript&#58;alert(1)",
    "a | b", "https://evil.example", "www.evil.example", "a@b.example", ":smile:", "[^1]", "[ ](x)",
    "&#x5B;x&#x5D;(javascript:alert(1))", "\u{202E}[x](y)", "名称\r\n[x](y)", "\t[x](y)",
  ]

  /// Returns the cell decoded as CommonMark inline text, or nil where markup could be formed.
  static func literalText(_ cell: String) -> String? {
    var result = ""
    var rest = Substring(cell)
    while let first = rest.first {
      if first == "\\" {
        guard let next = rest.dropFirst().first, next.isASCII, next.isPunctuation || next.isSymbol else { return nil }
        result.append(next)
        rest = rest.dropFirst(2)
        continue
      }
      if first == "&" || first == "<" {
        let known = ["&lt;": "<", "&gt;": ">", "&amp;": "&", "&#9;": "\t", "<br>": "\n"]
        guard let (token, value) = known.first(where: { rest.hasPrefix($0.key) }) else { return nil }
        result += value
        rest = rest.dropFirst(token.count)
        continue
      }
      if "[]!`*_~$@:|>".contains(first) { return nil }
      result.append(first)
      rest = rest.dropFirst()
    }
    return result
  }

  func testMarkdownCellsFormNoLink() {
    var generator = SystemRandomNumberGenerator()
    let alphabet = Array("[]()!<>`*_~$@:|\\&#;\"' \nx名\r\t")
    var payloads = Self.markdownPayloads
    for _ in 0..<2000 {
      payloads.append(String((0..<Int.random(in: 1...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }))
    }
    for payload in payloads {
      let cell = MarkdownWriter.cell(payload)
      let decoded = Self.literalText(cell)
      XCTAssertNotNil(decoded, "\(payload.debugDescription) → \(cell.debugDescription) can form markup")
      XCTAssertFalse(Self.hasHidden(cell), cell.debugDescription)
      if !Self.hasHidden(payload) {
        // Nothing lost: the cell reads as the text (a CR LF pair as one line break).
        XCTAssertEqual(decoded, payload.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n"))
      }
    }
    XCTAssertEqual(MarkdownWriter.cell("[x](javascript:alert(1))"), "\\[x\\](javascript\\:alert(1))")
  }

  func testNoHiddenScalarReachesAMarkdownCell() {
    for scalar in Self.hiddenScalars {
      let cell = MarkdownWriter.cell("名\(scalar)称")
      XCTAssertFalse(Self.hasHidden(cell), Shown.codePoint(scalar))
    }
    XCTAssertEqual(MarkdownWriter.cell("零\u{200B}宽"), "零‹U+200B›宽")
  }

  /// End to end: an item named with a link and a jurisdiction with an image: items.md shows both
  /// as text.
  func testItemsMarkdownShowsLinksAsText() throws {
    let text = """
      部门 SCJG "区市场监督管理局" { 类型 本级 }
      法规 食品安全法 "中华人民共和国食品安全法" { 施行 2015-10-01 }
      权责 130102-JC-001 "对食品经营者的监督检查" { 类型 行政检查; 部门 SCJG; 依据 食品安全法 "第一百一十条" }
      计划 2024 "2024年抽查工作计划" { 辖区 "![x](https://evil.example/p.png)"; 期间 2024-03-01 .. 2024-11-30 }
      事项 SP-01 "[点此](javascript:alert(1))" {
        部门 SCJG; 权责 130102-JC-001; 依据 食品安全法 "第一百一十条"
        类别 一般; 对象 餐饮服务经营者; 方式 实地检查; 比例 5%; 频次 1
      }
      日历 2024 { 节假日 2024-10-01 .. 2024-10-07 }

      """
    let compilation = Compiler.compile(texts: [("a.choucha", text)])
    XCTAssertFalse(compilation.hasErrors, "\(compilation.diagnostics.map(\.message.en))")
    let files = Documents.build(try XCTUnwrap(Planner.plan(compilation.program, year: nil)))
    let markdown = String(decoding: try XCTUnwrap(files.first { $0.name == "items.md" }).bytes, as: UTF8.self)
    XCTAssertTrue(markdown.contains("\\[点此\\](javascript\\:alert(1))"), markdown)
    XCTAssertTrue(markdown.hasPrefix("# \\!\\[x\\](https\\://evil.example/p.png) 2024"), markdown)
    XCTAssertFalse(markdown.contains("[点此]("))
  }

  // MARK: - import -o onto its input

  func testImportRefusesToOverwriteItsInput() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("choucha-import-self-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let original = try Data(contentsOf: RepositoryTests.root.appendingPathComponent("Tests/Fixtures/import/ok-bom/input.csv"))
    let table = directory.appendingPathComponent("table.csv")
    try original.write(to: table)
    let symlink = directory.appendingPathComponent("link.csv")
    try FileManager.default.createSymbolicLink(at: symlink, withDestinationURL: table)
    let hardlink = directory.appendingPathComponent("hard.csv")
    try FileManager.default.linkItem(at: table, to: hardlink)
    let dotted = directory.path + "/./table.csv"
    for output in [table.path, symlink.path, hardlink.path, dotted] {
      let (status, _, errors) = try RepositoryTests.launch(["import", "items", table.path, "--department", "SCJG", "-o", output])
      XCTAssertEqual(status, 2, "\(output): \(errors)")
      XCTAssertTrue(errors.contains("overwrite"), errors)
      XCTAssertEqual(try Data(contentsOf: table), original, "the table was overwritten through \(output)")
    }
    // Through --rules: a rule file the import read is not overwritten either.
    let rules = directory.appendingPathComponent("Rules")
    try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
    let ruleFile = rules.appendingPathComponent("departments.choucha")
    let ruleText = Data("部门 SCJG \"区市场监督管理局\" { 类型 本级 }\n".utf8)
    try ruleText.write(to: ruleFile)
    let (status, _, errors) = try RepositoryTests.launch(
      ["import", "items", table.path, "--department", "SCJG", "--rules", rules.path, "-o", ruleFile.path])
    XCTAssertEqual(status, 2, errors)
    XCTAssertEqual(try Data(contentsOf: ruleFile), ruleText)
    // A code given on the command line is quoted with its invisible characters named.
    let (refused, _, said) = try RepositoryTests.launch(["import", "items", table.path, "--department", "SC\u{202E}JG"])
    XCTAssertEqual(refused, 2)
    XCTAssertTrue(said.contains("SC‹U+202E"), said)
    XCTAssertFalse(Self.hasHidden(said, allowingNewlines: true), said)
    // A new file is written as before.
    let fresh = directory.appendingPathComponent("items.choucha")
    let (written, _, _) = try RepositoryTests.launch(["import", "items", table.path, "--department", "SCJG", "-o", fresh.path])
    XCTAssertEqual(written, 0)
    XCTAssertTrue(FileManager.default.fileExists(atPath: fresh.path))
  }
}

extension TextSafetyTests {
  /// Usage errors quote what was typed: an unknown command, an unknown option, an invalid value,
  /// a path. None of them reaches the terminal with an invisible character in it.
  func testUsageErrorsNameInvisibleCharacters() throws {
    let typed: [[String]] = [
      ["chec\u{202E}k"],
      ["check", "--fo\u{200B}rmat", "json"],
      ["check", "--format", "js\u{1B}[31mon"],
      ["check", "Rules/no\u{2066}such"],
      ["explain", "E01\u{202D}01"],
      ["build", "--year", "20\u{7}24"],
    ]
    for arguments in typed {
      let (status, _, said) = try RepositoryTests.launch(arguments)
      XCTAssertEqual(status, 2, "\(arguments)")
      XCTAssertTrue(said.contains("‹U+"), "\(arguments): \(said)")
      XCTAssertFalse(Self.hasHidden(said, allowingNewlines: true), "\(arguments): \(said)")
    }
  }
}

// MARK: - Imported tables (review)

extension TextSafetyTests {
  /// A cell of an imported authority table is held to the rule of quoted strings: before this, an
  /// ESC sequence, a BEL or a U+202E pasted into the spreadsheet's 事项名称 checked clean and went
  /// raw into items.csv (and the JSON outputs). One E0602 per row, at its first such character,
  /// by name; tab and line breaks (a cell may span lines) and other format characters are kept.
  func testImportedTableCellsRefuseControlsAndBidiControls() throws {
    let rules = """
      部门 SCJG "长安区市场监督管理局" { 类型 本级 }
      法规 计量法 "中华人民共和国计量法" { 施行 1986-07-01 }
      引入 权责 "t.csv"

      """
    let heading = "事项编码,事项名称,事项类型,实施主体,设定依据\n"
    func row(_ name: String) -> String { "JC-1,\(name),行政检查,SCJG,《计量法》第九条\n" }
    for scalar in Self.hiddenScalars where Lexer.isForbiddenInString(scalar) && scalar != "\n" && scalar != "\r" {
      let table = heading + row("对计量\(scalar)器具\(scalar)的监督检查")
      let compilation = Compiler.compile(texts: [("r.choucha", rules)], files: ["t.csv": table])
      let found = compilation.diagnostics.filter { $0.code == .E0602 }
      XCTAssertEqual(found.count, 1, "\(Shown.codePoint(scalar)): \(compilation.diagnostics.map(\.message.en))")
      let error = try XCTUnwrap(found.first)
      XCTAssertEqual(error.span.start, (heading + "JC-1,对计量").utf8.count, Shown.codePoint(scalar))
      XCTAssertTrue(error.message.en.contains(Shown.codePoint(scalar)), error.message.en)
      XCTAssertTrue(error.message.en.contains("1 more"), error.message.en)
    }
    // What is allowed in a cell: tab, a line break inside quotes, a zero-width space.
    let table = heading + row("\"对计量\t器具\n的\u{200B}监督检查\"")
    let compilation = Compiler.compile(texts: [("r.choucha", rules)], files: ["t.csv": table])
    XCTAssertFalse(compilation.diagnostics.contains { $0.code == .E0602 }, "\(compilation.diagnostics.map(\.message.en))")
  }
}

extension TextSafetyTests {
  /// Comments are held to the rule of strings. Before, `频次 1  # x\r频次 9` checked clean and,
  /// printed in a terminal, showed `频次 9` over the real value; a U+2028 made the rest of a comment
  /// look like a field on a line of its own; ESC sequences went to whoever printed the file.
  /// One E0003 per comment, at its first such character; tab and the CR of a CRLF are fine.
  func testCommentsRefuseControlsSeparatorsAndBidiControls() throws {
    for scalar in Self.hiddenScalars where Lexer.isForbiddenInString(scalar) && scalar != "\n" && scalar != "\u{0}" {
      let prefix = "部门 SCJG \"区市场监督管理局\" { 类型 本级 }  # 备注"
      let text = prefix + "\(scalar)频次 9\(scalar)\n"
      let compilation = Compiler.compile(texts: [("r.choucha", text)])
      let found = compilation.diagnostics.filter { $0.code == .E0003 }
      XCTAssertEqual(found.count, 1, "\(Shown.codePoint(scalar)): \(compilation.diagnostics.map(\.message.en))")
      let error = try XCTUnwrap(found.first)
      XCTAssertEqual(error.span.start, prefix.utf8.count, Shown.codePoint(scalar))
      XCTAssertTrue(error.message.en.contains("a comment cannot hold"), error.message.en)
    }
    let fine = "部门 SCJG \"区市场监督管理局\" { 类型 本级 }  # 备注\t零宽\u{200B}空格\r\n# 末行\r"
    XCTAssertFalse(Compiler.compile(texts: [("r.choucha", fine)]).diagnostics.contains { $0.code == .E0003 })
    // `import` keeps a cell's bidi control in a comment by its code point, so what it writes reads.
    let sheet = "抽查事项,检查对象,事项类别,检查方式,检查主体,抽查比例,抽查频次,联系人\n"
      + "对食品经营者的监督检查,食品经营者,一般检查事项,现场检查,区市场监督管理局,10-20\u{202E}%,1次/年,王\u{2067}伟\n"
    let result = SheetImporter.run(path: "t.csv", bytes: Array(sheet.utf8), options: .init(kind: .items, department: "SCJG"))
    XCTAssertNil(result.internalError, result.internalError.map { $0.message.en } ?? "")
    XCTAssertTrue(result.source.contains("王‹U+2067›伟"), result.source)
    XCTAssertFalse(Self.hasHidden(result.source, allowingNewlines: true), result.source)
  }
}

extension TextSafetyTests {
  /// GFM's extended autolinks need no punctuation for `www.`: before, a name `详见 www.evil.example/登录`
  /// was a clickable link in items.md. The dot after `www` (any case) is escaped; other dots not.
  func testMarkdownCellsFormNoWwwAutolink() {
    XCTAssertEqual(MarkdownWriter.cell("详见 www.evil.example/登录"), "详见 www\\.evil.example/登录")
    XCTAssertEqual(MarkdownWriter.cell("WwW.x.cn"), "WwW\\.x.cn")
    XCTAssertEqual(MarkdownWriter.cell("wwww.x.cn"), "wwww\\.x.cn")
    XCTAssertEqual(MarkdownWriter.cell("ww.x.cn 与 v1.2"), "ww.x.cn 与 v1.2")
    XCTAssertEqual(MarkdownWriter.cell("<www.x.cn>"), "&lt;www\\.x.cn&gt;")
  }
}

extension TextSafetyTests {
  /// One mistake, one diagnostic. Before: an ESC in an import's path gave E0003, then E0601 for
  /// the path with the ESC in it, then E0101 at every item citing an authority of the table; a
  /// missing or malformed table (a typo in its name) gave E0601/E0602 and the same E0101s.
  func testABrokenImportIsOneDiagnostic() {
    let rules = """
      部门 SCJG "长安区市场监督管理局" { 类型 本级 }
      法规 计量法 "中华人民共和国计量法" { 施行 1986-07-01 }
      引入 权责 "PATH"
      事项 JL-01 "计量检查" { 部门 SCJG; 权责 JC-1; 依据 计量法 "第九条"; 类别 一般; 对象 加油站; 方式 实地检查; 比例 5%; 频次 1 }
      事项 JL-02 "计量检查二" { 部门 SCJG; 权责 JC-2; 依据 计量法 "第九条"; 类别 一般; 对象 加油站; 方式 实地检查; 比例 5%; 频次 1 }

      """
    let table = "事项编码,事项名称,事项类型,实施主体,设定依据\nJC-1,对计量的检查,行政检查,SCJG,《计量法》第九条\nJC-2,对计量的检查二,行政检查,SCJG,《计量法》第九条\n"
    let cases: [(path: String, files: [String: String], code: DiagnosticCode)] = [
      ("t\u{1B}.csv", ["t\u{1B}.csv": table], .E0003),
      ("missing.csv", ["t.csv": table], .E0601),
      ("../t.csv", ["t.csv": table], .E0601),
      ("t.csv", ["t.csv": "编码,名称\nJC-1,x\n"], .E0602),
    ]
    for (path, files, code) in cases {
      let compilation = Compiler.compile(texts: [("r.choucha", rules.replacingOccurrences(of: "PATH", with: path))], files: files)
      let errors = compilation.diagnostics.filter { $0.severity == .error && $0.code != .E0501 }
      XCTAssertEqual(errors.map(\.code), [code], "\(Shown.text(path)): \(errors.map(\.message.en))")
    }
    // With the table read, a wrong citation is still reported.
    let wrong = rules.replacingOccurrences(of: "PATH", with: "t.csv").replacingOccurrences(of: "权责 JC-2", with: "权责 JC-3")
    let compilation = Compiler.compile(texts: [("r.choucha", wrong)], files: ["t.csv": table])
    XCTAssertTrue(compilation.diagnostics.contains { $0.code == .E0101 }, "\(compilation.diagnostics.map(\.message.en))")
  }
}
