import Foundation
import PlanCore
import PlanSession
import SupportEconomics
import Testing

/// A session over the source tree's presets, collecting its output.
private func makeSession(preset: String? = nil) -> (Session, BufferedOutput) {
    let output = BufferedOutput()
    let locator = PresetLocator(
        environmentRoot: nil, executablePath: nil, fileExists: { FileManager.default.fileExists(atPath: $0) },
        listDirectory: { (try? FileManager.default.contentsOfDirectory(atPath: $0)) ?? [] })
    let session = Session(output: output, locator: locator)
    if let preset { _ = session.loadPreset(preset, report: true) } else { session.loadStandardModel() }
    return (session, output)
}

@Suite("Command table")
struct CommandTableTests {
    @Test("every command is one row: unique names and aliases, a usage that starts with its name")
    func table() {
        let names = Command.names
        #expect(Set(names).count == names.count)
        for command in Command.all {
            #expect(command.usage.hasPrefix(":" + command.name), "\(command.name)")
            #expect(!command.summary.isEmpty)
            #expect(Command.named(command.name)?.name == command.name)
            for alias in command.aliases { #expect(Command.named(alias)?.name == command.name) }
        }
        #expect(Command.named("q")?.name == "quit")
    }

    @Test(":help lists every command of the table, in its order")
    func help() {
        let (session, output) = makeSession()
        session.width = 200
        _ = session.run(SourceFile(name: nil, text: ":help"))
        let text = output.text
        var last = text.startIndex
        for command in Command.all {
            guard let found = text.range(of: "  :" + command.name, range: last..<text.endIndex) else {
                Issue.record("`:\(command.name)` missing from :help or out of order")
                continue
            }
            last = found.upperBound
        }
    }

    @Test("the journal and undo follow each command's effect")
    func effects() {
        #expect(Command.isJournalled(entry: "fte_cost = $70k per year"))
        #expect(!Command.isJournalled(entry: ":show"))
        #expect(!Command.isJournalled(entry: ":save out.plan"))
        #expect(!Command.isJournalled(entry: ":quit"))
        #expect(!Command.isJournalled(entry: ":q"))
        #expect(Command.isJournalled(entry: ":watch clv"))
        #expect(Command.isJournalled(entry: ":set seed 3"))
        #expect(Command.isJournalled(entry: ":undo"))
        #expect(Command.isJournalled(entry: ":scenario save mine"))
        #expect(!Command.isJournalled(entry: ":nonsense"))
        #expect(Command.keepsUndo(line: ":watch clv"))
        #expect(Command.keepsUndo(line: ":scenario load klarna-2024"))
        #expect(!Command.keepsUndo(line: ":scenario save mine"))
        #expect(!Command.keepsUndo(line: ":undo"))
        #expect(!Command.keepsUndo(line: ":set samples 100"))
        #expect(Command.named("save")?.effect == .writesFiles)
    }

    @Test(":watch is undoable like the watch statement; :scenario save is not an undo step")
    func undoFollowsTheTable() {
        let (session, output) = makeSession()
        session.interactive = true
        _ = session.run(SourceFile(name: nil, text: ":watch clv"))
        #expect(session.model.watches.contains("clv"))
        _ = session.run(SourceFile(name: nil, text: ":scenario save mine"))
        _ = session.run(SourceFile(name: nil, text: ":undo"))
        #expect(!session.model.watches.contains("clv"))
        #expect(output.diagnostics.isEmpty, "\(output.diagnostics.map { $0.rendered() })")
    }

    @Test("an argument error has a caret at the argument and the command's usage")
    func argumentError() {
        let (session, output) = makeSession()
        let status = session.run(SourceFile(name: "t.plan", text: "clv = $10\n:sweep clv from $1 to $5 steps x"))
        #expect(status == .error)
        #expect(
            output.diagnostics.first?.rendered()
                == """
                t.plan:2:32: error: expected a number of steps after `steps`, found `x`
                  :sweep clv from $1 to $5 steps x
                                                 ^
                  usage: :sweep input from a to b [steps n] [show expr, …]

                """)
    }

    @Test("a what-if error from a script line points into that line")
    func unknownCellCaret() {
        let (session, output) = makeSession()
        #expect(session.run(SourceFile(name: "t.plan", text: "x = 1\n  :explain rsik")) == .error)
        #expect(
            output.diagnostics.first?.rendered()
                == "t.plan:2:12: error: unknown cell `rsik`\n    :explain rsik\n             ^~~~\n  did you mean `risk`?\n"
        )
    }

    @Test("files run by `use` may not write files")
    func noWritesWhileLoading() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cmd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let inner = directory.appendingPathComponent("inner.plan")
        try ":save out.plan\n".write(to: inner, atomically: true, encoding: .utf8)
        let (session, output) = makeSession()
        #expect(session.run(SourceFile(name: nil, text: "use \"\(inner.path)\"")) == .error)
        #expect(
            output.diagnostics.first?.message == "files loaded by `use` or `:load` (and presets) may not write files")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out.plan").path))
    }

    @Test(":load of a file resolves against the running script's folder and keeps the model on an error")
    func loadFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cmd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "extra = clv * 2\n".write(
            to: directory.appendingPathComponent("q3.plan"), atomically: true, encoding: .utf8)
        try "broken = nope\n".write(to: directory.appendingPathComponent("bad.plan"), atomically: true, encoding: .utf8)
        let script = directory.appendingPathComponent("main.plan")
        try ":load q3.plan\n".write(to: script, atomically: true, encoding: .utf8)
        let (session, output) = makeSession()
        #expect(session.runFile(script.path) == .success, "\(output.diagnostics.map { $0.rendered() })")
        #expect(session.model.value(of: "extra") != nil)
        #expect(session.scenario == "q3")
        let before = session.model.cellNames.count
        #expect(session.run(SourceFile(name: nil, text: ":load \(directory.path)/bad.plan")) == .error)
        #expect(session.model.cellNames.count == before && session.scenario == "q3")
    }
}

@Suite("Tab completion")
struct CompletionTests {
    /// What Tab offers at the end of `line`.
    private func complete(_ session: Session, _ line: String) -> [String] {
        let word = String(
            line.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "/" || $0 == "-" }
                .reversed())
        return session.completions(line: line, word: word)
    }

    @Test("command names, then each command's arguments as its grammar expects them")
    func arguments() {
        let (session, _) = makeSession()
        #expect(complete(session, ":expl") == ["explain "])
        #expect(complete(session, ":export ") == ["csv ", "json ", "md ", "markdown ", "html ", "svg "])
        #expect(complete(session, ":set ti") == ["timing "])
        #expect(complete(session, ":set timing o") == ["on ", "off "])
        #expect(complete(session, ":maximize net_value b") == ["by "])
        #expect(complete(session, ":maximize net_value by churn_per") == ["churn_per_bad_contact"])
        #expect(complete(session, ":maximize net_value by clv i") == ["in "])
        #expect(complete(session, ":goalseek net_value = savings * 90% by clv in 0% to ris") == ["risk"])
        #expect(complete(session, ":sweep clv from $1 to $5 s") == ["steps ", "show "])
        #expect(complete(session, ":scenario l") == ["load "])
        #expect(complete(session, ":scenario load klarna-202").sorted() == ["klarna-2024", "klarna-2025"])
        #expect(complete(session, ":compare cur") == ["current"])
        #expect(complete(session, ":load klarna").sorted() == ["klarna-2024", "klarna-2025", "klarna-timeline"])
        #expect(complete(session, ":unwatch ris") == ["risk"])
        #expect(complete(session, ":explain ai_resolution.c") == ["ai_resolution.complex"])
        #expect(complete(session, ":table mix, csat_t") == ["csat_tier"])
        #expect(complete(session, ":help swe") == ["sweep"])
    }

    @Test("paths: files and folders, `~/` as the home folder, `.plan` files and presets for :load")
    func paths() throws {
        let (session, _) = makeSession()
        let home = try #require(ProcessInfo.processInfo.environment["HOME"])
        let inHome = (try? FileManager.default.contentsOfDirectory(atPath: home))?.filter { !$0.hasPrefix(".") }
        if let first = inHome?.sorted().first {
            #expect(complete(session, ":save ~/" + first).contains { $0.hasPrefix("~/" + first) })
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tab-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("sub"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "x = 1\n".write(to: directory.appendingPathComponent("q3.plan"), atomically: true, encoding: .utf8)
        try "n\n".write(to: directory.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let base = directory.path + "/"
        #expect(complete(session, ":load " + base) == [base + "q3.plan", base + "sub/"])
        #expect(complete(session, ":export csv " + base + "n") == [base + "notes.txt"])
    }

    @Test("statements: names, statement words, presets after use \"")
    func statements() {
        let (session, _) = makeSession()
        #expect(complete(session, "churn_per_b") == ["churn_per_bad_contact"])
        #expect(complete(session, "rep").contains("report"))
        #expect(complete(session, "use \"hand") == ["handoff"])
        #expect(complete(session, "x = ai_coverage.rou") == ["ai_coverage.routine"])
        #expect(complete(session, "ai_resolution.c") == ["ai_resolution.complex"])
        #expect(
            complete(session, "ai_resolution.") == [
                "ai_resolution.complex", "ai_resolution.routine", "ai_resolution.standard",
            ])
        #expect(complete(session, "fte_cost.") == [])
    }

    @Test("`:compare a b` offers `show` after the scenarios, then names")
    func compareShow() {
        let (session, _) = makeSession()
        #expect(complete(session, ":compare klarna-2024 klarna-2025 sh").contains("show "))
        #expect(complete(session, ":compare klarna-2024 klarna-2025 show csat_t") == ["csat_tier"])
        #expect(complete(session, ":compare klarna-2024 klarna-2025 show mix.com") == ["mix.complex"])
    }

    @Test("in a string: the quoted text is the word; presets and files after use, a command's paths")
    func quoted() throws {
        let (session, _) = makeSession()
        #expect(
            session.completions(quotedAfter: "use ", word: "kla") == ["klarna-2024", "klarna-2025", "klarna-timeline"])
        #expect(session.completions(quotedAfter: "use ", word: "hand") == ["handoff"])
        #expect(session.completions(quotedAfter: ":load ", word: "hand") == ["handoff"])
        #expect(session.completions(quotedAfter: ":scenario load ", word: "klarna-2025") == ["klarna-2025"])
        #expect(session.completions(quotedAfter: "print ", word: "hand") == [])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("quoted-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "x = 1\n".write(to: directory.appendingPathComponent("my plan.plan"), atomically: true, encoding: .utf8)
        let base = directory.path + "/"
        #expect(session.completions(quotedAfter: "use ", word: base + "my p") == [base + "my plan.plan"])
        #expect(session.completions(quotedAfter: ":save ", word: base + "my") == [base + "my plan.plan"])
    }
}
