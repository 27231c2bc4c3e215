import PlanCore

/// Recalculation downstream of a change, in dependency order, stopping where values did not change.
extension Model {
    /// The nodes downstream of `root` (itself first) in topological order.
    public func downstream(of root: Int) -> [Int] {
        if dependents[root].isEmpty { return [root] }
        var visited: Set<Int> = [root]
        var postorder: [Int] = []
        var stack: [(id: Int, next: Int)] = [(root, 0)]
        while let top = stack.last {
            let users = dependents[top.id]
            if top.next < users.count {
                stack[stack.count - 1].next += 1
                let user = users[top.next]
                if visited.insert(user).inserted { stack.append((user, 0)) }
            } else {
                postorder.append(top.id)
                stack.removeLast()
            }
        }
        return postorder.reversed()
    }

    /// The nodes reachable from `roots` through the dependencies they use (only those `including` accepts),
    /// each after everything it uses: the order to define, save or evaluate them in.
    public func dependencyOrder<Roots: Sequence<Int>>(
        from roots: Roots, including: (Int) -> Bool = { _ in true }
    ) -> [Int] {
        var order: [Int] = []
        var visited: Set<Int> = []
        for root in roots where nodes[root] != nil && including(root) && visited.insert(root).inserted {
            var stack: [(id: Int, next: Int)] = [(root, 0)]
            while let top = stack.last {
                let deps = nodes[top.id]?.deps ?? []
                if top.next < deps.count {
                    stack[stack.count - 1].next += 1
                    let dep = deps[top.next]
                    if including(dep) && visited.insert(dep).inserted { stack.append((dep, 0)) }
                } else {
                    order.append(top.id)
                    stack.removeLast()
                }
            }
        }
        return order
    }

    /// The cycle that defining node `id` with `deps` would close, as names in use order, or nil.
    func cyclePath(from id: Int, through deps: [Int]) -> [String]? {
        let name = nodes[id]?.name ?? "?"
        if deps.contains(id) { return [name, name] }
        let targets = Set(deps)
        var parent: [Int: Int] = [id: id]
        var stack = [id]
        while let current = stack.popLast() {
            for user in dependents[current] where parent[user] == nil {
                parent[user] = current
                if targets.contains(user) {
                    var path = [name]
                    var step = user
                    while step != id {
                        path.append(nodes[step]?.name ?? "?")
                        step = parent[step] ?? id
                    }
                    path.append(name)
                    return path
                }
                stack.append(user)
            }
        }
        return nil
    }

    /// Re-evaluates `root` and everything downstream whose inputs changed.
    mutating func recalculate(from root: Int, oldRootValue: Value?) throws(Diagnostic) -> ChangeSet {
        var changes = ChangeSet()
        let order = downstream(of: root)
        var changed: Set<Int> = []
        for (position, id) in order.enumerated() {
            guard let node = nodes[id] else { continue }
            if id != root && !node.deps.contains(where: { changed.contains($0) }) { continue }
            if position & 1023 == 1023, let isCancelled, isCancelled() {
                throw Diagnostic(.error, "interrupted: the change was not applied", kind: .interrupted)
            }
            changes.recomputed += 1
            if node.kind == .function {
                changed.insert(id)
                continue
            }
            let value: Value
            do {
                value = try evaluateNode(node)
            } catch {
                throw failure(error, at: node, root: root)
            }
            let old = id == root ? oldRootValue : node.value
            if node.kind == .alert {
                guard case .bool(let on) = value else {
                    throw failure(
                        EvalError(
                            "an alert's condition must be true or false, not \(value.kindDescription)",
                            span: node.span),
                        at: node, root: root)
                }
                let wasOn = old == .bool(true)
                if on != wasOn {
                    if on { changes.alertsOn.append(node.name) } else { changes.alertsOff.append(node.name) }
                }
                setValue(id, value)
                if old.map({ !$0.isIdentical(to: value) }) ?? true { changed.insert(id) }
                continue
            }
            let same = old.map { $0.isIdentical(to: value) } ?? false
            if id == root || !same {
                changes.cells.append(ChangeSet.CellChange(name: node.name, old: old, new: value))
            }
            setValue(id, value)
            if !same { changed.insert(id) }
        }
        return changes
    }

    func evaluateNode(_ node: Node) throws(EvalError) -> Value {
        try Interpreter.evaluate(node.code, in: NodeTable(nodes: nodes))
    }

    private func failure(_ error: EvalError, at node: Node, root: Int) -> Diagnostic {
        let span = error.span ?? node.span
        if node.name == nodes[root]?.name && node.kind == nodes[root]?.kind {
            return Diagnostic(.error, error.message, kind: error.kind, file: node.file, span: span, hint: error.hint)
        }
        let rootNode = nodes[root]
        let label = node.kind == .alert ? "the alert \"\(node.name)\"" : "`\(node.name)`"
        let note = Diagnostic(.note, "in \(label), defined here", file: node.file, span: span, hint: error.hint)
        return Diagnostic(
            .error, "refused: this change would break \(label): \(error.message)",
            kind: error.kind == .interrupted ? .interrupted : .refused, file: rootNode?.file,
            span: rootNode?.span, notes: [note])
    }
}
