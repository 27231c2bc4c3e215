import PlanCore
import PlanGraph

/// Unicode charts for the what-if commands: bars with a zero axis, a tornado, a heat map.
enum WhatIfCharts {
    /// The width of a bar chart column, in characters.
    static let barWidth = 30

    /// Left-aligned partial blocks, one to seven eighths of a cell.
    private static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// A horizontal bar for `value` on a scale from `low` to `high` that includes zero, exactly `width`
    /// characters wide: positive values grow right from the zero axis (to an eighth of a cell), negative
    /// ones grow left; `│` marks the axis when the scale spans both signs.
    static func bar(_ value: Double, low: Double, high: Double, width: Int = barWidth) -> String {
        let low = min(low, 0)
        let high = max(high, 0)
        guard value.isFinite, high > low else { return String(repeating: " ", count: width) }
        let scale = Double(width) / (high - low)
        // The axis on a cell boundary: bars start there whole and end in a partial cell.
        let axis = (-low * scale).rounded()
        let start = value >= 0 ? axis : axis + value * scale
        let end = value >= 0 ? axis + value * scale : axis
        var cells = [Character](repeating: " ", count: width)
        for index in 0..<width {
            let cover = min(end, Double(index + 1)) - max(start, Double(index))
            if cover >= 0.94 {
                cells[index] = "█"
            } else if cover > 0 {
                if value >= 0 {
                    cells[index] = eighths[max(0, min(6, Int((cover * 8).rounded()) - 1))]
                } else {
                    cells[index] = cover >= 0.5 ? "▐" : "▕"
                }
            }
        }
        let column = max(0, min(width - 1, Int(axis)))
        if value > 0 && cells[column] == " " { cells[column] = "▏" }
        if value < 0 && column > 0 && cells[column - 1] == " " { cells[column - 1] = "▕" }
        if low < 0 && high > 0 && cells[column] == " " { cells[column] = "│" }
        return String(cells)
    }

    /// A sparkline of values (`▁▂▃▄▅▆▇█`), a space where a value is missing.
    static func sparkline(_ values: [Double?]) -> String {
        let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        let finite = values.compactMap { $0 }.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return "" }
        return String(
            values.map { value -> Character in
                guard let value, value.isFinite else { return " " }
                if high == low { return blocks[3] }
                return blocks[min(7, Int(fraction(value, low: low, high: high) * 7.999))]
            })
    }

    /// A heat-map character for a value between `low` and `high` (` ░▒▓█`, light to dark).
    static func shade(_ value: Double?, low: Double, high: Double) -> String {
        let shades = ["·", "░", "▒", "▓", "█"]
        guard let value, value.isFinite else { return "  " }
        let level = high > low ? min(4, Int(fraction(value, low: low, high: high) * 4.999)) : 2
        return String(repeating: shades[level], count: 2)
    }

    /// `(value − low) / (high − low)` computed on halves, so that it cannot overflow for finite inputs
    /// (`high − low` exceeds the largest double when the range spans −1e308 to 1e308); exact otherwise.
    static func fraction(_ value: Double, low: Double, high: Double) -> Double {
        (value / 2 - low / 2) / (high / 2 - low / 2)
    }

    /// The number in a sweep cell, when it holds one.
    static func number(_ cell: SweepCell) -> Double? {
        guard case .success(.number(let value, _)) = cell, value.isFinite else { return nil }
        return value
    }

    /// The text of a sweep cell: its value, or `–` when it failed.
    static func text(_ cell: SweepCell) -> String {
        switch cell {
        case .success(let value): return value.display
        case .failure: return "–"
        }
    }

    /// The tornado chart of a sensitivity analysis: one row per input, widest swing first, with a bar
    /// around the baseline (`░` towards the objective with the input low, `█` with it high).
    static func tornado(_ result: SensitivityResult, width: Int = 30) -> String {
        guard case .number(let base, let unit) = result.baseline else { return "" }
        var lines = [
            "  sensitivity of \(result.objective) (now \(result.baseline.display)): each input swings on its own,"
                + " the others held",
            "  ranges swing from their 5th to 95th percentile, point inputs by ±10%; ░ input low, █ input high",
        ]
        if result.bars.isEmpty {
            lines.append("  no input moves \(result.objective)")
            return lines.joined(separator: "\n")
        }
        var low = base
        var high = base
        for bar in result.bars {
            for end in [number(bar.outputLow), number(bar.outputHigh)].compactMap({ $0 }) {
                low = min(low, end)
                high = max(high, end)
            }
        }
        // On halves: `high − low` and `value − base` may exceed the largest double (exact otherwise).
        let leftWidth =
            high > low ? Int((Double(width) * (base / 2 - low / 2) / (high / 2 - low / 2)).rounded()) : width / 2
        let rightWidth = width - leftWidth
        let scale = high > low ? Double(width) / 2 / (high / 2 - low / 2) : 0
        var rows: [[String]] = [["input", "swing", "low → high", "at low", "at high", "Δ \(result.objective)"]]
        var notes: [String] = []
        for bar in result.bars {
            var left = [Character](repeating: " ", count: leftWidth)
            var right = [Character](repeating: " ", count: rightWidth)
            // The longer segment first, so the shorter one shows on top when both go the same way.
            var segments: [(Double, Character)] = []
            if let value = number(bar.outputLow) { segments.append((value / 2 - base / 2, "░")) }
            if let value = number(bar.outputHigh) { segments.append((value / 2 - base / 2, "█")) }
            segments.sort { abs($0.0) > abs($1.0) }
            for (delta, mark) in segments where delta != 0 {
                let cells = max(1, Int((abs(delta) * scale * 2).rounded()))
                if delta < 0 {
                    for index in max(0, leftWidth - cells)..<leftWidth { left[index] = mark }
                } else {
                    for index in 0..<min(rightWidth, cells) { right[index] = mark }
                }
            }
            let swing = bar.kind == .range ? "p5–p95" : "±10%"
            rows.append([
                bar.input, swing, compact(bar.low) + " → " + compact(bar.high), text(bar.outputLow),
                text(bar.outputHigh), String(left) + "│" + String(right),
            ])
            for cell in [bar.outputLow, bar.outputHigh] {
                if case .failure(let error) = cell { notes.append("  \(bar.input): \(error.message)") }
            }
        }
        lines.append(TextTable.render(rows))
        lines.append(
            "  bars span \(Value.format(low, unit: unit)) … \(Value.format(high, unit: unit)); │ is the baseline")
        if !result.unaffected.isEmpty {
            lines.append("  no effect: " + result.unaffected.joined(separator: ", "))
        }
        return (lines + notes).joined(separator: "\n")
    }

    /// A value shown briefly: a record as its fields' values (`6 min/11 min/20 min`).
    static func compact(_ value: Value) -> String {
        if case .record(let record) = value { return record.values.map(\.display).joined(separator: "/") }
        return value.display
    }
}
