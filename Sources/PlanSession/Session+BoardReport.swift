import Glibc
import PlanCharts
import PlanCore
import PlanGraph

/// Building the board report (`BoardReport`) from the live model.
extension Session {
    /// The cells the report's tier table shows when they are records, with their headings.
    static let reportTierColumns: [(cell: String, heading: String)] = [
        ("mix", "share of contacts"), ("ai_coverage", "AI attempts"), ("ai_resolution", "AI resolves"),
        ("csat_human", "CSAT human"), ("csat_ai", "CSAT AI"), ("csat_escalated", "CSAT AI → human"),
        ("csat_tier", "CSAT hybrid"), ("csat_change", "change"),
    ]

    /// A tier's CSAT change at or below this (in points) is flagged in the tier table: the standard model's
    /// alert threshold (SPEC §3).
    static let reportDropPoints = 5.0

    /// The board report of the current model; `date` (`2025-06-01`) defaults to today.
    public func boardReport(date: String? = nil) -> BoardReport {
        let uncertain = model.uncertainNodes()
        let isPreset = (try? locator.path(of: scenario)) != nil
        let (tornado, tornadoMissing) = reportTornado()
        let (comparison, comparisonAlerts) = reportComparison()
        let months = reportMonths()
        let monthNotes = reportMonthNotes(months)
        var notes: [String] = []
        if !uncertain.isEmpty {
            notes.append("~ marks a value that depends on a range or a distribution: its mean is shown.")
        }
        notes.append(
            "Ranges are 90% intervals. Monte Carlo figures use seed \(seed) and \(samples) samples; the same "
                + "seed gives the same figures.")
        return BoardReport(
            title: "Support plan: \(scenario)", summary: isPreset ? presetDescription(scenario) : nil,
            prepared: "Prepared with supportplan on \(date ?? Self.today()) from scenario \(scenario), "
                + "\(model.cellNames.count) cells.",
            headline: reportHeadline(uncertain, month: months.headline), headlineMonth: monthNotes.headline,
            tiers: reportTiers(month: months.tiers), tiersMonth: monthNotes.tiers, alerts: model.activeAlerts,
            alertsOff: model.alerts.filter { !$0.on }.map(\.message), timeline: reportTimeline(uncertain),
            tornado: tornado, tornadoMissing: tornadoMissing,
            comparison: comparison, comparisonAlerts: comparisonAlerts, inputs: reportInputs(uncertain), notes: notes)
    }

    /// Today's date in local time (`2025-06-01`).
    static func today() -> String {
        var now = time(nil)
        var parts = tm()
        guard localtime_r(&now, &parts) != nil else { return "an unknown date" }
        let two = { (value: Int32) in (value < 10 ? "0" : "") + String(value) }
        return String(parts.tm_year + 1900) + "-" + two(parts.tm_mon + 1) + "-" + two(parts.tm_mday)
    }

    /// The headline: the standard model's key outputs in words where it has them, then other watched cells.
    private func reportHeadline(_ uncertain: Set<Int>, month: Int?) -> [BoardReport.Figure] {
        let shown = { (name: String) -> String? in
            guard let value = self.reportValue(name, at: month) else { return nil }
            let marked = self.model.cellIds[name].map { uncertain.contains($0) } ?? false
            return (marked ? "~" : "") + value.display
        }
        let number = { (name: String) -> Double? in
            if case .number(let value, _)? = self.reportValue(name, at: month) { return value }
            return nil
        }
        var figures: [BoardReport.Figure] = []
        if let value = shown("net_value") {
            figures.append(
                .init(
                    label: "Net value", value: value, note: "savings minus retention risk", cells: ["net_value"],
                    warning: (number("net_value") ?? 0) < 0))
        }
        if let value = shown("savings") {
            figures.append(
                .init(
                    label: "Savings", value: value,
                    note: "the all-human team's cost minus the hybrid team's, AI spend included", cells: ["savings"]))
        }
        if let value = shown("risk") {
            var note = "customers lost to contacts that go worse than with a human, at their lifetime value"
            if let risk = number("risk"), let savings = number("savings"), savings > 0 {
                note += "; " + NumberFormat.significant(risk / savings * 100, 3) + "% of savings"
            }
            figures.append(.init(label: "Retention risk", value: value, note: note, cells: ["risk"]))
        }
        if let value = shown("fte_replaced") {
            var note: String?
            if let before = shown("baseline_fte"), let after = shown("hybrid_fte") {
                note = "workload FTE \(before) all-human → \(after) hybrid"
            }
            figures.append(.init(label: "FTE replaced", value: value, note: note, cells: ["fte_replaced"]))
        }
        if let before = shown("baseline_cost"), let after = shown("hybrid_cost") {
            let spend = shown("ai_spend").map { ", of which AI spend \($0)" } ?? ""
            figures.append(
                .init(
                    label: "Support cost", value: before + " → " + after, note: "all-human → hybrid" + spend,
                    cells: ["baseline_cost", "hybrid_cost"]))
        }
        if let billed = shown("automation_rate"), let trueRate = shown("true_automation_rate") {
            figures.append(
                .init(
                    label: "Automation rate", value: billed + " as billed, " + trueRate + " true",
                    note: "AI-resolved share of all contacts; the true rate leaves out resolutions that come back",
                    cells: ["automation_rate", "true_automation_rate"]))
        }
        if let before = number("csat_blended_baseline"), let after = number("csat_blended_hybrid") {
            let points = (after - before) * 100
            figures.append(
                .init(
                    label: "Blended CSAT",
                    value: Value.format(before, unit: .percentage, decimals: 1) + " → "
                        + Value.format(after, unit: .percentage, decimals: 1),
                    note: "share of contacts rated satisfied, all-human → hybrid ("
                        + (points < 0 ? "−" : "+") + NumberFormat.fixed(abs(points), decimals: 1, keepZeros: true)
                        + " points); per tier below", cells: ["csat_blended_baseline", "csat_blended_hybrid"]))
        }
        let covered = Set(figures.flatMap(\.cells) + ["baseline_fte", "hybrid_fte", "ai_spend"])
        for name in model.watches where !covered.contains(name) {
            guard let value = shown(name) else { continue }
            let note = model.cell(name)?.doc.first.map { CellText.firstSentence($0) }
            figures.append(.init(label: name, value: value, note: note, cells: [name]))
        }
        return figures
    }

    /// The per-tier table: one row per tier, the blend as the last row (CSAT beside the blend).
    private func reportTiers(month: Int?) -> BoardReport.Table? {
        let columns = Self.reportTierColumns.filter {
            if case .record = reportValue($0.cell, at: month) { return true }
            return false
        }
        guard !columns.isEmpty else { return nil }
        var keys: [String] = []
        for column in columns {
            guard case .record(let record)? = reportValue(column.cell, at: month) else { continue }
            for key in record.keys where !keys.contains(key) { keys.append(key) }
        }
        let baseline = reportValue("csat_blended_baseline", at: month)
        let hybrid = reportValue("csat_blended_hybrid", at: month)
        var texts: [[String]] = []
        var flagged: [[Int]] = Array(repeating: [], count: keys.count)
        for (index, column) in columns.enumerated() {
            guard case .record(let record)? = reportValue(column.cell, at: month) else { continue }
            var values: [Value?] = keys.map { record[$0] }
            // The blend row: the blended CSATs, their change, and the mix's total.
            switch column.cell {
            case "csat_human": values.append(baseline)
            case "csat_tier": values.append(hybrid)
            case "csat_change":
                if case .number(let before, _)? = baseline, case .number(let after, _)? = hybrid,
                    case .number(_, let unit)? = record.values.first
                {
                    values.append(.number(after - before, unit))
                } else {
                    values.append(nil)
                }
                for (row, key) in keys.enumerated() {
                    if case .number(let change, _)? = record[key], change <= -Self.reportDropPoints / 100 {
                        flagged[row].append(index + 1)
                    }
                }
            case "mix":
                let total = record.values.reduce(0.0) { sum, value in
                    if case .number(let number, _) = value { return sum + number }
                    return sum
                }
                values.append(.number(total, .percentage))
            default: values.append(nil)
            }
            // Aligned decimals over the cells that hold a value (a missing blend stays blank).
            let shown = TierTableView.columnTexts(values.compactMap { $0 })
            var next = 0
            texts.append(
                values.map { value in
                    guard value != nil, next < shown.count else { return "" }
                    next += 1
                    return shown[next - 1]
                })
        }
        var rows: [BoardReport.Table.Row] = keys.enumerated().map { row, key in
            .init(cells: [key] + texts.map { $0[row] }, flagged: flagged[row])
        }
        if baseline != nil || hybrid != nil {
            rows.append(.init(cells: ["all tiers (blend)"] + texts.map { $0[keys.count] }, kind: .summary))
        }
        return BoardReport.Table(
            columns: ["tier"] + columns.map(\.heading), columnCells: [""] + columns.map(\.cell), rows: rows,
            flagNote: flagged.contains { !$0.isEmpty }
                ? "▼ CSAT fell \(NumberFormat.fixed(Self.reportDropPoints, decimals: 0)) points or more against an "
                    + "all-human team" : nil)
    }

    /// The tornado of net value (or of the first watched number), or why there is none.
    private func reportTornado() -> (Chart?, String?) {
        let candidates = (model.timeline == nil ? ["net_value"] : ["net_value", "net_present_value"]) + model.watches
        guard
            let name = candidates.first(where: {
                if case .number? = model.value(of: $0) { return true }
                return false
            })
        else {
            return (nil, "no tornado: the model has no `net_value` and watches no number")
        }
        let objective = WhatIfObjective(expression: Expr(.name(name), SourceSpan(start: 0, end: 0)), label: name)
        do throws(EvalError) {
            let result = try model.sensitivity(objective, samples: samples, seed: seed)
            guard !result.bars.isEmpty else { return (nil, "no input moves \(name)") }
            return (Chart.tornado(result), nil)
        } catch {
            return (nil, "no tornado of \(name): \(error.message)")
        }
    }

    /// The saved scenarios side by side (the live model too when it differs from all of them): key outputs,
    /// then the inputs that differ, each with its change against the first; and the alerts of each.
    private func reportComparison() -> (BoardReport.Table?, [String]) {
        guard !savedScenarios.isEmpty else { return (nil, []) }
        var names = savedScenarios.keys.sorted()
        var models = names.compactMap { savedScenarios[$0] }
        if !models.contains(where: { Self.sameValues($0, model) }) {
            names.append(savedScenarios[scenario] == nil ? scenario : "current (\(scenario))")
            models.append(model)
        }
        guard models.count >= 2 else { return (nil, []) }
        var columns = [""]
        for (index, name) in names.enumerated() { columns += index == 0 ? [name] : [name, "Δ vs \(names[0])"] }
        var outputs = [
            "net_value", "savings", "risk", "fte_replaced", "hybrid_cost", "automation_rate", "true_automation_rate",
            "csat_blended_hybrid", "csat_tier",
        ]
        for model in models {
            for name in model.watches where !outputs.contains(name) { outputs.append(name) }
        }
        var rows: [BoardReport.Table.Row] = [.init(cells: ["outputs"], kind: .section)]
        for name in outputs where models.contains(where: { $0.value(of: name) != nil }) {
            rows += Self.reportComparisonRows(
                name, models.map { Self.lastMonth($0.value(of: name)) }, onlyDiffering: false
            )
            .map {
                .init(cells: $0)
            }
        }
        var order: [String] = []
        for model in models {
            for name in model.cellNames where !order.contains(name) { order.append(name) }
        }
        var inputRows: [BoardReport.Table.Row] = []
        for name in order where models.contains(where: { model in model.cell(name).map(model.isInput) ?? false }) {
            inputRows += Self.reportComparisonRows(
                name, models.map { Self.lastMonth($0.value(of: name)) }, onlyDiffering: true
            ).map {
                .init(cells: $0)
            }
        }
        rows.append(.init(cells: [inputRows.isEmpty ? "inputs: all the same" : "inputs that differ"], kind: .section))
        rows += inputRows
        let alerts = zip(names, models).map { name, model in
            name + ": " + (model.activeAlerts.isEmpty ? "no alert on" : model.activeAlerts.joined(separator: "; "))
        }
        return (BoardReport.Table(columns: columns, columnCells: columns.map { _ in "" }, rows: rows), alerts)
    }

    /// Rows comparing one cell across scenarios (a row per field of a record): each later scenario's value
    /// and its change against the first, shares in percentage points (`+3.9 pt`), other numbers with their
    /// relative change (`+$24.63M/year (+79.1%)`).
    private static func reportComparisonRows(_ name: String, _ values: [Value?], onlyDiffering: Bool) -> [[String]] {
        var keys: [String] = []
        for case .record(let record)? in values {
            for key in record.keys where !keys.contains(key) { keys.append(key) }
        }
        let parts: [(String, [Value?])] =
            keys.isEmpty
            ? [(name, values)]
            : keys.map { key in
                (
                    name + "." + key,
                    values.map { value -> Value? in
                        if case .record(let record)? = value { return record[key] }
                        return value
                    }
                )
            }
        var rows: [[String]] = []
        for (label, fieldValues) in parts {
            let first = fieldValues.first ?? nil
            let deltas = fieldValues.dropFirst().map { reportDelta(from: first, to: $0) }
            if onlyDiffering && deltas.allSatisfy({ $0 == "=" }) { continue }
            var row = [label, first?.display ?? "–"]
            for (value, delta) in zip(fieldValues.dropFirst(), deltas) { row += [value?.display ?? "–", delta] }
            rows.append(row)
        }
        return rows
    }

    /// The change from one value to another: `=`, `+3.9 pt` for shares, `+$24.6M/year (+79.1%)`, or "".
    private static func reportDelta(from old: Value?, to new: Value?) -> String {
        guard case .number(let a, let unit)? = old, case .number(let b, let unitB)? = new,
            unit.sameDimension(as: unitB)
        else {
            return old == new ? "=" : ""
        }
        if abs(a - b) <= 1e-12 * max(abs(a), abs(b)) { return "=" }
        let difference = b - a
        let sign = difference > 0 ? "+" : "-"
        if unit.isPlain && unit.percent {
            return sign + NumberFormat.significant(abs(difference) * 100, 3) + " pt"
        }
        var text = sign + Value.format(abs(difference), unit: unit)
        if a != 0 { text += " (" + sign + NumberFormat.significant(abs(difference / a) * 100, 3) + "%)" }
        return text
    }

    /// True when two models have the same cells with the same values.
    private static func sameValues(_ a: Model, _ b: Model) -> Bool {
        a.cellNames == b.cellNames && a.cellNames.allSatisfy { a.value(of: $0) == b.value(of: $0) }
    }

    /// Every input (a cell that depends on nothing) with its value and its `##` source, in model order.
    private func reportInputs(_ uncertain: Set<Int>) -> [BoardReport.Input] {
        model.cellNames.compactMap { name in
            guard let node = model.cell(name), model.isInput(node) else { return nil }
            var fields: [String] = []
            if case .record(let record)? = model.value(of: name) {
                fields = zip(record.keys, record.values).map { "\($0): \($1.display)" }
            }
            var value = CellText(model, uncertain: uncertain).value(of: name)
            if case .series(let series)? = model.value(of: name) {
                value = (value.hasPrefix("~") ? "~" : "") + series.summary(sparkline: false)
            }
            return BoardReport.Input(
                name: name, value: value, fields: fields,
                distribution: CellText(model).distributionNote(of: name), source: node.doc)
        }
    }
}
