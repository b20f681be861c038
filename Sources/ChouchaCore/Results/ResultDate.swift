/// The dates of a results table, in the forms Excel, WPS and the platforms' exports write them:
///
/// - `2024-05-03`, `2024-5-3`, `2024/5/3`, `2024.5.3`, `2024年5月3日`, `20240503`, in ASCII or
///   full-width digits;
/// - any of these followed by a time of day (`2024/5/3 14:30`, `2024-05-03 14:30:00`,
///   `2024-05-03T14:30:00`, `2024年5月3日 14时30分`): the time is read and dropped, since every
///   deadline counts whole days;
/// - an Excel serial number (`45415`, or `45415.5` with a time), in Excel's 1900 date system,
///   the one Excel and WPS use on Windows (serial 1 = 1900-01-01; 25569 = 1970-01-01); only
///   serials of years 1990–2099 (32874–73050) are read as dates, so that a stray count is not
///   taken for one. A workbook in the 1904 system (old Excel for Mac) must be saved with dates
///   formatted as dates.
///
/// (E0902's help lists these forms.) Anything else is unreadable, and a date that does not exist (2024-02-30) is impossible: both
/// E0902. In one pass over the cell's bytes, no allocation but the digits' scratch.
public enum ResultDate {
  public enum Reading: Equatable, Sendable {
    case day(Day)
    /// Written as a date, but no such day (month 13, 2024-02-30).
    case impossible
    /// Not a date in any accepted form.
    case unreadable
  }

  /// Excel serial numbers read as dates: 1990-01-01 … 2099-12-31.
  static let serials = 32874...73050

  public static func read(_ text: String) -> Reading {
    var text = text
    return text.withUTF8 { read(bytes: $0) }
  }

  // The words of the Chinese forms, as UTF-8.
  static let year = Array("年".utf8), month = Array("月".utf8), day = Array("日".utf8), dayAlt = Array("号".utf8)
  static let hour = Array("时".utf8), hourAlt = Array("点".utf8), minute = Array("分".utf8), second = Array("秒".utf8)

  static func read(bytes input: UnsafeBufferPointer<UInt8>) -> Reading {
    // Full-width digits and separators (２０２４／５／３) and the ideographic space as ASCII: only
    // when the text has any (most cells are ASCII, or ASCII and 年月日).
    var converted: [UInt8] = []
    var hasFullWidth = false
    var index = 0
    while index < input.count {
      let byte = input[index]
      if byte == 0xEF || (byte == 0xE3 && index + 2 < input.count && input[index + 1] == 0x80 && input[index + 2] == 0x80) {
        hasFullWidth = true
        break
      }
      index += 1
    }
    if hasFullWidth {
      for scalar in String(decoding: input, as: UTF8.self).unicodeScalars {
        switch scalar.value {
        case 0xFF10...0xFF19: converted.append(UInt8(scalar.value - 0xFF10 + 0x30))
        case 0xFF0D: converted.append(UInt8(ascii: "-"))
        case 0xFF0F: converted.append(UInt8(ascii: "/"))
        case 0xFF0E: converted.append(UInt8(ascii: "."))
        case 0xFF1A: converted.append(UInt8(ascii: ":"))
        case 0x3000: converted.append(0x20)
        default: converted.append(contentsOf: String(scalar).utf8)
        }
      }
      return converted.withUnsafeBufferPointer { readASCII($0) }
    }
    return readASCII(input)
  }

  static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
  static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

  /// The forms, once full-width characters are ASCII.
  static func readASCII(_ all: UnsafeBufferPointer<UInt8>) -> Reading {
    var lower = 0
    var upper = all.count
    while lower < upper, isSpace(all[lower]) { lower += 1 }
    while upper > lower, isSpace(all[upper - 1]) { upper -= 1 }
    guard lower < upper else { return .unreadable }
    let b = UnsafeBufferPointer(rebasing: all[lower..<upper])

    var i = 0
    func digits(max: Int) -> Int? {
      var value = 0
      var count = 0
      while i < b.count, count < max, isDigit(b[i]) {
        value = value * 10 + Int(b[i] - 0x30)
        i += 1
        count += 1
      }
      return count == 0 ? nil : value
    }
    func skip(_ word: [UInt8]) -> Bool {
      guard i + word.count <= b.count else { return false }
      var offset = 0
      while offset < word.count {
        if b[i + offset] != word[offset] { return false }
        offset += 1
      }
      i += word.count
      return true
    }

    // An Excel serial: up to five digits, or digits, a point and digits (a time of day).
    let point = UInt8(ascii: ".")
    var integer = 0
    while integer < b.count, isDigit(b[integer]) { integer += 1 }
    if integer > 0, integer <= 5,
      integer == b.count || (b[integer] == point && integer + 1 < b.count && b[(integer + 1)...].allSatisfy(isDigit))
    {
      var whole = 0
      for position in 0..<integer { whole = whole * 10 + Int(b[position] - 0x30) }
      // Serial 25569 is 1970-01-01, day 0 of `Day`.
      return serials.contains(whole) ? .day(Day(ordinal: whole - 25569)) : .unreadable
    }

    // yyyymmdd
    if integer == 8 {
      let year = digits(max: 4)!, month = digits(max: 2)!, day = digits(max: 2)!
      guard timeOfDay(b[i...]) else { return .unreadable }
      return Day(year: year, month: month, day: day).map(Reading.day) ?? .impossible
    }

    guard integer == 4, let year = digits(max: 4) else { return .unreadable }
    let separator: UInt8
    if skip(Self.year) {
      separator = 0
    } else if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "/") || b[i] == point {
      separator = b[i]
      i += 1
    } else {
      return .unreadable
    }
    guard let month = digits(max: 2) else { return .unreadable }
    if separator == 0 {
      guard skip(Self.month) else { return .unreadable }
    } else {
      guard i < b.count, b[i] == separator else { return .unreadable }
      i += 1
    }
    guard let day = digits(max: 2) else { return .unreadable }
    if separator == 0 { _ = skip(Self.day) || skip(Self.dayAlt) }
    guard timeOfDay(b[i...]) else { return .unreadable }
    return Day(year: year, month: month, day: day).map(Reading.day) ?? .impossible
  }

  /// What may follow a date: nothing, or a space (or `T`) and a time of day — `14:30`,
  /// `14:30:00`, `14:30:00.000`, `14时30分(00秒)` — with hours 0–23 and minutes, seconds 0–59.
  static func timeOfDay(_ rest: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
    guard let first = rest.first else { return true }
    guard first == 0x20 || first == UInt8(ascii: "T") else { return false }
    var i = rest.startIndex + 1
    let end = rest.endIndex
    let b = rest.base
    while i < end, b[i] == 0x20 { i += 1 }
    func number() -> Int? {
      var value = 0
      var count = 0
      while i < end, count < 2, isDigit(b[i]) {
        value = value * 10 + Int(b[i] - 0x30)
        i += 1
        count += 1
      }
      return count == 0 ? nil : value
    }
    func skip(_ word: [UInt8]) -> Bool {
      guard i + word.count <= end else { return false }
      var offset = 0
      while offset < word.count {
        if b[i + offset] != word[offset] { return false }
        offset += 1
      }
      i += word.count
      return true
    }
    let colon = [UInt8(ascii: ":")]
    guard let hour = number(), hour <= 23 else { return false }
    if skip(colon) {
      guard let minute = number(), minute <= 59 else { return false }
      if skip(colon) {
        guard let second = number(), second <= 59 else { return false }
        if skip([UInt8(ascii: ".")]) {
          let start = i
          while i < end, isDigit(b[i]) { i += 1 }
          guard i > start else { return false }
        }
      }
    } else if skip(Self.hour) || skip(Self.hourAlt) {
      if let minute = number() {
        guard minute <= 59, skip(Self.minute) else { return false }
        if let second = number() { guard second <= 59, skip(Self.second) else { return false } }
      }
    } else {
      return false
    }
    return i == end
  }
}
