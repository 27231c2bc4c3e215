import PlanCore
import PlanGraph
import Testing

/// Bridges (#11 item 12): Shapley attributions with closed forms, worked by hand in the comments.
@Suite("Bridge")
struct BridgeTests {
    private func expr(_ text: String) throws -> Expr { try Parser.parseExpression(SourceFile(name: nil, text: text)) }

    private func bridge(_ from: Model, _ to: Model, _ output: String) throws -> BridgeResult {
        try Model.bridge(from: from, to: to, output: try expr(output), label: output)
    }

    private func effects(_ result: BridgeResult) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: result.steps.map { ($0.input, $0.effect) })
    }

    /// The steps added to the start give the end, to the last bit.
    private func sumsExactly(_ result: BridgeResult) -> Bool {
        result.steps.reduce(result.start) { $0 + $1.effect } == result.end
    }

    /// A linear model: each input's step is its own effect.
    ///
    /// y = 3a + 2b − c; a 1 → 2 (+3), b 1 → 4 (+6),
    /// c 5 → 7 (−2); y 0 → 7.
    @Test func linear() throws {
        let from = try model([("a", "1"), ("b", "1"), ("c", "5"), ("y", "3 * a + 2 * b - c")])
        let to = try model([("a", "2"), ("b", "4"), ("c", "7"), ("y", "3 * a + 2 * b - c")])
        let result = try bridge(from, to, "y")
        #expect(result.start == 0 && result.end == 7)
        #expect(effects(result) == ["a": 3, "b": 6, "c": -2])
        #expect(result.steps.map(\.input) == ["b", "a", "c"])
        #expect(result.method == .exact(inputs: 3))
        #expect(sumsExactly(result))
    }

    /// A product changed in both factors: Shapley splits the interaction evenly.
    ///
    /// y = a·b, a 2 → 5, b 3 → 7:
    /// Δ = 35 − 6 = 29; a: ½[(5·3 − 2·3) + (5·7 − 2·7)] = ½(9 + 21) = 15; b: ½[(2·7 − 2·3) + (5·7 − 5·3)] =
    /// ½(8 + 20) = 14. The interaction Δa·Δb = 12 is split 6 and 6 (a alone 9, b alone 8).
    @Test func productSplitsTheInteraction() throws {
        let from = try model([("a", "2"), ("b", "3"), ("y", "a * b")])
        let to = try model([("a", "5"), ("b", "7"), ("y", "a * b")])
        let result = try bridge(from, to, "y")
        #expect(effects(result) == ["a": 15, "b": 14])
        #expect(sumsExactly(result))
    }

    /// A record literal's fields are separate inputs; a field that did not change is no step.
    ///
    /// y = sum(r · w),
    /// r.x 1 → 2 with w.x = 10 (+10), r.z 4 → 1 with w.z = 3 (−9); r.y unchanged.
    @Test func recordFieldsAreInputs() throws {
        let from = try model([
            ("r", "{x: 1, y: 2, z: 4}"), ("w", "{x: 10, y: 5, z: 3}"), ("y", "sum(r * w)"),
        ])
        let to = try model([
            ("r", "{x: 2, y: 2, z: 1}"), ("w", "{x: 10, y: 5, z: 3}"), ("y", "sum(r * w)"),
        ])
        let result = try bridge(from, to, "y")
        #expect(effects(result) == ["r.x": 10, "r.z": -9])
        #expect(result.steps.first { $0.input == "r.x" }?.before == "1")
        #expect(sumsExactly(result))
    }

    /// Three factors changed together: y = a·b·c from (1, 1, 1) to (2, 2, 2), Δ = 7; by symmetry each gets 7/3.
    ///
    /// Inputs that differ but do not reach the output are listed, not stepped.
    @Test func symmetryAndUnaffected() throws {
        let from = try model([("a", "1"), ("b", "1"), ("c", "1"), ("d", "1"), ("y", "a * b * c")])
        let to = try model([("a", "2"), ("b", "2"), ("c", "2"), ("d", "9"), ("y", "a * b * c")])
        let result = try bridge(from, to, "y")
        for input in ["a", "b", "c"] {
            #expect(abs((effects(result)[input] ?? 0) - 7.0 / 3) < 1e-12)
        }
        #expect(result.unaffected == ["d"])
        #expect(sumsExactly(result))
    }

    /// Beyond 12 inputs the values are sampled (seeded).
    ///
    /// On a linear model every order gives each input its own effect, so the sample is exact: y = Σ k·xₖ for k = 1…14, each xₖ 0 → 1, effect k.
    @Test func sampledBeyondTwelve() throws {
        var fromLines: [(String, String)] = []
        var toLines: [(String, String)] = []
        for k in 1...14 {
            fromLines.append(("x\(k)", "0"))
            toLines.append(("x\(k)", "1"))
        }
        let sum = (1...14).map { "\($0) * x\($0)" }.joined(separator: " + ")
        let result = try bridge(try model(fromLines + [("y", sum)]), try model(toLines + [("y", sum)]), "y")
        #expect(result.method == .sampled(inputs: 14, orders: 256, seed: 1))
        for k in 1...14 { #expect(effects(result)["x\(k)"] == Double(k)) }
        #expect(sumsExactly(result))
    }

    /// A formula that changed is an input too, and a cell only the second scenario has is added first.
    @Test func changedFormulaAndNewCell() throws {
        let from = try model([("a", "2"), ("y", "a * 10")])
        let to = try model([("a", "2"), ("bonus", "5"), ("y", "a * 10 + bonus")])
        let result = try bridge(from, to, "y")
        #expect(effects(result) == ["y": 5])
        #expect(sumsExactly(result))
    }

    /// The exact Shapley values of a three-player game by the formula: v = |S|² gives each player 3.
    @Test func exactFormula() {
        let values = (0..<8).map { Double($0.nonzeroBitCount * $0.nonzeroBitCount) }
        #expect(Shapley.exact(values, players: 3) == [3, 3, 3])
    }
}
