import ChouchaCore
import Foundation

/// A rule repository on disk: a directory whose `*.choucha` files form one program, or one file.
struct Repository: FileProvider {
  /// The directory imports are resolved against.
  let root: URL
  /// The root as the user sees it, relative to the current directory where possible.
  let displayRoot: String
  let sources: SourceMap

  /// Loads every `*.choucha` file below `path` (hidden folders and `.build` skipped), sorted by path.
  init(path: String) throws {
    let fileManager = FileManager.default
    var isDirectory: ObjCBool = false
    guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw UsageError(message: "choucha: 找不到“\(path)” / no such file or directory: \(path)")
    }
    let url = URL(fileURLWithPath: path).standardizedFileURL
    var files: [(display: String, relative: String, url: URL)] = []
    if isDirectory.boolValue {
      root = url
      displayRoot = Repository.display(path)
      guard let enumerator = fileManager.enumerator(at: url, includingPropertiesForKeys: [.isDirectoryKey], options: [.skipsHiddenFiles]) else {
        throw UsageError(message: "choucha: 无法读取目录“\(path)” / cannot read directory \(path)")
      }
      for case let file as URL in enumerator {
        if file.lastPathComponent == ".build" || file.lastPathComponent == "build" && file.hasDirectoryPath {
          enumerator.skipDescendants()
          continue
        }
        guard file.pathExtension == "choucha" else { continue }
        let relative = Repository.relative(file.standardizedFileURL.path, to: url.path)
        files.append((Repository.join(displayRoot, relative), relative, file))
      }
    } else {
      root = url.deletingLastPathComponent()
      displayRoot = Repository.display((path as NSString).deletingLastPathComponent)
      files.append((Repository.display(path), url.lastPathComponent, url))
    }
    guard !files.isEmpty else {
      throw UsageError(message: "choucha: “\(path)”中没有 .choucha 规则文件 / no .choucha files in \(path)")
    }
    files.sort { $0.relative.utf8.lexicographicallyPrecedes($1.relative.utf8) }
    var sources = SourceMap()
    for file in files {
      guard let data = fileManager.contents(atPath: file.url.path) else {
        throw UsageError(message: "choucha: 无法读取“\(file.display)” / cannot read \(file.display)")
      }
      sources.add(path: file.display, relativePath: file.relative, bytes: [UInt8](data))
    }
    self.sources = sources
  }

  func read(_ relativePath: String) -> Result<[UInt8], FileReadError> {
    let url = root.appendingPathComponent(relativePath)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return .failure(.notFound) }
    guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: url.path) else {
      return .failure(FileReadError(reason: Text(zh: "文件无法读取", en: "the file cannot be read")))
    }
    return .success([UInt8](data))
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

  static func relative(_ path: String, to root: String) -> String {
    path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
  }

  static func join(_ directory: String, _ relative: String) -> String {
    directory.isEmpty ? relative : (directory.hasSuffix("/") ? directory + relative : directory + "/" + relative)
  }
}
