import ChouchaCore
import Foundation

#if canImport(Glibc)
  import Glibc
  private let systemWrite = Glibc.write
#elseif canImport(Darwin)
  import Darwin
  private let systemWrite = Darwin.write
#endif

/// Writes a file all at once: into a temporary file beside it, flushed to disk, then renamed over
/// it. An interrupted write leaves the old file whole. The file keeps its permissions.
enum AtomicFile {
  static func write(_ bytes: [UInt8], to given: String, display: String) throws {
    // A symbolic link is followed: the file it points to is rewritten, the link stays a link.
    let path = URL(fileURLWithPath: given).resolvingSymlinksInPath().path
    let directory = (path as NSString).deletingLastPathComponent
    let name = (path as NSString).lastPathComponent
    let temporary = (directory as NSString).appendingPathComponent(".\(name).tmp-\(getpid())")
    var mode: mode_t = 0o644
    var status = stat()
    if stat(path, &status) == 0 {
      mode = status.st_mode & 0o7777
      // A file nobody may write was made read-only on purpose: a rename would replace it anyway.
      if mode & 0o222 == 0 {
        throw UsageError(message: "choucha: “\(display)”是只读文件，未改写 / \(display) is read-only; not rewritten")
      }
    }
    let failure = UsageError(message: "choucha: 无法写入“\(display)” / cannot write \(display)")
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, mode)
    guard descriptor >= 0 else { throw failure }
    let ok = bytes.withUnsafeBytes { buffer -> Bool in
      var written = 0
      while written < buffer.count, let base = buffer.baseAddress {
        let count = systemWrite(descriptor, base + written, buffer.count - written)
        if count < 0 {
          if errno == EINTR { continue }
          return false
        }
        written += count
      }
      return true
    }
    let synced = ok && fsync(descriptor) == 0
    let closed = close(descriptor) == 0
    if !(synced && closed && rename(temporary, path) == 0) {
      unlink(temporary)
      throw failure
    }
  }
}

/// Writes a directory of files all at once: into a temporary sibling first, then renamed into
/// place. An interrupted or failed build leaves the previous directory as it was.
enum OutputDirectory {
  /// Replaces some files of a directory, keeping the others (the draw adds to a build's output):
  /// the directory is copied, updated and renamed into place, all or nothing.
  static func update(_ path: String, with files: [Documents.File]) throws {
    var kept: [Documents.File] = []
    let names = Set(files.map(\.name))
    if let existing = try? FileManager.default.contentsOfDirectory(atPath: path) {
      for name in existing.sorted() where !names.contains(name) {
        if let data = FileManager.default.contents(atPath: (path as NSString).appendingPathComponent(name)) {
          kept.append(Documents.File(name: name, bytes: [UInt8](data)))
        }
      }
    }
    try replace(path, with: kept + files)
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
