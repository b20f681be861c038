import FuzzSupport

@testable import ChouchaCore

/// A results table (`引入 结果`) as the compiler reads it: the input is the table's bytes (UTF-8,
/// GB18030 or neither), imported by rules with two departments. Checks the diagnostics'
/// invariants and the reader's own: every value located in its row, inside the table; rows in
/// table order; nothing dropped silently (each data row that is not blank is read, or an error
/// points into it, or an error about the whole table explains why no row was read). And, on the
/// input as one cell's text, that a date read is the same date written back in ISO form.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzResults(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  let table = Fuzz.bytes(data, count)
  let rules = """
    部门 SCJG "区市场监督管理局" { 类型 本级 }
    部门 XFJY "区消防救援大队" { 类型 垂直 }
    计划 2024 "2024年抽查工作计划" { 期间 2024-03-01 .. 2024-11-30 }
    日历 2024 { 节假日 2024-10-01 .. 2024-10-07 }
    引入 结果 "r.csv"

    """
  var sources = SourceMap()
  sources.add(path: "rules.choucha", bytes: Array(rules.utf8))
  let compilation = Compiler.compile(sources, provider: MemoryFileProvider(files: ["r.csv": table]))
  Fuzz.check(compilation.diagnostics, sources: compilation.sources, "results")

  // The table as read (converted to UTF-8 when it was GB18030), if it was.
  guard let file = compilation.sources.files.first(where: { $0.path == "r.csv" }) else {
    Fuzz.expect(compilation.program.results.isEmpty, "rows read from a table that was not")
    Fuzz.expect(compilation.diagnostics.contains { $0.code == .E0601 }, "a table not read without E0601")
    return 0
  }
  let (rows, failure) = CSVReader.read(file)
  var previous = 0
  for result in compilation.program.results {
    Fuzz.expect(result.span.file == file.id, "row \(result.row) is not in the table")
    Fuzz.expect(result.row > previous, "row \(result.row) after row \(previous)")
    previous = result.row
    Fuzz.expect(result.row >= 2 && result.row <= rows.count, "row \(result.row) of \(rows.count)")
    let row = rows[result.row - 1]
    Fuzz.expect(row.span == result.span, "row \(result.row): span \(result.span) is not the row's \(row.span)")
    var spans = [result.task.span, result.entity.span]
    spans += [result.entityName?.span, result.department?.span, result.inspected?.span, result.category?.span].compactMap { $0 }
    spans += [result.problem?.span, result.published?.span, result.closed?.span, result.followUpFrom?.span].compactMap { $0 }
    spans += result.actions.map(\.span) + result.failedPoints.map(\.span)
    for span in spans {
      Fuzz.expect(
        span.file == file.id && row.span.start <= span.start && span.start <= span.end && span.end <= row.span.end,
        "row \(result.row): a value at \(span.start)..<\(span.end) outside the row \(row.span.start)..<\(row.span.end)")
    }
    Fuzz.expect(!result.task.value.isEmpty && !result.entity.value.isEmpty, "row \(result.row): read without 任务编号 or 信用代码")
  }

  // Nothing dropped silently.
  let errors = compilation.diagnostics.filter { $0.severity == .error && $0.span.file == file.id }
  let wholeTable = compilation.diagnostics.contains { diagnostic in
    diagnostic.code == .E0602 && (diagnostic.span.file != file.id || rows.first.map { diagnostic.span.start <= $0.span.end } ?? true)
  }
  var readRows = Set(compilation.program.results.map(\.row))
  if !wholeTable {
    let cut: Int
    if case .unterminatedQuote(let span) = failure { cut = span.start } else { cut = Int.max }
    for row in rows.dropFirst() where row.span.start < cut {
      if row.cells.allSatisfy({ $0.trimmed.isEmpty }) { continue }
      if readRows.remove(row.line) != nil { continue }
      Fuzz.expect(
        errors.contains { row.span.start <= $0.span.start && $0.span.start <= row.span.end },
        "row \(row.line) was neither read nor reported")
    }
  }

  // A date, read from the input as text, is the same day written back.
  if let text = String(validating: table.prefix(64), as: UTF8.self), case .day(let day) = ResultDate.read(text) {
    Fuzz.expect(ResultDate.read(day.description) == .day(day), "'\(text)' read as \(day), which does not read back")
    // An Excel serial (at most five digits, perhaps a fraction) is read only for 1990-2099.
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    let whole = trimmed.prefix { $0 != "." }
    if !whole.isEmpty, whole.count <= 5, trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) {
      Fuzz.expect((1990...2099).contains(day.year), "'\(text)': the serial of a day in \(day.year)")
    }
  }
  return 0
}
