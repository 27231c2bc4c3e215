// swift-tools-version: 6.0
import PackageDescription

/// supportplan: plan the economics of customer support when AI takes part of the work.
///
/// Module layout (arrows point down only), see ARCHITECTURE.md:
/// SupportPlanCLI → PlanSession → SupportEconomics → PlanCore
///                              └→ PlanGraph ───────→ PlanCore
///                              └→ PlanCharts ──────→ PlanCore (charts as data, drawn as SVG)
///                └→ LineEditor → CLibEdit
/// SupportPlanCLI parses its command line with apple/swift-argument-parser (help, errors, completion
/// scripts), behind a small pre-parser for the common `run`/REPL forms (see `Options.fastParse`).
/// TicketEvidence → PlanCore, CSV (yaslab/CSV.swift: a streaming RFC 4180 reader); PlanSession depends on
/// it for `:import tickets`
let package = Package(
    name: "supportplan",
    products: [
        .executable(name: "supportplan", targets: ["SupportPlanCLI"])
    ],
    dependencies: [
        .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        .target(name: "PlanCore"),
        // The live model's storage (`NodeStore`, `PassValues`) is class-held arrays read and written once per cell
        // of a recalculation; release builds skip the run-time exclusivity checks there (18% of a change at the
        // root of a 100,000-cell model), and in `Session`, a class whose state every statement reads and writes
        // (8 checked accesses a statement, 3% of loading a 10,000-line file). Debug builds, which the unit, law,
        // ASan and TSan runs use, keep them (the fuzz target is a release build). See README, "How a large model
        // stays small and fast".
        .target(
            name: "PlanGraph", dependencies: ["PlanCore"],
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
        .target(name: "SupportEconomics", dependencies: ["PlanCore"]),
        .target(name: "PlanCharts", dependencies: ["PlanCore"]),
        .target(
            name: "PlanSession",
            dependencies: ["PlanCore", "PlanGraph", "SupportEconomics", "PlanCharts", "TicketEvidence"],
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
        .systemLibrary(
            name: "CLibEdit",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .target(name: "LineEditor", dependencies: ["CLibEdit"]),
        // glibc's `mallopt`, which the Glibc module does not import (the CLI keeps freed memory for reuse).
        .systemLibrary(name: "CMalloc"),
        .target(
            name: "TicketEvidence",
            dependencies: ["PlanCore", .product(name: "CSV", package: "CSV.swift")]
        ),
        .executableTarget(
            name: "SupportPlanCLI",
            dependencies: [
                "PlanSession", "LineEditor", "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "PlanCoreTests", dependencies: ["PlanCore"]),
        .testTarget(name: "PlanGraphTests", dependencies: ["PlanGraph"]),
        .testTarget(name: "SupportEconomicsTests", dependencies: ["SupportEconomics"]),
        .testTarget(name: "PlanSessionTests", dependencies: ["PlanSession", "PlanCharts"]),
        .testTarget(name: "PlanChartsTests", dependencies: ["PlanCharts"]),
        .testTarget(name: "LineEditorTests", dependencies: ["LineEditor"]),
        .testTarget(name: "TicketEvidenceTests", dependencies: ["TicketEvidence"]),
        .testTarget(name: "SupportPlanCLITests", dependencies: ["SupportPlanCLI"]),
        // The laws of the language and the live model as property tests over generated models (Tests/LawTests).
        .testTarget(
            name: "LawTests",
            dependencies: [
                "PlanSession", "PlanGraph", "PlanCore", "SupportEconomics",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]),
        // The libFuzzer target over parse + apply + commands (Tests/Fuzz/run-fuzz.sh builds it with -DFUZZING;
        // in the ordinary build it is a stub that links nothing of libFuzzer).
        .target(name: "FuzzerDriver", path: "Tests/Fuzz/Driver"),
        .executableTarget(
            name: "supportplan-fuzz", dependencies: ["PlanSession", "SupportEconomics", "FuzzerDriver"],
            path: "Tests/Fuzz/Target"),
        // Reads an export and prints what `:import tickets` would define: for measurements, not shipped.
        .executableTarget(
            name: "ticket-import", dependencies: ["TicketEvidence", "PlanCore"], path: "Tests/tickets/ImportTool"),
    ],
    swiftLanguageModes: [.v6]
)
