import XCTest

/// Python as an independent check in tests: `python3 -c SCRIPT ARGUMENTS…` through `/usr/bin/env`.
/// It never installs anything: the test is skipped when python3 is absent (status 127) or when the
/// script exits with 77 to say a package it needs is missing. Inputs go in files named by the
/// arguments, never through a pipe (a python3 that exits early would kill the tests with SIGPIPE).
enum Python {
  struct Result {
    var status: Int32
    /// Standard output and error, or only standard error when `stdout` was given.
    var output: String
  }

  static func run(_ script: String, arguments: [String] = [], stdout: URL? = nil) throws -> Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script] + arguments
    var environment = ProcessInfo.processInfo.environment
    environment["PYTHONIOENCODING"] = "utf-8"
    environment["PYTHONDONTWRITEBYTECODE"] = "1"
    process.environment = environment
    let pipe = Pipe()
    if let stdout {
      _ = FileManager.default.createFile(atPath: stdout.path, contents: nil)
      process.standardOutput = try FileHandle(forWritingTo: stdout)
    } else {
      process.standardOutput = pipe
    }
    process.standardError = pipe
    do {
      try process.run()
    } catch {
      throw XCTSkip("cannot run python3 through /usr/bin/env: \(error)")
    }
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    switch process.terminationStatus {
    case 127: throw XCTSkip("python3 is not installed")
    case 77: throw XCTSkip("a Python package the check needs is not installed: \(output)")
    default: return Result(status: process.terminationStatus, output: output)
    }
  }

  /// A fresh path in the temporary directory; the caller removes it.
  static func temporaryFile(_ name: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("choucha-\(name)-\(UUID().uuidString)")
  }
}
