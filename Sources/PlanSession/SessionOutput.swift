public import PlanCore
public import PlanGraph

/// Where a session's output goes: the REPL and the script runner render it differently.
public protocol SessionOutput: AnyObject {
    /// A line of output: a printed value, `print`, a command's report.
    func emit(_ text: String)
    /// An error or a failed assert.
    func report(_ diagnostic: Diagnostic)
    /// A statement was accepted and changed the model.
    func changed(_ changes: ChangeSet, in session: Session)
}

/// Output collected in memory (tests, `:compare`, JSON mode).
public final class BufferedOutput: SessionOutput {
    /// The emitted lines.
    public private(set) var lines: [String] = []
    /// The reported diagnostics.
    public private(set) var diagnostics: [Diagnostic] = []
    /// The change sets received.
    public private(set) var changes: [ChangeSet] = []

    /// Creates an empty buffer.
    public init() {}

    /// Records a line.
    public func emit(_ text: String) { lines.append(text) }

    /// Records a diagnostic.
    public func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    /// Records a change set.
    public func changed(_ changes: ChangeSet, in session: Session) { self.changes.append(changes) }

    /// Everything emitted, one line each.
    public var text: String { lines.joined(separator: "\n") }
}
