import PlanCore

/// Terminal charts over months: a line in braille dots (`:timeline`) and a fan, the p5–p95 band in `░` with the
/// median in `━` (`:simulate` of a series).
///
/// Both have the same frame, fitted to the width: the highest and lowest values (in the cell's unit) on a
/// left axis, the plot, and month labels under an axis line (`2024-01`, every 1, 2, 3, 6 or 12 months as
/// they fit). Values are drawn month by month whatever the view's rows are (months or quarters), joined by
/// straight lines.
enum TimelineCharts {
    /// Text rows of a line chart (four dots a row).
    static let lineRows = 4
    /// Text rows of a fan chart.
    static let fanRows = 7

    /// A line chart of monthly values (base units, NaN where a month failed) at most `width` columns wide.
    static func line(_ values: [Double], unit: Unit, months: [String], width: Int) -> [String] {
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return [] }
        let frame = Frame(low: low, high: high, unit: unit, width: width)
        let dotColumns = frame.plotWidth * 2
        let dotRows = lineRows * 4
        var dots = [[Bool]](repeating: [Bool](repeating: false, count: dotColumns), count: dotRows)
        var previous: Int?
        for column in 0..<dotColumns {
            guard let value = interpolate(values, at: column, of: dotColumns), value.isFinite else {
                previous = nil
                continue
            }
            let row = frame.row(value, rows: dotRows)
            let from = previous.map { $0 < row ? $0 + 1 : row } ?? row
            let to = previous.map { $0 > row ? $0 - 1 : row } ?? row
            for filled in min(from, to)...max(from, to) { dots[filled][column] = true }
            dots[row][column] = true
            previous = row
        }
        let rows = (0..<lineRows).map { textRow in
            String(
                (0..<frame.plotWidth).map { cell -> Character in
                    var bits = 0
                    let marks = [
                        (0, 0, 0x01), (1, 0, 0x02), (2, 0, 0x04), (3, 0, 0x40), (0, 1, 0x08), (1, 1, 0x10),
                        (2, 1, 0x20), (3, 1, 0x80),
                    ]
                    for (dy, dx, bit) in marks where dots[textRow * 4 + dy][cell * 2 + dx] { bits |= bit }
                    return bits == 0 ? " " : Character(UnicodeScalar(0x2800 + bits) ?? " ")
                })
        }
        return frame.draw(rows, months: months, labels: frame.labels(rows: lineRows, dotsPerRow: 4))
    }

    /// A fan chart: per month the band from p5 to p95 and the median, at most `width` columns wide.
    static func fan(p5: [Double], p50: [Double], p95: [Double], unit: Unit, months: [String], width: Int)
        -> [String]
    {
        let finite = (p5 + p50 + p95).filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return [] }
        let frame = Frame(low: low, high: high, unit: unit, width: width)
        var grid = [[Character]](repeating: [Character](repeating: " ", count: frame.plotWidth), count: fanRows)
        for column in 0..<frame.plotWidth {
            if let bottom = interpolate(p5, at: column, of: frame.plotWidth),
                let top = interpolate(p95, at: column, of: frame.plotWidth), bottom.isFinite, top.isFinite
            {
                for row in frame.row(max(top, bottom), rows: fanRows)...frame.row(min(top, bottom), rows: fanRows) {
                    grid[row][column] = "░"
                }
            }
            if let median = interpolate(p50, at: column, of: frame.plotWidth), median.isFinite {
                grid[frame.row(median, rows: fanRows)][column] = "━"
            }
        }
        return frame.draw(grid.map { String($0) }, months: months, labels: frame.labels(rows: fanRows, dotsPerRow: 1))
    }

    /// The value at `column` of `columns` spread evenly over the months, joined by straight lines; nil where
    /// a month it lies between is missing.
    static func interpolate(_ values: [Double], at column: Int, of columns: Int) -> Double? {
        guard !values.isEmpty else { return nil }
        guard values.count > 1, columns > 1 else { return values[0] }
        let position = Double(column) / Double(columns - 1) * Double(values.count - 1)
        let below = min(values.count - 1, Int(position.rounded(.down)))
        let above = min(values.count - 1, below + 1)
        let share = position - Double(below)
        let (a, b) = (values[below], values[above])
        guard a.isFinite, b.isFinite else { return share < 0.5 ? a : b }
        return a + (b - a) * share
    }

    /// The frame around a plot: the value axis on the left and the months below.
    struct Frame {
        let low: Double
        let high: Double
        let topLabel: String
        let bottomLabel: String
        let zeroLabel: String
        /// True when every value is the same (drawn as a flat line mid-height, labelled once).
        let flat: Bool
        let labelWidth: Int
        let plotWidth: Int

        init(low: Double, high: Double, unit: Unit, width: Int) {
            // A flat line sits in the middle of a band one unit either side.
            flat = !(high > low)
            let spread = flat ? max(1, abs(high) * 0.1) : 0
            self.low = low - spread
            self.high = high + spread
            topLabel = Value.format(high, unit: unit)
            bottomLabel = Value.format(low, unit: unit)
            zeroLabel = Value.format(0, unit: unit)
            labelWidth = max(topLabel.count, bottomLabel.count, low < 0 && high > 0 ? zeroLabel.count : 0)
            // Two of indent, the labels, a space and the axis.
            plotWidth = max(8, TextLayout.usable(width) - 2 - labelWidth - 2)
        }

        /// The row (0 at the top) of a value among `rows` rows.
        func row(_ value: Double, rows: Int) -> Int {
            let share = Charts.fraction(value, low: low, high: high)
            return min(rows - 1, max(0, Int(((1 - share) * Double(rows - 1)).rounded())))
        }

        /// The labels of the value axis by text row, for `rows` rows of `dotsPerRow` positions each: the highest
        /// value at the top, the lowest at the bottom, zero on its row between them when the values span both
        /// signs; a flat line's one value on its row.
        func labels(rows: Int, dotsPerRow: Int) -> [Int: String] {
            let positions = rows * dotsPerRow
            if flat { return [row((low + high) / 2, rows: positions) / dotsPerRow: topLabel] }
            var labels = [0: topLabel, rows - 1: bottomLabel]
            if low < 0 && high > 0 {
                let zero = row(0, rows: positions) / dotsPerRow
                if labels[zero] == nil { labels[zero] = zeroLabel }
            }
            return labels
        }

        /// The plot's rows with the axes, the labels by row (`labels(rows:dotsPerRow:)`) and the months.
        func draw(_ rows: [String], months: [String], labels axisLabels: [Int: String]) -> [String] {
            let pad = { (text: String) in
                String(repeating: " ", count: max(0, labelWidth - text.count)) + text.prefix(labelWidth)
            }
            var lines: [String] = []
            for (index, row) in rows.enumerated() {
                let label = axisLabels[index]
                let axis = label == nil ? "│" : "┤"
                let shown = pad(label ?? "")
                lines.append(("  " + shown + " " + axis + row).replacingTrailingSpaces())
            }
            // Month labels, each starting at its tick: every 1, 2, 3, 6, 12… months, as far apart as they need;
            // one that would run past the end moves left, or is left out when it would touch the one before.
            let count = months.count
            let position = { (index: Int) in
                count > 1 ? Int((Double(index) / Double(count - 1) * Double(plotWidth - 1)).rounded()) : 0
            }
            let widest = (months.map(\.count).max() ?? 7) + 1
            let spacing = count > 1 ? Double(plotWidth - 1) / Double(count - 1) : Double(plotWidth)
            let every =
                [1, 2, 3, 6, 12, 24, 60, 120, 240, 600].first { Double($0) * spacing >= Double(widest) } ?? count
            var axis = [Character](repeating: "─", count: plotWidth)
            var labels = [Character](repeating: " ", count: plotWidth)
            var end = -1
            for index in stride(from: 0, to: count, by: max(1, every)) {
                let at = position(index)
                axis[at] = "┬"
                let text = Array(months[index])
                let start = min(at, plotWidth - text.count)
                guard start > end, start >= 0 else { continue }
                for (offset, character) in text.enumerated() { labels[start + offset] = character }
                end = start + text.count
            }
            let margin = String(repeating: " ", count: 2 + labelWidth + 1)
            lines.append(margin + "└" + String(axis))
            lines.append(margin + " " + String(labels).replacingTrailingSpaces())
            return lines
        }
    }
}

extension String {
    /// The string without trailing spaces.
    fileprivate func replacingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
