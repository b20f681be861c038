import ChouchaCore
import Foundation

enum ImportCommand {
  static let usage = """
    用法 Usage: choucha import items|authorities FILE.csv [--department ID] [--prefix CODE] [--rules PATH]
                                 [--keywords zh|en] [--lang zh|en] [-o FILE.choucha]
      把公布的表格（另存为 CSV，UTF-8 或 GB18030）转换为规则文件：items 读随机抽查事项清单、部门联合
      抽查事项清单或年度抽查计划，authorities 读权责清单。能确定含义的单元格写成字段；其余原文保留在
      注释中并给出警告（指明行和列）；表格中没有的必填值写成“待核实”的值并给出警告。
      Turns a published sheet (CSV, UTF-8 or GB18030) into rule source: items reads an item list,
      a joint-item list or an annual plan, authorities an authority list. Cells with one clear
      meaning become fields; the rest is kept verbatim in comments with a warning naming the row
      and column; required values the sheet lacks are written as placeholders marked 待核实.

      --department ID    所有事项的部门编码（在规则库中另行声明）/ the department of every row
      --prefix CODE      生成的事项编码的前缀（默认为 --department，否则 SX）/ prefix of item codes
      --rules PATH       已有的规则库：其中的部门和法规按名称引用，不再生成；事项按相同的法律依据
                         对应到本部门的行政检查权责 / an existing repository: its departments and laws
                         are cited by title instead of declared again, and items are linked to the
                         inspection power of their department that cites the same article
      --keywords zh|en   关键字的语言 / language of the keywords (default zh)
      --lang zh|en       诊断信息的语言 / language of the messages (default zh)
      -o, --output FILE  写入文件（原子写入；有错误时不写）/ write FILE atomically, nothing on error
      --department 和 --prefix 的值须是一个编码（规则语言的一个词，如 SCJG、130102-JC）/ a code:
      one word of the rule language
    退出码 Exit: 0 成功（可有警告）· 1 表格有错误或内部错误（不写出任何内容）/ errors in the table
      or an internal error, nothing written · 2 用法或读写错误 / usage or I/O
    """

  static func run(_ arguments: [String]) throws -> Int32 {
    let parsed = try ArgumentParser(
      arguments, valueOptions: ["--department", "--prefix", "--rules", "--keywords", "--lang", "-o", "--output"],
      flagOptions: ["--help", "-h"], usage: usage)
    if parsed.flag("--help") || parsed.flag("-h") {
      print(usage)
      return ExitCode.success
    }
    let language = try parsed.choice("--lang", default: Language.zh, usage: usage)
    let keywords = try parsed.choice("--keywords", default: Language.zh, usage: usage)
    guard parsed.positional.count == 2, let kind = SheetImporter.Kind(rawValue: parsed.positional[0]) else {
      throw UsageError(message: usage)
    }
    let path = parsed.positional[1]
    for option in ["--department", "--prefix"] {
      // A code is what the rule language reads as one word: `A(B)`, `A/B`, `《X》`, `A..B` are not.
      if let value = parsed.value(option), !Lexer.isSingleWord(value) {
        throw UsageError(
          message: "choucha: \(option) 的值“\(Shown.text(value))”不是编码：编码是一个词（字母、数字、汉字和 - _ + .），不含空格、括号、斜线等标点 / '\(Shown.text(value))' is not a code: a code is one word (letters, digits, ideographs, - _ + .), without spaces, brackets, slashes or other punctuation\n\n\(usage)")
      }
    }
    let output = parsed.value("-o") ?? parsed.value("--output")
    if let output, let same = identity(output), same == identity(path) {
      throw UsageError(
        message: "choucha: 输出文件“\(Shown.path(output))”就是输入的表格“\(Shown.path(path))”，写入会覆盖表格；请写到另一个文件 / the output \(Shown.path(output)) is the input table \(Shown.path(path)): writing it would overwrite the table; write another file")
    }
    // A regular file of sane size, or a usage error that says what it is (a FIFO is never waited
    // on, `/dev/zero` never read without end).
    let table = try NamedFile(path, role: NamedFile.table)
    let why = Text(zh: "公布的清单或计划表格不会这么大", en: "no published list or plan is that large")
    try table.refuse(above: tableLimit, why: why)
    let bytes = try table.readRest(limit: tableLimit, why: why)
    var options = SheetImporter.Options(
      kind: kind, department: parsed.value("--department"), prefix: parsed.value("--prefix"), keywords: keywords)
    if let rules = parsed.value("--rules") {
      let compilation = try Repository(path: rules).compile()
      // The import cites what these files declare: overwriting one would leave the citations dangling.
      if let output, let same = identity(output),
        let file = compilation.sources.files.first(where: { identity($0.path) == same })
      {
        throw UsageError(
          message: "choucha: 输出文件“\(Shown.path(output))”是 --rules 读入的文件“\(Shown.path(file.path))”，写入会覆盖它；请写到新文件 / the output \(Shown.path(output)) is \(Shown.path(file.path)), read through --rules: writing it would overwrite it; write a new file")
      }
      options.departments = compilation.program.departments
      options.laws = compilation.program.laws
      options.authorities = compilation.program.authorities
      if let department = options.department, compilation.program.department(department) == nil {
        throw UsageError(
          message: "choucha: 部门“\(Shown.text(department))”未在 \(Shown.path(rules)) 中声明 / department \(Shown.text(department)) is not declared in \(Shown.path(rules))")
      }
    }
    let result = SheetImporter.run(path: path, bytes: bytes, options: options)
    let diagnostics = result.diagnostics
    let report = HumanRenderer(language: language).render(diagnostics, sources: result.sources)
    if let error = result.internalError {
      FileHandle.standardError.write(Data((report + "\(Shown.path(path)): \(error.message(language))\n").utf8))
      return ExitCode.inputErrors
    }
    FileHandle.standardError.write(Data((report + summary(result, language: language) + "\n").utf8))
    if diagnostics.errorCount > 0 { return ExitCode.inputErrors }
    if let output {
      try AtomicFile.write(Array(result.source.utf8), to: output, display: output)
    } else {
      CLI.write(result.source)
    }
    return ExitCode.success
  }

  /// No published sheet is this large (an item list is a few hundred rows).
  static let tableLimit = 256 << 20

  /// The device and inode of an existing file, symbolic links followed: two paths with the same
  /// identity are one file (a hard link, a symbolic link, `./x` for `x`).
  struct FileIdentity: Equatable {
    var device: UInt64
    var inode: UInt64
  }

  static func identity(_ path: String) -> FileIdentity? {
    var status = stat()
    guard stat(path, &status) == 0 else { return nil }
    return FileIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
  }

  static func summary(_ result: SheetImporter.Result, language: Language) -> String {
    SheetImporter.summary(result, language: language)
  }
}
