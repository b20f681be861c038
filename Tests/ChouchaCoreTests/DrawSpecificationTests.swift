import Foundation
import XCTest

@testable import ChouchaCore

/// Issue 17: the fingerprint that ties an engine's selection file to the plan its query was made
/// from: the SHA-256 of the commitment's specification part (the commitment without `inputs`).
final class DrawSpecificationTests: XCTestCase {
  static func spec(_ block: String = "{ A 3%  B 5%  C 10%  D 20% }", seed: String = "") throws -> Drawer.Spec {
    let compilation = AbnormalStratumTests.compile(AbnormalStratumTests.rules(block))
    return Drawer.spec(try XCTUnwrap(Planner.plan(compilation.program, year: 2024)), seed: seed)
  }

  func testTheFingerprintIsTheCommitmentWithoutItsInputs() throws {
    let spec = try Self.spec()
    let input = Commitment.Input(sha256: String(repeating: "a", count: 64), rows: 1, columns: ["c"], contentDigest: String(repeating: "b", count: 64))
    let whole = String(decoding: Commitment.json(spec, targets: input, inspectors: input), as: UTF8.self)
    // The commitment's text with the `inputs` member cut out, exactly.
    let start = try XCTUnwrap(whole.range(of: "  \"inputs\": {"))
    let end = try XCTUnwrap(whole.range(of: "  \"tasks\": ["))
    let cut = String(whole[..<start.lowerBound]) + String(whole[end.lowerBound...])
    XCTAssertEqual(String(decoding: Commitment.specificationJSON(spec), as: UTF8.self), cut)
    XCTAssertEqual(DrawSpecification.fingerprint(spec), SHA256.hex(SHA256.hash(Array(cut.utf8))))
    XCTAssertEqual(DrawSpecification.fingerprint(spec).count, 64)
  }

  func testTheSeedIsNotInItAndThePlanIs() throws {
    let plain = DrawSpecification.fingerprint(try Self.spec())
    XCTAssertEqual(DrawSpecification.fingerprint(try Self.spec(seed: "another seed")), plain)
    XCTAssertNotEqual(DrawSpecification.fingerprint(try Self.spec("{ A 3%  B 5%  C 10%  D 21% }")), plain)
    XCTAssertNotEqual(DrawSpecification.fingerprint(try Self.spec("{ A 3%  B 5%  C 10%  D 20%  异常 30% }")), plain)
  }
}
