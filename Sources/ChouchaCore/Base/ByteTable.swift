/// FNV-1a (64-bit) over bytes: the one byte hash of the package (the tables below, `ByteKey`).
/// Not for anything an adversary chooses to collide (nothing here depends on it for more than
/// speed: every table compares the bytes too).
package enum FNV1a {
  @usableFromInline static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
  @usableFromInline static let prime: UInt64 = 0x100_0000_01b3

  @inlinable @inline(__always)
  package static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    var hash = offset
    for byte in bytes { hash = (hash ^ UInt64(byte)) &* prime }
    return hash
  }

  /// The hash of a string's UTF-8 bytes.
  @inlinable
  package static func hash(_ string: String) -> UInt64 {
    var string = string
    return string.withUTF8 { hash(UnsafeRawBufferPointer($0)) }
  }
}

/// Byte strings to small integers, 0, 1, 2, … in the order they are first added: open addressing
/// with linear probing over plain arrays, the bytes kept back to back, compared as bytes (no
/// `String`, no Unicode normalisation, no SipHash). The one such table of the package: words of
/// the rule language (`Vocabulary`), codes (`CodeIndex`), a directory's column values (the draw).
///
/// `@inlinable`: the draw looks values up from its pass over millions of rows, in another module.
package struct ByteTable: Sendable {
  /// Per slot, an id or -1; a power of two, at most half full.
  @usableFromInline var slots: [Int32]
  @usableFromInline var hashes: [UInt64] = []
  /// The bytes of every id, back to back; id `i`'s are `arena[ranges[i]]`.
  @usableFromInline var arena: [UInt8] = []
  @usableFromInline var ranges: [Range<Int>] = []

  /// Room for about `capacity` ids before the table grows.
  @inlinable
  package init(capacity: Int = 8) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    slots = Array(repeating: -1, count: size)
  }

  @inlinable package var count: Int { ranges.count }

  /// The bytes of `id`.
  @inlinable
  package func bytes(_ id: Int) -> ArraySlice<UInt8> { arena[ranges[id]] }

  /// The hash slots are found by: FNV-1a, its high bits folded into the low ones.
  @inlinable @inline(__always)
  static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    let hash = FNV1a.hash(bytes)
    return hash ^ (hash >> 29)
  }

  /// The id of `bytes`, if they were added.
  @inlinable
  package func id(of bytes: UnsafeRawBufferPointer) -> Int? {
    let hash = ByteTable.hash(bytes)
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let id = Int(slots[slot])
      if id < 0 { return nil }
      if hashes[id] == hash, same(id, bytes) { return id }
      slot = (slot + 1) & mask
    }
  }

  /// The id of `bytes`, added if they were not there, and whether they were.
  @inlinable
  package mutating func intern(_ bytes: UnsafeRawBufferPointer) -> (id: Int, isNew: Bool) {
    let hash = ByteTable.hash(bytes)
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let id = Int(slots[slot])
      if id < 0 { break }
      if hashes[id] == hash, same(id, bytes) { return (id, false) }
      slot = (slot + 1) & mask
    }
    let id = ranges.count
    let start = arena.count
    arena.append(contentsOf: bytes)
    ranges.append(start..<arena.count)
    hashes.append(hash)
    slots[slot] = Int32(id)
    if ranges.count * 2 > slots.count { grow() }
    return (id, true)
  }

  /// Forgets every id.
  @inlinable
  package mutating func removeAll() { self = ByteTable() }

  @inlinable @inline(__always)
  func same(_ id: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
    let range = ranges[id]
    guard range.count == bytes.count else { return false }
    return arena.withUnsafeBytes { arena in
      var index = 0
      while index < range.count {
        if arena[range.lowerBound &+ index] != bytes[index] { return false }
        index &+= 1
      }
      return true
    }
  }

  @usableFromInline
  mutating func grow() {
    slots = Array(repeating: -1, count: slots.count * 2)
    let mask = slots.count - 1
    for id in ranges.indices {
      var slot = Int(truncatingIfNeeded: hashes[id]) & mask
      while slots[slot] >= 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(id)
    }
  }
}
