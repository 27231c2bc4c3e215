import Glibc
import PlanCore

/// Function calls and distributions over a block of samples.
extension VectorEvaluator {
    mutating func call(_ name: String, _ args: [Expr], _ span: SourceSpan) throws(EvalError) -> Lanes {
        var values: [Lanes] = []
        for arg in args { values.append(try evaluate(arg)) }
        if let id = model.functionIds[name], let node = model.nodes[id] {
            guard callDepth < Interpreter<ScalarDomain>.maximumCallDepth else {
                throw EvalError("functions call each other too deeply", span: span)
            }
            return try withLocals(Dictionary(uniqueKeysWithValues: zip(node.params, values))) {
                (evaluator: inout VectorEvaluator) throws(EvalError) -> Lanes in
                try evaluator.evaluate(node.expr)
            }
        }
        guard let builtin = model.builtins[name] else { throw EvalError("unknown function `\(name)`", span: span) }
        let site = CallSite(span: span, argSpans: args.map(\.span))
        if let make = builtin.distribution { return try draw(args: values, span: span, make) }
        if values.allSatisfy(\.isConstant) {
            return .constant(try builtin.apply(values.map { $0.value(at: 0) }, site))
        }
        if let fast = try reduce(name, values, span) { return fast }
        var results: [Value?] = []
        results.reserveCapacity(count)
        for index in 0..<count {
            results.append(try? builtin.apply(values.map { $0.value(at: index) }, site))
        }
        return Lanes.collect(results, count: count)
    }

    private mutating func withLocals(
        _ frame: [String: Lanes], _ body: (inout VectorEvaluator) throws(EvalError) -> Lanes
    ) throws(EvalError) -> Lanes {
        let saved = locals
        locals = frame
        callDepth += 1
        defer {
            locals = saved
            callDepth -= 1
        }
        return try body(&self)
    }

    /// Record reductions and elementwise min/max over per-lane numbers, without the per-lane fallback.
    private func reduce(_ name: String, _ values: [Lanes], _ span: SourceSpan) throws(EvalError) -> Lanes? {
        switch name {
        case "sum", "mean":
            guard values.count == 1, case .record(_, let fields) = values[0], let first = fields.first else {
                return nil
            }
            var total = first
            for field in fields.dropFirst() { total = try addLanes(total, field, span) }
            if name == "mean", let (numbers, unit) = total.numbers(count: count) {
                let scale = 1 / Double(fields.count)
                return .numbers(numbers.map { $0 * scale }, unit)
            }
            return total
        default: return nil
        }
    }

    private func addLanes(_ a: Lanes, _ b: Lanes, _ span: SourceSpan) throws(EvalError) -> Lanes {
        guard let (x, unit) = a.numbers(count: count), let (y, _) = b.numbers(count: count) else {
            throw EvalError("cannot add these values under simulation", span: span)
        }
        var out = x
        for index in 0..<count { out[index] += y[index] }
        return .numbers(out, unit)
    }

    /// Draws one sample per lane from a distribution whose parameters may vary by lane.
    mutating func draw(
        args: [Lanes], span: SourceSpan, _ make: ([Double]) throws(EvalError) -> Distribution
    ) throws(EvalError) -> Lanes {
        if args.contains(where: { if case .record = $0 { return true } else { return false } })
            || args.contains(where: { if case .constant(.record) = $0 { return true } else { return false } })
        {
            // A record of distributions: one draw per field.
            var keys: [String] = []
            for arg in args {
                if case .record(let own, _) = arg {
                    keys = own
                } else if case .constant(.record(let record)) = arg {
                    keys = record.keys
                }
            }
            var fields: [Lanes] = []
            for key in keys {
                let fieldArgs = args.map { arg -> Lanes in
                    switch arg {
                    case .record(let own, let values): return own.firstIndex(of: key).map { values[$0] } ?? arg
                    case .constant(.record(let record)): return record[key].map { .constant($0) } ?? arg
                    default: return arg
                    }
                }
                fields.append(try draw(args: fieldArgs, span: span, make))
            }
            return .record(keys, fields)
        }
        var unit = Unit.plain
        if case .constant(.number(_, let own)) = args.first { unit = own }
        if case .numbers(_, let own) = args.first { unit = own }
        if args.allSatisfy(\.isConstant) {
            var params: [Double] = []
            for arg in args {
                guard case .constant(.number(let value, _)) = arg else {
                    throw EvalError("a distribution needs numbers", span: span)
                }
                params.append(value)
            }
            let distribution = try make(params)
            var samples = [Double](repeating: 0, count: count)
            samples.withUnsafeMutableBufferPointer { buffer in distribution.fill(buffer, using: &rng) }
            return .numbers(samples, unit)
        }
        var columns: [[Double]] = []
        for arg in args {
            guard let (values, _) = arg.numbers(count: count) else {
                throw EvalError("a distribution needs numbers", span: span)
            }
            columns.append(values)
        }
        var samples = [Double](repeating: .nan, count: count)
        for index in 0..<count {
            if let distribution = try? make(columns.map { $0[index] }) {
                samples[index] = distribution.sample(using: &rng)
            }
        }
        return .numbers(samples, unit)
    }
}
