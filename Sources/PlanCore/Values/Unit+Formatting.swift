/// Writing units the way an `in` clause takes them: `$/year`, `h/year`, `min`, `%`, `/month`, `tickets/month`,
/// `$/ticket`, `pt`.
extension Unit {
    /// The unit as text (`""` for a plain number).
    ///
    /// Counts read as English: plural in a numerator (`tickets/month`), singular in a denominator
    /// (`$/ticket`); both forms are unit words, so the text reads back in an `in` clause.
    public var symbol: String {
        if isDate { return "date" }
        if isPlain { return percent ? "%" : "" }
        var numerator: [String] = []
        var denominator: [String] = []
        for atom in Atom.allCases {
            let exp = Int(exponents[atom.rawValue])
            if exp == 0 { continue }
            let word = exp > 0 ? atom.definition.plural : atom.symbol
            let text = abs(exp) == 1 ? word : "\(word)^\(abs(exp))"
            if exp > 0 { numerator.append(text) } else { denominator.append(text) }
        }
        var out = numerator.joined(separator: "*")
        if !denominator.isEmpty {
            out += "/" + (denominator.count == 1 ? denominator[0] : "(" + denominator.joined(separator: "*") + ")")
        }
        return out
    }

    /// The dimension in words, for error messages (`money per time`, `time`, `contacts per time`,
    /// `a plain number`).
    public var dimensionDescription: String {
        let own = dimensions
        var numerator: [String] = []
        var denominator: [String] = []
        for dimension in Dimension.allCases {
            let exp = Int(own[dimension.rawValue])
            if exp == 0 { continue }
            let text = abs(exp) == 1 ? dimension.name : "\(dimension.name)^\(abs(exp))"
            if exp > 0 { numerator.append(text) } else { denominator.append(text) }
        }
        if numerator.isEmpty && denominator.isEmpty { return "a plain number" }
        var text = numerator.joined(separator: "*")
        if !denominator.isEmpty {
            text = (text.isEmpty ? "1" : text) + " per " + denominator.joined(separator: " per ")
        }
        return text
    }
}
