import PlanSession

/// The command line of SPEC §1, parsed by hand (no argument-parsing dependency on the start-up path).
struct Options {
    enum Mode {
        case repl
        case run
        case presets
        case report
        case help
        case version
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

    static let usage = """
        usage: supportplan [OPTIONS] [PRESET|FILE ...]   the REPL on the standard model, after each preset/file
               supportplan run [OPTIONS] FILE ...        run scripts ('-' = stdin); exit 0 ok, 1 assert, 2 error
               supportplan presets                       list the presets
               supportplan report [PRESET|FILE ...] -o FILE.html|FILE.md
                                                         write the board report (several presets: compared)

        options:
          --empty       start with no model (not the standard one)
          --resume      restore the last REPL session
          --seed N      Monte Carlo seed
          --json        run: print the whole model as JSON on stdout (everything else to stderr)
          -o FILE       report: the file to write (.html or .md)
          --no-color    no colour (NO_COLOR is honoured too)
          --version     print the version
          --help        this help
        """

    /// Parses arguments (without the program name); throws a message for bad usage.
    static func parse(_ arguments: [String]) throws(UsageError) -> Options {
        var options = Options()
        var index = 0
        var sawCommand = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            switch argument {
            case "--empty": options.empty = true
            case "--resume": options.resume = true
            case "--json": options.json = true
            case "--no-color", "--no-colour": options.noColor = true
            case "--version", "-V": options.mode = .version
            case "--help", "-h": options.mode = .help
            case "--seed":
                guard index < arguments.count, let seed = UInt64(arguments[index]) else {
                    throw UsageError(message: "--seed needs a whole number")
                }
                options.seed = seed
                index += 1
            case "run" where !sawCommand && options.files.isEmpty:
                options.mode = .run
                sawCommand = true
            case "presets" where !sawCommand && options.files.isEmpty:
                options.mode = .presets
                sawCommand = true
            case "report" where !sawCommand && options.files.isEmpty:
                options.mode = .report
                sawCommand = true
            case "-o", "--output":
                guard index < arguments.count else { throw UsageError(message: "\(argument) needs a file") }
                options.output = arguments[index]
                index += 1
            default:
                if argument.hasPrefix("--seed=") {
                    guard let seed = UInt64(argument.dropFirst(7)) else {
                        throw UsageError(message: "--seed needs a whole number")
                    }
                    options.seed = seed
                } else if argument.hasPrefix("-") && argument != "-" {
                    throw UsageError(message: "unknown option \(argument)")
                } else {
                    options.files.append(argument)
                }
            }
        }
        if options.mode == .run && options.files.isEmpty {
            throw UsageError(message: "run needs a file ('-' for stdin)")
        }
        if options.mode == .report {
            guard let output = options.output else {
                throw UsageError(message: "report needs -o FILE.html or -o FILE.md")
            }
            guard Session.ReportFormat(path: output) != nil else {
                throw UsageError(message: "the report is written as .html or .md, not \(output)")
            }
        } else if options.output != nil {
            throw UsageError(message: "-o goes with report")
        }
        if options.mode == .presets && !options.files.isEmpty {
            throw UsageError(message: "presets takes no arguments (got \(options.files.joined(separator: " ")))")
        }
        if options.json && options.mode == .repl && !options.files.isEmpty {
            options.mode = .run
        }
        return options
    }
}

/// Bad command-line usage (exit 64).
struct UsageError: Error {
    let message: String
}
