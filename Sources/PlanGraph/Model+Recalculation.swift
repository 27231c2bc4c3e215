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
        dependents.withUnsafeBufferPointer { users in
            while let top = stack.last {
                let list = users[top.id]
                if top.next < list.count {
                    stack[stack.count - 1].next += 1
                    let user = list[top.next]
                    if !visited[user] {
                        visited[user] = true
                        stack.append((user, 0))
                    }
                } else {
                    postorder.append(top.id)
                    stack.removeLast()
                }
            }
        }
        postorder.reverse()
        return postorder
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
    ///
    /// One pass evaluates the nodes in order with one interpreter, over `PassValues`, which sees the values
    /// computed so far in the pass; the model itself is written only after the pass (so the pass never
    /// copies the node array, and a failure leaves nothing to undo but what `replace` journalled).
    mutating func recalculate(from root: Int, oldRootValue: Value?) throws(Diagnostic) -> ChangeSet {
        let order = downstream(of: root)
        if hasRecurrence(order) { return try recalculate(steps: evaluationSteps(order), root: root, old: oldRootValue) }
        let (changes, values) = try pass(order, root: root, oldRootValue: oldRootValue)
        if let count = journal?.count { journal?.reserveCapacity(count + values.count) }
        for (id, value) in values { setValue(id, value) }
        return changes
    }

    /// Evaluates the nodes of `order` that need it; the changes and the values to store.
    private func pass(_ order: [Int], root: Int, oldRootValue: Value?) throws(Diagnostic)
        -> (ChangeSet, [(id: Int, value: Value)])
    {
        var changes = ChangeSet()
        var store: [(id: Int, value: Value)] = []
        // A pass over a large part of the model changes most of it: room for all, not a copy per doubling.
        if order.count > 256 {
            store.reserveCapacity(order.count)
            changes.cells.reserveCapacity(order.count)
        }
        var changed = [Bool](repeating: false, count: nodes.count)
        let values = PassValues(nodes: nodes, timeline: timeline, passLength: order.count)
        var interpreter = Interpreter(domain: ScalarDomain(context: values))
        // Nodes are read in place (`nodes[id]?.field`), not copied: a copy retains every field of the node.
        // Cancellation is asked about every 1,024 cell-months evaluated: every 1,024 cells of a model without a
        // timeline, every cell or so of one over 200 years (a cell is evaluated once per month when it varies).
        let months = timeline?.count ?? 1
        var work = 0
        for id in order {
            guard nodes[id] != nil else { continue }
            if id != root && nodes[id]?.deps.contains(where: { changed[$0] }) != true { continue }
            work += months
            if work >= 1024, let isCancelled {
                work = 0
                if isCancelled() {
                    throw Diagnostic(.error, "interrupted: the change was not applied", kind: .interrupted)
                }
            }
            changes.recomputed += 1
            let value: Value?
            do {
                value = try evaluated(id, with: &interpreter)
            } catch {
                guard let node = nodes[id] else { continue }
                throw failure(error, at: node, root: root)
            }
            let old = id == root ? oldRootValue : nodes.value(at: id)
            if let stored = try settle(id, value, old: old, root: root, &changes, &changed) {
                values.set(id, stored)
                store.append((id, stored))
            }
        }
        return (changes, store)
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
                    value = try evaluated(node, id: id)
                } catch {
                    throw failure(error, at: node, root: root)
                }
                let old = id == root ? rootOld : nodes.value(at: id)
                if let stored = try settle(id, value, old: old, root: root, &changes, &changed) { setValue(id, stored) }
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
                    guard nodes[id] != nil else { continue }
                    let old = id == root ? rootOld : nodes.value(at: id)
                    if let stored = try settle(id, value, old: old, root: root, &changes, &changed) {
                        setValue(id, stored)
                    }
                }
            }
        }
        return changes
    }

    /// A node's new value: a cell's or alert's formula evaluated, the timeline's own value (set, not computed),
    /// nothing for a function.
    private func evaluated(_ node: Node, id: Int) throws(EvalError) -> Value? {
        switch node.kind {
        case .function: return nil
        case .timeline: return nodes.value(at: id)
        case .cell, .alert: return try evaluateNode(node, had: nodes.value(at: id))
        }
    }

    /// `evaluated(_:)` of the node in a slot, with the interpreter of a pass.
    private func evaluated(_ id: Int, with interpreter: inout Interpreter<ScalarDomain>) throws(EvalError)
        -> Value?
    {
        switch nodes[id]?.kind {
        case .function, nil: return nil
        case .timeline: return nodes.value(at: id)
        case .cell, .alert:
            guard let code = nodes[id]?.code else { return nil }
            let value = try interpreter.evaluateAcrossMonths(code)
            if nodes[id]?.range != nil, let node = nodes[id], let range = node.range {
                try checkRange(range, of: node, value, had: nodes.value(at: id))
            }
            return value
        }
    }

    /// Records a node's new value: what changed, alerts switching on or off; the value to store (nil for a
    /// function or the timeline, whose value is not computed).
    private func settle(
        _ id: Int, _ value: Value?, old: Value?, root: Int, _ changes: inout ChangeSet, _ changed: inout [Bool]
    ) throws(Diagnostic) -> Value? {
        guard let value, let kind = nodes[id]?.kind, kind != .timeline else {
            // A function or the timeline: what uses it must be evaluated again.
            changed[id] = true
            return nil
        }
        if kind == .alert, let node = nodes[id] {
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
            if old.map({ !$0.isIdentical(to: value) }) ?? true { changed[id] = true }
            return value
        }
        let same = old.map { $0.isIdentical(to: value) } ?? false
        if id == root || !same {
            changes.cells.append(ChangeSet.CellChange(name: nodes[id]?.name ?? "", old: old, new: value))
        }
        if !same { changed[id] = true }
        return value
    }

    /// True when an alert's value is on (in some month, for an alert over a timeline).
    static func isOn(_ value: Value) -> Bool {
        switch value {
        case .bool(let flag): return flag
        case .series(let months): return months.values.contains(.bool(true))
        default: return false
        }
    }

    func evaluateNode(_ node: Node, had previous: Value? = nil) throws(EvalError) -> Value {
        let value = try Interpreter.evaluate(node.code, in: NodeTable(nodes: nodes, timeline: timeline))
        if let range = node.range { try checkRange(range, of: node, value, had: previous) }
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
