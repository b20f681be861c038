// SHA-256 with the CPU's SHA extensions (x86 SHA-NI: `sha256rnds2`, `sha256msg1`, `sha256msg2`),
// reached through the toolchain's own clang intrinsics module: no dependency, no C target.
//
// This module alone is compiled with the `sha`, `ssse3` and `sse4.1` target features (see
// Package.swift), so nothing here may run before `CPU.hasSHAExtensions` (in ChouchaCore, compiled
// without them, so that the check itself cannot use them) has said yes; otherwise ChouchaCore
// keeps its portable Swift rounds. The entry points are `@inline(never)` so that no instruction of
// these features is inlined into code compiled without them.
//
// The round structure is Intel's ("Intel SHA Extensions", 2013, and its public-domain sample
// code): the state is kept as the two vectors ABEF and CDGH; each `sha256rnds2` does two rounds,
// and the message schedule is four vectors of four words, advanced with `sha256msg1` and
// `sha256msg2`.

#if arch(x86_64)
  import _Builtin_intrinsics.intel
#endif

public enum SHA256Extensions {
  /// Compresses `blocks` consecutive 64-byte blocks at `input` (any alignment) into `state`,
  /// the eight words H0…H7. Only when the CPU has the SHA extensions.
  @inline(never)
  public static func compress(_ state: UnsafeMutablePointer<UInt32>, _ input: UnsafeRawPointer, blocks: Int) {
    #if arch(x86_64)
      var (abef, cdgh) = load(state)
      var block = input
      for _ in 0..<blocks {
        rounds(&abef, &cdgh, block)
        block += 64
      }
      store(abef, cdgh, state)
    #else
      fatalError("SHA256Extensions used on a CPU without them")
    #endif
  }

  /// For each of `count` (at most 8) messages that continue the same `midstate` (the eight
  /// words): one block, or two where bit `i` of `twoBlocks` is set, at `input + i * stride`; the
  /// resulting states go to `output + 8 * i`. Only when the CPU has the SHA extensions.
  @inline(never)
  public static func compress(
    lanes count: Int, from midstate: UnsafePointer<UInt32>, _ input: UnsafeRawPointer, stride: Int,
    twoBlocks mask: UInt8, into output: UnsafeMutablePointer<UInt32>
  ) {
    @inline(__always) func twoBlocks(_ lane: Int) -> Bool { mask & (1 << UInt8(lane)) != 0 }
    #if arch(x86_64)
      let (startABEF, startCDGH) = load(UnsafeMutablePointer(mutating: midstate))
      var lane = 0
      // Two messages at a time: two independent chains of `sha256rnds2` fill the pipeline.
      while lane + 1 < count {
        var (a0, c0) = (startABEF, startCDGH)
        var (a1, c1) = (startABEF, startCDGH)
        let first = input + lane &* stride
        let second = first + stride
        rounds(&a0, &c0, first)
        rounds(&a1, &c1, second)
        if twoBlocks(lane) { rounds(&a0, &c0, first + 64) }
        if twoBlocks(lane + 1) { rounds(&a1, &c1, second + 64) }
        store(a0, c0, output + 8 &* lane)
        store(a1, c1, output + 8 &* (lane + 1))
        lane += 2
      }
      if lane < count {
        var (a0, c0) = (startABEF, startCDGH)
        let first = input + lane &* stride
        rounds(&a0, &c0, first)
        if twoBlocks(lane) { rounds(&a0, &c0, first + 64) }
        store(a0, c0, output + 8 &* lane)
      }
    #else
      fatalError("SHA256Extensions used on a CPU without them")
    #endif
  }
}

#if arch(x86_64)
  typealias Words = SIMD4<UInt32>

  @inline(__always) private func vector(_ words: Words) -> __m128i { unsafeBitCast(words, to: __m128i.self) }
  @inline(__always) private func words(_ vector: __m128i) -> Words { unsafeBitCast(vector, to: Words.self) }

  /// H0…H7 as ABEF and CDGH (lane 0 is the lowest word: ABEF = (F, E, B, A)).
  @inline(__always)
  private func load(_ state: UnsafeMutablePointer<UInt32>) -> (Words, Words) {
    (Words(state[5], state[4], state[1], state[0]), Words(state[7], state[6], state[3], state[2]))
  }

  @inline(__always)
  private func store(_ abef: Words, _ cdgh: Words, _ state: UnsafeMutablePointer<UInt32>) {
    state[0] = abef[3]
    state[1] = abef[2]
    state[2] = cdgh[3]
    state[3] = cdgh[2]
    state[4] = abef[1]
    state[5] = abef[0]
    state[6] = cdgh[1]
    state[7] = cdgh[0]
  }

  /// FIPS 180-4 §4.2.2, four constants a vector.
  private let roundConstants: [Words] = [
    Words(0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5), Words(0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5),
    Words(0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3), Words(0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174),
    Words(0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc), Words(0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da),
    Words(0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7), Words(0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967),
    Words(0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13), Words(0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85),
    Words(0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3), Words(0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070),
    Words(0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5), Words(0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3),
    Words(0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208), Words(0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2),
  ]

  /// The four big-endian words at `block + offset`, as numbers.
  @inline(__always)
  private func message(_ block: UnsafeRawPointer, _ offset: Int) -> Words {
    Words(
      UInt32(bigEndian: block.loadUnaligned(fromByteOffset: offset, as: UInt32.self)),
      UInt32(bigEndian: block.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)),
      UInt32(bigEndian: block.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self)),
      UInt32(bigEndian: block.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)))
  }

  /// Four rounds with the schedule words `w` (already plus their constants).
  @inline(__always)
  private func fourRounds(_ abef: inout Words, _ cdgh: inout Words, _ w: Words) {
    cdgh = words(_mm_sha256rnds2_epu32(vector(cdgh), vector(abef), vector(w)))
    // The upper two words of `w`, for the second pair of rounds.
    let upper = Words(w[2], w[3], w[0], w[1])
    abef = words(_mm_sha256rnds2_epu32(vector(abef), vector(cdgh), vector(upper)))
  }

  /// `W[g+1]` (four words) from `w3` = `W[g-3]` already through `sha256msg1` with `W[g-2]`,
  /// `previous` = `W[g-1]` and `current` = `W[g]`. (W[t-7] are the last three words of
  /// `previous` and the first of `current`.)
  @inline(__always)
  private func schedule(_ w3: Words, _ previous: Words, _ current: Words) -> Words {
    let shifted = Words(previous[1], previous[2], previous[3], current[0])
    return words(_mm_sha256msg2_epu32(vector(w3 &+ shifted), vector(current)))
  }

  /// Group `g` of four rounds, on the schedule vector `current` = `W[g]`; then `next` (holding
  /// `W[g-3]`) becomes `W[g+1]`, and `previous` = `W[g-1]` goes through `sha256msg1` for `W[g+3]`.
  @inline(__always)
  private func group(
    _ g: Int, _ abef: inout Words, _ cdgh: inout Words, _ k: UnsafeBufferPointer<Words>,
    _ current: Words, _ previous: inout Words, _ next: inout Words
  ) {
    fourRounds(&abef, &cdgh, current &+ k[g])
    if g >= 3 && g < 15 { next = schedule(next, previous, current) }
    if g >= 1 && g <= 12 { previous = words(_mm_sha256msg1_epu32(vector(previous), vector(current))) }
  }

  /// One 64-byte block: 16 groups of four rounds, the schedule rotating through w0…w3.
  @inline(__always)
  private func rounds(_ abef: inout Words, _ cdgh: inout Words, _ block: UnsafeRawPointer) {
    let (savedABEF, savedCDGH) = (abef, cdgh)
    var w0 = message(block, 0)
    var w1 = message(block, 16)
    var w2 = message(block, 32)
    var w3 = message(block, 48)
    roundConstants.withUnsafeBufferPointer { k in
      var g = 0
      while g < 16 {
        group(g, &abef, &cdgh, k, w0, &w3, &w1)
        group(g + 1, &abef, &cdgh, k, w1, &w0, &w2)
        group(g + 2, &abef, &cdgh, k, w2, &w1, &w3)
        group(g + 3, &abef, &cdgh, k, w3, &w2, &w0)
        g += 4
      }
    }
    abef &+= savedABEF
    cdgh &+= savedCDGH
  }
#endif
