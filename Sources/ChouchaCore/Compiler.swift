/// Reads the files a rule file imports. The CLI reads the disk; tests read memory. The core itself
/// does no IO.
///
/// What `read` returns enters the `SourceMap`, and diagnostics quote it: a provider returns only
/// the bytes of ordinary files inside the repository (symbolic links resolved), and refuses the
/// rest without reading them (`FileReadError.Kind`).
public protocol FileProvider {
  /// - Parameter relativePath: a normalised path relative to the repository root, never leaving it.
  func read(_ relativePath: String) -> Result<[UInt8], FileReadError>
}

/// Why a file was not read: said in E0601 with a help for each kind.
public struct FileReadError: Error, Sendable {
  public enum Kind: Sendable {
    /// Nothing there (or a symbolic link to nothing).
    case notFound
    /// The path, its symbolic links resolved, leads outside the repository.
    case outsideRepository
    /// A directory, named pipe, device, socket or system pseudo-file (`/proc`, `/sys`).
    case notRegularFile
    /// Symbolic links that lead back to themselves.
    case symlinkLoop
    /// In a hidden folder or a hidden file (`.git/config`, `.env`), its links resolved: not the
    /// repository's (the walk for rule files skips them too), and where tools keep credentials.
    case hidden
    /// Anything else: permissions, an IO error.
    case unreadable
  }

  public var kind: Kind
  public var reason: Text
  public init(kind: Kind = .unreadable, reason: Text) {
    self.kind = kind
    self.reason = reason
  }

  public static let notFound = FileReadError(kind: .notFound, reason: Text(zh: "文件不存在", en: "no such file"))
  public static let outsideRepository = FileReadError(
    kind: .outsideRepository, reason: Text(zh: "链接指向规则库之外", en: "a symbolic link leads outside the rule repository"))
  public static let symlinkLoop = FileReadError(
    kind: .symlinkLoop, reason: Text(zh: "符号链接形成循环", en: "the symbolic links form a loop"))
  public static let hidden = FileReadError(
    kind: .hidden, reason: Text(zh: "文件在隐藏目录中或是隐藏文件（名称以“.”开头）", en: "the file is hidden or in a hidden folder (a name starting with '.')"))

  /// - Parameter what: the kind of file, such as “命名管道（FIFO）” / “a named pipe (FIFO)”.
  public static func notRegularFile(_ what: Text) -> FileReadError {
    FileReadError(kind: .notRegularFile, reason: Text(zh: "不是普通文件，而是\(what.zh)", en: "not a regular file but \(what.en)"))
  }

  /// How to fix it.
  public var help: Text {
    switch kind {
    case .notFound, .unreadable:
      return Text(zh: "检查文件名和路径（相对于本文件所在目录）", en: "check the file name and path (relative to this file's folder)")
    case .outsideRepository:
      return Text(
        zh: "只读取规则库目录之内的文件，以免读出系统文件或密钥：把文件复制到规则库中，不要用符号链接指向规则库之外",
        en: "only files inside the repository are read, never a system file or a secret: copy the file into the repository instead of linking to one outside it")
    case .notRegularFile:
      return Text(
        zh: "只读取普通文件，目录、命名管道、设备和 /proc 之类的系统文件一律不读：换成规则库中的普通文件（如导出的 CSV 表格）",
        en: "only regular files are read, never a directory, a named pipe, a device or a system file such as /proc: use a regular file in the repository (such as the exported CSV)")
    case .symlinkLoop:
      return Text(zh: "把链接改为直接指向规则库中的文件", en: "make the link point straight at a file in the repository")
    case .hidden:
      return Text(
        zh: "隐藏的文件和目录（如 .git、.env）不属于规则库，其中常有密钥，一律不读：把表格放到名称不以“.”开头的目录中",
        en: "hidden files and folders (such as .git, .env) are not part of the repository and often hold credentials, so they are never read: put the table in a folder whose name does not start with '.'")
    }
  }
}

/// Everything one compilation produced: the sources (rule files and the tables they imported),
/// the resolved program and every diagnostic, sorted for display.
public struct Compilation: Sendable {
  public var sources: SourceMap
  public var program: Program
  public var diagnostics: [Diagnostic]

  public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// The pipeline: bytes → tokens → syntax → program → diagnostics.
public enum Compiler {
  /// Compiles the rule files in `sources` as one program.
  public static func compile(_ sources: SourceMap, provider: FileProvider) -> Compilation {
    var sources = sources
    var diagnostics: [Diagnostic] = []
    // Path order, not the order the disk listed them in: output must not depend on it.
    let ruleFiles = sources.files.sorted { bytesPrecede($0.path, $1.path) }
    var declarations: [Declaration] = []
    var unparsedNames = Set<String>()
    var toVerify: [Span] = []
    for file in ruleFiles {
      let (syntax, parseDiagnostics) = Parser.parse(file)
      declarations += syntax.declarations
      unparsedNames.formUnion(syntax.unparsedNames)
      toVerify += syntax.toVerify
      diagnostics += parseDiagnostics
    }

    // `引入 抽取`: only its path is checked here (inside the repository); `build` reads the
    // document, which does not exist before the draw that writes it.
    for declaration in declarations {
      guard case .import(let site) = declaration, site.kind.value == .draw else { continue }
      let path = site.path.span
      if diagnostics.contains(where: { $0.code == .E0003 && $0.span.file == path.file && path.start <= $0.span.start && $0.span.start < path.end }) {
        continue
      }
      if ImportPath.resolve(site.path.value, from: sources[path.file].relativePath) == nil {
        diagnostics.append(.importOutsideRepository(site.path))
      }
    }

    let imports = declarations.compactMap { declaration -> Import? in
      // `引入 抽取` names a draw document, which `build` reads for its sheets; `引入 结果` a
      // results table, read below once the departments are known: neither is a table of powers.
      if case .import(let value) = declaration, value.kind.value == .authorities { return value }
      return nil
    }

    /// Reads an imported table: its path checked (inside the repository, not refused by the
    /// lexer), its bytes read and decoded (UTF-8 or GB18030, by the rule `choucha import` and the
    /// draw's directories follow, `TableText`), held as UTF-8 so that its diagnostics quote it as
    /// read, and its invisible characters reported. nil when it cannot be read (reported).
    func readTable(_ site: Import, into imported: inout Set<String>) -> (file: SourceFile?, failed: Bool) {
      let importer = sources[site.path.span.file]
      // A path the lexer refused (a control in it) is already one error: not read, not reported
      // again as missing.
      let path = site.path.span
      if diagnostics.contains(where: { $0.code == .E0003 && $0.span.file == path.file && path.start <= $0.span.start && $0.span.start < path.end }) {
        return (nil, true)
      }
      guard let relative = ImportPath.resolve(site.path.value, from: importer.relativePath) else {
        diagnostics.append(.importOutsideRepository(site.path))
        return (nil, true)
      }
      guard imported.insert(relative).inserted else { return (nil, false) }
      switch provider.read(relative) {
      case .failure(let error):
        diagnostics.append(.importUnreadable(site.path, reason: error.reason, help: error.help))
        return (nil, true)
      case .success(let bytes):
        var text = bytes
        switch TableText.decode(bytes) {
        case .utf8: break
        case .gb18030(let utf8): text = utf8
        case .neither(let offset):
          let utf16 = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
          diagnostics.append(.importNotDecodable(site.path, offset: offset, utf16: utf16))
          return (nil, true)
        }
        let display = ImportPath.displayPath(relative, importer: importer)
        let table = sources.add(path: display, relativePath: relative, bytes: text)
        diagnostics += invisibleCharacters(in: table)
        return (table, false)
      }
    }

    // Set when an import was refused or its table held errors: the codes it would have defined
    // are unknown, so items citing an undefined authority are not reported as well (one mistake,
    // one diagnostic; the others show once the import is fixed).
    var failedImport = false
    if !imports.isEmpty {
      let departments = declarations.compactMap { if case .department(let d) = $0 { return d } else { return nil } }
      let laws = declarations.compactMap { if case .law(let l) = $0 { return l } else { return nil } }
      var imported = Set<String>()
      for site in imports {
        let (read, failed) = readTable(site, into: &imported)
        if failed { failedImport = true }
        guard let table = read else { continue }
        let (authorities, importDiagnostics) = AuthorityImporter.read(
          table, importedAt: site.path.span, departments: departments, laws: laws)
        declarations += authorities.map(Declaration.authority)
        // A row in error is not imported: the codes it held are not defined.
        if importDiagnostics.contains(where: { $0.severity == .error }) { failedImport = true }
        diagnostics += importDiagnostics
      }
    }

    if !imports.isEmpty {
      // Imported tables join the program in path order too. Sort indices, not the declarations
      // themselves: moving large values around costs more than the comparisons.
      let rank = Dictionary(
        uniqueKeysWithValues: sources.files.sorted { bytesPrecede($0.path, $1.path) }
          .enumerated().map { ($1.id, $0) })
      let keys = declarations.map { (rank[$0.span.file]!, $0.span.start) }
      let order = keys.indices.sorted { keys[$0] < keys[$1] }
      declarations = order.map { declarations[$0] }
    }
    var (program, resolveDiagnostics) = Resolver.resolve(declarations, unparsed: unparsedNames)
    if failedImport {
      let citations = Set(declarations.compactMap { declaration -> Span? in
        if case .item(let item) = declaration { return item.authority?.span }
        return nil
      })
      resolveDiagnostics.removeAll { $0.code == .E0101 && citations.contains($0.span) }
    }
    diagnostics += resolveDiagnostics

    // `引入 结果`: the results tables, each read once, in path order, their 检查部门 matched
    // against the departments just resolved.
    var resultTables: [(file: SourceFile, site: Import)] = []
    var importedResults = Set<String>()
    for site in program.resultImports {
      if let table = readTable(site, into: &importedResults).file { resultTables.append((table, site)) }
    }
    for (table, site) in resultTables.sorted(by: { bytesPrecede($0.file.path, $1.file.path) }) {
      let (rows, resultDiagnostics) = ResultsReader.read(table, importedAt: site.path.span, departments: program.departments)
      program.results += rows
      diagnostics += resultDiagnostics
    }

    let fallback = Span(file: ruleFiles.first?.id ?? 0, start: 0, end: 0)
    if !ruleFiles.isEmpty {
      var checked = Checker.check(program, fallback: fallback, toVerify: toVerify)
      // A 后续处置 the reader could not read (E0901) is left out of the row's actions: the row's
      // E0903 (“no follow-up action”) would say that one mistake a second time.
      // Per file, where the E0901s start, sorted: a row holds one when the first at or after its
      // start is before its end (a binary search per E0903, not a scan).
      var unread: [Int: [Int]] = [:]
      for diagnostic in diagnostics where diagnostic.code == .E0901 { unread[diagnostic.span.file, default: []].append(diagnostic.span.start) }
      if !unread.isEmpty, checked.contains(where: { $0.code == .E0903 }) {
        for file in unread.keys { unread[file]!.sort() }
        let rows = Dictionary(program.results.compactMap { row in row.category.map { ($0.span, row.span) } }) { first, _ in first }
        checked.removeAll { diagnostic in
          guard diagnostic.code == .E0903, let row = rows[diagnostic.span], let starts = unread[row.file] else { return false }
          var low = 0
          var high = starts.count
          while low < high {
            let middle = (low + high) / 2
            if starts[middle] < row.start { low = middle + 1 } else { high = middle }
          }
          return low < starts.count && starts[low] < row.end
        }
      }
      diagnostics += checked
    }
    return Compilation(sources: sources, program: program, diagnostics: diagnostics.sortedForDisplay(sources))
  }

  /// A table's cells are held to the rule of quoted strings (`Lexer.isForbiddenInString`), line
  /// breaks aside (a cell may span lines): what a cell holds goes into the item list as it is, so
  /// an ESC sequence or a U+202E pasted into a spreadsheet is an error, not a name in items.csv.
  /// One diagnostic per line of the table, at its first such character.
  static func invisibleCharacters(in table: SourceFile) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    var first: (scalar: Unicode.Scalar, start: Int, length: Int)?
    var more = 0
    func report() {
      guard let (scalar, start, length) = first else { return }
      diagnostics.append(
        .tableInvisibleCharacter(
          scalar, line: table.lineIndex(of: start) + 1, more: more, at: Span(file: table.id, start: start, end: start + length)))
      first = nil
      more = 0
    }
    table.bytes.withUnsafeBufferPointer { bytes in
      var index = 0
      while index < bytes.count {
        let byte = bytes[index]
        if byte == 0x0A {
          report()
          index += 1
          continue
        }
        if byte < 0x80 && byte >= 0x20 && byte != 0x7F {
          index += 1
          continue
        }
        // U+4000–U+9FFF (CJK ideographs, most of a Chinese table): never forbidden. The table is
        // valid UTF-8, so the sequence is whole.
        if byte >= 0xE4 && byte <= 0xE9 {
          index += 3
          continue
        }
        let (scalar, length) = UTF8Scalar.decode(bytes, at: index) ?? ("\u{FFFD}", 1)
        if scalar != "\r", Lexer.isForbiddenInString(scalar) {
          if first == nil { first = (scalar, index, length) } else { more += 1 }
        }
        index += length
      }
      report()
    }
    return diagnostics
  }

  /// Compiles rule files given as text, with imports read from `files` too: for tests and tools.
  public static func compile(texts: [(path: String, text: String)], files: [String: String] = [:]) -> Compilation {
    var sources = SourceMap()
    for (path, text) in texts { sources.add(path: path, bytes: Array(text.utf8)) }
    return compile(sources, provider: MemoryFileProvider(files: files.mapValues { Array($0.utf8) }))
  }
}

/// Files held in memory.
public struct MemoryFileProvider: FileProvider {
  public var files: [String: [UInt8]]
  public init(files: [String: [UInt8]]) { self.files = files }
  public func read(_ relativePath: String) -> Result<[UInt8], FileReadError> {
    files[relativePath].map { .success($0) } ?? .failure(.notFound)
  }
}

/// Paths in `import` declarations: relative to the importing file, never leaving the repository.
public enum ImportPath {
  /// The path relative to the repository root, or nil when it is absolute or leaves the root.
  public static func resolve(_ path: String, from importer: String) -> String? {
    let path = path.replacingBackslashes()
    if path.hasPrefix("/") || path.hasPrefix("~") || (path.count >= 2 && path.dropFirst().first == ":") { return nil }
    var parts = importer.split(separator: "/").dropLast().map(String.init)
    for part in path.split(separator: "/") {
      switch part {
      case ".", "": continue
      case "..":
        guard !parts.isEmpty else { return nil }
        parts.removeLast()
      default: parts.append(String(part))
      }
    }
    return parts.isEmpty ? nil : parts.joined(separator: "/")
  }

  /// The display path of an imported file: the importer's display prefix plus the relative path.
  static func displayPath(_ relative: String, importer: SourceFile) -> String {
    guard importer.path.hasSuffix(importer.relativePath) else { return relative }
    return String(importer.path.dropLast(importer.relativePath.count)) + relative
  }
}

extension String {
  func replacingBackslashes() -> String { String(map { $0 == "\\" ? "/" : $0 }) }
}

/// What `check` and `build` do with the draw and the results, beyond compiling.
extension Compiler {
  /// The draw the rules import (`引入 抽取 "…"`).
  public enum ImportedDraw: Sendable {
    /// The rules import no draw.
    case none
    /// The draw the rules import is not there yet (before the draw that writes it).
    case notYet(Name)
    /// Read, from the import at `site` (not yet held against the plan).
    case visits(DrawnVisits, site: Name)
    /// E0601: a second import, or a document that cannot be read or is no draw document.
    case failed([Diagnostic])
  }

  /// The draw the rules import, read through `provider`. One draw a repository: a second would
  /// list its visits twice.
  public static func importedDraw(_ compilation: Compilation, provider: FileProvider) -> ImportedDraw {
    // Their paths resolved (one leaving the repository is E0601 already, and never read).
    let draws = compilation.program.drawImports.compactMap { site -> (site: Name, relative: String)? in
      ImportPath.resolve(site.path.value, from: compilation.sources[site.path.span.file].relativePath).map { (site.path, $0) }
    }
    guard let first = draws.first else { return .none }
    let extra = draws.dropFirst().map { Diagnostic.drawImportedTwice($0.site, first: first.site.span) }
    guard extra.isEmpty else { return .failed(extra) }
    switch provider.read(first.relative) {
    case .failure(let error) where error.kind == .notFound: return .notYet(first.site)
    case .failure(let error): return .failed([.importUnreadable(first.site, reason: error.reason, help: error.help)])
    case .success(let bytes):
      let read: Result<DrawnVisits, DrawDocument.Problem> =
        if let problem = bytes.withUnsafeBytes({ DrawDocument.checkStart($0) }) { .failure(problem) } else {
          bytes.withUnsafeBufferPointer { DrawDocument.visits($0) }
        }
      switch read {
      case .failure(let problem):
        return .failed([.drawImportUnusable(first.site, field: problem.field, problem: problem.message, help: problem.help)])
      case .success(let visits): return .visits(visits, site: first.site)
      }
    }
  }

  public enum ResultsCheck: Sendable {
    case diagnostics([Diagnostic])
    /// The draw given apart from the rules (`--draw`) is of another year, or of other rules.
    case drawMismatch(Sheets.Problem)
  }

  /// The checks of the results tables that need the draw or the as-of day (E0908, E0911–E0917,
  /// `ResultChecks.run(_:draw:asOf:)`), run by `check` when the rules import results (`build`
  /// runs E0908 alone, with the draw it already read). The draw is `draw` (`--draw`), else the one the rules import: not there yet, it is
  /// none; unreadable or not this plan's, E0601 at the import, as `build` says it.
  public static func checkResults(
    _ compilation: Compilation, provider: FileProvider, draw given: DrawnVisits?, asOf: Day?
  ) -> ResultsCheck {
    let program = compilation.program
    guard !program.resultImports.isEmpty else { return .diagnostics([]) }
    var said: [Diagnostic] = []
    var draw: (visits: DrawnVisits, site: Name?)?
    if let given {
      draw = (given, nil)
    } else {
      switch importedDraw(compilation, provider: provider) {
      case .none, .notYet: break
      case .failed(let diagnostics): said = diagnostics
      case .visits(let visits, let site): draw = (visits, site)
      }
    }
    if let found = draw, let plan = Planner.plan(program, year: found.visits.year) ?? Planner.plan(program, year: nil),
      let problem = Sheets.mismatch(plan, found.visits)
    {
      guard let site = found.site else { return .drawMismatch(problem) }
      said.append(.drawImportUnusable(site, field: problem.field, problem: problem.message, help: problem.help))
      draw = nil
    }
    guard draw != nil || asOf != nil else { return .diagnostics(said) }
    return .diagnostics(said + ResultChecks.run(program, draw: draw.map { ($0.visits, $0.site?.span) }, asOf: asOf))
  }
}
