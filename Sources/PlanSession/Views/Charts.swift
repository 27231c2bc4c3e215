import PlanCore
import PlanGraph

/// Unicode charts for the views: bars with a zero axis, sparklines, histograms, heat-map shades.
enum Charts {
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

    /// A value shown briefly: a record as its fields' values (`6 min/11 min/20 min`).
    static func compact(_ value: Value) -> String {
        if case .record(let record) = value { return record.values.map(\.display).joined(separator: "/") }
        return value.display
    }

    /// A histogram as a line of block characters, one per bin.
    static func histogram(_ counts: [Int]) -> String {
        let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        guard let top = counts.max(), top > 0 else { return "" }
        return String(counts.map { count in count == 0 ? " " : blocks[min(7, count * 8 / (top + 1))] })
    }
}
