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
      // Each worker writes its own slot.
      let slots = WorkerShared(results)
      DispatchQueue.concurrentPerform(iterations: parts) { part in
        let results = slots.value
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
