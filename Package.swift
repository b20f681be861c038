// swift-tools-version:5.9
import PackageDescription

// No package dependencies, by design: only the toolchain.
let package = Package(
  name: "Choucha",
  products: [
    .library(name: "ChouchaCore", targets: ["ChouchaCore"]),
    .library(name: "ChouchaDraw", targets: ["ChouchaDraw"]),
    .executable(name: "choucha", targets: ["choucha"]),
  ],
  targets: [
    // SHA-256 with the CPU's SHA extensions and UTF-8 validation with SSSE3, through the
    // toolchain's clang intrinsics: the one target compiled with these instruction sets, entered
    // only after CPUID says they are there.
    // (`-target-feature` rather than `-msha`: on other CPUs clang only warns and the code is
    // `#if arch(x86_64)`.)
    .target(
      name: "ChouchaIntrinsics",
      swiftSettings: [
        .unsafeFlags(["+sha", "+ssse3", "+sse4.1"].flatMap { ["-Xcc", "-Xclang", "-Xcc", "-target-feature", "-Xcc", "-Xclang", "-Xcc", $0] })
      ]
    ),
    .target(
      name: "ChouchaCore",
      dependencies: ["ChouchaIntrinsics"],
      // The generators of GB18030+Tables.swift and SHA256+Rounds.swift (run by hand; the output is committed).
      exclude: ["Source/generate_gb18030.py", "Base/generate_sha256_rounds.py"]
    ),
    // The sampling engine: the pass over the target directory, ticket batches, matching. The one
    // target besides ChouchaIntrinsics that manages memory by hand, with strict concurrency
    // checking (tools 5.9: the experimental feature; the Swift 6 language mode needs tools 6.0).
    .target(
      name: "ChouchaDraw",
      dependencies: ["ChouchaCore", "ChouchaIntrinsics"],
      // The engine's tuning numbers and invariants, beside its code.
      exclude: ["README.md"],
      swiftSettings: [.enableExperimentalFeature("StrictConcurrency")]
    ),
    .executableTarget(name: "choucha", dependencies: ["ChouchaCore", "ChouchaDraw"]),
    .testTarget(
      name: "ChouchaCoreTests",
      // `choucha`: its file-backed byte source is tested here too.
      dependencies: ["ChouchaCore", "ChouchaDraw", "ChouchaIntrinsics", "choucha"],
      exclude: []
    ),
  ]
)

// Coverage-guided fuzzing (Fuzz/run.sh): with CHOUCHA_FUZZ set, one executable per libFuzzer
// target in Fuzz/Sources, over every library target above (so the fuzz build follows the
// package's layout as it changes) and FuzzSupport (the invariants the targets check). Built only
// by Fuzz/run.sh with the fuzzer and address sanitizers in its own scratch path (.build-fuzz):
// a plain `swift build` or `swift test` never sees them.
if Context.environment["CHOUCHA_FUZZ"] != nil {
  let libraries = package.targets.filter { $0.type == .regular }.map { Target.Dependency.target(name: $0.name) }
  package.targets.append(.target(name: "FuzzSupport", dependencies: libraries, path: "Fuzz/Sources/FuzzSupport"))
  for name in ["FuzzCompiler", "FuzzTables", "FuzzResults", "FuzzDirectory", "FuzzDocument", "FuzzSelection"] {
    package.targets.append(
      .executableTarget(
        name: name, dependencies: libraries + ["FuzzSupport"], path: "Fuzz/Sources/\(name)",
        // libFuzzer brings `main`; the target brings `LLVMFuzzerTestOneInput`.
        swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
  }
}
