import ChouchaCore
import ChouchaDraw
import Foundation

#if canImport(Glibc)
  import Glibc
  private let systemWrite = Glibc.write
#elseif canImport(Darwin)
  import Darwin
  private let systemWrite = Darwin.write
#endif

/// The error `errno` names, for the calls below (`localizedDescription` is the system's text).
private func systemError() -> POSIXError {
  POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
}

/// Writes what it is given to a file descriptor, as it comes: the sink the draw's documents stream
/// into, a piece at a time. With `hashing`, it also digests every byte, for the manifest.
final class FileSink: ByteSink {
  let descriptor: Int32
  /// Bytes written so far.
  private(set) var size = 0
  /// The SHA-256 of what was written, when asked for.
  private var hasher: SHA256Hasher?

  init(descriptor: Int32, hashing: Bool = false) {
    self.descriptor = descriptor
    hasher = hashing ? SHA256Hasher() : nil
  }

  /// The lowercase hexadecimal SHA-256 of every byte written (nil without `hashing`).
  var sha256: String? { hasher.map { SHA256.hex($0.finalize()) } }

  func write(_ bytes: UnsafeRawBufferPointer) throws {
    var written = 0
    while written < bytes.count, let base = bytes.baseAddress {
      let count = systemWrite(descriptor, base + written, bytes.count - written)
      if count < 0 {
        if errno == EINTR { continue }
        throw systemError()
      }
      written += count
    }
    // The disk starts on each piece while the next is made, so that the `fsync` before the
    // rename finds little left to write (hundreds of megabytes for a large draw). Only a hint:
    // its failure changes nothing, the `fsync` still decides.
    _ = FileSink.startWriting?(descriptor, Int64(size), Int64(bytes.count), 2)  // SYNC_FILE_RANGE_WRITE
    hasher?.update(bytes)
    size += bytes.count
  }

  /// Linux's `sync_file_range`, looked up by name: the Glibc module does not declare it (nil
  /// elsewhere).
  private static let startWriting: (@convention(c) (Int32, Int64, Int64, UInt32) -> Int32)? = {
    #if os(Linux)
      guard let symbol = dlsym(nil, "sync_file_range") else { return nil }
      return unsafeBitCast(symbol, to: (@convention(c) (Int32, Int64, Int64, UInt32) -> Int32).self)
    #else
      return nil
    #endif
  }()
}

/// Writes a file all at once: into a temporary file beside it, flushed to disk, then renamed over
/// it. An interrupted write leaves the old file whole. The file keeps its permissions.
enum AtomicFile {
  static func write(_ bytes: [UInt8], to given: String, display: String) throws {
    do {
      let file = try Pending(replacing: given, display: display)
      do {
        try bytes.withUnsafeBytes { try file.sink.write($0) }
        try file.sync()
        try file.commit()
      } catch {
        file.discard()
        throw error
      }
    } catch let error as UsageError {
      throw error
    } catch {
      throw UsageError(message: "choucha: 无法写入“\(display)” / cannot write \(display)")
    }
  }

  /// The temporary file of one write, open on `sink`. Written, then `sync`, then `commit` renames
  /// it over the file; `discard` removes it instead. Apart, so that several files can all be
  /// written before any is renamed (`OutputDirectory.write`). Errors other than `UsageError` are
  /// the system's, left for the caller to word.
  final class Pending {
    let sink: FileSink
    private let path: String
    private let temporary: String
    private var isOpen = true

    /// A file written on its own (`fmt`, `import -o`, `check --output`): a symbolic link is
    /// followed, so the file it points to is rewritten and the link stays a link.
    convenience init(replacing given: String, display: String) throws {
      signal(SIGXFSZ, SIG_IGN)  // a file-size limit is a write error, cleaned up (OutputDirectory)
      let path = URL(fileURLWithPath: given).resolvingSymlinksInPath().path
      let directory = (path as NSString).deletingLastPathComponent
      let name = (path as NSString).lastPathComponent
      try self.init(
        path: path, temporary: (directory as NSString).appendingPathComponent(".\(name).tmp-\(getpid())"),
        display: display, hashing: false)
    }

    /// `path` is replaced by `temporary` (in the same directory) when committed; with `hashing`,
    /// the sink digests what is written.
    init(path: String, temporary: String, display: String, hashing: Bool) throws {
      self.path = path
      self.temporary = temporary
      var mode: mode_t = 0o644
      var status = stat()
      if stat(path, &status) == 0 {
        // Found now rather than by the rename, after the other files of an update are in place.
        if status.st_mode & S_IFMT == S_IFDIR { throw POSIXError(.EISDIR) }
        // A FIFO or a device (`--output /dev/null` as root) would be replaced by a regular file.
        if let kind = ContainedFile.irregularKind(status.st_mode) {
          throw UsageError(
            message: "choucha: 无法写入“\(display)”：不是普通文件，而是\(kind.zh)，不会被替换\n  = 帮助：写到普通文件；要看结果，省略输出文件选项\n"
              + "choucha: cannot write \(display): not a regular file but \(kind.en), never replaced\n  = help: write a regular file; to see the output, leave out the output file option")
        }
        mode = status.st_mode & 0o7777
        // A file nobody may write was made read-only on purpose: a rename would replace it anyway.
        if mode & 0o222 == 0 {
          throw UsageError(message: "choucha: “\(display)”是只读文件，未改写 / \(display) is read-only; not rewritten")
        }
      }
      // The temporary name is this process's; whatever is found there (a leftover of a killed
      // process of the same id, or a symbolic link planted in a shared folder to have the file it
      // leads to overwritten) is removed, not followed, and the file is created new (O_EXCL).
      var found = stat()
      if lstat(temporary, &found) == 0, found.st_mode & S_IFMT != S_IFDIR { unlink(temporary) }
      let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
      guard descriptor >= 0 else { throw systemError() }
      sink = FileSink(descriptor: descriptor, hashing: hashing)
    }

    /// Flushes the file to disk and closes it: what is left is the rename. With `flushing: false`,
    /// it is only closed, and the caller flushes the whole file system once for many files
    /// (`OutputDirectory.write`) before any is renamed.
    func sync(flushing: Bool = true) throws {
      let synced = !flushing || fsync(sink.descriptor) == 0
      let error = synced ? nil : systemError()
      isOpen = false
      guard close(sink.descriptor) == 0 else { throw error ?? systemError() }
      if let error { throw error }
    }

    func commit() throws {
      guard rename(temporary, path) == 0 else { throw systemError() }
    }

    /// Removes the temporary file, after a failure.
    func discard() {
      if isOpen {
        close(sink.descriptor)
        isOpen = false
      }
      unlink(temporary)
    }
  }
}

/// The record of one run of a command in an output directory: the files it wrote, with their
/// sizes and SHA-256, sorted by name. Written last, when every file is in place
/// (`complete: true`); before the first file is renamed into place, a record with
/// `complete: false` replaces the previous one, and also lists (`removing`) every version of a
/// file the previous run left or may have left (if it was itself killed): those this run
/// replaces, and those it no longer writes, which it removes if unchanged. So a reader sees either a complete run whose files all match,
/// or a run marked unfinished; never a mix of two runs described as one.
///
/// Deterministic: no clock, no process id, no path; the same files give the same bytes.
struct Manifest: Equatable {
  struct Entry: Hashable {
    var name: String
    var size: Int
    var sha256: String
  }

  static let schema = "choucha/manifest/v1"
  /// Larger is not a manifest: refused before it is read whole. An entry takes about 130 bytes,
  /// so 256 MB is two million files; a site of 10,000 items writes 28,035 files, a 3.8 MB
  /// manifest (the 1 MB limit before made it unreadable to its own next run, which then kept
  /// every stale file and hashed every file in the way).
  static let maximumSize = 256 << 20

  var command: String
  var complete: Bool
  var files: [Entry]
  var removing: [Entry] = []

  /// The manifest of `build`, whatever the year: a build replaces the previous build.
  static let build = "build.manifest.json"

  /// The manifest of a draw: one per year, beside `draw-YYYY.json`.
  static func draw(year: Int) -> String { "draw-\(year).manifest.json" }

  /// The manifest beside a document written by a run: `draw-2024.json` → `draw-2024.manifest.json`.
  static func name(beside document: String) -> String {
    let name = (document as NSString).lastPathComponent
    let stem = name.hasSuffix(".json") ? String(name.dropLast(5)) : name
    return stem + ".manifest.json"
  }

  /// A name a manifest may list: one plain file of the directory itself (no path, not hidden, no
  /// manifest), so that a manifest edited by hand can never make a run remove anything else.
  static func isPlainName(_ name: String) -> Bool {
    guard let first = name.utf8.first, first != UInt8(ascii: "."), name.utf8.count <= 255,
      !name.hasSuffix(".manifest.json")
    else { return false }
    return name.utf8.allSatisfy { byte in
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"):
        return true
      default: return false
      }
    }
  }

  /// A path a manifest may list: plain names (`isPlainName`) joined by `/`, at most eight of them
  /// (`site` writes `tasks/1.html`, `papers/notices/1/x.html`): never absolute, never `..`, never
  /// hidden, so a manifest edited by hand can only name files inside the directory.
  static func isPlainPath(_ path: String) -> Bool {
    let parts = path.split(separator: "/", omittingEmptySubsequences: false)
    return parts.count <= 8 && path.utf8.count <= 1024 && parts.allSatisfy { isPlainName(String($0)) }
  }

  /// Two-space JSON, one file a line, names sorted by their bytes.
  var bytes: [UInt8] {
    func list(_ entries: [Entry]) -> String {
      let lines = entries.sorted {
        $0.name == $1.name
          ? ($0.sha256, $0.size) < ($1.sha256, $1.size) : $0.name.utf8.lexicographicallyPrecedes($1.name.utf8)
      }.map {
        "    { \"name\": \"\($0.name)\", \"size\": \($0.size), \"sha256\": \"\($0.sha256)\" }"
      }
      return lines.isEmpty ? "[]" : "[\n" + lines.joined(separator: ",\n") + "\n  ]"
    }
    var text = "{\n  \"schema\": \"\(Self.schema)\",\n  \"command\": \"\(command)\",\n"
    text += "  \"complete\": \(complete),\n  \"files\": \(list(files))"
    if !complete { text += ",\n  \"removing\": \(list(removing))" }
    text += "\n}\n"
    return Array(text.utf8)
  }

  /// The manifest in `bytes`, or nil if they are not one (any field missing, of the wrong type,
  /// or out of bounds: a name that is not plain, a negative size, a digest that is not 64
  /// lowercase hexadecimal digits).
  static func parse(_ bytes: [UInt8]) -> Manifest? {
    guard bytes.count <= maximumSize,
      let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
      object["schema"] as? String == schema, let command = object["command"] as? String,
      let complete = object["complete"] as? Bool, let files = entries(object["files"])
    else { return nil }
    var removing: [Entry] = []
    if let listed = object["removing"] {
      guard let entries = entries(listed) else { return nil }
      removing = entries
    }
    return Manifest(command: command, complete: complete, files: files, removing: removing)
  }

  private static func entries(_ value: Any?) -> [Entry]? {
    guard let list = value as? [Any] else { return nil }
    var entries: [Entry] = []
    for element in list {
      guard let entry = element as? [String: Any], let name = entry["name"] as? String, isPlainPath(name),
        let size = (entry["size"] as? NSNumber).flatMap({ Int(exactly: $0.doubleValue) }), size >= 0,
        let digest = entry["sha256"] as? String, digest.utf8.count == 64,
        digest.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
      else { return nil }
      entries.append(Entry(name: name, size: size, sha256: digest))
    }
    return entries
  }

  /// What is found at a manifest's path.
  enum Reading {
    case absent
    /// There, but not a manifest (or too large, or unreadable).
    case unreadable
    case found(Manifest)
  }

  static func read(_ path: String) -> Reading {
    var status = stat()
    guard lstat(path, &status) == 0 else { return errno == ENOENT ? .absent : .unreadable }
    guard status.st_mode & S_IFMT == S_IFREG, status.st_size <= maximumSize,
      let data = FileManager.default.contents(atPath: path), let manifest = parse([UInt8](data))
    else { return .unreadable }
    return .found(manifest)
  }

  /// The size of a regular file (not followed if a symbolic link), nil if there is none: compared
  /// before hashing, so that a file of another size (a sparse terabyte) is never read.
  static func size(_ path: String) -> Int? {
    var status = stat()
    guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
    return Int(status.st_size)
  }

  /// The size and SHA-256 of a regular file (not followed if a symbolic link), read in chunks;
  /// nil if there is none.
  static func digest(_ path: String) -> (size: Int, sha256: String)? {
    var status = stat()
    guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
      let handle = FileHandle(forReadingAtPath: path)
    else { return nil }
    defer { try? handle.close() }
    var hasher = SHA256Hasher()
    var size = 0
    do {
      while let chunk = try handle.read(upToCount: 8 << 20), !chunk.isEmpty {
        chunk.withUnsafeBytes { hasher.update($0) }
        size += chunk.count
      }
    } catch {
      return nil
    }
    return (size, SHA256.hex(hasher.finalize()))
  }
}

/// Writes the files of one run of a command into a directory, beside whatever else it holds.
///
/// A run writes only the files it names, and only over files its previous run wrote (listed in
/// that run's manifest; anything else at one of its names is refused before anything is written),
/// and removes only files its previous run wrote (listed, and still as written: same size and
/// SHA-256); the directory's other
/// files (a draw's record beside a build, a user's notes, the rules themselves with `--out .`)
/// are never touched. Each file is streamed into a temporary file in the directory itself (the
/// same file system, so renaming is atomic) and flushed to disk; then, in this order, the
/// unfinished manifest is renamed over the previous one, each file is renamed into place, the
/// previous run's files this run no longer writes are removed, and the complete manifest is
/// renamed into place. Runs into one directory take turns (`flock` on the directory): a second
/// run waits for the first. Temporary files are named `.choucha-tmp-PID-NAME`; the leftovers of
/// a killed run are removed by the next run, which holds the lock, so no other run is writing
/// them.
///
/// A failure before the first rename leaves the directory as it was (the temporary files are
/// removed, and a directory this call created); one after it, which nothing here expects once
/// the files are written, leaves the unfinished manifest, and the error says to run again.
enum OutputDirectory {
  /// A file of the run: its name, and what writes its bytes into a sink.
  struct Document {
    var name: String
    var write: (ByteSink) throws -> Void
  }

  /// What a run did besides writing its files.
  struct Outcome {
    /// The previous run's files that this one does not write, removed.
    var removed: [String] = []
    /// The previous run's files that this one does not write, kept because they were changed
    /// since (they are no longer what choucha wrote).
    var kept: [String] = []
    /// The previous manifest was there but could not be read: nothing was removed.
    var unreadablePrevious = false
    /// The previous run was killed before it finished (its manifest is marked unfinished).
    var previousUnfinished = false

    /// Lines for the summary, if there is anything to say: the previous run's files removed, or
    /// kept because changed since, or a previous manifest that could not be read.
    func report(out given: String, manifest: String, language: Language) -> String {
      let out = Shown.path(given)
      var lines: [String] = []
      let separator = language == .zh ? "、" : ", "
      if !removed.isEmpty {
        let names = removed.joined(separator: separator)
        lines.append(
          language == .zh
            ? "  删除了上次运行写出、这次不再写出的 \(names)"
            : "  removed \(names), written by the previous run and not by this one")
      }
      if !kept.isEmpty {
        let names = kept.joined(separator: separator)
        lines.append(
          language == .zh
            ? "  注：保留了 \(out)/ 中的 \(names)：上次运行写出、这次不再写出，但写出后被改动过；不需要时请自行删除"
            : "  note: kept \(names) in \(out)/: written by the previous run, not by this one, but changed since; remove it if not needed")
      }
      if previousUnfinished {
        lines.append(
          language == .zh
            ? "  注：上次运行没有完成（\(manifest) 记为未完成），这次已完整写出"
            : "  note: the previous run did not finish (\(manifest) was marked unfinished); this run is complete")
      }
      if unreadablePrevious {
        lines.append(
          language == .zh
            ? "  注：原有的 \(out)/\(manifest) 无法读取，没有删除上次运行的任何文件；已写入新的运行清单"
            : "  note: \(out)/\(manifest) was unreadable, so no file of the previous run was removed; a new one is written")
      }
      return lines.map { $0 + "\n" }.joined()
    }
  }

  static let temporaryPrefix = ".choucha-tmp-"

  /// `confirm` sees this run's files, written and hashed but not yet renamed into place, and may
  /// refuse them by throwing (the draw: a published record is not replaced by a different one).
  static func write(
    _ path: String, manifest manifestName: String, command: String, documents: [Document],
    confirm: ([Manifest.Entry]) throws -> Void = { _ in }
  ) throws -> Outcome
  {
    // A file-size limit (`ulimit -f`) is then a write error, with the cleanup below, rather than
    // a death by SIGXFSZ that leaves temporary files and the directories made for the run.
    signal(SIGXFSZ, SIG_IGN)
    guard !path.isEmpty else {
      throw UsageError(message: "choucha: 输出目录为空：请用 --out 指定一个目录 / the output directory is empty: give --out a directory")
    }
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
      throw UsageError(message: "choucha: “\(path)”已存在且不是目录 / \(path) exists and is not a directory")
    }
    // The directories that do not exist yet, deepest first: removed again if the run fails.
    var missing: [String] = []
    var ancestor = URL(fileURLWithPath: path).standardizedFileURL.path
    while ancestor != "/" {
      var status = stat()
      if lstat(ancestor, &status) == 0 {
        // The nearest one there must be a directory (or lead to one) for the rest to be made.
        var followed = stat()
        let here = FileManager.default.currentDirectoryPath + "/"
        let shown = ancestor.hasPrefix(here) ? String(ancestor.dropFirst(here.count)) : ancestor
        if stat(ancestor, &followed) != 0 {
          throw UsageError(
            message: "choucha: 无法写出“\(path)”：“\(shown)”是指向不存在位置的符号链接 / cannot write \(path): \(shown) is a symbolic link to nothing")
        }
        if followed.st_mode & S_IFMT != S_IFDIR {
          throw UsageError(
            message: "choucha: 无法写出“\(path)”：“\(shown)”不是目录 / cannot write \(path): \(shown) is not a directory")
        }
        break
      }
      missing.append(ancestor)
      ancestor = (ancestor as NSString).deletingLastPathComponent
    }
    var pending: [AtomicFile.Pending] = []
    var made: [String] = []
    var committing = false
    var lock: Int32 = -1
    defer { if lock >= 0 { close(lock) } }
    do {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
      lock = try self.lock(path)
      removeLeftovers(path, locked: lock >= 0)
      let previous = Manifest.read(file(path, manifestName))
      var outcome = Outcome()
      var candidates: [Manifest.Entry] = []
      switch previous {
      case .absent: break
      case .unreadable: outcome.unreadablePrevious = true
      case .found(let manifest):
        candidates = manifest.files + manifest.removing
        outcome.previousUnfinished = !manifest.complete
      }

      // The subdirectories of the files (`tasks/1.html`): real directories inside the output
      // directory, made now (removed again if the run fails before its first rename).
      made = try makeSubdirectories(path, documents.map(\.name), manifest: manifestName, command: command)

      // Anything but a regular file at an output's name is refused at once; a file the previous
      // manifest does not list, once this run's bytes are known (unless they are the same).
      let unlisted = try refuseForeign(
        path, documents.map(\.name), known: Set(candidates.map(\.name)), previous: previous,
        manifest: manifestName, command: command)

      var entries: [Manifest.Entry] = []
      // Many files (a site's pages, the papers): closed unflushed, then one flush of the file
      // system for them all, rather than one `fsync` each (28,035 files of a 10,000-item site took
      // 41–75 s, almost all of it in `fsync`; Benchmarks/README). A few files keep their own.
      let batched = documents.count > OutputDirectory.batchedAbove && OutputDirectory.syncFileSystem != nil
      for document in documents {
        precondition(Manifest.isPlainPath(document.name), "an output is a plain file name or path")
        let target = file(path, document.name)
        pending.append(
          try AtomicFile.Pending(
            path: target, temporary: temporary(path, document.name), display: target, hashing: true))
        let sink = pending.last!.sink
        try document.write(sink)
        Runtime.phases.mark("\(document.name) written")
        try pending.last!.sync(flushing: !batched)
        Runtime.phases.mark("\(document.name) on disk")
        entries.append(Manifest.Entry(name: document.name, size: sink.size, sha256: sink.sha256!))
      }
      if batched, let syncFileSystem = OutputDirectory.syncFileSystem {
        // Every file on disk before the first rename, as with one `fsync` each; a failure (a write
        // error the disk reports late) stops the run with nothing renamed.
        let descriptor = lock >= 0 ? lock : open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw systemError() }
        let flushed = syncFileSystem(descriptor) == 0
        let error = flushed ? nil : systemError()
        if descriptor != lock { close(descriptor) }
        if let error { throw error }
        Runtime.phases.mark("all on disk")
      }
      if !unlisted.isEmpty {
        _ = try refuseForeign(
          path, unlisted, known: [], previous: previous, manifest: manifestName, command: command,
          written: entries)
      }
      try confirm(entries)
      let names = Set(entries.map(\.name))
      // Every version of a file that the previous run left here, or may have left if it was
      // killed (an unfinished manifest lists the new versions in `files` while the old ones may
      // still be in place, and those in `removing`): listed again in this run's unfinished
      // manifest, so that a run after a kill still knows them all.
      var versions = Set(entries)
      var previousVersions: [Manifest.Entry] = []
      for entry in candidates where versions.insert(entry).inserted { previousVersions.append(entry) }
      // The files this run does not write: removed if they are one of the versions listed.
      var stale: [(name: String, versions: [Manifest.Entry])] = []
      var staleIndex: [String: Int] = [:]
      for entry in previousVersions where !names.contains(entry.name) {
        if let index = staleIndex[entry.name] {
          stale[index].versions.append(entry)
        } else {
          staleIndex[entry.name] = stale.count
          stale.append((entry.name, [entry]))
        }
      }
      let unfinished = Manifest(command: command, complete: false, files: entries, removing: previousVersions)
      let finished = Manifest(command: command, complete: true, files: entries)
      let marker = try manifestFile(path, manifestName, unfinished)
      let record = try manifestFile(path, manifestName, finished)
      pending += [marker, record]

      try marker.commit()
      committing = true
      // On disk before any file is renamed: after a power cut too, the directory never shows a
      // new file beside the previous complete manifest.
      syncDirectory(path, lock)
      for file in pending.dropLast(2) { try file.commit() }
      Runtime.phases.mark("renamed into place")
      for (name, versions) in stale {
        let target = file(path, name)
        guard inRealDirectories(path, name), let size = Manifest.size(target) else { continue }
        // Hashed only if it has the size of a listed version.
        if versions.contains(where: { $0.size == size }), let found = Manifest.digest(target),
          versions.contains(where: { found.size == $0.size && found.sha256 == $0.sha256 })
        {
          guard unlink(target) == 0 else { throw systemError() }
          outcome.removed.append(name)
          removeEmptyParents(path, name)
        } else {
          outcome.kept.append(name)
        }
      }
      try record.commit()
      syncDirectory(path, lock)
      return outcome
    } catch {
      for file in pending { file.discard() }
      if !committing {
        for directory in made.reversed() { rmdir(directory) }
        if lock >= 0 {
          close(lock)
          lock = -1
        }
        for directory in missing { rmdir(directory) }
      }
      if let error = error as? UsageError { throw error }
      let interrupted =
        committing
        ? "\n写出中断：“\(file(path, manifestName))”记为未完成，请重新运行。/ interrupted: \(manifestName) is marked unfinished; run the command again."
        : ""
      throw UsageError(
        message: "choucha: 无法写出“\(path)”：\(error.localizedDescription) / cannot write \(path)\(interrupted)")
    }
  }

  /// Refuses the run, before anything is renamed into place, if a file it would write is already
  /// there and not one that choucha wrote: not listed in the previous manifest (there is none, or it cannot
  /// be read), or not a regular file (a directory, a symbolic link: choucha writes neither). A
  /// user's own `items.md`, or a draw record written before manifests, is never overwritten.
  ///
  /// Without `written`, only what is not a regular file is refused; the regular files not listed
  /// are returned, to be checked again with `written`, this run's files once written: one that
  /// holds exactly the bytes this run writes (a folder of an older version, built from the same
  /// rules) loses nothing and is taken over.
  private static func refuseForeign(
    _ path: String, _ names: [String], known: Set<String>, previous: Manifest.Reading, manifest: String,
    command: String, written: [Manifest.Entry]? = nil
  ) throws -> [String] {
    var foreign: [String] = []
    var unlisted: [String] = []
    for name in names {
      var status = stat()
      let target = file(path, name)
      guard lstat(target, &status) == 0 else { continue }
      if status.st_mode & S_IFMT != S_IFREG {
        foreign.append(name)
      } else if !known.contains(name) {
        if let written {
          guard let entry = written.first(where: { $0.name == name }), Int(status.st_size) == entry.size,
            let found = Manifest.digest(target), found.sha256 == entry.sha256, found.size == entry.size
          else {
            foreign.append(name)
            continue
          }
        } else {
          unlisted.append(name)
        }
      }
    }
    guard !foreign.isEmpty else { return unlisted }
    let zhNames = foreign.map { "“\($0)”" }.joined(separator: "、")
    let enNames = foreign.joined(separator: ", ")
    let zhWhy: String
    let enWhy: String
    switch previous {
    case .absent:
      zhWhy = "目录中没有运行清单 \(manifest)"
      enWhy = "there is no \(manifest)"
    case .unreadable:
      zhWhy = "运行清单 \(manifest) 无法读取"
      enWhy = "\(manifest) is unreadable"
    case .found:
      zhWhy = "运行清单 \(manifest) 没有列出它们，或它们不是普通文件"
      enWhy = "\(manifest) does not list them, or they are not regular files"
    }
    throw UsageError(
      message: "choucha: 无法写出“\(path)”：其中已有\(zhNames)，不是上次 choucha \(command) 写出的（\(zhWhy)），"
        + "为免覆盖，未写出任何文件。\n  帮助：确认不再需要后移走或删除它们（较早版本的 choucha 写出的也一样），或换一个 --out 目录，然后重新运行。"
        + "\n/ cannot write \(path): it already holds \(enNames), not written by a previous choucha \(command) (\(enWhy)); "
        + "nothing was written, so as not to overwrite them.\n  help: move or remove them if no longer needed (files of an "
        + "older choucha too), or choose another --out directory, then run again.")
  }

  /// Above this many files, a run flushes the file system once instead of each file (`write`).
  static let batchedAbove = 16

  /// Linux's `syncfs` (since 5.8 it reports write errors, like `fsync`), looked up by name as
  /// `sync_file_range` is; nil elsewhere, where each file keeps its own `fsync`.
  static let syncFileSystem: (@convention(c) (Int32) -> Int32)? = {
    #if os(Linux)
      guard let symbol = dlsym(nil, "syncfs") else { return nil }
      return unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
    #else
      return nil
    #endif
  }()

  /// Flushes the directory's entries (the renames so far) to disk, through the lock's descriptor,
  /// or one opened for it when the run is unlocked (and nothing if it cannot be opened).
  private static func syncDirectory(_ path: String, _ lock: Int32) {
    if lock >= 0 {
      fsync(lock)
    } else {
      let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
      guard descriptor >= 0 else { return }
      fsync(descriptor)
      close(descriptor)
    }
  }

  private static func file(_ directory: String, _ name: String) -> String {
    (directory as NSString).appendingPathComponent(name)
  }

  /// In the output directory itself, whatever the file's subdirectory (renamed into it, on the
  /// same file system): `tasks/1.html` → `.choucha-tmp-PID-tasks~1.html`.
  private static func temporary(_ directory: String, _ name: String) -> String {
    file(directory, "\(temporaryPrefix)\(getpid())-\(name.replacingOccurrences(of: "/", with: "~"))")
  }

  /// Makes the subdirectories the files' paths need, parents first; returns those it made. One
  /// that is there must be a real directory (not a symbolic link, which could lead outside): else
  /// the run is refused before anything is written.
  private static func makeSubdirectories(_ path: String, _ names: [String], manifest: String, command: String) throws
    -> [String]
  {
    var needed: [String] = []
    var seen: Set<String> = []
    for name in names {
      var parts = name.split(separator: "/").map(String.init)
      parts.removeLast()
      var prefix = ""
      for part in parts {
        prefix = prefix.isEmpty ? part : prefix + "/" + part
        if seen.insert(prefix).inserted { needed.append(prefix) }
      }
    }
    var made: [String] = []
    do {
      for relative in needed {
        let target = file(path, relative)
        var status = stat()
        if lstat(target, &status) == 0 {
          guard status.st_mode & S_IFMT == S_IFDIR else {
            throw UsageError(
              message: "choucha: 无法写出“\(path)”：其中的“\(relative)”不是目录（choucha \(command) 要在其中写文件），未写出任何文件。\n  帮助：移走它，或换一个 --out 目录。"
                + "\n/ cannot write \(path): \(relative) in it is not a directory (choucha \(command) writes files in it); nothing was written.\n  help: move it away, or choose another --out directory.")
          }
          continue
        }
        guard mkdir(target, 0o755) == 0 else { throw systemError() }
        made.append(target)
      }
    } catch {
      for directory in made.reversed() { rmdir(directory) }
      throw error
    }
    return made
  }

  /// True when every subdirectory on `name`'s path is a real directory (no symbolic link).
  private static func inRealDirectories(_ path: String, _ name: String) -> Bool {
    var parts = name.split(separator: "/").map(String.init)
    parts.removeLast()
    var prefix = ""
    for part in parts {
      prefix = prefix.isEmpty ? part : prefix + "/" + part
      var status = stat()
      guard lstat(file(path, prefix), &status) == 0, status.st_mode & S_IFMT == S_IFDIR else { return false }
    }
    return true
  }

  /// After `name` was removed: its subdirectories, deepest first, if they are now empty.
  private static func removeEmptyParents(_ path: String, _ name: String) {
    var parts = name.split(separator: "/").map(String.init)
    parts.removeLast()
    while !parts.isEmpty {
      guard rmdir(file(path, parts.joined(separator: "/"))) == 0 else { return }
      parts.removeLast()
    }
  }

  /// A manifest, written and flushed to its temporary file, waiting for its rename.
  private static func manifestFile(_ directory: String, _ name: String, _ manifest: Manifest) throws
    -> AtomicFile.Pending
  {
    // The unfinished and the complete manifest are both written before the first rename.
    let suffix = manifest.complete ? name : "unfinished-\(name)"
    let file = try AtomicFile.Pending(
      path: file(directory, name), temporary: temporary(directory, suffix), display: file(directory, name),
      hashing: false)
    do {
      try manifest.bytes.withUnsafeBytes { try file.sink.write($0) }
      try file.sync()
    } catch {
      file.discard()
      throw error
    }
    return file
  }

  /// Opens the directory and takes its exclusive lock, waiting (and saying so) while another run
  /// holds it. If the directory was removed and made again meanwhile (a run that created it
  /// failed and removed it), the new one is locked. -1, said on standard error, where the
  /// directory cannot be locked (a file system without locks, a directory that cannot be read):
  /// the run goes on without taking turns.
  private static func lock(_ path: String) throws -> Int32 {
    let shown = Shown.path(path)
    var said = false
    func unlocked(_ descriptor: Int32) -> Int32 {
      let reason = systemError().localizedDescription
      if descriptor >= 0 { close(descriptor) }
      FileHandle.standardError.write(
        Data("choucha: 注：无法锁定“\(shown)”（\(reason)）：请勿同时运行多个写入它的命令 / note: cannot lock \(shown) (\(reason)): do not run several commands writing it at once\n".utf8))
      return -1
    }
    while true {
      let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
      guard descriptor >= 0 else { return unlocked(descriptor) }
      if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
        guard errno == EWOULDBLOCK || errno == EINTR else { return unlocked(descriptor) }
        if !said {
          FileHandle.standardError.write(
            Data("choucha: 另一个 choucha 正在写入“\(shown)”，等待它完成 / waiting for another choucha writing \(shown)\n".utf8))
          said = true
        }
        while flock(descriptor, LOCK_EX) != 0 {
          guard errno == EINTR else {
            let error = systemError()
            close(descriptor)
            throw error
          }
        }
      }
      var locked = stat()
      var current = stat()
      if fstat(descriptor, &locked) == 0, stat(path, &current) == 0, locked.st_dev == current.st_dev,
        locked.st_ino == current.st_ino
      {
        return descriptor
      }
      close(descriptor)
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
  }

  /// Removes the temporary files of runs that were killed: only runs holding the lock write
  /// them, and this one holds it now. Without the lock, only those of processes no longer running.
  private static func removeLeftovers(_ path: String, locked: Bool) {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
    for name in names where name.hasPrefix(temporaryPrefix) {
      if !locked {
        let digits = name.dropFirst(temporaryPrefix.count).prefix { $0.isASCII && $0.isNumber }
        guard let process = pid_t(digits), process > 0, kill(process, 0) == -1, errno == ESRCH else { continue }
      }
      var status = stat()
      let target = file(path, name)
      // A symbolic link too (unlinked, never followed).
      if lstat(target, &status) == 0, status.st_mode & S_IFMT != S_IFDIR { unlink(target) }
    }
  }
}

/// What `verify` learns from the manifest beside a draw document.
enum ManifestCheck {
  /// Checks the document at `path` against the manifest beside it, and every other file that
  /// manifest lists (the draw's CSV). Prints what it finds; false if the run was interrupted,
  /// a file differs from the manifest, or the manifest is unreadable. A document without a
  /// manifest (written before manifests, or copied alone) passes, with a note.
  static func verify(document path: String, language: Language) -> Bool {
    let directory = (path as NSString).deletingLastPathComponent
    let name = Manifest.name(beside: path)
    let manifestPath = (directory as NSString).appendingPathComponent(name)
    let document = (path as NSString).lastPathComponent
    func say(_ zh: String, _ en: String) { CLI.write((language == .zh ? zh : en) + "\n") }
    switch Manifest.read(manifestPath) {
    case .absent:
      say(
        "注：“\(path)”旁没有运行清单 \(name)（早于运行清单的版本写出，或单独复制的文件）：无法确认同目录的其他文件出自同一次抽取。",
        "note: no manifest \(name) beside \(path) (written before manifests, or copied alone): the files beside it cannot be tied to the same draw.")
      return true
    case .unreadable:
      say(
        "不一致：运行清单“\(manifestPath)”无法读取或不是 \(Manifest.schema)。",
        "mismatch: the manifest \(manifestPath) is unreadable or not \(Manifest.schema).")
      return false
    case .found(let manifest):
      guard manifest.complete else {
        say(
          "未完成：运行清单“\(manifestPath)”记为未完成：写出这些文件的抽取被中断了（或仍在进行），目录中的文件可能分属两次抽取。请重新运行 choucha draw。",
          "unfinished: the manifest \(manifestPath) says the draw writing these files was interrupted (or is still running); the files may come from two draws. Run choucha draw again.")
        return false
      }
      var consistent = true
      if !manifest.files.contains(where: { $0.name == document }) {
        say(
          "不一致：运行清单“\(manifestPath)”没有列出 \(document)。",
          "mismatch: the manifest \(manifestPath) does not list \(document).")
        consistent = false
      }
      for entry in manifest.files {
        let file = (directory as NSString).appendingPathComponent(entry.name)
        // The size first: a file of another size is a mismatch without reading it.
        if let size = Manifest.size(file), size != entry.size {
          say(
            "不一致：“\(file)”有 \(size) 字节，运行清单 \(name) 记录的是 \(entry.size) 字节：文件在写出后被改动过，或来自另一次抽取。",
            "mismatch: \(file) has \(size) bytes, the manifest \(name) recorded \(entry.size): the file changed after it was written, or comes from another draw.")
          consistent = false
          continue
        }
        guard let found = Manifest.digest(file) else {
          say(
            "不一致：缺少运行清单列出的“\(file)”。",
            "mismatch: \(file), listed in the manifest, is missing.")
          consistent = false
          continue
        }
        if found.sha256 != entry.sha256 || found.size != entry.size {
          say(
            "不一致：“\(file)”的 SHA-256 为 \(found.sha256)，运行清单 \(name) 记录的是 \(entry.sha256)：文件在写出后被改动过，或来自另一次抽取。",
            "mismatch: \(file) has SHA-256 \(found.sha256), the manifest \(name) recorded \(entry.sha256): the file changed after it was written, or comes from another draw.")
          consistent = false
        }
      }
      if consistent {
        let listed = manifest.files.map(\.name).joined(separator: language == .zh ? "、" : ", ")
        say("运行清单 \(name)：\(listed) 与记录相同。", "manifest \(name): \(listed) as recorded.")
      }
      return consistent
    }
  }
}
