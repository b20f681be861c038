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
  private let spellings: ByteTable
  /// The value of each spelling, by its id in `spellings`.
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
    var spellings = ByteTable(capacity: table.count)
    var values: [Value] = []
    for (spelling, value) in table.sorted(by: { bytesPrecede($0.key, $1.key) }) {
      var spelling = spelling
      _ = spelling.withUTF8 { spellings.intern(UnsafeRawBufferPointer($0)) }
      values.append(value)
    }
    self.spellings = spellings
    self.values = values
  }

  public func lookup(_ word: String) -> Value? { table[word] }

  /// The value spelt by these bytes, if any.
  public func lookup(_ bytes: ArraySlice<UInt8>) -> Value? {
    bytes.withUnsafeBytes { spellings.id(of: $0) }.map { values[$0] }
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
