import Foundation
import PlanCore
import PlanSession
import Testing

/// Issue #13 part 4: a preset or `use`d file cannot write, delete or overwrite files by any route.
@Suite("Untrusted files")
struct UntrustedFileTests {
    @Test(
        "a used file cannot write by any command; nothing appears",
        arguments: [
            ":save out.plan", ":export json out.json", ":export csv out.csv", ":export md out.md",
            "use \"inner.plan\"", ":load inner.plan",
        ])
    func noWrites(line: String) {
        let directory = scratchDirectory()
        put(":save inner-wrote.plan\n", at: directory + "/inner.plan")
        put("x = 1\n" + line + "\n", at: directory + "/evil.plan")
        let (session, output) = freshSession(standard: false, interactive: true)
        let status = session.runEntry(SourceFile(name: nil, text: "use \"evil.plan\""), directory: directory)
        #expect(status == .error)
        let found = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        #expect(Set(found) == ["inner.plan", "evil.plan"], "\(found)")
        #expect(output.diagnostics.contains { $0.message.contains("may not write files") }, "\(messages(output))")
    }

    @Test("the one check: a session is allowed to write only at the top level")
    func oneCheck() {
        let (session, _) = freshSession(standard: false)
        #expect(session.mayWriteFiles)
    }

    @Test("the top level may write (and a failed write is an I/O error, exit 2)")
    func topLevel() {
        let directory = scratchDirectory()
        let (session, output) = freshSession(standard: false)
        #expect(session.run(SourceFile(name: nil, text: "x = 1\n:save m.plan"), directory: directory) == .success)
        #expect(contents(of: directory + "/m.plan")?.contains("x = 1") == true)
        #expect(session.run(SourceFile(name: nil, text: ":export json /dev/full")) == .error)
        #expect(output.diagnostics.last?.kind == .io)
        #expect(output.diagnostics.last?.message.contains("character device") == true)
    }

    @Test("use of a directory, a FIFO, /dev/stdin, itself or a binary file is a clear error")
    func badUses() throws {
        let directory = scratchDirectory()
        #expect(mkfifo(directory + "/pipe.plan", 0o600) == 0)
        put("use \"self.plan\"\n", at: directory + "/self.plan")
        FileManager.default.createFile(atPath: directory + "/binary.plan", contents: Data([0x7F, 0x45, 0x4C, 0x46, 0]))
        let cases: [(String, String)] = [
            ("use \"\(directory)/\"", "directory"), ("use \"pipe.plan\"", "FIFO"),
            ("use \"/dev/stdin\"", "not a file"), ("use \"self.plan\"", "cycle"),
            ("use \"binary.plan\"", "not a text file"),
        ]
        for (line, expected) in cases {
            let (session, output) = freshSession(standard: false)
            #expect(session.run(SourceFile(name: nil, text: line), directory: directory) == .error)
            #expect(output.diagnostics.contains { $0.message.contains(expected) }, "\(line): \(messages(output))")
        }
    }

    @Test("text from a file reaches the terminal neutralised in diagnostics (message, excerpt, file name)")
    func neutralisedDiagnostics() {
        let file = SourceFile(name: "evil\u{1B}]0;x\u{07}.plan", text: "x = \"\u{1B}[2J\" + 1 \u{202E}")
        let (session, output) = freshSession(standard: false)
        _ = session.run(file)
        let rendered = output.diagnostics.map { $0.rendered(color: true) }.joined()
        #expect(!rendered.unicodeScalars.contains { $0 == "\u{07}" || $0 == "\u{202E}" })
        #expect(!rendered.contains("\u{1B}]") && !rendered.contains("\u{1B}[2J"))
        #expect(rendered.contains("\\u{1B}"))
    }

    @Test("--json keeps the text but writes control and bidi characters as \\u escapes")
    func jsonEscapes() {
        let (session, output) = freshSession(standard: false)
        #expect(session.run(SourceFile(name: nil, text: "label = \"A\\u{1B}]0;x\\u{7}\\u{202E}B\"")) == .success)
        let json = session.json()
        #expect(json.contains("A\\u001b]0;x\\u0007\\u202eB"), "\(json) \(messages(output))")
        #expect(!json.unicodeScalars.contains { TerminalText.needsEscape($0) })
    }
}
