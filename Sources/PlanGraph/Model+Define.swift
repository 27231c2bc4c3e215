public import PlanCore

/// Defining, redefining and deleting cells, functions, alerts and watches.
extension Model {
    /// Defines or redefines a cell `name = expr` (atomically) and recalculates what depends on it.
    ///
    /// Names are resolved here, once (`Resolver`). A `range` (`within LO to HI`) replaces the cell's valid
    /// range; without one a redefinition keeps it, as it keeps the docs.
    public mutating func define(
        _ name: String, nameSpan: SourceSpan, expr: Expr, file: SourceFile, doc: [String] = [],
        range: ValidRange? = nil
    ) throws(Diagnostic) -> ChangeSet {
        // A cell may share its name with a built-in (`occupancy` and `occupancy(…)`): calls are written differently.
        if functionIds[name] != nil {
            throw Diagnostic(.error, "`\(name)` is a function; a cell needs another name", file: file, span: nameSpan)
        }
        let existing = cellIds[name]
        // A new cell may read itself a month back (`team = prev(team, 30) - 1`): it gets the next slot.
        let lowered = try lower(expr, newCell: existing == nil ? (name, nodes.count) : nil, file: file)
        var node = Node(
            kind: .cell, name: name, expr: expr, code: lowered.code, file: file, doc: doc, deps: lowered.deps)
        node.drawsFromDistribution = lowered.draws
        node.laggedDeps = lowered.lagged
        node.range = range
        if let existing, let old = nodes[existing] {
            if doc.isEmpty { node.doc = old.doc }
            if range == nil { node.range = old.range }
        }
        return try replace(existing, with: node, nameSpan: nameSpan, file: file)
    }

    /// Defines or redefines a user function `name(params) = body`.
    public mutating func defineFunction(
        _ name: String, nameSpan: SourceSpan, params: [String], body: Expr, file: SourceFile, doc: [String] = []
    ) throws(Diagnostic) -> ChangeSet {
        if cellIds[name] != nil {
            throw Diagnostic(.error, "`\(name)` is a cell; a function needs another name", file: file, span: nameSpan)
        }
        if builtins[name] != nil {
            throw Diagnostic(
                .error, "`\(name)` is a built-in function and cannot be redefined", file: file, span: nameSpan)
        }
        for param in params where Parser.keywords.contains(param) {
            throw Diagnostic(.error, "`\(param)` is a keyword and cannot name a parameter", file: file, span: nameSpan)
        }
        let lowered = try lower(body, parameters: params, defining: name, file: file)
        var node = Node(
            kind: .function, name: name, expr: body, code: lowered.code, params: params, file: file, doc: doc,
            deps: lowered.deps)
        node.drawsFromDistribution = lowered.draws
        node.laggedDeps = lowered.lagged
        return try replace(functionIds[name], with: node, nameSpan: nameSpan, file: file)
    }

    /// Adds or replaces the live rule `alert "message" when condition [show label: expr, …]`.
    ///
    /// The `show` details are resolved like the condition (an unknown name is refused) and their cells count
    /// as the alert's dependencies (so `delete` refuses a cell a detail shows); they are evaluated only when
    /// the alert is shown, not during recalculation.
    public mutating func defineAlert(
        _ message: String, condition: Expr, span: SourceSpan, file: SourceFile, details: [AlertDetail] = []
    ) throws(Diagnostic) -> ChangeSet {
        let lowered = try lower(condition, file: file)
        var deps = lowered.deps
        for detail in details {
            for dep in try lower(detail.expr, file: file).deps where !deps.contains(dep) { deps.append(dep) }
        }
        var node = Node(kind: .alert, name: message, expr: condition, code: lowered.code, file: file, deps: deps)
        node.laggedDeps = lowered.lagged
        node.details = details
        return try replace(alertIds[message], with: node, nameSpan: span, file: file)
    }

    /// Replaces the watch list.
    public mutating func watch(_ names: [(String, SourceSpan)], file: SourceFile) throws(Diagnostic) {
        for (name, span) in names where cellIds[name] == nil {
            throw Diagnostic(
                .error, "unknown cell `\(name)`", file: file, span: span,
                hint: Suggestion.hint(for: name, among: cellIds.keys))
        }
        var unique: [String] = []
        var seen: Set<String> = []
        for (name, _) in names where seen.insert(name).inserted { unique.append(name) }
        watches = unique
    }

    /// Replaces the watch list with names already checked to be cells.
    public mutating func replaceWatches(_ names: [String]) { watches = names.filter { cellIds[$0] != nil } }

    /// Removes a cell or function; refused while others use it.
    public mutating func delete(_ name: String, span: SourceSpan, file: SourceFile) throws(Diagnostic) {
        guard let id = cellIds[name] ?? functionIds[name], let node = nodes[id] else {
            throw Diagnostic(
                .error, "unknown cell `\(name)`", file: file, span: span,
                hint: Suggestion.hint(for: name, among: Array(cellIds.keys) + Array(functionIds.keys)))
        }
        let users = self.users(of: id)
        if !users.isEmpty {
            throw Diagnostic(
                .error, "cannot delete `\(name)`: used by " + users.map { "`\($0)`" }.joined(separator: ", "),
                file: file, span: span)
        }
        if node.kind == .cell, report?.uses(name) == true {
            throw Diagnostic(
                .error, "cannot delete `\(name)`: the report shows it", kind: .refused, file: file, span: span,
                hint: "mark the report's rows again without it: `report …`")
        }
        for dep in node.deps { removeDependent(id, of: dep) }
        setNode(id, nil)
        if node.kind == .cell { setCellId(name, nil) } else { setFunctionId(name, nil) }
        watches.removeAll { $0 == name }
    }

    /// Resolves every name a definition uses, once: its code, the nodes it depends on, whether it draws.
    ///
    /// The first name that does not resolve refuses the definition.
    func lower(
        _ expr: Expr, parameters: [String] = [], defining function: String? = nil,
        newCell: (name: String, slot: Int)? = nil, file: SourceFile
    ) throws(Diagnostic) -> (code: Code, deps: [Int], lagged: [Int], draws: Bool) {
        var resolver = Resolver(names, parameters: parameters, defining: function, newCell: newCell)
        let code = resolver.lower(expr)
        if let error = resolver.errors.first { throw error.diagnostic(in: file) }
        return (code, resolver.dependencies, resolver.laggedDependencies, resolver.drawSites > 0)
    }

    /// Puts `node` in place of `existing` (or adds it), checks for cycles and recalculates, atomically.
    private mutating func replace(
        _ existing: Int?, with node: Node, nameSpan: SourceSpan, file: SourceFile
    ) throws(Diagnostic) -> ChangeSet {
        let sameMonth = node.laggedDeps.isEmpty ? node.deps : node.deps.filter { !node.laggedDeps.contains($0) }
        let slot = existing ?? nodes.count
        if let path = cyclePath(from: slot, name: node.name, through: sameMonth) {
            throw Diagnostic(
                .error, "cycle: " + path.joined(separator: " → "), kind: .cycle, file: file, span: node.span,
                hint: timeline != nil && node.kind == .cell && path.count > 1
                    ? "to read `\(path[1])` as it was a month before, write `prev(\(path[1]), …)`" : nil)
        }
        if existing == nil && node.kind == .cell && !node.deps.contains(slot) {
            return try add(node)
        }
        begin()
        let id: Int
        var old: Value?
        if let existing, let previous = nodes[existing] {
            id = existing
            old = nodes.value(at: existing)
            for dep in previous.deps { removeDependent(id, of: dep) }
            setNode(id, node)
        } else {
            id = appendNode(node)
            switch node.kind {
            case .cell: setCellId(node.name, id)
            case .function: setFunctionId(node.name, id)
            case .alert: setAlertId(node.name, id)
            case .timeline: setTimelineId(id)
            }
        }
        for dep in node.deps { addDependent(id, of: dep) }
        do {
            let changes = try recalculate(from: id, oldRootValue: old)
            commit()
            return changes
        } catch {
            rollback()
            throw blame(error, redefining: existing, as: node)
        }
    }

    /// Adds a brand-new cell: nothing depends on it yet, so it is evaluated before anything changes and
    /// no journal is needed (the fast path when a large model loads).
    private mutating func add(_ node: Node) throws(Diagnostic) -> ChangeSet {
        let value: Value
        do throws(EvalError) {
            value = try evaluateNode(node)
        } catch {
            throw Diagnostic(
                .error, error.message, kind: error.kind, file: node.file, span: error.span ?? node.span,
                hint: error.hint)
        }
        let id = appendNode(node, value: value)
        cellIds[node.name] = id
        for dep in node.deps { dependents[dep].append(id) }
        var changes = ChangeSet()
        changes.cells = [ChangeSet.CellChange(name: node.name, old: nil, new: value)]
        changes.recomputed = 1
        return changes
    }
}

extension Model {
    /// Makes room for `count` more definitions at once, before a file of that many lines is run.
    ///
    /// The name table and the users grow by doubling otherwise: loading the 100,000-cell chain rehashed every name
    /// 17 times (5% of its time). Room is only made for a large file; the caller caps `count` at its own limit.
    public mutating func reserveCapacity(forDefinitions count: Int) {
        guard count >= 4_096 else { return }
        let wanted = cellIds.count + count
        guard wanted > cellIds.capacity else { return }
        cellIds.reserveCapacity(wanted)
        dependents.reserveCapacity(wanted)
    }
}
