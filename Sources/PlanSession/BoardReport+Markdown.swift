import PlanCharts
import PlanCore

/// The board report in Markdown: the same sections as the HTML page, as lines that read well in a text
/// editor too (prose wrapped at 100 columns, short tables, the tornado as a table of its bars).
extension BoardReport {
    /// The widest line of prose.
    static let markdownWidth = 100

    /// The report as Markdown.
    public func markdown() -> String {
        var lines = ["# " + Self.inline(title), ""]
        if let summary { lines += Self.wrap(Self.inline(summary)) + [""] }
        lines += Self.wrap("_" + Self.inline(prepared) + "_") + [""]
        lines += ["## Headline", ""]
        if let headlineMonth { lines += Self.wrap(Self.inline(headlineMonth)) + [""] }
        if headline.isEmpty { lines += ["No headline outputs: `watch` the cells that matter.", ""] }
        for figure in headline {
            var text = "**" + Self.inline(figure.label) + ": " + Self.inline(figure.value) + "**"
            if let note = figure.note { text += " — " + Self.inline(note) }
            text += " (" + figure.cells.map { "`\($0)`" }.joined(separator: ", ") + ")"
            lines += Self.wrap(text, first: "- ", rest: "  ")
        }
        lines += ["", "## Alerts", ""]
        if alerts.isEmpty { lines += ["No alert is on."] }
        for alert in alerts {
            lines += Self.wrap("⚠ **" + Self.inline(Self.sentence(alert)) + "**", first: "- ", rest: "  ")
        }
        if !alertsOff.isEmpty {
            lines +=
                [""]
                + Self.wrap(
                    "Also checked, and not on: " + alertsOff.map { Self.inline($0) }.joined(separator: "; ") + ".")
        }
        if let tiers {
            lines += [
                "",
                "## Per tier: where AI takes the work, and CSAT beside the blend"
                    + (tiersMonth.map { " (" + Self.inline($0) + ")" } ?? ""), "",
            ]
            lines += Self.tableMarkdown(tiers)
            if let note = tiers.flagNote { lines += ["", Self.inline(note)] }
        }
        lines += timelineMarkdown()
        lines += ["", "## Sensitivity", ""]
        lines += tornadoMarkdown()
        if let comparison {
            lines += ["", "## Scenarios compared", ""]
            lines += Self.tableMarkdown(comparison)
            if !comparisonAlerts.isEmpty { lines.append("") }
            for line in comparisonAlerts {
                lines += Self.wrap("Alerts in " + Self.inline(line), first: "- ", rest: "  ")
            }
        }
        lines += ["", "## Inputs and their sources", ""]
        for input in inputs {
            var text = "`\(input.name)` = **" + Self.inline(input.value) + "**"
            if let distribution = input.distribution { text += " (" + Self.inline(distribution) + ")" }
            text +=
                " — " + (input.source.isEmpty ? "_no source given_" : Self.inline(input.source.joined(separator: " ")))
            lines += Self.wrap(text, first: "- ", rest: "  ")
        }
        lines.append("")
        for note in notes { lines += Self.wrap("_" + Self.inline(note) + "_") + [""] }
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The plan month by month: its figures, the year table, and what the HTML report charts.
    private func timelineMarkdown() -> [String] {
        guard let timeline else { return [] }
        var lines = ["", "## The plan month by month", ""]
        lines += Self.wrap(Self.inline(Self.sentence("timeline " + timeline.span))) + [""]
        for figure in timeline.figures {
            var text = "**" + Self.inline(figure.label) + ": " + Self.inline(figure.value) + "**"
            if let note = figure.note { text += " — " + Self.inline(note) }
            text += " (" + figure.cells.map { "`\($0)`" }.joined(separator: ", ") + ")"
            lines += Self.wrap(text, first: "- ", rest: "  ")
        }
        if let years = timeline.years {
            lines += ["", "By year (flows summed over the year's months, stocks at its last month):", ""]
            lines += Self.tableMarkdown(years)
        }
        if !timeline.charts.isEmpty {
            lines += [""]
            lines += Self.wrap(
                "Charted by month in the HTML report (and by `:timeline` in the terminal): "
                    + timeline.charts.map { Self.inline($0.title) }.joined(separator: "; ") + ".")
        }
        return lines
    }

    /// The tornado as a table: per input, how it swings and the objective at each end.
    private func tornadoMarkdown() -> [String] {
        guard let tornado, let panel = tornado.panels.first, case .tornado(let plot) = panel.plot else {
            return [Self.inline(tornadoMissing ?? "No tornado.")]
        }
        let numbers = ChartNumbers(plot.axis.unit)
        var lines = Self.wrap(
            Self.inline(tornado.title) + ", now " + numbers.full(plot.baseline) + ". "
                + Self.inline(tornado.subtitle.map(Self.sentence) ?? ""))
        lines.append("")
        let name = plot.axis.label
        let table = Table(
            columns: ["input", "swing", "\(name), input low", "\(name), input high", "difference"],
            columnCells: [],
            rows: plot.rows.map { row in
                Table.Row(cells: [
                    "`\(row.label)`", row.detail, row.low.map(numbers.full) ?? "–", row.high.map(numbers.full) ?? "–",
                    numbers.full(row.swing(baseline: plot.baseline)),
                ])
            })
        lines += Self.tableMarkdown(table, code: true)
        for note in tornado.notes { lines += [""] + Self.wrap(Self.inline(note)) }
        return lines
    }

    /// A Markdown table: the first column left-aligned, the others right-aligned; summary rows in bold.
    private static func tableMarkdown(_ table: Table, code: Bool = false) -> [String] {
        let cell = { (text: String) -> String in code && text.hasPrefix("`") ? text : inline(text, inTable: true) }
        var lines = ["| " + table.columns.map(cell).joined(separator: " | ") + " |"]
        lines.append("|" + table.columns.indices.map { $0 == 0 ? ":---|" : "---:|" }.joined())
        for row in table.rows {
            var cells = row.cells.map(cell)
            for index in row.flagged where index < cells.count { cells[index] = "▼ **" + cells[index] + "**" }
            switch row.kind {
            case .section:
                cells = ["**" + (cells.first ?? "") + "**"]
            case .summary:
                cells = cells.map { $0.isEmpty ? $0 : "**" + $0 + "**" }
            case .plain: break
            }
            while cells.count < table.columns.count { cells.append("") }
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines
    }

    /// Text with Markdown's active characters escaped.
    ///
    /// Escaped: `*`, `[`, `]`, `<`, `>`, `#`, a backquote, a backslash, and `|` in a table cell.
    /// Underscores inside words are left alone: GitHub and CommonMark leave `net_value` as is.
    static func inline(_ text: String, inTable: Bool = false) -> String {
        var out = ""
        for char in text {
            switch char {
            case "\\", "*", "[", "]", "<", ">", "`", "#": out += "\\" + String(char)
            case "|" where inTable: out += "\\|"
            case "\n": out += " "
            default: out.append(char)
            }
        }
        return out
    }

    /// Prose wrapped at `markdownWidth` columns at spaces, the first line after `first`, the rest after `rest` (an
    /// empty text is the bare `first`).
    static func wrap(_ text: String, first: String = "", rest: String = "") -> [String] {
        let lines = WordWrap.lines(text, width: markdownWidth, first: first, rest: rest)
        return lines.isEmpty ? [first] : lines
    }
}
