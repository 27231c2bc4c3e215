/// What a definition can name: cells and user functions by slot, the built-ins, and the timeline's slot.
///
/// A concrete value, not a protocol the model conforms to: `Resolver` generic over its table was compiled
/// unspecialised for the model (another module), so every definition looked up the resolver's generic metadata
/// and went through witness tables (with the copy of the model it held before, 2.7% of loading the 10,000-line chain).
public struct NameTable: Sendable {
    /// Cell slots by name.
    public var cellIds: [String: Int]
    /// User function slots by name.
    public var functionIds: [String: Int]
    /// The built-in functions.
    public var builtins: Builtins
    /// The slot of the model's timeline (its value is the `month` series), or nil without one.
    public var timelineSlot: Int?

    /// Creates a table; the default has no cells, no functions and no timeline.
    public init(
        cellIds: [String: Int] = [:], functionIds: [String: Int] = [:], builtins: Builtins, timelineSlot: Int? = nil
    ) {
        self.cellIds = cellIds
        self.functionIds = functionIds
        self.builtins = builtins
        self.timelineSlot = timelineSlot
    }

    /// The slot of the cell with this name, or nil.
    public func cellSlot(_ name: String) -> Int? { cellIds[name] }
    /// The slot of the user function with this name, or nil.
    public func functionSlot(_ name: String) -> Int? { functionIds[name] }
    /// Every cell name in slot order, which is definition order (for "did you mean"; read only when a name does
    /// not resolve).
    public var cellNames: [String] { Self.inSlotOrder(cellIds) }
    /// Every user function name in slot order (for "did you mean").
    public var functionNames: [String] { Self.inSlotOrder(functionIds) }

    private static func inSlotOrder(_ ids: [String: Int]) -> [String] {
        ids.sorted { $0.value < $1.value }.map(\.key)
    }
}

/// Lowers expressions to `Code`, resolving each identifier once.
///
/// Lookup order for a bare name: a parameter of the function being defined, then a cell, then a unit
/// word (`min`, `h`, `year`). A call names a user function, else a built-in. What resolves is recorded
/// in `dependencies` (slots, each once, in source order); what does not becomes `.failure` and is
/// listed in `errors` in source order, so a definition can be refused with the first one while an
/// ad-hoc expression reports it only if evaluation reaches it.
///
/// The timeline (SPEC §9): the bare name `month` is the month series (the timeline's own slot), and a function
/// of the timeline (`ramp`, `prev`, `total` …) depends on that slot too, so setting or removing the timeline
/// recalculates exactly what uses it; without a timeline both are errors that say one is needed. A cell
/// used only inside `prev`'s first argument is a *lagged* dependency (`laggedDependencies`): it may close a
/// cycle (a recurrence, `team = prev(team, 30) - 1`), which is evaluated month by month. A new cell may name
/// itself when `newCell` gives the slot it will get.
///
/// A name is resolved when its definition is made. A unit word stays a unit even if a cell of that
/// name is defined later; redefining a cell keeps its slot, so its users need no new resolution, and
/// a cell that is used cannot be deleted.
public struct Resolver {
    private let names: NameTable
    private let parameters: [String]
    private let defining: String?
    /// The slots the lowered code reads (cells and user functions), each once.
    public private(set) var dependencies: [Int] = []
    /// Names that did not resolve, in source order.
    public private(set) var errors: [EvalError] = []
    /// How many draw sites (`a to b`, distribution calls) the lowered code has.
    public private(set) var drawSites = 0
    /// How many calls of timeline functions the lowered code has.
    public private(set) var seriesSites = 0
    /// The slots used only inside `prev`'s first argument (a month back), each once.
    public private(set) var laggedDependencies: [Int] = []
    private var seen: Set<Int> = []
    private var lagDepth = 0
    private let newCell: (name: String, slot: Int)?

    /// Creates a resolver for one definition; `defining` names the function being defined, if any, and
    /// `newCell` the cell being defined with the slot it will get, when it does not exist yet.
    public init(
        _ names: NameTable, parameters: [String] = [], defining function: String? = nil,
        newCell: (name: String, slot: Int)? = nil
    ) {
        self.names = names
        self.parameters = parameters
        self.defining = function
        self.newCell = newCell
    }

    /// Lowers an expression.
    public mutating func lower(_ expr: Expr) -> Code {
        switch expr.kind {
        case .number(let value, let unit): return unit == .plain ? .number(value) : .constant(.number(value, unit))
        case .bool(let value): return .constant(.bool(value))
        case .string(let text): return .constant(.string(text))
        case .name(let word): return name(word, expr.span)
        case .negate(let operand): return .negate(lower(operand), expr.span)
        case .not(let operand): return .not(lower(operand), operand.span)
        case .chain(let first, let links): return chain(first, links)
        case .binary(let first, let link):
            // What `chain` makes of one link, without an array.
            let head = lower(first)
            guard isFoldable(link) else { return .chain(head, first.span, [codeLink(link)]) }
            return fold(head, first.span, link, last: true)
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

    /// A chain lowered: folded into `binary` nodes when short.
    private mutating func chain(_ first: Expr, _ links: [ChainLink]) -> Code {
        let head = lower(first)
        // A loop, not `links.allSatisfy { isFoldable($0) }`: a closure here copies the resolver (README).
        var foldable = links.count <= Code.longestFoldedChain
        if foldable {
            for link in links where !isFoldable(link) {
                foldable = false
                break
            }
        }
        guard foldable else {
            var lowered: [CodeLink] = []
            lowered.reserveCapacity(links.count)
            for link in links { lowered.append(codeLink(link)) }
            return .chain(head, first.span, lowered)
        }
        // Folded as the links are lowered: no array of links is built for a chain that will not keep one.
        var folded = head
        for (index, link) in links.enumerated() {
            folded = fold(folded, first.span, link, last: index == links.count - 1)
        }
        return folded
    }

    /// One link of a short chain folded onto the operands before it (`folded`), left to right.
    ///
    /// The last link is the `binary` that counts the chain's level of depth, the ones before it are `link`s that
    /// count none, so every operand is evaluated at the depth it had. `first` is the span of the chain's first operand.
    @inline(__always)
    private mutating func fold(_ folded: Code, _ first: SourceSpan, _ link: ChainLink, last: Bool) -> Code {
        let rhs = lowerOperand(link).code
        return last
            ? .binary(link.op, folded, first, rhs, link.rhs.span)
            : .link(link.op, folded, first, rhs, link.rhs.span)
    }

    /// A link of a chain that stays flat.
    private mutating func codeLink(_ link: ChainLink) -> CodeLink {
        let (rhs, isUnitWord) = lowerOperand(link)
        return CodeLink(op: link.op, rhs: rhs, span: link.rhs.span, dividesByUnitWord: isUnitWord)
    }

    /// A link's right operand; a bare unit word after `/` is always the unit (`x / month` divides by one month).
    private mutating func lowerOperand(_ link: ChainLink) -> (code: Code, isUnitWord: Bool) {
        if link.op == .divide, let atom = unitWord(link.rhs) {
            return (.constant(.number(atom.scale, .atom(atom))), true)
        }
        return (lower(link.rhs), false)
    }

    /// The unit a bare word names when no parameter and no cell has that name, else nil.
    private func unitWord(_ expr: Expr) -> Unit.Atom? {
        guard case .name(let word) = expr.kind, let atom = Unit.Atom(word: word),
            parameters.firstIndex(of: word) == nil, names.cellSlot(word) == nil
        else { return nil }
        return atom
    }

    /// True for a link a short chain folds into `binary`: arithmetic or a comparison, not `and`/`or` (which
    /// short-circuit) and not a division by a unit word (which the chain checks as a unit).
    private func isFoldable(_ link: ChainLink) -> Bool {
        !(link.op == .and || link.op == .or || (link.op == .divide && unitWord(link.rhs) != nil))
    }

    private mutating func name(_ name: String, _ span: SourceSpan) -> Code {
        if let index = parameters.firstIndex(of: name) { return .parameter(Slot(index), span) }
        if let slot = names.cellSlot(name) {
            use(slot)
            return .cell(Slot(slot), span)
        }
        if let newCell, newCell.name == name {
            use(newCell.slot)
            return .cell(Slot(newCell.slot), span)
        }
        if name == "month" {
            // The month series (SPEC §9); the unit is written after a number or `per` (`3 months`, `per month`).
            guard let slot = names.timelineSlot else { return fail(SeriesFunction.needsTimeline("month", span)) }
            use(slot)
            return .cell(Slot(slot), span)
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
        let site = CallSite(span: span, argSpans: args.map(\.span))
        if let series = builtin?.series { return seriesCall(series, args, site) }
        let lowered = args.map { lower($0) }
        if let slot { return .function(slot, lowered, site) }
        guard let builtin else { return .failure(EvalError("unknown function `\(name)`", kind: .unknownFunction)) }
        if builtin.distribution != nil {
            let index = drawSites
            drawSites += 1
            return .draw(builtin, lowered, site, site: index)
        }
        return .builtin(builtin, lowered, site)
    }

    /// A call of a timeline function: it depends on the timeline.
    ///
    /// What `prev` and `lag` read is lagged (a month or
    /// more back); what `cumulative` reads is read up to the month it is evaluated in, so inside a `prev` it is
    /// lagged too; what the functions that read every month (`total`, `at` …) read is never lagged.
    private mutating func seriesCall(_ function: SeriesFunction, _ args: [Expr], _ site: CallSite) -> Code {
        guard let timeline = names.timelineSlot else {
            return fail(SeriesFunction.needsTimeline(function.rawValue, site.span))
        }
        guard function.arity.contains(args.count) else {
            return fail(
                EvalError(
                    "`\(function.builtin.signature)` does not take \(args.count) argument\(args.count == 1 ? "" : "s")",
                    kind: .typeMismatch, span: site.span))
        }
        use(timeline)
        let saved = lagDepth
        var lowered: [Code] = []
        for (index, arg) in args.enumerated() {
            if index == 0 {
                switch function.readsFirstArgument {
                case .current, .upToCurrent: break
                case .earlier: lagDepth = saved + 1
                case .any: lagDepth = 0
                }
            }
            lowered.append(lower(arg))
            lagDepth = saved
        }
        let index = seriesSites
        seriesSites += 1
        return .series(function, lowered, site, site: index)
    }

    private mutating func use(_ slot: Int) {
        let first = firstUse(slot)
        if first {
            // Room for the few names of most definitions at once: appending one by one grew the array twice.
            if dependencies.isEmpty { dependencies.reserveCapacity(4) }
            dependencies.append(slot)
        }
        if lagDepth > 0 {
            // Lagged only while its first use is lagged and no later use reads it in the same month.
            if first { laggedDependencies.append(slot) }
        } else if !laggedDependencies.isEmpty, let index = laggedDependencies.firstIndex(of: slot) {
            laggedDependencies.remove(at: index)
        }
    }

    /// True the first time a slot is used (a linear scan for the few names of most definitions, a set beyond).
    private mutating func firstUse(_ slot: Int) -> Bool {
        if dependencies.count < 16 { return !dependencies.contains(slot) }
        if seen.isEmpty { seen = Set(dependencies) }
        return seen.insert(slot).inserted
    }

    private mutating func fail(_ error: EvalError) -> Code {
        errors.append(error)
        return .failure(error)
    }
}
