import ChouchaCore
import Dispatch

/// The time each phase of a command took, as lines for whoever asked: the command line turns it
/// on (`CHOUCHA_TIMINGS`) and writes the lines to standard error, which is what `Benchmarks/draw.sh`
/// reports beside the total. Off (`PhaseTimer()`), it costs a branch per phase.
public final class PhaseTimer: @unchecked Sendable {
  // Unchecked: `last` is written only by `start` and `mark`, which the draw calls on one thread at
  // a time, between phases (never from its workers).
  private let report: (@Sendable (String) -> Void)?
  private var last = DispatchTime.now().uptimeNanoseconds

  /// Timing off.
  public init() { report = nil }

  /// Timing on: each line (without its line break) goes to `report`.
  public init(report: @escaping @Sendable (String) -> Void) { self.report = report }

  /// Whether lines are wanted (what a caller checks before making an expensive one).
  public var isOn: Bool { report != nil }

  /// Starts timing (the next mark measures from here).
  public func start() {
    guard report != nil else { return }
    last = DispatchTime.now().uptimeNanoseconds
  }

  /// A detail of the current phase.
  public func note(_ text: String) {
    guard let report else { return }
    report("    \(text)")
  }

  /// Ends the phase `name`: its time since the previous mark (or the timer's start).
  public func mark(_ name: String) {
    guard let report else { return }
    let now = DispatchTime.now().uptimeNanoseconds
    let seconds = Double(now - last) / 1e9
    last = now
    report("  \(name): \((seconds * 1000).rounded() / 1000) s")
  }
}
