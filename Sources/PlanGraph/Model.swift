public import PlanCore

/// The live model: cells, functions and alerts in a dependency graph that recalculates on change.
///
/// Every statement is applied atomically: mutations are journalled, and if any node would fail to
/// evaluate the journal is rolled back, so an accepted state always evaluates completely. `Model`
/// is a value type: a copy is a snapshot (the REPL's undo stack keeps them).
public struct Model: Sendable {
    /// Nodes by id (nil once deleted).
    public internal(set) var nodes = NodeStore()
    /// Who uses each node (edges reversed), by id.
    var dependents: [Users] = []
    /// Cell ids by name.
    public internal(set) var cellIds: [String: Int] = [:]
    /// Function ids by name.
    public internal(set) var functionIds: [String: Int] = [:]
    /// Alert ids by message.
    public internal(set) var alertIds: [String: Int] = [:]
    /// The cells shown after every change.
    public internal(set) var watches: [String] = []
    /// The id of the timeline node, once a `timeline` statement has made one.
    public internal(set) var timelineId: Int?
    /// The rows `:report` shows (the `report` statement; see Model+Report).
    public internal(set) var report: ReportLayout?
    /// The built-in functions.
    public let builtins: Builtins
    /// Polled between nodes during long recalculations; true cancels (Ctrl-C).
    public var isCancelled: (@Sendable () -> Bool)?

    var journal: [JournalEntry]?

    /// Creates an empty model.
    public init(builtins: Builtins = .core) { self.builtins = builtins }

    /// The model's monthly axis, if it has one (SPEC §9).
    public var timeline: Timeline? {
        guard let timelineId, case .series(let months)? = nodes.value(at: timelineId) else { return nil }
        return months.timeline
    }

    /// True when a cell is an input: it uses no other cell (the timeline aside: `ramp(…)` is an input).
    public func isInput(_ node: Node) -> Bool {
        node.deps.allSatisfy { $0 == timelineId }
    }

    /// The value of a cell.
    public func value(of name: String) -> Value? {
        guard let id = cellIds[name] else { return nil }
        return nodes.value(at: id)
    }

    /// The node of a cell.
    public func cell(_ name: String) -> Node? {
        guard let id = cellIds[name] else { return nil }
        return nodes[id]
    }

    /// The node of a user function.
    public func function(_ name: String) -> Node? {
        guard let id = functionIds[name] else { return nil }
        return nodes[id]
    }

    /// Cell names in definition order.
    public var cellNames: [String] {
        nodes.compactMap { node in node.flatMap { $0.kind == .cell ? $0.name : nil } }
    }

    /// User function names in definition order.
    public var functionNames: [String] {
        nodes.compactMap { node in node.flatMap { $0.kind == .function ? $0.name : nil } }
    }

    /// Alerts in definition order with their state.
    public var alerts: [(message: String, on: Bool)] {
        nodes.indices.compactMap { id in
            guard let node = nodes[id], node.kind == .alert else { return nil }
            return (node.name, nodes.value(at: id).map(Self.isOn) ?? false)
        }
    }

    /// The messages of the alerts that are on.
    public var activeAlerts: [String] { alerts.filter(\.on).map(\.message) }

    /// The names of the cells and functions that use a node directly.
    public func users(of id: Int) -> [String] {
        dependents[id].compactMap { nodes[$0].map { $0.kind == .alert ? "alert \"\($0.name)\"" : $0.name } }
    }

    /// The ids of the cells and functions an expression uses, directly or through others.
    public func upstreamIds(of expr: Expr) -> Set<Int> {
        var stack: [Int] = []
        for reference in expr.references() {
            if let id = reference.isCall ? functionIds[reference.name] : cellIds[reference.name] { stack.append(id) }
        }
        var seen = Set(stack)
        while let id = stack.popLast() {
            for dep in nodes[id]?.deps ?? [] where seen.insert(dep).inserted { stack.append(dep) }
        }
        return seen
    }

    /// True when a cell's value depends on a distribution (shown as uncertain, `~`).
    public func isUncertain(_ name: String) -> Bool {
        guard let id = cellIds[name], nodes.drawing > 0 else { return false }
        // Read in place (a copy of each node retains all its fields; a watched cell at the end of a 100,000-cell
        // chain walks them all after every change).
        var seen = [Bool](repeating: false, count: nodes.count)
        seen[id] = true
        var stack = [id]
        while let next = stack.popLast() {
            let draws = nodes.withNode(next) { chunk, index in
                if chunk[index]?.drawsFromDistribution == true { return true }
                for dep in chunk[index]?.deps ?? [] where !seen[dep] {
                    seen[dep] = true
                    stack.append(dep)
                }
                return false
            }
            if draws { return true }
        }
        return false
    }

    /// Evaluates an expression against the model without changing it.
    ///
    /// Its names are resolved now; one that does not resolve is an error only if evaluation reaches it.
    public func evaluate(_ expr: Expr) throws(EvalError) -> Value {
        var resolver = Resolver(names)
        let code = resolver.lower(expr)
        return try Interpreter.evaluate(code, in: NodeTable(nodes: nodes, timeline: timeline))
    }
}

/// The model's names, for resolution.
extension Model {
    /// The slot of the cell with this name, or nil.
    public func cellSlot(_ name: String) -> Int? { cellIds[name] }
    /// The slot of the user function with this name, or nil.
    public func functionSlot(_ name: String) -> Int? { functionIds[name] }
    /// The slot of the model's timeline, or nil without one.
    public var timelineSlot: Int? { timeline == nil ? nil : timelineId }

    /// What a resolver reads of the model: its name tables, built-ins and timeline (a copy of the model itself
    /// retained its dozen stored properties for every definition).
    var names: NameTable {
        NameTable(cellIds: cellIds, functionIds: functionIds, builtins: builtins, timelineSlot: timelineSlot)
    }
}

/// The model's nodes seen by the interpreter: values and functions by slot.
///
/// Three words (the store's chunks, the timeline packed in one word, the recurrence), so that the interpreter's
/// `any CodeContext` holds it inline: a bigger table was boxed on the heap for every evaluation of a definition.
struct NodeTable: CodeContext {
    let nodes: NodeStore.Reader
    /// The timeline's first month in the high 32 bits and its length in the low ones; 0 without a timeline.
    private let months: Int
    /// The months evaluated so far of the cells of a recurrence being evaluated month by month.
    var recurrence: RecurrenceMonths?

    init(nodes: NodeStore, timeline: Timeline?, recurrence: RecurrenceMonths? = nil) {
        self.nodes = nodes.reader
        months = timeline.map { $0.start << 32 | $0.count } ?? 0
        self.recurrence = recurrence
    }

    var timeline: Timeline? { months == 0 ? nil : Timeline(start: months >> 32, count: months & 0xFFFF_FFFF) }

    func value(ofSlot slot: Int) -> Value? { nodes.value(at: slot) }

    func value(ofSlot slot: Int, at position: Int) -> (value: Value, varies: Bool)? {
        if let recurrence, let months = recurrence.months[slot] {
            return position < months.count ? (months[position], true) : nil
        }
        guard let value = nodes.value(at: slot) else { return nil }
        guard case .series(let series) = value else { return (value, false) }
        return position < series.values.count ? (series.values[position], true) : nil
    }

    func function(ofSlot slot: Int) -> CompiledFunction? { nodes.function(at: slot) }
}

/// The model's values as one recalculation pass sees them: each node's value before the pass, or the value
/// the pass has computed for it since (see `Model.recalculate`).
///
/// A class, so that the interpreter reads what the pass writes without the pass copying the node array: the
/// model is written only once the pass is over. Values are kept by slot, except for a short pass in a large
/// model (a change near the leaves of 100,000 cells), which keeps them in a dictionary so that it costs nothing
/// per node of the model.
final class PassValues: CodeContext {
    let nodes: NodeStore.Reader
    let timeline: Timeline?
    private var dense: [Value?]
    private var sparse: [Int: Value] = [:]

    /// The values before a pass of `passLength` nodes.
    init(nodes: NodeStore, timeline: Timeline?, passLength: Int) {
        self.nodes = nodes.reader
        self.timeline = timeline
        dense = passLength > 256 || nodes.count <= 4096 ? [Value?](repeating: nil, count: max(1, nodes.count)) : []
    }

    /// Records the value the pass computed for a slot.
    func set(_ slot: Int, _ value: Value) {
        if dense.isEmpty { sparse[slot] = value } else { dense[slot] = value }
    }

    func value(ofSlot slot: Int) -> Value? {
        if dense.isEmpty {
            if !sparse.isEmpty, let value = sparse[slot] { return value }
        } else if let value = dense[slot] {
            return value
        }
        return nodes.value(at: slot)
    }

    // A month of a cell: `CodeContext`'s own `value(ofSlot:at:)`, over `value(ofSlot:)`.

    func function(ofSlot slot: Int) -> CompiledFunction? { nodes.function(at: slot) }
}
