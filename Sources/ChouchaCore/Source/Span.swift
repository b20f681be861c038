/// A range of UTF-8 bytes in one source file. Lines and columns are computed only when rendering.
public struct Span: Hashable, Sendable, Comparable {
  public var file: Int
  public var start: Int
  public var end: Int

  public init(file: Int, start: Int, end: Int) {
    self.file = file
    self.start = start
    self.end = max(start, end)
  }

  /// The smallest span covering both.
  public func to(_ other: Span) -> Span {
    Span(file: file, start: min(start, other.start), end: max(end, other.end))
  }

  public static func < (lhs: Span, rhs: Span) -> Bool {
    (lhs.file, lhs.start, lhs.end) < (rhs.file, rhs.start, rhs.end)
  }
}

/// A value with the span it was written at.
public struct Located<Value> {
  public var value: Value
  public var span: Span

  public init(_ value: Value, _ span: Span) {
    self.value = value
    self.span = span
  }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}
extension Located: Sendable where Value: Sendable {}
