import Foundation
import PlanCore
import PlanGraph
import PlanSession
import SupportEconomics
import Testing

/// Output that renders change lines as the REPL does (`Session.changeLines`), so tests read what a planner sees.
private final class ChangeLinesOutput: SessionOutput {
    var lines: [String] = []
    func emit(_ text: String) { lines.append(text) }
    func report(_ diagnostic: Diagnostic) { lines.append("error: " + diagnostic.message) }
    func changed(_ changes: ChangeSet, in session: Session) { lines += session.changeLines(changes) }
}

/// An interactive session on an empty model, its output rendered as the REPL's.
private func makeSession() -> (Session, ChangeLinesOutput) {
    let output = ChangeLinesOutput()
    let locator = PresetLocator(
        environmentRoot: nil, executablePath: nil, fileExists: { FileManager.default.fileExists(atPath: $0) },
        listDirectory: { (try? FileManager.default.contentsOfDirectory(atPath: $0)) ?? [] })
    let session = Session(output: output, locator: locator)
    session.interactive = true
    session.width = 100
    return (session, output)
}

/// The lines one entry prints.
private func enter(_ session: Session, _ output: ChangeLinesOutput, _ text: String) -> [String] {
    output.lines = []
    session.run(SourceFile(name: nil, text: text))
    return output.lines
}

@Suite("Change lines (#11 item 9)")
struct ChangeLinesTests {
    /// A record shows only the fields that changed, each with its delta; shares change in points.
    @Test("a record change shows per-field deltas; shares change in points")
    func recordFields() {
        let (session, output) = makeSession()
        _ = enter(session, output, "mix = {a: 5%, b: 95%}\nhalf = mix * 50%\nflat = 1\nwatch half, flat")
        // 5% → 39.96%: +34.96 points, shown to three digits as +35 pt, never +34.96% (a relative change).
        let lines = enter(session, output, "mix.a = 39.96%")
        #expect(lines == ["  mix.a   5% → 39.96%  (+35 pt)", "  half.a  2.5% → 19.98%  (+17.5 pt)"])
    }

    /// Watched cells are found in the change list by one scan that stops when all are found: compared as they are
    /// up to eight names, through a set beyond; either way in the watch list's order, unchanged ones left out.
    @Test("watched changes in watch order, with more than eight watched cells and with a few")
    func manyWatches() {
        let (session, output) = makeSession()
        let cells = (1...10).map { "c\($0) = a + \($0)" }.joined(separator: "\n")
        _ = enter(
            session, output,
            "a = 1\nother = 5\n" + cells + "\nwatch c10, other, " + (1...9).map { "c\($0)" }.joined(separator: ", "))
        // By hand: c_i = a + i goes from 1 + i to 2 + i; `other` does not change and is not shown.
        let expected = ["  a    2", "  c10  11 → 12  (+1)"] + (1...9).map { "  c\($0)   \(1 + $0) → \(2 + $0)  (+1)" }
        #expect(enter(session, output, "a = 2") == expected)
        _ = enter(session, output, "watch c3, c1")
        #expect(enter(session, output, "a = 3") == ["  a   3", "  c3  5 → 6  (+1)", "  c1  3 → 4  (+1)"])
    }

    /// A whole record redefined: one row per field that changed, nothing twice.
    @Test("a redefined record lists the changed fields of the cell and of watched records")
    func redefinedRecord() {
        let (session, output) = makeSession()
        _ = enter(session, output, "volume = {a: 100 per month, b: 50 per month}\ntotal = sum(volume)\nwatch total")
        let lines = enter(session, output, "volume = {a: 100 per month, b: 80 per month}")
        #expect(
            lines == ["  volume.b  50/month → 80/month  (+30/month)", "  total     150/month → 180/month  (+30/month)"])
    }

    /// The old value is marked `~` by the model before the change, the new one by the model after.
    @Test("a point value is not marked ~ because the new value is uncertain, nor the other way round")
    func uncertaintyMarks() {
        let (session, output) = makeSession()
        _ = enter(session, output, "x = 10\ny = x * 2\nwatch y")
        // The mean of a lognormal with 90% between 8 and 12 is 9.873.
        #expect(
            enter(session, output, "x = 8 to 12") == [
                "  x  ~9.873  (lognormal, 90% between 8 and 12)", "  y  20 → ~19.75  (-0.2547)",
            ])
        #expect(enter(session, output, "x = 10") == ["  x  10", "  y  ~19.75 → 20  (+0.2547)"])
    }

    /// A field of a record literal set to a point value is not `~`, though its neighbours are ranges.
    @Test("a field set to a point value is not marked ~ when other fields are ranges")
    func pointField() {
        let (session, output) = makeSession()
        _ = enter(session, output, "r = {a: 10% to 20%, b: 30%}")
        let lines = enter(session, output, "r.b = 40%")
        #expect(lines == ["  r.b  30% → 40%  (+10 pt)"])
        let ranged = enter(session, output, "r.b = 30% to 50%")
        #expect(ranged.first?.hasPrefix("  r.b  40% → ~") == true)
    }

    /// `:undo` names the statement it took back, and `:redo` the one it did again.
    @Test(":undo says which statement it took back")
    func undoNamesStatement() {
        let (session, output) = makeSession()
        _ = enter(session, output, "a = 1\nb = a * 3\nwatch b")
        _ = enter(session, output, "a = 2")
        #expect(enter(session, output, ":undo") == ["  undone: a = 2", "  b  6 → 3  (-3)"])
        #expect(enter(session, output, ":redo") == ["  redone: a = 2", "  b  3 → 6  (+3)"])
        #expect(enter(session, output, ":undo").first == "  undone: a = 2")
        #expect(enter(session, output, ":undo").first == "  undone: watch b")
    }

    /// Negative changes use the ASCII minus of values; money and plain numbers in their own unit.
    @Test("one minus sign: deltas and values both use -")
    func minusSign() {
        let (session, output) = makeSession()
        _ = enter(session, output, "cost = $100k per year\nwatch cost")
        let lines = enter(session, output, "cost = $90k per year")
        #expect(lines == ["  cost  $90k/year"])
        _ = enter(session, output, "double = cost * 2\nwatch double")
        #expect(
            enter(session, output, "cost = $80k per year") == [
                "  cost    $80k/year", "  double  $180k/year → $160k/year  (-$20k/year)",
            ])
        #expect(!lines.joined().contains("−"))
    }
}
