import XCTest

@testable import ChouchaCore
@testable import ChouchaDraw

/// The cells of published sheets, form by form: each form the real tables use becomes one value
/// of the rule language, or is kept verbatim (`.verbatim`) when it has no one clear meaning.
final class CellParserTests: XCTestCase {
  func testRatioCells() {
    typealias S = CellParser.Sampling
    let cases: [(String, CellParser.Reading<S>)] = [
      ("5%", .value(.ratio("5%"), atLeast: false)),
      ("0.5％", .value(.ratio("0.5%"), atLeast: false)),
      ("５％", .value(.ratio("5%"), atLeast: false)),
      ("2‰", .value(.ratio("2‰"), atLeast: false)),
      ("100%", .value(.ratio("100%"), atLeast: false)),
      ("不低于3%", .value(.ratio("3%"), atLeast: true)),
      ("不低于0.5%", .value(.ratio("0.5%"), atLeast: true)),
      ("抽查比例不低于3%", .value(.ratio("3%"), atLeast: true)),
      ("全年抽查比例不低于5%", .value(.ratio("5%"), atLeast: true)),
      ("抽查比例10%", .value(.ratio("10%"), atLeast: false)),
      ("≥20%", .value(.ratio("20%"), atLeast: true)),
      ("A3% B4% C5% D6%", .value(.classes([.init(riskClass: "A", ratio: "3%"), .init(riskClass: "B", ratio: "4%"), .init(riskClass: "C", ratio: "5%"), .init(riskClass: "D", ratio: "6%")]), atLeast: false)),
      ("A3%\nB4%\nC5%\nD6%", .value(.classes([.init(riskClass: "A", ratio: "3%"), .init(riskClass: "B", ratio: "4%"), .init(riskClass: "C", ratio: "5%"), .init(riskClass: "D", ratio: "6%")]), atLeast: false)),
      ("A类：1%，B类：3%", .value(.classes([.init(riskClass: "A", ratio: "1%"), .init(riskClass: "B", ratio: "3%")]), atLeast: false)),
      ("18", .value(.count(18), atLeast: false)),
      ("30家", .value(.count(30), atLeast: false)),
      ("7户", .value(.count(7), atLeast: false)),
      ("", .empty),
      ("  ", .empty),
      ("10-20%", .verbatim),
      ("60-70家", .verbatim),
      ("不高于10%", .verbatim),
      ("-5%", .verbatim),
      ("A3% A4%", .verbatim),
      ("A类企业不纳入抽查", .verbatim),
      ("根据实际情况确定", .verbatim),
      ("1户(实际以联合双随机牵头单位抽查数为准。)", .verbatim),
      ("市级医疗保障部门每年对市级及以下经办机构抽查比例之和≥20%", .verbatim),
    ]
    for (cell, expected) in cases {
      XCTAssertEqual(CellParser.sampling(cell), expected, "'\(cell)'")
    }
  }

  func testFrequencyCells() {
    let cases: [(String, CellParser.Reading<Int>)] = [
      ("1次/年", .value(1, atLeast: false)),
      ("2次/年", .value(2, atLeast: false)),
      ("每年2次", .value(2, atLeast: false)),
      ("每年抽查1次", .value(1, atLeast: false)),
      ("抽查1次", .value(1, atLeast: false)),
      ("每年不少于1次", .value(1, atLeast: true)),
      ("=1", .value(1, atLeast: false)),
      (">=1", .value(1, atLeast: true)),
      ("≥2", .value(2, atLeast: true)),
      ("１", .value(1, atLeast: false)),
      ("3", .value(3, atLeast: false)),
      ("一年两次", .value(2, atLeast: false)),
      ("", .empty),
      ("1—2次/年", .verbatim),
      ("1-2次/年", .verbatim),
      ("每半年1次", .verbatim),
      ("根据需要", .verbatim),
    ]
    for (cell, expected) in cases {
      XCTAssertEqual(CellParser.frequency(cell), expected, "'\(cell)'")
    }
  }

  func testCellsWithRatioAndFrequency() {
    let threePercent = CellParser.Reading<CellParser.Sampling>.value(.ratio("3%"), atLeast: false)
    var read = CellParser.samplingAndFrequency("3%;2次/年")
    XCTAssertEqual(read.sampling, threePercent)
    XCTAssertEqual(read.frequency, .value(2, atLeast: false))
    XCTAssertEqual(read.rest, [])
    read = CellParser.samplingAndFrequency("全年抽查比例不低于5%,每年抽查1次")
    XCTAssertEqual(read.sampling, .value(.ratio("5%"), atLeast: true))
    XCTAssertEqual(read.frequency, .value(1, atLeast: false))
    read = CellParser.samplingAndFrequency("100%,抽查1次")
    XCTAssertEqual(read.sampling, .value(.ratio("100%"), atLeast: false))
    XCTAssertEqual(read.frequency, .value(1, atLeast: false))
    read = CellParser.samplingAndFrequency("市级医疗保障部门每年对市级及以下经办机构抽查比例之和≥20%;1次/年")
    XCTAssertEqual(read.sampling, .empty)
    XCTAssertEqual(read.frequency, .value(1, atLeast: false))
    XCTAssertEqual(read.rest, ["市级医疗保障部门每年对市级及以下经办机构抽查比例之和≥20%"])
    read = CellParser.samplingAndFrequency("A3%,B4%")
    XCTAssertEqual(read.sampling, .value(.classes([.init(riskClass: "A", ratio: "3%"), .init(riskClass: "B", ratio: "4%")]), atLeast: false))
    read = CellParser.samplingAndFrequency("3%;5%")
    XCTAssertEqual(read.sampling, threePercent)
    XCTAssertEqual(read.rest, ["5%"], "a second ratio is not silently dropped")
  }

  /// Numbers: a frequency is not a count, digits apart are not one number, a thousands
  /// separator is, and a bare number means what its column's heading says.
  func testNumbersAreReadOnlyWhenTheyHaveOneMeaning() {
    typealias S = CellParser.Sampling
    let cases: [(String, CellParser.BareNumber, CellParser.Reading<S>)] = [
      ("5", .percent, .value(.ratio("5%"), atLeast: false)),
      ("0.5", .percent, .value(.ratio("0.5%"), atLeast: false)),
      ("5%", .percent, .value(.ratio("5%"), atLeast: false)),
      ("30家", .percent, .value(.count(30), atLeast: false)),
      ("5", .ambiguous, .verbatim),
      ("5%", .ambiguous, .value(.ratio("5%"), atLeast: false)),
      ("7户", .ambiguous, .value(.count(7), atLeast: false)),
      ("5", .count, .value(.count(5), atLeast: false)),
      ("1,200户", .count, .value(.count(1200), atLeast: false)),
      ("1,200", .count, .value(.count(1200), atLeast: false)),
      ("1,20户", .count, .verbatim),
      ("2 5%", .count, .verbatim),
      ("20 30家", .count, .verbatim),
      ("2人", .count, .verbatim),
      ("1次", .count, .verbatim),
      ("每年抽查1次", .count, .verbatim),
    ]
    for (cell, bare, expected) in cases {
      XCTAssertEqual(CellParser.sampling(cell, bareNumber: bare), expected, "'\(cell)' \(bare)")
    }
    XCTAssertEqual(CellParser.frequency("1 2"), .verbatim)
    XCTAssertEqual(CellParser.frequency("1 2次/年"), .verbatim)
    for cell in ["每年抽查1次", "抽查1次", "1次"] {
      let read = CellParser.samplingAndFrequency(cell)
      XCTAssertEqual(read.sampling, .empty, cell)
      XCTAssertEqual(read.frequency, .value(1, atLeast: false), cell)
      XCTAssertEqual(read.rest, [], cell)
    }
    let read = CellParser.samplingAndFrequency("1,200户;1次/年")
    XCTAssertEqual(read.sampling, .value(.count(1200), atLeast: false))
    XCTAssertEqual(read.frequency, .value(1, atLeast: false))
    XCTAssertEqual(CellParser.samplingAndFrequency("5", bareNumber: .ambiguous).rest, ["5"])
  }

  func testLegalBasisCells() {
    typealias C = CellParser.Citation
    var read = CellParser.citations("《食品安全法》第一百零九条、《中华人民共和国消防法》第五十三条")
    XCTAssertEqual(read.citations, [C(title: "食品安全法", articles: "第一百零九条"), C(title: "中华人民共和国消防法", articles: "第五十三条")])
    XCTAssertNil(read.rest)
    read = CellParser.citations("《企业名称登记管理规定》第二十六条、二十七条\n《个体工商户条例》第二十三条第一款")
    XCTAssertEqual(read.citations, [C(title: "企业名称登记管理规定", articles: "第二十六条、二十七条"), C(title: "个体工商户条例", articles: "第二十三条第一款")])
    // 定州: brackets broken by the export.
    read = CellParser.citations("《中央预算内投资补助和贴息项目管理办法》(第二十三条;《河北省政府投资管理办法》)第三十六条。")
    XCTAssertEqual(read.citations, [C(title: "中央预算内投资补助和贴息项目管理办法", articles: "第二十三条"), C(title: "河北省政府投资管理办法", articles: "第三十六条")])
    read = CellParser.citations("《旅馆业治安管理办法》第十四条 《关于深化娱乐服务场所和特种行业治安管理改革进一步依法加强事中事后监管的工作意见》")
    XCTAssertEqual(read.citations.count, 2)
    XCTAssertNil(read.citations[1].articles)
    read = CellParser.citations("价格法第三十三条")
    XCTAssertEqual(read.citations, [])
    XCTAssertEqual(read.rest, "价格法第三十三条")
    read = CellParser.citations("依据：《价格法》第三十三条；《价格违法行为")
    XCTAssertEqual(read.citations, [C(title: "价格法", articles: "第三十三条")])
    XCTAssertEqual(read.rest, "依据 《价格违法行为")
  }

  /// Titles: white space removed, so one law is one law; nested 《》 matched by depth, and
  /// brackets that do not pair up kept as written.
  func testLawTitles() {
    typealias C = CellParser.Citation
    XCTAssertEqual(CellParser.citations("《食品 安全法》第一条").citations, [C(title: "食品安全法", articles: "第一条")])
    XCTAssertEqual(CellParser.citations("《食品\n安全法》").citations, [C(title: "食品安全法", articles: nil)])
    XCTAssertEqual(CellParser.citations("《ISO 9001 标准》").citations, [C(title: "ISO 9001标准", articles: nil)])
    var read = CellParser.citations("《国务院关于《食品安全法》的决定》第一条")
    XCTAssertEqual(read.citations, [C(title: "国务院关于《食品安全法》的决定", articles: "第一条")])
    XCTAssertNil(read.rest)
    read = CellParser.citations("《国务院关于《食品安全法》第一条")
    XCTAssertEqual(read.citations, [])
    XCTAssertEqual(read.rest, "《国务院关于《食品安全法》第一条")
    read = CellParser.citations("《食品安全法》的决定》第一条；《消防法》")
    XCTAssertEqual(read.citations, [C(title: "消防法", articles: nil)])
    XCTAssertEqual(read.rest, "《食品安全法》的决定》第一条")
  }

  func testNamesJoinLinesAsWritten() {
    XCTAssertEqual(CellParser.joinLines("县级以上市场监管\n部门"), "县级以上市场监管部门")
    XCTAssertEqual(CellParser.joinLines("登记事项 检查"), "登记事项 检查")
    XCTAssertEqual(CellParser.joinLines("A\nB  C "), "A B C")
  }
}
