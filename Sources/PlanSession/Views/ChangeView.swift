import PlanCore
import PlanGraph

/// The lines after an accepted change (SPEC §5), alerts aside.
///
/// The changed cell's new value, then each watched cell that changed, `old → new (Δ)`. Alerts are the
/// console's (it paints them).
///
/// A record reads field by field (#11 item 9): only the fields that changed, each `cell.field  old → new
/// (Δ)`, never the whole record twice; a changed field of the root record shows its old value too. A series
/// reads as its first and last month, a sparkline and its total, with what changed (`seriesArrow`). A value
/// is marked `~` when it depends on a distribution in its own model: the old one in the model before the
/// change, the new one after, and a field of a record literal by its own formula (`ai_resolution.complex =
/// 40%` is a point value even when the other tiers are ranges).
struct ChangeView {
    /// What changed.
    let changes: ChangeSet
    /// The model after the change.
    let model: Model
    /// The model before it (nil when unknown: old values are then marked as the new ones are).
    let before: Model?
    /// The cells to show the changes of, in order, instead of the watched cells (a scenario's load).
    var listed: [String]? = nil

    /// The lines, fitted to `width`.
    func lines(width: Int) -> [String] {
        var rows: [(label: String, text: String)] = []
        if let first = changes.cells.first, changes.hasRoot {
            rows += rootRows(first)
        }
        let names = listed ?? model.watches
        let changed = Self.changes(of: names, in: changes.cells)
        for name in names where name != changes.cells.first?.name || !changes.hasRoot {
            guard let change = changed[name], let old = change.old else { continue }
            rows += changeRows(name, old, change.new)
        }
        let width = max(4, width)
        let labelWidth = min(rows.map(\.label.count).max() ?? 0, width / 3)
        return rows.map { row in
            TextLayout.fit("  " + row.label.padding(labelWidth) + "  " + row.text, width: width)
        }
    }

    /// The first change of each of `names` among `cells`, by name.
    ///
    /// One pass over the changes that stops once every name is found; a change at the root of a large model
    /// changes 100,000 cells while a few are watched (none in a fresh session), and a table of every change
    /// cost more than the recalculation itself.
    static func changes(of names: [String], in cells: [ChangeSet.CellChange]) -> [String: ChangeSet.CellChange] {
        guard !names.isEmpty else { return [:] }
        let wanted = Set(names)
        // A few names are compared as they are (a short name compares in a few instructions; hashing each of
        // 100,000 changed names cost more than the recalculation).
        let few = wanted.count <= 8 ? Array(wanted) : nil
        var found: [String: ChangeSet.CellChange] = [:]
        found.reserveCapacity(wanted.count)
        for change in cells {
            let isWanted = few.map { $0.contains(change.name) } ?? wanted.contains(change.name)
            guard isWanted, found[change.name] == nil else { continue }
            found[change.name] = change
            if found.count == wanted.count { break }
        }
        return found
    }

    /// The changed cell: its new value (and which distribution it draws from), or the fields that changed.
    private func rootRows(_ change: ChangeSet.CellChange) -> [(label: String, text: String)] {
        if let old = change.old, let fields = changedFields(old.fieldwise, change.new.fieldwise), !fields.isEmpty {
            return fields.map { key, oldField, newField in
                fieldRow(change.name, key, oldField, newField)
            }
        }
        let text = CellText(model)
        var line = text.value(of: change.name)
        if let note = text.distributionNote(of: change.name) { line += "  (" + note + ")" }
        return [(change.name, line)]
    }

    /// A watched cell's change: one row, or one per changed field of a record.
    private func changeRows(_ name: String, _ old: Value, _ new: Value) -> [(label: String, text: String)] {
        let (old, new) = (old.fieldwise, new.fieldwise)
        if let fields = changedFields(old, new) {
            return fields.map { key, oldField, newField in fieldRow(name, key, oldField, newField) }
        }
        if old.isSeries || new.isSeries {
            return [(name, seriesArrow(old, new, oldMark: mark(before, name, nil), newMark: mark(model, name, nil)))]
        }
        return [(name, arrow(old, new, oldMark: mark(before, name, nil), newMark: mark(model, name, nil)))]
    }

    /// A change that involves a series (SPEC §9: first/last/total and a sparkline, not 36 numbers): the new
    /// series' summary with the change of its total (a flow) or of its first and last months; a value that
    /// became or stopped being a series shows the new one with `(was …)`.
    private func seriesArrow(_ old: Value, _ new: Value, oldMark: Bool, newMark: Bool) -> String {
        let now = (newMark ? "~" : "") + new.display
        guard case .series(let before) = old, case .series(let after) = new else {
            return now + "  (was " + (oldMark ? "~" : "") + old.display + ")"
        }
        var changes: [String] = []
        let total = Delta.text(from: before.total, to: after.total)
        if let total, !isZero(total) {
            changes.append(total)
        } else if total == nil {
            if let delta = Delta.text(from: before.values.first, to: after.values.first), !isZero(delta) {
                changes.append("first " + delta)
            }
            if let delta = Delta.text(from: before.values.last, to: after.values.last), !isZero(delta) {
                changes.append("last " + delta)
            }
        }
        var text = changes.joined(separator: ", ")
        if before.start != after.start || before.values.count != after.values.count {
            text +=
                (text.isEmpty ? "" : "; ")
                + "was \(Timeline.label(before.start)) to \(Timeline.label(before.timeline.end))"
        }
        if text.isEmpty { return now }
        // A flow's summary ends with `(total $640k)`: the change goes inside it, `(total $640k, +$158.4k)`.
        if total != nil, now.hasSuffix(")") { return String(now.dropLast()) + ", " + text + ")" }
        return now + "  (" + text + ")"
    }

    /// True for a delta text of no change (`$0`, `0 pt`).
    private func isZero(_ delta: String) -> Bool { !delta.hasPrefix("+") && !delta.hasPrefix("-") }

    private func fieldRow(_ name: String, _ key: String, _ old: Value, _ new: Value) -> (label: String, text: String) {
        let (oldMark, newMark) = (mark(before, name, key), mark(model, name, key))
        if old.isSeries || new.isSeries {
            return (name + "." + key, seriesArrow(old, new, oldMark: oldMark, newMark: newMark))
        }
        return (name + "." + key, arrow(old, new, oldMark: oldMark, newMark: newMark))
    }

    /// `old → new  (Δ)`.
    private func arrow(_ old: Value, _ new: Value, oldMark: Bool, newMark: Bool) -> String {
        let delta = Delta.text(from: old, to: new).map { "  (" + $0 + ")" } ?? ""
        return (oldMark ? "~" : "") + old.display + " → " + (newMark ? "~" : "") + new.display + delta
    }

    /// The fields that differ between two records with the same keys, in the new record's order; nil when
    /// the values are not two such records.
    private func changedFields(_ old: Value, _ new: Value) -> [(String, Value, Value)]? {
        guard case .record(let before) = old, case .record(let after) = new, Set(before.keys) == Set(after.keys)
        else { return nil }
        return zip(after.keys, after.values).compactMap { key, value in
            guard let previous = before[key], !previous.isIdentical(to: value) else { return nil }
            return (key, previous, value)
        }
    }

    /// True when a cell (or one field of a record literal) depends on a distribution in `model`.
    private func mark(_ model: Model?, _ name: String, _ field: String?) -> Bool {
        guard let model = model ?? Optional(self.model), let node = model.cell(name) else { return false }
        if let field, case .record(let entries) = node.expr.kind,
            let entry = entries.first(where: { $0.key == field })
        {
            if entry.value.drawsFromDistribution(model.builtins) { return true }
            return entry.value.references().contains { !$0.isCall && model.isUncertain($0.name) }
        }
        return model.isUncertain(name)
    }
}
