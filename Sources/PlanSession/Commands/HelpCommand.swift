import PlanCore

extension Command {
    /// `:help [topic|name]`.
    static let help = Command(
        "help", usage: ":help [topic|name]", summary: "this help; `:help NAME` shows a cell's doc, formula and value",
        effect: .shows,
        arguments: [.optional([.word(key: "topic", what: "a topic or a name", offers: .helpTopics)])]
    ) { context throws(Diagnostic) in
        context.emit(
            HelpView(model: context.model, topic: context.arguments.word("topic") ?? "").render(width: context.width))
        return .success
    }
}
