import PlanCore
import PlanGraph

/// `:export csv|json|md`: every cell with its value (in its unit), unit, formula and doc (CSV in long format: a
/// row per record field and per month of a series).
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
            var out = "cell,field,month,value,unit,formula,doc\n"
            for row in csvRows() { out += row.map(Self.csvField).joined(separator: ",") + "\n" }
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

    /// The CSV in long format (#11 item 14): one row per number, as a spreadsheet filters and pivots them.
    ///
    /// The columns: `cell`,
    /// `field` (a record's tier, else empty), `month` (a series' month, `2025-06`, else empty), `value` in `unit`
    /// (each field and month in its own unit, to 15 significant digits, see `ExportNumber`), the cell's formula on
    /// one line and its whole doc. A flag is `true`/`false`, a date its month, a string its text.
    private func csvRows() -> [[String]] {
        var rows: [[String]] = []
        for name in model.cellNames {
            guard let node = model.cell(name), let value = model.value(of: name) else { continue }
            let formula = node.formulaOneLine
            let doc = node.doc.joined(separator: " ")
            let months: [(String, Value)]
            if case .series(let series) = value {
                months = zip(series.timeline.labels, series.values).map { ($0, $1) }
            } else {
                months = [("", value)]
            }
            for (month, monthValue) in months {
                let fields: [(String, Value)]
                if case .record(let record) = monthValue {
                    fields = zip(record.keys, record.values).map { ($0, $1) }
                } else {
                    fields = [("", monthValue)]
                }
                for (field, fieldValue) in fields {
                    let (text, unit) = Self.csvValue(fieldValue)
                    rows.append([name, field, month, text, unit, formula, doc])
                }
            }
        }
        return rows
    }

    /// A value and its unit for one CSV row.
    private static func csvValue(_ value: Value) -> (String, String) {
        switch value {
        case .number(let number, let unit) where unit.isDate: return (Value.format(number, unit: unit), "date")
        case .number(let number, let unit):
            let shown = ExportNumber.spreadsheet(number, in: unit)
            guard shown.isFinite else { return (NumberFormat.exact(number), ModelJSON.baseSymbol(unit)) }
            return (NumberFormat.exact(shown), unit.symbol)
        case .bool(let flag): return (flag ? "true" : "false", "")
        case .string(let text): return (text, "")
        case .record, .series: return (value.display, "")
        }
    }

    private static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
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
