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
}
