import ArgumentParser
import PlanSession

/// The command line of SPEC §1 as swift-argument-parser commands: help, usage errors (exit 64),
/// `--version`, completion scripts and the source of the man page.
///
/// `supportplan [OPTIONS] [PRESET|FILE …]` is the default subcommand `repl`, because a command that
/// has subcommands cannot also take positional arguments of its own (they would swallow `run`). The
/// options are one `ModelOptions` group, declared by the root and by each subcommand that reads it:
/// argument-parser decodes a group once, in the root, wherever it stands on the line, and hands the same
/// value to the subcommand, so `supportplan --seed 3 run x.plan` and `supportplan run x.plan --seed 3`
/// mean the same, and both `--help` pages list the options. Each subcommand is a small struct that turns
/// its arguments into `Options` and hands them to `Program`; a new subcommand is one more such struct,
/// listed in `subcommands` and given a `.It Cm NAME` entry in `man/supportplan.1` (the install test
/// requires it).
///
/// The common forms (`supportplan [OPTIONS] [PRESET|FILE …]`, `supportplan run …`) are parsed first by
/// `Options.fastParse`, which accepts only arguments these commands read the same way and leaves every
/// other form — help, errors, completion — to this type. See `Options` for why.
struct SupportPlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "supportplan",
        abstract: "Plan the economics of customer support when AI takes part of the work.",
        usage: """
            supportplan [OPTIONS] [PRESET|FILE ...]
            supportplan run [OPTIONS] FILE ...
            supportplan presets
            supportplan report [PRESET|FILE ...] -o FILE
            """,
        discussion: """
            With no subcommand: load the standard model (unless --empty), then each PRESET or FILE in \
            order, then start the REPL. With stdin not a terminal, stdin runs as a script instead.

            Exit status of run and of piped stdin: 0 all fine, 1 an assert failed, 2 an error stopped \
            the run, 64 bad usage, 130 interrupted.

            Presets are found in $SUPPORTPLAN_PRESETS, then <bin>/../share/supportplan/presets. \
            NO_COLOR turns colour off; the journal and history are kept in $XDG_STATE_HOME/supportplan. \
            Completion: supportplan --generate-completion-script bash|zsh|fish; more in man supportplan.
            """,
        version: Program.version,
        subcommands: [REPLCommand.self, RunCommand.self, PresetsCommand.self, ReportCommand.self],
        defaultSubcommand: REPLCommand.self
    )

    @OptionGroup var model: ModelOptions
}

/// The options shared by the REPL and `run` (SPEC §1).
struct ModelOptions: ParsableArguments {
    @Flag(help: "Start with no model (not the standard one).")
    var empty = false

    @Flag(help: "Restore the last REPL session (also after a crash or kill -9).")
    var resume = false

    @Option(help: ArgumentHelp("The Monte Carlo seed (the same seed, the same output).", valueName: "N"))
    var seed: UInt64?

    @Flag(help: "Print the whole model as JSON on stdout; everything else goes to stderr.")
    var json = false

    @Flag(name: .customLong("no-color"), help: "No colour (the NO_COLOR variable is honoured too).")
    var noColor = false

    /// These options for a mode and its files.
    func options(_ mode: Options.Mode, files: [String]) -> Options {
        Options(mode: mode, empty: empty, resume: resume, json: json, noColor: noColor, seed: seed, files: files)
            .normalized()
    }
}

/// `supportplan [repl] [OPTIONS] [PRESET|FILE …]`: the REPL on the standard model after each preset or file.
struct REPLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Start the REPL after loading each PRESET or FILE.",
        usage: "supportplan [repl] [OPTIONS] [PRESET|FILE ...]",
        discussion: """
            With stdin not a terminal, stdin runs as a script (as `run -`). With --json and files, the \
            files run as with `run`.
            """
    )

    @OptionGroup var model: ModelOptions

    @Argument(
        help: ArgumentHelp("Presets or .plan files to load, in order.", valueName: "PRESET|FILE"),
        completion: .custom(CommandLineCompletion.presetsAndFiles))
    var files: [String] = []

    /// What the program does with these arguments.
    var options: Options { model.options(.repl, files: files) }

    func run() throws { try Program(options: options).finish() }
}

/// `supportplan run [OPTIONS] FILE …`: run scripts without the REPL; `-` reads stdin.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run scripts without the REPL ('-' reads stdin).",
        usage: "supportplan run [OPTIONS] FILE ...",
        discussion: """
            Also on top of the standard model unless --empty. A script may start with \
            `#!/usr/bin/env -S supportplan run`. Exit status: 0 all fine, 1 an assert failed (the run \
            goes on), 2 an error (the run stops at that line), 64 bad usage, 130 interrupted.
            """
    )

    @OptionGroup var model: ModelOptions

    @Argument(
        help: ArgumentHelp("Scripts to run in order ('-' for stdin); a preset name loads it.", valueName: "FILE"),
        completion: .custom(CommandLineCompletion.presetsAndFiles))
    var files: [String]

    /// What the program does with these arguments.
    var options: Options { model.options(.run, files: files) }

    func run() throws { try Program(options: options).finish() }
}

/// `supportplan presets`: the presets with their one-line descriptions.
struct PresetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "presets", abstract: "List the presets with their one-line descriptions.")

    @Flag(help: ArgumentHelp("Print only the names, one per line (for scripts and completion).", visibility: .hidden))
    var names = false

    /// The root's options, which argument-parser reads wherever they stand; here only to refuse them.
    @OptionGroup(visibility: .private) var model: ModelOptions

    func validate() throws {
        if model.empty || model.resume || model.json || model.seed != nil {
            throw ValidationError("presets takes no options but --no-color")
        }
    }

    func run() throws {
        try Program(options: Options(mode: names ? .presetNames : .presets)).finish()
    }
}

/// `supportplan report [PRESET|FILE …] -o FILE`: the board report (HTML or Markdown) without a REPL.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the board report (HTML or Markdown) of the model.",
        usage: "supportplan report [OPTIONS] [PRESET|FILE ...] -o FILE",
        discussion: """
            Loads the standard model (unless --empty), then each PRESET or FILE in order; with several \
            presets each is kept as a scenario, so the report compares them. The format follows the file \
            name: .html (self-contained, no network) or .md.
            """
    )

    @OptionGroup var model: ModelOptions

    @Argument(
        help: ArgumentHelp("Presets or .plan files to load, in order.", valueName: "PRESET|FILE"),
        completion: .custom(CommandLineCompletion.presetsAndFiles))
    var files: [String] = []

    @Option(
        name: .shortAndLong, help: ArgumentHelp("The report to write: FILE.html or FILE.md.", valueName: "FILE"),
        completion: .file(extensions: ["html", "md"]))
    var output: String

    func validate() throws {
        if model.resume || model.json { throw ValidationError("report takes neither --resume nor --json") }
    }

    /// What the program does with these arguments.
    var options: Options {
        var options = model.options(.report, files: files)
        options.mode = .report
        options.output = output
        return options
    }

    func run() throws { try Program(options: options).finish() }
}
