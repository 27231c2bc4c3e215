import PlanCore
import PlanGraph

/// The views of the current model, for callers outside the session (the CLI, tests). Each is a function
/// of the model and the output width (`Views/`); the session only supplies them.
extension Session {
    /// A cell's value for display, marked `~` when it depends on a distribution.
    public func displayValue(of cell: String) -> String { CellText(model).value(of: cell) }

    /// The lines after an accepted change (the changed cell, then the watched cells that changed, field by
    /// field for a record), fitted to the width; alerts are not among them.
    public func changeLines(_ changes: ChangeSet) -> [String] {
        ChangeView(changes: changes, model: model, before: modelBeforeChange).lines(width: width)
    }

    /// Which distribution a cell's own formula draws from, or nil.
    public func distributionNote(of cell: String) -> String? { CellText(model).distributionNote(of: cell) }

    /// `:explain`'s formula tree of a cell.
    public func explain(_ name: String, depthLimit: Int = 3) -> String {
        ExplainView(model: model, cell: name, depthLimit: depthLimit).render(width: width)
    }

    /// The model as a script that loads back to identical values (`:save`).
    public func savedScript() -> String { SavedScript(model: model, scenario: scenario).text }

    /// The whole model as one JSON object (`--json`).
    public func json() -> String { ModelJSON(model: model).text }

    /// The deepest `:explain` tree shown.
    public static let maximumExplainDepth = ExplainView.maximumDepth
}
