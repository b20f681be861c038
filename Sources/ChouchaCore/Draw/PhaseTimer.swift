import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The time each phase of a command took, on standard error, when the environment variable
/// `CHOUCHA_TIMINGS` is set: what `Benchmarks/draw.sh` reports beside the total. Off, it costs a
/// branch per phase.
public enum PhaseTimer {
  static let enabled = getenv("CHOUCHA_TIMINGS") != nil
  private static let clock = Clock()

  final class Clock: @unchecked Sendable {
    var last = DispatchTime.now().uptimeNanoseconds
  }

  /// Starts timing (the next mark measures from here).
  public static func start() {
    guard enabled else { return }
    clock.last = DispatchTime.now().uptimeNanoseconds
  }

  /// A detail of the current phase.
  public static func note(_ text: String) {
    guard enabled else { return }
    fputs("    \(text)\n", stderr)
  }

  /// Ends the phase `name`: prints its time since the previous mark (or the first use).
  public static func mark(_ name: String) {
    guard enabled else { return }
    let now = DispatchTime.now().uptimeNanoseconds
    let seconds = Double(now - clock.last) / 1e9
    clock.last = now
    fputs("  \(name): \((seconds * 1000).rounded() / 1000) s\n", stderr)
  }
}
