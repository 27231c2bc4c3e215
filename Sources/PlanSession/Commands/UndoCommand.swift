import PlanCore

extension Command {
    /// `:undo`: itself a step of the session's history, not an undoable change.
    static let undo = Command(
        "undo", usage: ":undo", summary: "take back the last change", effect: .changesSession
    ) { context throws(Diagnostic) in
        try context.session.stepHistory(undo: true, context)
        return .success
    }
}
