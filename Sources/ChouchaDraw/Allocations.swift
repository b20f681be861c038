/// Memory the draw manages by hand, freed when its owner goes (`deinit`): the pass's buffers and
/// per-worker tables are raw pointers for speed, and each belongs to one of these, never freed
/// by a call someone may forget or make twice.
///
/// Only plain values (integers, pointers, structs of them) are kept here: the memory is freed
/// without deinitializing it.
final class Allocations {
  private var blocks: [UnsafeMutableRawPointer] = []

  init() {}

  deinit { for block in blocks { block.deallocate() } }

  /// `capacity` uninitialized values of `T`, alive as long as this owner.
  func make<T>(_: T.Type, capacity: Int) -> UnsafeMutablePointer<T> {
    let pointer = UnsafeMutablePointer<T>.allocate(capacity: max(1, capacity))
    blocks.append(UnsafeMutableRawPointer(pointer))
    return pointer
  }

  /// `count` uninitialized bytes at `alignment`, alive as long as this owner.
  func bytes(_ count: Int, alignment: Int = 1) -> UnsafeMutableRawBufferPointer {
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, count), alignment: alignment)
    blocks.append(buffer.baseAddress!)
    return UnsafeMutableRawBufferPointer(rebasing: buffer[..<count])
  }

  /// Frees `pointer` (made here) now, before its owner goes: a buffer replaced by a larger one.
  func free(_ pointer: UnsafeMutableRawPointer) {
    guard let index = blocks.lastIndex(of: pointer) else { preconditionFailure("not allocated here") }
    blocks.remove(at: index)
    pointer.deallocate()
  }
}

/// What the workers of one `DispatchQueue.concurrentPerform` share that the compiler cannot prove
/// safe to share (a buffer, a closure): each worker writes only its own part (disjoint ranges of
/// the buffer, its own slot), and the caller keeps it alive until they are done.
struct WorkerShared<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}
