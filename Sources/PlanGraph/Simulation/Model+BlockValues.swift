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
        let table = NodeTable(nodes: nodes)
        var interpreter = Interpreter(
            domain: BlockDomain(
                context: table, count: count, seed: seed, block: 0, slots: nodes.count, varying: order,
                pointInputs: pointInputs))
        var results: [Int: Value?] = [:]
        for id in order {
            guard let node = nodes[id] else { continue }
            interpreter.domain.cellSlot = id
            do throws(EvalError) {
                let datum = try interpreter.run(node.code)
                interpreter.domain.store(datum, for: id)
                results[id] = datum.lane(0)
            } catch {
                results[id] = .some(nil)
            }
        }
        return nodes.indices.compactMap { id in
            guard let node = nodes[id], node.kind == .cell else { return nil }
            return (node.name, results[id] ?? nil)
        }
    }
}
