import PlanCore
import PlanGraph

extension Command {
    /// `:goalseek EXPR = VALUE by INPUT [in LO to HI]`.
    static let goalseek = Command(
        "goalseek", usage: ":goalseek expr = value by input [in lo to hi]",
        summary: "the input value that makes expr equal value",
        details: whatIfDetails + [
            "A month target (`:goalseek payback_month = 2025-01 by fte_cost`) gives the boundary: the value of the"
                + " input where expr becomes that month or earlier, nearest the input's current value (a month that"
                + " never comes, the fallback of `first`, counts as later than all)."
        ],
        effect: .shows,
        arguments: [
            .expression(key: "objective", what: "the expression to solve for"), .keyword("="),
            .expression(key: "target", what: "the value to reach after `=`"), .keyword("by"),
            .cell(key: "input", what: "the input to vary after `by` (a cell name)", offers: .cells),
            .optional([.keyword("in"), .range(key: "range", what: "a range `LO to HI` after `in`")]),
        ],
        run: runGoalSeek)

    /// What `:help` says of every what-if command about series.
    static let whatIfDetails = [
        "On a timeline, aim at one number: an aggregate of a series (`total(monthly_net)`,"
            + " `at(agents, 2025-06)`, `npv(monthly_net, 10%)`); a series itself is an error that says so."
    ]

    private static func runGoalSeek(_ context: CommandContext) throws(Diagnostic) -> ExitStatus {
        let arguments = context.arguments
        guard let objectiveExpr = arguments.expression("objective"), let targetExpr = arguments.expression("target"),
            let cell = arguments.cell("input"), let inputArgument = arguments["input"]
        else { return .success }
        let objective = try context.objective(objectiveExpr)
        let target = try context.evaluate(targetExpr)
        let input = context.input(cell)
        let model = context.model
        if case .number(let month, let unit) = target, unit.isDate, let month = Timeline.monthNumber(month) {
            // A month the timeline does not have can never be reached (nor be "or earlier" in a useful way).
            if let timeline = model.timeline {
                _ = try context.position(ofMonth: month, in: timeline, at: targetExpr.span)
            }
            return try runMonthSeek(context, objective, month, input, inputSpan: inputArgument.span)
        }
        // Each part is checked on its own, so that an error's caret is under the part that is wrong.
        do throws(EvalError) {
            _ = try model.checkGoal(target, of: objective)
        } catch {
            throw context.diagnostic(error, at: targetExpr.span)
        }
        let range = try arguments["range"].map { argument throws(Diagnostic) in
            try context.searchRange(argument, for: input)
        }
        let result: GoalSeekResult
        do throws(EvalError) {
            result = try model.goalSeek(
                objective, equals: target, by: input, in: range, grid: objective.isProbability ? 16 : 64)
        } catch {
            throw context.diagnostic(error, at: inputArgument.span)
        }
        guard case .number(let answer, let unit) = result.value else { return .success }
        var lines = [context.answerLine(input, answer, unit, tolerance: result.tolerance)]
        let before = context.currentValue(input)
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
        if let note = context.inputNote(input) { lines.append(note) }
        if let note = context.rangeNote(input, asked: arguments["range"]) { lines.append(note) }
        if let note = context.certaintyNote(objective) { lines.append(note) }
        context.emit(lines.joined(separator: "\n"))
        return .success
    }

    /// `:goalseek payback_month = 2025-01 by INPUT [in LO to HI]`: the boundary value of the input where the
    /// month becomes the target or earlier (see `Model.goalSeek(_:reaching:by:in:grid:)`).
    private static func runMonthSeek(
        _ context: CommandContext, _ objective: WhatIfObjective, _ target: Int, _ input: WhatIfInput,
        inputSpan: SourceSpan
    ) throws(Diagnostic) -> ExitStatus {
        let arguments = context.arguments
        let model = context.model
        let range = try arguments["range"].map { argument throws(Diagnostic) in
            try context.searchRange(argument, for: input)
        }
        let result: MonthSeekResult
        do throws(EvalError) {
            result = try model.goalSeek(objective, reaching: target, by: input, in: range)
        } catch {
            throw context.diagnostic(error, at: error.kind == .typeMismatch ? arguments["objective"]?.span : inputSpan)
        }
        let goal = Timeline.label(target)
        let before = context.currentValue(input)
        // A fallback string (`first(cond, "never")`) is quoted, so that it reads as the value it is.
        let show = { (value: Value) -> String in
            if case .string(let text) = value { return "\"\(text)\"" }
            return value.display
        }
        let now = (try? objective.value(on: model)).map(show) ?? "?"
        var lines = ["  \(input.name) = \(result.value.display)   (to apply: \(input.name) = \(result.literal))"]
        lines.append(
            "  \(objective.label) = \(show(result.reached)) there, \(show(result.otherSide)) just past it"
                + " (now \(now) at \(before))")
        lines.append("  the boundary where \(objective.label) becomes \(goal) or earlier")
        if case .number(let reached, _) = result.reached, reached < Double(target) {
            lines.append("  it jumps over \(goal): no value of `\(input.name)` gives \(goal) itself")
        }
        if !result.otherBoundaries.isEmpty {
            let others = result.otherBoundaries.map(\.display).joined(separator: ", ")
            lines.append("  other boundaries in the range: \(others) (this one is nearest the current \(before))")
        }
        if let note = context.inputNote(input) { lines.append(note) }
        if let note = context.rangeNote(input, asked: arguments["range"]) { lines.append(note) }
        context.emit(lines.joined(separator: "\n"))
        return .success
    }
}
