// UTF-8 validation sixteen bytes at a time with SSSE3 (`pshufb`) and SSE4.1 (`ptest`), through
// the toolchain's clang intrinsics module, like `SHA256Extensions`.
//
// Nothing here may run before `CPU.hasSSSE3AndSSE41` (in ChouchaCore) has said yes; otherwise
// ChouchaCore keeps its portable word-at-a-time check. The entry point is `@inline(never)` so that
// none of these instructions is inlined into code compiled without them.
//
// The method is Keiser and Lemire's "lookup" algorithm ("Validating UTF-8 In Less Than One
// Instruction Per Byte", Software: Practice and Experience, 2021; simdjson's and simdutf's
// validators). Almost every error of RFC 3629 shows in a pair of adjacent bytes: three table
// lookups, indexed by the high nibble of the earlier byte, its low nibble and the high nibble of
// the later one, each give a byte of error bits that the pair may have; the pair has an error
// exactly when a bit survives in all three. What a pair cannot show (a three- or four-byte lead
// followed by too few continuations, or a continuation too many at the third or fourth byte) is
// checked by asking, for each byte, whether the byte two or three before it is such a lead: then it
// must be a continuation, and otherwise it must not be one that the pair tables allowed.
//
// Each vector's predecessors (the bytes one, two and three before it) are read from memory with
// unaligned loads rather than assembled from the previous vector with `palignr` (whose intrinsic
// is a C macro that Swift does not import): the loads go to load ports that the lookups leave
// idle, where `palignr` would compete with `pshufb` for the shuffle ports.
//
// AVX2 (32 bytes a vector, the same code) measured about 1.4 times faster on the 10 M-row
// directory, where memory bandwidth is close; left out because knowing that the OS saves the YMM
// registers takes XGETBV, which the intrinsics also expose only as a macro.

#if arch(x86_64)
  import _Builtin_intrinsics.intel
#endif

public enum UTF8Extensions {
  /// Whether the `count` bytes at `base` are valid UTF-8 (RFC 3629, as Swift's
  /// `String(validating:as:)` decides): no overlong forms, no surrogates, nothing past U+10FFFF, no
  /// sequence cut short, at the end either. Only when the CPU has SSSE3 and SSE4.1.
  @inline(never)
  public static func isValid(_ base: UnsafePointer<UInt8>, count: Int) -> Bool {
    #if arch(x86_64)
      let checker = Checker.shared
      var error = _mm_setzero_si128()
      var offset = 0
      // The first block through a copy with ASCII before it, so that the look-behind stays inside
      // memory we may read; then blocks in place; then the rest through a copy.
      if count >= Checker.blockSize {
        error = checker.copied(lookBehind: nil, base, count: Checker.blockSize)
        offset = Checker.blockSize
      }
      while offset + Checker.blockSize <= count {
        if _mm_testz_si128(error, error) == 0 { return false }
        checker.block(UnsafeRawPointer(base + offset), &error)
        offset += Checker.blockSize
      }
      // Always run, even on no bytes: the zeros after the last byte are ASCII, so a sequence cut
      // short at the end is an error there like anywhere else.
      let lookBehind = offset == 0 ? nil : UnsafeRawPointer(base + offset - 3)
      error = _mm_or_si128(error, checker.copied(lookBehind: lookBehind, base + offset, count: count - offset))
      return _mm_testz_si128(error, error) != 0
    #else
      fatalError("UTF8Extensions used on a CPU without SSSE3 and SSE4.1")
    #endif
  }

  /// Whether the `count` bytes at `base` are valid UTF-8 (as `isValid`) and hold none of the
  /// characters a directory's cell may not hold (ChouchaCore's `Directories.isRefused`): C0
  /// controls other than tab, LF and CR, DEL, C1 controls (C2 80…9F), U+061C (D8 9C), U+200E,
  /// U+200F and U+2028…U+202E (E2 80 8E, 8F, A8…AE), U+2066…U+2069 (E2 81 A6…A9).
  ///
  /// The same blocks as `isValid`, with two more lookups a vector (by the high and the low nibble,
  /// as the pairs are found) that flag the bytes that are such a control or lead such a sequence
  /// (C2, D8, E2): a block with a flagged byte, rare, is looked at byte by byte there.
  @inline(never)
  public static func isValidAndPlain(_ base: UnsafePointer<UInt8>, count: Int) -> Bool {
    #if arch(x86_64)
      let checker = Checker.shared
      let end = base + count
      var error = _mm_setzero_si128()
      var offset = 0
      if count >= Checker.blockSize {
        error = checker.copied(lookBehind: nil, base, count: Checker.blockSize)
        if checker.refused(in: base, count: Checker.blockSize, end: end) { return false }
        offset = Checker.blockSize
      }
      while offset + Checker.blockSize <= count {
        if _mm_testz_si128(error, error) == 0 { return false }
        let block = base + offset
        if checker.plainBlock(UnsafeRawPointer(block), &error) == false,
          checker.refused(in: block, count: Checker.blockSize, end: end)
        {
          return false
        }
        offset += Checker.blockSize
      }
      let lookBehind = offset == 0 ? nil : UnsafeRawPointer(base + offset - 3)
      error = _mm_or_si128(error, checker.copied(lookBehind: lookBehind, base + offset, count: count - offset))
      if checker.refused(in: base + offset, count: count - offset, end: end) { return false }
      return _mm_testz_si128(error, error) != 0
    #else
      fatalError("UTF8Extensions used on a CPU without SSSE3 and SSE4.1")
    #endif
  }

  /// Whether a refused character (see `isValidAndPlain`) begins at `at`: its bytes are read up to
  /// `end` only. Exact for valid UTF-8. (ChouchaCore's portable check has its own copy,
  /// `refusedCharacter(at:end:)`: nothing of this module runs on a CPU without SSSE3.)
  @inline(__always)
  static func refusedCharacter(at start: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>) -> Bool {
    let byte = start[0]
    if byte < 0x20 { return byte != 0x09 && byte != 0x0A && byte != 0x0D }
    if byte == 0x7F { return true }
    guard byte == 0xC2 || byte == 0xD8 || byte == 0xE2, end - start >= 2 else { return false }
    let second = start[1]
    switch byte {
    case 0xC2: return second >= 0x80 && second <= 0x9F
    case 0xD8: return second == 0x9C
    default:
      guard end - start >= 3 else { return false }
      let third = start[2]
      if second == 0x80 { return third == 0x8E || third == 0x8F || (third >= 0xA8 && third <= 0xAE) }
      if second == 0x81 { return third >= 0xA6 && third <= 0xA9 }
      return false
    }
  }
}

#if arch(x86_64)
  /// The three lookup tables and the constants, in registers for the length of one call.
  private struct Checker {
    static let blockSize = 64
    /// Built once: the tables are the same for every call.
    static let shared = Checker()

    // The error bits. Each is set in a table entry when a pair of bytes matching that entry can
    // have the error; the bits of a pair's three entries are ANDed.
    /// A lead (or ASCII) followed by a lead or by ASCII where a continuation was due.
    static let tooShort: UInt8 = 1 << 0
    /// ASCII followed by a continuation.
    static let tooLong: UInt8 = 1 << 1
    /// E0 followed by 80…9F.
    static let overlong3: UInt8 = 1 << 2
    /// F4 followed by 90…BF, or F5…FF followed by 90…BF.
    static let tooLarge: UInt8 = 1 << 3
    /// ED followed by A0…BF (U+D800…U+DFFF).
    static let surrogate: UInt8 = 1 << 4
    /// C0 or C1 followed by a continuation.
    static let overlong2: UInt8 = 1 << 5
    /// F5…FF followed by 80…8F (`tooLarge` covers 90…BF); shares its bit with `overlong4`, since
    /// the two differ in the lead's low nibble (F0 against F5…FF) and so never meet.
    static let tooLarge1000: UInt8 = 1 << 6
    /// F0 followed by 80…8F.
    static let overlong4: UInt8 = 1 << 6
    /// A continuation followed by a continuation: an error unless a three- or four-byte lead two or
    /// three bytes back owes it (that is the second check, which flips this bit).
    static let twoContinuations: UInt8 = 1 << 7
    /// The bits that depend on the first byte's high nibble only.
    static let carry: UInt8 = tooShort | tooLong | twoContinuations

    /// Indexed by the high nibble of the first byte of a pair.
    let firstHigh: __m128i
    /// Indexed by the low nibble of the first byte.
    let firstLow: __m128i
    /// Indexed by the high nibble of the second byte.
    let secondHigh: __m128i
    let lowNibble = _mm_set1_epi8(0x0F)
    let highBit = _mm_set1_epi8(-0x80)
    /// Subtracted with saturation, these leave the top bit set in E0…FF (E0 - 80) and in F0…FF
    /// (F0 - 80) only.
    let thirdByteLead = _mm_set1_epi8(0x60)
    let fourthByteLead = _mm_set1_epi8(0x70)

    init() {
      let s = Self.self
      firstHigh = Self.vector(
        // 0_______: ASCII
        s.tooLong, s.tooLong, s.tooLong, s.tooLong, s.tooLong, s.tooLong, s.tooLong, s.tooLong,
        // 10______: a continuation
        s.twoContinuations, s.twoContinuations, s.twoContinuations, s.twoContinuations,
        // 1100____, 1101____: two-byte leads
        s.tooShort | s.overlong2, s.tooShort,
        // 1110____: three-byte leads
        s.tooShort | s.overlong3 | s.surrogate,
        // 1111____: four-byte leads, and F8…FF
        s.tooShort | s.tooLarge | s.tooLarge1000 | s.overlong4)
      firstLow = Self.vector(
        // ____0000
        s.carry | s.overlong3 | s.overlong2 | s.overlong4,
        // ____0001
        s.carry | s.overlong2,
        // ____0010, ____0011
        s.carry, s.carry,
        // ____0100
        s.carry | s.tooLarge,
        // ____0101 … ____1100
        s.carry | s.tooLarge | s.tooLarge1000, s.carry | s.tooLarge | s.tooLarge1000,
        s.carry | s.tooLarge | s.tooLarge1000, s.carry | s.tooLarge | s.tooLarge1000,
        s.carry | s.tooLarge | s.tooLarge1000, s.carry | s.tooLarge | s.tooLarge1000,
        s.carry | s.tooLarge | s.tooLarge1000, s.carry | s.tooLarge | s.tooLarge1000,
        // ____1101
        s.carry | s.tooLarge | s.tooLarge1000 | s.surrogate,
        // ____1110, ____1111
        s.carry | s.tooLarge | s.tooLarge1000, s.carry | s.tooLarge | s.tooLarge1000)
      secondHigh = Self.vector(
        // ________ 0_______: ASCII
        s.tooShort, s.tooShort, s.tooShort, s.tooShort, s.tooShort, s.tooShort, s.tooShort, s.tooShort,
        // ________ 1000____
        s.tooLong | s.overlong2 | s.twoContinuations | s.overlong3 | s.tooLarge1000 | s.overlong4,
        // ________ 1001____
        s.tooLong | s.overlong2 | s.twoContinuations | s.overlong3 | s.tooLarge,
        // ________ 101_____
        s.tooLong | s.overlong2 | s.twoContinuations | s.surrogate | s.tooLarge,
        s.tooLong | s.overlong2 | s.twoContinuations | s.surrogate | s.tooLarge,
        // ________ 11______: a lead
        s.tooShort, s.tooShort, s.tooShort, s.tooShort)
    }

    /// The bytes `isValidAndPlain` looks at, by two lookups whose bits are ANDed: bit 0 a C0
    /// control other than tab, LF and CR (high nibble 0), bit 1 the rest of C0 (high nibble 1),
    /// bit 2 DEL, bits 3, 4 and 5 the leads C2, D8 and E2. Indexed by the high nibble.
    let suspectHigh = Checker.vector(1, 2, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 8, 16, 32, 0)
    /// Indexed by the low nibble.
    let suspectLow = Checker.vector(3, 3, 3 | 8 | 32, 3, 3, 3, 3, 3, 3 | 16, 2, 2, 3, 3, 2, 3, 3 | 4)

    static func vector(_ bytes: UInt8...) -> __m128i {
      precondition(bytes.count == 16)
      var table = SIMD16<UInt8>()
      for (index, byte) in bytes.enumerated() { table[index] = byte }
      return unsafeBitCast(table, to: __m128i.self)
    }

    /// ORs into `error` a nonzero byte for each error among the 64 bytes at `block`, reading the
    /// three bytes before it too (a sequence begun there ends here). An all-ASCII block, with ASCII
    /// before it, is skipped after one test: most of a directory's bytes are.
    @inline(__always)
    func block(_ block: UnsafeRawPointer, _ error: inout __m128i) {
      let bytes0 = block.loadUnaligned(as: __m128i.self)
      let bytes1 = block.loadUnaligned(fromByteOffset: 16, as: __m128i.self)
      let bytes2 = block.loadUnaligned(fromByteOffset: 32, as: __m128i.self)
      let bytes3 = block.loadUnaligned(fromByteOffset: 48, as: __m128i.self)
      let before = block.loadUnaligned(fromByteOffset: -3, as: __m128i.self)
      let any = _mm_or_si128(_mm_or_si128(bytes0, bytes1), _mm_or_si128(_mm_or_si128(bytes2, bytes3), before))
      if _mm_movemask_epi8(any) == 0 { return }
      error = _mm_or_si128(error, vectorErrors(bytes0, block))
      error = _mm_or_si128(error, vectorErrors(bytes1, block + 16))
      error = _mm_or_si128(error, vectorErrors(bytes2, block + 32))
      error = _mm_or_si128(error, vectorErrors(bytes3, block + 48))
    }

    /// A nonzero byte for each byte of `input` that `isValidAndPlain` must look at.
    @inline(__always)
    func suspects(_ input: __m128i) -> __m128i {
      let high = _mm_and_si128(_mm_srli_epi16(input, 4), lowNibble)
      let low = _mm_and_si128(input, lowNibble)
      return _mm_and_si128(_mm_shuffle_epi8(suspectHigh, high), _mm_shuffle_epi8(suspectLow, low))
    }

    /// `block`, and whether the block has no byte to look at (false: look at it byte by byte).
    @inline(__always)
    func plainBlock(_ block: UnsafeRawPointer, _ error: inout __m128i) -> Bool {
      let bytes0 = block.loadUnaligned(as: __m128i.self)
      let bytes1 = block.loadUnaligned(fromByteOffset: 16, as: __m128i.self)
      let bytes2 = block.loadUnaligned(fromByteOffset: 32, as: __m128i.self)
      let bytes3 = block.loadUnaligned(fromByteOffset: 48, as: __m128i.self)
      let flagged = _mm_or_si128(
        _mm_or_si128(suspects(bytes0), suspects(bytes1)), _mm_or_si128(suspects(bytes2), suspects(bytes3)))
      let before = block.loadUnaligned(fromByteOffset: -3, as: __m128i.self)
      let any = _mm_or_si128(_mm_or_si128(bytes0, bytes1), _mm_or_si128(_mm_or_si128(bytes2, bytes3), before))
      if _mm_movemask_epi8(any) != 0 {
        error = _mm_or_si128(error, vectorErrors(bytes0, block))
        error = _mm_or_si128(error, vectorErrors(bytes1, block + 16))
        error = _mm_or_si128(error, vectorErrors(bytes2, block + 32))
        error = _mm_or_si128(error, vectorErrors(bytes3, block + 48))
      }
      return _mm_testz_si128(flagged, flagged) != 0
    }

    /// Whether a refused character begins among the `count` bytes at `bytes` (read up to `end`).
    func refused(in bytes: UnsafePointer<UInt8>, count: Int, end: UnsafePointer<UInt8>) -> Bool {
      for index in 0..<count where UTF8Extensions.refusedCharacter(at: bytes + index, end: end) { return true }
      return false
    }

    /// A nonzero byte for each error at the 16 bytes `input`, loaded from `at`.
    @inline(__always)
    func vectorErrors(_ input: __m128i, _ at: UnsafeRawPointer) -> __m128i {
      let previous1 = at.loadUnaligned(fromByteOffset: -1, as: __m128i.self)
      let previous2 = at.loadUnaligned(fromByteOffset: -2, as: __m128i.self)
      let previous3 = at.loadUnaligned(fromByteOffset: -3, as: __m128i.self)
      // `psrlw` shifts 16-bit lanes; the mask drops the bits shifted in from the neighbour byte.
      let high1 = _mm_and_si128(_mm_srli_epi16(previous1, 4), lowNibble)
      let low1 = _mm_and_si128(previous1, lowNibble)
      let high2 = _mm_and_si128(_mm_srli_epi16(input, 4), lowNibble)
      let pairs = _mm_and_si128(
        _mm_and_si128(_mm_shuffle_epi8(firstHigh, high1), _mm_shuffle_epi8(firstLow, low1)),
        _mm_shuffle_epi8(secondHigh, high2))
      // Bytes that must be continuations: two after a three- or four-byte lead, three after a
      // four-byte lead. There the pair tables said "two continuations" (bit 7), which this flips
      // to no error; a byte owed but not a continuation, or a lone continuation, keeps bit 7.
      let owed = _mm_and_si128(
        _mm_or_si128(_mm_subs_epu8(previous2, thirdByteLead), _mm_subs_epu8(previous3, fourthByteLead)), highBit)
      return _mm_xor_si128(owed, pairs)
    }

    /// The errors of `count` (at most 64) bytes at `bytes`, copied into a block with the three
    /// bytes at `lookBehind` (or ASCII) before it and zeros after it.
    func copied(lookBehind: UnsafeRawPointer?, _ bytes: UnsafePointer<UInt8>, count: Int) -> __m128i {
      // 16 bytes before the block, 64 in it, 16 after (read by nobody, but keeps the copy simple).
      var scratch = (SIMD16<UInt8>(), SIMD16<UInt8>(), SIMD16<UInt8>(), SIMD16<UInt8>(), SIMD16<UInt8>(), SIMD16<UInt8>())
      return withUnsafeMutableBytes(of: &scratch) { scratch in
        let start = scratch.baseAddress! + 16
        if let lookBehind { (start - 3).copyMemory(from: lookBehind, byteCount: 3) }
        start.copyMemory(from: bytes, byteCount: count)
        var error = _mm_setzero_si128()
        block(UnsafeRawPointer(start), &error)
        return error
      }
    }
  }
#endif
