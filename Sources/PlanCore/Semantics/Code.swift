/// An expression with every name resolved: the form the interpreter runs.
///
/// `Resolver` lowers an `Expr` into `Code` once, when a cell, function or alert is defined: each
/// identifier becomes what it is (a cell slot, a parameter slot, a unit word's value, a built-in, a
/// user function), so evaluation reads cells by index and never looks a name up or compares strings.
/// Spans stay in the tree for errors. A name that cannot be resolved becomes `.failure`, which throws
/// its error when (and only when) evaluation reaches it, in evaluation order.
///
/// Leaves (constants, cells, parameters) are stored inline, not boxed: most of a large model's code
/// is leaves, and a box per leaf doubled its memory.
public enum Code: Sendable {
    /// A literal or a unit word (`h` is 3600 seconds in hours).
    case constant(Value)
    /// The value of the cell in a slot (a node id of the model).
    case cell(Int, SourceSpan)
    /// A parameter of the enclosing function, by position.
    case parameter(Int, SourceSpan)
    /// Negation.
    indirect case negate(Code, SourceSpan)
    /// `not x`: the operand and its span.
    indirect case not(Code, SourceSpan)
    /// A chain of operators of one precedence level; the span is the first operand's.
    indirect case chain(Code, SourceSpan, [CodeLink])
    /// `a ^ b`.
    indirect case power(Code, Code, SourceSpan)
    /// A call of the user function in a slot (a node id).
    indirect case function(Int, [Code], CallSite)
    /// A call of a built-in.
    indirect case builtin(Builtin, [Code], CallSite)
    /// A draw from a distribution built-in; `site` numbers the draws of one definition.
    indirect case draw(Builtin, [Code], CallSite, site: Int)
    /// A function of the timeline; `site` numbers the timeline calls of one definition (their caches).
    indirect case series(SeriesFunction, [Code], CallSite, site: Int)
    /// `a to b`, a draw from the 90%-interval distribution (`DistributionBuiltins.interval`).
    indirect case interval(Code, Code, CallSite, site: Int)
    /// A field read `expr.field`.
    indirect case field(Code, String, SourceSpan)
    /// A record literal.
    indirect case record([String], [Code])
    /// `if c then a else b` with the condition's span.
    indirect case conditional(Code, Code, Code, SourceSpan)
    /// `expr in unit`.
    indirect case convert(Code, Unit, SourceSpan)
    /// A name that did not resolve: throws when evaluated.
    indirect case failure(EvalError)
}

/// One link of a resolved operator chain.
public struct CodeLink: Sendable {
    /// The operator.
    public var op: BinaryOp
    /// The right operand.
    public var rhs: Code
    /// The right operand's span (errors point at it).
    public var span: SourceSpan
    /// For `x / word` with a bare unit word on the right: the unit it names, kept as written (`h per year`).
    public var unitWord: Unit?

    /// Creates a link.
    public init(op: BinaryOp, rhs: Code, span: SourceSpan, unitWord: Unit? = nil) {
        self.op = op
        self.rhs = rhs
        self.span = span
        self.unitWord = unitWord
    }
}

/// A user function after resolution: how many parameters it takes and its body.
public struct CompiledFunction: Sendable {
    /// Its name (for errors).
    public var name: String
    /// How many parameters it takes.
    public var arity: Int
    /// Its body, parameters resolved to slots.
    public var body: Code

    /// Creates a compiled function.
    public init(name: String, arity: Int, body: Code) {
        self.name = name
        self.arity = arity
        self.body = body
    }
}
