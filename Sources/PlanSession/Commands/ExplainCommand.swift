import PlanCore

extension Command {
    /// `:explain name [depth]`.
    static let explain = Command(
        "explain", usage: ":explain name [depth]", summary: "the formula tree of a cell with every value on it",
        effect: .shows,
        arguments: [
            .cell(key: "cell", what: "the cell to explain", offers: .cells),
            .optional([.number(key: "depth", what: "a depth (levels below the cell)")]),
        ]
    ) { context throws(Diagnostic) in
        guard let cell = context.arguments.cell("cell") else { return .success }
        _ = try context.existingCell(cell)
        if let fieldSpan = cell.fieldSpan {
            throw context.error(
                "`:explain` shows a whole cell, not one field", at: fieldSpan, hint: "`:explain \(cell.name)`")
        }
        var depth = 3
        if let argument = context.arguments["depth"], let (value, _) = context.arguments.number("depth") {
            guard value == value.rounded(), value >= 1, value <= Double(ExplainView.maximumDepth) else {
                throw context.error(
                    "the depth is a whole number from 1 to \(ExplainView.maximumDepth)", at: argument.span)
            }
            depth = Int(value)
        }
        context.emit(ExplainView(model: context.model, cell: cell.name, depthLimit: depth).render(width: context.width))
        return .success
    }
}
