import PlanCore
import PlanGraph

/// `:sweep` as text: a table, a bar chart and sparklines over one input.
///
/// A one-way sweep is a table with a bar chart of its first varying output and a sparkline per output
/// (a two-way sweep is `SweepGridView`). Failed points are noted, at most three messages.
///
/// Fitting the width: the bar column takes what the table leaves (at most 30, at least 10 columns; with less,
/// the bars go below the table); sparklines of many steps are averaged down to the room there is; the
/// two-way table splits its columns into groups and the heat map narrows to one character a cell, then
/// wraps its columns.
struct SweepView {
    /// A one-way sweep.
    let result: SweepResult

    /// The sweep laid out for `width` columns.
    func render(width: Int) -> String {
        let width = TextLayout.usable(width)
        // Chart the first output that varies (else the first that is a number at all). A date (`payback_month`)
        // has no zero to draw a bar from: its sparkline shows it.
        let numeric = result.outputs.indices.filter { output in
            result.cells.contains { Charts.number($0[output]) != nil }
                && !result.cells.contains { cell in
                    if case .success(.number(_, let unit)) = cell[output] { return unit.isDate }
                    return false
                }
        }
        let charted =
            numeric.first { output in Set(result.cells.compactMap { Charts.number($0[output]) }).count > 1 }
            ?? numeric.first
        var rows = [[result.input.name] + result.outputs]
        for (value, cells) in zip(result.values, result.cells) {
            rows.append([value.display] + cells.map(Charts.text))
        }
        var lines: [String] = []
        if let charted {
            let numbers = result.cells.compactMap { Charts.number($0[charted]) }
            let low = numbers.min() ?? 0
            let high = numbers.max() ?? 0
            let bars = { (barWidth: Int) in
                result.cells.map {
                    Charts.bar(Charts.number($0[charted]) ?? .nan, low: low, high: high, width: barWidth)
                }
            }
            let room = width - TextTable(rows).naturalWidth - TextTable.gap
            if room >= 10 {
                let barWidth = min(Charts.barWidth, room)
                let chart = bars(barWidth)
                rows[0].append(TextLayout.truncate(result.outputs[charted], barWidth))
                for index in rows.indices.dropFirst() { rows[index].append(chart[index - 1]) }
                lines.append(TextTable(rows).render(width: width))
            } else {
                lines.append(TextTable(rows).render(width: width))
                let labels = result.values.map(\.display)
                let labelWidth = min(width / 3, labels.map(\.count).max() ?? 0)
                let chart = bars(min(Charts.barWidth, width - labelWidth - 4))
                lines.append("  " + result.outputs[charted] + ":")
                for (label, bar) in zip(labels, chart) {
                    lines.append(
                        ("  " + TextLayout.truncate(label, labelWidth).padding(labelWidth) + "  " + bar)
                            .trimmingTrailingSpaces())
                }
            }
        } else {
            lines.append(TextTable(rows).render(width: width))
        }
        if result.outputs.count > 1 {
            let labelWidth = min(width / 3, result.outputs.map(\.count).max() ?? 0)
            for (index, output) in result.outputs.enumerated() {
                let numbers = result.cells.map { Charts.number($0[index]) }
                if numbers.allSatisfy({ $0 == nil }) { continue }
                let line = Charts.sparkline(Self.fitted(numbers, to: width - labelWidth - 4))
                lines.append("  " + TextLayout.truncate(output, labelWidth).padding(labelWidth) + "  " + line)
            }
        }
        lines += Self.failureNotes(zip(result.values, result.cells).map { ($0.display, $1) })
        return lines.map { TextLayout.fit($0, width: width) }.joined(separator: "\n")
    }

    /// At most `count` values: consecutive values averaged when there are more (a sparkline's room).
    static func fitted(_ values: [Double?], to count: Int) -> [Double?] {
        let count = max(1, count)
        guard values.count > count else { return values }
        return (0..<count).map { bucket in
            let slice = values[(bucket * values.count / count)..<((bucket + 1) * values.count / count)]
            let numbers = slice.compactMap { $0 }
            return numbers.isEmpty ? nil : numbers.reduce(0, +) / Double(numbers.count)
        }
    }

    /// Notes on the points that failed (`– at 0%: division by zero`), at most three distinct messages.
    static func failureNotes(_ points: [(String, [SweepCell])]) -> [String] {
        var notes: [String] = []
        var seen: Set<String> = []
        for (label, cells) in points {
            for cell in cells {
                guard case .failure(let error) = cell, seen.insert(error.message).inserted else { continue }
                if notes.count < 3 { notes.append("  – at \(label): \(error.message)") }
            }
        }
        return notes
    }
}

/// A two-way `:sweep`: a table (rows: the first input, columns: the second) and a heat map.
struct SweepGridView {
    /// The sweep.
    let grid: SweepGrid

    /// The sweep laid out for `width` columns.
    func render(width: Int) -> String {
        let width = TextLayout.usable(width)
        var rows = [[grid.rowInput.name] + grid.columns.map(\.display)]
        for (value, cells) in zip(grid.rows, grid.cells) {
            rows.append([value.display] + cells.map(Charts.text))
        }
        let numbers = grid.cells.flatMap { $0.compactMap(Charts.number) }
        var lines = [
            "  \(grid.output) by \(grid.rowInput.name) (rows) and \(grid.columnInput.name) (columns)",
            TextTable(rows).render(width: width),
        ]
        if let low = numbers.min(), let high = numbers.max() {
            let unit: Unit
            if case .success(.number(_, let own)) = grid.cells.joined().first(where: { Charts.number($0) != nil }) {
                unit = own
            } else {
                unit = .plain
            }
            let labels = grid.rows.map(\.display)
            let labelWidth = min(width / 3, labels.map(\.count).max() ?? 0)
            let scale = "· \(Value.format(low, unit: unit)) … █ \(Value.format(high, unit: unit))"
            lines.append("  heat map of \(grid.output): " + scale)
            let room = width - labelWidth - 4
            let cellWidth = 2 * grid.columns.count <= room ? 2 : 1
            let perLine = max(1, room / cellWidth)
            let chunks = stride(from: 0, to: grid.columns.count, by: perLine).map {
                $0..<min($0 + perLine, grid.columns.count)
            }
            for (chunkIndex, chunk) in chunks.enumerated() {
                if chunkIndex > 0 { lines.append("") }
                for (label, cells) in zip(labels, grid.cells) {
                    let shades = cells[chunk].map {
                        String(Charts.shade(Charts.number($0), low: low, high: high).prefix(cellWidth))
                    }
                    lines.append(
                        "  " + TextLayout.truncate(label, labelWidth).padding(labelWidth) + "  " + shades.joined())
                }
            }
        }
        let points = zip(grid.rows, grid.cells).flatMap { row, cells in
            zip(grid.columns, cells).map { ("\(row.display), \($0.display)", [$1]) }
        }
        lines += SweepView.failureNotes(points)
        return lines.map { TextLayout.fit($0, width: width) }.joined(separator: "\n")
    }
}
