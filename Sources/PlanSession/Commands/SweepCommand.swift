import PlanCharts
import PlanCore
import PlanGraph

extension Command {
    /// The default number of steps of a sweep.
    static let defaultSweepSteps = 11

    /// `:sweep INPUT from A to B [steps N] [and INPUT from A to B [steps N]] [show EXPR, …]`.
    ///
    /// Without `show`, the watched cells; a watched series shows as its total (a flow) or its last month.
    static let sweep = Command(
        "sweep", usage: ":sweep input from a to b [steps n] [show expr, …]",
        summary: "a table and chart of outputs over an input (`and input from …` for two)",
        details: whatIfDetails + [
            "Without `show`, the watched cells, a series as its total (a flow: `total(monthly_net)`) or its last"
                + " month (`at(agents, 2026-12)`)."
        ], effect: .shows,
        arguments: sweepAxis + [
            .optional([.keyword("and")] + sweepAxis),
            .optional([.keyword("show"), .expressions(key: "output", what: "an expression after `show`")]),
        ],
        run: runSweep)

    /// One axis: `INPUT from A to B [steps N]`.
    private static let sweepAxis: [ArgumentGrammar] = [
        .cell(key: "input", what: "the input to sweep (a cell name)", offers: .cells), .keyword("from"),
        .range(key: "range", what: "a range `A to B` after `from`"),
        .optional([.keyword("steps"), .number(key: "count", what: "a number of steps after `steps`")]),
    ]

    /// One axis as written: the input, its range and its steps (nil: not written).
    private struct SweepAxis {
        var input: WhatIfInput
        var low: Value
        var high: Value
        var steps: Int?
        var span: SourceSpan
        var rangeSpan: SourceSpan?
    }

    /// A watched cell as a sweep's output: the cell, or for a series its total (a flow) or its last month, so
    /// that each point of the sweep is one number (a series shown with `show` is an error that says so).
    private static func watchedOutput(_ name: String, in model: Model) -> WhatIfObjective {
        let cell = WhatIfObjective(expression: Expr(.name(name), SourceSpan(start: 0, end: 0)), label: name)
        guard case .series(let series)? = model.value(of: name) else { return cell }
        let text =
            series.total != nil ? "total(\(name))" : "at(\(name), \(Timeline.label(series.timeline.end)))"
        let file = SourceFile(name: nil, text: text)
        guard let expr = try? Parser.parseExpression(file) else { return cell }
        return WhatIfObjective(expression: expr, label: text)
    }

    private static func runSweep(_ context: CommandContext) throws(Diagnostic) -> ExitStatus {
        let model = context.model
        // The arguments in order: each `input` starts an axis; its range and steps follow it.
        var axes: [SweepAxis] = []
        let twoWay = context.arguments.has("and")
        for argument in context.arguments.items {
            switch (argument.key, argument.value) {
            case ("input", .cell(let cell)):
                axes.append(
                    SweepAxis(
                        input: context.input(cell), low: .plain(0), high: .plain(0), steps: nil, span: argument.span))
            case ("range", _):
                let (low, high) = try context.range(argument)
                axes[axes.count - 1].low = low
                axes[axes.count - 1].high = high
                axes[axes.count - 1].span = axes[axes.count - 1].span.merged(with: argument.span)
                axes[axes.count - 1].rangeSpan = argument.span
            case ("count", .number(let value, _)):
                let limit = twoWay ? 100 : 1_000
                guard value == value.rounded(), value >= 2, value <= Double(limit) else {
                    throw context.error("`steps` takes a whole number from 2 to \(limit)", at: argument.span)
                }
                axes[axes.count - 1].steps = Int(value)
            default: break
            }
        }
        var outputs: [WhatIfObjective] = []
        let shown = context.arguments.all("output")
        for argument in shown {
            guard case .expression(let expr) = argument.value else { continue }
            outputs.append(try context.objective(expr))
        }
        if shown.isEmpty {
            guard !model.watches.isEmpty else {
                throw context.error(
                    "nothing to show: add `show expr, …` or `:watch` a cell", hint: "usage: " + sweep.usage)
            }
            let names = axes.count == 2 ? Array(model.watches.prefix(1)) : model.watches
            outputs = names.map { name in watchedOutput(name, in: model) }
        }
        if axes.count == 2 && outputs.count != 1, let first = shown.first, let last = shown.last {
            throw context.error("a two-way sweep shows one output: `show expr`", at: first.span.merged(with: last.span))
        }
        let fallback = axes.last?.steps ?? defaultSweepSteps
        var values: [[Value]] = []
        for axis in axes {
            do throws(EvalError) {
                values.append(
                    try model.sweepValues(of: axis.input, from: axis.low, to: axis.high, steps: axis.steps ?? fallback))
            } catch {
                throw context.diagnostic(error, at: error.kind == .outOfRange ? axis.rangeSpan ?? axis.span : axis.span)
            }
        }
        do throws(EvalError) {
            if axes.count == 2 {
                let grid = try model.sweep(
                    axes[0].input, values: values[0], by: axes[1].input, values: values[1], output: outputs[0])
                context.session.lastChart = Chart.sweep(grid)
                context.emit(SweepGridView(grid: grid).render(width: context.width))
            } else {
                let result = try model.sweep(axes[0].input, values: values[0], outputs: outputs)
                context.session.lastChart = Chart.sweep(result)
                context.emit(SweepView(result: result).render(width: context.width))
            }
        } catch {
            throw context.diagnostic(error)
        }
        return .success
    }
}
