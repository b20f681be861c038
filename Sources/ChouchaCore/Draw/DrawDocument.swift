import Foundation

/// `draw-YYYY.json` and `draw-YYYY.csv`. The JSON document is a public specification: it embeds
/// every task definition the draw used, so that `verify` (ours or anyone's) needs only it and the
/// two directories.
public enum DrawDocument {
  public static let algorithm = "consistent-sampler-sha256-v1"

  public static func json(_ result: Drawer.Result) -> [UInt8] {
    var w = JSONStream()
    let spec = result.spec
    w.object { w in
      w.field("schema", "choucha/draw/v1")
      w.field("algorithm", algorithm)
      w.field("year", spec.year)
      w.field("seed", spec.seed)
      w.field("seedHash", result.seedHash)
      w.field("maxVisits", spec.maxVisits)
      w.field("inspectorsPerVisit", spec.inspectorsPerVisit)
      w.field("classes", strings: spec.classes)
      w.key("departments")
      w.array { w in
        for department in spec.departments {
          w.object { w in
            w.field("code", department.code)
            w.field("name", department.name)
          }
        }
      }
      w.key("inputs")
      w.object { w in
        for (name, input) in [("targets", result.targets), ("inspectors", result.inspectors)] {
          w.key(name)
          w.object { w in
            w.field("sha256", input.sha256)
            w.field("rows", input.rows)
            w.field("columns", strings: input.columns)
          }
        }
      }
      w.key("tasks")
      w.array { w in
        for task in result.tasks {
          w.object { w in
            w.field("id", task.spec.id)
            w.field("title", task.spec.title)
            w.field("kind", task.spec.kind)
            w.field("departments", strings: task.spec.departments)
            w.field("industries", strings: task.spec.industries)
            w.field("objects", strings: task.spec.objects)
            w.key("ratios")
            w.object { w in
              for riskClass in spec.classes {
                if let ratio = task.spec.sampling.ratios[riskClass] { w.field(riskClass, ratio.canonical) }
              }
            }
            w.field("count", task.spec.sampling.count)
            w.key("requires")
            w.object { w in
              for department in task.spec.departments {
                w.field(department, strings: task.spec.requires[department] ?? [])
              }
            }
            w.key("population")
            w.object { w in for riskClass in spec.classes { w.field(riskClass, task.population[riskClass] ?? 0) } }
            w.key("sampleSize")
            w.object { w in for riskClass in spec.classes { w.field(riskClass, task.sampleSize[riskClass] ?? 0) } }
            w.key("targets")
            w.array { w in
              for visit in task.visits {
                w.object { w in
                  w.field("code", visit.target.code)
                  w.field("name", visit.target.name)
                  w.field("class", visit.target.riskClass)
                  w.field("ticket", visit.ticket.text)
                  w.key("inspectors")
                  w.array { w in
                    for (inspector, ticket) in visit.inspectors {
                      w.object { w in
                        w.field("department", inspector.department)
                        w.field("certificate", inspector.certificate)
                        w.field("name", inspector.name)
                        w.field("ticket", ticket.text)
                      }
                    }
                  }
                }
              }
            }
            w.key("skipped")
            w.array { w in
              for skip in task.skipped {
                w.object { w in
                  w.field("code", skip.code)
                  w.field("ticket", skip.ticket.text)
                }
              }
            }
          }
        }
      }
    }
    return w.bytes + [0x0A]
  }

  /// For the website: task, target and the inspectors' names and certificate numbers only.
  public static func csv(_ result: Drawer.Result) -> [UInt8] {
    var rows: [[String]] = []
    for task in result.tasks {
      for visit in task.visits {
        rows.append([
          task.spec.id, task.spec.title, visit.target.code, visit.target.name,
          visit.inspectors.map { "\($0.inspector.name)（\($0.inspector.certificate ?? "")）" }.joined(separator: "、"),
        ])
      }
    }
    return CSVWriter.document(header: ["任务编号", "抽查任务", "统一社会信用代码", "检查对象", "执法检查人员（执法证号）"], rows: rows)
  }

  /// Reads back the specification a draw document records, for `verify`.
  public static func spec(from bytes: [UInt8]) -> (spec: Drawer.Spec, targets: String, inspectors: String)? {
    guard let root = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
      root["schema"] as? String == "choucha/draw/v1", root["algorithm"] as? String == algorithm,
      let year = root["year"] as? Int, let seed = root["seed"] as? String,
      let classes = root["classes"] as? [String], let inspectorsPerVisit = root["inspectorsPerVisit"] as? Int,
      let departments = root["departments"] as? [[String: Any]], let inputs = root["inputs"] as? [String: Any],
      let targetsHash = (inputs["targets"] as? [String: Any])?["sha256"] as? String,
      let inspectorsHash = (inputs["inspectors"] as? [String: Any])?["sha256"] as? String,
      let tasks = root["tasks"] as? [[String: Any]]
    else { return nil }
    var specs: [Drawer.TaskSpec] = []
    for task in tasks {
      guard let id = task["id"] as? String, let title = task["title"] as? String, let kind = task["kind"] as? String,
        let codes = task["departments"] as? [String], let industries = task["industries"] as? [String],
        let objects = task["objects"] as? [String], let ratios = task["ratios"] as? [String: String],
        let requires = task["requires"] as? [String: [String]]
      else { return nil }
      var parsed: [String: Ratio] = [:]
      for (riskClass, text) in ratios {
        guard let ratio = Ratio(parsing: text) else { return nil }
        parsed[riskClass] = ratio
      }
      specs.append(
        Drawer.TaskSpec(
          id: id, title: title, kind: kind, departments: codes, industries: industries, objects: objects,
          sampling: TaskSampling(ratios: parsed, count: task["count"] as? Int), requires: requires))
    }
    let spec = Drawer.Spec(
      year: year, seed: seed, classes: classes, maxVisits: root["maxVisits"] as? Int,
      inspectorsPerVisit: inspectorsPerVisit,
      departments: departments.compactMap { entry in
        (entry["code"] as? String).map { DepartmentRef(code: $0, name: entry["name"] as? String ?? $0) }
      },
      tasks: specs)
    return (spec, targetsHash, inspectorsHash)
  }
}
