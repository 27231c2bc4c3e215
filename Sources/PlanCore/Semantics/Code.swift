/// An expression with every name resolved: the form the interpreter runs.
///
/// `Resolver` lowers an `Expr` into `Code` once, when a cell, function or alert is defined: each
/// identifier becomes what it is (a cell slot, a parameter slot, a unit word's value, a built-in, a
/// user function), so evaluation reads cells by index and never looks a name up or compares strings.
/// Spans stay in the tree for errors. A name that cannot be resolved becomes `.failure`, which throws
/// its error when (and only when) evaluation reaches it, in evaluation order.
///
/// Memory (a model of 100,000 cells keeps 100,000 of these trees): the common leaves (plain numbers, cells,
/// parameters) are stored inline in 12 bytes, so a `Code` is 16 bytes; other constants are boxed. A short
/// chain of arithmetic (`x * 0.5`, `a * 0.5 + b * 0.25 + 3`: most of a large model) is a `binary` box per
/// operator rather than a chain box and an array of links. Longer chains stay flat (`chain`), so a chain of
/// thousands of terms nests no deeper than it is written.
public enum Code: Sendable {
    /// A plain number literal.
    case number(Double)
    /// Any other literal, or a unit word (`h` is 3600 seconds in hours).
    indirect case constant(Value)
    /// The value of the cell in a slot (a node id of the model).
    case cell(Slot, SourceSpan)
    /// A parameter of the enclosing function, by position.
    case parameter(Slot, SourceSpan)
    /// `a op b`, each operand with its span (errors point at the right one): an arithmetic operator or a
    /// comparison, the one-link form of `chain` (not `and`/`or`, nor a division by a bare unit word).
    indirect case binary(BinaryOp, Code, SourceSpan, Code, SourceSpan)
    /// An earlier operator of a short chain folded into `binary` nodes (`a + b` in `a + b + c`): the same, but
    /// it counts no level of evaluation depth, as the chain's links did not.
    indirect case link(BinaryOp, Code, SourceSpan, Code, SourceSpan)
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

extension Code {
    /// The most links a chain of arithmetic may have to be folded into `binary` nodes (each fold nests the
    /// evaluation one native call deeper than the flat chain did, so this bounds it).
    static var longestFoldedChain: Int { 4 }
}

/// One link of a resolved operator chain.
public struct CodeLink: Sendable {
    /// The operator.
    public var op: BinaryOp
    /// The right operand.
    public var rhs: Code
    /// The right operand's span (errors point at it).
    public var span: SourceSpan
    /// True for `x / word` with a bare unit word on the right (`rhs` is then the word's constant): the
    /// quotient keeps the unit as written (`h per year`).
    public var dividesByUnitWord: Bool

    /// Creates a link.
    public init(op: BinaryOp, rhs: Code, span: SourceSpan, dividesByUnitWord: Bool = false) {
        self.op = op
        self.rhs = rhs
        self.span = span
        self.dividesByUnitWord = dividesByUnitWord
    }

    /// The unit a bare unit word on the right names, kept as written (`h per year`).
    var unitWord: Unit? {
        guard dividesByUnitWord, case .constant(.number(_, let unit)) = rhs else { return nil }
        return unit
    }
}

/// A slot of the model (a node id) or a parameter's position, as `Code` stores it.
///
/// 32 bits, so a leaf with its span fits in 12 bytes. No model comes near 2³¹ nodes.
public struct Slot: Sendable, Hashable {
    @usableFromInline let stored: Int32

    /// The slot as an index.
    @inlinable public var index: Int { Int(stored) }

    /// Creates a slot from an index (at most `Int32.max`, which no model reaches).
    @inlinable public init(_ index: Int) { stored = Int32(clamping: index) }
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
