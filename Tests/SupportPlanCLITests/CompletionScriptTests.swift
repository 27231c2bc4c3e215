import ArgumentParser
import Testing

@testable import SupportPlanCLI

/// The completion scripts keep argument-parser's and add the root's preset and file completion.
@Suite struct CompletionScriptTests {
    @Test(arguments: ["bash", "zsh", "fish"])
    func everyShellIsTaughtTheDefaultSubcommand(name: String) throws {
        let shell = try #require(CompletionShell(rawValue: name))
        let script = try #require(CompletionScript.text(for: shell))
        let plain = SupportPlanCommand.completionScript(for: shell)
        #expect(script.count > plain.count)
        #expect(script.contains(name == "fish" ? "---completion repl" : "_supportplan_repl"))
    }

    @Test func bashOffersSubcommandsOnlyForTheFirstWord() throws {
        let script = try #require(CompletionScript.text(for: .bash))
        #expect(script.contains("if [[ \"${#unparsed_words[@]}\" -eq 0 ]]; then"))
    }

    @Test func theRequestedShellIsReadFromEitherForm() {
        #expect(CompletionScript.requestedShell(["--generate-completion-script", "zsh"]) == .zsh)
        #expect(CompletionScript.requestedShell(["--generate-completion-script=fish"]) == .fish)
        #expect(CompletionScript.requestedShell(["--generate-completion-script", "tcsh"]) == nil)
        #expect(CompletionScript.requestedShell(["--generate-completion-script"], autodetected: { .zsh }) == .zsh)
        #expect(CompletionScript.requestedShell(["--generate-completion-script"], autodetected: { nil }) == nil)
        #expect(CompletionScript.requestedShell(["run", "--generate-completion-script", "bash"]) == nil)
    }
}
