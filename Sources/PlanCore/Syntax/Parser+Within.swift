/// A definition's valid range: `shrinkage = 30% within 0% to 100%`.
///
/// The clause declares the values a cell may take; the live model refuses any statement that would leave
/// it (the cell's value, each field of a record, each month of a series), and the what-if commands stay
/// inside it. The ends are constants (no cell names), in the value's units (zero is zero in every unit).
public struct RangeClause: Sendable {
    /// The low end (`0%`).
    public var low: Expr
    /// The high end (`100%`).
    public var high: Expr
    /// From `within` to the end of the high end.
    public var span: SourceSpan

    /// Creates a clause.
    public init(low: Expr, high: Expr, span: SourceSpan) {
        self.low = low
        self.high = high
        self.span = span
    }

    /// The ends' span: `0% to 100%`, as written.
    public var boundsSpan: SourceSpan { low.span.merged(with: high.span) }
}

/// Parsing the `within LO to HI` clause after a definition's expression (`within` is a word, not a keyword).
extension Parser {
    /// The clause `within LO to HI`, when the next word is `within`; nil otherwise.
    ///
    /// The ends are read at the `additive` level (above `to`), so `within 0 to 8 h` and `within -$5 to $5` read
    /// as written.
    mutating func withinClause() throws(EvalError) -> RangeClause? {
        let word = try peek()
        guard isWord(word, "within") else { return nil }
        try advance()
        let low = try additive()
        guard try matchKeyword(.to) != nil else {
            let token = try peek()
            throw EvalError(
                "expected `to` between the ends of the range (`within 0% to 100%`), found \(token.description(in: file))",
                kind: .syntax, span: token.span)
        }
        let high = try additive()
        for end in [low, high] {
            if let name = end.references().first {
                throw EvalError(
                    "the ends of a range are constants, not cells (`\(name.name)`)", kind: .syntax, span: name.span,
                    hint: "write the numbers: `within 0% to 100%`")
            }
        }
        return RangeClause(low: low, high: high, span: word.span.merged(with: high.span))
    }
}
