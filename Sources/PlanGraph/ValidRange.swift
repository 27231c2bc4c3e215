public import PlanCore

/// The values a cell may take, declared with its definition: `shrinkage = 30% within 0% to 100%`.
///
/// A range belongs to the cell, not to one definition of it: a later `shrinkage = 25%` keeps it (as it keeps the
/// cell's `##` docs), and a definition with its own `within` replaces it. It applies to every number the cell
/// holds: each field of a record, each month of a series, and for a distribution its mean (the value the model
/// holds) and its 5th and 95th percentiles. The live model refuses a statement that would leave it, as it refuses
/// one that would divide by zero; `:goalseek`, `:maximize`, `:sweep` and `:sensitivity` stay inside it. Monte
/// Carlo draws are not clipped (a 90% interval inside the range still has tails). A class, so that a node without
/// a range pays one pointer for it.
public final class ValidRange: Sendable {
    /// The low end, in the cell's units.
    public let low: Value
    /// The high end.
    public let high: Value
    /// The clause's ends as written (`0% to 100%`), for messages and `:save`.
    public let text: String

    /// Creates a range; `low` must not be above `high` (see `Model.validRange`).
    public init(low: Value, high: Value, text: String) {
        self.low = low
        self.high = high
        self.text = text
    }

    /// The ends in base units.
    public var bounds: (low: Double, high: Double) {
        guard case .number(let low, _) = low, case .number(let high, _) = high else { return (-.infinity, .infinity) }
        return (low, high)
    }

    /// The ends' unit (the low end's, or the high end's when the low end is a bare zero).
    var unit: Unit {
        if case .number(let low, let unit) = low, low != 0 || !unit.isPlain { return unit }
        if case .number(_, let unit) = high { return unit }
        return .plain
    }

    /// True when a number in `unit` can be compared with the ends (zero is zero in every unit).
    func fits(_ unit: Unit) -> Bool {
        let (lowEnd, highEnd) = bounds
        for (end, value) in [(lowEnd, low), (highEnd, high)] {
            guard case .number(_, let endUnit) = value else { return false }
            if end != 0 && !endUnit.commensurable(with: unit) { return false }
        }
        return true
    }

    /// True when `x` (base units) lies within the range, ends included.
    public func contains(_ x: Double) -> Bool {
        let (lowEnd, highEnd) = bounds
        return x >= lowEnd && x <= highEnd
    }

    /// `x` moved to the nearest end when it lies outside.
    public func clamped(_ x: Double) -> Double {
        let (lowEnd, highEnd) = bounds
        return min(max(x, lowEnd), highEnd)
    }

    /// The first number of `value` outside the range, with where it is: its field (`.routine`) and its month
    /// (`2025-03`, empty outside a series); nil when every number lies within.
    ///
    /// Throws a unit mismatch when the value's units are not the range's.
    public func firstViolation(in value: Value) throws(EvalError) -> (field: String, month: String, value: Value)? {
        switch value {
        case .number(let x, let unit):
            guard fits(unit) else {
                throw EvalError(
                    "the range \(text) is \(Value.unitName(self.unit)), but the value is \(Value.unitName(unit))",
                    kind: .unitMismatch)
            }
            return contains(x) ? nil : ("", "", value)
        case .record(let record):
            for (key, field) in zip(record.keys, record.values) {
                if let found = try firstViolation(in: field) {
                    return ("." + key + found.field, found.month, found.value)
                }
            }
            return nil
        case .series(let series):
            for (offset, month) in series.values.enumerated() {
                if let found = try firstViolation(in: month) {
                    return (found.field, Timeline.label(series.start + offset), found.value)
                }
            }
            return nil
        case .bool, .string:
            throw EvalError("only numbers have a valid range, not \(value.kindDescription)", kind: .typeMismatch)
        }
    }
}
