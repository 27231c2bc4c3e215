public import PlanCore

/// A value over a block of Monte Carlo samples ("lanes"): the same for every lane, or one per lane.
///
/// Units ride along once per block, not per sample; per-lane numbers are plain `Double` arrays in base
/// units, so arithmetic over a block is a tight loop the compiler vectorises.
public enum Lanes {
    /// The same value in every lane (any value, with its unit).
    case constant(Value)
    /// One number per lane, in base units, with the unit.
    case numbers([Double], Unit)
    /// One boolean per lane.
    case bools([Bool])
    /// One lane value per record key.
    case record([String], [Lanes])

    /// The value of lane `index` as an ordinary value (for the per-lane fallback).
    func value(at index: Int) -> Value {
        switch self {
        case .constant(let value): return value
        case .numbers(let values, let unit): return .number(values[index], unit)
        case .bools(let values): return .bool(values[index])
        case .record(let keys, let fields):
            return .record(Record(keys: keys, values: fields.map { $0.value(at: index) }))
        }
    }

    /// True when the value is the same in every lane.
    var isConstant: Bool {
        switch self {
        case .constant: return true
        case .numbers, .bools: return false
        case .record(_, let fields): return fields.allSatisfy(\.isConstant)
        }
    }

    /// Builds lanes from one value per lane (numbers keep the first lane's unit; failures become NaN).
    static func collect(_ values: [Value?], count: Int) -> Lanes {
        guard let first = values.first(where: { $0 != nil }) ?? nil else {
            return .numbers([Double](repeating: .nan, count: count), .plain)
        }
        switch first {
        case .number(_, let unit):
            var numbers = [Double](repeating: .nan, count: count)
            for index in 0..<count {
                if case .number(let value, _) = values[index] { numbers[index] = value }
            }
            return .numbers(numbers, unit)
        case .bool:
            var flags = [Bool](repeating: false, count: count)
            for index in 0..<count {
                if case .bool(let flag) = values[index] { flags[index] = flag }
            }
            return .bools(flags)
        case .record(let record):
            var fields: [Lanes] = []
            for (position, _) in record.keys.enumerated() {
                let column = values.map { value -> Value? in
                    if case .record(let own) = value, position < own.values.count { return own.values[position] }
                    return nil
                }
                fields.append(collect(column, count: count))
            }
            return .record(record.keys, fields)
        case .string:
            return .constant(first)
        }
    }

    /// Per-lane numbers in base units (a constant is repeated), or nil for non-numbers.
    func numbers(count: Int) -> ([Double], Unit)? {
        switch self {
        case .numbers(let values, let unit): return (values, unit)
        case .constant(.number(let value, let unit)): return ([Double](repeating: value, count: count), unit)
        default: return nil
        }
    }
}
