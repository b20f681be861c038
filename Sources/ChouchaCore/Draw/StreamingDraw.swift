import Dispatch

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
/// Anything unusual — a problem to report, a GB18030 file, a credit code that is not ASCII, two
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
  }

  let spec: Drawer.Spec
  let issuer: TicketIssuer
  let directory: TargetDirectory
  let options: Options
  let classCount: Int
  let taskPrefixes: [[UInt8]]

  init(spec: Drawer.Spec, issuer: TicketIssuer, directory: TargetDirectory, options: Options = Options()) {
    self.spec = spec
    self.issuer = issuer
    self.directory = directory
    self.options = options
    classCount = spec.classes.count
    taskPrefixes = spec.tasks.map { Array(($0.id + "|").utf8) }
  }

  // MARK: - The pass

  /// Reads the directory once, gathering what `requests` ask for. Nil: take the exact path.
  func pass(_ requests: [Request], fingerprint: Bool) -> PassResult? {
    // A struct reached through a pointer: a class's stored properties would be checked for
    // exclusive access at run time on every row (measured: a seventh of the time).
    var state = PassState(spec: spec, requests: requests, issuer: issuer, classCount: classCount, prefixes: taskPrefixes)
    defer { state.batch.deallocate() }
    var hasher = SHA256Hasher()
    let capacity = options.chunk
    var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 64)
    defer { buffer.deallocate() }

    switch directory.storage {
    case .memory(let bytes):
      if fingerprint { hasher.update(bytes) }
      let ok = bytes.withUnsafeBufferPointer { state.scan($0, base: 0, final: true) }
      guard ok != nil else { return nil }
    case .file(let path):
      guard let reader = ByteReader(path: path) else { return nil }
      defer { reader.close() }
      var filled = 0
      var base = 0
      while true {
        let read = reader.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
        if read < 0 { return nil }
        let final = filled + read < buffer.count
        let fresh = UnsafeRawBufferPointer(rebasing: buffer[filled..<(filled + read)])
        let total = filled + read
        let view = UnsafeBufferPointer(start: buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), count: total)
        var consumed: Int? = nil
        if fingerprint {
          // The file's SHA-256 on one core, the rows on the other.
          let box = HasherBox(hasher)
          withUnsafeMutablePointer(to: &state) { state in
            DispatchQueue.concurrentPerform(iterations: 2) { part in
              if part == 0 { box.hasher.update(fresh) } else { consumed = state.pointee.scan(view, base: base, final: final) }
            }
          }
          hasher = box.hasher
        } else {
          consumed = state.scan(view, base: base, final: final)
        }
        guard let used = consumed else { return nil }
        if final { break }
        let left = total - used
        if used == 0 {
          // One row longer than the buffer: grow it.
          let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 64)
          bigger.baseAddress!.copyMemory(from: buffer.baseAddress!, byteCount: total)
          buffer.deallocate()
          buffer = bigger
        } else if left > 0 {
          buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + used, byteCount: left)
        }
        filled = left
        base += used
      }
    }
    guard state.finish() else { return nil }
    return PassResult(
      gathered: state.gathered, rows: state.rows, headings: state.headings,
      sha256: fingerprint ? SHA256.hex(hasher.finalize()) : nil)
  }

  final class HasherBox: @unchecked Sendable {
    var hasher: SHA256Hasher
    init(_ hasher: SHA256Hasher) { self.hasher = hasher }
  }

  /// The rows of one pass, chunk after chunk.
  struct PassState {
    let spec: Drawer.Spec
    let requests: [Request]
    let classCount: Int
    let prefixes: [[UInt8]]
    var gathered: [Gathered]
    var rows = 0
    var headings: [String] = []
    var headerSeen = false
    var positions: (code: Int, name: Int, industry: Int, tags: Int?, riskClass: Int) = (0, 0, 0, nil, 0)
    var width = 0
    var scanner = RowScanner()
    /// Texts rebuilt from quoted cells, one buffer per cell kept while the row is read.
    var scratch: [UInt8] = []
    var industryScratch: [UInt8] = []
    var tagsScratch: [UInt8] = []
    var codeScratch: [UInt8] = []
    var classes = ByteInterner()
    var classOf: [Int32] = []
    var memberships = ByteInterner()
    /// Per (行业, 标签) value: the requests whose population it is in.
    var requestsOf: [[Int32]] = []
    var pairKey: [UInt8] = []
    /// Fingerprints of the credit codes, in blocks sorted when full.
    var fingerprints: [[UInt64]] = [[]]
    static let fingerprintBlock = 1 << 20
    var batch: TicketBatch
    /// Per lane of the batch: request, class, offset.
    var lanes: [(request: Int32, riskClass: Int32, offset: Int)] = []
    var keys = [UInt64](repeating: 0, count: TicketBatch.lanes)
    /// Per lane, the key below which it is kept (`UInt64.max` when a count needs every key).
    var limits = [UInt64](repeating: 0, count: TicketBatch.lanes)
    let thresholds: [[UInt64]]
    /// The last row's 行业 and 标签 and their membership: rows come in runs of one kind.
    var lastIndustry: [UInt8] = []
    var lastTags: [UInt8] = []
    var lastPair = -1

    init(spec: Drawer.Spec, requests: [Request], issuer: TicketIssuer, classCount: Int, prefixes: [[UInt8]]) {
      self.spec = spec
      self.requests = requests
      self.classCount = classCount
      self.prefixes = prefixes
      gathered = requests.map { _ in
        Gathered(population: Array(repeating: 0, count: classCount), candidates: Array(repeating: [], count: classCount))
      }
      thresholds = requests.map(\.thresholds)
      batch = TicketBatch(issuer: issuer)
      lanes.reserveCapacity(TicketBatch.lanes)
      fingerprints[0].reserveCapacity(PassState.fingerprintBlock)
    }

    /// Scans the complete rows of `bytes` (whose first byte is at `base` in the file). Returns
    /// how many bytes were used, or nil when the exact path must take over.
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, base: Int, final: Bool) -> Int? {
      guard let start = bytes.baseAddress else {
        return final && headerSeen ? 0 : nil
      }
      var index = 0
      if base == 0, bytes.count >= 3, start[0] == 0xEF, start[1] == 0xBB, start[2] == 0xBF { index = 3 }
      if base == 0, !final, bytes.count < 3 { return 0 }
      while index < bytes.count {
        switch scanner.scan(start, from: index, count: bytes.count, final: final) {
        case .incomplete:
          guard isValidUTF8(UnsafeBufferPointer(rebasing: bytes[..<index])) else { return nil }
          return index
        case .unterminated:
          return nil
        case .row(let end):
          if !headerSeen {
            guard header(start) else { return nil }
          } else {
            guard row(start, offset: base + index) else { return nil }
          }
          index = end
        }
      }
      guard isValidUTF8(bytes) else { return nil }
      return index
    }

    private mutating func header(_ bytes: UnsafePointer<UInt8>) -> Bool {
      headerSeen = true
      headings = scanner.cells.map { cell in
        CSVTable.heading(String(decoding: RowScanner.text(cell, bytes, scratch: &scratch), as: UTF8.self))
      }
      width = headings.count
      let headings = headings
      func position(_ key: String) -> Int? {
        CSVTable.position(of: Directories.targetColumns.first { $0.key == key }!, in: headings)
      }
      guard let code = position("code"), let name = position("name"), let industry = position("industry"),
        let riskClass = position("class")
      else { return false }
      positions = (code, name, industry, position("tags"), riskClass)
      return true
    }

    private mutating func row(_ bytes: UnsafePointer<UInt8>, offset: Int) -> Bool {
      let cells = scanner.cells
      // Blank rows are passed over, as `CSVTable` does.
      var blank = true
      for cell in cells where RowScanner.trimmed(RowScanner.text(cell, bytes, scratch: &scratch)).count > 0 {
        blank = false
        break
      }
      if blank { return true }
      // Ragged rows and empty required cells are reported by the exact path.
      if cells.count < width { return false }
      if cells.count > width {
        for cell in cells[width...] where RowScanner.trimmed(RowScanner.text(cell, bytes, scratch: &scratch)).count > 0 {
          return false
        }
      }
      if RowScanner.trimmed(RowScanner.text(cells[positions.name], bytes, scratch: &scratch)).count == 0 { return false }
      rows += 1

      // 信用风险分类.
      let classText = RowScanner.trimmed(RowScanner.text(cells[positions.riskClass], bytes, scratch: &scratch))
      if classText.count == 0 { return false }
      let (classID, newClass) = classes.intern(classText)
      if newClass {
        let text = String(decoding: classText, as: UTF8.self)
        classOf.append(Int32(spec.classes.firstIndex { $0 == text } ?? -1))
      }
      let riskClass = classOf[classID]
      if riskClass < 0 { return false }

      // 行业 and 标签: the requests whose population the row is in.
      let industry = RowScanner.trimmed(RowScanner.text(cells[positions.industry], bytes, scratch: &industryScratch))
      if industry.count == 0 { return false }
      var tags = UnsafeRawBufferPointer(start: nil, count: 0)
      if let column = positions.tags { tags = RowScanner.trimmed(RowScanner.text(cells[column], bytes, scratch: &tagsScratch)) }
      let pairID: Int
      if lastPair >= 0, lastIndustry.withUnsafeBytes({ bytesEqual($0, industry) }),
        lastTags.withUnsafeBytes({ bytesEqual($0, tags) })
      {
        pairID = lastPair
      } else {
        pairKey.removeAll(keepingCapacity: true)
        pairKey.append(contentsOf: industry)
        pairKey.append(0xFF)  // never in UTF-8
        pairKey.append(contentsOf: tags)
        if memberships.count > 1 << 16 {
          memberships.removeAll()
          requestsOf.removeAll()
        }
        let (id, newPair) = pairKey.withUnsafeBytes { memberships.intern($0) }
        if newPair { requestsOf.append(requestsContaining(pairKey)) }
        pairID = id
        lastIndustry = Array(industry)
        lastTags = Array(tags)
        lastPair = id
      }

      // 统一社会信用代码: ASCII (else the exact path, which compares codes as Swift strings).
      let code = RowScanner.trimmed(RowScanner.text(cells[positions.code], bytes, scratch: &codeScratch))
      if code.count == 0 { return false }
      for byte in code where byte >= 0x80 { return false }
      fingerprints[fingerprints.count - 1].append(codeFingerprint(code))
      if fingerprints[fingerprints.count - 1].count == PassState.fingerprintBlock {
        radixSort(&fingerprints[fingerprints.count - 1])
        fingerprints.append([])
        fingerprints[fingerprints.count - 1].reserveCapacity(PassState.fingerprintBlock)
      }

      for request in requestsOf[pairID] {
        let r = Int(request)
        gathered[r].population[Int(riskClass)] += 1
        let prefix = prefixes[requests[r].task]
        let appended = prefix.withUnsafeBytes { batch.append($0, code) }
        if appended {
          limits[lanes.count] = requests[r].keep > 0 ? UInt64.max : thresholds[r][Int(riskClass)]
          lanes.append((request, riskClass, offset))
          if batch.isFull { flush() }
        } else {
          let key = prefix.withUnsafeBytes { batch.key($0, code) }
          take(key, request: r, riskClass: riskClass, offset: offset)
        }
      }
      return true
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
      keys.withUnsafeMutableBufferPointer { keys in
        limits.withUnsafeBufferPointer { batch.keys(into: keys.baseAddress!, below: $0.baseAddress!) }
      }
      for (lane, entry) in lanes.enumerated() {
        take(keys[lane], request: Int(entry.request), riskClass: entry.riskClass, offset: entry.offset)
      }
      lanes.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    private mutating func take(_ key: UInt64, request: Int, riskClass: Int32, offset: Int) {
      let candidate = Candidate(key: key, offset: offset, riskClass: riskClass)
      if key < thresholds[request][Int(riskClass)] { gathered[request].candidates[Int(riskClass)].append(candidate) }
      let keep = requests[request].keep
      if keep > 0 {
        gathered[request].smallest.append(candidate)
        if gathered[request].smallest.count >= 2 * keep + 1024 {
          truncate(request, to: keep)
        }
      }
    }

    private mutating func truncate(_ request: Int, to keep: Int) {
      gathered[request].smallest.sort { $0.key < $1.key }
      let smallest = gathered[request].smallest
      guard smallest.count > keep else { return }
      if smallest[keep].key == smallest[keep - 1].key { gathered[request].tie = true }
      gathered[request].smallest.removeLast(smallest.count - keep)
      gathered[request].truncated = true
    }

    /// Last tickets, and the duplicate check. False: take the exact path.
    mutating func finish() -> Bool {
      guard headerSeen else { return false }
      flush()
      for index in gathered.indices where requests[index].keep > 0 {
        truncate(index, to: requests[index].keep)
      }
      // Duplicate credit codes: sort the last block (the others are sorted), merge, compare.
      radixSort(&fingerprints[fingerprints.count - 1])
      var heads = fingerprints.map { _ in 0 }
      var previous: UInt64? = nil
      while true {
        var best = -1
        for block in fingerprints.indices where heads[block] < fingerprints[block].count {
          if best < 0 || fingerprints[block][heads[block]] < fingerprints[best][heads[best]] { best = block }
        }
        if best < 0 { break }
        let value = fingerprints[best][heads[best]]
        if value == previous { return false }
        previous = value
        heads[best] += 1
      }
      fingerprints = []
      return true
    }
  }
}

/// Sorts 64-bit numbers in eight passes of one byte (LSD radix): the fingerprints of a million
/// codes in a fraction of what a comparison sort takes.
func radixSort(_ values: inout [UInt64]) {
  let count = values.count
  guard count > 1 else { return }
  var other = [UInt64](repeating: 0, count: count)
  values.withUnsafeMutableBufferPointer { source in
    other.withUnsafeMutableBufferPointer { target in
      var from = source.baseAddress!
      var to = target.baseAddress!
      var counts = [Int](repeating: 0, count: 256)
      for shift in stride(from: UInt64(0), to: 64, by: 8) {
        for index in 0..<256 { counts[index] = 0 }
        for index in 0..<count { counts[Int(truncatingIfNeeded: from[index] >> shift) & 0xFF] += 1 }
        var total = 0
        for index in 0..<256 {
          let bucket = counts[index]
          counts[index] = total
          total += bucket
        }
        for index in 0..<count {
          let value = from[index]
          let bucket = Int(truncatingIfNeeded: value >> shift) & 0xFF
          to[counts[bucket]] = value
          counts[bucket] += 1
        }
        swap(&from, &to)
      }
      // Eight passes: the sorted values are back in `values`.
    }
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
      let fraction = Double(ratio.perMillion) / 1_000_000 * (1 + options.margin) + options.floor
      return fraction >= 1 ? UInt64.max : UInt64(fraction * space)
    }
    var keep = 0
    if let count = sampling.count {
      let wanted = Double(count) * (1 + options.margin) + Double(options.countExtra)
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
      let size = min(ratio.sampleSize(of: members), members)
      guard size > 0 else { continue }
      // Short: fewer than the sample and some room for skips. Widened: twice that, and more.
      if gathered.candidates[index].count < min(members, size + size / 2 + 4) { short = true }
      let wanted = 2 * size + 16
      let fraction = Double(wanted) / Double(members)
      thresholds[index] = fraction >= 1 ? UInt64.max : UInt64(fraction * space)
    }
    var keep = 0
    if let count = sampling.count {
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
      if !walk(list, size: min(count, total), complete: !gathered.truncated) { return .short }
      for candidate in selected { sampleSize[Int(candidate.riskClass)] += 1 }
    } else {
      for (index, riskClass) in spec.classes.enumerated() {
        let members = gathered.population[index]
        let size = min(sampling.ratios[riskClass].map { $0.sampleSize(of: members) } ?? 0, members)
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
  func draw() -> (tasks: [Drawer.SampledTask], fingerprint: Directories.Fingerprint, passes: Int)? {
    guard let first = pass(spec.tasks.indices.map { request($0) }, fingerprint: true),
      let sha256 = first.sha256
    else { return nil }
    var passes = 1
    // One more pass for every task whose class sizes show the first thresholds were too low (not
    // one pass per task: the directory is read as few times as possible).
    var gatheredByTask = first.gathered
    let widenedRequests = spec.tasks.indices.compactMap { widened($0, first.gathered[$0]) }
    if !widenedRequests.isEmpty {
      guard let second = pass(widenedRequests, fingerprint: false) else { return nil }
      passes += 1
      for (request, gathered) in zip(widenedRequests, second.gathered) { gatheredByTask[request.task] = gathered }
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
          guard !complete, let again = pass([everything(task)], fingerprint: false) else { return nil }
          passes += 1
          complete = true
          gathered = again.gathered[0]
        }
      }
      for candidate in pick!.selected { visits[candidate.offset, default: 0] += 1 }
      picks.append(pick!)
    }

    // The rows drawn or skipped, read again by offset.
    var offsets = Set<Int>()
    for pick in picks {
      for candidate in pick.selected { offsets.insert(candidate.offset) }
      for candidate in pick.skipped { offsets.insert(candidate.offset) }
    }
    guard let rows = fetch(offsets.sorted(), headings: first.headings) else { return nil }

    var tasks: [Drawer.SampledTask] = []
    for (index, task) in spec.tasks.enumerated() {
      let pick = picks[index]
      let gathered = first.gathered[index]
      // A row read again gives the ticket it was drawn with, unless the file changed while it was
      // being read: then the exact path reads it whole, once.
      func ticket(_ candidate: Candidate) -> (Directories.Target, Ticket)? {
        guard let target = rows[candidate.offset] else { return nil }
        let ticket = issuer.ticket(id: Sampler.targetID(task: task.id, code: target.code))
        return ticket.key == candidate.key ? (target, ticket) : nil
      }
      let visits = pick.selected.compactMap(ticket)
      let skips = pick.skipped.compactMap(ticket)
      guard visits.count == pick.selected.count, skips.count == pick.skipped.count else { return nil }
      var population: [String: Int] = [:]
      var sampleSize: [String: Int] = [:]
      for (position, riskClass) in spec.classes.enumerated() {
        // The population of a task read again is the same; the first pass counted it.
        population[riskClass] = gathered.population[position]
        sampleSize[riskClass] = pick.sampleSize[position]
      }
      tasks.append(
        Drawer.SampledTask(
          spec: task, population: population, sampleSize: sampleSize,
          visits: visits.map { (target: $0.0, ticket: $0.1) },
          skipped: skips.map { (code: $0.0.code, ticket: $0.1) }))
    }
    return (tasks, Directories.Fingerprint(sha256: sha256, rows: first.rows, columns: first.headings), passes)
  }

  /// The rows at `offsets` (sorted), as `Directories.targets` makes them.
  func fetch(_ offsets: [Int], headings: [String]) -> [Int: Directories.Target]? {
    func position(_ key: String) -> Int? {
      CSVTable.position(of: Directories.targetColumns.first { $0.key == key }!, in: headings)
    }
    guard let code = position("code"), let name = position("name"), let industry = position("industry"),
      let riskClass = position("class")
    else { return nil }
    let tags = position("tags")
    var scanner = RowScanner()
    var result: [Int: Directories.Target] = [:]
    func make(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int, final: Bool) -> Bool? {
      guard case .row(let end) = scanner.scan(bytes.baseAddress!, from: 0, count: bytes.count, final: final) else {
        return nil
      }
      var scratch: [UInt8] = []
      func cell(_ index: Int) -> String {
        String(decoding: RowScanner.text(scanner.cells[index], bytes.baseAddress!, scratch: &scratch), as: UTF8.self)
          .trimmingCharacters(in: " \t\r\n\u{3000}")
      }
      result[offset] = Directories.Target(
        code: cell(code), name: cell(name), industry: cell(industry),
        tags: tags.map { Directories.list(cell($0)) } ?? [], riskClass: cell(riskClass),
        span: Span(file: directory.id, start: offset, end: offset + end))
      return true
    }
    switch directory.storage {
    case .memory(let bytes):
      let ok = bytes.withUnsafeBufferPointer { all in
        offsets.allSatisfy { make(UnsafeBufferPointer(rebasing: all[$0...]), $0, final: true) == true }
      }
      if !ok { return nil }
    case .file(let path):
      guard let reader = ByteReader(path: path) else { return nil }
      defer { reader.close() }
      var buffer = [UInt8](repeating: 0, count: 4096)
      for offset in offsets {
        while true {
          let read = buffer.withUnsafeMutableBytes { reader.read(into: $0, at: offset) }
          let final = read < buffer.count
          let made = buffer.withUnsafeBufferPointer { make(UnsafeBufferPointer(rebasing: $0[..<read]), offset, final: final) }
          if made == true { break }
          if final { return nil }
          buffer = [UInt8](repeating: 0, count: buffer.count * 2)
        }
      }
    }
    return result
  }
}
