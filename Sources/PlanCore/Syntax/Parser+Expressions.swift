/// Expression parsing, one function per precedence level (see the grammar on `Parser`).
extension Parser {
    /// Parses a whole expression (the `conversion` level).
    ///
    /// Most expressions use none of the operators below `+` and `-` in precedence (`in`, `if`, `or`,
    /// `and`, `not`, comparisons, `to`), so the parser reads the `additive` level first and climbs the
    /// levels above it only when the next token is one of their operators, handing the operand it has
    /// read to the level that needs it (`seed`). The tree is the one the full descent builds.
    public mutating func expression() throws(EvalError) -> Expr {
        let start = try peek()
        try enter(start.span)
        defer { leave() }
        if start.isKeyword(.if) || start.isKeyword(.not) { return try conversion(seed: nil) }
        let operand = try additive()
        guard Self.startsAboveAdditive(try peek()) else { return operand }
        return try conversion(seed: operand)
    }

    /// True for the operators of the levels above `additive`: `in`, `or`, `and`, a comparison, `to`.
    @inline(__always)
    private static func startsAboveAdditive(_ token: Token) -> Bool {
        switch token.kind {
        case .keyword(let word): return word == .in || word == .or || word == .and || word == .to
        case .symbol(let symbol):
            switch symbol {
            case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual: return true
            default: return false
            }
        default: return false
        }
    }

    /// The `conversion` level; `seed`, when given, is its first `additive` operand, already read.
    mutating func conversion(seed: Expr?) throws(EvalError) -> Expr {
        var expr = try conditional(seed: seed)
        while let keyword = try matchKeyword(.in) {
            let unitStart = try peek().span
            let unit = try unitExpression()
            let unitSpan = unitStart.merged(with: SourceSpan(start: previousEnd, end: previousEnd))
            expr = Expr(.convert(expr, unit, unitSpan), expr.span.merged(with: keyword.span).merged(with: unitSpan))
        }
        return expr
    }

    /// `if c then a else b`, or the `disjunction` level (`seed`: see `conversion(seed:)`; never an `if`).
    mutating func conditional(seed: Expr? = nil) throws(EvalError) -> Expr {
        if seed != nil { return try disjunction(seed: seed) }
        guard let ifToken = try matchKeyword(.if) else { return try disjunction(seed: nil) }
        let condition = try expression()
        guard try matchKeyword(.then) != nil else {
            let token = try peek()
            throw EvalError(
                "expected `then` after the condition, found \(token.description(in: file))", span: token.span)
        }
        let yes = try expression()
        guard try matchKeyword(.else) != nil else {
            let token = try peek()
            throw EvalError(
                "expected `else` (an `if` needs both branches), found \(token.description(in: file))",
                span: token.span)
        }
        let no = try expression()
        return Expr(.conditional(condition, yes, no), ifToken.span.merged(with: no.span))
    }

    mutating func disjunction(seed: Expr?) throws(EvalError) -> Expr {
        var links = Links()
        let first = try conjunction(seed: seed)
        while let token = try matchKeyword(.or) {
            links.append(ChainLink(op: .or, opSpan: token.span, rhs: try conjunction(seed: nil)))
        }
        return Self.chain(first, links)
    }

    mutating func conjunction(seed: Expr?) throws(EvalError) -> Expr {
        var links = Links()
        let first = try negation(seed: seed)
        while let token = try matchKeyword(.and) {
            links.append(ChainLink(op: .and, opSpan: token.span, rhs: try negation(seed: nil)))
        }
        return Self.chain(first, links)
    }

    /// `not`* and a comparison; with a `seed` (an operand already read) there is no `not`.
    mutating func negation(seed: Expr?) throws(EvalError) -> Expr {
        if seed != nil { return try comparison(seed: seed) }
        var count = 0
        var first: SourceSpan?
        while let token = try matchKeyword(.not) {
            count += 1
            if first == nil { first = token.span }
        }
        let operand = try comparison(seed: nil)
        guard let first else { return operand }
        let span = first.merged(with: operand.span)
        return count % 2 == 1 ? Expr(.not(operand), span) : Expr(.not(Expr(.not(operand), span)), span)
    }

    mutating func comparison(seed: Expr?) throws(EvalError) -> Expr {
        let lhs = try interval(seed: seed)
        let token = try peek()
        let op: BinaryOp? =
            switch token.kind {
            case .symbol(.less): .less
            case .symbol(.lessEqual): .lessEqual
            case .symbol(.greater): .greater
            case .symbol(.greaterEqual): .greaterEqual
            case .symbol(.equal): .equal
            case .symbol(.notEqual): .notEqual
            default: nil
            }
        guard let op else { return lhs }
        try advance()
        let rhs = try interval(seed: nil)
        let next = try peek()
        if case .symbol(let symbol) = next.kind,
            [.less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual]
                .contains(symbol)
        {
            throw EvalError(
                "comparisons do not chain", span: next.span, hint: "write `a < b and b < c`")
        }
        return Expr(.binary(lhs, ChainLink(op: op, opSpan: token.span, rhs: rhs)), lhs.span.merged(with: rhs.span))
    }

    /// `a to b`, or an `additive` (`seed`: the low end, already read).
    mutating func interval(seed: Expr? = nil) throws(EvalError) -> Expr {
        let low: Expr
        if let seed { low = seed } else { low = try additive() }
        guard try matchKeyword(.to) != nil else { return low }
        let high = try additive()
        return Expr(.interval(low, high), low.span.merged(with: high.span))
    }

    mutating func additive() throws(EvalError) -> Expr {
        let first = try multiplicative()
        var links = Links()
        while true {
            let token = try peek()
            let op: BinaryOp
            if token.isSymbol(.plus) {
                op = .add
            } else if token.isSymbol(.minus) {
                op = .subtract
            } else {
                break
            }
            try advance()
            links.append(ChainLink(op: op, opSpan: token.span, rhs: try multiplicative()))
        }
        return Self.chain(first, links)
    }

    /// Products and quotients: `*`, `/` and `per`.
    ///
    /// After `per`, a count or point word is always the unit (`$1.20 per ticket`), as it is after a number
    /// (`120k contacts`); elsewhere such a word is a name, which a cell of that name shadows.
    mutating func multiplicative() throws(EvalError) -> Expr {
        let first = try unary()
        var links = Links()
        while true {
            let token = try peek()
            let op: BinaryOp
            if token.isSymbol(.star) {
                op = .multiply
            } else if token.isSymbol(.slash) || token.isKeyword(.per) {
                op = .divide
            } else {
                break
            }
            try advance()
            if token.isKeyword(.per), let unit = try unitWordAfterPer() {
                links.append(ChainLink(op: op, opSpan: token.span, rhs: unit))
            } else {
                links.append(ChainLink(op: op, opSpan: token.span, rhs: try unary()))
            }
        }
        return Self.chain(first, links)
    }

    /// A count or point word right after `per` (not a call or a field), as a unit literal.
    private mutating func unitWordAfterPer() throws(EvalError) -> Expr? {
        let next = try peek()
        guard let word = next.identifier(in: file), let atom = Unit.Atom(word: word), !atom.isReserved else {
            return nil
        }
        var lookahead = self
        try lookahead.advance()
        let after = try lookahead.peek()
        if after.isSymbol(.leftParen) || after.isSymbol(.dot) || after.isSymbol(.caret) { return nil }
        try advance()
        return Expr(.number(atom.scale, .atom(atom)), next.span)
    }

    mutating func unary() throws(EvalError) -> Expr {
        var count = 0
        var first: SourceSpan?
        while let token = try matchSymbol(.minus) {
            count += 1
            if first == nil { first = token.span }
        }
        let operand = try power()
        guard let first, count % 2 == 1 else { return operand }
        return Expr(.negate(operand), first.merged(with: operand.span))
    }

    /// `postfix ( "^" unary )?` (inlined into `unary`: one call per operand instead of three).
    @inline(__always)
    mutating func power() throws(EvalError) -> Expr {
        let base = try postfix()
        guard let caret = try matchSymbol(.caret) else { return base }
        try enter(caret.span)
        defer { leave() }
        let exponent = try unary()
        return Expr(.power(base, exponent), base.span.merged(with: exponent.span))
    }

    @inline(__always)
    mutating func postfix() throws(EvalError) -> Expr {
        var expr = try primary()
        var fields = 0
        defer { for _ in 0..<fields { leave() } }
        while let dot = try matchSymbol(.dot) {
            try enter(dot.span)
            fields += 1
            let (field, span) = try expectName("after `.`")
            expr = Expr(.field(expr, field, span), expr.span.merged(with: span))
        }
        return expr
    }

    mutating func primary() throws(EvalError) -> Expr {
        let token = try peek()
        switch token.kind {
        case .number(let value, let percent):
            try advance()
            return try quantity(value, percent ? .percentage : .plain, token.span)
        case .date(let month):
            try advance()
            return Expr(.number(Double(month), .date), token.span)
        case .dollar:
            try advance()
            let number = try peek()
            guard case .number(let value, let percent) = number.kind, !percent else {
                throw EvalError("expected an amount after `$` (`$55k`, `$0.99`)", span: number.span)
            }
            try advance()
            return try quantity(value, .atom(.dollar), token.span.merged(with: number.span))
        case .string:
            try advance()
            return Expr(.string(token.value(in: file)), token.span)
        case .symbol(.leftParen):
            try advance()
            let inner = try expression()
            let close = try expectSymbol(.rightParen, "to close `(`")
            return Expr(inner.kind, token.span.merged(with: close.span))
        case .symbol(.leftBrace):
            return try record()
        case .keyword(let word):
            switch word {
            case .true, .false:
                try advance()
                return Expr(.bool(word == .true), token.span)
            case .if: return try conditional()
            default:
                throw EvalError("expected a value, found the keyword `\(word.rawValue)`", span: token.span)
            }
        case .identifier:
            try advance()
            let name = self.name(of: token)
            if let open = try matchSymbol(.leftParen) { return try call(name, token.span, open) }
            return Expr(.name(name), token.span)
        case .end, .newline:
            let at = max(0, previousEnd - 1)
            throw EvalError(
                "the expression ends too soon: a value is missing here", span: SourceSpan(start: at, end: previousEnd))
        default:
            throw EvalError("expected a value, found \(token.description(in: file))", span: token.span)
        }
    }

    private mutating func quantity(_ value: Double, _ unit: Unit, _ span: SourceSpan) throws(EvalError) -> Expr {
        let next = try peek()
        if let word = next.identifier(in: file), let atom = Unit.Atom(word: word) {
            try advance()
            if try peek().isSymbol(.leftParen) {
                throw EvalError(
                    "`\(word)` is a unit here; a function call needs an operator before it", span: next.span)
            }
            var combined = unit.multiplied(by: .atom(atom))
            if unit.percent { combined.percent = false }
            let scaled = value * atom.scale
            guard scaled.isFinite else {
                throw EvalError(
                    "number too large in \(word): it overflows a double", span: span.merged(with: next.span))
            }
            return Expr(.number(scaled, combined), span.merged(with: next.span))
        }
        return Expr(.number(value, unit), span)
    }

    private mutating func call(_ name: String, _ nameSpan: SourceSpan, _ open: Token) throws(EvalError) -> Expr {
        try enter(open.span)
        defer { leave() }
        var args: [Expr] = []
        if let close = try matchSymbol(.rightParen) {
            return Expr(.call(name, nameSpan, args), nameSpan.merged(with: close.span))
        }
        repeat { args.append(try expression()) } while try matchSymbol(.comma) != nil
        let close = try expectSymbol(.rightParen, "to close the arguments of `\(name)(`")
        return Expr(.call(name, nameSpan, args), nameSpan.merged(with: close.span))
    }

    private mutating func record() throws(EvalError) -> Expr {
        let open = try advance()
        try enter(open.span)
        defer { leave() }
        var entries: [RecordEntry] = []
        if let close = try matchSymbol(.rightBrace) {
            throw EvalError("a record needs at least one field", span: open.span.merged(with: close.span))
        }
        repeat {
            if try peek().isSymbol(.rightBrace) { break }
            let (key, keySpan) = try expectName("as a record key")
            if entries.contains(where: { $0.key == key }) {
                throw EvalError("key `\(key)` appears twice in the record", span: keySpan)
            }
            _ = try expectSymbol(.colon, "after the record key `\(key)`")
            entries.append(RecordEntry(key: key, keySpan: keySpan, value: try expression()))
        } while try matchSymbol(.comma) != nil
        let close = try expectSymbol(.rightBrace, "to close the record")
        return Expr(.record(entries), open.span.merged(with: close.span))
    }

    /// The links of a chain being read: the first is held on its own, and an array (with room for four, so a
    /// chain of up to four links is one allocation) is made only when a second arrives, so a chain of one link
    /// (`x * 0.5`: most of a large model's) becomes one `.binary` box and no array.
    struct Links {
        var single: ChainLink?
        var many: [ChainLink] = []

        @inline(__always)
        mutating func append(_ link: ChainLink) {
            if let first = single {
                many.reserveCapacity(4)
                many.append(first)
                many.append(link)
                single = nil
            } else if many.isEmpty {
                single = link
            } else {
                many.append(link)
            }
        }
    }

    /// `first` alone when there are no links, `.binary` for one, else the flat chain `first op rhs …`.
    @inline(__always)
    private static func chain(_ first: Expr, _ links: Links) -> Expr {
        if let link = links.single { return Expr(.binary(first, link), first.span.merged(with: link.rhs.span)) }
        guard let last = links.many.last else { return first }
        return Expr(.chain(first, links.many), first.span.merged(with: last.rhs.span))
    }

    /// Parses a unit for an `in` clause: `$/year`, `h/year`, `min`, `%`, `per month`, `$ per h`.
    mutating func unitExpression() throws(EvalError) -> Unit {
        var unit = Unit.plain
        var first = true
        while true {
            var divide = false
            let upcoming = try peek()
            if !first || upcoming.isSymbol(.slash) || upcoming.isKeyword(.per) {
                let token = try peek()
                if token.isSymbol(.star) {
                    try advance()
                } else if token.isSymbol(.slash) || token.isKeyword(.per) {
                    try advance()
                    divide = true
                } else {
                    break
                }
            }
            first = false
            let factor = try unitFactor()
            unit =
                divide
                ? Unit(exponents: unit.exponents &- factor.exponents)
                : Unit(
                    exponents: unit.exponents &+ factor.exponents, percent: unit.percent || factor.percent)
        }
        return unit
    }

    private mutating func unitFactor() throws(EvalError) -> Unit {
        let token = try advance()
        var unit: Unit
        switch token.kind {
        case .dollar: unit = .atom(.dollar)
        case .symbol(.percent): unit = .percentage
        case .number(1, percent: false): unit = .plain
        case .identifier:
            let word = name(of: token)
            guard let atom = Unit.Atom(word: word) else {
                throw EvalError(
                    "`\(word)` is not a unit", span: token.span,
                    hint: "units: $, %, pt, s, min, h, day, week, month, year, tickets, contacts, chats, agents, FTE, "
                        + "customers")
            }
            unit = .atom(atom)
        case .symbol(.leftParen):
            try enter(token.span)
            defer { leave() }
            unit = try unitExpression()
            _ = try expectSymbol(.rightParen, "to close the unit")
        default:
            throw EvalError("expected a unit after `in`, found \(token.description(in: file))", span: token.span)
        }
        if try matchSymbol(.caret) != nil {
            let power = try advance()
            var sign = 1
            var exponentToken = power
            if power.isSymbol(.minus) {
                sign = -1
                exponentToken = try advance()
            }
            guard case .number(let value, false) = exponentToken.kind, value == value.rounded(), abs(value) < 10 else {
                throw EvalError("a unit's power must be a small whole number", span: exponentToken.span)
            }
            unit = unit.power(sign * Int(value))
        }
        return unit
    }
}
