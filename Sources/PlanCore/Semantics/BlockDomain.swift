import Glibc

/// Numbers over a block of Monte Carlo samples: the same in every lane, or one per lane (base units).
///
/// Flags use the same storage: 0 or 1 per lane, NaN where the sample failed.
public enum Block: Sendable {
    /// The same number in every lane.
    case constant(Double)
    /// One number per lane.
    case lanes([Double])

    /// The number in lane `index`.
    @inline(__always)
    public subscript(index: Int) -> Double {
        switch self {
        case .constant(let value): return value
        case .lanes(let values): return values[index]
        }
    }
}

/// A block of samples: Monte Carlo evaluation of many samples at once.
///
/// Units ride along once per block; lanes are plain `Double` arrays in tight loops. Operations on
/// values that are the same in every lane are done once, by the scalar rules, so a constant part of a
/// formula fails (or not) exactly as it does outside simulation. A lane that fails (0/0, a distribution
/// with parameters out of range in that sample, a built-in that refuses that sample's arguments) is
/// NaN from then on, for numbers and flags alike.
///
/// Every draw has its own generator, derived from (seed, block, cell, draw key): a cell's samples do
/// not depend on which other cells are simulated, nor on the order they are evaluated in.
public struct BlockDomain: EvaluationDomain {
    /// Where cells that do not vary are read.
    public let context: any CodeContext
    /// Lanes in the block.
    public let count: Int
    /// The simulation's seed.
    public let seed: UInt64
    /// The block's index in the simulation.
    public let block: Int
    /// The cell being evaluated (its slot): part of each draw's key.
    public var cellSlot = 0
    /// When true, every draw gives its distribution's mean in every lane (point inputs: the
    /// differential test of the two domains).
    public let pointInputs: Bool
    /// Per slot, the index of its lanes in `lanes`, or -1 for a cell that does not vary.
    private let laneIndex: [Int]
    /// The lanes of the varying cells evaluated so far: one datum, or one per month for a series.
    private var lanes: [[Datum<BlockDomain>]?]
    public let timeline: Timeline?
    public var position = 0
    public var variesByMonth = false

    /// Creates a block; `varying` lists the slots whose lanes `store(_:for:)` will be given.
    public init(
        context: any CodeContext, count: Int, seed: UInt64, block: Int, slots: Int, varying: [Int],
        pointInputs: Bool = false
    ) {
        self.context = context
        self.count = count
        self.seed = seed
        self.block = block
        self.pointInputs = pointInputs
        self.timeline = context.timeline
        var index = [Int](repeating: -1, count: slots)
        for (position, slot) in varying.enumerated() where slot < slots { index[slot] = position }
        laneIndex = index
        lanes = [[Datum<BlockDomain>]?](repeating: nil, count: varying.count)
    }

    /// Keeps the lanes of a varying cell for the cells evaluated after it.
    public mutating func store(_ datum: Datum<BlockDomain>, for slot: Int) {
        let index = laneIndex[slot]
        if index >= 0 { lanes[index] = [datum] }
    }

    /// Keeps the lanes of a varying cell that holds a series: one datum per month.
    public mutating func store(months: [Datum<BlockDomain>], for slot: Int) {
        let index = laneIndex[slot]
        if index >= 0 { lanes[index] = months }
    }

    /// The lanes stored for a varying cell: one datum, or one per month for a series.
    public func stored(_ slot: Int) -> [Datum<BlockDomain>]? {
        guard slot < laneIndex.count, laneIndex[slot] >= 0 else { return nil }
        return lanes[laneIndex[slot]]
    }

    public static func number(_ value: Double) -> Block { .constant(value) }
    public static func flag(_ value: Bool) -> Block { .constant(value ? 1 : 0) }
    public static func constant(_ number: Block) -> Double? {
        if case .constant(let value) = number, !value.isNaN { return value }
        return nil
    }
    /// The flag when every lane holds the same one (a condition on point inputs, `not` of a constant): then only
    /// the branch taken runs, as in the scalar domain, and its unit is the result's.
    public static func constant(_ flag: Block) -> Bool? {
        switch flag {
        case .constant(let value): return value.isNaN ? nil : value != 0
        case .lanes(let values):
            guard let first = values.first, !first.isNaN, values.allSatisfy({ $0 == first }) else { return nil }
            return first != 0
        }
    }
    public static var lanesFail: Bool { true }
    public static var failedNumber: Block { .constant(.nan) }
    public static var failedFlag: Block { .constant(.nan) }

    public mutating func cell(_ slot: Int) throws(EvalError) -> Datum<BlockDomain> {
        if slot < laneIndex.count, laneIndex[slot] >= 0, let stored = lanes[laneIndex[slot]], !stored.isEmpty {
            if stored.count == 1 { return stored[0] }
            variesByMonth = true
            return stored[min(position, stored.count - 1)]
        }
        guard let (value, varies) = context.value(ofSlot: slot, at: position) else {
            throw ScalarDomain.noValue(slot, timeline)
        }
        if varies { variesByMonth = true }
        return Datum(value)
    }

    /// Adds a month to the lanes of a varying cell evaluated month by month (a recurrence).
    public mutating func append(month datum: Datum<BlockDomain>, for slot: Int) {
        let index = laneIndex[slot]
        guard index >= 0 else { return }
        var months = lanes[index] ?? []
        lanes[index] = nil
        months.append(datum)
        lanes[index] = months
    }

    public func function(_ slot: Int) -> CompiledFunction? { context.function(ofSlot: slot) }

    public func arithmetic(_ op: BinaryOp, _ a: Block, _ ua: Unit, _ b: Block, _ ub: Unit, span: SourceSpan)
        throws(EvalError) -> Datum<BlockDomain>
    {
        if case .constant(let x) = a, case .constant(let y) = b, !x.isNaN, !y.isNaN {
            return Datum(try Value.apply(op, .number(x, ua), .number(y, ub), span: span))
        }
        // The result's unit, checked once by the scalar rules on representative numbers: constants as
        // they are where they matter (a zero compared with any unit, a power's exponent), lanes as 1.
        let probeA: Double = if case .constant(let x) = a, x == 0 { 0 } else { 1 }
        var probeB = 1.0
        if case .constant(let y) = b, !y.isNaN, op == .power || y == 0 { probeB = y }
        if op == .power, case .lanes = b, !ua.isPlain {
            throw EvalError(
                "a quantity in \(ua.symbol) can only be raised to a fixed power", kind: .unitMismatch, span: span)
        }
        if op == .divide, case .constant(0) = b { throw EvalError("division by zero", kind: .notFinite, span: span) }
        if ua.isDate || ub.isDate { return try dates(op, a, ua, b, ub, span: span) }
        switch try Value.apply(op, .number(probeA, ua), .number(probeB, ub), span: span) {
        case .number(_, let unit): return .number(Self.combine(op, a, b, count), unit)
        case .bool: return .bool(Self.compare(op, a, b, count))
        default: throw EvalError("cannot use `\(op.rawValue)` here", kind: .typeMismatch, span: span)
        }
    }

    public func divide(_ a: Block, _ b: Block, unit: Unit, span: SourceSpan) throws(EvalError) -> Block {
        if case .constant(let x) = a, case .constant(let y) = b, !x.isNaN {
            guard case .number(let result, _) = try Value.finite(x / y, unit, span) else { return .constant(.nan) }
            return .constant(result)
        }
        return Self.combine(.divide, a, b, count)
    }

    public func snapped(_ number: Block) -> Block {
        switch number {
        case .constant(let value): return .constant(NumberFormat.snapped(value))
        case .lanes(let values): return .lanes(values.map(NumberFormat.snapped))
        }
    }

    public func logic(_ op: BinaryOp, _ a: Block, _ b: Block) -> Block {
        Self.map(a, b, count) { x, y in
            switch op {
            case .and: return x == 0 ? 0 : x.isNaN || y.isNaN ? .nan : y
            case .or: return x == 1 ? 1 : x.isNaN || y.isNaN ? .nan : y
            case .equal: return x.isNaN || y.isNaN ? .nan : x == y ? 1 : 0
            default: return x.isNaN || y.isNaN ? .nan : x != y ? 1 : 0
            }
        }
    }

    public func not(_ flag: Block) -> Block { Self.map(flag, .constant(0), count) { x, _ in 1 - x } }

    public func select(_ condition: Block, _ a: Block, _ b: Block) -> Block {
        var out = [Double](repeating: .nan, count: count)
        for index in 0..<count {
            let flag = condition[index]
            if !flag.isNaN { out[index] = flag != 0 ? a[index] : b[index] }
        }
        return .lanes(out)
    }

    public mutating func draw(
        _ rule: DistributionRule, _ parameters: [Block], unit: Unit, at call: CallSite, key: UInt64
    )
        throws(EvalError) -> Block
    {
        var constants: [Double] = []
        for parameter in parameters {
            guard let value: Double = Self.constant(parameter) else { break }
            constants.append(value)
        }
        if pointInputs {
            var out = [Double](repeating: .nan, count: count)
            for index in 0..<count {
                if let mean = try? rule.make(parameters.map { $0[index] }).mean, mean.isFinite { out[index] = mean }
            }
            return .lanes(out)
        }
        let mixed = Interpreter<BlockDomain>.mix(seed, UInt64(block), UInt64(cellSlot))
        var generator = SeededGenerator(seed: Interpreter<BlockDomain>.mix(mixed, key, 2))
        var samples = [Double](repeating: .nan, count: count)
        if constants.count == parameters.count {
            let distribution = try rule.build(constants, at: call)
            samples.withUnsafeMutableBufferPointer { buffer in distribution.fill(buffer, using: &generator) }
            return .lanes(samples)
        }
        for index in 0..<count {
            if let distribution = try? rule.make(parameters.map { $0[index] }) {
                samples[index] = distribution.sample(using: &generator)
            }
        }
        return .lanes(samples)
    }

    public func lanewise(_ builtin: Builtin, _ args: [Datum<BlockDomain>], _ call: CallSite) throws(EvalError)
        -> Datum<BlockDomain>
    {
        var results: [Value?] = []
        results.reserveCapacity(count)
        for index in 0..<count {
            var values: [Value] = []
            values.reserveCapacity(args.count)
            for arg in args {
                guard let value = Self.value(arg, at: index) else { break }
                values.append(value)
            }
            results.append(values.count == args.count ? try? builtin.apply(values, call) : nil)
        }
        return try Self.collect(results, count, call.span)
    }
}

extension BlockDomain {
    /// Arithmetic with dates, lane by lane through the scalar rules (a lane the rules refuse fails).
    fileprivate func dates(_ op: BinaryOp, _ a: Block, _ ua: Unit, _ b: Block, _ ub: Unit, span: SourceSpan)
        throws(EvalError) -> Datum<BlockDomain>
    {
        // The unit and whether the operation is allowed at all, from representative lanes.
        let probe = try Value.apply(op, .number(Self.probe(a, ua), ua), .number(Self.probe(b, ub), ub), span: span)
        var out = [Double](repeating: .nan, count: count)
        for index in 0..<count {
            let x = a[index]
            let y = b[index]
            if x.isNaN || y.isNaN { continue }
            switch try? Value.apply(op, .number(x, ua), .number(y, ub), span: span) {
            case .number(let value, _)?: out[index] = value
            case .bool(let flag)?: out[index] = flag ? 1 : 0
            default: continue
            }
        }
        switch probe {
        case .number(_, let unit): return .number(.lanes(out), unit)
        default: return .bool(.lanes(out))
        }
    }

    /// A representative number for a unit check: a date's own month where it is constant, else a whole
    /// month (a date) or one month of time, which every date rule accepts.
    private static func probe(_ block: Block, _ unit: Unit) -> Double {
        if case .constant(let value) = block, !value.isNaN { return value }
        return unit.isDate ? 24_000 : Timeline.monthSeconds
    }

    /// Lane by lane arithmetic; a lane whose result is not finite fails (NaN).
    fileprivate static func combine(_ op: BinaryOp, _ a: Block, _ b: Block, _ count: Int) -> Block {
        switch op {
        case .add: return map(a, b, count) { $0 + $1 }
        case .subtract: return map(a, b, count) { $0 - $1 }
        case .multiply: return map(a, b, count) { $0 * $1 }
        case .divide: return map(a, b, count) { $0 / $1 }
        default: return map(a, b, count) { pow($0, $1) }
        }
    }

    fileprivate static func compare(_ op: BinaryOp, _ a: Block, _ b: Block, _ count: Int) -> Block {
        map(a, b, count) { x, y in
            if x.isNaN || y.isNaN { return .nan }
            switch op {
            case .less: return x < y ? 1 : 0
            case .lessEqual: return x <= y ? 1 : 0
            case .greater: return x > y ? 1 : 0
            case .greaterEqual: return x >= y ? 1 : 0
            case .equal: return x == y ? 1 : 0
            default: return x != y ? 1 : 0
            }
        }
    }

    @inline(__always)
    fileprivate static func map(_ a: Block, _ b: Block, _ count: Int, _ body: (Double, Double) -> Double) -> Block {
        let out = [Double](unsafeUninitializedCapacity: count) { result, initialized in
            @inline(__always) func put(_ index: Int, _ value: Double) {
                result[index] = value.isFinite ? value : .nan
            }
            switch (a, b) {
            case (.lanes(let x), .lanes(let y)):
                x.withUnsafeBufferPointer { x in
                    y.withUnsafeBufferPointer { y in for index in 0..<count { put(index, body(x[index], y[index])) } }
                }
            case (.lanes(let x), .constant(let y)):
                x.withUnsafeBufferPointer { x in for index in 0..<count { put(index, body(x[index], y)) } }
            case (.constant(let x), .lanes(let y)):
                y.withUnsafeBufferPointer { y in for index in 0..<count { put(index, body(x, y[index])) } }
            case (.constant(let x), .constant(let y)):
                let value = body(x, y)
                for index in 0..<count { put(index, value) }
            }
            initialized = count
        }
        return .lanes(out)
    }

    /// The ordinary value of lane `index`, or nil where it failed.
    fileprivate static func value(_ datum: Datum<BlockDomain>, at index: Int) -> Value? {
        switch datum {
        case .number(let block, let unit):
            let number = block[index]
            return number.isNaN ? nil : .number(number, unit)
        case .bool(let block):
            let flag = block[index]
            return flag.isNaN ? nil : .bool(flag != 0)
        case .string(let text): return .string(text)
        case .record(let keys, let fields):
            var values: [Value] = []
            for field in fields {
                guard let value = value(field, at: index) else { return nil }
                values.append(value)
            }
            return .record(Record(keys: keys, values: values))
        }
    }

    /// Lanes from one value per lane (nil where the lane failed): the shape of the first that did not.
    fileprivate static func collect(_ values: [Value?], _ count: Int, _ span: SourceSpan) throws(EvalError)
        -> Datum<BlockDomain>
    {
        guard let first = values.first(where: { $0 != nil }) ?? nil else { return .number(failedNumber, .plain) }
        switch first {
        case .number(_, let unit):
            var out = [Double](repeating: .nan, count: count)
            for index in 0..<count {
                if case .number(let number, _) = values[index] { out[index] = number }
            }
            return .number(.lanes(out), unit)
        case .bool:
            var out = [Double](repeating: .nan, count: count)
            for index in 0..<count {
                if case .bool(let flag) = values[index] { out[index] = flag ? 1 : 0 }
            }
            return .bool(.lanes(out))
        case .string(let text):
            for value in values where value != nil && value != first {
                throw EvalError("a text that varies by sample cannot be simulated", kind: .typeMismatch, span: span)
            }
            return .string(text)
        case .record(let record):
            var fields: [Datum<BlockDomain>] = []
            for position in record.keys.indices {
                let column = values.map { value -> Value? in
                    guard case .record(let own) = value, own.keys == record.keys else { return nil }
                    return own.values[position]
                }
                fields.append(try collect(column, count, span))
            }
            return .record(record.keys, fields)
        case .series:
            // Built-ins never return a series (they see one month at a time).
            throw EvalError("a built-in gave a series", kind: .typeMismatch, span: span)
        }
    }
}

extension Datum where D == BlockDomain {
    /// The ordinary value of lane `index`, or nil where that sample failed.
    public func lane(_ index: Int) -> Value? { BlockDomain.value(self, at: index) }

    /// The lanes of a number (a constant repeated), or nil for other values.
    public func samples(count: Int) -> [Double]? {
        guard case .number(let block, _) = self else { return nil }
        switch block {
        case .constant(let value): return [Double](repeating: value, count: count)
        case .lanes(let values): return values
        }
    }
}
