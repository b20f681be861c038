/// A text dump of declarations without their source positions: two files that say the same thing
/// dump the same, however they are laid out and in whichever keyword language. `fmt` compares the
/// dumps before and after reformatting, the way black compares syntax trees.
enum SyntaxDump {
  static func text(_ declarations: [Declaration]) -> String {
    var output = ""
    for declaration in declarations {
      dump(declaration, into: &output)
      output += "\n"
    }
    return output
  }

  /// Walks any value by reflection, skipping spans (positions are what formatting changes).
  static func dump(_ value: Any, into output: inout String) {
    if value is Span || value is Span? { return }
    let mirror = Mirror(reflecting: value)
    if mirror.children.isEmpty {
      output += String(describing: value)
      return
    }
    output += "("
    for child in mirror.children {
      if let label = child.label { output += label + ":" }
      dump(child.value, into: &output)
      output += " "
    }
    output += ")"
  }
}
