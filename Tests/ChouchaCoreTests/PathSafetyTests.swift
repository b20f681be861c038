import Foundation
import XCTest

@testable import ChouchaCore
@testable import ChouchaDraw

#if canImport(Glibc)
  import Glibc
#endif

/// Nothing outside the rule repository is read, and nothing that is not a regular file (issue 10,
/// item 2): a pull request to a rule repository can hold symbolic links, and CI runs `check` on it.
/// Each case builds a repository in a temporary folder and runs the binary on it, in a child with a
/// time limit (a FIFO must not hang it) and a memory limit (`/dev/zero` must not eat the host).
final class PathSafetyTests: XCTestCase {
  /// Put in the child's environment and in a file outside the repository; it must never be shown.
  static let marker = "CHOUCHA_SECRET_7F3A9C"

  var folder: URL!
  var repository: URL { folder.appendingPathComponent("repo") }

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("choucha-paths-\(UUID().uuidString)")
    // A repository that checks clean: Examples/03 (departments, laws, an imported table, items, plan).
    let example = RepositoryTests.root.appendingPathComponent("Examples/03-import-authorities")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: example, to: repository)
    // Outside the repository: a secret in a table and in a rule file, each on its first line.
    try write("\(Self.marker),x\n", to: "secret.csv")
    try write("\(Self.marker) 部门\n", to: "secret.choucha")
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("outside"), withIntermediateDirectories: true)
    try write("\(Self.marker),x\n", to: "outside/table.csv")
    try write("\(Self.marker) 部门\n", to: "outside/rules.choucha")
    try FileManager.default.createDirectory(at: repository.appendingPathComponent("authorities"), withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: folder)
  }

  // MARK: - The attack and its class

  /// The issue's attack: an import through a link to `/proc/self/environ`, and one to a file outside
  /// the repository. Before the fix the first line of each was printed in an E0602 snippet.
  func testImportLinkToEnvironmentOrOutsideFileShowsNothing() throws {
    try link("/proc/self/environ", at: "repo/authorities/env.csv")
    try link("../../secret.csv", at: "repo/authorities/table.csv")
    try write(
      "引入 权责 \"authorities/env.csv\"\n引入 权责 \"authorities/table.csv\"\n", to: "repo/9-attack.choucha")
    let outputs = try checkInEveryFormat()
    let human = outputs[0]
    XCTAssertEqual(human.status, 1)
    XCTAssertEqual(count("错误[E0601]: 无法引入", in: human.output), 2, human.output)
    XCTAssertEqual(count("：链接指向规则库之外", in: human.output), 2, human.output)
    XCTAssertFalse(human.output.contains("E0602"), human.output)
  }

  /// A linked directory leading outside: the import through it is refused; the walk does not
  /// follow it (the rule file in it is not read).
  func testLinkedDirectoryOutsideIsNotRead() throws {
    try link("../outside", at: "repo/shared")
    try write("引入 权责 \"shared/table.csv\"\n", to: "repo/9-attack.choucha")
    let outputs = try checkInEveryFormat()
    XCTAssertEqual(outputs[0].status, 1)
    XCTAssertTrue(outputs[0].output.contains("无法引入“shared/table.csv”：链接指向规则库之外"), outputs[0].output)
    XCTAssertTrue(outputs[0].output.contains("检查了 6 个文件"), "shared/rules.choucha must not be read: \(outputs[0].output)")
  }

  /// `..` the lexical check cannot see: a link to the parent folder, then a plain path through it.
  /// Whether a path outside exists is not told either: a missing one is refused the same way.
  func testParentThroughALinkIsRefused() throws {
    try link("..", at: "repo/up")
    try link("../..", at: "repo/authorities/top")
    try link("/etc/passwd", at: "repo/passwd.csv")
    try link("/no-such-folder-choucha/x.csv", at: "repo/ghost.csv")
    try write(
      """
      引入 权责 "up/secret.csv"
      引入 权责 "authorities/top/secret.csv"
      引入 权责 "up/no-such-file.csv"
      引入 权责 "passwd.csv"
      引入 权责 "ghost.csv"

      """, to: "repo/9-attack.choucha")
    let outputs = try checkInEveryFormat()
    XCTAssertEqual(count("：链接指向规则库之外", in: outputs[0].output), 5, outputs[0].output)
    XCTAssertFalse(outputs[0].output.contains("root:"), outputs[0].output)
  }

  /// A rule file the walk finds that is a link leading outside: refused before it is read
  /// (before the fix, its first line was printed in a syntax error's snippet).
  func testRuleFileLinkOutsideIsRefused() throws {
    try link("../secret.choucha", at: "repo/9-attack.choucha")
    let outputs = try checkInEveryFormat()
    XCTAssertEqual(outputs[0].status, 2)
    XCTAssertTrue(outputs[0].errors.contains("无法读取“repo/9-attack.choucha”：链接指向规则库之外"), outputs[0].errors)
    XCTAssertTrue(outputs[0].errors.contains("cannot read repo/9-attack.choucha: a symbolic link leads outside"), outputs[0].errors)
    // `build`, `draw` and `fmt` read the repository the same way; the file named alone (as a CI
    // script might, `check Rules/*.choucha`) is held to its folder.
    let commands = [
      ["build", "repo", "--out", "out"], ["draw", "repo", "--targets", "t.csv", "--inspectors", "i.csv", "--seed", "s"],
      ["fmt", "repo"], ["check", "repo/9-attack.choucha"], ["check", "repo/1-departments-laws.choucha", "repo/9-attack.choucha"],
    ]
    for command in commands {
      let result = try run(command)
      XCTAssertEqual(result.status, 2, "\(command)")
      XCTAssertFalse((result.output + result.errors).contains(Self.marker), "\(command): \(result.output)\(result.errors)")
    }
    XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("secret.choucha"), encoding: .utf8), "\(Self.marker) 部门\n", "fmt must not rewrite a file outside the repository")
  }

  /// A FIFO, imported or found as a rule file: refused at once, never waited on.
  func testNamedPipeIsRefusedWithoutWaiting() throws {
    XCTAssertEqual(mkfifo(repository.appendingPathComponent("authorities-pipe.csv").path, 0o644), 0)
    try write("引入 权责 \"authorities-pipe.csv\"\n", to: "repo/9-attack.choucha")
    let imported = try run(["check", "repo"])
    XCTAssertEqual(imported.status, 1)
    XCTAssertTrue(imported.output.contains("无法引入“authorities-pipe.csv”：不是普通文件，而是命名管道（FIFO）"), imported.output)

    XCTAssertEqual(mkfifo(repository.appendingPathComponent("pipe.choucha").path, 0o644), 0)
    let walked = try run(["check", "repo"])
    XCTAssertEqual(walked.status, 2)
    XCTAssertTrue(walked.errors.contains("无法读取“repo/pipe.choucha”：不是普通文件，而是命名管道（FIFO）"), walked.errors)
  }

  /// Devices and `/proc` files: refused through a link, a directory, and even named on the command
  /// line (the user's own choice of path, but never a rule file).
  func testDevicesDirectoriesAndProcFilesAreRefused() throws {
    try link("/dev/zero", at: "repo/zero.csv")
    try FileManager.default.createDirectory(at: repository.appendingPathComponent("folder.csv"), withIntermediateDirectories: true)
    try link(".", at: "repo/self.csv")
    let socket = try bindSocket(at: repository.appendingPathComponent("socket.csv").path)
    defer { close(socket) }
    try write(
      "引入 权责 \"zero.csv\"\n引入 权责 \"folder.csv\"\n引入 权责 \"self.csv\"\n引入 权责 \"socket.csv\"\n",
      to: "repo/9-attack.choucha")
    let result = try run(["check", "repo"])
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(result.output.contains("无法引入“socket.csv”：不是普通文件，而是套接字"), result.output)
    XCTAssertTrue(result.output.contains("无法引入“zero.csv”：链接指向规则库之外"), result.output)
    XCTAssertTrue(result.output.contains("无法引入“folder.csv”：不是普通文件，而是目录"), result.output)
    XCTAssertTrue(result.output.contains("无法引入“self.csv”：不是普通文件，而是目录"), result.output)

    let device = try run(["check", "/dev/zero"])
    XCTAssertEqual(device.status, 2)
    XCTAssertTrue(device.errors.contains("不是普通文件，而是设备"), device.errors)
    let environment = try run(["check", "/proc/self/environ", "--lang", "en"])
    XCTAssertEqual(environment.status, 2)
    XCTAssertTrue(environment.errors.contains("not a regular file but a system pseudo-file"), environment.errors)
    XCTAssertFalse((environment.output + environment.errors).contains(Self.marker))
  }

  /// Links that lead back to themselves: said, not followed forever.
  func testLinkLoopIsRefused() throws {
    try link("loop-b.csv", at: "repo/loop-a.csv")
    try link("loop-a.csv", at: "repo/loop-b.csv")
    try write("引入 权责 \"loop-a.csv\"\n", to: "repo/9-attack.choucha")
    let imported = try run(["check", "repo", "--lang", "en"])
    XCTAssertEqual(imported.status, 1)
    XCTAssertTrue(imported.output.contains("cannot import 'loop-a.csv': the symbolic links form a loop"), imported.output)

    try FileManager.default.removeItem(at: repository.appendingPathComponent("9-attack.choucha"))
    try link("loop.choucha", at: "repo/loop.choucha")
    let walked = try run(["check", "repo"])
    XCTAssertEqual(walked.status, 2)
    XCTAssertTrue(walked.errors.contains("无法读取“repo/loop.choucha”：符号链接形成循环"), walked.errors)
  }

  // MARK: - What stays allowed

  /// Links that stay inside the repository are read, as is a repository named through a link.
  func testLinksInsideTheRepositoryAreRead() throws {
    let fileManager = FileManager.default
    try fileManager.createDirectory(at: repository.appendingPathComponent("data"), withIntermediateDirectories: true)
    try fileManager.moveItem(at: repository.appendingPathComponent("权责清单.csv"), to: repository.appendingPathComponent("data/2024.csv"))
    // An absolute link into the repository, through the link to the repository itself.
    try link(folder.appendingPathComponent("repo-link/data/2024.csv").path, at: "repo/权责清单.csv")
    // A linked folder inside is not walked twice (its files are read where they are).
    try link("data", at: "repo/data-link")
    try link("repo", at: "repo-link")
    for path in ["repo", "repo-link", "repo-link/"] {
      let result = try run(["check", path])
      XCTAssertEqual(result.status, 0, "\(path): \(result.output)\(result.errors)")
      XCTAssertTrue(result.output.contains("检查了 5 个文件：没有发现问题"), result.output)
    }
    let single = try run(["check", "repo-link/4-plan.choucha"])
    XCTAssertNotEqual(single.status, 2, single.errors)
  }

  /// A rule file linked to a hidden file is refused like an import of one: before, a link
  /// `z.choucha → .git/config` made `check` print the `extraheader = AUTHORIZATION: basic …` line
  /// that `actions/checkout` writes, in a syntax error's snippet; a hidden folder's rule file linked
  /// into view is refused the same way.
  func testRuleFileLinkedToAHiddenFileIsRefused() throws {
    try FileManager.default.createDirectory(at: repository.appendingPathComponent(".git"), withIntermediateDirectories: true)
    try write("[core]\n\tbare = false\n[http]\n\textraheader = AUTHORIZATION: basic \(Self.marker)\n", to: "repo/.git/config")
    try link(".git/config", at: "repo/z.choucha")
    let outputs = try checkInEveryFormat()
    XCTAssertEqual(outputs[0].status, 2)
    XCTAssertTrue(outputs[0].errors.contains("无法读取“repo/z.choucha”：文件在隐藏目录中或是隐藏文件"), outputs[0].errors)
  }

  // MARK: - The core

  /// A refused file enters no `SourceMap`: nothing of it can be quoted.
  func testRefusedImportIsNotInTheSourceMap() {
    struct Refusing: FileProvider {
      func read(_ relativePath: String) -> Result<[UInt8], FileReadError> { .failure(.outsideRepository) }
    }
    var sources = SourceMap()
    sources.add(path: "rules.choucha", bytes: Array("引入 权责 \"env.csv\"\n".utf8))
    let compilation = Compiler.compile(sources, provider: Refusing())
    XCTAssertEqual(compilation.sources.files.count, 1)
    let refusal = compilation.diagnostics.first { $0.code == .E0601 }
    XCTAssertEqual(refusal?.message.zh, "无法引入“env.csv”：链接指向规则库之外")
    XCTAssertEqual(refusal?.help?.zh, FileReadError.outsideRepository.help.zh)
  }

  // MARK: - Helpers

  func write(_ text: String, to path: String) throws {
    try Data(text.utf8).write(to: folder.appendingPathComponent(path))
  }

  func link(_ destination: String, at path: String) throws {
    try FileManager.default.createSymbolicLink(
      atPath: folder.appendingPathComponent(path).path, withDestinationPath: destination)
  }

  /// A Unix-domain socket bound at `path`; its descriptor.
  func bindSocket(at path: String) throws -> Int32 {
    let descriptor = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    XCTAssertGreaterThanOrEqual(descriptor, 0)
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    XCTAssertLessThan(bytes.count, MemoryLayout.size(ofValue: address.sun_path))
    withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
    let status = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
    XCTAssertEqual(status, 0, "bind \(path)")
    return descriptor
  }

  func count(_ needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
  }

  /// `check repo` in every format and language; asserts the marker is in none of them. Returns
  /// the human output in Chinese first.
  func checkInEveryFormat(file: StaticString = #filePath, line: UInt = #line) throws
    -> [(status: Int32, output: String, errors: String)]
  {
    var results: [(status: Int32, output: String, errors: String)] = []
    for format in ["human", "json", "sarif", "github"] {
      for language in ["zh", "en"] {
        let result = try run(["check", "repo", "--format", format, "--lang", language])
        XCTAssertFalse(
          (result.output + result.errors).contains(Self.marker), "\(format) \(language) shows the secret:\n\(result.output)\(result.errors)",
          file: file, line: line)
        results.append(result)
      }
    }
    return results
  }

  /// Runs the binary in `folder`, with only the marker and `PATH` in its environment, at most 1 GB
  /// of address space and 30 seconds.
  func run(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
    let binary = try RepositoryTests.requireBinary()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "ulimit -v 1000000; exec \"$0\" \"$@\"", binary.path] + arguments
    process.environment = ["CHOUCHA_PATH_TEST": Self.marker, "PATH": "/usr/bin:/bin"]
    process.currentDirectoryURL = folder
    // Files, not pipes: nothing can fill up and block.
    let outputURL = folder.appendingPathComponent(".stdout")
    let errorsURL = folder.appendingPathComponent(".stderr")
    _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errorsURL.path, contents: nil)
    let output = try FileHandle(forWritingTo: outputURL)
    let errors = try FileHandle(forWritingTo: errorsURL)
    defer {
      try? output.close()
      try? errors.close()
    }
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(30)
    while process.isRunning && Date() < deadline { usleep(10_000) }
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      XCTFail("choucha \(arguments.joined(separator: " ")) hung (killed after 30 s)")
    }
    process.waitUntilExit()
    return (
      process.terminationStatus,
      String(decoding: try Data(contentsOf: outputURL), as: UTF8.self),
      String(decoding: try Data(contentsOf: errorsURL), as: UTF8.self)
    )
  }
}

// MARK: - Review

extension PathSafetyTests {
  /// A rule file (or a folder of them) whose name is not UTF-8: before, Foundation listed it with a
  /// U+FFFD in place of the bad byte, `lstat` then found nothing by that name, and the walk skipped
  /// it without a word (`check` said “no problems” over a file it never read). Now an error.
  func testRuleFileWithANameThatIsNotUTF8IsNotSkipped() throws {
    let base = Array(repository.path.utf8) + [UInt8(ascii: "/")]
    let rule = Array("部门 XX \"x\" {\n".utf8)
    let file = base + [0xFF, 0x79] + Array(".choucha".utf8)
    let folder = base + [0xFE, 0x64]
    let inner = folder + Array("/x.choucha".utf8)
    func cPath<R>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> R) -> R {
      (bytes + [0]).withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) } }
    }
    func create(_ bytes: [UInt8]) -> Bool {
      cPath(bytes) { path in
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        defer { close(descriptor) }
        return descriptor >= 0 && Glibc.write(descriptor, rule, rule.count) == rule.count
      }
    }
    for (made, undo) in [
      ({ create(file) }, { _ = cPath(file) { unlink($0) } }),
      ({ cPath(folder) { mkdir($0, 0o755) } == 0 && create(inner) }, { _ = cPath(inner) { unlink($0) }; _ = cPath(folder) { rmdir($0) } }),
    ] as [(() -> Bool, () -> Void)] {
      XCTAssertTrue(made())
      let result = try run(["check", "repo"])
      XCTAssertEqual(result.status, 2, result.output + result.errors)
      XCTAssertTrue(result.errors.contains("的名称不是 UTF-8 编码"), result.errors)
      XCTAssertTrue(result.errors.contains("is not UTF-8 and cannot be read"), result.errors)
      undo()
    }
    // Any other file so named is none of the repository's business.
    XCTAssertTrue(create(base + [0xFF] + Array(".csv".utf8)))
    XCTAssertEqual(try run(["check", "repo"]).status, 0)
  }
}

extension PathSafetyTests {
  /// Hidden files and folders are not the repository's (the walk skips them), and CI keeps
  /// credentials there: `actions/checkout` writes the token into `.git/config`. Before, an import
  /// of `.git/config` or `.env` (or a link to one) was read, and its first line printed in E0602.
  func testHiddenFilesAreNotImported() throws {
    try FileManager.default.createDirectory(at: repository.appendingPathComponent(".git"), withIntermediateDirectories: true)
    try write("\(Self.marker)=1\n", to: "repo/.git/config")
    try write("\(Self.marker)=1\n", to: "repo/.env")
    try link("../.git/config", at: "repo/authorities/config.csv")
    try link(repository.appendingPathComponent(".env").path, at: "repo/authorities/env.csv")
    try write(
      "引入 权责 \".git/config\"\n引入 权责 \"./.env\"\n引入 权责 \"authorities/config.csv\"\n引入 权责 \"authorities/env.csv\"\n",
      to: "repo/9-attack.choucha")
    let outputs = try checkInEveryFormat()
    let human = outputs[0]
    XCTAssertEqual(human.status, 1)
    XCTAssertEqual(count("：文件在隐藏目录中或是隐藏文件", in: human.output), 4, human.output)
    XCTAssertFalse(human.output.contains("E0602"), human.output)
    // A table in an ordinary folder, reached through a link whose target is not hidden, is read.
    try link("../权责清单.csv", at: "repo/authorities/table.csv")
    try write("引入 权责 \"authorities/table.csv\"\n", to: "repo/9-attack.choucha")
    let plain = try run(["check", "repo"])
    XCTAssertFalse(plain.output.contains("E0601"), plain.output)
    XCTAssertTrue(plain.output.contains("9-attack.choucha") == false, plain.output)
  }
}

extension PathSafetyTests {
  /// `import`'s sheet, named on the command line, may be anywhere, but must be a regular file:
  /// before, a sheet committed as a link to `/proc/self/environ` put the environment (CI secrets)
  /// into the messages, and one to `/dev/zero` filled the memory.
  func testImportSheetMustBeARegularFile() throws {
    try link("/proc/self/environ", at: "environ.csv")
    try link("/dev/zero", at: "zero.csv")
    for (sheet, what) in [("environ.csv", "系统伪文件"), ("zero.csv", "设备")] {
      let result = try run(["import", "items", sheet, "--department", "SCJG"])
      XCTAssertEqual(result.status, 2, sheet)
      XCTAssertFalse((result.output + result.errors).contains(Self.marker), result.errors)
      XCTAssertTrue(result.errors.contains("无法读取表格“\(sheet)”：不是普通文件，而是\(what)"), result.errors)
    }
    // A sheet kept in a hidden folder of the user's is read.
    try FileManager.default.createDirectory(at: folder.appendingPathComponent(".sheets"), withIntermediateDirectories: true)
    try write("抽查事项,检查对象,事项类别,检查方式,检查主体,抽查比例,抽查频次\n对食品经营者的监督检查,食品经营者,一般检查事项,现场检查,区市场监督管理局,5%,1次/年\n", to: ".sheets/s.csv")
    XCTAssertEqual(try run(["import", "items", ".sheets/s.csv", "--department", "SCJG"]).status, 0)
  }
}
