/// Division that keeps a bare unit word as written.
extension Unit {
    /// The unit of `self / other` where `other` is a bare unit word: exponents subtract and nothing
    /// merges, so `2080 h per year` stays `h/year`.
    public func dividedAsWritten(by other: Unit) -> Unit {
        Unit(exponents: exponents &- other.exponents)
    }
}
