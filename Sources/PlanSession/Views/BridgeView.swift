import PlanCore
import PlanGraph

/// The waterfall of `:bridge` and `:why`: the output in the first scenario, one row per input that differs
/// (its share of the change, the running total, a floating bar), the output in the second scenario.
///
/// A row never wraps: to fit the width the view narrows the bar (to 10), then gives up the running total's
/// column, then cuts input names with `…`. Bars: `▓` a total, `█` a step that raises the output, `░` one that
/// lowers it, all on one scale from the smallest running total to the largest.
struct BridgeView {
    /// The bridge.
    let result: BridgeResult
    /// The first scenario's name (`klarna-2024`, `before`).
    let fromLabel: String
    /// The second's.
    let toLabel: String

    /// The waterfall laid out for `width` columns.
    func render(width: Int) -> String {
        let width = TextLayout.usable(width)
        let unit = result.unit
        let show = { (x: Double) in Value.format(x, unit: unit) }
        // A change of a date (`payback_month`) is an amount of time: `-8 months`, `+2.5 months`.
        let change = { (x: Double) in
            unit.isDate ? Value.format(x * Timeline.monthSeconds, unit: .atom(.month)) : show(x)
        }
        let signed = { (x: Double) in x > 0 ? "+" + change(x) : change(x) }
        let difference = result.end - result.start
        var lines = ["  \(result.output): \(fromLabel) → \(toLabel), \(signed(difference)) (\(methodText))"]
        if result.steps.isEmpty {
            lines.append("  no input that \(result.output) depends on differs")
        }
        // Rows: the start, each step with the running total after it, the end.
        var running = result.start
        var rows: [(label: String, change: String, total: String, from: Double, to: Double, isTotal: Bool)] = [
            (fromLabel, "", show(result.start), result.start, result.start, true)
        ]
        for step in result.steps {
            let before = running
            running += step.effect
            rows.append((step.input, signed(step.effect), show(running), before, running, false))
        }
        rows.append((toLabel, "", show(result.end), result.end, result.end, true))
        let low = rows.map { min($0.from, $0.to) }.min() ?? result.start
        let high = rows.map { max($0.from, $0.to) }.max() ?? result.end
        let header = ["", "change", result.output]
        let body = rows.map { [$0.label, $0.change, $0.total] }
        var widths = header.indices.map { column in ([header] + body).map { $0[column].count }.max() ?? 0 }
        func total(_ columns: [Int]) -> Int {
            TextTable.indent + columns.map { widths[$0] + TextTable.gap }.reduce(0, +)
        }
        let columns = [[0, 1, 2], [0, 1]].first { total($0) + 10 <= width } ?? [0, 1]
        if total(columns) + 10 > width { widths[0] = max(4, width - 10 - total(columns) + widths[0]) }
        let barWidth = max(10, min(Charts.barWidth, width - total(columns)))
        var table = [columns.map { header[$0] } + [String(repeating: " ", count: barWidth)]]
        for (row, texts) in zip(rows, body) {
            table.append(
                columns.map { TextLayout.truncate(texts[$0], widths[$0]) }
                    + [
                        Self.bar(
                            from: row.from, to: row.to, isTotal: row.isTotal, low: low, high: high, width: barWidth)
                    ])
        }
        var after = [
            "  ▓ total (the scale starts at \(show(low))), █ raises it, ░ lowers it; the steps sum to the difference,"
                + " \(signed(difference))"
        ]
        if result.steps.contains(where: { $0.input == Model.otherDifferences }) {
            after.append("  other differences: what no input explains (a different timeline)")
        }
        if !result.unaffected.isEmpty {
            after.append("  differ but do not reach \(result.output): " + result.unaffected.joined(separator: ", "))
        }
        let changed = result.steps.filter { $0.input != Model.otherDifferences }
        if !changed.isEmpty { after.append("  what changed:") }
        for step in changed { after.append("    \(step.input): \(step.before) → \(step.after)") }
        let prose = { (lines: [String]) in lines.map { TextLayout.fit($0, width: width) } }
        return (prose(lines) + [TextTable(table).render(width: Int.max / 2)] + prose(after)).joined(separator: "\n")
    }

    /// How the effects were found, in words.
    private var methodText: String {
        switch result.method {
        case .exact(let inputs):
            return "Shapley values over \(inputs) input\(inputs == 1 ? "" : "s"), exact"
        case .sampled(let inputs, let orders, let seed):
            return "Shapley values over \(inputs) inputs, sampled: \(orders) orders, seed \(seed)"
        }
    }

    /// One row's bar: a total from the scale's low end, a step floating between the totals around it.
    private static func bar(from: Double, to: Double, isTotal: Bool, low: Double, high: Double, width: Int) -> String {
        let span = high / 2 - low / 2
        let position = { (x: Double) -> Int in
            span > 0 ? Int((Double(width) * (x / 2 - low / 2) / span).rounded()) : 0
        }
        var cells = [Character](repeating: " ", count: width)
        if isTotal {
            for index in 0..<max(1, min(width, position(to))) { cells[index] = "▓" }
        } else {
            let start = min(position(from), position(to))
            let end = max(position(from), position(to))
            let mark: Character = to >= from ? "█" : "░"
            let first = min(start, width - 1)
            for index in first..<max(first + 1, min(width, end)) { cells[index] = mark }
        }
        return String(cells)
    }
}
