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
    // Full-width digits and separators (２０２４／５／３) as ASCII; trimmed.
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0xFF10...0xFF19: bytes.append(UInt8(scalar.value - 0xFF10 + 0x30))
      case 0xFF0D: bytes.append(UInt8(ascii: "-"))
      case 0xFF0F: bytes.append(UInt8(ascii: "/"))
      case 0xFF0E: bytes.append(UInt8(ascii: "."))
      case 0xFF1A: bytes.append(UInt8(ascii: ":"))
      case 0x3000: bytes.append(0x20)
      default: bytes.append(contentsOf: String(scalar).utf8)
      }
    }
    while let last = bytes.last, last == 0x20 || last == 0x09 || last == 0x0A || last == 0x0D { bytes.removeLast() }
    var start = 0
    while start < bytes.count, bytes[start] == 0x20 || bytes[start] == 0x09 || bytes[start] == 0x0A || bytes[start] == 0x0D {
      start += 1
    }
    let b = Array(bytes[start...])
    guard !b.isEmpty else { return .unreadable }

    var i = 0
    func digits(max: Int) -> Int? {
      var value = 0
      var count = 0
      while i < b.count, count < max, (0x30...0x39).contains(b[i]) {
        value = value * 10 + Int(b[i] - 0x30)
        i += 1
        count += 1
      }
      return count == 0 ? nil : value
    }
    func skip(_ word: String) -> Bool {
      let w = Array(word.utf8)
      guard i + w.count <= b.count, Array(b[i..<(i + w.count)]) == w else { return false }
      i += w.count
      return true
    }

    // An Excel serial: up to five digits, or digits, a point and digits (a time of day).
    let point = UInt8(ascii: ".")
    let integer = b.prefix { (0x30...0x39).contains($0) }
    if !integer.isEmpty, integer.count <= 5,
      integer.count == b.count
        || (b[integer.count] == point && integer.count + 1 < b.count
          && b[(integer.count + 1)...].allSatisfy { (0x30...0x39).contains($0) })
    {
      let whole = integer.reduce(0) { $0 * 10 + Int($1 - 0x30) }
      // Serial 25569 is 1970-01-01, day 0 of `Day`.
      return serials.contains(whole) ? .day(Day(ordinal: whole - 25569)) : .unreadable
    }

    // yyyymmdd
    if b.count >= 8, b.prefix(8).allSatisfy({ (0x30...0x39).contains($0) }), b.count == 8 || !(0x30...0x39).contains(b[8]) {
      let year = digits(max: 4)!, month = digits(max: 2)!, day = digits(max: 2)!
      guard timeOfDay(b[i...]) else { return .unreadable }
      return Day(year: year, month: month, day: day).map(Reading.day) ?? .impossible
    }

    guard let year = digits(max: 4), i == 4 else { return .unreadable }
    let separator: UInt8
    if skip("年") {
      separator = 0
    } else if i < b.count, [UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: ".")].contains(b[i]) {
      separator = b[i]
      i += 1
    } else {
      return .unreadable
    }
    guard let month = digits(max: 2) else { return .unreadable }
    if separator == 0 {
      guard skip("月") else { return .unreadable }
    } else {
      guard i < b.count, b[i] == separator else { return .unreadable }
      i += 1
    }
    guard let day = digits(max: 2) else { return .unreadable }
    if separator == 0 { _ = skip("日") || skip("号") }
    guard timeOfDay(b[i...]) else { return .unreadable }
    return Day(year: year, month: month, day: day).map(Reading.day) ?? .impossible
  }

  /// What may follow a date: nothing, or a space (or `T`) and a time of day — `14:30`,
  /// `14:30:00`, `14:30:00.000`, `14时30分(00秒)` — with hours 0–23 and minutes, seconds 0–59.
  static func timeOfDay(_ rest: ArraySlice<UInt8>) -> Bool {
    guard let first = rest.first else { return true }
    guard first == 0x20 || first == UInt8(ascii: "T") else { return false }
    var b = Array(rest.dropFirst())
    while b.first == 0x20 { b.removeFirst() }
    var i = 0
    func number() -> Int? {
      var value = 0
      var count = 0
      while i < b.count, count < 2, (0x30...0x39).contains(b[i]) {
        value = value * 10 + Int(b[i] - 0x30)
        i += 1
        count += 1
      }
      return count == 0 ? nil : value
    }
    func skip(_ word: String) -> Bool {
      let w = Array(word.utf8)
      guard i + w.count <= b.count, Array(b[i..<(i + w.count)]) == w else { return false }
      i += w.count
      return true
    }
    guard let hour = number(), hour <= 23 else { return false }
    if skip(":") {
      guard let minute = number(), minute <= 59 else { return false }
      if skip(":") {
        guard let second = number(), second <= 59 else { return false }
        if skip(".") {
          let digits = b[i...].prefix { (0x30...0x39).contains($0) }.count
          guard digits > 0 else { return false }
          i += digits
        }
      }
    } else if skip("时") || skip("点") {
      if let minute = number() {
        guard minute <= 59, skip("分") else { return false }
        if let second = number() { guard second <= 59, skip("秒") else { return false } }
      }
    } else {
      return false
    }
    return i == b.count
  }
}
