extension Drawer {
  /// The rows of the target directory that a draw selected or skipped, compactly: their texts in
  /// one buffer. At ten million rows a draw keeps a quarter of a million of them; as
  /// `Directories.Target`s (five strings and an array each: heap objects and reference counts)
  /// they took about 100 MB and most of the time after the pass, here a few megabytes.
  ///
  /// A row is its index (`Int32`); the documents read its texts as bytes (`withTexts`), and
  /// `target(_:)` makes the `Directories.Target` for whoever asks for one.
  public struct DrawnRows: Sendable {
    // `@usableFromInline` and `@inlinable` below: ChouchaDraw reads a row's code once per key it
    // hashes (targets × eligible inspectors), where a call across the module boundary would cost.
    @usableFromInline package struct Entry: Sendable {
      /// Where the row's code, name, 行业 and class begin in `bytes`, one after the other.
      @usableFromInline var start: Int
      @usableFromInline var codeCount: Int32
      var nameCount: Int32
      var industryCount: Int32
      var classCount: Int32
      var span: Span
      /// 经营异常, as the draw read it (`Directories.Target.abnormal`).
      var abnormal = false
    }

    @usableFromInline private(set) var bytes: [UInt8] = []
    @usableFromInline private(set) var entries: [Entry] = []

    /// How many rows: every row is one entity (the directory's codes are unique).
    package var count: Int { entries.count }
    /// 标签 per row: the lists are shared between rows with the same cell.
    private(set) var tags: [[String]] = []

    /// Room for `rows` rows (and their texts, at a guess), so that the buffers are not copied as
    /// they grow: a copy is, for a moment, the buffer twice.
    package init() {}

    package mutating func reserve(_ rows: Int) {
      entries.reserveCapacity(rows)
      tags.reserveCapacity(rows)
      bytes.reserveCapacity(rows * 64)
    }

    /// Adds a row from its cells' bytes (trimmed, as `Directories.targets` keeps them).
    package mutating func append<C: Collection<UInt8>>(
      code: C, name: C, industry: C, riskClass: C, tags: [String], span: Span, abnormal: Bool = false
    ) -> Int32 {
      let start = bytes.count
      bytes.append(contentsOf: code)
      bytes.append(contentsOf: name)
      bytes.append(contentsOf: industry)
      bytes.append(contentsOf: riskClass)
      entries.append(
        Entry(
          start: start, codeCount: Int32(code.count), nameCount: Int32(name.count), industryCount: Int32(industry.count),
          classCount: Int32(riskClass.count), span: span, abnormal: abnormal))
      self.tags.append(tags)
      return Int32(entries.count - 1)
    }

    /// Appends the rows of `other` after these.
    package mutating func append(contentsOf other: DrawnRows) {
      let shift = bytes.count
      bytes.append(contentsOf: other.bytes)
      entries.append(
        contentsOf: other.entries.lazy.map {
          var entry = $0
          entry.start += shift
          return entry
        })
      tags.append(contentsOf: other.tags)
    }

    package mutating func append(_ target: Directories.Target) -> Int32 {
      append(
        code: target.code.utf8, name: target.name.utf8, industry: target.industry.utf8,
        riskClass: target.riskClass.utf8, tags: target.tags, span: target.span, abnormal: target.abnormal)
    }

    /// The row as a directory target.
    public func target(_ row: Int32) -> Directories.Target {
      withTexts { texts in
        func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
        return Directories.Target(
          code: string(texts.code(row)), name: string(texts.name(row)), industry: string(texts.industry(row)),
          tags: tags[Int(row)], riskClass: string(texts.riskClass(row)), span: entries[Int(row)].span,
          abnormal: entries[Int(row)].abnormal)
      }
    }

    /// The rows' texts in place, valid inside `body`.
    @inlinable
    package func withTexts<R>(_ body: (Texts) throws -> R) rethrows -> R {
      try bytes.withUnsafeBufferPointer { bytes in
        try entries.withUnsafeBufferPointer { entries in
          // An empty array may have no address; no row is read then.
          try body(Texts(base: bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!, entries: entries))
        }
      }
    }

    @usableFromInline package struct Texts {
      @usableFromInline let base: UnsafePointer<UInt8>
      @usableFromInline let entries: UnsafeBufferPointer<Entry>

      @inlinable
      init(base: UnsafePointer<UInt8>, entries: UnsafeBufferPointer<Entry>) {
        self.base = base
        self.entries = entries
      }

      @inlinable @inline(__always)
      func text(_ row: Int32, skip: Int, count: Int32) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + entries[Int(row)].start + skip, count: Int(count))
      }
      @inlinable
      package func code(_ row: Int32) -> UnsafeBufferPointer<UInt8> {
        text(row, skip: 0, count: entries[Int(row)].codeCount)
      }
      func name(_ row: Int32) -> UnsafeBufferPointer<UInt8> {
        let entry = entries[Int(row)]
        return text(row, skip: Int(entry.codeCount), count: entry.nameCount)
      }
      func industry(_ row: Int32) -> UnsafeBufferPointer<UInt8> {
        let entry = entries[Int(row)]
        return text(row, skip: Int(entry.codeCount + entry.nameCount), count: entry.industryCount)
      }
      func riskClass(_ row: Int32) -> UnsafeBufferPointer<UInt8> {
        let entry = entries[Int(row)]
        return text(row, skip: Int(entry.codeCount + entry.nameCount + entry.industryCount), count: entry.classCount)
      }
    }
  }
}
