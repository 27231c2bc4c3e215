import PlanCore

extension Command {
    /// `:report`: laid out by the model's `report` statement.
    static let report = Command(
        "report", usage: ":report", summary: "one-screen summary: watched outputs, the model's report rows, alerts",
        effect: .shows
    ) { context throws(Diagnostic) in
        let session = context.session
        let view = ReportView(model: context.model, scenario: session.scenario, describe: session.alertDescription)
        context.emit(view.render(width: context.width))
        return .success
    }
}
