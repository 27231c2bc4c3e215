import PlanCore

extension Command {
    /// `:import tickets FILE [column=NAME …]` (SPEC §10): a ticket export defines the model's inputs.
    static let importTickets = Command(
        "import", usage: ":import tickets FILE [column=NAME …]",
        summary: "define the model's inputs from a ticket export (CSV): volume, mix, handle time, shares as evidence",
        effect: .appliesStatements,
        arguments: [
            .keyword("tickets"),
            .path(key: "file", what: "a ticket export (CSV)", offers: .files),
            .repeating([.word(key: "column", what: "a column map (`tier=Group`)", offers: .nothing)]),
        ]
    ) { context throws(Diagnostic) in
        guard let file = context.arguments.path("file") else { return .success }
        let maps = context.arguments.all("column").compactMap { argument -> String? in
            if case .word(let word) = argument.value { return word }
            return nil
        }
        return try context.session.importTickets(file, maps: maps, directory: context.directory) {
            message, kind, hint in
            context.error(message, kind: kind, hint: hint)
        }
    }

    /// `:evidence`: per tier and metric, what the evidence in the model says and how sure it is.
    static let evidence = Command(
        "evidence", usage: ":evidence",
        summary: "per tier and metric: n, estimate, 90% interval, smallest detectable drop", effect: .shows
    ) { context throws(Diagnostic) in
        context.emit(EvidenceView.render(context.model, width: context.width))
        return .success
    }
}
