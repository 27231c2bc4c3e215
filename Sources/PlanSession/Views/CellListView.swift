import PlanCore
import PlanGraph

/// `:show [glob]`: the cells whose names match, with their values, the distribution a cell draws from and
/// the first sentence of its doc.
///
/// A long value (a record) wraps after its fields' commas under the value column; the doc follows the value
/// when there is room and is cut with `…` (`:help NAME` shows it whole), else it goes on the next line.
struct CellListView {
    /// The model.
    let model: Model
    /// A shell-style pattern (`csat*`); `*` shows every cell.
    let pattern: String

    /// The list laid out for `width` columns.
    func render(width: Int) -> String {
        let width = TextLayout.usable(width)
        let glob = Array(pattern)
        let names = model.cellNames.filter { Glob.matches($0, glob) }
        if names.isEmpty { return "  no cells match `\(TextLayout.truncate(pattern, 40))`" }
        let nameWidth = min(28, width / 3, names.map(\.count).max() ?? 0)
        let text = CellText(model, manyCells: true)
        var lines: [String] = []
        for name in names {
            let label = "  " + name.padding(nameWidth) + "  "
            let indent = String(repeating: " ", count: min(label.count, nameWidth + 4))
            var value = text.value(of: name)
            if let note = text.distributionNote(of: name) { value += "  (" + note + ")" }
            var block = TextLayout.wrapped(value, prefix: label, indent: indent, width: width)
            if let doc = model.cell(name)?.doc.first {
                block = CellText.appendingDoc(CellText.firstSentence(doc), to: block, indent: indent, width: width)
            }
            lines += block
        }
        return lines.joined(separator: "\n")
    }
}

/// Shell-style glob matching (`*`, `?`) for `:show`.
enum Glob {
    /// True when `text` matches `pattern` (its characters, split once by the caller).
    static func matches(_ text: String, _ pattern: [Character]) -> Bool {
        let t = Array(text)
        let p = pattern
        var ti = 0
        var pi = 0
        var star = -1
        var mark = 0
        while ti < t.count {
            if pi < p.count && (p[pi] == "?" || p[pi] == t[ti]) {
                ti += 1
                pi += 1
            } else if pi < p.count && p[pi] == "*" {
                star = pi
                mark = ti
                pi += 1
            } else if star >= 0 {
                pi = star + 1
                mark += 1
                ti = mark
            } else {
                return false
            }
        }
        while pi < p.count && p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
