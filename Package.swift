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
    .target(name: "ChouchaCore"),
    .executableTarget(name: "choucha", dependencies: ["ChouchaCore"]),
    .testTarget(
      name: "ChouchaCoreTests",
      dependencies: ["ChouchaCore"],
      exclude: []
    ),
  ]
)
