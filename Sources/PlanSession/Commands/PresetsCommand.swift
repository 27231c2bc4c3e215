import PlanCore

extension Command {
    /// `:presets`.
    static let presets = Command("presets", usage: ":presets", summary: "list the presets", effect: .shows) {
        context throws(Diagnostic) in
        context.emit(context.session.presetList(width: context.width))
        return .success
    }
}
