import ChouchaCore
import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

extension StreamingDraw {
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
      let tags = Directories.list(String(decoding: pair[(split + 1)...], as: UTF8.self))
      var result: [Int32] = []
      for (index, request) in requests.enumerated() where spec.tasks[request.task].contains(industry: industry, tags: tags) {
        result.append(Int32(index))
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
