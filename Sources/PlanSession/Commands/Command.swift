public import PlanCore
public import PlanGraph

/// A REPL command (`:explain risk`) as one value: its names, help, effect, the grammar of its arguments and
/// what it does.
///
/// Everything that knows about commands reads `Command.all` (see Command+Table.swift): the dispatcher, `:help`,
/// Tab completion, what the journal records and what `:undo` can take back. To add a command, write one
/// file that defines `extension Command { static let name = Command(…) }` and add one row to `Command.all`.
public struct Command: Sendable {
    /// What running a command does to the session, which decides what is journalled and what `:undo` takes back.
    public enum Effect: Sendable, Equatable {
        /// Only shows something: not journalled.
        case shows
        /// Writes a file: refused in files run by `use` or `:load`, and not journalled (a resume never
        /// rewrites a file).
        case writesFiles
        /// Changes the model (cells, watches, the scenario's name): journalled, and `:undo` takes it back
        /// (the dispatcher keeps the model as it was before).
        case changesModel
        /// Changes the session but not the model (settings, saved scenarios, the undo history itself):
        /// journalled, and not an undo step.
        case changesSession
        /// Changes the model by applying statements it builds (`:import tickets`): the statements are journalled
        /// in its place, so `--resume` never reads the file again, and the command makes them one undo step
        /// itself.
        case appliesStatements

        /// True when `--resume` must replay the command.
        public var isJournalled: Bool { self == .changesModel || self == .changesSession }
    }

    /// The name typed after `:`.
    public let name: String
    /// Other names that run it (`:q`, `:exit`).
    public let aliases: [String]
    /// How to write it, for `:help` and usage errors (`:explain name [depth]`).
    public let usage: String
    /// What it does, in one line.
    public let summary: String
    /// More about it, shown by `:help NAME` under the summary (one entry a paragraph).
    public let details: [String]
    /// What it does to the session.
    public let effect: Effect
    /// Its arguments, read by the language's parser (`Parser.parseCommandArguments`).
    public let arguments: [ArgumentGrammar]
    /// The effect of one use, for a command whose effect depends on its arguments (`:scenario load` changes
    /// the model, `:scenario save` only the session); nil: always `effect`.
    let effectOfUse: (@Sendable (CommandArguments) -> Effect)?
    /// Runs the command; its output goes through the context.
    let run: @Sendable (CommandContext) throws(Diagnostic) -> ExitStatus

    /// Creates a command.
    init(
        _ name: String, aliases: [String] = [], usage: String, summary: String, details: [String] = [],
        effect: Effect, arguments: [ArgumentGrammar] = [], effectOfUse: (@Sendable (CommandArguments) -> Effect)? = nil,
        run: @escaping @Sendable (CommandContext) throws(Diagnostic) -> ExitStatus
    ) {
        self.name = name
        self.aliases = aliases
        self.usage = usage
        self.summary = summary
        self.details = details
        self.effect = effect
        self.arguments = arguments
        self.effectOfUse = effectOfUse
        self.run = run
    }

    /// The effect of running it with these arguments.
    public func effect(of arguments: CommandArguments) -> Effect { effectOfUse?(arguments) ?? effect }
}

/// What a command's `run` gets: the session, its parsed arguments, and helpers for output and errors.
public struct CommandContext {
    /// The session the command runs in.
    public let session: Session
    /// The parsed arguments (their spans point into `arguments.file`, the command's line).
    public let arguments: CommandArguments
    /// The whole command in `arguments.file`, for errors about it as a whole.
    public let span: SourceSpan
    /// The folder relative paths are resolved against (the running script's).
    public let directory: String

    /// The live model.
    public var model: Model { session.model }

    /// The width the output may take.
    public var width: Int { session.width }

    /// Shows text, each line fitted to the width (tables and charts are laid out to fit already; prose is
    /// wrapped at blanks).
    public func emit(_ text: String) { session.output.emit(TextLayout.fit(text, width: width)) }

    /// An error with a caret under `span` (default: the whole command).
    public func error(
        _ message: String, at span: SourceSpan? = nil, kind: ErrorKind = .usage, hint: String? = nil
    ) -> Diagnostic {
        Diagnostic(.error, message, kind: kind, file: arguments.file, span: span ?? self.span, hint: hint)
    }

    /// The position of `month` on the model's timeline, or an error under `span` when it is outside it (a
    /// month argument: `:explain x at MONTH`, `:goalseek payback_month = MONTH by …`).
    public func position(ofMonth month: Int, in timeline: Timeline, at span: SourceSpan) throws(Diagnostic) -> Int {
        guard let position = timeline.position(of: month) else {
            let range = "\(Timeline.label(timeline.start)) to \(Timeline.label(timeline.end))"
            throw error(
                "\(Timeline.label(month)) is outside the timeline (\(range))", at: span, kind: .outOfRange,
                hint: "pick a month from \(range)")
        }
        return position
    }

    /// An engine error as a diagnostic: at its own span when it has one, else under `span`.
    public func diagnostic(_ error: EvalError, at span: SourceSpan? = nil) -> Diagnostic {
        if error.isInterrupted {
            return Diagnostic(.error, "interrupted: stopped; the model is unchanged", kind: .interrupted)
        }
        return Diagnostic(
            .error, error.message, kind: error.kind, file: arguments.file, span: error.span ?? span ?? self.span,
            hint: error.hint)
    }

    /// Evaluates an expression of the arguments against the model.
    public func evaluate(_ expr: Expr) throws(Diagnostic) -> Value {
        do throws(EvalError) {
            return try model.evaluate(expr)
        } catch {
            throw diagnostic(error, at: expr.span)
        }
    }

    /// The source text of an expression of the arguments.
    public func text(of expr: Expr) -> String { arguments.file.text(of: expr.span) }

    /// A cell named in the arguments, checked to exist (else an error under its name, with the nearest name).
    public func existingCell(_ cell: CellReference) throws(Diagnostic) -> CellReference {
        guard model.cell(cell.name) == nil else { return cell }
        throw error(
            "unknown cell `\(cell.name)`", at: cell.nameSpan, kind: .unknownName,
            hint: Suggestion.hint(for: cell.name, among: model.cellNames))
    }

    /// A path argument as a file name: `~` expanded, resolved against the running script's folder.
    public func file(_ path: String) -> String {
        var path = path
        if path == "~" || path.hasPrefix("~/"), let home = FileSystem.environment("HOME") {
            path = home + path.dropFirst()
        }
        return FileSystem.resolve(path, against: directory)
    }
}
