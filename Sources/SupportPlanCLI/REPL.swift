import Glibc
import LineEditor
import PlanCore
import PlanSession
import SupportEconomics

/// The interactive loop: libedit line editing, the journal, continuation lines, Ctrl-C and Ctrl-D.
struct REPL {
    let options: Options
    let color: Bool

    func run() -> ExitStatus {
        let program = Program(options: options)
        let session = program.makeSession(interactive: true, valuesTo: 1)
        Interrupt.install()
        session.cancellation = { Interrupt.isRequested }
        let stateDirectory = Terminal.stateDirectory()
        if let stateDirectory { _ = Terminal.createDirectories(stateDirectory) }
        let journal = stateDirectory.map { Journal(path: $0 + "/journal.plan") }
        if options.resume {
            guard let journal, let entries = journal.entries() else {
                Console.write("supportplan: no session to resume\n", to: 2)
                return .error
            }
            Self.replay(entries, into: session)
            Console.write("resumed \(entries.count) entries (\(session.model.cellNames.count) cells)\n", to: 1)
        } else {
            if !options.empty { _ = session.loadStandardModel() }
            var loaded: [LoadTarget] = []
            for file in options.files {
                let target = session.commandLineTarget(file)
                // A preset's banner comes before its alerts (#11 item 6): hold the load's output back. (While a
                // preset loads only its net change of alerts is shown: a change set with no cells.)
                let console = session.output
                let held = BufferedOutput()
                if case .preset = target { session.output = held }
                let status = session.load(commandLine: target)
                session.output = console
                if status != .error, case .preset(let name) = target {
                    let description = session.presetDescription(name).map { ": " + $0 } ?? ""
                    Console.write("\(name)\(description) (loaded \(session.model.cellNames.count) cells)\n", to: 1)
                }
                for line in held.lines { console.emit(line) }
                for diagnostic in held.diagnostics { console.report(diagnostic) }
                for changes in held.changes where changes.cells.isEmpty { console.changed(changes, in: session) }
                if status == .error { break }
                loaded.append(target)
            }
            if let entries = journal?.entries(), entries.count > 1 {
                Console.write(
                    "(the last session's \(entries.count - 1) entries are kept until you change something;"
                        + " `supportplan --resume` restores them)\n", to: 1)
            }
            journal?.start(header: options.empty ? "--empty" : "standard", loaded: loaded)
        }
        let reader: LineReader =
            EditLineReader(
                programName: "supportplan", historyFile: Terminal.historyPath(),
                completer: { Completer(session: session).complete($0) }) ?? PlainLineReader()
        if !options.resume {
            Console.write(
                "supportplan — \(session.model.cellNames.count) cells; :help for help, Ctrl-D to quit\n", to: 1)
        }
        var pending = ""
        while !session.quitRequested {
            Interrupt.clear()
            let prompt = pending.isEmpty ? session.scenario + "> " : "...> "
            switch reader.readLine(prompt: prompt) {
            case .endOfFile:
                if pending.isEmpty { return .success }
                pending = ""
            case .interrupted:
                if !pending.isEmpty { pending = "" }
                Console.write("^C\n", to: 1)
            case .line(let line):
                let text = pending.isEmpty ? line : pending + "\n" + line
                if session.needsContinuation(text) {
                    pending = text
                    continue
                }
                pending = ""
                if text.trimmingCharacters().isEmpty { continue }
                reader.addHistory(text)
                let status = session.run(SourceFile(name: nil, text: text))
                if status != .error && status != .interrupted && Self.journals(text) { journal?.append(text) }
                // `:import` is journalled as the statements it applied, so a resume does not read the file again.
                if let imported = session.takeJournalEntry() { journal?.append(imported) }
            }
        }
        return .success
    }

    /// Commands that change the session and so belong in the journal; the others only show or write files.
    static let journalledCommands: Set<String> = [
        "load", "reset", "undo", "redo", "watch", "unwatch", "set", "scenario",
    ]

    /// True when an accepted entry must be replayed by `--resume` (not `:quit`, `:save`, `:show`, …).
    static func journals(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters()
        guard trimmed.hasPrefix(":") else { return true }
        let name = String(trimmed.dropFirst().prefix { $0 != " " && $0 != "\t" })
        return journalledCommands.contains(name)
    }

    /// Replays a journal into a session, silently.
    static func replay(_ entries: [String], into session: Session) {
        let output = session.output
        session.output = BufferedOutput()
        if entries.first == "--empty" { session.startedEmpty = true } else { _ = session.loadStandardModel() }
        for entry in entries.dropFirst() {
            if entry.hasPrefix("#load ") {
                _ = session.load(commandLine: .preset(String(entry.dropFirst(6))))
                continue
            }
            if entry.hasPrefix("#run ") {
                _ = session.load(commandLine: .file(String(entry.dropFirst(5))))
                continue
            }
            _ = session.run(SourceFile(name: nil, text: entry))
        }
        session.output = output
    }
}

extension String {
    /// The string without surrounding white space.
    func trimmingCharacters() -> String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
