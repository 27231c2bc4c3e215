/// Runs resolved `Code` in a domain: the one definition of the language's semantics.
///
/// The scalar domain (`ScalarDomain`) gives a cell's value; the block domain (`BlockDomain`) gives a
/// block of Monte Carlo samples. Everything but per-lane storage is here, written once: the order of
/// evaluation, short-circuits, records and broadcasting, type and unit checks (through `Value.apply`),
/// error spans and limits. Both domains live in this module, so the generic code is specialised.
public struct Interpreter<D: EvaluationDomain> {
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

    /// The domain (its cells, its generator).
    public var domain: D
    var locals: [Datum<D>] = []
    var callDepth = 0
    var depth = 0
    /// The key of the function calls being evaluated (mixed into every draw's key).
    var drawKey: UInt64 = 0
    /// The user-function calls being evaluated, innermost last: what a parameter read at another month
    /// evaluates again (see `Interpreter+Series.swift`).
    var frames: [CallFrame] = []
    /// What the timeline functions of the definitions being evaluated keep between months.
    var seriesMemo: [SeriesMemoKey: SeriesMemo] = [:]
    /// The definition being evaluated (its slot): keeps the memos of its timeline calls apart from those of
    /// another definition evaluated by the same interpreter (a recurrence evaluates several month by month).
    public var definition = 0

    /// Creates an interpreter over a domain.
    public init(domain: D) { self.domain = domain }

    /// Evaluates code.
    public mutating func run(_ code: Code) throws(EvalError) -> Datum<D> {
        switch code {
        case .number(let number): return .number(D.number(number), .plain)
        case .cell(let slot, _): return try domain.cell(slot.index)
        case .link(let op, let lhs, _, let rhs, let span):
            let left = try run(lhs)
            let right = try run(rhs)
            return try binary(op, left, right, span)
        case .constant(let value):
            if case .number(let number, let unit) = value { return .number(D.number(number), unit) }
            return Datum(value)
        default: break
        }
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumEvaluationDepth else {
            throw EvalError(Self.tooDeepMessage, kind: .limit, span: code.span)
        }
        switch code {
        case .number, .constant, .cell, .link: return try run(code)
        case .binary(let op, let lhs, _, let rhs, let span):
            // Operands first, then the (non-mutating) operator: an operand evaluated inside the call's argument
            // list would make Swift copy the interpreter for the call.
            let left = try run(lhs)
            let right = try run(rhs)
            return try binary(op, left, right, span)
        case .chain(let first, let firstSpan, let links): return try chain(first, firstSpan, links)
        case .parameter(let slot, _):
            if let frame = frames.last, frame.position != domain.position {
                return try parameter(slot.index, of: frame)
            }
            return locals[slot.index]
        case .negate(let operand, let span):
            let value = try run(operand)
            return try binary(.multiply, .number(D.number(-1), .plain), value, span)
        case .not(let operand, let span):
            guard case .bool(let flag) = try run(operand) else {
                throw EvalError("`not` needs a boolean", kind: .typeMismatch, span: span)
            }
            return .bool(domain.not(flag))
        case .power(let base, let exponent, let span):
            let a = try run(base)
            let b = try run(exponent)
            return try binary(.power, a, b, span)
        case .function(let slot, let args, let site): return try callFunction(slot, args, site)
        case .builtin(let builtin, let args, let site): return try callBuiltin(builtin, args, site)
        case .draw(let builtin, let args, let site, let index):
            let values = try arguments(args)
            guard builtin.arity.contains(values.count), let rule = builtin.rule else {
                throw arityError(builtin, values.count, site)
            }
            return try draw(rule, values, site, index)
        case .series(let function, let args, let site, let index): return try series(function, args, site, index)
        case .interval(let low, let high, let site, let index):
            let a = try run(low)
            let b = try run(high)
            return try draw(DistributionBuiltins.intervalRule, [a, b], site, index)
        case .field(let base, let field, let span):
            let value = try run(base)
            guard case .record(let keys, let fields) = value else {
                throw EvalError(
                    "cannot read field `\(field)` of \(value.kindDescription)", kind: .typeMismatch, span: span)
            }
            guard let index = keys.firstIndex(of: field) else {
                throw EvalError(
                    "no field `\(field)` in the record (fields: \(keys.joined(separator: ", ")))", kind: .unknownField,
                    span: span, hint: Suggestion.hint(for: field, among: keys))
            }
            return fields[index]
        case .record(let keys, let entries):
            var fields: [Datum<D>] = []
            fields.reserveCapacity(entries.count)
            for entry in entries { fields.append(try run(entry)) }
            return .record(keys, fields)
        case .conditional(let condition, let yes, let no, let span): return try conditional(condition, yes, no, span)
        case .convert(let inner, let unit, let span):
            let value = try run(inner)
            return try Self.convert(value, to: unit, span: span)
        case .failure(let error): throw error
        }
    }

    /// Evaluates the operands of a chain left to right (`and`/`or` short-circuit).
    private mutating func chain(_ first: Code, _ firstSpan: SourceSpan, _ links: [CodeLink]) throws(EvalError)
        -> Datum<D>
    {
        var acc = try run(first)
        for link in links {
            switch link.op {
            case .and, .or:
                guard case .bool(let left) = acc else {
                    throw EvalError(
                        "`\(link.op.rawValue)` needs booleans, not \(acc.kindDescription)", kind: .typeMismatch,
                        span: firstSpan)
                }
                if let known = D.constant(left) {
                    if link.op == .and && !known || link.op == .or && known { continue }
                    let right = try run(link.rhs)
                    guard case .bool = right else { throw Self.notBoolean(link, right) }
                    acc = right
                    continue
                }
                // Some lanes decide already; the others read the right side (a failure there fails only them).
                let right = try branch(link.rhs)
                guard let right else {
                    acc = .bool(domain.logic(link.op, left, D.failedFlag))
                    continue
                }
                guard case .bool(let flags) = right else { throw Self.notBoolean(link, right) }
                acc = .bool(domain.logic(link.op, left, flags))
            case .divide:
                let rhs = try run(link.rhs)
                if let unit = link.unitWord, case .number(let a, let unitA) = acc, case .number(let b, _) = rhs,
                    !unitA.isPlain
                {
                    let quotient = unitA.dividedAsWritten(by: unit)
                    // The same growth limit as every other product and quotient (8-bit exponents must not wrap).
                    try Value.checkGrowth(quotient, link.span)
                    acc = .number(try domain.divide(a, b, unit: quotient, span: link.span), quotient)
                } else {
                    acc = try binary(.divide, acc, rhs, link.span)
                }
            default:
                let rhs = try run(link.rhs)
                acc = try binary(link.op, acc, rhs, link.span)
            }
        }
        return acc
    }

    private static func notBoolean(_ link: CodeLink, _ value: Datum<D>) -> EvalError {
        EvalError(
            "`\(link.op.rawValue)` needs booleans, not \(value.kindDescription)", kind: .typeMismatch, span: link.span)
    }

    /// Evaluates code that only some lanes need: in a domain whose lanes fail on their own, an error
    /// fails those lanes (nil) instead of the whole evaluation.
    mutating func branch(_ code: Code) throws(EvalError) -> Datum<D>? {
        guard D.lanesFail else { return try run(code) }
        do throws(EvalError) {
            return try run(code)
        } catch {
            return nil
        }
    }

    private mutating func conditional(_ condition: Code, _ yes: Code, _ no: Code, _ span: SourceSpan)
        throws(EvalError) -> Datum<D>
    {
        let test = try run(condition)
        guard case .bool(let flags) = test else {
            throw EvalError(
                "`if` needs a boolean condition, not \(test.kindDescription)", kind: .typeMismatch, span: span)
        }
        if let known = D.constant(flags) { return try run(known ? yes : no) }
        let a = try branch(yes)
        let b = try branch(no)
        switch (a, b) {
        case (let a?, let b?): return try select(flags, a, b, span)
        case (let a?, nil): return try select(flags, a, Self.failed(like: a), span)
        case (nil, let b?): return try select(flags, Self.failed(like: b), b, span)
        case (nil, nil): return try run(yes)
        }
    }
}

extension Code {
    /// The span errors about this code point at (nil where the code has none of its own).
    var span: SourceSpan? {
        switch self {
        case .cell(_, let span), .parameter(_, let span), .negate(_, let span), .not(_, let span),
            .power(_, _, let span), .field(_, _, let span), .conditional(_, _, _, let span),
            .convert(_, _, let span):
            return span
        case .binary(_, _, let span, _, _), .link(_, _, let span, _, _): return span
        case .chain(_, let span, _): return span
        case .function(_, _, let site), .builtin(_, _, let site), .draw(_, _, let site, _),
            .interval(_, _, let site, _), .series(_, _, let site, _):
            return site.span
        case .number, .constant, .record, .failure: return nil
        }
    }
}
