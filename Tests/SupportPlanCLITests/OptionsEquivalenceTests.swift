import ArgumentParser
import Testing

@testable import SupportPlanCLI

/// The pre-parser (`Options.fastParse`) and swift-argument-parser (`SupportPlanCommand`) must read every
/// form the pre-parser accepts the same way, and the pre-parser must leave every other form alone.
@Suite struct OptionsEquivalenceTests {
    /// What argument-parser makes of an argument list: the options of `repl` or `run`, or nil when it
    /// parses to another command or fails.
    private static func parsedByArgumentParser(_ arguments: [String]) -> Options? {
        guard let command = try? SupportPlanCommand.parseAsRoot(arguments) else { return nil }
        if let repl = command as? REPLCommand { return repl.options }
        if let run = command as? RunCommand { return run.options }
        return nil
    }

    @Test(arguments: [
        [], ["klarna-2024"], ["--empty"], ["--empty", "a.plan", "b.plan"], ["--resume"], ["--no-color", "handoff"],
        ["--seed", "42", "klarna-2024"], ["--seed=7"], ["--seed", "1", "--seed", "2"], ["--json", "model.plan"],
        ["--json"], ["run", "x.plan"], ["run", "-"], ["run", "--empty", "--json", "-"],
        ["run", "x.plan", "--seed", "9", "y.plan"], ["run", "--resume", "x.plan"], ["run", "klarna-2024", "x.plan"],
        ["run", "--seed=18446744073709551615", "x.plan"], ["run", "--empty", "--empty", "x.plan"],
        ["run", "dir/model", "--no-color"], ["-"],
    ])
    func fastFormsMeanTheSame(arguments: [String]) throws {
        let fast = try #require(Options.fastParse(arguments))
        #expect(fast == Self.parsedByArgumentParser(arguments))
    }

    @Test(arguments: [
        ["--help"], ["-h"], ["run", "--help"], ["--version"], ["presets"], ["presets", "--names"], ["help"],
        ["--generate-completion-script", "bash"], ["run"], ["--bogus"], ["run", "-x", "a.plan"],
        ["--seed"], ["--seed", "abc"], ["--seed=-1"], ["--seed", "-1", "x.plan"], ["--", "x.plan"],
        ["--empty", "run", "x.plan"], ["repl", "klarna-2024"], ["x.plan", "run"], [""], ["-e"],
        ["---completion", "--", "positional@0", "0", "0", "supportplan"],
    ])
    func otherFormsGoToArgumentParser(arguments: [String]) {
        #expect(Options.fastParse(arguments) == nil)
    }

    @Test func optionsBeforeTheSubcommandReachIt() throws {
        let options = try #require(Self.parsedByArgumentParser(["--seed", "3", "--empty", "run", "x.plan"]))
        #expect(options == Options(mode: .run, empty: true, seed: 3, files: ["x.plan"]))
    }

    @Test func presetsTakesNoColorOnly() throws {
        #expect(try SupportPlanCommand.parseAsRoot(["presets", "--no-color"]) is PresetsCommand)
        #expect(try SupportPlanCommand.parseAsRoot(["presets", "--names"]) is PresetsCommand)
    }

    @Test func jsonWithFilesRuns() throws {
        let options = try #require(Options.fastParse(["--json", "a.plan"]))
        #expect(options.mode == .run)
    }

    @Test(arguments: [
        ["run"], ["--bogus"], ["--seed", "x"], ["presets", "extra"], ["run", "--seed"], ["presets", "--json"],
        ["--empty", "presets"],
    ])
    func badUsageExits64(arguments: [String]) {
        do {
            _ = try SupportPlanCommand.parseAsRoot(arguments)
            Issue.record("\(arguments) parsed")
        } catch {
            #expect(SupportPlanCommand.exitCode(for: error).rawValue == 64)
        }
    }
}
