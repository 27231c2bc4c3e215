import PlanCharts
import PlanCore
import PlanGraph

extension Command {
    /// `:simulate [n] [name …]`: Monte Carlo over every distribution, one row per cell.
    static let simulate = Command(
        "simulate", usage: ":simulate [n] [name…]",
        summary: "Monte Carlo over every distribution: mean, p5, p50, p95, P(< 0)", effect: .shows,
        arguments: [
            .optional([.number(key: "samples", what: "a number of samples")]),
            .optional([.cells(key: "cell", what: "a cell to simulate", offers: .cells)]),
        ]
    ) { context throws(Diagnostic) in
        let session = context.session
        var count = session.samples
        if let argument = context.arguments["samples"], let (value, _) = context.arguments.number("samples") {
            guard value == value.rounded(), value >= 2, value <= 100_000_000 else {
                throw context.error("the sample count must be a whole number from 2 to 100,000,000", at: argument.span)
            }
            count = Int(value)
        }
        var names: [String] = []
        var cells: [String] = []
        var spans: [SourceSpan] = []
        for argument in context.arguments.all("cell") {
            guard case .cell(let cell) = argument.value else { continue }
            _ = try context.existingCell(cell)
            if let field = cell.field, let fieldSpan = cell.fieldSpan {
                guard case .record(let record)? = Self.recordShape(context.model.value(of: cell.name)) else {
                    throw context.error("`\(cell.name)` is not a record", at: fieldSpan, kind: .unknownField)
                }
                guard record[field] != nil else {
                    throw context.error(
                        "`\(cell.name)` has no field `\(field)`", at: fieldSpan, kind: .unknownField,
                        hint: Suggestion.hint(for: field, among: record.keys))
                }
            }
            names.append(cell.text)
            cells.append(cell.name)
            spans.append(argument.span)
        }
        // Only what depends on a distribution is simulated; the rest is named, with its value, not dropped silently.
        let uncertain = Set(context.model.uncertainCellNames)
        var leftOut: [String] = []
        var notShown: [String] = []
        if names.isEmpty {
            let watched = context.model.watches.filter { uncertain.contains($0) }
            leftOut = context.model.watches.filter { !uncertain.contains($0) }
            names = watched.isEmpty ? context.model.uncertainCellNames : watched
            if watched.isEmpty {
                leftOut = []
                (names, notShown) = Self.defaultSimulated(names, context.model)
            }
        } else {
            leftOut = zip(names, cells).filter { !uncertain.contains($0.1) }.map(\.0)
            names = zip(names, cells).filter { uncertain.contains($0.1) }.map(\.0)
        }
        if names.isEmpty {
            throw context.error(
                "nothing to simulate: "
                    + (leftOut.isEmpty
                        ? "no cell depends on a distribution (`a to b`, normal(…), …)"
                        : leftOut.map { "`\($0)`" }.joined(separator: ", ")
                            + (leftOut.count == 1 ? " does" : " do") + " not depend on a distribution"),
                at: spans.first, kind: .other, hint: leftOut.isEmpty ? nil : "give an input it uses a range (`a to b`)")
        }
        let model = context.model
        try session.checkSimulationSize(names, samples: count, fail: { context.error($0) })
        let outputs: [SimulatedOutput]
        do throws(EvalError) {
            outputs = try context.model.simulate(names, samples: count, seed: session.seed)
        } catch {
            if error.isInterrupted { throw context.diagnostic(error) }
            throw context.error(error.message, kind: error.kind)
        }
        // A series gives one output per month: shown as p5/p50/p95 by month with a fan chart (the last chart);
        // a scalar (an aggregate such as `total(x)`) as a row with its histogram, as before.
        guard let (series, scalars) = SimulatedSeries.group(outputs, isCancelled: model.isCancelled) else {
            throw context.diagnostic(.interrupted)
        }
        session.lastChart =
            Chart.simulation(
                fans: Chart.fans(series, samples: count, seed: session.seed),
                histograms: Chart.simulation(scalars, samples: count, seed: session.seed),
                names: series.map(\.name) + scalars.map(\.name), samples: count, seed: session.seed)
            ?? session.lastChart
        if !scalars.isEmpty || series.isEmpty {
            context.emit(
                SimulationView(outputs: scalars, samples: count, seed: session.seed).render(width: context.width))
        } else {
            context.emit("  \(count) samples, seed \(session.seed)")
        }
        for simulated in series {
            context.emit(SimulatedSeriesView(series: simulated).render(width: context.width))
        }
        if !leftOut.isEmpty { context.emit(Self.leftOutNote(leftOut, context.model)) }
        if !notShown.isEmpty {
            context.emit(
                "  not simulated: " + notShown.joined(separator: ", ") + " (`:simulate N NAME …` picks the cells)")
        }
        return .success
    }

    /// The cells `:simulate` with no names and no watches simulates, and the series it leaves out.
    ///
    /// Every uncertain number and record of numbers; of the series (one view each, month by month), the
    /// standard timeline outputs the model has, else the first six. Flags and texts are left out.
    private static func defaultSimulated(_ names: [String], _ model: Model) -> (shown: [String], notShown: [String]) {
        var scalars: [String] = []
        var series: [String] = []
        for name in names {
            guard let value = model.value(of: name) else { continue }
            var shape = value
            if case .series(let months) = value, let first = months.values.first { shape = first }
            switch shape {
            case .number: break
            case .record(let record)
            where record.values.contains(where: { if case .number = $0 { true } else { false } }):
                break
            default: continue
            }
            if value.isSeries { series.append(name) } else { scalars.append(name) }
        }
        let standard = standardTimelineOutputs.filter(series.contains)
        let shown = standard.isEmpty ? Array(series.prefix(Chart.simulationPanels)) : standard
        return (scalars + shown, series.filter { !shown.contains($0) })
    }

    /// "  left out (no distribution upstream): contacts = 3.45M/month, fte_cost = $60k/year".
    private static func leftOutNote(_ names: [String], _ model: Model) -> String {
        let shown = names.map { name -> String in
            var value: Value? = model.value(of: name)
            if value == nil, let dot = name.firstIndex(of: "."),
                case .record(let record)? = recordShape(
                    model.value(of: String(name[..<dot])))
            {
                value = record[String(name[name.index(after: dot)...])]
            }
            return value.map { name + " = " + $0.display } ?? name
        }
        return "  left out, not uncertain (no distribution upstream): " + shown.joined(separator: ", ")
    }

    /// A record value, or the first month of a series of records (its shape: the same keys every month).
    private static func recordShape(_ value: Value?) -> Value? {
        if case .series(let series)? = value { return series.values.first }
        return value
    }
}
