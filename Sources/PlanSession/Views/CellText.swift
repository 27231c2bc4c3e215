import PlanCore
import PlanGraph

/// How cells read in the views: a value marked `~` when it depends on a distribution, which distribution a
/// cell draws from, the first sentence of a doc.
struct CellText {
    /// The model the cells are in.
    let model: Model
    /// The ids of the uncertain cells, computed once for views that show many cells (asking
    /// `model.isUncertain` per cell walks everything upstream each time, O(n²) on a chain).
    private let uncertain: Set<Int>?

    /// Text for the cells of `model`; `manyCells` when a view shows more than a few.
    init(_ model: Model, manyCells: Bool = false) {
        self.model = model
        self.uncertain = manyCells ? model.uncertainNodes() : nil
    }

    /// Text for the cells of `model` with its uncertain cells already known.
    init(_ model: Model, uncertain: Set<Int>) {
        self.model = model
        self.uncertain = uncertain
    }

    /// A cell's value for display, marked `~` when it depends on a distribution; `?` for no such cell.
    func value(of cell: String) -> String { value(of: cell, at: nil) }

    /// A cell's value in one month (its position on the timeline) when it is a series, else as `value(of:)`.
    func value(of cell: String, at position: Int?) -> String {
        guard var value = model.value(of: cell) else { return "?" }
        if let position { value = value.at(position: position) }
        let marked: Bool
        if let uncertain {
            marked = model.cellIds[cell].map { uncertain.contains($0) } ?? false
        } else {
            marked = model.isUncertain(cell)
        }
        return (marked ? "~" : "") + value.display
    }

    /// True when an expression depends on a distribution.
    func isUncertain(_ expr: Expr) -> Bool {
        if expr.drawsFromDistribution(model.builtins) { return true }
        return expr.references().contains { !$0.isCall && model.isUncertain($0.name) }
    }

    /// Which distribution a cell's own formula draws from (`a to b` never switches silently), or nil.
    func distributionNote(of cell: String) -> String? {
        guard let node = model.cell(cell) else { return nil }
        switch node.expr.kind {
        case .interval(let low, let high):
            guard case .number(let a, let unit)? = try? model.evaluate(low),
                case .number(let b, _)? = try? model.evaluate(high)
            else { return "90% interval" }
            let kind = a > 0 && a < b ? "lognormal" : "normal"
            return "\(kind), 90% between \(Value.format(a, unit: unit)) and \(Value.format(b, unit: unit))"
        case .call(let name, _, _) where model.builtins[name]?.distribution != nil:
            return name + " distribution, mean shown"
        default:
            return node.drawsFromDistribution ? "depends on distributions, mean shown" : nil
        }
    }

    /// The first sentence of a doc line, at most `limit` characters.
    static func firstSentence(_ doc: String, limit: Int = 70) -> String {
        var sentence = doc
        if let stop = doc.firstIndex(of: "."),
            doc.index(after: stop) == doc.endIndex || doc[doc.index(after: stop)] == " "
        {
            sentence = String(doc[...stop])
        }
        return TextLayout.truncate(sentence, limit)
    }

    /// `block` with `   ## doc` after its last line when there is room, else on a line of its own under
    /// `indent`, cut to the width either way.
    static func appendingDoc(_ doc: String, to block: [String], indent: String, width: Int) -> [String] {
        var block = block
        let text = "## " + doc
        let last = block[block.count - 1]
        let room = width - last.count - 3
        if text.count <= room || room >= 24 {
            block[block.count - 1] = last + "   " + TextLayout.truncate(text, room)
        } else {
            block.append(indent + TextLayout.truncate(text, width - indent.count))
        }
        return block
    }
}
