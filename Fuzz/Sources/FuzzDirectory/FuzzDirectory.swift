import FuzzSupport

@testable import ChouchaCore

// The draw engine in its own target, once it is there (issue 11): the same names, `package` or
// internal, reached the same way.
#if canImport(ChouchaDraw)
  @testable import ChouchaDraw
#endif

/// The draw's reading of a target directory, on the input as the directory (in memory):
/// - the byte-level row scanner (`RowScanner`) finds the rows and cells `CSVReader` finds, the
///   bytes given whole or cut where the input's hash says (the rest following);
/// - `Drawer.run` (the one-pass draw, else the exact path) never crashes, and its diagnostics keep
///   their invariants;
/// - when the one-pass draw (`StreamingDraw`, in chunks of a few bytes to a megabyte, shared by
///   both workers) takes the directory, its document is the exact path's, byte for byte.
/// The rules, seed and inspectors are those of Tests/Fixtures/draw/ok-rules-example.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDirectory(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  let bytes = Fuzz.bytes(data, count)
  let hash = Fuzz.hash(bytes)
  scanner(bytes, cut: Int(hash >> 8 % UInt64(bytes.count + 1)))
  draws(bytes, hash: hash)
  return 0
}

func scanner(_ bytes: [UInt8], cut: Int) {
  let (rows, failure) = CSVReader.read(SourceFile(id: 0, path: "t.csv", bytes: bytes))
  let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
  let cut = max(start, min(cut, bytes.count))
  var scanner = RowScanner()
  #if canImport(ChouchaDraw)
    let scratch = ByteScratch()
  #else
    var scratch: [UInt8] = []
  #endif
  var found: [(cells: [[UInt8]], end: Int)] = []
  var unterminated = false
  bytes.withUnsafeBufferPointer { buffer in
    guard let base = buffer.baseAddress else { return }
    func text(_ cell: RowScanner.Cell) -> [UInt8] {
      #if canImport(ChouchaDraw)
        let text = RowScanner.text(cell, base, scratch: scratch)
      #else
        let text = RowScanner.text(cell, base, scratch: &scratch)
      #endif
      return Array(String(decoding: text, as: UTF8.self).utf8)
    }
    func record(_ end: Int) {
      found.append((scanner.cells.map(text), end))
    }
    var index = start
    // The bytes before the cut, more to come; then all of them.
    scanning: while index < cut {
      switch scanner.scan(base, from: index, count: cut, final: false) {
      case .incomplete: break scanning
      case .unterminated: Fuzz.fail("scanner: unterminated before the end (cut at \(cut))")
      case .row(let end):
        record(end)
        index = end
      }
    }
    while index < bytes.count {
      switch scanner.scan(base, from: index, count: bytes.count, final: true) {
      case .incomplete: Fuzz.fail("scanner: incomplete at the end")
      case .unterminated:
        unterminated = true
        index = bytes.count
      case .row(let end):
        record(end)
        index = end
      }
    }
  }
  // As text: `CSVReader` repairs invalid UTF-8 (U+FFFD), the scanner keeps the bytes (the
  // one-pass draw leaves a file that is not UTF-8 to the exact path).
  let expected = rows.map { $0.cells.map { Array($0.text.utf8) } }
  if found.map(\.cells) != expected {
    let cells = found.map(\.cells)
    let row = (0..<min(cells.count, expected.count)).first { cells[$0] != expected[$0] } ?? min(cells.count, expected.count)
    func show(_ cells: [[[UInt8]]]) -> String {
      row < cells.count ? cells[row].map { String(decoding: $0, as: UTF8.self).debugDescription }.joined(separator: ", ") : "none"
    }
    Fuzz.fail(
      "scanner: the cells of row \(row) differ from CSVReader's (cut at \(cut), \(found.count) rows against \(expected.count)):\n"
        + "  scanner:   \(show(found.map(\.cells)))\n  CSVReader: \(show(expected))")
  }
  Fuzz.expect(found.map(\.end) == rows.map(\.span.end), "scanner: row ends differ from CSVReader's (cut at \(cut))")
  Fuzz.expect(unterminated == (failure != nil), "scanner: unterminated \(unterminated), CSVReader \(failure != nil)")
}

enum Fixture {
  static let rules = """
    部门 SCJG "区市场监督管理局" { 类型 本级 }
    部门 XFJY "区消防救援大队" { 类型 垂直 }
    法规 食品安全法 "中华人民共和国食品安全法" { 施行 2015-10-01 }
    法规 消防法 "中华人民共和国消防法" { 施行 1998-09-01 }
    权责 130102-JC-001 "对食品经营者的监督检查" { 类型 行政检查; 部门 SCJG; 依据 食品安全法 "第一百一十条" }
    权责 130102-JC-002 "对公众聚集场所消防安全的监督检查" { 类型 行政检查; 部门 XFJY; 依据 消防法 "第五十三条" }
    事项 SP-01 "食品经营者检查" {
      部门 SCJG; 权责 130102-JC-001; 依据 食品安全法 "第一百一十条"
      类别 重点; 对象 餐饮服务经营者; 方式 实地检查; 比例 { A 20%  B 40%  C 60%  D 100% }; 频次 1; 专长 食品安全
    }
    事项 XF-01 "消防安全检查" {
      部门 XFJY; 权责 130102-JC-002; 依据 消防法 "第五十三条"
      类别 一般; 对象 餐饮服务经营者; 方式 实地检查; 比例 50%; 频次 1
    }
    一业一查 餐饮 "餐饮行业“一业一查”" { 牵头 SCJG; 行业 餐饮服务; 事项 SP-01, XF-01; 期间 2024-04-01 .. 2024-09-30 }
    计划 2024 "2024年抽查工作计划" { 期间 2024-03-01 .. 2024-11-30; 最多检查 1 }
    日历 2024 { 节假日 2024-10-01 .. 2024-10-07; 补班 2024-09-29, 2024-10-12 }

    """
  static let inspectors = Array(
    """
    工号,姓名,部门,执法证号,专长,回避
    E01,王伟,SCJG,130102001,食品安全,
    E02,李芳,区市场监督管理局,130102002,食品安全、特种设备,91130102MA00000001
    E03,张敏,SCJG,130102003,食品安全,
    E04,刘洋,SCJG,,食品安全,
    E05,陈静,SCJG,130102005,计量,
    E06,杨强,XFJY,130102006,消防,
    E07,赵磊,XFJY,130102007,,
    E08,黄娟,XFJY,130102008,消防,
    E10,周杰,SCJG,130102010,食品安全,
    E11,吴涛,SCJG,130102011,食品安全、计量,

    """.utf8)
  static let spec: Drawer.Spec = {
    let compilation = Compiler.compile(texts: [("input.choucha", rules)])
    guard compilation.diagnostics.errorCount == 0, let plan = Planner.plan(compilation.program, year: nil) else {
      Fuzz.fail("the fixture's rules do not compile")
    }
    return Drawer.spec(plan, seed: "2024-03-01 公开摇号：3 1 4 1 5 9")
  }()
}

func draws(_ bytes: [UInt8], hash: UInt64) {
  let spec = Fixture.spec
  var sources = SourceMap()
  let targetFile = sources.add(path: "targets.csv", bytes: bytes)
  let inspectorFile = sources.add(path: "inspectors.csv", bytes: Fixture.inspectors)
  let (_, diagnostics) = Drawer.run(spec, targets: targetFile, inspectors: inspectorFile)
  // The diagnostics point into the directory as the draw read it: a GB18030 file converted to
  // UTF-8 (`Directories.text`), unless the draw stopped at its first bytes (a NUL byte among
  // them), which are the file's own. (`choucha draw` shows them against the file's own bytes:
  // found by this target, reported, not fixed here; Fuzz/crashes/directory/gb18030-*.)
  var shown = SourceMap()
  let read = bytes.contains(0) ? targetFile : Directories.text(targetFile, what: Directories.targetsName).0
  shown.add(path: read.path, bytes: read.bytes)
  shown.add(path: inspectorFile.path, bytes: inspectorFile.bytes)
  Fuzz.check(diagnostics, sources: shown, "draw")

  // The one-pass draw in small chunks against the exact path.
  var options = StreamingDraw.Options(margin: hash & 1 == 0 ? 0.25 : 0, floor: hash & 1 == 0 ? 0.0002 : 0)
  options.chunk = [5, 64, 333, 4096, 1 << 20][Int((hash >> 1) % 5)]
  options.splitMinimum = 0
  options.reserve = options.chunk / 3
  options.fetchSplit = 2
  let seedHash = Tickets.seedHash(spec.seed)
  guard
    let streamed = StreamingDraw(
      spec: spec, issuer: TicketIssuer(seedHash: seedHash), directory: TargetDirectory(targetFile), options: options
    ).draw()
  else { return }
  let inspectors = Directories.inspectors(inspectorFile, departments: spec.departments)
  let (result, _) = Drawer.match(
    spec, seedHash: seedHash, sampled: streamed.tasks, rows: streamed.rows, targetsFingerprint: streamed.fingerprint,
    inspectors: inspectors.0, inspectorsFingerprint: inspectors.1)
  let (exact, exactDiagnostics) = Drawer.exact(spec, targets: TargetDirectory(targetFile), inspectors: inspectors)
  Fuzz.expect(
    (result == nil) == (exact == nil),
    "one-pass draw \(result == nil ? "failed" : "drew"), the exact path \(exact == nil ? "failed" : "drew"): \(exactDiagnostics.map(\.code.rawValue))")
  if let result, let exact {
    Fuzz.expect(DrawDocument.json(result) == DrawDocument.json(exact), "the one-pass draw's document differs from the exact path's (chunk \(options.chunk))")
  }
}
