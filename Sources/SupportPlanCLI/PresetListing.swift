import Glibc
import PlanCore
import PlanSession

/// `supportplan presets` laid out for the terminal: one preset per entry, its description wrapped under
/// itself so that no line is wider than the terminal (SPEC §11; 80 columns when the width is unknown).
struct PresetListing {
    /// The names and descriptions, in the locator's order (`standard` first).
    let entries: [(name: String, description: String)]

    /// The presets a session's locator finds.
    init(session: Session) {
        entries = session.locator.names.map { ($0, session.presetDescription($0) ?? "") }
        searched = session.locator.roots
    }

    /// Given entries (for tests).
    init(entries: [(name: String, description: String)], searched: [String] = []) {
        self.entries = entries
        self.searched = searched
    }

    private let searched: [String]

    /// The listing in at most `width` columns (words longer than a line are kept whole).
    func text(width: Int) -> String {
        if entries.isEmpty { return "no presets found; searched " + searched.joined(separator: ", ") }
        let nameWidth = entries.map(\.name.count).max() ?? 0
        var indent = 2 + nameWidth + 2
        // A description column narrower than 30 reads badly: put descriptions under the names instead.
        let stacked = width - indent < 30
        if stacked { indent = 6 }
        var lines: [String] = []
        for entry in entries {
            let lead = "  " + entry.name
            let wrapped = WordWrap.lines(entry.description, width: max(width - indent, 1))
            if stacked {
                lines.append(lead)
                lines += wrapped.map { String(repeating: " ", count: indent) + $0 }
            } else {
                let padded = lead + String(repeating: " ", count: indent - lead.count)
                lines.append(padded + (wrapped.first ?? ""))
                lines += wrapped.dropFirst().map { String(repeating: " ", count: indent) + $0 }
            }
        }
        return lines.map { $0.trimmingTrailingSpaces() }.joined(separator: "\n")
    }

    /// The terminal's width: `$COLUMNS`, else the size of the terminal on stdout, else 80.
    static func terminalWidth() -> Int {
        if let text = FileSystem.environment("COLUMNS"), let columns = Int(text), columns > 0 { return columns }
        var size = winsize()
        if isatty(1) == 1, ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }
}

extension String {
    /// The string without trailing spaces.
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = Substring(self)
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
