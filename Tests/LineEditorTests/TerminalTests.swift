import Foundation
import Testing

@testable import LineEditor

/// History path resolution and directory creation.
@Suite struct TerminalTests {
    /// An environment lookup backed by a dictionary.
    private func environment(_ values: [String: String]) -> (String) -> String? {
        { values[$0] }
    }

    /// `XDG_STATE_HOME` wins when it is absolute.
    @Test func xdgStateHome() {
        let env = environment(["XDG_STATE_HOME": "/state", "HOME": "/home/ann"])
        #expect(Terminal.historyPath(environment: env) == "/state/supportplan/history")
        #expect(Terminal.stateDirectory(environment: env) == "/state/supportplan")
    }

    /// Without `XDG_STATE_HOME` the default is under `~/.local/state`.
    @Test func homeFallback() {
        let env = environment(["HOME": "/home/ann/"])
        #expect(Terminal.historyPath(environment: env) == "/home/ann/.local/state/supportplan/history")
    }

    /// An empty or relative `XDG_STATE_HOME` is ignored, as the XDG specification requires.
    @Test(arguments: ["", "relative/state"])
    func invalidXdgStateHomeIsIgnored(value: String) {
        let env = environment(["XDG_STATE_HOME": value, "HOME": "/home/ann"])
        #expect(Terminal.historyPath(environment: env) == "/home/ann/.local/state/supportplan/history")
    }

    /// With neither variable there is no history file.
    @Test func noEnvironment() {
        #expect(Terminal.historyPath(environment: environment([:])) == nil)
        #expect(Terminal.historyPath(environment: environment(["HOME": ""])) == nil)
    }

    /// The parent directory of a path, as the history writer needs it.
    @Test(arguments: [
        ("/a/b/history", "/a/b"),
        ("/history", "/"),
        ("history", ""),
        ("a/b/", "a"),
        ("/", "/"),
    ])
    func parentDirectory(path: String, expected: String) {
        #expect(Terminal.parentDirectory(of: path) == expected)
    }

    /// `createDirectories` makes missing parents with mode 0700 and accepts existing ones.
    @Test func createDirectories() throws {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("le-dirs-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let nested = root + "/state/supportplan"
        #expect(Terminal.createDirectories(nested))
        #expect(Terminal.createDirectories(nested))
        let attributes = try FileManager.default.attributesOfItem(atPath: nested)
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
    }

    /// A pipe is not a terminal, so no editor starts on it.
    @Test func pipeIsNotTerminal() throws {
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        defer {
            close(fds[0])
            close(fds[1])
        }
        #expect(!Terminal.isTerminal(fds[0]))
        let reader = EditLineReader(programName: "t", historyFile: nil, terminal: fds[0]) { _ in .none }
        #expect(reader == nil)
    }

    /// A prompt with newlines is split so that libedit only gets the last line.
    @Test func splitPrompt() {
        #expect(EditLineReader.splitPrompt("plan> ") == ("", "plan> "))
        #expect(EditLineReader.splitPrompt("a\nb\nplan> ") == ("a\nb\n", "plan> "))
        #expect(EditLineReader.splitPrompt("done\n") == ("done\n", ""))
    }
}
