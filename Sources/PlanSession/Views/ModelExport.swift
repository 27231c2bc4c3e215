import PlanCore
import PlanGraph

/// `:export csv|json|md`: every cell with its value (in its unit), unit, formula and doc.
///
/// Files for other programs, not views for the terminal: no width applies.
struct ModelExport {
    /// The formats, as `:export` takes them.
    static let formats = ["csv", "json", "md"]

    /// The model.
    let model: Model

    /// The model in an export format, or nil for an unknown format.
    func text(format: String) -> String? {
        switch format {
        case "json": return ModelJSON(model: model).text + "\n"
        case "csv":
            var out = "name,value,unit,formula,doc\n"
            for (name, value, unit, formula, doc) in exportRows() {
                out += [name, value, unit, formula, doc].map(Self.csvField).joined(separator: ",") + "\n"
            }
            return out
        case "md", "markdown":
            // For people: values as shown in the REPL, the whole doc.
            var out = "| name | value | formula | doc |\n|---|---:|---|---|\n"
            let text = CellText(model, manyCells: true)
            for name in model.cellNames {
                guard let node = model.cell(name) else { continue }
                let cells = [
                    name, text.value(of: name), "`" + node.formulaOneLine + "`",
                    node.doc.joined(separator: " "),
                ]
                out += "| " + cells.map { $0.replacingPipes() }.joined(separator: " | ") + " |\n"
            }
            return out
        default: return nil
        }
    }

    private func exportRows() -> [(String, String, String, String, String)] {
        model.cellNames.compactMap { name in
            guard let node = model.cell(name), let value = node.value else { return nil }
            let (number, unit) = ModelJSON.jsonValue(value)
            let shown = number.hasPrefix("\"") ? String(number.dropFirst().dropLast()) : number
            return (name, shown, unit, node.formulaOneLine, node.doc.first ?? "")
        }
    }

    private static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
        var escaped = ""
        for char in text { escaped += char == "\"" ? "\"\"" : String(char) }
        return "\"" + escaped + "\""
    }
}

extension String {
    /// The text with `|` escaped for a Markdown table cell.
    fileprivate func replacingPipes() -> String {
        var out = ""
        for char in self { out += char == "|" ? "\\|" : String(char) }
        return out
    }
}
