/// Units kept exactly as written, without merging atoms of one dimension.
extension Unit {
    /// The unit of `self / other` as written: exponents subtract, no atoms merge.
    ///
    /// The rule behind dividing by a bare unit word: `2080 h per year` stays `h/year` (where `divided(by:)`
    /// would merge the two times into a plain number), `60k tickets per month` is `tickets/month`.
    public func dividedAsWritten(by other: Unit) -> Unit {
        Unit(exponents: exponents &- other.exponents)
    }

    /// The unit of `self * other` as written: exponents add, no atoms merge (the percent flag is kept only
    /// when both are percentages).
    public func multipliedAsWritten(by other: Unit) -> Unit {
        Unit(exponents: exponents &+ other.exponents, percent: percent && other.percent && isPlain && other.isPlain)
    }
}
