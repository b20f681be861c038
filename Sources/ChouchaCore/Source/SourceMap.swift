/// All the files of one compilation, indexed by `Span.file`.
public struct SourceMap: Sendable {
  public private(set) var files: [SourceFile] = []

  public init() {}

  /// Adds a file and returns it with its id set.
  @discardableResult
  public mutating func add(path: String, relativePath: String? = nil, bytes: [UInt8]) -> SourceFile {
    let file = SourceFile(id: files.count, path: path, relativePath: relativePath, bytes: bytes)
    files.append(file)
    return file
  }

  public subscript(id: Int) -> SourceFile { files[id] }
}
