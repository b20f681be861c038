extension String {
  /// Without the given characters at either end. (Returns `self` untouched in the common case
  /// where there is nothing to trim: this runs for every cell of a directory.)
  func trimmingCharacters(in characters: String) -> String {
    let strip = characters.unicodeScalars
    guard let first = unicodeScalars.first, let last = unicodeScalars.last,
      strip.contains(first) || strip.contains(last)
    else { return self }
    var scalars = Substring(self).unicodeScalars
    while let first = scalars.first, strip.contains(first) { scalars.removeFirst() }
    while let last = scalars.last, strip.contains(last) { scalars.removeLast() }
    return String(scalars)
  }
}
