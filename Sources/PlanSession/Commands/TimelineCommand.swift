import PlanCharts
import PlanCore
import PlanGraph

extension Command {
    /// The standard timeline outputs `:timeline` shows when no name is given (those the model has).
    static let standardTimelineOutputs = [
        "agents", "monthly_net", "cumulative_net", "retention_cost", "transition_cost", "payback_month",
        "net_present_value",
    ]

    /// The most columns `:timeline` picks by itself when the model has none of the standard outputs.
    static let timelineDefaultColumns = 6

    /// `:timeline [name …]`: a table by month (by quarter past 24 months) and a line chart per cell.
    ///
    /// A name may be a cell or one field of a record cell (`coverage.routine`); a record of series gives one
    /// column per field. A cell that is not a series (`payback_month`, a constant) is shown as one line with its
    /// value, not refused: it is the same in every month. With no names: the standard timeline outputs the
    /// model has, else its series cells in definition order (the first six). The chart is the session's last
    /// chart, for `:export svg`. Under `--json` the view goes to stderr like every view, and the model's JSON
    /// gives each series as `{"months": […], "values": […]}`.
    static let timeline = Command(
        "timeline", usage: ":timeline [name…]",
        summary: "by month (by quarter past 24), a chart per cell", effect: .shows,
        arguments: [.optional([.cells(key: "cell", what: "a cell to show over time", offers: .cells)])]
    ) { context throws(Diagnostic) in
        let model = context.model
        guard let timeline = model.timeline else {
            throw context.error(
                "`:timeline` needs a timeline: `timeline 2024-01 to 2026-12`", kind: .needsTimeline,
                hint: "set one first; the standard model then loads its timeline part")
        }
        var named: [(String, Value)] = []
        for argument in context.arguments.all("cell") {
            guard case .cell(let cell) = argument.value else { continue }
            _ = try context.existingCell(cell)
            guard let value = model.value(of: cell.name) else { continue }
            guard let field = cell.field, let fieldSpan = cell.fieldSpan else {
                named.append((cell.text, value))
                continue
            }
            let shape: Value =
                if case .series(let series) = value, let first = series.values.first { first } else { value }
            guard case .record(let record) = shape else {
                throw context.error("`\(cell.name)` is not a record", at: fieldSpan, kind: .unknownField)
            }
            guard record[field] != nil else {
                throw context.error(
                    "`\(cell.name)` has no field `\(field)`", at: fieldSpan, kind: .unknownField,
                    hint: Suggestion.hint(for: field, among: record.keys))
            }
            if case .series(let series) = value, let months = series.field(field) {
                named.append((cell.text, .series(months)))
            } else if case .record(let record) = value, let fieldValue = record[field] {
                named.append((cell.text, fieldValue))
            }
        }
        var notShown: [String] = []
        if context.arguments.all("cell").isEmpty { (named, notShown) = Self.defaultTimelineCells(model) }
        var columns: [TimelineColumn] = []
        var singles: [(name: String, value: Value)] = []
        var seen: Set<String> = []
        for (name, value) in named where seen.insert(name).inserted {
            guard case .series(let series) = value else {
                singles.append((name, value))
                continue
            }
            if case .record(let record)? = series.values.first {
                for key in record.keys where seen.insert(name + "." + key).inserted {
                    if let months = series.field(key) {
                        columns.append(TimelineColumn(name: name + "." + key, series: months))
                    }
                }
            } else {
                columns.append(TimelineColumn(name: name, series: series))
            }
        }
        if columns.isEmpty && singles.isEmpty {
            throw context.error(
                "nothing to show: no cell varies by month", kind: .other,
                hint: "a cell that uses `month`, `ramp`, `step`, `prev`… is a series; name cells: `:timeline x y`")
        }
        context.session.lastChart =
            Chart.timeline(columns, singles: singles, timeline: timeline) ?? context.session.lastChart
        context.emit(TimelineView(timeline: timeline, columns: columns, singles: singles).render(width: context.width))
        if !notShown.isEmpty {
            context.emit("  not shown: " + notShown.joined(separator: ", ") + " (`:timeline NAME …` picks the cells)")
        }
        return .success
    }

    /// The cells `:timeline` shows without names: the standard outputs the model has, else its first series
    /// cells; and the series cells left out.
    private static func defaultTimelineCells(_ model: Model) -> (shown: [(String, Value)], notShown: [String]) {
        let standard = standardTimelineOutputs.compactMap { name in model.value(of: name).map { (name, $0) } }
        if standard.contains(where: { $0.1.isSeries }) { return (standard, []) }
        let series = model.cellNames.compactMap { name -> (String, Value)? in
            guard let value = model.value(of: name), value.isSeries else { return nil }
            return (name, value)
        }
        return (Array(series.prefix(timelineDefaultColumns)), series.dropFirst(timelineDefaultColumns).map(\.0))
    }
}
