import PlanCore
import PlanGraph
import PlanSession
import SupportEconomics
import Testing

/// `report` rows that fail only for today's values: marked, shown with their reason, and saved models with
/// such values load back (a session must never hold a model its own saved file cannot load).
@Suite("Report rows")
struct ReportRowTests {
    private func session() -> (Session, BufferedOutput) {
        let output = BufferedOutput()
        let locator = PresetLocator(
            environmentRoot: nil, executablePath: nil, fileExists: { _ in false }, listDirectory: { _ in [] })
        return (Session(output: output, locator: locator), output)
    }

    @Test("a row that divides by zero now is marked; :save then loading the file reproduces the model")
    func failingRowSurvivesSave() throws {
        let (session, output) = session()
        let text = "v = 1\nreport \"r\": 1 / v\nv = 0"
        #expect(session.run(SourceFile(name: "m.plan", text: text)) == .success, "\(output.diagnostics)")
        let script = session.savedScript()
        let (again, loaded) = self.session()
        #expect(again.run(SourceFile(name: "saved.plan", text: script)) == .success, "\(loaded.diagnostics)")
        #expect(again.model.value(of: "v") == .plain(0))
        #expect(again.savedScript() == script)
    }

    @Test("a name that is not a cell is still an error at the mark")
    func unknownNameRefused() throws {
        let (session, output) = session()
        #expect(session.run(SourceFile(name: "m.plan", text: "v = 0\nreport \"r\": 1 / w")) == .error)
        #expect(output.diagnostics.last?.kind == .unknownName)
    }
}
