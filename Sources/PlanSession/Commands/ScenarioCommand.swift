import PlanCore

extension Command {
    /// `:scenario save|load|delete NAME`: only `load` changes the model (and is an undo step).
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
        effectOfUse: { $0.word("action") == "load" ? .changesModel : .changesSession },
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
            guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }) else {
                throw fail("a scenario name is letters, digits, `_`, `-` and `.`")
            }
            let replaced = session.savedScenarios[name] != nil
            session.savedScenarios[name] = session.model
            session.scenario = name
            context.emit(
                "  \(replaced ? "replaced" : "saved") scenario \(name) (\(session.model.cellNames.count) cells)")
        case "load":
            let loaded = try session.scenarioModel(name, fail)
            let alertsBefore = Set(session.model.activeAlerts)
            session.model = loaded
            session.model.isCancelled = session.cancellation
            if name != "current" {
                // A saved scenario or a preset by its name; a file by its base name (`q3.plan` is `q3`).
                session.scenario = session.savedScenarios[name] != nil ? name : LoadTarget.of(name).scenarioName
            }
            var lines = ["  loaded scenario \(session.scenario) (\(session.model.cellNames.count) cells)"]
            for alert in session.model.activeAlerts where !alertsBefore.contains(alert) {
                lines.append("  ⚠ " + session.alertDescription(alert))
            }
            context.emit(lines.joined(separator: "\n"))
        default:
            guard session.savedScenarios.removeValue(forKey: name) != nil else {
                throw fail("no saved scenario named `\(name)`" + session.scenarioHint(name))
            }
            context.emit("  deleted scenario \(name)")
        }
        return .success
    }
}
