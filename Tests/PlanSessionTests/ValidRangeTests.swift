import PlanCore
import PlanGraph
import PlanSession
import SupportEconomics
import Testing

/// Valid ranges (`within LO to HI`, #11 item 7) through the session: refusals, `:save`, the what-if commands; and
/// refusals blamed on the definition that changed a cell's units or keys (#11 item 8).
@Suite("Valid ranges")
struct ValidRangeTests {
    private func session() -> (Session, BufferedOutput) {
        let output = BufferedOutput()
        let locator = PresetLocator(
            environmentRoot: nil, executablePath: nil, fileExists: { _ in false }, listDirectory: { _ in [] })
        return (Session(output: output, locator: locator), output)
    }

    private let model = """
        share = 30% within 0% to 100%
        paid = 2000 h per year
        tiers = {a: 10%, b: 90%} within 0% to 100%
        worked = paid * (1 - share)
        mixed = tiers * worked
        """

    /// A value outside the range is refused with `.outOfRange`, the caret under the value, and the model unchanged.
    @Test func refusedAtTheValue() throws {
        let (session, output) = session()
        #expect(session.run(SourceFile(name: "m.plan", text: model)) == .success)
        let before = session.model.value(of: "worked")
        let line = "tiers.b = 150%"
        #expect(session.run(SourceFile(name: "e.plan", text: line)) == .error)
        let error = try #require(output.diagnostics.last)
        #expect(error.kind == .outOfRange)
        #expect(error.message == "`tiers.b` is 150%, outside its valid range 0% to 100%")
        #expect(error.span.map { line.utf8.count - $0.start } == 4)
        #expect(
            session.model.value(of: "tiers")
                == .record(Record(keys: ["a", "b"], values: [.number(0.1, .percentage), .number(0.9, .percentage)])))
        #expect(session.model.value(of: "worked") == before)
    }

    /// A redefinition keeps the range; `:save` writes it with the current definition, and the saved script loads
    /// back with the same range.
    @Test func survivesSave() throws {
        let (session, _) = session()
        #expect(session.run(SourceFile(name: "m.plan", text: model + "\nshare = 40%")) == .success)
        let script = session.savedScript()
        #expect(script.contains("share = 40% within 0% to 100%\n"))
        #expect(script.contains("tiers = {a: 10%, b: 90%} within 0% to 100%\n"))
        let (again, output) = self.session()
        #expect(again.run(SourceFile(name: "saved.plan", text: script)) == .success, "\(output.diagnostics)")
        #expect(again.model.value(of: "worked") == session.model.value(of: "worked"))
        #expect(again.run(SourceFile(name: "e.plan", text: "share = 101%")) == .error)
        #expect(output.diagnostics.last?.kind == .outOfRange)
    }

    /// `:goalseek` and `:maximize` search only inside the range; `:sweep` beyond it is an error under its range;
    /// `:sensitivity` clips a ±10% swing to it and marks the bar.
    @Test func whatIfStaysInside() throws {
        let (session, _) = session()
        #expect(session.run(SourceFile(name: "m.plan", text: model)) == .success)
        let model = session.model
        let objective = WhatIfObjective(
            expression: try Parser.parseExpression(SourceFile(name: nil, text: "worked")), label: "worked")
        let best = try model.optimize(
            objective, by: WhatIfInput("share"), in: (.number(-1, .percentage), .number(2, .percentage)),
            maximize: true)
        // worked = 2000 h/year × (1 − share) is largest at the low end of the valid range, share = 0%.
        #expect(best.value == .number(0, .percentage))
        #expect(best.searched.low == .number(0, .percentage) && best.searched.high == .number(1, .percentage))
        #expect(throws: EvalError.self) {
            _ = try model.sweepValues(
                of: WhatIfInput("share"), from: .number(0, .percentage), to: .number(1.3, .percentage), steps: 3)
        }
        do {
            _ = try model.sweepValues(
                of: WhatIfInput("share"), from: .number(0, .percentage), to: .number(1.3, .percentage), steps: 3)
        } catch {
            #expect(error.kind == .outOfRange)
        }
        let tornado = try model.sensitivity(objective)
        // tiers.b at 90% + 10% is 99%: inside; share at 30% ± 10% is inside too; nothing is clipped here.
        #expect(tornado.bars.allSatisfy { !$0.clipped })
        let high = try model.withInput("share", value: .number(0.95, .percentage))
        let clippedTornado = try high.sensitivity(objective)
        let bar = try #require(clippedTornado.bars.first { $0.input == "share" })
        // 95% × 1.1 = 104.5% is cut to 100%.
        #expect(bar.clipped && bar.high == .number(1, .percentage))
    }

    /// A redefinition that changes a cell's units is blamed where it was written, by the downstream error's kind.
    @Test func unitsBlamedOnTheDefinition() throws {
        let (session, output) = session()
        #expect(session.run(SourceFile(name: "m.plan", text: "rate = 5 min\nload = rate + 1 h")) == .success)
        #expect(session.run(SourceFile(name: "e.plan", text: "rate = 5")) == .error)
        let error = try #require(output.diagnostics.last)
        #expect(error.kind == .unitMismatch)
        #expect(error.message == "`rate` needs a time like `5 min`, not a plain number 5")
        #expect(error.span == SourceSpan(start: 7, end: 8))
        #expect(error.hint == "write it with its unit: `rate = 5 min`")
        #expect(error.notes.first?.kind == .unitMismatch)
    }

    /// A record literal with a misspelt key gets the caret on the key and the nearest key the model used.
    @Test func keyBlamedOnTheLiteral() throws {
        let (session, output) = session()
        let text = "r = {routine: 1, complex: 2}\nt = r + {routine: 1, complex: 1}"
        #expect(session.run(SourceFile(name: "m.plan", text: text)) == .success)
        let line = "r = {routine: 1, complx: 2}"
        #expect(session.run(SourceFile(name: "e.plan", text: line)) == .error)
        let error = try #require(output.diagnostics.last)
        #expect(error.kind == .unknownField)
        #expect(error.span == SourceSpan(start: 17, end: 23))
        #expect(error.hint == "did you mean `complex`?")
    }

    /// `:goalseek` puts the caret under the target when the target's units are wrong (decided by which check
    /// failed, not by the message's text), and under the range when the range is.
    @Test func goalSeekCarets() throws {
        let (session, output) = session()
        #expect(session.run(SourceFile(name: "m.plan", text: model)) == .success)
        let line = ":goalseek worked = 5 min by share"
        #expect(session.run(SourceFile(name: "g.plan", text: line)) == .error)
        #expect(output.diagnostics.last?.span == SourceSpan(start: 19, end: 24))
        let ranged = ":goalseek worked = 1000 h per year by share in 120% to 150%"
        #expect(session.run(SourceFile(name: "g.plan", text: ranged)) == .error)
        #expect(output.diagnostics.last?.kind == .outOfRange)
        #expect(output.diagnostics.last?.span == SourceSpan(start: 47, end: 59))
    }
}

/// `:bridge` and `:why` through the session (#11 item 12).
@Suite("Bridge commands")
struct BridgeCommandTests {
    private func session() -> (Session, BufferedOutput) {
        let output = BufferedOutput()
        let locator = PresetLocator(
            environmentRoot: nil, executablePath: nil, fileExists: { _ in false }, listDirectory: { _ in [] })
        return (Session(output: output, locator: locator), output)
    }

    /// After an edit in the REPL, `:why p` bridges from the model before it: p = a·b, a 2 → 4 with b = 3 is +6.
    @Test func whyAfterAnEdit() throws {
        let (session, output) = session()
        session.interactive = true
        #expect(session.run(SourceFile(name: "m.plan", text: "a = 2\nb = 3\np = a * b")) == .success)
        #expect(session.run(SourceFile(name: nil, text: "a = 4")) == .success)
        #expect(session.run(SourceFile(name: nil, text: ":why p")) == .success, "\(output.diagnostics)")
        let text = output.text
        #expect(text.contains("p: before → now, +6 (Shapley values over 1 input, exact)"))
        #expect(text.contains("a: 2 → 4"))
        #expect(session.lastChart?.title.hasPrefix("Why p differs") == true)
    }

    /// Without a change, `:why` says so (a usage error), in the REPL and in a script.
    @Test func whyWithoutAChange() throws {
        let (session, output) = session()
        session.interactive = true
        #expect(session.run(SourceFile(name: nil, text: ":why")) == .error)
        #expect(output.diagnostics.last?.kind == .usage)
    }
}
