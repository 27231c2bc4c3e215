public import PlanCore

/// The answer of `:maximize`/`:minimize`: where in the range the objective is largest or smallest.
public struct OptimumResult: Sendable {
    /// The input varied.
    public var input: WhatIfInput
    /// True for a maximum, false for a minimum.
    public var maximize: Bool
    /// The best input value, in the input's unit.
    public var value: Value
    /// The objective there.
    public var best: Value
    /// The objective at the input's current value, for comparison.
    public var current: Value
    /// True when the best value is at an end of the range (the optimum may lie beyond it).
    public var atBoundary: Bool
    /// The range searched.
    public var searched: (low: Value, high: Value)
    /// How precisely the answer is known, in base units of the input.
    public var tolerance: Double
    /// How many times the model was evaluated.
    public var evaluations: Int
}

/// Global-enough optimisation over one input: a grid scan, then Brent's method in the best grid cell.
extension Model {
    /// The value of `input` in `range` where `objective` is largest (or smallest), leaving the model unchanged.
    ///
    /// The range is scanned on a grid of `grid` intervals; the best grid point and its two neighbours
    /// bracket the optimum, which golden-section search with parabolic steps (Brent) refines to about
    /// 1e-9 of the range. A unimodal objective's interior optimum is found to well within 1e-6 of the
    /// range; with several local optima, the best on the grid wins.
    public func optimize(
        _ objective: WhatIfObjective, by input: WhatIfInput, in range: (low: Value, high: Value), maximize: Bool,
        grid: Int = 100
    ) throws(EvalError) -> OptimumResult {
        let unit = try numericInput(input).unit
        let (now, outputUnit) = try objective.number(on: self)
        let (low, high) = try bounds(range, for: input, unit: unit)
        let probe = WhatIfProbe(model: self, input: input, unit: unit, objective: objective)
        let sign = maximize ? -1.0 : 1.0
        let cost: WhatIfSearch.Function = { (x: Double) throws(EvalError) -> Double in sign * (try probe(x)) }
        let xs = WhatIfSearch.grid(from: low, to: high, count: max(2, grid) + 1)
        var values: [Double] = []
        for x in xs { values.append(try cost(x)) }
        guard let bestIndex = values.indices.filter({ values[$0].isFinite }).min(by: { values[$0] < values[$1] })
        else {
            let why = probe.firstFailure.map { ": " + $0.message } ?? ""
            throw EvalError("`\(objective.label)` could not be evaluated anywhere in the range\(why)")
        }
        let width = high - low
        let tolerance = width * (objective.isProbability ? 1e-7 : 1e-10)
        let refined = try WhatIfSearch.minimize(
            cost, low: xs[max(0, bestIndex - 1)], high: xs[min(xs.count - 1, bestIndex + 1)], start: xs[bestIndex],
            fStart: values[bestIndex], tolerance: tolerance)
        var x = refined.x
        var fx = refined.fx
        if !(fx < values[bestIndex]) {
            x = xs[bestIndex]
            fx = values[bestIndex]
        }
        let edge = max(tolerance * 10, width * 1e-8)
        return OptimumResult(
            input: input, maximize: maximize, value: .number(x, unit), best: .number(sign * fx, outputUnit),
            current: .number(now, outputUnit), atBoundary: abs(x - low) <= edge || abs(x - high) <= edge,
            searched: (.number(low, unit), .number(high, unit)),
            tolerance: max(width * 1e-7, Double.ulpOfOne.squareRoot() * abs(x)), evaluations: probe.evaluations)
    }
}
