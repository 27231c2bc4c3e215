import Foundation
import PlanCore
import PlanSession
import SupportEconomics
import Testing

/// A session over the source tree's presets, collecting its output.
private func makeSession(standard: Bool = true) -> (Session, BufferedOutput) {
    let output = BufferedOutput()
    let locator = PresetLocator(
        environmentRoot: nil, executablePath: nil, fileExists: { FileManager.default.fileExists(atPath: $0) },
        listDirectory: { (try? FileManager.default.contentsOfDirectory(atPath: $0)) ?? [] })
    let session = Session(output: output, locator: locator)
    if standard { session.loadStandardModel() }
    return (session, output)
}

/// Runs text in a session.
@discardableResult
private func run(_ session: Session, _ text: String) -> PlanSession.ExitStatus {
    session.run(SourceFile(name: "test.plan", text: text))
}

@Suite("Session")
struct SessionTests {
    @Test(
        "every preset loads with zero failed asserts",
        arguments: ["standard", "klarna-2024", "klarna-2025", "hybrid-midmarket", "handoff"])
    func presets(name: String) {
        let (session, output) = makeSession(standard: false)
        #expect(session.loadPreset(name, report: true) == .success)
        #expect(output.diagnostics.isEmpty, "\(output.diagnostics.map { $0.rendered() })")
    }

    @Test("the standard model's identities hold and its outputs are positive")
    func standard() throws {
        let (session, _) = makeSession()
        #expect(run(session, "assert near(net_value, savings - risk, 1e-9)\nassert savings > $0 per year") == .success)
        #expect(run(session, "assert fte_replaced > 0 and net_value > $0 per year") == .success)
    }

    @Test("klarna-2024 reproduces the headline")
    func klarna() {
        let (session, output) = makeSession(standard: false)
        #expect(session.loadPreset("klarna-2024", report: true) == .success)
        let status = run(
            session,
            """
            assert near(sum(ai_resolved), 2.3M per month, 5%)
            assert near(fte_replaced, 700, 5%)
            assert near(automation_rate, 2/3, 4%)
            assert near(savings, $40M per year, 12%)
            """)
        #expect(status == .success, "\(output.diagnostics.map { $0.rendered() })")
    }

    @Test("a failed assert reports both sides and the run goes on")
    func failedAssert() {
        let (session, output) = makeSession(standard: false)
        #expect(run(session, "answer = 41\nassert answer == 42\nafter = 1") == .assertionFailed)
        #expect(output.diagnostics.first?.message == "assertion failed (left: 41, right: 42)")
        #expect(session.model.value(of: "after") == .plain(1))
    }

    @Test("an error stops the run and leaves the model as it was")
    func refused() {
        let (session, output) = makeSession(standard: false)
        #expect(run(session, "a = 1\nb = a * 2\na = $5 + 3 min\nc = 3") == .error)
        #expect(session.model.value(of: "a") == .plain(1))
        #expect(session.model.value(of: "c") == nil)
        #expect(
            output.diagnostics.first?.rendered()
                == "test.plan:3:10: error: cannot add $ and min\n  a = $5 + 3 min\n           ^~~~~\n")
    }

    @Test("--json has the shape of SPEC §1 and reads back exactly")
    func json() throws {
        let (session, _) = makeSession(standard: false)
        run(
            session,
            "## the rate\nrate = 2.3M per month\nshare = 2/3\nmix = {a: 25%, b: 75%}\nflag = 1 < 2\nlabel = \"x\"")
        let data = Data(session.json().utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let cells = try #require(object["cells"] as? [String: [String: Any]])
        #expect(cells["rate"]?["unit"] as? String == "/month")
        #expect(cells["rate"]?["value"] as? Double == 2_300_000)
        #expect(cells["rate"]?["doc"] as? String == "the rate")
        #expect(cells["rate"]?["formula"] as? String == "2.3M per month")
        #expect(cells["share"]?["value"] as? Double == 2.0 / 3.0)
        #expect((cells["mix"]?["value"] as? [String: Double])?["b"] == 75)
        #expect(cells["flag"]?["value"] as? Bool == true)
        #expect(object["alerts"] as? [String] == [])
    }

    @Test(":save writes a script that loads back to identical values")
    func saveRoundTrip() throws {
        let (session, _) = makeSession()
        run(session, "a = 1\nb = a * 2\na = b_seed + 1\n")  // refused: unknown name; model unchanged
        run(session, "seed_cell = 3\nlate = seed_cell * 2\nseed_cell = contacts * 0 + 4 per month * 1 month")
        let script = session.savedScript()
        let (copy, output) = makeSession(standard: false)
        #expect(run(copy, script) == .success, "\(output.diagnostics.map { $0.rendered() })")
        for name in session.model.cellNames {
            let original = try #require(session.model.value(of: name))
            let reloaded = try #require(copy.model.value(of: name))
            #expect(original.isIdentical(to: reloaded), "\(name)")
        }
    }

    @Test(":explain shows the formula tree with values")
    func explain() {
        let (session, _) = makeSession()
        let text = session.explain("risk")
        #expect(text.contains("risk = churned_customers * clv"))
        #expect(text.contains("clv = "))
        #expect(text.contains("└─"))
    }

    @Test("undo and redo restore the model")
    func undo() {
        let (session, _) = makeSession()
        session.interactive = true
        let before = session.model.value(of: "savings")
        run(session, "fte_cost = $90k per year")
        #expect(session.model.value(of: "savings") != before)
        run(session, ":undo")
        #expect(session.model.value(of: "savings") == before)
        run(session, ":redo")
        #expect(session.model.value(of: "savings") != before)
    }

    @Test("a field of a record literal can be changed and recalculates")
    func fieldAssignment() {
        let (session, _) = makeSession(standard: false)
        run(session, "mix = {a: 60%, b: 40%}\ntotal = sum(mix)\nmix.b = 50%")
        #expect(session.model.value(of: "total") == .number(1.1, .percentage))
    }

    @Test("unknown commands suggest the nearest")
    func unknownCommand() {
        let (session, output) = makeSession(standard: false)
        #expect(run(session, ":explian x") == .error)
        #expect(output.diagnostics.first?.message.contains("did you mean `:explain`?") == true)
    }
}
