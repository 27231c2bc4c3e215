public import PlanCore

/// A quality floor (or ceiling) of `:maximize … subject to …`: `csat_tier.complex >= 80%`.
public struct WhatIfConstraint: Sendable {
    /// The left side.
    public var lhs: Expr
    /// `>=`, `>`, `<=` or `<`.
    public var op: BinaryOp
    /// The right side.
    public var rhs: Expr
    /// How it was written.
    public var label: String
    /// Where it is written (the command's line).
    public var span: SourceSpan

    /// A constraint from a comparison `lhs OP rhs`; nil when the expression is not one of `>= > <= <`.
    public init?(_ expr: Expr, label: String) {
        guard case .binary(let lhs, let link) = expr.kind,
            [.greaterEqual, .greater, .lessEqual, .less].contains(link.op)
        else { return nil }
        self.lhs = lhs
        self.op = link.op
        self.rhs = link.rhs
        self.label = label
        self.span = expr.span
    }

    /// How far the constraint holds on a model, in the left side's base units, and the left side's value.
    ///
    /// The margin is positive or zero where it holds (zero only for `>=`/`<=`), negative where it does not. A
    /// side that is a series (`agents >= 100`) compares month by month and must hold in every month: the margin
    /// is the tightest month's, `value` the left side in that month and `month` its number (nil for one number).
    public func margin(on model: Model) throws(EvalError) -> (margin: Double, value: Value, month: Int?) {
        let left = try model.evaluate(lhs)
        let right = try model.evaluate(rhs)
        let series = [left, right].compactMap { value -> Series? in
            if case .series(let series) = value { return series }
            return nil
        }
        guard let axis = series.first else {
            return (try monthMargin(left, right, in: nil), left, nil)
        }
        var tightest: (margin: Double, value: Value, month: Int)?
        for position in axis.values.indices {
            let (a, b) = (left.at(position: position), right.at(position: position))
            let margin = try monthMargin(a, b, in: axis.start + position)
            if tightest.map({ margin < $0.margin }) ?? true { tightest = (margin, a, axis.start + position) }
        }
        guard let tightest else { return (0, left, nil) }
        return (tightest.margin, tightest.value, tightest.month)
    }

    /// The margin of two numbers (in `month`, for a series).
    private func monthMargin(_ left: Value, _ right: Value, in month: Int?) throws(EvalError) -> Double {
        guard case .number(let a, let unitA) = left, case .number(let b, let unitB) = right else {
            let record = [left, right].first { if case .record = $0 { true } else { false } }
            let place = month.map { " (in \(Timeline.label($0)))" } ?? ""
            throw EvalError(
                "a constraint compares two numbers, not \(left.kindDescription) and \(right.kindDescription)\(place)",
                kind: .typeMismatch, span: span,
                hint: record == nil ? nil : "constrain one field (`csat_tier.complex >= 80%`) or `min(…)`")
        }
        guard unitA.commensurable(with: unitB) || a == 0 || b == 0 else {
            throw EvalError(
                "cannot compare \(Value.unitName(unitA)) with \(Value.unitName(unitB))", kind: .unitMismatch,
                span: span)
        }
        return op == .greaterEqual || op == .greater ? a - b : b - a
    }

    /// True when a margin means the constraint holds.
    public func holds(_ margin: Double) -> Bool { op == .greater || op == .less ? margin > 0 : margin >= 0 }
}

/// What became of one constraint at a constrained optimum.
public struct ConstraintReport: Sendable {
    /// The constraint as written.
    public var label: String
    /// Its left side at the answer.
    public var value: Value
    /// True when it holds with (almost) nothing to spare: the answer sits on its boundary.
    public var binding: Bool
    /// For a constraint on a series (it holds in every month), the month where it is tightest; `value` is the
    /// left side in that month.
    public var month: Int? = nil
}

/// The answer of `:maximize … subject to …`.
public struct ConstrainedOptimum: Sendable {
    /// The answer with every constraint met.
    public var optimum: OptimumResult
    /// Each constraint at the answer.
    public var constraints: [ConstraintReport]
    /// The optimum without the constraints, when it breaks one (nil when the constraints change nothing).
    public var unconstrained: OptimumResult?
}

/// Optimisation over one input with constraints on other outputs (quality floors).
extension Model {
    /// The best value of `objective` over `range` of `input` among the points where every constraint holds.
    ///
    /// The range is scanned on a grid; the best feasible grid point and its neighbours bracket the answer, which
    /// is refined by Brent's method (infeasible points count as worst) and, where a neighbour breaks a
    /// constraint, by finding that constraint's boundary (Brent's root finding on its margin): an optimum on a
    /// quality floor sits exactly on it. When no grid point is feasible, each constraint's best reachable value is
    /// searched; one that cannot be met anywhere in the range is the error (at the constraint, with its best
    /// value and where), and so are constraints that can each be met but not together.
    public func optimize(
        _ objective: WhatIfObjective, by input: WhatIfInput, in range: (low: Value, high: Value), maximize: Bool,
        subjectTo constraints: [WhatIfConstraint], grid: Int = 100
    ) throws(EvalError) -> ConstrainedOptimum {
        let free = try optimize(objective, by: input, in: range, maximize: maximize, grid: grid)
        let unit = try numericInput(input).unit
        let (low, high) = try bounds(range, for: input, unit: unit)
        let sign = maximize ? -1.0 : 1.0
        let probe = ConstraintProbe(
            model: self, input: input, unit: unit, objective: objective, constraints: constraints)
        // The free optimum may already meet every constraint.
        if case .number(let x, _) = free.value, try probe.feasible(x) {
            return ConstrainedOptimum(
                optimum: free, constraints: try reports(probe, at: x, range: (low, high)), unconstrained: nil)
        }
        let xs = WhatIfSearch.grid(from: low, to: high, count: max(2, grid) + 1)
        var costs: [Double] = []
        for x in xs { costs.append(try probe.feasible(x) ? sign * (try probe.objective(x)) : .infinity) }
        guard let best = costs.indices.filter({ costs[$0].isFinite }).min(by: { costs[$0] < costs[$1] }) else {
            throw try infeasible(probe, xs, range: (low, high), unit: unit)
        }
        var candidates: [(x: Double, cost: Double)] = [(xs[best], costs[best])]
        let width = high - low
        let tolerance = width * (objective.isProbability ? 1e-7 : 1e-10)
        let cost: WhatIfSearch.Function = { (x: Double) throws(EvalError) -> Double in
            try probe.feasible(x) ? sign * (try probe.objective(x)) : .infinity
        }
        let refined = try WhatIfSearch.minimize(
            cost, low: xs[max(0, best - 1)], high: xs[min(xs.count - 1, best + 1)], start: xs[best],
            fStart: costs[best], tolerance: tolerance)
        candidates.append((refined.x, refined.fx))
        // A neighbour that breaks a constraint: the answer may sit on that constraint's boundary.
        for neighbour in [best - 1, best + 1] where xs.indices.contains(neighbour) && !costs[neighbour].isFinite {
            if let edge = try probe.boundary(from: xs[best], towards: xs[neighbour]) {
                candidates.append((edge, try cost(edge)))
            }
        }
        guard let answer = candidates.filter({ $0.cost.isFinite }).min(by: { $0.cost < $1.cost }) else {
            throw try infeasible(probe, xs, range: (low, high), unit: unit)
        }
        let (now, outputUnit) = try objective.number(on: self)
        let edge = max(tolerance * 10, width * 1e-8)
        let optimum = OptimumResult(
            input: input, maximize: maximize, value: .number(answer.x, unit),
            best: .number(sign * answer.cost, outputUnit),
            current: .number(now, outputUnit), atBoundary: abs(answer.x - low) <= edge || abs(answer.x - high) <= edge,
            searched: (.number(low, unit), .number(high, unit)),
            tolerance: max(width * 1e-9, Double.ulpOfOne.squareRoot() * abs(answer.x) * 1e-3),
            evaluations: free.evaluations + probe.evaluations)
        return ConstrainedOptimum(
            optimum: optimum, constraints: try reports(probe, at: answer.x, range: (low, high)), unconstrained: free)
    }

    /// Each constraint's value at `x`, binding when its margin is within a millionth of the range of its side.
    private func reports(
        _ probe: ConstraintProbe, at x: Double, range: (Double, Double)
    ) throws(EvalError) -> [ConstraintReport] {
        var reports: [ConstraintReport] = []
        for index in probe.constraints.indices {
            let (margin, value, month) = try probe.margin(index, x)
            var scale = 1e-12
            if case .number(let number, _) = value { scale = max(scale, abs(number)) }
            reports.append(
                ConstraintReport(
                    label: probe.constraints[index].label, value: value, binding: abs(margin) <= 1e-6 * scale,
                    month: month))
        }
        return reports
    }

    /// The error when no point of the range meets every constraint: the first constraint that cannot be met
    /// anywhere (with its best value and where), or, when each can be met alone, that they cannot together.
    private func infeasible(
        _ probe: ConstraintProbe, _ xs: [Double], range: (Double, Double), unit: Unit
    ) throws(EvalError) -> EvalError {
        let show = { (x: Double) in Value.format(x, unit: unit) }
        let place = "for `\(probe.input.name)` in \(show(range.0)) to \(show(range.1))"
        for (index, constraint) in probe.constraints.enumerated() {
            var margins: [Double] = []
            for x in xs { margins.append((try? probe.margin(index, x).margin) ?? -.infinity) }
            guard let top = margins.indices.max(by: { margins[$0] < margins[$1] }) else { continue }
            if constraint.holds(margins[top]) { continue }
            // The best reachable value, refined between the grid points around the best one.
            let refined = try WhatIfSearch.minimize(
                { (x: Double) throws(EvalError) -> Double in
                    -((try? probe.margin(index, x).margin) ?? -.infinity)
                }, low: xs[max(0, top - 1)], high: xs[min(xs.count - 1, top + 1)], start: xs[top],
                fStart: -margins[top],
                tolerance: (range.1 - range.0) * 1e-10)
            let x = -refined.fx > margins[top] ? refined.x : xs[top]
            if let margin = try? probe.margin(index, x).margin, constraint.holds(margin) { continue }
            let value = (try? probe.margin(index, x).value)?.display ?? "?"
            return EvalError(
                "`\(constraint.label)` cannot be met \(place): the best it reaches is \(value)"
                    + " (at \(probe.input.name) = \(show(x)))", kind: .domain, span: constraint.span,
                hint: "relax it, or widen the range")
        }
        return EvalError(
            "the constraints can each be met \(place), but not together: "
                + probe.constraints.map { "`\($0.label)`" }.joined(separator: ", "), kind: .domain,
            hint: "relax one of them, or widen the range")
    }
}

/// Evaluates the objective and the constraints with the input at a value.
final class ConstraintProbe {
    /// The model the input is set in.
    let model: Model
    /// The input varied.
    let input: WhatIfInput
    /// The input's unit.
    let unit: Unit
    /// What is optimised.
    let objectiveToMeasure: WhatIfObjective
    /// What must hold.
    let constraints: [WhatIfConstraint]
    /// How many points were evaluated.
    var evaluations = 0
    /// The last point's model (the objective and each constraint read the same one).
    private var cache: (x: Double, model: Model?)?

    /// Creates a probe.
    init(model: Model, input: WhatIfInput, unit: Unit, objective: WhatIfObjective, constraints: [WhatIfConstraint]) {
        self.model = model
        self.input = input
        self.unit = unit
        self.objectiveToMeasure = objective
        self.constraints = constraints
    }

    /// The model with the input at `x`, nil where the model refuses it.
    private func changed(_ x: Double) throws(EvalError) -> Model? {
        if let cache, cache.x == x { return cache.model }
        try model.checkCancelled()
        evaluations += 1
        var result: Model?
        do throws(EvalError) {
            result = try model.withInput(input, value: .number(x, unit))
        } catch {
            if error.isInterrupted { throw error }
            result = nil
        }
        cache = (x, result)
        return result
    }

    /// The objective at `x`, NaN where it cannot be evaluated.
    func objective(_ x: Double) throws(EvalError) -> Double {
        guard let changed = try changed(x) else { return .nan }
        do throws(EvalError) {
            let value = try objectiveToMeasure.number(on: changed).value
            return value.isFinite ? value : .nan
        } catch {
            if error.isInterrupted { throw error }
            return .nan
        }
    }

    /// Constraint `index`'s margin and left side at `x`; throws where it cannot be evaluated.
    func margin(_ index: Int, _ x: Double) throws(EvalError) -> (margin: Double, value: Value, month: Int?) {
        guard let changed = try changed(x) else {
            throw EvalError("the model refuses `\(input.name)` = \(Value.format(x, unit: unit))", kind: .refused)
        }
        return try constraints[index].margin(on: changed)
    }

    /// True when every constraint holds at `x` (and the objective can be evaluated there).
    func feasible(_ x: Double) throws(EvalError) -> Bool {
        for index in constraints.indices {
            do throws(EvalError) {
                let margin = try margin(index, x).margin
                if !constraints[index].holds(margin) { return false }
            } catch {
                if error.isInterrupted { throw error }
                return false
            }
        }
        return !(try objective(x)).isNaN
    }

    /// The point nearest `towards` on the feasible side of the first constraint that `towards` breaks, found
    /// between `from` (feasible) and `towards`.
    func boundary(from: Double, towards: Double) throws(EvalError) -> Double? {
        var nearest: Double?
        for index in constraints.indices {
            guard let start = try? margin(index, from).margin, let end = try? margin(index, towards).margin,
                constraints[index].holds(start), !constraints[index].holds(end)
            else { continue }
            let root = try WhatIfSearch.findRoot(
                { (x: Double) throws(EvalError) -> Double in (try? self.margin(index, x).margin) ?? .nan },
                in: WhatIfSearch.Bracket(a: from, fa: start, b: towards, fb: end))
            // The end of the final bracket on the feasible side.
            let candidates = [root.x, root.other].filter { x in
                (try? self.feasible(x)) ?? false
            }
            guard let edge = candidates.min(by: { abs($0 - towards) < abs($1 - towards) }) else { continue }
            if nearest.map({ abs(edge - from) < abs($0 - from) }) ?? true { nearest = edge }
        }
        return nearest
    }
}
