import ChouchaCore
import ChouchaDraw

#if canImport(Glibc)
  import Glibc
  private let systemRead = Glibc.read
  private let systemClose = Glibc.close
#elseif canImport(Musl)
  import Musl
  private let systemRead = Musl.read
  private let systemClose = Musl.close
#elseif canImport(Darwin)
  import Darwin
  private let systemRead = Darwin.read
  private let systemClose = Darwin.close
#endif

/// The target directory's bytes as the draw reads them (`ByteSource`): `read(2)` and `pread(2)`
/// on a file, one call per read (the draw reads again after a short or interrupted one), its
/// `fstat` as its identity. Closed when let go.
final class FileByteSource: ByteSource {
  let descriptor: Int32

  /// Opens `path` only if it is a regular file, judged on the open descriptor, and without
  /// waiting: the draw opens the target directory more than once, and a FIFO or a device put in
  /// its place between two opens is refused (nil, "cannot read"), never waited on or read without end.
  init?(path: String) {
    descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    if descriptor < 0 { return nil }
    var status = stat()
    guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
      _ = systemClose(descriptor)
      return nil
    }
  }

  deinit { _ = systemClose(descriptor) }

  /// The directory `path` as the draw opens it: a new descriptor each time.
  static func directory(id: Int, path: String) -> TargetDirectory {
    TargetDirectory(id: id, path: path) { FileByteSource(path: path) }
  }

  func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
    guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
    let count = systemRead(descriptor, base, buffer.count)
    return count < 0 ? (errno == EINTR ? ByteSources.interrupted : -1) : count
  }

  func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) -> Int {
    guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
    let count = pread(descriptor, base, buffer.count, off_t(offset))
    return count < 0 ? (errno == EINTR ? ByteSources.interrupted : -1) : count
  }

  /// The file's size, last modification and inode, to tell whether it changed between two moments.
  func identity() -> [Int]? {
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { return nil }
    #if canImport(Darwin)
      return [Int(status.st_size), Int(status.st_mtimespec.tv_sec), Int(status.st_mtimespec.tv_nsec), Int(status.st_ino)]
    #else
      return [Int(status.st_size), Int(status.st_mtim.tv_sec), Int(status.st_mtim.tv_nsec), Int(status.st_ino)]
    #endif
  }
}

/// What the command line decides for the library from the environment, once, at start-up.
enum Runtime {
  /// `CHOUCHA_TIMINGS`: each phase's time on standard error.
  static let phases: PhaseTimer =
    getenv("CHOUCHA_TIMINGS") != nil ? PhaseTimer { line in fputs(line + "\n", stderr) } : PhaseTimer()

  /// What the draw is lent: the timer, and `malloc_trim` after its pass.
  static let drawHooks = Drawer.Hooks(phases: phases, freedMemory: returnFreedMemory)

  /// `CHOUCHA_NO_SHA_NI`: the portable SHA-256 rounds even on a CPU with SHA-NI. Called first.
  static func start() {
    if getenv("CHOUCHA_NO_SHA_NI") != nil { CPU.mayUseSHAExtensions = false }
  }

  /// Gives the memory the draw's pass freed back to the system. The allocator keeps freed pages
  /// for later allocations, and the fingerprints were most of them (80 MB at ten million rows):
  /// what the draw allocates after the pass would otherwise count on top of them (glibc only).
  @Sendable static func returnFreedMemory() {
    #if canImport(Glibc)
      // `malloc_trim` is not in the Glibc module: looked up by name (nil where absent, as on musl).
      typealias Trim = @convention(c) (Int) -> Int32
      if let symbol = dlsym(nil, "malloc_trim") { _ = unsafeBitCast(symbol, to: Trim.self)(0) }
    #endif
  }
}
