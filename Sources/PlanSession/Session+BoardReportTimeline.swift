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

    /// The report's notes on those months, in words (nil without a timeline).
    func reportMonthNotes() -> (headline: String?, tiers: String?) {
        guard let timeline = model.timeline else { return (nil, nil) }
        let (headline, tiers) = reportMonths()
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

    /// A cell's months as numbers in base units with their unit, when it is a series of numbers (or, with
    /// `flat`, a number: the same in every month).
    func reportSeries(_ name: String, flat: Bool = false) -> (values: [Double?], unit: Unit)? {
        if flat, let count = model.timeline?.count, case .number(let number, let unit)? = model.value(of: name),
            number.isFinite
        {
            return (Array(repeating: number, count: count), unit)
        }
        guard case .series(let series)? = model.value(of: name) else { return nil }
        var unit: Unit?
        let values = series.values.map { value -> Double? in
            guard case .number(let number, let own) = value, number.isFinite else { return nil }
            if unit == nil { unit = own }
            return number
        }
        guard let unit else { return nil }
        return (values, unit)
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

    /// One row per calendar year: the flows summed over its months, the stocks at its last month; a total
    /// row for the flows.
    private func reportTimelineYears(_ timeline: Timeline) -> BoardReport.Table? {
        let flows = Self.reportTimelineFlows.compactMap { column in
            reportSeries(column.cell).map { (column.cell, column.heading, $0.values, $0.unit) }
        }
        let stocks = Self.reportTimelineStocks.compactMap { column in
            reportSeries(column.cell).map { (column.cell, column.heading, $0.values, $0.unit) }
        }
        guard !flows.isEmpty || !stocks.isEmpty else { return nil }
        let month = Unit.atom(.month)
        let flowTotal = { (values: ArraySlice<Double?>, unit: Unit) -> String in
            guard values.allSatisfy({ $0 != nil }) else { return "–" }
            let sum = values.reduce(0.0) { $0 + ($1 ?? 0) } * Timeline.monthSeconds
            return Value.format(sum, unit: unit.multiplied(by: month))
        }
        var rows: [BoardReport.Table.Row] = []
        var position = 0
        while position < timeline.count {
            let monthNumber = timeline.month(at: position)
            let year = Int((Double(monthNumber) / 12).rounded(.down))
            let end = min(timeline.count, position + (year * 12 + 12 - monthNumber))
            let count = end - position
            var label = String(year)
            if count < 12 {
                label +=
                    " (" + Timeline.label(monthNumber).suffix(2) + "–"
                    + Timeline.label(timeline.month(at: end - 1)).suffix(2) + ")"
            }
            var cells = [label]
            for (_, _, values, unit) in flows { cells.append(flowTotal(values[position..<end], unit)) }
            for (_, _, values, unit) in stocks {
                cells.append((values[end - 1]).map { Value.format($0, unit: unit) } ?? "–")
            }
            rows.append(.init(cells: cells))
            position = end
        }
        if rows.count > 1 && !flows.isEmpty {
            var cells = ["whole timeline"]
            for (_, _, values, unit) in flows { cells.append(flowTotal(values[...], unit)) }
            cells += stocks.map { _ in "" }
            rows.append(.init(cells: cells, kind: .summary))
        }
        return BoardReport.Table(
            columns: ["year"] + flows.map(\.1) + stocks.map(\.1), columnCells: [""] + flows.map(\.0) + stocks.map(\.0),
            rows: rows, flagNote: nil)
    }

    /// Line charts by month: cumulative net, headcount against the workload, the monthly flows, then each
    /// watched series not shown yet.
    private func reportTimelineCharts(_ timeline: Timeline) -> [Chart] {
        let year = Int((Double(timeline.start) / 12).rounded(.down))
        let x = XAxis.months(from: year, month: timeline.start - year * 12 + 1, count: timeline.count)
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
