/// Statement-level parsing.
extension Parser {
    /// The next statement, or nil at the end of the file.
    public mutating func nextStatement() throws(EvalError) -> Statement? {
        var doc: [String] = []
        var blankRun = 0
        while true {
            let token = try peek()
            switch token.kind {
            case .end: return nil
            case .newline:
                try advance()
                blankRun += 1
                if blankRun > 1 { doc.removeAll() }
                continue
            case .doc:
                try advance()
                let text = token.value(in: file)
                if blankRun > 1 { doc.removeAll() }
                blankRun = 0
                doc.append(text)
                continue
            case .command:
                try advance()
                return Statement(kind: .command(token.value(in: file)), span: token.span, doc: [], file: file)
            default:
                let (kind, stop) = try statementBody(from: token)
                var details: [AlertDetail] = []
                swap(&details, &alertDetails)
                var range: RangeClause?
                swap(&range, &rangeClause)
                return Statement(
                    kind: kind, span: SourceSpan(start: token.span.start, end: stop), doc: doc, file: file,
                    alertDetails: details, range: range)
            }
        }
    }

    /// What the statement that starts with `first` (not a newline, a doc line or a command) does, and where
    /// it stops, read to its end.
    ///
    /// The statement itself is built by the caller, straight into its result: built here and returned through
    /// a throwing call, the compiler copied the whole statement on the way out.
    private mutating func statementBody(from first: Token) throws(EvalError) -> (Statement.Kind, Int) {
        statementStart = first.span.start
        defer { statementStart = nil }
        let kind = try statementKind(first)
        let stop = previousEnd
        let end = try peek()
        switch end.kind {
        case .newline: try advance()
        case .end: break
        default:
            throw EvalError("expected the end of the statement, found \(end.description(in: file))", span: end.span)
        }
        return (kind, stop)
    }

    /// An alert's optional `show label: expr, …` clause (`show` is a word here, not a keyword).
    ///
    /// The clause may start on the next line (`show` first on it: no statement starts `show NAME:`), and
    /// a line of details may continue after a comma, so long alerts stay readable.
    private mutating func showDetails() throws(EvalError) -> [AlertDetail] {
        if case .newline = try peek().kind {
            var probe = self
            try probe.advance()
            guard isWord(try probe.peek(), "show") else { return [] }
            self = probe
        }
        guard isWord(try peek(), "show") else { return [] }
        try advance()
        var details: [AlertDetail] = []
        repeat {
            let (label, span) = try expectName("to label a detail (`show complex: csat_change.complex`)")
            if details.contains(where: { $0.label == label }) {
                throw EvalError("the detail `\(label)` is shown twice", span: span)
            }
            _ = try expectSymbol(.colon, "after the detail's label")
            details.append(AlertDetail(label: label, labelSpan: span, expr: try expression()))
            guard try matchSymbol(.comma) != nil else { break }
            if case .newline = try peek().kind { try advance() }
        } while true
        return details
    }

    private mutating func statementKind(_ first: Token) throws(EvalError) -> Statement.Kind {
        if try startsReport(first) { return try reportStatement() }
        if case .keyword(let word) = first.kind {
            switch word {
            case .print:
                try advance()
                var items = [try expression()]
                while try matchSymbol(.comma) != nil { items.append(try expression()) }
                return .print(items)
            case .assert:
                try advance()
                let condition = try expression()
                var message: String?
                if case .string = try peek().kind {
                    message = try advance().value(in: file)
                }
                return .assert(condition, message)
            case .alert:
                try advance()
                let token = try advance()
                guard case .string = token.kind else {
                    throw EvalError(
                        "expected the alert's message in quotes, found \(token.description(in: file))",
                        span: token.span)
                }
                let message = token.value(in: file)
                guard try matchKeyword(.when) != nil else {
                    let next = try peek()
                    throw EvalError(
                        "expected `when` after the alert's message, found \(next.description(in: file))",
                        span: next.span)
                }
                let condition = try expression()
                alertDetails = try showDetails()
                return .alert(message, condition)
            case .watch:
                try advance()
                var names = [try expectName("to watch")]
                while try matchSymbol(.comma) != nil { names.append(try expectName("to watch")) }
                return .watch(names)
            case .use:
                try advance()
                let token = try advance()
                guard case .string = token.kind else {
                    throw EvalError("expected a preset or file name in quotes after `use`", span: token.span)
                }
                return .use(token.value(in: file))
            case .delete:
                try advance()
                let (name, span) = try expectName("to delete")
                return .delete(name, span)
            default: break
            }
        }
        if let timeline = try timelineStatement(first) { return timeline }
        let expr = try expression()
        guard let assign = try matchSymbol(.assign) else { return .show(expr) }
        let value = try expression()
        switch expr.kind {
        case .name(let name):
            try checkDefinable(name, expr.span)
            rangeClause = try withinClause()
            return .define(name, expr.span, value)
        case .field(let base, let field, let fieldSpan):
            if let clause = try withinClause() {
                throw EvalError(
                    "a range is declared for the whole cell, not one field", kind: .syntax, span: clause.span,
                    hint: "declare it where the cell is defined: `name = {…} within LO to HI` (every field)")
            }
            if case .name(let name) = base.kind { return .defineField(name, base.span, field, fieldSpan, value) }
        case .call(let name, let nameSpan, let args):
            try checkDefinable(name, nameSpan)
            var params: [String] = []
            for arg in args {
                guard case .name(let param) = arg.kind else {
                    throw EvalError("a function's parameters must be plain names", span: arg.span)
                }
                if params.contains(param) {
                    throw EvalError("parameter `\(param)` is named twice", span: arg.span)
                }
                params.append(param)
            }
            return .defineFunction(name, nameSpan, params, value)
        default: break
        }
        throw EvalError(
            "cannot assign to this expression", span: expr.span.merged(with: assign.span),
            hint: "define a cell with `name = expr`, a field with `name.field = expr`, a function with `f(x) = expr`")
    }

    /// `timeline FROM to TO` or `timeline off` (SPEC §9); `timeline` is read as a statement only when a month
    /// or `off` follows, so it stays free as a name.
    private mutating func timelineStatement(_ first: Token) throws(EvalError) -> Statement.Kind? {
        guard isWord(first, "timeline") else { return nil }
        let next = try peekSecond()
        if isWord(next, "off") {
            try advance()
            try advance()
            return .timeline(nil)
        }
        switch next.kind {
        case .date(let from):
            try advance()
            try advance()
            guard try matchKeyword(.to) != nil else {
                let token = try peek()
                throw EvalError(
                    "expected `to` and the last month (`timeline 2024-01 to 2026-12`), found \(token.description(in: file))",
                    kind: .syntax, span: token.span)
            }
            let last = try advance()
            guard case .date(let to) = last.kind else {
                throw EvalError(
                    "expected the last month of the timeline (`2026-12`), found \(last.description(in: file))",
                    kind: .syntax,
                    span: last.span)
            }
            guard to >= from else {
                throw EvalError(
                    "the timeline ends (\(Timeline.label(to))) before it starts (\(Timeline.label(from)))",
                    kind: .syntax, span: next.span.merged(with: last.span))
            }
            guard to - from < Timeline.maximumMonths else {
                throw EvalError(
                    "a timeline has at most \(Timeline.maximumMonths) months, not \(to - from + 1)", kind: .limit,
                    span: next.span.merged(with: last.span))
            }
            return .timeline(Timeline(start: from, count: to - from + 1))
        default: return nil
        }
    }

    private func checkDefinable(_ name: String, _ span: SourceSpan) throws(EvalError) {
        // Count and point words (`contacts`, `agents`, `pt`) may name cells; money and time words may not.
        if Unit.Atom(reservedWord: name) != nil {
            throw EvalError("`\(name)` is a unit and cannot name a cell", kind: .syntax, span: span)
        }
        if Keyword.match(name) != nil {
            throw EvalError("`\(name)` is a keyword and cannot name a cell", span: span)
        }
    }
}
