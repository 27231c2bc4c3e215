import PlanCore
import PlanGraph

extension Command {
    /// `:compare A B …`: inputs that differ, then outputs, with deltas against `A` (one name: against `current`).
    static let compare = Command(
        "compare", usage: ":compare a b …",
        summary: "scenarios side by side: inputs that differ, then outputs, with deltas", effect: .shows,
        arguments: [
            .word(key: "scenario", what: "a scenario, a preset or `current`", offers: .scenarios),
            .repeating([.word(key: "scenario", what: "a scenario, a preset or `current`", offers: .scenarios)]),
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
        let labels = named.map { $0.0 == "current" ? "current (\(session.scenario))" : $0.0 }
        context.emit(ComparisonView(models: models, labels: labels).render(width: context.width))
        return .success
    }
}
