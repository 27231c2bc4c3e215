import PlanCore

extension Command {
    /// `:quit` (also `:q`, `:exit`).
    static let quit = Command(
        "quit", aliases: ["q", "exit"], usage: ":quit", summary: "leave (Ctrl-D works too)", effect: .shows
    ) { context throws(Diagnostic) in
        context.session.quitRequested = true
        return .success
    }
}
