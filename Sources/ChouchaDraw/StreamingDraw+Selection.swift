import ChouchaCore

// MARK: - Selection

extension StreamingDraw {
  /// What one task asks of the first pass, before any class size is known.
  func request(_ task: Int) -> Request {
    let sampling = spec.tasks[task].sampling
    let space = 10_000_000_000_000_000_000.0
    let thresholds: [UInt64] = spec.classes.map { riskClass in
      guard !sampling.ratios.isEmpty, let ratio = sampling.ratios[riskClass] else { return 0 }
      // Held to 0%–100%: a value from a document is checked before, but no input may trap here.
      let perMillion = min(max(ratio.perMillion, 0), Ratio.whole)
      let fraction = Double(perMillion) / 1_000_000 * (1 + options.margin) + options.floor
      return fraction >= 1 ? UInt64.max : UInt64(fraction * space)
    }
    var keep = 0
    if let count = sampling.count {
      let wanted = Double(max(0, count)) * (1 + options.margin) + Double(options.countExtra)
      keep = wanted >= Double(Int32.max) ? Int(Int32.max) : max(1, Int(wanted))
    }
    return Request(task: task, thresholds: thresholds, keep: keep)
  }

  /// After the first pass the class sizes are known: a request sized from them, for a task whose
  /// first-pass tickets may not reach its sample plus room for max-visits skips (nil: they do).
  /// Small classes, where ⌈r·N⌉ is far above r·N, are what the first thresholds miss.
  func widened(_ task: Int, _ gathered: Gathered) -> Request? {
    let sampling = spec.tasks[task].sampling
    let space = 10_000_000_000_000_000_000.0
    var short = false
    var thresholds = [UInt64](repeating: 0, count: spec.classes.count)
    for (index, riskClass) in spec.classes.enumerated() {
      guard !sampling.ratios.isEmpty, let ratio = sampling.ratios[riskClass] else { continue }
      let members = gathered.population[index]
      let size = Sampler.sampleSize(ratio, of: members)
      guard size > 0 else { continue }
      // Short: fewer than the sample, and room for skips when some are possible (more than that
      // is `resolve`'s to find: it then reads the task whole). Widened: twice the sample, and more.
      let room = spec.maxVisits == nil ? 0 : size / 8 + 4
      if gathered.candidates[index].count < min(members, size + room) { short = true }
      let wanted = 2 * size + 16
      let fraction = Double(wanted) / Double(members)
      thresholds[index] = fraction >= 1 ? UInt64.max : UInt64(fraction * space)
    }
    var keep = 0
    if let count = sampling.count.map({ min(max(0, $0), Int(Int32.max)) }) {
      keep = min(Int(Int32.max), 2 * count + 64)
      if gathered.truncated && gathered.smallest.count < count + count / 2 + 4 { short = true }
    }
    return short ? Request(task: task, thresholds: thresholds, keep: keep) : nil
  }

  /// Everything of one task: the last resort when even a widened pass kept too few.
  func everything(_ task: Int) -> Request {
    let sampling = spec.tasks[task].sampling
    let thresholds = spec.classes.map { sampling.ratios[$0] == nil ? UInt64(0) : UInt64.max }
    return Request(task: task, thresholds: thresholds, keep: sampling.count == nil ? 0 : Int(Int32.max))
  }

  struct Pick {
    var selected: [Candidate]
    var skipped: [Candidate]
    var sampleSize: [Int]
  }

  enum Resolution {
    case drawn(Pick)
    /// Too few tickets were kept: read the task again with wider margins.
    case short
    /// Two tickets share their 19-digit key: the exact path orders them.
    case tie
  }

  /// `Sampler.draw` over the kept tickets.
  func resolve(_ task: Int, _ gathered: Gathered, visits: [Int: Int]) -> Resolution {
    let sampling = spec.tasks[task].sampling
    let limit = spec.maxVisits
    var selected: [Candidate] = []
    var skipped: [Candidate] = []
    var sampleSize = Array(repeating: 0, count: classCount)
    func hasTie(_ list: [Candidate]) -> Bool {
      list.count > 1 && zip(list, list.dropFirst()).contains { $0.key == $1.key }
    }
    /// Walks `list` (sorted) taking `size`; false when it runs out and misses tickets.
    func walk(_ list: [Candidate], size: Int, complete: Bool, excluding: Set<Int> = [], count: Int? = nil) -> Bool {
      var taken = 0
      for candidate in list where !excluding.contains(candidate.offset) {
        if taken == size || (count.map { selected.count >= $0 } ?? false) { return true }
        if let limit = limit, visits[candidate.offset, default: 0] >= limit {
          skipped.append(candidate)
          continue
        }
        selected.append(candidate)
        if count != nil { sampleSize[Int(candidate.riskClass)] += 1 }
        taken += 1
      }
      return taken == size || (count.map { selected.count >= $0 } ?? false) || complete
    }
    let total = gathered.population.reduce(0, +)
    if sampling.ratios.isEmpty, let count = sampling.count {
      let list = gathered.smallest
      if gathered.tie || hasTie(list) { return .tie }
      if !walk(list, size: max(0, min(count, total)), complete: !gathered.truncated) { return .short }
      for candidate in selected { sampleSize[Int(candidate.riskClass)] += 1 }
    } else {
      for (index, riskClass) in spec.classes.enumerated() {
        let members = gathered.population[index]
        let size = sampling.ratios[riskClass].map { Sampler.sampleSize($0, of: members) } ?? 0
        sampleSize[index] = size
        guard size > 0 else { continue }
        let list = gathered.candidates[index].sorted { $0.key < $1.key }
        if hasTie(list) { return .tie }
        if !walk(list, size: size, complete: list.count == members) { return .short }
      }
      if let count = sampling.count, selected.count < count {
        let list = gathered.smallest
        if gathered.tie || hasTie(list) { return .tie }
        let taken = Set(selected.map(\.offset)).union(skipped.map(\.offset))
        if !walk(list, size: Int.max, complete: !gathered.truncated, excluding: taken, count: count) { return .short }
      }
    }
    selected.sort { $0.key < $1.key }
    skipped.sort { $0.key < $1.key }
    if hasTie(selected) || hasTie(skipped) { return .tie }
    return .drawn(Pick(selected: selected, skipped: skipped, sampleSize: sampleSize))
  }

  /// The whole target selection, or nil for the exact path; `passes` counts the reads of the
  /// directory (more than one only when a threshold kept too few tickets).
  func draw() -> (tasks: [Drawer.SampledTask], rows: Drawer.DrawnRows, fingerprint: Directories.Fingerprint, passes: Int)? {
    guard var first = pass(spec.tasks.indices.map { request($0) }, first: true),
      let sha256 = first.sha256
    else { return nil }
    hooks.phases.mark("first pass: rows, tickets, file SHA-256, duplicate check")
    hooks.freedMemory()
    var passes = 1
    // One more pass for every task whose class sizes show the first thresholds were too low (not
    // one pass per task: the directory is read as few times as possible).
    var gatheredByTask = first.gathered
    let widenedRequests = spec.tasks.indices.compactMap { widened($0, first.gathered[$0]) }
    if !widenedRequests.isEmpty {
      guard let second = pass(widenedRequests, first: false) else { return nil }
      passes += 1
      for (request, gathered) in zip(widenedRequests, second.gathered) { gatheredByTask[request.task] = gathered }
      hooks.phases.mark("widened pass (\(widenedRequests.count) tasks)")
    }
    var visits: [Int: Int] = [:]
    var picks: [Pick] = []
    for task in spec.tasks.indices {
      var gathered = gatheredByTask[task]
      var pick: Pick? = nil
      var complete = false
      while pick == nil {
        switch resolve(task, gathered, visits: visits) {
        case .drawn(let drawn): pick = drawn
        case .tie: return nil
        case .short:
          // Rare (many max-visits skips): read this task's whole population.
          guard !complete, let again = pass([everything(task)], first: false) else { return nil }
          passes += 1
          complete = true
          gathered = again.gathered[0]
        }
      }
      if spec.maxVisits != nil { for candidate in pick!.selected { visits[candidate.offset, default: 0] += 1 } }
      picks.append(pick!)
    }
    // What the rows are read again with is all that is kept from here on: the tickets kept by
    // the passes are let go before the rows are made.
    let populations = first.gathered.map(\.population)
    first.gathered = []
    gatheredByTask = []
    visits = [:]

    // The rows drawn or skipped, read again by offset.
    var offsets: [Int] = []
    for pick in picks {
      for candidate in pick.selected { offsets.append(candidate.offset) }
      for candidate in pick.skipped { offsets.append(candidate.offset) }
    }
    offsets.sort()
    var unique = 0
    for index in offsets.indices where unique == 0 || offsets[index] != offsets[unique - 1] {
      offsets[unique] = offsets[index]
      unique += 1
    }
    offsets.removeLast(offsets.count - unique)
    let sorted = offsets
    hooks.phases.mark("sampling in plan order")
    guard let drawn = fetch(sorted, headings: first.headings, identity: first.identity) else { return nil }
    hooks.phases.mark("drawn rows read again (\(sorted.count))")

    // The row of an offset is its place among the sorted offsets (`fetch` made them in that
    // order). A row read again gives the key it was drawn with, unless the file changed while it
    // was being read: then the exact path reads it whole, once.
    let rowsMatch: ([Candidate], Int) -> [Int32]? = { candidates, task in
      let rows = candidates.map { candidate -> Int32 in
        var low = 0
        var high = sorted.count
        while low < high {
          let middle = (low + high) / 2
          if sorted[middle] < candidate.offset { low = middle + 1 } else { high = middle }
        }
        return Int32(low)
      }
      var keys = [UInt64](repeating: 0, count: candidates.count)
      drawn.withTexts { texts in
        self.taskPrefixes[task].withUnsafeBytes { prefix in
          keys.withUnsafeMutableBufferPointer { keys in
            Drawer.keys(issuer: self.issuer, count: rows.count, into: keys) {
              (prefix, UnsafeRawBufferPointer(texts.code(rows[$0])), UnsafeRawBufferPointer(start: nil, count: 0))
            }
          }
        }
      }
      for (candidate, key) in zip(candidates, keys) where candidate.key != key { return nil }
      return rows
    }
    var tasks: [Drawer.SampledTask] = []
    for (index, task) in spec.tasks.enumerated() {
      let pick = picks[index]
      guard let targets = rowsMatch(pick.selected, index), let skipped = rowsMatch(pick.skipped, index) else { return nil }
      var population: [String: Int] = [:]
      var sampleSize: [String: Int] = [:]
      for (position, riskClass) in spec.classes.enumerated() {
        // The population of a task read again is the same; the first pass counted it.
        population[riskClass] = populations[index][position]
        sampleSize[riskClass] = pick.sampleSize[position]
      }
      tasks.append(
        Drawer.SampledTask(spec: task, population: population, sampleSize: sampleSize, targets: targets, skipped: skipped))
    }
    hooks.phases.mark("drawn rows checked against their keys")
    return (tasks, drawn, Directories.Fingerprint(sha256: sha256, rows: first.rows, columns: first.headings), passes)
  }
}
