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
        case .series(let series): return series.summary
        }
    }

    /// Formats a number in base units for display in `unit`; with `decimals`, a fixed number of decimals
    /// (for table columns whose decimal points should line up).
    public static func format(_ base: Double, unit: Unit, decimals: Int? = nil) -> String {
        let number = { (value: Double) -> String in
            guard let decimals else { return NumberFormat.human(value) }
            return NumberFormat.fixed(value, decimals: decimals, keepZeros: true)
        }
        if unit.isDate {
            guard let month = Timeline.monthNumber(base) else { return NumberFormat.human(base) }
            return Timeline.label(month)
        }
        if unit.isPlain {
            if unit.percent {
                guard let decimals else { return NumberFormat.significant(base * 100, 4) + "%" }
                return NumberFormat.fixed(base * 100, decimals: decimals, keepZeros: true) + "%"
            }
            return number(base)
        }
        let shown = base / unit.scale
        let money = unit.exponents[0] == 1
        var rest = unit
        if money { rest.exponents[0] = 0 }
        let restSymbol = rest.symbol
        if money {
            let sign = shown < 0 && abs(shown) >= 0.0005 ? "-" : ""
            // Money below ten thousand shows cents ($5166.67, $29.81); below a dollar, 3 digits ($0.0021).
            // Below a twentieth of a cent is rounding noise for money: show $0.
            let amount = abs(shown) < 0.0005 ? 0 : abs(shown)
            let digits =
                decimals == nil && amount < 1e4 && amount > 0
                ? (amount >= 1 ? NumberFormat.fixed(amount, decimals: 2) : NumberFormat.significant(amount, 3)) : nil
            let text = sign + "$" + (digits ?? number(amount))
            return restSymbol.isEmpty ? text : text + (restSymbol.hasPrefix("/") ? "" : " ") + restSymbol
        }
        let text = number(shown)
        if restSymbol.hasPrefix("/") { return text + restSymbol }
        return text + " " + (Self.calendarPlurals[restSymbol].map { abs(shown) == 1 ? restSymbol : $0 } ?? restSymbol)
    }

    /// Calendar units read in the plural unless there is exactly one (`3 years`, `1 month`); `h`, `min` and `s`
    /// are symbols and stay as they are.
    private static let calendarPlurals = ["day": "days", "week": "weeks", "month": "months", "year": "years"]
}
