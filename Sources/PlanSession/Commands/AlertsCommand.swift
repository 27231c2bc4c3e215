import PlanCore

extension Command {
    /// `:alerts`.
    static let alerts = Command("alerts", usage: ":alerts", summary: "every alert and whether it is on", effect: .shows)
    {
        context throws(Diagnostic) in
        let alerts = context.model.alerts
        context.emit(
            alerts.isEmpty
                ? "  no alerts defined"
                : alerts.map {
                    "  \($0.on ? "⚠ on " : "  off") \($0.on ? context.session.alertDescription($0.message) : $0.message)"
                }
                .joined(separator: "\n"))
        return .success
    }
}
