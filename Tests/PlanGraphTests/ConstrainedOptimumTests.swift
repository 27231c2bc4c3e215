import PlanCore
import PlanGraph
import Testing

/// `:maximize … subject to …` (#11 item 13): the optimum on a quality floor, found to full precision.
@Suite("Constrained optimum")
struct ConstrainedOptimumTests {
    private func expr(_ text: String) throws -> Expr { try Parser.parseExpression(SourceFile(name: nil, text: text)) }

    private func constraint(_ text: String) throws -> WhatIfConstraint {
        try #require(WhatIfConstraint(try expr(text), label: text))
    }

    /// profit = 100 − (100x − 70)² peaks at x = 70%; quality = 100 − 100x ≥ 37 holds for x ≤ 63%, so the
    /// maximum sits on the floor: x = 63%, profit = 100 − 7² = 51.
    @Test func onTheFloor() throws {
        let model = try model([("x", "50%"), ("profit", "100 - (100 * x - 70) ^ 2"), ("quality", "100 - 100 * x")])
        let objective = WhatIfObjective(expression: try expr("profit"), label: "profit")
        let result = try model.optimize(
            objective, by: WhatIfInput("x"), in: (.number(0, .percentage), .number(1, .percentage)), maximize: true,
            subjectTo: [try constraint("quality >= 37")])
        guard case .number(let x, _) = result.optimum.value, case .number(let best, _) = result.optimum.best else {
            Issue.record("no number")
            return
        }
        #expect(abs(x - 0.63) < 1e-9)
        #expect(abs(best - 51) < 1e-6)
        #expect(result.constraints.first?.binding == true)
        #expect(result.unconstrained != nil)
    }

    /// A floor above anything the range reaches is an error at the constraint, kind `.domain`, naming the best
    /// value: quality = 100 − 100x is at most 100 (at x = 0%).
    @Test func unreachable() throws {
        let model = try model([("x", "50%"), ("quality", "100 - 100 * x")])
        let objective = WhatIfObjective(expression: try expr("quality"), label: "quality")
        let floor = try constraint("quality >= 120")
        do {
            _ = try model.optimize(
                objective, by: WhatIfInput("x"), in: (.number(0, .percentage), .number(1, .percentage)),
                maximize: true, subjectTo: [floor])
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .domain)
            #expect(error.span == floor.span)
            #expect(error.message.contains("the best it reaches is 100 (at x = 0%)"))
        }
    }
}
