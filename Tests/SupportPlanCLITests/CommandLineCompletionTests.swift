import Glibc
import PlanSession
import Testing

@testable import SupportPlanCLI

/// The candidates the completion scripts get back for a preset or file argument.
@Suite struct CommandLineCompletionTests {
    /// A fresh directory with `a.plan`, `notes.txt`, `.hidden.plan` and `models/b.plan`.
    private static func fixture() throws -> String {
        var template = Array("/tmp/supportplan-completion-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.flatMap { mkdtemp($0) }.map { String(cString: $0) }
        }
        let directory = try #require(made)
        FileSystem.makeDirectories(directory + "/models")
        for file in ["a.plan", "notes.txt", ".hidden.plan", "models/b.plan"] {
            try FileSystem.writeAtomically(directory + "/" + file, "x = 1\n")
        }
        return directory
    }

    private static func remove(_ directory: String) {
        for file in ["a.plan", "notes.txt", ".hidden.plan", "models/b.plan"] { unlink(directory + "/" + file) }
        rmdir(directory + "/models")
        rmdir(directory)
    }

    @Test func filesArePlanFilesAndDirectories() throws {
        let directory = try Self.fixture()
        defer { Self.remove(directory) }
        #expect(
            CommandLineCompletion.files(matching: directory + "/") == [directory + "/a.plan", directory + "/models/"])
        #expect(CommandLineCompletion.files(matching: directory + "/m") == [directory + "/models/"])
        #expect(CommandLineCompletion.files(matching: directory + "/models/") == [directory + "/models/b.plan"])
        #expect(CommandLineCompletion.files(matching: directory + "/.h") == [directory + "/.hidden.plan"])
        #expect(CommandLineCompletion.files(matching: directory + "/zz").isEmpty)
    }

    @Test func presetNamesComeFirstAndMatchThePrefix() {
        let candidates = CommandLineCompletion.presetsAndFiles(["supportplan", "klar"], 1, "klar")
        #expect(candidates.prefix(2) == ["klarna-2024", "klarna-2025"])
        let all = CommandLineCompletion.presetsAndFiles(["supportplan", ""], 1, "")
        #expect(all.first == "standard")
        #expect(all.contains("handoff"))
    }

    @Test func aPathPrefixOffersNoPresets() {
        #expect(!CommandLineCompletion.presetsAndFiles(["supportplan", "./k"], 1, "./k").contains("klarna-2024"))
    }
}
