/// How every table is decoded: the sheets of `choucha import`, the tables of `引入 权责` and the
/// directories of `choucha draw` follow this one rule, through this one decoder.
///
/// - Valid UTF-8 is read as it is (a BOM is left to `CSVReader`, which skips it).
/// - Otherwise, when every byte sequence is valid GB18030 (what Excel and WPS save as "CSV" on a
///   Chinese Windows, the system code page), the bytes are converted to UTF-8 (`GB18030`, the
///   WHATWG decoder).
/// - Otherwise the table is refused: E0602 at the first byte that is not UTF-8 (a UTF-16 export
///   starts with `FF FE`, which no GB18030 sequence starts with).
///
/// A file that is valid in both is UTF-8: all-ASCII files are, and a GB18030 file of Chinese text
/// is almost never valid UTF-8 (its two-byte sequences would have to pair as UTF-8 lead and
/// continuation bytes throughout).
public enum TableText {
  public enum Decoded: Equatable, Sendable {
    /// The bytes were UTF-8: nothing to convert.
    case utf8
    /// The bytes were GB18030: these are the same characters in UTF-8.
    case gb18030([UInt8])
    /// Neither: `offset` is the first byte that does not start a valid UTF-8 sequence.
    case neither(offset: Int)
  }

  /// The detection rule, on bytes.
  public static func decode(_ bytes: [UInt8]) -> Decoded {
    if String(validating: bytes, as: UTF8.self) != nil { return .utf8 }
    let (utf8, error) = GB18030.decode(bytes)
    if error == nil { return .gb18030(utf8) }
    var offset = 0
    bytes.withUnsafeBufferPointer { buffer in
      while offset < buffer.count, let (_, length) = UTF8Scalar.decode(buffer, at: offset) { offset += length }
    }
    return .neither(offset: offset)
  }

  /// `file` as UTF-8: itself, a GB18030 file converted (same id and paths, so that diagnostics
  /// locate cells in the text as read), or the file unchanged with E0602 at the first byte that
  /// is neither. `what` names the table in that message (表格, 检查对象名录).
  public static func read(_ file: SourceFile, what: Text) -> (SourceFile, [Diagnostic]) {
    switch decode(file.bytes) {
    case .utf8:
      return (file, [])
    case .gb18030(let utf8):
      return (SourceFile(id: file.id, path: file.path, relativePath: file.relativePath, bytes: utf8), [])
    case .neither(let offset):
      return (file, [.directoryEncoding(what: what, offset: offset, file: file.id)])
    }
  }
}
