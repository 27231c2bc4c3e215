import Glibc
import LineEditor
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

    /// True when the terminal echoes control characters (`^C`) as it reads them (ECHOCTL with ECHO).
    static func echoesControlCharacters(_ fd: Int32) -> Bool {
        var settings = termios()
        guard isatty(fd) == 1, tcgetattr(fd, &settings) == 0 else { return false }
        return settings.c_lflag & tcflag_t(ECHO) != 0 && settings.c_lflag & tcflag_t(ECHOCTL) != 0
    }
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

    func report(_ diagnostic: Diagnostic) {
        // Ctrl-C during a computation in the REPL is not a mistake to point at: one line, no caret, and on a line
        // of its own after the `^C` the terminal echoed (#11 item 10).
        if interactive && diagnostic.kind == .interrupted {
            let echoed = Console.echoesControlCharacters(0) ? "\n" : ""
            Console.write(echoed + "  interrupted: " + Self.reason(of: diagnostic) + "\n", to: 2)
            return
        }
        // Fitted to the terminal's width; on a pipe or in a file one line a message (the compiler convention).
        let width = Console.isTerminal(2) ? Terminal.columns(fd: 2) : nil
        Console.write(diagnostic.rendered(color: color, width: width), to: 2)
    }

    /// What an interruption stopped, without the `interrupted: ` the message may start with.
    private static func reason(of diagnostic: Diagnostic) -> String {
        let message = diagnostic.message
        if message == "interrupted" { return "stopped" }
        return message.hasPrefix("interrupted: ") ? String(message.dropFirst(13)) : message
    }

    func changed(_ changes: ChangeSet, in session: Session) {
        if session.isLoading { return }
        // The changed cell and the watched cells that changed, field by field for records (a PlanSession view,
        // fitted to the width before painting: the escapes take no columns).
        var lines = interactive ? session.changeLines(changes) : []
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

    private func paint(_ text: String, _ code: String) -> String { color ? code + text + "\u{1B}[0m" : text }
}
