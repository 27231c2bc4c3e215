/// Fitting text to the output's width: how wide a string is, cutting it with `…`, wrapping it at blanks.
///
/// Every view takes the width it may use (`Session.width`: `COLUMNS`, else the terminal's size, else 80)
/// and lays itself out to fit, so nothing spills past the right edge. Widths count characters: the
/// symbols the views use (box drawing, blocks, arrows, `⚠`) all take one column.
public enum TextLayout {
    /// The narrowest width views lay themselves out for; a narrower terminal gets this width.
    public static let minimumWidth = 40

    /// The width to lay out for: `width`, but no less than `minimumWidth`.
    public static func usable(_ width: Int) -> Int { max(minimumWidth, width) }

    /// The columns `text` takes.
    public static func width(_ text: String) -> Int { text.count }

    /// `text` cut to at most `width` columns, ending in `…` when something was cut.
    public static func truncate(_ text: String, _ width: Int) -> String {
        guard text.count > width else { return text }
        guard width > 1 else { return width == 1 ? "…" : "" }
        return String(text.prefix(width - 1)) + "…"
    }

    /// Splits one line into pieces no wider than `first` columns (the first) and `rest` (the others).
    ///
    /// It breaks after `, ` or `; ` where it can (a record keeps its fields whole, a clause its words),
    /// else at blanks, else anywhere.
    /// Blanks at a break are dropped.
    public static func wrap(_ text: String, first: Int, rest: Int) -> [String] {
        let chars = Array(text)
        // A record (`{a: 1, b: 2}`) breaks between fields even if a line is a third full; prose only when
        // the line is three quarters full.
        let fill = chars.contains("{") ? 4 : 9  // twelfths of the line
        var lines: [String] = []
        var start = 0
        var limit = max(1, first)
        while chars.count - start > limit {
            // Break at a blank within the line: after `, ` or `; ` if that fills enough of it, else the last blank.
            var blankBreak: Int?
            var commaBreak: Int?
            var index = min(start + limit, chars.count - 1)
            while index > start {
                if chars[index] == " " {
                    if blankBreak == nil { blankBreak = index }
                    if chars[index - 1] == "," || chars[index - 1] == ";" {
                        commaBreak = index
                        break
                    }
                }
                index -= 1
            }
            var end = blankBreak ?? start + limit
            if let commaBreak, commaBreak - start >= limit * fill / 12 { end = commaBreak }
            var line = chars[start..<end]
            while line.last == " " { line = line.dropLast() }
            lines.append(String(line))
            start = end
            while start < chars.count && chars[start] == " " { start += 1 }
            limit = max(1, rest)
        }
        lines.append(String(chars[start...]))
        return lines
    }

    /// `prefix + text` wrapped to `width`, the continuation lines starting with `indent`.
    public static func wrapped(_ text: String, prefix: String, indent: String, width: Int) -> [String] {
        let pieces = wrap(text, first: width - prefix.count, rest: width - indent.count)
        return pieces.enumerated().map { index, piece in (index == 0 ? prefix : indent) + piece }
    }

    /// Every line of `text` that is wider than `width` wrapped at blanks, its continuation indented two
    /// columns past the line's own indentation (prose: notes, answers, messages).
    public static func fit(_ text: String, width: Int) -> String {
        let width = usable(width)
        guard text.split(separator: "\n", omittingEmptySubsequences: false).contains(where: { $0.count > width })
        else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line -> [String] in
            guard line.count > width else { return [String(line)] }
            let indent = String(repeating: " ", count: min(width / 2, line.prefix { $0 == " " }.count + 2))
            let body = line.drop { $0 == " " }
            let lead = String(line.prefix { $0 == " " })
            return wrapped(String(body), prefix: lead, indent: indent, width: width)
        }.joined(separator: "\n")
    }
}
