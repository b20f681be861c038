import Dispatch

/// The 64-bit fingerprints of every credit code, to find duplicates among millions of rows in
/// little memory: filed by their top byte into pages of 4,096, so that at the end each of the 256
/// buckets (of both workers) is sorted alone, in a buffer of its own size, and freed.
struct FingerprintStore {
  static let pageSize = 4096

  /// The pages, freed when the last copy of the store goes.
  final class Pages {
    let memory = Allocations()
    var pages: [[UnsafeMutablePointer<UInt64>]] = Array(repeating: [], count: 256)
  }

  private let owner = Pages()
  private var pages: [[UnsafeMutablePointer<UInt64>]] { owner.pages }
  /// Per bucket, its last page and how many values that holds (`pageSize`: full, or no page yet).
  private let current: UnsafeMutablePointer<UnsafeMutablePointer<UInt64>?>
  private let fill: UnsafeMutablePointer<Int>

  init() {
    current = owner.memory.make(UnsafeMutablePointer<UInt64>?.self, capacity: 256)
    current.initialize(repeating: nil, count: 256)
    fill = owner.memory.make(Int.self, capacity: 256)
    fill.initialize(repeating: FingerprintStore.pageSize, count: 256)
  }

  @inline(__always)
  mutating func insert(_ value: UInt64) {
    let bucket = Int(truncatingIfNeeded: value >> 56)
    if fill[bucket] == FingerprintStore.pageSize {
      let page = owner.memory.make(UInt64.self, capacity: FingerprintStore.pageSize)
      owner.pages[bucket].append(page)
      current[bucket] = page
      fill[bucket] = 0
    }
    current[bucket]![fill[bucket]] = value
    fill[bucket] &+= 1
  }

  /// The number of values in `bucket`.
  func count(_ bucket: Int) -> Int {
    pages[bucket].isEmpty ? 0 : (pages[bucket].count - 1) * FingerprintStore.pageSize + fill[bucket]
  }

  /// Calls `body` with every value of `bucket`.
  @inline(__always)
  func forEach(_ bucket: Int, _ body: (UInt64) -> Void) {
    for (index, page) in pages[bucket].enumerated() {
      let count = index == pages[bucket].count - 1 ? fill[bucket] : FingerprintStore.pageSize
      for offset in 0..<count { body(page[offset]) }
    }
  }

  /// Whether any value is in more than one place among `stores`: bucket by bucket (the buckets
  /// shared between both cores), each in an open-addressing table of its own size.
  static func hasDuplicates(_ stores: [FingerprintStore]) -> Bool {
    final class Found: @unchecked Sendable { var flags = [Bool](repeating: false, count: 256) }
    let found = Found()
    found.flags.withUnsafeMutableBufferPointer { flags in
      // Each worker reads the stores and writes the flags of its own buckets.
      let shared = WorkerShared((stores: stores, flags: flags))
      DispatchQueue.concurrentPerform(iterations: 2) { worker in
        let (stores, flags) = shared.value
        for bucket in stride(from: worker, to: 256, by: 2) {
          let total = stores.reduce(0) { $0 + $1.count(bucket) }
          guard total > 1 else { continue }
          var size = 1
          while size < 2 * total { size <<= 1 }
          // Zero marks an empty slot; a zero fingerprint is counted apart.
          var slots = [UInt64](repeating: 0, count: size)
          var zeros = 0
          var duplicate = false
          slots.withUnsafeMutableBufferPointer { table in
            for store in stores where !duplicate {
              store.forEach(bucket) { value in
                if value == 0 {
                  zeros += 1
                  if zeros > 1 { duplicate = true }
                  return
                }
                // The low bits are as random as the high ones (a mixed hash).
                var slot = Int(truncatingIfNeeded: value) & (size - 1)
                while table[slot] != 0 {
                  if table[slot] == value {
                    duplicate = true
                    return
                  }
                  slot = (slot + 1) & (size - 1)
                }
                table[slot] = value
              }
            }
          }
          if duplicate { flags[bucket] = true }
        }
      }
    }
    return found.flags.contains(true)
  }
}
