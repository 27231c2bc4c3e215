import PlanCore
import PlanGraph

/// What the what-if commands (`:goalseek`, `:maximize`, `:minimize`, `:sweep`, `:sensitivity`) share: the
/// objective, the input and the range as written, and the lines that report an answer. They never change
/// the model; the engine is in `PlanGraph/WhatIf`.
extension CommandContext {
    /// The objective an expression of the arguments writes: `prob(cond)` or an expression, checked on the model.
    func objective(_ expr: Expr) throws(Diagnostic) -> WhatIfObjective {
        let label = text(of: expr)
        if case .call("prob", _, let args) = expr.kind, model.function("prob") == nil, model.builtins["prob"] == nil {
            guard args.count == 1, let condition = args.first else {
                throw error("`prob` takes one condition: `prob(net_value < $0)`", at: expr.span)
            }
            _ = try evaluate(condition)
            try session.checkSimulationSize(
                outputs: 1, samples: session.samples, blockCells: model.uncertainNodes().count + 1,
                what: "`prob(…)`", fail: { error($0, at: expr.span) })
            return WhatIfObjective(
                probabilityOf: condition, label: label, samples: session.samples, seed: session.seed)
        }
        // A series is not one number: the error names the aggregates that make one (`total`, `at`, `npv`).
        if case .series(let series) = try evaluate(expr) {
            let error = WhatIfObjective.seriesError(label, series, span: expr.span)
            throw diagnostic(error, at: expr.span)
        }
        return WhatIfObjective(expression: expr, label: label)
    }

    /// The input a cell argument names (`name` or `name.field`).
    func input(_ cell: CellReference) -> WhatIfInput { WhatIfInput(cell.name, field: cell.field) }

    /// A `LO to HI` argument, evaluated.
    func range(_ argument: CommandArgument) throws(Diagnostic) -> (low: Value, high: Value) {
        guard case .range(let low, let high) = argument.value else {
            throw error("expected a range `LO to HI`", at: argument.span)
        }
        return (try evaluate(low), try evaluate(high))
    }

    /// A `LO to HI` argument as the range a search of `input` covers: checked, and cut to the input's valid range
    /// (errors under the range).
    func searchRange(_ argument: CommandArgument, for input: WhatIfInput) throws(Diagnostic) -> (
        low: Value, high: Value
    ) {
        let asked = try range(argument)
        do throws(EvalError) {
            return try model.searchRange(asked, for: input)
        } catch {
            throw diagnostic(error, at: argument.span)
        }
    }

    /// A note when a search was asked to go beyond the input's valid range and stayed inside it. (A search with no
    /// range written stays inside without a note: where it finds nothing, its error says how far it searched.)
    func rangeNote(_ input: WhatIfInput, asked argument: CommandArgument?) -> String? {
        guard let valid = model.validRange(of: input), let argument else { return nil }
        guard case .range(let lowExpr, let highExpr) = argument.value, let low = try? model.evaluate(lowExpr),
            let high = try? model.evaluate(highExpr), case .number(let a, _) = low, case .number(let b, _) = high,
            !valid.contains(min(a, b)) || !valid.contains(max(a, b))
        else { return nil }
        return
            "  note: `\(input.name)` is valid within \(valid.text), so only that part of \(arguments.text(of: argument.span))"
            + " was searched"
    }

    /// `  input = 4.1%   (to apply: input = 4.1%)`: the answer and the statement that applies it.
    func answerLine(_ input: WhatIfInput, _ answer: Double, _ unit: Unit, tolerance: Double) -> String {
        let literal = Value.literal(answer, unit: unit, within: tolerance)
        return "  \(input.name) = \(Value.format(answer, unit: unit))   (to apply: \(input.name) = \(literal))"
    }

    /// A note when a probability's condition depends on no distribution, so it can only be 0% or 100%.
    func certaintyNote(_ objective: WhatIfObjective) -> String? {
        guard objective.isProbability, !CellText(model).isUncertain(objective.expression) else { return nil }
        return "  note: nothing in the condition is uncertain (no range or distribution), so it is 0% or 100%"
    }

    /// A note when the input is not a plain input: applying the answer replaces a formula or a range.
    func inputNote(_ input: WhatIfInput) -> String? {
        guard input.field == nil, let node = model.cell(input.cell) else { return nil }
        if node.drawsFromDistribution {
            return "  note: `\(input.cell)` is a range now (\(node.formulaOneLine)); applying makes it a point"
        }
        if !node.deps.isEmpty {
            return "  note: `\(input.cell)` is a formula now (\(node.formulaOneLine)); applying replaces it"
        }
        return nil
    }

    /// The input's current value for display, `?` when it has none.
    func currentValue(_ input: WhatIfInput) -> String { (try? model.inputValue(input))?.display ?? "?" }
}
