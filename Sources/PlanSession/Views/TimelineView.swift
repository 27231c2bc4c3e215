import PlanCharts
import PlanCore
import PlanGraph

/// One column of `:timeline`: a cell, or one field of a record of series, with its months.
struct TimelineColumn {
    /// `cell` or `cell.field`.
    let name: String
    /// Its value month by month (numbers, flags, dates or texts; never records).
    let series: Series
}

/// `:timeline` as text: a table with one row per month (per calendar quarter past 24 months; see
/// `TimelinePeriods` for how a quarter is made from its months), one column per cell, then a line chart per
/// numeric cell over every month, then the cells that hold one value for the whole timeline, one line each.
///
/// Fitting the width: the table splits its columns into groups as `TextTable` does; each chart takes the
/// whole width.
struct TimelineView {
    /// The model's timeline.
    let timeline: Timeline
    /// The columns, in the order asked.
    let columns: [TimelineColumn]
    /// Cells that are not series: one value for every month.
    let singles: [(name: String, value: Value)]

    /// The view laid out for `width` columns.
    func render(width: Int) -> String {
        let width = TextLayout.usable(width)
        let periods = TimelinePeriods(timeline)
        let span = Timeline.label(timeline.start) + " to " + Timeline.label(timeline.end)
        var lines = ["  timeline " + span + " (\(timeline.count) months), " + periods.heading]
        if !columns.isEmpty {
            var rows: [[String]] = [[periods.quarterly ? "quarter" : "month"] + columns.map(\.name)]
            let aggregated = columns.map { periods.aggregate($0.series) }
            for (index, label) in periods.labels.enumerated() {
                rows.append([label] + aggregated.map { index < $0.count ? $0[index].display : "–" })
            }
            lines.append(TextTable(rows).render(width: width))
            lines += periods.notes
        }
        for column in columns {
            guard let (values, unit) = column.series.numbers else { continue }
            lines.append("")
            lines.append("  " + ValueAxis(label: column.name, unit: unit).title)
            lines += TimelineCharts.line(values, unit: unit, months: timeline.labels, width: width)
        }
        if !singles.isEmpty { lines.append("") }
        for (name, value) in singles {
            lines.append("  " + name + " = " + value.display + "  (one value for the whole timeline)")
        }
        return lines.joined(separator: "\n")
    }
}
