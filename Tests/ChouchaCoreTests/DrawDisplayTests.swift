import Foundation
import XCTest

@testable import ChouchaCore

/// What `choucha draw` shows of a directory in GB18030: the draw reads it converted to UTF-8,
/// and its messages point into the converted text, so that is the text they quote. (Fuzzing
/// found the raw bytes quoted under positions of the converted text: a garbled line and an
/// underline past the end of the file.)
final class DrawDisplayTests: XCTestCase {
  func testDirectoriesInGB18030ShowTheSameMessagesAsInUTF8() throws {
    let fixture = RepositoryTests.root.appendingPathComponent("Tests/Fixtures/draw/err-directory-problems")
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("choucha-display-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    func draw(_ encode: ([UInt8]) throws -> [UInt8], into name: String) throws -> String {
      let directory = folder.appendingPathComponent(name)
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      for file in ["targets.csv", "inspectors.csv"] {
        let bytes = try [UInt8](Data(contentsOf: fixture.appendingPathComponent(file)))
        try Data(encode(bytes)).write(to: directory.appendingPathComponent(file))
      }
      let (status, output) = try RepositoryTests.run([
        "draw", fixture.appendingPathComponent("input.choucha").path,
        "--targets", directory.appendingPathComponent("targets.csv").path,
        "--inspectors", directory.appendingPathComponent("inspectors.csv").path,
        "--seed", "display", "--out", directory.appendingPathComponent("out").path,
      ])
      XCTAssertEqual(status, 1, output)
      return output.replacingOccurrences(of: directory.path + "/", with: "")
    }
    let utf8 = try draw({ $0 }, into: "utf8")
    let gb18030 = try draw(GB18030Tests.encode, into: "gb18030")
    XCTAssertTrue(utf8.contains("长安区第"), utf8)
    XCTAssertTrue(utf8.contains("E0102"), utf8)
    XCTAssertEqual(gb18030, utf8)
  }
}
