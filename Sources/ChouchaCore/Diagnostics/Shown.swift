/// User text as it is quoted in a message: short, and with control characters made visible.
///
/// Names come from people and from spreadsheets: a 10 MB “name” or an ESC byte must not reach the
/// terminal or a JSON consumer as it is.
public enum Shown {
  /// At most `limit` characters (then “…”), control characters written as `\u{1B}`.
  public static func text(_ value: String, limit: Int = 40) -> String {
    var result = ""
    var count = 0
    for scalar in value.unicodeScalars {
      if count == limit {
        result += "…"
        break
      }
      if isControl(scalar) {
        result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      } else {
        result.unicodeScalars.append(scalar)
      }
      count += 1
    }
    return result
  }

  /// C0 and C1 controls and DEL; tab and line breaks included (they would break a message's line).
  public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
  }

  /// A whole message or help text: control characters escaped, capped at `limit` characters.
  static func message(_ value: String, limit: Int = 600) -> String {
    guard value.unicodeScalars.contains(where: isControl) || value.utf8.count > limit else { return value }
    return text(value, limit: limit)
  }
}
