import PlanCore

extension Command {
    /// `:explain name [depth] [at month]`.
    static let explain = Command(
        "explain", usage: ":explain name [depth] [at month]",
        summary: "the formula tree of a cell with every value on it",
        details: [
            "`at MONTH` (`:explain cumulative_net at 2025-06`) shows every series on the tree in that month of the"
                + " timeline; a value that does not vary by month shows as it is."
        ],
        effect: .shows,
        arguments: [
            .cell(key: "cell", what: "the cell to explain", offers: .cells),
            .optional([.number(key: "depth", what: "a depth (levels below the cell)")]),
            .optional([.keyword("at"), .expression(key: "month", what: "a month after `at` (`2025-06`)")]),
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
        let depths = context.arguments.all("depth")
        if depths.count > 1 {
            throw context.error("one depth at most", at: depths[1].span)
        }
        if let argument = depths.first, case .number(let value, _) = argument.value {
            guard value == value.rounded(), value >= 1, value <= Double(ExplainView.maximumDepth) else {
                throw context.error(
                    "the depth is a whole number from 1 to \(ExplainView.maximumDepth)", at: argument.span)
            }
            depth = Int(value)
        }
        let position = try context.explainedMonth()
        context.emit(
            ExplainView(model: context.model, cell: cell.name, depthLimit: depth, position: position)
                .render(width: context.width))
        return .success
    }
}

extension CommandContext {
    /// The month of `:explain … at MONTH` as a position on the model's timeline; nil without `at`.
    ///
    /// Errors: `at` without a timeline (under `at MONTH`), a value that is not a month, a month outside the
    /// timeline (under the month).
    fileprivate func explainedMonth() throws(Diagnostic) -> Int? {
        guard let expr = arguments.expression("month"), let at = arguments["at"] else { return nil }
        guard let timeline = model.timeline else {
            throw error(
                "`at` picks a month of the timeline, and the model has none", at: at.span.merged(with: expr.span),
                kind: .needsTimeline, hint: "set one first (`timeline 2025-01 to 2026-12`), or leave out `at …`")
        }
        let value = try evaluate(expr)
        guard case .number(let number, let unit) = value, unit.isDate, let month = Timeline.monthNumber(number) else {
            throw error(
                "`at` takes a month such as `\(Timeline.label(timeline.start))`, not \(value.kindDescription)",
                at: expr.span,
                kind: .typeMismatch)
        }
        return try position(ofMonth: month, in: timeline, at: expr.span)
    }
}
