import ChouchaCore
import ChouchaIntrinsics

/// SHA-256 of eight messages at once, one per lane of `SIMD8<UInt32>`: the same 64 rounds, each
/// operation done for eight independent messages (with AVX2, one instruction for all eight).
struct SHA256x8 {
  struct State {
    var a, b, c, d, e, f, g, h: SIMD8<UInt32>

    init(repeating s: SHA256Hasher.State) {
      (a, b, c, d) = (.init(repeating: s.a), .init(repeating: s.b), .init(repeating: s.c), .init(repeating: s.d))
      (e, f, g, h) = (.init(repeating: s.e), .init(repeating: s.f), .init(repeating: s.g), .init(repeating: s.h))
    }

    /// Lane `lane` as a scalar state.
    func lane(_ lane: Int) -> SHA256Hasher.State {
      SHA256Hasher.State(a: a[lane], b: b[lane], c: c[lane], d: d[lane], e: e[lane], f: f[lane], g: g[lane], h: h[lane])
    }

    /// Takes `other`'s lanes where `mask` is set.
    mutating func replace(with other: State, where mask: SIMDMask<SIMD8<Int32>>) {
      a.replace(with: other.a, where: mask)
      b.replace(with: other.b, where: mask)
      c.replace(with: other.c, where: mask)
      d.replace(with: other.d, where: mask)
      e.replace(with: other.e, where: mask)
      f.replace(with: other.f, where: mask)
      g.replace(with: other.g, where: mask)
      h.replace(with: other.h, where: mask)
    }
  }

  /// One block per lane: lane `i`'s block is the 64 bytes at `blocks + i * stride`.
  @inline(__always)
  static func compress(_ state: inout State, _ blocks: UnsafeRawPointer, stride: Int) {
    @inline(__always) func word(_ t: Int) -> SIMD8<UInt32> {
      @inline(__always) func at(_ lane: Int) -> UInt32 {
        UInt32(bigEndian: blocks.loadUnaligned(fromByteOffset: lane &* stride &+ t &* 4, as: UInt32.self))
      }
      return SIMD8(at(0), at(1), at(2), at(3), at(4), at(5), at(6), at(7))
    }
    rounds(
      &state, word(0), word(1), word(2), word(3), word(4), word(5), word(6), word(7), word(8), word(9), word(10),
      word(11), word(12), word(13), word(14), word(15))
  }
}

extension SHA256x8 {
  /// Eight scalar states in a row, as `SHA256Extensions` writes them (eight words each).
  struct States {
    var lanes: (
      SHA256Hasher.State, SHA256Hasher.State, SHA256Hasher.State, SHA256Hasher.State,
      SHA256Hasher.State, SHA256Hasher.State, SHA256Hasher.State, SHA256Hasher.State
    ) = (.initial, .initial, .initial, .initial, .initial, .initial, .initial, .initial)

    subscript(lane: Int) -> SHA256Hasher.State {
      get { withUnsafeBytes(of: lanes) { $0.load(fromByteOffset: lane &* 32, as: SHA256Hasher.State.self) } }
      set { withUnsafeMutableBytes(of: &lanes) { $0.storeBytes(of: newValue, toByteOffset: lane &* 32, as: SHA256Hasher.State.self) } }
    }
  }
}

/// Ticket keys for many ids under one seed, eight ids at a time.
///
/// Every hashed message is `seedHash` (64 ASCII bytes: exactly one block, compressed once, the
/// *midstate*) followed by the id. An id of up to 55 bytes then needs one more block, up to 119
/// bytes two; longer ids go through `SHA256Hasher`. Write each id into `lane(i)`, set its length
/// with `setLength`, then `keys` hashes all lanes filled so far.
struct TicketBatch {
  static let lanes = 8
  /// Bytes of id a lane holds: two blocks less the padding (one `0x80` byte, eight of length).
  static let capacity = 119
  private static let stride = 128

  let midstate: SHA256Hasher.State
  /// Hash with the CPU's SHA instructions (when it has them; tests turn this off to check the
  /// portable rounds on the same machine).
  var accelerated = CPU.hasSHAExtensions
  private let prefix: SHA256Hasher
  /// The lanes' bytes, freed with the last copy of the batch (`Lanes`).
  private let lanesOwner: Lanes
  private let storage: UnsafeMutableRawPointer
  private var lengths: SIMD8<Int32> = .zero
  /// The id length each lane's padding was written for (-1: none yet).
  private var padded = SIMD8<Int32>(repeating: -1)
  private(set) var count = 0

  init(issuer: TicketIssuer) {
    prefix = issuer.prefixHasher
    midstate = prefix.state
    lanesOwner = Lanes()
    storage = lanesOwner.bytes
  }

  /// The memory of the lanes, 64-byte aligned, freed in `deinit`.
  final class Lanes {
    let bytes = UnsafeMutableRawPointer.allocate(byteCount: TicketBatch.lanes * TicketBatch.stride, alignment: 64)
    deinit { bytes.deallocate() }
  }

  var isFull: Bool { count == TicketBatch.lanes }

  /// Appends the id `first + second + third` (joined as they are). Returns false, and appends
  /// nothing, when the id is longer than `capacity`: hash that one with `key(_:_:_:)`.
  @inline(__always)
  mutating func append(
    _ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer = .init(start: nil, count: 0),
    _ third: UnsafeRawBufferPointer = .init(start: nil, count: 0)
  ) -> Bool {
    let length = first.count + second.count + third.count
    guard length <= TicketBatch.capacity else { return false }
    let cursor = storage + count &* TicketBatch.stride
    if first.count > 0 { cursor.copyMemory(from: first.baseAddress!, byteCount: first.count) }
    if second.count > 0 { (cursor + first.count).copyMemory(from: second.baseAddress!, byteCount: second.count) }
    if third.count > 0 {
      (cursor + first.count + second.count).copyMemory(from: third.baseAddress!, byteCount: third.count)
    }
    lengths[count] = Int32(length)
    count += 1
    return true
  }

  /// The keys of the ids appended since the last call, in order; empties the batch. With
  /// `limits`, a lane whose key is surely not below its limit (by its first four digits, the hash
  /// modulo 10^4) gets `UInt64.max` instead, without the cost of the full key.
  mutating func keys(into keys: UnsafeMutablePointer<UInt64>, below limits: UnsafePointer<UInt64>? = nil) {
    guard count > 0 else { return }
    var twoBlocks = false
    for lane in 0..<TicketBatch.lanes {
      let length = lane < count ? Int(lengths[lane]) : 0
      if length > 55 { twoBlocks = true }
      // A lane padded for this length last time still is: `append` wrote only the id's bytes.
      // (Ids of one task mostly have one length, so this is mostly skipped.)
      if padded[lane] == Int32(length) { continue }
      padded[lane] = Int32(length)
      let base = storage + lane * TicketBatch.stride
      let end = length <= 55 ? 64 : 128
      base.storeBytes(of: 0x80, toByteOffset: length, as: UInt8.self)
      (base + length + 1).initializeMemory(as: UInt8.self, repeating: 0, count: end - 8 - length - 1)
      base.storeBytes(of: (UInt64(64 + length) &* 8).bigEndian, toByteOffset: end - 8, as: UInt64.self)
    }
    var states = SHA256x8.States()
    if accelerated {
      // One message at a time with the CPU's SHA instructions (two in flight).
      var twoBlockLanes: UInt8 = 0
      for lane in 0..<count where lengths[lane] > 55 { twoBlockLanes |= 1 << UInt8(lane) }
      withUnsafePointer(to: midstate) { midstate in
        withUnsafeMutablePointer(to: &states) { states in
          midstate.withMemoryRebound(to: UInt32.self, capacity: 8) { midstate in
            states.withMemoryRebound(to: UInt32.self, capacity: 8 * TicketBatch.lanes) { output in
              SHA256Extensions.compress(
                lanes: count, from: midstate, storage, stride: TicketBatch.stride, twoBlocks: twoBlockLanes, into: output)
            }
          }
        }
      }
    } else {
      var state = SHA256x8.State(repeating: midstate)
      SHA256x8.compress(&state, storage, stride: TicketBatch.stride)
      if twoBlocks {
        var second = state
        SHA256x8.compress(&second, storage + 64, stride: TicketBatch.stride)
        state.replace(with: second, where: lengths .> 55)
      }
      for lane in 0..<count { states[lane] = state.lane(lane) }
    }
    for lane in 0..<count {
      let digest = states[lane]
      if let limits = limits, Tickets.leadingDigits(digest) &* 1_000_000_000_000_000 >= limits[lane] {
        keys[lane] = UInt64.max
      } else {
        keys[lane] = Tickets.key(digest)
      }
    }
    count = 0
  }

  /// The key of the id `first + second + third`, of any length, alone.
  func key(
    _ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer = .init(start: nil, count: 0),
    _ third: UnsafeRawBufferPointer = .init(start: nil, count: 0)
  ) -> UInt64 {
    var hasher = prefix
    hasher.update(first)
    hasher.update(second)
    hasher.update(third)
    return Tickets.key(hasher.finalizedState())
  }
}

extension Tickets {
  /// `2^64k mod 10^4` for k = 1, 2, 3.
  static let powersModulo: (UInt64, UInt64, UInt64) = {
    let modulus: UInt64 = 10_000
    let one = (UInt64.max % modulus + 1) % modulus
    return (one, one * one % modulus, one * one % modulus * one % modulus)
  }()

  /// The first four digits of the key (`key / 10^15`): the digest modulo 10^4, reversed.
  @inline(__always)
  static func leadingDigits(_ s: SHA256Hasher.State) -> UInt64 {
    let modulus: UInt64 = 10_000
    let (p1, p2, p3) = powersModulo
    let limbs = limbs(s)
    let (l0, l1, l2, l3) = (limbs.0 % modulus, limbs.1 % modulus, limbs.2 % modulus, limbs.3 % modulus)
    let r = (l0 * p3 + l1 * p2 + l2 * p1 + l3) % modulus
    return (r % 10) * 1000 + (r / 10 % 10) * 100 + (r / 100 % 10) * 10 + r / 1000
  }
}
