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
  /// Spellings by UTF-8 length, for lookups straight from source bytes without making a String.
  private let byLength: [[([UInt8], Value)]]

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
    var byLength: [[([UInt8], Value)]] = []
    for (spelling, value) in table {
      let bytes = Array(spelling.utf8)
      while byLength.count <= bytes.count { byLength.append([]) }
      byLength[bytes.count].append((bytes, value))
    }
    self.byLength = byLength
  }

  public func lookup(_ word: String) -> Value? { table[word] }

  /// The value spelt by these bytes, if any.
  public func lookup(_ bytes: ArraySlice<UInt8>) -> Value? {
    guard bytes.count < byLength.count else { return nil }
    for (spelling, value) in byLength[bytes.count] where spelling.elementsEqual(bytes) { return value }
    return nil
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
