import PlanCore

extension Command {
    /// `:save file`: the model as a script that loads back to identical values, written atomically.
    static let save = Command(
        "save", usage: ":save file", summary: "write the model as a script that loads back to identical values",
        effect: .writesFiles, arguments: [.path(key: "file", what: "a file name", offers: .files)]
    ) { context throws(Diagnostic) in
        guard let argument = context.arguments["file"], let path = context.arguments.path("file") else {
            return .success
        }
        let script = SavedScript(model: context.model, scenario: context.session.scenario).text
        try context.session.writeFile(
            context.file(path), script, directory: context.directory, fail: { context.error($0, at: argument.span) })
        context.emit("  saved \(context.model.cellNames.count) cells to \(path)")
        return .success
    }
}
