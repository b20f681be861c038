import Foundation
import FuzzSupport

@testable import ChouchaCore

// The draw engine in its own target, once it is there (issue 11): the same names, `package` or
// internal, reached the same way.
#if canImport(ChouchaDraw)
  @testable import ChouchaDraw
#endif

/// The draw document as `verify` reads it, on the input as a document: `DocumentSkim` (the
/// streaming JSON check that leaves out the drawn lists) and `DrawDocument.read` (every value
/// checked); as `build` reads its visits (`DrawDocument.visits`); and the same input as a commitment (`Commitment.read`). Checks that the skim accepts only what `JSONSerialization` accepts, that what it
/// keeps is JSON and skims to itself, that a malformed offset lies inside the input, and that
/// every problem `read` reports names its place and says something.
///
/// `JSONSerialization` (swift-corelibs-foundation) is laxer than RFC 8259 at three points, and
/// the comparison leaves those inputs out: it accepts a trailing comma (`[1,]`), a leading BOM
/// and NUL bytes after a top-level number (`0\0\0`), which the skim refuses. It refuses a number
/// beyond a Double (`1e999`), and so does the skim since this comparison found it taking one.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDocument(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  let bytes = Fuzz.bytes(data, count)
  let skimmed = bytes.withUnsafeBufferPointer { DocumentSkim.skim($0) }
  let parsed = (try? JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed)) != nil
  switch skimmed {
  case .success(let head):
    Fuzz.expect(parsed, "the skim accepts what JSONSerialization refuses")
    Fuzz.expect(
      (try? JSONSerialization.jsonObject(with: Data(head), options: .fragmentsAllowed)) != nil, "the skim's output is not JSON")
    let again = head.withUnsafeBufferPointer { DocumentSkim.skim($0) }
    Fuzz.expect((try? again.get()) == head, "the skim's output does not skim to itself")
  case .failure(let malformed):
    Fuzz.expect(0 <= malformed.offset && malformed.offset <= bytes.count, "malformed at \(malformed.offset) of \(bytes.count) bytes")
    // Deeper than the skim's limit is refused by design.
    let brackets = bytes.lazy.filter { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "{") }.count
    if brackets < DocumentSkim.maximumDepth, !bytes.starts(with: [0xEF, 0xBB, 0xBF]), !hasTrailingComma(bytes), !bytes.contains(0) {
      Fuzz.expect(!parsed, "the skim refuses at byte \(malformed.offset) what JSONSerialization accepts")
    }
  }
  switch bytes.withUnsafeBufferPointer({ DrawDocument.read($0) }) {
  case .success: break
  case .failure(let problem):
    Fuzz.expect(!problem.field.isEmpty, "a problem without its place")
    Fuzz.expect(!problem.message.zh.isEmpty && !problem.message.en.isEmpty, "a problem without a message")
  }
  // The visits the 一企一表 of `build` read: when the specification reads, every visit's task is
  // one of its tasks; a problem names its place.
  let read = bytes.withUnsafeBufferPointer { DrawDocument.read($0) }
  switch bytes.withUnsafeBufferPointer({ DrawDocument.visits($0) }) {
  case .success(let visits):
    if case .success(let recorded) = read {
      Fuzz.expect(visits.tasks.map(\.id) == recorded.spec.tasks.map(\.id), "the visits' tasks are not the document's")
    } else {
      Fuzz.expect(false, "visits read from a document read refuses")
    }
  case .failure(let problem):
    Fuzz.expect(!problem.field.isEmpty, "a visits problem without its place")
    Fuzz.expect(!problem.message.zh.isEmpty && !problem.message.en.isEmpty, "a visits problem without a message")
  }
  // The commitment (`draw --commitment`, `verify --commitment`): read, and when it reads, its
  // specification compared with an empty draw's (a difference is named, never a crash).
  switch Commitment.read(bytes) {
  case .success(let recorded):
    Fuzz.expect(DrawDocument.years.contains(recorded.year), "a commitment of year \(recorded.year) read")
    let spec = Drawer.Spec(
      year: recorded.year, seed: "", classes: ["A"], maxVisits: nil, inspectorsPerVisit: 2, departments: [], tasks: [])
    if let place = Commitment.specificationDifference(recorded, spec) {
      Fuzz.expect(!place.isEmpty, "a specification difference without its place")
    }
  case .failure(let problem):
    Fuzz.expect(!problem.field.isEmpty, "a commitment problem without its place")
    Fuzz.expect(!problem.message.zh.isEmpty && !problem.message.en.isEmpty, "a commitment problem without a message")
  }
  return 0
}

/// A comma before a closing bracket, white space between (anywhere, strings too: a superset).
func hasTrailingComma(_ bytes: [UInt8]) -> Bool {
  var afterComma = false
  for byte in bytes {
    switch byte {
    case UInt8(ascii: ","): afterComma = true
    case 0x20, 0x09, 0x0A, 0x0D: continue
    case UInt8(ascii: "]"), UInt8(ascii: "}"): if afterComma { return true }
    default: afterComma = false
    }
  }
  return false
}
