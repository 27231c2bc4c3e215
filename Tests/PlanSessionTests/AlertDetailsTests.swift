import Foundation
import PlanCore
import PlanGraph
import PlanSession
import SupportEconomics
import Testing

/// Alert details (`show`), their round trip through `:save`, and how an alert switching off is reported.
@Suite("Alert details")
struct AlertDetailsTests {
    private func session() -> (Session, BufferedOutput) {
        let output = BufferedOutput()
        let locator = PresetLocator(
            environmentRoot: nil, executablePath: nil, fileExists: { _ in false }, listDirectory: { _ in [] })
        let session = Session(output: output, locator: locator)
        return (session, output)
    }

    private let model = """
        tier = -3 pt
        blend = -1 pt
        holds = blend >= -2 pt
        alert "hidden drop" when holds and tier <= -5 pt show tier: tier, blend: blend
        alert "blend drop" when not holds and tier <= -5 pt show blend: blend, tier: tier
        alert "unrelated" when blend <= -3 pt
        """

    /// The details are shown beside the message, with one decimal for points and a true minus sign.
    @Test func detailsBesideTheMessage() {
        let (session, output) = session()
        #expect(session.run(SourceFile(name: "m.plan", text: model + "\ntier = -13.14 pt")) == .success)
        #expect(session.alertDescription("hidden drop") == "hidden drop (tier -13.1 pt; blend -1.0 pt)")
        #expect(session.alertDescription("unrelated") == "unrelated")
        #expect(output.diagnostics.isEmpty)
    }

    /// A hidden drop that the blend then shows too is replaced by the blend drop, never "cleared"; an alert
    /// with no label in common with the one that switched on is cleared.
    @Test func replacedNotCleared() {
        let (session, output) = session()
        #expect(session.run(SourceFile(name: "m.plan", text: model + "\ntier = -13 pt")) == .success)
        #expect(session.run(SourceFile(name: "b.plan", text: "blend = -4 pt")) == .success)
        let last = output.changes.last
        #expect(last.map { session.alertEvents($0) }?.contains(.replaced("hidden drop", by: "blend drop")) == true)
        #expect(session.run(SourceFile(name: "n.plan", text: "blend = -1 pt")) == .success)
        let back = output.changes.last.map { session.alertEvents($0) } ?? []
        #expect(back.contains(.replaced("blend drop", by: "hidden drop")))
        #expect(back.contains(.cleared("unrelated")))
        #expect(session.run(SourceFile(name: "o.plan", text: "tier = 0 pt")) == .success)
        #expect(output.changes.last.map { session.alertEvents($0) } == [.cleared("hidden drop")])
    }

    /// In a script, an alert that switches on, off and on again while definitions set inputs one by one is
    /// reported once, after the definitions (#11 item 6); a print or assert in between reports what it saw.
    @Test func noFlickerWhileDefining() {
        let (session, output) = session()
        let text =
            model + "\ntier = -13 pt\ntier = 0 pt\ntier = -14 pt\nassert tier < 0 pt\nblend = -4 pt\nblend = -1 pt"
        #expect(session.run(SourceFile(name: "m.plan", text: text)) == .success)
        let events = output.changes.flatMap { session.alertEvents($0) }
        #expect(events == [.on("hidden drop (tier -14.0 pt; blend -1.0 pt)")])
    }

    /// `:save` writes the `show` clause, and the saved script loads back to the same details.
    @Test func saveRoundTrip() {
        let (session, _) = session()
        #expect(session.run(SourceFile(name: "m.plan", text: model + "\ntier = -8 pt")) == .success)
        let script = session.savedScript()
        #expect(script.contains("show tier: tier, blend: blend"))
        let (again, output) = self.session()
        #expect(again.run(SourceFile(name: "saved.plan", text: script)) == .success, "\(output.diagnostics)")
        #expect(again.alertDescription("hidden drop") == session.alertDescription("hidden drop"))
    }

    /// A cell that only a detail shows cannot be deleted: details count as the alert's dependencies.
    @Test func detailsAreDependencies() {
        let (session, output) = session()
        #expect(
            session.run(SourceFile(name: "m.plan", text: "a = 1\nb = 2\nalert \"a\" when a > 0 show b: b")) == .success)
        #expect(session.run(SourceFile(name: "d.plan", text: "delete b")) == .error)
        #expect(output.diagnostics.last?.message.contains("alert") == true)
    }
}
