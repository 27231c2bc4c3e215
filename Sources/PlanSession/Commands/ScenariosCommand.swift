import PlanCore

extension Command {
    /// `:scenarios`: the saved scenarios, then the presets.
    static let scenarios = Command(
        "scenarios", usage: ":scenarios", summary: "list saved scenarios and presets", effect: .shows
    ) { context throws(Diagnostic) in
        let session = context.session
        var lines: [String] = []
        if session.savedScenarios.isEmpty {
            lines.append("  no saved scenarios (`:scenario save NAME` keeps a copy of the model)")
        } else {
            lines.append("  saved:")
            let width = session.savedScenarios.keys.map(\.count).max() ?? 0
            for name in session.savedScenarios.keys.sorted() {
                let cells = session.savedScenarios[name]?.cellNames.count ?? 0
                lines.append(
                    "    " + name.padding(width) + "  \(cells) cells" + (name == session.scenario ? "  (current)" : ""))
            }
        }
        let presets = session.locator.names
        if !presets.isEmpty { lines.append("  presets: " + presets.joined(separator: ", ")) }
        lines.append("  current: \(session.scenario)")
        context.emit(lines.joined(separator: "\n"))
        return .success
    }
}
