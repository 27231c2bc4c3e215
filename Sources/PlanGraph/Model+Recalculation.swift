import PlanCore

/// Recalculation downstream of a change, in dependency order, stopping where values did not change.
extension Model {
    /// The nodes downstream of `root` (itself first) in topological order.
    public func downstream(of root: Int) -> [Int] {
        if dependents[root].isEmpty { return [root] }
        var visited = [Bool](repeating: false, count: nodes.count)
        visited[root] = true
        var postorder: [Int] = []
        var stack: [(id: Int, next: Int)] = [(root, 0)]
        while let top = stack.last {
            if top.next < dependents[top.id].count {
                stack[stack.count - 1].next += 1
                let user = dependents[top.id][top.next]
                if !visited[user] {
                    visited[user] = true
                    stack.append((user, 0))
                }
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

    /// The cycle that defining node `id` (named `name`) with same-month `deps` would close, or nil.
    ///
    /// The cycle is given as names in use order. Edges a user reads a month back (`prev`) do not count: a cycle through one is a recurrence.
    func cyclePath(from id: Int, name: String, through deps: [Int]) -> [String]? {
        if deps.isEmpty { return nil }
        if deps.contains(id) { return [name, name] }
        guard id < dependents.count else { return nil }
        let targets = Set(deps)
        var parent: [Int: Int] = [id: id]
        var stack = [id]
        while let current = stack.popLast() {
            for user in dependents[current] where parent[user] == nil {
                if nodes[user]?.laggedDeps.isEmpty == false, nodes[user]?.laggedDeps.contains(current) == true {
                    continue
                }
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
        if hasRecurrence(order) { return try recalculate(steps: evaluationSteps(order), root: root, old: oldRootValue) }
        var changed = [Bool](repeating: false, count: nodes.count)
        for (position, id) in order.enumerated() {
            guard let node = nodes[id] else { continue }
            if id != root && !node.deps.contains(where: { changed[$0] }) { continue }
            if position & 1023 == 1023, let isCancelled, isCancelled() {
                throw Diagnostic(.error, "interrupted: the change was not applied", kind: .interrupted)
            }
            changes.recomputed += 1
            let value: Value?
            do {
                value = try evaluated(node)
            } catch {
                throw failure(error, at: node, root: root)
            }
            try settle(id, node, value, old: id == root ? oldRootValue : node.value, root: root, &changes, &changed)
        }
        return changes
    }

    /// Recalculation when recurrences are downstream: each recurrence is evaluated month by month as a group.
    private mutating func recalculate(steps: [EvaluationStep], root: Int, old rootOld: Value?) throws(Diagnostic)
        -> ChangeSet
    {
        var changes = ChangeSet()
        var changed = [Bool](repeating: false, count: nodes.count)
        for step in steps {
            if let isCancelled, isCancelled() {
                throw Diagnostic(.error, "interrupted: the change was not applied", kind: .interrupted)
            }
            switch step {
            case .one(let id):
                guard let node = nodes[id] else { continue }
                if id != root && !node.deps.contains(where: { changed[$0] }) { continue }
                changes.recomputed += 1
                let value: Value?
                do {
                    value = try evaluated(node)
                } catch {
                    throw failure(error, at: node, root: root)
                }
                try settle(id, node, value, old: id == root ? rootOld : node.value, root: root, &changes, &changed)
            case .recurrence(let group):
                let needed = group.contains { id in
                    id == root || (nodes[id]?.deps.contains(where: { changed[$0] }) ?? false)
                }
                guard needed else { continue }
                changes.recomputed += group.count
                let results: [(id: Int, value: Value)]
                do {
                    results = try evaluateRecurrence(group)
                } catch {
                    guard let node = nodes[error.id] else { continue }
                    throw failure(error.error, at: node, root: root)
                }
                for (id, value) in results {
                    guard let node = nodes[id] else { continue }
                    try settle(id, node, value, old: id == root ? rootOld : node.value, root: root, &changes, &changed)
                }
            }
        }
        return changes
    }

    /// A node's new value: a cell's or alert's formula evaluated, the timeline's own value (set, not computed),
    /// nothing for a function.
    private func evaluated(_ node: Node) throws(EvalError) -> Value? {
        switch node.kind {
        case .function: return nil
        case .timeline: return node.value
        case .cell, .alert: return try evaluateNode(node)
        }
    }

    /// Records a node's new value: what changed, alerts switching on or off.
    private mutating func settle(
        _ id: Int, _ node: Node, _ value: Value?, old: Value?, root: Int, _ changes: inout ChangeSet,
        _ changed: inout [Bool]
    ) throws(Diagnostic) {
        guard let value else {
            // A function or the timeline: what uses it must be evaluated again.
            changed[id] = true
            return
        }
        if node.kind == .timeline {
            changed[id] = true
            return
        }
        if node.kind == .alert {
            let on: Bool
            switch value {
            case .bool(let flag): on = flag
            case .series(let months) where months.values.allSatisfy({ if case .bool = $0 { true } else { false } }):
                // An alert over months is on while its condition holds in any month.
                on = months.values.contains(.bool(true))
            default:
                throw failure(
                    EvalError(
                        "an alert's condition must be true or false, not \(value.kindDescription)", span: node.span),
                    at: node, root: root)
            }
            let wasOn = old.map(Self.isOn) ?? false
            if on != wasOn {
                if on { changes.alertsOn.append(node.name) } else { changes.alertsOff.append(node.name) }
            }
            setValue(id, value)
            if old.map({ !$0.isIdentical(to: value) }) ?? true { changed[id] = true }
            return
        }
        let same = old.map { $0.isIdentical(to: value) } ?? false
        if id == root || !same {
            changes.cells.append(ChangeSet.CellChange(name: node.name, old: old, new: value))
        }
        setValue(id, value)
        if !same { changed[id] = true }
    }

    /// True when an alert's value is on (in some month, for an alert over a timeline).
    static func isOn(_ value: Value) -> Bool {
        switch value {
        case .bool(let flag): return flag
        case .series(let months): return months.values.contains(.bool(true))
        default: return false
        }
    }

    func evaluateNode(_ node: Node) throws(EvalError) -> Value {
        var interpreter = Interpreter(domain: ScalarDomain(context: NodeTable(nodes: nodes, timeline: timeline)))
        let value = try interpreter.evaluateAcrossMonths(node.code)
        if let range = node.range { try checkRange(range, of: node, value) }
        return value
    }

    private func failure(_ error: EvalError, at node: Node, root: Int) -> Diagnostic {
        let span = error.span ?? node.span
        if node.name == nodes[root]?.name && node.kind == nodes[root]?.kind {
            return Diagnostic(.error, error.message, kind: error.kind, file: node.file, span: span, hint: error.hint)
        }
        let rootNode = nodes[root]
        let label = node.kind == .alert ? "the alert \"\(node.name)\"" : "`\(node.name)`"
        let note = Diagnostic(
            .note, "in \(label), defined here", kind: error.kind, file: node.file, span: span, hint: error.hint)
        return Diagnostic(
            .error, "refused: this change would break \(label): \(error.message)",
            kind: error.kind == .interrupted ? .interrupted : .refused, file: rootNode?.file,
            span: rootNode?.span, notes: [note])
    }
}
