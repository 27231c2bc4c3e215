import Glibc
import PlanCore
import PlanGraph
import PlanSession

/// Writes to the terminal or pipes without Foundation.
enum Console {
    /// Writes text to a file descriptor, whole.
    static func write(_ text: String, to fd: Int32) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeMutableBytes {
                Glibc.write(fd, $0.baseAddress.map { $0 + offset }, $0.count - offset)
            }
            if count < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += count
        }
        bytes.removeAll()
    }

    /// True when the file descriptor is a terminal.
    static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }
}

/// Renders a session's output for the terminal or a pipe.
final class ConsoleOutput: SessionOutput {
    let color: Bool
    let valuesTo: Int32
    let interactive: Bool

    init(color: Bool, valuesTo: Int32, interactive: Bool) {
        self.color = color
        self.valuesTo = valuesTo
        self.interactive = interactive
    }

    // Everything a session shows passes through `TerminalText.neutralized` here (diagnostics in their
    // renderer), before any colour code is added: text from files never reaches the terminal raw.
    func emit(_ text: String) { Console.write(TerminalText.neutralized(text) + "\n", to: valuesTo) }

    func report(_ diagnostic: Diagnostic) { Console.write(diagnostic.rendered(color: color), to: 2) }

    func changed(_ changes: ChangeSet, in session: Session) {
        if session.isLoading { return }
        var lines: [String] = []
        if interactive, let first = changes.cells.first {
            if changes.hasRoot {
                var line = "  " + first.name + "  " + session.displayValue(of: first.name)
                if let note = session.distributionNote(of: first.name) { line += "  (" + note + ")" }
                lines.append(line)
            }
            let watched = session.model.watches.filter { $0 != first.name || !changes.hasRoot }
            let width = watched.map(\.count).max() ?? 0
            // One lookup table, not a search of the change list per watched cell (100k watches).
            var changed: [String: ChangeSet.CellChange] = [:]
            for change in changes.cells where changed[change.name] == nil { changed[change.name] = change }
            for name in watched {
                guard let change = changed[name], let old = change.old else { continue }
                let mark = session.model.isUncertain(name) ? "~" : ""
                lines.append(
                    "  " + pad(name, width) + "  " + mark + old.display + " → " + mark + change.new.display
                        + delta(old, change.new))
            }
        }
        // Neutralised and fitted to the width before painting (the escapes take no columns).
        lines = lines.map { TextLayout.fit(TerminalText.neutralized($0), width: session.width) }
        for event in session.alertEvents(changes) {
            let line = TextLayout.fit(TerminalText.neutralized(event.line), width: session.width)
            if case .cleared = event {
                lines.append(paint(line, "\u{1B}[32m"))
            } else {
                lines.append(paint(line, "\u{1B}[33m"))
            }
        }
        if !lines.isEmpty { Console.write(lines.joined(separator: "\n") + "\n", to: valuesTo) }
    }

    private func delta(_ old: Value, _ new: Value) -> String {
        guard case .number(let a, let unit) = old, case .number(let b, _) = new else { return "" }
        let difference = b - a
        var text = Value.format(abs(difference), unit: unit)
        if unit.percent { text = NumberFormat.significant(abs(difference) * 100, 3) + " points" }
        return "  (" + (difference < 0 ? "−" : "+") + text + ")"
    }

    private func paint(_ text: String, _ code: String) -> String { color ? code + text + "\u{1B}[0m" : text }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
