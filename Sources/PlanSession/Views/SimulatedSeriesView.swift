import PlanCharts
import PlanCore
import PlanGraph

/// A simulated series: the samples of one cell (or field) month by month, from `Model.simulate`.
struct SimulatedSeries {
    /// `cell` or `cell.field`.
    let name: String
    /// The unit to show it in.
    let unit: Unit
    /// The month numbers, in order.
    let months: [Int]
    /// The samples of each month (base units, NaN where a sample failed).
    let samples: [[Double]]
    /// The summary of each month.
    let summaries: [SampleSummary]

    /// The series among simulated outputs (those with a month), grouped by name in order of appearance; the
    /// outputs without a month are returned apart, as they came.
    static func group(_ outputs: [SimulatedOutput]) -> (series: [SimulatedSeries], scalars: [SimulatedOutput]) {
        var order: [String] = []
        var byName: [String: [SimulatedOutput]] = [:]
        var scalars: [SimulatedOutput] = []
        for output in outputs {
            guard output.month != nil else {
                scalars.append(output)
                continue
            }
            if byName[output.name] == nil { order.append(output.name) }
            byName[output.name, default: []].append(output)
        }
        let series = order.compactMap { name -> SimulatedSeries? in
            guard let months = byName[name], let first = months.first else { return nil }
            return SimulatedSeries(
                name: name, unit: first.unit, months: months.compactMap(\.month), samples: months.map(\.samples),
                summaries: months.map { month in
                    var values = month.samples
                    return summarize(&values)
                })
        }
        return (series, scalars)
    }

    /// The summary of each row of `periods`: per sample, the row's value from its months (the quarter's mean
    /// month for a flow, else its last month; see `TimelinePeriods`), then the percentiles of those.
    func summaries(by periods: TimelinePeriods) -> [SampleSummary] {
        guard periods.quarterly else { return summaries }
        let isFlow = unit.isPerTime && !unit.isDate
        let count = samples.first?.count ?? 0
        return periods.groups.map { group in
            let months = samples[min(group.lowerBound, samples.count)..<min(group.upperBound, samples.count)]
            var values = [Double](repeating: 0, count: count)
            if isFlow {
                for month in months {
                    for index in 0..<min(count, month.count) { values[index] += month[index] }
                }
                let share = 1 / Double(max(1, months.count))
                for index in values.indices { values[index] *= share }
            } else if let last = months.last {
                values = last
            }
            return summarize(&values)
        }
    }
}

/// `:simulate` of a series as text: per row (month, or quarter past 24 months) the mean, p5, p50 and p95, then a
/// fan chart of the months (the p5–p95 band with the median) fitted to the width.
struct SimulatedSeriesView {
    /// The simulated series.
    let series: SimulatedSeries
    /// The model's timeline (for the rows).
    let timeline: Timeline

    /// The view laid out for `width` columns.
    func render(width: Int) -> String {
        let width = TextLayout.usable(width)
        let start = series.months.first ?? timeline.start
        let periods = TimelinePeriods(Timeline(start: start, count: series.months.count))
        let format = { (value: Double) in value.isNaN ? "–" : Value.format(value, unit: series.unit) }
        var rows: [[String]] = [[periods.quarterly ? "quarter" : "month", "mean", "p5", "p50", "p95"]]
        var failures = 0
        for (label, summary) in zip(periods.labels, series.summaries(by: periods)) {
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
