import PlanCore
import PlanGraph

/// `:explain name [depth] [at month]`: the formula tree of a cell with every value on it.
///
/// With a month (`:explain cumulative_net at 2025-06`), every series on the tree shows its value in that month
/// and a value that does not vary by month shows as it is; the first line says which month it is.
///
/// Each cell appears once with its formula; later mentions show only its value. Inputs show the first
/// sentence of their `##` doc. Below `depthLimit` levels the tree is cut with `…`. A line too long for the
/// width wraps under its own node, the tree's guides continued on the left; the tree is also cut where its
/// guides would leave less than 24 columns for the text.
struct ExplainView {
    /// The deepest tree shown.
    static let maximumDepth = 100

    /// The model.
    let model: Model
    /// The cell at the root.
    let cell: String
    /// How many levels below the root to show.
    let depthLimit: Int
    /// The month shown, as a position on the model's timeline; nil: series show as a whole.
    var position: Int? = nil

    /// The tree laid out for `width` columns.
    func render(width: Int) -> String {
        let width = TextLayout.usable(width)
        // Each level indents by 3 characters: an unbounded depth on a long chain is O(n²) text.
        let depthLimit = min(depthLimit, Self.maximumDepth, (width - 24 - 2) / 3)
        let text = CellText(model, manyCells: true)
        var lines: [String] = []
        if let position, let timeline = model.timeline {
            lines.append(
                TextLayout.fit(
                    "  values in \(Timeline.label(timeline.month(at: position))) (a cell that is not a series: as is)",
                    width: width))
        }
        var seen: Set<String> = []
        var stack: [(cell: String, prefix: String, childPrefix: String, depth: Int)] = [(cell, "  ", "  ", 0)]
        while let (cell, prefix, childPrefix, depth) = stack.popLast() {
            guard let node = model.cell(cell) else { continue }
            let isInput = node.deps.isEmpty
            let repeated = !seen.insert(cell).inserted
            let children =
                repeated || isInput
                ? [] : node.deps.compactMap { model.nodes[$0] }.filter { $0.kind == .cell }.map(\.name)
            var line = cell + " = "
            if !isInput && !repeated { line += node.formulaOneLine + " = " }
            line += text.value(of: cell, at: position)
            let indent = childPrefix + (children.isEmpty ? " " : "│") + "    "
            var block = TextLayout.wrapped(line, prefix: prefix, indent: indent, width: width)
            if isInput, let doc = node.doc.first {
                block = CellText.appendingDoc(CellText.firstSentence(doc), to: block, indent: indent, width: width)
            }
            lines += block
            if children.isEmpty { continue }
            if depth >= depthLimit {
                lines.append(childPrefix + "└─ …")
                continue
            }
            for (index, child) in children.enumerated().reversed() {
                let last = index == children.count - 1
                stack.append(
                    (child, childPrefix + (last ? "└─ " : "├─ "), childPrefix + (last ? "   " : "│  "), depth + 1))
            }
        }
        return lines.joined(separator: "\n")
    }
}
