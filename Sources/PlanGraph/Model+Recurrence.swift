import PlanCore

/// One step of evaluating a set of nodes: a node on its own, or the cells of a recurrence together.
enum EvaluationStep {
    /// A node whose dependencies are all evaluated before it.
    case one(Int)
    /// Nodes that read each other a month back (`prev`): evaluated month by month, each month in an order
    /// where every cell comes after what it reads in that month.
    case recurrence([Int])

    /// The step's (first) node: where a step that was stopped says it stopped.
    var first: Int {
        switch self {
        case .one(let id): id
        case .recurrence(let group): group.first ?? 0
        }
    }
}

/// An error while evaluating a recurrence, with the cell it happened in.
struct RecurrenceFailure: Error {
    /// The cell whose formula failed.
    let id: Int
    /// What went wrong.
    let error: EvalError
}

/// The months of a recurrence's cells evaluated so far (read by the interpreter through `NodeTable`).
final class RecurrenceMonths: @unchecked Sendable {
    var months: [Int: [Value]] = [:]
}

/// Recurrences (SPEC §9): cells that read each other only a month back may form a cycle; such a strongly
/// connected group is evaluated month by month, every other node as a whole series in dependency order.
extension Model {
    /// The steps that evaluate `ids` (closed under what they need): single nodes in dependency order, and
    /// recurrences as groups, found by Tarjan's algorithm (iterative: no recursion on the model's depth).
    func evaluationSteps(_ ids: [Int]) -> [EvaluationStep] {
        let members = Set(ids)
        var index: [Int: Int] = [:]
        var low: [Int: Int] = [:]
        var onStack: Set<Int> = []
        var stack: [Int] = []
        var groups: [[Int]] = []
        var counter = 0
        for start in ids where index[start] == nil {
            index[start] = counter
            low[start] = counter
            counter += 1
            stack.append(start)
            onStack.insert(start)
            var work: [(id: Int, next: Int)] = [(start, 0)]
            while let top = work.last {
                let users = dependents[top.id]
                if top.next < users.count {
                    work[work.count - 1].next += 1
                    let user = users[top.next]
                    guard members.contains(user) else { continue }
                    if let seen = index[user] {
                        if onStack.contains(user) { low[top.id] = min(low[top.id] ?? seen, seen) }
                    } else {
                        index[user] = counter
                        low[user] = counter
                        counter += 1
                        stack.append(user)
                        onStack.insert(user)
                        work.append((user, 0))
                    }
                    continue
                }
                work.removeLast()
                let lowest = low[top.id] ?? 0
                if let parent = work.last { low[parent.id] = min(low[parent.id] ?? lowest, lowest) }
                guard lowest == index[top.id] else { continue }
                var group: [Int] = []
                while let member = stack.popLast() {
                    onStack.remove(member)
                    group.append(member)
                    if member == top.id { break }
                }
                groups.append(group)
            }
        }
        // Tarjan closes a group after every group that uses it: reversed, what a node uses comes first.
        return groups.reversed().map { group in
            if group.count == 1, let node = nodes[group[0]], !node.deps.contains(group[0]) { return .one(group[0]) }
            return .recurrence(orderWithinMonth(group))
        }
    }

    /// The cells of a recurrence in an order where each comes after the cells it reads in the same month.
    private func orderWithinMonth(_ group: [Int]) -> [Int] {
        let members = Set(group)
        var remaining: [Int: Int] = [:]
        for id in group {
            guard let node = nodes[id] else { continue }
            remaining[id] = node.deps.filter { members.contains($0) && !node.laggedDeps.contains($0) }.count
        }
        var ready = group.filter { remaining[$0] == 0 }.sorted()
        var order: [Int] = []
        while let id = ready.popLast() {
            order.append(id)
            for user in dependents[id] where members.contains(user) {
                guard let node = nodes[user], !node.laggedDeps.contains(id), let count = remaining[user] else {
                    continue
                }
                remaining[user] = count - 1
                if count == 1 { ready.append(user) }
            }
        }
        // Every accepted state has no same-month cycle; keep any leftover anyway rather than drop it.
        for id in group where !order.contains(id) { order.append(id) }
        return order
    }

    /// True when any of `ids` reads another node a month back.
    func hasRecurrence(_ ids: [Int]) -> Bool {
        // In place: a copy of each node would retain all its fields.
        ids.contains { id in nodes.withNode(id) { chunk, index in chunk[index]?.laggedDeps.isEmpty == false } }
    }

    /// Evaluates the cells of a recurrence month by month; their values (series) in the group's order.
    func evaluateRecurrence(_ group: [Int]) throws(RecurrenceFailure) -> [(id: Int, value: Value)] {
        guard let timeline else {
            throw RecurrenceFailure(id: group[0], error: SeriesFunction.needsTimeline("prev", nil))
        }
        let months = RecurrenceMonths()
        for id in group { months.months[id] = [] }
        var interpreter = Interpreter(
            domain: ScalarDomain(context: NodeTable(nodes: nodes, timeline: timeline, recurrence: months)))
        for position in 0..<timeline.count {
            if position & 63 == 63, let isCancelled, isCancelled() {
                throw RecurrenceFailure(id: group[0], error: .interrupted)
            }
            for id in group {
                guard let node = nodes[id], node.kind == .cell || node.kind == .alert else { continue }
                let value: Value
                do throws(EvalError) {
                    value = try interpreter.run(node.code, at: position, definition: id).value
                } catch {
                    let month = Timeline.label(timeline.month(at: position))
                    throw RecurrenceFailure(
                        id: id,
                        error: EvalError(
                            error.message + " (in \(month))", kind: error.kind, span: error.span, hint: error.hint))
                }
                months.months[id, default: []].append(value)
            }
        }
        var results: [(id: Int, value: Value)] = []
        for id in group {
            guard let values = months.months[id], !values.isEmpty else { continue }
            do throws(EvalError) {
                results.append((id, .series(try Series.assemble(start: timeline.start, values: values))))
            } catch {
                throw RecurrenceFailure(id: id, error: error)
            }
        }
        return results
    }
}
