import ChouchaCore
import Foundation

// choucha: the command line. Reads files, calls the library, renders, exits.
// Exit codes: 0 success, 1 the input has errors, 2 usage or IO error.

Runtime.start()
let arguments = Array(CommandLine.arguments.dropFirst())
let status: Int32
do {
  status = try CLI.run(arguments)
} catch let error as UsageError {
  FileHandle.standardError.write(Data((error.message + "\n").utf8))
  status = ExitCode.usage
} catch {
  FileHandle.standardError.write(Data("choucha: \(error)\n".utf8))
  status = ExitCode.usage
}
exit(status)
