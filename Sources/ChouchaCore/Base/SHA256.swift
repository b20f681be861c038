import ChouchaIntrinsics

#if arch(x86_64)
  import _Builtin_intrinsics.intel.cpuid
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// What the CPU offers beyond the baseline the package is built for.
public enum CPU {
  /// Whether SHA-256 may use the CPU's SHA extensions when it has them. The command line sets it
  /// to false at start-up, before anything is hashed, when `CHOUCHA_NO_SHA_NI` is set (to time or
  /// test the portable rounds on this machine); set later, it changes nothing (`hasSHAExtensions`
  /// is decided once, at its first use).
  nonisolated(unsafe) public static var mayUseSHAExtensions = true

  /// SHA-NI (and SSSE3 and SSE4.1, which `ChouchaIntrinsics` also uses): CPUID leaf 7 EBX bit
  /// 29, leaf 1 ECX bits 9 and 19. Asked here, in code compiled without those instruction sets, so that the
  /// question cannot itself use them. Always false off x86-64, and when `mayUseSHAExtensions` is
  /// false at its first use.
  package static let hasSHAExtensions: Bool = {
    #if arch(x86_64)
      if !mayUseSHAExtensions { return false }
      var a: UInt32 = 0
      var b: UInt32 = 0
      var c: UInt32 = 0
      var d: UInt32 = 0
      guard __get_cpuid(0, &a, &b, &c, &d) != 0, a >= 7 else { return false }
      guard __get_cpuid(1, &a, &b, &c, &d) != 0, c & (1 << 9) != 0, c & (1 << 19) != 0 else { return false }
      guard __get_cpuid_count(7, 0, &a, &b, &c, &d) != 0 else { return false }
      return b & (1 << 29) != 0
    #else
      return false
    #endif
  }()

  /// SSSE3 and SSE4.1, which `UTF8Extensions` uses: CPUID leaf 1 ECX bits 9 and 19 (asked here
  /// for the same reason as above). Always false off x86-64.
  package static let hasSSSE3AndSSE41: Bool = {
    #if arch(x86_64)
      var a: UInt32 = 0
      var b: UInt32 = 0
      var c: UInt32 = 0
      var d: UInt32 = 0
      guard __get_cpuid(0, &a, &b, &c, &d) != 0, a >= 1 else { return false }
      guard __get_cpuid(1, &a, &b, &c, &d) != 0 else { return false }
      return c & (1 << 9) != 0 && c & (1 << 19) != 0
    #else
      return false
    #endif
  }()
}

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
  package var state: State = .initial
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
  package func finalizedState() -> State {
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

  @usableFromInline package struct State: Sendable {
    @usableFromInline package var a, b, c, d, e, f, g, h: UInt32

    @inlinable
    package init(a: UInt32, b: UInt32, c: UInt32, d: UInt32, e: UInt32, f: UInt32, g: UInt32, h: UInt32) {
      (self.a, self.b, self.c, self.d, self.e, self.f, self.g, self.h) = (a, b, c, d, e, f, g, h)
    }

    /// FIPS 180-4 §5.3.3: the first 32 bits of the fractional parts of the square roots of the
    /// first eight primes.
    package static let initial = State(
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

  /// FIPS 180-4 §6.2.2 over `blocks` consecutive 64-byte blocks at `input` (any alignment):
  /// with the CPU's SHA extensions when it has them, else the portable rounds.
  static func compress(_ state: inout State, _ input: UnsafeRawPointer, blocks: Int) {
    if CPU.hasSHAExtensions {
      withUnsafeMutableBytes(of: &state) {
        SHA256Extensions.compress($0.baseAddress!.assumingMemoryBound(to: UInt32.self), input, blocks: blocks)
      }
      return
    }
    portableCompress(&state, input, blocks: blocks)
  }

  /// The rounds in plain Swift, on any CPU.
  static func portableCompress(_ state: inout State, _ input: UnsafeRawPointer, blocks: Int) {
    var block = input
    for _ in 0..<blocks {
      @inline(__always) func word(_ t: Int) -> UInt32 {
        UInt32(bigEndian: block.loadUnaligned(fromByteOffset: t &* 4, as: UInt32.self))
      }
      rounds(
        &state, word(0), word(1), word(2), word(3), word(4), word(5), word(6), word(7), word(8), word(9), word(10),
        word(11), word(12), word(13), word(14), word(15))
      block += 64
    }
  }
}
