import Foundation
import XCTest

/// The folders of ChouchaCore depend one way, along the pipeline: a folder uses only the types,
/// functions and extension members of folders listed before it in ARCHITECTURE.md's folder order
/// (the list between `<!-- folder order -->` and `<!-- end folder order -->`, read here, so the
/// document and the test cannot drift). The files directly in `Sources/ChouchaCore/`
/// (`Compiler.swift`) come after every folder.
///
/// The scan is lexical, as a reader would do it: comments and the text of string literals are
/// dropped (interpolated code is kept); a folder *declares* the names it declares at the top level
/// of its files (types, functions, constants) and the members it adds in extensions of types
/// declared elsewhere (`String.trimmingCharacters(in:)`); a file *uses* a name when it writes it
/// not after a dot (or, for an extension member, after a dot). A name declared inside a type of
/// the using file (a nested `Kind`, a member `isValidUTF8`) is that file's own and never counts.
final class ArchitectureTests: XCTestCase {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let core = root.appendingPathComponent("Sources/ChouchaCore")

  /// The folder order as ARCHITECTURE.md writes it, bottom first.
  static func folderOrder() throws -> [String] {
    let text = try String(contentsOf: root.appendingPathComponent("ARCHITECTURE.md"), encoding: .utf8)
    guard let start = text.range(of: "<!-- folder order -->"),
      let end = text.range(of: "<!-- end folder order -->", range: start.upperBound..<text.endIndex)
    else { throw ScanError("ARCHITECTURE.md has no block between <!-- folder order --> and <!-- end folder order -->") }
    let block = text[start.upperBound..<end.lowerBound].split(separator: "\n").filter { !$0.hasPrefix("```") }.joined(separator: " ")
    return block.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
  }

  /// Every Swift file of ChouchaCore, as (folder, path relative to ChouchaCore, text); the folder
  /// of a file directly in ChouchaCore is "".
  static func coreSources() throws -> [DependencyScan.File] {
    let paths = FileManager.default.enumerator(atPath: core.path)?.compactMap { $0 as? String } ?? []
    return try paths.filter { $0.hasSuffix(".swift") }.sorted().map { path in
      let folder = path.contains("/") ? String(path.prefix { $0 != "/" }) : ""
      let text = try String(contentsOf: core.appendingPathComponent(path), encoding: .utf8)
      return DependencyScan.File(folder: folder, path: path, text: text)
    }
  }

  /// The scan of the real sources, made once for the tests that read it.
  static let coreScan = Result { DependencyScan(try coreSources()) }

  static func folders() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: core.path).filter { name in
      var isDirectory: ObjCBool = false
      return FileManager.default.fileExists(atPath: core.appendingPathComponent(name).path, isDirectory: &isDirectory)
        && isDirectory.boolValue
    }.sorted()
  }

  /// Each folder of ChouchaCore is in the written order, once, and the order names no folder that
  /// is not there.
  func testTheFolderOrderNamesEveryFolder() throws {
    let order = try Self.folderOrder()
    let folders = try Self.folders()
    XCTAssertFalse(order.isEmpty, "ARCHITECTURE.md's folder order is empty")
    XCTAssertEqual(Set(order).count, order.count, "a folder is listed twice in ARCHITECTURE.md's folder order: \(order)")
    for folder in folders where !order.contains(folder) {
      XCTFail("Sources/ChouchaCore/\(folder)/ is not in ARCHITECTURE.md's folder order: add it where its dependencies allow")
    }
    for folder in order where !folders.contains(folder) {
      XCTFail("ARCHITECTURE.md's folder order names \(folder), but there is no Sources/ChouchaCore/\(folder)/: remove it from the list")
    }
  }

  /// No folder uses a name declared in a folder listed after it.
  func testFoldersUseOnlyTheFoldersBeforeThem() throws {
    let order = try Self.folderOrder()
    let scan = try Self.coreScan.get()
    let violations = scan.violations(order: order)
    XCTAssertTrue(
      violations.isEmpty,
      "folders that use a later folder (order: \(order.joined(separator: " → "))):\n"
        + violations.map(\.description).joined(separator: "\n"))
  }

  /// "Syntax knows nothing of Resolve": a consequence of the order, checked by name so that the
  /// invariant ARCHITECTURE.md states has its own test.
  func testSyntaxKnowsNothingOfResolve() throws {
    let order = try Self.folderOrder()
    let syntax = try XCTUnwrap(order.firstIndex(of: "Syntax"))
    let resolve = try XCTUnwrap(order.firstIndex(of: "Resolve"))
    XCTAssertLessThan(syntax, resolve)
    let scan = try Self.coreScan.get()
    let later = Set(order[(syntax + 1)...]).union([""])
    let uses = scan.uses.filter { $0.user.folder == "Syntax" && later.contains($0.owner.folder) }
    XCTAssertTrue(uses.isEmpty, uses.map(\.description).joined(separator: "\n"))
  }

  /// ChouchaCore never imports ChouchaDraw, the target built on it: no `import ChouchaDraw` in its
  /// sources, and not among its dependencies in Package.swift (whether or not the target exists).
  func testCoreDoesNotImportChouchaDraw() throws {
    for file in try Self.coreSources() {
      let code = String(decoding: DependencyScan.strip(Array(file.text.utf8)), as: UTF8.self)
      XCTAssertNil(
        code.range(of: #"\bimport\s+(?:(?:struct|class|enum|protocol|func|var|let|typealias)\s+)?ChouchaDraw\b"#, options: .regularExpression),
        "Sources/ChouchaCore/\(file.path) imports ChouchaDraw")
    }
    let package = try String(contentsOf: Self.root.appendingPathComponent("Package.swift"), encoding: .utf8)
    let dependencies = try XCTUnwrap(Self.dependencies(of: "ChouchaCore", in: package), "Package.swift has no target ChouchaCore")
    XCTAssertFalse(dependencies.contains("ChouchaDraw"), "ChouchaCore depends on ChouchaDraw in Package.swift: \(dependencies)")
  }

  /// Files over 1,000 lines that are not generated (a generated file's first line says
  /// `// Generated by`), by path below Sources/, with the reason each may be.
  static let longFiles = [
    "ChouchaCore/Diagnostics/Explanations.swift": "the explanations' text, one per code",
  ]

  /// No hand-written source file is over 1,000 lines: a file that long holds several concerns.
  func testNoHandWrittenSourceFileIsOver1000Lines() throws {
    let sources = Self.root.appendingPathComponent("Sources")
    let paths = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String } ?? []
    var checked = 0
    for path in paths.sorted() where path.hasSuffix(".swift") {
      let text = try String(contentsOf: sources.appendingPathComponent(path), encoding: .utf8)
      checked += 1
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count - (text.hasSuffix("\n") ? 1 : 0)
      guard lines > 1_000, !text.hasPrefix("// Generated by"), Self.longFiles[path] == nil else { continue }
      XCTFail("Sources/\(path) has \(lines) lines: split it by concern (at most 1,000 lines a hand-written file)")
    }
    XCTAssertGreaterThan(checked, 50)
  }

  /// The names in the `dependencies:` of the target named `name`, comments left out.
  static func dependencies(of name: String, in package: String) -> [String]? {
    let code = package.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      line.range(of: "//").map { line[..<$0.lowerBound] } ?? line
    }.joined(separator: "\n")
    guard let target = code.range(of: #"name:\s*"\#(name)""#, options: .regularExpression) else { return nil }
    // The target's arguments end at the next target declaration.
    let rest = code[target.upperBound...]
    let next = rest.range(of: #"\.(target|executableTarget|testTarget|plugin|binaryTarget|systemLibrary)\("#, options: .regularExpression)
    let arguments = rest[..<(next?.lowerBound ?? rest.endIndex)]
    guard let list = arguments.range(of: #"dependencies:\s*\[[^\]]*\]"#, options: .regularExpression) else { return [] }
    return arguments[list].split(separator: "\"").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
  }

  func testThePackageReadingFindsADependency() {
    let package = """
      .target(name: "ChouchaCore", dependencies: ["ChouchaIntrinsics", "ChouchaDraw"]), // "ChouchaDraw"
      .target(name: "ChouchaDraw", dependencies: ["ChouchaCore"]),
      """
    XCTAssertEqual(Self.dependencies(of: "ChouchaCore", in: package), ["ChouchaIntrinsics", "ChouchaDraw"])
    XCTAssertEqual(Self.dependencies(of: "ChouchaDraw", in: package), ["ChouchaCore"])
    XCTAssertEqual(Self.dependencies(of: "ChouchaCore", in: #".target(name: "ChouchaCore"),"#), [])
  }

  // MARK: - The scan, on made-up sources: it must fail on a reintroduced cycle and only then

  func testAReintroducedCycleFails() {
    let files = [
      DependencyScan.File(folder: "Base", path: "Base/JSON.swift", text: "public enum JSON { case null }"),
      DependencyScan.File(folder: "Emit", path: "Emit/Documents.swift", text: "enum Documents { static let j = JSON.null }"),
      DependencyScan.File(
        folder: "Diagnostics", path: "Diagnostics/Renderers.swift",
        text: "struct JSONRenderer {\n  func render() -> String {\n    Documents.name\n  }\n}"),
    ]
    let violations = DependencyScan(files).violations(order: ["Base", "Diagnostics", "Emit"])
    XCTAssertEqual(violations.map(\.description), [
      "Diagnostics/Renderers.swift:3 uses Documents, declared in Emit/Documents.swift, a later folder"
    ])
  }

  func testTheScanIgnoresCommentsStringsAndNestedNames() {
    let files = [
      DependencyScan.File(folder: "Later", path: "Later/L.swift", text: "public struct Program {}\npublic enum Kind {}\nfunc helper() {}\nprivate struct Quiet {}"),
      DependencyScan.File(
        folder: "Early", path: "Early/E.swift",
        text: #"""
          // Program in a comment
          /* Program /* nested */ Program */
          struct Early {
            enum Kind { case a }
            let text = "Program \"Program\" \(1 + 2) Program"
            let raw = #"Program \(Program) "# + """
              Program
              """
            var kind: Kind = .a
            func helper() {}
            func run() { helper(); self.helper() }
            let other = Module.Program.self
          }
          private struct Quiet {}
          let q = Quiet()
          """#),
    ]
    XCTAssertEqual(DependencyScan(files).violations(order: ["Early", "Later"]).map(\.description), [])
  }

  func testTheScanSeesInterpolationsFunctionsAndExtensionMembers() {
    let files = [
      DependencyScan.File(
        folder: "Later", path: "Later/L.swift",
        text: "struct Program {}\nfunc helper() -> Int { 1 }\nextension String {\n  var shouted: String { self }\n  private var hidden: Int { 0 }\n}"),
      DependencyScan.File(
        folder: "Early", path: "Early/E.swift",
        text: #"let a = "\(Program())"\#nlet b = helper()\#nlet c = "x".shouted\#nlet d = "x".hidden"#),
    ]
    XCTAssertEqual(DependencyScan(files).violations(order: ["Early", "Later"]).map(\.description), [
      "Early/E.swift:1 uses Program, declared in Later/L.swift, a later folder",
      "Early/E.swift:2 uses helper, declared in Later/L.swift, a later folder",
      "Early/E.swift:3 uses .shouted, declared in Later/L.swift, a later folder",
    ])
    // The files at the top of the module may use anything and be used by nothing.
    let top = [
      DependencyScan.File(folder: "", path: "Compiler.swift", text: "struct Compiler { let p = Program() }"),
      DependencyScan.File(folder: "Later", path: "Later/L.swift", text: "struct Program { let c = Compiler() }"),
    ]
    XCTAssertEqual(DependencyScan(top).violations(order: ["Later"]).map(\.description), [
      "Later/L.swift:1 uses Compiler, declared in Compiler.swift, a later folder"
    ])
  }
}

struct ScanError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// Which file uses which folder's names: see `ArchitectureTests`.
struct DependencyScan {
  struct File {
    var folder: String
    var path: String
    var text: String
  }

  struct Declaration {
    var folder: String
    var path: String
  }

  struct Use: CustomStringConvertible {
    var user: (folder: String, path: String, line: Int)
    var name: String
    var owner: Declaration
    var description: String {
      "\(user.path):\(user.line) uses \(name), declared in \(owner.path), a later folder"
    }
  }

  /// Top-level names, and members added in extensions of a type declared in another folder.
  var topLevel: [String: Declaration] = [:]
  var extensionMembers: [String: Declaration] = [:]
  var uses: [Use] = []

  static let declarationKeywords: Set<String> = ["struct", "enum", "class", "protocol", "actor", "typealias", "func", "let", "var", "extension"]
  static let notNames: Set<String> = declarationKeywords.union(["static", "final", "override", "mutating", "nonmutating", "indirect", "case"])

  init(_ files: [File]) {
    struct Scanned {
      var file: File
      var tokens: [Token]
      /// Names declared inside a type or function of this file, and its private top-level names.
      var own: Set<String> = []
    }
    var scanned = files.map { Scanned(file: $0, tokens: Self.tokens(Self.strip(Array($0.text.utf8)))) }
    var extensionCandidates: [String: [(declaration: Declaration, extended: String)]] = [:]
    var declaredElsewhere: Set<String> = []
    for index in scanned.indices {
      let file = scanned[index].file
      let tokens = scanned[index].tokens
      var depth = 0
      var extended: String?
      var extensionIsPrivate = false
      var modifiers: [String] = []
      for (position, token) in tokens.enumerated() {
        switch token.text {
        case "{":
          depth += 1
          modifiers = []
          continue
        case "}":
          depth -= 1
          if depth == 0 { extended = nil }
          modifiers = []
          continue
        case ";", "\n":
          modifiers = []
          continue
        default: break
        }
        guard Self.declarationKeywords.contains(token.text), position + 1 < tokens.count else {
          if token.isName { modifiers.append(token.text) } else if token.text == "(" && modifiers.last.map({ $0 == "private" || $0 == "fileprivate" }) == true {
            modifiers.removeLast()  // private(set): still visible
          }
          continue
        }
        let name = tokens[position + 1]
        // `class func`, `class var`: not a class.
        guard name.isName, !Self.notNames.contains(name.text) else { continue }
        let isPrivate = modifiers.contains("private") || modifiers.contains("fileprivate")
        modifiers = []
        if token.text == "extension" {
          if depth == 0 { (extended, extensionIsPrivate) = (name.text, isPrivate) }
          continue
        }
        let declaration = Declaration(folder: file.folder, path: file.path)
        if depth == 0 {
          if isPrivate { scanned[index].own.insert(name.text) } else if topLevel[name.text] == nil { topLevel[name.text] = declaration }
        } else {
          scanned[index].own.insert(name.text)
          if depth == 1, let extended, !isPrivate, !extensionIsPrivate {
            extensionCandidates[name.text, default: []].append((declaration, extended))
          } else {
            declaredElsewhere.insert(name.text)
          }
        }
      }
    }
    // An extension member is tracked when its name is declared nowhere else (so `.count` never
    // counts) and it extends a type of another folder (members of a folder's own types are
    // reached through the type).
    for (name, candidates) in extensionCandidates where candidates.count == 1 && !declaredElsewhere.contains(name) {
      let (declaration, extended) = candidates[0]
      if topLevel[extended]?.folder != declaration.folder { extensionMembers[name] = declaration }
    }
    for entry in scanned {
      for token in entry.tokens where token.isName && !entry.own.contains(token.text) {
        let owner = token.afterDot ? extensionMembers[token.text] : topLevel[token.text]
        guard let owner, owner.folder != entry.file.folder else { continue }
        uses.append(
          Use(
            user: (entry.file.folder, entry.file.path, token.line), name: (token.afterDot ? "." : "") + token.text,
            owner: owner))
      }
    }
  }

  /// The uses of a folder listed after the user's (files at the top of the module come last).
  func violations(order: [String]) -> [Use] {
    // A folder missing from the order ranks after every listed one (`testTheFolderOrderNamesEveryFolder`
    // fails on it), and the top of the module after that.
    func rank(_ folder: String) -> Int { folder.isEmpty ? order.count + 1 : order.firstIndex(of: folder) ?? order.count }
    var seen = Set<String>()
    return uses.filter { rank($0.owner.folder) > rank($0.user.folder) }.filter { seen.insert("\($0.user.path) \($0.name)").inserted }
  }

  struct Token {
    var text: String
    var line: Int
    var afterDot: Bool
    var isName: Bool { text.first.map { $0 == "_" || $0.isLetter } ?? false }
  }

  /// Names, braces, `(`, `;` and line ends, with their line numbers.
  static func tokens(_ code: [UInt8]) -> [Token] {
    var tokens: [Token] = []
    var line = 1
    var index = 0
    func isNameByte(_ byte: UInt8) -> Bool {
      byte == UInt8(ascii: "_") || (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte >= 0x80
    }
    while index < code.count {
      let byte = code[index]
      if isNameByte(byte) && !(byte >= 0x30 && byte <= 0x39) {
        let start = index
        while index < code.count && isNameByte(code[index]) { index += 1 }
        var before = start - 1
        while before >= 0 && [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains(code[before]) { before -= 1 }
        let afterDot = before >= 0 && code[before] == UInt8(ascii: ".")
        tokens.append(Token(text: String(decoding: code[start..<index], as: UTF8.self), line: line, afterDot: afterDot))
        continue
      }
      if byte >= 0x30 && byte <= 0x39 {
        while index < code.count && isNameByte(code[index]) { index += 1 }
        continue
      }
      switch byte {
      case UInt8(ascii: "\n"):
        tokens.append(Token(text: "\n", line: line, afterDot: false))
        line += 1
      case UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "("), UInt8(ascii: ";"):
        tokens.append(Token(text: String(UnicodeScalar(byte)), line: line, afterDot: false))
      default: break
      }
      index += 1
    }
    return tokens
  }

  /// The code without comments and without the text of string literals (each literal becomes
  /// `""`, its interpolations kept as code); line ends kept, so lines stay where they were.
  static func strip(_ source: [UInt8]) -> [UInt8] {
    enum Mode {
      case code(parentheses: Int)
      case string(hashes: Int, multiline: Bool)
    }
    var modes: [Mode] = [.code(parentheses: 0)]
    var out: [UInt8] = []
    out.reserveCapacity(source.count)
    var index = 0
    func at(_ offset: Int, _ text: String) -> Bool {
      var position = offset
      for byte in text.utf8 {
        guard position < source.count, source[position] == byte else { return false }
        position += 1
      }
      return true
    }
    func hashes(from offset: Int) -> Int {
      var count = 0
      while offset + count < source.count && source[offset + count] == UInt8(ascii: "#") { count += 1 }
      return count
    }
    let newline = UInt8(ascii: "\n")
    while index < source.count {
      let byte = source[index]
      switch modes[modes.count - 1] {
      case .code(let parentheses):
        if at(index, "//") {
          while index < source.count && source[index] != newline { index += 1 }
        } else if at(index, "/*") {
          var depth = 0
          repeat {
            if at(index, "/*") {
              depth += 1
              index += 2
            } else if at(index, "*/") {
              depth -= 1
              index += 2
            } else {
              if source[index] == newline { out.append(newline) }
              index += 1
            }
          } while depth > 0 && index < source.count
          out.append(UInt8(ascii: " "))
        } else if byte == UInt8(ascii: "\"") || (byte == UInt8(ascii: "#") && index + hashes(from: index) < source.count && source[index + hashes(from: index)] == UInt8(ascii: "\"")) {
          let count = hashes(from: index)
          index += count
          let multiline = at(index, "\"\"\"")
          index += multiline ? 3 : 1
          modes.append(.string(hashes: count, multiline: multiline))
          out.append(UInt8(ascii: "\""))
        } else if byte == UInt8(ascii: "(") && modes.count > 1 {
          modes[modes.count - 1] = .code(parentheses: parentheses + 1)
          out.append(byte)
          index += 1
        } else if byte == UInt8(ascii: ")") && modes.count > 1 {
          if parentheses == 0 {
            modes.removeLast()  // back in the string
            out.append(UInt8(ascii: " "))
          } else {
            modes[modes.count - 1] = .code(parentheses: parentheses - 1)
            out.append(byte)
          }
          index += 1
        } else {
          out.append(byte)
          index += 1
        }
      case .string(let count, let multiline):
        let delimiter = (multiline ? "\"\"\"" : "\"") + String(repeating: "#", count: count)
        let escape = "\\" + String(repeating: "#", count: count)
        if at(index, escape) {
          index += escape.utf8.count
          if index < source.count && source[index] == UInt8(ascii: "(") {
            modes.append(.code(parentheses: 0))
            out.append(UInt8(ascii: " "))
            index += 1
          } else if index < source.count {
            if source[index] == newline { out.append(newline) }
            index += 1
          }
        } else if at(index, delimiter) {
          modes.removeLast()
          out.append(UInt8(ascii: "\""))
          index += delimiter.utf8.count
        } else {
          if byte == newline { out.append(newline) }
          index += 1
        }
      }
    }
    return out
  }
}
