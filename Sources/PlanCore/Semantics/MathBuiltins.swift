import Glibc

/// The math built-ins of SPEC §2: `abs min max round floor ceil sqrt exp ln log10 clamp sum mean near`.
enum MathBuiltins {
    static var all: [Builtin] {
        [
            unary("abs", "abs(x)", "absolute value", "abs(-$3)", keepsUnit: true) { abs($0) },
            unary("sqrt", "sqrt(x)", "square root of a plain number", "sqrt(2)", keepsUnit: false) {
                $0 < 0 ? .nan : sqrt($0)
            },
            unary("exp", "exp(x)", "e to the power x", "exp(1)", keepsUnit: false) { exp($0) },
            unary("ln", "ln(x)", "natural logarithm", "ln(10)", keepsUnit: false) { $0 <= 0 ? .nan : log($0) },
            unary("log10", "log10(x)", "base-10 logarithm", "log10(1000)", keepsUnit: false) {
                $0 <= 0 ? .nan : log10($0)
            },
            rounding(
                "round", "round(x[, step])", "round to the nearest whole number (in x's unit) or step",
                "round(2.5 h, 15 min)"
            ) {
                $0.rounded(.toNearestOrAwayFromZero)
            },
            rounding("floor", "floor(x[, step])", "round down", "floor(7.9)") { $0.rounded(.down) },
            rounding("ceil", "ceil(x[, step])", "round up", "ceil(41.2)") { $0.rounded(.up) },
            extreme("min", smaller: true),
            extreme("max", smaller: false),
            reduction("sum", "sum(record)", "add up a record's fields", "sum({a: 1, b: 2})", average: false),
            reduction("mean", "mean(record)", "the average of a record's fields", "mean({a: 3, b: 7})", average: true),
            clamp,
            near,
        ]
    }

    private static func unary(
        _ name: String, _ signature: String, _ summary: String, _ example: String, keepsUnit: Bool,
        _ function: @escaping @Sendable (Double) -> Double
    ) -> Builtin {
        Builtin(name, arity: 1...1, signature: signature, summary: summary, example: example, topic: "math") {
            (args: [Value], site: CallSite) throws(EvalError) -> Value in
            try BuiltinSupport.broadcast(args, site) { (values: [Value]) throws(EvalError) -> Value in
                let (value, unit) = try BuiltinSupport.number(values, 0, site, name)
                if !keepsUnit && !unit.isDimensionless {
                    throw EvalError("`\(name)` needs a plain number, not \(unit.symbol)", span: site.arg(0))
                }
                let result = function(value)
                if result.isNaN {
                    throw EvalError(
                        "`\(name)` is not defined for \(Value.format(value, unit: unit))", span: site.arg(0))
                }
                return try Value.finite(result, keepsUnit ? unit : .plain, site.span)
            }
        }
    }

    private static func rounding(
        _ name: String, _ signature: String, _ summary: String, _ example: String,
        _ function: @escaping @Sendable (Double) -> Double
    ) -> Builtin {
        Builtin(name, arity: 1...2, signature: signature, summary: summary, example: example, topic: "math") {
            (args: [Value], site: CallSite) throws(EvalError) -> Value in
            try BuiltinSupport.broadcast(args, site) { (values: [Value]) throws(EvalError) -> Value in
                let (value, unit) = try BuiltinSupport.number(values, 0, site, name)
                var step = unit.scale
                if values.count == 2 {
                    let (given, stepUnit) = try BuiltinSupport.number(values, 1, site, name)
                    guard stepUnit.commensurable(with: unit) else {
                        throw EvalError(
                            "the step must be in the same kind of unit as the value", kind: .unitMismatch,
                            span: site.arg(1))
                    }
                    guard given > 0 else { throw EvalError("the step must be above zero", span: site.arg(1)) }
                    step = given
                }
                if unit.percent && values.count == 1 { step = 0.01 }
                return try Value.finite(function(value / step) * step, unit, site.span)
            }
        }
    }

    private static func extreme(_ name: String, smaller: Bool) -> Builtin {
        Builtin(
            name, arity: 1...64, signature: "\(name)(a, b, …)",
            summary: "the \(smaller ? "smallest" : "largest") argument; on one record, of its fields",
            example: "\(name)(3, 7)", topic: "math"
        ) { (args: [Value], site: CallSite) throws(EvalError) -> Value in
            if args.count == 1, case .record(let record) = args[0] {
                return try pick(record.values, site, name, smaller: smaller)
            }
            return try BuiltinSupport.broadcast(args, site) { (values: [Value]) throws(EvalError) -> Value in
                try pick(values, site, name, smaller: smaller)
            }
        }
    }

    private static func pick(_ values: [Value], _ site: CallSite, _ name: String, smaller: Bool) throws(EvalError)
        -> Value
    {
        var best: (Double, Unit)?
        for index in values.indices {
            let (value, unit) = try BuiltinSupport.number(values, index, site, name)
            if let current = best {
                guard unit.commensurable(with: current.1) else {
                    throw EvalError(
                        "cannot compare \(Value.unitName(current.1)) with \(Value.unitName(unit))", kind: .unitMismatch,
                        span: site.arg(index))
                }
                if smaller ? value < current.0 : value > current.0 { best = (value, current.1) }
            } else {
                best = (value, unit)
            }
        }
        guard let best else { throw EvalError("`\(name)` needs at least one value", span: site.span) }
        // A share among plain numbers makes the result a share (`min(1, 40%)` is 40%, `max(0, x%)` a share).
        let units = values.compactMap { value -> Unit? in
            if case .number(_, let unit) = value { return unit }
            return nil
        }
        return .number(best.0, Unit.extremeUnit(units) ?? best.1)
    }

    private static func reduction(
        _ name: String, _ signature: String, _ summary: String, _ example: String, average: Bool
    ) -> Builtin {
        Builtin(
            name, arity: 1...1, signature: signature, summary: summary, example: example, topic: "math",
            reduction: average ? .mean : .sum
        ) { (args: [Value], site: CallSite) throws(EvalError) -> Value in
            guard case .record(let record) = args[0] else {
                if case .number = args[0] { return args[0] }
                throw EvalError("`\(name)` needs a record, not \(args[0].kindDescription)", span: site.arg(0))
            }
            var total: Value = record.values[0]
            for value in record.values.dropFirst() { total = try Value.apply(.add, total, value, span: site.arg(0)) }
            if average { total = try Value.apply(.divide, total, .plain(Double(record.values.count)), span: site.span) }
            return total
        }
    }

    private static var clamp: Builtin {
        Builtin(
            "clamp", arity: 3...3, signature: "clamp(x, lo, hi)", summary: "x limited to the range lo…hi",
            example: "clamp(120%, 0%, 100%)", topic: "math"
        ) { (args: [Value], site: CallSite) throws(EvalError) -> Value in
            try BuiltinSupport.broadcast(args, site) { (values: [Value]) throws(EvalError) -> Value in
                let (value, unit) = try BuiltinSupport.number(values, 0, site, "clamp")
                let (low, lowUnit) = try BuiltinSupport.number(values, 1, site, "clamp")
                let (high, highUnit) = try BuiltinSupport.number(values, 2, site, "clamp")
                guard lowUnit.commensurable(with: unit), highUnit.commensurable(with: unit) else {
                    throw EvalError(
                        "`clamp` needs its bounds in the same kind of unit as the value", kind: .unitMismatch,
                        span: site.span)
                }
                guard low <= high else { throw EvalError("`clamp` needs lo <= hi", span: site.arg(1)) }
                return .number(min(max(value, low), high), Unit.extremeUnit([unit, lowUnit, highUnit]) ?? unit)
            }
        }
    }

    private static var near: Builtin {
        Builtin(
            "near", arity: 3...3, signature: "near(a, b, tol)",
            summary: "a and b agree within tol (a tol written with % is relative to |b|)",
            example: "near(savings, $40M per year, 5%)", topic: "math"
        ) { (args: [Value], site: CallSite) throws(EvalError) -> Value in
            let result = try BuiltinSupport.broadcast(args, site) { (values: [Value]) throws(EvalError) -> Value in
                let (a, unitA) = try BuiltinSupport.number(values, 0, site, "near")
                let (b, unitB) = try BuiltinSupport.number(values, 1, site, "near")
                let (tol, unitTol) = try BuiltinSupport.number(values, 2, site, "near")
                guard unitA.commensurable(with: unitB) else {
                    throw EvalError(
                        "cannot compare \(Value.unitName(unitA)) with \(Value.unitName(unitB))", kind: .unitMismatch,
                        span: site.span)
                }
                let difference = abs(a - b)
                if unitTol.isPlain && unitTol.percent { return .bool(difference <= tol * abs(b)) }
                if unitTol.isDimensionless && unitTol.isPlain { return .bool(difference <= tol * unitB.scale) }
                guard unitTol.commensurable(with: unitA) else {
                    throw EvalError(
                        "the tolerance must be a plain number, a % or in the values' unit", kind: .unitMismatch,
                        span: site.arg(2))
                }
                return .bool(difference <= tol)
            }
            if case .record(let record) = result {
                return .bool(record.values.allSatisfy { $0 == .bool(true) })
            }
            return result
        }
    }
}
