/// Calls of user functions and built-ins, reductions and distribution draws, in any domain.
extension Interpreter {
    mutating func arguments(_ args: [Code]) throws(EvalError) -> [Datum<D>] {
        var values: [Datum<D>] = []
        values.reserveCapacity(args.count)
        for arg in args { values.append(try run(arg)) }
        return values
    }

    mutating func callFunction(_ slot: Int, _ args: [Code], _ site: CallSite) throws(EvalError) -> Datum<D> {
        let values = try arguments(args)
        guard let function = domain.function(slot) else {
            throw EvalError("the function this call named was deleted", kind: .unknownFunction, span: site.span)
        }
        guard function.arity == values.count else {
            throw EvalError(
                "`\(function.name)` takes \(function.arity) argument\(function.arity == 1 ? "" : "s"), not \(values.count)",
                kind: .typeMismatch, span: site.span)
        }
        guard callDepth < Self.maximumCallDepth else {
            throw EvalError(
                "functions call each other too deeply (more than \(Self.maximumCallDepth) levels)", kind: .limit,
                span: site.span)
        }
        let saved = locals
        let savedKey = drawKey
        if domain.timeline != nil {
            frames.append(CallFrame(args: args, callerLocals: saved, callerKey: savedKey, position: domain.position))
        }
        locals = values
        callDepth += 1
        // Each call site draws its own samples: two calls of one function are independent inputs.
        drawKey = Self.mix(drawKey, UInt64(slot), UInt64(site.span.start))
        defer {
            locals = saved
            drawKey = savedKey
            callDepth -= 1
            if domain.timeline != nil { frames.removeLast() }
        }
        return try run(function.body)
    }

    mutating func callBuiltin(_ builtin: Builtin, _ args: [Code], _ site: CallSite) throws(EvalError) -> Datum<D> {
        let values = try arguments(args)
        guard builtin.arity.contains(values.count) else { throw arityError(builtin, values.count, site) }
        if let reduction = builtin.reduction { return try reduce(builtin.name, reduction, values[0], site) }
        var constants: [Value] = []
        constants.reserveCapacity(values.count)
        for value in values {
            guard let constant = value.constant else { return try domain.lanewise(builtin, values, site) }
            constants.append(constant)
        }
        return Datum(try builtin.apply(constants, site))
    }

    func arityError(_ builtin: Builtin, _ count: Int, _ site: CallSite) -> EvalError {
        EvalError(
            "`\(builtin.signature)` does not take \(count) argument\(count == 1 ? "" : "s")", kind: .typeMismatch,
            span: site.span)
    }

    /// `sum` and `mean` in the language's own operators: the same in every domain.
    private func reduce(_ name: String, _ reduction: Builtin.Reduction, _ value: Datum<D>, _ site: CallSite)
        throws(EvalError) -> Datum<D>
    {
        switch value {
        case .number: return value
        case .record(_, let fields):
            guard var total = fields.first else {
                throw EvalError("`\(name)` needs a record with fields", kind: .typeMismatch, span: site.arg(0))
            }
            for field in fields.dropFirst() { total = try binary(.add, total, field, site.arg(0)) }
            if reduction == .mean {
                total = try binary(.divide, total, .number(D.number(Double(fields.count)), .plain), site.span)
            }
            return total
        default:
            throw EvalError(
                "`\(name)` needs a record, not \(value.kindDescription)", kind: .typeMismatch, span: site.arg(0))
        }
    }

    /// Draws from a distribution, field by field when a parameter is a record (others broadcast).
    mutating func draw(_ rule: DistributionRule, _ args: [Datum<D>], _ site: CallSite, _ index: Int)
        throws(EvalError) -> Datum<D>
    {
        try drawBroadcast(rule, args, site, Self.mix(drawKey, UInt64(index), 0))
    }

    private mutating func drawBroadcast(_ rule: DistributionRule, _ args: [Datum<D>], _ site: CallSite, _ key: UInt64)
        throws(EvalError) -> Datum<D>
    {
        var keys: [String]?
        for arg in args {
            guard case .record(let own, _) = arg else { continue }
            if let known = keys, Set(known) != Set(own) {
                throw EvalError(Value.keyMismatch(known, own), kind: .unknownField, span: site.span)
            }
            if keys == nil { keys = own }
        }
        guard let keys else {
            var parameters: [D.Number] = []
            var units: [Unit] = []
            for (position, arg) in args.enumerated() {
                guard case .number(let number, let unit) = arg else {
                    throw rule.notNumber(position, arg.kindDescription, site)
                }
                parameters.append(number)
                units.append(unit)
            }
            let unit = try rule.unit(units, site)
            return .number(try domain.draw(rule, parameters, unit: unit, at: site, key: key), unit)
        }
        var fields: [Datum<D>] = []
        for (position, name) in keys.enumerated() {
            var fieldArgs: [Datum<D>] = []
            for arg in args {
                if case .record(let own, let values) = arg, let at = own.firstIndex(of: name) {
                    fieldArgs.append(values[at])
                } else {
                    fieldArgs.append(arg)
                }
            }
            fields.append(try drawBroadcast(rule, fieldArgs, site, Self.mix(key, UInt64(position + 1), 1)))
        }
        return .record(keys, fields)
    }

    /// Mixes numbers into a key (the splitmix64 finaliser): keys of draws and of their generators.
    public static func mix(_ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 {
        var z = a &+ 0x9E37_79B9_7F4A_7C15 &* (b &+ 1) &+ 0xD1B5_4A32_D192_ED03 &* (c &+ 1)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
