/// The `report` statement: the rows `:report` shows, marked in the model itself.
///
///     report-stmt  → "report" report-row ( "," report-row )*
///     report-row   → ( STRING ":" )? report-value ( "to" report-value )?
///     report-value → additive ( "in" unit )?
///
/// A row's values are read below `to`, so `to` joins a before → after pair (`baseline_fte to
/// hybrid_fte`); write a comparison or a range in brackets. `report` is a keyword only at the start of a
/// statement and before a name or a string: a cell may still be called `report` (`report = 3`).
extension Parser {
    /// True when the statement that starts with `first` is a `report` statement.
    mutating func startsReport(_ first: Token) throws(EvalError) -> Bool {
        guard isWord(first, "report") else { return false }
        var lookahead = self
        try lookahead.advance()
        let next = try lookahead.peek()
        if next.isIdentifier { return true }
        if case .string = next.kind { return true }
        return false
    }

    /// `report row, …` (the `report` word is the next token).
    mutating func reportStatement() throws(EvalError) -> Statement.Kind {
        try advance()
        var rows: [ReportRow] = []
        repeat { rows.append(try reportRow()) } while try matchSymbol(.comma) != nil
        return .report(rows)
    }

    private mutating func reportRow() throws(EvalError) -> ReportRow {
        let first = try peek()
        var label: String?
        if case .string = first.kind {
            try advance()
            _ = try expectSymbol(.colon, "after the row's label")
            label = first.value(in: file)
        }
        let value = try reportValue()
        var after: Expr?
        if try matchKeyword(.to) != nil { after = try reportValue() }
        let end = (after ?? value).span
        return ReportRow(label: label, value: value, after: after, span: first.span.merged(with: end))
    }

    private mutating func reportValue() throws(EvalError) -> Expr {
        let start = try peek().span
        try enter(start)
        defer { leave() }
        let expr = try additive()
        guard let keyword = try matchKeyword(.in) else { return expr }
        let unitStart = try peek().span
        let unit = try unitExpression()
        let unitSpan = unitStart.merged(with: SourceSpan(start: previousEnd, end: previousEnd))
        return Expr(.convert(expr, unit, unitSpan), expr.span.merged(with: keyword.span).merged(with: unitSpan))
    }
}
