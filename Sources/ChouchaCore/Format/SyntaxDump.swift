/// A text dump of declarations without their source positions: two files that say the same thing
/// dump the same, however they are laid out and in whichever keyword language. `fmt` compares the
/// dumps before and after reformatting, the way black compares syntax trees.
///
/// Every field of every declaration is written (`FormatTests.testEveryFieldIsDumped` changes each
/// field of a full example in turn and checks that the dump changes). Spans are left out; so is
/// nothing else.
enum SyntaxDump {
  static func text(_ declarations: [Declaration]) -> String {
    var output = ""
    for declaration in declarations {
      var line = Line()
      switch declaration {
      case .department(let d):
        line.header("department", d.header)
        line.field("kind", d.kind?.value.rawValue)
      case .law(let l):
        line.header("law", l.header)
        line.field("effective", l.effective?.value.description)
        line.field("repealed", l.repealed?.value.description)
      case .authority(let a):
        line.header("authority", a.header)
        line.field("kind", a.kind?.value.rawValue)
        line.field("department", a.department?.value)
        line.field("basis", bases(a.bases))
        line.field("exempt", a.exempt?.value)
      case .item(let i):
        line.header("item", i.header)
        line.field("department", i.department?.value)
        line.field("authority", i.authority?.value)
        line.field("basis", bases(i.bases))
        line.field("category", i.category?.value.rawValue)
        line.field("objects", names(i.objects))
        line.field("methods", i.methods.map(\.value.rawValue).joined(separator: ","))
        line.field("content", i.content?.value)
        line.field("sampling", i.sampling.map(sampling))
        line.field("conflicting", i.conflictingSampling == nil ? nil : "yes")
        line.field("frequency", i.frequency.map { String($0.value) })
        line.field("requires", names(i.requires))
        line.field("checks", i.points.isEmpty ? nil : i.points.map(entry).joined(separator: ","))
      case .bundle(let b):
        line.header("bundle", b.header)
        line.field("lead", b.lead?.value)
        line.field("industry", names(b.industries))
        line.field("items", names(b.items))
        line.field("window", b.window.map { range($0.value) })
        line.field("sampling", b.sampling.map(sampling))
        line.field("frequency", b.frequency.map { String($0.value) })
      case .plan(let p):
        line.header("plan", p.header)
        line.field("year", String(p.year))
        line.field("jurisdiction", p.jurisdiction?.value)
        line.field("window", p.window.map { range($0.value) })
        line.field("classes", names(p.classes))
        line.field("publishWithin", p.publishWithin.map { duration($0.value) })
        line.field("reportWithin", p.reportWithin.map { duration($0.value) })
        line.field("followUpWithin", p.followUpWithin.map { duration($0.value) })
        line.field("minCoverage", p.minCoverage.map { ratio($0.value) })
        line.field("maxVisits", p.maxVisits.map { String($0.value) })
        line.field("inspectorsPerVisit", p.inspectorsPerVisit.map { String($0.value) })
        line.field("enterpriseBase", p.enterpriseBase.map { String($0.value) })
        line.field("maxPoints", p.maxPoints.map { String($0.value) })
      case .calendar(let c):
        line.header("calendar", c.header)
        line.field("year", String(c.year))
        line.field("holidays", c.holidays.map { range($0.value) }.joined(separator: ","))
        line.field("workdays", c.workdays.map { range($0.value) }.joined(separator: ","))
      case .import(let i):
        line.text = "import"
        line.field("kind", i.kind.value.rawValue)
        line.field("path", i.path.value)
      case .checkpoint(let c):
        line.header("checkpoint", c.header)
        line.field("point", point(c.point))
      case .monthlyReport(let r):
        line.header("monthly-report", r.header)
        line.field("month", r.month?.value.description)
        for (name, entries) in [
          ("meeting", r.meetings), ("document", r.documents), ("training", r.trainings), ("inspectionDocument", r.inspectionDocuments),
        ] {
          line.field(name, entries.isEmpty ? nil : entries.map(reportEntry).joined(separator: ","))
        }
        line.field("website", r.website?.value)
        line.field("contact", r.contact?.value)
        line.field("phone", r.phone?.value)
        line.field("mobile", r.mobile?.value)
      }
      output += line.text + "\n"
    }
    return output
  }

  /// One declaration's dump. Values are quoted with their length, so no value can imitate a
  /// separator.
  struct Line {
    var text = ""

    mutating func header(_ kind: String, _ header: Header) {
      text = kind
      field("id", header.id.value)
      field("title", header.title?.value)
      field("incomplete", header.isIncomplete ? "yes" : nil)
    }

    mutating func field(_ name: String, _ value: String?) {
      guard let value else { return }
      text += " " + name + "=" + String(value.utf8.count) + ":" + value
    }
  }

  static func names(_ names: [Name]) -> String {
    names.map { String($0.value.utf8.count) + ":" + $0.value }.joined(separator: ",")
  }

  /// A point with its fields, each value length-prefixed as in `Line.field`.
  static func point(_ point: CheckPoint) -> String {
    var line = Line()
    line.field("code", point.code?.value)
    line.field("text", point.text.value)
    line.field("basis", bases(point.bases))
    line.field("methods", point.methods.map(\.value.rawValue).joined(separator: ","))
    line.field("answers", names(point.answers))
    return "(" + String(line.text.utf8.count) + ":" + line.text + ")"
  }

  static func entry(_ entry: PointEntry) -> String {
    switch entry {
    case .own(let own): return point(own)
    case .reference(let code): return "ref " + String(code.value.utf8.count) + ":" + code.value
    }
  }

  /// A monthly report's entry with its values, each length-prefixed as in `Line.field`.
  static func reportEntry(_ entry: ReportEntry) -> String {
    var line = Line()
    line.field("name", entry.name.value)
    line.field("date", entry.date?.value.description)
    line.field("number", entry.number?.value)
    line.field("people", entry.people.map { String($0.value) })
    line.field("content", entry.content?.value)
    return "(" + String(line.text.utf8.count) + ":" + line.text + ")"
  }

  static func bases(_ bases: [Basis]) -> String {
    bases.map { basis in
      let article = basis.article.map { String($0.value.utf8.count) + ":" + $0.value } ?? "-"
      return String(basis.law.value.utf8.count) + ":" + basis.law.value + "/" + article
    }.joined(separator: ",")
  }

  // Plain conversions only: interpolating an enum or a struct goes through reflection, which was
  // most of the time `fmt` took.
  static func range(_ range: DayRange) -> String { range.first.description + ".." + range.last.description }
  static func duration(_ duration: Duration) -> String { String(duration.amount) + duration.unit.rawValue }
  static func ratio(_ ratio: Ratio) -> String { String(ratio.perMillion) + "ppm(" + ratio.text + ")" }

  static func sampling(_ sampling: Sampling) -> String {
    switch sampling {
    case .ratio(let single): return ratio(single.value)
    case .count(let count): return "count " + String(count.value)
    case .perClass(let classes, _):
      // The abnormal stratum by its meaning, whatever keyword language it is written in.
      return "{" + classes.map { entry in
        let key = entry.isAbnormal ? "abnormal" : String(entry.riskClass.value.utf8.count) + ":" + entry.riskClass.value
        return key + " " + ratio(entry.ratio.value)
      }.joined(separator: ",") + "}"
    }
  }
}
