import ChouchaCore
import Foundation

#if canImport(Glibc)
  import Glibc
  private let systemRead = Glibc.read
  private let systemOpen: (UnsafePointer<CChar>, Int32) -> Int32 = { Glibc.open($0, $1) }
#elseif canImport(Darwin)
  import Darwin
  private let systemRead = Darwin.read
  private let systemOpen: (UnsafePointer<CChar>, Int32) -> Int32 = { Darwin.open($0, $1) }
#endif

/// A rule repository on disk: a directory whose `*.choucha` files form one program, or one file.
///
/// Nothing outside the repository is read: every path (a rule file the walk finds, an import) is
/// resolved with its symbolic links and must stay inside the root, itself resolved; only regular
/// files are read, checked on the opened descriptor (`ContainedFile`).
struct Repository: FileProvider {
  /// The directory imports are resolved against, its symbolic links resolved.
  let root: URL
  /// The root as the user sees it, relative to the current directory where possible.
  let displayRoot: String
  let sources: SourceMap

  /// Loads every `*.choucha` file below `path` (hidden folders, `build` and `.build` skipped), sorted
  /// by path. Symbolic links to directories are not followed (the files of a link inside the
  /// repository are read where they really are); a rule file that is a link is read only when it
  /// leads to a regular file inside the repository.
  init(path: String) throws {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw UsageError(message: "choucha: 找不到“\(path)” / no such file or directory: \(path)")
    }
    var files: [(display: String, relative: String)] = []
    // The path named on the command line may be a link; what lies below it is the repository's,
    // and is held to the root. A single file is held to its folder (`check Rules/*.choucha` in CI
    // is no way around).
    let rootPath: String
    if isDirectory.boolValue {
      rootPath = try Repository.resolve(path)
      displayRoot = Repository.display(path)
      for relative in try Repository.ruleFiles(below: rootPath, display: path) {
        files.append((Repository.join(displayRoot, relative), relative))
      }
    } else {
      let directory = (path as NSString).deletingLastPathComponent
      rootPath = try Repository.resolve(directory.isEmpty ? "." : directory)
      displayRoot = Repository.display(directory)
      files.append((Repository.display(path), (path as NSString).lastPathComponent))
    }
    root = URL(fileURLWithPath: rootPath, isDirectory: true)
    guard !files.isEmpty else {
      throw UsageError(message: "choucha: “\(path)”中没有 .choucha 规则文件 / no .choucha files in \(path)")
    }
    files.sort { $0.relative.utf8.lexicographicallyPrecedes($1.relative.utf8) }
    var sources = SourceMap()
    for file in files {
      switch ContainedFile.read(file.relative, inside: rootPath) {
      case .success(let bytes):
        sources.add(path: file.display, relativePath: file.relative, bytes: bytes)
      case .failure(let error):
        throw UsageError(
          message:
            "choucha: 无法读取“\(file.display)”：\(error.reason.zh)；\(error.help.zh)\n"
            + "choucha: cannot read \(file.display): \(error.reason.en); \(error.help.en)")
      }
    }
    self.sources = sources
  }

  func read(_ relativePath: String) -> Result<[UInt8], FileReadError> {
    ContainedFile.read(relativePath, inside: root.path)
  }

  /// `path` with every symbolic link resolved.
  static func resolve(_ path: String) throws -> String {
    guard let resolved = realpath(path, nil) else {
      throw UsageError(message: "choucha: 无法读取目录“\(path)” / cannot read directory \(path)")
    }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// The relative paths of the `*.choucha` files below `root`, unsorted.
  static func ruleFiles(below root: String, display: String) throws -> [String] {
    var found: [String] = []
    var pending = [""]
    while let directory = pending.popLast() {
      let absolute = directory.isEmpty ? root : join(root, directory)
      guard let entries = entries(of: absolute) else {
        let shown = join(display, directory)
        throw UsageError(message: "choucha: 无法读取目录“\(shown)” / cannot read directory \(shown)")
      }
      for bytes in entries where bytes.first != UInt8(ascii: ".") {
        // A name that is not UTF-8 cannot be spelt as a String (Foundation would put U+FFFD in its
        // place, and the file would then not be found): a rule file or folder so named is an
        // error, never skipped without a word.
        guard let name = String(validating: bytes, as: UTF8.self) else {
          var info = stat()
          let path = Array(join(root, directory).utf8) + (directory.isEmpty && root.hasSuffix("/") ? [] : [UInt8(ascii: "/")]) + bytes + [0]
          let found = path.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { lstat($0.baseAddress!, &info) == 0 }
          }
          guard found, info.st_mode & S_IFMT == S_IFDIR || bytes.suffix(8).elementsEqual(".choucha".utf8) else { continue }
          let shown = join(display, join(directory, Shown.path(String(decoding: bytes, as: UTF8.self))))
          throw UsageError(
            message: "choucha: “\(shown)”的名称不是 UTF-8 编码，无法读取；请用 UTF-8 重新命名 / the name of \(shown) is not UTF-8 and cannot be read; rename it in UTF-8")
        }
        let relative = directory.isEmpty ? name : directory + "/" + name
        var info = stat()
        guard lstat(join(root, relative), &info) == 0 else { continue }  // gone since it was listed
        if info.st_mode & S_IFMT == S_IFDIR {
          if name != "build" { pending.append(relative) }
        } else if name.hasSuffix(".choucha") {
          // Links, pipes and devices too: `ContainedFile.read` refuses them, and says so.
          found.append(relative)
        }
      }
    }
    return found
  }

  /// The names in `directory` as the system gives them, bytes (`.` and `..` left out); nil when it
  /// cannot be read.
  static func entries(of directory: String) -> [[UInt8]]? {
    guard let stream = opendir(directory) else { return nil }
    defer { closedir(stream) }
    var names: [[UInt8]] = []
    while let entry = readdir(stream) {
      let name = withUnsafeBytes(of: &entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
      if name == [UInt8(ascii: ".")] || name == [UInt8(ascii: "."), UInt8(ascii: ".")] { continue }
      names.append(name)
    }
    return names
  }

  /// What `check` and `fmt` read when given no path: `Rules` if it is a directory, else `.`.
  static var defaultPath: String {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: "Rules", isDirectory: &isDirectory) && isDirectory.boolValue ? "Rules" : "."
  }

  func compile() -> Compilation { Compiler.compile(sources, provider: self) }

  /// A path as shown to the user: relative to the current directory when it lies below it.
  static func display(_ path: String) -> String {
    let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
    let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
    if absolute == current { return "" }
    if absolute.hasPrefix(current + "/") { return String(absolute.dropFirst(current.count + 1)) }
    return path.hasPrefix("./") ? String(path.dropFirst(2)) : path
  }

  static func join(_ directory: String, _ relative: String) -> String {
    directory.isEmpty ? relative : (directory.hasSuffix("/") ? directory + relative : directory + "/" + relative)
  }
}

/// Reads a file only if it is a regular file inside a directory, without a check-then-open race
/// and without ever blocking. The path is resolved one component at a time below the directory
/// (`resolve`): nothing outside it is ever looked at, not even to see whether it exists. The result
/// is opened non-blocking and without following a link; the kind of file is taken from the open
/// descriptor, and (on Linux) so is the place it really is.
enum ContainedFile {
  /// Reads `relative`, a path below `root` (a directory, its links resolved).
  static func read(_ relative: String, inside root: String) -> Result<[UInt8], FileReadError> {
    switch resolve(relative, inside: root) {
    case .failure(let error): return .failure(error)
    case .success(let path): return open(path, inside: root)
    }
  }

  /// The most links one path may pass through, as Linux's `MAXSYMLINKS`.
  static let linkLimit = 40

  /// `relative` with its links resolved, as a path below `root`: each component is looked at with
  /// `lstat`; a link is replaced by its target; `..` takes off a real component, and fails at the
  /// root. An absolute target must itself resolve inside the root.
  static func resolve(_ relative: String, inside root: String) -> Result<String, FileReadError> {
    guard !relative.utf8.contains(0) else {
      return .failure(FileReadError(reason: Text(zh: "路径中有 NUL 字符", en: "the path holds a NUL character")))
    }
    var pending = Array(relative.split(separator: "/", omittingEmptySubsequences: true).reversed())
    var parts: [Substring] = []
    var links = 0
    func path(_ parts: [Substring]) -> String { parts.reduce(root) { Repository.join($0, String($1)) } }
    while let part = pending.popLast() {
      if part == "." { continue }
      if part == ".." {
        guard !parts.isEmpty else { return .failure(.outsideRepository) }
        parts.removeLast()
        continue
      }
      // Refused before it is looked at: whether `.git/config` exists is not told either.
      if part.hasPrefix(".") { return .failure(.hidden) }
      let candidate = path(parts + [part])
      var info = stat()
      guard lstat(candidate, &info) == 0 else { return .failure(error(errno)) }
      switch info.st_mode & S_IFMT {
      case S_IFLNK:
        links += 1
        guard links <= linkLimit else { return .failure(.symlinkLoop) }
        guard let target = readLink(candidate) else { return .failure(error(errno)) }
        if target.hasPrefix("/") {
          // Only a target that really lies in the root; any other is refused the same way, so
          // whether something exists elsewhere is not told.
          guard let real = realpath(target, nil) else { return .failure(.outsideRepository) }
          let resolved = String(cString: real)
          free(real)
          guard isInside(resolved, root) else { return .failure(.outsideRepository) }
          let below = String(decoding: resolved.utf8.dropFirst(root.utf8.count), as: UTF8.self)
          parts = below.split(separator: "/", omittingEmptySubsequences: true)
        } else {
          pending += target.split(separator: "/", omittingEmptySubsequences: true).reversed()
        }
      case S_IFDIR:
        parts.append(part)
      default:
        // A file in the middle of a path is no folder.
        guard pending.isEmpty else { return .failure(.notFound) }
        parts.append(part)
      }
    }
    // Hidden files and folders are not the repository's (`ruleFiles` skips them): `.git/config`
    // and `.env` hold credentials in CI. Judged on the resolved path, so no link leads there.
    if parts.contains(where: { $0.hasPrefix(".") }) { return .failure(.hidden) }
    return .success(path(parts))
  }

  /// Opens `path` (resolved) without blocking, and reads it if the descriptor is a regular file
  /// inside `root`.
  static func open(_ path: String, inside root: String, hiddenAllowed: Bool = false) -> Result<[UInt8], FileReadError> {
    // Without following a link (one put there since it was resolved fails with ELOOP) and without
    // waiting for a writer (a FIFO).
    let descriptor = systemOpen(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW)
    guard descriptor >= 0 else {
      let code = errno
      if code == ELOOP { return .failure(.outsideRepository) }
      // A socket cannot be opened at all (ENXIO): say what it is rather than the system's words.
      var info = stat()
      if lstat(path, &info) == 0, let kind = irregularKind(info.st_mode) {
        return .failure(.notRegularFile(kind))
      }
      return .failure(error(code))
    }
    defer { close(descriptor) }

    // What was opened is what is judged.
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { return .failure(error(errno)) }
    if let kind = irregularKind(info.st_mode) ?? pseudoFileSystem(descriptor) {
      return .failure(.notRegularFile(kind))
    }
    #if os(Linux)
      // A folder on the way swapped for a link since it was resolved: the descriptor knows where
      // the file really is.
      if let opened = readLink("/proc/self/fd/\(descriptor)") {
        guard isInside(opened, root) else { return .failure(.outsideRepository) }
        let below = opened.utf8.dropFirst(root.utf8.count).split(separator: UInt8(ascii: "/"))
        if !hiddenAllowed, below.contains(where: { $0.first == UInt8(ascii: ".") }) { return .failure(.hidden) }
      }
    #endif

    // Read straight into the array, sized by `fstat` (a sparse file's size is not taken on trust);
    // grown if the file grew meanwhile.
    var bytes = [UInt8](repeating: 0, count: Int(clamping: min(max(info.st_size, 0), 1 << 28)) + 1)
    var length = 0
    while true {
      if length == bytes.count { bytes += [UInt8](repeating: 0, count: bytes.count) }
      let count = bytes.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress! + length, $0.count - length) }
      if count > 0 {
        length += count
      } else if count == 0 {
        bytes.removeSubrange(length...)
        return .success(bytes)
      } else if errno != EINTR {
        return .failure(error(errno))
      }
    }
  }

  /// The target of the link at `path`; nil (and `errno` set) when it is none.
  static func readLink(_ path: String) -> String? {
    var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
    let count = buffer.withUnsafeMutableBytes { readlink(path, $0.baseAddress!.assumingMemoryBound(to: CChar.self), $0.count - 1) }
    guard count > 0 else { return nil }
    return String(decoding: buffer[0..<count], as: UTF8.self)
  }

  /// `path` is `root` or lies below it (both resolved), compared byte by byte.
  static func isInside(_ path: String, _ root: String) -> Bool {
    let prefix = root.hasSuffix("/") ? root : root + "/"
    return path.utf8.starts(with: prefix.utf8) || path.utf8.elementsEqual(root.utf8)
  }

  static func error(_ code: Int32) -> FileReadError {
    switch code {
    case ENOENT, ENOTDIR: return .notFound
    case ELOOP: return .symlinkLoop
    case EACCES, EPERM: return FileReadError(reason: Text(zh: "没有读取权限", en: "permission denied"))
    default:
      let text = String(cString: strerror(code))
      return FileReadError(reason: Text(zh: "文件无法读取（\(text)）", en: "the file cannot be read (\(text))"))
    }
  }

  /// What kind of file `mode` says, when it is not a regular file.
  static func irregularKind(_ mode: mode_t) -> Text? {
    switch mode & S_IFMT {
    case S_IFREG: return nil
    case S_IFDIR: return Text(zh: "目录", en: "a directory")
    case S_IFIFO: return Text(zh: "命名管道（FIFO）", en: "a named pipe (FIFO)")
    case S_IFCHR, S_IFBLK: return Text(zh: "设备", en: "a device")
    case S_IFSOCK: return Text(zh: "套接字", en: "a socket")
    default: return Text(zh: "特殊文件", en: "a special file")
    }
  }

  /// A regular file of a system pseudo-file system (`/proc`, `/sys` and their kin): its size says
  /// nothing of what reading it gives, and what it gives is the system's, not the repository's.
  static func pseudoFileSystem(_ descriptor: Int32) -> Text? {
    #if os(Linux)
      // `struct statfs` opens with `f_type`, a `long`; the Glibc module does not declare
      // `fstatfs`, so it is looked up by name and given room enough for the whole structure.
      guard let fstatfs = ContainedFile.fstatfs else { return nil }
      var info = [Int](repeating: 0, count: 64)
      guard info.withUnsafeMutableBytes({ fstatfs(descriptor, $0.baseAddress!) }) == 0 else { return nil }
      let pseudo: Set<Int> = [
        0x9fa0,  // proc
        0x6265_6572,  // sysfs
        0x6462_6720,  // debugfs
        0x7472_6163,  // tracefs
        0x7363_6673,  // securityfs
        0x0027_e0eb,  // cgroup
        0x6367_7270,  // cgroup2
        0x6265_6570,  // configfs
        0xde5e_81e4,  // efivarfs
      ]
      if pseudo.contains(info[0] & 0xffff_ffff) {
        return Text(zh: "系统伪文件（/proc、/sys 之类）", en: "a system pseudo-file (/proc, /sys and the like)")
      }
    #endif
    return nil
  }

  #if os(Linux)
    private static let fstatfs: (@convention(c) (Int32, UnsafeMutableRawPointer) -> Int32)? = {
      guard let symbol = dlsym(nil, "fstatfs") else { return nil }
      return unsafeBitCast(symbol, to: (@convention(c) (Int32, UnsafeMutableRawPointer) -> Int32).self)
    }()

  #endif
}
