/// A table from codes to positions that compares codes by their UTF-8 bytes.
///
/// `String`'s own hashing normalises to NFC first, which is slow for Chinese codes (食品安全法)
/// and, for codes, wrong: two codes are the same only if they are written the same.
public struct CodeIndex: Sendable {
  // Open addressing with linear probing over parallel arrays; no SipHash, no String hashing.
  private var slots: [Int32] = []  // index into entries, or -1
  private var hashes: [UInt64] = []
  private var keys: [String] = []
  private var values: [Int] = []

  public init() {}

  public var count: Int { keys.count }

  public subscript(code: String) -> Int? {
    get {
      guard !slots.isEmpty else { return nil }
      var code = code
      return code.withUTF8 { bytes in
        let hash = CodeIndex.hash(bytes)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
          let entry = Int(slots[slot])
          if entry < 0 { return nil }
          if hashes[entry] == hash, CodeIndex.equal(keys[entry], bytes) { return values[entry] }
          slot = (slot + 1) & mask
        }
      }
    }
    set {
      guard let newValue else { preconditionFailure("CodeIndex does not remove") }
      if keys.count * 2 >= slots.count { grow() }
      var code = code
      let hash = code.withUTF8 { CodeIndex.hash($0) }
      let mask = slots.count - 1
      var slot = Int(truncatingIfNeeded: hash) & mask
      while true {
        let entry = Int(slots[slot])
        if entry < 0 { break }
        if hashes[entry] == hash, code.withUTF8({ CodeIndex.equal(keys[entry], $0) }) {
          values[entry] = newValue
          return
        }
        slot = (slot + 1) & mask
      }
      slots[slot] = Int32(keys.count)
      hashes.append(hash)
      keys.append(code)
      values.append(newValue)
    }
  }

  private mutating func grow() {
    let size = max(16, slots.count * 2)
    slots = [Int32](repeating: -1, count: size)
    let mask = size - 1
    for (entry, hash) in hashes.enumerated() {
      var slot = Int(truncatingIfNeeded: hash) & mask
      while slots[slot] >= 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(entry)
    }
  }

  /// FNV-1a over the UTF-8 bytes.
  @inline(__always)
  static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var hash: UInt64 = 14_695_981_039_346_656_037
    for byte in bytes { hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211 }
    return hash
  }

  @inline(__always)
  static func equal(_ key: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var key = key
    return key.withUTF8 { bytesEqual(UnsafeRawBufferPointer($0), UnsafeRawBufferPointer(bytes)) }
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
    hash = copy.withUTF8 { bytes in
      var hash: UInt64 = 14_695_981_039_346_656_037
      for byte in bytes { hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211 }
      return Int(truncatingIfNeeded: hash)
    }
  }

  func hash(into hasher: inout Hasher) { hasher.combine(hash) }

  static func == (lhs: ByteKey, rhs: ByteKey) -> Bool {
    guard lhs.hash == rhs.hash else { return false }
    var (left, right) = (lhs.string, rhs.string)
    return left.withUTF8 { a in right.withUTF8 { b in bytesEqual(UnsafeRawBufferPointer(a), UnsafeRawBufferPointer(b)) } }
  }
}
