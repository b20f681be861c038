extension Explanation {
  /// One entry per `DiagnosticCode`, sorted by code.
  public static let catalog: [Explanation] = []
}
