/// Looking for bytes eight at a time (SWAR): what the writers ask of every cell and string before
/// copying it whole, a million times for the draw's documents.
package enum ByteScan {
  @usableFromInline static let ones: UInt64 = 0x0101_0101_0101_0101
  @usableFromInline static let high: UInt64 = 0x8080_8080_8080_8080

  /// The high bit of each byte of `word` below `n` (n ≤ 0x80) may be set: whether any is set is
  /// exact (which ones are is not, past the first).
  @inlinable @inline(__always)
  package static func below(_ word: UInt64, _ n: UInt64) -> UInt64 { (word &- n &* ones) & ~word & high }

  /// The same for bytes equal to `byte`.
  @inlinable @inline(__always)
  package static func equal(_ word: UInt64, _ byte: UInt64) -> UInt64 { below(word ^ (byte &* ones), 1) }

  /// Whether `bytes` hold a byte that `byte` accepts: `word` must say, of eight bytes read as a
  /// little-endian word, whether any of them is one (exactly, as `below` and `equal` do).
  @inline(__always)
  static func contains(
    _ bytes: UnsafeBufferPointer<UInt8>, word: (UInt64) -> Bool, byte: (UInt8) -> Bool
  ) -> Bool {
    guard let base = bytes.baseAddress else { return false }
    var index = 0
    while index &+ 8 <= bytes.count {
      if word(UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))) { return true }
      index &+= 8
    }
    while index < bytes.count {
      if byte(base[index]) { return true }
      index &+= 1
    }
    return false
  }
}
