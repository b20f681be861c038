import ChouchaCore
import Dispatch

extension Drawer {
  struct SampledTask {
    var spec: TaskSpec
    var population: [String: Int]
    var sampleSize: [String: Int]
    var targets: [Int32]
    var skipped: [Int32]
    /// The abnormal stratum's population and sample size, when the task has one.
    var abnormal: (population: Int, sampleSize: Int)? = nil
  }

  /// Draws every task in plan order. Fails (returns nil, with E0701) when a drawn target cannot be
  /// staffed by some department of its task.
  public static func draw(
    _ spec: Spec, targets: [Directories.Target], targetsFingerprint: Directories.Fingerprint,
    inspectors: [Directories.Inspector], inspectorsFingerprint: Directories.Fingerprint
  ) -> (Result?, [Diagnostic]) {
    let seedHash = Tickets.seedHash(spec.seed)
    let issuer = TicketIssuer(seedHash: seedHash)
    var visitsSoFar: [String: Int] = [:]
    // The targets by their 行业 and 标签, which alone decide whose population they are in (a few
    // distinct values: the population rule is asked once per value and task).
    struct Kind: Hashable {
      var industry: String
      var tags: [String]
    }
    var byKind: [Kind: [Int]] = [:]
    for (index, target) in targets.enumerated() {
      byKind[Kind(industry: target.industry, tags: target.tags), default: []].append(index)
    }
    var rows = DrawnRows()
    /// The row of each target drawn or skipped so far, by its index in `targets`.
    var rowOf: [Int: Int32] = [:]
    var sampled: [SampledTask] = []
    for task in spec.tasks {
      // The population (`TaskSpec.contains`), in the directory's order.
      var population: [Int] = []
      for (kind, indices) in byKind where task.contains(industry: kind.industry, tags: kind.tags) {
        population += indices
      }
      population.sort()
      let index = Dictionary(uniqueKeysWithValues: population.map { (targets[$0].code, $0) })
      let drawn = Sampler.draw(
        task: task.id, sampling: task.sampling, classes: spec.classes,
        population: population.map {
          Sampler.Member(code: targets[$0].code, riskClass: targets[$0].riskClass, abnormal: targets[$0].abnormal)
        },
        issuer: issuer, maxVisits: spec.maxVisits, visits: &visitsSoFar)
      func row(_ selection: Sampler.Selection) -> Int32 {
        let target = index[selection.member.code]!
        if let row = rowOf[target] { return row }
        let row = rows.append(targets[target])
        rowOf[target] = row
        return row
      }
      sampled.append(
        SampledTask(
          spec: task, population: drawn.population, sampleSize: drawn.sampleSize, targets: drawn.selected.map(row),
          skipped: drawn.skipped.map(row), abnormal: drawn.abnormal))
    }
    return match(
      spec, seedHash: seedHash, sampled: sampled, rows: rows, targetsFingerprint: targetsFingerprint,
      inspectors: inspectors, inspectorsFingerprint: inspectorsFingerprint)
  }

  /// Matches inspectors to the drawn targets of every task. Fails (returns nil, with E0701) when a
  /// drawn target cannot be staffed by some department of its task.
  static func match(
    _ spec: Spec, seedHash: String, sampled: [SampledTask], rows: DrawnRows,
    targetsFingerprint: Directories.Fingerprint, inspectors: [Directories.Inspector],
    inspectorsFingerprint: Directories.Fingerprint
  ) -> (Result?, [Diagnostic]) {
    let issuer = TicketIssuer(seedHash: seedHash)
    let shared = Shared(rows: rows, inspectors: inspectors, issuer: issuer)
    let perVisit = spec.inspectorsPerVisit
    var diagnostics: [Diagnostic] = []
    var draws: [TaskDraw] = []
    let version = spec.algorithm
    // v2: each inspector's visits so far in this draw (every earlier task, target and round).
    var loads = [Int](repeating: 0, count: version == .v2 ? inspectors.count : 0)
    for sampledTask in sampled {
      let task = sampledTask.spec
      let targets = sampledTask.targets
      let departments = task.departments.count
      // The slots of the visits: refused before any allocation when they cannot all be filled
      // (more people per visit than officers: 每户人数 999999999 is a valid integer in a rule
      // file), so that no size computed from input overflows or exhausts memory.
      let (slots, overflow) = targets.count.multipliedReportingOverflow(by: departments)
      let (size, overflowed) = slots.multipliedReportingOverflow(by: max(0, perVisit))
      if !targets.isEmpty && (overflow || overflowed || perVisit > inspectors.count || perVisit < 1) {
        let target = rows.target(targets[0])
        for department in task.departments {
          let available = inspectors.lazy.filter { $0.department == department && $0.certificate != nil }.count
          diagnostics.append(unstaffed(task, target, department, perVisit: perVisit, available: available, required: []))
        }
        continue
      }
      var chosen = [Int32](repeating: -1, count: size)
      // Inspectors: per department, the eligible ones and a balanced load.
      for (departmentIndex, department) in task.departments.enumerated() {
        let required = Set(task.requires[department] ?? [])
        // Indices, not copies: an inspector is a large value, and this loop runs per target.
        let eligible = inspectors.indices.filter {
          inspectors[$0].department == department && inspectors[$0].certificate != nil
            && required.isSubset(of: inspectors[$0].specialties)
        }
        // v1: the task's balanced-load cap and the loads within the task.
        let needed = targets.count * perVisit
        let limit = eligible.isEmpty ? 0 : (needed + eligible.count - 1) / eligible.count
        var load = [Int](repeating: 0, count: version == .v1 ? eligible.count : 0)
        // What follows `task|code` in an inspector's id (`inspectorID`): `|certificate`, all in
        // one buffer.
        var suffixBytes: [UInt8] = []
        var suffixRanges: [Range<Int>] = []
        for inspector in eligible {
          let start = suffixBytes.count
          suffixBytes.append(contentsOf: idSuffix(certificate: inspectors[inspector].certificate!))
          suffixRanges.append(start..<suffixBytes.count)
        }
        let width = eligible.count
        let recusing = eligible.map { !inspectors[$0].recusals.isEmpty }
        let anyRecusing = recusing.contains(true)
        let taskPrefix = idPrefix(task: task.id)
        // The keys of a block of targets × eligible inspectors, hashed on both cores; then the
        // choices, target after target (the loads make them sequential).
        let block = eligible.isEmpty ? 1 : max(16, 65_536 / eligible.count)
        var keys = [UInt64](repeating: 0, count: block * eligible.count)
        var blockStart = 0
        var failed = false
        var chosenSlots: [Int] = []
        while blockStart < targets.count && !failed {
          let blockEnd = min(blockStart + block, targets.count)
          rows.withTexts { texts in
            taskPrefix.withUnsafeBytes { prefix in
              suffixBytes.withUnsafeBytes { suffixes in
                keys.withUnsafeMutableBufferPointer { keys in
                  Drawer.keys(issuer: issuer, count: (blockEnd - blockStart) * width, into: keys) { index in
                    let (target, slot) = index.quotientAndRemainder(dividingBy: width)
                    return (
                      prefix, UnsafeRawBufferPointer(texts.code(targets[blockStart + target])),
                      UnsafeRawBufferPointer(rebasing: suffixes[suffixRanges[slot]])
                    )
                  }
                }
              }
            }
          }
          for visitIndex in blockStart..<blockEnd {
            // The code as a string only to look it up in recusal lists.
            let code = anyRecusing ? rows.withTexts { String(decoding: $0.code(targets[visitIndex]), as: UTF8.self) } : ""
            let row = (visitIndex - blockStart) * width
            // The full ticket of a slot, from the id's bytes (`task|code|certificate`): only for a
            // tie of keys.
            func ticket(_ slot: Int) -> Ticket {
              let id = rows.withTexts { taskPrefix + Array($0.code(targets[visitIndex])) }
              return issuer.ticket(idBytes: id, Array(suffixBytes[suffixRanges[slot]]))
            }
            chosenSlots.removeAll(keepingCapacity: true)
            switch version {
            case .v1:
              // The smallest tickets first, by key (a full ticket only for a tie), skipping recused
              // officers and those at the balanced load.
              while chosenSlots.count < perVisit {
                var best = -1
                for slot in eligible.indices where load[slot] < limit && !chosenSlots.contains(slot) {
                  // (Not a copy of the inspector per slot: its sets and strings cost reference counts.)
                  if anyRecusing && recusing[slot] && inspectors[eligible[slot]].recusals.contains(code) { continue }
                  if best < 0 || keys[row + slot] < keys[row + best]
                    || (keys[row + slot] == keys[row + best] && ticket(slot) < ticket(best))
                  {
                    best = slot
                  }
                }
                if best < 0 { break }
                chosenSlots.append(best)
                load[best] += 1
              }
            case .v2:
              // The `perVisit` candidates of smallest (load so far in the draw, key, full
              // ticket), in one pass: the best so far are kept in order, and a candidate costs
              // one comparison with the last of them unless it displaces it (O(candidates) per
              // target when few are chosen; O(candidates · perVisit) at worst).
              func precedes(_ a: Int, _ b: Int) -> Bool {
                let (first, second) = (loads[eligible[a]], loads[eligible[b]])
                if first != second { return first < second }
                if keys[row + a] != keys[row + b] { return keys[row + a] < keys[row + b] }
                return ticket(a) < ticket(b)
              }
              for slot in eligible.indices {
                if anyRecusing && recusing[slot] && inspectors[eligible[slot]].recusals.contains(code) { continue }
                if chosenSlots.count == perVisit {
                  guard precedes(slot, chosenSlots[perVisit - 1]) else { continue }
                  chosenSlots.removeLast()
                }
                var at = chosenSlots.count
                while at > 0 && precedes(slot, chosenSlots[at - 1]) { at -= 1 }
                chosenSlots.insert(slot, at: at)
              }
              if chosenSlots.count == perVisit { for slot in chosenSlots { loads[eligible[slot]] += 1 } }
            }
            guard chosenSlots.count == perVisit else {
              let target = rows.target(targets[visitIndex])
              switch version {
              case .v1:
                diagnostics.append(
                  unstaffed(task, target, department, perVisit: perVisit, available: chosenSlots.count, required: required))
              case .v2:
                diagnostics.append(
                  unstaffed(
                    task, target, department, perVisit: perVisit, candidates: chosenSlots.count, required: required,
                    inspectors: inspectors))
              }
              failed = true
              break  // one report per task and department: the rest would say the same
            }
            let first = (visitIndex * departments + departmentIndex) * perVisit
            for (offset, slot) in chosenSlots.enumerated() { chosen[first + offset] = Int32(eligible[slot]) }
          }
          blockStart = blockEnd
        }
      }
      draws.append(
        TaskDraw(
          spec: task, population: sampledTask.population, sampleSize: sampledTask.sampleSize, targets: targets,
          chosen: chosen, skippedRows: sampledTask.skipped, shared: shared, abnormal: sampledTask.abnormal))
    }
    guard diagnostics.isEmpty else { return (nil, diagnostics) }
    return (
      Result(spec: spec, seedHash: seedHash, targets: targetsFingerprint, inspectors: inspectorsFingerprint, tasks: draws),
      []
    )
  }
}

extension Drawer {
  /// E0701: `target` of `task` cannot get `perVisit` officers of `department`.
  static func unstaffed(
    _ task: TaskSpec, _ target: Directories.Target, _ department: String, perVisit: Int, available: Int, required: Set<String>
  ) -> Diagnostic {
    .unstaffed(
      task: task.id, target: Located(target.name, target.span), code: target.code, department: department,
      perVisit: perVisit, available: available, required: required)
  }

  /// E0701 in v2: `target` of `task` has `candidates` candidates of `department`, fewer than
  /// `perVisit`; why the department's other officers are not candidates, counted per reason and
  /// the first five named (directory order).
  static func unstaffed(
    _ task: TaskSpec, _ target: Directories.Target, _ department: String, perVisit: Int, candidates: Int,
    required: Set<String>, inspectors: [Directories.Inspector]
  ) -> Diagnostic {
    var reasons = Diagnostic.NotCandidates()
    for inspector in inspectors where inspector.department == department {
      let reason: Diagnostic.NotCandidates.Reason
      if inspector.certificate == nil {
        reason = .noCertificate
      } else if !required.isSubset(of: inspector.specialties) {
        reason = .missingSpecialty
      } else if inspector.recusals.contains(target.code) {
        reason = .recusal
      } else {
        continue
      }
      reasons.add(inspector.name, reason)
    }
    return .unstaffed(
      task: task.id, target: Located(target.name, target.span), code: target.code, department: department,
      perVisit: perVisit, candidates: candidates, required: required, reasons: reasons)
  }

  /// W0703: every stratum of every task that asked for more entities than it could give (a count
  /// above the population; a class or count emptied by max-visits skips). Said at `span` (the
  /// target directory's heading row: the population comes from it). O(visits).
  static func shortPopulations(_ result: Result, at place: () -> Span) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    // The directory's first bytes are read again only when there is something to say.
    var found: Span?
    func span() -> Span {
      if found == nil { found = place() }
      return found!
    }
    for task in result.tasks {
      let sampling = task.spec.sampling
      let population = result.spec.classes.reduce(0) { $0 + (task.population[$1] ?? 0) }
      let drawn = task.targets.count
      let skipped = task.skippedRows.count
      if sampling.ratios.isEmpty || (sampling.count ?? 0) > population {
        // A count (alone, or above the whole population with ratios): the whole population is its stratum.
        if let count = sampling.count, drawn < count {
          diagnostics.append(
            .shortPopulation(
              task: task.spec.id, stratum: nil, asked: count, population: population, skipped: skipped, drawn: drawn,
              count: count, at: span()))
        }
        if sampling.ratios.isEmpty { continue }
      }
      // Ratios: a class's ⌈r·N⌉ never exceeds N, so only max-visits skips can leave it short.
      guard skipped > 0 else { continue }
      var drawnOf: [String: Int] = [:]
      var skippedOf: [String: Int] = [:]
      // With an abnormal stratum, its entities are counted under it, not their class.
      let abnormalKey = "\u{0}abnormal"
      func stratum(_ row: Int32) -> String {
        let target = task.shared.rows.target(row)
        return task.abnormal != nil && target.abnormal ? abnormalKey : target.riskClass
      }
      for row in task.targets { drawnOf[stratum(row), default: 0] += 1 }
      for row in task.skippedRows { skippedOf[stratum(row), default: 0] += 1 }
      if let abnormal = task.abnormal, (drawnOf[abnormalKey] ?? 0) < abnormal.sampleSize {
        diagnostics.append(
          .shortPopulation(
            task: task.spec.id, stratum: nil, asked: abnormal.sampleSize, population: abnormal.population,
            skipped: skippedOf[abnormalKey] ?? 0, drawn: drawnOf[abnormalKey] ?? 0, count: nil, at: span(), abnormal: true))
      }
      for riskClass in result.spec.classes where sampling.ratios[riskClass] != nil {
        let asked = task.sampleSize[riskClass] ?? 0
        let got = drawnOf[riskClass] ?? 0
        if got < asked {
          diagnostics.append(
            .shortPopulation(
              task: task.spec.id, stratum: riskClass, asked: asked, population: task.population[riskClass] ?? 0,
              skipped: skippedOf[riskClass] ?? 0, drawn: got, count: nil, at: span()))
        }
      }
    }
    return diagnostics
  }

  /// The first row of a directory (its headings), for what is said of the directory as a whole.
  static func headingRow(_ directory: TargetDirectory) -> Span {
    guard let start = directory.prefix(Directories.startLength) else { return Span(file: directory.id, start: 0, end: 0) }
    var end = start.bytes.firstIndex(of: 0x0A) ?? start.bytes.count
    if end > 0 && start.bytes[end - 1] == 0x0D { end -= 1 }
    return Span(file: directory.id, start: 0, end: end)
  }

  /// `keys[i]`, for `i` in `0..<count`: the key of the id whose three parts (joined as they are)
  /// `id(i)` gives, hashed eight at a time and shared between both cores. An inspector's id is
  /// `task|`, a code and `|certificate`; a target's `task|` and a code. `id` runs on both threads
  /// at once, and the bytes it points to must stay where they are meanwhile.
  static func keys(
    issuer: TicketIssuer, count: Int, into keys: UnsafeMutableBufferPointer<UInt64>,
    id: (Int) -> (UnsafeRawBufferPointer, UnsafeRawBufferPointer, UnsafeRawBufferPointer)
  ) {
    guard count > 0 else { return }
    let parts = count >= 64 ? 2 : 1
    // Each worker writes the keys of its own range of indices.
    withoutActuallyEscaping(id) { id in
      let shared = WorkerShared((keys: keys, id: id))
      DispatchQueue.concurrentPerform(iterations: parts) { part in
        let (keys, id) = shared.value
        work(part: part, keys: keys, id: id)
      }
    }
    @Sendable func work(
      part: Int, keys: UnsafeMutableBufferPointer<UInt64>,
      id: (Int) -> (UnsafeRawBufferPointer, UnsafeRawBufferPointer, UnsafeRawBufferPointer)
    ) {
      var batch = TicketBatch(issuer: issuer)
      var pending: [Int] = []
      var lanes = [UInt64](repeating: 0, count: TicketBatch.lanes)
      func flush() {
        lanes.withUnsafeMutableBufferPointer { batch.keys(into: $0.baseAddress!) }
        for (lane, index) in pending.enumerated() { keys[index] = lanes[lane] }
        pending.removeAll(keepingCapacity: true)
      }
      for index in (count * part / parts)..<(count * (part + 1) / parts) {
        let (first, second, third) = id(index)
        if batch.append(first, second, third) {
          pending.append(index)
          if batch.isFull { flush() }
        } else {
          keys[index] = batch.key(first, second, third)
        }
      }
      flush()
    }
  }

  /// What the caller lends the draw of the world it does not touch itself: where its phase times
  /// go, and what to do when the pass has freed most of its memory (the command line gives it back
  /// to the system). By default, nothing.
  public struct Hooks: Sendable {
    public var phases: PhaseTimer
    public var freedMemory: @Sendable () -> Void

    public init(phases: PhaseTimer = PhaseTimer(), freedMemory: @escaping @Sendable () -> Void = {}) {
      self.phases = phases
      self.freedMemory = freedMemory
    }
  }

  /// Reads both directories and draws. Directory problems stop the draw before it starts.
  public static func run(
    _ spec: Spec, targets: SourceFile, inspectors: SourceFile, reading: Directories.Reading = .current,
    hooks: Hooks = Hooks()
  ) -> (Result?, [Diagnostic]) {
    run(spec, targets: TargetDirectory(targets), inspectors: inspectors, reading: reading, hooks: hooks)
  }

  /// Reads both directories and draws: the target directory once, in chunks (`StreamingDraw`), or,
  /// when that finds anything unusual, whole (the exact path, which also names every problem).
  /// `reading`: how the directories are read (`Directories.Reading`; `verify` reads those of a
  /// published draw as they were read then). Warnings (W0702) come with the result.
  public static func run(
    _ spec: Spec, targets: TargetDirectory, inspectors: SourceFile, reading: Directories.Reading = .current,
    hooks: Hooks = Hooks()
  ) -> (Result?, [Diagnostic]) {
    hooks.phases.start()
    // Implausible first bytes are said at once, before either file is read whole.
    var implausible: [Diagnostic] = []
    if let start = targets.prefix(Directories.startLength) {
      if let problem = start.bytes.withUnsafeBufferPointer({
        Directories.checkStart($0, whole: start.whole, what: Directories.targetsName, file: targets.id)
      }) {
        implausible.append(problem)
      }
    }
    if let problem = inspectors.bytes.withUnsafeBufferPointer({
      Directories.checkStart(
        UnsafeBufferPointer(rebasing: $0.prefix(Directories.startLength)), whole: $0.count <= Directories.startLength,
        what: Directories.inspectorsName, file: inspectors.id)
    }) {
      implausible.append(problem)
    }
    guard implausible.isEmpty else { return (nil, implausible) }
    let (inspectorRows, inspectorsPrint, inspectorFindings) = Directories.inspectors(
      inspectors, departments: spec.departments, reading: reading)
    let seedHash = Tickets.seedHash(spec.seed)
    // An abnormal stratum needs each row's 经营异常, which the one-pass draw does not gather: such a
    // draw takes the exact path (plans without one keep the pass and its speed).
    let hasAbnormal = spec.tasks.contains { $0.sampling.abnormal != nil && !$0.sampling.ratios.isEmpty }
    if inspectorFindings.errorCount == 0, !hasAbnormal,
      let streamed = StreamingDraw(spec: spec, issuer: TicketIssuer(seedHash: seedHash), directory: targets, hooks: hooks).draw()
    {
      let (result, problems) = match(
        spec, seedHash: seedHash, sampled: streamed.tasks, rows: streamed.rows, targetsFingerprint: streamed.fingerprint,
        inspectors: inspectorRows, inspectorsFingerprint: inspectorsPrint)
      hooks.phases.mark("inspectors matched")
      let short = result.map { shortPopulations($0) { headingRow(targets) } } ?? []
      // The streaming pass takes no directory with a misspelt heading: only absent columns to say.
      let targetFindings = Directories.headingFindings(
        nil, headings: streamed.fingerprint.columns, columns: Directories.targetColumns, what: Directories.targetsName,
        file: targets.id, reading: reading)
      return (result, targetFindings + inspectorFindings + problems + short)
    }
    hooks.phases.mark("one-pass draw declined: the exact path")
    let (result, findings) = exact(
      spec, targets: targets, inspectors: (inspectorRows, inspectorsPrint, inspectorFindings), reading: reading)
    return (result, findings + (result.map { shortPopulations($0) { headingRow(targets) } } ?? []))
  }

  /// Every row materialised: the draw as first written, and the path that reports problems.
  static func exact(
    _ spec: Spec, targets directory: TargetDirectory,
    inspectors: ([Directories.Inspector], Directories.Fingerprint, [Diagnostic]), reading: Directories.Reading = .current
  ) -> (Result?, [Diagnostic]) {
    guard let targets = directory.load() else {
      return (
        nil,
        [
          .targetDirectoryUnreadable(file: directory.id)
        ]
      )
    }
    let abnormal = spec.tasks.contains { $0.sampling.abnormal != nil && !$0.sampling.ratios.isEmpty }
    let (targetRows, targetsPrint, targetProblems) = Directories.targets(
      targets, classes: spec.classes, abnormal: abnormal, reading: reading)
    let (inspectorRows, inspectorsPrint, inspectorProblems) = inspectors
    let findings = targetProblems + inspectorProblems
    guard findings.errorCount == 0 else { return (nil, findings) }
    let (result, problems) = draw(
      spec, targets: targetRows, targetsFingerprint: targetsPrint, inspectors: inspectorRows,
      inspectorsFingerprint: inspectorsPrint)
    return (result, findings + problems)
  }
}
