import PlanCore
import PlanGraph
import Testing

/// Recalculation passes over more than 256 nodes keep the values they compute by slot (`PassValues`), and the
/// model is written only after the pass: these tests go through that path, the others through the small one.
@Suite("Large recalculation passes")
struct LargePassTests {
    /// `x0 = 1`, `x1 = x0 + 1` … `x299 = x298 + 1`, an alert on `x299` and `x150 = 10 / (x149 - 148) + x149`:
    /// 300 cells, so a change at the root is a pass of 302 nodes.
    private func chain() throws -> Model {
        var lines: [(String, String)] = [("x0", "1")]
        for index in 1..<300 {
            lines.append(("x\(index)", index == 150 ? "10 / (x149 - 148) + x149" : "x\(index - 1) + 1"))
        }
        var built = try model(lines)
        let condition = SourceFile(name: nil, text: "x299 > 400")
        _ = try built.defineAlert(
            "too high", condition: try Parser.parseExpression(condition), span: SourceSpan(start: 0, end: 10),
            file: condition)
        return built
    }

    /// A cell's number (NaN when it is not one), for comparisons after many additions of a fraction.
    private func number(_ model: Model, _ name: String) -> Double {
        guard case .number(let value, _)? = model.value(of: name) else { return .nan }
        return value
    }

    private func define(_ model: inout Model, _ name: String, _ text: String) throws -> ChangeSet {
        let file = SourceFile(name: nil, text: text)
        return try model.define(
            name, nameSpan: SourceSpan(start: 0, end: 0), expr: try Parser.parseExpression(file), file: file)
    }

    @Test("a root change recomputes every cell once, in order, and each sees the values of the same pass")
    func rootChange() throws {
        var model = try chain()
        // By hand: x149 = 150 and x150 = 10 / (150 - 148) + 150 = 155, so x299 = 155 + 149 = 304.
        #expect(model.value(of: "x299") == .plain(304))
        let changes = try define(&model, "x0", "101")
        // x149 = 250, x150 = 10 / 102 + 250, x299 = x150 + 149 = 399.098039…
        let x150 = 10.0 / 102.0 + 250
        #expect(changes.recomputed == 301)
        #expect(changes.cells.count == 300)
        #expect(changes.cells.first?.name == "x0" && changes.cells.last?.name == "x299")
        #expect(model.value(of: "x150") == .plain(x150))
        #expect(abs(number(model, "x299") - (x150 + 149)) < 1e-9)
        #expect(changes.alertsOn.isEmpty)
        let higher = try define(&model, "x0", "201")
        #expect(higher.alertsOn == ["too high"])
    }

    @Test("a failure late in a large pass refuses the change and leaves every value as it was")
    func failureLeavesModel() throws {
        var model = try chain()
        let before = (0..<300).map { model.value(of: "x\($0)") }
        // x0 = 0 makes x149 = 149 and x150 divide by (149 - 148)… = 1: fine; x0 = -1 makes it divide by zero.
        #expect(throws: Diagnostic.self) { try define(&model, "x0", "-1") }
        #expect((0..<300).map { model.value(of: "x\($0)") } == before)
        #expect(model.cell("x0")?.formula == "1")
        // The model still recalculates as before.
        _ = try define(&model, "x0", "2")
        #expect(abs(number(model, "x299") - (10.0 / 3.0 + 151 + 149)) < 1e-9)
    }

    @Test("a copy of the model keeps its values when the other is changed, across node chunks of 1,024")
    func copiesShareUntilWritten() throws {
        var lines: [(String, String)] = [("y0", "1")]
        for index in 1..<2_100 { lines.append(("y\(index)", "y\(index - 1) + 1")) }
        var model = try model(lines)
        let before = model
        _ = try define(&model, "y0", "10")
        // By hand: y2099 = y0 + 2099, so 2100 before and 2109 after; y1500 (in the second chunk) 1501 → 1510.
        #expect(number(before, "y2099") == 2_100 && number(model, "y2099") == 2_109)
        #expect(number(before, "y1500") == 1_501 && number(model, "y1500") == 1_510)
        #expect(before.cell("y0")?.formula == "1" && model.cell("y0")?.formula == "10")
        // Deleting the last cells and adding new ones crosses the chunk boundary both ways.
        var shrunk = model
        let file = SourceFile(name: nil, text: "")
        for index in stride(from: 2_099, through: 2_040, by: -1) {
            try shrunk.delete("y\(index)", span: SourceSpan(start: 0, end: 0), file: file)
        }
        _ = try define(&shrunk, "z", "y2039 * 2")
        #expect(number(shrunk, "z") == 2 * 2_049 && number(model, "y2099") == 2_109)
    }

    @Test("values live beside the nodes: a deleted cell takes its value with it, a copy made before keeps both")
    func valuesBesideNodes() throws {
        var lines: [(String, String)] = [("v0", "1")]
        for index in 1..<1_100 { lines.append(("v\(index)", "v\(index - 1) * 2 - v\(index - 1)")) }
        lines.append(("last", "v1099 + 1"))
        var model = try model(lines)
        let slot = try #require(model.cellIds["last"])
        let before = model
        try model.delete("last", span: SourceSpan(start: 0, end: 0), file: SourceFile(name: nil, text: ""))
        #expect(model.nodes[slot] == nil && model.nodes.value(at: slot) == nil && model.value(of: "last") == nil)
        // By hand: every v is v0 (v * 2 - v), so last = 1 + 1 = 2 in the copy.
        #expect(before.value(of: "last") == .plain(2) && before.nodes.value(at: slot) == .plain(2))
        // A change at the root writes values only: the copy's nodes and values stay as they were.
        _ = try define(&model, "v0", "5")
        #expect(number(model, "v1099") == 5 && number(before, "v1099") == 1)
        #expect(before.cell("v0")?.formula == "1" && model.cell("v0")?.formula == "5")
    }

    @Test("a change over a 2,400-month timeline can be interrupted before a cell, not only every 1,024 cells")
    func interruptedOnLongTimeline() throws {
        var model = try model([("a", "1"), ("b", "a + 1"), ("c", "b + 1")])
        let file = SourceFile(name: nil, text: "")
        _ = try model.setTimeline(
            Timeline(start: 2026 * 12, count: 2_400), span: SourceSpan(start: 0, end: 0), file: file)
        model.isCancelled = { true }
        let error = #expect(throws: Diagnostic.self) { try define(&model, "a", "2") }
        #expect(error?.kind == .interrupted)
        // By hand: nothing changed, so c is still 1 + 1 + 1.
        #expect(model.value(of: "c") == .plain(3) && model.cell("a")?.formula == "1")
    }

    @Test("uncertainty is found through a large model, and forgotten when the only draw is deleted")
    func uncertaintyAcrossChunks() throws {
        var lines: [(String, String)] = [("w0", "1")]
        for index in 1..<1_500 { lines.append(("w\(index)", "w\(index - 1) + 1")) }
        var model = try model(lines)
        #expect(!model.isUncertain("w1499"))
        _ = try define(&model, "r", "1 to 3")
        _ = try define(&model, "w0", "r")
        #expect(model.isUncertain("w1499"))
        _ = try define(&model, "w0", "1")
        try model.delete("r", span: SourceSpan(start: 0, end: 0), file: SourceFile(name: nil, text: ""))
        #expect(!model.isUncertain("w1499"))
        _ = try define(&model, "w700", "w699 + (1 to 2)")
        #expect(model.isUncertain("w1499") && !model.isUncertain("w699"))
    }
}
