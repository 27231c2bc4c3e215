/// A user-defined function `f(x, y) = body`.
public struct UserFunction: Sendable {
    /// Its name.
    public var name: String
    /// Its parameters.
    public var params: [String]
    /// Its body.
    public var body: Expr

    /// Creates a function.
    public init(name: String, params: [String], body: Expr) {
        self.name = name
        self.params = params
        self.body = body
    }
}

/// What an expression can see: cells, user functions and built-ins.
public protocol EvaluationScope {
    /// The current value of a cell, or nil when there is no such cell.
    func cellValue(_ name: String) -> Value?
    /// A user function, or nil.
    func userFunction(_ name: String) -> UserFunction?
    /// Every name an expression could mean (for "did you mean").
    var knownNames: [String] { get }
    /// The built-in functions.
    var builtins: Builtins { get }
}

/// Evaluates expressions to values (outside simulation: distributions give their means).
public struct Evaluator<Scope: EvaluationScope> {
    /// The deepest chain of user-function calls.
    public static var maximumCallDepth: Int { 200 }
    /// The deepest nesting of expressions, counted across user-function calls: the parser limits one
    /// expression to `Parser.maximumDepth` levels, but calls multiply them (200 × 200 levels overflow
    /// an 8 MiB stack).
    public static var maximumEvaluationDepth: Int { 2_000 }
    /// The error when `maximumEvaluationDepth` is exceeded.
    public static var tooDeepMessage: String {
        "expressions nest too deeply through function calls (more than \(maximumEvaluationDepth) levels)"
    }

    private let scope: Scope
    private var locals: [String: Value] = [:]
    private var callDepth = 0
    private var depth = 0

    /// Creates an evaluator over a scope.
    public init(scope: Scope) { self.scope = scope }

    /// Evaluates an expression.
    public mutating func evaluate(_ expr: Expr) throws(EvalError) -> Value {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumEvaluationDepth else { throw EvalError(Self.tooDeepMessage, span: expr.span) }
        switch expr.kind {
        case .number(let value, let unit): return .number(value, unit)
        case .bool(let value): return .bool(value)
        case .string(let text): return .string(text)
        case .name(let name): return try lookup(name, expr.span)
        case .negate(let operand):
            return try Value.apply(.multiply, .plain(-1), try evaluate(operand), span: expr.span)
        case .not(let operand):
            guard case .bool(let value) = try evaluate(operand) else {
                throw EvalError("`not` needs a boolean", span: operand.span)
            }
            return .bool(!value)
        case .chain(let first, let links): return try chain(first, links)
        case .power(let base, let exponent):
            return try Value.apply(.power, try evaluate(base), try evaluate(exponent), span: expr.span)
        case .call(let name, let nameSpan, let args): return try call(name, nameSpan, args, expr.span)
        case .field(let base, let field, let fieldSpan):
            let value = try evaluate(base)
            guard case .record(let record) = value else {
                throw EvalError("cannot read field `\(field)` of \(value.kindDescription)", span: fieldSpan)
            }
            guard let fieldValue = record[field] else {
                throw EvalError(
                    "no field `\(field)` in the record (fields: \(record.keys.joined(separator: ", ")))",
                    span: fieldSpan,
                    hint: Suggestion.hint(for: field, among: record.keys))
            }
            return fieldValue
        case .record(let entries):
            var values: [Value] = []
            values.reserveCapacity(entries.count)
            for entry in entries { values.append(try evaluate(entry.value)) }
            return .record(Record(keys: entries.map(\.key), values: values))
        case .conditional(let condition, let yes, let no):
            switch try evaluate(condition) {
            case .bool(true): return try evaluate(yes)
            case .bool(false): return try evaluate(no)
            case let other:
                throw EvalError("`if` needs a boolean condition, not \(other.kindDescription)", span: condition.span)
            }
        case .convert(let inner, let unit, let unitSpan):
            return try Self.convert(try evaluate(inner), to: unit, span: unitSpan)
        case .interval(let low, let high):
            let lowValue = try evaluate(low)
            let highValue = try evaluate(high)
            return try BuiltinSupport.broadcast(
                [lowValue, highValue], CallSite(span: expr.span, argSpans: [low.span, high.span])
            ) { (values: [Value]) throws(EvalError) -> Value in
                guard case .number(let a, let unitA) = values[0], case .number(let b, let unitB) = values[1] else {
                    throw EvalError("`to` needs numbers on both sides", span: expr.span)
                }
                guard unitA.sameDimension(as: unitB) else {
                    throw EvalError(
                        "`to` needs both ends in the same kind of unit (\(Value.unitName(unitA)) and \(Value.unitName(unitB)))",
                        span: expr.span)
                }
                do throws(EvalError) {
                    return try Value.finite(try DistributionBuiltins.interval(a, b).mean, unitA, expr.span)
                } catch {
                    throw EvalError(error.message, kind: error.kind, span: expr.span)
                }
            }
        }
    }

    /// Shows a value in another unit of the same dimension.
    public static func convert(_ value: Value, to unit: Unit, span: SourceSpan) throws(EvalError) -> Value {
        switch value {
        case .number(let number, let own):
            guard own.sameDimension(as: unit) else {
                throw EvalError("cannot show \(Value.unitName(own)) in \(Value.unitName(unit))", span: span)
            }
            return .number(number, unit)
        case .record(let record):
            var values: [Value] = []
            for field in record.values { values.append(try convert(field, to: unit, span: span)) }
            return .record(Record(keys: record.keys, values: values))
        default:
            throw EvalError("cannot show \(value.kindDescription) in a unit", span: span)
        }
    }

    private mutating func lookup(_ name: String, _ span: SourceSpan) throws(EvalError) -> Value {
        if !locals.isEmpty, let value = locals[name] { return value }
        if let value = scope.cellValue(name) { return value }
        if let atom = Unit.Atom(word: name) { return .number(atom.scale, .atom(atom)) }
        if scope.userFunction(name) != nil || scope.builtins[name] != nil {
            throw EvalError("`\(name)` is a function: call it as `\(name)(…)`", span: span)
        }
        var candidates = scope.knownNames
        candidates.append(contentsOf: locals.keys)
        throw EvalError("unknown name `\(name)`", span: span, hint: Suggestion.hint(for: name, among: candidates))
    }

    private mutating func chain(_ first: Expr, _ links: [ChainLink]) throws(EvalError) -> Value {
        var acc = try evaluate(first)
        for link in links {
            switch link.op {
            case .add, .subtract, .multiply, .divide:
                let rhs = try evaluate(link.rhs)
                // Fast path: two plain numbers (most of a large model's arithmetic).
                if case .number(let a, let unitA) = acc, case .number(let b, let unitB) = rhs, unitA == .plain,
                    unitB == .plain
                {
                    let result: Double
                    switch link.op {
                    case .add: result = a + b
                    case .subtract: result = a - b
                    case .multiply: result = a * b
                    default:
                        if b == 0 { throw EvalError("division by zero", span: link.rhs.span) }
                        result = a / b
                    }
                    acc = try Value.finite(result, .plain, link.rhs.span)
                } else if link.op == .divide {
                    acc = try divide(acc, rhs, link.rhs)
                } else {
                    acc = try Value.apply(link.op, acc, rhs, span: link.rhs.span)
                }
            case .and, .or:
                guard case .bool(let left) = acc else {
                    throw EvalError(
                        "`\(link.op.rawValue)` needs booleans, not \(acc.kindDescription)", span: first.span)
                }
                if link.op == .and && !left || link.op == .or && left { continue }
                let right = try evaluate(link.rhs)
                guard case .bool = right else {
                    throw EvalError(
                        "`\(link.op.rawValue)` needs booleans, not \(right.kindDescription)", span: link.rhs.span)
                }
                acc = right
            default:
                acc = try Value.apply(link.op, acc, try evaluate(link.rhs), span: link.rhs.span)
            }
        }
        return acc
    }

    /// Division; dividing by a bare unit word writes a compound unit, kept as written (`2080 h per year`).
    private func divide(_ acc: Value, _ rhs: Value, _ rhsExpr: Expr) throws(EvalError) -> Value {
        if case .name(let word) = rhsExpr.kind, case .number(let a, let unitA) = acc,
            case .number(let b, let unitB) = rhs,
            let atom = Unit.Atom(word: word), unitB == .atom(atom), locals[word] == nil, !unitA.isPlain
        {
            return try Value.finite(a / b, Unit(exponents: unitA.exponents &- unitB.exponents), rhsExpr.span)
        }
        return try Value.apply(.divide, acc, rhs, span: rhsExpr.span)
    }

    private mutating func call(
        _ name: String, _ nameSpan: SourceSpan, _ args: [Expr], _ span: SourceSpan
    ) throws(EvalError) -> Value {
        var values: [Value] = []
        values.reserveCapacity(args.count)
        for arg in args { values.append(try evaluate(arg)) }
        if let function = scope.userFunction(name) {
            guard function.params.count == values.count else {
                throw EvalError(
                    "`\(name)` takes \(function.params.count) argument\(function.params.count == 1 ? "" : "s"), not \(values.count)",
                    span: span)
            }
            guard callDepth < Self.maximumCallDepth else {
                throw EvalError(
                    "functions call each other too deeply (more than \(Self.maximumCallDepth) levels)", span: span)
            }
            var frame: [String: Value] = [:]
            for (param, value) in zip(function.params, values) { frame[param] = value }
            let saved = locals
            locals = frame
            callDepth += 1
            defer {
                locals = saved
                callDepth -= 1
            }
            return try evaluate(function.body)
        }
        guard let builtin = scope.builtins[name] else {
            var candidates = scope.builtins.names
            candidates.append(contentsOf: scope.knownNames)
            throw EvalError(
                "unknown function `\(name)`", span: nameSpan, hint: Suggestion.hint(for: name, among: candidates))
        }
        guard builtin.arity.contains(values.count) else {
            throw EvalError(
                "`\(builtin.signature)` does not take \(values.count) argument\(values.count == 1 ? "" : "s")",
                span: span)
        }
        return try builtin.apply(values, CallSite(span: span, argSpans: args.map(\.span)))
    }
}
