import PlanCore
import PlanGraph

/// The tornado chart of `:sensitivity`: one row per input, widest swing first, with a bar around the
/// baseline (`░` towards the objective with the input low, `█` with it high).
///
/// A row never wraps. To fit the width the view gives up, in order: bar columns beyond 12 (bars are at
/// most 31 with the baseline), the `low → high` column, the `swing` column; then it cuts long input names with `…`.
struct TornadoView {
    /// The analysis.
    let result: SensitivityResult

    /// The chart laid out for `width` columns.
    func render(width: Int) -> String {
        let width = TextLayout.usable(width)
        guard case .number(let base, let unit) = result.baseline else { return "" }
        let hasMonths = result.bars.contains { if case .months = $0.kind { true } else { false } }
        var lines = [
            "  sensitivity of \(result.objective) (now \(result.baseline.display)): each input swings on its own,"
                + " the others held",
            "  ranges swing from their 5th to 95th percentile, point inputs by ±10%"
                + (hasMonths ? " (a delay by whole months)" : "") + ", a record tier by tier;"
                + " ░ input low, █ input high",
        ]
        if result.bars.isEmpty {
            lines.append("  no input moves \(result.objective)")
            return lines.map { TextLayout.fit($0, width: width) }.joined(separator: "\n")
        }
        var low = base
        var high = base
        for bar in result.bars {
            for end in [Charts.number(bar.outputLow), Charts.number(bar.outputHigh)].compactMap({ $0 }) {
                low = min(low, end)
                high = max(high, end)
            }
        }
        // The text columns: input, swing, low → high, at low, at high.
        let header = ["input", "swing", "low → high", "at low", "at high"]
        let body = result.bars.map { bar in
            [
                bar.input + (bar.clipped ? "†" : ""),
                bar.kind.label + (bar.renormalised ? "*" : ""),
                Charts.compact(bar.low) + " → " + Charts.compact(bar.high), Charts.text(bar.outputLow),
                Charts.text(bar.outputHigh),
            ]
        }
        var widths = header.indices.map { column in ([header] + body).map { $0[column].count }.max() ?? 0 }
        func total(_ columns: [Int]) -> Int {
            TextTable.indent + columns.map { widths[$0] + TextTable.gap }.reduce(0, +)
        }
        // The most columns that leave a bar of 12; on a very narrow screen, only the inputs with cut names.
        let choices = [[0, 1, 2, 3, 4], [0, 1, 3, 4], [0, 3, 4], [0]]
        let columns = choices.first { total($0) + 12 <= width } ?? [0]
        if total(columns) + 10 > width { widths[0] = max(4, width - 10 - TextTable.indent - TextTable.gap) }
        let barWidth = max(10, min(Charts.barWidth + 1, width - total(columns)))
        var rows = [columns.map { header[$0] } + [TextLayout.truncate("Δ \(result.objective)", barWidth)]]
        var notes: [String] = []
        for (bar, texts) in zip(result.bars, body) {
            rows.append(
                columns.map { TextLayout.truncate(texts[$0], widths[$0]) }
                    + [Self.bar(bar, base: base, low: low, high: high, width: barWidth)])
            for cell in [bar.outputLow, bar.outputHigh] {
                // Both ends refused for one reason: said once.
                if case .failure(let error) = cell, !notes.contains("  \(bar.input): \(error.message)") {
                    notes.append("  \(bar.input): \(error.message)")
                }
            }
        }
        var after = [
            "  bars span \(Value.format(low, unit: unit)) … \(Value.format(high, unit: unit)); │ is the baseline"
        ]
        if let mix = result.bars.first(where: \.renormalised) {
            let cell = mix.input.split(separator: ".").first.map(String.init) ?? mix.input
            after.append(
                "  * \(cell) sums to 100%: each of its fields swings against the others, rescaled in proportion")
        }
        let clipped = result.bars.filter(\.clipped).map(\.input)
        if !clipped.isEmpty {
            after.append(
                "  † swing cut to the input's valid range (`within`): " + clipped.joined(separator: ", "))
        }
        if !result.unaffected.isEmpty {
            after.append("  no effect: " + result.unaffected.joined(separator: ", "))
        }
        // The rows fit by construction and are never wrapped; the prose around them is.
        let prose = { (lines: [String]) in lines.map { TextLayout.fit($0, width: width) } }
        return (prose(lines) + [TextTable(rows).render(width: Int.max / 2)] + prose(after + notes))
            .joined(separator: "\n")
    }

    /// One row's bar, `width` characters with the baseline `│` where the baseline falls on the scale.
    private static func bar(_ bar: SensitivityBar, base: Double, low: Double, high: Double, width: Int) -> String {
        let width = width - 1
        // On halves: `high − low` and `value − base` may exceed the largest double (exact otherwise).
        let leftWidth =
            high > low ? Int((Double(width) * (base / 2 - low / 2) / (high / 2 - low / 2)).rounded()) : width / 2
        let rightWidth = width - leftWidth
        let scale = high > low ? Double(width) / 2 / (high / 2 - low / 2) : 0
        var left = [Character](repeating: " ", count: leftWidth)
        var right = [Character](repeating: " ", count: rightWidth)
        // The longer segment first, so the shorter one shows on top when both go the same way.
        var segments: [(Double, Character)] = []
        if let value = Charts.number(bar.outputLow) { segments.append((value / 2 - base / 2, "░")) }
        if let value = Charts.number(bar.outputHigh) { segments.append((value / 2 - base / 2, "█")) }
        segments.sort { abs($0.0) > abs($1.0) }
        for (delta, mark) in segments where delta != 0 {
            let cells = max(1, Int((abs(delta) * scale * 2).rounded()))
            if delta < 0 {
                for index in max(0, leftWidth - cells)..<leftWidth { left[index] = mark }
            } else {
                for index in 0..<min(rightWidth, cells) { right[index] = mark }
            }
        }
        return String(left) + "│" + String(right)
    }
}
