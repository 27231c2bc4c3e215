import PlanCore
import PlanGraph

/// The model as a script that loads back to identical values (`:save`): every definition in dependency
/// order with its docs, then the watch list and the report's rows.
struct SavedScript {
    /// The model.
    let model: Model
    /// The scenario it was saved from (a comment at the top).
    let scenario: String

    /// The script's text.
    var text: String {
        var out = "# supportplan model saved from scenario \(scenario)\n"
        // The timeline, then definitions in dependency order: a node after everything it uses (a recurrence's
        // cells with stand-ins, see `Model.rebuildSteps`).
        for step in model.rebuildSteps() {
            switch step {
            case .timeline(let statement): out += statement + "\n"
            case .placeholder(let name, let literal):
                out += "\(name) = \(literal)  # stands in until its recurrence below defines it\n"
            case .node(let id):
                guard let node = model.nodes[id] else { continue }
                for doc in node.doc { out += "## " + doc + "\n" }
                out += node.definition + "\n"
            }
        }
        if !model.watches.isEmpty { out += "watch " + model.watches.joined(separator: ", ") + "\n" }
        if let report = model.report { out += report.statement + "\n" }
        return out
    }
}
