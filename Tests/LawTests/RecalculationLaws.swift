import PlanCore
import PlanGraph
import PlanSession
import Testing

/// The model built from scratch: the final definitions, each once, in an order the language accepts, in a
/// fresh session (every cell evaluated once, from its inputs' final values).
private func fromScratch(_ model: Model) -> (Session, String?) {
    let fresh = Harness.session(interactive: false)
    for step in model.rebuildSteps() {
        let text: String
        switch step {
        case .timeline(let statement): text = statement
        case .placeholder(let name, let literal): text = "\(name) = \(literal)"
        case .node(let id):
            guard let node = model.nodes[id] else { continue }
            text = node.definition
        }
        if !Harness.run(text, in: fresh) {
            let reason = (fresh.output as? BufferedOutput)?.diagnostics.last?.message ?? ""
            return (fresh, "the final definition `\(text)` is refused from scratch: \(reason)")
        }
    }
    if !model.watches.isEmpty { Harness.run("watch " + model.watches.joined(separator: ", "), in: fresh) }
    return (fresh, nil)
}

@Suite("Law: recalculation after any change equals evaluating the whole model from scratch")
struct RecalculationLaws {
    @Test("after every accepted statement, each value equals the one a fresh session computes from the definitions")
    func incrementalEqualsScratch() {
        let plans = PlanBuilder.plans(sizes: 4...30, standard: Harness.standardCells)
        LawRunner.check("recalculation", count: 60, plans: plans) { plan in
            let session = Harness.session(interactive: true)
            for (index, text) in plan.statements.enumerated() {
                guard Harness.run(text, in: session), Harness.isUndoStep(text) || text.hasPrefix(":") else { continue }
                // A large model (the standard one) is rebuilt after its last few statements only, to keep the run short.
                let last = index >= plan.statements.count - 3
                guard session.model.nodes.count < 80 || last else { continue }
                let (fresh, refused) = fromScratch(session.model)
                if let refused { return "after statement \(index + 1) `\(text)`: \(refused)" }
                var incremental = ModelSnapshot(session)
                incremental.scenario = fresh.scenario
                let scratch = ModelSnapshot(fresh)
                if let difference = incremental.difference(from: scratch, formulas: false, ordered: false) {
                    return "after statement \(index + 1) `\(text)`, recalculated vs from scratch: \(difference)"
                }
            }
            return nil
        }
    }
}
