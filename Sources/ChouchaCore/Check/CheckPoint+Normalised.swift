// Stand-in until the documents helper's `Checklists/PointText.swift` (branch fix14-docs) is on
// main: the same API, `CheckPoint.normalised(_:)` and `normalisedText`. When both meet, this file
// goes and the checks use that one, unchanged.

extension CheckPoint {
  /// The text two points are compared by: white space of every kind (ASCII, U+3000, look-alike
  /// spaces such as U+00A0, line breaks), invisible format characters (Cf: zero-width spaces,
  /// U+FEFF, bidi controls) and punctuation, ASCII and CJK (general categories P*:
  /// `，。；：、？！“”‘’（）《》【】`) left out, full-width ASCII (U+FF01–U+FF5E) folded to ASCII
  /// first. Letters keep their case; digits and symbols stay. One pass over the scalars.
  ///
  ///     normalised("是否取得《特种行业许可证》？") == normalised("是否取得 特种行业许可证")
  public static func normalised(_ text: String) -> String {
    var kept = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      let folded = (0xFF01...0xFF5E).contains(scalar.value) ? Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar : scalar
      if folded.value < 0x80 {
        // ASCII, the common case of the marks, without a property lookup: keep letters, digits
        // and the symbols (`+ < = > ^ | ~ $ \``), drop the rest.
        switch UInt8(folded.value) {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
          UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "+"), UInt8(ascii: "<"), UInt8(ascii: "="),
          UInt8(ascii: ">"), UInt8(ascii: "^"), UInt8(ascii: "|"), UInt8(ascii: "~"), UInt8(ascii: "$"),
          UInt8(ascii: "`"):
          kept.append(folded)
        default: continue
        }
        continue
      }
      let properties = folded.properties
      if properties.isWhitespace { continue }
      switch properties.generalCategory {
      case .format, .control, .lineSeparator, .paragraphSeparator, .spaceSeparator, .connectorPunctuation,
        .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation, .finalPunctuation,
        .otherPunctuation:
        continue
      default:
        kept.append(folded)
      }
    }
    return String(kept)
  }

  /// This point's text, normalised.
  public var normalisedText: String { CheckPoint.normalised(text.value) }
}
