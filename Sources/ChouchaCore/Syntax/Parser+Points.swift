/// Check points (检查要点): an item's `要点 { … }` block, one point per line, and the fields a
/// point takes, which a shared point (`要点 CODE "text" { … }`) takes too.
extension CheckPoint {
  /// The fields of a point, on the point's own line in an item's block or in a 要点 declaration.
  static let fields: [(FieldKey, FieldShape)] = [(.basis, .bases), (.methods, .methods), (.answers, .nameList)]

  /// `fields` by `FieldKey.rawValue`.
  static let shapes: [FieldShape?] = {
    var table = [FieldShape?](repeating: nil, count: FieldKey.allCases.count)
    for (key, shape) in fields { table[key.rawValue] = shape }
    return table
  }()
}

extension ParserState {
  /// `要点 { "是否…" 依据 法规 "第六条"  方式 实地检查 ⏎ YD-01 }`: the entries of the block, or nil
  /// when no block opens. A line starting with a field of the item or a declaration means the
  /// block's `}` is missing: reported there, and the item's fields read on.
  mutating func checks() -> [PointEntry]? {
    guard current.kind == .leftBrace else {
      expected(.openingBrace)
      return nil
    }
    let open = current
    advance()
    var entries: [PointEntry] = []
    // After one error, stray tokens are not reported again until a point parses.
    var recovering = false
    while true {
      while current.kind == .newline || current.kind == .semicolon || current.kind == .comma { advance() }
      switch current.kind {
      case .rightBrace:
        advance()
        return entries
      case .end:
        missingBrace(open: open)
        return entries
      case .string:
        entries.append(.own(ownPoint(code: nil)))
        recovering = false
      case .word:
        if atLineStart, endsPointsBlock {
          missingBrace(open: open)
          return entries
        }
        let code = joinedWord()
        if current.kind == .string {
          entries.append(.own(ownPoint(code: code)))
        } else {
          entries.append(.reference(code))
          endOfPoint()
        }
        recovering = false
      default:
        if !recovering { expected(.checkPoint) }
        recovering = true
        skipLine()
        if current.kind == .leftBrace || current.kind == .range || current.kind == .colon { advance() }
      }
    }
  }

  /// True when the word at the cursor, first on its line inside a 要点 block, is the keyword of an
  /// item's field or of a declaration: what follows a block whose `}` was left out.
  var endsPointsBlock: Bool {
    let word = bytes(current)
    if let key = fieldKeys.lookup(word), DeclKind.shapeTables[.item]![key.rawValue] != nil { return true }
    return declKinds.lookup(word) != nil || looksLikeDeclaration
  }

  /// A point of the item's own: `[CODE] "text"` (the code already read) and its fields on the line.
  mutating func ownPoint(code: Name?) -> CheckPoint {
    let token = current
    let text = stringValue(token)
    advance()
    if !token.isReported, text.value.trimmingCharacters(in: " \t\u{3000}").isEmpty {
      report(.emptyName(kind: Text(zh: "检查要点", en: "check point"), at: text.span))
    }
    let fields = Draft()
    while current.kind == .word, let key = fieldKeys.lookup(bytes(current)), let shape = CheckPoint.shapes[key.rawValue] {
      let keyword = current
      mark(keyword, .field(key))
      advance()
      if current.kind == .colon { advance() }
      guard let value = parseValue(shape, field: key) else {
        skipLine()
        break
      }
      let fieldSpan = span(from: keyword.start)
      if let previous = fields.span(of: key) {
        report(.fieldGivenTwice(self.text(keyword), at: fieldSpan, first: previous))
      } else {
        fields.set(key, value, at: fieldSpan)
      }
    }
    endOfPoint()
    let start = code?.span.start ?? text.span.start
    return CheckPoint(
      code: code, text: text, bases: fields.bases, methods: fields.methods, answers: fields.answers,
      span: Span(file: file.id, start: start, end: max(start, previousEnd)))
  }

  /// After a point: the line ends, or a `;`, `,` or the block's `}` follows.
  mutating func endOfPoint() {
    switch current.kind {
    case .newline, .semicolon, .comma, .rightBrace, .end: return
    default:
      expected(.endOfPoint)
      skipLine()
    }
  }
}
