/// An expression with its place in the source.
public struct Expr: Sendable {
    /// What the expression is.
    public var kind: ExprKind
    /// Where it is.
    public var span: SourceSpan

    /// Creates an expression.
    public init(_ kind: ExprKind, _ span: SourceSpan) {
        self.kind = kind
        self.span = span
    }
}

/// Binary operators, in chains of one precedence level.
public enum BinaryOp: String, Sendable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case power = "^"
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessEqual = "<="
    case greater = ">"
    case greaterEqual = ">="
    case and, or
}

/// One link of an operator chain: `op rhs`.
public struct ChainLink: Sendable {
    /// The operator.
    public var op: BinaryOp
    /// Where the operator is.
    public var opSpan: SourceSpan
    /// The right operand.
    public var rhs: Expr

    /// Creates a link.
    public init(op: BinaryOp, opSpan: SourceSpan, rhs: Expr) {
        self.op = op
        self.opSpan = opSpan
        self.rhs = rhs
    }
}

/// A field of a record literal.
public struct RecordEntry: Sendable {
    /// The key.
    public var key: String
    /// Where the key is.
    public var keySpan: SourceSpan
    /// The value.
    public var value: Expr

    /// Creates an entry.
    public init(key: String, keySpan: SourceSpan, value: Expr) {
        self.key = key
        self.keySpan = keySpan
        self.value = value
    }
}

/// The kinds of expression.
///
/// Operators of one precedence level form a flat chain (`a + b - c` is one node), so a long sum is
/// evaluated in a loop and never nests deeply.
///
/// Only the cases that hold an `Expr` (and calls, whose name, span and arguments would make every node
/// bigger) are `indirect`, boxed on the heap: the leaves (numbers, names, strings, booleans, records) are
/// stored inline, so a leaf costs no allocation. A large model's parse builds hundreds of thousands of
/// leaves, and boxing each one was a large share of its time.
public enum ExprKind: Sendable {
    /// A number in base units with its unit (`42`, `$55k`, `25%`, `11 min`, a bare unit name).
    case number(Double, Unit)
    /// `true` or `false`.
    case bool(Bool)
    /// A string literal.
    case string(String)
    /// A reference to a cell or a function parameter.
    case name(String)
    /// Negation (`-x`), written an odd number of times.
    indirect case negate(Expr)
    /// `not x`.
    indirect case not(Expr)
    /// A chain of operators of one precedence level, applied left to right.
    indirect case chain(Expr, [ChainLink])
    /// A chain of one link (`a * 0.5`, `x > 3`): the same as `.chain(lhs, [link])`, in one allocation instead of a
    /// box and an array (most chains of a large model have one link). The parser makes it for every one-link
    /// chain; `chainParts` reads both forms as a chain.
    indirect case binary(Expr, ChainLink)
    /// `a ^ b` (right associative).
    indirect case power(Expr, Expr)
    /// A call `name(args)`.
    indirect case call(String, SourceSpan, [Expr])
    /// A field read `expr.field`.
    indirect case field(Expr, String, SourceSpan)
    /// A record literal.
    case record([RecordEntry])
    /// `if c then a else b`.
    indirect case conditional(Expr, Expr, Expr)
    /// `expr in unit`: the value of `expr`, shown in `unit`.
    indirect case convert(Expr, Unit, SourceSpan)
    /// `a to b`: the distribution with that 90% interval.
    indirect case interval(Expr, Expr)
}

extension Expr {
    /// The first operand and the links of a chain of one precedence level (`a + b - c`), stored flat (`.chain`)
    /// or, with one link, as `.binary`; nil for any other expression.
    public var chainParts: (first: Expr, links: [ChainLink])? {
        switch kind {
        case .chain(let first, let links): return (first, links)
        case .binary(let first, let link): return (first, [link])
        default: return nil
        }
    }
}

/// A statement of the language.
public struct Statement: Sendable {
    /// What the statement does.
    public enum Kind: Sendable {
        /// `name = expr`.
        case define(String, SourceSpan, Expr)
        /// `name.field = expr`.
        case defineField(String, SourceSpan, String, SourceSpan, Expr)
        /// `f(x, y) = expr`.
        case defineFunction(String, SourceSpan, [String], Expr)
        /// A bare expression: show its value.
        case show(Expr)
        /// `print a, "text", …`.
        case print([Expr])
        /// `assert cond ["message"]`.
        case assert(Expr, String?)
        /// `alert "message" when cond`; its `show` details, if any, are in `Statement.alertDetails`.
        case alert(String, Expr)
        /// `watch a, b`.
        case watch([(String, SourceSpan)])
        /// `use "preset-or-file"`.
        case use(String)
        /// `delete name`.
        case delete(String, SourceSpan)
        /// `timeline FROM to TO` (a monthly axis), or `timeline off` (nil).
        case timeline(Timeline?)
        /// `report row, …`: what `:report` shows.
        case report([ReportRow])
        /// A `:command` line (raw text, colon included).
        case command(String)
    }

    /// What it does.
    public var kind: Kind
    /// The whole statement.
    public var span: SourceSpan
    /// The `##` lines directly above it.
    public var doc: [String]
    /// The file it is in.
    public var file: SourceFile
    /// An alert's `show` details (`alert "…" when cond show complex: csat_change.complex, …`); empty otherwise.
    public var alertDetails: [AlertDetail] = []
    /// A definition's valid range (`name = expr within LO to HI`); nil otherwise.
    public var range: RangeClause?

    /// Creates a statement.
    public init(kind: Kind, span: SourceSpan, doc: [String], file: SourceFile) {
        self.kind = kind
        self.span = span
        self.doc = doc
        self.file = file
    }

    /// Creates a statement with everything the parser found in it.
    init(
        kind: Kind, span: SourceSpan, doc: [String], file: SourceFile, alertDetails: [AlertDetail],
        range: RangeClause?
    ) {
        self.kind = kind
        self.span = span
        self.doc = doc
        self.file = file
        self.alertDetails = alertDetails
        self.range = range
    }

    /// The statement's source text.
    public var text: String { file.text(of: span) }
}

/// One detail of an alert: `label: expr` after `show`, shown beside the alert's message when it is on.
///
/// `alert "blended CSAT hides a drop on complex" when … show complex: csat_change.complex, blend: …` shows
/// `⚠ blended CSAT hides a drop on complex (complex −8.7 pt; blend −1.8 pt)`. The label names what the value
/// is about (a tier, `blend`); two alerts that show the same label are about the same thing.
public struct AlertDetail: Sendable {
    /// The label, a name.
    public var label: String
    /// Where the label is.
    public var labelSpan: SourceSpan
    /// The value to show.
    public var expr: Expr

    /// Creates a detail.
    public init(label: String, labelSpan: SourceSpan, expr: Expr) {
        self.label = label
        self.labelSpan = labelSpan
        self.expr = expr
    }
}
