import Foundation
import XCTest

@testable import ChouchaCore
@testable import ChouchaDraw

/// The JSON documents `build` writes (items.json, plan-YYYY.json, tasks-YYYY.json) and the one
/// `draw` writes (draw-YYYY.json) match the published schemas under `Schemas/`, as judged by an
/// independent validator: Python's `jsonschema` (Draft 2020-12, with date formats checked).
/// Skipped when python3 or jsonschema is not installed.
final class SchemaTests: XCTestCase {
  static let schemas = RepositoryTests.root.appendingPathComponent("Schemas")
  static let buildFixtures = RepositoryTests.root.appendingPathComponent("Tests/Fixtures/build")
  static let drawFixtures = RepositoryTests.root.appendingPathComponent("Tests/Fixtures/draw")

  /// The schema a written document follows, by file name; nil for the CSV and Markdown files.
  static func schema(for fileName: String) -> URL? {
    let kind: String
    if fileName.hasSuffix(".manifest.json") {
      kind = "manifest"  // build.manifest.json, draw-YYYY.manifest.json
    } else if fileName == "items.json" {
      kind = "items"
    } else if fileName.hasPrefix("plan-"), fileName.hasSuffix(".json") {
      kind = "plan"
    } else if fileName.hasPrefix("tasks-"), fileName.hasSuffix(".json") {
      kind = "tasks"
    } else if fileName == "draw.json" || (fileName.hasPrefix("draw-") && fileName.hasSuffix(".json")) {
      kind = "draw"  // draw-YYYY.json, and draw.json as the draw fixtures store it
    } else {
      return nil
    }
    return schemas.appendingPathComponent("\(kind).schema.json")
  }

  // MARK: - Tests

  func testRulesDocumentsMatchSchemas() throws {
    let compilation = try RepositoryTests.DiskRepository(root: RepositoryTests.root.appendingPathComponent("Rules"))
      .compile(display: "Rules")
    XCTAssertEqual(compilation.diagnostics.errorCount, 0, "Rules/ must check without errors")
    let plan = try XCTUnwrap(Planner.plan(compilation.program, year: nil), "Rules/ has exactly one plan")
    let written = try write(Documents.build(plan), into: temporaryDirectory())
    XCTAssertEqual(written.count, 3, "items.json, plan-YYYY.json and tasks-YYYY.json")
    try assertValid(written, "Rules/")
  }

  func testIssueExampleDocumentsMatchSchemas() throws {
    let text = try String(
      contentsOf: RepositoryTests.root.appendingPathComponent("Tests/Fixtures/issue-example.choucha"), encoding: .utf8)
    let compilation = Compiler.compile(texts: [("example.choucha", text)])
    XCTAssertEqual(compilation.diagnostics.errorCount, 0)
    let plan = try XCTUnwrap(Planner.plan(compilation.program, year: nil))
    try assertValid(try write(Documents.build(plan), into: temporaryDirectory()), "issue example")
  }

  /// The check can fail: each mutation of a valid document must be rejected, at the mutated place.
  func testMutatedDocumentsAreRejected() throws {
    let compilation = try RepositoryTests.DiskRepository(root: RepositoryTests.root.appendingPathComponent("Rules"))
      .compile(display: "Rules")
    let plan = try XCTUnwrap(Planner.plan(compilation.program, year: nil))
    let directory = try temporaryDirectory()
    let written = try write(Documents.build(plan), into: directory)
    // The control: unmutated, they pass, so a failure below comes from the mutation.
    try assertValid(written, "unmutated Rules/ documents")

    let items = directory.appendingPathComponent("items.json")
    let planFile = directory.appendingPathComponent("plan-\(plan.year).json")
    let tasks = directory.appendingPathComponent("tasks-\(plan.year).json")
    let mutations: [Mutation] = [
      ("a ratio spelt out", items, ["/items/0/sampling"], { document in
        Self.edit(&document, "items", 0) { $0["sampling"] = ["ratio": "five percent"] }
      }),
      ("a required field removed", items, ["/items/0", "'code' is a required property"], { document in
        Self.edit(&document, "items", 0) { $0.removeValue(forKey: "code") }
      }),
      ("sampling with both a ratio and a count", items, ["/items/0/sampling"], { document in
        Self.edit(&document, "items", 0) { $0["sampling"] = ["ratio": "5%", "count": 3] as [String: Any] }
      }),
      ("a method outside the vocabulary", items, ["/items/0/methods/0", "telepathy"], { document in
        Self.edit(&document, "items", 0) { $0["methods"] = ["telepathy"] }
      }),
      ("a date not in YYYY-MM-DD", planFile, ["/tasks/0/window/start"], { document in
        Self.edit(&document, "tasks", 0) { task in
          var window = task["window"] as! [String: Any]
          window["start"] = "2024-3-1"
          task["window"] = window
        }
      }),
      ("a day that does not exist", planFile, ["/window/end", "is not a 'date'"], { document in
        var window = document["window"] as! [String: Any]
        window["end"] = "2024-02-30"
        document["window"] = window
      }),
      ("an undocumented field", planFile, ["/summary", "extra"], { document in
        var summary = document["summary"] as! [String: Any]
        summary["extra"] = 1
        document["summary"] = summary
      }),
      ("a null title", planFile, ["/title"], { document in document["title"] = NSNull() }),
      ("a kind outside the enum", tasks, ["/tasks/0/kind", "mixed"], { document in
        Self.edit(&document, "tasks", 0) { $0["kind"] = "mixed" }
      }),
      ("the wrong schema id", tasks, ["/schema"], { document in document["schema"] = "choucha/tasks/v2" }),
    ]
    try assertRejected(mutations)

    // A duplicated key is not JSON a consumer can trust: the validator reads strictly.
    let original = try String(contentsOf: items, encoding: .utf8)
    let duplicated = original.replacingOccurrences(
      of: "\"schema\": \"choucha/items/v1\",", with: "\"schema\": \"choucha/items/v1\",\n  \"year\": 1,")
    XCTAssertNotEqual(duplicated, original)
    try duplicated.write(to: items, atomically: true, encoding: .utf8)
    let result = try validate([(Self.schema(for: "items.json")!, items)])
    XCTAssertEqual(result.status, 1, result.output)
    XCTAssertTrue(result.output.contains("duplicate key"), result.output)
  }

  /// The draw of `Rules/` with the directories of `Examples/05-draw`, as `choucha draw` writes it.
  func testRulesDrawDocumentMatchesSchema() throws {
    let directory = try temporaryDirectory()
    let written = try write(try Self.drawFiles(), into: directory)
    XCTAssertEqual(written.map(\.document.lastPathComponent), ["draw-2024.json"], "the JSON document has a schema, the CSV none")
    try assertValid(written, "the draw of Rules/ with Examples/05-draw")
  }

  /// The manifests `build` and `draw` write (complete and, as a kill leaves it, unfinished), and
  /// the manifest committed in `Examples/01-basic/build/`.
  func testManifestsMatchSchema() throws {
    let directory = try temporaryDirectory()
    for arguments in [
      ["build", "Rules", "--out", directory.path],
      ["draw", "Rules"] + RepositoryTests.drawArguments + ["--seed", DrawTests.seed, "--out", directory.path],
    ] {
      let run = try RepositoryTests.run(arguments)
      XCTAssertEqual(run.status, 0, run.output)
    }
    var pairs: [(schema: URL, document: URL)] = []
    for name in ["build.manifest.json", "draw-2024.manifest.json"] {
      let document = directory.appendingPathComponent(name)
      pairs.append((try XCTUnwrap(Self.schema(for: name)), document))
      let unfinished = directory.appendingPathComponent("unfinished-\(name)")
      let text = try String(contentsOf: document, encoding: .utf8)
      try text.replacingOccurrences(of: "\"complete\": true", with: "\"complete\": false")
        .replacingOccurrences(of: "\n  ]\n}", with: "\n  ],\n  \"removing\": []\n}")
        .write(to: unfinished, atomically: true, encoding: .utf8)
      pairs.append((try XCTUnwrap(Self.schema(for: name)), unfinished))
    }
    pairs.append((
      try XCTUnwrap(Self.schema(for: "build.manifest.json")),
      RepositoryTests.root.appendingPathComponent("Examples/01-basic/build/build.manifest.json")
    ))
    try assertValid(pairs, "the manifests")
    // An unfinished manifest without its removing list, and a name with a path, are rejected.
    let broken = directory.appendingPathComponent("broken.manifest.json")
    for (text, expected) in [
      ("{\"schema\": \"choucha/manifest/v1\", \"command\": \"build\", \"complete\": false, \"files\": []}", "removing"),
      ("{\"schema\": \"choucha/manifest/v1\", \"command\": \"build\", \"complete\": true, \"files\": [{\"name\": \"../notes.txt\", \"size\": 1, \"sha256\": \"\(String(repeating: "0", count: 64))\"}]}", "../notes.txt"),
    ] {
      try text.write(to: broken, atomically: true, encoding: .utf8)
      let result = try validate([(try XCTUnwrap(Self.schema(for: broken.lastPathComponent)), broken)])
      XCTAssertEqual(result.status, 1, result.output)
      XCTAssertTrue(result.output.contains(expected), result.output)
    }
  }

  /// The committed `expected/draw.json` of every `ok-` case under `Tests/Fixtures/draw/`.
  func testDrawFixturesMatchSchema() throws {
    let cases = try FileManager.default.contentsOfDirectory(atPath: Self.drawFixtures.path).filter { $0.hasPrefix("ok-") }
    var pairs: [(schema: URL, document: URL)] = []
    for name in cases.sorted() {
      let document = Self.drawFixtures.appendingPathComponent(name).appendingPathComponent("expected/draw.json")
      XCTAssertTrue(FileManager.default.fileExists(atPath: document.path), "\(name) has no expected/draw.json")
      pairs.append((try XCTUnwrap(Self.schema(for: document.lastPathComponent)), document))
    }
    XCTAssertFalse(pairs.isEmpty, "no ok- draw case")
    try assertValid(pairs, "Tests/Fixtures/draw/ok-*")
  }

  /// The draw schema can fail too: each mutation of a valid draw document is rejected.
  func testMutatedDrawDocumentsAreRejected() throws {
    let directory = try temporaryDirectory()
    let written = try write(try Self.drawFiles(), into: directory)
    try assertValid(written, "the unmutated draw document")
    let draw = try XCTUnwrap(written.first?.document)
    func editVisit(_ document: inout [String: Any], _ change: (inout [String: Any]) -> Void) {
      Self.edit(&document, "tasks", 0) { task in Self.edit(&task, "targets", 0, change) }
    }
    try assertRejected([
      ("a ticket that is not a fraction", draw, ["/tasks/0/targets/0/ticket", "does not match"], { document in
        editVisit(&document) { $0["ticket"] = "ticket-7" }
      }),
      ("a ticket with fewer than 64 digits", draw, ["/tasks/0/targets/0/inspectors/0/ticket"], { document in
        editVisit(&document) { visit in Self.edit(&visit, "inspectors", 0) { $0["ticket"] = "0.5" } }
      }),
      ("a ticket as a number", draw, ["/tasks/0/targets/0/ticket", "is not of type 'string'"], { document in
        editVisit(&document) { $0["ticket"] = 0.25 }
      }),
      ("the seed hash removed", draw, ["'seedHash' is a required property"], { document in
        document.removeValue(forKey: "seedHash")
      }),
      ("a seed hash in capitals", draw, ["/seedHash"], { document in
        document["seedHash"] = (document["seedHash"] as! String).uppercased()
      }),
      ("an input hash cut short", draw, ["/inputs/targets/sha256"], { document in
        var inputs = document["inputs"] as! [String: Any]
        var targets = inputs["targets"] as! [String: Any]
        targets["sha256"] = String((targets["sha256"] as! String).prefix(40))
        inputs["targets"] = targets
        document["inputs"] = inputs
      }),
      ("another algorithm", draw, ["/algorithm"], { document in document["algorithm"] = "consistent-sampler-sha256-v2" }),
      ("a certificate-less inspector", draw, ["/tasks/0/targets/0/inspectors/0/certificate"], { document in
        editVisit(&document) { visit in Self.edit(&visit, "inspectors", 0) { $0["certificate"] = NSNull() } }
      }),
      ("an undocumented field on a target", draw, ["/tasks/0/targets/0", "score"], { document in
        editVisit(&document) { $0["score"] = 1 }
      }),
    ])
  }

  /// Every build case under `Tests/Fixtures/build/` (an `input.choucha` per folder): the documents
  /// built from it, and the expected ones stored with it, match the schemas.
  func testBuildFixturesMatchSchemas() throws {
    guard let cases = try? FileManager.default.contentsOfDirectory(atPath: Self.buildFixtures.path) else {
      throw XCTSkip("no Tests/Fixtures/build/ folder")
    }
    var pairs: [(schema: URL, document: URL)] = []
    let output = try temporaryDirectory()
    for name in cases.sorted() {
      let folder = Self.buildFixtures.appendingPathComponent(name)
      let input = folder.appendingPathComponent("input.choucha")
      guard FileManager.default.fileExists(atPath: input.path) else { continue }
      // Other files of the case (tables it imports) are readable by the compilation.
      var files: [String: String] = [:]
      for file in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
      where file != "input.choucha" && file != "expected" {
        if let text = try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8) { files[file] = text }
      }
      let compilation = Compiler.compile(
        texts: [("input.choucha", try String(contentsOf: input, encoding: .utf8))], files: files)
      // A case with errors writes nothing.
      if compilation.diagnostics.errorCount == 0 {
        for year in Set(compilation.program.plans.map(\.year)).sorted() {
          guard let plan = Planner.plan(compilation.program, year: year) else { continue }
          let directory = output.appendingPathComponent("\(name)-\(year)")
          try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
          pairs += try write(Documents.build(plan), into: directory)
        }
      }
      let expected = folder.appendingPathComponent("expected")
      for file in ((try? FileManager.default.contentsOfDirectory(atPath: expected.path)) ?? []).sorted() {
        if let schema = Self.schema(for: file) { pairs.append((schema, expected.appendingPathComponent(file))) }
      }
    }
    guard !pairs.isEmpty else { throw XCTSkip("no build case writes a document") }
    try assertValid(pairs, "Tests/Fixtures/build/")
  }

  // MARK: - Helpers

  /// A document to break, the texts the validator's report must contain, and the change.
  typealias Mutation = (name: String, file: URL, expected: [String], mutate: (inout [String: Any]) -> Void)

  /// The JSON and CSV `choucha draw` writes for `Rules/` with `Examples/05-draw` and the seed of
  /// `DrawTests`, built through the library.
  static func drawFiles() throws -> [Documents.File] {
    let fixture = try DrawTests.fixture()
    let (result, diagnostics) = DrawTests.draw(fixture.spec, targets: fixture.targets, inspectors: fixture.inspectors)
    XCTAssertEqual(diagnostics.map(\.code), [], "the draw of Rules/ with Examples/05-draw has no diagnostic")
    let drawn = try XCTUnwrap(result)
    return [
      Documents.File(name: "draw-\(drawn.spec.year).json", bytes: DrawDocument.json(drawn)),
      Documents.File(name: "draw-\(drawn.spec.year).csv", bytes: DrawDocument.csv(drawn)),
    ]
  }

  /// Applies each mutation to its file in turn (restoring it after), and checks the validator
  /// rejects the result with the expected texts in its report.
  func assertRejected(_ mutations: [Mutation], file: StaticString = #filePath, line: UInt = #line) throws {
    for mutation in mutations {
      let original = try Data(contentsOf: mutation.file)
      var document = try XCTUnwrap(JSONSerialization.jsonObject(with: original) as? [String: Any])
      mutation.mutate(&document)
      try JSONSerialization.data(withJSONObject: document).write(to: mutation.file)
      let schema = try XCTUnwrap(Self.schema(for: mutation.file.lastPathComponent))
      let result = try validate([(schema, mutation.file)])
      XCTAssertEqual(
        result.status, 1, "\(mutation.name): the validator must reject the document\n\(result.output)", file: file, line: line)
      for expected in mutation.expected {
        XCTAssertTrue(
          result.output.contains(expected), "\(mutation.name): expected “\(expected)” in the report:\n\(result.output)",
          file: file, line: line)
      }
      try original.write(to: mutation.file)
    }
  }

  func temporaryDirectory() throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("choucha-schema-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
    return directory
  }

  /// Writes the JSON documents of `files` and pairs each with its schema. Every JSON document
  /// `build` or `draw` writes must have one.
  func write(_ files: [Documents.File], into directory: URL) throws -> [(schema: URL, document: URL)] {
    var pairs: [(schema: URL, document: URL)] = []
    for file in files where file.name.hasSuffix(".json") {
      guard let schema = Self.schema(for: file.name) else {
        XCTFail("\(file.name) has no schema under Schemas/")
        continue
      }
      let url = directory.appendingPathComponent(file.name)
      try Data(file.bytes).write(to: url)
      pairs.append((schema, url))
    }
    return pairs
  }

  func assertValid(
    _ pairs: [(schema: URL, document: URL)], _ what: String, file: StaticString = #filePath, line: UInt = #line
  ) throws {
    let result = try validate(pairs)
    XCTAssertEqual(result.status, 0, "\(what): documents do not match their schemas:\n\(result.output)", file: file, line: line)
  }

  static func edit(_ document: inout [String: Any], _ key: String, _ index: Int, _ change: (inout [String: Any]) -> Void) {
    var array = document[key] as! [Any]
    var element = array[index] as! [String: Any]
    change(&element)
    array[index] = element
    document[key] = array
  }

  /// Runs the validator on (schema, document) pairs. Status 0: all valid; 1: some document is
  /// not (the report names file, JSON pointer and reason). A schema that is not a valid Draft
  /// 2020-12 schema fails the test; a missing python3 or jsonschema skips it.
  func validate(_ pairs: [(schema: URL, document: URL)]) throws -> (status: Int32, output: String) {
    let result = try Python.run(Self.validator, arguments: pairs.flatMap { [$0.schema.path, $0.document.path] })
    if result.status == 2 { XCTFail("invalid schema or validator usage:\n\(result.output)") }
    return (result.status, result.output)
  }

  /// Arguments: schema, document, schema, document, … Exit 0 valid, 1 invalid document, 2 invalid
  /// schema, 77 jsonschema unavailable.
  static let validator = #"""
    import json, sys
    try:
        import jsonschema
        from jsonschema import Draft202012Validator
    except ImportError as error:
        print("jsonschema unavailable:", error)
        sys.exit(77)

    DRAFT = "https://json-schema.org/draft/2020-12/schema"

    def strict_object(pairs):
        keys = [key for key, _ in pairs]
        duplicates = sorted({key for key in keys if keys.count(key) > 1})
        if duplicates:
            raise ValueError("duplicate key(s): " + ", ".join(duplicates))
        return dict(pairs)

    def no_constant(name):
        raise ValueError("not JSON: " + name)

    checker = getattr(Draft202012Validator, "FORMAT_CHECKER", None) or jsonschema.FormatChecker()
    arguments = sys.argv[1:]
    if not arguments or len(arguments) % 2:
        print("usage: schema document [schema document ...]")
        sys.exit(2)
    failed = False
    for schema_path, document_path in zip(arguments[0::2], arguments[1::2]):
        with open(schema_path, encoding="utf-8") as handle:
            schema = json.load(handle)
        if schema.get("$schema") != DRAFT:
            print(f"{schema_path}: $schema is not {DRAFT}")
            sys.exit(2)
        try:
            Draft202012Validator.check_schema(schema)
        except jsonschema.exceptions.SchemaError as error:
            print(f"{schema_path}: not a valid Draft 2020-12 schema: {error.message}")
            sys.exit(2)
        try:
            with open(document_path, encoding="utf-8") as handle:
                document = json.load(handle, object_pairs_hook=strict_object, parse_constant=no_constant)
        except ValueError as error:
            print(f"{document_path}: not valid JSON: {error}")
            failed = True
            continue
        validator = Draft202012Validator(schema, format_checker=checker)
        errors = sorted(validator.iter_errors(document), key=lambda error: [str(part) for part in error.absolute_path])
        for error in errors:
            pointer = "/" + "/".join(str(part) for part in error.absolute_path)
            print(f"{document_path}: {pointer}: {error.message}")
            failed = True
    sys.exit(1 if failed else 0)
    """#
}
