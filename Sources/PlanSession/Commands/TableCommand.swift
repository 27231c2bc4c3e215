import PlanCore

extension Command {
    /// `:table expr, …`.
    static let table = Command(
        "table", usage: ":table expr, …", summary: "one row per tier, one column per expression", effect: .shows,
        arguments: [.expressions(key: "column", what: "an expression")]
    ) { context throws(Diagnostic) in
        var columns: [(header: String, value: Value)] = []
        for argument in context.arguments.all("column") {
            guard case .expression(let expr) = argument.value else { continue }
            // A per-tier series reads tier by tier: one row per tier, each with its series.
            columns.append((context.text(of: expr), try context.evaluate(expr).fieldwise))
        }
        context.emit(TierTableView(columns: columns).render(width: context.width))
        return .success
    }
}
