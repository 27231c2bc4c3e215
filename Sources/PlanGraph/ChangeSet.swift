public import PlanCore

/// What one accepted statement changed: old → new per cell, alerts switched on or off.
public struct ChangeSet: Sendable {
    /// One cell's change.
    public struct CellChange: Sendable {
        /// The cell.
        public var name: String
        /// Its value before (nil for a new cell).
        public var old: Value?
        /// Its value after.
        public var new: Value

        /// Creates a change.
        public init(name: String, old: Value?, new: Value) {
            self.name = name
            self.old = old
            self.new = new
        }
    }

    /// Cells whose value changed, in dependency order.
    public var cells: [CellChange] = []
    /// Alerts that switched on.
    public var alertsOn: [String] = []
    /// Alerts that switched off.
    public var alertsOff: [String] = []
    /// How many nodes were evaluated.
    public var recomputed = 0
    /// True when the first cell is the one the statement changed (false for `:undo`, which has no root).
    public var hasRoot = true

    /// Creates an empty change set.
    public init() {}

    /// The change of one cell, if it changed.
    public func change(of name: String) -> CellChange? { cells.first { $0.name == name } }
}
