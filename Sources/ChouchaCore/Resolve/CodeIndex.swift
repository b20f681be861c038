/// A table from codes to positions that compares codes by their UTF-8 bytes.
///
/// `String`'s own hashing normalises to NFC first, which is slow for Chinese codes (食品安全法)
/// and, for codes, wrong: two codes are the same only if they are written the same.
public struct CodeIndex: Sendable {
  private var table: [Key: Int] = [:]

  public init() {}

  public subscript(code: String) -> Int? {
    get { table[Key(code)] }
    set { table[Key(code)] = newValue }
  }

  public var count: Int { table.count }

  /// A string hashed and compared as bytes. The hash is computed once, and compared before the
  /// bytes: a dictionary probe compares keys many times.
  struct Key: Hashable, Sendable {
    let string: String
    let hash: Int

    init(_ string: String) {
      self.string = string
      var copy = string
      hash = copy.withUTF8 { bytes in
        var hash: UInt64 = 14_695_981_039_346_656_037
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211 }
        return Int(truncatingIfNeeded: hash)
      }
    }

    func hash(into hasher: inout Hasher) { hasher.combine(hash) }

    static func == (lhs: Key, rhs: Key) -> Bool {
      guard lhs.hash == rhs.hash else { return false }
      var (left, right) = (lhs.string, rhs.string)
      return left.withUTF8 { a in right.withUTF8 { b in bytesEqual(UnsafeRawBufferPointer(a), UnsafeRawBufferPointer(b)) } }
    }
  }
}
