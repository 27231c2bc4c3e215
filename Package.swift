// swift-tools-version: 6.0
import PackageDescription

/// supportplan: plan the economics of customer support when AI takes part of the work.
///
/// Module layout (arrows point down only), see ARCHITECTURE.md:
/// SupportPlanCLI → PlanSession → SupportEconomics → PlanCore
///                              └→ PlanGraph ───────→ PlanCore
///                └→ LineEditor → CLibEdit
/// TicketEvidence → PlanCore, CSV (yaslab/CSV.swift: a streaming RFC 4180 reader); PlanSession depends on
/// it for `:import tickets`
let package = Package(
    name: "supportplan",
    products: [
        .executable(name: "supportplan", targets: ["SupportPlanCLI"])
    ],
    dependencies: [
        .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2")
    ],
    targets: [
        .target(name: "PlanCore"),
        .target(name: "PlanGraph", dependencies: ["PlanCore"]),
        .target(name: "SupportEconomics", dependencies: ["PlanCore"]),
        .target(name: "PlanSession", dependencies: ["PlanCore", "PlanGraph", "SupportEconomics", "TicketEvidence"]),
        .systemLibrary(
            name: "CLibEdit",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .target(name: "LineEditor", dependencies: ["CLibEdit"]),
        .target(
            name: "TicketEvidence",
            dependencies: ["PlanCore", .product(name: "CSV", package: "CSV.swift")]
        ),
        .executableTarget(
            name: "SupportPlanCLI",
            dependencies: ["PlanSession", "LineEditor"]
        ),
        .testTarget(name: "PlanCoreTests", dependencies: ["PlanCore"]),
        .testTarget(name: "PlanGraphTests", dependencies: ["PlanGraph"]),
        .testTarget(name: "SupportEconomicsTests", dependencies: ["SupportEconomics"]),
        .testTarget(name: "PlanSessionTests", dependencies: ["PlanSession"]),
        .testTarget(name: "LineEditorTests", dependencies: ["LineEditor"]),
        .testTarget(name: "TicketEvidenceTests", dependencies: ["TicketEvidence"]),
        // Reads an export and prints what `:import tickets` would define: for measurements, not shipped.
        .executableTarget(
            name: "ticket-import", dependencies: ["TicketEvidence", "PlanCore"], path: "Tests/tickets/ImportTool"),
    ],
    swiftLanguageModes: [.v6]
)
