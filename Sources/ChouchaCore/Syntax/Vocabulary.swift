/// A set of words with an English and a Chinese spelling each, plus aliases copied from real
/// spreadsheets (现场检查 for 实地检查). The first spelling of each language is canonical: `fmt`
/// writes it.
public struct Vocabulary<Value: Hashable & Sendable>: Sendable {
  public struct Entry: Sendable {
    public var value: Value
    public var english: String
    public var chinese: String
    public var aliases: [String]
  }

  public let entries: [Entry]
  private let table: [String: Value]
  /// Every spelling's bytes, back to back, and an open-addressing table over them, for lookups
  /// straight from source bytes: no String is made, nothing is retained.
  private let storage: [UInt8]
  private let slots: [(start: Int32, count: Int32, value: Int32)]
  private let values: [Value]

  public init(_ entries: [(Value, String, String, [String])]) {
    self.entries = entries.map { Entry(value: $0.0, english: $0.1, chinese: $0.2, aliases: $0.3) }
    var table: [String: Value] = [:]
    for entry in self.entries {
      for spelling in [entry.english, entry.chinese] + entry.aliases {
        precondition(table[spelling] == nil, "vocabulary spelling '\(spelling)' used twice")
        table[spelling] = entry.value
      }
    }
    self.table = table
    var storage: [UInt8] = []
    var values: [Value] = []
    var slots = [(start: Int32, count: Int32, value: Int32)](repeating: (0, 0, -1), count: Vocabulary.slotCount(table.count))
    for (spelling, value) in table.sorted(by: { bytesPrecede($0.key, $1.key) }) {
      let bytes = Array(spelling.utf8)
      var slot = bytes.withUnsafeBytes { Vocabulary.hash($0) } & (slots.count - 1)
      while slots[slot].value >= 0 { slot = (slot + 1) & (slots.count - 1) }
      slots[slot] = (Int32(storage.count), Int32(bytes.count), Int32(values.count))
      storage += bytes
      values.append(value)
    }
    self.storage = storage
    self.slots = slots
    self.values = values
  }

  static func slotCount(_ count: Int) -> Int {
    var size = 16
    while size < count * 4 { size *= 2 }
    return size
  }

  /// FNV-1a.
  @inline(__always)
  static func hash(_ bytes: UnsafeRawBufferPointer) -> Int {
    var hash: UInt32 = 2_166_136_261
    for byte in bytes { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
    return Int(hash)
  }

  public func lookup(_ word: String) -> Value? { table[word] }

  /// The value spelt by these bytes, if any.
  public func lookup(_ bytes: ArraySlice<UInt8>) -> Value? {
    bytes.withUnsafeBytes { word -> Value? in
      let mask = slots.count - 1
      var slot = Vocabulary.hash(word) & mask
      return storage.withUnsafeBytes { storage -> Value? in
        slots.withUnsafeBufferPointer { slots -> Value? in
          while true {
            let entry = slots[slot]
            guard entry.value >= 0 else { return nil }
            if Int(entry.count) == word.count,
              bytesEqual(UnsafeRawBufferPointer(rebasing: storage[Int(entry.start)..<Int(entry.start + entry.count)]), word)
            {
              return values[Int(entry.value)]
            }
            slot = (slot + 1) & mask
          }
        }
      }
    }
  }

  public func entry(_ value: Value) -> Entry {
    entries.first { $0.value == value }!
  }

  public func spelling(_ value: Value, _ language: Language) -> String {
    let entry = entry(value)
    return language == .zh ? entry.chinese : entry.english
  }

  /// Both canonical spellings, for messages: “kind（类型）”.
  public func describe(_ value: Value) -> String {
    let entry = entry(value)
    return "\(entry.chinese)（\(entry.english)）"
  }

  /// Every spelling, for “did you mean”.
  public var allSpellings: [String] {
    entries.flatMap { [$0.english, $0.chinese] + $0.aliases }
  }

  /// The canonical spellings, listed in both languages, for help texts.
  public var listing: String {
    entries.map { "\($0.chinese)（\($0.english)）" }.joined(separator: "、")
  }
}
