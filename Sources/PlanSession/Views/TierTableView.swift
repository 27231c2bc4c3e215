import PlanCore
import PlanGraph

/// `:table expr, …` (and the per-tier part of `:report`): one row per record key, one column per value.
///
/// A column of numbers in one unit gets one number of decimals so the points line up; the table narrows
/// to the width as `TextTable` does (headers wrapped after `_`, then columns in groups).
struct TierTableView {
    /// The columns: a header and a value (a record gives one row per key; a scalar repeats on every row).
    let columns: [(header: String, value: Value)]

    /// The table laid out for `width` columns.
    func render(width: Int) -> String {
        var keys: [String] = []
        for (_, value) in columns {
            if case .record(let record) = value {
                for key in record.keys where !keys.contains(key) { keys.append(key) }
            }
        }
        if keys.isEmpty { keys = ["value"] }
        var rows: [[String]] = [["tier"] + columns.map(\.header)]
        let texts = columns.map { _, value -> [String] in
            let cells = keys.map { key -> Value? in
                if case .record(let record) = value { return record[key] }
                return value
            }
            return Self.columnTexts(cells)
        }
        for (index, key) in keys.enumerated() {
            rows.append([key] + texts.map { $0[index] })
        }
        return TextTable(rows).render(width: width)
    }

    /// A table column: numbers in one unit get the same number of decimals, so the points line up.
    static func columnTexts(_ values: [Value?]) -> [String] {
        var unit: Unit?
        var largest = 0.0
        for value in values {
            guard case .number(let number, let own)? = value else { return values.map { $0?.display ?? "" } }
            if let unit, !unit.sameDimension(as: own) { return values.map { $0?.display ?? "" } }
            // A column shows in one unit, the first row's (5 min, 10 min, 30 min — not 0.5 h).
            let shown = unit ?? own
            unit = shown
            largest = max(largest, abs(shown.isPlain ? (shown.percent ? number * 100 : number) : number / shown.scale))
        }
        guard let unit, largest < 1e4 else { return values.map { $0?.display ?? "" } }
        let decimals = unit.percent ? (largest < 1 ? 2 : 1) : largest < 10 ? 2 : largest < 1_000 ? 1 : 0
        return values.map { value in
            guard case .number(let number, _)? = value else { return "" }
            return Value.format(number, unit: unit, decimals: decimals)
        }
    }
}
