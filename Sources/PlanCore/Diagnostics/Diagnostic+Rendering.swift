/// Rendering diagnostics as text: `file:line:col: error: …`, the source line and a caret line.
///
/// On a terminal everything fits its width (#11 item 1): the message and the hint wrap at blanks, their
/// continuation lines indented (the message's by four columns, the hint's by two more than its own
/// indent); the source line is shown whole when it fits, else cut to a window around the caret with `…`
/// at the cut ends, and the caret line follows the cut, so the caret still stands under the mistake.
///
/// Without a width (stderr is a pipe or a file) a diagnostic keeps the compiler convention of SPEC §1 to
/// the letter: `file:line:col: error: message` on one line, so that editors, CI logs and `grep` read each
/// message whole (a wrapped message would split a phrase a pattern looks for); only a source line longer
/// than 200 characters is cut around the caret.
extension Diagnostic {
    /// Renders the diagnostic and its notes for a terminal `width` columns wide, or unwrapped with no
    /// width (a pipe or a file); `color` adds ANSI colours.
    public func rendered(color: Bool = false, width: Int? = nil) -> String {
        var out = ""
        render(into: &out, color: color, width: width.map { max(20, $0) })
        return out
    }

    private func render(into out: inout String, color: Bool, width: Int?) {
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
        let head = prefix + severity.rawValue + ": "
        let lines = width.map { Self.wrap(head + message, width: $0, indent: 4) } ?? [head + message]
        // The first line carries the location and severity in their colours; the rest is the message.
        let first = lines[0]
        let firstMessage = String(first.dropFirst(min(head.count, first.count)))
        out += "\(bold)\(prefix)\(reset)\(tint)\(severity.rawValue):\(reset) \(bold)\(firstMessage)\(reset)\n"
        for line in lines.dropFirst() { out += "\(bold)\(line)\(reset)\n" }
        if let file, let span { out += excerpt(file, span, tint: tint, reset: reset, width: width) }
        if let hint {
            let text = "  " + TerminalText.neutralized(hint)
            for line in width.map({ Self.wrap(text, width: $0, indent: 2) }) ?? [text] { out += line + "\n" }
        }
        for note in notes { note.render(into: &out, color: color, width: width) }
    }

    /// The source line and the caret line under the span, cut around the caret when the line is wider
    /// than `width` (without one, wider than 200 characters).
    private func excerpt(_ file: SourceFile, _ span: SourceSpan, tint: String, reset: String, width: Int?) -> String {
        let lineIndex = file.lineIndex(of: span.start)
        let lineStart = file.lineStarts[lineIndex]
        let raw = file.lineText(lineIndex)
        var line = Array(TerminalText.neutralized(raw))
        let before = String(decoding: file.bytes[lineStart..<max(lineStart, span.start)], as: UTF8.self)
        let startCol = min(TerminalText.neutralized(before).count, line.count)
        let lineEnd = lineStart + raw.utf8.count
        let endByte = max(span.start, min(span.end, lineEnd))
        let covered = String(decoding: file.bytes[min(span.start, endByte)..<endByte], as: UTF8.self)
        var caretWidth = max(1, TerminalText.neutralized(covered).count)
        var column = startCol
        guard let width else {
            return wholeExcerpt(line, startCol: startCol, caretWidth: caretWidth, tint: tint, reset: reset)
        }
        let room = width - 2
        if line.count > room {
            // A window of the line around the caret: a third of the room before it, `…` where it is cut.
            var from = max(0, min(startCol - room / 3, line.count - room))
            if from > 0 { from = min(startCol, from + 2) }
            var shown = Array(line[from...])
            var text = from > 0 ? Array("… ") : []
            let space = room - text.count
            if shown.count > space {
                shown = Array(shown.prefix(max(1, space - 2))) + Array(" …")
            }
            text += shown
            column = startCol - from + (from > 0 ? 2 : 0)
            caretWidth = max(1, min(caretWidth, room - column - (shown.last == "…" ? 2 : 0)))
            line = text
        }
        let pad = String(repeating: " ", count: column)
        let carets = "^" + String(repeating: "~", count: caretWidth - 1)
        return "  \(String(line))\n  \(pad)\(tint)\(carets)\(reset)\n"
    }

    /// The excerpt for a pipe: the whole line up to 200 characters, else 200 from 40 before the caret.
    private func wholeExcerpt(_ characters: [Character], startCol: Int, caretWidth: Int, tint: String, reset: String)
        -> String
    {
        var line = String(characters)
        let shownLimit = 200
        var width = caretWidth
        var offset = 0
        if characters.count > shownLimit {
            offset = max(0, startCol - 40)
            line = String(characters.dropFirst(offset).prefix(shownLimit)) + " …"
            if offset > 0 { line = "… " + line }
            width = min(width, shownLimit - 40)
        }
        let pad = String(repeating: " ", count: startCol - offset + (offset > 0 ? 2 : 0))
        let carets = "^" + String(repeating: "~", count: width - 1)
        return "  \(line)\n  \(pad)\(tint)\(carets)\(reset)\n"
    }

    /// `text` wrapped at blanks to `width` columns, each line of it on its own (a hint may hold several),
    /// continuation lines indented by `indent` more than the line's own leading blanks.
    ///
    /// A code span in backticks is kept on one line when it takes at most half the width (`` `5 min` `` is
    /// never split); a word wider than a line (a long path) gets a line of its own and is never cut, so
    /// that it can be copied whole.
    static func wrap(_ text: String, width: Int, indent: Int) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line in
            wrapLine(String(line), width: width, indent: indent)
        }
    }

    private static func wrapLine(_ line: String, width: Int, indent: Int) -> [String] {
        guard line.count > width else { return [line] }
        let lead = line.prefix { $0 == " " }.count
        let continuation = String(repeating: " ", count: min(lead + indent, width / 2))
        var lines: [String] = []
        var current = String(repeating: " ", count: lead)
        var hasWord = false
        for word in words(of: String(line.dropFirst(lead)), longest: width / 2) {
            if hasWord && current.count + 1 + word.count > width {
                lines.append(current)
                current = continuation
                hasWord = false
            }
            current += (hasWord ? " " : "") + word
            hasWord = true
        }
        lines.append(current)
        return lines
    }

    /// The blank-separated words of a line, the words of a code span in backticks joined again when the
    /// span is at most `longest` characters.
    private static func words(of text: String, longest: Int) -> [String] {
        var words: [String] = []
        var span: [String] = []
        for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            let ticks = word.filter { $0 == "`" }.count
            if span.isEmpty {
                if ticks % 2 == 1 { span = [word] } else { words.append(word) }
                continue
            }
            span.append(word)
            if ticks % 2 == 1 {
                let joined = span.joined(separator: " ")
                if joined.count <= longest { words.append(joined) } else { words += span }
                span = []
            }
        }
        return words + span
    }
}
