import XCTest

@testable import ChouchaCore
@testable import ChouchaDraw

/// `choucha fmt`: golden layouts, idempotence, comments kept, keyword languages that change no
/// build output, layout-insensitivity, and files with syntax errors left alone.
final class FormatTests: XCTestCase {
  static let root = RepositoryTests.root
  static let fixtures = root.appendingPathComponent("Tests/Fixtures/fmt")
  static let modes: [(name: String, keywords: Language?)] = [("", nil), (".zh", .zh), (".en", .en)]

  /// Every rule file under a folder, as (path relative to the project, bytes).
  static func ruleFiles(under folder: String) throws -> [(path: String, bytes: [UInt8])] {
    let directory = root.appendingPathComponent(folder)
    let enumerator = FileManager.default.enumerator(atPath: directory.path)!
    var files: [(String, [UInt8])] = []
    while let next = enumerator.nextObject() as? String {
      guard next.hasSuffix(".choucha"), !next.hasPrefix("build/"), !next.contains("/build/") else { continue }
      files.append(("\(folder)/\(next)", [UInt8](try Data(contentsOf: directory.appendingPathComponent(next)))))
    }
    return files.sorted { $0.0 < $1.0 }
  }

  static func format(_ bytes: [UInt8], _ keywords: Language?, path: String = "input.choucha") -> Result<[UInt8], RuleFormatter.Failure> {
    RuleFormatter.format(SourceFile(id: 0, path: path, bytes: bytes), keywords: keywords)
  }

  /// The formatted bytes, or a test failure naming the file.
  static func formatted(_ bytes: [UInt8], _ keywords: Language?, path: String, file: StaticString = #filePath, line: UInt = #line) -> [UInt8]? {
    switch format(bytes, keywords, path: path) {
    case .success(let output): return output
    case .failure(.syntaxErrors(let diagnostics)):
      XCTFail("\(path): refused for syntax errors: \(diagnostics.map { "\($0.code.rawValue) \($0.message.en)" })", file: file, line: line)
    case .failure(.changedMeaning(let detail)):
      XCTFail("\(path): the formatter would change the meaning: \(detail)", file: file, line: line)
    }
    return nil
  }

  static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

  // MARK: - Goldens

  /// `Tests/Fixtures/fmt/NAME/input.txt` formats to `expected.txt` (keywords as written),
  /// `expected.zh.txt` and `expected.en.txt`. Re-bless with BLESS=1 and review the diff.
  func testGoldens() throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path).sorted()
    XCTAssertGreaterThanOrEqual(names.count, 3)
    for name in names {
      let folder = Self.fixtures.appendingPathComponent(name)
      let input = [UInt8](try Data(contentsOf: folder.appendingPathComponent("input.txt")))
      for mode in Self.modes {
        guard let output = Self.formatted(input, mode.keywords, path: "\(name)/input.txt") else { continue }
        try GoldenTests.compare(
          Self.text(output), with: folder.appendingPathComponent("expected\(mode.name).txt"), required: true,
          name: "fmt \(name)\(mode.name)")
      }
    }
  }

  // MARK: - Properties

  /// Everything the formatter may be given that parses: the goldens, Rules/ and Examples/.
  static func corpus() throws -> [(path: String, bytes: [UInt8])] {
    var files = try ruleFiles(under: "Rules") + ruleFiles(under: "Examples")
    for name in try FileManager.default.contentsOfDirectory(atPath: fixtures.path).sorted() {
      let path = "Tests/Fixtures/fmt/\(name)/input.txt"
      files.append((path, [UInt8](try Data(contentsOf: root.appendingPathComponent(path)))))
    }
    return files.filter { !Parser.parse(SourceFile(id: 0, path: $0.path, bytes: $0.bytes)).0.hasErrors }
  }

  /// Formatting formatted text changes nothing, in every mode, and switching the keyword
  /// language back and forth is lossless.
  func testIdempotent() throws {
    let corpus = try Self.corpus()
    XCTAssertGreaterThan(corpus.count, 40)
    for (path, bytes) in corpus {
      var outputs: [Language?: [UInt8]] = [:]
      for mode in Self.modes {
        guard let once = Self.formatted(bytes, mode.keywords, path: path),
          let twice = Self.formatted(once, mode.keywords, path: path)
        else { continue }
        XCTAssertEqual(Self.text(twice), Self.text(once), "\(path)\(mode.name): a second pass changes the output")
        outputs[mode.keywords] = once
      }
      if let zh = outputs[.zh], let en = outputs[.en] {
        XCTAssertEqual(Self.formatted(zh, .en, path: path), en, "\(path): zh then en differs from en")
        // And back: English through Chinese returns to the same English. (Chinese through English
        // does not quite: `“…”` strings become `"…"` in English and stay so.)
        if let back = Self.formatted(en, .zh, path: path) {
          XCTAssertEqual(Self.formatted(back, .en, path: path), en, "\(path): en then zh then en differs from en")
        }
      }
    }
  }

  /// The comments of a file, in order, without trailing blanks.
  static func comments(_ bytes: [UInt8]) -> [String] {
    let file = SourceFile(id: 0, path: "f", bytes: bytes)
    return Lexer.tokenize(file).tokens.filter { $0.kind == .comment }.map { token in
      var text = file.text(token.start..<token.end)
      if text.hasPrefix("＃") { text = "#" + text.dropFirst() }
      while let last = text.unicodeScalars.last, [" ", "\t", "\r", "\u{3000}"].contains(last) { text.unicodeScalars.removeLast() }
      return text
    }
  }

  /// Every comment survives, in order, in every mode.
  func testCommentsAreKept() throws {
    var seen = 0
    for (path, bytes) in try Self.corpus() {
      let before = Self.comments(bytes)
      seen += before.count
      for mode in Self.modes {
        guard let output = Self.formatted(bytes, mode.keywords, path: path) else { continue }
        XCTAssertEqual(Self.comments(output), before, "\(path)\(mode.name): comments changed")
      }
    }
    XCTAssertGreaterThan(seen, 100, "the corpus should exercise comments")
  }

  /// Rules/ is kept formatted (CI also runs `choucha fmt --check Rules`).
  func testRulesAreFormatted() throws {
    for (path, bytes) in try Self.ruleFiles(under: "Rules") {
      guard let output = Self.formatted(bytes, nil, path: path) else { continue }
      if output != bytes {
        XCTFail("\(path) is not formatted; run `swift run choucha fmt Rules`. First difference at line \(Self.firstDifferentLine(bytes, output))")
      }
    }
  }

  static func firstDifferentLine(_ a: [UInt8], _ b: [UInt8]) -> Int {
    let lines = zip(text(a).split(separator: "\n", omittingEmptySubsequences: false), text(b).split(separator: "\n", omittingEmptySubsequences: false))
    return (lines.enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? 0) + 1
  }

  /// The five build documents of a repository given as files, plus the CSV tables it imports.
  static func build(_ files: [(String, [UInt8])], tables: [String: [UInt8]]) throws -> [String: [UInt8]] {
    var sources = SourceMap()
    for file in files { sources.add(path: file.0, bytes: file.1) }
    let compilation = Compiler.compile(sources, provider: MemoryFileProvider(files: tables))
    XCTAssertEqual(compilation.diagnostics.errorCount, 0, "\(compilation.diagnostics.map { $0.message.en })")
    let plan = try XCTUnwrap(Planner.plan(compilation.program, year: nil))
    return Dictionary(uniqueKeysWithValues: Documents.build(plan).map { ($0.name, $0.bytes) })
  }

  /// `fmt --keywords zh`, then `--keywords en`, then as written: every build output stays
  /// byte-identical (the issue's round trip), on Rules/.
  func testKeywordLanguagesChangeNoBuildOutput() throws {
    let rules = Self.root.appendingPathComponent("Rules")
    var tables: [String: [UInt8]] = [:]
    // The tables the rules import: authorities and results (the draw is not read by `Documents`).
    for folder in ["authorities", "results"] {
      for name in try FileManager.default.contentsOfDirectory(atPath: rules.appendingPathComponent(folder).path) where name.hasSuffix(".csv") {
        tables["\(folder)/\(name)"] = [UInt8](try Data(contentsOf: rules.appendingPathComponent("\(folder)/\(name)")))
      }
    }
    var files = try Self.ruleFiles(under: "Rules").map { (String($0.path.dropFirst("Rules/".count)), $0.bytes) }
    let original = try Self.build(files, tables: tables)
    XCTAssertEqual(original.count, 5)
    for keywords in [Language.zh, .en, .zh] {
      files = files.map { ($0.0, Self.formatted($0.1, keywords, path: $0.0) ?? $0.1) }
      let rebuilt = try Self.build(files, tables: tables)
      for (name, bytes) in original {
        XCTAssertTrue(rebuilt[name] == bytes, "\(name) changed after fmt --keywords \(keywords)")
      }
    }
    // The round trip really did rewrite the keywords.
    XCTAssertTrue(files.allSatisfy { !Self.text($0.1).contains("department ") }, "fmt --keywords zh left English keywords")
  }

  /// Spacing, tabs, full-width punctuation and blank lines do not matter: randomly re-spaced
  /// copies of every file format to the same bytes as the original.
  func testLayoutDoesNotMatter() throws {
    var random = SplitMix64(seed: 0xF0_4A7)
    let fullWidth: [UInt8: String] = [UInt8(ascii: ","): "，", UInt8(ascii: ";"): "；", UInt8(ascii: "{"): "｛", UInt8(ascii: "}"): "｝"]
    for (path, bytes) in try Self.corpus() {
      guard let expected = Self.formatted(bytes, nil, path: path) else { continue }
      let file = SourceFile(id: 0, path: path, bytes: bytes)
      let tokens = Lexer.tokenize(file).tokens
      for round in 0..<4 {
        var mutated: [UInt8] = []
        var previousEnd = 0
        for (index, token) in tokens.enumerated() where token.kind != .end {
          // Whitespace between tokens: a random run of blanks, at least one where there was one.
          let gap = bytes[previousEnd..<token.start]
          if index > 0, tokens[index - 1].kind == .word, token.kind == .word, gap.contains(where: { $0 >= 0x80 }) {
            // A full-width or pasted space between two words may join them into one name (W0009):
            // not layout, kept.
            mutated += gap
          } else if !gap.isEmpty || [.comma, .semicolon, .leftBrace, .rightBrace].contains(token.kind) {
            let blanks = ["", " ", "  ", "\t", "\u{3000}", "   "]
            let run = Array(blanks[Int(random.next() % UInt64(blanks.count))].utf8)
            mutated += gap.isEmpty ? run : (run.isEmpty ? [0x20] : run)
          }
          var piece = Array(bytes[token.start..<token.end])
          if piece.count == 1, let wide = fullWidth[piece[0]], random.next() % 2 == 0 { piece = Array(wide.utf8) }
          // A blank line more where there is one (one blank line between groups is kept).
          if token.kind == .newline, tokens[index + 1].kind == .newline, random.next() % 2 == 0 { piece += [0x0A] }
          if token.kind == .newline, random.next() % 3 == 0 { piece = [0x0D, 0x0A] }
          mutated += piece
          previousEnd = token.end
        }
        guard let output = Self.formatted(mutated, nil, path: "\(path) (re-spaced #\(round))") else { continue }
        if output != expected {
          let line = Self.firstDifferentLine(expected, output)
          let show = { (bytes: [UInt8]) in Self.text(bytes).split(separator: "\n", omittingEmptySubsequences: false).dropFirst(line - 1).prefix(2).joined(separator: "⏎") }
          XCTFail("\(path): re-spaced copy #\(round) formats differently at line \(line): expected «\(show(expected))», got «\(show(output))»")
          break
        }
      }
    }
  }

  /// A file with a syntax error is refused with the parser's own diagnostics, never rewritten.
  func testFilesWithSyntaxErrorsAreRefused() throws {
    var refused = 0
    let mistakes = try Self.ruleFiles(under: "Examples/04-mistakes")
    let fixtures = try Self.ruleFiles(under: "Tests/Fixtures/check")
    for (path, bytes) in mistakes + fixtures {
      let parsed = Parser.parse(SourceFile(id: 0, path: path, bytes: bytes))
      let errors = parsed.1.filter { $0.severity == .error }
      switch Self.format(bytes, nil, path: path) {
      case .failure(.syntaxErrors(let diagnostics)):
        refused += 1
        XCTAssertEqual(diagnostics.map(\.code), errors.map(\.code), path)
      case .failure(.changedMeaning(let detail)):
        XCTFail("\(path): \(detail)")
      case .success:
        XCTAssertTrue(errors.isEmpty, "\(path) has syntax errors but was formatted")
      }
    }
    XCTAssertGreaterThan(refused, 10)
  }

  /// Every example in Grammar.md formats without changing its meaning, and idempotently.
  func testGrammarExamplesFormat() throws {
    let grammar = try String(contentsOf: Self.root.appendingPathComponent("Grammar.md"), encoding: .utf8)
    let blocks = grammar.components(separatedBy: "```choucha\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
    XCTAssertGreaterThan(blocks.count, 10)
    // §7 shows a file before and after `fmt` and `fmt --keywords en`: the outputs are real.
    let section = grammar.components(separatedBy: "## 7 ").last!
    let shown = section.components(separatedBy: "```choucha\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
    XCTAssertEqual(shown.count, 3, "Grammar.md §7 should show before, after, after --keywords en")
    if shown.count == 3 {
      XCTAssertEqual(Self.formatted(Array(shown[0].utf8), nil, path: "Grammar.md §7").map(Self.text), shown[1])
      XCTAssertEqual(Self.formatted(Array(shown[0].utf8), .en, path: "Grammar.md §7").map(Self.text), shown[2])
    }
    for (index, block) in blocks.enumerated() {
      for mode in Self.modes {
        guard let once = Self.formatted(Array(block.utf8), mode.keywords, path: "Grammar.md example \(index + 1)") else { continue }
        XCTAssertEqual(Self.formatted(once, mode.keywords, path: "Grammar.md example \(index + 1)"), once)
      }
    }
  }

  /// The dump `fmt` compares covers every field: changing any one value of a full example
  /// changes the dump. (A field the dump forgot would let `fmt` change it unnoticed.)
  func testEveryFieldIsDumped() throws {
    let full = """
      部门 A "部门甲" { 类型 本级 }
      法规 L "法规甲" { 施行 2015-10-01  废止 2099-01-01 }
      权责 Q "权责甲" { 类型 行政检查; 部门 A; 依据 L "第一条"; 豁免 "原因" }
      事项 I "事项甲" {
        部门 A; 权责 Q; 依据 L "第二条"; 类别 重点; 对象 甲, 乙; 方式 实地检查; 内容 "内容甲"
        比例 { A 3%  B 5% }; 频次 1; 专长 食品
        要点 {
          P1 "要点甲" 依据 L "第四条"  方式 实地检查  答案 是, 否
          "要点乙"
          S
        }
      }
      要点 S "共用甲" { 依据 L "第五条"; 方式 书面检查; 答案 有, 无 }
      事项 J "事项乙" { 部门 A; 权责 Q; 依据 L; 类别 一般; 对象 甲; 方式 书面检查; 数量 30; 频次 2 }
      一业一查 B "联查甲" { 牵头 A; 行业 餐饮; 事项 I, J; 期间 2024-04-01 .. 2024-09-30; 比例 5%; 频次 1 }
      计划 2024 "计划甲" {
        辖区 "某区"; 期间 2024-03-01 .. 2024-11-30; 分类 A, B; 公示时限 20 工作日; 报告时限 10 日
        最低覆盖率 5%; 最多检查 2; 每户人数 2; 每户最多要点 12
      }
      日历 2024 "日历甲" { 节假日 2024-10-01 .. 2024-10-07; 补班 2024-09-29 }
      引入 权责 "a.csv"
      月报 A 2024-05 {
        会议 "会甲" 2024-05-08
        文件 "文甲" "号甲"
        培训 "培甲" 30 "容甲"
        抽查文件 "抽甲"
        公示网站 "网甲"; 联系人 "人甲"; 联系电话 "电甲"; 手机 "机甲"
      }

      """
    let changes: [(String, String)] = [
      ("月报 A 2024-05", "月报 A2 2024-05"), ("月报 A 2024-05", "月报 A 2024-06"), ("\"会甲\"", "\"会乙\""),
      ("2024-05-08", "2024-05-09"), ("\"文甲\"", "\"文乙\""), ("\"号甲\"", "\"号乙\""), ("\"文甲\" \"号甲\"", "\"文甲\""),
      ("\"培甲\"", "\"培乙\""), ("30 \"容甲\"", "31 \"容甲\""), ("\"容甲\"", "\"容乙\""), ("\"抽甲\"", "\"抽乙\""),
      ("\"网甲\"", "\"网乙\""), ("\"人甲\"", "\"人乙\""), ("\"电甲\"", "\"电乙\""), ("\"机甲\"", "\"机乙\""),
      ("会议 \"会甲\" 2024-05-08", "会议 \"会甲\" 2024-05-08\n  会议 \"会丙\" 2024-05-10"),
      ("部门 A \"部门甲\"", "部门 A2 \"部门甲\""), ("\"部门甲\"", "\"部门乙\""), ("类型 本级", "类型 垂直"),
      ("施行 2015-10-01", "施行 2015-10-02"), ("废止 2099-01-01", "废止 2099-01-02"),
      ("类型 行政检查", "类型 行政许可"), ("部门 A; 依据 L \"第一条\"", "部门 B; 依据 L \"第一条\""),
      ("\"第一条\"", "\"第三条\""), ("依据 L \"第一条\"", "依据 L2 \"第一条\""), ("豁免 \"原因\"", "豁免 \"另因\""),
      ("部门 A; 权责 Q; 依据 L \"第二条\"", "部门 B; 权责 Q; 依据 L \"第二条\""),
      ("权责 Q; 依据 L \"第二条\"", "权责 Q2; 依据 L \"第二条\""), ("类别 重点", "类别 一般"), ("对象 甲, 乙", "对象 甲, 丙"),
      ("方式 实地检查", "方式 网络监测"), ("内容 \"内容甲\"", "内容 \"内容乙\""), ("{ A 3%  B 5% }", "{ A 3%  B 6% }"),
      ("{ A 3%  B 5% }", "{ A 3%  C 5% }"), ("频次 1; 专长 食品", "频次 3; 专长 食品"), ("专长 食品", "专长 药品"),
      ("数量 30", "数量 31"), ("频次 2 }", "频次 4 }"), ("牵头 A", "牵头 B"), ("行业 餐饮", "行业 住宿"),
      ("事项 I, J", "事项 J, I"), ("期间 2024-04-01 .. 2024-09-30", "期间 2024-04-01 .. 2024-09-29"),
      ("比例 5%; 频次 1 }", "比例 6%; 频次 1 }"), ("比例 5%; 频次 1 }", "比例 5%; 频次 2 }"),
      ("计划 2024", "计划 2025"), ("\"某区\"", "\"他区\""), ("期间 2024-03-01 ..", "期间 2024-03-02 .."),
      ("分类 A, B", "分类 A, B, C"), ("公示时限 20 工作日", "公示时限 20 日"), ("报告时限 10 日", "报告时限 11 日"),
      ("最低覆盖率 5%", "最低覆盖率 5.5%"), ("最多检查 2", "最多检查 3"), ("每户人数 2", "每户人数 3"),
      ("日历 2024", "日历 2025"), ("\"日历甲\"", "\"日历乙\""), ("节假日 2024-10-01", "节假日 2024-10-02"),
      ("补班 2024-09-29", "补班 2024-09-28"), ("\"a.csv\"", "\"b.csv\""),
      ("P1 \"要点甲\"", "P2 \"要点甲\""), ("\"要点甲\"", "\"要点丙\""), ("\"第四条\"", "\"第六条\""),
      ("方式 实地检查  答案", "方式 网络监测  答案"), ("答案 是, 否", "答案 是, 否, 不涉及"), ("\"要点乙\"", "\"要点丁\""),
      ("\n    S\n", "\n    T\n"), ("要点 S \"共用甲\"", "要点 T \"共用甲\""), ("\"共用甲\"", "\"共用乙\""),
      ("\"第五条\"", "\"第七条\""), ("方式 书面检查; 答案", "方式 抽样检测; 答案"), ("答案 有, 无", "答案 有"),
      ("每户最多要点 12", "每户最多要点 13"), ("引入 权责 \"a.csv\"", "引入 抽取 \"a.csv\""),
    ]
    func dump(_ text: String) -> String? {
      let parsed = Parser.parse(SourceFile(id: 0, path: "full.choucha", text: text))
      XCTAssertFalse(parsed.0.hasErrors, "variant does not parse: \(parsed.1.map { $0.message.en })")
      return parsed.0.hasErrors ? nil : SyntaxDump.text(parsed.0.declarations)
    }
    let original = try XCTUnwrap(dump(full))
    for (from, to) in changes {
      XCTAssertTrue(full.contains(from), "\(from) is not in the example")
      XCTAssertNotEqual(dump(full.replacingOccurrences(of: from, with: to)), original, "changing \(from) → \(to) does not change the dump")
    }
    // And what formatting changes does not change it: spacing, keywords, punctuation.
    let english = try XCTUnwrap(Self.formatted(Array(full.utf8), .en, path: "full.choucha"))
    XCTAssertEqual(dump(Self.text(english)), original)
  }

  // MARK: - The binary

  func testBinaryFmt() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("choucha-fmt-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let input = try Data(contentsOf: Self.fixtures.appendingPathComponent("layout/input.txt"))
    let expected = try Data(contentsOf: Self.fixtures.appendingPathComponent("layout/expected.txt"))
    let messy = directory.appendingPathComponent("messy.choucha")
    let broken = directory.appendingPathComponent("broken.choucha")
    // Two broken files: the second one's diagnostics name file 1 of the repository (this crashed).
    let broken2 = directory.appendingPathComponent("broken2.choucha")
    let brokenBytes = Data("部门 A \"a\" { 类型 本级 \n".utf8)
    try brokenBytes.write(to: broken2)
    try input.write(to: messy)
    try brokenBytes.write(to: broken)
    try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: messy.path)

    XCTAssertEqual(try RepositoryTests.run(["fmt", "Rules", "--check"]).status, 0, "Rules/ is not formatted")

    let check = try RepositoryTests.run(["fmt", directory.path, "--check"])
    XCTAssertEqual(check.status, 1)
    XCTAssertTrue(check.output.contains("messy.choucha:1: "), check.output)
    XCTAssertFalse(check.output.contains("broken.choucha:"), "a broken file is reported on stderr, not listed: \(check.output)")
    XCTAssertEqual(try Data(contentsOf: messy), input, "--check wrote")

    let run = try RepositoryTests.run(["fmt", directory.path])
    XCTAssertEqual(run.status, 1, "a file with syntax errors makes fmt fail")
    XCTAssertEqual(try Data(contentsOf: messy), expected)
    XCTAssertEqual(try Data(contentsOf: broken), brokenBytes, "a file with syntax errors was rewritten")
    let mode = try FileManager.default.attributesOfItem(atPath: messy.path)[.posixPermissions] as? Int
    XCTAssertEqual(mode, 0o640, "permissions were not kept")
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted(), ["broken.choucha", "broken2.choucha", "messy.choucha"], "temporary files left behind")

    try FileManager.default.removeItem(at: broken)
    try FileManager.default.removeItem(at: broken2)
    XCTAssertEqual(try RepositoryTests.run(["fmt", directory.path, "--check"]).status, 0)
    XCTAssertEqual(try RepositoryTests.run(["fmt", directory.path, "--keywords", "fr"]).status, 2)
  }

  /// A symbolic link inside the repository is followed (the link stays a link), a read-only file is not replaced, and
  /// a missing path stops fmt before it writes anything.
  func testBinaryFmtFileHandling() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("choucha-fmt-files-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let rules = directory.appendingPathComponent("rules")
    try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
    let input = try Data(contentsOf: Self.fixtures.appendingPathComponent("layout/input.txt"))
    let expected = try Data(contentsOf: Self.fixtures.appendingPathComponent("layout/expected.txt"))
    // The link leads to a file inside the repository (one leading outside, or into a hidden
    // folder, is refused: PathSafetyTests), in a folder the walk skips.
    try FileManager.default.createDirectory(at: rules.appendingPathComponent("build"), withIntermediateDirectories: true)
    let target = rules.appendingPathComponent("build/target.choucha")
    let link = rules.appendingPathComponent("link.choucha")
    let locked = rules.appendingPathComponent("a-locked.choucha")  // sorted first: the others still get formatted
    try input.write(to: target)
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
    try input.write(to: locked)
    try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: locked.path)

    let missing = try RepositoryTests.run(["fmt", rules.path, directory.appendingPathComponent("missing").path])
    XCTAssertEqual(missing.status, 2)
    XCTAssertEqual(try Data(contentsOf: target), input, "fmt wrote before it found a path missing")
    XCTAssertEqual(try RepositoryTests.run(["fmt", "-", rules.path]).status, 2, "'-' must be alone")

    let run = try RepositoryTests.run(["fmt", rules.path])
    XCTAssertEqual(run.status, 2, "a read-only file is an IO error")
    XCTAssertEqual(try Data(contentsOf: target), expected, "the link's target was not formatted")
    let linkType = try FileManager.default.attributesOfItem(atPath: link.path)[.type] as? FileAttributeType
    XCTAssertEqual(linkType, .typeSymbolicLink, "the link was replaced by a file")
    XCTAssertEqual(try Data(contentsOf: locked), input, "a read-only file was rewritten")
  }

  /// `choucha fmt -` formats standard input to standard output (format on save in an editor);
  /// on a syntax error it prints nothing there.
  func testBinaryFmtStandardInput() throws {
    let input = try Data(contentsOf: Self.fixtures.appendingPathComponent("fullwidth/input.txt"))
    let expected = try String(contentsOf: Self.fixtures.appendingPathComponent("fullwidth/expected.en.txt"), encoding: .utf8)
    let run = try RepositoryTests.run(["fmt", "-", "--keywords", "en"], input: input)
    XCTAssertEqual(run.status, 0)
    XCTAssertEqual(run.output, expected)
    XCTAssertEqual(try RepositoryTests.run(["fmt", "-", "--check"], input: input).status, 1)
    XCTAssertEqual(try RepositoryTests.run(["fmt", "-", "--check"], input: Data(expected.utf8)).status, 0, "formatted text passes --check")
    let broken = try RepositoryTests.run(["fmt", "-"], input: Data("部门 A \"a\" { 类型 本级 \n".utf8))
    XCTAssertEqual(broken.status, 1)
    XCTAssertEqual(broken.output, "")
  }
}
