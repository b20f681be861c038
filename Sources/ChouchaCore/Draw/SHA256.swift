/// SHA-256 (FIPS 180-4), in pure Swift: the package takes no dependencies, and a draw must be
/// re-runnable by anyone from the published seed and the published list of ids.
///
/// `SHA256.hash` digests a whole sequence at once; `SHA256Hasher` digests a stream (a file of many
/// megabytes read in chunks) without copying it into one array.
public enum SHA256 {
  /// The 32-byte digest of `data`. Contiguous inputs (`[UInt8]`, `String.UTF8View`, slices) are
  /// hashed in place; other sequences are copied through a small buffer.
  public static func hash<D: Sequence>(_ data: D) -> [UInt8] where D.Element == UInt8 {
    var hasher = SHA256Hasher()
    hasher.update(data)
    return hasher.finalize()
  }

  /// Lowercase hexadecimal, two digits a byte, as Python's `hashlib.sha256(…).hexdigest()`.
  public static func hex(_ digest: [UInt8]) -> String {
    var text: [UInt8] = []
    text.reserveCapacity(digest.count * 2)
    for byte in digest {
      text.append(hexDigit(byte >> 4))
      text.append(hexDigit(byte & 0x0F))
    }
    return String(decoding: text, as: UTF8.self)
  }

  @inline(__always)
  static func hexDigit(_ nibble: UInt8) -> UInt8 {
    nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
  }
}

/// A running SHA-256: feed bytes with `update` in chunks of any size, then read `finalize()`.
///
/// A value type with no heap storage, so copying a hasher forks it: hash a common prefix once,
/// then copy the hasher for each message that continues it (the ticket issuer does this with the
/// seed hash, which is exactly one 64-byte block).
public struct SHA256Hasher: Sendable {
  /// The eight working words H0…H7.
  var state: State = .initial
  /// Bytes that do not yet fill a 64-byte block.
  var pending: Block = Block()
  var pendingCount: Int = 0
  /// Total bytes fed so far (the message length is encoded modulo 2^64 bits).
  var length: UInt64 = 0

  public init() {}

  /// Feeds bytes without copying them, except a tail shorter than one block.
  public mutating func update(_ bytes: UnsafeRawBufferPointer) {
    guard var base = bytes.baseAddress, bytes.count > 0 else { return }
    var remaining = bytes.count
    length &+= UInt64(remaining)

    if pendingCount > 0 {
      let taken = Swift.min(64 - pendingCount, remaining)
      let offset = pendingCount
      withUnsafeMutableBytes(of: &pending) { block in
        (block.baseAddress! + offset).copyMemory(from: base, byteCount: taken)
      }
      pendingCount += taken
      base += taken
      remaining -= taken
      if pendingCount < 64 { return }
      compressPending()
    }

    let blocks = remaining / 64
    if blocks > 0 {
      SHA256Hasher.compress(&state, base, blocks: blocks)
      base += blocks * 64
      remaining -= blocks * 64
    }

    if remaining > 0 {
      withUnsafeMutableBytes(of: &pending) { block in
        block.baseAddress!.copyMemory(from: base, byteCount: remaining)
      }
      pendingCount = remaining
    }
  }

  /// Feeds bytes from any sequence; contiguous ones are read in place.
  public mutating func update<D: Sequence>(_ data: D) where D.Element == UInt8 {
    let done: Void? = data.withContiguousStorageIfAvailable { buffer in
      update(UnsafeRawBufferPointer(buffer))
    }
    if done != nil { return }
    var chunk: [UInt8] = []
    chunk.reserveCapacity(4096)
    for byte in data {
      chunk.append(byte)
      if chunk.count == 4096 {
        chunk.withUnsafeBytes { update($0) }
        chunk.removeAll(keepingCapacity: true)
      }
    }
    chunk.withUnsafeBytes { update($0) }
  }

  /// The digest of every byte fed so far. The hasher itself is left as it was, so more bytes may
  /// follow and a later `finalize()` digests the longer message.
  public func finalize() -> [UInt8] {
    let state = finalizedState()
    var digest = [UInt8](repeating: 0, count: 32)
    digest.withUnsafeMutableBytes { out in
      out.storeBytes(of: state.a.bigEndian, toByteOffset: 0, as: UInt32.self)
      out.storeBytes(of: state.b.bigEndian, toByteOffset: 4, as: UInt32.self)
      out.storeBytes(of: state.c.bigEndian, toByteOffset: 8, as: UInt32.self)
      out.storeBytes(of: state.d.bigEndian, toByteOffset: 12, as: UInt32.self)
      out.storeBytes(of: state.e.bigEndian, toByteOffset: 16, as: UInt32.self)
      out.storeBytes(of: state.f.bigEndian, toByteOffset: 20, as: UInt32.self)
      out.storeBytes(of: state.g.bigEndian, toByteOffset: 24, as: UInt32.self)
      out.storeBytes(of: state.h.bigEndian, toByteOffset: 28, as: UInt32.self)
    }
    return digest
  }

  /// The digest as eight 32-bit words, most significant first, without allocating.
  func finalizedState() -> State {
    var state = self.state
    var block = pending
    let count = pendingCount
    let bitLength = length &* 8
    withUnsafeMutableBytes(of: &block) { bytes in
      bytes[count] = 0x80
      if count + 1 > 56 {
        for index in (count + 1)..<64 { bytes[index] = 0 }
        SHA256Hasher.compress(&state, UnsafeRawPointer(bytes.baseAddress!), blocks: 1)
        for index in 0..<56 { bytes[index] = 0 }
      } else {
        for index in (count + 1)..<56 { bytes[index] = 0 }
      }
      bytes.storeBytes(of: bitLength.bigEndian, toByteOffset: 56, as: UInt64.self)
      SHA256Hasher.compress(&state, UnsafeRawPointer(bytes.baseAddress!), blocks: 1)
    }
    return state
  }

  // MARK: - Internals

  struct State: Sendable {
    var a, b, c, d, e, f, g, h: UInt32

    /// FIPS 180-4 §5.3.3: the first 32 bits of the fractional parts of the square roots of the
    /// first eight primes.
    static let initial = State(
      a: 0x6a09_e667, b: 0xbb67_ae85, c: 0x3c6e_f372, d: 0xa54f_f53a,
      e: 0x510e_527f, f: 0x9b05_688c, g: 0x1f83_d9ab, h: 0x5be0_cd19)
  }

  /// 64 bytes inline, so a hasher needs no heap allocation.
  struct Block: Sendable {
    var words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
  }

  private mutating func compressPending() {
    withUnsafeBytes(of: &pending) { block in
      SHA256Hasher.compress(&state, block.baseAddress!, blocks: 1)
    }
    pendingCount = 0
  }

  @inline(__always)
  private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 {
    (x &>> n) | (x &<< (32 &- n))
  }

  /// FIPS 180-4 §6.2.2 over `blocks` consecutive 64-byte blocks at `input` (any alignment).
  private static func compress(_ state: inout State, _ input: UnsafeRawPointer, blocks: Int) {
    roundConstants.withUnsafeBufferPointer { k in
      withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
        var (h0, h1, h2, h3) = (state.a, state.b, state.c, state.d)
        var (h4, h5, h6, h7) = (state.e, state.f, state.g, state.h)
        var block = input
        for _ in 0..<blocks {
          for t in 0..<16 {
            w[t] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: t &* 4, as: UInt32.self))
          }
          for t in 16..<64 {
            let x = w[t &- 15]
            let y = w[t &- 2]
            let s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x &>> 3)
            let s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y &>> 10)
            w[t] = w[t &- 16] &+ s0 &+ w[t &- 7] &+ s1
          }
          var (a, b, c, d, e, f, g, h) = (h0, h1, h2, h3, h4, h5, h6, h7)
          for t in 0..<64 {
            let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
            let choice = (e & f) ^ (~e & g)
            let t1 = h &+ s1 &+ choice &+ k[t] &+ w[t]
            let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
            let majority = (a & b) ^ (a & c) ^ (b & c)
            let t2 = s0 &+ majority
            h = g
            g = f
            f = e
            e = d &+ t1
            d = c
            c = b
            b = a
            a = t1 &+ t2
          }
          h0 &+= a
          h1 &+= b
          h2 &+= c
          h3 &+= d
          h4 &+= e
          h5 &+= f
          h6 &+= g
          h7 &+= h
          block += 64
        }
        state = State(a: h0, b: h1, c: h2, d: h3, e: h4, f: h5, g: h6, h: h7)
      }
    }
  }

  /// FIPS 180-4 §4.2.2: the first 32 bits of the fractional parts of the cube roots of the first
  /// sixty-four primes.
  private static let roundConstants: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
    0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
    0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
    0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
    0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
    0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
    0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
  ]
}
