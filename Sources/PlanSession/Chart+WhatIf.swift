import PlanCharts
import PlanCore
import PlanGraph

/// The charts of the what-if commands as data (`:sweep`, `:sensitivity`, `:simulate`), for `:export svg`
/// and the board report. The terminal keeps its own Unicode charts (`WhatIfCharts`).
extension Chart {
    /// The most rows a tornado shows; the rest are counted in a note.
    static let tornadoRows = 15
    /// The most panels of a simulation chart (one histogram per simulated cell).
    static let simulationPanels = 6

    /// A one-way sweep: each output as a line over the input (record outputs as one line per field), one
    /// panel per kind of unit so that every line in a panel shares its axis.
    static func sweep(_ result: SweepResult) -> Chart {
        var unit = Unit.plain
        if case .number(_, let own)? = result.values.first { unit = own }
        let positions = result.values.map { value -> Double in
            if case .number(let number, _) = value { return number }
            return .nan
        }
        var groups: [(unit: Unit, series: [PlotSeries])] = []
        var skipped: [String] = []
        for (index, output) in result.outputs.enumerated() {
            let column = result.cells.map { $0[index] }
            let lines = Self.lines(output, column)
            if lines.isEmpty { skipped.append(output) }
            for (series, own) in lines {
                if let group = groups.firstIndex(where: { Self.shareAxis($0.unit, own) }) {
                    groups[group].series.append(series)
                } else {
                    groups.append((own, [series]))
                }
            }
        }
        let x = XAxis.values(ValueAxis(label: result.input.name, unit: unit), positions)
        let panels = groups.map { group in
            ChartPanel(
                plot: .line(
                    LinePlot(
                        x: x, y: ValueAxis(label: Self.axisLabel(group.series), unit: group.unit),
                        series: group.series)))
        }
        let range = (result.values.first?.display ?? "?") + " to " + (result.values.last?.display ?? "?")
        var notes = failureNotes(zip(result.values, result.cells).map { ($0.display, $1) })
        if !skipped.isEmpty { notes.append("not charted (not a number): " + skipped.joined(separator: ", ")) }
        return Chart(
            title: Self.list(result.outputs) + " as " + result.input.name + " varies from " + range,
            subtitle: "\(result.values.count) evenly spaced values, everything else held at its current value",
            panels: panels, notes: notes)
    }

    /// A two-way sweep: a heat map of the output over both inputs.
    static func sweep(_ grid: SweepGrid) -> Chart {
        var unit = Unit.plain
        for case .success(.number(_, let own)) in grid.cells.joined() {
            unit = own
            break
        }
        let values = grid.cells.map { row in
            row.map { cell -> Double? in
                guard case .success(.number(let value, _)) = cell, value.isFinite else { return nil }
                return value
            }
        }
        let map = HeatMapPlot(
            rows: CategoryAxis(title: grid.rowInput.name, labels: grid.rows.map(\.display)),
            columns: CategoryAxis(title: grid.columnInput.name, labels: grid.columns.map(\.display)),
            value: ValueAxis(label: grid.output, unit: unit), values: values)
        let points = zip(grid.rows, grid.cells).flatMap { row, cells in
            zip(grid.columns, cells).map { ("\(row.display), \($0.display)", [$1]) }
        }
        return Chart(
            title: grid.output + " as " + grid.rowInput.name + " and " + grid.columnInput.name + " vary",
            subtitle: "rows: \(grid.rowInput.name) from \(grid.rows.first?.display ?? "?") to "
                + "\(grid.rows.last?.display ?? "?"); columns: \(grid.columnInput.name) from "
                + "\(grid.columns.first?.display ?? "?") to \(grid.columns.last?.display ?? "?"); "
                + "darker is higher",
            panels: [ChartPanel(plot: .heatMap(map))], notes: failureNotes(points))
    }

    /// A tornado of a sensitivity analysis (nil when the objective is not a number).
    static func tornado(_ result: SensitivityResult) -> Chart? {
        guard case .number(let base, let unit) = result.baseline else { return nil }
        let rows = result.bars.prefix(tornadoRows).map { bar in
            TornadoRow(
                label: bar.input,
                detail: bar.kind.label
                    + (bar.renormalised ? ", rest of mix rescaled: " : ": ")
                    + Charts.compact(bar.low) + " → " + Charts.compact(bar.high),
                low: Charts.number(bar.outputLow), high: Charts.number(bar.outputHigh))
        }
        var notes: [String] = []
        if result.bars.count > tornadoRows {
            let rest = result.bars.dropFirst(tornadoRows).map(\.input)
            notes.append(
                (rest.count == 1 ? "1 more input swings it less: " : "\(rest.count) more inputs swing it less: ")
                    + rest.joined(separator: ", "))
        }
        if !result.unaffected.isEmpty { notes.append("no effect: " + result.unaffected.joined(separator: ", ")) }
        for bar in result.bars {
            for case .failure(let error) in [bar.outputLow, bar.outputHigh] {
                notes.append("\(bar.input): \(error.message)")
            }
        }
        let plot = TornadoPlot(
            axis: ValueAxis(label: result.objective, unit: unit), baseline: base, rows: Array(rows),
            lowLabel: "input at its low end (p5, or −10%)", highLabel: "input at its high end (p95, or +10%)")
        return Chart(
            title: "What moves " + result.objective + " most",
            subtitle: "each input swings on its own, the others held: inputs with a range from their 5th to 95th "
                + "percentile, point inputs by ±10%; widest swing first",
            panels: [ChartPanel(plot: .tornado(plot))], notes: notes)
    }

    /// Histograms of simulated cells, one panel each (at most `simulationPanels`).
    static func simulation(_ outputs: [SimulatedOutput], samples: Int, seed: UInt64) -> Chart? {
        var panels: [ChartPanel] = []
        var notes: [String] = []
        for output in outputs.prefix(simulationPanels) {
            var values = output.samples
            let summary = summarize(&values)
            guard summary.count > 0 else {
                notes.append("\(output.name): every sample failed")
                continue
            }
            let numbers = ChartNumbers(output.unit)
            // The bulk of the distribution: past p5 and p95 by 60% of their distance, within the samples.
            let spread = summary.p95 - summary.p5
            let low = spread > 0 ? max(summary.min, summary.p5 - 0.6 * spread) : summary.min
            let high = spread > 0 ? min(summary.max, summary.p95 + 0.6 * spread) : summary.max
            let (from, to) = Ticks.widened(low, high)
            // Every sample equal: an odd number of bins puts the one bar in the middle, on its value.
            let counts = summary.histogram(bins: summary.max > summary.min ? 30 : 31, from: from, to: to)
            let outside = summary.count - counts.reduce(0, +)
            if outside > 0 {
                notes.append(
                    "\(output.name): \(outside) samples lie beyond the range drawn (\(numbers.full(from)) to "
                        + "\(numbers.full(to))); all \(summary.count) count in the shares and percentiles")
            }
            if summary.failures > 0 {
                notes.append("\(output.name): \(summary.failures) samples failed and are left out")
            }
            let plot = HistogramPlot(
                axis: ValueAxis(label: output.name, unit: output.unit), low: from, high: to, counts: counts,
                total: summary.count,
                markers: [
                    Marker(label: "p5", value: summary.p5), Marker(label: "median", value: summary.p50),
                    Marker(label: "p95", value: summary.p95), Marker(label: "mean", value: summary.mean),
                ],
                belowZero: summary.min < 0 ? summary.probabilityBelowZero : nil)
            let title =
                summary.max > summary.min
                ? output.name + ": mean " + numbers.full(summary.mean) + ", 90% between " + numbers.full(summary.p5)
                    + " and " + numbers.full(summary.p95)
                : output.name + ": " + numbers.full(summary.mean)
                    + " in every sample (nothing it depends on is uncertain)"
            panels.append(ChartPanel(title: title, plot: .histogram(plot)))
        }
        if outputs.count > simulationPanels {
            notes.append(
                "not drawn: " + outputs.dropFirst(simulationPanels).map(\.name).joined(separator: ", ")
                    + " (`:simulate NAME …` picks the cells)")
        }
        guard !panels.isEmpty else { return nil }
        return Chart(
            title: "Monte Carlo: " + Self.list(outputs.map(\.name)) + " over \(samples) samples (seed \(seed))",
            subtitle: "bars: the share of samples at each value; dashed p5 and p95, solid median, dotted mean",
            panels: panels, notes: notes)
    }

    /// The lines of one sweep output with their units: a number is one line, a record one per field.
    private static func lines(_ output: String, _ column: [SweepCell]) -> [(PlotSeries, Unit)] {
        var keys: [String] = []
        var unit: Unit?
        var fieldUnits: [String: Unit] = [:]
        for case .success(let value) in column {
            switch value {
            case .number(_, let own): unit = unit ?? own
            case .record(let record):
                for (key, field) in zip(record.keys, record.values) {
                    guard case .number(_, let own) = field else { continue }
                    if !keys.contains(key) { keys.append(key) }
                    if fieldUnits[key] == nil { fieldUnits[key] = own }
                }
            default: continue
            }
        }
        if let unit {
            let values = column.map { Charts.number($0) }
            return values.contains { $0 != nil } ? [(PlotSeries(label: output, values: values), unit)] : []
        }
        return keys.compactMap { key in
            let values = column.map { cell -> Double? in
                guard case .success(.record(let record)) = cell, case .number(let value, _)? = record[key],
                    value.isFinite
                else { return nil }
                return value
            }
            guard let own = fieldUnits[key] else { return nil }
            return (PlotSeries(label: output + "." + key, values: values), own)
        }
    }

    /// True when two units can share an axis: the same dimension, both shares or both not.
    private static func shareAxis(_ a: Unit, _ b: Unit) -> Bool {
        a.sameDimension(as: b) && a.percent == b.percent && a.isPlain == b.isPlain
    }

    /// The y-axis label of a group of lines: the one name, the record they are fields of, up to three names,
    /// or `value`.
    private static func axisLabel(_ series: [PlotSeries]) -> String {
        let records = Set(series.map { $0.label.split(separator: ".", maxSplits: 1).first.map(String.init) ?? "" })
        if series.count > 1, records.count == 1, let record = records.first,
            series.allSatisfy({ $0.label.contains(".") })
        {
            return record
        }
        return series.count <= 3 ? series.map(\.label).joined(separator: ", ") : "value"
    }

    /// `a`, `a and b`, `a, b and c`.
    static func list(_ names: [String]) -> String {
        guard let last = names.last else { return "" }
        return names.count == 1 ? last : names.dropLast().joined(separator: ", ") + " and " + last
    }

    /// Notes on the points that failed (`– at 0%: division by zero`), at most three distinct messages.
    private static func failureNotes(_ points: [(String, [SweepCell])]) -> [String] {
        var notes: [String] = []
        var seen: Set<String> = []
        for (label, cells) in points {
            for case .failure(let error) in cells where seen.insert(error.message).inserted && notes.count < 3 {
                notes.append("no value at \(label): \(error.message)")
            }
        }
        return notes
    }
}
