#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A ticket of Ron Rivest's consistent sampler (PyPI `consistent-sampler`, `first_fraction`):
/// a pseudo-random fraction in (0, 1), written `0.` and decimal digits, that depends only on the
/// draw's seed and the entity's id. A draw takes the ids with the smallest tickets, so adding
/// or removing other ids never reorders the ones that stay.
///
/// Tickets order by the bytes of `text`, then by the bytes of `id` (UTF-8), which is the order of
/// Python's tuples of `str` in the library's heap (code point order and UTF-8 byte order agree).
/// Equality and hashing are by bytes too: `String ==` would make "é" (U+00E9) and "e\u{301}"
/// one id, where the library and a published list of ids see two.
public struct Ticket: Comparable, Hashable, Sendable {
  /// The id the ticket was issued for, exactly as hashed.
  public let id: String
  /// The first 19 digits after the point, as one number. Comparing keys is comparing the first
  /// 19 characters of the fractions: tickets are ordered without writing them out, and the full
  /// decimal is made only for the tickets a draw publishes. (These digits are the hash modulo
  /// 10^19, reversed.)
  let key: UInt64
  /// Where the fraction comes from.
  private let source: Source

  /// The digest is kept inline, as four words, rather than as a `[UInt8]`: a draw's result holds
  /// a ticket per target and per inspector drawn (700,000 at ten million rows), and an array is a
  /// heap object each.
  private enum Source: Sendable {
    /// The digest as a 256-bit number, most significant limb first, when the ticket was issued.
    case digest(UInt64, UInt64, UInt64, UInt64)
    /// The fraction as it was given.
    case written(String)
  }

  /// The first 19 digits after the point, as text (`key`, zero-padded): what an engine's selection
  /// writes as `ticket_key` (`draw --selection`), without making the whole fraction.
  package var keyText: String {
    let digits = String(key)
    return String(repeating: "0", count: max(0, 19 - digits.count)) + digits
  }

  /// The fraction, e.g. `0.2629971412…`: at least 64 digits after the point.
  public var text: String {
    switch source {
    case .digest(let l0, let l1, let l2, let l3): return Tickets.fraction(l0, l1, l2, l3)
    case .written(let text): return text
    }
  }

  public init(text: String, id: String) {
    self.id = id
    self.source = .written(text)
    var key: UInt64 = 0
    var digits = 0
    for byte in text.utf8.dropFirst(2) where digits < 19 {
      key = key * 10 + UInt64(byte &- UInt8(ascii: "0"))
      digits += 1
    }
    while digits < 19 {
      key *= 10
      digits += 1
    }
    self.key = key
  }

  /// The ticket of the id whose hashing `state` finished (`SHA256Hasher.finalizedState()`).
  init(state s: SHA256Hasher.State, id: String) {
    let (l0, l1, l2, l3) = Tickets.limbs(s)
    self.id = id
    self.source = .digest(l0, l1, l2, l3)
    self.key = Tickets.key(l0, l1, l2, l3)
  }

  public static func < (left: Ticket, right: Ticket) -> Bool {
    if left.key != right.key { return left.key < right.key }
    let order = byteOrder(left.text, right.text)
    return order != 0 ? order < 0 : byteOrder(left.id, right.id) < 0
  }

  public static func == (left: Ticket, right: Ticket) -> Bool {
    left.key == right.key && byteOrder(left.text, right.text) == 0 && byteOrder(left.id, right.id) == 0
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(key)
    Ticket.combine(id, into: &hasher)
  }

  private static func combine(_ text: String, into hasher: inout Hasher) {
    let done: Void? = text.utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    if done == nil {
      for byte in text.utf8 { hasher.combine(byte) }
    }
  }

  /// Three-way order of the UTF-8 bytes, with `memcmp`. (`utf8.withContiguousStorageIfAvailable`
  /// rather than `withUTF8`, which needs a mutable copy and measured five times slower when
  /// sorting a million tickets: 6.5 s against 1.1 s.)
  @inline(__always)
  static func byteOrder(_ a: String, _ b: String) -> Int {
    let fast: Int?? = a.utf8.withContiguousStorageIfAvailable { x in
      b.utf8.withContiguousStorageIfAvailable { y -> Int in
        let common = Swift.min(x.count, y.count)
        if common > 0 {
          let order = memcmp(x.baseAddress!, y.baseAddress!, common)
          if order != 0 { return order < 0 ? -1 : 1 }
        }
        return x.count < y.count ? -1 : (x.count > y.count ? 1 : 0)
      }
    }
    if let fast = fast, let order = fast { return order }
    if a.utf8.lexicographicallyPrecedes(b.utf8) { return -1 }
    return b.utf8.lexicographicallyPrecedes(a.utf8) ? 1 : 0
  }
}

/// Issuing tickets, as `consistent_sampler.first_fraction(id, seed)` does:
///
///     seed_hash = sha256_hex(seed)                  # lowercase hex of SHA-256 of UTF-8 of str(seed)
///     first_fraction = sha256_uniform(seed_hash + str(id))
///     sha256_uniform(x) = "0." + reversed("{:064d}".format(int(sha256_hex(x), 16)))
///
/// The digits are reversed because the low-order decimal digits of a 256-bit number are uniform
/// and the high-order ones are not.
public enum Tickets {
  /// `sha256_hex(seed)`: the lowercase hex SHA-256 of the seed's UTF-8 bytes.
  public static func seedHash(_ seed: String) -> String {
    SHA256.hex(SHA256.hash(seed.utf8))
  }

  /// The ticket of `id` under a seed whose `seedHash` is given.
  public static func ticket(id: String, seedHash: String) -> Ticket {
    var hasher = SHA256Hasher()
    hasher.update(seedHash.utf8)
    hasher.update(id.utf8)
    return Ticket(state: hasher.finalizedState(), id: id)
  }

  /// The positions of `tickets` in ticket order. Sorts plain (key, position) pairs, looking at
  /// the tickets themselves only when two keys tie: moving tickets around costs reference counts.
  public static func order(_ tickets: [Ticket]) -> [Int] {
    var pairs = tickets.indices.map { (key: tickets[$0].key, position: $0) }
    pairs.sort { left, right in
      if left.key != right.key { return left.key < right.key }
      return tickets[left.position] < tickets[right.position]
    }
    return pairs.map(\.position)
  }

  /// The first 19 digits of the fraction as a number: the digest modulo 10^19, its 19 decimal
  /// digits (zeros included) reversed.
  static func key(_ digest: [UInt8]) -> UInt64 {
    let (l0, l1, l2, l3) = limbs(digest)
    return key(l0, l1, l2, l3)
  }

  /// A digest's 32 bytes as four 64-bit limbs, most significant first.
  static func limbs(_ digest: [UInt8]) -> (UInt64, UInt64, UInt64, UInt64) {
    precondition(digest.count == 32, "a SHA-256 digest has 32 bytes")
    func limb(_ index: Int) -> UInt64 {
      digest[(index * 8)..<(index * 8 + 8)].reduce(0) { $0 << 8 | UInt64($1) }
    }
    return (limb(0), limb(1), limb(2), limb(3))
  }

  /// The key of a digest given as four 64-bit limbs, most significant first.
  @inlinable @inline(__always)
  package static func key(_ l0: UInt64, _ l1: UInt64, _ l2: UInt64, _ l3: UInt64) -> UInt64 {
    var remainder = divide(0, l0).remainder
    remainder = divide(remainder, l1).remainder
    remainder = divide(remainder, l2).remainder
    remainder = divide(remainder, l3).remainder
    var key: UInt64 = 0
    for _ in 0..<19 {
      key = key * 10 + remainder % 10
      remainder /= 10
    }
    return key
  }

  /// `sha256_uniform` from the digest: the digest read as a big-endian 256-bit number, written in
  /// decimal with at least 64 digits (zeros in front), the digits reversed, after `0.`.
  static func fraction(_ digest: [UInt8]) -> String {
    let (l0, l1, l2, l3) = limbs(digest)
    return fraction(l0, l1, l2, l3)
  }

  /// The same from the four 64-bit limbs, most significant first.
  static func fraction(_ l0: UInt64, _ l1: UInt64, _ l2: UInt64, _ l3: UInt64) -> String {
    String(unsafeUninitializedCapacity: fractionCapacity) { writeFraction(l0, l1, l2, l3, into: $0) }
  }

  /// Appends the fraction's bytes to `output`: what a document writes, without making a string.
  static func appendFraction(_ l0: UInt64, _ l1: UInt64, _ l2: UInt64, _ l3: UInt64, to output: inout [UInt8]) {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: fractionCapacity) { buffer in
      let count = writeFraction(l0, l1, l2, l3, into: buffer)
      output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<count]))
    }
  }

  /// 10^19, the largest power of ten below 2^64; its top bit is set.
  @usableFromInline static let tenToThe19: UInt64 = 10_000_000_000_000_000_000
  /// `⌊(2^128 − 1) / 10^19⌋ − 2^64`, the reciprocal `divide` multiplies by (a literal, so that it
  /// folds into the code; a test checks it).
  @usableFromInline static let reciprocal: UInt64 = 0xd83c94fb6d2ac34a

  /// `(high · 2^64 + low)` divided by 10^19, for `high < 10^19`: by multiplying with a
  /// precomputed reciprocal (Möller and Granlund, "Improved division by invariant integers",
  /// 2011, algorithm 4). `dividingFullWidth` calls a general 128-bit division, several times
  /// slower, and a ticket's digits take twenty of these.
  @inlinable @inline(__always)
  static func divide(_ high: UInt64, _ low: UInt64) -> (quotient: UInt64, remainder: UInt64) {
    let d = tenToThe19
    let product = reciprocal.multipliedFullWidth(by: high)
    let (q0, carry) = product.low.addingReportingOverflow(low)
    var q1 = product.high &+ high &+ (carry ? 1 : 0) &+ 1
    var r = low &- q1 &* d
    if r > q0 {
      q1 = q1 &- 1
      r = r &+ d
    }
    if r >= d {
      q1 = q1 &+ 1
      r = r &- d
    }
    return (q1, r)
  }

  /// `0.` and at most 78 digits (2^256 < 10^78), written nineteen at a time.
  static let fractionCapacity = 2 + 95

  /// Writes the fraction into `text` (at least `fractionCapacity` bytes), returning its length:
  /// the number divided by 10^19 (one 128-by-64-bit division a limb), nineteen digits at a time.
  private static func writeFraction(
    _ l0: UInt64, _ l1: UInt64, _ l2: UInt64, _ l3: UInt64, into text: UnsafeMutableBufferPointer<UInt8>
  ) -> Int {
    text[0] = UInt8(ascii: "0")
    text[1] = UInt8(ascii: ".")
    var count = 2
    var (a, b, c, d) = (l0, l1, l2, l3)
    while true {
      var remainder: UInt64
      (a, remainder) = divide(0, a)
      (b, remainder) = divide(remainder, b)
      (c, remainder) = divide(remainder, c)
      (d, remainder) = divide(remainder, d)
      // Decimal digits, least significant first: the reversed order the ticket wants. A chunk
      // below the most significant one keeps its nineteen digits, zeros included; the most
      // significant stops at its last non-zero digit.
      let last = a | b | c | d == 0
      var chunk = remainder
      if last {
        while chunk != 0 {
          text[count] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: chunk % 10)
          count += 1
          chunk /= 10
        }
        break
      }
      // Two digits a division: nine pairs, then the nineteenth digit.
      for _ in 0..<9 {
        let pair = UInt8(truncatingIfNeeded: chunk % 100)
        chunk /= 100
        text[count] = UInt8(ascii: "0") &+ pair % 10
        text[count &+ 1] = UInt8(ascii: "0") &+ pair / 10
        count &+= 2
      }
      text[count] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: chunk)
      count &+= 1
    }
    while count < 2 + 64 {
      text[count] = UInt8(ascii: "0")
      count += 1
    }
    return count
  }
}

/// Issues many tickets under one seed. The seed hash is 64 ASCII bytes, exactly one SHA-256
/// block, so it is compressed once here and each ticket costs only the blocks of its id.
public struct TicketIssuer: Sendable {
  public let seedHash: String
  private let prefix: SHA256Hasher
  /// The hasher after the seed hash: the midstate every ticket starts from.
  package var prefixHasher: SHA256Hasher { prefix }

  public init(seedHash: String) {
    self.seedHash = seedHash
    var prefix = SHA256Hasher()
    prefix.update(seedHash.utf8)
    self.prefix = prefix
  }

  /// The key (`Ticket`'s first 19 digits) of the id written as `parts` joined by `|`, without
  /// making the id or the digest: what ranking inspectors needs for every eligible officer.
  public func key(joining parts: String...) -> UInt64 {
    var hasher = prefix
    for (index, part) in parts.enumerated() {
      if index > 0 { hasher.update(TicketIssuer.separator) }
      hasher.update(part.utf8)
    }
    return Tickets.key(hasher.finalizedState())
  }

  static let separator: [UInt8] = [UInt8(ascii: "|")]

  /// The ticket of the id whose UTF-8 bytes are `first` then `second` (the id is made once,
  /// from the bytes, rather than by joining strings).
  package func ticket(idBytes first: [UInt8], _ second: [UInt8]) -> Ticket {
    var hasher = prefix
    hasher.update(first)
    hasher.update(second)
    return Ticket(state: hasher.finalizedState(), id: String(decoding: first + second, as: UTF8.self))
  }

  /// The digest of the id `first + second + third` as four 64-bit limbs, most significant first:
  /// what a document writes a ticket's fraction from (`Tickets.appendFraction`), from the bytes.
  func limbs(
    _ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer,
    _ third: UnsafeRawBufferPointer = .init(start: nil, count: 0)
  ) -> (UInt64, UInt64, UInt64, UInt64) {
    var hasher = prefix
    hasher.update(first)
    hasher.update(second)
    hasher.update(third)
    return Tickets.limbs(hasher.finalizedState())
  }

  /// Same as `Tickets.ticket(id:seedHash:)`.
  public func ticket(id: String) -> Ticket {
    var hasher = prefix
    hasher.update(id.utf8)
    return Ticket(state: hasher.finalizedState(), id: id)
  }
}

extension Tickets {
  /// The key of a digest given as a finished state.
  @inlinable @inline(__always)
  package static func key(_ s: SHA256Hasher.State) -> UInt64 {
    let (l0, l1, l2, l3) = limbs(s)
    return key(l0, l1, l2, l3)
  }

  /// A finished state's digest as four 64-bit limbs, most significant first.
  @inlinable @inline(__always)
  package static func limbs(_ s: SHA256Hasher.State) -> (UInt64, UInt64, UInt64, UInt64) {
    (UInt64(s.a) << 32 | UInt64(s.b), UInt64(s.c) << 32 | UInt64(s.d), UInt64(s.e) << 32 | UInt64(s.f), UInt64(s.g) << 32 | UInt64(s.h))
  }
}
