import PlanCore

extension Command {
    /// `:watch name…`: adds cells to the watch list (the `watch` statement replaces it).
    static let watch = Command(
        "watch", usage: ":watch name…", summary: "add cells to the list shown after every change",
        effect: .changesModel, arguments: [.cells(key: "cell", what: "a cell to watch", offers: .cells)]
    ) { context throws(Diagnostic) in
        var list = context.model.watches
        for cell in try context.wholeCells("cell") where !list.contains(cell) { list.append(cell) }
        context.session.model.replaceWatches(list)
        context.emit("  watching: " + (list.isEmpty ? "nothing" : list.joined(separator: ", ")))
        return .success
    }
}

extension CommandContext {
    /// The cells named under `key`, each checked to exist and to be a whole cell (not `cell.field`).
    func wholeCells(_ key: String) throws(Diagnostic) -> [String] {
        var names: [String] = []
        for argument in arguments.all(key) {
            guard case .cell(let cell) = argument.value else { continue }
            _ = try existingCell(cell)
            if let fieldSpan = cell.fieldSpan {
                throw error("a whole cell is needed here, not one field", at: fieldSpan, hint: "`\(cell.name)`")
            }
            names.append(cell.name)
        }
        return names
    }
}
