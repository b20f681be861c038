import ChouchaCore
@testable import ChouchaDraw
@testable import choucha
import Foundation
import XCTest

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The files a user names on the command line — `draw`'s and `verify`'s `--targets` and
/// `--inspectors`, the document `verify` checks, the table `import` reads — are read only when they
/// are regular files, judged on the open descriptor, never waited on and never read without end
/// (issue 10, items 2 and 4). Before, a FIFO made `draw` wait forever, `/dev/zero` as the
/// inspectors grew memory without bound, and a 64 MB junk inspectors file was read whole before
/// its first bytes were looked at. Every child runs with a timeout: a hang is a failure, not a
/// stuck test run.
final class NamedInputTests: XCTestCase {
  static let timeout: TimeInterval = 20

  var folder: URL!
  var fifo: String { folder.appendingPathComponent("pipe.csv").path }
  var directory: String { folder.appendingPathComponent("folder.csv").path }
  let targets = NamedInputTests.root("Examples/05-draw/targets.csv")
  let inspectors = NamedInputTests.root("Examples/05-draw/inspectors.csv")

  static func root(_ path: String) -> String { RepositoryTests.root.appendingPathComponent(path).path }
  func root(_ path: String) -> String { Self.root(path) }

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("choucha-named-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    XCTAssertEqual(mkfifo(fifo, 0o644), 0)
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: folder)
  }

  struct Run {
    var status: Int32
    var output: String
    var errors: String
    var seconds: Double
    /// The child's peak resident memory, in bytes, as last seen while it ran.
    var peakMemory: Int
  }

  /// Runs the binary (spawned and reaped here, so that its own peak memory is known); a child
  /// still running after `timeout` is killed and reported as a hang. Paths are absolute: the
  /// child runs in the test's own directory.
  func launch(_ arguments: [String], timeout: TimeInterval = NamedInputTests.timeout) throws -> Run {
    let binary = try RepositoryTests.requireBinary()
    let outputPath = folder.appendingPathComponent("stdout-\(UUID().uuidString)").path
    let errorPath = folder.appendingPathComponent("stderr-\(UUID().uuidString)").path
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let argv: [UnsafeMutablePointer<CChar>?] = ([binary.path] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    let started = Date()
    let spawned = posix_spawn(&pid, binary.path, &actions, nil, argv, environ)
    XCTAssertEqual(spawned, 0, "spawn")
    var status: Int32 = 0
    var usage = rusage()
    // The child's peak memory, from its own `VmHWM` while it runs (`ru_maxrss` would be the test
    // process's: a spawned child keeps its parent's figure through `execve`).
    var peak = 0
    while wait4(pid, &status, WNOHANG, &usage) == 0 {
      if let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
        let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
        let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
      {
        peak = max(peak, kilobytes * 1024)
      }
      if Date().timeIntervalSince(started) > timeout {
        kill(pid, SIGKILL)
        _ = wait4(pid, &status, 0, &usage)
        XCTFail("choucha \(arguments.joined(separator: " ")) still ran after \(Int(timeout)) s: killed")
        status = -1
        break
      }
      usleep(1_000)
    }
    let seconds = Date().timeIntervalSince(started)
    let output = String(decoding: FileManager.default.contents(atPath: outputPath) ?? Data(), as: UTF8.self)
    let errors = String(decoding: FileManager.default.contents(atPath: errorPath) ?? Data(), as: UTF8.self)
    // Exit status as `WEXITSTATUS`; a signal as its negative.
    let code: Int32 = status == -1 ? -1 : (status & 0x7f == 0 ? (status >> 8) & 0xff : -(status & 0x7f))
    return Run(status: code, output: output, errors: errors, seconds: seconds, peakMemory: peak)
  }

  func draw(targets: String, inspectors: String, out: String? = nil) throws -> Run {
    try launch(
      ["draw", root("Rules"), "--targets", targets, "--inspectors", inspectors, "--seed", DrawTests.seed,
       "--out", out ?? folder.appendingPathComponent("out").path])
  }

  /// `path` as `role` is refused at once, exit 2, with the Chinese reason first, then the English.
  func assertRefused(
    _ result: Run, _ path: String, _ zh: String, _ en: String,
    line: UInt = #line
  ) {
    XCTAssertEqual(result.status, 2, result.output + result.errors, line: line)
    XCTAssertTrue(result.errors.contains("“\(path)”：\(zh)"), result.errors, line: line)
    XCTAssertTrue(result.errors.contains("\(path): \(en)"), result.errors, line: line)
    XCTAssertTrue(result.errors.contains("= 帮助：") && result.errors.contains("= help:"), result.errors, line: line)
    XCTAssertLessThan(
      result.errors.range(of: zh)?.lowerBound.utf16Offset(in: result.errors) ?? .max,
      result.errors.range(of: en)?.lowerBound.utf16Offset(in: result.errors) ?? -1, "Chinese first", line: line)
    XCTAssertLessThan(result.seconds, 10, "refused at once", line: line)
  }

  static let fifoZh = "不是普通文件，而是命名管道（FIFO）"
  static let fifoEn = "not a regular file but a named pipe (FIFO)"
  static let deviceZh = "不是普通文件，而是设备"
  static let deviceEn = "not a regular file but a device"
  static let directoryZh = "不是普通文件，而是目录"
  static let directoryEn = "not a regular file but a directory"

  /// Special files as `draw --targets` and `--inspectors`: never waited on, never read.
  func testDrawRefusesSpecialFilesAsDirectories() throws {
    let cases = [
      (fifo, Self.fifoZh, Self.fifoEn), ("/dev/zero", Self.deviceZh, Self.deviceEn),
      ("/dev/urandom", Self.deviceZh, Self.deviceEn), (directory, Self.directoryZh, Self.directoryEn),
    ]
    for (path, zh, en) in cases {
      let asTargets = try draw(targets: path, inspectors: inspectors)
      assertRefused(asTargets, path, zh, en)
      XCTAssertTrue(asTargets.errors.contains("无法读取检查对象名录（--targets）"), asTargets.errors)
      let asInspectors = try draw(targets: targets, inspectors: path)
      assertRefused(asInspectors, path, zh, en)
      XCTAssertTrue(asInspectors.errors.contains("无法读取执法检查人员名录（--inspectors）"), asInspectors.errors)
    }
    XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path), "nothing written")
  }

  /// `verify`: the document, `--targets` and `--inspectors` (hashed before the draw is re-run).
  func testVerifyRefusesSpecialFiles() throws {
    let out = folder.appendingPathComponent("out").path
    let drawn = try draw(targets: targets, inspectors: inspectors, out: out)
    XCTAssertEqual(drawn.status, 0, drawn.output + drawn.errors)
    let document = out + "/draw-2024.json"
    let verified = try launch(["verify", document, "--targets", targets, "--inspectors", inspectors])
    XCTAssertEqual(verified.status, 0, verified.output + verified.errors)

    for (path, zh, en) in [
      (fifo, Self.fifoZh, Self.fifoEn), ("/dev/zero", Self.deviceZh, Self.deviceEn), (directory, Self.directoryZh, Self.directoryEn),
    ] {
      let asDocument = try launch(["verify", path, "--targets", targets, "--inspectors", inspectors])
      assertRefused(asDocument, path, zh, en)
      XCTAssertTrue(asDocument.errors.contains("无法读取抽取结果"), asDocument.errors)
      assertRefused(try launch(["verify", document, "--targets", path, "--inspectors", inspectors]), path, zh, en)
      assertRefused(try launch(["verify", document, "--targets", targets, "--inspectors", path]), path, zh, en)
    }
  }

  /// `import`'s table.
  func testImportRefusesSpecialFiles() throws {
    for (path, zh, en) in [
      (fifo, Self.fifoZh, Self.fifoEn), ("/dev/zero", Self.deviceZh, Self.deviceEn), (directory, Self.directoryZh, Self.directoryEn),
    ] {
      for kind in ["items", "authorities"] {
        let result = try launch(["import", kind, path])
        assertRefused(result, path, zh, en)
        XCTAssertTrue(result.errors.contains("无法读取表格"), result.errors)
        XCTAssertEqual(result.output, "", "nothing printed as rule source")
      }
    }
    let missing = try launch(["import", "items", folder.appendingPathComponent("none.csv").path, "--lang", "en"])
    assertRefused(missing, folder.appendingPathComponent("none.csv").path, "文件不存在", "no such file")
  }

  /// A 64 MB inspectors' file of junk is refused by its first bytes, before the rest is read; one
  /// above the size limit by its size, before any of it is read.
  func testJunkInspectorsAreRefusedByTheirFirstBytes() throws {
    let junk = folder.appendingPathComponent("junk.csv").path
    XCTAssertTrue(FileManager.default.createFile(atPath: junk, contents: nil))
    let handle = try XCTUnwrap(FileHandle(forWritingAtPath: junk))
    // Junk that is no CSV table: invalid in UTF-8 and GB18030 from its first byte.
    let piece = Data([UInt8](repeating: 0, count: 1 << 19).flatMap { _ in [0xFF, 0x41] as [UInt8] })
    for _ in 0..<64 { handle.write(piece) }
    try handle.close()
    let result = try draw(targets: targets, inspectors: junk)
    XCTAssertEqual(result.status, 1, result.output + result.errors)
    XCTAssertTrue(result.output.contains("执法检查人员名录第 0 字节起既不是 UTF-8 也不是 GB18030 编码"), result.output)
    XCTAssertLessThan(result.seconds, 10)
    // Its first megabyte is read, not its 64: the whole file read (and copied) would be 128 MB.
    XCTAssertLessThan(result.peakMemory, 48 << 20, "the rest of the file must not be read")

    // Sparse: 300 MB that take no disk.
    let huge = folder.appendingPathComponent("huge.csv").path
    XCTAssertTrue(FileManager.default.createFile(atPath: huge, contents: Data("工号,姓名\n".utf8)))
    XCTAssertEqual(truncate(huge, 300 << 20), 0)
    let refused = try draw(targets: targets, inspectors: huge)
    assertRefused(refused, huge, "有 \(300 << 20) 字节，超过上限 \(256 << 20) 字节：执法检查人员名录不会这么大", "it has \(300 << 20) bytes")
  }

  /// The user named the path: a symbolic link to a regular file outside the repository and the
  /// working directory is read, for `--targets` and `--inspectors` alike, and verifies.
  func testSymbolicLinksToRegularFilesOutsideTheRepositoryWork() throws {
    let outside = folder.appendingPathComponent("elsewhere")
    try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
    for name in ["targets.csv", "inspectors.csv"] {
      try FileManager.default.copyItem(
        at: RepositoryTests.root.appendingPathComponent("Examples/05-draw/\(name)"), to: outside.appendingPathComponent(name))
      try FileManager.default.createSymbolicLink(
        atPath: folder.appendingPathComponent("link-\(name)").path, withDestinationPath: outside.appendingPathComponent(name).path)
    }
    let linkedTargets = folder.appendingPathComponent("link-targets.csv").path
    let linkedInspectors = folder.appendingPathComponent("link-inspectors.csv").path
    let out = folder.appendingPathComponent("out").path
    let drawn = try draw(targets: linkedTargets, inspectors: linkedInspectors, out: out)
    XCTAssertEqual(drawn.status, 0, drawn.output + drawn.errors)
    let reference = try draw(targets: targets, inspectors: inspectors, out: folder.appendingPathComponent("reference").path)
    XCTAssertEqual(reference.status, 0, reference.output + reference.errors)
    XCTAssertEqual(
      FileManager.default.contents(atPath: out + "/draw-2024.json"),
      FileManager.default.contents(atPath: folder.appendingPathComponent("reference/draw-2024.json").path))
    let verified = try launch(["verify", out + "/draw-2024.json", "--targets", linkedTargets, "--inspectors", linkedInspectors])
    XCTAssertEqual(verified.status, 0, verified.output + verified.errors)
    // A link to a FIFO is the FIFO.
    let linkedPipe = folder.appendingPathComponent("link-pipe.csv").path
    try FileManager.default.createSymbolicLink(atPath: linkedPipe, withDestinationPath: fifo)
    assertRefused(try draw(targets: linkedPipe, inspectors: inspectors), linkedPipe, Self.fifoZh, Self.fifoEn)
  }

  /// The draw opens the target directory more than once; every open is judged on its descriptor:
  /// the library's reader refuses a FIFO or a device (never waits) however the path was checked before.
  func testEveryOpenOfTheTargetDirectoryIsJudged() throws {
    let fixture = try DrawTests.fixture()
    var sources = SourceMap()
    _ = sources.add(path: "placeholder", bytes: [])
    let inspectorsFile = sources.add(path: "inspectors.csv", bytes: fixture.inspectors)
    for path in [fifo, "/dev/zero", directory] {
      let done = DispatchSemaphore(value: 0)
      nonisolated(unsafe) var outcome: (Drawer.Result?, [Diagnostic])?
      DispatchQueue.global().async {
        outcome = Drawer.run(fixture.spec, targets: FileByteSource.directory(id: 0, path: path), inspectors: inspectorsFile)
        done.signal()
      }
      if done.wait(timeout: .now() + Self.timeout) == .timedOut {
        XCTFail("the draw waited on \(path)")
        // Waiting for a writer, at every open: writers come and go until the draw sees the end.
        repeat {
          let writer = open(fifo, O_WRONLY | O_NONBLOCK)
          if writer >= 0 { close(writer) }
        } while done.wait(timeout: .now() + 0.05) == .timedOut
      }
      XCTAssertNil(outcome?.0, path)
      XCTAssertEqual(outcome?.1.map(\.code), [.E0602], path)
    }
  }

  /// An output the user names that exists and is no regular file (a FIFO here; `/dev/null` as root
  /// was replaced by a regular file) is refused, not renamed over.
  func testOutputsThatAreNoRegularFilesAreNotReplaced() throws {
    for command in [
      ["check", root("Rules"), "--output", fifo], ["import", "authorities", root("Examples/03-import-authorities/权责清单.csv"), "-o", fifo],
    ] {
      let result = try launch(command)
      assertRefused(result, fifo, Self.fifoZh, Self.fifoEn)
      var status = stat()
      XCTAssertEqual(lstat(fifo, &status), 0)
      XCTAssertEqual(status.st_mode & S_IFMT, S_IFIFO, "\(command): the FIFO is still a FIFO")
    }
  }
}
