import XCTest

@testable import ChouchaCore

/// The checks of check points (08xx, and E0203/E0101/E0102/E0006 where points meet them): what the
/// fixtures under `Tests/Fixtures/check/` do not pin, and the linear bound of the merging.
final class CheckPointCheckTests: XCTestCase {
  /// The declarations the explanations' examples rely on (departments, laws, powers, the 2024
  /// plan and its calendar): one text, so that the two cannot drift apart.
  static let prelude = Explanation.prelude

  static func item(_ id: String, department: String = "SCJG", bases: String? = nil, objects: String = "餐饮服务经营者", points: String) -> String {
    let authority = department == "SCJG" ? "130102-JC-001" : "130102-JC-002"
    let basis = bases ?? (department == "SCJG" ? "食品安全法 \"第一百一十条\"" : "消防法 \"第五十三条\"")
    let basisLine = basis.isEmpty ? "" : "依据 \(basis); "
    return """
      事项 \(id) "\(id)" {
        部门 \(department); 权责 \(authority); \(basisLine)类别 一般; 对象 \(objects); 方式 实地检查; 比例 5%; 频次 1
        要点 {
      \(points)
        }
      }

      """
  }

  static func codes(_ text: String) -> [DiagnosticCode] {
    let compilation = Compiler.compile(texts: [("a.choucha", prelude + text)])
    return compilation.diagnostics.map(\.code).filter { $0 != .W0205 && $0 != .W0404 }.sorted()
  }

  // MARK: - Normalising (a stand-in for the documents helper's, the same API)

  func testNormalisingDropsSpacesAndPunctuationAndFoldsFullWidth() {
    let n = CheckPoint.normalised
    XCTAssertEqual(n("是否取得《特种行业许可证》？"), "是否取得特种行业许可证")
    XCTAssertEqual(n("是否取得 特种行业许可证"), n("是否取得特种行业许可证。"))
    XCTAssertEqual(n("是否\u{3000}落实，旅客信息登记；"), "是否落实旅客信息登记")
    XCTAssertEqual(n("是否\u{00A0}落实\u{200B}旅客\u{FEFF}信息登记\n"), "是否落实旅客信息登记")
    XCTAssertEqual(n("ＩＣＰ许可证（第１号）！"), "ICP许可证第1号")
    XCTAssertEqual(n("“是否”‘建立’【安全】管理·制度、…—"), "是否建立安全管理制度")
    // Symbols, digits and the case of letters change what is asked: they stay.
    XCTAssertEqual(n("温度 ≤ 5℃ + 湿度 = 60"), "温度≤5℃+湿度=60")
    XCTAssertEqual(n("ICP icp"), "ICPicp")
    XCTAssertEqual(n(" ，。 "), "")
  }

  // MARK: - Without points

  /// Rule files without check points: no 08xx (W0805 aside, which is about any basis), and the
  /// checks return before any point work.
  func testRulesWithoutPointsGetNothingNew() {
    let text = """
      事项 SP-01 "食品经营者检查" { 部门 SCJG; 权责 130102-JC-001; 依据 食品安全法 "第一百一十条"; 类别 一般; 对象 餐饮服务经营者; 方式 实地检查; 比例 5%; 频次 1; 内容 "检查许可证" }
      事项 XF-01 "消防安全检查" { 部门 XFJY; 权责 130102-JC-002; 依据 消防法 "第五十三条"; 类别 一般; 对象 餐饮服务经营者; 方式 实地检查; 比例 5%; 频次 1 }
      一业一查 餐饮 "餐饮" { 牵头 SCJG; 行业 餐饮服务; 事项 SP-01, XF-01 }

      """
    XCTAssertEqual(Self.codes(text), [])
    let compilation = Compiler.compile(texts: [("a.choucha", Self.prelude + text)])
    XCTAssertEqual(CheckPointChecks.run(compilation.program).map(\.code), [])
  }

  // MARK: - W0801

  func testW0801SkipsSharedPointsUndefinedLawsAndItemsWithoutBases() {
    // An undefined law is E0101 only; an item without bases is E0204 only.
    XCTAssertEqual(Self.codes(Self.item("SP-01", points: "\"是否公示\" 依据 食品法")), [.E0101])
    XCTAssertEqual(Self.codes(Self.item("SP-01", bases: "", points: "\"是否公示\" 依据 消防法")), [.E0204])
    // A shared point citing another law: exempt.
    XCTAssertEqual(
      Self.codes("要点 YD-01 \"是否畅通\" { 依据 消防法 \"第二十八条\" }\n" + Self.item("SP-01", points: "YD-01")), [])
    // The same law, another article: the item's basis, no warning.
    XCTAssertEqual(Self.codes(Self.item("SP-01", points: "\"是否持证\" 依据 食品安全法 \"第三十五条\"")), [])
    XCTAssertEqual(Self.codes(Self.item("SP-01", points: "\"是否畅通\" 依据 消防法 \"第二十八条\"")), [.W0801])
  }

  // MARK: - W0802

  /// One pair reported once even when both items are in two bundles (of two industries).
  func testW0802PairReportedOnceAcrossBundles() {
    let text = Self.item("SP-01", points: "\"是否公示营业执照\"") + Self.item("XF-01", department: "XFJY", points: "\"是否公示营业执照。\"")
      + """
      一业一查 餐饮 "餐饮" { 牵头 SCJG; 行业 餐饮服务; 事项 SP-01, XF-01 }
      一业一查 住宿 "住宿" { 牵头 SCJG; 行业 住宿服务; 事项 SP-01, XF-01 }

      """
    XCTAssertEqual(Self.codes(text), [.W0802])
  }

  /// Items of no common bundle, or one item listed twice in a bundle: no warning.
  func testW0802NeedsTwoItemsOfOneBundle() {
    let apart = Self.item("SP-01", points: "\"是否公示营业执照\"") + Self.item("XF-01", department: "XFJY", points: "\"是否公示营业执照\"")
    XCTAssertEqual(Self.codes(apart), [])
    let twice = Self.item("SP-01", points: "\"是否公示营业执照\"") + Self.item("XF-01", department: "XFJY", points: "\"是否畅通\"")
      + "一业一查 餐饮 \"餐饮\" { 牵头 SCJG; 行业 餐饮服务; 事项 SP-01, XF-01, SP-01 }\n"
    XCTAssertFalse(Self.codes(twice).contains(.W0802))
  }

  /// Two items referencing one shared point: fine. Three items with one own text: two warnings,
  /// each against the first.
  func testW0802SharedIsFineAndRepeatsAreCountedAgainstTheFirst() throws {
    let text = "要点 YD-01 \"是否公示营业执照\" { 方式 实地 }\n"
      + Self.item("SP-01", points: "YD-01; \"是否建立制度\"")
      + Self.item("SP-02", objects: "食品销售者", points: "YD-01; \"是否 建立制度\"")
      + Self.item("XF-01", department: "XFJY", points: "YD-01; \"是否建立制度！\"")
      + "一业一查 餐饮 \"餐饮\" { 牵头 SCJG; 行业 餐饮服务; 事项 SP-01, SP-02, XF-01 }\n"
    let compilation = Compiler.compile(texts: [("a.choucha", Self.prelude + text)])
    let warnings = compilation.diagnostics.filter { $0.code == .W0802 }
    XCTAssertEqual(warnings.count, 2)
    XCTAssertTrue(warnings.allSatisfy { $0.message.en.contains("'SP-01'") }, "\(warnings.map(\.message.en))")
    // One proposed code per pair of texts: the first own point has none, so one is made up.
    XCTAssertTrue(try XCTUnwrap(warnings.first?.help?.zh).contains("要点 餐饮-YD-1 \"是否建立制度\" { }"))
  }

  // MARK: - E0803

  func testE0803OnlyWhenThePlanSetsIt() {
    let points = (1...5).map { "\"是否落实第\($0)项制度\"" }.joined(separator: "; ")
    let text = Self.item("SP-01", points: points) + Self.item("XF-01", department: "XFJY", points: "\"是否畅通\"")
      + "一业一查 餐饮 \"餐饮\" { 牵头 SCJG; 行业 餐饮服务; 事项 SP-01, XF-01 }\n"
    XCTAssertEqual(Self.codes(text), [])
    let plan = "计划 2024 \"2024年抽查工作计划\" { 期间 2024-03-01 .. 2024-11-30 }"
    func capped(_ cap: Int) -> [DiagnosticCode] {
      let compilation = Compiler.compile(texts: [
        ("a.choucha", Self.prelude.replacingOccurrences(of: plan, with: "计划 2024 \"计划\" { 期间 2024-03-01 .. 2024-11-30; 每户最多要点 \(cap) }") + text)
      ])
      return compilation.diagnostics.map(\.code).filter { $0.rawValue.hasPrefix("E") }
    }
    XCTAssertEqual(capped(6), [])
    XCTAssertEqual(capped(5), [.E0803])
  }

  // MARK: - Bad input

  /// Points in both keyword languages, duplicated codes, a referenced own point, full-width
  /// digits and hundreds of points: located diagnostics, never a crash.
  func testBadInputIsLocated() {
    let many = (0..<500).map { "P\($0) \"是否落实第\($0 % 250)项制度\"" }.joined(separator: "\n")
    let text = """
      checkpoint YD-01 "是否畅通" { basis 消防法 "第２８条"; methods onsite; answers 是, 否, 是 }
      要点 YD-01 "重复的编码" { 方式 实地 }

      """ + Self.item("SP-01", points: "SP-01-1 \"是否持证\"\nSP-01-1 \"是否公示\"\nYD-01; YD-01\n" + many)
      + Self.item("XF-01", department: "XFJY", points: "SP-01-1; YD-02")
    let compilation = Compiler.compile(texts: [("a.choucha", Self.prelude + text)])
    let counts = Dictionary(grouping: compilation.diagnostics, by: \.code).mapValues(\.count)
    XCTAssertEqual(counts[.E0102], 1 + 1 + 1)  // YD-01 twice, SP-01-1 twice, answer 是 twice
    XCTAssertEqual(counts[.E0101], 2)  // SP-01-1 (an own point), YD-02
    XCTAssertEqual(counts[.W0805], 1)
    XCTAssertEqual(counts[.W0804], 1 + 250)  // YD-01 twice; 250 texts twice
    for diagnostic in compilation.diagnostics {
      XCTAssertLessThan(diagnostic.span.start, diagnostic.span.end + 1)
      XCTAssertNotNil(diagnostic.help, "\(diagnostic.code): \(diagnostic.message.en)")
    }
  }

  // MARK: - Linear time

  /// 2,000 items of one bundle, 50 points each (45 of their own, 5 the same in every item): the
  /// points are hashed by normalised text, never compared pairwise (100,000 points: 5·10⁹ pairs).
  /// Measured with `Benchmarks`-style input and `/usr/bin/time -v` in the report of issue 14.
  func testTwoThousandItemsOfFiftyPointsInOneBundleAreLinear() throws {
    let (text, items) = Self.pathological(items: 2_000, points: 50, common: 5)
    let compilation = Compiler.compile(texts: [("a.choucha", Self.prelude.replacingOccurrences(of: "期间 2024-03-01 .. 2024-11-30 }", with: "期间 2024-03-01 .. 2024-11-30; 每户最多要点 100 }") + text)])
    XCTAssertEqual(compilation.program.items.count, items)
    let start = ContinuousClock.now
    let diagnostics = CheckPointChecks.run(compilation.program)
    let elapsed = ContinuousClock.now - start
    let counts = Dictionary(grouping: diagnostics, by: \.code).mapValues(\.count)
    XCTAssertEqual(counts[.W0802], 5 * (items - 1))
    XCTAssertEqual(counts[.E0803], 1)
    let merged = try XCTUnwrap(diagnostics.first { $0.code == .E0803 })
    XCTAssertTrue(merged.message.en.contains("merges to \(items * 45 + 5) check points"), merged.message.en)
    XCTAssertLessThan(elapsed, .seconds(30), "100,000 points: \(elapsed)")
  }

  /// `items` items of `points` points each, `common` of them the same text in every item, all in
  /// one bundle; half the items are SCJG's, half XFJY's.
  static func pathological(items: Int, points: Int, common: Int) -> (String, Int) {
    var text = ""
    text.reserveCapacity(items * points * 40)
    var codes: [String] = []
    for index in 0..<items {
      let id = "I\(index)"
      codes.append(id)
      let scjg = index % 2 == 0
      text += "事项 \(id) \"事项\(index)\" {\n  部门 \(scjg ? "SCJG" : "XFJY"); 权责 \(scjg ? "130102-JC-001" : "130102-JC-002")"
      text += "; 依据 \(scjg ? "食品安全法 \"第一百一十条\"" : "消防法 \"第五十三条\"")"
      text += "; 类别 一般; 对象 餐饮服务经营者; 方式 实地检查; 比例 5%; 频次 1\n  要点 {\n"
      for point in 0..<(points - common) { text += "    \"是否落实第\(index)号第\(point)项制度\"\n" }
      for point in 0..<common { text += "    \"是否公示第\(point)项信息。\"\n" }
      text += "  }\n}\n"
    }
    text += "一业一查 全部 \"全部\" { 牵头 SCJG; 行业 餐饮服务; 事项 \(codes.joined(separator: ", ")) }\n"
    return (text, items)
  }
}
