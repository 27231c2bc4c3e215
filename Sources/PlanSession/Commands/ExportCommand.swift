import PlanCore

extension Command {
    /// `:export csv|json|md|html|svg file [--all]`: the board report (`md`, `html`), the last chart (`svg`),
    /// every cell (`csv`, `json`, `md … --all`).
    static let export = Command(
        "export", usage: ":export csv|json|md|html|svg file [--all]",
        summary: "the board report (md, html), the last chart (svg), every cell (csv, json, md … --all)",
        effect: .writesFiles,
        arguments: [
            .choice(key: "format", words: Session.exportFormats),
            .path(key: "file", what: "a file name", offers: .files),
            .optional([.word(key: "all", what: "`--all`", offers: .nothing)]),
        ]
    ) { context throws(Diagnostic) in
        guard let format = context.arguments.word("format"), var argument = context.arguments["file"],
            var path = context.arguments.path("file")
        else { return .success }
        var all = false
        if let flag = context.arguments["all"], let word = context.arguments.word("all") {
            // `--all` goes after the file or before it (`:export md --all cells.md`).
            if path == "--all" {
                path = word
                argument = flag
            } else if word != "--all" {
                throw context.error("expected `--all` or the end of the command", at: flag.span)
            }
            all = true
        }
        switch context.session.exportText(format: format, all: all, path: path) {
        case .failure(let refusal): throw context.error(refusal.message)
        case .success(let (text, done)):
            try context.session.writeFile(
                context.file(path), text, directory: context.directory,
                fail: { context.error($0, at: argument.span) })
            context.emit("  " + done)
        }
        return .success
    }
}
