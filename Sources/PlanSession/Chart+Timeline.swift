import PlanCharts
import PlanCore
import PlanGraph

/// The board's charts of the timeline views: `:timeline` (a line per cell over the months) and `:simulate` of a
/// series (a fan: the median inside its p5–p95 band).
extension Chart {
    /// One line panel per numeric column of `:timeline` (at most `simulationPanels`), with the one-value cells
    /// and the columns left out as notes; nil when nothing can be drawn.
    static func timeline(_ columns: [TimelineColumn], singles: [(String, Value)], timeline: Timeline) -> Chart? {
        var panels: [ChartPanel] = []
        var notes: [String] = []
        var drawn: [String] = []
        var notDrawn: [String] = []
        for column in columns {
            guard let (values, unit) = column.series.numbers else {
                notDrawn.append(column.name)
                continue
            }
            guard panels.count < simulationPanels else {
                notDrawn.append(column.name)
                continue
            }
            let axis = ValueAxis(label: column.name, unit: unit)
            let plot = LinePlot(
                x: .labels("month", timeline.labels), y: axis,
                series: [PlotSeries(label: column.name, values: values.map { $0.isFinite ? $0 : nil })])
            // The heading says where it starts and ends (and a flow's total), the axis what it is.
            var heading = column.name
            if let first = column.series.values.first, let last = column.series.values.last {
                heading +=
                    ": " + first.display + " in " + Timeline.label(timeline.start) + ", " + last.display + " in "
                    + Timeline.label(timeline.end)
            }
            if let total = column.series.total { heading += "; total " + total.display }
            panels.append(ChartPanel(title: heading, plot: .line(plot)))
            drawn.append(column.name)
        }
        for (name, value) in singles { notes.append(name + " = " + value.display) }
        if !notDrawn.isEmpty {
            notes.append("not drawn: " + notDrawn.joined(separator: ", ") + " (`:timeline NAME …` picks the cells)")
        }
        guard !panels.isEmpty else { return nil }
        let span = Timeline.label(timeline.start) + " to " + Timeline.label(timeline.end)
        return Chart(
            title: "Timeline: " + list(drawn) + ", " + span,
            subtitle: "one value per month (\(timeline.count) months)", panels: panels, notes: notes)
    }

    /// One fan panel per simulated series (the median inside its p5–p95 band, month by month), at most
    /// `simulationPanels`; nil when there is none.
    static func fans(_ series: [SimulatedSeries], samples: Int, seed: UInt64) -> Chart? {
        var panels: [ChartPanel] = []
        var notes: [String] = []
        for simulated in series.prefix(simulationPanels) {
            let axis = ValueAxis(label: simulated.name, unit: simulated.unit)
            let known = { (value: Double) -> Double? in value.isFinite ? value : nil }
            let plot = FanPlot(
                x: .labels("month", simulated.months.map(Timeline.label)), y: axis,
                p5: simulated.summaries.map { known($0.p5) }, p50: simulated.summaries.map { known($0.p50) },
                p95: simulated.summaries.map { known($0.p95) })
            // The heading gives the last month's median and 90% interval.
            var heading = simulated.name
            if let month = simulated.months.last, let last = simulated.summaries.last, last.count > 0 {
                let numbers = ChartNumbers(simulated.unit)
                heading +=
                    " in " + Timeline.label(month) + ": median " + numbers.full(last.p50) + ", 90% between "
                    + numbers.full(last.p5) + " and " + numbers.full(last.p95)
            }
            panels.append(ChartPanel(title: heading, plot: .fan(plot)))
            let failures = simulated.summaries.map(\.failures).reduce(0, +)
            if failures > 0 { notes.append("\(simulated.name): \(failures) month-samples failed and are left out") }
        }
        if series.count > simulationPanels {
            notes.append(
                "not drawn: " + series.dropFirst(simulationPanels).map(\.name).joined(separator: ", ")
                    + " (`:simulate NAME …` picks the cells)")
        }
        guard !panels.isEmpty else { return nil }
        return Chart(
            title: "Monte Carlo: " + list(series.map(\.name)) + " by month over \(samples) samples (seed \(seed))",
            subtitle: "solid: the median month by month; dashed and shaded: the 5th to 95th percentile",
            panels: panels, notes: notes)
    }

    /// The chart of a `:simulate` that gave series and one-value cells: the fans, then the histograms (at most
    /// `simulationPanels` panels in all), titled with every name; either alone when the other is nil.
    static func simulation(fans: Chart?, histograms: Chart?, names: [String], samples: Int, seed: UInt64) -> Chart? {
        guard let fans, let histograms else { return fans ?? histograms }
        let room = max(0, simulationPanels - fans.panels.count)
        var notes = fans.notes + histograms.notes
        if histograms.panels.count > room {
            notes.append("histograms not drawn: \(histograms.panels.count - room) (`:simulate NAME …` picks the cells)")
        }
        return Chart(
            title: "Monte Carlo: " + list(names) + " over \(samples) samples (seed \(seed))",
            subtitle: (fans.subtitle ?? "") + "; bars: the share of samples at each value",
            panels: fans.panels + histograms.panels.prefix(room), notes: notes)
    }
}
