import PlanCore
import PlanGraph

/// The `--json` export of SPEC §1: every cell with value, unit, formula and doc, and the active alerts.
///
/// Data, not a view for people: one line, whatever the width.
struct ModelJSON {
    /// The model.
    let model: Model

    /// The whole model as one JSON object.
    var text: String {
        var out = "{\"cells\": {"
        var first = true
        for name in model.cellNames {
            guard let node = model.cell(name), let value = model.value(of: name) else { continue }
            if !first { out += ", " }
            first = false
            let (number, unit) = Self.jsonValue(value)
            out += JSON.string(name) + ": {\"value\": " + number + ", \"unit\": " + JSON.string(unit)
            out +=
                ", \"formula\": " + JSON.string(node.formula) + ", \"doc\": "
                + JSON.string(node.doc.joined(separator: "\n"))
            out += "}"
        }
        out += "}, \"alerts\": [" + model.activeAlerts.map(JSON.string).joined(separator: ", ") + "]}"
        return out
    }

    /// A value as JSON in its unit, and the unit's symbol.
    static func jsonValue(_ value: Value) -> (String, String) {
        switch value {
        case .number(let number, let unit) where unit.isDate:
            return (JSON.string(Value.format(number, unit: unit)), "date")
        case .number(let number, let unit):
            // Exact and without conversion noise: `$60k per year` is 60000, not 60000.00000000001 (ExportNumber).
            let shown = ExportNumber.exact(number, in: unit)
            // A value near the largest double can overflow in its display unit: then give it in base units.
            guard shown.isFinite else { return (NumberFormat.exact(number), Self.baseSymbol(unit)) }
            return (NumberFormat.exact(shown), unit.symbol)
        case .bool(let flag): return (flag ? "true" : "false", "")
        case .string(let text): return (JSON.string(text), "")
        case .record(let record):
            // Every field in one unit (the first field's), so the record reads back exactly in U.
            var common: Unit?
            if case .number(_, let first)? = record.values.first,
                record.values.allSatisfy({
                    if case .number(_, let own) = $0 { own.sameDimension(as: first) } else { false }
                })
            {
                common = first
            }
            var parts: [String] = []
            var symbol = ""
            for (key, field) in zip(record.keys, record.values) {
                var shown = field
                if let common, case .number(let number, _) = field { shown = .number(number, common) }
                let (text, own) = jsonValue(shown)
                if symbol.isEmpty { symbol = own }
                parts.append(JSON.string(key) + ": " + text)
            }
            return ("{" + parts.joined(separator: ", ") + "}", symbol)
        case .series(let series):
            // SPEC §9: {"months": [...], "values": [...]}, every month in the first month's unit.
            let months = series.timeline.labels.map(JSON.string).joined(separator: ", ")
            var symbol: String?
            let values = series.values.map { value -> String in
                let (text, own) = jsonValue(value)
                if symbol == nil { symbol = own }
                return text
            }
            return (
                "{\"months\": [" + months + "], \"values\": [" + values.joined(separator: ", ") + "]}", symbol ?? ""
            )
        }
    }
}

extension ModelJSON {
    /// The unit of a value in base units ($ and seconds) with the same dimension.
    static func baseSymbol(_ unit: Unit) -> String {
        var base = Unit()
        base.exponents[0] = unit.exponents[0]
        base.exponents[1] = Int8(clamping: unit.timeDimension)
        return base.symbol
    }
}

/// Minimal JSON writing.
enum JSON {
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                // Control and bidirectional characters as escapes: the same string, safe on a terminal.
                if scalar.value < 0x20 || TerminalText.needsEscape(scalar) {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
