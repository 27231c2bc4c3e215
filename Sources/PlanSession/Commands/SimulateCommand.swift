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
        for argument in context.arguments.all("cell") {
            guard case .cell(let cell) = argument.value else { continue }
            _ = try context.existingCell(cell)
            if let field = cell.field, let fieldSpan = cell.fieldSpan {
                guard case .record(let record)? = context.model.value(of: cell.name) else {
                    throw context.error("`\(cell.name)` is not a record", at: fieldSpan, kind: .unknownField)
                }
                guard record[field] != nil else {
                    throw context.error(
                        "`\(cell.name)` has no field `\(field)`", at: fieldSpan, kind: .unknownField,
                        hint: Suggestion.hint(for: field, among: record.keys))
                }
            }
            names.append(cell.text)
        }
        if names.isEmpty {
            let uncertain = context.model.uncertainCellNames
            let watched = context.model.watches.filter { uncertain.contains($0) }
            names = watched.isEmpty ? uncertain : watched
        }
        if names.isEmpty {
            throw context.error(
                "nothing to simulate: no cell depends on a distribution (`a to b`, normal(…), …)", kind: .other)
        }
        let model = context.model
        let cells = names.map { String($0.prefix { $0 != "." }) }
        if !cells.contains(where: { model.cell($0) == nil || model.isUncertain($0) }) {
            throw context.error(
                "nothing to simulate: " + names.map { "`\($0)`" }.joined(separator: ", ")
                    + " depend\(names.count == 1 ? "s" : "") on no distribution (`a to b`, normal(…), …)", kind: .other)
        }
        try session.checkSimulationSize(names, samples: count, fail: { context.error($0) })
        let outputs: [SimulatedOutput]
        do throws(EvalError) {
            outputs = try context.model.simulate(names, samples: count, seed: session.seed)
        } catch {
            if error.isInterrupted { throw context.diagnostic(error) }
            throw context.error(error.message, kind: error.kind)
        }
        session.lastChart = Chart.simulation(outputs, samples: count, seed: session.seed) ?? session.lastChart
        context.emit(SimulationView(outputs: outputs, samples: count, seed: session.seed).render(width: context.width))
        return .success
    }
}
