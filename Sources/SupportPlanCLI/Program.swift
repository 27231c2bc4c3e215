import ArgumentParser
import Glibc
import LineEditor
import PlanCore
import PlanSession
import SupportEconomics

/// Wires the options to a session and a front end: the script runner, the preset list or the REPL.
struct Program {
    let options: Options

    static let version = "supportplan 0.1.0"

    var color: Bool {
        !options.noColor && FileSystem.environment("NO_COLOR").map(\.isEmpty) ?? true && Console.isTerminal(1)
    }

    func main() -> ExitStatus {
        switch options.mode {
        case .presets:
            let session = makeSession(interactive: false, valuesTo: 1)
            Console.write(
                TerminalText.neutralized(PresetListing(session: session).text(width: PresetListing.terminalWidth()))
                    + "\n", to: 1)
            return .success
        case .presetNames:
            let names = PresetLocator.forThisExecutable.names
            Console.write(names.map { $0 + "\n" }.joined(), to: 1)
            return .success
        case .run:
            return runScripts(options.files)
        case .report:
            // Values, alerts and the confirmation go to stderr: the report is the output.
            let session = makeSession(interactive: false, valuesTo: 2)
            if !options.empty && session.loadStandardModel() == .error { return .error }
            return session.writeReport(loading: options.files, to: options.output ?? "")
        case .repl:
            if !Console.isTerminal(0) { return runScripts(options.files + ["-"]) }
            return REPL(options: options, color: color).run()
        }
    }

    /// Runs `main()` for a swift-argument-parser command: a status other than 0 leaves as `ExitCode`.
    func finish() throws(ExitCode) {
        let status = main()
        if status != .success { throw ExitCode(status.rawValue) }
    }

    func makeSession(interactive: Bool, valuesTo: Int32) -> Session {
        let locator = PresetLocator.forThisExecutable
        let output = ConsoleOutput(color: color && interactive, valuesTo: valuesTo, interactive: interactive)
        let session = Session(output: output, locator: locator)
        session.interactive = interactive
        session.width = Terminal.columns()
        session.startedEmpty = options.empty
        if let seed = options.seed { session.seed = seed }
        return session
    }

    /// `supportplan run FILE…` and piped stdin.
    func runScripts(_ files: [String]) -> ExitStatus {
        let session = makeSession(interactive: false, valuesTo: options.json ? 2 : 1)
        if options.resume {
            guard REPL.resume(into: session) != nil else { return .error }
        } else if !options.empty {
            let status = session.loadStandardModel()
            if status == .error { return .error }
        }
        var worst = ExitStatus.success
        for path in files {
            let status: ExitStatus
            if path == "-" {
                do throws(FileSystem.Failure) {
                    status = session.run(SourceFile(name: "<stdin>", bytes: try FileSystem.readStandardInput()))
                } catch {
                    Console.write("supportplan: \(error.message)\n", to: 2)
                    status = .error
                }
            } else {
                status = session.load(commandLine: session.commandLineTarget(path))
            }
            worst = max(worst, status)
            if status == .error || status == .interrupted { break }
        }
        if options.json && worst != .error { Console.write(session.json() + "\n", to: 1) }
        // Leave without tearing the model down: freeing 100,000 cells one by one is wasted work at exit.
        exit(worst.rawValue)
    }
}
