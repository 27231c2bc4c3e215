import PlanCore

extension Command {
    /// `:report`: laid out by the model's `report` statement.
    static let report = Command(
        "report", usage: ":report", summary: "one-screen summary: watched outputs, the model's report rows, alerts",
        effect: .shows
    ) { context throws(Diagnostic) in
        context.emit(ReportView(model: context.model, scenario: context.session.scenario).render(width: context.width))
        return .success
    }
}
