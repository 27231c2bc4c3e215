import PlanCore

/// Pointing a refused redefinition at the real mistake.
///
/// When a new definition breaks a cell downstream, the refusal names that cell (`cannot add a plain number and
/// month` in `live_agent_time`). When the new value changed what the cell is — its units (`aht = 5`, `fte_cost =
/// 58k per year`) or a record's keys (`{routine: …, complx: …}`) — and the break downstream is of that kind (a unit
/// mismatch, a missing field: decided by the error's kind), the mistake is in the new definition: the error
/// points there and says what the cell needs, keeping the downstream cell as a note.
extension Model {
    /// The diagnostic to report when redefining cell `existing` as `node` was refused with `error`.
    func blame(_ error: Diagnostic, redefining existing: Int?, as node: Node) -> Diagnostic {
        guard error.kind == .refused, node.kind == .cell, let existing, let old = nodes.value(at: existing),
            let downstream = error.notes.first,
            downstream.kind == .unitMismatch || downstream.kind == .unknownField,
            let new = try? evaluateNode(node, had: old)
        else { return error }
        var blamed: EvalError?
        if downstream.kind == .unitMismatch, let change = Self.unitChange(from: old, to: new) {
            blamed = wrongUnits(node, change.new, expected: change.old, place: change.place)
            if !change.place.isEmpty, case .record(let entries) = node.expr.kind,
                let entry = entries.first(where: { "." + $0.key == change.place })
            {
                blamed?.span = entry.value.span
            }
        } else if downstream.kind == .unknownField, case .record(let before) = old, case .record(let after) = new,
            Set(before.keys) != Set(after.keys)
        {
            blamed = keysChanged(node, from: before.keys, to: after.keys)
        }
        guard let blamed else { return error }
        return Diagnostic(
            .error, blamed.message, kind: blamed.kind, file: node.file, span: blamed.span ?? node.span,
            hint: blamed.hint, notes: error.notes)
    }

    /// The first number whose units changed dimension between the old and the new value (field by field).
    private static func unitChange(from old: Value, to new: Value) -> (place: String, old: Unit, new: Value)? {
        switch (old, new) {
        case (.number(_, let before), .number(_, let after)):
            return before.commensurable(with: after) ? nil : ("", before, new)
        case (.record(let before), .record(let after)):
            for (key, value) in zip(after.keys, after.values) {
                guard let previous = before[key], let change = unitChange(from: previous, to: value) else { continue }
                return ("." + key + change.place, change.old, change.new)
            }
            return nil
        case (.record(let before), .number):
            return before.values.first.flatMap { unitChange(from: $0, to: new) }
        case (.series(let before), _):
            return before.values.first.flatMap { unitChange(from: $0, to: new) }
        case (_, .series(let after)):
            return after.values.first.flatMap { unitChange(from: old, to: $0) }
        default:
            return nil
        }
    }

    /// The error for a record literal whose keys are not the ones the model uses: at the first new key, with
    /// the nearest old key as a suggestion (as `mix.complx = 5%` does), or at the literal when keys are missing.
    private func keysChanged(_ node: Node, from before: [String], to after: [String]) -> EvalError {
        let fields = "fields: " + before.joined(separator: ", ")
        if let extra = after.first(where: { !before.contains($0) }) {
            var span = node.span
            if case .record(let entries) = node.expr.kind, let entry = entries.first(where: { $0.key == extra }) {
                span = entry.keySpan
            }
            return EvalError(
                "`\(node.name)` has no field `\(extra)` (\(fields))", kind: .unknownField, span: span,
                hint: Suggestion.hint(for: extra, among: before.filter { !after.contains($0) }))
        }
        let missing = before.filter { !after.contains($0) }.map { "`\($0)`" }.joined(separator: ", ")
        return EvalError(
            "`\(node.name)` lacks \(missing), which the model uses (\(fields))", kind: .unknownField, span: node.span)
    }
}

extension Value {
    /// The first number in a value (the value itself, a record's first field, a series' first month).
    var firstNumber: Value? {
        switch self {
        case .number: return self
        case .record(let record): return record.values.first?.firstNumber
        case .series(let series): return series.values.first?.firstNumber
        case .bool, .string: return nil
        }
    }
}
