import PlanCore
import PlanGraph

/// The text of a what-if command, tokenised with the language's lexer so that its parts can be found at
/// the top level (outside brackets) and each part parsed with the language's parser.
///
/// Every part is parsed from a copy of the script with everything else blanked out, so spans (and the
/// carets of errors) point into the line the user wrote.
struct CommandText {
    /// The file the command is in (errors are shown against it).
    let file: SourceFile
    /// The whole command, for errors about it as a whole.
    let span: SourceSpan
    /// The argument's tokens (after the command name).
    let tokens: [Token]
    /// The bracket depth before each token.
    let depths: [Int]

    /// Tokenises the argument of `:name …` in `statement`.
    init(statement: Statement, name: String, argument: String) throws(Diagnostic) {
        var file = statement.file
        var span = statement.span
        var start = span.start + 1 + name.utf8.count
        let bytes = file.bytes
        if span.start >= bytes.count || bytes[span.start] != UInt8(ascii: ":") || start > span.end {
            // Not the script's own text (a synthesized statement): tokenise the argument alone.
            file = SourceFile(name: statement.file.name, text: ":" + name + " " + argument)
            span = SourceSpan(start: 0, end: file.bytes.count)
            start = 1 + name.utf8.count
        }
        var lexer = Lexer(file, from: start)
        var tokens: [Token] = []
        var depths: [Int] = []
        var depth = 0
        do throws(EvalError) {
            while true {
                let token = try lexer.next()
                if token.kind == .end || token.kind == .newline || token.span.start >= span.end { break }
                depths.append(depth)
                tokens.append(token)
                if token.isSymbol(.leftParen) || token.isSymbol(.leftBrace) { depth += 1 }
                if token.isSymbol(.rightParen) || token.isSymbol(.rightBrace) { depth = max(0, depth - 1) }
            }
        } catch {
            throw error.diagnostic(in: file)
        }
        self.file = file
        self.span = span
        self.tokens = tokens
        self.depths = depths
    }

    /// The index of the first top-level token at or after `from` (and before `to`) that matches.
    func find(from: Int = 0, to: Int? = nil, _ matches: (Token) -> Bool) -> Int? {
        let end = min(to ?? tokens.count, tokens.count)
        guard from < end else { return nil }
        return (from..<end).first { depths[$0] == 0 && matches(tokens[$0]) }
    }

    /// The index of the first top-level identifier `word` at or after `from` that follows a complete operand
    /// (so `steps` or `show` used as a cell name inside an expression is not taken for the word).
    func findWord(_ word: String, from: Int = 0, to: Int? = nil) -> Int? {
        find(from: from, to: to) { $0.identifier == word }.flatMap { index in
            index > from && !endsOperand(index - 1) ? findWord(word, from: index + 1, to: to) : index
        }
    }

    /// True when token `index` can end an operand (a number, a name, a closing bracket, a string).
    func endsOperand(_ index: Int) -> Bool {
        switch tokens[index].kind {
        case .number, .identifier, .string: return true
        case .keyword(let word): return word == .true || word == .false
        case .symbol(let symbol): return symbol == .rightParen || symbol == .rightBrace || symbol == .percent
        default: return false
        }
    }

    /// The span of tokens `from..<to` (the command's span when empty).
    func span(from: Int, to: Int) -> SourceSpan {
        guard from < to, to <= tokens.count else {
            let at = from < tokens.count ? tokens[from].span.start : span.end
            return SourceSpan(start: at, end: at)
        }
        return tokens[from].span.merged(with: tokens[to - 1].span)
    }

    /// Parses tokens `from..<to` as one expression; `what` names it in the error when they are missing.
    func expression(from: Int, to: Int, what: String) throws(Diagnostic) -> Expr {
        guard from < to else { throw error("expected \(what)", at: span(from: from, to: to)) }
        let range = span(from: from, to: to)
        var masked = [UInt8](repeating: UInt8(ascii: " "), count: file.bytes.count)
        for offset in range.start..<range.end { masked[offset] = file.bytes[offset] }
        let copy = SourceFile(name: file.name, bytes: masked)
        do throws(EvalError) {
            return try Parser.parseExpression(copy)
        } catch {
            throw error.diagnostic(in: file)
        }
    }

    /// Parses tokens `from..<to` as expressions separated by top-level commas.
    func expressions(from: Int, to: Int, what: String) throws(Diagnostic) -> [Expr] {
        var exprs: [Expr] = []
        var start = from
        while start <= to {
            let comma = find(from: start, to: to) { $0.isSymbol(.comma) } ?? to
            exprs.append(try expression(from: start, to: comma, what: what))
            start = comma + 1
        }
        return exprs
    }

    /// The input named at token `index` (`name` or `name.field`) and the index after it.
    func input(at index: Int, what: String) throws(Diagnostic) -> (WhatIfInput, Int) {
        guard index < tokens.count, let name = tokens[index].identifier else {
            throw error("expected \(what) (a cell name)", at: span(from: index, to: index + 1))
        }
        if index + 2 < tokens.count, tokens[index + 1].isSymbol(.dot), let field = tokens[index + 2].identifier {
            return (WhatIfInput(name, field: field), index + 3)
        }
        return (WhatIfInput(name), index + 1)
    }

    /// The source text of an expression.
    func text(of expr: Expr) -> String { file.text(of: expr.span) }

    /// The source text of tokens `from..<to`.
    func text(from: Int, to: Int) -> String { file.text(of: span(from: from, to: to)) }

    /// An error with a caret under `span`.
    func error(_ message: String, at span: SourceSpan? = nil, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, message, file: file, span: span ?? self.span, hint: hint)
    }

    /// An engine error as a diagnostic: at its own span when it has one, else under `span`.
    func diagnostic(_ error: EvalError, at span: SourceSpan? = nil) -> Diagnostic {
        if error.isInterrupted {
            return Diagnostic(.error, "interrupted: stopped; the model is unchanged", kind: .interrupted)
        }
        return Diagnostic(
            .error, error.message, kind: error.kind, file: file, span: error.span ?? span ?? self.span, hint: error.hint
        )
    }
}
