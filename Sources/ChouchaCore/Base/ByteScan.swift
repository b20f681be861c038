/// Looking for bytes eight at a time (SWAR): what the writers ask of every cell and string before
/// copying it whole, a million times for the draw's documents. Public only so that ChouchaDraw
/// inlines it (see `below`).
public enum ByteScan {
  @usableFromInline static let ones: UInt64 = 0x0101_0101_0101_0101
  @usableFromInline static let high: UInt64 = 0x8080_8080_8080_8080

  /// The high bit of each byte of `word` below `n` (n ≤ 0x80) may be set: whether any is set is
  /// exact (which ones are is not, past the first).
  /// (Public, in a public type, with its constants written out: ChouchaDraw's pass calls it once
  /// a word, and as a `package` member of a `package` enum it stayed a call there, even marked
  /// `@inlinable`, `@_alwaysEmitIntoClient` or `@_transparent`: 1.4 % of the draw's instructions
  /// under callgrind. Seen with `objdump -d` on the release binary.)
  @inlinable @inline(__always)
  public static func below(_ word: UInt64, _ n: UInt64) -> UInt64 {
    (word &- n &* 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
  }

  /// The same for bytes equal to `byte`.
  @inlinable @inline(__always)
  public static func equal(_ word: UInt64, _ byte: UInt64) -> UInt64 {
    below(word ^ (byte &* 0x0101_0101_0101_0101), 1)
  }

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
