import PlanCore
import PlanGraph

/// `:compare` as text: scenarios side by side.
///
/// Inputs that differ, then outputs (the watched cells, else every output that differs), each later
/// scenario with its change against the first; then the alerts that are on in any of them. The tables
/// narrow to the width as `TextTable` does. A series shows as its total (a flow) or its first and last month
/// (see `compact`).
struct ComparisonView {
    /// The scenarios' models, the first the baseline.
    let models: [Model]
    /// Their column headings.
    let labels: [String]
    /// The outputs asked for (`:compare a b show …`): a label and the value in each scenario (nil where it
    /// has none); nil shows the watched cells, else every output that differs.
    var shown: [(label: String, values: [Value?])]? = nil

    /// The comparison laid out for `width` columns.
    func render(width: Int) -> String {
        let models = self.models
        let labels = self.labels
        var header = ["", labels[0]]
        for label in labels.dropFirst() { header += [label, "Δ"] }
        var order: [String] = []
        var seen: Set<String> = []
        for model in models {
            for name in model.cellNames where seen.insert(name).inserted { order.append(name) }
        }
        let isInput = { (name: String) in models.contains { model in model.cell(name).map(model.isInput) ?? false } }
        var inputRows: [[String]] = []
        for name in order where isInput(name) {
            inputRows += Self.comparisonRows(name, models.map { $0.value(of: name) }, onlyDiffering: true)
        }
        var watched: [String] = []
        for model in models {
            for name in model.watches where !watched.contains(name) { watched.append(name) }
        }
        let outputs = watched.isEmpty ? order.filter { !isInput($0) } : watched
        var outputRows: [[String]] = []
        if let shown {
            for (label, values) in shown { outputRows += Self.comparisonRows(label, values, onlyDiffering: false) }
        } else {
            for name in outputs {
                outputRows += Self.comparisonRows(
                    name, models.map { $0.value(of: name) }, onlyDiffering: watched.isEmpty)
            }
        }
        let differOnly = shown == nil && watched.isEmpty
        var lines: [String] = []
        lines.append("  inputs that differ" + (inputRows.isEmpty ? ": none" : ""))
        if !inputRows.isEmpty { lines.append(TextTable([header] + inputRows).render(width: width)) }
        lines.append("  outputs" + (differOnly ? " that differ" : "") + (outputRows.isEmpty ? ": none" : ""))
        if !outputRows.isEmpty { lines.append(TextTable([header] + outputRows).render(width: width)) }
        var alertRows: [[String]] = []
        var alertNames: [String] = []
        for model in models {
            for alert in model.alerts where !alertNames.contains(alert.message) { alertNames.append(alert.message) }
        }
        for message in alertNames {
            let states = models.map { model in model.activeAlerts.contains(message) }
            if states.contains(true) { alertRows.append(["⚠ " + message] + states.map { $0 ? "on" : "off" }) }
        }
        if !alertRows.isEmpty {
            lines.append("  alerts")
            lines.append(TextTable([[""] + labels] + alertRows).render(width: width))
        }
        return lines.map { TextLayout.fit($0, width: width) }.joined(separator: "\n")
    }

    /// Rows comparing one cell across scenarios (one row per field of a record), each later scenario with
    /// its delta against the first; with `onlyDiffering`, rows whose values are all equal are left out.
    static func comparisonRows(_ name: String, _ values: [Value?], onlyDiffering: Bool) -> [[String]] {
        let values = values.map { $0?.fieldwise }
        var keys: [String] = []
        for case .record(let record)? in values {
            for key in record.keys where !keys.contains(key) { keys.append(key) }
        }
        let parts: [(String, [Value?])]
        if keys.isEmpty {
            parts = [(name, values)]
        } else {
            parts = keys.map { key in
                (
                    name + "." + key,
                    values.map { value -> Value? in
                        if case .record(let record)? = value { return record[key] }
                        return value
                    }
                )
            }
        }
        var rows: [[String]] = []
        for (label, fieldValues) in parts {
            let first = fieldValues[0]
            let differs = fieldValues.dropFirst().contains { !sameValue(first, $0) }
            if onlyDiffering && !differs { continue }
            let shown = compact(fieldValues)
            // A series that is not a flow is compared in its last month, and the delta says so.
            let lastMonth = fieldValues.contains { value in
                if case .series(let series)? = value { return series.total == nil || !shown.allSatisfy(\.isTotal) }
                return false
            }
            var row = [label, shown[0].text]
            for value in shown.dropFirst() {
                row.append(value.text)
                let change = delta(from: shown[0].value, to: value.value)
                row.append(lastMonth && !change.isEmpty ? "last month " + change : change)
            }
            rows.append(row)
        }
        return rows
    }

    /// A row's values as the table shows them, with the value its delta is taken on: a series of numbers reads
    /// as its total when every value of the row is a flow series (`total $481.7k`, deltas on the totals), else
    /// as its first and last month (`93.75 → 79.77`, deltas on the last month), never 36 numbers or a
    /// sparkline that would widen every column.
    private static func compact(_ values: [Value?]) -> [(text: String, value: Value?, isTotal: Bool)] {
        let flows = values.allSatisfy { value in
            if case .series(let series)? = value { return series.total != nil }
            return value == nil
        }
        return values.map { value in
            guard case .series(let series)? = value, series.numbers != nil, let first = series.values.first,
                let last = series.values.last
            else { return (value?.display ?? "–", value, value == nil) }
            if flows, let total = series.total { return ("total " + total.display, total, true) }
            return (series.values.count == 1 ? last.display : first.display + " → " + last.display, last, false)
        }
    }

    /// True when two values are equal (numbers to a relative 1e-12, whatever unit they are shown in).
    private static func sameValue(_ left: Value?, _ right: Value?) -> Bool {
        switch (left, right) {
        case (nil, nil): return true
        case (.number(let a, let unitA)?, .number(let b, let unitB)?):
            return unitA.sameDimension(as: unitB) && abs(a - b) <= 1e-12 * max(abs(a), abs(b))
        case (.some(let a), .some(let b)): return a == b
        default: return false
        }
    }

    /// `+$12.3k/year (+4.5%)`, `+35 pt`: the change from one value to another (`Delta`), with the relative
    /// change for amounts; "=" when equal, "" when they cannot be subtracted.
    private static func delta(from old: Value?, to new: Value?) -> String {
        if case .number(let a, _)? = old, case .number(let b, _)? = new, a == b { return "=" }
        guard let text = Delta.text(from: old, to: new) else { return "" }
        return text + (Delta.relative(from: old, to: new).map { " (" + $0 + ")" } ?? "")
    }
}
