import PlanCore
import PlanGraph

extension Command {
    /// `:scenario save|load|delete NAME`: only `load` changes the model (and is an undo step); `save` and
    /// `delete` write the scenario's file in the state directory (see `ScenarioStore`), so a file loaded by
    /// `use` or `:load` (or a preset) may not run them.
    static let scenario = Command(
        "scenario", usage: ":scenario save|load|delete name",
        summary: "keep, restore or drop a named copy of the model", effect: .changesModel,
        arguments: [
            .branches(
                key: "action",
                [
                    ArgumentBranch("save", [.word(key: "name", what: "a name for the scenario", offers: .nothing)]),
                    ArgumentBranch("load", [.word(key: "name", what: "a scenario or a preset", offers: .scenarios)]),
                    ArgumentBranch("delete", [.word(key: "name", what: "a saved scenario", offers: .scenarios)]),
                ])
        ],
        effectOfUse: { $0.word("action") == "load" ? .changesModel : .writesFiles },
        run: runScenario)

    private static func runScenario(_ context: CommandContext) throws(Diagnostic) -> ExitStatus {
        let session = context.session
        guard let action = context.arguments.word("action"), let argument = context.arguments["name"],
            let name = context.arguments.word("name")
        else { return .success }
        let fail = { (message: String) in context.error(message, at: argument.span) }
        switch action {
        case "save":
            guard name != "current" else { throw fail("`current` names the live model; pick another name") }
            guard ScenarioStore.isValidName(name) else {
                throw fail(
                    "a scenario name is letters, digits, `_`, `-` and `.`, not starting with `.`, at most "
                        + "\(ScenarioStore.longestName) characters")
            }
            let replaced = session.isSavedScenario(name)
            session.saveScenario(name)
            session.scenario = name
            session.scenarioChanged = false
            context.emit(
                "  \(replaced ? "replaced" : "saved") scenario \(name) (\(session.model.cellNames.count) cells)")
        case "load":
            let before = session.model
            let loaded = try session.scenarioModel(name, fail)
            session.model = loaded
            session.model.isCancelled = session.cancellation
            if name != "current" {
                // A saved scenario or a preset by its name; a file by its base name (`q3.plan` is `q3`).
                session.scenario = session.isSavedScenario(name) ? name : LoadTarget.of(name).scenarioName
                session.scenarioChanged = false
            }
            let view = ScenarioLoadView(before: before, after: session.model)
            var lines = ["  loaded scenario \(session.scenario) (\(session.model.cellNames.count) cells)"]
            lines += view.lines(width: context.width)
            context.emit(lines.joined(separator: "\n"))
            // Alerts switched on or off by the load, as after an edit.
            var alerts = ChangeSet()
            alerts.hasRoot = false
            (alerts.alertsOn, alerts.alertsOff) = view.alertChanges
            if !alerts.alertsOn.isEmpty || !alerts.alertsOff.isEmpty { session.output.changed(alerts, in: session) }
        default:
            guard session.deleteScenario(name) else {
                throw fail("no saved scenario named `\(name)`" + session.scenarioHint(name))
            }
            context.emit("  deleted scenario \(name)")
        }
        return .success
    }
}
