// swift-tools-version: 6.0
import PackageDescription

/// supportplan: plan the economics of customer support when AI takes part of the work.
///
/// Module layout (arrows point down only), see ARCHITECTURE.md:
/// SupportPlanCLI → PlanSession → SupportEconomics → PlanCore
///                              └→ PlanGraph ───────→ PlanCore
///                └→ LineEditor → CLibEdit
let package = Package(
    name: "supportplan",
    products: [
        .executable(name: "supportplan", targets: ["SupportPlanCLI"])
    ],
    targets: [
        .target(name: "PlanCore"),
        .target(name: "PlanGraph", dependencies: ["PlanCore"]),
        .target(name: "SupportEconomics", dependencies: ["PlanCore"]),
        .target(name: "PlanSession", dependencies: ["PlanCore", "PlanGraph", "SupportEconomics"]),
        .systemLibrary(
            name: "CLibEdit",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .target(name: "LineEditor", dependencies: ["CLibEdit"]),
        .executableTarget(
            name: "SupportPlanCLI",
            dependencies: ["PlanSession", "LineEditor"]
        ),
        .testTarget(name: "PlanCoreTests", dependencies: ["PlanCore"]),
        .testTarget(name: "PlanGraphTests", dependencies: ["PlanGraph"]),
        .testTarget(name: "SupportEconomicsTests", dependencies: ["SupportEconomics"]),
        .testTarget(name: "PlanSessionTests", dependencies: ["PlanSession"]),
        .testTarget(name: "LineEditorTests", dependencies: ["LineEditor"]),
    ],
    swiftLanguageModes: [.v6]
)
