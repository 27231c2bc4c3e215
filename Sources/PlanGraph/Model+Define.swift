public import PlanCore

/// Defining, redefining and deleting cells, functions, alerts and watches.
extension Model {
    /// Defines or redefines a cell `name = expr` (atomically) and recalculates what depends on it.
    ///
    /// Names are resolved here, once (`Resolver`); `references` and `hasInterval` are accepted for
    /// callers that have them from the parser and no longer needed.
    public mutating func define(
        _ name: String, nameSpan: SourceSpan, expr: Expr, file: SourceFile, doc: [String] = [],
        references: [Expr.Reference]? = nil, hasInterval: Bool = false
    ) throws(Diagnostic) -> ChangeSet {
        // A cell may share its name with a built-in (`occupancy` and `occupancy(…)`): calls are written differently.
        if functionIds[name] != nil {
            throw Diagnostic(.error, "`\(name)` is a function; a cell needs another name", file: file, span: nameSpan)
        }
        let (code, deps, draws) = try lower(expr, file: file)
        let existing = cellIds[name]
        var node = Node(kind: .cell, name: name, expr: expr, code: code, file: file, doc: doc, deps: deps)
        node.drawsFromDistribution = draws
        if let existing, let old = nodes[existing] {
            if doc.isEmpty { node.doc = old.doc }
            node.value = old.value
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
        let (code, deps, draws) = try lower(body, parameters: params, defining: name, file: file)
        var node = Node(
            kind: .function, name: name, expr: body, code: code, params: params, file: file, doc: doc, deps: deps)
        node.drawsFromDistribution = draws
        return try replace(functionIds[name], with: node, nameSpan: nameSpan, file: file)
    }

    /// Adds or replaces the live rule `alert "message" when condition`.
    public mutating func defineAlert(
        _ message: String, condition: Expr, span: SourceSpan, file: SourceFile
    ) throws(Diagnostic) -> ChangeSet {
        let (code, deps, _) = try lower(condition, file: file)
        let node = Node(kind: .alert, name: message, expr: condition, code: code, file: file, deps: deps)
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
        for dep in node.deps { removeDependent(id, of: dep) }
        setNode(id, nil)
        if node.kind == .cell { setCellId(name, nil) } else { setFunctionId(name, nil) }
        watches.removeAll { $0 == name }
    }

    /// Resolves every name a definition uses, once: its code, the nodes it depends on, whether it draws.
    ///
    /// The first name that does not resolve refuses the definition.
    func lower(
        _ expr: Expr, parameters: [String] = [], defining function: String? = nil, file: SourceFile
    ) throws(Diagnostic) -> (Code, [Int], Bool) {
        var resolver = Resolver(self, parameters: parameters, defining: function)
        let code = resolver.lower(expr)
        if let error = resolver.errors.first { throw error.diagnostic(in: file) }
        return (code, resolver.dependencies, resolver.drawSites > 0)
    }

    /// Puts `node` in place of `existing` (or adds it), checks for cycles and recalculates, atomically.
    private mutating func replace(
        _ existing: Int?, with node: Node, nameSpan: SourceSpan, file: SourceFile
    ) throws(Diagnostic) -> ChangeSet {
        if let existing, let path = cyclePath(from: existing, through: node.deps) {
            throw Diagnostic(.error, "cycle: " + path.joined(separator: " → "), file: file, span: node.span)
        }
        if existing == nil && node.kind == .cell {
            return try add(node)
        }
        begin()
        let id: Int
        var old: Value?
        if let existing, let previous = nodes[existing] {
            id = existing
            old = previous.value
            for dep in previous.deps { removeDependent(id, of: dep) }
            setNode(id, node)
        } else {
            id = appendNode(node)
            switch node.kind {
            case .cell: setCellId(node.name, id)
            case .function: setFunctionId(node.name, id)
            case .alert: setAlertId(node.name, id)
            }
        }
        for dep in node.deps { addDependent(id, of: dep) }
        do {
            let changes = try recalculate(from: id, oldRootValue: old)
            commit()
            return changes
        } catch {
            rollback()
            throw error
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
        var stored = node
        stored.value = value
        let id = appendNode(stored)
        cellIds[node.name] = id
        for dep in node.deps { dependents[dep].append(id) }
        var changes = ChangeSet()
        changes.cells = [ChangeSet.CellChange(name: node.name, old: nil, new: value)]
        changes.recomputed = 1
        return changes
    }
}
