import PlanCore
import PlanGraph

/// Scenarios: named copies of the model (`:scenario save|load|delete`, `:scenarios`, `:compare`).
///
/// Presets count as scenarios: a name that is not saved is looked up as a preset and loaded into a fresh
/// model; `current` names the live model. A name that `LoadTarget` calls a file (`q3.plan`, `dir/q3`) is
/// run on top of the standard model, as `supportplan q3.plan` would.
extension Session {
    /// The model of a scenario: `current`, a saved one, a preset or a file loaded afresh.
    func scenarioModel(_ name: String, _ fail: (String) -> Diagnostic) throws(Diagnostic) -> Model {
        if name == "current" { return model }
        if let saved = savedScenarios[name] { return saved }
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

    /// "; did you mean …" for a scenario name, or "" (with the list of names when there are few).
    func scenarioHint(_ name: String) -> String {
        let known = Array(savedScenarios.keys) + locator.names + ["current"]
        if let hint = Suggestion.hint(for: name, among: known) { return "; " + hint }
        return " (scenarios: " + known.sorted().joined(separator: ", ") + ")"
    }
}
