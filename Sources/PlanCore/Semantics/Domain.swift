/// Where an interpreter's numbers live: one value (a cell outside simulation) or a block of samples.
///
/// `Interpreter` is written once over a domain: units, records, broadcasting, type and unit checks,
/// short-circuits and error spans live there; a domain only says how numbers and flags are stored and
/// combined lane by lane, how a choice between two branches is made per lane, how distributions draw
/// and how a built-in without a lane form is applied lane by lane. Units always ride along once per
/// value, never per lane, and are checked by `Value.apply` on representative numbers.
///
/// Failure, one rule for numbers and flags: the scalar domain throws; the block domain marks the lane
/// failed (NaN, and a flag is stored as 0, 1 or NaN), and a failed lane stays failed through every
/// later operation, so it is counted and reported like any failed sample.
///
/// Months (the timeline of SPEC §9) are not a third kind of storage but an axis of evaluation: a domain
/// knows the model's timeline and the position being evaluated, and a cell that holds a series (one value
/// per month) is read at that position. A cell's formula is evaluated at the first month; if that read
/// anything that varies by month (`variesByMonth`), it is evaluated at every month and holds a series. The
/// functions that look across months (`prev`, `total`, `cumulative`, `at`, `first`, `npv`) move the position
/// and evaluate their argument there (`Interpreter+Series.swift`). So one definition of the language serves
/// scalars, samples and months, and a series equals its months evaluated one by one.
public protocol EvaluationDomain {
    /// How numbers are stored (in base units): `Double`, or a block of samples.
    associatedtype Number: Sendable
    /// How booleans are stored: `Bool`, or a block of 0/1/NaN lanes.
    associatedtype Flag: Sendable

    /// A number that is the same in every lane.
    static func number(_ value: Double) -> Number
    /// A flag that is the same in every lane.
    static func flag(_ value: Bool) -> Flag
    /// The number if it is the same in every lane.
    static func constant(_ number: Number) -> Double?
    /// The flag if it is the same in every lane (and did not fail).
    static func constant(_ flag: Flag) -> Bool?
    /// True when a lane can fail on its own (then an error in a branch taken by some lanes fails only those).
    static var lanesFail: Bool { get }
    /// Numbers where every lane failed.
    static var failedNumber: Number { get }
    /// Flags where every lane failed.
    static var failedFlag: Flag { get }

    /// The model's monthly axis, if it has one.
    var timeline: Timeline? { get }
    /// The position on the timeline being evaluated (0 without a timeline).
    var position: Int { get set }
    /// Set when evaluation read something that varies by month (a series cell, `month`, a ramp …).
    var variesByMonth: Bool { get set }

    /// The value of the cell in a slot (a series cell at the current position).
    mutating func cell(_ slot: Int) throws(EvalError) -> Datum<Self>
    /// The user function in a slot.
    func function(_ slot: Int) -> CompiledFunction?
    /// An arithmetic operator or a comparison on two numbers with units, checked by `Value.apply`.
    func arithmetic(_ op: BinaryOp, _ a: Number, _ ua: Unit, _ b: Number, _ ub: Unit, span: SourceSpan)
        throws(EvalError) -> Datum<Self>
    /// `a / b` where `b` is a bare unit word: the quotient in `unit` (a compound unit kept as written).
    func divide(_ a: Number, _ b: Number, unit: Unit, span: SourceSpan) throws(EvalError) -> Number
    /// Numbers rounded to 15 significant digits (`NumberFormat.snapped`): a month's amount of a rate.
    func snapped(_ number: Number) -> Number
    /// `and`, `or`, `==`, `!=` on flags.
    func logic(_ op: BinaryOp, _ a: Flag, _ b: Flag) -> Flag
    /// `not`.
    func not(_ flag: Flag) -> Flag
    /// Per lane, `a` where the condition holds, else `b` (failed where the condition failed).
    func select(_ condition: Flag, _ a: Number, _ b: Number) -> Number
    /// Per lane, `a` where the condition holds, else `b`.
    func select(_ condition: Flag, _ a: Flag, _ b: Flag) -> Flag
    /// Draws from a distribution (the scalar domain takes its mean).
    ///
    /// `key` names the draw within the cell being evaluated (its draw site, the field of a record of
    /// distributions, the chain of function calls it sits in), so a block domain can give every
    /// uncertain input a generator of its own.
    mutating func draw(
        _ rule: DistributionRule, _ parameters: [Number], unit: Unit, at call: CallSite, key: UInt64
    ) throws(EvalError) -> Number
    /// Applies a built-in lane by lane (some argument varies by lane).
    func lanewise(_ builtin: Builtin, _ args: [Datum<Self>], _ call: CallSite) throws(EvalError) -> Datum<Self>
}

/// A value of the language in a domain: numbers and flags stored as the domain stores them.
public enum Datum<D: EvaluationDomain>: Sendable {
    /// A number in base units with its unit.
    case number(D.Number, Unit)
    /// A boolean.
    case bool(D.Flag)
    /// A string (the same in every lane).
    case string(String)
    /// A record: keys in order, one datum per key.
    case record([String], [Datum<D>])

    /// The datum of an ordinary value (the same in every lane); a series gives its first month (domains read
    /// a series cell at their position with `Value.at(position:)` before making a datum of it).
    public init(_ value: Value) {
        switch value {
        case .series(let series):
            self = series.values.first.map { Datum($0) } ?? .string("")
        case .number(let number, let unit): self = .number(D.number(number), unit)
        case .bool(let flag): self = .bool(D.flag(flag))
        case .string(let text): self = .string(text)
        case .record(let record): self = .record(record.keys, record.values.map { Datum($0) })
        }
    }

    /// The ordinary value when it is the same in every lane, else nil.
    public var constant: Value? {
        switch self {
        case .number(let number, let unit): return D.constant(number).map { .number($0, unit) }
        case .bool(let flag): return D.constant(flag).map { .bool($0) }
        case .string(let text): return .string(text)
        case .record(let keys, let fields):
            var values: [Value] = []
            values.reserveCapacity(fields.count)
            for field in fields {
                guard let value = field.constant else { return nil }
                values.append(value)
            }
            return .record(Record(keys: keys, values: values))
        }
    }

    /// The kind of value in words, for errors (as `Value.kindDescription`).
    public var kindDescription: String {
        switch self {
        case .number(_, let unit): return unit.isDimensionless ? "a number" : "a quantity in \(unit.symbol)"
        case .bool: return "a boolean"
        case .string: return "a string"
        case .record: return "a record"
        }
    }
}
