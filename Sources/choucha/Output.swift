import ChouchaCore
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
/// into, a piece at a time.
final class FileSink: ByteSink {
  let descriptor: Int32
  /// Bytes written so far.
  private var offset = 0

  init(descriptor: Int32) {
    self.descriptor = descriptor
  }

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
    FileSink.startWriting?(descriptor, Int64(offset), Int64(bytes.count), 2)  // SYNC_FILE_RANGE_WRITE
    offset += bytes.count
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
  /// written before any is renamed (`OutputDirectory.update`). Errors other than `UsageError` are
  /// the system's, left for the caller to word.
  final class Pending {
    let sink: FileSink
    private let path: String
    private let temporary: String
    private var isOpen = true

    init(replacing given: String, display: String) throws {
      // A symbolic link is followed: the file it points to is rewritten, the link stays a link.
      path = URL(fileURLWithPath: given).resolvingSymlinksInPath().path
      let directory = (path as NSString).deletingLastPathComponent
      let name = (path as NSString).lastPathComponent
      temporary = (directory as NSString).appendingPathComponent(".\(name).tmp-\(getpid())")
      var mode: mode_t = 0o644
      var status = stat()
      if stat(path, &status) == 0 {
        // Found now rather than by the rename, after the other files of an update are in place.
        if status.st_mode & S_IFMT == S_IFDIR { throw POSIXError(.EISDIR) }
        mode = status.st_mode & 0o7777
        // A file nobody may write was made read-only on purpose: a rename would replace it anyway.
        if mode & 0o222 == 0 {
          throw UsageError(message: "choucha: “\(display)”是只读文件，未改写 / \(display) is read-only; not rewritten")
        }
      }
      let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, mode)
      guard descriptor >= 0 else { throw systemError() }
      sink = FileSink(descriptor: descriptor)
    }

    /// Flushes the file to disk and closes it: what is left is the rename.
    func sync() throws {
      let synced = fsync(sink.descriptor) == 0
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

/// Writes the files of a directory all at once. `replace` (build) writes the whole directory into
/// a temporary sibling first, then renames it into place; `update` (draw) renames new files into
/// it. An interrupted or failed build or draw leaves the previous directory as it was.
enum OutputDirectory {
  /// A file for `update`: its name, and what writes its bytes into a sink.
  struct Document {
    var name: String
    var write: (ByteSink) throws -> Void
  }

  /// Replaces some files of a directory, keeping the others (the draw adds to a build's output).
  /// Each file is streamed into a temporary file in the directory itself (the same file system, so
  /// renaming is atomic) and flushed to disk; once every one is written, they are renamed into
  /// place. Nothing is read or held whole: the draw's JSON is 180 MB at ten million rows. On any
  /// failure the temporary files are removed and the directory is as it was (one this call created
  /// is removed again); only a rename failing after another succeeded, which nothing here expects
  /// once the files are written, could leave a part.
  static func update(_ path: String, with documents: [Document]) throws {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
      throw UsageError(message: "choucha: “\(path)”已存在且不是目录 / \(path) exists and is not a directory")
    }
    // The directories that do not exist yet, deepest first: removed again if the update fails.
    var missing: [String] = []
    var ancestor = URL(fileURLWithPath: path).standardizedFileURL.path
    while !FileManager.default.fileExists(atPath: ancestor), ancestor != "/" {
      missing.append(ancestor)
      ancestor = (ancestor as NSString).deletingLastPathComponent
    }
    var pending: [AtomicFile.Pending] = []
    do {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
      for document in documents {
        let file = (path as NSString).appendingPathComponent(document.name)
        pending.append(try AtomicFile.Pending(replacing: file, display: file))
        try document.write(pending.last!.sink)
        PhaseTimer.mark("\(document.name) written")
        try pending.last!.sync()
        PhaseTimer.mark("\(document.name) on disk")
      }
      for file in pending { try file.commit() }
      PhaseTimer.mark("renamed into place")
    } catch {
      for file in pending { file.discard() }
      for directory in missing { rmdir(directory) }
      if let error = error as? UsageError { throw error }
      throw UsageError(message: "choucha: 无法写出“\(path)”：\(error.localizedDescription) / cannot write \(path)")
    }
  }

  static func replace(_ path: String, with files: [Documents.File]) throws {
    let fileManager = FileManager.default
    let target = URL(fileURLWithPath: path).standardizedFileURL
    let parent = target.deletingLastPathComponent()
    let name = target.lastPathComponent
    let suffix = "\(ProcessInfo.processInfo.processIdentifier)"
    let temporary = parent.appendingPathComponent(".\(name).tmp-\(suffix)")
    let previous = parent.appendingPathComponent(".\(name).old-\(suffix)")
    var isDirectory: ObjCBool = false
    if fileManager.fileExists(atPath: target.path, isDirectory: &isDirectory), !isDirectory.boolValue {
      throw UsageError(message: "choucha: “\(path)”已存在且不是目录 / \(path) exists and is not a directory")
    }
    do {
      try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
      try? fileManager.removeItem(at: temporary)
      try fileManager.createDirectory(at: temporary, withIntermediateDirectories: false)
      for file in files {
        try Data(file.bytes).write(to: temporary.appendingPathComponent(file.name))
      }
      if fileManager.fileExists(atPath: target.path) {
        try fileManager.moveItem(at: target, to: previous)
        try fileManager.moveItem(at: temporary, to: target)
        try? fileManager.removeItem(at: previous)
      } else {
        try fileManager.moveItem(at: temporary, to: target)
      }
    } catch let error as UsageError {
      throw error
    } catch {
      try? fileManager.removeItem(at: temporary)
      if !fileManager.fileExists(atPath: target.path), fileManager.fileExists(atPath: previous.path) {
        try? fileManager.moveItem(at: previous, to: target)
      }
      throw UsageError(message: "choucha: 无法写出“\(path)”：\(error.localizedDescription) / cannot write \(path)")
    }
  }
}
