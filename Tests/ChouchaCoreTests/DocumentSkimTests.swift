import Foundation
import XCTest

@testable import ChouchaCore
@testable import ChouchaDraw

/// `verify` reads a draw document's specification without its drawn lists. The skim must give
/// the tree Foundation gives with those lists emptied, and must skim only what Foundation accepts.
final class DocumentSkimTests: XCTestCase {
  /// A real draw document (Rules/ with the example directories).
  func document() throws -> [UInt8] {
    let fixture = try DrawTests.fixture()
    var sources = SourceMap()
    let (result, diagnostics) = Drawer.run(
      fixture.spec, targets: sources.add(path: "targets.csv", bytes: fixture.targets),
      inspectors: sources.add(path: "inspectors.csv", bytes: fixture.inspectors))
    XCTAssertEqual(diagnostics.map(\.code), [])
    return DrawDocument.json(try XCTUnwrap(result))
  }

  /// Foundation's tree with every array under `targets` or `skipped` emptied.
  func emptied(_ value: Any) -> Any {
    if let object = value as? [String: Any] {
      var copy: [String: Any] = [:]
      for (key, member) in object {
        copy[key] = (key == "targets" || key == "skipped") && member is [Any] ? [Any]() : emptied(member)
      }
      return copy
    }
    if let array = value as? [Any] { return array.map(emptied) }
    return value
  }

  func testSkimIsTheDocumentWithoutItsDrawnLists() throws {
    let bytes = try document()
    let skimmed = try XCTUnwrap(DocumentSkim.withoutDrawnLists(bytes))
    XCTAssertLessThan(skimmed.count, bytes.count / 2, "the drawn lists are most of the document")
    let whole = try JSONSerialization.jsonObject(with: Data(bytes))
    let head = try JSONSerialization.jsonObject(with: Data(skimmed))
    XCTAssertEqual(emptied(whole) as? NSDictionary, head as? NSDictionary)
    // `inputs.targets` is an object, not a drawn list: kept.
    XCTAssertNotNil(((head as? [String: Any])?["inputs"] as? [String: Any])?["targets"] as? [String: Any])
    // And the specification read back is the same either way.
    let spec = try XCTUnwrap(DrawDocument.spec(from: bytes))
    XCTAssertEqual(spec.targets, (((whole as? [String: Any])?["inputs"] as? [String: Any])?["targets"] as? [String: Any])?["sha256"] as? String)
  }

  /// Whenever the skim accepts a document, Foundation accepts it whole: a malformed file is never
  /// read back as a specification (it is refused as before). Random byte changes to a real
  /// document, and hand-made edge cases.
  func testSkimAcceptsOnlyWhatFoundationAccepts() throws {
    let original = try document()
    let bytes = Array(original.prefix(6000)) + Array("]}]}".utf8)
    var state: UInt64 = 5
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    let replacements: [UInt8] = Array("{}[],:\"\\0123456789-+.eEtfnu \n".utf8) + [0x00, 0x1F, 0xC3, 0xA9, 0xFF]
    var cases: [[UInt8]] = []
    for _ in 0..<400 {
      var mutated = original
      for _ in 0..<(1 + next(3)) {
        let position = next(mutated.count)
        switch next(3) {
        case 0: mutated[position] = replacements[next(replacements.count)]
        case 1: mutated.remove(at: position)
        default: mutated.insert(replacements[next(replacements.count)], at: position)
        }
      }
      cases.append(mutated)
    }
    cases += [
      "{}", "[]", "{\"targets\": [1, 2, {\"a\": [3]}]}", "{\"targets\": [1,]}", "{\"skipped\": [01]}",
      "{\"targets\": [\"\\ud800\"]}", "{\"targets\": [\"\\udc00\"]}", "{\"targets\": [\"\\ud83d\\ude00\"]}",
      "{\"targets\": [1e5, -0.5, 2E-3]}", "{\"targets\": [1.]}", "{\"targets\": [.5]}", "{\"targets\": [tru]}",
      "{\"a\": 1} x", "{\"a\": \"\u{1}\"}", "{\"targets\": {\"sha256\": \"x\"}}", String(repeating: "[", count: 300) + String(repeating: "]", count: 300),
    ].map { Array($0.utf8) }
    cases.append(bytes)
    var skimmed = 0
    for (number, document) in cases.enumerated() {
      guard let head = DocumentSkim.withoutDrawnLists(document) else { continue }
      skimmed += 1
      XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(document)), "case \(number) skimmed but not JSON")
      XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(head)), "case \(number): the skim is not JSON")
    }
    XCTAssertGreaterThan(skimmed, 10, "some mutations keep the document well formed")
  }

  /// Found by `Fuzz/run.sh document`: a number beyond a Double in a drawn list (`1e999`) was
  /// skimmed, so `verify` read the specification of a document Foundation refuses whole. The skim
  /// now refuses what Foundation refuses, and still takes the long numbers Foundation takes.
  func testSkimRefusesNumbersBeyondADouble() throws {
    let nines = String(repeating: "9", count: 400)
    let one308 = "1" + String(repeating: "0", count: 308)
    for number in ["1e309", "1e999", "-1e309", "1.8e308", "1E400", nines, "-\(nines).5", "1e99999999999999999999"] {
      let document = Array("{\"targets\": [\(number)], \"a\": 1}".utf8)
      XCTAssertNil(try? JSONSerialization.jsonObject(with: Data(document)), "Foundation refuses \(number.prefix(20))")
      XCTAssertNil(DocumentSkim.withoutDrawnLists(document), "the skim refuses \(number.prefix(20))")
    }
    for number in ["1e308", "1.7e308", "1e-400", "0e999", "-0", "123456789012345678901234567890", one308, "1e0000000000000000001"] {
      let document = Array("{\"targets\": [\(number)], \"a\": 1}".utf8)
      XCTAssertNotNil(try? JSONSerialization.jsonObject(with: Data(document)), "Foundation takes \(number.prefix(20))")
      XCTAssertEqual(DocumentSkim.withoutDrawnLists(document), Array("{\"targets\": [], \"a\": 1}".utf8), "the skim takes \(number.prefix(20))")
    }
    // `verify` refuses a draw document with such a number in its drawn list, as Foundation would.
    let fixture = try String(decoding: Data(contentsOf: RepositoryTests.root.appendingPathComponent("Tests/Fixtures/draw/ok-rules-example/expected/draw.json")), as: UTF8.self)
    XCTAssertEqual(fixture.components(separatedBy: "\"targets\": [").count, 2)
    let edited = Array(fixture.replacingOccurrences(of: "\"targets\": [", with: "\"targets\": [1e999, ").utf8)
    guard case .failure(let problem) = edited.withUnsafeBufferPointer({ DrawDocument.read($0) }) else {
      return XCTFail("a document with 1e999 in its drawn list was read")
    }
    XCTAssertEqual(problem.kind, .notADocument)
  }
}
