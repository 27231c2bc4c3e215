public import PlanCore

/// Writing values back as source text that parses to the same value: the statement a what-if suggests.
///
/// A literal is written in the value's display unit, with unit words rather than an `in` clause
/// (`$1.37 per h`, `4.1%`, `12 min`, `2080 h per year`, `5 per year`, `-$3k`), because `x in UNIT`
/// only changes how a value is shown and is not a literal.
extension Value {
    /// The value as a literal with `digits` significant digits (15 reads back to within an ulp or two).
    ///
    /// Records give `{key: literal, …}`; booleans `true`/`false`; strings are quoted. Nil when a string
    /// holds a quote or a backslash (no escape would read back the same).
    public func literal(significantDigits digits: Int = 15) -> String? {
        switch self {
        case .number(let base, let unit): return Self.literal(base, unit: unit, significantDigits: digits)
        case .bool(let flag): return flag ? "true" : "false"
        case .string(let text):
            if text.contains("\"") || text.contains("\\") { return nil }
            return "\"" + text + "\""
        case .record(let record):
            var fields: [String] = []
            for (key, value) in zip(record.keys, record.values) {
                guard let text = value.literal(significantDigits: digits) else { return nil }
                fields.append(key + ": " + text)
            }
            return "{" + fields.joined(separator: ", ") + "}"
        case .series:
            // A series is what a formula gives month by month; it has no literal of its own.
            return nil
        }
    }

    /// A number in base units as a literal in `unit`, with `digits` significant digits.
    public static func literal(_ base: Double, unit: Unit, significantDigits digits: Int = 15) -> String {
        let digits = max(1, min(15, digits))
        if !base.isFinite { return base.isNaN ? "0 / 0" : (base < 0 ? "-1e999" : "1e999") }
        if unit.isDate, let month = Timeline.monthNumber(base) { return Timeline.label(month) }
        if unit.isPlain {
            if unit.percent { return signed(base * 100, digits) + "%" }
            return signed(base, digits)
        }
        let shown = base / unit.scale
        var numerator: [String] = []
        var denominator: [String] = []
        for atom in Unit.Atom.allCases where atom != .dollar {
            let exponent = Int(unit.exponents[atom.rawValue])
            for _ in 0..<abs(exponent) {
                if exponent > 0 { numerator.append(atom.symbol) } else { denominator.append(atom.symbol) }
            }
        }
        let money = unit.exponents[Unit.Atom.dollar.rawValue]
        var text: String
        if money == 1 {
            text = (shown < 0 ? "-$" : "$") + magnitude(abs(shown), digits)
        } else {
            text = signed(shown, digits)
            // Money to another power has no literal of its own: multiply or divide by `$1`.
            if money > 1 { numerator.insert(contentsOf: Array(repeating: "$1", count: Int(money) - 1), at: 0) }
            if money < 0 { denominator.insert(contentsOf: Array(repeating: "$1", count: Int(-money)), at: 0) }
        }
        if let first = numerator.first {
            // The first unit word binds to the number (`12 min`); later ones multiply (`$5 h * h`).
            text += (first == "$1" ? " * " : " ") + first
            for word in numerator.dropFirst() { text += " * " + word }
        }
        for word in denominator { text += " per " + word }
        return text
    }

    /// The shortest literal (fewest significant digits, at most 15) that reads back within `tolerance`
    /// (base units) of `base`; checked by parsing and evaluating the text.
    public static func literal(_ base: Double, unit: Unit, within tolerance: Double) -> String {
        for digits in 1..<15 {
            let text = literal(base, unit: unit, significantDigits: digits)
            if let value = parseNumber(text), abs(value - base) <= tolerance { return text }
        }
        return literal(base, unit: unit, significantDigits: 15)
    }

    /// The value in base units of a number literal, or nil when it does not parse to a number.
    public static func parseNumber(_ text: String) -> Double? {
        guard case .number(let value, _) = parseLiteral(text) else { return nil }
        return value
    }

    /// The value of a literal's source text, or nil when it does not parse or evaluate.
    public static func parseLiteral(_ text: String) -> Value? {
        let file = SourceFile(name: nil, text: text)
        guard let expr = try? Parser.parseExpression(file) else { return nil }
        return try? Model().evaluate(expr)
    }

    /// A signed number with a scale suffix (`-1.25M`, `62k`, `0.041`, `1.5e-07`).
    private static func signed(_ value: Double, _ digits: Int) -> String {
        (value < 0 ? "-" : "") + magnitude(abs(value), digits)
    }

    /// A non-negative number with `digits` significant digits, shortened with k, M, B or an exponent.
    private static func magnitude(_ value: Double, _ digits: Int) -> String {
        if value == 0 { return "0" }
        if value >= 1e15 || value < 1e-3 { return scientific(value, digits) }
        if value >= 1e9 { return trimmed(NumberFormat.significant(value / 1e9, digits)) + "B" }
        if value >= 1e6 { return trimmed(NumberFormat.significant(value / 1e6, digits)) + "M" }
        if value >= 1e4 { return trimmed(NumberFormat.significant(value / 1e3, digits)) + "k" }
        return trimmed(NumberFormat.significant(value, digits))
    }

    /// Scientific notation with `digits` significant digits (`1.5e-07`), which the lexer reads.
    private static func scientific(_ value: Double, _ digits: Int) -> String {
        var exponent = 0
        var mantissa = value
        while mantissa >= 10 {
            mantissa /= 10
            exponent += 1
        }
        while mantissa < 1 {
            mantissa *= 10
            exponent -= 1
        }
        var text = NumberFormat.fixed(mantissa, decimals: digits - 1)
        if text.hasPrefix("10") {
            // Rounding carried into another digit (9.99… → 10).
            exponent += 1
            text = NumberFormat.fixed(mantissa / 10, decimals: digits - 1)
        }
        return text + "e" + (exponent < 0 ? "-" : "") + String(abs(exponent))
    }

    /// The number without a trailing decimal point (NumberFormat already drops trailing zeros).
    private static func trimmed(_ text: String) -> String {
        text.hasSuffix(".") ? String(text.dropLast()) : text
    }
}
