import Glibc

/// Operators on values: dimension-checked, elementwise over records, errors instead of non-finite results.
extension Value {
    /// Applies a binary operator (not `and`/`or`, which short-circuit in the evaluator).
    public static func apply(
        _ op: BinaryOp, _ lhs: Value, _ rhs: Value, span: SourceSpan
    ) throws(EvalError) -> Value {
        switch (lhs, rhs) {
        case (.number(let a, let ua), .number(let b, let ub)):
            return try numbers(op, a, ua, b, ub, span: span)
        case (.record(let left), .record(let right)):
            guard left.keys == right.keys else {
                if Set(left.keys) == Set(right.keys) {
                    var values: [Value] = []
                    values.reserveCapacity(left.keys.count)
                    for (index, key) in left.keys.enumerated() {
                        guard let other = right[key] else { continue }
                        values.append(try apply(op, left.values[index], other, span: span))
                    }
                    return .record(Record(keys: left.keys, values: values))
                }
                throw EvalError(keyMismatch(left.keys, right.keys), kind: .unknownField, span: span)
            }
            var values: [Value] = []
            values.reserveCapacity(left.values.count)
            for index in left.values.indices {
                values.append(try apply(op, left.values[index], right.values[index], span: span))
            }
            return .record(Record(keys: left.keys, values: values))
        case (.record(let left), _):
            var values: [Value] = []
            values.reserveCapacity(left.values.count)
            for value in left.values { values.append(try apply(op, value, rhs, span: span)) }
            return .record(Record(keys: left.keys, values: values))
        case (_, .record(let right)):
            var values: [Value] = []
            values.reserveCapacity(right.values.count)
            for value in right.values { values.append(try apply(op, lhs, value, span: span)) }
            return .record(Record(keys: right.keys, values: values))
        case (.bool(let a), .bool(let b)):
            switch op {
            case .equal: return .bool(a == b)
            case .notEqual: return .bool(a != b)
            case .and: return .bool(a && b)
            case .or: return .bool(a || b)
            default: throw EvalError("booleans are not numbers: cannot use `\(op.rawValue)` on them", span: span)
            }
        case (.string(let a), .string(let b)):
            switch op {
            case .equal: return .bool(a == b)
            case .notEqual: return .bool(a != b)
            default:
                throw EvalError("strings are only for messages and labels: cannot use `\(op.rawValue)`", span: span)
            }
        default:
            throw EvalError(
                "cannot use `\(op.rawValue)` on \(lhs.kindDescription) and \(rhs.kindDescription)", span: span)
        }
    }

    private static func numbers(
        _ op: BinaryOp, _ a: Double, _ ua: Unit, _ b: Double, _ ub: Unit, span: SourceSpan
    ) throws(EvalError) -> Value {
        if ua.isDate || ub.isDate { return try dates(op, a, ua, b, ub, span: span) }
        switch op {
        case .add, .subtract:
            // The same dimension, counts included: `12 agents + 4 h` and `5 agents + 5 tickets` are errors.
            guard ua.commensurable(with: ub) else {
                let message =
                    op == .add
                    ? "cannot add \(unitName(ua)) and \(unitName(ub))"
                    : "cannot subtract \(unitName(ub)) from \(unitName(ua))"
                throw EvalError(message, kind: .unitMismatch, span: span)
            }
            return try finite(op == .add ? a + b : a - b, ua.sumUnit(with: ub), span)
        case .multiply:
            let unit = ua.multiplied(by: ub)
            try checkGrowth(unit, span)
            return try finite(a * b, unit, span)
        case .divide:
            if b == 0 { throw EvalError("division by zero", kind: .notFinite, span: span) }
            let unit = ua.divided(by: ub)
            try checkGrowth(unit, span)
            return try finite(a / b, unit, span)
        case .power:
            return try power(a, ua, b, ub, span: span)
        case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual:
            // Zero is zero in every unit: `net_value < $0` and `savings > 0` compare with any money rate.
            guard ua.commensurable(with: ub) || a == 0 || b == 0 else {
                throw EvalError("cannot compare \(unitName(ua)) with \(unitName(ub))", kind: .unitMismatch, span: span)
            }
            switch op {
            case .less: return .bool(a < b)
            case .lessEqual: return .bool(a <= b)
            case .greater: return .bool(a > b)
            case .greaterEqual: return .bool(a >= b)
            case .equal: return .bool(a == b)
            default: return .bool(a != b)
            }
        case .and, .or:
            throw EvalError("`\(op.rawValue)` needs booleans, not numbers", span: span)
        }
    }

    /// Raises a number to a power; a quantity with units only to a whole power.
    public static func power(_ a: Double, _ ua: Unit, _ b: Double, _ ub: Unit, span: SourceSpan) throws(EvalError)
        -> Value
    {
        guard ub.isDimensionless && !ub.hasCounts else {
            throw EvalError(
                "an exponent must be a plain number, not \(unitName(ub))", kind: .unitMismatch, span: span)
        }
        if ua.isPlain { return try finite(pow(a, b), .plain, span) }
        guard b == b.rounded(), abs(b) <= 8 else {
            throw EvalError(
                "a quantity in \(ua.symbol) can only be raised to a small whole power", kind: .unitMismatch,
                span: span)
        }
        // Checked before the power so that the 8-bit exponents cannot wrap (`($^16)^8`).
        guard ua.largestExponent * Int(abs(b)) <= maximumDimension else {
            throw growth(ua, span)
        }
        return try finite(pow(a, b), ua.power(Int(b)), span)
    }

    /// The largest power of any dimension or unit atom a quantity may carry (exponents are stored in 8 bits).
    public static let maximumDimension = 16

    /// Checks that a result's unit stays within `maximumDimension` (no silent wrap-around: `$^256`).
    ///
    /// Operands within the limit cannot wrap when their exponents add (16 + 16 fits in 8 bits).
    static func checkGrowth(_ unit: Unit, _ span: SourceSpan) throws(EvalError) {
        guard unit.hasSmallExponents || unit.largestExponent <= maximumDimension else {
            throw growth(unit, span)
        }
    }

    private static func growth(_ unit: Unit, _ span: SourceSpan) -> EvalError {
        EvalError(
            "units grow beyond reason (from \(unitName(unit))); at most ^\(maximumDimension) of a unit is kept",
            kind: .limit, span: span)
    }

    /// Checks that a result is finite.
    @inline(__always)
    public static func finite(_ value: Double, _ unit: Unit, _ span: SourceSpan) throws(EvalError) -> Value {
        guard value.isFinite else {
            throw EvalError(
                value.isNaN ? "the result is not a number (0/0 or similar)" : "the result overflows", span: span)
        }
        return .number(value, unit)
    }

    /// How a unit is named in errors: its symbol, or "a plain number".
    public static func unitName(_ unit: Unit) -> String {
        unit.isPlain ? "a plain number" : unit.symbol
    }

    /// The message for records whose keys differ.
    public static func keyMismatch(_ left: [String], _ right: [String]) -> String {
        let missingRight = left.filter { !right.contains($0) }
        let missingLeft = right.filter { !left.contains($0) }
        var parts: [String] = []
        if !missingRight.isEmpty {
            parts.append("the right one lacks " + missingRight.map { "`\($0)`" }.joined(separator: ", "))
        }
        if !missingLeft.isEmpty {
            parts.append("the left one lacks " + missingLeft.map { "`\($0)`" }.joined(separator: ", "))
        }
        return "records have different keys: " + parts.joined(separator: "; ")
    }
}
