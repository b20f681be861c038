/// GB18030 to UTF-8, for directories that Excel in China saved as "CSV" in the system code page.
///
/// Foundation on Linux cannot decode GB18030, so this is a decoder of its own: the WHATWG Encoding
/// Standard's gb18030 decoder (https://encoding.spec.whatwg.org/#gb18030-decoder), over the
/// GB18030-2005 mapping generated from Python's codec by `generate_gb18030.py` into
/// `GB18030+Tables.swift`.
///
/// - One byte: ASCII 0x00-0x7F; and 0x80 is U+20AC €, as in WHATWG and in Windows code page 936
///   (GBK), which Excel writes (GB18030 proper leaves 0x80 unassigned).
/// - Two bytes: lead 0x81-0xFE, trail 0x40-0x7E or 0x80-0xFE; all 23,940 are assigned.
/// - Four bytes: 0x81-0xFE 0x30-0x39 0x81-0xFE 0x30-0x39; the BMP through the 207 runs of
///   "index gb18030 ranges" (0x81308130-0x8431A439), the supplementary planes linearly
///   (0x90308130 = U+10000 to 0xE3329A35 = U+10FFFF). Any other four-byte sequence is invalid.
public enum GB18030 {
  /// Decodes `bytes` to UTF-8. Each invalid sequence becomes U+FFFD, as in WHATWG (a byte that
  /// cannot continue a sequence but can start one is read again); `errorOffset` is the byte offset
  /// of the first invalid sequence, nil when every sequence is valid.
  public static func decode(_ bytes: [UInt8]) -> (utf8: [UInt8], errorOffset: Int?) {
    var output = UTF8Bytes()
    output.bytes.reserveCapacity(bytes.count + bytes.count / 2)
    let errorOffset = bytes.withUnsafeBufferPointer { scan($0, into: &output, stopAtError: false) }
    return (output.bytes, errorOffset)
  }

  /// True when `bytes` are not valid UTF-8 but are valid GB18030: how an import tells a GB18030
  /// export from a UTF-8 one. Empty and all-ASCII input is valid UTF-8, so false. A heuristic:
  /// many short byte strings in other legacy encodings are also valid GB18030.
  public static func looksLike(_ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBufferPointer { buffer in
      if ChouchaCore.isValidUTF8(buffer) { return false }
      var discard = Discard()
      return scan(buffer, into: &discard, stopAtError: true) == nil
    }
  }

  // MARK: - The decoder

  /// The WHATWG decoder over a buffer instead of a stream: "prepend to the stream" is reading
  /// again from the byte after the lead. Appends the UTF-8 to `output` when there is one (without
  /// it, the tables are never loaded: validity needs only the byte ranges). Returns the offset of
  /// the first invalid sequence.
  @inline(__always)
  private static func scan<Output: UTF8Sink>(
    _ bytes: UnsafeBufferPointer<UInt8>, into output: inout Output, stopAtError: Bool
  ) -> Int? {
    let count = bytes.count
    var firstError: Int? = nil
    var index = 0
    while index < count {
      let lead = bytes[index]
      if lead < 0x80 {
        output.append(byte: lead)
        index += 1
        continue
      }
      if lead == 0x80 {
        output.append(scalar: 0x20AC)
        index += 1
        continue
      }
      // From here on: an error at `index` consumes `consumed` bytes.
      var consumed = 1
      decoding: do {
        if lead == 0xFF { break decoding }
        guard index + 1 < count else { consumed = count - index; break decoding }
        let second = bytes[index + 1]
        if (0x30...0x39).contains(second) {
          guard index + 2 < count else { consumed = count - index; break decoding }
          let third = bytes[index + 2]
          guard (0x81...0xFE).contains(third) else { break decoding }
          guard index + 3 < count else { consumed = count - index; break decoding }
          let fourth = bytes[index + 3]
          guard (0x30...0x39).contains(fourth) else { break decoding }
          consumed = 4
          let pointer =
            (Int(lead) - 0x81) * 12600 + (Int(second) - 0x30) * 1260 + (Int(third) - 0x81) * 10
            + (Int(fourth) - 0x30)
          guard isRangesPointer(pointer) else { break decoding }
          if Output.wantsText { output.append(scalar: rangesCodePoint(pointer)) }
          index += 4
          continue
        }
        // A byte that cannot trail but is ASCII is read again; any other is consumed.
        if second >= 0x80 { consumed = 2 }
        guard (0x40...0x7E).contains(second) || (0x80...0xFE).contains(second) else { break decoding }
        if Output.wantsText {
          let pointer = (Int(lead) - 0x81) * 190 + Int(second) - (second < 0x7F ? 0x40 : 0x41)
          output.append(scalar: UInt32(twoByte[pointer]))
        }
        index += 2
        continue
      }
      if firstError == nil {
        firstError = index
        if stopAtError { return index }
      }
      output.append(scalar: 0xFFFD)
      index += consumed
    }
    return firstError
  }

  /// Pointers with a code point in "index gb18030 ranges": the BMP and the supplementary planes.
  @inline(__always)
  private static func isRangesPointer(_ pointer: Int) -> Bool {
    pointer <= 39419 || (189000...1_237_575).contains(pointer)
  }

  /// WHATWG's "index gb18030 ranges code point" for a valid pointer.
  static func rangesCodePoint(_ pointer: Int) -> UInt32 {
    if pointer >= 189000 { return 0x10000 + UInt32(pointer - 189000) }
    // GB18030-2005 moved U+E7C7 here from 0xA8BC; the runs are those of the 2000 mapping.
    if pointer == 7457 { return 0xE7C7 }
    let ranges = Self.ranges
    // The last run starting at or before the pointer.
    var low = 0, high = ranges.count  // ranges[low].pointer <= pointer < ranges[high].pointer
    while high - low > 1 {
      let middle = (low + high) / 2
      if ranges[middle].pointer <= pointer { low = middle } else { high = middle }
    }
    return ranges[low].codePoint + UInt32(pointer - ranges[low].pointer)
  }

  // MARK: - The tables, decoded once on first use

  /// index gb18030: the code point of each two-byte pointer.
  static let twoByte: [UInt16] = {
    let bytes = decodeBase64(twoByteBase64)
    precondition(bytes.count == twoByteCount * 2, "GB18030+Tables.swift: corrupt two-byte table")
    var table = [UInt16](repeating: 0, count: twoByteCount)
    for pointer in 0..<twoByteCount {
      table[pointer] = UInt16(bytes[2 * pointer]) | UInt16(bytes[2 * pointer + 1]) << 8
    }
    return table
  }()

  /// index gb18030 ranges, in pointer order.
  static let ranges: [(pointer: Int, codePoint: UInt32)] = parseRanges(rangesHex)

  /// `pointer:codePoint` hex pairs separated by spaces or line breaks.
  @inline(never)
  static func parseRanges(_ text: String) -> [(pointer: Int, codePoint: UInt32)] {
    var ranges: [(pointer: Int, codePoint: UInt32)] = []
    var pointer: Int? = nil, number: Int? = nil
    for character in text.utf8 {
      switch character {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): number = (number ?? 0) << 4 + Int(character - 0x30)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): number = (number ?? 0) << 4 + Int(character - 0x37)
      case UInt8(ascii: ":"): (pointer, number) = (number, nil)
      default:
        if let start = pointer, let codePoint = number { ranges.append((start, UInt32(codePoint))) }
        (pointer, number) = (nil, nil)
      }
    }
    if let start = pointer, let codePoint = number { ranges.append((start, UInt32(codePoint))) }
    precondition(
      ranges.first?.pointer == 0 && zip(ranges, ranges.dropFirst()).allSatisfy { $0.pointer < $1.pointer },
      "GB18030+Tables.swift: corrupt ranges")
    return ranges
  }

  /// Standard base64 (RFC 4648), skipping line breaks and indentation.
  @inline(never)
  static func decodeBase64(_ text: String) -> [UInt8] {
    var values = [UInt8](repeating: 0xFF, count: 256)
    for (value, character) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
      values[Int(character)] = UInt8(value)
    }
    var output: [UInt8] = []
    output.reserveCapacity(text.utf8.count * 3 / 4)
    var accumulator: UInt32 = 0, bits = 0
    for character in text.utf8 {
      let value = values[Int(character)]
      if value == 0xFF { continue }  // whitespace, newlines and "=" padding
      accumulator = accumulator << 6 | UInt32(value)
      bits += 6
      if bits >= 8 {
        bits -= 8
        output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
      }
    }
    return output
  }
}

// MARK: - Output

/// Where the decoder writes: UTF-8 bytes, or nothing when only checking validity.
private protocol UTF8Sink {
  static var wantsText: Bool { get }
  mutating func append(byte: UInt8)
  mutating func append(scalar: UInt32)
}

private struct UTF8Bytes: UTF8Sink {
  var bytes: [UInt8] = []
  static var wantsText: Bool { true }

  @inline(__always)
  mutating func append(byte: UInt8) { bytes.append(byte) }

  @inline(__always)
  mutating func append(scalar value: UInt32) {
    switch value {
    case 0..<0x80:
      bytes.append(UInt8(value))
    case 0x80..<0x800:
      bytes.append(0xC0 | UInt8(value >> 6))
      bytes.append(0x80 | UInt8(value & 0x3F))
    case 0x800..<0x10000:
      bytes.append(0xE0 | UInt8(value >> 12))
      bytes.append(0x80 | UInt8(value >> 6 & 0x3F))
      bytes.append(0x80 | UInt8(value & 0x3F))
    default:
      bytes.append(0xF0 | UInt8(value >> 18))
      bytes.append(0x80 | UInt8(value >> 12 & 0x3F))
      bytes.append(0x80 | UInt8(value >> 6 & 0x3F))
      bytes.append(0x80 | UInt8(value & 0x3F))
    }
  }
}

/// Validation only.
private struct Discard: UTF8Sink {
  static var wantsText: Bool { false }
  @inline(__always) mutating func append(byte: UInt8) {}
  @inline(__always) mutating func append(scalar: UInt32) {}
}
