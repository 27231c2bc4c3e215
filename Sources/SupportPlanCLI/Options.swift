/// The command line of SPEC §1 once parsed, and the pre-parser that reads its common forms.
///
/// Two parsers, one meaning: `SupportPlanCommand` (swift-argument-parser) defines the command line —
/// help, usage errors, completion scripts, the man page — and `fastParse` reads only the forms that
/// start the REPL or run scripts, which must start in a few milliseconds (SPEC §7). It accepts an
/// argument list only when every argument is one it knows (the five options, `--seed N`/`--seed=N`
/// with a valid number, file and preset names, `-`) and returns nil for anything else, which then
/// goes to `SupportPlanCommand`. Building argument-parser's command tree (reflection over every
/// command's properties) costs milliseconds that `run --empty` of a one-line script does not have;
/// `OptionsEquivalenceTests` checks that both parsers give the same `Options` for every form that
/// `fastParse` accepts.
struct Options: Equatable {
    /// What the program does.
    enum Mode: Equatable {
        /// The REPL on the standard model (or, with stdin not a terminal, stdin as a script).
        case repl
        /// `supportplan run FILE…`.
        case run
        /// `supportplan presets`: names with descriptions.
        case presets
        /// `supportplan presets --names`: names only, one per line (for completion).
        case presetNames
        /// `supportplan report [PRESET|FILE …] -o FILE`: the board report.
        case report
    }

    var mode = Mode.repl
    var empty = false
    var resume = false
    var json = false
    var noColor = false
    var seed: UInt64?
    var files: [String] = []
    /// `report -o FILE`: where the report goes.
    var output: String?

    /// The options with `--json` and files turning the REPL into a run (SPEC §1: `--json` is for runs).
    func normalized() -> Options {
        var options = self
        if options.json && options.mode == .repl && !options.files.isEmpty { options.mode = .run }
        return options
    }

    /// Reads the common forms `[OPTIONS] [PRESET|FILE …]` and `run [OPTIONS] FILE …` (arguments
    /// without the program name); nil for any other form, left to `SupportPlanCommand`.
    static func fastParse(_ arguments: [String]) -> Options? {
        var options = Options()
        var rest = arguments[...]
        if rest.first == "run" {
            options.mode = .run
            rest = rest.dropFirst()
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--empty": options.empty = true
            case "--resume": options.resume = true
            case "--json": options.json = true
            case "--no-color": options.noColor = true
            case "--seed":
                guard let value = rest.popFirst(), let seed = UInt64(value) else { return nil }
                options.seed = seed
            default:
                if argument.hasPrefix("--seed=") {
                    guard let seed = UInt64(argument.dropFirst(7)) else { return nil }
                    options.seed = seed
                } else if argument.hasPrefix("-") && argument != "-" {
                    return nil
                } else if argument.isEmpty || CommandLineCompletion.subcommandNames.contains(argument) {
                    return nil
                } else {
                    options.files.append(argument)
                }
            }
        }
        if options.mode == .run && options.files.isEmpty { return nil }
        return options.normalized()
    }
}
