/// A value per month of the model's timeline: what a cell that depends on a series holds (SPEC §9).
///
/// Each month's value is an ordinary value (a number, a flag, a record — a per-tier ramp is a series of
/// records); never a series itself. A series is what the cell's formula gives when evaluated month by month,
/// so "a series equals its months evaluated one by one" holds by construction.
public struct Series: Sendable, Equatable {
    /// The month number of the first value (see `Timeline`).
    public var start: Int
    /// One value per month, in order.
    public var values: [Value]

    /// Creates a series.
    public init(start: Int, values: [Value]) {
        self.start = start
        self.values = values
    }

    /// A series from its months' values, checked to be of one kind and shown in one unit.
    ///
    /// Zero is zero in every unit, so a plain 0 (a `prev` whose initial value is `0`, a `step` from 0) takes
    /// the unit of the other months; months of different dimensions, kinds or record keys are an error.
    public static func assemble(start: Int, values: [Value]) throws(EvalError) -> Series {
        Series(start: start, values: try unify(values, start: start))
    }

    private static func unify(_ values: [Value], start: Int) throws(EvalError) -> [Value] {
        if isUniform(values) { return values }
        guard let model = values.first(where: { !$0.isPlainZero }) ?? values.first else { return values }
        let disagree = { (index: Int, value: Value) -> EvalError in
            EvalError(
                "the months of this series disagree: \(describe(model)) in \(Timeline.label(start + (values.firstIndex { !$0.isPlainZero } ?? 0))), "
                    + "\(describe(value)) in \(Timeline.label(start + index))", kind: .unitMismatch)
        }
        switch model {
        case .number(_, let unit):
            var out: [Value] = []
            out.reserveCapacity(values.count)
            for (index, value) in values.enumerated() {
                guard case .number(let number, let own) = value, own.commensurable(with: unit) || value.isPlainZero
                else {
                    throw disagree(index, value)
                }
                out.append(.number(number, unit))
            }
            return out
        case .record(let record):
            var columns: [[Value]] = Array(repeating: [], count: record.keys.count)
            for (index, value) in values.enumerated() {
                guard case .record(let own) = value, Set(own.keys) == Set(record.keys) else {
                    throw disagree(index, value)
                }
                for (position, key) in record.keys.enumerated() { columns[position].append(own[key] ?? value) }
            }
            var unified: [[Value]] = []
            for column in columns { unified.append(try unify(column, start: start)) }
            return values.indices.map { index in
                .record(Record(keys: record.keys, values: unified.map { $0[index] }))
            }
        case .bool, .string:
            for (index, value) in values.enumerated() where value.kindDescription != model.kindDescription {
                throw disagree(index, value)
            }
            return values
        case .series:
            throw EvalError("a series of series", kind: .typeMismatch)
        }
    }

    /// True when every month is a number of one unit, or a record of the same keys whose fields are uniform
    /// (the common case, checked without building anything).
    private static func isUniform(_ values: [Value]) -> Bool {
        guard let first = values.first else { return true }
        switch first {
        case .number(_, let unit):
            for value in values {
                guard case .number(_, let own) = value, own == unit else { return false }
            }
            return true
        case .record(let record):
            for value in values {
                guard case .record(let own) = value, own.keys == record.keys else { return false }
                for (index, field) in own.values.enumerated() {
                    switch (field, record.values[index]) {
                    case (.number(_, let a), .number(_, let b)) where a == b: continue
                    case (.bool, .bool): continue
                    default: return false
                    }
                }
            }
            return true
        case .bool:
            return values.allSatisfy { if case .bool = $0 { true } else { false } }
        default: return false
        }
    }

    private static func describe(_ value: Value) -> String {
        if case .number(_, let unit) = value { return unit.isDate ? "a date" : Value.unitName(unit) }
        return value.kindDescription
    }

    /// The timeline the series runs over.
    public var timeline: Timeline { Timeline(start: start, count: values.count) }

    /// The value of one field in every month (nil when a month's value is not a record with that field).
    public func field(_ key: String) -> Series? {
        var out: [Value] = []
        out.reserveCapacity(values.count)
        for value in values {
            guard case .record(let record) = value, let field = record[key] else { return nil }
            out.append(field)
        }
        return Series(start: start, values: out)
    }

    /// The numbers in base units and their unit, when every month holds a number of one unit.
    public var numbers: (values: [Double], unit: Unit)? {
        guard case .number(_, let unit) = values.first else { return nil }
        var out: [Double] = []
        out.reserveCapacity(values.count)
        for value in values {
            guard case .number(let number, _) = value else { return nil }
            out.append(number)
        }
        return (out, unit)
    }
}

extension Value {
    /// The value in one month: a series' value at `position`, any other value as it is.
    @inlinable public func at(position: Int) -> Value {
        guard case .series(let series) = self else { return self }
        let values = series.values
        return values.isEmpty ? self : values[min(max(position, 0), values.count - 1)]
    }

    /// True for a plain number 0 (which takes any unit in a series).
    var isPlainZero: Bool {
        if case .number(0, let unit) = self, unit == .plain { return true }
        return false
    }

    /// True when the value varies by month.
    public var isSeries: Bool {
        if case .series = self { return true }
        return false
    }
}
