import PlanCore

extension Command {
    /// `:unwatch name…`.
    static let unwatch = Command(
        "unwatch", usage: ":unwatch name…", summary: "remove cells from the watch list", effect: .changesModel,
        arguments: [.cells(key: "cell", what: "a watched cell", offers: .watchedCells)]
    ) { context throws(Diagnostic) in
        var list = context.model.watches
        for cell in try context.wholeCells("cell") { list.removeAll { $0 == cell } }
        context.session.model.replaceWatches(list)
        context.emit("  watching: " + (list.isEmpty ? "nothing" : list.joined(separator: ", ")))
        return .success
    }
}
