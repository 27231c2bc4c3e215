/// Rendering diagnostics as text: `file:line:col: error: …`, the source line and a caret line.
extension Diagnostic {
    /// Renders the diagnostic and its notes; `color` adds ANSI colours.
    public func rendered(color: Bool = false) -> String {
        var out = ""
        render(into: &out, color: color)
        return out
    }

    private func render(into out: inout String, color: Bool) {
        let bold = color ? "\u{1B}[1m" : ""
        let reset = color ? "\u{1B}[0m" : ""
        let tint: String
        switch severity {
        case .error, .assertion: tint = color ? "\u{1B}[1;31m" : ""
        case .note: tint = color ? "\u{1B}[1;36m" : ""
        }
        var prefix = ""
        if let file, let span {
            let loc = file.location(of: span.start)
            if let name = file.name {
                prefix = "\(TerminalText.neutralized(name)):\(loc.line):\(loc.column): "
            } else {
                prefix = "\(loc.line):\(loc.column): "
            }
            if file.name == nil && file.lineStarts.count == 1 { prefix = "" }
        }
        // Text from files is neutralised before the colour codes are added (see `TerminalText`).
        let message = TerminalText.neutralized(message)
        out += "\(bold)\(prefix)\(reset)\(tint)\(severity.rawValue):\(reset) \(bold)\(message)\(reset)\n"
        if let file, let span {
            let lineIndex = file.lineIndex(of: span.start)
            let lineStart = file.lineStarts[lineIndex]
            let raw = file.lineText(lineIndex)
            var line = TerminalText.neutralized(raw)
            let shownLimit = 200
            let before = String(decoding: file.bytes[lineStart..<max(lineStart, span.start)], as: UTF8.self)
            let startCol = TerminalText.neutralized(before).count
            let lineEnd = lineStart + raw.utf8.count
            let endByte = max(span.start, min(span.end, lineEnd))
            let covered = String(decoding: file.bytes[min(span.start, endByte)..<endByte], as: UTF8.self)
            var width = max(1, TerminalText.neutralized(covered).count)
            var offset = 0
            if line.count > shownLimit {
                offset = max(0, startCol - 40)
                line = String(line.dropFirst(offset).prefix(shownLimit)) + " …"
                if offset > 0 { line = "… " + line }
                width = min(width, shownLimit - 40)
            }
            let pad = String(repeating: " ", count: startCol - offset + (offset > 0 ? 2 : 0))
            let carets = "^" + String(repeating: "~", count: width - 1)
            out += "  \(line)\n  \(pad)\(tint)\(carets)\(reset)\n"
        }
        if let hint { out += "  \(TerminalText.neutralized(hint))\n" }
        for note in notes { note.render(into: &out, color: color) }
    }
}
