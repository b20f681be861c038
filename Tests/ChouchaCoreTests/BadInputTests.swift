import Foundation
import XCTest

@testable import ChouchaCore
@testable import ChouchaDraw

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The bad-input corpus of the spec: “No input may crash the compiler, hang it, or produce a
/// diagnostic without a location: invalid UTF-8, NUL bytes, a 10 MB file on one line, 10,000 nested
/// braces, an unterminated string at the end of the file, CRLF with a BOM, a CSV with a missing
/// column or a ragged row.”
///
/// Every input is made in code. Each case runs in a `Sandbox` (a forked child process on Linux),
/// so that a crash or a hang of the compiler is reported as a failure naming the input instead of
/// ending or stalling the test run. `CHOUCHA_TEST_NO_FORK=1` runs the cases in-process, for a
/// debugger.
final class BadInputTests: XCTestCase {
  // MARK: - Encoding

  func testInvalidUTF8IsReportedAtItsByte() {
    sandboxed("invalid UTF-8 in a string") {
      let line1 = "部门 SCJG \"区市场监督管理局\" { 类型 本级 }\n"
      let before = "法规 X \"食品"
      let bytes = Array(line1.utf8) + Array(before.utf8) + [0xC3, 0x28] + Array("安全法\" { 施行 2015-10-01 }\n".utf8)
        + [0xFF] + Array("\n".utf8)
      let offset = line1.utf8.count + before.utf8.count
      let compilation = Corpus.compile(["bad.choucha": bytes])
      Invariants.check(compilation, "invalid UTF-8")
      let encoding = compilation.diagnostics.filter { $0.code == .E0001 }
      Expect.that(encoding.count == 1, "one E0001 per file, got \(Corpus.describe(compilation))")
      guard let diagnostic = encoding.first else { return }
      Expect.that(diagnostic.span.start == offset, "E0001 at byte \(diagnostic.span.start), expected \(offset)")
      Expect.that(diagnostic.message.en.contains("byte offset \(offset)"), "message names the offset: \(diagnostic.message.en)")
      let location = compilation.sources[diagnostic.span.file].location(of: diagnostic.span.start)
      // 法 规 ␠ X ␠ " 食 品 → the bad byte is the 9th character of line 2.
      Expect.that(location == SourceLocation(line: 2, column: 9), "E0001 at \(location), expected 2:9")
    }
    sandboxed("stray bytes outside strings") {
      for (name, bad) in [("0xFF", [UInt8(0xFF)]), ("continuation 0x80", [0x80]), ("0xFE 0xFE", [0xFE, 0xFE]), ("0xC0", [0xC0])] {
        let prefix = Array(Corpus.prelude.utf8)
        let compilation = Corpus.compile(["a.choucha": prefix + bad + Array(" \n".utf8)])
        Invariants.check(compilation, name)
        let encoding = compilation.diagnostics.filter { $0.code == .E0001 }
        Expect.that(encoding.count == 1 && encoding[0].span.start == prefix.count, "\(name): expected one E0001 at \(prefix.count), got \(Corpus.describe(compilation))")
      }
    }
  }

  func testTruncatedUTF8AtEndOfFile() {
    sandboxed("truncated UTF-8 at EOF") {
      // The name, the bytes at the end of the file, and how many of them are the truncated sequence.
      let cases: [(String, [UInt8], Int)] = [
        ("2 of 3 bytes after a word", Array("中".utf8) + [0xE4, 0xB8], 2),
        ("1 of 2 bytes", [0xC3], 1),
        ("3 of 4 bytes in a string", Array("部门 X \"abc".utf8) + [0xF0, 0x9F, 0x98], 3),
        ("2 of 3 bytes in a comment", Array("# 注释".utf8) + [0xE6, 0xB3], 2),
        ("lead byte alone at EOF", [0xE4], 1),
      ]
      for (name, tail, truncated) in cases {
        let bytes = Array(Corpus.prelude.utf8) + tail
        let compilation = Corpus.compile(["a.choucha": bytes])
        Invariants.check(compilation, name)
        let encoding = compilation.diagnostics.filter { $0.code == .E0001 }
        Expect.that(
          encoding.count == 1 && encoding[0].span.start == bytes.count - truncated,
          "\(name): expected one E0001 at byte \(bytes.count - truncated), got \(Corpus.describe(compilation))")
      }
    }
  }

  func testOverlongEncodingsAreInvalid() {
    sandboxed("overlong encodings") {
      let cases: [(String, [UInt8])] = [
        ("C0 AF (overlong '/')", [0xC0, 0xAF]),
        ("C1 BF", [0xC1, 0xBF]),
        ("E0 80 AF (overlong '/')", [0xE0, 0x80, 0xAF]),
        ("F0 80 80 AF (overlong '/')", [0xF0, 0x80, 0x80, 0xAF]),
        ("E0 9F BF (overlong U+07FF)", [0xE0, 0x9F, 0xBF]),
        ("F4 90 80 80 (beyond U+10FFFF)", [0xF4, 0x90, 0x80, 0x80]),
        ("F5 80 80 80", [0xF5, 0x80, 0x80, 0x80]),
        ("F8 88 80 80 80 (5-byte form)", [0xF8, 0x88, 0x80, 0x80, 0x80]),
      ]
      for (name, sequence) in cases {
        for (context, before, after) in [("word", "部门 A", " \"x\" { 类型 本级 }\n"), ("string", "部门 A \"x", "\" { 类型 本级 }\n"), ("comment", "# x", "\n")] {
          let prefix = Array((Corpus.prelude + before).utf8)
          let bytes = prefix + sequence + Array(after.utf8)
          let compilation = Corpus.compile(["a.choucha": bytes])
          Invariants.check(compilation, "\(name) in a \(context)")
          let encoding = compilation.diagnostics.filter { $0.code == .E0001 }
          Expect.that(
            encoding.count == 1 && encoding[0].span.start == prefix.count,
            "\(name) in a \(context): expected one E0001 at byte \(prefix.count), got \(Corpus.describe(compilation))")
        }
      }
    }
  }

  func testEncodedSurrogatesAreInvalid() {
    sandboxed("surrogates") {
      for (name, sequence) in [("ED A0 80 (U+D800)", [UInt8(0xED), 0xA0, 0x80]), ("ED BF BF (U+DFFF)", [0xED, 0xBF, 0xBF]), ("surrogate pair ED A0 BD ED B8 80", [0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80])] {
        for (context, before, after) in [("word", "部门 A", " \"x\" { 类型 本级 }\n"), ("string", "部门 A \"x", "\" { 类型 本级 }\n"), ("comment", "# x", "\n"), ("top level", "", "\n")] {
          let prefix = Array((Corpus.prelude + before).utf8)
          let compilation = Corpus.compile(["a.choucha": prefix + sequence + Array(after.utf8)])
          Invariants.check(compilation, "\(name) in a \(context)")
          let encoding = compilation.diagnostics.filter { $0.code == .E0001 }
          Expect.that(
            encoding.count == 1 && encoding[0].span.start == prefix.count,
            "\(name) in a \(context): expected one E0001 at byte \(prefix.count), got \(Corpus.describe(compilation))")
        }
      }
    }
  }

  func testNULBytes() {
    sandboxed("NUL bytes") {
      for (context, before, after) in [
        ("top level", "", "\n"), ("string", "部门 A \"x", "\" { 类型 本级 }\n"), ("comment", "# x", "\n"),
        ("word", "部门 A", " \"x\" { 类型 本级 }\n"), ("block", "部门 A \"x\" {", " 类型 本级 }\n"),
      ] {
        let prefix = Array((Corpus.prelude + before).utf8)
        let compilation = Corpus.compile(["a.choucha": prefix + [0, 0, 0] + Array(after.utf8) + [0]])
        Invariants.check(compilation, "NUL in a \(context)")
        let encoding = compilation.diagnostics.filter { $0.code == .E0001 }
        Expect.that(
          encoding.count == 1 && encoding[0].span.start == prefix.count
            && encoding[0].message.en.contains("NUL byte at byte offset \(prefix.count)"),
          "NUL in a \(context): expected one E0001 naming byte \(prefix.count), got \(Corpus.describe(compilation))")
      }
      let compilation = Corpus.compile(["a.choucha": Array(Corpus.prelude.utf8), "zeros.choucha": [UInt8](repeating: 0, count: 100_000)])
      Invariants.check(compilation, "100,000 NUL bytes")
      Expect.that(compilation.diagnostics.count == 1 && compilation.diagnostics[0].code == .E0001, "a file of NULs: one E0001, got \(Corpus.describe(compilation))")
    }
  }

  /// C0 control characters other than tab, line feed, vertical tab, form feed and carriage return,
  /// and DEL, outside strings and comments.
  func testControlCharactersDoNotHang() {
    let bytes: [UInt8] = Array(0x01...0x08) + Array(0x0E...0x1F) + [0x7F]
    for byte in bytes {
      let name = String(format: "control byte 0x%02X", byte)
      sandboxed(name, idleTimeout: 30) {
        for (context, before, after) in [("top level", "", "\n"), ("block", "部门 A \"x\" {", " 类型 本级 }\n"), ("string", "部门 A \"x", "\" { 类型 本级 }\n")] {
          Sandbox.progress("\(name) in a \(context)")
          let prefix = Array((Corpus.prelude + before).utf8)
          let compilation = Corpus.compile(["a.choucha": prefix + [byte] + Array(after.utf8)])
          Invariants.check(compilation, "\(name) in a \(context)")
          if context != "string" {
            Expect.that(
              compilation.diagnostics.contains { $0.span.start == prefix.count && $0.code == .E0003 },
              "\(name) in a \(context): expected E0003 at byte \(prefix.count), got \(Corpus.describe(compilation))")
          }
        }
      }
      // One hang is enough to show the bug; each costs the full timeout.
      if testRun?.failureCount ?? 0 > 0 { break }
    }
  }

  func testRandomBinaryFile() {
    sandboxed("64 KiB of random bytes", idleTimeout: 30) {
      var random = SplitMix64(seed: 0x0B1_7E5)
      let bytes = (0..<65_536).map { _ in UInt8(truncatingIfNeeded: random.next()) }
      let compilation = Corpus.compile(["a.choucha": Array(Corpus.prelude.utf8), "binary.choucha": bytes])
      Invariants.check(compilation, "random bytes")
      Expect.that(compilation.diagnostics.filter { $0.code == .E0001 }.count == 1, "one E0001 for a binary file, got \(Corpus.describe(compilation, limit: 5))")
      Expect.that(compilation.diagnostics.count < 200, "a binary file yields \(compilation.diagnostics.count) diagnostics")
    }
  }

  // MARK: - Size

  /// 10 MB of blanks, then a `}`: the error is at column 10,000,001 of line 1.
  func testTenMegabyteLineWithErrorAtItsEnd() {
    sandboxed("10 MB line, error at the end", idleTimeout: 60) {
      let bytes = [UInt8](repeating: 0x20, count: 10_000_000) + Array("}".utf8)
      let compilation = Corpus.compile(["a.choucha": Array(Corpus.prelude.utf8), "b.choucha": bytes])
      Invariants.check(compilation, "10 MB line", limits: .large)
      let brace = compilation.diagnostics.first { $0.code == .E0004 }
      Expect.that(brace?.span.start == 10_000_000, "expected E0004 at byte 10,000,000, got \(Corpus.describe(compilation))")
      if let brace {
        let location = compilation.sources[brace.span.file].location(of: brace.span.start)
        Expect.that(location == SourceLocation(line: 1, column: 10_000_001), "location \(location)")
      }
    }
  }

  /// A misspelt keyword followed by a 10 MB word.
  func testTenMegabyteWord() {
    sandboxed("10 MB word", idleTimeout: 60) {
      let bytes = Array("部们 ".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 10_000_000)
      let compilation = Corpus.compile(["a.choucha": Array(Corpus.prelude.utf8), "b.choucha": bytes])
      Invariants.check(compilation, "10 MB word", limits: .large)
      Expect.that(compilation.diagnostics.contains { $0.code == .E0005 && $0.span.start == 0 }, "expected E0005 at 0, got \(Corpus.describe(compilation))")
    }
  }

  /// A 10 MB string that never closes: E0002 at column 1, its label 10 MB to the right.
  func testTenMegabyteUnterminatedString() {
    sandboxed("10 MB unterminated string", idleTimeout: 60) {
      let bytes = Array("部门 A \"".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 10_000_000)
      let compilation = Corpus.compile(["a.choucha": Array(Corpus.prelude.utf8), "b.choucha": bytes])
      Invariants.check(compilation, "10 MB string", limits: .large)
      Expect.that(compilation.diagnostics.map(\.code) == [.E0002], "expected only E0002, got \(Corpus.describe(compilation))")
    }
  }

  /// A 10 MB line of Chinese text in a comment, then an error on the next line.
  func testTenMegabyteCommentLine() {
    sandboxed("10 MB comment", idleTimeout: 60) {
      let bytes = Array("# ".utf8) + Array(String(repeating: "监管", count: 1_666_666).utf8) + Array("\n部门 A { 类型 本级 }\n".utf8)
      let compilation = Corpus.compile(["a.choucha": Array(Corpus.prelude.utf8), "b.choucha": bytes])
      Invariants.check(compilation, "10 MB comment", limits: .large)
      Expect.that(compilation.diagnostics.map(\.code) == [.E0004], "expected one E0004 (missing name), got \(Corpus.describe(compilation))")
      if let first = compilation.diagnostics.first {
        let location = compilation.sources[first.span.file].location(of: first.span.start)
        Expect.that(location.line == 2, "location \(location)")
      }
    }
  }

  /// Fifty errors on one 1 MB line: rendering must not cost a scan of the line per diagnostic.
  func testManyErrorsOnOneLongLine() {
    sandboxed("many errors on a 1 MB line", idleTimeout: 60) {
      var text = ""
      for index in 0..<50 {
        text += "部门 D\(index) \"名\" { 类型 本机 } " + String(repeating: " ", count: 20_000)
      }
      let compilation = Corpus.compile(["a.choucha": Array(Corpus.prelude.utf8), "b.choucha": Array(text.utf8)])
      Invariants.check(compilation, "1 MB line", limits: .large)
      Expect.that(compilation.diagnostics.filter { $0.code == .E0005 }.count == 50, "expected 50 E0005, got \(Corpus.describe(compilation, limit: 3))")
    }
  }

  func testTenThousandNestedBraces() {
    sandboxed("10,000 nested braces") {
      let nested = String(repeating: "{", count: 10_000) + String(repeating: "}", count: 10_000)
      let cases: [(String, String)] = [
        ("at the top level", nested + "\n"),
        ("in an item", "事项 X \"x\" {\n" + nested + "\n}\n"),
        ("as a field value", "事项 X \"x\" {\n  比例 " + nested + "\n}\n"),
        ("one per line", String(repeating: "{\n", count: 10_000) + String(repeating: "}\n", count: 10_000)),
      ]
      for (name, text) in cases {
        let compilation = Corpus.compile(["a.choucha": Array(Corpus.prelude.utf8), "b.choucha": Array(text.utf8)])
        Invariants.check(compilation, "nested braces \(name)")
        Expect.that(!compilation.diagnostics.isEmpty && compilation.diagnostics.count <= 3, "nested braces \(name): expected 1–3 diagnostics, got \(Corpus.describe(compilation))")
      }
    }
  }

  func testTenThousandUnbalancedBraces() {
    sandboxed("10,000 unbalanced braces") {
      let cases: [(String, String, DiagnosticCode)] = [
        ("} × 10,000", String(repeating: "}", count: 10_000), .E0004),
        ("} × 10,000, one per line", String(repeating: "}\n", count: 10_000), .E0004),
        ("{ × 10,000", String(repeating: "{", count: 10_000), .E0004),
        ("{ × 10,000 in an item", Corpus.item(frequency: "1\n" + String(repeating: "{", count: 10_000)), .E0004),
        ("} × 10,000 in an item", Corpus.item(frequency: "1\n" + String(repeating: "}", count: 10_000)), .E0004),
        ("{ × 10,000 after a field", "事项 X \"x\" {\n  部门 SCJG " + String(repeating: "{", count: 10_000) + "\n}\n", .E0004),
      ]
      for (name, text, code) in cases {
        let compilation = Corpus.compile(["a.choucha": Array(Corpus.prelude.utf8), "b.choucha": Array(text.utf8)])
        Invariants.check(compilation, name)
        Expect.that(compilation.diagnostics.contains { $0.code == code }, "\(name): expected \(code.rawValue), got \(Corpus.describe(compilation))")
        Expect.that(compilation.diagnostics.count <= 3, "\(name): \(compilation.diagnostics.count) diagnostics: \(Corpus.describe(compilation, limit: 5))")
      }
    }
  }

  func testVeryLongIdentifiers() {
    sandboxed("100,000-character identifiers") {
      let ascii = String(repeating: "a", count: 100_000)
      let chinese = String(repeating: "监", count: 100_000)
      let cases: [(String, String, DiagnosticCode)] = [
        ("ASCII keyword", ascii + " X \"x\" {}\n", .E0005),
        ("Chinese keyword", chinese + " X \"x\" {}\n", .E0005),
        ("department code", "部门 " + ascii + " \"x\" { 类型 本级 }\n部门 " + ascii + " \"x\" { 类型 本级 }\n", .E0102),
        ("field", "部门 A \"x\" { " + chinese + " 本级 }\n", .E0005),
        ("value", "部门 A \"x\" { 类型 " + chinese + " }\n", .E0005),
        ("reference", Corpus.item(department: ascii), .E0101),
        ("date", "法规 L \"x\" { 施行 " + ascii + " }\n", .E0006),
        ("number", Corpus.item(frequency: String(repeating: "9", count: 100_000)), .E0006),
        ("missing name", "部门 " + chinese + " { 类型 本级 }\n", .E0004),
      ]
      for (name, text, code) in cases {
        let compilation = Corpus.compile(["a.choucha": Array(Corpus.prelude.utf8), "b.choucha": Array(text.utf8)])
        Invariants.check(compilation, "long \(name)")
        Expect.that(compilation.diagnostics.contains { $0.code == code }, "long \(name): expected \(code.rawValue), got \(Corpus.describe(compilation))")
      }
    }
  }

  func testRepeatedCommas() {
    sandboxed("repeated commas") {
      let commas = String(repeating: ",", count: 10_000)
      let cases: [(String, String)] = [
        ("at the top level", commas + "\n"),
        ("Chinese commas at the top level", String(repeating: "、", count: 10_000) + "\n"),
        ("in a list", Corpus.item(objects: "食品经营者" + commas + "餐饮")),
        ("in a list, Chinese", Corpus.item(objects: "食品经营者" + String(repeating: "，", count: 10_000))),
        ("in a class ratio", Corpus.item(ratio: "{ A 3%" + commas + " B 4% }")),
        ("alone in a block", "部门 A \"x\" { " + commas + " }\n"),
        ("one per line in a list", Corpus.item(objects: "食品经营者" + String(repeating: ",\n", count: 10_000) + "餐饮")),
      ]
      for (name, text) in cases {
        let compilation = Corpus.compile(["a.choucha": Array(Corpus.prelude.utf8), "b.choucha": Array(text.utf8)])
        Invariants.check(compilation, "commas \(name)")
        Expect.that(compilation.diagnostics.count <= 2, "commas \(name): \(compilation.diagnostics.count) diagnostics: \(Corpus.describe(compilation, limit: 5))")
      }
    }
  }

  // MARK: - Line ends and empty files

  func testUnterminatedStringAtEndOfFile() {
    sandboxed("unterminated strings at EOF") {
      let cases: [(String, String, String)] = [
        ("ASCII quote", "部门 A \"区商务局", "\""),
        ("Chinese quote", "部门 A “区商务局", "”"),
        ("nested Chinese quotes", "部门 A “餐饮行业“一业一查”", "”"),
        ("quote alone", "部门 A \"", "\""),
        ("Chinese quote alone", "部门 A “", "”"),
        ("backslash at EOF", "部门 A \"abc\\", "\""),
        ("escaped quote at EOF", "部门 A \"abc\\\"", "\""),
        ("CR at EOF", "部门 A \"abc\r", "\""),
        ("CRLF at EOF", "部门 A \"abc\r\n", "\""),
        ("in a field", "事项 X \"x\" {\n  内容 \"检查", "\""),
        ("in an import", "引入 权责 \"t.csv", "\""),
      ]
      for (name, text, quote) in cases {
        let bytes = Array(text.utf8)
        let compilation = Corpus.compile(
          ["a.choucha": Array(Corpus.prelude.utf8), "b.choucha": bytes], tables: ["t.csv": Array(Corpus.tableHeader.utf8)])
        Invariants.check(compilation, name)
        let strings = compilation.diagnostics.filter { $0.code == .E0002 }
        Expect.that(compilation.diagnostics.count == 1 && strings.count == 1, "\(name): expected exactly one E0002, got \(Corpus.describe(compilation))")
        guard let diagnostic = strings.first else { continue }
        Expect.that(diagnostic.fixIts.map(\.replacement) == [quote], "\(name): fix-it \(diagnostic.fixIts.map(\.replacement))")
        let end = text.hasSuffix("\r\n") ? bytes.count - 2 : text.hasSuffix("\r") ? bytes.count - 1 : bytes.count
        Expect.that(diagnostic.fixIts.first?.span.start == end, "\(name): the closing quote belongs at \(end), fix-it at \(diagnostic.fixIts.first?.span.start ?? -1)")
      }
    }
  }

  func testCRLFWithBOM() {
    sandboxed("CRLF with a BOM") {
      let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
      let crlf = Corpus.prelude.replacingOccurrences(of: "\n", with: "\r\n")
      let clean = Corpus.compile(["a.choucha": bom + Array(crlf.utf8)])
      Invariants.check(clean, "clean CRLF + BOM")
      Expect.that(clean.diagnostics.isEmpty, "a clean file with CRLF and a BOM: \(Corpus.describe(clean))")

      // An error on line 1 (after the BOM) and one on the last line.
      let text = "部门 B \"x\" { 类型 本机 }\r\n" + crlf + "部门 C \"y\" { 类型 本机 }\r\n"
      let compilation = Corpus.compile(["a.choucha": bom + Array(text.utf8)])
      Invariants.check(compilation, "CRLF + BOM with errors")
      let locations = compilation.diagnostics.map { compilation.sources[$0.span.file].location(of: $0.span.start) }
      let lastLine = text.components(separatedBy: "\r\n").count - 1
      Expect.that(
        locations == [SourceLocation(line: 1, column: 15), SourceLocation(line: lastLine, column: 15)],
        "expected errors at 1:15 and \(lastLine):15, got \(locations): \(Corpus.describe(compilation))")
      let human = HumanRenderer(language: .zh).render(compilation.diagnostics, sources: compilation.sources)
      Expect.that(!human.contains("\r") && !human.contains("\u{FEFF}"), "rendered output contains CR or the BOM")
      Expect.that(human.contains(" | 部门 B \"x\" { 类型 本机 }\n"), "line 1 is shown without the BOM:\n\(human)")

      // A BOM, CRLF, and an unterminated string on the last line.
      let unterminated = Corpus.compile(["a.choucha": bom + Array((crlf + "部门 D \"x\r\n").utf8)])
      Invariants.check(unterminated, "CRLF + BOM + unterminated string")
      Expect.that(unterminated.diagnostics.map(\.code) == [.E0002], "got \(Corpus.describe(unterminated))")
    }
  }

  func testEmptyAndNearlyEmptyFiles() {
    sandboxed("empty files") {
      let cases: [(String, [UInt8])] = [
        ("empty", []),
        ("only a BOM", [0xEF, 0xBB, 0xBF]),
        ("a truncated BOM", [0xEF, 0xBB]),
        ("two BOMs", [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF]),
        ("only comments", Array("# 第一行\n#第二行\n＃ 全角井号\n   # 缩进\n".utf8)),
        ("only a comment, no newline", Array("# 注释".utf8)),
        ("only blank lines", Array("\n\r\n\n\t \u{3000}\n".utf8)),
        ("only a BOM and CRLF", [0xEF, 0xBB, 0xBF, 0x0D, 0x0A]),
      ]
      for (name, bytes) in cases {
        // Alone: the repository has no plan, reported at 1:1 of the file.
        let alone = Corpus.compile(["a.choucha": bytes])
        Invariants.check(alone, "\(name), alone")
        let expected: [DiagnosticCode] = name == "a truncated BOM" ? [.E0001, .E0501] : [.E0501]
        Expect.that(Set(alone.diagnostics.map(\.code)) == Set(expected), "\(name), alone: expected \(expected.map(\.rawValue)), got \(Corpus.describe(alone))")
        if let plan = alone.diagnostics.first(where: { $0.code == .E0501 }) {
          Expect.that(alone.sources[plan.span.file].location(of: plan.span.start) == SourceLocation(line: 1, column: 1), "\(name): E0501 not at 1:1")
        }
        // Next to a complete program: nothing to report.
        let together = Corpus.compile(["a.choucha": Array(Corpus.prelude.utf8), "b.choucha": bytes])
        Invariants.check(together, "\(name), with a program")
        let expectedTogether: [DiagnosticCode] = name == "a truncated BOM" ? [.E0001] : []
        Expect.that(together.diagnostics.map(\.code) == expectedTogether, "\(name), with a program: got \(Corpus.describe(together))")
      }
      let none = Corpus.compile([:])
      Invariants.check(none, "no files")
    }
  }

  // MARK: - Columns

  /// The column of a diagnostic after invalid bytes on its line agrees with the renderer, which
  /// shows each invalid byte as one U+FFFD.
  func testColumnsAfterInvalidBytes() {
    sandboxed("columns after invalid bytes") {
      // 部 门 ␠ X ␠ " F0 a b c " ␠ { ␠ 类 型 ␠ 本 机: the bad value starts at column 18.
      let bytes = Array(Corpus.prelude.utf8) + Array("部门 X \"".utf8) + [0xF0] + Array("abc\" { 类型 本机 }\n".utf8)
      let compilation = Corpus.compile(["a.choucha": bytes])
      Invariants.check(compilation, "invalid bytes before a diagnostic")
      guard let value = compilation.diagnostics.first(where: { $0.code == .E0005 }) else {
        Expect.fail("expected E0005 for 本机, got \(Corpus.describe(compilation))")
        return
      }
      let location = compilation.sources[value.span.file].location(of: value.span.start)
      Expect.that(location.column == 18, "E0005 at column \(location.column), expected 18 (one column per invalid byte, as the caret shows)")
      Expect.that(Reference.column(bytes, value.span.start) == 18, "reference column")
    }
  }

  // MARK: - Imported tables

  func testCSVWithMissingColumn() {
    sandboxed("CSV missing a column") {
      let table = "事项编码,事项名称,事项类型,实施主体\n130102-JC-009,检查,行政检查,区市场监督管理局\n"
      let compilation = Corpus.compile(["a.choucha": Array((Corpus.prelude + Corpus.importLine).utf8)], tables: ["t.csv": Array(table.utf8)])
      Invariants.check(compilation, "missing column")
      let tables = compilation.diagnostics.filter { $0.code == .E0602 }
      Expect.that(tables.count == 1 && compilation.diagnostics.count == 1, "expected one E0602, got \(Corpus.describe(compilation))")
      guard let diagnostic = tables.first else { return }
      Expect.that(diagnostic.message.zh.contains("设定依据"), "message names the column: \(diagnostic.message.zh)")
      Expect.that(compilation.sources[diagnostic.span.file].path == "t.csv", "points into the table")
      Expect.that(diagnostic.labels.contains { compilation.sources[$0.span.file].path == "a.choucha" }, "a label points at the import")
    }
  }

  func testCSVWithRaggedRows() {
    sandboxed("ragged CSV rows") {
      let table = [
        "事项编码,事项名称,事项类型,实施主体,设定依据",
        "130102-JC-009,检查,行政检查,区市场监督管理局,《中华人民共和国食品安全法》第一百一十条",
        "130102-JC-010,检查,行政检查,区市场监督管理局",  // row 3: a cell short
        "130102-JC-011,检查,行政检查,区市场监督管理局,《中华人民共和国食品安全法》,多余",  // row 4: one too many
        "\"130102-JC-\n012\",检查,行政检查,区市场监督管理局,《中华人民共和国食品安全法》",  // row 5, on lines 5–6
        "130102-JC-013",  // row 6 (as the spreadsheet numbers it), on line 7: one cell
        "",
      ].joined(separator: "\r\n")
      let compilation = Corpus.compile(["a.choucha": Array((Corpus.prelude + Corpus.importLine).utf8)], tables: ["t.csv": Array(table.utf8)])
      Invariants.check(compilation, "ragged rows")
      let rows = compilation.diagnostics.filter { $0.code == .E0602 }
      for (row, line) in [(3, 3), (4, 4), (6, 7)] {
        let found = rows.first { $0.message.en.contains("row \(row) ") && $0.message.zh.contains("第 \(row) 行") }
        Expect.that(found != nil, "row \(row) is reported with its number: \(Corpus.describe(compilation))")
        if let found {
          let location = compilation.sources[found.span.file].location(of: found.span.start)
          Expect.that(location == SourceLocation(line: line, column: 1), "row \(row) reported at \(location)")
        }
      }
      Expect.that(rows.count == 3, "three ragged rows, got \(Corpus.describe(compilation))")
      Expect.that(!compilation.diagnostics.contains { $0.code == .E0101 }, "the good rows still resolve: \(Corpus.describe(compilation))")
    }
  }

  func testCSVEdgeCases() {
    sandboxed("CSV edge cases") {
      let header = "事项编码,事项名称,事项类型,实施主体,设定依据\n"
      let row = "130102-JC-009,检查,行政检查,区市场监督管理局,《中华人民共和国食品安全法》第一百一十条"
      let cases: [(String, [UInt8], [DiagnosticCode])] = [
        ("empty", [], [.E0602]),
        ("only a BOM", [0xEF, 0xBB, 0xBF], [.E0602]),
        ("only a header", Array(header.utf8), []),
        ("BOM and CRLF", [0xEF, 0xBB, 0xBF] + Array((header + row + "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8), []),
        ("no final newline", Array((header + row).utf8), []),
        ("unterminated quote at EOF", Array((header + row + "\n\"130102-JC-010,检查").utf8), [.E0602]),
        ("a quote alone at EOF", Array((header + "\"").utf8), [.E0602]),
        ("blank lines", Array((header + "\n\n,,,,\n" + row + "\n\n").utf8), []),
        ("empty required cell", Array((header + "130102-JC-010,,行政检查,区市场监督管理局,《中华人民共和国食品安全法》\n").utf8), [.E0602]),
        ("only commas", Array(String(repeating: ",", count: 10_000).utf8), [.E0602]),
        ("10,000 columns in a row", Array((header + row + String(repeating: ",x", count: 10_000) + "\n").utf8), [.E0602]),
        ("CR line ends", Array((header + row + "\n").replacingOccurrences(of: "\n", with: "\r").utf8), []),
      ]
      for (name, table, expected) in cases {
        let compilation = Corpus.compile(["a.choucha": Array((Corpus.prelude + Corpus.importLine).utf8)], tables: ["t.csv": table])
        Invariants.check(compilation, "CSV \(name)")
        let codes = Set(compilation.diagnostics.filter { $0.severity == .error }.map(\.code))
        Expect.that(codes == Set(expected), "CSV \(name): expected \(expected.map(\.rawValue)), got \(Corpus.describe(compilation))")
      }
    }
  }

  /// A table saved from Excel in GBK, as a Chinese spreadsheet export often is.
  func testCSVWithInvalidUTF8() {
    sandboxed("CSV in GBK") {
      let gbkDepartment: [UInt8] = [0xC7, 0xF8, 0xCA, 0xD0, 0xB3, 0xA1]  // 区市场 in GBK
      let gbkLaw: [UInt8] = [0xCA, 0xB3, 0xC6, 0xB7]  // 食品 in GBK
      let table = Array("事项编码,事项名称,事项类型,实施主体,设定依据\n130102-JC-009,x,行政检查,".utf8) + gbkDepartment
        + Array(",《".utf8) + gbkLaw + Array("》".utf8)
      let compilation = Corpus.compile(["a.choucha": Array((Corpus.prelude + Corpus.importLine).utf8)], tables: ["t.csv": table])
      Invariants.check(compilation, "GBK table")
      // UTF-8 headings, GBK cells: neither encoding throughout, so refused at its first GBK byte.
      Expect.that(Self.reportsEncoding(compilation), "a table mixing encodings is reported, got \(Corpus.describe(compilation))")

      // The whole table in GBK, as Excel and WPS save it: read as `choucha import` reads it
      // (`TableText`), converted from GB18030.
      let text = "事项编码,事项名称,事项类型,实施主体,设定依据\n130102-JC-009,对食品的检查,行政检查,区市场,《食品》\n"
      let gbk = (try? GB18030Tests.encode(Array(text.utf8))) ?? []
      let read = Corpus.compile(["a.choucha": Array((Corpus.prelude + Corpus.importLine).utf8)], tables: ["t.csv": gbk])
      Invariants.check(read, "whole GBK table")
      Expect.that(!Self.reportsEncoding(read), "a GBK table is read as GB18030, got \(Corpus.describe(read))")
      Expect.that(
        read.program.authorities.contains { $0.department?.value == "区市场" && $0.header.title?.value == "对食品的检查" },
        "the GBK cells are decoded, got \(Corpus.describe(read))")

      // “Unicode text” from Excel: UTF-16 with a BOM, full of NUL bytes.
      let utf16: [UInt8] = [0xFF, 0xFE] + "事项编码,事项名称,事项类型,实施主体,设定依据\r\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
      let wide = Corpus.compile(["a.choucha": Array((Corpus.prelude + Corpus.importLine).utf8)], tables: ["t.csv": utf16])
      Invariants.check(wide, "UTF-16 table")
      Expect.that(Self.reportsEncoding(wide), "a UTF-16 table is reported as not UTF-8, got \(Corpus.describe(wide))")

      // Valid UTF-8 with a NUL byte in a cell: whatever is reported keeps the invariants.
      let nul = Array("事项编码,事项名称,事项类型,实施主体,设定依据\n130102-JC-009,x\0y,行政检查,区市场监督管理局,《中华人民共和国食品安全法》\n".utf8)
      Invariants.check(Corpus.compile(["a.choucha": Array((Corpus.prelude + Corpus.importLine).utf8)], tables: ["t.csv": nul]), "NUL in a table")
    }
  }

  /// E0001 inside the table, or E0601 at the import saying that the table is neither UTF-8 nor
  /// GB18030.
  static func reportsEncoding(_ compilation: Compilation) -> Bool {
    compilation.diagnostics.contains { diagnostic in
      (diagnostic.code == .E0001 && compilation.sources[diagnostic.span.file].path == "t.csv")
        || (diagnostic.code == .E0601 && diagnostic.message.en.contains("UTF-8"))
    }
  }

  // MARK: - Recovery

  /// A parse error in one file does not hide the semantic errors of another.
  func testParseErrorDoesNotHideOtherFiles() {
    sandboxed("errors across files") {
      let broken = "部门 QTJ \"区其他局\" { 类型 本级 }\n部门 X \"x\" { 类型 本级\n部门 Y \"y\" 类型 本级 }\n"
      let other = Corpus.item(id: "SCJG-SP-09", department: "SCJX") + Corpus.item(id: "SCJG-SP-10", department: "QTJ")
      let compilation = Corpus.compile(["a.choucha": Array(broken.utf8), "b.choucha": Array(other.utf8), "prelude.choucha": Array(Corpus.prelude.utf8)])
      Invariants.check(compilation, "errors across files")
      let syntax = compilation.diagnostics.filter { compilation.sources[$0.span.file].path == "a.choucha" && $0.code == .E0004 }
      let names = compilation.diagnostics.filter { compilation.sources[$0.span.file].path == "b.choucha" && $0.code == .E0101 }
      Expect.that(!syntax.isEmpty, "the syntax error in a.choucha is reported: \(Corpus.describe(compilation))")
      Expect.that(names.count == 1 && names[0].message.en.contains("SCJX"), "the undefined SCJX in b.choucha is reported, QTJ (declared before the error) is not: \(Corpus.describe(compilation))")
    }
  }

  /// One typo, one diagnostic.
  func testOneTypoDoesNotCascade() {
    sandboxed("typos") {
      let clean = Corpus.compile(["a.choucha": Array(Corpus.prelude.utf8), "b.choucha": Array(Corpus.item().utf8)])
      Expect.that(clean.diagnostics.isEmpty, "the untouched program is clean: \(Corpus.describe(clean))")
      let cases: [(String, String, String, DiagnosticCode)] = [
        ("misspelt field keyword", "  类别 一般", "  类列 一般", .E0005),
        ("misspelt declaration keyword", "事项 SCJG-SP-09", "事向 SCJG-SP-09", .E0005),
        ("misspelt method", "方式 实地检查", "方式 实地检察", .E0005),
        ("misspelt category", "类别 一般", "类别 一班", .E0005),
        ("misspelt reference", "部门 SCJG", "部门 SCJX", .E0101),
        ("ratio without %", "比例 5%", "比例 5", .E0006),
        ("letter in a number", "频次 1", "频次 l", .E0006),
        ("title missing its closing quote", "\"食品经营者监督检查\" {", "\"食品经营者监督检查 {", .E0002),
        ("missing closing brace", "  频次 1\n}", "  频次 1\n", .E0004),
        ("extra closing brace", "  频次 1\n}", "  频次 1\n}}", .E0004),
        ("field value on the next line", "  类别 一般", "  类别\n一般", .E0004),
        ("fullwidth bracket in a name", "对象 食品经营者", "对象 食品经营者（小）", .E0003),
        ("stray equals sign", "频次 1", "频次 = 1", .E0003),
      ]
      for (name, original, typo, code) in cases {
        let text = Corpus.item() + Corpus.item(id: "SCJG-SP-10")
        guard let range = text.range(of: original) else {
          Expect.fail("\(name): '\(original)' not in the item")
          continue
        }
        let broken = text.replacingCharacters(in: range, with: typo)
        let compilation = Corpus.compile(["a.choucha": Array(Corpus.prelude.utf8), "b.choucha": Array(broken.utf8)])
        Invariants.check(compilation, name)
        Expect.that(
          compilation.diagnostics.map(\.code) == [code],
          "\(name): expected exactly one \(code.rawValue), got \(Corpus.describe(compilation))")
      }
    }
  }

  /// The golden fixtures, which are meant to be read, also keep the invariants.
  func testFixturesKeepTheInvariants() throws {
    let directory = GoldenTests.fixtures.appendingPathComponent("check")
    let cases = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    sandboxed("fixtures") {
      for name in cases {
        guard let compilation = try? GoldenTests.compile(folder: directory.appendingPathComponent(name), displayPrefix: name) else {
          Expect.fail("\(name): cannot read")
          continue
        }
        Invariants.check(compilation, name)
      }
    }
  }
}

// MARK: - Corpus

/// Small clean programs to break.
enum Corpus {
  /// Declarations that compile without any diagnostic.
  static let prelude = """
    部门 SCJG "区市场监督管理局" { 类型 本级 }
    法规 食品安全法 "中华人民共和国食品安全法" { 施行 2015-10-01 }
    权责 130102-JC-001 "对食品经营者的监督检查" { 类型 行政检查; 部门 SCJG; 依据 食品安全法 "第一百一十条" }
    计划 2024 "2024年抽查工作计划" { 期间 2024-03-01 .. 2024-11-30 }
    日历 2024 { 节假日 2024-10-01 .. 2024-10-07; 补班 2024-09-29, 2024-10-12 }
    事项 SCJG-SP-01 "食品经营者监督检查" {
      部门 SCJG
      权责 130102-JC-001
      依据 食品安全法 "第一百一十条"
      类别 一般
      对象 食品经营者
      方式 实地检查
      比例 5%
      频次 1
    }

    """

  static let importLine = "引入 权责 \"t.csv\"\n"
  static let tableHeader = "事项编码,事项名称,事项类型,实施主体,设定依据\n"

  /// A complete item; every argument replaces one field's value.
  static func item(
    id: String = "SCJG-SP-09", department: String = "SCJG", objects: String = "食品经营者", ratio: String = "5%",
    frequency: String = "1"
  ) -> String {
    """
    事项 \(id) "食品经营者监督检查" {
      部门 \(department)
      权责 130102-JC-001
      依据 食品安全法 "第一百一十条"
      类别 一般
      对象 \(objects)
      方式 实地检查
      比例 \(ratio)
      频次 \(frequency)
    }

    """
  }

  /// Compiles rule files given as bytes; `tables` are what they may import.
  static func compile(_ files: KeyValuePairs<String, [UInt8]>, tables: [String: [UInt8]] = [:]) -> Compilation {
    var sources = SourceMap()
    for (path, bytes) in files { sources.add(path: path, bytes: bytes) }
    return Compiler.compile(sources, provider: MemoryFileProvider(files: tables))
  }

  /// The diagnostics in one line each, for failure messages.
  static func describe(_ compilation: Compilation, limit: Int = 12) -> String {
    guard !compilation.diagnostics.isEmpty else { return "no diagnostics" }
    let lines = compilation.diagnostics.prefix(limit).map { diagnostic -> String in
      let file = compilation.sources[diagnostic.span.file]
      let location = file.location(of: diagnostic.span.start)
      return "\(file.path):\(location.line):\(location.column) [\(diagnostic.span.start)..<\(diagnostic.span.end)] \(diagnostic.code.rawValue) \(diagnostic.message.en.prefix(100))"
    }
    let more = compilation.diagnostics.count > limit ? "\n  … \(compilation.diagnostics.count - limit) more" : ""
    return "\(compilation.diagnostics.count) diagnostics:\n  " + lines.joined(separator: "\n  ") + more
  }
}

// MARK: - Invariants

/// What must hold for every compilation, whatever its input.
enum Invariants {
  struct Limits {
    /// A rendered diagnostic longer than this buries the terminal (the spec: long lines are windowed).
    var maxRenderedCharacters = 2000
    /// The languages to render in; one suffices for huge inputs, where each rendering is slow.
    var languages = Language.allCases
    static let standard = Limits()
    static let large = Limits(maxRenderedCharacters: 2000, languages: [.zh])
  }

  /// Checks that every diagnostic has a location inside its file, that locations are 1-based, and
  /// that the human and JSON renderers handle every diagnostic.
  static func check(_ compilation: Compilation, _ context: String, limits: Limits = .standard) {
    let files = compilation.sources.files
    var renderable: [Diagnostic] = []
    for (index, diagnostic) in compilation.diagnostics.enumerated() {
      let tag = "\(context): diagnostic #\(index) \(diagnostic.code.rawValue) “\(diagnostic.message.en.prefix(100))”"
      var spans = [("span", diagnostic.span)]
      spans += diagnostic.labels.enumerated().map { ("label \($0.offset)", $0.element.span) }
      spans += diagnostic.fixIts.enumerated().map { ("fix-it \($0.offset)", $0.element.span) }
      var valid = true
      for (what, span) in spans {
        guard files.indices.contains(span.file) else {
          Expect.fail("\(tag): \(what) names file \(span.file), but there are \(files.count) files")
          valid = false
          continue
        }
        let file = files[span.file]
        if !(0 <= span.start && span.start <= span.end && span.end <= file.bytes.count) {
          Expect.fail("\(tag): \(what) \(span.start)..<\(span.end) is outside \(file.path), which has \(file.bytes.count) bytes")
          valid = false
        }
      }
      // Lines and columns are checked through the JSON output below.
      if diagnostic.message.zh.isEmpty || diagnostic.message.en.isEmpty { Expect.fail("\(tag): empty message") }
      if valid { renderable.append(diagnostic) }
    }

    // Human output, one diagnostic at a time. (How fast is measured by Benchmarks/pathological.sh;
    // a hang is caught by the sandbox's watchdog.)
    for language in limits.languages {
      let renderer = HumanRenderer(language: language)
      for diagnostic in renderable {
        let file = compilation.sources[diagnostic.span.file]
        let location = file.location(of: diagnostic.span.start)
        let text = renderer.render(diagnostic, sources: compilation.sources)
        let tag = "\(context): \(language) rendering of \(diagnostic.code.rawValue) at \(file.path):\(location.line):\(location.column)"
        if !text.hasPrefix("\(file.path):\(location.line):\(location.column): ") {
          Expect.fail("\(tag) does not start with its location: \(text.prefix(200))")
        }
        if text.count > limits.maxRenderedCharacters {
          Expect.fail("\(tag) is \(text.count) characters long (limit \(limits.maxRenderedCharacters)): \(text.prefix(300))…")
        }
        if let control = text.unicodeScalars.first(where: { $0 != "\n" && $0.properties.generalCategory == .control }) {
          Expect.fail("\(tag) contains the control character U+\(String(control.value, radix: 16, uppercase: true)): \(text.debugDescription.prefix(300))")
        }
      }
    }

    // JSON output: valid, one entry per diagnostic, 1-based positions, start before end.
    let json = JSONRenderer(language: .en).render(compilation.diagnostics, sources: compilation.sources, fileCount: files.count)
    guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
      let entries = object["diagnostics"] as? [[String: Any]]
    else {
      Expect.fail("\(context): the JSON output does not parse: \(json.prefix(300))")
      return
    }
    if entries.count != compilation.diagnostics.count {
      Expect.fail("\(context): JSON has \(entries.count) diagnostics, expected \(compilation.diagnostics.count)")
    }
    for (index, entry) in entries.enumerated() {
      var positions = [entry]
      positions += (entry["labels"] as? [[String: Any]]) ?? []
      for position in positions {
        let numbers = ["line", "column", "endLine", "endColumn"].map { (position[$0] as? Int) ?? 0 }
        let path = position["file"] as? String ?? ""
        if numbers.contains(where: { $0 < 1 }) || path.isEmpty
          || (numbers[0], numbers[1]) > (numbers[2], numbers[3])
        {
          Expect.fail("\(context): JSON diagnostic #\(index) has the location \(path):\(numbers)")
        }
      }
    }
  }
}

/// An independent reckoning of columns: each valid UTF-8 sequence and each byte of an invalid one
/// is one column; a BOM at the start of the file is none.
enum Reference {
  static func column(_ bytes: [UInt8], _ offset: Int) -> Int {
    var index = offset
    while index > 0, bytes[index - 1] != 0x0A { index -= 1 }
    if index == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]), offset >= 3 { index = 3 }
    var column = 1
    while index < offset {
      index += max(1, validLength(bytes, index))
      column += 1
    }
    return column
  }

  /// The length of the valid UTF-8 sequence at `index`, or 0.
  static func validLength(_ bytes: [UInt8], _ index: Int) -> Int {
    let lead = bytes[index]
    let (length, low, high): (Int, UInt8, UInt8)
    switch lead {
    case 0x00...0x7F: return 1
    case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
    case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)
    case 0xED: (length, low, high) = (3, 0x80, 0x9F)
    case 0xE1...0xEF: (length, low, high) = (3, 0x80, 0xBF)
    case 0xF0: (length, low, high) = (4, 0x90, 0xBF)
    case 0xF4: (length, low, high) = (4, 0x80, 0x8F)
    case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
    default: return 0
    }
    guard index + length <= bytes.count, (low...high).contains(bytes[index + 1]) else { return 0 }
    for next in 2..<max(2, length) where !(0x80...0xBF).contains(bytes[index + next]) { return 0 }
    return length
  }
}

// MARK: - Sandbox

/// Runs part of a test in a forked child process (on Linux), so that a crash of the compiler (a
/// Swift runtime trap) or a hang becomes a failure naming the input, and the other tests still run.
///
/// Inside the body, report with `Expect` and mark where you are with `Sandbox.progress`: after a
/// crash, or when no progress is reported for `idleTimeout` seconds, the last progress is named.
enum Sandbox {
  enum Ending: Equatable {
    case finished
    case crashed(signal: Int32)
    case exited(status: Int32)
    case hung(seconds: Double)
  }

  struct Outcome {
    var failures: [String] = []
    var lastProgress: String?
    var ending: Ending = .finished
  }

  /// `CHOUCHA_TEST_NO_FORK=1` runs bodies in-process, for a debugger.
  static var forks: Bool {
    #if os(Linux)
      return ProcessInfo.processInfo.environment["CHOUCHA_TEST_NO_FORK"] != "1"
    #else
      return false
    #endif
  }

  /// In the child: the write end of the pipe to the parent.
  private static var channel: Int32 = -1
  /// In-process runs collect here.
  private static var collected = Outcome()

  static func progress(_ text: String) {
    if channel >= 0 { send(kind: UInt8(ascii: "P"), text) } else { collected.lastProgress = text }
  }

  /// How many failures have been reported in this process.
  private(set) static var failureCount = 0

  static func fail(_ text: String) {
    failureCount += 1
    if channel >= 0 { send(kind: UInt8(ascii: "F"), text) } else { collected.failures.append(text) }
  }

  static func run(idleTimeout: Double, _ body: () -> Void) -> Outcome {
    guard forks else { return runInProcess(body) }
    #if os(Linux)
      var pipeEnds: [Int32] = [-1, -1]
      guard pipe(&pipeEnds) == 0 else { return runInProcess(body) }
      fflush(nil)
      let pid = fork()
      if pid == 0 {
        close(pipeEnds[0])
        channel = pipeEnds[1]
        body()
        _exit(0)
      }
      close(pipeEnds[1])
      guard pid > 0 else {
        close(pipeEnds[0])
        return runInProcess(body)
      }
      let input = pipeEnds[0]
      _ = fcntl(input, F_SETFL, fcntl(input, F_GETFL) | O_NONBLOCK)
      var outcome = Outcome()
      var buffer: [UInt8] = []
      var chunk = [UInt8](repeating: 0, count: 1 << 16)
      func drain() -> Bool {
        var received = false
        while true {
          let count = read(input, &chunk, chunk.count)
          guard count > 0 else { break }
          buffer += chunk[0..<count]
          received = true
        }
        while buffer.count >= 5 {
          let length = buffer[1...4].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
          guard buffer.count >= 5 + length else { break }
          let text = String(decoding: buffer[5..<(5 + length)], as: UTF8.self)
          if buffer[0] == UInt8(ascii: "P") { outcome.lastProgress = text } else { outcome.failures.append(text) }
          buffer.removeFirst(5 + length)
        }
        return received
      }
      var status: Int32 = 0
      var lastActivity = Date()
      while true {
        if drain() { lastActivity = Date() }
        if waitpid(pid, &status, WNOHANG) == pid { break }
        if Date().timeIntervalSince(lastActivity) > idleTimeout {
          kill(pid, SIGKILL)
          _ = waitpid(pid, &status, 0)
          _ = drain()
          close(input)
          outcome.ending = .hung(seconds: idleTimeout)
          return outcome
        }
        usleep(1000)
      }
      _ = drain()
      close(input)
      let signal = status & 0x7F
      if signal != 0 {
        outcome.ending = .crashed(signal: signal)
      } else if (status >> 8) & 0xFF != 0 {
        outcome.ending = .exited(status: (status >> 8) & 0xFF)
      }
      return outcome
    #else
      return runInProcess(body)
    #endif
  }

  private static func runInProcess(_ body: () -> Void) -> Outcome {
    collected = Outcome()
    body()
    defer { collected = Outcome() }
    return collected
  }

  private static func send(kind: UInt8, _ text: String) {
    let payload = Array(text.utf8.prefix(8_000))
    let message = [kind] + (0..<4).map { UInt8(truncatingIfNeeded: payload.count >> (8 * $0)) } + payload
    var offset = 0
    while offset < message.count {
      let written = message[offset...].withUnsafeBytes { write(channel, $0.baseAddress, $0.count) }
      if written <= 0 { return }
      offset += written
    }
  }
}

/// Assertions that work inside a sandbox.
enum Expect {
  static func that(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { Sandbox.fail(message()) }
  }

  static func fail(_ message: String) { Sandbox.fail(message) }
}

extension XCTestCase {
  /// Runs `body` in a sandbox and turns what it reported into test failures.
  func sandboxed(
    _ name: String, idleTimeout: Double = 30, file: StaticString = #filePath, line: UInt = #line,
    _ body: () -> Void
  ) {
    report(Sandbox.run(idleTimeout: idleTimeout, body), name, file: file, line: line)
  }

  func report(_ outcome: Sandbox.Outcome, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
    for failure in outcome.failures { XCTFail("\(name): \(failure)", file: file, line: line) }
    let at = outcome.lastProgress.map { " while running: \($0)" } ?? ""
    switch outcome.ending {
    case .finished: break
    case .crashed(let signal):
      XCTFail("\(name): the compiler CRASHED (signal \(signal); its message is on stderr above)\(at)", file: file, line: line)
    case .exited(let status):
      XCTFail("\(name): the test process exited with status \(status)\(at)", file: file, line: line)
    case .hung(let seconds):
      XCTFail("\(name): the compiler HUNG (no progress for \(seconds) s; killed)\(at)", file: file, line: line)
    }
  }
}

/// A small deterministic PRNG (Vigna's SplitMix64), so that every run sees the same inputs.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(1, bound))) }
  mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
}
