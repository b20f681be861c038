/// The fingerprint of a draw's specification: what ties an engine's selection file (`choucha
/// draw --sql`, read back by `--selection`) to the plan its query was made from.
public enum DrawSpecification {
  /// The SHA-256 (lowercase hex) of the bytes of the specification part of the commitment this
  /// plan's `draw --commit` writes: the commitment document without its `inputs` (schema,
  /// algorithm, year, maxVisits, inspectorsPerVisit, classes, departments, enterpriseBase,
  /// minCoverage, contentDigest, tasks with their rounds and sampling). The seed is not in it; a
  /// change to any task, ratio, count, class or department changes it, and so does the content
  /// digest's method (a selection names its method; one of v1 has the v1 fingerprint).
  public static func fingerprint(_ spec: Drawer.Spec, method: Commitment.DigestMethod = .current) -> String {
    SHA256.hex(SHA256.hash(Commitment.specificationJSON(spec, method: method)))
  }
}
