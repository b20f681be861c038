#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Byte comparison with `memcmp`: the generic `elementsEqual` walks byte by byte.
@inline(__always)
package func bytesEqual(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
  a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
}

/// Byte order of two strings' UTF-8, with `memcmp`: the order every output is sorted in.
/// (`String <` compares by canonical equivalence, and `utf8.lexicographicallyPrecedes` walks
/// byte by byte through a generic path.)
public func bytesPrecede(_ a: String, _ b: String) -> Bool {
  // Native strings are contiguous: compare in place (`withUTF8` on a copy costs more).
  let result = a.utf8.withContiguousStorageIfAvailable { x in
    b.utf8.withContiguousStorageIfAvailable { y -> Bool in
      let common = min(x.count, y.count)
      if common > 0, let xBase = x.baseAddress, let yBase = y.baseAddress {
        let order = memcmp(xBase, yBase, common)
        if order != 0 { return order < 0 }
      }
      return x.count < y.count
    }
  }
  return (result ?? nil) ?? a.utf8.lexicographicallyPrecedes(b.utf8)
}
