public import PlanCore

/// Every cell evaluated by the block interpreter: the other half of the differential test.
extension Model {
    /// The value of every cell (definition order) in lane 0 of a block of `count` samples, evaluated
    /// by `BlockDomain` in dependency order; nil where that sample failed.
    ///
    /// With `pointInputs` every draw gives its distribution's mean, so the results must equal the
    /// cells' values (the scalar domain) to the last bit.
    public func blockValues(count: Int = 1, pointInputs: Bool = true, seed: UInt64 = 1) -> [(
        name: String, value: Value?
    )] {
        let order = dependencyOrder(from: nodes.indices) { nodes[$0]?.kind == .cell }
        let table = NodeTable(nodes: nodes, timeline: timeline)
        var interpreter = Interpreter(
            domain: BlockDomain(
                context: table, count: count, seed: seed, block: 0, slots: nodes.count, varying: order,
                pointInputs: pointInputs))
        var results: [Int: Value?] = [:]
        for step in evaluationSteps(order) {
            let ids: [Int]
            switch step {
            case .one(let id): ids = [id]
            case .recurrence(let group): ids = group
            }
            if evaluate([step], in: &interpreter) != nil {
                for id in ids { results[id] = .some(nil) }
                continue
            }
            for id in ids {
                guard let months = interpreter.domain.stored(id) else { continue }
                results[id] = Self.lane0(
                    months, timeline: timeline, varies: months.count > 1 || nodes.value(at: id)?.isSeries == true)
            }
        }
        return nodes.indices.compactMap { id in
            guard let node = nodes[id], node.kind == .cell else { return nil }
            return (node.name, results[id] ?? nil)
        }
    }
}

extension Model {
    /// Lane 0 of a cell's block lanes as a value: a series when the cell varies by month.
    fileprivate static func lane0(_ months: [Datum<BlockDomain>], timeline: Timeline?, varies: Bool) -> Value? {
        guard varies, let timeline else { return months.first?.lane(0) }
        var values: [Value] = []
        for month in months {
            guard let value = month.lane(0) else { return nil }
            values.append(value)
        }
        return (try? Series.assemble(start: timeline.start, values: values)).map { .series($0) }
    }
}
