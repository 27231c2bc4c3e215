/// What a definition can name: cells and user functions by slot, and the built-ins.
public protocol NameTable {
    /// The slot of the cell with this name, or nil.
    func cellSlot(_ name: String) -> Int?
    /// The slot of the user function with this name, or nil.
    func functionSlot(_ name: String) -> Int?
    /// The built-in functions.
    var builtins: Builtins { get }
    /// Every cell name (for "did you mean"; only read when a name does not resolve).
    var cellNames: [String] { get }
    /// Every user function name (for "did you mean").
    var functionNames: [String] { get }
}

/// Lowers expressions to `Code`, resolving each identifier once.
///
/// Lookup order for a bare name: a parameter of the function being defined, then a cell, then a unit
/// word (`min`, `h`, `year`). A call names a user function, else a built-in. What resolves is recorded
/// in `dependencies` (slots, each once, in source order); what does not becomes `.failure` and is
/// listed in `errors` in source order, so a definition can be refused with the first one while an
/// ad-hoc expression reports it only if evaluation reaches it.
///
/// A name is resolved when its definition is made. A unit word stays a unit even if a cell of that
/// name is defined later; redefining a cell keeps its slot, so its users need no new resolution, and
/// a cell that is used cannot be deleted.
public struct Resolver {
    private let names: any NameTable
    private let parameters: [String]
    private let defining: String?
    /// The slots the lowered code reads (cells and user functions), each once.
    public private(set) var dependencies: [Int] = []
    /// Names that did not resolve, in source order.
    public private(set) var errors: [EvalError] = []
    /// How many draw sites (`a to b`, distribution calls) the lowered code has.
    public private(set) var drawSites = 0

    /// Creates a resolver for one definition; `defining` names the function being defined, if any.
    public init(_ names: any NameTable, parameters: [String] = [], defining function: String? = nil) {
        self.names = names
        self.parameters = parameters
        self.defining = function
    }

    /// Lowers an expression.
    public mutating func lower(_ expr: Expr) -> Code {
        switch expr.kind {
        case .number(let value, let unit): return .constant(.number(value, unit))
        case .bool(let value): return .constant(.bool(value))
        case .string(let text): return .constant(.string(text))
        case .name(let word): return name(word, expr.span)
        case .negate(let operand): return .negate(lower(operand), expr.span)
        case .not(let operand): return .not(lower(operand), operand.span)
        case .chain(let first, let links):
            let head = lower(first)
            var lowered: [CodeLink] = []
            lowered.reserveCapacity(links.count)
            for link in links {
                let rhs = lower(link.rhs)
                var word: Unit?
                if link.op == .divide, case .name(let name) = link.rhs.kind, case .constant(.number(_, let unit)) = rhs,
                    Unit.Atom(word: name) != nil
                {
                    word = unit
                }
                lowered.append(CodeLink(op: link.op, rhs: rhs, span: link.rhs.span, unitWord: word))
            }
            return .chain(head, first.span, lowered)
        case .power(let base, let exponent): return .power(lower(base), lower(exponent), expr.span)
        case .call(let name, let nameSpan, let args): return call(name, nameSpan, args, expr.span)
        case .field(let base, let field, let fieldSpan): return .field(lower(base), field, fieldSpan)
        case .record(let entries): return .record(entries.map(\.key), entries.map { lower($0.value) })
        case .conditional(let condition, let yes, let no):
            return .conditional(lower(condition), lower(yes), lower(no), condition.span)
        case .convert(let inner, let unit, let unitSpan): return .convert(lower(inner), unit, unitSpan)
        case .interval(let low, let high):
            let site = drawSites
            drawSites += 1
            return .interval(
                lower(low), lower(high), CallSite(span: expr.span, argSpans: [low.span, high.span]), site: site)
        }
    }

    private mutating func name(_ name: String, _ span: SourceSpan) -> Code {
        if let index = parameters.firstIndex(of: name) { return .parameter(index, span) }
        if let slot = names.cellSlot(name) {
            use(slot)
            return .cell(slot, span)
        }
        if let atom = Unit.Atom(word: name) { return .constant(.number(atom.scale, .atom(atom))) }
        if names.functionSlot(name) != nil || names.builtins[name] != nil {
            return fail(
                EvalError("`\(name)` is a function: call it as `\(name)(…)`", kind: .typeMismatch, span: span))
        }
        return fail(
            EvalError(
                "unknown name `\(name)`", kind: .unknownName, span: span,
                hint: Suggestion.hint(for: name, among: names.cellNames + parameters)))
    }

    private mutating func call(_ name: String, _ nameSpan: SourceSpan, _ args: [Expr], _ span: SourceSpan) -> Code {
        if name == defining {
            return fail(
                EvalError(
                    "cycle: \(name) → \(name) (a function may not call itself)", kind: .cycle, span: nameSpan))
        }
        let slot = names.functionSlot(name)
        let builtin = slot == nil ? names.builtins[name] : nil
        if slot == nil && builtin == nil {
            return fail(
                EvalError(
                    "unknown function `\(name)`", kind: .unknownFunction, span: nameSpan,
                    hint: Suggestion.hint(for: name, among: names.builtins.names + names.functionNames)))
        }
        if let slot { use(slot) }
        let lowered = args.map { lower($0) }
        let site = CallSite(span: span, argSpans: args.map(\.span))
        if let slot { return .function(slot, lowered, site) }
        guard let builtin else { return .failure(EvalError("unknown function `\(name)`", kind: .unknownFunction)) }
        if builtin.distribution != nil {
            let index = drawSites
            drawSites += 1
            return .draw(builtin, lowered, site, site: index)
        }
        return .builtin(builtin, lowered, site)
    }

    private mutating func use(_ slot: Int) {
        if !dependencies.contains(slot) { dependencies.append(slot) }
    }

    private mutating func fail(_ error: EvalError) -> Code {
        errors.append(error)
        return .failure(error)
    }
}
