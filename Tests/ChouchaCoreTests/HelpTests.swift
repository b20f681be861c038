import Foundation
import XCTest

@testable import choucha

/// `choucha --help` and each command's `--help` name every option the command accepts (issue 13:
/// the top-level help had fallen behind `check --format sarif|github --output`, `import --prefix
/// --rules` and `explain --list`). The options are read from the commands' sources, where each
/// `ArgumentParser(…)` lists them, so a new option without help fails here.
final class HelpTests: XCTestCase {
  /// Each command's usage, by the name of the enum that parses its arguments.
  static let usages: [String: (command: String, usage: String)] = [
    "CheckCommand": ("check", CheckCommand.usage), "BuildCommand": ("build", BuildCommand.usage),
    "DrawCommand": ("draw", DrawCommand.usage), "VerifyCommand": ("verify", VerifyCommand.usage),
    "FmtCommand": ("fmt", FmtCommand.usage), "ImportCommand": ("import", ImportCommand.usage),
    "ExplainCommand": ("explain", ExplainCommand.usage), "ReportCommand": ("report", ReportCommand.usage), "SiteCommand": ("site", SiteCommand.usage),
    // `draw --sql` and `verify --sql`: every option of the two is on their draw lines.
    "SQLCommand": ("draw", SQLCommand.usage + SQLCommand.verifyUsage),
  ]

  /// The options each command's `ArgumentParser(…)` accepts, read from `Sources/choucha/`.
  static func parsedOptions() throws -> [String: Set<String>] {
    let folder = CatalogTests.root.appendingPathComponent("Sources/choucha")
    let enumeration = try Regex(#"^enum ([A-Za-z]+Command)\b"#)
    let list = try Regex(#"(?:valueOptions|flagOptions):\s*\[([^\]]*)\]"#)
    let option = try Regex(#""(-[^"]+)""#)
    var options: [String: Set<String>] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".swift") {
      let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
      var command: String?
      for line in text.split(separator: "\n") {
        if let match = line.firstMatch(of: enumeration) { command = String(match.output[1].substring!) }
        guard let command else { continue }
        for match in line.matches(of: list) {
          for each in match.output[1].substring!.matches(of: option) {
            options[command, default: []].insert(String(each.output[1].substring!))
          }
        }
      }
    }
    return options
  }

  func testEveryParsedOptionIsInTheHelp() throws {
    let parsed = try Self.parsedOptions()
    XCTAssertEqual(Set(parsed.keys), Set(Self.usages.keys), "every command that parses options has its usage here")
    // The top-level help: the line of each command's synopsis.
    let synopsis = Dictionary(
      CLI.help.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { $0.hasPrefix("choucha ") }
        .map { (String($0.split(separator: " ")[1]), [$0]) }, uniquingKeysWith: +)
    for (command, options) in parsed.sorted(by: { $0.key < $1.key }) {
      guard let (name, usage) = Self.usages[command] else { continue }
      let lines = synopsis[name]?.joined(separator: "\n") ?? ""
      XCTAssertFalse(lines.isEmpty, "choucha --help has no line for \(name)")
      for option in options.sorted() where !["--help", "-h"].contains(option) {
        XCTAssertTrue(usage.contains(option), "choucha \(name) --help does not mention \(option)")
        XCTAssertTrue(lines.contains(option), "choucha --help does not mention \(name) \(option)")
      }
    }
  }

  /// The values a choice option takes are those the help lists.
  func testOutputFormatsAreInTheHelp() {
    for format in ["human", "json", "sarif", "github"] {
      XCTAssertNotNil(OutputFormat(rawValue: format))
      XCTAssertTrue(CLI.help.contains(format), "choucha --help does not list --format \(format)")
      XCTAssertTrue(CheckCommand.usage.contains(format))
    }
  }
}
