/// Command arguments, parsed with the language's own lexer and parser into typed nodes with spans.
///
/// A command declares its arguments as a list of `ArgumentGrammar` elements. Each element reads:
///
///     expression   → expression                        the language's `expression`: `savings * 90%`, `prob(x < $0)`
///     expressions  → expression ( "," expression )*
///     range        → additive "to" additive            the `interval` level: `0% to 100%`, `$50k per year to $80k per year`
///     cell         → NAME ( "." NAME )?                `handoff_threshold`, `csat_tier.complex`
///     cells        → cell ( ","? cell )*
///     number       → NUMBER                            `10000`, `10_000`, `10k`, `1M` (no sign)
///     word         → STRING | "'" … "'" | BARE         BARE: up to a blank or a comma (`csat*`, `q3-plan`, `column=csat`)
///     path         → STRING | "'" … "'" | BAREPATH     BAREPATH: up to an unescaped blank, `\ ` is a space;
///                                                      `~/` is kept as written (the session expands it)
///     choice       → WORD                              one of the element's words (`csv | json | md`)
///     keyword      → WORD | SYMBOL                     the word itself: `by`, `from`, `steps`, `show`, `in`, `and`, `=`
///     optional     → [ elements ]                      present when its first element can start here
///     repeating    → { ","? elements }                 zero or more
///     branches     → WORD elements                     the word picks what follows (`:set seed N`, `:scenario load A`)
///
/// after which only blanks may remain, or a comment: `#` at the start or after a blank, outside quotes,
/// runs to the end of the line as in statements (`a#b.plan` is a file name). STRING is the language's
/// string (`"my plan.plan"`).
///
/// An expression ends where the language's grammar ends it: an operand followed by a word that no
/// operator continues (`net_value by …`), so a cell may be named `show` or `steps` and still be used in
/// an expression. A range is read below `and`, `or`, comparisons and `in`, so `from 0% to 100% and b
/// from …` and `in $0 to $3` need no special casing. Errors carry `ErrorKind.usage` (the parser's own
/// errors keep theirs) and a span at the argument, so the caret points at it; a missing argument is
/// reported just past the end of the command.
extension Parser {
    /// Parses the arguments of a command from byte `offset` of `file` to its end.
    ///
    /// `file` holds the command's line (the caller cuts it at the end of the command), so spans point into
    /// the line the user wrote.
    public static func parseCommandArguments(
        _ grammar: [ArgumentGrammar], in file: SourceFile, from offset: Int
    ) throws(EvalError) -> CommandArguments {
        var reader = ArgumentReader(file: file, position: offset, completing: false)
        _ = try reader.read(grammar)
        try reader.expectEnd()
        return CommandArguments(
            items: reader.items, file: file, span: SourceSpan(start: offset, end: file.bytes.count))
    }

    /// What may come next at the end of `file` (the text before the word Tab completes), when the arguments
    /// from `offset` up to there read without error; empty otherwise.
    public static func expectedCommandArguments(
        _ grammar: [ArgumentGrammar], in file: SourceFile, from offset: Int
    ) -> [ArgumentExpectation] {
        var reader = ArgumentReader(file: file, position: offset, completing: true)
        do {
            if try reader.read(grammar) { try reader.expectEnd() }
        } catch {
            return reader.expected
        }
        return reader.expected
    }
}

/// Reads arguments element by element from a byte position; in completion mode, records what could come
/// next when the text runs out instead of reporting it missing.
private struct ArgumentReader {
    let file: SourceFile
    var position: Int
    let completing: Bool
    var items: [CommandArgument] = []
    var expected: [ArgumentExpectation] = []
    /// Keywords that start what follows the element being read: a repeated word stops at one
    /// (`:compare a b show x` reads the scenarios `a` and `b`, then `show`).
    var stopWords: Set<String> = []

    /// Where the arguments end: the end of the text, or a `#` after a blank outside quotes (a comment).
    private let end: Int

    init(file: SourceFile, position: Int, completing: Bool) {
        self.file = file
        self.position = min(position, file.bytes.count)
        self.completing = completing
        self.end = Self.commentStart(file.bytes, from: self.position)
    }

    private var bytes: [UInt8] { file.bytes }

    /// The offset of a comment (`#` at the start or after a blank, outside quotes), or the end of the text.
    private static func commentStart(_ bytes: [UInt8], from start: Int) -> Int {
        var quote: UInt8?
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if let open = quote {
                if byte == UInt8(ascii: "\\") && open == UInt8(ascii: "\"") {
                    index += 1
                } else if byte == open {
                    quote = nil
                }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: "#") && (index == start || isBlank(bytes[index - 1])) {
                return index
            }
            index += 1
        }
        return bytes.count
    }

    /// The end of the text without trailing blanks.
    private var contentEnd: Int {
        var index = end
        while index > position, isBlank(bytes[index - 1]) { index -= 1 }
        return index
    }

    /// Reads elements in order; false when completion stopped at the end of the text.
    mutating func read(_ elements: [ArgumentGrammar]) throws(EvalError) -> Bool {
        for (index, element) in elements.enumerated() {
            let outer = stopWords
            stopWords.formUnion(Self.startingKeywords(elements[(index + 1)...]))
            defer { stopWords = outer }
            if !(try read(element)) { return false }
        }
        return true
    }

    /// The keywords that can start the elements that follow: a keyword, or the first keyword of the
    /// optional groups before the first element that must be there.
    private static func startingKeywords(_ elements: ArraySlice<ArgumentGrammar>) -> Set<String> {
        var words: Set<String> = []
        for element in elements {
            switch element {
            case .keyword(let word): return words.union([word])
            case .optional(let inner), .repeating(let inner):
                if case .keyword(let word)? = inner.first { words.insert(word) }
            default: return words
            }
        }
        return words
    }

    /// Fails on anything left after the last element.
    mutating func expectEnd() throws(EvalError) {
        skipBlanks()
        guard position < end else { return }
        let span = SourceSpan(start: position, end: contentEnd)
        var text = file.text(of: span)
        if text.count > 30 { text = String(text.prefix(29)) + "…" }
        throw EvalError("unexpected `\(text)`", kind: .usage, span: span)
    }

    private mutating func read(_ element: ArgumentGrammar) throws(EvalError) -> Bool {
        skipBlanks()
        if position >= end {
            if completing { expect(element) }
            switch element {
            case .optional, .repeating: return true
            case .keyword(let word): if !completing { throw missing("`\(word)`") }
            default: break
            }
            if completing { return false }
        }
        switch element {
        case .expression(let key, let what):
            guard let expr = try expression(what) else { return false }
            items.append(CommandArgument(key: key, value: .expression(expr), span: expr.span))
        case .expressions(let key, let what):
            while true {
                guard let expr = try expression(what) else { return false }
                items.append(CommandArgument(key: key, value: .expression(expr), span: expr.span))
                skipBlanks()
                guard position < end, bytes[position] == UInt8(ascii: ",") else { break }
                position += 1
            }
        case .range(let key, let what):
            guard let (low, high, span) = try range(what) else { return false }
            items.append(CommandArgument(key: key, value: .range(low: low, high: high), span: span))
        case .cell(let key, let what, _):
            let cell = try cell(what)
            items.append(CommandArgument(key: key, value: .cell(cell), span: cellSpan(cell)))
        case .cells(let key, let what, let offers):
            while true {
                let cell = try cell(what)
                items.append(CommandArgument(key: key, value: .cell(cell), span: cellSpan(cell)))
                skipBlanks()
                var comma = false
                if position < end, bytes[position] == UInt8(ascii: ",") {
                    position += 1
                    comma = true
                    skipBlanks()
                }
                if position >= end {
                    guard completing else {
                        if comma { throw missing(what) }
                        break
                    }
                    expected.append(.candidates(offers))
                    return !comma
                }
                if !comma && peekToken()?.isIdentifier != true { break }
            }
        case .number(let key, let what):
            let token = try token(what)
            guard case .number(let value, percent: false) = token.kind else {
                throw EvalError(
                    "expected \(what), found \(token.description(in: file))", kind: .usage, span: token.span)
            }
            position = token.span.end
            let text = file.text(of: token.span)
            items.append(CommandArgument(key: key, value: .number(value, text: text), span: token.span))
        case .word(let key, let what, _):
            let (text, span) = try word(what, path: false)
            items.append(CommandArgument(key: key, value: .word(text), span: span))
        case .path(let key, let what, _):
            let (text, span) = try word(what, path: true)
            items.append(CommandArgument(key: key, value: .path(text), span: span))
        case .choice(let key, let words):
            let what = "one of " + words.map { "`\($0)`" }.joined(separator: ", ")
            let (text, span) = try word(what, path: false)
            guard words.contains(text) else { throw unknownWord(text, span, among: words, what: what) }
            items.append(CommandArgument(key: key, value: .word(text), span: span))
        case .keyword(let word):
            guard let token = peekToken(), file.text(of: token.span) == word else {
                guard let found = peekToken() else {
                    throw EvalError(
                        "expected `\(word)`, found `\(file.text(of: restSpan))`", kind: .usage, span: restSpan)
                }
                throw EvalError(
                    "expected `\(word)`, found \(found.description(in: file))", kind: .usage, span: found.span)
            }
            position = token.span.end
            items.append(CommandArgument(key: word, value: .keyword(word), span: token.span))
        case .optional(let elements):
            guard let first = elements.first, canStart(first) else { return true }
            return try read(elements)
        case .repeating(let elements):
            guard let first = elements.first else { return true }
            while true {
                let before = position
                skipBlanks()
                if position < end, bytes[position] == UInt8(ascii: ","), !items.isEmpty {
                    position += 1
                    skipBlanks()
                }
                if completing && position >= end {
                    expect(first)
                    return true
                }
                guard canStart(first), !stopsRepetition(first) else {
                    position = before
                    return true
                }
                guard try read(elements) else { return false }
                if position == before { return true }
            }
        case .branches(let key, let branches):
            let words = branches.map(\.word)
            let what = "one of " + words.map { "`\($0)`" }.joined(separator: ", ")
            let (text, span) = try word(what, path: false)
            guard let branch = branches.first(where: { $0.word == text }) else {
                throw unknownWord(text, span, among: words, what: what)
            }
            items.append(CommandArgument(key: key, value: .word(text), span: span))
            return try read(branch.elements)
        }
        return true
    }

    /// Records what `element` would accept here (completion).
    private mutating func expect(_ element: ArgumentGrammar) {
        switch element {
        case .expression, .expressions, .range: expected.append(.candidates(.names))
        case .cell(_, _, let offers), .cells(_, _, let offers), .word(_, _, let offers), .path(_, _, let offers):
            expected.append(.candidates(offers))
        case .number: break
        case .choice(_, let words): expected.append(.words(words))
        case .keyword(let word): expected.append(.words([word]))
        case .optional(let elements), .repeating(let elements):
            if let first = elements.first { expect(first) }
        case .branches(_, let branches): expected.append(.words(branches.map(\.word)))
        }
    }

    /// True when a repeated word would be a keyword of what follows (`show` after `:compare a b`).
    private func stopsRepetition(_ element: ArgumentGrammar) -> Bool {
        switch element {
        case .word, .path: return stopWords.contains(peekWord())
        default: return false
        }
    }

    /// True when `element` can start at the current position.
    private mutating func canStart(_ element: ArgumentGrammar) -> Bool {
        skipBlanks()
        guard position < end else { return false }
        switch element {
        case .keyword(let word):
            return peekToken().map { file.text(of: $0.span) == word } ?? false
        case .choice(_, let words): return words.contains(peekWord())
        case .branches(_, let branches): return branches.contains { $0.word == peekWord() }
        case .number:
            if case .number(_, percent: false)? = peekToken()?.kind { return true }
            return false
        case .cell, .cells: return peekToken()?.isIdentifier == true
        case .optional(let elements), .repeating(let elements):
            return elements.first.map { canStart($0) } ?? false
        default: return true
        }
    }

    // MARK: Reading values

    /// An expression, or nil when completion stopped inside it.
    private mutating func expression(_ what: String) throws(EvalError) -> Expr? {
        try parse(what) { (parser: inout Parser) throws(EvalError) in try parser.expression() }
    }

    /// `LO to HI` with its span, or nil when completion stopped inside it.
    private mutating func range(_ what: String) throws(EvalError) -> (Expr, Expr, SourceSpan)? {
        guard let expr = try parse(what, { (parser: inout Parser) throws(EvalError) in try parser.interval() }) else {
            return nil
        }
        guard case .interval(let low, let high) = expr.kind else {
            if completing && position >= contentEnd {
                expected.append(.words(["to"]))
                return nil
            }
            throw EvalError("expected \(what)", kind: .usage, span: expr.span, hint: "e.g. `0% to 100%` or `$0 to $3`")
        }
        return (low, high, expr.span)
    }

    /// Runs one level of the language's parser from the current position.
    private mutating func parse(
        _ what: String, _ body: (inout Parser) throws(EvalError) -> Expr
    ) throws(EvalError) -> Expr? {
        skipBlanks()
        guard position < end else {
            guard completing else { throw missing(what) }
            expected.append(.candidates(.names))
            return nil
        }
        var parser = Parser(file, from: position)
        do {
            let expr = try body(&parser)
            position = parser.previousEnd
            return expr
        } catch {
            // Completion: the text ran out inside the expression, where a value is expected.
            if completing && nameFitsAtEnd(body) {
                expected.append(.candidates(.names))
                return nil
            }
            throw error
        }
    }

    /// True when a name written at the end of the text would continue what `body` parses from here (the
    /// text is cut where Tab was pressed): the same parse, with a name put there, gets past it.
    private func nameFitsAtEnd(_ body: (inout Parser) throws(EvalError) -> Expr) -> Bool {
        let placeholder = end
        let file = SourceFile(name: nil, text: String(decoding: bytes[..<end], as: UTF8.self) + "_")
        var parser = Parser(file, from: position)
        do {
            _ = try body(&parser)
            return parser.previousEnd > placeholder
        } catch {
            return (error.span?.start ?? 0) > placeholder
        }
    }

    /// A cell name with an optional `.field` right after it.
    private mutating func cell(_ what: String) throws(EvalError) -> CellReference {
        let token = try token(what)
        guard let name = token.identifier(in: file) else {
            throw EvalError(
                "expected \(what), found \(token.description(in: file))", kind: .usage, span: token.span)
        }
        position = token.span.end
        var reference = CellReference(name: name, nameSpan: token.span)
        if position < end, bytes[position] == UInt8(ascii: ".") {
            position += 1
            let field = try self.token("a field name after `.`")
            guard let fieldName = field.identifier(in: file) else {
                throw EvalError(
                    "expected a field name after `.`, found \(field.description(in: file))", kind: .usage,
                    span: field.span)
            }
            position = field.span.end
            reference.field = fieldName
            reference.fieldSpan = field.span
        }
        return reference
    }

    private func cellSpan(_ cell: CellReference) -> SourceSpan {
        cell.fieldSpan.map { cell.nameSpan.merged(with: $0) } ?? cell.nameSpan
    }

    /// A word or a path: quoted with `"` (the language's string) or `'` (as written), or bare.
    private mutating func word(_ what: String, path: Bool) throws(EvalError) -> (String, SourceSpan) {
        skipBlanks()
        guard position < end else { throw missing(what) }
        let start = position
        if bytes[position] == UInt8(ascii: "\"") {
            var lexer = Lexer(file, from: position)
            let token = try lexer.next()
            guard case .string = token.kind else {
                throw EvalError("expected \(what)", kind: .usage, span: token.span)
            }
            let text = token.value(in: file)
            position = token.span.end
            guard !text.isEmpty else {
                throw EvalError("expected \(what), found `\"\"`", kind: .usage, span: token.span)
            }
            return (text, token.span)
        }
        if bytes[position] == UInt8(ascii: "'") {
            guard let close = bytes[(position + 1)...].firstIndex(of: UInt8(ascii: "'")) else {
                throw EvalError("unterminated quote", kind: .usage, span: SourceSpan(start: start, end: end))
            }
            position = close + 1
            let text = String(decoding: bytes[(start + 1)..<close], as: UTF8.self)
            guard !text.isEmpty else {
                throw EvalError(
                    "expected \(what), found `''`", kind: .usage, span: SourceSpan(start: start, end: position))
            }
            return (text, SourceSpan(start: start, end: position))
        }
        var text: [UInt8] = []
        while position < end {
            let byte = bytes[position]
            if isBlank(byte) || (!path && byte == UInt8(ascii: ",")) { break }
            // Inside a bare word a double-quoted part keeps its blanks and commas, quotes included
            // (`csat="Satisfaction score"` is one word: a column map).
            if !path && byte == UInt8(ascii: "\""),
                let close = bytes[(position + 1)..<end].firstIndex(of: UInt8(ascii: "\""))
            {
                text.append(contentsOf: bytes[position...close])
                position = close + 1
                continue
            }
            if path && byte == UInt8(ascii: "\\") && position + 1 < end {
                position += 1
            }
            text.append(bytes[position])
            position += 1
        }
        let span = SourceSpan(start: start, end: position)
        guard !text.isEmpty else { throw EvalError("expected \(what)", kind: .usage, span: span) }
        return (String(decoding: text, as: UTF8.self), span)
    }

    /// The next token, or an error naming what was expected when the text has ended.
    private mutating func token(_ what: String) throws(EvalError) -> Token {
        skipBlanks()
        guard position < end else { throw missing(what) }
        var lexer = Lexer(file, from: position)
        let token = try lexer.next()
        if token.kind == .end || token.kind == .newline { throw missing(what) }
        return token
    }

    /// The next token, or nil at the end or on a character the language does not know.
    private func peekToken() -> Token? {
        var lexer = Lexer(file, from: position)
        guard let token = try? lexer.next(), token.kind != .end, token.kind != .newline else { return nil }
        return token
    }

    /// The bare word at the current position (empty at the end).
    private func peekWord() -> String {
        var index = position
        while index < end, !isBlank(bytes[index]), bytes[index] != UInt8(ascii: ",") { index += 1 }
        return String(decoding: bytes[position..<index], as: UTF8.self)
    }

    /// From the current position to the end of the content.
    private var restSpan: SourceSpan { SourceSpan(start: position, end: max(position, contentEnd)) }

    private func missing(_ what: String) -> EvalError {
        EvalError("expected \(what)", kind: .usage, span: SourceSpan(start: end, end: end))
    }

    private func unknownWord(_ text: String, _ span: SourceSpan, among words: [String], what: String) -> EvalError {
        EvalError(
            "expected \(what), found `\(text)`", kind: .usage, span: span,
            hint: Suggestion.hint(for: text, among: words))
    }

    private mutating func skipBlanks() {
        while position < end, isBlank(bytes[position]) { position += 1 }
    }
}

@inline(__always) private func isBlank(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == 13
}
