import PlanSession
import Testing

/// "Preset or file?" is decided in one place (`LoadTarget`), the same way everywhere.
@Test func aNameWithASlashOrEndingInPlanIsAFile() {
    #expect(LoadTarget.of("models/a") == .file("models/a"))
    #expect(LoadTarget.of("a.plan") == .file("a.plan"))
    #expect(LoadTarget.of("./standard") == .file("./standard"))
    #expect(LoadTarget.of("klarna-2024") == .preset("klarna-2024"))
}

@Test func theCommandLineTakesABareExistingFileThatIsNoPreset() {
    let presets: Set = ["standard"]
    let files: Set = ["standard", "mine"]
    let target = { (name: String) in
        LoadTarget.ofArgument(name, isPreset: { presets.contains($0) }, isFile: { files.contains($0) })
    }
    #expect(target("standard") == .preset("standard"))
    #expect(target("mine") == .file("mine"))
    #expect(target("missing") == .preset("missing"))
    #expect(target("x/mine") == .file("x/mine"))
}

@Test func aTargetNamesItsScenario() {
    #expect(LoadTarget.file("dir/q3.plan").scenarioName == "q3")
    #expect(LoadTarget.file("q3").scenarioName == "q3")
    #expect(LoadTarget.preset("handoff").scenarioName == "handoff")
}
