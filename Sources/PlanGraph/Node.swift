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
        self.file = file
        self.deps = deps
        if !params.isEmpty { self.params = params }
        if !doc.isEmpty { self.doc = doc }
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
    public var params: [String] {
        get { rare?.contents.params ?? [] }
        set { update { $0.params = newValue } }
    }
    /// The file its definition is in (the expression's spans refer to it).
    public var file: SourceFile
    /// Its `##` documentation.
    public var doc: [String] {
        get { rare?.contents.doc ?? [] }
        set { update { $0.doc = newValue } }
    }
    /// The ids of the nodes it uses.
    public var deps: [Int] = []
    /// The ids among `deps` it reads only a month back (inside `prev`): a cycle through them is a recurrence.
    public var laggedDeps: [Int] {
        get { rare?.contents.laggedDeps ?? [] }
        set { update { $0.laggedDeps = newValue } }
    }
    /// True when its own expression draws from a distribution.
    public var drawsFromDistribution = false
    /// An alert's `show` details (empty for cells, functions and alerts without them).
    public var details: [AlertDetail] {
        get { rare?.contents.details ?? [] }
        set { update { $0.details = newValue } }
    }
    /// A cell's valid range (`within LO to HI`), kept across redefinitions that do not declare one.
    public var range: ValidRange? {
        get { rare?.contents.range }
        set { update { $0.range = newValue } }
    }

    /// What most nodes do not have, in one box (nil when none is set): a large model keeps a node per cell,
    /// and these five fields inline made each node half as big again.
    private var rare: Box<Rare>?

    private struct Rare: Sendable {
        var params: [String] = []
        var doc: [String] = []
        var laggedDeps: [Int] = []
        var details: [AlertDetail] = []
        var range: ValidRange?

        var isEmpty: Bool {
            params.isEmpty && doc.isEmpty && laggedDeps.isEmpty && details.isEmpty && range == nil
        }
    }

    /// Changes the rarely set fields: boxed while any is set, nothing otherwise.
    private mutating func update(_ change: (inout Rare) -> Void) {
        var fields = rare?.contents ?? Rare()
        change(&fields)
        rare = fields.isEmpty ? nil : Box(fields)
    }

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

/// An immutable box: a value stored out of line, shared by copies (a change makes a new box).
final class Box<Contents: Sendable>: Sendable {
    let contents: Contents

    init(_ contents: Contents) { self.contents = contents }
}
