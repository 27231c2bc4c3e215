/// A value of the language: a number with its unit, a boolean, a string or a record.
public enum Value: Sendable, Equatable {
    /// A number in base units (dollars, seconds) with the unit it is shown in.
    case number(Double, Unit)
    /// A boolean.
    case bool(Bool)
    /// A string (messages, labels, file names).
    case string(String)
    /// One value per key (per tier), keys in order.
    case record(Record)
    /// One value per month of the timeline (SPEC §9).
    case series(Series)

    /// A plain number.
    public static func plain(_ value: Double) -> Value { .number(value, .plain) }

    /// The kind of value in words, for error messages.
    public var kindDescription: String {
        switch self {
        case .number(_, let unit): return unit.isDimensionless ? "a number" : "a quantity in \(unit.symbol)"
        case .bool: return "a boolean"
        case .string: return "a string"
        case .record: return "a record"
        case .series: return "a series"
        }
    }

    /// True when both values are the same to the bit (used to stop recalculation early).
    public func isIdentical(to other: Value) -> Bool {
        switch (self, other) {
        case (.number(let a, let ua), .number(let b, let ub)): return a.bitPattern == b.bitPattern && ua == ub
        case (.bool(let a), .bool(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.record(let a), .record(let b)):
            guard a.keys == b.keys else { return false }
            for index in a.values.indices where !a.values[index].isIdentical(to: b.values[index]) { return false }
            return true
        case (.series(let a), .series(let b)):
            guard a.start == b.start, a.values.count == b.values.count else { return false }
            for index in a.values.indices where !a.values[index].isIdentical(to: b.values[index]) { return false }
            return true
        default: return false
        }
    }
}

/// One value per key, keys in the order written.
public struct Record: Sendable, Equatable {
    /// The keys, in order.
    public var keys: [String]
    /// The values, one per key.
    public var values: [Value]

    /// Creates a record.
    public init(keys: [String], values: [Value]) {
        self.keys = keys
        self.values = values
    }

    /// The value of a field.
    public subscript(key: String) -> Value? {
        guard let index = keys.firstIndex(of: key) else { return nil }
        return values[index]
    }
}
