import Foundation
import PlanSession
import Testing

@Suite("Law: :save then loading the file reproduces every value and formula")
struct SaveLaws {
    @Test("a saved model loads into an empty session with the same cells, formulas, docs and values")
    func saveAndLoad() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("laws-save-\(getpid())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/model.plan"
        let plans = PlanBuilder.plans(sizes: 4...30, standard: Harness.standardCells)
        LawRunner.check(":save and load", count: 80, plans: plans) { plan in
            let session = Harness.session(interactive: true)
            for text in plan.statements { Harness.run(text, in: session) }
            guard Harness.run(":save \(path)", in: session) else {
                return ":save failed: \((session.output as? BufferedOutput)?.diagnostics.last?.message ?? "")"
            }
            let loaded = Harness.session(interactive: false)
            guard Harness.run(":load \(path)", in: loaded) else {
                let reason = (loaded.output as? BufferedOutput)?.diagnostics.first?.rendered() ?? ""
                let script = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
                return "the saved file does not load: \(reason)\nsaved file:\n\(script)"
            }
            var saved = ModelSnapshot(session)
            // The scenario's name is the session's, not the model's.
            saved.scenario = loaded.scenario
            return ModelSnapshot(loaded).difference(from: saved, ordered: false).map { "loaded model differs: \($0)" }
        }
    }
}
