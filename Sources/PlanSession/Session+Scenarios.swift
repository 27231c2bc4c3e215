import Glibc
import PlanCore
import PlanGraph

/// Scenarios: named copies of the model (`:scenario save|load|delete`, `:scenarios`, `:compare`).
///
/// Presets count as scenarios: a name that is not saved is looked up as a preset and loaded into a fresh
/// model; `current` names the live model. A name that `LoadTarget` calls a file (`q3.plan`, `dir/q3`) is
/// run on top of the standard model, as `supportplan q3.plan` would.
///
/// With a `scenarioStore` (the REPL's state directory) saved scenarios last across sessions (see
/// `ScenarioStore` for the format and for two sessions on one directory). The session keeps a copy of
/// each scenario it saved or read, with the version of the file it matches (`scenarioStamps`): a copy
/// without a version (replayed from the journal, or not written yet) wins over the file; a copy with one
/// is read again when the file changed on disk, and dropped when another session deleted the file. The
/// file is written when the entry that saved it is accepted (`flushScenarioFiles`), so a line that fails
/// after `:scenario save` leaves no file behind.
extension Session {
    /// The model of a scenario: `current`, a saved one, a preset or a file loaded afresh.
    func scenarioModel(_ name: String, _ fail: (String) -> Diagnostic) throws(Diagnostic) -> Model {
        if name == "current" { return model }
        if let saved = try savedScenario(name, fail) { return saved }
        let target = LoadTarget.of(name)
        if target.isPreset && (try? locator.path(of: name)) == nil {
            if name == scenario { return model }
            throw fail("no scenario or preset named `\(name)`" + scenarioHint(name))
        }
        let scratch = Session(output: BufferedOutput(), locator: locator, builtins: model.builtins)
        scratch.cancellation = cancellation
        let status: ExitStatus
        switch target {
        case .preset: status = scratch.loadPreset(name, report: true)
        case .file(let path):
            status = scratch.loadStandardModel() == .error ? .error : scratch.runFile(path)
        }
        if status == .error || status == .interrupted {
            let reason = (scratch.output as? BufferedOutput)?.diagnostics.first?.message ?? "it failed to load"
            throw fail("`\(name)` could not be loaded: \(reason)")
        }
        return scratch.model
    }

    /// A saved scenario's model (this session's copy, or its file read afresh), or nil when none is saved
    /// under the name.
    func savedScenario(_ name: String, _ fail: (String) -> Diagnostic) throws(Diagnostic) -> Model? {
        let onDisk = ScenarioStore.isValidName(name) ? scenarioStore?.stamp(of: name) : nil
        if let copy = savedScenarios[name] {
            guard let known = scenarioStamps[name] else { return copy }
            if onDisk == known { return copy }
            if onDisk == nil {
                // Another session deleted it: the last write wins.
                savedScenarios[name] = nil
                scenarioStamps[name] = nil
                return nil
            }
        }
        guard let store = scenarioStore, let stamp = onDisk else { return nil }
        let scratch = Session(output: BufferedOutput(), locator: locator, builtins: model.builtins)
        scratch.cancellation = cancellation
        scratch.startedEmpty = true
        let path = store.path(of: name)
        // The rules of a loaded file: it may define, assert, alert and watch, but not write files.
        let status = scratch.loadingQuietly { scratch.runFile(path, displayName: "scenario \(name)") }
        if status == .error || status == .interrupted {
            let diagnostic = (scratch.output as? BufferedOutput)?.diagnostics.first
            var place = ""
            if let file = diagnostic?.file, let span = diagnostic?.span {
                place = " (line \(file.location(of: span.start).line))"
            }
            let reason = diagnostic?.message ?? "it failed to load"
            throw fail("saved scenario `\(name)` could not be loaded\(place): \(reason); its file is \(path)")
        }
        savedScenarios[name] = scratch.model
        scenarioStamps[name] = stamp
        return scratch.model
    }

    /// The names of the saved scenarios: this session's and those on disk, sorted.
    var savedScenarioNames: [String] {
        var names = Set(savedScenarios.keys)
        if let store = scenarioStore, !isReplaying {
            // A copy of a file that another session deleted is gone too (the last write wins).
            for name in scenarioStamps.keys where store.stamp(of: name) == nil { names.remove(name) }
            names.formUnion(store.names())
        }
        return names.sorted()
    }

    /// The store to read file times from (nil while the journal is replayed).
    var activeStore: ScenarioStore? { isReplaying ? nil : scenarioStore }

    /// True when a scenario is saved under the name (in this session or on disk).
    func isSavedScenario(_ name: String) -> Bool {
        if savedScenarios[name] != nil {
            // A copy of a file that another session deleted is gone too (the last write wins).
            guard let store = scenarioStore, scenarioStamps[name] != nil, store.stamp(of: name) == nil else {
                return true
            }
            savedScenarios[name] = nil
            scenarioStamps[name] = nil
            return false
        }
        guard let store = scenarioStore, ScenarioStore.isValidName(name) else { return false }
        return store.stamp(of: name) != nil
    }

    /// Keeps the live model as scenario `name` (written to disk when the entry is accepted).
    func saveScenario(_ name: String) {
        savedScenarios[name] = model
        scenarioStamps[name] = nil
        if scenarioStore != nil && !isReplaying { pendingScenarioFiles.append(name) }
    }

    /// Drops scenario `name`; false when none is saved under it (a resume replays a deletion whatever it
    /// finds: the file it deleted is gone already).
    func deleteScenario(_ name: String) -> Bool {
        guard isSavedScenario(name) || isReplaying else { return false }
        savedScenarios[name] = nil
        scenarioStamps[name] = nil
        if scenarioStore != nil && !isReplaying { pendingScenarioFiles.append(name) }
        return true
    }

    /// Writes (or removes) the files of the scenarios the accepted entry saved (or deleted); a write that
    /// fails is reported and the scenario kept for this session only.
    func flushScenarioFiles() {
        let names = pendingScenarioFiles
        pendingScenarioFiles = []
        guard let store = scenarioStore else { return }
        var done: Set<String> = []
        for name in names.reversed() where done.insert(name).inserted {
            guard let saved = savedScenarios[name] else {
                store.delete(name)
                continue
            }
            do throws(FileSystem.Failure) {
                scenarioStamps[name] = try store.write(name, SavedScript(model: saved, scenario: name).text)
            } catch {
                output.report(
                    Diagnostic(
                        .note, "scenario \(name) is kept for this session only: \(error.message)", kind: .io))
            }
        }
    }

    /// After a resume: the copies the journal restored match the files on disk from now on, so that what
    /// another session saves later wins.
    public func adoptScenarioFiles() {
        guard let store = scenarioStore else { return }
        for name in savedScenarios.keys where scenarioStamps[name] == nil {
            if let stamp = store.stamp(of: name) { scenarioStamps[name] = stamp }
        }
    }

    /// The scenario's name for the prompt: `*` after it when the model changed since the scenario was
    /// saved or loaded (only for a saved scenario: `base*`).
    public var promptName: String {
        scenarioChanged && isSavedScenario(scenario) ? scenario + "*" : scenario
    }

    /// "; did you mean …" for a scenario name, or "" (with the list of names when there are few).
    func scenarioHint(_ name: String) -> String {
        let known = savedScenarioNames + locator.names + ["current"]
        if let hint = Suggestion.hint(for: name, among: known) { return "; " + hint }
        return " (scenarios: " + known.sorted().joined(separator: ", ") + ")"
    }
}
