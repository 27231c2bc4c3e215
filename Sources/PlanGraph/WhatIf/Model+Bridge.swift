public import PlanCore

/// One step of a bridge: an input that differs between the two scenarios and its share of the output's change.
public struct BridgeStep: Sendable {
    /// The input: `cell`, `cell.field` (a record literal's fields are separate inputs) or `f()` (a function).
    public var input: String
    /// Its value (or formula) in the first scenario.
    public var before: String
    /// Its value (or formula) in the second.
    public var after: String
    /// Its share of the change, in the output's base units (its Shapley value).
    public var effect: Double
}

/// How a bridge attributed the change.
public enum BridgeMethod: Sendable, Equatable {
    /// Exact Shapley values over every coalition of the inputs (2ⁿ evaluations).
    case exact(inputs: Int)
    /// Shapley values estimated from random orders of the inputs (seeded, half of them reversed).
    case sampled(inputs: Int, orders: Int, seed: UInt64)
}

/// A bridge from one scenario's output to another's: the steps sum exactly to the difference.
public struct BridgeResult: Sendable {
    /// The output, as written.
    public var output: String
    /// The output's unit.
    public var unit: Unit
    /// The output in the first scenario (base units).
    public var start: Double
    /// The output in the second scenario.
    public var end: Double
    /// The inputs that move the output, largest effect first; the last may be `other differences` (the part no
    /// input explains: a different timeline).
    public var steps: [BridgeStep]
    /// How the effects were found.
    public var method: BridgeMethod
    /// Inputs that differ but do not reach the output (no effect).
    public var unaffected: [String]
}

/// Bridges: why an output differs between two models, input by input (Shapley values).
extension Model {
    /// The label of the step that holds what no input explains.
    public static let otherDifferences = "other differences"

    /// Attributes the difference of `output` between `from` and `to` to the inputs that differ.
    ///
    /// The inputs are the cells (and user functions) whose definitions differ, a record literal's fields taken
    /// one by one when both scenarios write the record as a literal with the same keys; cells only `to` has are
    /// added first (nothing in `from` uses them). Only inputs upstream of the output in either scenario count.
    /// With `n` inputs, every coalition is evaluated (`2ⁿ` recalculations, each of the inputs toggled from one
    /// coalition to the next) while `n ≤ Shapley.exactLimit`; beyond, `orders` random orders seeded with `seed`.
    /// The steps sum to `end − start` exactly up to rounding, which the largest step absorbs.
    public static func bridge(
        from: Model, to: Model, output: Expr, label: String, orders: Int = 256, seed: UInt64 = 1
    ) throws(EvalError) -> BridgeResult {
        let (start, unit) = try number(output, label, on: from)
        let end = try number(output, label, on: to).value
        var bench = try BridgeBench(from: from, to: to, output: output, label: label)
        let relevant = bench.working.upstreamNames(of: output).union(to.upstreamNames(of: output))
        let all = bench.players
        bench.players = all.filter { relevant.contains($0.cell) }
        let unaffected = all.filter { !relevant.contains($0.cell) }.map(\.name)
        let n = bench.players.count
        let method: BridgeMethod
        var phi: [Double]
        var full: Double
        if n <= Shapley.exactLimit {
            var values = [Double](repeating: 0, count: 1 << n)
            // Gray code: one input toggles between consecutive coalitions, so each step is one redefinition.
            for k in 0..<(1 << n) {
                let mask = k ^ (k >> 1)
                values[mask] = try bench.value(mask)
            }
            phi = Shapley.exact(values, players: n)
            full = values[(1 << n) - 1]
            method = .exact(inputs: n)
        } else {
            phi = try Shapley.sampled(players: n, orders: orders, seed: seed) { (mask: Int) throws(EvalError) in
                try bench.value(mask)
            }
            full = try bench.value((1 << n) - 1)
            method = .sampled(inputs: n, orders: max(2, orders / 2 * 2), seed: seed)
        }
        let none = try bench.value(0)
        var steps = zip(bench.players, phi).map { player, effect in
            BridgeStep(input: player.name, before: player.before, after: player.after, effect: effect)
        }
        steps.removeAll { $0.effect == 0 }
        // What no input explains (a different timeline, a changed alert) is a step of its own.
        let other = end - full + (none - start)
        let scale = max(abs(start), abs(end), Double.leastNormalMagnitude)
        if abs(other) > 1e-9 * scale {
            steps.append(BridgeStep(input: otherDifferences, before: "", after: "", effect: other))
        }
        steps.sort { abs($0.effect) > abs($1.effect) }
        // Rounding: the largest step absorbs what keeps the sum from being the difference to the last bit.
        if !steps.isEmpty {
            let sum = steps.reduce(start) { $0 + $1.effect }
            steps[0].effect += end - sum
        }
        return BridgeResult(
            output: label, unit: unit, start: start, end: end, steps: steps, method: method, unaffected: unaffected)
    }

    /// The output's value on a model, which must be one number.
    private static func number(_ expr: Expr, _ label: String, on model: Model) throws(EvalError) -> (
        value: Double, unit: Unit
    ) {
        let value = try model.evaluate(expr)
        if case .series(let series) = value {
            throw WhatIfObjective.seriesError(label, series, span: expr.span, needs: "a bridge explains one number")
        }
        guard case .number(let number, let unit) = value else {
            throw EvalError(
                "`\(label)` is \(value.kindDescription); a bridge needs one number (a field, or `sum(…)`)",
                kind: .typeMismatch, span: expr.span)
        }
        return (number, unit)
    }

    /// The names of the cells and functions an expression depends on, directly or not.
    public func upstreamNames(of expr: Expr) -> Set<String> {
        Set(upstreamIds(of: expr).compactMap { nodes[$0]?.name })
    }
}
