import ChouchaCore
/// The target half of “双随机”: which entities a task visits, drawn by the smallest tickets so that
/// anyone can re-run the draw from the published seed, whatever the order of the directory's rows.
///
/// This is the sampling core of `choucha draw` (issue 4); reading the directories, matching
/// inspectors and publishing the draw build on it.
public enum Sampler {
  /// An entity of the target directory as the sampler sees it.
  public struct Member: Hashable, Sendable {
    /// 统一社会信用代码.
    public var code: String
    /// 信用风险分类.
    public var riskClass: String
    /// 经营异常 (read only when the task has an abnormal stratum).
    public var abnormal: Bool

    public init(code: String, riskClass: String, abnormal: Bool = false) {
      self.code = code
      self.riskClass = riskClass
      self.abnormal = abnormal
    }
  }

  public struct Selection: Sendable {
    public var member: Member
    public var ticket: Ticket
  }

  /// One task's draw: per class the population and the sample size, the selected entities in
  /// ticket order, and those skipped because they had already been visited `max-visits` times.
  public struct Result: Sendable {
    public var population: [String: Int]
    public var sampleSize: [String: Int]
    public var selected: [Selection]
    public var skipped: [Selection]
    /// The abnormal stratum's population and sample size, when the task has one (the classes'
    /// figures then count only the other entities).
    public var abnormal: (population: Int, sampleSize: Int)? = nil
  }

  /// `⌈r · members⌉`, exactly, with the ratio held to 0%–100% and no overflow possible: the
  /// sample size both draws compute (a ratio out of range is refused before, by `check` or by
  /// `DrawDocument.read`; this keeps arithmetic on input from trapping whatever the caller).
  static func sampleSize(_ ratio: Ratio, of members: Int) -> Int {
    let perMillion = min(max(ratio.perMillion, 0), Ratio.whole)
    let (product, overflow) = perMillion.multipliedReportingOverflow(by: Int64(max(0, members)))
    guard !overflow else { return max(0, members) }
    return min(Int((product + Ratio.whole - 1) / Ratio.whole), max(0, members))
  }

  /// The id whose ticket ranks entity `code` in task `task`: `T|<统一社会信用代码>`.
  public static func targetID(task: String, code: String) -> String { task + "|" + code }

  /// Draws one task.
  ///
  /// - With per-class ratios, class `c` with `N_c` members takes the `⌈r_c · N_c⌉` smallest
  ///   tickets of its members (in exact integer arithmetic); classes without a ratio take none.
  /// - With a count and no ratios, the `count` smallest tickets of the whole population; with
  ///   both, the ratios and at least the count (topped up with the smallest remaining tickets).
  /// - With an abnormal ratio (`TaskSampling.abnormal`), the members on the abnormal-operation
  ///   list are a stratum of their own, after the classes, taking `⌈r · N⌉` likewise; the classes
  ///   are then the other members.
  /// - A member already selected by `maxVisits` tasks (`visits`) is skipped and the next ticket
  ///   taken; the skips are recorded. `visits` is updated with the selection.
  public static func draw(
    task: String, sampling: TaskSampling, classes: [String], population: [Member], issuer: TicketIssuer,
    maxVisits: Int?, visits: inout [String: Int]
  ) -> Result {
    // (An abnormal stratum comes with class ratios; a count alone draws from the whole population.)
    let abnormalRatio = sampling.ratios.isEmpty ? nil : sampling.abnormal
    var byClass: [String: [Member]] = [:]
    var abnormalMembers: [Member] = []
    for member in population {
      if abnormalRatio != nil && member.abnormal {
        abnormalMembers.append(member)
      } else {
        byClass[member.riskClass, default: []].append(member)
      }
    }
    var populationCounts: [String: Int] = [:]
    for riskClass in classes { populationCounts[riskClass] = byClass[riskClass]?.count ?? 0 }

    // The strata: one per class with a ratio, or the whole population for a count.
    var strata: [(members: [Member], size: Int, riskClass: String?)] = []
    if sampling.ratios.isEmpty, let count = sampling.count {
      strata.append((population, max(0, min(count, population.count)), nil))
    } else {
      for riskClass in classes {
        let members = byClass[riskClass] ?? []
        let size = sampling.ratios[riskClass].map { Sampler.sampleSize($0, of: members.count) } ?? 0
        strata.append((members, min(size, members.count), riskClass))
      }
    }
    if let ratio = abnormalRatio {
      strata.append((abnormalMembers, Sampler.sampleSize(ratio, of: abnormalMembers.count), nil))
    }

    let taken = take(
      task: task, strata: strata, topUp: sampling.ratios.isEmpty ? nil : sampling.count.map { ($0, population) },
      countOnly: sampling.ratios.isEmpty && sampling.count != nil, classes: classes, issuer: issuer,
      maxVisits: maxVisits, visits: &visits)
    let (sampleSize, selected, skipped) = (taken.sampleSize, taken.selected, taken.skipped)
    return Result(
      population: populationCounts, sampleSize: sampleSize, selected: selected, skipped: skipped,
      abnormal: abnormalRatio.map { (abnormalMembers.count, Sampler.sampleSize($0, of: abnormalMembers.count)) })
  }

  /// What `take` did: the sample per class, the selected and skipped in ticket order, and how many
  /// each stratum (then the top-up, last) fell short of its size because it ran out of members.
  public struct Taken: Sendable {
    public var sampleSize: [String: Int]
    public var selected: [Selection]
    public var skipped: [Selection]
    public var shortfalls: [Int]
  }

  /// The sequential half of a task's draw, shared by `draw` (a stratum's members are its whole
  /// population) and the finishing of an engine's selection (`SelectionFile`: a stratum's members
  /// are the candidates the engine returned, its size the one recomputed from its population):
  /// per stratum in order, members by ticket, skipping those visited `maxVisits` times, until
  /// `size`; then a mixed task's top-up from `topUp.members` (the whole population, or the engine's
  /// `*` candidates) excluding every member selected or skipped, until `topUp.count`; then the
  /// selected and skipped sorted by ticket and one visit added per selected.
  /// - Parameter countOnly: a count without ratios: the sample per class is what was drawn.
  public static func take(
    task: String, strata: [(members: [Member], size: Int, riskClass: String?)], topUp: (count: Int, members: [Member])?,
    countOnly: Bool, classes: [String], issuer: TicketIssuer, maxVisits: Int?, visits: inout [String: Int]
  ) -> Taken {
    var sampleSize: [String: Int] = [:]
    var selected: [Selection] = []
    var skipped: [Selection] = []
    var shortfalls: [Int] = []
    for stratum in strata {
      if let riskClass = stratum.riskClass { sampleSize[riskClass] = stratum.size }
      guard stratum.size > 0 else {
        shortfalls.append(0)
        continue
      }
      let tickets = stratum.members.map { issuer.ticket(id: targetID(task: task, code: $0.code)) }
      let ranked = Tickets.order(tickets).lazy.map { Selection(member: stratum.members[$0], ticket: tickets[$0]) }
      var taken = 0
      for candidate in ranked where taken < stratum.size {
        if let limit = maxVisits, visits[candidate.member.code, default: 0] >= limit {
          skipped.append(candidate)
          continue
        }
        selected.append(candidate)
        taken += 1
      }
      shortfalls.append(stratum.size - taken)
    }
    // Items that mix ratios and a count: the ratios, and at least the count, topped up with the
    // smallest remaining tickets of the whole population.
    if let (count, members) = topUp {
      if selected.count < count {
        let taken = Set(selected.map(\.member.code)).union(skipped.map(\.member.code))
        let rest = members.filter { !taken.contains($0.code) }
          .map { Selection(member: $0, ticket: issuer.ticket(id: targetID(task: task, code: $0.code))) }
          .sorted { $0.ticket < $1.ticket }
        for candidate in rest where selected.count < count {
          if let limit = maxVisits, visits[candidate.member.code, default: 0] >= limit {
            skipped.append(candidate)
            continue
          }
          selected.append(candidate)
          sampleSize[candidate.member.riskClass, default: 0] += 1
        }
      }
      shortfalls.append(max(0, count - selected.count))
    }
    if countOnly {
      // A count: report the sample per class of what was drawn.
      for riskClass in classes { sampleSize[riskClass] = selected.filter { $0.member.riskClass == riskClass }.count }
    }
    selected.sort { $0.ticket < $1.ticket }
    skipped.sort { $0.ticket < $1.ticket }
    for selection in selected { visits[selection.member.code, default: 0] += 1 }
    return Taken(sampleSize: sampleSize, selected: selected, skipped: skipped, shortfalls: shortfalls)
  }
}

extension Drawer.TaskSpec {
  /// The population rule, the one both paths ask (`Drawer.draw` per distinct 行业 and 标签 of the
  /// directory, `StreamingDraw` per distinct value it meets): a joint task's population is the
  /// entities of its industries; a single department's, those whose 行业 or one of whose 标签 is
  /// one of its object types.
  func contains(industry: String, tags: [String]) -> Bool {
    switch kind {
    case .joint: return industries.contains(industry)
    case .single: return objects.contains(industry) || tags.contains { objects.contains($0) }
    }
  }
}
