/// Where cells and user functions are read from by slot: the live model, or a fixed set of values.
public protocol CodeContext {
    /// The value of the cell in a slot (nil when the slot holds no value).
    func value(ofSlot slot: Int) -> Value?
    /// The model's monthly axis, if it has one.
    var timeline: Timeline? { get }
    /// The value of a cell in one month (a series' month at `position`) and whether the cell varies by month.
    func value(ofSlot slot: Int, at position: Int) -> (value: Value, varies: Bool)?
    /// The user function in a slot.
    func function(ofSlot slot: Int) -> CompiledFunction?
}

extension CodeContext {
    /// No timeline unless the context has one.
    public var timeline: Timeline? { nil }

    /// The month of `value(ofSlot:)`.
    public func value(ofSlot slot: Int, at position: Int) -> (value: Value, varies: Bool)? {
        guard let value = value(ofSlot: slot) else { return nil }
        guard case .series(let series) = value else { return (value, false) }
        guard position < series.values.count else { return nil }
        return (series.values[position], true)
    }
}

/// One value per number: evaluation outside simulation (a distribution gives its mean).
///
/// Every check is `Value.apply`'s, every failure throws.
public struct ScalarDomain: EvaluationDomain {
    /// Where cells are read.
    public let context: any CodeContext

    public let timeline: Timeline?
    public var position = 0
    public var variesByMonth = false

    /// Creates the domain over a context.
    public init(context: any CodeContext) {
        self.context = context
        self.timeline = context.timeline
    }

    public static func number(_ value: Double) -> Double { value }
    public static func flag(_ value: Bool) -> Bool { value }
    public static func constant(_ number: Double) -> Double? { number }
    public static func constant(_ flag: Bool) -> Bool? { flag }
    public static var lanesFail: Bool { false }
    public static var failedNumber: Double { .nan }
    public static var failedFlag: Bool { false }

    public mutating func cell(_ slot: Int) throws(EvalError) -> Datum<ScalarDomain> {
        guard let (value, varies) = read(slot) else { throw Self.noValue(slot, timeline) }
        if varies { variesByMonth = true }
        if case .number(let number, let unit) = value { return .number(number, unit) }
        return Datum(value)
    }

    /// A cell's value at the current month.
    ///
    /// Not inline in the mutating `cell`: reading the context from there copied the whole domain, existential and all,
    /// at every cell read.
    @inline(never)
    private func read(_ slot: Int) -> (value: Value, varies: Bool)? {
        context.value(ofSlot: slot, at: position)
    }

    /// The error for a slot with no value: the timeline when it is off (`month`), else a cell.
    static func noValue(_ slot: Int, _ timeline: Timeline?) -> EvalError {
        if timeline == nil { return SeriesFunction.needsTimeline("month", nil) }
        return EvalError(
            "a cell this formula uses has no value yet in this month (a recurrence reads its own cells a month back or "
                + "more: `prev`, `lag` by at least a month)", kind: .cycle)
    }

    public func function(_ slot: Int) -> CompiledFunction? { context.function(ofSlot: slot) }

    @inline(__always)
    public func arithmetic(_ op: BinaryOp, _ a: Double, _ ua: Unit, _ b: Double, _ ub: Unit, span: SourceSpan)
        throws(EvalError) -> Datum<ScalarDomain>
    {
        // Fast path: two plain numbers (most of a large model's arithmetic).
        if ua == .plain && ub == .plain {
            let result: Double
            switch op {
            case .add: result = a + b
            case .subtract: result = a - b
            case .multiply: result = a * b
            case .divide:
                if b == 0 { throw EvalError("division by zero", kind: .notFinite, span: span) }
                result = a / b
            default: return Datum(try Value.apply(op, .number(a, ua), .number(b, ub), span: span))
            }
            guard result.isFinite else { return Datum(try Value.finite(result, .plain, span)) }
            return .number(result, .plain)
        }
        return Datum(try Value.apply(op, .number(a, ua), .number(b, ub), span: span))
    }

    public func divide(_ a: Double, _ b: Double, unit: Unit, span: SourceSpan) throws(EvalError) -> Double {
        guard case .number(let result, _) = try Value.finite(a / b, unit, span) else { return .nan }
        return result
    }

    public func snapped(_ number: Double) -> Double { NumberFormat.snapped(number) }

    public func logic(_ op: BinaryOp, _ a: Bool, _ b: Bool) -> Bool {
        switch op {
        case .and: return a && b
        case .or: return a || b
        case .equal: return a == b
        default: return a != b
        }
    }

    public func not(_ flag: Bool) -> Bool { !flag }
    public func select(_ condition: Bool, _ a: Double, _ b: Double) -> Double { condition ? a : b }
    public func select(_ condition: Bool, _ a: Bool, _ b: Bool) -> Bool { condition ? a : b }

    public func draw(_ rule: DistributionRule, _ parameters: [Double], unit: Unit, at call: CallSite, key: UInt64)
        throws(EvalError) -> Double
    {
        let mean = try rule.build(parameters, at: call).mean
        guard case .number(let value, _) = try Value.finite(mean, unit, call.span) else { return .nan }
        return value
    }

    public func lanewise(_ builtin: Builtin, _ args: [Datum<ScalarDomain>], _ call: CallSite) throws(EvalError)
        -> Datum<ScalarDomain>
    {
        var values: [Value] = []
        for arg in args { if let value = arg.constant { values.append(value) } }
        return Datum(try builtin.apply(values, call))
    }
}

extension Datum where D == ScalarDomain {
    /// The ordinary value (every scalar datum is one).
    public var value: Value {
        switch self {
        case .number(let number, let unit): return .number(number, unit)
        case .bool(let flag): return .bool(flag)
        case .string(let text): return .string(text)
        case .record(let keys, let fields): return .record(Record(keys: keys, values: fields.map(\.value)))
        }
    }
}

extension Interpreter where D == ScalarDomain {
    /// Evaluates code to an ordinary value outside simulation: a series when it varies by month.
    public static func evaluate(_ code: Code, in context: any CodeContext) throws(EvalError) -> Value {
        var interpreter = Interpreter(domain: ScalarDomain(context: context))
        return try interpreter.evaluateAcrossMonths(code)
    }

    /// Evaluates code at every month (a series) when it varies by month, else once.
    public mutating func evaluateAcrossMonths(_ code: Code) throws(EvalError) -> Value {
        forgetMonths()
        domain.position = 0
        domain.variesByMonth = false
        let first = try run(code).value
        guard domain.variesByMonth, let timeline = domain.timeline else { return first }
        var values = [first]
        values.reserveCapacity(timeline.count)
        for position in 1..<max(1, timeline.count) {
            domain.position = position
            values.append(try run(code).value)
        }
        domain.position = 0
        return .series(try Series.assemble(start: timeline.start, values: values))
    }
}

extension Value {
    /// The value shown in another unit of the same dimension (records field by field), as `expr in unit`.
    public func converted(to unit: Unit, span: SourceSpan) throws(EvalError) -> Value {
        try Interpreter<ScalarDomain>.convert(Datum(self), to: unit, span: span).value
    }
}
