/// Writing units the way an `in` clause takes them: `$/year`, `h/year`, `min`, `%`, `/month`.
extension Unit {
    /// The unit as text (`""` for a plain number).
    public var symbol: String {
        if isPlain { return percent ? "%" : "" }
        var numerator: [String] = []
        var denominator: [String] = []
        for atom in Atom.allCases {
            let exp = Int(exponents[atom.rawValue])
            if exp == 0 { continue }
            let text = abs(exp) == 1 ? atom.symbol : "\(atom.symbol)^\(abs(exp))"
            if exp > 0 { numerator.append(text) } else { denominator.append(text) }
        }
        var out = numerator.joined(separator: "*")
        if !denominator.isEmpty {
            out += "/" + (denominator.count == 1 ? denominator[0] : "(" + denominator.joined(separator: "*") + ")")
        }
        return out
    }

    /// The dimension in words, for error messages (`money per time`, `time`, `a plain number`).
    public var dimensionDescription: String {
        let money = moneyDimension
        let time = timeDimension
        if money == 0 && time == 0 { return "a plain number" }
        var parts: [String] = []
        if money != 0 { parts.append(money == 1 ? "money" : "money^\(money)") }
        if time > 0 { parts.append(time == 1 ? "time" : "time^\(time)") }
        var text = parts.joined(separator: "*")
        if time < 0 { text = (text.isEmpty ? "1" : text) + (time == -1 ? " per time" : " per time^\(-time)") }
        return text
    }
}
