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
      // One variable per worker: the two never write the same one.
      var firstConsumed: Int? = nil
      var secondConsumed: Int? = nil
      var next = 0
      var hashTime: UInt64 = 0
      var readTime: UInt64 = 0
      var firstTime: UInt64 = 0
      var secondTime: UInt64 = 0
      let box = HasherBox(hasher)
      let nextBuffer = UnsafeMutableRawBufferPointer(rebasing: other[reserve...])
      let chunkBase = base
      states.withUnsafeMutableBufferPointer { states in
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
          if worker == 0 {
            let started = Self.threadTime()
            if first { box.hasher.update(fresh) }
            // Not UTF-8, or a control or bidi control in a cell: the exact path decodes or reports it.
            if !isPlainUTF8(UnsafeBufferPointer(start: bytes + validated, count: checkedEnd - validated)) { box.invalid = true }
            let hashed = Self.threadTime()
            // The next chunk, while the second worker scans this one.
            if !final { next = ByteSources.fill(nextBuffer, from: source) }
            let readDone = Self.threadTime()
            if split < total {
              firstConsumed = states[0].scan(UnsafeBufferPointer(start: bytes, count: split), base: chunkBase, final: true)
            }
            hashTime = hashed - started
            readTime = readDone - hashed
            firstTime = Self.threadTime() - readDone
          } else {
            let started = Self.threadTime()
            if split < total {
              secondConsumed = states[1].scan(
                UnsafeBufferPointer(start: bytes + split, count: total - split), base: chunkBase + split, final: final)
            } else {
              firstConsumed = states[0].scan(UnsafeBufferPointer(start: bytes, count: total), base: chunkBase, final: final)
            }
            secondTime = Self.threadTime() - started
          }
        }
      }
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

  final class HasherBox: @unchecked Sendable {
    var hasher: SHA256Hasher
    var invalid = false
    init(_ hasher: SHA256Hasher) { self.hasher = hasher }
  }

  /// A kept ticket, before it is filed under its request and class.
  struct Kept {
    var key: UInt64
    var offset: Int
    var request: Int32
    var riskClass: Int32
  }

  /// The rows of one pass, chunk after chunk, for one worker.
  struct PassState {
    let spec: Drawer.Spec
    let requests: [Request]
    let classCount: Int
    var gathered: [Gathered]
    var rows = 0
    var headings: [String] = []
    var headerSeen = false
    var positions: (code: Int, name: Int, industry: Int, tags: Int?, riskClass: Int) = (0, 0, 0, nil, 0)
    var width = 0
    var scanner = RowScanner()
    /// The current row's cells (from the fast scan, or copied from `scanner`).
    /// What the pointers below point to, freed when the last copy of the state goes.
    let memory: Allocations
    var cells: UnsafeMutablePointer<RowScanner.Cell>
    var cellCapacity = 64
    var cellCount = 0
    /// Texts rebuilt from quoted cells, one buffer per cell kept while the row is read.
    let scratch = ByteScratch()
    let industryScratch = ByteScratch()
    let tagsScratch = ByteScratch()
    let codeScratch = ByteScratch()
    /// The distinct 信用风险分类 and 行业 + 标签 values: few, so ids in a `ByteTable`.
    var classes = ByteTable()
    var classOf: [Int32] = []
    /// The class of a one-byte 信用风险分类 (A, B, …) by its byte: -2 not seen yet.
    var classByByte: UnsafeMutablePointer<Int32>
    var memberships = ByteTable()
    /// Per (行业, 标签) value: the requests whose population it is in.
    var requestsOf: [[Int32]] = []
    var pairKey: [UInt8] = []
    let collectFingerprints: Bool
    var fingerprints = FingerprintStore()
    var batch: TicketBatch
    /// Per lane of the batch: request, class, offset; its key; the key below which it is kept
    /// (`UInt64.max` when a count needs every key).
    let lanes: UnsafeMutablePointer<(request: Int32, riskClass: Int32, offset: Int)>
    var laneCount = 0
    let keys: UnsafeMutablePointer<UInt64>
    let limits: UnsafeMutablePointer<UInt64>
    /// Per request and class (`request * classCount + class`): the threshold, the population.
    let thresholds: UnsafeMutablePointer<UInt64>
    let population: UnsafeMutablePointer<Int>
    /// Per request: `keep` (counts), and the task's id and `|` (the ticket id's prefix).
    let keeps: UnsafeMutablePointer<Int>
    let prefixes: UnsafeMutablePointer<UnsafeRawBufferPointer>
    var kept: [Kept] = []
    /// The last row's 行业 and 标签 and their requests: rows come in runs of one kind.
    var last: UnsafeMutableRawBufferPointer
    var lastIndustryCount = -1
    var lastTagsCount = 0
    var lastRequests: UnsafeMutablePointer<Int32>
    var lastRequestCount = 0

    init(
      spec: Drawer.Spec, requests: [Request], issuer: TicketIssuer, classCount: Int, prefixes: [[UInt8]], fingerprints: Bool
    ) {
      self.spec = spec
      self.requests = requests
      self.classCount = classCount
      collectFingerprints = fingerprints
      gathered = requests.map { _ in
        Gathered(population: Array(repeating: 0, count: classCount), candidates: Array(repeating: [], count: classCount))
      }
      batch = TicketBatch(issuer: issuer)
      let memory = Allocations()
      self.memory = memory
      lanes = memory.make((request: Int32, riskClass: Int32, offset: Int).self, capacity: TicketBatch.lanes)
      keys = memory.make(UInt64.self, capacity: TicketBatch.lanes)
      limits = memory.make(UInt64.self, capacity: TicketBatch.lanes)
      cells = memory.make(RowScanner.Cell.self, capacity: cellCapacity)
      classByByte = memory.make(Int32.self, capacity: 256)
      classByByte.initialize(repeating: -2, count: 256)
      let slots = max(1, requests.count * classCount)
      thresholds = memory.make(UInt64.self, capacity: slots)
      population = memory.make(Int.self, capacity: slots)
      population.initialize(repeating: 0, count: slots)
      for (index, request) in requests.enumerated() {
        for riskClass in 0..<classCount { (thresholds + index * classCount + riskClass).initialize(to: request.thresholds[riskClass]) }
      }
      keeps = memory.make(Int.self, capacity: requests.count)
      self.prefixes = memory.make(UnsafeRawBufferPointer.self, capacity: requests.count)
      lastRequests = memory.make(Int32.self, capacity: requests.count)
      for (index, request) in requests.enumerated() {
        (keeps + index).initialize(to: request.keep)
        let bytes = prefixes[request.task]
        let copy = memory.bytes(bytes.count)
        bytes.withUnsafeBytes { copy.copyMemory(from: $0) }
        (self.prefixes + index).initialize(to: UnsafeRawBufferPointer(copy))
      }
      last = memory.bytes(256)
    }

    /// The header was read by the other worker.
    mutating func adoptHeader(of other: PassState) {
      headerSeen = true
      headings = other.headings
      positions = other.positions
      width = other.width
    }

    /// Scans the complete rows of `bytes` (whose first byte is at `base` in the file). Returns
    /// how many bytes were used, or nil when the exact path must take over. (UTF-8 is checked by
    /// `pass`.)
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, base: Int, final: Bool) -> Int? {
      guard let start = bytes.baseAddress else {
        return final && headerSeen ? 0 : nil
      }
      var index = 0
      if base == 0, bytes.count >= 3, start[0] == 0xEF, start[1] == 0xBB, start[2] == 0xBF { index = 3 }
      if base == 0, !final, bytes.count < 3 { return 0 }
      let count = bytes.count
      while index < count {
        var end = headerSeen ? fastRow(start, from: index, count: count) : -1
        if end < 0 {
          switch scanner.scan(start, from: index, count: count, final: final) {
          case .incomplete: return index
          case .unterminated: return nil
          case .row(let rowEnd):
            end = rowEnd
            adoptScannerCells()
          }
        }
        if !headerSeen {
          guard header(start) else { return nil }
        } else {
          guard row(start, offset: base + index) else { return nil }
        }
        index = end
      }
      return index
    }

    /// The cells of an unquoted row, straight into `cells`; the row's end, or -1 when the row
    /// has a quote, too many cells or no line break before the buffer ends (`RowScanner` then
    /// reads it, exactly).
    @inline(__always)
    private mutating func fastRow(_ bytes: UnsafePointer<UInt8>, from start: Int, count: Int) -> Int {
      var index = start
      var cellStart = start
      var n = 0
      while index < count {
        // `,` `"` CR LF are all below 0x2D: skip eight bytes at a time while none is (a byte of
        // the word below 0x2D sets its high bit in `below`; the lowest one set is exact).
        while index &+ 8 <= count {
          let word = UInt64(littleEndian: UnsafeRawPointer(bytes + index).loadUnaligned(as: UInt64.self))
          let below = ByteScan.below(word, 0x2D)
          if below != 0 {
            index &+= below.trailingZeroBitCount >> 3
            break
          }
          index &+= 8
        }
        if index >= count { break }
        let byte = bytes[index]
        // A comma first (five in a row for one line end), then a line end by a bit test: an
        // if-chain here became a jump table, whose indirect branch mispredicted.
        if byte == UInt8(ascii: ",") {
          if n == cellCapacity - 1 { return -1 }
          cells[n] = RowScanner.Cell(start: cellStart, end: index, quoted: false, rebuilt: false)
          n &+= 1
          index &+= 1
          cellStart = index
          continue
        }
        if byte > 0x2C {
          index &+= 1
          continue
        }
        if (UInt64(1) << UInt64(byte)) & (1 << 0x0A | 1 << 0x0D) != 0 {
          cells[n] = RowScanner.Cell(start: cellStart, end: index, quoted: false, rebuilt: false)
          cellCount = n + 1
          index &+= 1
          if byte == 0x0D {
            if index >= count { return -1 }
            if bytes[index] == 0x0A { index &+= 1 }
          }
          return index
        } else if byte == UInt8(ascii: "\"") {
          return -1
        } else {
          index &+= 1
        }
      }
      return -1
    }

    private mutating func adoptScannerCells() {
      let count = scanner.cells.count
      if count > cellCapacity {
        memory.free(cells)
        cellCapacity = count * 2
        cells = memory.make(RowScanner.Cell.self, capacity: cellCapacity)
      }
      for (index, cell) in scanner.cells.enumerated() { cells[index] = cell }
      cellCount = count
    }

    private mutating func header(_ bytes: UnsafePointer<UInt8>) -> Bool {
      headerSeen = true
      headings = (0..<cellCount).map { index in
        CSVTable.heading(String(decoding: RowScanner.text(cells[index], bytes, scratch: scratch), as: UTF8.self))
      }
      width = headings.count
      let headings = headings
      func position(_ key: String) -> Int? {
        CSVTable.position(of: Directories.targetColumns.first { $0.key == key }!, in: headings)
      }
      // A misspelt heading is reported (or, for a published draw, warned of) by the exact path.
      guard let code = position("code"), let name = position("name"), let industry = position("industry"),
        let riskClass = position("class"), !Directories.hasMisspeltHeading(headings, Directories.targetColumns)
      else { return false }
      positions = (code, name, industry, position("tags"), riskClass)
      return true
    }

    @inline(__always)
    private mutating func text(_ index: Int, _ bytes: UnsafePointer<UInt8>) -> UnsafeRawBufferPointer {
      PassState.text(cells[index], bytes, scratch: scratch)
    }

    /// A cell's text, trimmed, as `RowScanner.text` and `trimmed` make it, without calling them
    /// for the usual cell (`plain`).
    @inline(__always)
    static func text(_ cell: RowScanner.Cell, _ bytes: UnsafePointer<UInt8>, scratch: ByteScratch) -> UnsafeRawBufferPointer {
      plain(cell, bytes) ?? RowScanner.trimmed(RowScanner.text(cell, bytes, scratch: scratch))
    }

    /// The text of a usual cell, which trimming leaves as it is: unquoted, its first and last bytes
    /// no white space (nor the ends of U+3000, E3 80 80); nil for any other.
    @inline(__always)
    static func plain(_ cell: RowScanner.Cell, _ bytes: UnsafePointer<UInt8>) -> UnsafeRawBufferPointer? {
      guard !cell.quoted, cell.end > cell.start else { return nil }
      let first = bytes[cell.start]
      let last = bytes[cell.end - 1]
      guard first > 0x20, first != 0xE3, last > 0x20, last != 0x80 else { return nil }
      return UnsafeRawBufferPointer(start: bytes + cell.start, count: cell.end - cell.start)
    }

    private mutating func row(_ bytes: UnsafePointer<UInt8>, offset: Int) -> Bool {
      if cellCount < width || (PassState.plain(cells[positions.name], bytes) ?? text(positions.name, bytes)).count == 0 {
        // Blank rows are passed over, as `CSVTable` does; short rows and empty names are reported
        // by the exact path. (Only the row's own cells are read: `cells` holds older ones after.)
        for index in 0..<cellCount where text(index, bytes).count > 0 { return false }
        return true
      }
      if cellCount > width {
        for index in width..<cellCount where text(index, bytes).count > 0 { return false }
      }
      rows += 1

      // 信用风险分类.
      let classText = PassState.plain(cells[positions.riskClass], bytes) ?? text(positions.riskClass, bytes)
      var riskClass: Int32
      if classText.count == 1, classByByte[Int(classText[0])] != -2 {
        riskClass = classByByte[Int(classText[0])]
      } else {
        if classText.count == 0 { return false }
        let (classID, newClass) = classes.intern(classText)
        if newClass {
          let text = String(decoding: classText, as: UTF8.self)
          classOf.append(Int32(spec.classes.firstIndex { $0 == text } ?? -1))
        }
        riskClass = classOf[classID]
        if classText.count == 1 { classByByte[Int(classText[0])] = riskClass }
      }
      if riskClass < 0 { return false }

      // 行业 and 标签: the requests whose population the row is in.
      let industry =
        PassState.plain(cells[positions.industry], bytes)
        ?? PassState.text(cells[positions.industry], bytes, scratch: industryScratch)
      if industry.count == 0 { return false }
      var tags = UnsafeRawBufferPointer(start: nil, count: 0)
      if let column = positions.tags {
        tags = PassState.plain(cells[column], bytes) ?? PassState.text(cells[column], bytes, scratch: tagsScratch)
      }
      if !(industry.count == lastIndustryCount && tags.count == lastTagsCount
        && memcmp(last.baseAddress!, industry.baseAddress!, industry.count) == 0
        && (tags.count == 0 || memcmp(last.baseAddress! + industry.count, tags.baseAddress!, tags.count) == 0))
      {
        newPair(industry, tags)
      }

      // 统一社会信用代码: ASCII (else the exact path, which compares codes as Swift strings).
      let code =
        PassState.plain(cells[positions.code], bytes) ?? PassState.text(cells[positions.code], bytes, scratch: codeScratch)
      if code.count == 0 { return false }
      var ascii: UInt8 = 0
      for byte in code { ascii |= byte }
      if ascii >= 0x80 { return false }
      if collectFingerprints { fingerprints.insert(codeFingerprint(code)) }

      let classIndex = Int(riskClass)
      for index in 0..<lastRequestCount {
        let request = lastRequests[index]
        let r = Int(request)
        population[r &* classCount &+ classIndex] &+= 1
        let prefix = prefixes[r]
        if batch.append(prefix, code) {
          limits[laneCount] = keeps[r] > 0 ? UInt64.max : thresholds[r &* classCount &+ classIndex]
          lanes[laneCount] = (request, riskClass, offset)
          laneCount &+= 1
          if batch.isFull { flush() }
        } else {
          take(batch.key(prefix, code), request: r, riskClass: riskClass, offset: offset)
        }
      }
      return true
    }

    /// A 行业 + 标签 value unlike the last row's: its requests, looked up or worked out once.
    private mutating func newPair(_ industry: UnsafeRawBufferPointer, _ tags: UnsafeRawBufferPointer) {
      pairKey.removeAll(keepingCapacity: true)
      pairKey.append(contentsOf: industry)
      pairKey.append(0xFF)  // never in UTF-8
      pairKey.append(contentsOf: tags)
      if memberships.count > 1 << 16 {
        memberships.removeAll()
        requestsOf.removeAll()
      }
      let (id, isNew) = pairKey.withUnsafeBytes { memberships.intern($0) }
      if isNew { requestsOf.append(requestsContaining(pairKey)) }
      lastRequestCount = requestsOf[id].count
      for (index, request) in requestsOf[id].enumerated() { lastRequests[index] = request }
      if industry.count + tags.count > last.count {
        memory.free(last.baseAddress!)
        last = memory.bytes((industry.count + tags.count) * 2)
      }
      if industry.count > 0 { last.baseAddress!.copyMemory(from: industry.baseAddress!, byteCount: industry.count) }
      if tags.count > 0 { (last.baseAddress! + industry.count).copyMemory(from: tags.baseAddress!, byteCount: tags.count) }
      lastIndustryCount = industry.count
      lastTagsCount = tags.count
    }

    private func requestsContaining(_ pair: [UInt8]) -> [Int32] {
      let split = pair.firstIndex(of: 0xFF)!
      let industry = String(decoding: pair[..<split], as: UTF8.self)
      let tags = String(decoding: pair[(split + 1)...], as: UTF8.self)
      let labels = Set([industry] + Directories.list(tags))
      var result: [Int32] = []
      for (index, request) in requests.enumerated() {
        let task = spec.tasks[request.task]
        let member =
          task.kind == "joint" ? task.industries.contains(industry) : !labels.isDisjoint(with: task.objects)
        if member { result.append(Int32(index)) }
      }
      return result
    }

    private mutating func flush() {
      batch.keys(into: keys, below: limits)
      for lane in 0..<laneCount {
        let entry = lanes[lane]
        take(keys[lane], request: Int(entry.request), riskClass: entry.riskClass, offset: entry.offset)
      }
      laneCount = 0
    }

    @inline(__always)
    private mutating func take(_ key: UInt64, request: Int, riskClass: Int32, offset: Int) {
      if key < thresholds[request &* classCount &+ Int(riskClass)] {
        kept.append(Kept(key: key, offset: offset, request: Int32(request), riskClass: riskClass))
      }
      let keep = keeps[request]
      if keep > 0 {
        gathered[request].smallest.append(Candidate(key: key, offset: offset, riskClass: riskClass))
        if gathered[request].smallest.count >= 2 * keep + 1024 {
          PassState.truncate(&gathered[request], to: keep)
        }
      }
    }

    static func truncate(_ gathered: inout Gathered, to keep: Int) {
      gathered.smallest.sort { $0.key < $1.key }
      guard gathered.smallest.count > keep else { return }
      if gathered.smallest[keep].key == gathered.smallest[keep - 1].key { gathered.tie = true }
      gathered.smallest.removeLast(gathered.smallest.count - keep)
      gathered.truncated = true
    }

    /// The last tickets; the kept ones and the counts filed under their request and class.
    mutating func finish() {
      flush()
      for index in gathered.indices where keeps[index] > 0 {
        PassState.truncate(&gathered[index], to: keeps[index])
      }
      for entry in kept {
        gathered[Int(entry.request)].candidates[Int(entry.riskClass)].append(
          Candidate(key: entry.key, offset: entry.offset, riskClass: entry.riskClass))
      }
      kept = []
      for request in gathered.indices {
        for riskClass in 0..<classCount { gathered[request].population[riskClass] = population[request * classCount + riskClass] }
      }
    }
  }
}

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
      DispatchQueue.concurrentPerform(iterations: 2) { worker in
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

// MARK: - Selection

extension StreamingDraw {
  /// What one task asks of the first pass, before any class size is known.
  func request(_ task: Int) -> Request {
    let sampling = spec.tasks[task].sampling
    let space = 10_000_000_000_000_000_000.0
    let thresholds: [UInt64] = spec.classes.map { riskClass in
      guard !sampling.ratios.isEmpty, let ratio = sampling.ratios[riskClass] else { return 0 }
      // Held to 0%–100%: a value from a document is checked before, but no input may trap here.
      let perMillion = min(max(ratio.perMillion, 0), Ratio.whole)
      let fraction = Double(perMillion) / 1_000_000 * (1 + options.margin) + options.floor
      return fraction >= 1 ? UInt64.max : UInt64(fraction * space)
    }
    var keep = 0
    if let count = sampling.count {
      let wanted = Double(max(0, count)) * (1 + options.margin) + Double(options.countExtra)
      keep = wanted >= Double(Int32.max) ? Int(Int32.max) : max(1, Int(wanted))
    }
    return Request(task: task, thresholds: thresholds, keep: keep)
  }

  /// After the first pass the class sizes are known: a request sized from them, for a task whose
  /// first-pass tickets may not reach its sample plus room for max-visits skips (nil: they do).
  /// Small classes, where ⌈r·N⌉ is far above r·N, are what the first thresholds miss.
  func widened(_ task: Int, _ gathered: Gathered) -> Request? {
    let sampling = spec.tasks[task].sampling
    let space = 10_000_000_000_000_000_000.0
    var short = false
    var thresholds = [UInt64](repeating: 0, count: spec.classes.count)
    for (index, riskClass) in spec.classes.enumerated() {
      guard !sampling.ratios.isEmpty, let ratio = sampling.ratios[riskClass] else { continue }
      let members = gathered.population[index]
      let size = Sampler.sampleSize(ratio, of: members)
      guard size > 0 else { continue }
      // Short: fewer than the sample, and room for skips when some are possible (more than that
      // is `resolve`'s to find: it then reads the task whole). Widened: twice the sample, and more.
      let room = spec.maxVisits == nil ? 0 : size / 8 + 4
      if gathered.candidates[index].count < min(members, size + room) { short = true }
      let wanted = 2 * size + 16
      let fraction = Double(wanted) / Double(members)
      thresholds[index] = fraction >= 1 ? UInt64.max : UInt64(fraction * space)
    }
    var keep = 0
    if let count = sampling.count.map({ min(max(0, $0), Int(Int32.max)) }) {
      keep = min(Int(Int32.max), 2 * count + 64)
      if gathered.truncated && gathered.smallest.count < count + count / 2 + 4 { short = true }
    }
    return short ? Request(task: task, thresholds: thresholds, keep: keep) : nil
  }

  /// Everything of one task: the last resort when even a widened pass kept too few.
  func everything(_ task: Int) -> Request {
    let sampling = spec.tasks[task].sampling
    let thresholds = spec.classes.map { sampling.ratios[$0] == nil ? UInt64(0) : UInt64.max }
    return Request(task: task, thresholds: thresholds, keep: sampling.count == nil ? 0 : Int(Int32.max))
  }

  struct Pick {
    var selected: [Candidate]
    var skipped: [Candidate]
    var sampleSize: [Int]
  }

  enum Resolution {
    case drawn(Pick)
    /// Too few tickets were kept: read the task again with wider margins.
    case short
    /// Two tickets share their 19-digit key: the exact path orders them.
    case tie
  }

  /// `Sampler.draw` over the kept tickets.
  func resolve(_ task: Int, _ gathered: Gathered, visits: [Int: Int]) -> Resolution {
    let sampling = spec.tasks[task].sampling
    let limit = spec.maxVisits
    var selected: [Candidate] = []
    var skipped: [Candidate] = []
    var sampleSize = Array(repeating: 0, count: classCount)
    func hasTie(_ list: [Candidate]) -> Bool {
      list.count > 1 && zip(list, list.dropFirst()).contains { $0.key == $1.key }
    }
    /// Walks `list` (sorted) taking `size`; false when it runs out and misses tickets.
    func walk(_ list: [Candidate], size: Int, complete: Bool, excluding: Set<Int> = [], count: Int? = nil) -> Bool {
      var taken = 0
      for candidate in list where !excluding.contains(candidate.offset) {
        if taken == size || (count.map { selected.count >= $0 } ?? false) { return true }
        if let limit = limit, visits[candidate.offset, default: 0] >= limit {
          skipped.append(candidate)
          continue
        }
        selected.append(candidate)
        if count != nil { sampleSize[Int(candidate.riskClass)] += 1 }
        taken += 1
      }
      return taken == size || (count.map { selected.count >= $0 } ?? false) || complete
    }
    let total = gathered.population.reduce(0, +)
    if sampling.ratios.isEmpty, let count = sampling.count {
      let list = gathered.smallest
      if gathered.tie || hasTie(list) { return .tie }
      if !walk(list, size: max(0, min(count, total)), complete: !gathered.truncated) { return .short }
      for candidate in selected { sampleSize[Int(candidate.riskClass)] += 1 }
    } else {
      for (index, riskClass) in spec.classes.enumerated() {
        let members = gathered.population[index]
        let size = sampling.ratios[riskClass].map { Sampler.sampleSize($0, of: members) } ?? 0
        sampleSize[index] = size
        guard size > 0 else { continue }
        let list = gathered.candidates[index].sorted { $0.key < $1.key }
        if hasTie(list) { return .tie }
        if !walk(list, size: size, complete: list.count == members) { return .short }
      }
      if let count = sampling.count, selected.count < count {
        let list = gathered.smallest
        if gathered.tie || hasTie(list) { return .tie }
        let taken = Set(selected.map(\.offset)).union(skipped.map(\.offset))
        if !walk(list, size: Int.max, complete: !gathered.truncated, excluding: taken, count: count) { return .short }
      }
    }
    selected.sort { $0.key < $1.key }
    skipped.sort { $0.key < $1.key }
    if hasTie(selected) || hasTie(skipped) { return .tie }
    return .drawn(Pick(selected: selected, skipped: skipped, sampleSize: sampleSize))
  }

  /// The whole target selection, or nil for the exact path; `passes` counts the reads of the
  /// directory (more than one only when a threshold kept too few tickets).
  func draw() -> (tasks: [Drawer.SampledTask], rows: Drawer.DrawnRows, fingerprint: Directories.Fingerprint, passes: Int)? {
    guard var first = pass(spec.tasks.indices.map { request($0) }, first: true),
      let sha256 = first.sha256
    else { return nil }
    hooks.phases.mark("first pass: rows, tickets, file SHA-256, duplicate check")
    hooks.freedMemory()
    var passes = 1
    // One more pass for every task whose class sizes show the first thresholds were too low (not
    // one pass per task: the directory is read as few times as possible).
    var gatheredByTask = first.gathered
    let widenedRequests = spec.tasks.indices.compactMap { widened($0, first.gathered[$0]) }
    if !widenedRequests.isEmpty {
      guard let second = pass(widenedRequests, first: false) else { return nil }
      passes += 1
      for (request, gathered) in zip(widenedRequests, second.gathered) { gatheredByTask[request.task] = gathered }
      hooks.phases.mark("widened pass (\(widenedRequests.count) tasks)")
    }
    var visits: [Int: Int] = [:]
    var picks: [Pick] = []
    for task in spec.tasks.indices {
      var gathered = gatheredByTask[task]
      var pick: Pick? = nil
      var complete = false
      while pick == nil {
        switch resolve(task, gathered, visits: visits) {
        case .drawn(let drawn): pick = drawn
        case .tie: return nil
        case .short:
          // Rare (many max-visits skips): read this task's whole population.
          guard !complete, let again = pass([everything(task)], first: false) else { return nil }
          passes += 1
          complete = true
          gathered = again.gathered[0]
        }
      }
      if spec.maxVisits != nil { for candidate in pick!.selected { visits[candidate.offset, default: 0] += 1 } }
      picks.append(pick!)
    }
    // What the rows are read again with is all that is kept from here on: the tickets kept by
    // the passes are let go before the rows are made.
    let populations = first.gathered.map(\.population)
    first.gathered = []
    gatheredByTask = []
    visits = [:]

    // The rows drawn or skipped, read again by offset.
    var offsets: [Int] = []
    for pick in picks {
      for candidate in pick.selected { offsets.append(candidate.offset) }
      for candidate in pick.skipped { offsets.append(candidate.offset) }
    }
    offsets.sort()
    var unique = 0
    for index in offsets.indices where unique == 0 || offsets[index] != offsets[unique - 1] {
      offsets[unique] = offsets[index]
      unique += 1
    }
    offsets.removeLast(offsets.count - unique)
    let sorted = offsets
    hooks.phases.mark("sampling in plan order")
    guard let drawn = fetch(sorted, headings: first.headings, identity: first.identity) else { return nil }
    hooks.phases.mark("drawn rows read again (\(sorted.count))")

    // The row of an offset is its place among the sorted offsets (`fetch` made them in that
    // order). A row read again gives the key it was drawn with, unless the file changed while it
    // was being read: then the exact path reads it whole, once.
    let rowsMatch: ([Candidate], Int) -> [Int32]? = { candidates, task in
      let rows = candidates.map { candidate -> Int32 in
        var low = 0
        var high = sorted.count
        while low < high {
          let middle = (low + high) / 2
          if sorted[middle] < candidate.offset { low = middle + 1 } else { high = middle }
        }
        return Int32(low)
      }
      var keys = [UInt64](repeating: 0, count: candidates.count)
      drawn.withTexts { texts in
        self.taskPrefixes[task].withUnsafeBytes { prefix in
          keys.withUnsafeMutableBufferPointer { keys in
            Drawer.keys(issuer: self.issuer, count: rows.count, into: keys) {
              (prefix, UnsafeRawBufferPointer(texts.code(rows[$0])), UnsafeRawBufferPointer(start: nil, count: 0))
            }
          }
        }
      }
      for (candidate, key) in zip(candidates, keys) where candidate.key != key { return nil }
      return rows
    }
    var tasks: [Drawer.SampledTask] = []
    for (index, task) in spec.tasks.enumerated() {
      let pick = picks[index]
      guard let targets = rowsMatch(pick.selected, index), let skipped = rowsMatch(pick.skipped, index) else { return nil }
      var population: [String: Int] = [:]
      var sampleSize: [String: Int] = [:]
      for (position, riskClass) in spec.classes.enumerated() {
        // The population of a task read again is the same; the first pass counted it.
        population[riskClass] = populations[index][position]
        sampleSize[riskClass] = pick.sampleSize[position]
      }
      tasks.append(
        Drawer.SampledTask(spec: task, population: population, sampleSize: sampleSize, targets: targets, skipped: skipped))
    }
    hooks.phases.mark("drawn rows checked against their keys")
    return (tasks, drawn, Directories.Fingerprint(sha256: sha256, rows: first.rows, columns: first.headings), passes)
  }

  /// The rows at `offsets` (sorted), as `Directories.targets` keeps them, in that order; nil (the
  /// exact path) when the file is no longer the one whose `identity` the first pass saw: the names
  /// and classes read now must be those of the bytes the published SHA-256 is of.
  func fetch(_ offsets: [Int], headings: [String], identity: [Int]? = nil) -> Drawer.DrawnRows? {
    func position(_ key: String) -> Int? {
      CSVTable.position(of: Directories.targetColumns.first { $0.key == key }!, in: headings)
    }
    guard let code = position("code"), let name = position("name"), let industry = position("industry"),
      let riskClass = position("class")
    else { return nil }
    let tags = position("tags")
    // Two halves, one per core, each with its own reader: the rows of the first half, then of the
    // second, are the rows in order.
    let parts = offsets.count >= max(2, options.fetchSplit) ? 2 : 1
    var results = [Drawer.DrawnRows?](repeating: nil, count: parts)
    results.withUnsafeMutableBufferPointer { results in
      DispatchQueue.concurrentPerform(iterations: parts) { part in
        let range = (offsets.count * part / parts)..<(offsets.count * (part + 1) / parts)
        // The first half's buffers have room for the second's, appended to them below.
        results[part] = fetch(
          offsets[range], columns: (code, name, industry, riskClass, tags), identity: identity,
          room: part == 0 ? offsets.count : range.count)
      }
    }
    guard var result = results[0] else { return nil }
    for more in results.dropFirst() {
      guard let more else { return nil }
      result.append(contentsOf: more)
    }
    return result
  }

  /// `fetch` of some of the offsets, on the calling thread.
  private func fetch(
    _ offsets: ArraySlice<Int>, columns: (code: Int, name: Int, industry: Int, riskClass: Int, tags: Int?),
    identity: [Int]?, room: Int
  ) -> Drawer.DrawnRows? {
    let (code, name, industry, riskClass, tags) = columns
    var scanner = RowScanner()
    var result = Drawer.DrawnRows()
    result.reserve(room)
    // Rows come in runs of the same 标签: one list shared while the cell's bytes stay the same.
    var lastTags: (text: [UInt8], list: [String])? = nil
    func tagList(_ text: UnsafeRawBufferPointer) -> [String] {
      if let last = lastTags, last.text.elementsEqual(text) { return last.list }
      let list = Directories.list(String(decoding: text, as: UTF8.self))
      lastTags = (Array(text), list)
      return list
    }
    let scratch = ByteScratch()
    let industryScratch = ByteScratch()
    let classScratch = ByteScratch()
    let nameScratch = ByteScratch()
    let tagsScratch = ByteScratch()
    func make(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int, final: Bool) -> Bool? {
      guard case .row(let end) = scanner.scan(bytes.baseAddress!, from: 0, count: bytes.count, final: final) else {
        return nil
      }
      // Too few cells: the file changed since the pass (the exact path reads it as it is now).
      guard scanner.cells.count > max(code, name, industry, riskClass, tags ?? 0) else { return false }
      func cell(_ index: Int, _ scratch: ByteScratch) -> UnsafeRawBufferPointer {
        RowScanner.trimmed(RowScanner.text(scanner.cells[index], bytes.baseAddress!, scratch: scratch))
      }
      let codeText = cell(code, scratch)
      // (Each cell rebuilt from quotes has its own scratch: the texts are read together below.)
      _ = result.append(
        code: codeText, name: cell(name, nameScratch), industry: cell(industry, industryScratch),
        riskClass: cell(riskClass, classScratch), tags: tags.map { tagList(cell($0, tagsScratch)) } ?? [],
        span: Span(file: directory.id, start: offset, end: offset + end))
      return true
    }
    switch directory.storage {
    case .memory(let bytes):
      let ok = bytes.withUnsafeBufferPointer { all in
        offsets.allSatisfy { make(UnsafeBufferPointer(rebasing: all[$0...]), $0, final: true) == true }
      }
      if !ok { return nil }
    case .source:
      guard let reader = directory.makeSource() else { return nil }
      // A window of the file read at a time: the drawn rows of a large directory lie a few
      // kilobytes apart, so one read serves hundreds of them (one `pread` per row cost more).
      var window = [UInt8](repeating: 0, count: 1 << 20)
      var windowStart = 0
      var windowCount = 0
      for offset in offsets {
        while true {
          if offset < windowStart || offset >= windowStart + windowCount {
            windowStart = offset
            windowCount = window.withUnsafeMutableBytes { ByteSources.fill($0, from: reader, at: offset) }
            // A read error is not the end of the file: a row would be taken as cut short.
            if windowCount < 0 { return nil }
          }
          let final = windowStart + windowCount < windowStart + window.count
          let made = window.withUnsafeBufferPointer {
            make(UnsafeBufferPointer(rebasing: $0[(offset - windowStart)..<windowCount]), offset, final: final)
          }
          if made == true { break }
          if made == false || (final && offset == windowStart) { return nil }
          if offset == windowStart {
            // A row longer than the window: a larger one.
            window = [UInt8](repeating: 0, count: window.count * 2)
          }
          windowCount = 0  // read again from this row
        }
      }
      guard let identity, reader.identity() == identity else { return nil }
    }
    return result
  }
}
