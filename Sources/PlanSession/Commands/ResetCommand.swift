import PlanCore
import PlanGraph

extension Command {
    /// `:reset`: back to the standard model (or the empty one with `--empty`).
    static let reset = Command(
        "reset", usage: ":reset", summary: "start again from the standard model", effect: .changesModel
    ) { context throws(Diagnostic) in
        let session = context.session
        session.model = Model(builtins: session.model.builtins)
        session.model.isCancelled = session.cancellation
        if !session.startedEmpty { _ = session.loadStandardModel() }
        session.scenario = "plan"
        session.scenarioChanged = false
        context.emit("  reset to the \(session.startedEmpty ? "empty" : "standard") model")
        return .success
    }
}
