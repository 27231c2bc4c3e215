import PlanCore
import PlanGraph

/// `:report`: a one-screen summary laid out by the model itself.
///
/// The scenario's name, the watched cells, then the rows the model's `report` statement marks, in its
/// order: a number is a row, a record is a column of the per-tier table (consecutive records share one
/// table), `"label": a to b` is a before → after row with its change (a change of shares in points).
/// Then the alerts that are on. A row that cannot be shown now (its expression divides by zero in this
/// scenario) says so in place; a model without a `report` statement gets the watched cells and a hint.
struct ReportView {
    /// The model.
    let model: Model
    /// The scenario's name, shown first.
    let scenario: String
    /// How an alert that is on reads (its message with its size, see `Session.alertDescription`).
    var describe: (String) -> String = { $0 }

    private enum Part {
        case row(label: String, text: String)
        case column(header: String, value: Value)
    }

    /// The report laid out for `width` columns.
    func render(width: Int) -> String {
        let width = TextLayout.usable(width)
        let parts = self.parts()
        let labelWidth = min(
            width / 3,
            parts.compactMap { part -> Int? in
                if case .row(let label, _) = part { return label.count }
                return nil
            }.max() ?? 0)
        var lines = ["  " + scenario]
        var columns: [(header: String, value: Value)] = []
        func flushTable() {
            guard !columns.isEmpty else { return }
            lines.append("")
            lines.append(TierTableView(columns: columns).render(width: width))
            columns = []
        }
        for part in parts {
            switch part {
            case .row(let label, let text):
                flushTable()
                let prefix = "  " + label.padding(labelWidth) + "  "
                let indent = String(repeating: " ", count: labelWidth + 4)
                lines += TextLayout.wrapped(text, prefix: prefix, indent: indent, width: width)
            case .column(let header, let value):
                columns.append((header, value))
            }
        }
        flushTable()
        if model.report == nil {
            lines.append("  (no `report` statement in this model: add one to choose what :report shows)")
        }
        lines.append("")
        let active = model.activeAlerts
        if active.isEmpty {
            lines.append("  no alerts")
        } else {
            for alert in active {
                lines += TextLayout.wrapped(describe(alert), prefix: "  ⚠ ", indent: "    ", width: width)
            }
        }
        return lines.map { TextLayout.fit($0, width: width) }.joined(separator: "\n")
    }

    /// The watched cells, then the marked rows (a cell already watched is shown once).
    private func parts() -> [Part] {
        let text = CellText(model)
        var parts: [Part] = model.watches.map { .row(label: $0, text: text.value(of: $0)) }
        guard let layout = model.report else { return parts }
        for row in layout.rows {
            let label = row.label ?? layout.text(of: row.value)
            guard let after = row.after else {
                if case .name(let name) = row.value.kind, model.cell(name) != nil {
                    if row.label == nil && model.watches.contains(name) { continue }
                    if case .record(let record)? = model.value(of: name) {
                        parts.append(.column(header: label, value: .record(record)))
                    } else {
                        parts.append(.row(label: label, text: text.value(of: name)))
                    }
                    continue
                }
                switch shown(row.value, text) {
                case .success(let (value, display)):
                    if case .record = value {
                        parts.append(.column(header: label, value: value))
                    } else {
                        parts.append(.row(label: label, text: display))
                    }
                case .failure(let error): parts.append(.row(label: label, text: "– (\(error.message))"))
                }
                continue
            }
            switch (shown(row.value, text), shown(after, text)) {
            case (.success(let (old, oldText)), .success(let (new, newText))):
                let change = Self.change(from: old, to: new).map { "  (" + $0 + ")" } ?? ""
                parts.append(.row(label: label, text: oldText + " → " + newText + change))
            case (.failure(let error), _), (_, .failure(let error)):
                parts.append(.row(label: label, text: "– (\(error.message))"))
            }
        }
        return parts
    }

    /// An expression's value and its display (`~` when uncertain), or why it cannot be shown.
    private func shown(_ expr: Expr, _ text: CellText) -> Result<(Value, String), EvalError> {
        do throws(EvalError) {
            let value = try model.evaluate(expr)
            return .success((value, (text.isUncertain(expr) ? "~" : "") + value.display))
        } catch {
            return .failure(error)
        }
    }

    /// `+1.5 pt`, `-$807.5k/year`: the change from one number to another in the first one's unit (a change
    /// of shares in percentage points), nil when they are not numbers of one dimension or do not differ.
    static func change(from old: Value, to new: Value) -> String? {
        if case .number(let a, _) = old, case .number(let b, _) = new, a == b { return nil }
        return Delta.text(from: old, to: new)
    }
}
