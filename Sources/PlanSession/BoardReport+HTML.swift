import PlanCharts

/// The board report as one self-contained HTML page: inline CSS and SVG, no script, no network.
extension BoardReport {
    /// The page, laid out for a screen and for print (A4).
    public func html() -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(Self.escape(title))</title>\n<style>\n\(Self.css)</style>\n</head>\n<body>\n<main>\n"
        out += "<header>\n<h1>\(Self.escape(title))</h1>\n"
        if let summary { out += "<p class=\"lede\">\(Self.escape(summary))</p>\n" }
        out += "<p class=\"meta\">\(Self.escape(prepared))</p>\n</header>\n"
        out += headlineHTML()
        out += alertsHTML()
        if let tiers {
            out +=
                "<section class=\"keep\" id=\"tiers\">\n"
                + "<h2>Per tier: where AI takes the work, and CSAT beside the blend"
                + (tiersMonth.map { " (" + Self.escape($0) + ")" } ?? "") + "</h2>\n"
            out += Self.tableHTML(tiers, className: "tiers")
            if let note = tiers.flagNote { out += "<p class=\"note\">\(Self.escape(note))</p>\n" }
            out += "</section>\n"
        }
        out += timelineHTML()
        out += "<section class=\"keep\" id=\"tornado\">\n<h2>Sensitivity</h2>\n"
        if let tornado {
            out += "<figure class=\"chart\">\n" + SVGRenderer(idPrefix: "tornado").svg(tornado)
            out += "\n</figure>\n"
        } else {
            out += "<p class=\"note\">\(Self.escape(tornadoMissing ?? "no tornado"))</p>\n"
        }
        out += "</section>\n"
        if let comparison {
            out += "<section id=\"scenarios\">\n<h2>Scenarios compared</h2>\n<div class=\"scroll\">\n"
            out += Self.tableHTML(comparison, className: "comparison") + "</div>\n"
            if !comparisonAlerts.isEmpty {
                out += "<ul class=\"plain\">\n"
                for line in comparisonAlerts { out += "<li>Alerts in \(Self.escape(line))</li>\n" }
                out += "</ul>\n"
            }
            out += "</section>\n"
        }
        out += inputsHTML()
        out += "<footer>\n"
        for note in notes { out += "<p>\(Self.escape(note))</p>\n" }
        out += "</footer>\n</main>\n</body>\n</html>\n"
        return out
    }

    /// The plan month by month: its figures as cards, the year table, the charts.
    private func timelineHTML() -> String {
        guard let timeline else { return "" }
        var out = "<section id=\"timeline\">\n<h2>The plan month by month</h2>\n"
        out += "<p class=\"note\">\(Self.escape(Self.sentence("timeline " + timeline.span)))</p>\n"
        if !timeline.figures.isEmpty { out += Self.figuresHTML(timeline.figures) }
        if let years = timeline.years {
            out += "<h3>By year</h3>\n" + Self.tableHTML(years, className: "years")
            out += "<p class=\"note\">Flows are summed over the year's months; stocks are at its last month.</p>\n"
        }
        for (index, chart) in timeline.charts.enumerated() {
            out += "<figure class=\"chart keep\">\n" + SVGRenderer(idPrefix: "timeline\(index)").svg(chart)
            out += "\n</figure>\n"
        }
        return out + "</section>\n"
    }

    /// The headline figures as cards.
    private func headlineHTML() -> String {
        var out = "<section class=\"keep\" id=\"headline\">\n<h2>Headline</h2>\n"
        if let headlineMonth { out += "<p class=\"note\">\(Self.escape(headlineMonth))</p>\n" }
        if headline.isEmpty {
            out += "<p class=\"note\">No headline outputs: `watch` the cells that matter.</p>\n</section>\n"
            return out
        }
        return out + Self.figuresHTML(headline) + "</section>\n"
    }

    /// Figures as cards: label, value, note and the cells they come from.
    private static func figuresHTML(_ figures: [Figure]) -> String {
        var out = "<div class=\"figures\">\n"
        for figure in figures {
            out += "<div class=\"figure\(figure.warning ? " warning" : "")\">"
            out += "<div class=\"label\">\(escape(figure.label))</div>"
            out += "<div class=\"value\">\(escape(figure.value))</div>"
            if let note = figure.note { out += "<div class=\"note\">\(escape(note))</div>" }
            out += "<div class=\"cells\">" + figure.cells.map { "<code>\(escape($0))</code>" }.joined(separator: " ")
            out += "</div></div>\n"
        }
        return out + "</div>\n"
    }

    /// The alerts that are on, or a line saying none is, with the rules that were checked.
    private func alertsHTML() -> String {
        var out = "<section class=\"keep\" id=\"alerts\">\n<h2>Alerts</h2>\n"
        if alerts.isEmpty {
            out += "<p class=\"ok\">No alert is on.</p>\n"
        } else {
            out += "<ul class=\"alerts\">\n"
            for alert in alerts {
                out += "<li><span class=\"sign\">⚠</span> \(Self.escape(Self.sentence(alert)))</li>\n"
            }
            out += "</ul>\n"
        }
        if !alertsOff.isEmpty {
            out += "<p class=\"note\">Also checked, and not on: "
            out += alertsOff.map { Self.escape($0) }.joined(separator: "; ") + ".</p>\n"
        }
        return out + "</section>\n"
    }

    /// Every input with its value and source.
    private func inputsHTML() -> String {
        var out = "<section id=\"inputs\">\n<h2>Inputs and their sources</h2>\n"
        out +=
            "<table class=\"inputs\">\n<thead><tr><th>input</th><th>value</th><th>source</th></tr></thead>\n<tbody>\n"
        for input in inputs {
            let value =
                input.fields.isEmpty
                ? Self.escape(input.value)
                : input.fields.map { Self.escape($0) }.joined(separator: "<br>")
            out += "<tr><td><code>\(Self.escape(input.name))</code></td><td class=\"value\">\(value)"
            if let distribution = input.distribution {
                out += "<div class=\"dist\">\(Self.escape(distribution))</div>"
            }
            out += "</td><td class=\"source\">"
            out +=
                input.source.isEmpty
                ? "<span class=\"missing\">no source given</span>"
                : Self.escape(input.source.joined(separator: " "))
            out += "</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    /// A table with its headings (and the cells they come from), summary and section rows, flagged cells.
    private static func tableHTML(_ table: Table, className: String) -> String {
        var out = "<table class=\"\(className)\">\n<thead><tr>"
        for (index, column) in table.columns.enumerated() {
            let cell = index < table.columnCells.count ? table.columnCells[index] : ""
            out += "<th>\(escape(column))" + (cell.isEmpty ? "" : "<span class=\"cell\">\(escape(cell))</span>")
            out += "</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            switch row.kind {
            case .section:
                out += "<tr class=\"section\"><td colspan=\"\(table.columns.count)\">"
                out += escape(row.cells.first ?? "") + "</td></tr>\n"
                continue
            case .summary: out += "<tr class=\"summary\">"
            case .plain: out += "<tr>"
            }
            for (index, cell) in row.cells.enumerated() {
                if row.flagged.contains(index) {
                    out += "<td class=\"flag\">▼ \(escape(cell))</td>"
                } else {
                    out += "<td>\(escape(cell))</td>"
                }
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    /// Text escaped for HTML.
    static func escape(_ text: String) -> String { SVG.escape(text) }

    /// A message as a sentence: a capital first letter and a full stop.
    static func sentence(_ text: String) -> String {
        guard let first = text.first else { return text }
        let body = first.uppercased() + text.dropFirst()
        return body.hasSuffix(".") || body.hasSuffix("!") || body.hasSuffix("?") ? body : body + "."
    }

    /// The page's style: readable on a screen, A4 in print, numbers in tabular figures.
    static let css = """
        :root { color-scheme: light; }
        body { margin: 0; background: #eef0f3; color: #1a1a1a;
          font: 15px/1.45 Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif; }
        main { max-width: 980px; margin: 0 auto; padding: 28px 36px 36px; background: #ffffff; }
        h1 { font-size: 28px; margin: 0 0 6px; }
        h2 { font-size: 19px; margin: 30px 0 12px; padding-bottom: 4px; border-bottom: 2px solid #1b3a5c; }
        .lede { font-size: 17px; margin: 0 0 6px; color: #333; }
        .meta, .note, footer { color: #555; font-size: 13px; }
        .meta { margin: 0; }
        code { font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: 12px; color: #555; }
        .figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(215px, 1fr)); gap: 12px; }
        .figure { border: 1px solid #cfd6de; border-left: 6px solid #1b3a5c; border-radius: 3px; padding: 10px 12px; }
        .figure.warning { border-left-color: #a00000; }
        .figure .label { font-weight: bold; font-size: 13px; color: #333; }
        .figure .value { font-weight: bold; font-size: 21px; margin: 2px 0 4px; font-variant-numeric: tabular-nums; }
        .figure.warning .value { color: #a00000; }
        .figure .note { font-size: 12.5px; }
        ul.alerts { list-style: none; padding: 0; margin: 0 0 8px; }
        ul.alerts li { border: 2px solid #a00000; background: #fff4f2; padding: 8px 12px; margin: 0 0 6px;
          font-weight: bold; }
        ul.alerts .sign { color: #a00000; }
        .ok { font-weight: bold; }
        ul.plain { padding-left: 20px; font-size: 13px; color: #333; }
        table { border-collapse: collapse; width: 100%; font-size: 14px; font-variant-numeric: tabular-nums; }
        th, td { padding: 5px 8px; border-bottom: 1px solid #dde1e6; text-align: right; vertical-align: top; }
        th:first-child, td:first-child { text-align: left; }
        thead th { border-bottom: 2px solid #1b3a5c; font-size: 13px; vertical-align: bottom; }
        th .cell { display: block; font-weight: normal; color: #777; font-size: 11px;
          font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; }
        tr.summary td { font-weight: bold; border-top: 2px solid #1b3a5c; background: #f2f5f8; }
        tr.section td { font-weight: bold; background: #e9eef3; text-align: left; }
        td.flag { font-weight: bold; color: #a00000; }
        .scroll { overflow-x: auto; }
        table.tiers td:first-child { white-space: nowrap; }
        table.inputs td, table.inputs th { text-align: left; }
        table.inputs td.value { font-weight: bold; white-space: nowrap; }
        table.inputs td.value .dist { font-weight: normal; font-size: 12px; color: #555; white-space: normal; }
        table.inputs td.source { font-size: 13px; color: #333; }
        .missing { color: #a00000; font-style: italic; }
        figure.chart { margin: 0; }
        figure.chart svg { width: 100%; height: auto; }
        footer { margin-top: 28px; border-top: 1px solid #dde1e6; }
        @page { size: A4; margin: 12mm; }
        @media print {
          body { background: #ffffff; font-size: 12px; }
          main { max-width: none; padding: 0; }
          section.keep { break-inside: avoid; }
          .figures { grid-template-columns: repeat(4, 1fr); gap: 8px; }
          .figure .value { font-size: 17px; }
          h2 { break-after: avoid; }
          tr { break-inside: avoid; }
        }

        """
}
