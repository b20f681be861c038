import Foundation
import XCTest

/// The reference vectors recorded in `Tests/Fixtures/vectors/` from the reference implementations
/// (consistent-sampler, chinese-calendar, Python's hashlib and gb18030 codec): where each comes from
/// is in the folder's README and in each file's `#` header; `Tests/Vectors/regenerate.sh` rewrites
/// them, and `.ci/run` checks that it gives the same bytes. The tests read them with the Swift
/// toolchain alone.
enum Vectors {
  static let folder = RepositoryTests.root.appendingPathComponent("Tests/Fixtures/vectors")

  /// A vector file's lines, without its `#` header and blank lines. A missing file fails the test.
  static func lines(_ name: String) throws -> [String] {
    let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    return text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") }
  }

  /// The lines' tab-separated fields.
  static func fields(_ name: String) throws -> [[String]] {
    try lines(name).map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
  }

  /// A field written as a JSON string (ids and seeds: tabs, trailing spaces and empty ones stay
  /// visible), with its bytes as written: no normalization.
  static func string(_ json: String) throws -> String {
    let value = try JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed)
    return try XCTUnwrap(value as? String, "not a JSON string: \(json)")
  }

  /// The 1,000 ids of `ids.txt`.
  static let ids: [String] = {
    do {
      return try lines("ids.txt").map(string)
    } catch {
      XCTFail("Tests/Fixtures/vectors/ids.txt: \(error)")
      return []
    }
  }()

  /// Bytes written as hex digits (any case, any line breaks).
  static func bytes(hex: String) -> [UInt8] {
    let digits = Array(hex.utf8.filter { !($0 == 0x0A || $0 == 0x0D || $0 == 0x20) })
    return stride(from: 0, to: digits.count - 1, by: 2).map {
      UInt8(String(decoding: digits[$0..<($0 + 2)], as: UTF8.self), radix: 16)!
    }
  }
}
