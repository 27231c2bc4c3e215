import PlanCore
import PlanGraph

/// A model built from `name = formula` lines (shared by the graph, what-if and simulation tests).
func model(_ lines: [(String, String)]) throws -> Model {
    var model = Model()
    for (name, text) in lines {
        let file = SourceFile(name: nil, text: text)
        _ = try model.define(
            name, nameSpan: SourceSpan(start: 0, end: 0), expr: try Parser.parseExpression(file), file: file)
    }
    return model
}
