import XCTest

@testable import ChouchaCore

/// Issue 14 item 4: `choucha import` reads a 抽查内容 cell listing check points as its points
/// (`ContentPoints.split`), on the real cells of the published lists and on the forms of numbering
/// and separation they use.
final class ContentPointsTests: XCTestCase {
  static func split(_ text: String) -> [String]? { ContentPoints.split(text) }

  /// The published tables' content columns, cell by cell, as copied into the import fixtures.
  static func contentCells(_ fixture: String, heading: String) throws -> [String] {
    let url = ImportTests.directory.appendingPathComponent("\(fixture)/input.csv")
    let file = SourceFile(id: 0, path: fixture, bytes: [UInt8](try Data(contentsOf: url)))
    let (rows, failure) = CSVReader.read(file)
    XCTAssertNil(failure)
    let header = try XCTUnwrap(rows.first)
    let column = try XCTUnwrap(header.cells.firstIndex { $0.text == heading }, "\(fixture): no column \(heading)")
    return rows.dropFirst().map { $0.cells[column].text }
  }

  /// Every row of the 沂源县 2023 joint list (yiyuan.gov.cn): its 抽查内容 is three points, each
  /// `是否…` with its emphasis after a comma, kept whole.
  func testYiyuanContentCellsAreTheirPoints() throws {
    let cells = try Self.contentCells("warn-joint_items_yiyuan_shandong_2023_excerpt", heading: "抽查内容")
    let expected: [[String]] = [
      [
        "是否取得特种行业许可证,重点开展用作旅馆的自建房特种行业许可证复核工作",
        "是否落实旅客信息登记情况,重点是检查落实接待未成年人入住“五必须”规定情况",
        "是否建立安全管理制度,治安保卫组织或者指定安全保卫人员",
      ]
    ]
    XCTAssertEqual(cells.count, expected.count, "the fixture's rows")
    for (cell, points) in zip(cells, expected) {
      XCTAssertEqual(Self.split(cell), points)
      // Nothing dropped but the separators and the final full stop.
      XCTAssertEqual(points.joined(separator: ";") + "。", cell)
    }
  }

  /// The other published content columns hold one requirement per cell (定州市, 检查内容及要求) or
  /// repeat the task's name (上高县, 检查内容): not lists, they stay `内容`.
  func testSingleRequirementCellsAreNotLists() throws {
    let dingzhou = try Self.contentCells("warn-inspection_items_dingzhou_hebei_2024_excerpt", heading: "检查内容及要求")
    let shanggao = try Self.contentCells("warn-annual_plan_shanggao_jiangxi_2023_excerpt", heading: "检查内容")
    XCTAssertEqual(dingzhou.count, 4)
    XCTAssertEqual(shanggao.count, 7)
    for cell in dingzhou + shanggao {
      XCTAssertNil(Self.split(cell), cell)
    }
  }

  func testNumberedLines() {
    XCTAssertEqual(Self.split("1.是否取得许可证\n2.是否建立台账"), ["是否取得许可证", "是否建立台账"])
    XCTAssertEqual(Self.split("1、是否取得许可证；\n2、是否建立台账。"), ["是否取得许可证", "是否建立台账"])
    XCTAssertEqual(Self.split("（1）是否取得\n许可证\n（2）是否建立台账"), ["是否取得许可证", "是否建立台账"], "a wrapped line joins its point")
    XCTAssertEqual(Self.split("(1) 是否取得许可证\r\n(2) 是否建立台账"), ["是否取得许可证", "是否建立台账"])
    XCTAssertEqual(Self.split("①是否取得许可证\n②是否建立台账"), ["是否取得许可证", "是否建立台账"])
    XCTAssertEqual(Self.split("一、证照\n二、台账"), ["证照", "台账"])
    // A numbered point keeps its own `；`: the numbering is the author's unit.
    XCTAssertEqual(Self.split("1.是否取得许可证；是否在有效期内\n2.是否建立台账"), ["是否取得许可证；是否在有效期内", "是否建立台账"])
    // Text before the first number is kept, as a point of its own.
    XCTAssertEqual(Self.split("检查内容：\n1.是否取得许可证\n2.是否建立台账"), ["检查内容", "是否取得许可证", "是否建立台账"])
  }

  func testNumbersInSequenceOnOneLine() {
    XCTAssertEqual(Self.split("（1）是否取得许可证（2）是否建立台账（3）是否公示"), ["是否取得许可证", "是否建立台账", "是否公示"])
    XCTAssertEqual(Self.split("1.是否取得许可证；2.是否建立台账。"), ["是否取得许可证", "是否建立台账"])
    XCTAssertEqual(Self.split("1、是否取得许可证 2、是否建立台账"), ["是否取得许可证", "是否建立台账"])
    XCTAssertEqual(Self.split("①是否取得许可证②是否建立台账"), ["是否取得许可证", "是否建立台账"])
    XCTAssertEqual(Self.split("（一）证照情况（二）台账情况"), ["证照情况", "台账情况"])
    XCTAssertEqual(Self.split("检查以下内容：1.证照 2.台账"), ["检查以下内容", "证照", "台账"])
    // Numbers that are no numbering: a decimal, a number inside a word or a standard, out of sequence.
    XCTAssertNil(Self.split("抽查比例1.5倍的检查"))
    XCTAssertNil(Self.split("1.5倍，2.5倍"))
    XCTAssertNil(Self.split("是否符合GB 2760-2014 表1.第2.项"))
    XCTAssertNil(Self.split("1.是否取得许可证 3.是否建立台账"))
    XCTAssertNil(Self.split("是否取得许可证（1）"))
    // `21.` is not `1.`, `12.` not `2.`.
    XCTAssertNil(Self.split("1.是否取得第12.条"))
  }

  func testSemicolonsSeparateOutsideBracketsAndQuotes() {
    XCTAssertEqual(Self.split("是否取得许可证；是否建立台账"), ["是否取得许可证", "是否建立台账"])
    XCTAssertEqual(Self.split("检查证照;检查台账;"), ["检查证照", "检查台账"])
    XCTAssertEqual(Self.split("是否取得许可证（含临时许可；备案）；是否建立台账"), ["是否取得许可证（含临时许可；备案）", "是否建立台账"])
    XCTAssertEqual(Self.split("是否落实“五必须；三不准”；是否建立台账"), ["是否落实“五必须；三不准”", "是否建立台账"])
    XCTAssertEqual(Self.split("是否落实\"五必须;三不准\";是否建立台账"), ["是否落实\"五必须;三不准\"", "是否建立台账"])
    // A bracket never closed shields nothing (定州市's basis cell has one: `(第二十三条;`).
    XCTAssertEqual(Self.split("是否执行《办法》(第二十三条;是否建立台账"), ["是否执行《办法》(第二十三条", "是否建立台账"])
    // A lone `；` or empty parts are no list.
    XCTAssertNil(Self.split("是否取得许可证；"))
    XCTAssertNil(Self.split("；；；"))
    XCTAssertNil(Self.split(""))
  }

  func testCommasNeverSeparate() {
    XCTAssertNil(Self.split("是否取得特种行业许可证,重点开展用作旅馆的自建房特种行业许可证复核工作"))
    XCTAssertNil(Self.split("是否取得许可证，是否在有效期内"))
    XCTAssertNil(Self.split("是否执行政府投资、中央预算内投资直接投资、投资补助和贴息资金项目管理等有关规定。"))
  }

  func testQuestionsInSentencesOrLines() {
    XCTAssertEqual(Self.split("是否取得许可证。是否建立台账。"), ["是否取得许可证", "是否建立台账"])
    XCTAssertEqual(Self.split("是否取得许可证？有无违法行为？"), ["是否取得许可证？", "有无违法行为？"])
    XCTAssertEqual(Self.split("是否取得许可证\n是否建立台账"), ["是否取得许可证", "是否建立台账"])
    // Not every sentence or line a question: one point, its lines joined.
    XCTAssertNil(Self.split("检查许可证。是否建立台账。"))
    XCTAssertNil(Self.split("是否取得\n特种行业许可证"))
    XCTAssertNil(Self.split("对特种设备作业人员的行政检查"))
    // A sentence of dashes is no question: the cell stays whole, nothing dropped.
    XCTAssertNil(Self.split("是否取得许可证。——。是否建立台账。"))
    // Sentences split inside a `；` part too.
    XCTAssertEqual(Self.split("是否取得许可证。是否公示。；检查台账"), ["是否取得许可证", "是否公示", "检查台账"])
  }

  /// Only numbering, white space and end punctuation go; everything else of the cell is in a point.
  func testNothingButNumberingAndPunctuationIsDropped() {
    let cells = [
      "是否取得特种行业许可证,重点开展…;是否落实旅客信息登记情况,…;是否建立…。",
      "1.是否取得许可证（含\"临时\"许可）\n2.是否建立\\台账；\n3.",
      "（1）甲（2）乙；丙（3）丁",
      "检查以下内容：\n①甲\n②乙",
    ]
    let dropped = Set<Character>(" \n\r\t\u{3000}。；;，,、：:.（）()①②0123456789")
    for cell in cells {
      let points = try! XCTUnwrap(Self.split(cell), cell)
      let kept = points.joined().filter { !dropped.contains($0) }
      XCTAssertEqual(kept, cell.filter { !dropped.contains($0) }, cell)
    }
  }

  /// Random cells of the pieces that matter (questions, separators, brackets, quotes, line breaks,
  /// numberings): whenever a cell is a list, its points hold every character of the cell but the
  /// numberings, white space and punctuation marks a point loses, in the cell's order.
  func testRandomCellsLoseNothingButNumberingAndPunctuation() {
    let pieces = [
      "是否", "有无", "取得", "a", "；", ";", "，", ",", "。", "？", "、", "：", "（", "）", "(", ")", "“", "”", "\"", "《", "》",
      "\n", " ", "——", "（1）", "（2）", "（3）", "1.", "2.", "3、", "①", "②", "一、", "二、", "(2)", "1.5", "\r\n",
    ]
    // What a point may lose: white space, end punctuation, and the characters of a numbering.
    let losable = Set<Character>(" \n\r\t\u{3000}。；;，,、：:？?！.0123456789一二三①②()（）")
    /// The points' characters (a space `joinLines` put between lines aside) are the cell's in
    /// order, and every character of the cell skipped is losable: a greedy walk.
    func onlyLosableSkipped(_ points: [String], _ cell: String) -> Bool {
      var rest = Substring(cell.replacingOccurrences(of: "\r\n", with: "\n"))
      for character in points.joined() where character != " " {
        while let next = rest.first, next != character {
          guard losable.contains(next) else { return false }
          rest.removeFirst()
        }
        guard !rest.isEmpty else { return false }
        rest.removeFirst()
      }
      return rest.allSatisfy { losable.contains($0) }
    }
    var random = SplitMix64(seed: 14)
    var lists = 0
    for _ in 0..<3_000 {
      let cell = (0..<(1 + random.below(14))).map { _ in pieces[random.below(pieces.count)] }.joined()
      guard let points = Self.split(cell) else { continue }
      lists += 1
      XCTAssertGreaterThanOrEqual(points.count, 2)
      XCTAssertFalse(points.contains { $0.isEmpty || $0.first!.isWhitespace || $0.last!.isWhitespace }, "\(cell.debugDescription): \(points)")
      XCTAssertTrue(onlyLosableSkipped(points, cell), "\(cell.debugDescription): \(points)")
    }
    XCTAssertGreaterThan(lists, 300, "enough of the cells are lists")
  }

  /// A cell of separators, of numberings, or of a hundred thousand points costs time linear in
  /// the cell: the time for 256 KB (the better of two runs) is under 8 times that for 64 KB
  /// (linear: 4; quadratic: 16). (`CHOUCHA_MEASURE=1` prints the times; at 256 KB and 1 MB every
  /// ratio was 3.97-4.27 in a debug build, the slowest 1 MB cell 2.1 s.)
  func testPathologicalCellsAreLinear() {
    let units: [(String, String)] = [
      ("；", "separators"), ("1.", "one number repeated"), ("1.\n", "empty numbered lines"), ("1、", "one numbering repeated"),
      ("是否a；", "points"), ("（", "openers"), ("“”", "quotes"), ("①", "circled ones"), ("\n", "line breaks"),
      ("是否a。", "question sentences"), ("  ", "spaces"), ("（1）", "one bracketed number repeated"),
    ]
    for (unit, what) in units {
      func seconds(_ bytes: Int) -> Double {
        let cell = String(repeating: unit, count: bytes / unit.utf8.count)
        var best = Double.infinity
        for _ in 0..<2 {
          let start = DispatchTime.now().uptimeNanoseconds
          _ = ContentPoints.split(cell)
          best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return best
      }
      let small = seconds(64 << 10), large = seconds(256 << 10)
      XCTAssertLessThan(large, max(8 * small, 0.05), "\(what): 64 KB \(small) s, 256 KB \(large) s")
      XCTAssertLessThan(large, 5, "\(what): 256 KB in \(large) s")
      if ProcessInfo.processInfo.environment["CHOUCHA_MEASURE"] != nil {
        print(String(format: "%@: 64 KB %.3f s, 256 KB %.3f s, ratio %.2f", what, small, large, large / small))
      }
    }
    let sequence = (1...20).map { "（\($0)）是否\($0)" }.joined()
    XCTAssertEqual(Self.split(sequence)?.count, 20)
  }

  // MARK: - What import writes

  static func ownPoints(_ item: Item?) -> [String] {
    (item?.points ?? []).compactMap { entry in
      if case .own(let point) = entry { return point.text.value }
      return nil
    }
  }

  static func pointCodes(_ item: Item?) -> [String?] {
    (item?.points ?? []).map { entry in
      if case .own(let point) = entry { return point.code?.value }
      return nil
    }
  }

  /// A list cell becomes the item's 要点 block (`checks` in English), each point coded after its
  /// item (`SX-1-1`) and read back by the parser exactly as `ContentPoints` gave it (a `"` and a
  /// `\` escaped, a line break inside a point joined), the cell kept verbatim in a comment above it, and no 内容; a cell that is
  /// no list stays 内容. The source checks without a syntax error and `fmt` leaves it as written.
  func testImportWritesAListCellAsTheItemsPoints() throws {
    let cell = "1.是否落实\"五必须\"规定\n并公示；\n2.是否建立\\台账"
    let csvCell = "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    let sheet = "抽查事项,抽查内容,检查主体\n甲的检查,\(csvCell),SCJG\n乙的检查,是否明码标价。,SCJG\n"
    let expected = ["是否落实\"五必须\"规定并公示", "是否建立\\台账"]
    XCTAssertEqual(Self.split(cell), expected)
    for keywords in [Language.zh, .en] {
      let result = SheetImporter.run(path: "t.csv", bytes: Array(sheet.utf8), options: .init(kind: .items, keywords: keywords))
      XCTAssertEqual(result.diagnostics.errorCount, 0)
      XCTAssertNil(result.internalError)
      let source = result.source
      let zh = keywords == .zh
      XCTAssertTrue(source.contains(zh ? "  要点 {\n" : "  checks {\n"), source)
      XCTAssertTrue(source.contains(zh ? "  # 原文（抽查内容）：1.是否落实\"五必须\"规定\n  #   并公示；\n  #   2.是否建立\\台账\n" : "  # original (抽查内容): 1.是否落实"), source)
      XCTAssertTrue(source.contains("    SX-1-1 \"是否落实\\\"五必须\\\"规定并公示\"\n    SX-1-2 \"是否建立\\\\台账\"\n"), source)
      XCTAssertTrue(source.contains(zh ? "  内容 \"是否明码标价。\"" : "  content \"是否明码标价。\""), source)
      let compilation = Compiler.compile(texts: [("imported.choucha", source)])
      XCTAssertEqual(compilation.diagnostics.filter { $0.code.rawValue.hasPrefix("E00") }.map(\.code), [])
      XCTAssertEqual(Self.ownPoints(compilation.program.item("SX-1")), expected)
      let second = compilation.program.item("SX-2")
      XCTAssertEqual(second?.points.count, 0)
      XCTAssertEqual(second?.content?.value, "是否明码标价。")
      XCTAssertNil(compilation.program.item("SX-1")?.content, "no 内容 beside the points")
      if case .success(let formatted) = RuleFormatter.format(SourceFile(id: 0, path: "t", text: source)) {
        XCTAssertEqual(String(decoding: formatted, as: UTF8.self), source, "fmt leaves it as written")
      } else {
        XCTFail("fmt fails on the imported source")
      }
    }
  }

  /// The Yiyuan list imported: its item has the three points, coded `SX-1-1` … `SX-1-3`, and no 内容.
  func testYiyuanListImportsAsThreeCodedPoints() throws {
    let result = try ImportTests.run("warn-joint_items_yiyuan_shandong_2023_excerpt")
    let program = Compiler.compile(texts: [("imported.choucha", result.source)]).program
    XCTAssertEqual(Self.ownPoints(program.item("SX-1")), [
      "是否取得特种行业许可证,重点开展用作旅馆的自建房特种行业许可证复核工作",
      "是否落实旅客信息登记情况,重点是检查落实接待未成年人入住“五必须”规定情况",
      "是否建立安全管理制度,治安保卫组织或者指定安全保卫人员",
    ])
    XCTAssertNil(program.item("SX-1")?.content)
    // Coded after the item, so that results can name a failed point whatever is added later.
    XCTAssertEqual(Self.pointCodes(program.item("SX-1")), ["SX-1-1", "SX-1-2", "SX-1-3"])
  }

  /// Import of a sheet whose content cell is 1 MB of `；`, of `1.`, of a hundred thousand points
  /// (`是否a；`, each parsed and laid out by fmt): linear, the 1 MB sheet under 8 times the 256 KB
  /// one (quadratic: 16).
  func testMegabyteContentCellsImportInLinearTime() {
    for (unit, what) in [("；", "separators"), ("1.", "numberings"), ("是否a；", "points")] {
      sandboxed("a 1 MB content cell of \(what)", idleTimeout: 120) {
        func seconds(_ bytes: Int) -> Double {
          let cell = String(repeating: unit, count: bytes / unit.utf8.count)
          let sheet = "抽查事项,抽查内容,检查主体\n甲的检查,\(cell),SCJG\n"
          let start = DispatchTime.now().uptimeNanoseconds
          let result = SheetImporter.run(path: "a.csv", bytes: Array(sheet.utf8), options: .init(kind: .items))
          Expect.that(result.entries == 1 && result.internalError == nil, "\(what): one item, no internal error")
          return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }
        let small = seconds(256 << 10), large = seconds(1 << 20)
        Expect.that(large < max(8 * small, 0.5), "\(what): 256 KB \(small) s, 1 MB \(large) s")
        if ProcessInfo.processInfo.environment["CHOUCHA_MEASURE"] != nil {
          print(String(format: "import, %@: 256 KB %.3f s, 1 MB %.3f s, ratio %.2f", what, small, large, large / small))
        }
      }
    }
  }
}
