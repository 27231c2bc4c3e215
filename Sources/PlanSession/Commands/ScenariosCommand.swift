import Glibc
import PlanCore

extension Command {
    /// `:scenarios`: the saved scenarios (this session's and those kept in the state directory), then the
    /// presets.
    static let scenarios = Command(
        "scenarios", usage: ":scenarios", summary: "list saved scenarios and presets", effect: .shows
    ) { context throws(Diagnostic) in
        let session = context.session
        var lines: [String] = []
        let names = session.savedScenarioNames
        if names.isEmpty {
            lines.append("  no saved scenarios (`:scenario save NAME` keeps a copy of the model)")
        } else {
            lines.append("  saved:")
            let width = min(names.map(\.count).max() ?? 0, 30)
            for name in names {
                var line = "    " + TextLayout.truncate(name, 30).padding(width)
                if let seconds = session.activeStore.flatMap({ $0.modified(name) }) {
                    line += "  saved " + Self.when(seconds)
                } else {
                    line += "  this session only"
                }
                if name == session.scenario { line += session.scenarioChanged ? "  (current, changed)" : "  (current)" }
                lines.append(TextLayout.fit(line, width: context.width))
            }
        }
        let presets = session.locator.names
        if !presets.isEmpty {
            lines.append(TextLayout.fit("  presets: " + presets.joined(separator: ", "), width: context.width))
        }
        lines.append("  current: \(session.promptName)")
        context.emit(lines.joined(separator: "\n"))
        return .success
    }

    /// A file time as local `HH:MM` today, else `YYYY-MM-DD HH:MM`.
    static func when(_ seconds: Int) -> String {
        var time = time_t(seconds)
        var now = time_t(Glibc.time(nil))
        var parts = tm()
        var today = tm()
        localtime_r(&time, &parts)
        localtime_r(&now, &today)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let clock = two(parts.tm_hour) + ":" + two(parts.tm_min)
        if parts.tm_year == today.tm_year && parts.tm_yday == today.tm_yday { return "today " + clock }
        return "\(parts.tm_year + 1900)-" + two(parts.tm_mon + 1) + "-" + two(parts.tm_mday) + " " + clock
    }
}
