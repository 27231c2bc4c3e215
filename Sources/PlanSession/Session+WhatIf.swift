import PlanCore
import PlanGraph

/// The what-if commands (`:goalseek`, `:maximize`, `:minimize`, `:sweep`, `:sensitivity`, `:scenario`,
/// `:scenarios`, `:compare`): parsing of the command text and the text they print. The model is never
/// changed by them (except `:scenario load`); the engine is in `PlanGraph/WhatIf`.
extension Session {
    /// Runs one what-if command and returns its output.
    func whatIf(_ name: String, _ argument: String, statement: Statement) throws(Diagnostic) -> String {
        switch name {
        case "scenario": return try scenarioCommand(argument, statement: statement)
        case "scenarios": return scenarioList()
        case "compare": return try compare(argument, statement: statement)
        default: break
        }
        let text = try CommandText(statement: statement, name: name, argument: argument)
        switch name {
        case "goalseek": return try goalSeek(text)
        case "maximize", "minimize": return try optimize(text, maximize: name == "maximize")
        case "sweep": return try sweep(text)
        default: return try sensitivity(text)
        }
    }

    /// `:goalseek EXPR = VALUE by INPUT [in LO to HI]`.
    private func goalSeek(_ text: CommandText) throws(Diagnostic) -> String {
        let usage = "usage: :goalseek expr = value by input [in lo to hi]"
        guard let equals = text.find({ $0.isSymbol(.assign) }) else {
            throw text.error("expected `=` and the value to reach", hint: usage)
        }
        guard let by = text.findWord("by", from: equals + 1) else {
            throw text.error(
                "expected `by` and the input to vary", at: text.span(from: equals, to: text.tokens.count),
                hint: usage)
        }
        let objective = try objective(text, from: 0, to: equals)
        let targetExpr = try text.expression(from: equals + 1, to: by, what: "the value to reach after `=`")
        let target = try evaluate(targetExpr, text)
        let (input, next) = try text.input(at: by + 1, what: "the input to vary after `by`")
        let range = try optionalRange(text, from: next, usage: usage)
        let result: GoalSeekResult
        do throws(EvalError) {
            result = try model.goalSeek(
                objective, equals: target, by: input, in: range, grid: objective.isProbability ? 16 : 64)
        } catch {
            let onTarget = error.message.hasPrefix("`\(objective.label)` is ")
            throw text.diagnostic(error, at: onTarget ? targetExpr.span : text.span(from: by + 1, to: next))
        }
        guard case .number(let answer, let unit) = result.value else { return "" }
        var lines = [answerLine(input, answer, unit, tolerance: result.tolerance)]
        let before = displayNumber(try? model.inputValue(input))
        let now = (try? objective.value(on: model)).map(\.display) ?? "?"
        let sampling = objective.isProbability ? "; \(objective.samples) samples, seed \(objective.seed)" : ""
        if objective.isProbability && !result.isExact {
            // A Monte Carlo probability moves in steps of one sample: the answer is where it crosses.
            lines.append(
                "  \(objective.label) = \(result.achieved.display) there, \(result.otherSide.display) just past it"
                    + " (now \(now) at \(before))\(sampling)")
        } else if result.isExact, case .number(let goal, _) = target, case .number(_, let unit) = result.achieved {
            // Within 1e-9 of the objective's scale: show the target itself, not rounding noise.
            lines.append(
                "  \(objective.label) = \(Value.format(goal, unit: unit)) there (now \(now) at \(before))\(sampling)")
        } else {
            lines.append(
                "  \(objective.label) jumps across \(target.display) there: \(result.achieved.display) on one side,"
                    + " \(result.otherSide.display) on the other (now \(now) at \(before))")
        }
        if !result.otherSolutions.isEmpty {
            let others = result.otherSolutions.map(\.display).joined(separator: ", ")
            lines.append("  other solutions in the range: \(others) (this one is nearest the current \(before))")
        }
        if let note = inputNote(input) { lines.append(note) }
        if let note = certaintyNote(objective) { lines.append(note) }
        return lines.joined(separator: "\n")
    }

    /// A note when a probability's condition depends on no distribution, so it can only be 0% or 100%.
    private func certaintyNote(_ objective: WhatIfObjective) -> String? {
        guard objective.isProbability, !isUncertain(objective.expression) else { return nil }
        return "  note: nothing in the condition is uncertain (no range or distribution), so it is 0% or 100%"
    }

    /// `:maximize EXPR by INPUT in LO to HI` and `:minimize …`.
    private func optimize(_ text: CommandText, maximize: Bool) throws(Diagnostic) -> String {
        let usage = "usage: :\(maximize ? "maximize" : "minimize") expr by input in lo to hi"
        guard let by = text.findWord("by") else { throw text.error("expected `by` and the input to vary", hint: usage) }
        let objective = try objective(text, from: 0, to: by)
        let (input, next) = try text.input(at: by + 1, what: "the input to vary after `by`")
        guard let range = try optionalRange(text, from: next, usage: usage) else {
            throw text.error(
                "expected `in LO to HI` after the input: the range to search", at: text.span(from: next, to: next),
                hint: usage)
        }
        let result: OptimumResult
        do throws(EvalError) {
            result = try model.optimize(
                objective, by: input, in: range, maximize: maximize, grid: objective.isProbability ? 20 : 100)
        } catch {
            throw text.diagnostic(error, at: text.span(from: by + 1, to: text.tokens.count))
        }
        guard case .number(let answer, let unit) = result.value else { return "" }
        let before = displayNumber(try? model.inputValue(input))
        var lines = [answerLine(input, answer, unit, tolerance: result.tolerance)]
        lines.append(
            "  \(objective.label) = \(result.best.display) at the \(maximize ? "maximum" : "minimum")"
                + " (now \(result.current.display) at \(before)); searched \(result.searched.low.display)"
                + " to \(result.searched.high.display)"
                + (objective.isProbability ? "; \(objective.samples) samples, seed \(objective.seed)" : ""))
        if let note = certaintyNote(objective) { lines.append(note) }
        if result.atBoundary {
            lines.append(
                "  the \(maximize ? "maximum" : "minimum") is at an end of the range: it may lie beyond it")
        }
        if let note = inputNote(input) { lines.append(note) }
        return lines.joined(separator: "\n")
    }

    /// `:sensitivity EXPR`: a tornado chart of the inputs that move the expression most.
    private func sensitivity(_ text: CommandText) throws(Diagnostic) -> String {
        guard !text.tokens.isEmpty else { throw text.error("usage: :sensitivity expr") }
        let objective = try objective(text, from: 0, to: text.tokens.count)
        try checkSimulationSize(
            outputs: 1, samples: samples, blockCells: model.uncertainNodes().count, what: "`:sensitivity`",
            fail: { text.error($0) })
        let result: SensitivityResult
        do throws(EvalError) {
            result = try model.sensitivity(objective, samples: samples, seed: seed)
        } catch {
            throw text.diagnostic(error)
        }
        return WhatIfCharts.tornado(result)
    }

    /// The objective written in tokens `from..<to`: `prob(cond)` or an expression, checked on the model.
    func objective(_ text: CommandText, from: Int, to: Int) throws(Diagnostic) -> WhatIfObjective {
        let expr = try text.expression(from: from, to: to, what: "an expression")
        let label = text.text(of: expr)
        if case .call("prob", _, let args) = expr.kind, model.function("prob") == nil, model.builtins["prob"] == nil {
            guard args.count == 1, let condition = args.first else {
                throw text.error("`prob` takes one condition: `prob(net_value < $0)`", at: expr.span)
            }
            _ = try evaluate(condition, text)
            try checkSimulationSize(
                outputs: 1, samples: samples, blockCells: model.uncertainNodes().count + 1, what: "`prob(…)`",
                fail: { text.error($0, at: expr.span) })
            return WhatIfObjective(probabilityOf: condition, label: label, samples: samples, seed: seed)
        }
        _ = try evaluate(expr, text)
        return WhatIfObjective(expression: expr, label: label)
    }

    /// `in LO to HI` from token `from` to the end, or nil when nothing follows.
    private func optionalRange(
        _ text: CommandText, from: Int, usage: String
    ) throws(Diagnostic) -> (low: Value, high: Value)? {
        guard from < text.tokens.count else { return nil }
        guard text.tokens[from].isKeyword(.in) else {
            throw text.error(
                "expected `in LO to HI` or the end of the command, found \(text.tokens[from].description)",
                at: text.span(from: from, to: from + 1), hint: usage)
        }
        return try range(text, from: from + 1, to: text.tokens.count, what: "a range `LO to HI` after `in`")
    }

    /// `LO to HI` in tokens `from..<to`, evaluated.
    func range(
        _ text: CommandText, from: Int, to: Int, what: String
    ) throws(Diagnostic) -> (low: Value, high: Value) {
        let expr = try text.expression(from: from, to: to, what: what)
        guard case .interval(let low, let high) = expr.kind else {
            throw text.error("expected \(what)", at: expr.span, hint: "e.g. `0% to 100%` or `$0 to $3`")
        }
        return (try evaluate(low, text), try evaluate(high, text))
    }

    /// Evaluates an expression of the command against the model.
    func evaluate(_ expr: Expr, _ text: CommandText) throws(Diagnostic) -> Value {
        do throws(EvalError) {
            return try model.evaluate(expr)
        } catch {
            throw error.diagnostic(in: text.file)
        }
    }

    /// `  input = 4.1%   (to apply: input = 4.1%)`: the answer and the statement that applies it.
    private func answerLine(_ input: WhatIfInput, _ answer: Double, _ unit: Unit, tolerance: Double) -> String {
        let literal = Value.literal(answer, unit: unit, within: tolerance)
        return "  \(input.name) = \(Value.format(answer, unit: unit))   (to apply: \(input.name) = \(literal))"
    }

    /// A number for display, `?` when missing.
    func displayNumber(_ value: Value?) -> String { value?.display ?? "?" }

    /// A note when the input is not a plain input: applying the answer replaces a formula or a range.
    private func inputNote(_ input: WhatIfInput) -> String? {
        guard input.field == nil, let node = model.cell(input.cell) else { return nil }
        if node.drawsFromDistribution {
            return "  note: `\(input.cell)` is a range now (\(node.formulaOneLine)); applying makes it a point"
        }
        if !node.deps.isEmpty {
            return "  note: `\(input.cell)` is a formula now (\(node.formulaOneLine)); applying replaces it"
        }
        return nil
    }
}
