public import PlanCharts
public import PlanCore
public import PlanGraph
public import SupportEconomics

/// What a REPL or a script does, testable without a terminal: the model, undo/redo, scenarios and
/// settings, with one entry point for a piece of source text.
public final class Session {
    /// The live model.
    public internal(set) var model: Model
    /// The current scenario's name (shown in the prompt).
    public internal(set) var scenario: String
    /// Where output goes.
    public var output: SessionOutput
    /// Finds presets.
    public let locator: PresetLocator
    /// True in the REPL: keeps undo history and shows values with `=`.
    public var interactive = false
    /// The Monte Carlo seed (`--seed`, `:set seed`).
    public var seed: UInt64 = 1
    /// The Monte Carlo sample count (`:set samples`).
    public var samples = 10_000
    /// The columns the output may take: views lay themselves out to fit (the CLI sets it from `COLUMNS` or
    /// the terminal; 80 when unknown).
    public var width = 80
    /// Called with each accepted top-level statement's text (the REPL journal).
    public var onAccepted: ((String) -> Void)?

    /// Polled during long computations; true stops them (Ctrl-C).
    public var cancellation: (@Sendable () -> Bool)? {
        didSet { model.isCancelled = cancellation }
    }

    /// The scenario shown in the prompt.
    public var scenarioName: String {
        get { scenario }
        set { scenario = newValue }
    }

    /// True when `text` is an unfinished entry: a bracket is open or it ends with a binary operator.
    public func needsContinuation(_ text: String) -> Bool {
        var lexer = Lexer(SourceFile(name: nil, text: text))
        while true {
            guard let token = try? lexer.next() else { return false }
            if token.kind == .end { return lexer.openBrackets > 0 || lexer.endsWithOperator }
        }
    }

    /// Set by `:quit`: the REPL ends after this entry.
    public internal(set) var quitRequested = false
    /// True when the session started with no model (`--empty`): `:reset` goes back to empty.
    public var startedEmpty = false

    /// True after `:set timing on`: each change reports how many cells it recomputed and how long it took.
    public var showTiming = false
    var statementStart = 0.0

    /// The last chart a command drew (`:sweep`, `:sensitivity`, `:simulate`), for `:export svg`.
    public internal(set) var lastChart: Chart?

    /// Named scenarios saved with `:scenario save` (presets count as scenarios too).
    public var savedScenarios: [String: Model] = [:]
    /// Where saved scenarios last across sessions.
    ///
    /// The REPL's `STATE/scenarios`; nil keeps them for the
    /// session only (scripts). See `ScenarioStore`.
    public var scenarioStore: ScenarioStore?
    /// The version of the file each copy in `savedScenarios` matches; no entry: the copy wins over the file.
    var scenarioStamps: [String: ScenarioStore.Stamp] = [:]
    /// Scenarios saved or deleted by the running entry, written or removed when it is accepted.
    var pendingScenarioFiles: [String] = []
    /// True when the model changed since the current scenario was saved or loaded (the prompt's `*`).
    public internal(set) var scenarioChanged = false

    /// The undo history: the model before each change, with the scenario's name and the statement.
    var undoStack: [HistoryStep] = []
    /// What `:redo` can bring back.
    var redoStack: [HistoryStep] = []
    /// While a top-level REPL statement runs, the model before it (what the change lines compare with).
    public internal(set) var modelBeforeChange: Model?
    var loadStack: [String] = []
    var nestedDepth = 0
    /// In a script, the alerts that were on before the current run of definitions (see `flushAlerts()`).
    var alertsBeforeDefinitions: Set<String>?
    /// Statements an accepted `:import` applied, for the journal (see `takeJournalEntry()`).
    var pendingJournal: [String] = []
    /// How many statements have been applied (for the note when a line is taken back).
    var appliedStatements = 0
    /// True while the journal is replayed (`--resume`): no file is written.
    var isReplaying = false

    /// The most nested `use` accepted.
    public static let maximumUseDepth = 32

    /// Creates a session with an empty model.
    public init(output: SessionOutput, locator: PresetLocator, builtins: Builtins = SupportEconomics.builtins) {
        self.model = Model(builtins: builtins)
        self.output = output
        self.locator = locator
        self.scenario = "plan"
    }

    /// Loads the standard model (the start of every session unless `--empty`).
    @discardableResult
    public func loadStandardModel() -> ExitStatus {
        let status = loadPreset("standard", report: true)
        scenario = "plan"
        scenarioChanged = false
        return status
    }

    /// Runs source text (a script, stdin, or one REPL entry) statement by statement.
    ///
    /// An error stops the run (`.error`); a failed assert is reported and the run goes on
    /// (`.assertionFailed` at the end).
    public func run(_ file: SourceFile, directory: String = ".") -> ExitStatus {
        do throws(Diagnostic) {
            try checkLineLengths(file)
        } catch {
            output.report(error)
            return .error
        }
        // A line defines at most one name: a large file makes room for its names at once (within the limit).
        model.reserveCapacity(forDefinitions: min(file.lineStarts.count, Self.maximumDefinitions))
        var parser = Parser(file)
        var status = ExitStatus.success
        while true {
            let statement: Statement?
            do {
                statement = try parser.nextStatement()
            } catch {
                output.report(error.diagnostic(in: file))
                return .error
            }
            guard let statement else {
                if nestedDepth == 0 { flushAlerts() }
                return status
            }
            let result = execute(statement, directory: directory)
            if result == .error || result == .interrupted {
                if nestedDepth == 0 { flushAlerts() }
                return result
            }
            status = max(status, result)
        }
    }

    /// Loads a preset by name; with `report`, a missing preset is reported as an error.
    public func loadPreset(_ name: String, report: Bool) -> ExitStatus {
        let path: String
        do {
            path = try locator.path(of: name)
        } catch {
            if report { output.report(Diagnostic(.error, error.message, kind: .io)) }
            return .error
        }
        return loadingQuietly { runFile(path, displayName: name + ".plan") }
    }

    /// What a command-line argument stands for (`LoadTarget.ofArgument`, with this session's presets).
    public func commandLineTarget(_ name: String) -> LoadTarget {
        LoadTarget.ofArgument(
            name, isPreset: { (try? locator.path(of: $0)) != nil }, isFile: { FileSystem.isFile($0) })
    }

    /// Loads a command-line argument on top of the model, all or nothing: a preset (which names the
    /// scenario) or a file (a pipe such as `<(…)` too).
    public func load(commandLine target: LoadTarget) -> ExitStatus {
        atomically {
            switch target {
            case .preset(let name):
                let status = loadPreset(name, report: true)
                if status != .error {
                    scenario = name
                    scenarioChanged = false
                }
                return status
            case .file(let path): return runFile(path, allowingStreams: true)
            }
        }
    }

    /// Runs `body` as one load: alerts that flicker while a file sets its inputs one by one are not shown;
    /// only the net change of alerts is reported at the end.
    func loadingQuietly(_ body: () -> ExitStatus) -> ExitStatus {
        let before = Set(model.activeAlerts)
        nestedDepth += 1
        let status = body()
        nestedDepth -= 1
        // A load inside another (a preset that uses a preset) leaves the report to the outermost one.
        if nestedDepth > 0 { return status }
        var changes = ChangeSet()
        let after = model.activeAlerts
        changes.alertsOn = after.filter { !before.contains($0) }
        changes.alertsOff = model.alerts.map(\.message).filter { before.contains($0) && !after.contains($0) }
        if !changes.alertsOn.isEmpty || !changes.alertsOff.isEmpty { output.changed(changes, in: self) }
        return status
    }

    /// Runs a file by path; only a regular file unless `allowingStreams` (the command line's pipes).
    public func runFile(_ path: String, displayName: String? = nil, allowingStreams: Bool = false) -> ExitStatus {
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(path, allowingStreams: allowingStreams)
            try FileSystem.checkText(bytes, path: displayName ?? path)
        } catch {
            output.report(Diagnostic(.error, error.message, kind: .io))
            return .error
        }
        let file = SourceFile(name: displayName ?? path, bytes: bytes)
        // On the `use` stack too, so a file that uses itself is caught at once.
        loadStack.append(FileSystem.canonicalPath(path) ?? path)
        defer { loadStack.removeLast() }
        return run(file, directory: FileSystem.directory(of: path))
    }

    /// True while a `use`d file or preset is being run.
    public var isLoading: Bool { nestedDepth > 0 }

    /// Keeps the model as it was before an accepted change, for `:undo` (REPL only), with the statement that
    /// changed it (what `:undo` says it took back).
    func remember(_ before: Model, scenario beforeScenario: String, changed: Bool, statement: String) {
        guard interactive && nestedDepth == 0 else { return }
        undoStack.append(HistoryStep(model: before, scenario: beforeScenario, changed: changed, statement: statement))
        // Each snapshot holds its own node array: keep fewer of them for very large models.
        let limit = max(10, min(200, 1_000_000 / max(1, model.nodes.count)))
        if undoStack.count > limit { undoStack.removeFirst(undoStack.count - limit) }
        redoStack.removeAll()
    }
}

/// One step of the undo history: a model, its scenario's name, and the statement that led away from it.
struct HistoryStep {
    /// The model.
    var model: Model
    /// The scenario's name then.
    var scenario: String
    /// Whether the model had changed since that scenario was saved or loaded (the prompt's `*`).
    var changed: Bool
    /// The statement, as typed (its first line, cut to 60 characters).
    var statement: String

    init(model: Model, scenario: String, changed: Bool, statement: String) {
        self.model = model
        self.scenario = scenario
        self.changed = changed
        self.statement = Self.shortened(statement)
    }

    /// A statement's first line, cut to 60 characters with `…`.
    static func shortened(_ text: String) -> String {
        var line = Substring(text.prefix(200))
        while let first = line.first, first == " " || first == "\t" || first == "\n" { line.removeFirst() }
        if let newline = line.firstIndex(of: "\n") { line = line[..<newline] + " …" }
        return TextLayout.truncate(String(line), 60)
    }
}
