import ChouchaCore
import Foundation

#if canImport(Glibc)
  import Glibc
  private let systemRead = Glibc.read
  private let systemOpen: (UnsafePointer<CChar>, Int32) -> Int32 = { Glibc.open($0, $1) }
  private let systemClose = Glibc.close
#elseif canImport(Darwin)
  import Darwin
  private let systemRead = Darwin.read
  private let systemOpen: (UnsafePointer<CChar>, Int32) -> Int32 = { Darwin.open($0, $1) }
  private let systemClose = Darwin.close
#endif

/// A file the user named on the command line: `draw`'s and `verify`'s `--targets` and
/// `--inspectors`, the document `verify` checks, the table `import` reads.
///
/// The user chose the path, so it may be a symbolic link and may lie anywhere (unlike the files a
/// rule repository names, `ContainedFile`); but it must be a regular file, judged on the open
/// descriptor (no check-then-open race), opened without ever waiting (a FIFO with no writer), and
/// its size is known before anything is read. A named pipe, a device (`/dev/zero` has no end), a
/// directory, a socket or a `/proc` file is a usage error (exit 2) that names the path, says what
/// it is and how to fix it.
final class NamedFile {
  let path: String
  /// What the file is to the command, such as “检查对象名录（--targets）” / “target directory (--targets)”.
  let role: Text
  /// The size `fstat` gave when it was opened.
  let size: Int
  private let descriptor: Int32
  /// How many bytes have been read.
  private(set) var position = 0

  static let targets = Text(zh: "检查对象名录（--targets）", en: "target directory (--targets)")
  static let inspectors = Text(zh: "执法检查人员名录（--inspectors）", en: "inspector directory (--inspectors)")
  static let document = Text(zh: "抽取结果", en: "draw document")
  static let selection = Text(zh: "选取结果（--selection）", en: "selection (--selection)")
  static let table = Text(zh: "表格", en: "table")

  /// Opens `path` if it is a regular file; throws a `UsageError` that says why not.
  init(_ path: String, role: Text) throws {
    self.path = path
    self.role = role
    guard !path.utf8.contains(0) else {
      throw NamedFile.refusal(path, role, FileReadError(reason: Text(zh: "路径中有 NUL 字符", en: "the path holds a NUL character")))
    }
    // What the path is before it is opened: a device is never opened at all (opening one can
    // have effects of its own). The descriptor below is what decides.
    var before = stat()
    if stat(path, &before) == 0, let kind = ContainedFile.irregularKind(before.st_mode) {
      throw NamedFile.refusal(path, role, .notRegularFile(kind))
    }
    // Non-blocking: a FIFO put there since is opened at once (and refused), never waited on.
    let descriptor = systemOpen(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else {
      let code = errno
      // A socket cannot be opened at all (ENXIO): say what it is rather than the system's words.
      var info = stat()
      if stat(path, &info) == 0, let kind = ContainedFile.irregularKind(info.st_mode) {
        throw NamedFile.refusal(path, role, .notRegularFile(kind))
      }
      throw NamedFile.refusal(path, role, ContainedFile.error(code))
    }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else {
      let code = errno
      _ = systemClose(descriptor)
      throw NamedFile.refusal(path, role, ContainedFile.error(code))
    }
    // What was opened is what is judged; a `/proc` file says size 0 and gives anything.
    if let kind = ContainedFile.irregularKind(info.st_mode) ?? ContainedFile.pseudoFileSystem(descriptor) {
      _ = systemClose(descriptor)
      throw NamedFile.refusal(path, role, .notRegularFile(kind))
    }
    self.descriptor = descriptor
    size = Int(clamping: max(info.st_size, 0))
  }

  deinit { _ = systemClose(descriptor) }

  /// Refuses a file larger than `limit` bytes before any of it is read; `why` says why no such
  /// file is that large.
  func refuse(above limit: Int, why: Text) throws {
    guard size > limit else { return }
    throw refusal(
      Text(zh: "有 \(size) 字节，超过上限 \(limit) 字节：\(why.zh)", en: "it has \(size) bytes, more than the limit of \(limit): \(why.en)"),
      help: Text(zh: "检查是否给错了文件", en: "check that this is the right file"))
  }

  /// Up to `count` bytes from the current position (fewer at the end of the file).
  func read(upTo count: Int) throws -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: count)
    var length = 0
    while length < count {
      let read = bytes.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress! + length, count - length) }
      if read > 0 {
        length += read
      } else if read == 0 {
        break
      } else if errno != EINTR {
        throw NamedFile.refusal(path, role, ContainedFile.error(errno))
      }
    }
    bytes.removeSubrange(length...)
    position += length
    return bytes
  }

  /// The rest of the file from the current position, refused if the file holds more than `limit`
  /// bytes (it grew since it was opened; `why` says why no such file is that large).
  func readRest(limit: Int = .max, why: Text? = nil) throws -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(min(size, limit, 1 << 30) + 1)
    while true {
      let piece = try read(upTo: 8 << 20)
      if piece.isEmpty { return bytes }
      bytes += piece
      if position > limit {
        let why = why ?? Text(zh: "文件在读取时变大了", en: "the file grew while it was read")
        throw refusal(
          Text(zh: "超过上限 \(limit) 字节：\(why.zh)", en: "more than the limit of \(limit) bytes: \(why.en)"),
          help: Text(zh: "检查是否给错了文件", en: "check that this is the right file"))
      }
    }
  }

  /// The whole file mapped into memory (not copied), for `body`; an empty file gives an empty buffer.
  func mapped<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) throws -> R {
    guard size > 0 else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
    guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0),
      address != UnsafeMutableRawPointer(bitPattern: -1)
    else { throw NamedFile.refusal(path, role, ContainedFile.error(errno)) }
    defer { munmap(address, size) }
    return try body(UnsafeBufferPointer(start: address.assumingMemoryBound(to: UInt8.self), count: size))
  }

  func refusal(_ reason: Text, help: Text) -> UsageError {
    NamedFile.refusal(path, role, reason: reason, help: help)
  }

  static func refusal(_ path: String, _ role: Text, _ error: FileReadError) -> UsageError {
    refusal(path, role, reason: error.reason, help: help(error.kind, role: role))
  }

  static func refusal(_ path: String, _ role: Text, reason: Text, help: Text) -> UsageError {
    UsageError(
      message: "choucha: 无法读取\(role.zh)“\(path)”：\(reason.zh)\n  = 帮助：\(help.zh)\n"
        + "choucha: cannot read the \(role.en) \(path): \(reason.en)\n  = help: \(help.en)")
  }

  /// How to fix it, for a path the user typed (not one a rule file names: `FileReadError.help`).
  static func help(_ kind: FileReadError.Kind, role: Text) -> Text {
    switch kind {
    case .notRegularFile:
      let example =
        role.en == document.en
        ? Text(zh: "由 choucha draw 写出的 draw-YYYY.json", en: "the draw-YYYY.json that choucha draw wrote")
        : Text(zh: "另存为 CSV 的表格", en: "the sheet saved as CSV")
      return Text(
        zh: "给出一个普通文件的路径（如\(example.zh)）；命名管道、设备、目录和 /proc 之类的系统文件一律不读，需要时先把内容保存为文件",
        en: "name a regular file (such as \(example.en)); named pipes, devices, directories and system files such as /proc are never read: save the content to a file first")
    case .symlinkLoop:
      return Text(zh: "把链接改为直接指向文件", en: "make the link point straight at the file")
    case .notFound, .outsideRepository, .hidden:
      return Text(zh: "检查文件名和路径（相对于当前目录）", en: "check the file name and path (relative to the current directory)")
    case .unreadable:
      return Text(zh: "检查文件的读取权限", en: "check that the file can be read")
    }
  }
}
