/// Showing values to people (`$39.88M/year`, `1237.6 h/year`, `66.9%`) and writing them back as source.
extension Value {
    /// The value for display, in its own unit.
    public var display: String {
        switch self {
        case .number(let value, let unit): return Self.format(value, unit: unit)
        case .bool(let value): return value ? "true" : "false"
        case .string(let text): return text
        case .record(let record):
            let fields = zip(record.keys, record.values).map { "\($0): \($1.display)" }
            return "{" + fields.joined(separator: ", ") + "}"
        }
    }

    /// Formats a number in base units for display in `unit`.
    public static func format(_ base: Double, unit: Unit) -> String {
        if unit.isPlain {
            if unit.percent { return NumberFormat.significant(base * 100, 4) + "%" }
            return NumberFormat.human(base)
        }
        let shown = base / unit.scale
        let money = unit.exponents[0] == 1
        var rest = unit
        if money { rest.exponents[0] = 0 }
        let restSymbol = rest.symbol
        if money {
            let sign = shown < 0 ? "-" : ""
            let text = sign + "$" + NumberFormat.human(abs(shown))
            return restSymbol.isEmpty ? text : text + (restSymbol.hasPrefix("/") ? "" : " ") + restSymbol
        }
        let text = NumberFormat.human(shown)
        return restSymbol.hasPrefix("/") ? text + restSymbol : text + " " + restSymbol
    }
}
