/// Parses statements and expressions.
///
/// Grammar, lowest precedence first (one parse function per level, named after it):
///
///     statement      → COMMAND | DOC* ( definition | keyword-statement | expression ) ( NEWLINE | END )
///     definition     → NAME "=" expression within? | NAME "." NAME "=" expression | NAME "(" NAME,* ")" "=" expression
///     within         → "within" additive "to" additive        (a valid range: Parser+Within; `within` is a word)
///     keyword-stmt   → "print" expression ("," expression)* | "assert" expression STRING?
///                    | "alert" STRING "when" expression ( "show" NAME ":" expression ("," NAME ":" expression)* )?
///                    | "watch" NAME ("," NAME)*
///                    | "use" STRING | "delete" NAME | "timeline" ( MONTH "to" MONTH | "off" )
///                    | "report" report-row ("," report-row)*   (Parser+Report)
///     expression     → conversion
///     conversion     → conditional ( "in" unit )*
///     conditional    → "if" expression "then" expression "else" expression | disjunction
///     disjunction    → conjunction ( "or" conjunction )*
///     conjunction    → negation ( "and" negation )*
///     negation       → "not"* comparison
///     comparison     → interval ( ( "<" | "<=" | ">" | ">=" | "==" | "!=" ) interval )?
///     interval       → additive ( "to" additive )?
///     additive       → multiplicative ( ( "+" | "-" ) multiplicative )*
///     multiplicative → unary ( ( "*" | "/" | "per" ) unary )*
///     unary          → "-"* power
///     power          → postfix ( "^" unary )?
///     postfix        → primary ( "." NAME )*
///     primary        → NUMBER UNITWORD? | "$" NUMBER UNITWORD? | STRING | "true" | "false"
///                    | NAME "(" expression,* ")" | NAME | "(" expression ")" | "{" ( NAME ":" expression ),* "}"
///                    | conditional
///     unit           → unit-factor ( ( "*" | "/" | "per" ) unit-factor )*
///     unit-factor    → ( "$" | "%" | UNITWORD | "1" | "(" unit ")" ) ( "^" INTEGER )?
///
/// Chains of one level are flat (`ExprKind.chain`, or `.binary` for one operator); nesting (brackets, calls, `^`, `if`) is limited to
/// `maximumDepth` levels, so no input can overflow the stack.
public struct Parser {
    /// The deepest nesting accepted.
    public static let maximumDepth = 200

    /// The longest statement accepted, in bytes of source (a bigger one costs seconds and gigabytes).
    public static let maximumStatementLength = 1 << 20

    /// Words that cannot name a cell or a function.
    public static let keywords: Set<String> = Set(Keyword.allCases.map(\.rawValue))

    private var lexer: Lexer
    /// The next token, read ahead; meaningful only when `hasLookahead`.
    ///
    /// A plain value and a flag, not an optional: `peek()` is called at every precedence level for every
    /// operand, and reading the token in place costs no more than a load.
    private var lookahead = Token(.end, SourceSpan(start: 0, end: 0))
    private var hasLookahead = false
    private var depth = 0
    /// Where the statement being parsed starts (nil between statements), for `maximumStatementLength`.
    var statementStart: Int?
    private(set) var previousEnd = 0
    /// The `show` details of the alert statement being parsed (see `Statement.alertDetails`).
    var alertDetails: [AlertDetail] = []
    /// The `within LO to HI` clause of the definition being parsed (see `Statement.range`).
    var rangeClause: RangeClause?
    /// The file being parsed.
    public let file: SourceFile

    /// Creates a parser over a file, reading from byte `offset` (0: the start).
    public init(_ file: SourceFile, from offset: Int = 0) {
        self.file = file
        self.lexer = Lexer(file, from: offset)
    }

    /// Parses again the expression that was parsed at `span` of `file` (the same tree, spans and all).
    ///
    /// The live model keeps only a definition's resolved code and where its text is; the tree is
    /// rebuilt on demand for the views that read it, which halves a large model's memory.
    public static func reparseExpression(in file: SourceFile, at span: SourceSpan) -> Expr? {
        var parser = Parser(file, from: span.start)
        guard let expr = try? parser.expression(), expr.span == span else { return nil }
        return expr
    }

    /// Parses every statement of a file (stops at the first syntax error).
    public static func parseAll(_ file: SourceFile) throws(EvalError) -> [Statement] {
        var parser = Parser(file)
        var statements: [Statement] = []
        while let statement = try parser.nextStatement() { statements.append(statement) }
        return statements
    }

    /// Parses a single expression that must fill the whole file.
    public static func parseExpression(_ file: SourceFile) throws(EvalError) -> Expr {
        var parser = Parser(file)
        let expr = try parser.expression()
        let token = try parser.peek()
        if token.kind != .end && token.kind != .newline {
            throw EvalError("unexpected \(token.description(in: file)) after the expression", span: token.span)
        }
        return expr
    }

    // MARK: Tokens

    /// The next token, without consuming it.
    @inline(__always)
    mutating func peek() throws(EvalError) -> Token {
        if hasLookahead { return lookahead }
        return try readAhead()
    }

    /// Reads the next token into `lookahead` (the slow half of `peek`, kept out of line).
    @inline(never)
    private mutating func readAhead() throws(EvalError) -> Token {
        let token = try lexer.next()
        if let statementStart, token.span.end - statementStart > Parser.maximumStatementLength {
            throw EvalError(
                "statement longer than \(Parser.maximumStatementLength >> 20) MiB (the limit); split it into cells",
                kind: .limit, span: SourceSpan(start: statementStart, end: statementStart))
        }
        lookahead = token
        hasLookahead = true
        return token
    }

    /// The token after the next one, without consuming either (the lexer is a value: a copy reads ahead).
    mutating func peekSecond() throws(EvalError) -> Token {
        _ = try peek()
        var copy = lexer
        return try copy.next()
    }

    @discardableResult
    @inline(__always)
    mutating func advance() throws(EvalError) -> Token {
        let token = try peek()
        hasLookahead = false
        previousEnd = token.span.end
        return token
    }

    /// Consumes the next token when it is `symbol`.
    @inline(__always)
    public mutating func matchSymbol(_ symbol: Token.Symbol) throws(EvalError) -> Token? {
        let token = try peek()
        if token.isSymbol(symbol) {
            try advance()
            return token
        }
        return nil
    }

    @inline(__always)
    mutating func matchKeyword(_ word: Keyword) throws(EvalError) -> Token? {
        let token = try peek()
        if token.isKeyword(word) {
            try advance()
            return token
        }
        return nil
    }

    mutating func expectSymbol(_ symbol: Token.Symbol, _ context: String) throws(EvalError) -> Token {
        if let token = try matchSymbol(symbol) { return token }
        let token = try peek()
        throw EvalError(
            "expected `\(symbol.rawValue)` \(context), found \(token.description(in: file))", span: token.span)
    }

    mutating func expectName(_ context: String) throws(EvalError) -> (String, SourceSpan) {
        let token = try peek()
        if let name = token.identifier(in: file) {
            try advance()
            return (name, token.span)
        }
        throw EvalError("expected a name \(context), found \(token.description(in: file))", span: token.span)
    }

    /// The name of an identifier token (read from the file; see `Token`).
    func name(of token: Token) -> String { lexer.text(of: token.span) }

    /// True when `token` is the word `word` (a name the grammar reads as a word in one place: `within`, `show`).
    func isWord(_ token: Token, _ word: StaticString) -> Bool { token.isWord(word, in: file) }

    @inline(__always)
    mutating func enter(_ span: SourceSpan) throws(EvalError) {
        depth += 1
        if depth > Parser.maximumDepth {
            throw EvalError("expression nested too deeply (more than \(Parser.maximumDepth) levels)", span: span)
        }
    }

    @inline(__always)
    mutating func leave() { depth -= 1 }
}
