/// “Did you mean …?”: the closest name in scope by edit distance (Elm's `Suggest.hs`).
public enum Suggest {
  /// “是否想写“X”？” before `help`, when there is a suggestion: one wording everywhere.
  public static func help(_ suggestion: String?, _ help: Text, ifNot: Bool = false) -> Text {
    guard let suggestion else { return help }
    return ifNot
      ? Text(zh: "是否想写“\(suggestion)”？若不是，\(help.zh)", en: "did you mean '\(suggestion)'? If not, \(help.en)")
      : Text(zh: "是否想写“\(suggestion)”？\(help.zh)", en: "did you mean '\(suggestion)'? \(help.en)")
  }

  /// The candidate closest to `word`, if it is close enough to be a plausible typo: at most a third
  /// of the word's characters differ (at least one). Ties go to the first in byte order, so the
  /// suggestion does not depend on declaration order.
  public static func closest<C: Collection>(to word: String, among candidates: C) -> String?
  where C.Element == String {
    // Names are short; a huge word is no typo of one, and comparing it would take long.
    guard word.utf8.count <= 256 else { return nil }
    let target = Array(word.unicodeScalars)
    let limit = max(1, target.count / 3)
    // Every one- or two-letter Latin name is one edit from every other: suggest only case slips.
    // (Two Chinese characters carry a word's meaning; 本机 → 本级 is worth suggesting.)
    guard target.count > 2 || !word.unicodeScalars.allSatisfy(\.isASCII) else {
      return candidates.first { $0 != word && $0.lowercased() == word.lowercased() }
    }
    var best: (distance: Int, name: String)?
    for candidate in candidates where candidate != word {
      let scalars = Array(candidate.unicodeScalars)
      if abs(scalars.count - target.count) > limit { continue }
      let distance = editDistance(target, scalars, limit: limit)
      guard distance <= limit else { continue }
      if best == nil || distance < best!.distance
        || (distance == best!.distance && bytesPrecede(candidate, best!.name))
      {
        best = (distance, candidate)
      }
    }
    // A case-only difference is always worth suggesting.
    if best == nil, let match = candidates.first(where: { $0.lowercased() == word.lowercased() && $0 != word }) {
      return match
    }
    return best?.name
  }

  /// Optimal string alignment distance (Levenshtein plus transpositions), stopping early once
  /// every entry of a row exceeds `limit`.
  static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous2 = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var row = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      row[0] = i
      var rowMinimum = row[0]
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        var value = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          value = min(value, previous2[j - 2] + 1)
        }
        row[j] = value
        rowMinimum = min(rowMinimum, value)
      }
      if rowMinimum > limit { return rowMinimum }
      (previous2, previous, row) = (previous, row, previous2)
    }
    return previous[b.count]
  }
}
