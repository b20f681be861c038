import XCTest

@testable import ChouchaCore
@testable import ChouchaDraw

/// A file at an output's name that choucha did not write is never overwritten: `build` and `draw`
/// refuse, before writing anything, when one of their names is taken by a file their previous
/// manifest does not list (a user's own `items.md` before the first build, a draw record written
/// before manifests), or by anything but a regular file (a symbolic link, a directory).
final class OutputOwnershipTests: XCTestCase {
  func directory(_ name: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("choucha-\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
  }

  /// Every entry of `directory` (hidden ones too) with its bytes, or its link target.
  static func listing(_ directory: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
      let url = directory.appendingPathComponent(name)
      if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: url.path) {
        files[name] = Data("link → \(target)".utf8)
      } else {
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
        files[name] = isDirectory.boolValue ? Data("directory".utf8) : try Data(contentsOf: url)
      }
    }
    return files
  }

  /// Before the fix, `build --out DIR` over a folder holding the user's own `items.md` replaced
  /// it with the item list, silently; and `draw` replaced a draw record that no manifest lists.
  func testAFileChouchaDidNotWriteIsNotOverwritten() throws {
    let out = try directory("foreign")
    try Data("我自己的事项笔记 / my own notes\n".utf8).write(to: out.appendingPathComponent("items.md"))
    let before = try Self.listing(out)
    let built = try OutputTests.run(["build", "Rules", "--out", out.path])
    XCTAssertEqual(built.status, 2, built.output)
    XCTAssertTrue(built.output.contains("其中已有“items.md”，不是上次 choucha build 写出的（目录中没有运行清单 build.manifest.json）"), built.output)
    XCTAssertTrue(built.output.contains("未写出任何文件"), built.output)
    XCTAssertTrue(built.output.contains("帮助：") && built.output.contains("help: move or remove them"), built.output)
    XCTAssertEqual(try Self.listing(out), before, "nothing written, nothing left behind")

    // A draw record of an older version (no manifest beside it) is not replaced by a new draw.
    let record = try directory("older-draw")
    let drawArguments = ["draw", "Rules"] + OutputTests.drawArguments + ["--out", record.path]
    XCTAssertEqual(try OutputTests.run(drawArguments + ["--seed", "the published draw"]).status, 0)
    try FileManager.default.removeItem(at: record.appendingPathComponent("draw-2024.manifest.json"))
    let published = try Self.listing(record)
    let redrawn = try OutputTests.run(drawArguments + ["--seed", "another seed", "--lang", "en"])
    XCTAssertEqual(redrawn.status, 2, redrawn.output)
    XCTAssertTrue(redrawn.output.contains("it already holds draw-2024.json, draw-2024.csv, not written by a previous choucha draw"), redrawn.output)
    XCTAssertEqual(try Self.listing(record), published)

    // An unreadable manifest cannot say which files are choucha's: the same.
    try Data("{\"schema\": \"choucha/manifest/v9\"}".utf8).write(to: record.appendingPathComponent("draw-2024.manifest.json"))
    let unreadable = try OutputTests.run(drawArguments + ["--seed", "another seed"])
    XCTAssertEqual(unreadable.status, 2, unreadable.output)
    XCTAssertTrue(unreadable.output.contains("运行清单 draw-2024.manifest.json 无法读取"), unreadable.output)

    // Once removed by the user, the run goes ahead.
    try FileManager.default.removeItem(at: out.appendingPathComponent("items.md"))
    XCTAssertEqual(try OutputTests.run(["build", "Rules", "--out", out.path]).status, 0)
  }

  /// An output's name taken by a symbolic link or a directory, even one the manifest lists: refused,
  /// named, and left as it is; the file the link leads to is not touched either.
  func testALinkOrADirectoryAtAnOutputNameIsLeftAlone() throws {
    let out = try directory("not-regular")
    XCTAssertEqual(try OutputTests.run(["build", "Rules", "--out", out.path]).status, 0)
    let outside = try directory("link-target")
    let target = outside.appendingPathComponent("kept.json")
    try Data("kept\n".utf8).write(to: target)
    try FileManager.default.removeItem(at: out.appendingPathComponent("items.json"))
    try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("items.json").path, withDestinationPath: target.path)
    try FileManager.default.removeItem(at: out.appendingPathComponent("items.md"))
    try FileManager.default.createDirectory(at: out.appendingPathComponent("items.md"), withIntermediateDirectories: false)
    let before = try Self.listing(out)

    let built = try OutputTests.run(["build", "Rules", "--out", out.path])
    XCTAssertEqual(built.status, 2, built.output)
    XCTAssertTrue(built.output.contains("其中已有“items.json”、“items.md”"), built.output)
    XCTAssertEqual(try Self.listing(out), before)
    XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), "kept\n")
  }

  /// A previous manifest as large as one may be (1 MB: ten thousand entries, forged or not) costs a
  /// run little: its stale entries were deduplicated pairwise, 6.4 s for this one (debug build),
  /// 0.4 s since. The bound leaves room for a loaded machine.
  func testALargePreviousManifestIsReadInLinearTime() throws {
    let out = try directory("large-manifest")
    XCTAssertEqual(try OutputTests.run(["build", "Rules", "--out", out.path]).status, 0)
    let manifestURL = out.appendingPathComponent("build.manifest.json")
    let manifest = try String(contentsOf: manifestURL, encoding: .utf8)
    let digest = String(repeating: "0", count: 64)
    let entries = (0..<10_000).map { "{\"name\":\"f\($0)\",\"size\":1,\"sha256\":\"\(digest)\"}," }.joined()
    let forged = manifest.replacingOccurrences(of: "  \"files\": [\n", with: "  \"files\": [\n" + entries)
    XCTAssertLessThanOrEqual(forged.utf8.count, 1 << 20, "still within the manifest's size limit")
    try forged.write(to: manifestURL, atomically: true, encoding: .utf8)

    let start = Date()
    let built = try OutputTests.run(["build", "Rules", "--out", out.path])
    let seconds = Date().timeIntervalSince(start)
    XCTAssertEqual(built.status, 0, built.output)
    XCTAssertEqual(try String(contentsOf: manifestURL, encoding: .utf8), manifest)
    XCTAssertLessThan(seconds, 3, "a 1 MB previous manifest took \(seconds) s")
  }

  /// A previous manifest over 1 MB (a site of 10,000 items lists 28,035 files in 3.8 MB) is
  /// read: before the fix it was "unreadable", so the next run removed none of the files it no
  /// longer writes and hashed every file in its way.
  func testAManifestOfManyFilesIsReadByTheNextRun() throws {
    let out = try directory("many-files")
    XCTAssertEqual(try OutputTests.run(["build", "Rules", "--out", out.path]).status, 0)
    let manifestURL = out.appendingPathComponent("build.manifest.json")
    let manifest = try String(contentsOf: manifestURL, encoding: .utf8)
    try Data("stale".utf8).write(to: out.appendingPathComponent("stale.txt"))
    let stale = "{\"name\":\"stale.txt\",\"size\":5,\"sha256\":\"\(SHA256.hex(SHA256.hash(Array("stale".utf8))))\"},"
    let digest = String(repeating: "0", count: 64)
    let entries = (0..<40_000).map { "{\"name\":\"gone/f\($0).html\",\"size\":1,\"sha256\":\"\(digest)\"}," }.joined()
    let forged = manifest.replacingOccurrences(of: "  \"files\": [\n", with: "  \"files\": [\n" + stale + entries)
    XCTAssertGreaterThan(forged.utf8.count, 2 << 20)
    try forged.write(to: manifestURL, atomically: true, encoding: .utf8)

    let built = try OutputTests.run(["build", "Rules", "--out", out.path])
    XCTAssertEqual(built.status, 0, built.output)
    XCTAssertFalse(built.output.contains("无法读取"), built.output)
    XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("stale.txt").path))
    XCTAssertEqual(try String(contentsOf: manifestURL, encoding: .utf8), manifest)
  }

  /// The rules of Examples/01-basic moved to 2025: a build of them writes plan-2025.json and
  /// tasks-2025.json instead of the 2024 files.
  func rules2025() throws -> URL {
    let rules = try directory("rules-2025")
    let example = OutputTests.root.appendingPathComponent("Examples/01-basic")
    for name in try FileManager.default.contentsOfDirectory(atPath: example.path) where name.hasSuffix(".choucha") {
      let text = try String(contentsOf: example.appendingPathComponent(name), encoding: .utf8)
      try text.replacingOccurrences(of: "2024", with: "2025")
        .write(to: rules.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    return rules
  }

  /// A build killed after its unfinished manifest was in place, before its files were: the files
  /// are still the build before's, which that manifest lists (`removing`) beside the new versions
  /// (`files`). The next build, of another year, removed no 2024 file before the fix: it matched
  /// them against the killed run's versions only, kept them as “changed since”, and no later
  /// build would ever remove them. Now any listed version is recognised.
  func testAfterAKilledRunTheFilesOfTheRunBeforeAreStillKnown() throws {
    let out = try directory("after-kill")
    XCTAssertEqual(try OutputTests.run(["build", "Examples/01-basic", "--out", out.path]).status, 0)
    let manifestURL = out.appendingPathComponent("build.manifest.json")
    let before = try String(contentsOf: manifestURL, encoding: .utf8)
    let reference = try directory("reference")
    XCTAssertEqual(try OutputTests.run(["build", "Rules", "--out", reference.path]).status, 0)
    let killed = try String(contentsOf: reference.appendingPathComponent("build.manifest.json"), encoding: .utf8)

    // What `build Rules` leaves when killed at its second rename: its unfinished manifest.
    func list(_ manifest: String) throws -> String {
      let start = try XCTUnwrap(manifest.range(of: "  \"files\": [\n"))
      let end = try XCTUnwrap(manifest.range(of: "\n  ]", range: start.upperBound..<manifest.endIndex))
      return String(manifest[start.upperBound..<end.lowerBound])
    }
    let unfinished = killed.replacingOccurrences(of: "\"complete\": true", with: "\"complete\": false")
      .replacingOccurrences(of: "\n  ]\n}", with: "\n  ],\n  \"removing\": [\n\(try list(before))\n  ]\n}")
    try unfinished.write(to: manifestURL, atomically: true, encoding: .utf8)

    let built = try OutputTests.run(["build", try rules2025().path, "--out", out.path])
    XCTAssertEqual(built.status, 0, built.output)
    XCTAssertTrue(built.output.contains("删除了上次运行写出、这次不再写出的 plan-2024.json、tasks-2024.json"), built.output)
    XCTAssertFalse(built.output.contains("保留了"), built.output)
    XCTAssertEqual(
      try FileManager.default.contentsOfDirectory(atPath: out.path).sorted(),
      ["build.manifest.json", "items.csv", "items.json", "items.md", "plan-2025.json", "tasks-2025.json"])
  }

  /// `--out ""` was taken as a path, and failed with “cannot write : the file doesn't exist”.
  func testAnEmptyOutputDirectoryIsAUsageError() throws {
    let built = try OutputTests.run(["build", "Rules", "--out", ""])
    XCTAssertEqual(built.status, 2, built.output)
    XCTAssertTrue(built.output.contains("输出目录为空：请用 --out 指定一个目录 / the output directory is empty"), built.output)
  }

  /// An output directory below a file, or a symbolic link to nothing, was refused with the
  /// system's “NSCocoaErrorDomain error 512” or “a file with the same name already exists”: now
  /// the message names what is in the way.
  func testWhatIsInTheWayOfTheOutputDirectoryIsNamed() throws {
    let folder = try directory("in-the-way")
    try Data("x\n".utf8).write(to: folder.appendingPathComponent("file"))
    try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("dangling").path, withDestinationPath: "nowhere")
    let rules = OutputTests.root.appendingPathComponent("Rules").path
    for (out, said) in [
      ("file/out", "无法写出“file/out”：“file”不是目录 / cannot write file/out: file is not a directory"),
      ("dangling", "无法写出“dangling”：“dangling”是指向不存在位置的符号链接 / cannot write dangling: dangling is a symbolic link to nothing"),
      ("dangling/out", "“dangling”是指向不存在位置的符号链接"),
    ] {
      let built = try OutputTests.run(["build", rules, "--out", out], in: folder)
      XCTAssertEqual(built.status, 2, built.output)
      XCTAssertTrue(built.output.contains(said), built.output)
    }
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), ["dangling", "file"])
  }

  /// Under a file-size limit (`ulimit -f`, as some CI runners set) and SIGXFSZ left as it comes,
  /// `build` died of the signal, leaving its temporary files and the directories it had made. Now
  /// the write fails, exit 2, and nothing is left.
  func testAFileSizeLimitIsAWriteError() throws {
    let binary = try RepositoryTests.requireBinary()
    let folder = try directory("size-limit")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "trap - XFSZ; ulimit -f 16; exec \"$0\" \"$@\"", binary.path, "build", "Rules", "--out", folder.appendingPathComponent("new/out").path]
    process.currentDirectoryURL = OutputTests.root
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    XCTAssertEqual(process.terminationReason, .exit, output)
    XCTAssertEqual(process.terminationStatus, 2, output)
    XCTAssertTrue(output.contains("无法写出"), output)
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [], "no directory, no temporary file left")
  }

  /// A file beside a draw whose size differs from the manifest's is a mismatch without being
  /// read: a sparse gigabyte as draw-2024.csv was hashed whole first (27.8 s in a debug build).
  func testVerifyComparesSizesBeforeHashing() throws {
    let out = try directory("sparse")
    let drawn = try OutputTests.run(["draw", "Rules"] + OutputTests.drawArguments + ["--seed", DrawTests.seed, "--out", out.path])
    XCTAssertEqual(drawn.status, 0, drawn.output)
    let csv = out.appendingPathComponent("draw-2024.csv")
    let recorded = try Data(contentsOf: csv).count
    let handle = try FileHandle(forWritingTo: csv)
    try handle.truncate(atOffset: 1 << 30)
    try handle.close()

    let start = Date()
    let verified = try OutputTests.run(["verify", out.appendingPathComponent("draw-2024.json").path] + OutputTests.drawArguments)
    let seconds = Date().timeIntervalSince(start)
    XCTAssertEqual(verified.status, 1, verified.output)
    XCTAssertTrue(verified.output.contains("有 1073741824 字节，运行清单 draw-2024.manifest.json 记录的是 \(recorded) 字节"), verified.output)
    XCTAssertLessThan(seconds, 5, "verify read a file whose size already differs")
  }

  /// The output directory as typed was echoed raw in build's summary and in the note on the
  /// previous run's files: `--out` holding U+202E or ESC reordered or recoloured the terminal.
  func testTheOutputDirectoryIsShownWithItsInvisibleCharactersNamed() throws {
    let folder = try directory("shown")
    let out = "a\u{202E}b\u{1B}[31m"
    XCTAssertEqual(try OutputTests.run(["build", OutputTests.root.appendingPathComponent("Rules").path, "--out", out], in: folder).status, 0)
    // A stale file of the previous build, listed in its manifest, so that the note names the folder.
    let manifestURL = folder.appendingPathComponent(out).appendingPathComponent("build.manifest.json")
    let manifest = try String(contentsOf: manifestURL, encoding: .utf8)
    let digest = SHA256.hex(SHA256.hash([UInt8]("edited\n".utf8)))
    try Data("changed\n".utf8).write(to: folder.appendingPathComponent(out).appendingPathComponent("plan-2023.json"))
    try manifest.replacingOccurrences(
      of: "  \"files\": [\n", with: "  \"files\": [\n    { \"name\": \"plan-2023.json\", \"size\": 7, \"sha256\": \"\(digest)\" },\n"
    ).write(to: manifestURL, atomically: true, encoding: .utf8)
    let built = try OutputTests.run(["build", OutputTests.root.appendingPathComponent("Rules").path, "--out", out], in: folder)
    XCTAssertEqual(built.status, 0, built.output)
    XCTAssertTrue(built.output.contains("保留了 a‹U+202E"), built.output)
    XCTAssertTrue(built.output.hasPrefix("已写出 a‹U+202E 从右至左覆盖 RIGHT-TO-LEFT OVERRIDE›b‹U+001B"), built.output)
    XCTAssertFalse(built.output.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x1B }, built.output)
  }

  /// A folder written before manifests, by the same rules: every file holds exactly what this
  /// build writes, so nothing is lost by taking it over; the build goes ahead. One file edited
  /// since is refused, and nothing is written.
  func testFilesHoldingExactlyWhatTheRunWritesAreTakenOver() throws {
    let out = try directory("older-version")
    XCTAssertEqual(try OutputTests.run(["build", "Rules", "--out", out.path]).status, 0)
    let manifestURL = out.appendingPathComponent("build.manifest.json")
    let manifest = try Data(contentsOf: manifestURL)
    try FileManager.default.removeItem(at: manifestURL)

    let taken = try OutputTests.run(["build", "Rules", "--out", out.path])
    XCTAssertEqual(taken.status, 0, taken.output)
    XCTAssertEqual(try Data(contentsOf: manifestURL), manifest)

    try FileManager.default.removeItem(at: manifestURL)
    try Data("# 我改过的清单\n".utf8).write(to: out.appendingPathComponent("items.md"))
    let before = try Self.listing(out)
    let refused = try OutputTests.run(["build", "Rules", "--out", out.path])
    XCTAssertEqual(refused.status, 2, refused.output)
    XCTAssertTrue(refused.output.contains("其中已有“items.md”，不是上次"), refused.output)
    XCTAssertEqual(try Self.listing(out), before, "nothing renamed, no temporary file left")
  }

  /// In a folder others can write (a shared CI workspace, /tmp), a symbolic link planted at the
  /// temporary name the next run will use (`.choucha-tmp-PID-items.md`, the id is guessable)
  /// was followed: the file it leads to, outside the folder, was overwritten with the item list,
  /// and items.md became the link. `check --output` (`.report.json.tmp-PID`) the same. The shell
  /// plants the link at its own id, then becomes choucha (`exec` keeps the id).
  func testAPlantedLinkAtATemporaryNameIsNotFollowed() throws {
    let binary = try RepositoryTests.requireBinary()
    let folder = try directory("planted")
    let precious = folder.appendingPathComponent("precious.txt")
    try Data("precious\n".utf8).write(to: precious)
    let shared = folder.appendingPathComponent("shared")
    try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: false)
    let rules = OutputTests.root.appendingPathComponent("Rules").path
    for (temporary, command) in [
      ("shared/.choucha-tmp-$$-items.md", "build \"$1\" --out shared"),
      ("shared/.report.json.tmp-$$", "check \"$1\" --format json --output shared/report.json"),
    ] {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/bin/sh")
      process.arguments = ["-c", "ln -s \"$2\" \(temporary) && exec \"$0\" \(command)", binary.path, rules, precious.path]
      process.currentDirectoryURL = folder
      let pipe = Pipe()
      process.standardOutput = pipe
      process.standardError = pipe
      try process.run()
      let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      XCTAssertEqual(process.terminationStatus, 0, output)
      XCTAssertEqual(try String(contentsOf: precious, encoding: .utf8), "precious\n", "\(command): the link was followed")
    }
    for name in ["items.md", "report.json"] {
      let attributes = try FileManager.default.attributesOfItem(atPath: shared.appendingPathComponent(name).path)
      XCTAssertEqual(attributes[.type] as? FileAttributeType, .typeRegular, name)
    }
    XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: shared.path).contains { $0.hasPrefix(".") }, "no temporary name left")
  }
}
