import PlanCore

/// The change from one value to another as every view writes it (`+$3.5M/year`, `-3.83 pt`, `+153.2`).
///
/// One style everywhere (#11 item 9): a change of shares is in percentage points (`pt`, three significant
/// digits: a share that goes from 5% to 39.96% changed by `+35 pt`, never `+34.96%`, which would read as a
/// relative change); every other change is in the old value's unit; the sign is `+` or the ASCII `-` that
/// values use too (so a delta reads back as source). A date moves by whole months (`-1 month`).
enum Delta {
    /// The change from `old` to `new`, or nil when they are not numbers of one dimension.
    static func text(from old: Value?, to new: Value?) -> String? {
        guard case .number(let a, let unit)? = old, case .number(let b, let other)? = new,
            unit.sameDimension(as: other)
        else { return nil }
        if unit.isDate { return months(b - a) }
        return text(b - a, unit: unit)
    }

    /// The change of a date in whole months (`+1 month`, `-3 months`), nil when it is not whole.
    static func months(_ difference: Double) -> String? {
        guard let count = Timeline.monthNumber(difference) else { return nil }
        let sign = count > 0 ? "+" : count < 0 ? "-" : ""
        return sign + String(abs(count)) + (abs(count) == 1 ? " month" : " months")
    }

    /// A difference in base units, shown in `unit` (in points when `unit` is a share).
    static func text(_ difference: Double, unit: Unit) -> String {
        let sign = difference > 0 ? "+" : difference < 0 ? "-" : ""
        if isShare(unit) || unit.symbol == "pt" {
            return sign + NumberFormat.significant(abs(difference) * 100, 3) + " pt"
        }
        return sign + Value.format(abs(difference), unit: unit)
    }

    /// True for a plain share (`%`): its changes are in points.
    static func isShare(_ unit: Unit) -> Bool { unit.isPlain && unit.percent }

    /// The relative change in percent (`+4.5%`), or nil for shares and points (whose change is already in
    /// points), a zero start or values that are not numbers of one dimension.
    static func relative(from old: Value?, to new: Value?) -> String? {
        guard case .number(let a, let unit)? = old, case .number(let b, let other)? = new,
            unit.sameDimension(as: other), a != 0, !isShare(unit), unit.symbol != "pt", !unit.isDate
        else { return nil }
        let change = (b - a) / abs(a) * 100
        return (change > 0 ? "+" : change < 0 ? "-" : "") + NumberFormat.significant(abs(change), 3) + "%"
    }
}
