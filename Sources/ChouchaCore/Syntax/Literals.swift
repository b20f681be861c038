/// A calendar day in the proleptic Gregorian calendar, stored as days since 1970-01-01.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let ordinal: Int

  public init(ordinal: Int) { self.ordinal = ordinal }

  /// nil when the date does not exist (2024-02-30).
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      (1...Day.daysIn(year: year, month: month)).contains(day)
    else { return nil }
    // Howard Hinnant's days_from_civil.
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    ordinal = era * 146_097 + doe - 719_468
  }

  /// Parses `YYYY-MM-DD` exactly (four-digit year, two-digit month and day).
  public init?(parsing text: Substring) {
    let bytes = Array(text.utf8)
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else {
      return nil
    }
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for byte in bytes[range] {
        guard (0x30...0x39).contains(byte) else { return nil }
        value = value * 10 + Int(byte - 0x30)
      }
      return value
    }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else {
      return nil
    }
    self.init(year: year, month: month, day: day)
  }

  public var components: (year: Int, month: Int, day: Int) {
    let z = ordinal + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  public var year: Int { components.year }

  /// ISO weekday: 1 Monday … 7 Sunday.
  public var weekday: Int {
    // 1970-01-01 was a Thursday.
    let value = (ordinal % 7 + 7) % 7
    return (value + 3) % 7 + 1
  }

  public var isWeekend: Bool { weekday >= 6 }

  public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

  public var description: String {
    let (year, month, day) = components
    func pad(_ value: Int, _ width: Int) -> String {
      let text = String(value)
      return String(repeating: "0", count: max(0, width - text.count)) + text
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
  }

  public static func < (lhs: Day, rhs: Day) -> Bool { lhs.ordinal < rhs.ordinal }

  static func isLeap(_ year: Int) -> Bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
  }

  static func daysIn(year: Int, month: Int) -> Int {
    switch month {
    case 2: return isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }
}

/// An inclusive range of days: `2024-02-10 .. 2024-02-17`, or a single day.
public struct DayRange: Hashable, Sendable {
  public var first: Day
  public var last: Day

  public init(_ first: Day, _ last: Day) {
    self.first = first
    self.last = last
  }

  public func contains(_ day: Day) -> Bool { first <= day && day <= last }

  public var days: [Day] {
    first <= last ? (first.ordinal...last.ordinal).map(Day.init(ordinal:)) : []
  }

  /// The days of the range inside `year`: what a `calendar` block of that year may say (its
  /// days in other years are an error, E0502). `2024-10-01 .. 7024-10-07` is 1.8 million days,
  /// which a 60-byte typo must not cost (found by the compiler fuzz target: 3 s an input).
  public func days(in year: Int) -> [Day] {
    guard let start = Day(year: year, month: 1, day: 1), let end = Day(year: year, month: 12, day: 31) else { return [] }
    return DayRange(max(first, start), min(last, end)).days
  }

  public var description: String {
    first == last ? first.description : "\(first) .. \(last)"
  }
}

/// A sampling ratio, held exactly in parts per million so that `⌈r·N⌉` never rounds wrong.
public struct Ratio: Hashable, Comparable, Sendable, CustomStringConvertible {
  public static let whole: Int64 = 1_000_000
  public let perMillion: Int64
  /// As written, normalised to half-width: `3%`, `2‰`.
  public let text: String

  public init(perMillion: Int64, text: String) {
    self.perMillion = perMillion
    self.text = text
  }

  /// Parses `5%`, `0.5%`, `2‰`, `-1%` (the sign is kept so that range checks can report it).
  /// Works on the UTF-8 bytes: `%` is one byte, `％` and `‰` three.
  public init?(parsing word: String) {
    var bytes = Array(word.utf8)
    let scale: Int64
    var suffix = "%"
    if bytes.last == UInt8(ascii: "%") {
      scale = 10_000
      bytes.removeLast()
    } else if bytes.count >= 3, bytes.suffix(3) == [0xEF, 0xBC, 0x85] {  // ％
      scale = 10_000
      bytes.removeLast(3)
    } else if bytes.count >= 3, bytes.suffix(3) == [0xE2, 0x80, 0xB0] {  // ‰
      scale = 1_000
      suffix = "‰"
      bytes.removeLast(3)
    } else {
      return nil
    }
    var negative = false
    if bytes.first == UInt8(ascii: "-") {
      negative = true
      bytes.removeFirst()
    }
    let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
    func isDigits(_ part: ArraySlice<UInt8>) -> Bool { part.allSatisfy { (0x30...0x39).contains($0) } }
    guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].count <= 9, isDigits(parts[0]) else {
      return nil
    }
    var value = parts[0].reduce(Int64(0)) { $0 * 10 + Int64($1 - 0x30) } * scale
    if parts.count == 2 {
      let fraction = parts[1]
      let maxDigits = scale == 10_000 ? 4 : 3
      guard !fraction.isEmpty, fraction.count <= maxDigits, isDigits(fraction) else { return nil }
      var unit = scale
      for digit in fraction {
        unit /= 10
        value += Int64(digit - 0x30) * unit
      }
    }
    perMillion = negative ? -value : value
    text = (negative ? "-" : "") + String(decoding: bytes, as: UTF8.self) + suffix
  }

  /// `⌈self · count⌉`, exactly.
  public func sampleSize(of count: Int) -> Int {
    let product = perMillion * Int64(count)
    return Int((product + Ratio.whole - 1) / Ratio.whole)
  }

  public var description: String { text }

  public static func < (lhs: Ratio, rhs: Ratio) -> Bool { lhs.perMillion < rhs.perMillion }
}

/// `20 workdays`, `10 days`.
public struct Duration: Hashable, Sendable {
  /// The amounts the parser accepts (E0006 otherwise): at most 3,650 days or working days, about
  /// ten years. With plan years up to 2999 every deadline stays a four-digit year, as the schemas
  /// require, and no deadline takes long to count.
  public static let allowedAmounts = 0...3_650

  public var amount: Int
  public var unit: DurationUnit
}

/// How many times a year, in the natural spellings an item list uses.
enum Frequency {
  static let yearPrefixes = ["每年", "一年", "全年"]
  static let suffixes = ["次/年", "次／年", "次"]

  /// `1次`, `每年1次`, `一年1次`, `1次/年`, `1次／年`: the number of times a year; nil for a plain
  /// number (the caller reads those) and for anything else.
  static func natural(_ word: String) -> Int? {
    var rest = Substring(word)
    var marked = false
    for prefix in yearPrefixes where rest.hasPrefix(prefix) {
      rest = rest.dropFirst(prefix.count)
      marked = true
      break
    }
    for suffix in suffixes where rest.hasSuffix(suffix) {
      rest = rest.dropLast(suffix.count)
      marked = true
      break
    }
    guard marked, (1...9).contains(rest.utf8.count), rest.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
    return Int(rest)
  }

  /// What a spelling that is no frequency most likely means, as whole numbers of times a year:
  /// both ends of a range (`1-2次/年`), the least of `不少于1次`, `每季度1次` as 4, full-width
  /// digits as ASCII. Empty when there is no telling.
  static func corrections(_ word: String) -> [String] {
    var rest = Substring(word.unicodeScalars.map { scalar -> String in
      (0xFF10...0xFF19).contains(scalar.value) ? String(UnicodeScalar(scalar.value - 0xFF10 + 0x30)!) : String(scalar)
    }.joined())
    var factor = 1
    for prefix in ["不少于", "不低于", "至少", "最少", "不超过", "最多"] where rest.hasPrefix(prefix) {
      rest = rest.dropFirst(prefix.count)
      break
    }
    for (prefix, times) in [("每季度", 4), ("每季", 4), ("每半年", 2), ("每月", 12)] where rest.hasPrefix(prefix) {
      rest = rest.dropFirst(prefix.count)
      factor = times
      break
    }
    for prefix in yearPrefixes where rest.hasPrefix(prefix) {
      rest = rest.dropFirst(prefix.count)
      break
    }
    for suffix in suffixes where rest.hasSuffix(suffix) {
      rest = rest.dropLast(suffix.count)
      break
    }
    func number(_ text: Substring) -> Int? {
      guard (1...6).contains(text.utf8.count), text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
      return Int(text)
    }
    if let value = number(rest) { return [String(value * factor)] }
    for separator in ["-", "~", "～", "至", "到", "—", "－"] {
      let parts = rest.components(separatedBy: separator)
      if parts.count == 2, let low = number(Substring(parts[0])), let high = number(Substring(parts[1])) {
        return [String(low * factor), String(high * factor)]
      }
    }
    return []
  }
}

/// A month of a year (`2024-05`, also written `2024年5月`): the month of a monthly report.
public struct YearMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let year: Int
  public let month: Int

  public init?(year: Int, month: Int) {
    guard (1900...2999).contains(year), (1...12).contains(month) else { return nil }
    self.year = year
    self.month = month
  }

  /// `2024-05` (two digits for the month), or `2024年5月` / `2024年05月`.
  public init?(parsing text: String) {
    let scalars = Array(text.unicodeScalars)
    func digits(_ part: ArraySlice<Unicode.Scalar>) -> Int? {
      guard !part.isEmpty, part.count <= 4, part.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
      return Int(String(String.UnicodeScalarView(part)))
    }
    if scalars.count == 7, scalars[4] == "-", let year = digits(scalars[0..<4]), let month = digits(scalars[5..<7]) {
      self.init(year: year, month: month)
    } else if scalars.count >= 7, scalars[4] == "年", scalars.last == "月", let year = digits(scalars[0..<4]),
      let month = digits(scalars[5..<(scalars.count - 1)]), scalars.count - 6 <= 2
    {
      self.init(year: year, month: month)
    } else {
      return nil
    }
  }

  /// The first and last day of the month.
  public var days: DayRange {
    let first = Day(year: year, month: month, day: 1)!
    return DayRange(first, Day(year: year, month: month, day: Day.daysIn(year: year, month: month))!)
  }

  /// The month after this one.
  public var next: YearMonth { month == 12 ? YearMonth(year: year + 1, month: 1)! : YearMonth(year: year, month: month + 1)! }

  /// `2024-05`.
  public var description: String { "\(year)-\(month < 10 ? "0" : "")\(month)" }

  /// `2024年5月`.
  public var chinese: String { "\(year)年\(month)月" }

  public static func < (lhs: YearMonth, rhs: YearMonth) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }
}
