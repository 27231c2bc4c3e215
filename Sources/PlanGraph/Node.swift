public import PlanCore

/// A node of the live model: a cell, a user function or an alert.
public struct Node: Sendable {
    /// What a node is.
    public enum Kind: Sendable, Equatable {
        /// A named value.
        case cell
        /// A user function.
        case function
        /// A live rule `alert "message" when cond`.
        case alert
        /// The model's monthly axis (`timeline FROM to TO`): its value is the `month` series, and every
        /// timeline function depends on it.
        case timeline
    }

    /// What it is.
    public var kind: Kind
    /// Creates a node.
    init(
        kind: Kind, name: String, expr: Expr, code: Code, params: [String] = [], file: SourceFile, doc: [String] = [],
        deps: [Int] = []
    ) {
        self.kind = kind
        self.name = name
        self.span = expr.span
        self.code = code
        self.params = params
        self.file = file
        self.doc = doc
        self.deps = deps
    }

    /// The cell or function name, or the alert's message.
    public var name: String
    /// Where the formula (cell), body (function) or condition (alert) is in `file`.
    public var span: SourceSpan
    /// The formula (cell), body (function) or condition (alert), parsed again from `file` on demand:
    /// the node keeps only its resolved `code` (see `Parser.reparseExpression`).
    public var expr: Expr {
        Parser.reparseExpression(in: file, at: span) ?? Expr(.number(.nan, .plain), span)
    }
    /// The formula with its names resolved (see `Resolver`): what evaluation runs.
    public var code: Code
    /// A function's parameters.
    public var params: [String] = []
    /// The file its definition is in (the expression's spans refer to it).
    public var file: SourceFile
    /// Its `##` documentation.
    public var doc: [String] = []
    /// The ids of the nodes it uses.
    public var deps: [Int] = []
    /// The ids among `deps` it reads only a month back (inside `prev`): a cycle through them is a recurrence.
    public var laggedDeps: [Int] = []
    /// The value (a cell's value, an alert's state); nil for functions.
    public var value: Value?
    /// True when its own expression draws from a distribution.
    public var drawsFromDistribution = false
    /// An alert's `show` details (empty for cells, functions and alerts without them).
    public var details: [AlertDetail] = []
    /// A cell's valid range (`within LO to HI`), kept across redefinitions that do not declare one.
    public var range: ValidRange?

    /// The source text of the expression.
    public var formula: String { file.text(of: span) }

    /// The formula on one line (continuation lines joined), for display.
    public var formulaOneLine: String {
        var out = ""
        var lastWasSpace = false
        for char in formula {
            let space = char == "\n" || char == " " || char == "\t" || char == "\r"
            if space && lastWasSpace { continue }
            out.append(space ? " " : char)
            lastWasSpace = space
        }
        return out
    }

    /// The statement that defines it, as source text.
    public var definition: String {
        switch kind {
        case .cell: return "\(name) = \(formula)" + (range.map { " within " + $0.text } ?? "")
        case .function: return "\(name)(\(params.joined(separator: ", "))) = \(formula)"
        case .alert:
            let shown = details.map { $0.label + ": " + file.text(of: $0.expr.span) }
            return "alert \"\(name)\" when \(formula)" + (shown.isEmpty ? "" : " show " + shown.joined(separator: ", "))
        case .timeline: return formula
        }
    }
}

extension [Node?] {
    /// The value of the node in a slot, read in place: `nodes[id]?.value` on the array copies the whole node
    /// (retaining every field) before it reads one, which dominated recalculating a large model.
    @inline(__always)
    func value(at id: Int) -> Value? { withUnsafeBufferPointer { $0[id]?.value } }
}
