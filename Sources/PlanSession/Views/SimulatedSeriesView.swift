import PlanCharts
import PlanCore
import PlanGraph

/// A simulated series: the samples of one cell (or field) month by month from `Model.simulate`, summarised by
/// month (for the fan chart) and by the view's rows (months, or quarters past 24 months).
struct SimulatedSeries {
    /// `cell` or `cell.field`.
    let name: String
    /// The unit to show it in.
    let unit: Unit
    /// The month numbers, in order.
    let months: [Int]
    /// The summary of each month.
    let summaries: [SampleSummary]
    /// The view's rows.
    let periods: TimelinePeriods
    /// The summary of each row: per sample, the row's value from its months (the quarter's mean month for a
    /// flow, else its last month; see `TimelinePeriods`), then the percentiles of those.
    let rows: [SampleSummary]

    /// The series among simulated outputs (those with a month), grouped by name in order of appearance, and
    /// the outputs without a month apart, as they came; nil when `isCancelled` says to stop (Ctrl-C: sorting
    /// the samples of many months takes a while).
    static func group(_ outputs: [SimulatedOutput], isCancelled: (@Sendable () -> Bool)?) -> (
        series: [SimulatedSeries], scalars: [SimulatedOutput]
    )? {
        var order: [String] = []
        var byName: [String: [SimulatedOutput]] = [:]
        var scalars: [SimulatedOutput] = []
        // A month named twice (`:simulate cov.routine cov`) is kept once.
        var seen: Set<String> = []
        for output in outputs {
            guard let month = output.month else {
                scalars.append(output)
                continue
            }
            guard seen.insert(output.name + " " + String(month)).inserted else { continue }
            if byName[output.name] == nil { order.append(output.name) }
            byName[output.name, default: []].append(output)
        }
        var series: [SimulatedSeries] = []
        for name in order {
            guard let months = byName[name], let first = months.first, let start = first.month else { continue }
            let periods = TimelinePeriods(Timeline(start: start, count: months.count))
            var summaries: [SampleSummary] = []
            for month in months {
                if isCancelled?() == true { return nil }
                var values = month.samples
                summaries.append(summarize(&values))
            }
            var rows = summaries
            if periods.quarterly {
                rows = []
                let isFlow = first.unit.isPerTime && !first.unit.isDate
                for group in periods.groups {
                    if isCancelled?() == true { return nil }
                    var values = aggregate(months[group].map(\.samples), isFlow: isFlow)
                    rows.append(summarize(&values))
                }
            }
            series.append(
                SimulatedSeries(
                    name: name, unit: first.unit, months: months.compactMap(\.month), summaries: summaries,
                    periods: periods, rows: rows))
        }
        return (series, scalars)
    }

    /// Per sample, one row's value from its months' samples: the mean month for a flow, else the last month.
    static func aggregate(_ months: [[Double]], isFlow: Bool) -> [Double] {
        guard let last = months.last else { return [] }
        guard isFlow else { return last }
        var values = [Double](repeating: 0, count: last.count)
        for month in months {
            for index in 0..<min(values.count, month.count) { values[index] += month[index] }
        }
        let share = 1 / Double(months.count)
        for index in values.indices { values[index] *= share }
        return values
    }
}

/// `:simulate` of a series as text: per row (month, or quarter past 24 months) the mean, p5, p50 and p95, then a
/// fan chart of the months (the p5–p95 band with the median) fitted to the width.
struct SimulatedSeriesView {
    /// The simulated series.
    let series: SimulatedSeries

    /// The view laid out for `width` columns.
    func render(width: Int) -> String {
        let width = TextLayout.usable(width)
        let periods = series.periods
        let format = { (value: Double) in value.isNaN ? "–" : Value.format(value, unit: series.unit) }
        var rows: [[String]] = [[periods.quarterly ? "quarter" : "month", "mean", "p5", "p50", "p95"]]
        var failures = 0
        for (label, summary) in zip(periods.labels, series.rows) {
            rows.append([label, format(summary.mean), format(summary.p5), format(summary.p50), format(summary.p95)])
            failures = max(failures, summary.failures)
        }
        var lines = ["", "  " + ValueAxis(label: series.name, unit: series.unit).title + ", " + periods.heading]
        lines.append(TextTable(rows).render(width: width))
        lines += periods.notes
        if failures > 0 {
            lines.append("  up to \(failures) samples a row failed (division by zero or not finite) and are left out")
        }
        lines.append("")
        lines += TimelineCharts.fan(
            p5: series.summaries.map(\.p5), p50: series.summaries.map(\.p50), p95: series.summaries.map(\.p95),
            unit: series.unit, months: series.months.map(Timeline.label), width: width)
        lines.append("  ━ median  ░ 5th to 95th percentile, month by month")
        return lines.joined(separator: "\n")
    }
}
