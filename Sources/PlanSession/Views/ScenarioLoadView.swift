import PlanCore
import PlanGraph

/// What `:scenario load` changed (#11 item 11), read like an edit's report.
///
/// The inputs that moved, then
/// the headline outputs (the loaded model's watched cells, else the outputs that moved), each
/// `old → new  (Δ)`, a record field by field. Long lists are cut with a count (`:compare` shows all).
struct ScenarioLoadView {
    /// The model before the load.
    let before: Model
    /// The loaded model.
    let after: Model
    /// The most cells listed in each part.
    static let limit = 10

    /// The lines, fitted to `width`.
    func lines(width: Int) -> [String] {
        let changed = changedCells()
        let inputs = changed.filter(isInput)
        var outputs = after.watches.filter { name in !isInput(name) && changed.contains(name) }
        let watched = !after.watches.isEmpty
        if !watched { outputs = changed.filter { !isInput($0) } }
        var lines: [String] = []
        if inputs.isEmpty {
            lines.append("  no input changed")
        } else {
            lines.append("  inputs that changed")
            lines += rows(Array(inputs.prefix(Self.limit)), width: width)
            if inputs.count > Self.limit {
                lines.append("    … and \(inputs.count - Self.limit) more (`:compare` lists all)")
            }
        }
        if !outputs.isEmpty {
            lines.append(watched ? "  watched outputs" : "  outputs that changed")
            lines += rows(Array(outputs.prefix(Self.limit)), width: width)
            if outputs.count > Self.limit {
                lines.append("    … and \(outputs.count - Self.limit) more (`:compare` lists all)")
            }
        }
        let added = after.cellNames.filter { before.cell($0) == nil }.count
        let removed = before.cellNames.filter { after.cell($0) == nil }.count
        if added + removed > 0 {
            var parts: [String] = []
            if added > 0 { parts.append("\(added) new cell\(added == 1 ? "" : "s")") }
            if removed > 0 { parts.append("\(removed) cell\(removed == 1 ? "" : "s") gone") }
            lines.append("  " + parts.joined(separator: ", "))
        }
        return lines.map { TextLayout.fit($0, width: width) }
    }

    /// The alerts the load switched on and off.
    var alertChanges: (on: [String], off: [String]) {
        let wasOn = Set(before.activeAlerts)
        let isOn = after.activeAlerts
        let on = isOn.filter { !wasOn.contains($0) }
        let off = before.activeAlerts.filter { !isOn.contains($0) }
        return (on, off)
    }

    /// The change rows of some cells, indented under their heading.
    private func rows(_ names: [String], width: Int) -> [String] {
        var changes = ChangeSet()
        changes.hasRoot = false
        for name in names {
            guard let new = after.value(of: name) else { continue }
            changes.cells.append(ChangeSet.CellChange(name: name, old: before.value(of: name), new: new))
        }
        let view = ChangeView(changes: changes, model: after, before: before, listed: names)
        return view.lines(width: width - 2).map { "  " + $0 }
    }

    /// The cells of the loaded model whose value differs from before, in its order.
    private func changedCells() -> [String] {
        after.cellNames.filter { name in
            guard let new = after.value(of: name), let old = before.value(of: name) else { return false }
            return !old.isIdentical(to: new)
        }
    }

    /// True for an input: a cell that uses no other cell (`Model.isInput`: a ramp of the timeline is one).
    private func isInput(_ name: String) -> Bool { after.cell(name).map(after.isInput) ?? false }
}
