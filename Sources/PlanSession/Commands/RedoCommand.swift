import PlanCore

extension Command {
    /// `:redo`.
    static let redo = Command(
        "redo", usage: ":redo", summary: "apply again what :undo took back", effect: .changesSession
    ) { context throws(Diagnostic) in
        try context.session.stepHistory(undo: false, context)
        return .success
    }
}
