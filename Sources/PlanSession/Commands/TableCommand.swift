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
            columns.append((context.text(of: expr), try context.evaluate(expr)))
        }
        context.emit(TierTableView(columns: columns).render(width: context.width))
        return .success
    }
}
