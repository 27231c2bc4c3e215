import PlanCore

extension Command {
    /// `:show [glob]`.
    static let show = Command(
        "show", usage: ":show [glob]", summary: "list cells with their values (`:show csat*`)", effect: .shows,
        arguments: [.optional([.word(key: "glob", what: "a pattern such as `csat*`", offers: .cells)])]
    ) { context throws(Diagnostic) in
        let view = CellListView(model: context.model, pattern: context.arguments.word("glob") ?? "*")
        context.emit(view.render(width: context.width))
        return .success
    }
}
