import ChouchaCore

extension SelectionFile {
  /// The selection an engine returns for `targets` (the reference the tests and the engines step
  /// compare with): the populations by the draw's own rule (`TaskSpec.contains`), per stratum the
  /// first `candidate_limit` ranks by key with every tie, `candidate_limit = min(N, n + margin)`
  /// (`margin` nil: the whole stratum) and `sufficient_limit = N`. No `problem` rows: `targets`
  /// are a directory the draw accepted. The `tags` cell is the entity's 标签 joined by `、` (a
  /// `Target` keeps the list, not the cell): the same tags, where an engine writes the cell as it is.
  /// - Parameters:
  ///   - fingerprint: the specification's (`DrawSpecification.fingerprint`).
  ///   - directory: the content digest and data rows of the directory `targets` were read from.
  public static func make(
    targets: [Directories.Target], spec: Drawer.Spec, fingerprint: String, directory: Directory, margin: Int? = nil
  ) -> String {
    let seedHash = Tickets.seedHash(spec.seed)
    let issuer = TicketIssuer(seedHash: seedHash)
    var out = header.joined(separator: ",") + "\n"
    func line(_ cells: [String]) {
      out += cells.map { cell in
        cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
          ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
      }.joined(separator: ",") + "\n"
    }
    line([
      "directory", seedHash, directory.method.rawValue, "", fingerprint, spec.algorithm.rawValue, "", directory.contentDigest,
      String(directory.rows), "", "", "", "", "", "",
    ])
    for task in spec.tasks {
      let population = targets.filter { task.contains(industry: $0.industry, tags: $0.tags) }
      let sampling = task.sampling
      let abnormalStratum = !sampling.ratios.isEmpty && sampling.abnormal != nil
      for name in strataNames(task, classes: spec.classes) {
        let members: [Directories.Target]
        switch name {
        case wholeStratum: members = population
        case Self.abnormalStratum: members = population.filter(\.abnormal)
        default: members = population.filter { $0.riskClass == name && !(abnormalStratum && $0.abnormal) }
        }
        let size = sampleSize(task, stratum: name, population: members.count)
        let limit = size.map { size in min(members.count, margin.map { size + $0 } ?? members.count) } ?? 0
        line([
          "stratum", task.id, name, "", "", "", "", "", String(members.count), size.map(String.init) ?? "", String(limit),
          size == nil ? "" : String(members.count), "", "", "",
        ])
        guard limit > 0 else { continue }
        let keyed = members.map { member in
          (member: member, key: key(issuer.ticket(id: Sampler.targetID(task: task.id, code: member.code))),
           digest: digest(seedHash: seedHash, task: task.id, code: member.code))
        }.sorted { ($0.key, $0.digest) < ($1.key, $1.digest) }
        var rank = 0
        for (index, candidate) in keyed.enumerated() {
          if index == 0 || candidate.key != keyed[index - 1].key { rank = index + 1 }
          guard rank <= limit else { break }
          line([
            "candidate", task.id, name, String(rank), candidate.member.code, candidate.member.riskClass, candidate.key,
            candidate.digest, "", "", "", "", candidate.member.name, candidate.member.industry,
            candidate.member.tags.joined(separator: "、"),
          ])
        }
      }
    }
    return out
  }
}

extension SelectionFile {
  /// A draw finished from a selection, recomputed from the target directory itself (`verify
  /// --targets` of such a draw): the selection of every candidate (`make`, no margin: nothing
  /// can run out) finished as `draw` finishes one, recorded as the document recorded its selection
  /// (`selectionSHA256`). The tasks depend only on the directory, the seed and the plan, so they
  /// are the published ones exactly when the directory is the one the engine read.
  /// - Parameter method: the content digest's method the document records.
  public static func redraw(
    _ spec: Drawer.Spec, targets file: SourceFile, inspectors: SourceFile, selectionSHA256: String,
    method: Commitment.DigestMethod = .current
  ) -> (Drawer.Result?, [Diagnostic]) {
    let abnormal = spec.tasks.contains { $0.sampling.abnormal != nil && !$0.sampling.ratios.isEmpty }
    let (targets, _, problems) = Directories.targets(file, classes: spec.classes, abnormal: abnormal, reading: .published)
    guard problems.errorCount == 0, let content = Commitment.contentDigest(file, inspectors: false, method: method) else {
      return (nil, problems)
    }
    let fingerprint = DrawSpecification.fingerprint(spec, method: method)
    // Every candidate: nothing can run out. (A 200,000-row directory, 40 tasks: 44 s and 710 MB
    // in a debug build; not profiled: the directory is read whole, as the exact path does.)
    let selection = make(
      targets: targets, spec: spec, fingerprint: fingerprint, directory: .init(contentDigest: content.digest, rows: content.rows, method: method))
    var (result, diagnostics) = draw(
      spec, selection: SourceFile(id: file.id, path: file.path, bytes: Array(selection.utf8)), fingerprint: fingerprint,
      inspectors: inspectors, reading: .published)
    result?.targets.sha256 = selectionSHA256
    return (result, problems + diagnostics)
  }
}
