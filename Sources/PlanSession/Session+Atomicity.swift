public import PlanCore
import PlanGraph

/// All-or-nothing lines, and the one check that keeps loaded files from writing files.
///
/// A REPL entry, a journal entry and a file loaded from the command line are each applied whole or not
/// at all: the session's state (model, scenario, saved scenarios, undo and redo, settings) is captured
/// before and put back when the entry stops at an error. `Model` is a value type, so the capture is a
/// copy-on-write snapshot, not a deep copy. `use` needs nothing more: its failure fails the line.
extension Session {
    /// Everything an entry can change.
    struct State {
        var model: Model
        var scenario: String
        var savedScenarios: [String: Model]
        var scenarioStamps: [String: ScenarioStore.Stamp]
        var scenarioChanged: Bool
        var undoStack: [HistoryStep]
        var redoStack: [HistoryStep]
        var seed: UInt64
        var samples: Int
        var showTiming: Bool
        var quitRequested: Bool
    }

    /// The session's state now.
    func captureState() -> State {
        State(
            model: model, scenario: scenario, savedScenarios: savedScenarios, scenarioStamps: scenarioStamps,
            scenarioChanged: scenarioChanged, undoStack: undoStack,
            redoStack: redoStack, seed: seed, samples: samples, showTiming: showTiming, quitRequested: quitRequested)
    }

    /// Puts a captured state back.
    func restore(_ state: State) {
        model = state.model
        model.isCancelled = cancellation
        scenario = state.scenario
        savedScenarios = state.savedScenarios
        scenarioStamps = state.scenarioStamps
        scenarioChanged = state.scenarioChanged
        undoStack = state.undoStack
        redoStack = state.redoStack
        seed = state.seed
        samples = state.samples
        showTiming = state.showTiming
        quitRequested = state.quitRequested
    }

    /// Runs one entry (a REPL line, a journal entry) all or nothing: when it stops at an error or Ctrl-C,
    /// every statement before the failing one is taken back too.
    public func runEntry(_ file: SourceFile, directory: String = ".") -> ExitStatus {
        atomically { run(file, directory: directory) }
    }

    /// Runs `body`; when it ends in an error or an interruption, puts the state from before back and, in
    /// the REPL, says so if something had been applied.
    func atomically(_ body: () -> ExitStatus) -> ExitStatus {
        let state = captureState()
        let appliedBefore = appliedStatements
        let status = body()
        if status == .error || status == .interrupted {
            pendingScenarioFiles = []
            restore(state)
            if interactive && appliedStatements != appliedBefore {
                output.report(
                    Diagnostic(
                        .note, "the line was not applied; statements before the error were taken back",
                        kind: .refused))
            }
        } else if nestedDepth == 0 {
            flushScenarioFiles()
        }
        return status
    }

    /// True when a statement may write files: not while a preset, a `use`d or `:load`ed file runs (at any
    /// depth).
    ///
    /// SPEC §5: files loaded by `use`/`:load` may define, assert, alert and watch, but not write files.
    /// Every command that writes a file goes through `writeFile(_:_:directory:fail:)`, which checks this.
    public var mayWriteFiles: Bool { nestedDepth == 0 }

    /// Writes a file for a command (`:save`, `:export …`) after the one check that loaded files may not.
    ///
    /// While the journal is replayed nothing is written and nothing fails: a resume never writes a file
    /// again (a command-line script that exported a file is replayed for its model only).
    func writeFile(
        _ path: String, _ text: @autoclosure () -> String, directory: String, fail: (String) -> Diagnostic
    ) throws(Diagnostic) {
        guard mayWriteFiles else { throw fail("files loaded by `use` or `:load` (and presets) may not write files") }
        if isReplaying { return }
        do throws(FileSystem.Failure) {
            try FileSystem.writeAtomically(FileSystem.resolve(path, against: directory), text())
        } catch {
            var diagnostic = fail(error.message)
            diagnostic.kind = .io
            throw diagnostic
        }
    }
}
