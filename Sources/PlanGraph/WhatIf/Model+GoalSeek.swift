public import PlanCore

/// The answer of a goal seek: the input value that makes the objective equal the target.
public struct GoalSeekResult: Sendable {
    /// The input varied.
    public var input: WhatIfInput
    /// The answer, in the input's unit.
    public var value: Value
    /// The objective at the answer.
    public var achieved: Value
    /// False when the objective jumps across the target there (no value gives it exactly: a step of
    /// `if`, `round`, or a Monte Carlo probability); `below` and `above` are its values on either side.
    public var isExact: Bool
    /// The objective just on the other side of the answer (equal to `achieved` for an exact root).
    public var otherSide: Value
    /// Other solutions found in the searched range (approximate when the target is a probability).
    public var otherSolutions: [Value]
    /// The range searched (the range given, or how far the outward search went).
    public var searched: (low: Value, high: Value)
    /// How precisely the answer is known, in base units of the input (for writing it with enough digits).
    public var tolerance: Double
    /// How many times the model was evaluated.
    public var evaluations: Int
}

/// Goal seek: grid scan for a sign change, then Brent's method to full precision.
extension Model {
    /// The value of `input` that makes `objective` equal `target`, leaving the model unchanged.
    ///
    /// With `range`, the range is scanned on a grid of `grid` intervals for sign changes of
    /// `objective − target`; the change nearest the input's current value is refined with Brent's method
    /// (and the others reported). Without it, the search steps outward from the current value in both
    /// directions, doubling the step, until the sign changes. Throws a message saying what the objective
    /// does in the range when no solution lies there.
    public func goalSeek(
        _ objective: WhatIfObjective, equals target: Value, by input: WhatIfInput,
        in range: (low: Value, high: Value)? = nil, grid: Int = 64
    ) throws(EvalError) -> GoalSeekResult {
        let (current, unit) = try numericInput(input)
        let (now, outputUnit) = try objective.number(on: self)
        let goal = try checkGoal(target, of: objective)
        let probe = WhatIfProbe(model: self, input: input, unit: unit, objective: objective)
        let difference: WhatIfSearch.Function = { (x: Double) throws(EvalError) -> Double in try probe(x) - goal }
        let show = { (value: Double) in Value.number(value, unit) }
        let (brackets, searched, points) = try signChanges(
            of: difference, by: input, unit: unit, from: current, now: now - goal, in: range, grid: grid)
        guard let chosen = brackets.first else {
            throw noSolution(
                objective, target, points, searched: searched, unit: unit, outputUnit: outputUnit,
                probe: probe, ranged: range != nil)
        }
        let width = abs(searched.1 - searched.0)
        let tolerance = objective.isProbability ? width * 1e-7 : 0
        let root = try WhatIfSearch.findRoot(difference, in: chosen, tolerance: tolerance)
        var others: [Value] = []
        for bracket in brackets.dropFirst().prefix(8) {
            if objective.isProbability {
                others.append(show(0.5 * (bracket.a + bracket.b)))
            } else {
                others.append(show(try WhatIfSearch.findRoot(difference, in: bracket).x))
            }
        }
        let scale = points.reduce(abs(goal)) { $1.y.isFinite ? max($0, abs($1.y + goal)) : $0 }
        let exact = root.fx == 0 || abs(root.fx) <= 1e-9 * max(scale, Double.leastNormalMagnitude)
        // Enough digits that applying the answer reaches the target to ~1e-7 of the objective's scale.
        let slope = chosen.a == chosen.b ? 0 : abs(chosen.fb - chosen.fa) / abs(chosen.b - chosen.a)
        var precision = slope > 0 && scale > 0 ? 1e-7 * scale / slope : width * 1e-9
        if objective.isProbability { precision = width * 1e-5 }
        precision = min(max(precision, 4 * Double.ulpOfOne * abs(root.x)), max(width, abs(root.x)) * 1e-6)
        return GoalSeekResult(
            input: input, value: show(root.x), achieved: .number(root.fx + goal, outputUnit), isExact: exact,
            otherSide: .number(root.fOther + goal, outputUnit), otherSolutions: others,
            searched: (show(min(searched.0, searched.1)), show(max(searched.0, searched.1))),
            tolerance: precision,
            evaluations: probe.evaluations)
    }

    /// The target of a goal seek in base units, checked against the objective: a number of its dimension.
    ///
    /// `goalSeek` checks this itself; a command calls it first to put an error's caret under the target.
    public func checkGoal(_ target: Value, of objective: WhatIfObjective) throws(EvalError) -> Double {
        let outputUnit = try objective.number(on: self).unit
        guard case .number(let goal, let goalUnit) = target else {
            throw EvalError("the value to reach must be a number, not \(target.kindDescription)", kind: .typeMismatch)
        }
        // Zero is zero in every unit: `= $0` or `= 0` reaches a $/year target.
        guard goalUnit.sameDimension(as: outputUnit) || goal == 0 else {
            throw EvalError(
                "`\(objective.label)` is \(outputUnit.dimensionDescription), but \(target.display) is "
                    + goalUnit.dimensionDescription, kind: .unitMismatch)
        }
        return goal
    }

    /// The range a search of `input` covers: `range` checked against the input's dimension and cut to the input's
    /// valid range (`within`), in the input's unit.
    ///
    /// The what-if engines check this themselves; a command calls it first to put an error's caret under the
    /// range. A range that lies wholly outside the valid range is an error (`.outOfRange`).
    public func searchRange(
        _ range: (low: Value, high: Value), for input: WhatIfInput
    ) throws(EvalError) -> (low: Value, high: Value) {
        let unit = try numericInput(input).unit
        let (low, high) = try bounds(range, for: input, unit: unit)
        return (.number(low, unit), .number(high, unit))
    }

    /// The ends of a search range in base units, checked against the input's dimension and cut to its valid range.
    func bounds(
        _ range: (low: Value, high: Value), for input: WhatIfInput, unit: Unit
    ) throws(EvalError) -> (Double, Double) {
        var ends: [Double] = []
        for end in [range.low, range.high] {
            guard case .number(let value, let endUnit) = end, value.isFinite else {
                throw EvalError("the ends of the range must be numbers, not \(end.kindDescription)")
            }
            guard endUnit.sameDimension(as: unit) else {
                throw EvalError(
                    "`\(input.name)` is \(unit.dimensionDescription), but \(end.display) is "
                        + endUnit.dimensionDescription,
                    hint: "write the range in the input's unit (\(unit.isPlain ? "a plain number" : unit.symbol))")
            }
            ends.append(value)
        }
        guard ends[0] != ends[1] else { throw EvalError("the range is empty: both ends are \(range.low.display)") }
        let (low, high) = (min(ends[0], ends[1]), max(ends[0], ends[1]))
        guard let valid = validRange(of: input) else { return (low, high) }
        let (validLow, validHigh) = valid.bounds
        let cut = (max(low, validLow), min(high, validHigh))
        guard cut.0 < cut.1 else {
            throw EvalError(
                "\(Value.format(low, unit: unit)) to \(Value.format(high, unit: unit)) lies outside the valid range of"
                    + " `\(input.name)`, \(valid.text)", kind: .outOfRange,
                hint: "search within \(valid.text)")
        }
        return cut
    }

    /// Where `function` changes sign: on a grid of `grid` intervals over `range` when given, else searching
    /// outward from `current` (whose value is `now`) within the input's valid range; the brackets nearest the
    /// current value first, with the range searched and the points evaluated.
    func signChanges(
        of function: WhatIfSearch.Function, by input: WhatIfInput, unit: Unit, from current: Double, now: Double,
        in range: (low: Value, high: Value)?, grid: Int
    ) throws(EvalError) -> (
        brackets: [WhatIfSearch.Bracket], searched: (Double, Double), points: [(x: Double, y: Double)]
    ) {
        guard let range else {
            return try outward(function, from: current, unit: unit, now: now, within: validRange(of: input))
        }
        let (low, high) = try bounds(range, for: input, unit: unit)
        var points: [(x: Double, y: Double)] = []
        for x in WhatIfSearch.grid(from: low, to: high, count: max(2, grid) + 1) { points.append((x, try function(x))) }
        var brackets = WhatIfSearch.signChanges(points)
        brackets.sort { distance($0, to: current) < distance($1, to: current) }
        return (brackets, (low, high), points)
    }

    /// The distance from `x` to the nearest end of a bracket.
    private func distance(_ bracket: WhatIfSearch.Bracket, to x: Double) -> Double {
        min(abs(bracket.a - x), abs(bracket.b - x))
    }

    /// Searches outward from `start` in both directions, doubling the step, for a sign change.
    func outward(
        _ f: WhatIfSearch.Function, from start: Double, unit: Unit, now: Double, within valid: ValidRange?
    ) throws(EvalError) -> ([WhatIfSearch.Bracket], (Double, Double), [(x: Double, y: Double)]) {
        var points: [(x: Double, y: Double)] = [(start, now)]
        if now == 0 { return ([WhatIfSearch.Bracket(a: start, fa: 0, b: start, fb: 0)], (start, start), points) }
        let base = start != 0 ? abs(start) * 0.01 : unit.scale * 0.01
        var last: [(x: Double, y: Double)] = [(start, now), (start, now)]
        var searched = (start, start)
        // Without a range the search stays where inputs make sense: a share within 0%…100%, a quantity that is
        // not negative now stays not negative (no -22% shrinkage or -$3 prices).
        // An input with a valid range stays inside it.
        let lowest = valid?.bounds.low ?? (start >= 0 ? 0.0 : -Double.infinity)
        let highest = valid?.bounds.high ?? (unit.percent && start <= 1 ? 1.0 : Double.infinity)
        for step in 0..<64 {
            let offset = base * Double(1 << min(step, 62))
            for side in 0..<2 {
                let x = min(highest, max(lowest, side == 0 ? start - offset : start + offset))
                guard x.isFinite, x != last[side].x || step == 0 else { continue }
                let y = try f(x)
                points.append((x, y))
                if side == 0 { searched.0 = x } else { searched.1 = x }
                guard y.isFinite else { continue }
                let previous = last[side]
                if y == 0 || (previous.y < 0) != (y < 0) {
                    let bracket =
                        y == 0
                        ? WhatIfSearch.Bracket(a: x, fa: 0, b: x, fb: 0)
                        : WhatIfSearch.Bracket(a: previous.x, fa: previous.y, b: x, fb: y)
                    return ([bracket], searched, points)
                }
                last[side] = (x, y)
            }
            // Up to a thousand times the current value (or unit) either way.
            if offset > 1e3 * (start != 0 ? abs(start) : unit.scale) { break }
        }
        points.sort { $0.x < $1.x }
        return ([], searched, points)
    }

    /// The error when no solution was found, saying what the objective does over the searched range.
    private func noSolution(
        _ objective: WhatIfObjective, _ target: Value, _ points: [(x: Double, y: Double)],
        searched: (Double, Double), unit: Unit, outputUnit: Unit, probe: WhatIfProbe, ranged: Bool
    ) -> EvalError {
        let show = { (x: Double) in Value.format(x, unit: unit) }
        let goal: Double
        if case .number(let value, _) = target { goal = value } else { goal = 0 }
        let finite = points.filter { $0.y.isFinite }
        guard let first = finite.min(by: { $0.x < $1.x }), let last = finite.max(by: { $0.x < $1.x }),
            let lowest = finite.min(by: { $0.y < $1.y }), let highest = finite.max(by: { $0.y < $1.y })
        else {
            let why = probe.firstFailure.map { ": " + $0.message } ?? ""
            return EvalError("`\(objective.label)` could not be evaluated anywhere in the range\(why)")
        }
        let place = ranged ? "from \(show(searched.0)) to \(show(searched.1))" : "searching outward"
        let outputs = { (y: Double) in Value.format(y + goal, unit: outputUnit) }
        var message = "no value of `\(probe.input.name)` \(place) makes `\(objective.label)` equal \(target.display)"
        let ends = [first.x, last.x]
        if lowest.y == highest.y {
            message += ": it is \(outputs(lowest.y)) throughout (it does not change with `\(probe.input.name)`)"
        } else if ends.contains(lowest.x) && ends.contains(highest.x) {
            message += ": it goes from \(outputs(first.y)) at \(show(first.x)) to \(outputs(last.y)) at \(show(last.x))"
        } else {
            message += ": it stays between \(outputs(lowest.y)) (at \(show(lowest.x))) and \(outputs(highest.y))"
            message += " (at \(show(highest.x)))"
        }
        if !ranged {
            message += "; searched from \(show(searched.0)) to \(show(searched.1))"
        }
        if objective.isProbability && lowest.y == highest.y {
            message += "; no distribution it depends on changes with `\(probe.input.name)`"
        }
        let hint = ranged ? "widen the range, or check the target" : "give a range: `in LO to HI`"
        return EvalError(message, hint: hint)
    }
}
