import XCTest

@testable import ChouchaCore
@testable import ChouchaDraw

/// The inspectors directory's "did you mean" for an unknown department: one `Suggest.Index` per
/// table and one look-up per distinct misspelling (before: every row compared against every code
/// and name, rebuilding the list each time, quadratic in rows × departments), giving what
/// `Suggest.closest` over the codes and names gives.
final class DirectorySuggestTests: XCTestCase {
  struct Random {
    var state: UInt64
    mutating func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state >> 33
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
  }

  static let alphabet: [Unicode.Scalar] = ["S", "C", "J", "G", "s", "c", "j", "g", "X", "1", "-", "局", "市", "场", "监", "管", "区"]

  static func word(_ random: inout Random, length: Int) -> String {
    var text = String.UnicodeScalarView()
    for _ in 0..<length { text.append(alphabet[random.below(alphabet.count)]) }
    return String(text)
  }

  static func mutate(_ text: String, _ random: inout Random) -> String {
    var scalars = Array(text.unicodeScalars)
    for _ in 0...random.below(2) {
      switch random.below(4) {
      case 0 where !scalars.isEmpty: scalars.remove(at: random.below(scalars.count))
      case 1: scalars.insert(alphabet[random.below(alphabet.count)], at: random.below(scalars.count + 1))
      case 2 where scalars.count > 1:
        let at = random.below(scalars.count - 1)
        scalars.swapAt(at, at + 1)
      default: if !scalars.isEmpty { scalars[random.below(scalars.count)] = alphabet[random.below(alphabet.count)] }
      }
    }
    var result = String.UnicodeScalarView()
    result.append(contentsOf: scalars)
    return String(result)
  }

  func testSuggestionsAreThoseOfTheScanOverCodesAndNames() {
    var random = Random(state: 10)
    var compared = 0
    var suggested = 0
    for _ in 0..<60 {
      var departments: [DepartmentRef] = []
      var codes: Set<String> = []
      for _ in 0..<random.below(40) {
        let code = Self.word(&random, length: 1 + random.below(6))
        guard Lexer.isSingleWord(code), codes.insert(code).inserted else { continue }
        departments.append(DepartmentRef(code: code, name: Self.word(&random, length: 2 + random.below(8))))
      }
      var rows: [String] = []
      for index in 0..<80 {
        let pick = departments.isEmpty ? nil : departments[random.below(departments.count)]
        let written =
          pick.map { random.below(2) == 0 ? Self.mutate($0.code, &random) : Self.mutate($0.name, &random) }
          ?? Self.word(&random, length: 3)
        // Repeat some rows' misspellings: the cache must give them the same.
        let department = index > 10 && random.below(4) == 0 ? rows[random.below(rows.count)] : written
        rows.append(department)
      }
      let cells = rows.map { $0.replacingOccurrences(of: "\"", with: "") }
        .map { $0.contains(",") || $0.hasPrefix(" ") ? "\"\($0)\"" : $0 }
      let text = "工号,姓名,部门,执法证号,专长,回避\n" + cells.enumerated().map { "E\($0.offset),某,\($0.element),,,\n" }.joined()
      let file = SourceFile(id: 0, path: "i.csv", bytes: Array(text.utf8))
      let (_, _, diagnostics) = Directories.inspectors(file, departments: departments)
      let spellings = Directories.departmentSpellings(
        codes: Set(departments.map(\.code)), names: departments.map(\.name))
      for diagnostic in diagnostics where diagnostic.code == .E0101 {
        let written = file.text(diagnostic.span.start..<diagnostic.span.end).trimmingCharacters(in: .whitespaces)
        let expected = Suggest.closest(to: written, among: spellings)
        let help = Suggest.help(expected, Text(zh: "部门写编码或规则库中的全称", en: "write the department's code or its full name as in the rules"))
        XCTAssertEqual(diagnostic.help, help, "\(written) among \(spellings)")
        compared += 1
        if expected != nil { suggested += 1 }
      }
    }
    XCTAssertGreaterThan(compared, 1000)
    XCTAssertGreaterThan(suggested, compared / 4, "the misspellings are close enough to suggest")
  }

  /// A case slip with several candidates (`ab` for `AB` and `Ab`): the first in byte order, every
  /// run (before, the order of a `Set`, which differs between runs).
  func testACaseSlipSuggestsTheSameEveryRun() {
    let departments = [DepartmentRef(code: "Ab", name: "甲局"), DepartmentRef(code: "AB", name: "乙局")]
    let text = "工号,姓名,部门,执法证号,专长,回避\nE1,某,ab,,,\n"
    let (_, _, diagnostics) = Directories.inspectors(
      SourceFile(id: 0, path: "i.csv", bytes: Array(text.utf8)), departments: departments)
    XCTAssertTrue(diagnostics.first?.help?.en.hasPrefix("did you mean 'AB'?") ?? false, "\(diagnostics.map(\.help))")
  }
}
