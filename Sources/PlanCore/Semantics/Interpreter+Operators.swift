/// Operators, branch selection and unit conversion over data of any domain.
extension Interpreter {
    /// Applies a binary operator (not `and`/`or`, which short-circuit in `chain`), elementwise over records.
    ///
    /// The same rules as `Value.apply`: records with the same keys combine field by field (in the left
    /// one's order when the order differs), a record and a scalar broadcast, numbers are checked and
    /// combined by the domain, booleans and strings compare for equality.
    func binary(_ op: BinaryOp, _ lhs: Datum<D>, _ rhs: Datum<D>, _ span: SourceSpan) throws(EvalError) -> Datum<D> {
        // Two numbers, most of all arithmetic, before the tuple switch below (which copies both operands).
        if case .number(let a, let ua) = lhs, case .number(let b, let ub) = rhs {
            return try domain.arithmetic(op, a, ua, b, ub, span: span)
        }
        switch (lhs, rhs) {
        case (.record(let keys, let left), .record(let otherKeys, let right)):
            var fields: [Datum<D>] = []
            fields.reserveCapacity(left.count)
            if keys == otherKeys {
                for index in left.indices { fields.append(try binary(op, left[index], right[index], span)) }
                return .record(keys, fields)
            }
            guard Set(keys) == Set(otherKeys) else {
                throw EvalError(Value.keyMismatch(keys, otherKeys), kind: .unknownField, span: span)
            }
            for (index, key) in keys.enumerated() {
                guard let other = otherKeys.firstIndex(of: key) else { continue }
                fields.append(try binary(op, left[index], right[other], span))
            }
            return .record(keys, fields)
        case (.record(let keys, let left), _):
            var fields: [Datum<D>] = []
            fields.reserveCapacity(left.count)
            for field in left { fields.append(try binary(op, field, rhs, span)) }
            return .record(keys, fields)
        case (_, .record(let keys, let right)):
            var fields: [Datum<D>] = []
            fields.reserveCapacity(right.count)
            for field in right { fields.append(try binary(op, lhs, field, span)) }
            return .record(keys, fields)
        case (.bool(let a), .bool(let b)):
            switch op {
            case .equal, .notEqual, .and, .or: return .bool(domain.logic(op, a, b))
            default:
                throw EvalError(
                    "booleans are not numbers: cannot use `\(op.rawValue)` on them", kind: .typeMismatch, span: span)
            }
        case (.string(let a), .string(let b)):
            switch op {
            case .equal: return .bool(D.flag(a == b))
            case .notEqual: return .bool(D.flag(a != b))
            default:
                throw EvalError(
                    "strings are only for messages and labels: cannot use `\(op.rawValue)`", kind: .typeMismatch,
                    span: span)
            }
        default:
            throw EvalError(
                "cannot use `\(op.rawValue)` on \(lhs.kindDescription) and \(rhs.kindDescription)", kind: .typeMismatch,
                span: span)
        }
    }

    /// Per lane, `a` where the flags hold and `b` elsewhere (both branches already evaluated).
    func select(_ flags: D.Flag, _ a: Datum<D>, _ b: Datum<D>, _ span: SourceSpan) throws(EvalError) -> Datum<D> {
        switch (a, b) {
        case (.number(let x, let unit), .number(let y, _)): return .number(domain.select(flags, x, y), unit)
        case (.bool(let x), .bool(let y)): return .bool(domain.select(flags, x, y))
        case (.string(let x), .string(let y)) where x == y: return a
        case (.record(let keys, let left), .record(let otherKeys, let right)) where Set(keys) == Set(otherKeys):
            var fields: [Datum<D>] = []
            for (index, key) in keys.enumerated() {
                guard let other = otherKeys.firstIndex(of: key) else { continue }
                fields.append(try select(flags, left[index], right[other], span))
            }
            return .record(keys, fields)
        case (.record(let keys, let left), _):
            var fields: [Datum<D>] = []
            for field in left { fields.append(try select(flags, field, b, span)) }
            return .record(keys, fields)
        case (_, .record(let keys, let right)):
            var fields: [Datum<D>] = []
            for field in right { fields.append(try select(flags, a, field, span)) }
            return .record(keys, fields)
        default:
            throw EvalError(
                "the branches of `if` give \(a.kindDescription) and \(b.kindDescription), which cannot vary by sample",
                kind: .typeMismatch, span: span)
        }
    }

    /// A datum of the same shape whose every lane failed.
    static func failed(like datum: Datum<D>) -> Datum<D> {
        switch datum {
        case .number(_, let unit): return .number(D.failedNumber, unit)
        case .bool, .string: return .bool(D.failedFlag)
        case .record(let keys, let fields): return .record(keys, fields.map { failed(like: $0) })
        }
    }

    /// Shows a datum in another unit of the same dimension (records field by field).
    public static func convert(_ datum: Datum<D>, to unit: Unit, span: SourceSpan) throws(EvalError) -> Datum<D> {
        switch datum {
        case .number(let number, let own):
            guard own.sameDimension(as: unit) else {
                throw EvalError(
                    "cannot show \(Value.unitName(own)) in \(Value.unitName(unit))", kind: .unitMismatch, span: span)
            }
            return .number(number, unit)
        case .record(let keys, let fields):
            var values: [Datum<D>] = []
            values.reserveCapacity(fields.count)
            for field in fields { values.append(try convert(field, to: unit, span: span)) }
            return .record(keys, values)
        default:
            throw EvalError("cannot show \(datum.kindDescription) in a unit", kind: .typeMismatch, span: span)
        }
    }
}
