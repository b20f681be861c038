import ChouchaIntrinsics

/// Whether `bytes` are valid UTF-8 (as `String(validating:)` says): sixteen bytes at a time with
/// SSSE3 and SSE4.1 when the CPU has them (`UTF8Extensions`: on the 10 M-row directory about 3.2
/// GB/s against 1.5), otherwise `isValidUTF8Portable`.
func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
  guard let base = bytes.baseAddress else { return true }
  if CPU.hasSSSE3AndSSE41 { return UTF8Extensions.isValid(base, count: bytes.count) }
  return isValidUTF8Portable(bytes)
}

/// Whether `bytes` are valid UTF-8 (as `String(validating:)` says), eight bytes at a time, in
/// portable Swift.
///
/// A directory is mostly ASCII and three-byte CJK, so each word of eight bytes is classified at
/// once (SWAR): which bytes are continuations (`10xxxxxx`) and which lead three-byte sequences
/// (`1110xxxx`). Text of only these is valid exactly when the continuations are where the leads
/// say (the next two bytes, across words too). A word with anything else (two- and four-byte
/// sequences, the leads E0 and ED, whose second byte is constrained, invalid bytes) is checked
/// scalar by scalar from the start of its first sequence.
package func isValidUTF8Portable(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
  guard let base = bytes.baseAddress else { return true }
  let count = bytes.count
  let high = ByteScan.high
  let ones = ByteScan.ones
  /// The bytes of `x` that may be zero (exact for zero bytes; a byte above a zero one may be
  /// flagged too, which only sends the word to the scalar check).
  @inline(__always) func zeroBytes(_ x: UInt64) -> UInt64 { ByteScan.below(x, 1) }
  var index = 0
  /// Continuations owed to a three-byte sequence begun in the previous word (bits 7 and 15).
  var owed: UInt64 = 0
  while index + 8 <= count {
    let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
    let top = word & high
    if top == 0 && owed == 0 {
      index += 8
      continue
    }
    let continuation = top & ~(word << 1)
    let lead3 = top & (word << 1) & (word << 2) & ~(word << 3)
    let nibbles = word & (0x0F * ones)
    let constrained = (zeroBytes(nibbles) | zeroBytes(nibbles ^ (0x0D * ones))) & lead3
    if top & ~continuation & ~lead3 == 0 && constrained == 0 {
      guard continuation == (lead3 << 8) | (lead3 << 16) | owed else { return false }
      owed = ((lead3 >> 56) | (lead3 >> 48)) & 0x8080
      index += 8
      continue
    }
    // Scalar by scalar, from the sequence the word begins inside of, past the word's end.
    var position = index - (owed == 0 ? 0 : owed == 0x8080 ? 1 : 2)
    guard let next = validScalars(base, from: &position, to: index + 8, count: count) else { return false }
    index = next
    owed = 0
  }
  var position = index - (owed == 0 ? 0 : owed == 0x8080 ? 1 : 2)
  return validScalars(base, from: &position, to: count, count: count) != nil
}

/// Checks whole scalars from `position` until one ends at or after `end`; that position, or nil
/// at an invalid sequence.
private func validScalars(_ base: UnsafePointer<UInt8>, from position: inout Int, to end: Int, count: Int) -> Int? {
  while position < end {
    let lead = base[position]
    if lead < 0x80 {
      position += 1
      continue
    }
    // Three bytes with no constraint on the second beyond 80...BF (most of CJK).
    if (lead >= 0xE1 && lead <= 0xEC) || lead == 0xEE || lead == 0xEF {
      guard position + 2 < count, base[position + 1] & 0xC0 == 0x80, base[position + 2] & 0xC0 == 0x80 else { return nil }
      position += 3
      continue
    }
    guard let length = validScalarLength(base, at: position, count: count) else { return nil }
    position += length
  }
  return position
}

/// The length of the RFC 3629 UTF-8 sequence at `position` (no overlong forms, no surrogates,
/// nothing past U+10FFFF), or nil when it is not one.
@inline(__always)
private func validScalarLength(_ base: UnsafePointer<UInt8>, at position: Int, count: Int) -> Int? {
  let lead = base[position]
  if lead < 0x80 { return 1 }
  let length: Int
  var low: UInt8 = 0x80, high: UInt8 = 0xBF  // the range of the second byte
  switch lead {
  case 0xC2...0xDF: length = 2
  case 0xE0: length = 3; low = 0xA0
  case 0xE1...0xEC, 0xEE...0xEF: length = 3
  case 0xED: length = 3; high = 0x9F
  case 0xF0: length = 4; low = 0x90
  case 0xF1...0xF3: length = 4
  case 0xF4: length = 4; high = 0x8F
  default: return nil
  }
  guard position + length <= count, (low...high).contains(base[position + 1]) else { return nil }
  for offset in 2..<length where base[position + offset] & 0xC0 != 0x80 { return nil }
  return length
}
