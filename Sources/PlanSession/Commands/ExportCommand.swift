import PlanCore

extension Command {
    /// `:export csv|json|md file`.
    static let export = Command(
        "export", usage: ":export csv|json|md file",
        summary: "write every cell's value, unit and formula as CSV, JSON or a Markdown table", effect: .writesFiles,
        arguments: [
            .choice(key: "format", words: ModelExport.formats + ["markdown"]),
            .path(key: "file", what: "a file name", offers: .files),
        ]
    ) { context throws(Diagnostic) in
        guard let format = context.arguments.word("format"), let argument = context.arguments["file"],
            let path = context.arguments.path("file"), let text = ModelExport(model: context.model).text(format: format)
        else { return .success }
        do throws(FileSystem.Failure) {
            try FileSystem.writeAtomically(context.file(path), text)
        } catch {
            throw context.error(error.message, at: argument.span, kind: .io)
        }
        context.emit("  exported \(context.model.cellNames.count) cells to \(path)")
        return .success
    }
}
