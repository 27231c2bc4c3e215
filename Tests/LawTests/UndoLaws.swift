import PlanSession
import Testing

@Suite("Law: applying any statement and then :undo restores every value exactly")
struct UndoLaws {
    @Test("every accepted change undoes to the model before it, bit for bit, and redoes to the one after")
    func undoRestores() {
        let plans = PlanBuilder.plans(sizes: 4...30, standard: Harness.standardCells)
        LawRunner.check("undo", count: 100, plans: plans) { plan in
            let session = Harness.session(interactive: true)
            for (index, text) in plan.statements.enumerated() {
                let before = ModelSnapshot(session)
                let accepted = Harness.run(text, in: session)
                let after = ModelSnapshot(session)
                let step = "statement \(index + 1) `\(text)`"
                guard accepted else {
                    // Refused: atomic, nothing changed.
                    if let difference = after.difference(from: before) {
                        return "\(step) was refused yet: \(difference)"
                    }
                    continue
                }
                guard Harness.isUndoStep(text) else { continue }
                Harness.run(":undo", in: session)
                if let difference = ModelSnapshot(session).difference(from: before) {
                    return "after \(step) and :undo: \(difference)"
                }
                Harness.run(":redo", in: session)
                if let difference = ModelSnapshot(session).difference(from: after) {
                    return "after \(step), :undo and :redo: \(difference)"
                }
            }
            return nil
        }
    }
}
