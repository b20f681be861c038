// swift-tools-version:5.9
import PackageDescription

// No package dependencies, by design: only the toolchain.
let package = Package(
  name: "Choucha",
  products: [
    .library(name: "ChouchaCore", targets: ["ChouchaCore"]),
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
      // For one commit, the files moved to Sources/ChouchaDraw are still built in this target (the
      // next commit makes it a target of its own): the moves alone, so that history follows them.
      path: "Sources",
      exclude: ["ChouchaCore/Source/generate_gb18030.py", "ChouchaCore/Base/generate_sha256_rounds.py"],
      sources: ["ChouchaCore", "ChouchaDraw"]
    ),
    .executableTarget(name: "choucha", dependencies: ["ChouchaCore"]),
    .testTarget(
      name: "ChouchaCoreTests",
      // `choucha`: its file-backed byte source is tested here too.
      dependencies: ["ChouchaCore", "ChouchaIntrinsics", "choucha"],
      exclude: []
    ),
  ]
)
