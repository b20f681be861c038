import FuzzSupport

@testable import ChouchaCore

/// The CSV reader, the table over it (through the authority list reader `引入` uses) and the
/// spreadsheet importer (`choucha import items|authorities`), on the input as a table. Checks the
/// reader's rows and cells (in order, inside the file), the diagnostics' invariants, and that the
/// source `import` writes reads in `check` without a syntax error and in fmt's layout.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTables(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  let table = Fuzz.bytes(data, count)
  let hash = Fuzz.hash(table)

  // The reader alone.
  let file = SourceFile(id: 0, path: "t.csv", bytes: table)
  let (rows, failure) = CSVReader.read(file)
  var previous = 0
  var previousLine = 1
  for (index, row) in rows.enumerated() {
    Fuzz.expect(row.line >= previousLine, "row \(index) has line \(row.line) after line \(previousLine)")
    previousLine = row.line
    for cell in row.cells {
      Fuzz.expect(
        previous <= cell.span.start && cell.span.start <= cell.span.end && cell.span.end <= table.count,
        "row \(index): cell \(cell.span.start)..<\(cell.span.end) out of order or outside the table (\(table.count) bytes)")
      previous = max(previous, cell.span.end)
    }
    Fuzz.expect(row.span.start <= row.span.end && row.span.end <= table.count, "row \(index): span outside the table")
  }
  if case .unterminatedQuote(let span) = failure {
    Fuzz.expect(span.start < table.count && table[span.start] == UInt8(ascii: "\""), "unterminated quote reported at \(span.start), not a quote")
  }

  // The authority list as `引入` reads it (a UTF-8 table; the compiler refuses others first).
  if String(validating: table, as: UTF8.self) != nil {
    var sources = SourceMap()
    let tableFile = sources.add(path: "t.csv", bytes: table)
    let (_, diagnostics) = AuthorityImporter.read(
      tableFile, importedAt: Span(file: 0, start: 0, end: 0), departments: [], laws: [])
    Fuzz.check(diagnostics, sources: sources, "authority list")
  }

  // `choucha import`, both kinds, the keyword language and --department from the input's hash.
  for kind in SheetImporter.Kind.allCases {
    let options = SheetImporter.Options(
      kind: kind, department: hash & 1 == 0 ? nil : "SCJG", keywords: hash & 2 == 0 ? .zh : .en)
    let result = SheetImporter.run(path: "t.csv", bytes: table, options: options)
    Fuzz.check(result.diagnostics, sources: result.sources, "import \(kind.rawValue)")
    Fuzz.expect(result.internalError == nil, "import \(kind.rawValue): internal error \(result.internalError?.detail ?? "")")
    guard result.diagnostics.errorCount == 0 else {
      Fuzz.expect(result.source.isEmpty, "import \(kind.rawValue): errors, yet a source was written")
      continue
    }
    Fuzz.expect(!result.source.isEmpty, "import \(kind.rawValue): no error, yet nothing was written")
    let compilation = Compiler.compile(texts: [("imported.choucha", result.source)])
    let syntax = compilation.diagnostics.filter { $0.code.rawValue.hasPrefix("E00") }
    Fuzz.expect(
      syntax.isEmpty,
      "import \(kind.rawValue): the source written has syntax errors:\n\(HumanRenderer(language: .en).render(syntax, sources: compilation.sources))")
    // `fmt` leaves it as written (an item's check points, their comment, included).
    if case .success(let formatted) = RuleFormatter.format(SourceFile(id: 0, path: "imported.choucha", text: result.source)) {
      Fuzz.expect(formatted == Array(result.source.utf8), "import \(kind.rawValue): fmt changes the source written")
    }
  }
  return 0
}
