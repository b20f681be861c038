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
    .target(
      name: "ChouchaCore",
      // The generators of GB18030+Tables.swift and SHA256+Rounds.swift (run by hand; the output is committed).
      exclude: ["Source/generate_gb18030.py", "Draw/generate_sha256_rounds.py"]
    ),
    .executableTarget(name: "choucha", dependencies: ["ChouchaCore"]),
    .testTarget(
      name: "ChouchaCoreTests",
      dependencies: ["ChouchaCore"],
      exclude: []
    ),
  ]
)
