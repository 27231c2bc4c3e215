/// One row of a `report` statement: what `:report` shows, in the order written.
///
/// `name` shows a cell (a number as a row, a record as a column of the per-tier table); `"label": expr`
/// shows an expression under a label; `"label": a to b` shows a before → after pair with its change.
public struct ReportRow: Sendable {
    /// The label, when written (`"FTE (workload)":`).
    public var label: String?
    /// The value shown, or the "before" side of a pair.
    public var value: Expr
    /// The "after" side of a pair (`… to after`).
    public var after: Expr?
    /// The whole row.
    public var span: SourceSpan

    /// Creates a row.
    public init(label: String?, value: Expr, after: Expr?, span: SourceSpan) {
        self.label = label
        self.value = value
        self.after = after
        self.span = span
    }
}
