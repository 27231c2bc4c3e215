import PlanCore
import PlanGraph

/// Scenarios: named copies of the model (`:scenario save|load|delete`, `:scenarios`) and `:compare`.
///
/// Presets count as scenarios: a name that is not saved is looked up as a preset and loaded into a fresh
/// model; `current` names the live model.
extension Session {
    /// `:scenario save|load|delete NAME`.
    func scenarioCommand(_ argument: String, statement: Statement) throws(Diagnostic) -> String {
        let words = argument.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let fail = { (message: String) in Diagnostic(.error, message, file: statement.file, span: statement.span) }
        guard words.count == 2, ["save", "load", "delete"].contains(words[0]) else {
            throw fail("usage: :scenario save|load|delete name")
        }
        let name = words[1]
        switch words[0] {
        case "save":
            guard name != "current" else { throw fail("`current` names the live model; pick another name") }
            guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }) else {
                throw fail("a scenario name is letters, digits, `_`, `-` and `.`")
            }
            let replaced = savedScenarios[name] != nil
            savedScenarios[name] = model
            scenario = name
            return "  \(replaced ? "replaced" : "saved") scenario \(name) (\(model.cellNames.count) cells)"
        case "load":
            let loaded = try scenarioModel(name, fail)
            let before = model
            let beforeScenario = scenario
            let alertsBefore = Set(model.activeAlerts)
            model = loaded
            model.isCancelled = cancellation
            scenario = name == "current" ? scenario : name
            remember(before, scenario: beforeScenario)
            var lines = ["  loaded scenario \(scenario) (\(model.cellNames.count) cells)"]
            for alert in model.activeAlerts where !alertsBefore.contains(alert) {
                lines.append("  ⚠ " + alertDescription(alert))
            }
            return lines.joined(separator: "\n")
        default:
            guard savedScenarios.removeValue(forKey: name) != nil else {
                throw fail("no saved scenario named `\(name)`" + savedHint(name))
            }
            return "  deleted scenario \(name)"
        }
    }

    /// `:scenarios`: the saved scenarios, then the presets.
    func scenarioList() -> String {
        var lines: [String] = []
        if savedScenarios.isEmpty {
            lines.append("  no saved scenarios (`:scenario save NAME` keeps a copy of the model)")
        } else {
            lines.append("  saved:")
            let width = savedScenarios.keys.map(\.count).max() ?? 0
            for name in savedScenarios.keys.sorted() {
                let cells = savedScenarios[name]?.cellNames.count ?? 0
                lines.append(
                    "    " + name.padding(width) + "  \(cells) cells" + (name == scenario ? "  (current)" : ""))
            }
        }
        let presets = locator.names
        if !presets.isEmpty { lines.append("  presets: " + presets.joined(separator: ", ")) }
        lines.append("  current: \(scenario)")
        return lines.joined(separator: "\n")
    }

    /// The model of a scenario: `current`, a saved one, or a preset loaded afresh.
    func scenarioModel(_ name: String, _ fail: (String) -> Diagnostic) throws(Diagnostic) -> Model {
        if name == "current" { return model }
        if let saved = savedScenarios[name] { return saved }
        if (try? locator.path(of: name)) == nil && name == scenario { return model }
        do {
            _ = try locator.path(of: name)
        } catch {
            throw fail("no scenario or preset named `\(name)`" + savedHint(name))
        }
        let scratch = Session(output: BufferedOutput(), locator: locator, builtins: model.builtins)
        scratch.cancellation = cancellation
        if scratch.loadPreset(name, report: true) == .error {
            let reason = (scratch.output as? BufferedOutput)?.diagnostics.first?.message ?? "it failed to load"
            throw fail("preset `\(name)` could not be loaded: \(reason)")
        }
        return scratch.model
    }

    /// "; did you mean …" for a scenario name, or "" (with the list of names when there are few).
    private func savedHint(_ name: String) -> String {
        let known = Array(savedScenarios.keys) + locator.names + ["current"]
        if let hint = Suggestion.hint(for: name, among: known) { return "; " + hint }
        return " (scenarios: " + known.sorted().joined(separator: ", ") + ")"
    }

    /// `:compare A B …`: inputs that differ, then outputs (the watched cells), with deltas against `A`.
    func compare(_ argument: String, statement: Statement) throws(Diagnostic) -> String {
        var names = argument.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map(String.init)
        let fail = { (message: String) in Diagnostic(.error, message, file: statement.file, span: statement.span) }
        guard !names.isEmpty else { throw fail("usage: :compare a b … (scenarios, presets or `current`)") }
        if names.count == 1 { names.insert("current", at: 0) }
        var models: [Model] = []
        for name in names { models.append(try scenarioModel(name, fail)) }
        let labels = names.map { $0 == "current" ? "current (\(scenario))" : $0 }
        var header = ["", labels[0]]
        for label in labels.dropFirst() { header += [label, "Δ"] }
        var order: [String] = []
        var seen: Set<String> = []
        for model in models {
            for name in model.cellNames where seen.insert(name).inserted { order.append(name) }
        }
        let isInput = { (name: String) in models.contains { $0.cell(name).map { $0.deps.isEmpty } ?? false } }
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
        for name in outputs {
            outputRows += Self.comparisonRows(name, models.map { $0.value(of: name) }, onlyDiffering: watched.isEmpty)
        }
        var lines: [String] = []
        lines.append("  inputs that differ" + (inputRows.isEmpty ? ": none" : ""))
        if !inputRows.isEmpty { lines.append(TextTable.render([header] + inputRows)) }
        lines.append("  outputs" + (watched.isEmpty ? " that differ" : "") + (outputRows.isEmpty ? ": none" : ""))
        if !outputRows.isEmpty { lines.append(TextTable.render([header] + outputRows)) }
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
            lines.append(TextTable.render([[""] + labels] + alertRows))
        }
        return lines.joined(separator: "\n")
    }

    /// Rows comparing one cell across scenarios (one row per field of a record), each later scenario with
    /// its delta against the first; with `onlyDiffering`, rows whose values are all equal are left out.
    static func comparisonRows(_ name: String, _ values: [Value?], onlyDiffering: Bool) -> [[String]] {
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
            var row = [label, first?.display ?? "–"]
            for value in fieldValues.dropFirst() {
                row.append(value?.display ?? "–")
                row.append(delta(from: first, to: value))
            }
            rows.append(row)
        }
        return rows
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

    /// `+$12.3k/year (+4.5%)`: the change from one value to another in the first one's unit, or "" when
    /// they cannot be subtracted.
    private static func delta(from old: Value?, to new: Value?) -> String {
        guard case .number(let a, let unit)? = old, case .number(let b, let unitB)? = new,
            unit.sameDimension(as: unitB)
        else {
            return ""
        }
        if a == b { return "=" }
        let difference = b - a
        var text = (difference > 0 ? "+" : "") + Value.format(difference, unit: unit)
        if a != 0 && !unit.percent {
            let relative = difference / abs(a) * 100
            text += " (" + (relative > 0 ? "+" : "") + NumberFormat.significant(relative, 3) + "%)"
        }
        return text
    }
}
