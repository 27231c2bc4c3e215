public import PlanCore

/// The statements that rebuild the model (`:save`): the timeline first, then every node after what it uses.
extension Model {
    /// One line of a model written back as a script.
    public enum RebuildStep: Sendable {
        /// The `timeline FROM to TO` statement.
        case timeline(String)
        /// A stand-in definition (`name = literal`) for a cell of a recurrence that another cell of the recurrence
        /// reads before the cell's own definition; the real definition follows.
        case placeholder(name: String, literal: String)
        /// A node's definition.
        case node(Int)
    }

    /// The steps that rebuild the model, in an order the language accepts.
    ///
    /// Every definition comes after what it uses. A recurrence (cells reading each other a month back) cannot be written in such an order, so each
    /// cell of it that is read before its definition first gets a stand-in: its first month's value.
    public func rebuildSteps() -> [RebuildStep] {
        var steps: [RebuildStep] = []
        if let timelineStatement { steps.append(.timeline(timelineStatement)) }
        let order = dependencyOrder(from: nodes.indices) { nodes[$0]?.kind != .timeline }
        guard hasRecurrence(order) else { return steps + order.map { .node($0) } }
        for step in evaluationSteps(order) {
            switch step {
            case .one(let id): steps.append(.node(id))
            case .recurrence(let group):
                // Functions first (they have no stand-in), then the cells in their order within a month.
                let ordered =
                    group.filter { nodes[$0]?.kind == .function } + group.filter { nodes[$0]?.kind != .function }
                var defined: Set<Int> = []
                var standIns: [RebuildStep] = []
                for id in ordered {
                    guard let node = nodes[id] else { continue }
                    for dep in node.deps where dep != id && group.contains(dep) && !defined.contains(dep) {
                        guard let cell = nodes[dep], cell.kind == .cell else { continue }
                        defined.insert(dep)
                        standIns.append(.placeholder(name: cell.name, literal: Self.standIn(nodes.value(at: dep))))
                    }
                    defined.insert(id)
                }
                steps += standIns + ordered.map { .node($0) }
            }
        }
        return steps
    }

    /// A literal of a cell's first month (the value a recurrence's stand-in holds), or 0.
    private static func standIn(_ value: Value?) -> String {
        guard let value else { return "0" }
        return value.at(position: 0).literal() ?? "0"
    }
}
