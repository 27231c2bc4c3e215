import PlanCore
import PlanGraph

/// `:maximize`/`:minimize … subject to …`: optimisation with quality floors (#11 item 13).
///
/// Constraints are comparisons (`>=`, `>`, `<=`, `<`) of any two expressions, separated by commas or joined
/// with `and` (`subject to csat_tier.complex >= 80%, csat_tier.standard >= 85%` and `subject to
/// csat_tier.complex >= 80% and risk < $500k per year` are the same thing); every one must hold at the answer.
/// A constraint on a series (`agents >= 40`, `csat_tier.complex >= 80%` on a timeline) must hold in every month;
/// its line names the tightest month.
extension CommandContext {
    /// The constraints written after `subject to`, each checked on the current model (errors under it).
    func constraints() throws(Diagnostic) -> [WhatIfConstraint] {
        var constraints: [WhatIfConstraint] = []
        for argument in arguments.all("constraint") {
            guard case .expression(let expr) = argument.value else { continue }
            for part in Self.conjuncts(expr) {
                guard let constraint = WhatIfConstraint(part, label: text(of: part)) else {
                    throw error(
                        "a constraint compares with `>=`, `>`, `<=` or `<`", at: part.span,
                        hint: "for example `subject to csat_tier.complex >= 80%`")
                }
                do throws(EvalError) {
                    _ = try constraint.margin(on: model)
                } catch {
                    throw diagnostic(error, at: part.span)
                }
                constraints.append(constraint)
            }
        }
        return constraints
    }

    /// The parts of `a and b and c` (an expression that is not such a chain is one part).
    private static func conjuncts(_ expr: Expr) -> [Expr] {
        guard let (first, links) = expr.chainParts, !links.isEmpty, links.allSatisfy({ $0.op == .and })
        else { return [expr] }
        return [first] + links.map(\.rhs)
    }

    /// Each constraint's line at the answer: its value there, and whether the answer sits on it.
    func constraintLines(_ reports: [ConstraintReport]) -> [String] {
        reports.map { report in
            "  \(report.label): \(report.value.display) there"
                + (report.month.map { " in \(Timeline.label($0)), its tightest month" } ?? "")
                + (report.binding ? " (binding: the answer is on it)" : "")
        }
    }
}

extension Command {
    /// Runs a constrained `:maximize`/`:minimize` and reports the answer, each constraint, and the optimum
    /// without them when the constraints moved it.
    static func runConstrained(
        _ context: CommandContext, _ objective: WhatIfObjective, _ input: WhatIfInput,
        _ range: (low: Value, high: Value),
        _ constraints: [WhatIfConstraint], maximize: Bool, spans: (input: SourceSpan, range: CommandArgument)
    ) throws(Diagnostic) -> ExitStatus {
        let result: ConstrainedOptimum
        do throws(EvalError) {
            result = try context.model.optimize(
                objective, by: input, in: range, maximize: maximize, subjectTo: constraints,
                grid: objective.isProbability ? 20 : 100)
        } catch {
            throw context.diagnostic(error, at: spans.input.merged(with: spans.range.span))
        }
        let optimum = result.optimum
        guard case .number(let answer, let unit) = optimum.value else { return .success }
        let word = maximize ? "maximum" : "minimum"
        let count = constraints.count == 1 ? "1 constraint" : "\(constraints.count) constraints"
        var lines = [context.answerLine(input, answer, unit, tolerance: optimum.tolerance)]
        lines.append(
            "  \(objective.label) = \(optimum.best.display) at the \(word) subject to \(count)"
                + " (now \(optimum.current.display) at \(context.currentValue(input))); searched"
                + " \(optimum.searched.low.display) to \(optimum.searched.high.display)")
        lines += context.constraintLines(result.constraints)
        if let free = result.unconstrained {
            lines.append(
                "  without the constraints: \(objective.label) = \(free.best.display) at \(input.name) = \(free.value.display)"
            )
        } else {
            lines.append("  the constraints do not move the \(word)")
        }
        if optimum.atBoundary && !result.constraints.contains(where: \.binding) {
            lines.append("  the \(word) is at an end of the range: it may lie beyond it")
        }
        if let note = context.inputNote(input) { lines.append(note) }
        if let note = context.rangeNote(input, asked: spans.range) { lines.append(note) }
        context.emit(lines.joined(separator: "\n"))
        return .success
    }
}
