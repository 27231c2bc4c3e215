import PlanCore
import PlanGraph

extension Command {
    /// `:compare A B … [show EXPR, …]`: scenarios side by side.
    ///
    /// Inputs that differ, then outputs, with deltas against `A` (one name:
    /// against `current`). With `show`, the outputs are the expressions given (a record one row per field),
    /// whether they differ or not.
    static let compare = Command(
        "compare", usage: ":compare a b … [show expr, …]",
        summary: "scenarios side by side: inputs that differ, then outputs, with deltas", effect: .shows,
        arguments: [
            .word(key: "scenario", what: "a scenario, a preset or `current`", offers: .scenarios),
            .repeating([.word(key: "scenario", what: "a scenario, a preset or `current`", offers: .scenarios)]),
            .optional([.keyword("show"), .expressions(key: "output", what: "an expression after `show`")]),
        ]
    ) { context throws(Diagnostic) in
        let session = context.session
        var named = context.arguments.all("scenario").compactMap { argument -> (String, SourceSpan)? in
            if case .word(let name) = argument.value { return (name, argument.span) }
            return nil
        }
        if named.count == 1 { named.insert(("current", context.arguments.span), at: 0) }
        var models: [Model] = []
        for (name, span) in named {
            models.append(try session.scenarioModel(name) { context.error($0, at: span) })
        }
        let labels = named.map { $0.0 == "current" ? "current (\(session.promptName))" : $0.0 }
        var view = ComparisonView(models: models, labels: labels)
        var shown: [(label: String, values: [Value?])] = []
        for argument in context.arguments.all("output") {
            guard case .expression(let expr) = argument.value else { continue }
            shown.append((context.text(of: expr), try compared(expr, in: models, context)))
        }
        if !shown.isEmpty { view.shown = shown }
        context.emit(view.render(width: context.width))
        return .success
    }

    /// An expression's value in each scenario: nil where it names a cell the scenario does not have; an
    /// error (under the expression) when no scenario can evaluate it, or one fails for another reason.
    private static func compared(_ expr: Expr, in models: [Model], _ context: CommandContext) throws(Diagnostic)
        -> [Value?]
    {
        var values: [Value?] = []
        var firstError: EvalError?
        for model in models {
            do throws(EvalError) {
                values.append(try model.evaluate(expr))
            } catch {
                guard error.kind == .unknownName || error.kind == .unknownField else {
                    throw context.diagnostic(error, at: expr.span)
                }
                firstError = firstError ?? error
                values.append(nil)
            }
        }
        if let firstError, !values.contains(where: { $0 != nil }) {
            throw context.diagnostic(firstError, at: expr.span)
        }
        return values
    }
}
