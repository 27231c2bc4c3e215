import Foundation
import PlanCore
import PlanSession
import SupportEconomics
import Testing

/// A REPL-like session over the source tree's presets keeping scenarios in `directory`.
private func makeSession(_ directory: String?) -> (Session, BufferedOutput) {
    let output = BufferedOutput()
    let locator = PresetLocator(
        environmentRoot: nil, executablePath: nil, fileExists: { FileManager.default.fileExists(atPath: $0) },
        listDirectory: { (try? FileManager.default.contentsOfDirectory(atPath: $0)) ?? [] })
    let session = Session(output: output, locator: locator)
    session.interactive = true
    session.scenarioStore = directory.map { ScenarioStore(directory: $0) }
    session.loadStandardModel()
    return (session, output)
}

/// Runs one REPL entry.
@discardableResult
private func enter(_ session: Session, _ text: String) -> PlanSession.ExitStatus {
    session.runEntry(SourceFile(name: nil, text: text))
}

/// A fresh folder for a store (its `scenarios` subfolder is created by the first save).
private func temporaryStore() throws -> String {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("scenarios-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
    return base.path + "/scenarios"
}

@Suite("Saved scenarios last across sessions")
struct ScenarioStoreTests {
    @Test("a scenario saved in one session is listed and loads in a fresh one, to identical values")
    func acrossSessions() throws {
        let directory = try temporaryStore()
        let (first, _) = makeSession(directory)
        #expect(enter(first, "churn_per_bad_contact = 3%\nfte_cost = $70k per year") == .success)
        #expect(enter(first, ":scenario save high-churn") == .success)
        #expect(FileManager.default.fileExists(atPath: directory + "/high-churn.plan"))
        let text = try String(contentsOfFile: directory + "/high-churn.plan", encoding: .utf8)
        #expect(text.contains("churn_per_bad_contact = 3%"))

        let (second, output) = makeSession(directory)
        // Tab offers it too.
        #expect(second.completions(line: ":scenario load high", word: "high") == ["high-churn"])
        #expect(enter(second, ":scenarios") == .success)
        #expect(output.text.contains("high-churn  saved "))
        #expect(enter(second, ":scenario load high-churn") == .success)
        #expect(second.scenario == "high-churn")
        for name in first.model.cellNames {
            let (a, b) = (first.model.value(of: name), second.model.value(of: name))
            #expect(a.map { b?.isIdentical(to: $0) ?? false } ?? (b == nil), "\(name)")
        }
    }

    @Test("the last write wins; a scenario deleted in one session is gone in the other")
    func twoSessions() throws {
        let directory = try temporaryStore()
        let (a, _) = makeSession(directory)
        let (b, outputB) = makeSession(directory)
        enter(a, "churn_per_bad_contact = 3%\n:scenario save base")
        // b reads a's version, then saves its own under the same name: a sees b's on its next load.
        enter(b, ":scenario load base")
        #expect(b.model.value(of: "churn_per_bad_contact")?.display == "3%")
        // The file's time has a resolution of a few milliseconds on some file systems: make the versions differ.
        Thread.sleep(forTimeInterval: 0.02)
        enter(b, "churn_per_bad_contact = 4%\n:scenario save base")
        enter(a, "churn_per_bad_contact = 1%")
        #expect(enter(a, ":scenario load base") == .success)
        #expect(a.model.value(of: "churn_per_bad_contact")?.display == "4%")
        enter(a, ":scenario delete base")
        #expect(!FileManager.default.fileExists(atPath: directory + "/base.plan"))
        enter(b, ":scenarios")
        #expect(outputB.lines.last?.contains("no saved scenarios") == true, "\(outputB.lines.last ?? "")")
        #expect(enter(b, ":scenario delete base") == .error)
    }

    @Test("a line that fails after `:scenario save` leaves no file; a bad name is refused")
    func atomic() throws {
        let directory = try temporaryStore()
        let (session, output) = makeSession(directory)
        #expect(enter(session, ":scenario save kept\nnope + 1") == .error)
        #expect(!FileManager.default.fileExists(atPath: directory + "/kept.plan"))
        #expect(enter(session, ":scenario save .hidden") == .error)
        #expect(output.diagnostics.last?.message.contains("not starting with `.`") == true)
        #expect(enter(session, ":scenario save " + String(repeating: "x", count: 101)) == .error)
    }

    @Test("a file loaded by `use` may not save or delete a scenario (it would write a file)")
    func loadedFilesMayNotWrite() throws {
        let directory = try temporaryStore()
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("saves-\(UUID().uuidString).plan")
        try ":scenario save sneaky\n".write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }
        let (session, output) = makeSession(directory)
        #expect(enter(session, "use \"\(script.path)\"") == .error)
        #expect(output.diagnostics.first?.message.contains("may not write files") == true)
        #expect(!FileManager.default.fileExists(atPath: directory + "/sneaky.plan"))
    }

    @Test("a scenario file is loaded with the rules of a loaded file: one that writes is refused, with its path")
    func untrustedScenarioFile() throws {
        let directory = try temporaryStore()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try "x = 1\n:save /tmp/should-not-exist-\(UUID().uuidString).plan\n".write(
            toFile: directory + "/evil.plan", atomically: true, encoding: .utf8)
        let (session, output) = makeSession(directory)
        #expect(enter(session, ":scenario load evil") == .error)
        let message = output.diagnostics.last?.message ?? ""
        #expect(message.contains("saved scenario `evil` could not be loaded (line 2)"), "\(message)")
        #expect(message.contains("may not write files"))
        #expect(session.scenario == "plan")
    }

    @Test("the prompt marks a saved scenario changed since it was saved; undo and load clear the mark")
    func promptMark() throws {
        let (session, _) = makeSession(try temporaryStore())
        #expect(session.promptName == "plan")
        enter(session, "fte_cost = $70k per year")
        // `plan` is not a saved scenario: no mark.
        #expect(session.promptName == "plan")
        enter(session, ":scenario save base")
        #expect(session.promptName == "base")
        enter(session, "fte_cost = $80k per year")
        #expect(session.promptName == "base*")
        enter(session, ":undo")
        #expect(session.promptName == "base")
        enter(session, ":redo")
        #expect(session.promptName == "base*")
        #expect(enter(session, "fte_cost = 3 min") == .error)
        #expect(session.promptName == "base*")
        enter(session, ":scenario load base")
        #expect(session.promptName == "base")
        enter(session, ":show fte_cost")
        #expect(session.promptName == "base")
    }

    @Test("`:scenario load` shows what changed: the inputs, then the watched outputs, old → new (Δ)")
    func loadReport() throws {
        let (session, output) = makeSession(try temporaryStore())
        enter(session, ":scenario save base")
        enter(session, "churn_per_bad_contact = 3%")
        enter(session, ":scenario load base")
        let text = output.lines.last ?? ""
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "  loaded scenario base (\(session.model.cellNames.count) cells)")
        #expect(lines.contains("  inputs that changed"))
        #expect(lines.contains { $0.hasPrefix("    churn_per_bad_contact  3% → 2%") })
        #expect(lines.contains("  watched outputs"))
        #expect(lines.contains { $0.hasPrefix("    risk ") && $0.contains("→") })
        #expect(!lines.contains { $0.contains("savings") }, "savings did not change")
        #expect(lines.allSatisfy { $0.count <= 80 })
        enter(session, ":scenario load base")
        #expect(output.lines.last?.contains("no input changed") == true)
    }

    @Test("on a timeline, a ramped input is an input of the load report (it uses the timeline, no other cell)")
    func loadReportRamp() throws {
        let (session, output) = makeSession(try temporaryStore())
        enter(session, "timeline 2025-01 to 2025-06")
        enter(session, "churn_per_bad_contact = ramp(2%, 4%, 2025-02, 3 months)")
        enter(session, ":scenario save ramped")
        enter(session, "churn_per_bad_contact = 2%")
        enter(session, ":scenario load ramped")
        let lines = (output.lines.last ?? "").split(separator: "\n").map(String.init)
        let inputs = try #require(lines.firstIndex(of: "  inputs that changed"))
        #expect(lines.dropFirst(inputs + 1).first?.hasPrefix("    churn_per_bad_contact") == true, "\(lines)")
    }

    @Test("a resume replays `:scenario save` without writing the file; afterwards another session's write wins")
    func resume() throws {
        let directory = try temporaryStore()
        let (other, _) = makeSession(directory)
        enter(other, "churn_per_bad_contact = 5%\n:scenario save base")
        let written = try String(contentsOfFile: directory + "/base.plan", encoding: .utf8)
        let (resumed, _) = makeSession(directory)
        let replay = resumed.replay([
            .start(empty: false), .entry("churn_per_bad_contact = 3%"), .entry(":scenario save base"),
            .entry("churn_per_bad_contact = 1%"), .entry(":scenario load base"),
        ])
        #expect(replay.problems.isEmpty, "\(replay.problems)")
        // The replayed load restored the journal's copy (3%), not the file another session wrote (5%).
        #expect(resumed.model.value(of: "churn_per_bad_contact")?.display == "3%")
        #expect(try String(contentsOfFile: directory + "/base.plan", encoding: .utf8) == written)
        resumed.adoptScenarioFiles()
        Thread.sleep(forTimeInterval: 0.02)
        enter(other, "churn_per_bad_contact = 6%\n:scenario save base")
        enter(resumed, ":scenario load base")
        #expect(resumed.model.value(of: "churn_per_bad_contact")?.display == "6%")
    }

    @Test("a resume replays the deletion of a scenario another session saved, without a warning")
    func resumeDeletion() throws {
        let directory = try temporaryStore()
        let (first, _) = makeSession(directory)
        enter(first, ":scenario save old")
        let (second, _) = makeSession(directory)
        #expect(enter(second, ":scenario delete old") == .success)
        let (resumed, _) = makeSession(directory)
        let replay = resumed.replay([.start(empty: false), .entry(":scenario delete old")])
        #expect(replay.problems.isEmpty, "\(replay.problems)")
    }

    @Test("a scenario whose file cannot be written is kept for the session, and says so")
    func unwritable() throws {
        let directory = try temporaryStore()
        // A file where the folder should be.
        try "x".write(toFile: directory, atomically: true, encoding: .utf8)
        let (session, output) = makeSession(directory)
        #expect(enter(session, "fte_cost = $70k per year\n:scenario save kept") == .success)
        #expect(output.diagnostics.last?.message.hasPrefix("scenario kept is kept for this session only") == true)
        enter(session, "fte_cost = $80k per year")
        #expect(enter(session, ":scenario load kept") == .success)
        #expect(session.model.value(of: "fte_cost")?.display == "$70k/year")
        enter(session, ":scenarios")
        #expect(output.lines.last?.contains("kept  this session only") == true)
    }

    @Test("without a store (scripts) scenarios are kept for the session only")
    func withoutStore() {
        let (session, output) = makeSession(nil)
        enter(session, ":scenario save base\n:scenarios")
        #expect(output.text.contains("base  this session only"))
    }
}
