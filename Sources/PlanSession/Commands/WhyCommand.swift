import PlanCore
import PlanGraph

extension Command {
    /// `:why [output]`: the bridge from the model before the last change to the model now.
    static let why = Command(
        "why", usage: ":why [output]",
        summary: "why an output changed in the last change: a waterfall of the inputs it changed",
        details: whatIfDetails, effect: .shows,
        arguments: [.optional([.expression(key: "output", what: "the output to explain (default `net_value`)")])]
    ) { context throws(Diagnostic) in
        // The model before the last change is the one `:undo` would bring back.
        guard let before = context.session.modelBeforeLastChange else {
            throw context.error(
                "no change to explain yet", kind: .usage,
                hint: context.session.interactive
                    ? "change an input first (`:why` explains the last change, as `:undo` would take it back)"
                    : "`:why` reads the REPL's undo history; in a script, `:scenario save before` and `:bridge before current`"
            )
        }
        return try runBridge(context, from: before, to: context.model, labels: ("before", "now"))
    }
}

extension Session {
    /// The model before the last change that `:undo` would take back, or nil (none yet, or not in the REPL).
    var modelBeforeLastChange: Model? { undoStack.last?.model }
}
