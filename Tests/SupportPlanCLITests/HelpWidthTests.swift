import ArgumentParser
import Testing

@testable import SupportPlanCLI

/// `--help` of every command fits 80 columns (SPEC §11; issue #11 item 1: it was 121).
@Suite struct HelpWidthTests {
    static let commands: [ParsableCommand.Type] = [
        SupportPlanCommand.self, REPLCommand.self, RunCommand.self, PresetsCommand.self,
    ]

    @Test(arguments: 0..<commands.count)
    func helpFitsEightyColumns(index: Int) {
        let command = Self.commands[index]
        let help = SupportPlanCommand.helpMessage(for: command, columns: 80)
        let wide = help.split(separator: "\n").filter { $0.count > 80 }
        #expect(wide.isEmpty, "\(command): \(wide)")
        #expect(help.contains("USAGE: supportplan"))
    }

    @Test func usageErrorsFitEightyColumns() {
        for arguments in [["--bogus"], ["run"], ["--seed", "x"], ["presets", "extra"]] {
            do {
                _ = try SupportPlanCommand.parseAsRoot(arguments)
                Issue.record("\(arguments) parsed")
            } catch {
                let message = SupportPlanCommand.fullMessage(for: error, columns: 80)
                #expect(message.split(separator: "\n").allSatisfy { $0.count <= 80 }, "\(message)")
            }
        }
    }

    @Test func rootHelpNamesTheSpecForms() {
        let help = SupportPlanCommand.helpMessage(columns: 80)
        #expect(help.contains("supportplan [OPTIONS] [PRESET|FILE ...]"))
        #expect(help.contains("supportplan run [OPTIONS] FILE ..."))
        #expect(help.contains("--seed <N>"))
    }
}
