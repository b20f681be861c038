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

  /// The names of one scope, indexed once so that each misspelt name costs the trie nodes within
  /// reach of it instead of a full edit-distance table against every name. Gives exactly what
  /// `closest(to:among:)` gives for the same candidates (that function stays as the reference and
  /// for short vocabularies).
  ///
  /// The candidates form a trie of Unicode scalars; a search walks it with one row of the edit
  /// table per node (names sharing a prefix share its rows) and leaves a subtree as soon as the
  /// row's minimum exceeds the limit: no entry below can be smaller (also with transpositions,
  /// whose entry is never below the row above's minimum). Once a name at distance d is found the
  /// limit drops to d, so the walk narrows to the names that could still win or tie.
  public struct Index: Sendable {
    private var scalars: [Unicode.Scalar] = ["\u{0}"]
    private var children: [[Int]] = [[]]
    private var terminal: [String?] = [nil]
    private var depth = 0
    struct Edge: Hashable {
      var node: Int
      var scalar: Unicode.Scalar
    }
    /// Lower-cased spelling → the distinct candidates with it, in the order given.
    private var byLowercase: [String: [String]] = [:]

    public init<C: Collection>(_ candidates: C) where C.Element == String {
      var edges: [Edge: Int] = [:]
      for candidate in candidates {
        let lower = candidate.lowercased()
        if !(byLowercase[lower]?.contains(candidate) ?? false) { byLowercase[lower, default: []].append(candidate) }
        var node = 0
        var length = 0
        for scalar in candidate.unicodeScalars {
          length += 1
          if let next = edges[Edge(node: node, scalar: scalar)] {
            node = next
            continue
          }
          let next = scalars.count
          scalars.append(scalar)
          children.append([])
          terminal.append(nil)
          children[node].append(next)
          edges[Edge(node: node, scalar: scalar)] = next
          node = next
        }
        depth = max(depth, length)
        if terminal[node] == nil { terminal[node] = candidate }
      }
    }

    /// The first candidate, in the order given, that differs from `word` only in case.
    func caseSlip(of word: String) -> String? {
      byLowercase[word.lowercased()]?.first { $0 != word }
    }

    /// Same as `Suggest.closest(to: word, among: candidates)`.
    public func closest(to word: String) -> String? {
      guard word.utf8.count <= 256 else { return nil }
      let target = Array(word.unicodeScalars)
      guard target.count > 2 || !word.unicodeScalars.allSatisfy(\.isASCII) else { return caseSlip(of: word) }
      var limit = max(1, target.count / 3)
      let width = target.count + 1
      // Row d of the edit table (candidate prefix of d scalars against the word) at rows[d * width].
      var rows = [Int](repeating: 0, count: width * (depth + 1))
      for column in 0..<width { rows[column] = column }
      var path = [Unicode.Scalar](repeating: "\u{0}", count: depth + 1)
      var best: (distance: Int, name: String)?
      if let empty = terminal[0], target.count <= limit, empty != word { (best, limit) = ((target.count, empty), target.count) }
      var stack: [(node: Int, depth: Int)] = children[0].map { ($0, 1) }
      while let (node, level) = stack.popLast() {
        let scalar = scalars[node]
        path[level] = scalar
        let row = level * width
        let above = row - width
        rows[row] = level
        var rowMinimum = level
        for column in 1..<max(1, width) {
          let cost = target[column - 1] == scalar ? 0 : 1
          var value = min(rows[above + column] + 1, rows[row + column - 1] + 1, rows[above + column - 1] + cost)
          if level > 1, column > 1, scalar == target[column - 2], path[level - 1] == target[column - 1] {
            value = min(value, rows[above - width + column - 2] + 1)
          }
          rows[row + column] = value
          rowMinimum = min(rowMinimum, value)
        }
        if let name = terminal[node], name != word {
          let distance = rows[row + width - 1]
          if distance <= limit,
            best == nil || distance < best!.distance || (distance == best!.distance && bytesPrecede(name, best!.name))
          {
            best = (distance, name)
            limit = distance
          }
        }
        if rowMinimum <= limit {
          for child in children[node] { stack.append((child, level + 1)) }
        }
      }
      return best?.name ?? caseSlip(of: word)
    }
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
