import PlanCore

/// An input that differs between the two scenarios of a bridge.
struct BridgePlayer {
    /// The cell or function.
    var cell: String
    /// The field, for one field of a record literal.
    var field: String?
    /// True for a user function.
    var isFunction = false
    /// Its value or formula in the first scenario, for display.
    var before: String
    /// In the second.
    var after: String

    /// How a step names it: `cell`, `cell.field`, `f()`.
    var name: String { isFunction ? cell + "()" : field.map { cell + "." + $0 } ?? cell }
}

/// The working model of a bridge: the first scenario plus the cells only the second has, with any coalition of
/// the differing inputs switched to the second scenario's definitions.
struct BridgeBench {
    /// The model the coalitions are evaluated on.
    var working: Model
    /// The first scenario.
    let from: Model
    /// The second.
    let to: Model
    /// The inputs that differ.
    var players: [BridgePlayer] = []
    /// The output.
    let output: Expr
    /// How the output is written.
    let label: String
    /// The coalition `working` holds now (bit i: player i from the second scenario).
    private var mask = 0

    /// Sets up the working model and finds the inputs that differ.
    init(from: Model, to: Model, output: Expr, label: String) throws(EvalError) {
        self.from = from
        self.to = to
        self.output = output
        self.label = label
        working = from
        // Cells and functions only the second scenario has: defined first, in an order it accepts.
        for step in to.rebuildSteps() {
            guard case .node(let id) = step, let node = to.nodes[id] else { continue }
            switch node.kind {
            case .cell where from.cell(node.name) == nil:
                try define(node.name, as: node, side: "only in the second scenario")
            case .function where from.function(node.name) == nil:
                try define(node.name, as: node, side: "only in the second scenario")
            default: continue
            }
        }
        for name in from.cellNames {
            guard let before = from.cell(name), let after = to.cell(name),
                before.formula != after.formula
                    || before.file.text(of: before.span) != after.file.text(of: after.span)
            else { continue }
            players += Self.players(name, (before, from.value(of: name)), (after, to.value(of: name)))
        }
        for name in from.functionNames {
            guard let before = from.function(name), let after = to.function(name),
                before.definition != after.definition
            else { continue }
            players.append(
                BridgePlayer(
                    cell: name, isFunction: true, before: before.formulaOneLine, after: after.formulaOneLine))
        }
    }

    /// The inputs a cell that differs gives: one per differing field of a record literal written with the same
    /// keys in both scenarios, else the cell as a whole.
    private static func players(
        _ name: String, _ beforeCell: (node: Node, value: Value?), _ afterCell: (node: Node, value: Value?)
    ) -> [BridgePlayer] {
        let (before, after) = (beforeCell.node, afterCell.node)
        if case .record(let old) = before.expr.kind, case .record(let new) = after.expr.kind,
            old.map(\.key) == new.map(\.key)
        {
            var fields: [BridgePlayer] = []
            for (oldEntry, newEntry) in zip(old, new)
            where before.file.text(of: oldEntry.value.span) != after.file.text(of: newEntry.value.span) {
                fields.append(
                    BridgePlayer(
                        cell: name, field: oldEntry.key,
                        before: fieldValue(beforeCell.value, oldEntry) ?? before.file.text(of: oldEntry.value.span),
                        after: fieldValue(afterCell.value, newEntry) ?? after.file.text(of: newEntry.value.span)))
            }
            return fields
        }
        return [
            BridgePlayer(
                cell: name, before: beforeCell.value?.display ?? before.formulaOneLine,
                after: afterCell.value?.display ?? after.formulaOneLine)
        ]
    }

    /// A record field's value, for display.
    private static func fieldValue(_ value: Value?, _ entry: RecordEntry) -> String? {
        guard case .record(let record)? = value else { return nil }
        return record[entry.key]?.display
    }

    /// The output with the players of `mask` from the second scenario and the rest from the first.
    mutating func value(_ mask: Int) throws(EvalError) -> Double {
        try working.checkCancelled()
        let changed = mask ^ self.mask
        self.mask = mask
        var records: [String] = []
        for (index, player) in players.enumerated() where changed & (1 << index) != 0 {
            if player.field != nil {
                if !records.contains(player.cell) { records.append(player.cell) }
                continue
            }
            let side = mask & (1 << index) != 0 ? to : from
            guard let node = player.isFunction ? side.function(player.cell) : side.cell(player.cell) else { continue }
            try define(player.cell, as: node, side: describe(mask))
        }
        for cell in records { try defineRecord(cell, mask: mask) }
        let value = try working.evaluate(output)
        guard case .number(let number, _) = value else {
            throw EvalError("`\(label)` is \(value.kindDescription) with \(describe(mask))", kind: .typeMismatch)
        }
        return number
    }

    /// Defines a cell or function in the working model as `node` defines it.
    private mutating func define(_ name: String, as node: Node, side: String) throws(EvalError) {
        do throws(Diagnostic) {
            if node.kind == .function {
                _ = try working.defineFunction(
                    name, nameSpan: node.span, params: node.params, body: node.expr, file: node.file)
            } else {
                _ = try working.define(name, nameSpan: node.span, expr: node.expr, file: node.file)
            }
        } catch {
            throw EvalError(
                "the bridge needs every mix of the two scenarios to evaluate, but `\(name)` fails with \(side): "
                    + error.message, kind: error.kind == .interrupted ? .interrupted : .refused)
        }
    }

    /// Defines a record literal cell with each differing field from the side `mask` picks.
    private mutating func defineRecord(_ cell: String, mask: Int) throws(EvalError) {
        guard let before = from.cell(cell), let after = to.cell(cell), case .record(let old) = before.expr.kind,
            case .record(let new) = after.expr.kind
        else { return }
        var fields: [String] = []
        for (oldEntry, newEntry) in zip(old, new) {
            let index = players.firstIndex { $0.cell == cell && $0.field == oldEntry.key }
            let fromSecond = index.map { mask & (1 << $0) != 0 } ?? false
            let text =
                fromSecond ? after.file.text(of: newEntry.value.span) : before.file.text(of: oldEntry.value.span)
            fields.append(oldEntry.key + ": " + text)
        }
        let file = SourceFile(name: nil, text: "{" + fields.joined(separator: ", ") + "}")
        let expr: Expr
        do throws(EvalError) {
            expr = try Parser.parseExpression(file)
        } catch {
            throw EvalError("`\(cell)` cannot be put together for the bridge: \(error.message)", kind: error.kind)
        }
        do throws(Diagnostic) {
            _ = try working.define(cell, nameSpan: SourceSpan(start: 0, end: 0), expr: expr, file: file)
        } catch {
            throw EvalError(
                "the bridge needs every mix of the two scenarios to evaluate, but `\(cell)` fails with "
                    + describe(mask) + ": " + error.message, kind: error.kind == .interrupted ? .interrupted : .refused)
        }
    }

    /// The coalition in words: `x, y from the second scenario`.
    private func describe(_ mask: Int) -> String {
        let names = players.indices.filter { mask & (1 << $0) != 0 }.map { "`\(players[$0].name)`" }
        if names.isEmpty { return "every input from the first scenario" }
        return names.prefix(4).joined(separator: ", ") + (names.count > 4 ? " …" : "") + " from the second scenario"
    }
}
