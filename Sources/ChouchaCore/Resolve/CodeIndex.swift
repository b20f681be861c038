/// A table from codes to positions that compares codes by their UTF-8 bytes.
///
/// `String`'s own hashing normalises to NFC first, which is slow for Chinese codes (食品安全法)
/// and, for codes, wrong: two codes are the same only if they are written the same.
public struct CodeIndex: Sendable {
  // The codes in a `ByteTable` (their ids in the order first set), the values by id.
  private var table = ByteTable()
  private var values: [Int] = []

  public init() {}

  public var count: Int { table.count }

  public subscript(code: String) -> Int? {
    get {
      var code = code
      return code.withUTF8 { table.id(of: UnsafeRawBufferPointer($0)) }.map { values[$0] }
    }
    set {
      guard let newValue else { preconditionFailure("CodeIndex does not remove") }
      var code = code
      let (id, isNew) = code.withUTF8 { table.intern(UnsafeRawBufferPointer($0)) }
      if isNew { values.append(newValue) } else { values[id] = newValue }
    }
  }
}

/// A string hashed and compared as bytes. The hash is computed once, and compared before the
/// bytes: a dictionary probe compares keys many times.
struct ByteKey: Hashable, Sendable {
  let string: String
  let hash: Int

  init(_ string: String) {
    self.string = string
    var copy = string
    hash = Int(truncatingIfNeeded: copy.withUTF8 { FNV1a.hash(UnsafeRawBufferPointer($0)) })
  }

  func hash(into hasher: inout Hasher) { hasher.combine(hash) }

  static func == (lhs: ByteKey, rhs: ByteKey) -> Bool {
    guard lhs.hash == rhs.hash else { return false }
    var (left, right) = (lhs.string, rhs.string)
    return left.withUTF8 { a in right.withUTF8 { b in bytesEqual(UnsafeRawBufferPointer(a), UnsafeRawBufferPointer(b)) } }
  }
}
