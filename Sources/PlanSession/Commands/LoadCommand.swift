import PlanCore

extension Command {
    /// `:load preset|file`: a preset starts afresh; a file runs on top of the model.
    static let load = Command(
        "load", usage: ":load preset|file",
        summary: "switch to a preset (fresh), or run a file on top of the model", effect: .changesModel,
        arguments: [.path(key: "target", what: "a preset or a file", offers: .presetsAndPlanFiles)]
    ) { context throws(Diagnostic) in
        guard let argument = context.arguments["target"], let name = context.arguments.path("target") else {
            return .success
        }
        var target = LoadTarget.of(name)
        if case .file(let path) = target { target = .file(context.file(path)) }
        return try context.session.load(target, as: name, context, at: argument.span)
    }
}
