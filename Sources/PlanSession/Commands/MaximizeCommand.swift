import PlanCore
import PlanGraph

extension Command {
    /// `:maximize EXPR by INPUT in LO to HI`.
    static let maximize = Command(
        "maximize", usage: ":maximize expr by input in lo to hi [subject to cond, …]",
        summary: "the input value that makes expr largest (with floors: `subject to csat_tier.complex >= 80%`)",
        details: whatIfDetails + [
            "A constraint on a series (`subject to agents >= 90`) must hold in every month; the answer names"
                + " its tightest month."
        ],
        effect: .shows, arguments: optimizeArguments(what: "the expression to maximize")
    ) { context throws(Diagnostic) in try runOptimize(context, maximize: true) }

    /// The arguments of `:maximize` and `:minimize`.
    static func optimizeArguments(what: String) -> [ArgumentGrammar] {
        [
            .expression(key: "objective", what: what), .keyword("by"),
            .cell(key: "input", what: "the input to vary after `by` (a cell name)", offers: .cells),
            .keyword("in"), .range(key: "range", what: "a range `LO to HI` after `in`: the range to search"),
            .optional([
                .keyword("subject"), .keyword("to"),
                .expressions(key: "constraint", what: "a constraint after `subject to` (`csat_tier.complex >= 80%`)"),
            ]),
        ]
    }

    /// Runs `:maximize` or `:minimize`: the answer, the objective there, and notes.
    static func runOptimize(_ context: CommandContext, maximize: Bool) throws(Diagnostic) -> ExitStatus {
        let arguments = context.arguments
        guard let objectiveExpr = arguments.expression("objective"), let cell = arguments.cell("input"),
            let inputArgument = arguments["input"], let rangeArgument = arguments["range"]
        else { return .success }
        let objective = try context.objective(objectiveExpr)
        let input = context.input(cell)
        let range = try context.searchRange(rangeArgument, for: input)
        let constraints = try context.constraints()
        if !constraints.isEmpty {
            return try runConstrained(
                context, objective, input, range, constraints, maximize: maximize,
                spans: (inputArgument.span, rangeArgument))
        }
        let result: OptimumResult
        do throws(EvalError) {
            result = try context.model.optimize(
                objective, by: input, in: range, maximize: maximize, grid: objective.isProbability ? 20 : 100)
        } catch {
            throw context.diagnostic(error, at: inputArgument.span.merged(with: rangeArgument.span))
        }
        guard case .number(let answer, let unit) = result.value else { return .success }
        let before = context.currentValue(input)
        var lines = [context.answerLine(input, answer, unit, tolerance: result.tolerance)]
        lines.append(
            "  \(objective.label) = \(result.best.display) at the \(maximize ? "maximum" : "minimum")"
                + " (now \(result.current.display) at \(before)); searched \(result.searched.low.display)"
                + " to \(result.searched.high.display)"
                + (objective.isProbability ? "; \(objective.samples) samples, seed \(objective.seed)" : ""))
        if let note = context.certaintyNote(objective) { lines.append(note) }
        if result.atBoundary {
            lines.append("  the \(maximize ? "maximum" : "minimum") is at an end of the range: it may lie beyond it")
        }
        if let note = context.inputNote(input) { lines.append(note) }
        if let note = context.rangeNote(input, asked: rangeArgument) { lines.append(note) }
        context.emit(lines.joined(separator: "\n"))
        return .success
    }
}
