import ChouchaCore
import Foundation

/// The published draw a command works with: `--draw FILE` (a file anywhere, as `verify` reads
/// one), or the one the rules import (`引入 抽取 "…"`, a file inside the repository). `build` makes
/// the 一企一表 of it, `check` ties the results to it.
enum DrawInput {
  /// `--draw FILE`: its visits, or what is wrong with it; thrown when it cannot be read at all.
  static func file(_ option: String) throws -> Result<DrawnVisits, DrawDocument.Problem> {
    let file = try NamedFile(option, role: NamedFile.document)
    try file.refuse(above: VerifyCommand.maximumSize, why: Text(zh: "不是 choucha draw 写出的文件", en: "no draw document is that large"))
    let start = try file.read(upTo: 4096)
    if let problem = start.withUnsafeBytes({ DrawDocument.checkStart($0) }) { return .failure(problem) }
    return try file.mapped { DrawDocument.visits($0) }
  }
}
