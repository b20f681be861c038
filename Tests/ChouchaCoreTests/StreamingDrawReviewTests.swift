import XCTest

@testable import ChouchaCore
@testable import ChouchaDraw
@testable import choucha

/// Review of the two-worker pass: odd layouts, every chunk size, both sources.
extension StreamingDrawTests {
  static func oddDirectory(bom: Bool, endings: [String], finalNewline: Bool, extraColumns: Int, longNames: Bool, quotes: Bool)
    -> [UInt8]
  {
    var header = "统一社会信用代码,名称,行业,标签,信用风险分类"
    for index in 0..<extraColumns { header += ",x\(index)" }
    var text = (bom ? "\u{FEFF}" : "") + header + endings[0]
    let rows = 260
    for row in 0..<rows {
      let ending = endings[row % endings.count]
      let tags = row % 3 == 0 ? "食品经营者、特种设备使用单位" : row % 3 == 1 ? "食品经营者" : ""
      var name = "某店\(row)"
      if longNames && row % 40 == 7 { name += String(repeating: "长", count: 300) }
      if quotes && row == 130 { name = "\"某,店\"" }
      text += "91130102MA\(String(format: "%08d", row * 7919 % 100_000_000)),\(name),\(["食品销售", "餐饮服务", "零售"][row % 3]),\(tags),\(Self.classes[row % 4])"
      for index in 0..<extraColumns { text += (row + index) % 5 == 0 ? ",v" : "," }
      if row < rows - 1 || finalNewline { text += ending }
      if row % 37 == 0 { text += ending }  // a blank line
    }
    return Array(text.utf8)
  }

  func testReviewOddLayoutsDrawAsTheExactPath() throws {
    let layouts: [(String, [UInt8])] = [
      ("LF", Self.oddDirectory(bom: false, endings: ["\n"], finalNewline: true, extraColumns: 0, longNames: false, quotes: false)),
      ("CR only", Self.oddDirectory(bom: false, endings: ["\r"], finalNewline: true, extraColumns: 0, longNames: false, quotes: false)),
      ("CR only, BOM, no final", Self.oddDirectory(bom: true, endings: ["\r"], finalNewline: false, extraColumns: 0, longNames: false, quotes: false)),
      ("mixed, no final", Self.oddDirectory(bom: true, endings: ["\r\n", "\n", "\r"], finalNewline: false, extraColumns: 0, longNames: true, quotes: false)),
      ("70 columns", Self.oddDirectory(bom: false, endings: ["\n", "\r\n"], finalNewline: true, extraColumns: 70, longNames: false, quotes: false)),
      ("70 columns, quotes", Self.oddDirectory(bom: true, endings: ["\r\n"], finalNewline: false, extraColumns: 70, longNames: true, quotes: true)),
    ]
    for (label, targets) in layouts {
      let path = FileManager.default.temporaryDirectory.appendingPathComponent("choucha-review-\(UUID().uuidString).csv")
      defer { try? FileManager.default.removeItem(at: path) }
      try Data(targets).write(to: path)
      for chunk in [4, 9, 64, 1000, 1 << 20] {
        for splitMinimum in [0, 1 << 16] {
          var options = StreamingDraw.Options(margin: 1, floor: 0.05)
          options.chunk = chunk
          options.splitMinimum = splitMinimum
          // No room before a chunk: every row cut short goes through a larger buffer.
          options.reserve = splitMinimum == 0 ? 0 : 64 << 10
          // And the drawn rows read again by both cores, however few.
          options.fetchSplit = splitMinimum == 0 ? 2 : 1024
          for source in [nil, path.path] {
            let (streamed, exact, _) = try documents(Self.spec(maxVisits: 1), targets, options: options, path: source)
            XCTAssertEqual(streamed, exact, "\(label): chunks of \(chunk), split \(splitMinimum), \(source == nil ? "memory" : "file")")
          }
        }
      }
    }
  }

  /// The word-at-a-time UTF-8 validator against Swift's own on random mixes of valid text and
  /// edge sequences (E0/ED bounds, overlong forms, past U+10FFFF, truncations, stray bytes).
  func testReviewUTF8AgreesWithSwift() {
    let pieces: [[UInt8]] = [
      Array("a".utf8), Array("0123456789,".utf8), Array("食品".utf8), Array("é".utf8), Array("🙂".utf8), Array("\u{800}".utf8),
      Array("\u{D7FF}".utf8), Array("\u{E000}".utf8), Array("\u{FFFF}".utf8), Array("\u{10FFFF}".utf8), Array("\u{80}".utf8),
      Array("\u{7FF}".utf8), Array("\u{FFF}".utf8), Array("\u{1000}".utf8), Array("\u{10000}".utf8),
      [0xE0, 0x9F, 0xBF], [0xED, 0xBF, 0xBF], [0xE0, 0xA0], [0xC1, 0xBF], [0xC2], [0xF0, 0x8F, 0xBF, 0xBF], [0xF5, 0x80, 0x80, 0x80],
      [0xF4, 0x8F, 0xBF], [0x80], [0xBF], [0xFE], [0xE1, 0x80], [0xEF, 0xBF, 0xBF, 0xBF],
    ]
    var state: UInt64 = 99
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    for round in 0..<20000 {
      var bytes: [UInt8] = []
      for _ in 0..<(1 + next(24)) { bytes += pieces[next(6) == 0 ? next(pieces.count) : next(15)] }
      // From every offset of the first word: sequences straddle the words of eight differently.
      for start in 0..<min(9, bytes.count) {
        let slice = Array(bytes[start...])
        let ok = slice.withUnsafeBufferPointer { isValidUTF8($0) }
        XCTAssertEqual(ok, String(validating: slice, as: UTF8.self) != nil, "round \(round), from \(start): \(slice)")
      }
    }
  }

  /// The file shrinks, or becomes something else, between the pass and the re-read: nil, never a
  /// crash or a loop.
  func testReviewFetchOfAChangedFile() throws {
    let targets = Self.directory(rows: 200)
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("choucha-fetch-\(UUID().uuidString).csv")
    defer { try? FileManager.default.removeItem(at: path) }
    let draw = StreamingDraw(
      spec: Self.spec(maxVisits: nil), issuer: issuer, directory: FileByteSource.directory(id: 0, path: path.path))
    let headings = ["统一社会信用代码", "名称", "行业", "标签", "信用风险分类"]
    for cut in [0, 1, 60, 100, 500, targets.count - 1] {
      try Data(targets[..<cut]).write(to: path)
      _ = draw.fetch([0, 3, 59, 60, 99, 499, targets.count - 2, targets.count + 10], headings: headings)
    }
    // A directory where the file was.
    try? FileManager.default.removeItem(at: path)
    try FileManager.default.createDirectory(at: path, withIntermediateDirectories: true)
    XCTAssertNil(draw.fetch([0, 100], headings: headings))
  }

  /// The file is rewritten between the pass and the re-read with the same credit codes (the
  /// tickets still match) but another name: the re-read declines, so that the published names are
  /// those of the bytes whose SHA-256 is published. Unchanged, the same re-read succeeds.
  func testFetchDeclinesAFileRewrittenSinceThePass() throws {
    let targets = Self.directory(rows: 200)
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("choucha-identity-\(UUID().uuidString).csv")
    defer { try? FileManager.default.removeItem(at: path) }
    try Data(targets).write(to: path)
    let draw = StreamingDraw(
      spec: Self.spec(maxVisits: nil), issuer: issuer, directory: FileByteSource.directory(id: 0, path: path.path))
    let first = try XCTUnwrap(draw.pass([draw.request(0)], first: true))
    let offsets = first.gathered[0].candidates.flatMap { $0.map(\.offset) }.sorted()
    XCTAssertFalse(offsets.isEmpty)
    XCTAssertNotNil(draw.fetch(offsets, headings: first.headings, identity: first.identity))
    // The same codes at the same offsets, another name of the same length, written anew: every
    // row still gives its ticket, only the file's identity tells.
    let text = String(decoding: targets, as: UTF8.self).replacingOccurrences(of: "某店", with: "某铺")
    XCTAssertEqual(text.utf8.count, targets.count)
    XCTAssertNotEqual(Array(text.utf8), targets)
    try Data(text.utf8).write(to: path)
    XCTAssertNil(draw.fetch(offsets, headings: first.headings, identity: first.identity))
  }
}
