/// The text of a check point as the merging compares it: two points whose texts normalise alike
/// are one point on a merged sheet (工作指引, 一企一表), and two items of a bundle asking the same
/// thing are warned about (W0802). Written the same way by everyone who compares point texts.
public enum PointText {
  /// `text` without what does not change what it asks: white space of every kind (ASCII, the
  /// ideographic space U+3000, look-alike spaces such as U+00A0, line breaks), invisible format
  /// characters (zero-width spaces, U+FEFF, bidi controls: general category Cf) and punctuation,
  /// ASCII and CJK (general categories Pc Pd Ps Pe Pi Pf Po: `，。；：、？！“”‘’（）《》【】·…`);
  /// full-width ASCII (U+FF01–U+FF5E) is folded to ASCII first, so `ＩＣＰ１` is `ICP1` and a
  /// full-width `？` is dropped like `?`. Letters keep their case; symbols (`+` `=` `<` `%` is
  /// punctuation, `+` is not) and digits stay. One pass over the scalars: linear in the text.
  ///
  ///     normalised("是否取得《特种行业许可证》？") == normalised("是否取得 特种行业许可证")
  public static func normalised(_ text: String) -> String {
    var scalars = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      var value = scalar
      // Full-width ASCII forms: the same character, half-width.
      if (0xFF01...0xFF5E).contains(scalar.value), let folded = Unicode.Scalar(scalar.value - 0xFEE0) { value = folded }
      if isIgnored(value) { continue }
      scalars.append(value)
    }
    return String(scalars)
  }

  /// White space, format characters and punctuation: left out of a normalised text.
  static func isIgnored(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.value < 0x80 {
      // ASCII: the common case, without a property lookup.
      let byte = UInt8(scalar.value)
      switch byte {
      case 0x00...0x20, 0x7F: return true
      case UInt8(ascii: "!"), UInt8(ascii: "\""), UInt8(ascii: "#"), UInt8(ascii: "%"), UInt8(ascii: "&"),
        UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: ","),
        UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: ";"),
        UInt8(ascii: "?"), UInt8(ascii: "@"), UInt8(ascii: "["), UInt8(ascii: "\\"), UInt8(ascii: "]"),
        UInt8(ascii: "_"), UInt8(ascii: "{"), UInt8(ascii: "}"):
        return true
      default: return false
      }
    }
    let properties = scalar.properties
    if properties.isWhitespace { return true }
    switch properties.generalCategory {
    case .format, .control, .lineSeparator, .paragraphSeparator, .spaceSeparator,
      .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
      .finalPunctuation, .otherPunctuation:
      return true
    default:
      return false
    }
  }
}

extension CheckPoint {
  /// `PointText.normalised`: the text two points are compared by (merged sheets, W0802).
  public static func normalised(_ text: String) -> String { PointText.normalised(text) }

  /// This point's text, normalised.
  public var normalisedText: String { PointText.normalised(text.value) }
}
