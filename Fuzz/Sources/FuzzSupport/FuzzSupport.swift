import Foundation

// `@testable`: the targets reach internal types (DocumentSkim, RowScanner, StreamingDraw); the
// fuzz build is a debug build, compiled with `-enable-testing`.
@testable import ChouchaCore

/// What the fuzz targets share: the input as bytes, the input split into files, and the
/// invariants every diagnostic keeps (those of `Invariants.check` in the tests).
public enum Fuzz {
  /// Ends the run: libFuzzer reports a crash ("deadly signal") and writes the input to a file.
  public static func fail(_ message: @autoclosure () -> String) -> Never {
    fatalError("fuzz invariant: \(message())")
  }

  public static func expect(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fail(message()) }
  }

  public static func bytes(_ data: UnsafePointer<UInt8>?, _ count: Int) -> [UInt8] {
    guard let data, count > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: count))
  }

  /// FNV-1a of the input: the targets take their options from it, so that an input always runs
  /// the same way.
  public static func hash(_ bytes: [UInt8]) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return hash
  }

  /// The input as files: a line `%% PATH` starts the next file (the first file is `first`). At
  /// most 16 files; a missing or repeated path gets a made-up one.
  public static func files(_ bytes: [UInt8], first: String) -> [(path: String, bytes: [UInt8])] {
    let marker: [UInt8] = Array("%% ".utf8)
    var files: [(path: String, bytes: [UInt8])] = []
    var path = first
    var start = 0
    var index = 0
    var lineStart = true
    while index < bytes.count {
      if lineStart, files.count < 15, bytes[index...].starts(with: marker) {
        files.append((path, Array(bytes[start..<index])))
        let end = bytes[index...].firstIndex(of: 0x0A) ?? bytes.count
        path = String(decoding: bytes[(index + marker.count)..<end], as: UTF8.self).trimmingCharacters(in: .whitespaces)
        start = min(end + 1, bytes.count)
        index = start
        lineStart = true
        continue
      }
      lineStart = bytes[index] == 0x0A
      index += 1
    }
    files.append((path, Array(bytes[start...])))
    var seen = Set<String>()
    for index in files.indices {
      if files[index].path.isEmpty || !seen.insert(files[index].path).inserted {
        files[index].path = "f\(index).choucha"
        seen.insert(files[index].path)
      }
    }
    return files
  }

  /// Every span inside its file, non-empty messages, and the human rendering of each diagnostic
  /// starts with its location, stays under 2,000 characters and holds no control character.
  public static func check(_ diagnostics: [Diagnostic], sources: SourceMap, _ context: String) {
    let files = sources.files
    for diagnostic in diagnostics {
      let tag = "\(context): \(diagnostic.code.rawValue) “\(diagnostic.message.en.prefix(100))”"
      let spans = [diagnostic.span] + diagnostic.labels.map(\.span) + diagnostic.fixIts.map(\.span)
      for span in spans {
        expect(files.indices.contains(span.file), "\(tag): names file \(span.file) of \(files.count)")
        let size = files[span.file].bytes.count
        expect(
          0 <= span.start && span.start <= span.end && span.end <= size,
          "\(tag): span \(span.start)..<\(span.end) outside \(files[span.file].path) (\(size) bytes)")
      }
      expect(!diagnostic.message.zh.isEmpty && !diagnostic.message.en.isEmpty, "\(tag): an empty message")
      for language in [Language.zh, .en] {
        let file = sources[diagnostic.span.file]
        let location = file.location(of: diagnostic.span.start)
        expect(location.line >= 1 && location.column >= 1, "\(tag): location \(location)")
        let text = HumanRenderer(language: language).render(diagnostic, sources: sources)
        // (A path is shown with its invisible characters named, as `Shown.path` writes it.)
        expect(
          text.hasPrefix("\(Shown.path(file.path)):\(location.line):\(location.column): "),
          "\(tag): rendered without its location: \(text.prefix(200))")
        expect(text.count <= 2000, "\(tag): rendered in \(text.count) characters")
        if let control = text.unicodeScalars.first(where: { $0 != "\n" && $0.properties.generalCategory == .control }) {
          fail("\(tag): rendered with the control character U+\(String(control.value, radix: 16, uppercase: true))")
        }
      }
    }
    let json = JSONRenderer(language: .en).render(diagnostics, sources: sources, fileCount: files.count)
    expect((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil, "\(context): the JSON output does not parse")
  }
}
