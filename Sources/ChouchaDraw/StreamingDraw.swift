import ChouchaCore
import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The draw's target selection in one pass over the target directory, in bounded memory.
///
/// Each row is scanned at byte level; what is kept of it is its class, the tasks whose population
/// it belongs to, its ticket key in each, a 64-bit fingerprint of its credit code (duplicates) and
/// its byte offset. Of the tickets, only those below a threshold are kept: in class `c` the sample
/// is the `⌈r_c · N_c⌉` smallest of `N_c` uniform tickets, so a threshold a margin above `r_c`
/// keeps them all with overwhelming probability, and when it does not (too few below it, after
/// the skips of `max-visits`) the task is read again with a higher threshold, up to all rows: the
/// result is exact either way. The selected rows alone are then read again by offset to make
/// their names and tickets.
///
/// Anything unusual — a problem to report (a control or bidi control character in a cell among
/// them, `isPlainUTF8`), a GB18030 file, a credit code that is not ASCII, two
/// equal fingerprints or ticket keys — returns `nil`: the caller then takes the exact path, which
/// materialises every row and names every problem as before.
struct StreamingDraw {
  /// The pass's tuning numbers; why each is what it is: Sources/ChouchaDraw/README.md.
  struct Options {
    /// Threshold of class `c`: `r_c · (1 + margin) + floor` of the key space.
    var margin = 0.25
    var floor = 0.0002
    /// A count `n` keeps the `n · (1 + margin) + 64` smallest tickets of the population.
    var countExtra = 64
    /// Bytes read at a time.
    var chunk = 8 << 20
    /// A chunk at least this long is shared by both workers (when it has no quote).
    var splitMinimum = 1 << 16
    /// Bytes kept before each chunk for the end of the chunk before: a row it cut short is copied
    /// there (a longer one goes into a larger buffer).
    var reserve = 64 << 10
    /// From this many drawn rows on, both cores read them again, half each.
    var fetchSplit = 1024
  }

  struct Candidate {
    var key: UInt64
    /// The row's first byte in the file: the row's identity.
    var offset: Int
    var riskClass: Int32
  }

  /// What one pass asks for, per task drawn in it.
  struct Request {
    var task: Int
    /// Per class, the keys below which tickets are kept (0: none).
    var thresholds: [UInt64]
    /// Keep the `keep` smallest tickets of the whole population (0: none).
    var keep: Int
  }

  struct Gathered {
    var population: [Int]
    var candidates: [[Candidate]]
    var smallest: [Candidate] = []
    /// `smallest` lost some tickets of the population.
    var truncated = false
    /// `smallest` lost a ticket whose key equals the largest it kept.
    var tie = false
  }

  struct PassResult {
    var gathered: [Gathered]
    var rows: Int
    var headings: [String]
    var sha256: String?
    /// The file's size, modification time and inode when the pass began (nil in memory).
    var identity: [Int]? = nil
  }

  let spec: Drawer.Spec
  let issuer: TicketIssuer
  let directory: TargetDirectory
  let options: Options
  let classCount: Int
  let taskPrefixes: [[UInt8]]
  let hooks: Drawer.Hooks

  init(
    spec: Drawer.Spec, issuer: TicketIssuer, directory: TargetDirectory, options: Options = Options(),
    hooks: Drawer.Hooks = Drawer.Hooks()
  ) {
    self.spec = spec
    self.hooks = hooks
    self.issuer = issuer
    self.directory = directory
    self.options = options
    classCount = spec.classes.count
    taskPrefixes = spec.tasks.map { Drawer.idPrefix(task: $0.id) }
  }

  // MARK: - The pass

  /// Reads the directory once, gathering what `requests` ask for. Nil: take the exact path.
  /// `first`: also the file's SHA-256 and the duplicate check of the credit codes (one pass over
  /// every row does them; the passes that follow only gather tickets).
  ///
  /// Two workers share every chunk. The first hashes the whole chunk and validates its UTF-8,
  /// then scans the first part of its rows; the second scans the rest. The cut is a line feed,
  /// and is made only in a chunk with no quote character, where every line feed ends a row; a
  /// chunk with quotes (and the chunk with the header) is scanned by the first worker alone. Each
  /// worker gathers into its own state, merged at the end, so the result does not depend on where
  /// the cut falls; where it falls follows the workers' measured speeds, so both finish together.
  func pass(_ requests: [Request], first: Bool) -> PassResult? {
    var states = [0, 1].map { _ in
      PassState(spec: spec, requests: requests, issuer: issuer, classCount: classCount, prefixes: taskPrefixes, fingerprints: first)
    }
    var hasher = SHA256Hasher()
    guard let source = directory.makeSource() else { return nil }
    let identity = source.identity()
    // Two buffers: the workers scan one while the first worker reads the next chunk into the
    // other, after `reserve` bytes where the last row of the chunk before, cut short, is copied.
    let size = max(options.chunk, 4)
    let reserve = max(0, options.reserve)
    let buffers = Allocations()
    var current = buffers.bytes(reserve + size, alignment: 64)
    var other = buffers.bytes(reserve + size, alignment: 64)
    var read = ByteSources.fill(UnsafeMutableRawBufferPointer(rebasing: current[reserve...]), from: source)
    if read < 0 { return nil }
    /// The chunk: `total` bytes from `start` in `current`, of which the first `filled` were in the
    /// chunk before (hashed already) and `validated` are known to be UTF-8.
    var start = reserve
    var total = read
    var filled = 0
    var validated = 0
    /// The file offset of the chunk's first byte.
    var base = 0
    /// The first worker's share of a chunk's rows.
    var share = 0.5
    var invalid = false
    var spent: (read: UInt64, hash: UInt64, first: UInt64, second: UInt64, chunks: Int, split: Int) = (0, 0, 0, 0, 0, 0)
    defer {
      if hooks.phases.isOn {
        hooks.phases.note(
          "pass over \(base) bytes in \(spent.chunks) chunks (\(spent.split) shared): reads \(spent.read / 1_000_000) ms, "
            + "SHA-256 and UTF-8 \(spent.hash / 1_000_000) ms, rows \(spent.first / 1_000_000) + \(spent.second / 1_000_000) ms, "
            + "last share \((share * 100).rounded())%")
      }
    }
    while true {
      // A short read is the end of the file.
      let final = read < size
      let bytes = (current.baseAddress! + start).assumingMemoryBound(to: UInt8.self)
      let fresh = UnsafeRawBufferPointer(start: bytes + filled, count: total - filled)
      // UTF-8 is checked up to the last ASCII byte: no sequence is cut there, and every row ends
      // with one (its line break), so the rows consumed are always inside the checked bytes.
      var checkedEnd = total
      if !final {
        checkedEnd = validated
        var index = total
        while index > validated {
          if bytes[index - 1] < 0x80 {
            checkedEnd = index
            break
          }
          index -= 1
        }
      }
      // Where the rows are cut between the workers (`total`: not cut).
      var split = total
      if states[0].headerSeen, total > 0, total >= options.splitMinimum, memchr(bytes, Int32(UInt8(ascii: "\"")), total) == nil {
        let guess = min(total - 1, max(0, Int(Double(total) * share)))
        if let lineFeed = memchr(bytes + guess, 0x0A, total - guess) {
          split = bytes.distance(to: lineFeed.assumingMemoryBound(to: UInt8.self)) + 1
        }
      }
      // What the workers write, each its own fields of `box`; what they read, fixed for this
      // chunk (constants, and the buffers in `shared`: the closure captures no variable).
      let box = HasherBox(hasher)
      let nextBuffer = UnsafeMutableRawBufferPointer(rebasing: other[reserve...])
      let chunkBase = base
      let (cut, chunkEnd, checkedStart, checkedStop) = (split, total, validated, checkedEnd)
      states.withUnsafeMutableBufferPointer { states in
        let shared = WorkerShared((states: states, bytes: bytes, fresh: fresh, nextBuffer: nextBuffer, source: source))
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
          let (states, bytes, fresh, nextBuffer, source) = shared.value
          if worker == 0 {
            let started = Self.threadTime()
            if first { box.hasher.update(fresh) }
            // Not UTF-8, or a control or bidi control in a cell: the exact path decodes or reports it.
            if !isPlainUTF8(UnsafeBufferPointer(start: bytes + checkedStart, count: checkedStop - checkedStart)) { box.invalid = true }
            let hashed = Self.threadTime()
            // The next chunk, while the second worker scans this one.
            if !final { box.next = ByteSources.fill(nextBuffer, from: source) }
            let readDone = Self.threadTime()
            if cut < chunkEnd {
              box.firstConsumed = states[0].scan(UnsafeBufferPointer(start: bytes, count: cut), base: chunkBase, final: true)
            }
            box.hashTime = hashed - started
            box.readTime = readDone - hashed
            box.firstTime = Self.threadTime() - readDone
          } else {
            let started = Self.threadTime()
            if cut < chunkEnd {
              box.secondConsumed = states[1].scan(
                UnsafeBufferPointer(start: bytes + cut, count: chunkEnd - cut), base: chunkBase + cut, final: final)
            } else {
              box.firstConsumed = states[0].scan(UnsafeBufferPointer(start: bytes, count: chunkEnd), base: chunkBase, final: final)
            }
            box.secondTime = Self.threadTime() - started
          }
        }
      }
      let (firstConsumed, secondConsumed, next) = (box.firstConsumed, box.secondConsumed, box.next)
      let (hashTime, readTime, firstTime, secondTime) = (box.hashTime, box.readTime, box.firstTime, box.secondTime)
      hasher = box.hasher
      invalid = invalid || box.invalid
      spent.hash += hashTime
      spent.read += readTime
      spent.first += firstTime
      spent.second += secondTime
      spent.chunks += 1
      if split < total { spent.split += 1 }
      if invalid || next < 0 { return nil }
      let used: Int
      if split < total {
        // The first part ends at a line feed outside quotes: its rows are all complete.
        guard firstConsumed == split, let second = secondConsumed else { return nil }
        used = split + second
        // Both workers scanned: give the first the share that would have made them finish together.
        let perByte = Double(firstTime + secondTime) / Double(max(1, used))
        let rows = perByte * Double(total)
        if rows > 0 {
          let balanced = (rows - Double(hashTime + readTime)) / (2 * rows)
          share = min(0.95, max(0.05, (share + balanced) / 2))
        }
      } else {
        guard let only = firstConsumed else { return nil }
        used = only
      }
      if !states[1].headerSeen, states[0].headerSeen { states[1].adoptHeader(of: states[0]) }
      if final {
        if used != total { return nil }
        base += used
        break
      }
      // The rest of this chunk (a row cut short) goes before the next one.
      let left = total - used
      if left <= reserve {
        if left > 0 { (other.baseAddress! + reserve - left).copyMemory(from: bytes + used, byteCount: left) }
        swap(&current, &other)
        start = reserve - left
      } else {
        // A row longer than the reserve: one buffer holding both, as large as they need.
        let bigger = buffers.bytes(reserve + max(size, left + next), alignment: 64)
        (bigger.baseAddress! + reserve).copyMemory(from: bytes + used, byteCount: left)
        (bigger.baseAddress! + reserve + left).copyMemory(from: other.baseAddress! + reserve, byteCount: next)
        buffers.free(current.baseAddress!)
        current = bigger
        start = reserve
      }
      read = next
      total = left + next
      validated = max(0, checkedEnd - used)
      filled = left
      base += used
    }
    guard states[0].headerSeen else { return nil }
    hooks.phases.mark("rows read")
    for index in states.indices { states[index].finish() }
    if first, FingerprintStore.hasDuplicates(states.map(\.fingerprints)) { return nil }
    hooks.phases.mark("duplicate check")
    var gathered = states[0].gathered
    for request in gathered.indices {
      let other = states[1].gathered[request]
      for riskClass in 0..<classCount {
        gathered[request].population[riskClass] += other.population[riskClass]
        gathered[request].candidates[riskClass] += other.candidates[riskClass]
      }
      gathered[request].smallest += other.smallest
      gathered[request].truncated = gathered[request].truncated || other.truncated
      gathered[request].tie = gathered[request].tie || other.tie
      if requests[request].keep > 0 {
        PassState.truncate(&gathered[request], to: requests[request].keep)
      }
    }
    return PassResult(
      gathered: gathered, rows: states[0].rows + states[1].rows, headings: states[0].headings,
      sha256: first ? SHA256.hex(hasher.finalize()) : nil, identity: identity)
  }

  /// The calling thread's CPU time in nanoseconds: what a worker's share is balanced on (not
  /// the wall clock, which counts time the machine gave to other processes).
  @inline(__always)
  static func threadTime() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
  }

  /// What the two workers of a chunk hand back. Unchecked: the first worker alone writes
  /// `hasher`, `invalid`, `next`, `hashTime`, `readTime` and `firstTime`, the second alone
  /// `secondConsumed` and `secondTime`, and `firstConsumed` is written by the one that scans the
  /// first part; all are read after both are done.
  final class HasherBox: @unchecked Sendable {
    var hasher: SHA256Hasher
    var invalid = false
    var firstConsumed: Int? = nil
    var secondConsumed: Int? = nil
    var next = 0
    var hashTime: UInt64 = 0
    var readTime: UInt64 = 0
    var firstTime: UInt64 = 0
    var secondTime: UInt64 = 0
    init(_ hasher: SHA256Hasher) { self.hasher = hasher }
  }
}
