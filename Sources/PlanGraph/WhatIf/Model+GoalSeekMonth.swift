public import PlanCore

/// The answer of a goal seek whose target is a month (`:goalseek payback_month = 2025-01 by …`).
public struct MonthSeekResult: Sendable {
    /// The input varied.
    public var input: WhatIfInput
    /// The answer, in the input's unit: the boundary value on the side where the objective is the target month
    /// or earlier, written so that applying it lands on that side.
    public var value: Value
    /// The answer as a statement writes it (`62.5%`): the shortest literal on the reaching side.
    public var literal: String
    /// The objective at the answer (a month, the target or earlier).
    public var reached: Value
    /// The objective just on the other side of the boundary (a later month, or the fallback of `first` when it
    /// never holds there, such as `"not within the timeline"`).
    public var otherSide: Value
    /// The boundaries found elsewhere in the range searched (only with a range).
    public var otherBoundaries: [Value]
    /// The range searched.
    public var searched: (low: Value, high: Value)
    /// How many times the model was evaluated.
    public var evaluations: Int
}

/// Goal seek on a month (SPEC §9: `:goalseek payback_month = 2025-01 by …`).
///
/// A month moves in whole steps, so no input value makes it equal the target "exactly" the way a number does.
/// The answer is defined as the **boundary**: the value of the input at which the objective becomes the
/// target month or earlier (`payback_month <= 2025-01`), approached from the current value: on one side of it
/// the objective is the target or earlier, on the other side later. A month that never comes (the fallback
/// of `first(cond, "never")`, a string) counts as later than every month. The boundary nearest the current
/// value wins; with a range the others are reported. The objective there may be earlier than the target when
/// it jumps over it; the result says so by holding both sides.
extension Model {
    /// The boundary of `input` where `objective` (a month) becomes `target` or earlier; the model is unchanged.
    ///
    /// With `range`, the range is scanned on a grid of `grid` intervals; without it, the search steps outward
    /// from the current value (as `goalSeek` does). The boundary is bisected to full precision.
    public func goalSeek(
        _ objective: WhatIfObjective, reaching target: Int, by input: WhatIfInput,
        in range: (low: Value, high: Value)? = nil, grid: Int = 64
    ) throws(EvalError) -> MonthSeekResult {
        let (current, unit) = try numericInput(input)
        if objective.isProbability {
            throw EvalError("a probability is a share, not a month", kind: .typeMismatch)
        }
        let probe = MonthProbe(model: self, input: input, unit: unit, objective: objective, target: target)
        let now = try probe.side(of: try objective.value(on: self), label: objective.label)
        let side: WhatIfSearch.Function = { (x: Double) throws(EvalError) -> Double in try probe(x) }
        let (brackets, searched, points) = try signChanges(
            of: side, by: input, unit: unit, from: current, now: now, in: range, grid: grid)
        // A side is ±1, never 0: every bracket is a real change of side.
        guard let chosen = brackets.first(where: { $0.fa != $0.fb }) else {
            throw probe.noBoundary(points, searched: searched, ranged: range != nil)
        }
        let boundary = try bisect(side, chosen)
        var others: [Value] = []
        for bracket in brackets.dropFirst().prefix(8) where bracket.fa != bracket.fb {
            others.append(.number(try bisect(side, bracket).reach, unit))
        }
        let (value, literal) = try probe.answer(boundary, width: abs(searched.1 - searched.0))
        return MonthSeekResult(
            input: input, value: .number(value, unit), literal: literal,
            reached: try probe.objectiveValue(value), otherSide: try probe.objectiveValue(boundary.beyond),
            otherBoundaries: others,
            searched: (.number(min(searched.0, searched.1), unit), .number(max(searched.0, searched.1), unit)),
            evaluations: probe.evaluations)
    }

    /// The two ends of a change of side, bisected until they are neighbouring doubles: `reach` on the side
    /// where the objective is the target or earlier, `beyond` on the other.
    private func bisect(
        _ side: WhatIfSearch.Function, _ bracket: WhatIfSearch.Bracket
    ) throws(EvalError) -> (reach: Double, beyond: Double) {
        var (reach, beyond) = bracket.fa < 0 ? (bracket.a, bracket.b) : (bracket.b, bracket.a)
        for _ in 0..<200 {
            let middle = reach + (beyond - reach) / 2
            if middle == reach || middle == beyond { break }
            let y = try side(middle)
            if y.isNaN {
                throw EvalError("the target cannot be evaluated at a point between the ends of the search")
            }
            if y < 0 { reach = middle } else { beyond = middle }
        }
        return (reach, beyond)
    }
}

/// Evaluates which side of the target month the objective is on with the input at a value: −1 for the target
/// or earlier, +1 for later (or never), NaN where it cannot be evaluated.
final class MonthProbe: WhatIfProbe {
    /// The target month's number.
    let target: Int

    init(model: Model, input: WhatIfInput, unit: Unit, objective: WhatIfObjective, target: Int) {
        self.target = target
        super.init(model: model, input: input, unit: unit, objective: objective)
    }

    /// −1 when `value` is the target month or earlier, +1 when later or a fallback string (never); an error
    /// for anything else.
    func side(of value: Value, label: String) throws(EvalError) -> Double {
        switch value {
        case .number(let number, let unit) where unit.isDate:
            return number <= Double(target) ? -1 : 1
        case .string:
            return 1
        case .series(let series):
            throw WhatIfObjective.seriesError(label, series, span: objective.expression.span)
        default:
            throw EvalError(
                "`\(label)` is \(value.kindDescription), not a month, so it cannot reach \(Timeline.label(target))",
                kind: .typeMismatch, span: objective.expression.span)
        }
    }

    /// The side with the input at `x` (base units).
    override func callAsFunction(_ x: Double) throws(EvalError) -> Double {
        try orNaN(at: x) { () throws(EvalError) -> Double in
            try side(of: try objectiveValue(x), label: objective.label)
        }
    }

    /// The answer near a boundary and its literal: the shortest literal within a millionth of the range of the
    /// reaching end, on the reaching side, checked to reach (else the reaching end itself, in full).
    func answer(_ boundary: (reach: Double, beyond: Double), width: Double) throws(EvalError) -> (Double, String) {
        let tolerance = max(width * 1e-6, 4 * Double.ulpOfOne * abs(boundary.reach))
        let inward = boundary.reach >= boundary.beyond ? 1.0 : -1.0
        let centre = boundary.reach + inward * tolerance / 2
        for digits in 1..<15 {
            let text = Value.literal(centre, unit: unit, significantDigits: digits)
            guard let value = Value.parseNumber(text), abs(value - centre) <= tolerance / 2 else { continue }
            if try callAsFunction(value) < 0 { return (value, text) }
            break
        }
        return (boundary.reach, Value.literal(boundary.reach, unit: unit, significantDigits: 15))
    }

    /// A value as a message shows it: a string quoted (the fallback of `first`), anything else as displayed.
    static func quoted(_ value: Value) -> String {
        if case .string(let text) = value { return "\"\(text)\"" }
        return value.display
    }

    /// The error when no boundary lies in the range: what the objective is over it.
    func noBoundary(_ points: [(x: Double, y: Double)], searched: (Double, Double), ranged: Bool) -> EvalError {
        let show = { (x: Double) in Value.format(x, unit: self.unit) }
        let goal = Timeline.label(target)
        let place =
            ranged
            ? "from \(show(min(searched.0, searched.1))) to \(show(max(searched.0, searched.1)))"
            : "searching outward (\(show(min(searched.0, searched.1))) to \(show(max(searched.0, searched.1))))"
        let finite = points.filter { $0.y.isFinite }
        guard let first = finite.first else {
            let why = firstFailure.map { ": " + $0.message } ?? ""
            return EvalError("`\(objective.label)` could not be evaluated anywhere in the range\(why)")
        }
        let hint = ranged ? "widen the range, or check the target" : "give a range: `in LO to HI`"
        if first.y < 0 {
            return EvalError(
                "`\(objective.label)` is \(goal) or earlier for every value of `\(input.name)` \(place): no boundary"
                    + " to find", hint: hint)
        }
        // Later everywhere: say the earliest month it gets to, and where.
        var earliest: (x: Double, value: Value)?
        for point in finite {
            guard let value = try? objectiveValue(point.x) else { continue }
            guard let current = earliest else {
                earliest = (point.x, value)
                continue
            }
            if case .number(let month, _) = value {
                if case .number(let best, _) = current.value, best <= month { continue }
                earliest = (point.x, value)
            }
        }
        var message = "no value of `\(input.name)` \(place) brings `\(objective.label)` to \(goal) or earlier"
        if let earliest {
            if case .number = earliest.value {
                message += ": the earliest is \(earliest.value.display) (at \(show(earliest.x)))"
            } else {
                message += ": it is \(Self.quoted(earliest.value)) throughout"
            }
        }
        return EvalError(message, kind: .domain, hint: hint)
    }
}
