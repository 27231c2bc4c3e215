import Glibc
import PlanCore

/// Evaluates expressions over a block of samples at once (Monte Carlo).
///
/// It mirrors `Evaluator`: units and types were already checked by the scalar pass, so here they ride
/// along per block (derived by applying the operator to one representative value) while the numbers
/// go through tight per-lane loops. Distributions draw fresh samples for every lane.
struct VectorEvaluator {
    let model: Model
    let count: Int
    var env: [Int: Lanes] = [:]
    var rng: SeededGenerator
    var locals: [String: Lanes] = [:]
    var callDepth = 0
    var depth = 0

    init(model: Model, count: Int, rng: SeededGenerator) {
        self.model = model
        self.count = count
        self.rng = rng
    }

    mutating func evaluate(_ expr: Expr) throws(EvalError) -> Lanes {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Interpreter<ScalarDomain>.maximumEvaluationDepth else {
            throw EvalError(Interpreter<ScalarDomain>.tooDeepMessage, span: expr.span)
        }
        switch expr.kind {
        case .number(let value, let unit): return .constant(.number(value, unit))
        case .bool(let value): return .constant(.bool(value))
        case .string(let text): return .constant(.string(text))
        case .name(let name):
            if let value = locals[name] { return value }
            if let id = model.cellIds[name] {
                if let lanes = env[id] { return lanes }
                if let value = model.nodes[id]?.value { return .constant(value) }
            }
            if let atom = Unit.Atom(word: name) { return .constant(.number(atom.scale, .atom(atom))) }
            throw EvalError("unknown name `\(name)`", span: expr.span)
        case .negate(let operand):
            return try combine(.multiply, .constant(.plain(-1)), try evaluate(operand), expr.span)
        case .not(let operand):
            switch try evaluate(operand) {
            case .constant(.bool(let flag)): return .constant(.bool(!flag))
            case .bools(let flags): return .bools(flags.map { !$0 })
            default: throw EvalError("`not` needs a boolean", span: operand.span)
            }
        case .chain(let first, let links):
            var acc = try evaluate(first)
            for link in links {
                if case .constant(.bool(let flag)) = acc, link.op == .and && !flag || link.op == .or && flag {
                    continue
                }
                let rhs = try evaluate(link.rhs)
                if link.op == .divide, case .name(let word) = link.rhs.kind, locals[word] == nil,
                    let atom = Unit.Atom(word: word), model.cellIds[word] == nil,
                    case .numbers(let values, let unit) = acc, !unit.isPlain
                {
                    let scale = atom.scale
                    acc = .numbers(
                        values.map { $0 / scale }, Unit(exponents: unit.dividedAsWritten(by: Unit.atom(atom)).exponents)
                    )
                    continue
                }
                acc = try combine(link.op, acc, rhs, link.rhs.span)
            }
            return acc
        case .power(let base, let exponent):
            return try combine(.power, try evaluate(base), try evaluate(exponent), expr.span)
        case .call(let name, _, let args): return try call(name, args, expr.span)
        case .field(let base, let field, let span):
            switch try evaluate(base) {
            case .constant(.record(let record)):
                guard let value = record[field] else { throw EvalError("no field `\(field)`", span: span) }
                return .constant(value)
            case .record(let keys, let fields):
                guard let index = keys.firstIndex(of: field) else { throw EvalError("no field `\(field)`", span: span) }
                return fields[index]
            default: throw EvalError("cannot read field `\(field)`", span: span)
            }
        case .record(let entries):
            var fields: [Lanes] = []
            for entry in entries { fields.append(try evaluate(entry.value)) }
            if fields.allSatisfy({ if case .constant = $0 { return true } else { return false } }) {
                let values = fields.map { lanes -> Value in
                    if case .constant(let value) = lanes { return value }
                    return .bool(false)
                }
                return .constant(.record(Record(keys: entries.map(\.key), values: values)))
            }
            return .record(entries.map(\.key), fields)
        case .conditional(let condition, let yes, let no):
            switch try evaluate(condition) {
            case .constant(.bool(true)): return try evaluate(yes)
            case .constant(.bool(false)): return try evaluate(no)
            case .bools(let flags):
                let a = try evaluate(yes)
                let b = try evaluate(no)
                return try select(flags, a, b, expr.span)
            default: throw EvalError("`if` needs a boolean condition", span: condition.span)
            }
        case .convert(let inner, let unit, let span):
            return try convert(try evaluate(inner), unit, span)
        case .interval(let low, let high):
            let a = try evaluate(low)
            let b = try evaluate(high)
            return try draw(args: [a, b], span: expr.span) { (p: [Double]) throws(EvalError) in
                try DistributionBuiltins.interval(p[0], p[1])
            }
        }
    }

    // MARK: Operators

    private func combine(_ op: BinaryOp, _ a: Lanes, _ b: Lanes, _ span: SourceSpan) throws(EvalError) -> Lanes {
        switch (a, b) {
        case (.constant(let x), .constant(let y)):
            return .constant(try Value.apply(op, x, y, span: span))
        case (.constant(.record(let record)), _):
            return try combine(op, .record(record.keys, record.values.map { .constant($0) }), b, span)
        case (_, .constant(.record(let record))):
            return try combine(op, a, .record(record.keys, record.values.map { .constant($0) }), span)
        case (.record(let keys, let left), .record(let otherKeys, let right)):
            var fields: [Lanes] = []
            for (index, key) in keys.enumerated() {
                guard let other = otherKeys.firstIndex(of: key) else {
                    throw EvalError(Value.keyMismatch(keys, otherKeys), span: span)
                }
                fields.append(try combine(op, left[index], right[other], span))
            }
            return .record(keys, fields)
        case (.record(let keys, let left), _):
            var fields: [Lanes] = []
            for field in left { fields.append(try combine(op, field, b, span)) }
            return .record(keys, fields)
        case (_, .record(let keys, let right)):
            var fields: [Lanes] = []
            for field in right { fields.append(try combine(op, a, field, span)) }
            return .record(keys, fields)
        default:
            return try scalarLanes(op, a, b, span)
        }
    }

    private func scalarLanes(_ op: BinaryOp, _ a: Lanes, _ b: Lanes, _ span: SourceSpan) throws(EvalError) -> Lanes {
        if let (x, unitX) = a.numbers(count: count), let (y, unitY) = b.numbers(count: count) {
            // The result's unit, from one representative pair: constants as they are (a power's exponent and
            // a zero compared with any unit matter), per-lane values as 1.
            let probeA: Double = if case .constant(.number(let value, _)) = a, value == 0 { 0 } else { 1 }
            let probeB: Double =
                if case .constant(.number(let value, _)) = b, op == .power || value == 0 { value } else { 1 }
            let probe = try Value.apply(op, .number(probeA, unitX), .number(probeB, unitY), span: span)
            switch probe {
            case .number(_, let unit): return .numbers(Self.arithmetic(op, x, y), unit)
            case .bool: return .bools(Self.compare(op, x, y))
            default: throw EvalError("cannot use `\(op.rawValue)` here under simulation", span: span)
            }
        }
        let flagsA = bools(a)
        let flagsB = bools(b)
        if let flagsA, let flagsB {
            var out = [Bool](repeating: false, count: count)
            for index in 0..<count {
                switch op {
                case .and: out[index] = flagsA[index] && flagsB[index]
                case .or: out[index] = flagsA[index] || flagsB[index]
                case .equal: out[index] = flagsA[index] == flagsB[index]
                case .notEqual: out[index] = flagsA[index] != flagsB[index]
                default: throw EvalError("booleans are not numbers", span: span)
                }
            }
            return .bools(out)
        }
        throw EvalError("cannot use `\(op.rawValue)` on these values under simulation", span: span)
    }

    private func bools(_ lanes: Lanes) -> [Bool]? {
        switch lanes {
        case .bools(let flags): return flags
        case .constant(.bool(let flag)): return [Bool](repeating: flag, count: count)
        default: return nil
        }
    }

    private static func arithmetic(_ op: BinaryOp, _ x: [Double], _ y: [Double]) -> [Double] {
        let n = x.count
        return [Double](unsafeUninitializedCapacity: n) { out, initialized in
            x.withUnsafeBufferPointer { a in
                y.withUnsafeBufferPointer { b in
                    switch op {
                    case .add: for i in 0..<n { out[i] = a[i] + b[i] }
                    case .subtract: for i in 0..<n { out[i] = a[i] - b[i] }
                    case .multiply: for i in 0..<n { out[i] = a[i] * b[i] }
                    case .divide: for i in 0..<n { out[i] = a[i] / b[i] }
                    default: for i in 0..<n { out[i] = pow(a[i], b[i]) }
                    }
                }
            }
            initialized = n
        }
    }

    private static func compare(_ op: BinaryOp, _ x: [Double], _ y: [Double]) -> [Bool] {
        var out = [Bool](repeating: false, count: x.count)
        for i in 0..<x.count {
            switch op {
            case .less: out[i] = x[i] < y[i]
            case .lessEqual: out[i] = x[i] <= y[i]
            case .greater: out[i] = x[i] > y[i]
            case .greaterEqual: out[i] = x[i] >= y[i]
            case .equal: out[i] = x[i] == y[i]
            default: out[i] = x[i] != y[i]
            }
        }
        return out
    }

    private func select(_ flags: [Bool], _ a: Lanes, _ b: Lanes, _ span: SourceSpan) throws(EvalError) -> Lanes {
        switch (a, b) {
        case (.record, _), (_, .record), (.constant(.record), _), (_, .constant(.record)):
            var values: [Value?] = []
            for index in 0..<count { values.append(flags[index] ? a.value(at: index) : b.value(at: index)) }
            return Lanes.collect(values, count: count)
        default: break
        }
        if let (x, unit) = a.numbers(count: count), let (y, _) = b.numbers(count: count) {
            var out = y
            for index in 0..<count where flags[index] { out[index] = x[index] }
            return .numbers(out, unit)
        }
        if let x = bools(a), let y = bools(b) {
            return .bools((0..<count).map { flags[$0] ? x[$0] : y[$0] })
        }
        throw EvalError("`if` branches of different kinds under simulation", span: span)
    }

    private func convert(_ lanes: Lanes, _ unit: Unit, _ span: SourceSpan) throws(EvalError) -> Lanes {
        switch lanes {
        case .constant(let value): return .constant(try value.converted(to: unit, span: span))
        case .numbers(let values, _): return .numbers(values, unit)
        case .record(let keys, let fields):
            var out: [Lanes] = []
            for field in fields { out.append(try convert(field, unit, span)) }
            return .record(keys, out)
        case .bools: throw EvalError("cannot show a boolean in a unit", span: span)
        }
    }
}
