import PlanCharts
import PlanCore
import PlanGraph

/// The timeline part of the board report (SPEC §9, §11): the plan month by month, when the model has a
/// timeline.
///
/// It reads the standard timeline's outputs by name (`payback_month`, `net_present_value`, `cumulative_net`,
/// `agents`, `monthly_net`, `retention_cost`, `transition_cost`) and shows each one that the model has; a
/// watched series gets its own chart. Flows (a rate per month, `$/month`) are summed over a year's months
/// (rate × one month each, as `total` does); stocks (`agents`, `cumulative_net`) show at the year's last
/// month. A model with a timeline but none of these cells and no watched series gets no timeline part.
extension Session {
    /// The flows the year table sums, with their headings.
    static let reportTimelineFlows: [(cell: String, heading: String)] = [
        ("monthly_net", "net"), ("retention_cost", "retention cost"), ("transition_cost", "transition cost"),
    ]
    /// The stocks the year table shows at each year's last month, with their headings.
    static let reportTimelineStocks: [(cell: String, heading: String)] = [
        ("cumulative_net", "cumulative net at year end"), ("agents", "agents at year end"),
    ]

    /// The timeline part of the board report, or nil without a timeline (or with nothing to show on it).
    func reportTimeline(_ uncertain: Set<Int>) -> BoardReport.TimelinePart? {
        guard let timeline = model.timeline else { return nil }
        let span =
            Timeline.label(timeline.start) + " to " + Timeline.label(timeline.end) + ", \(timeline.count) month"
            + (timeline.count == 1 ? "" : "s")
        let figures = reportTimelineFigures(timeline, uncertain)
        let years = reportTimelineYears(timeline)
        let charts = reportTimelineCharts(timeline)
        guard !figures.isEmpty || years != nil || !charts.isEmpty else { return nil }
        return BoardReport.TimelinePart(span: span, figures: figures, years: years, charts: charts)
    }

    /// The months the report's point-in-time parts show, as positions on the timeline (nil without one): the
    /// headline is the run rate in the last month; the tier table is the month of the deepest tier CSAT drop
    /// (`csat_change`'s lowest field), the last month when no tier drops.
    func reportMonths() -> (headline: Int?, tiers: Int?) {
        guard let timeline = model.timeline else { return (nil, nil) }
        let last = timeline.count - 1
        guard case .series(let changes)? = model.value(of: "csat_change") else { return (last, last) }
        var deepest: (position: Int, change: Double)?
        for (position, value) in changes.values.enumerated() {
            let fields: [Value]
            if case .record(let record) = value { fields = record.values } else { fields = [value] }
            // The first month of the deepest drop (later months equal to rounding do not move it).
            for case .number(let change, _) in fields where change < (deepest?.change ?? 0) - 1e-9 {
                deepest = (position, change)
            }
        }
        return (last, deepest?.position ?? last)
    }

    /// The report's notes on those months (`reportMonths()`), in words (nil without a timeline).
    func reportMonthNotes(_ months: (headline: Int?, tiers: Int?)) -> (headline: String?, tiers: String?) {
        guard let timeline = model.timeline else { return (nil, nil) }
        let (headline, tiers) = months
        let label = { (position: Int?) in Timeline.label(timeline.month(at: position ?? 0)) }
        let headlineNote =
            "The run rate in \(label(headline)), the timeline's last month; the plan month by month is below."
        let tiersNote =
            tiers == headline
            ? "in \(label(tiers)), the timeline's last month" : "in \(label(tiers)), the month of the deepest tier drop"
        return (headlineNote, tiersNote)
    }

    /// A cell's value as the report's point-in-time parts show it: a series at `position` (its last month when
    /// nil), anything else as it is.
    func reportValue(_ name: String, at position: Int?) -> Value? {
        guard case .series(let series)? = model.value(of: name) else { return model.value(of: name) }
        guard let position, series.values.indices.contains(position) else { return series.values.last }
        return series.values[position]
    }

    /// A series at its last month (a scenario comparison compares where each plan ends up), else the value.
    static func lastMonth(_ value: Value?) -> Value? {
        if case .series(let series)? = value { return series.values.last }
        return value
    }

    /// A cell's months as numbers in base units with their unit (nil where a month is not finite), when it is
    /// a series of numbers (`Series.numbers`); with `flat`, a number too: the same in every month.
    func reportSeries(_ name: String, flat: Bool = false) -> (values: [Double?], unit: Unit)? {
        switch model.value(of: name) {
        case .series(let series)?:
            return series.numbers.map { numbers in (numbers.values.map { $0.isFinite ? $0 : nil }, numbers.unit) }
        case .number(let number, let unit)? where flat && number.isFinite:
            return model.timeline.map { (Array(repeating: number, count: $0.count), unit) }
        default:
            return nil
        }
    }

    /// A cell's value when it is a series of numbers.
    private func numericSeries(_ name: String) -> Series? {
        guard case .series(let series)? = model.value(of: name), series.numbers != nil else { return nil }
        return series
    }

    /// The timeline's figures: payback month, net present value, cumulative net at the end, headcount.
    private func reportTimelineFigures(_ timeline: Timeline, _ uncertain: Set<Int>) -> [BoardReport.Figure] {
        let text = CellText(model, uncertain: uncertain)
        let mark = { (name: String) -> String in
            self.model.cellIds[name].map { uncertain.contains($0) } ?? false ? "~" : ""
        }
        var figures: [BoardReport.Figure] = []
        let last = Timeline.label(timeline.end)
        if model.value(of: "payback_month") != nil {
            var warning = false
            if case .string? = model.value(of: "payback_month") { warning = true }
            figures.append(
                .init(
                    label: "Payback month", value: text.value(of: "payback_month"),
                    note: "the first month the plan has paid for itself (cumulative net at or above $0)",
                    cells: ["payback_month"], warning: warning))
        }
        if case .number(let npv, _)? = model.value(of: "net_present_value") {
            var note = "the monthly net over the timeline, discounted"
            if model.value(of: "discount_rate") != nil { note += " at " + text.value(of: "discount_rate") + " a year" }
            figures.append(
                .init(
                    label: "Net present value", value: text.value(of: "net_present_value"), note: note,
                    cells: ["net_present_value"], warning: npv < 0))
        }
        if let (values, unit) = reportSeries("cumulative_net"), let end = values.last ?? nil {
            figures.append(
                .init(
                    label: "Cumulative net by \(last)", value: mark("cumulative_net") + Value.format(end, unit: unit),
                    note: "the running total of the monthly net against staying all human", cells: ["cumulative_net"],
                    warning: end < 0))
        }
        if let (values, unit) = reportSeries("agents"), let first = values.first ?? nil, let end = values.last ?? nil {
            var note = "headcount at the end of \(Timeline.label(timeline.start)) and of \(last)"
            let indexed = values.enumerated().compactMap { index, value in value.map { (index, $0) } }
            if let lowest = indexed.min(by: { $0.1 < $1.1 }), lowest.1 < min(first, end) {
                note +=
                    "; lowest " + Value.format(lowest.1, unit: unit) + " in "
                    + Timeline.label(timeline.month(at: lowest.0))
            }
            figures.append(
                .init(
                    label: "Agents on the payroll",
                    value: mark("agents") + Value.format(first, unit: unit) + " → " + Value.format(end, unit: unit),
                    note: note,
                    cells: ["agents"]))
        }
        return figures
    }

    /// One row per calendar year (`TimelinePeriods.calendarGroups`): the flows summed over its months (a flow's
    /// `Series.total`), the stocks at its last month; a total row for the flows.
    private func reportTimelineYears(_ timeline: Timeline) -> BoardReport.Table? {
        let flows = Self.reportTimelineFlows.compactMap { column in numericSeries(column.cell).map { (column, $0) } }
        let stocks = Self.reportTimelineStocks.compactMap { column in numericSeries(column.cell).map { (column, $0) } }
        guard !flows.isEmpty || !stocks.isEmpty else { return nil }
        let total = { (series: Series, positions: Range<Int>) -> String in
            let part = Series(start: series.start + positions.lowerBound, values: Array(series.values[positions]))
            return part.total?.display ?? "–"
        }
        let years = TimelinePeriods.calendarGroups(timeline, months: 12)
        var rows: [BoardReport.Table.Row] = years.map { year in
            let positions = year.positions
            var label = String(year.year)
            if positions.count < 12 {
                label +=
                    " (" + Timeline.label(timeline.month(at: positions.lowerBound)).suffix(2) + "–"
                    + Timeline.label(timeline.month(at: positions.upperBound - 1)).suffix(2) + ")"
            }
            return .init(
                cells: [label] + flows.map { total($0.1, positions) }
                    + stocks.map { $0.1.values[positions.upperBound - 1].display })
        }
        if rows.count > 1 && !flows.isEmpty {
            let whole = 0..<timeline.count
            rows.append(
                .init(
                    cells: ["whole timeline"] + flows.map { total($0.1, whole) } + stocks.map { _ in "" },
                    kind: .summary))
        }
        let columns = flows.map(\.0) + stocks.map(\.0)
        return BoardReport.Table(
            columns: ["year"] + columns.map(\.heading), columnCells: [""] + columns.map(\.cell), rows: rows,
            flagNote: nil)
    }

    /// Line charts by month: cumulative net, headcount against the workload, the monthly flows, then each
    /// watched series not shown yet.
    private func reportTimelineCharts(_ timeline: Timeline) -> [Chart] {
        let x = XAxis.labels("month", timeline.labels)
        let span = Timeline.label(timeline.start) + " to " + Timeline.label(timeline.end)
        var charts: [Chart] = []
        var shown: Set<String> = []
        let chart = { (title: String, subtitle: String?, names: [String]) -> Chart? in
            // The first name must be a series; the others may be numbers, drawn flat (a target, a workload).
            let lines = names.enumerated().compactMap { index, name in
                self.reportSeries(name, flat: index > 0).map { (name, $0.values, $0.unit) }
            }
            guard names.first == lines.first?.0, let unit = lines.first?.2 else { return nil }
            let series = lines.filter { $0.2.sameDimension(as: unit) }
            shown.formUnion(series.map(\.0))
            let plot = LinePlot(
                x: x, y: ValueAxis(label: series.map(\.0).joined(separator: ", "), unit: unit),
                series: series.map { PlotSeries(label: $0.0, values: $0.1) })
            return Chart(title: title, subtitle: subtitle, panels: [ChartPanel(plot: .line(plot))])
        }
        var payback: String?
        if let value = model.value(of: "payback_month") {
            if case .string(let text) = value { payback = text } else { payback = "pays back in " + value.display }
        }
        if let cumulative = chart("Cumulative net by month, \(span)", payback, ["cumulative_net"]) {
            charts.append(cumulative)
        }
        if let agents = chart(
            "Agents on the payroll and the agents the workload needs, \(span)",
            "headcount moves only as fast as attrition, layoffs and hiring allow", ["agents", "needed_agents"])
        {
            charts.append(agents)
        }
        if let flows = chart(
            "Monthly net, retention cost and transition cost, \(span)", "each month against staying all human",
            Self.reportTimelineFlows.map(\.cell))
        {
            charts.append(flows)
        }
        for name in model.watches where !shown.contains(name) {
            if let watched = chart("\(name) by month, \(span)", nil, [name]) { charts.append(watched) }
        }
        return charts
    }
}
