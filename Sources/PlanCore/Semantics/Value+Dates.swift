/// Arithmetic with dates (months on the calendar, SPEC §9): a date is a point in time, not an amount of time.
///
/// - Dates compare with dates (`first(x > 0) <= 2025-06`).
/// - `date - date` is a time in months (`2025-06 - 2025-01` is 5 months).
/// - `date ± time` and `time + date` are dates when the time is a whole number of months (`2025-01 + 1 year`
///   is 2026-01; `2025-01 + 10 days` is an error: the timeline moves in months).
/// - Anything else with a date is an error that says what a date can do.
extension Value {
    static func dates(_ op: BinaryOp, _ a: Double, _ ua: Unit, _ b: Double, _ ub: Unit, span: SourceSpan)
        throws(EvalError) -> Value
    {
        let month = Unit.atom(.month)
        switch op {
        case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual:
            guard ua.isDate && ub.isDate else {
                throw EvalError(
                    "cannot compare \(unitName(ua)) with \(unitName(ub)): a date compares only with a date",
                    kind: .unitMismatch, span: span)
            }
            switch op {
            case .less: return .bool(a < b)
            case .lessEqual: return .bool(a <= b)
            case .greater: return .bool(a > b)
            case .greaterEqual: return .bool(a >= b)
            case .equal: return .bool(a == b)
            default: return .bool(a != b)
            }
        case .subtract where ua.isDate && ub.isDate:
            return try finite((a - b) * Timeline.monthSeconds, month, span)
        case .add where ua.isDate && ub.isDate:
            throw EvalError(
                "cannot add two dates (a date minus a date is a time: `2025-06 - 2025-01`)", kind: .unitMismatch,
                span: span)
        case .add, .subtract:
            let (date, time, timeUnit) = ua.isDate ? (a, b, ub) : (b, a, ua)
            guard op == .add || ua.isDate else {
                throw EvalError(
                    "cannot subtract a date from \(unitName(ua)); a date minus a date is a time",
                    kind: .unitMismatch, span: span)
            }
            guard timeUnit.commensurable(with: month) else {
                throw EvalError(
                    "cannot \(op == .add ? "add" : "subtract") \(unitName(timeUnit)) \(op == .add ? "to" : "from") a date: "
                        + "a date moves by a time (`2025-06 + 3 months`)", kind: .unitMismatch, span: span)
            }
            let months = time / Timeline.monthSeconds
            let whole = months.rounded()
            guard abs(months - whole) <= 1e-9 * max(1, abs(months)) else {
                throw EvalError(
                    "a date moves by whole months, not \(NumberFormat.significant(months, 4)) months",
                    kind: .domain, span: span)
            }
            return try finite(op == .add ? date + whole : date - whole, .date, span)
        case .multiply, .divide, .power:
            throw EvalError(
                "cannot use `\(op.rawValue)` on a date (a date minus a date is a time in months)",
                kind: .unitMismatch, span: span)
        case .and, .or:
            throw EvalError("`\(op.rawValue)` needs booleans, not dates", kind: .typeMismatch, span: span)
        }
    }
}
