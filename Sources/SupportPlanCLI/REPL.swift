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
        let journals = Self.journalDirectory()
        // Saved scenarios last across sessions in the state directory (see `ScenarioStore`).
        session.scenarioStore = Terminal.stateDirectory().map { ScenarioStore(directory: $0 + "/scenarios") }
        let journal = journals.map { Journal(directory: $0) }
        // Entries resolve relative paths against the directory the session started in, as the journal
        // records it, so `--resume` from another directory restores the same files.
        let directory = FileSystem.currentDirectory ?? "."
        if options.resume {
            guard let replay = Self.resume(into: session) else { return .error }
            session.adoptScenarioFiles()
            // What this session types runs against today's directory, so the journal says so after the
            // restored records (which keep the directory they were typed in).
            journal?.start(replay.applied + [.directory(directory)])
            Console.write("resumed \(replay.entries) entries (\(session.model.cellNames.count) cells)\n", to: 1)
        } else {
            if !options.empty { _ = session.loadStandardModel() }
            var records: [Journal.Record] = [.start(empty: options.empty), .directory(directory)]
            if let seed = options.seed { records.append(.seed(seed)) }
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
                    let banner = "\(name)\(description) (loaded \(session.model.cellNames.count) cells)"
                    Console.write(TextLayout.fit(banner, width: session.width) + "\n", to: 1)
                }
                for line in held.lines { console.emit(line) }
                for diagnostic in held.diagnostics { console.report(diagnostic) }
                for changes in held.changes where changes.cells.isEmpty { console.changed(changes, in: session) }
                if status == .error { break }
                switch target {
                case .preset(let name): records.append(.load(name))
                case .file(let path): records.append(.run(FileSystem.resolve(path, against: directory)))
                }
            }
            if let journals, Journal.latest(in: journals) != nil {
                let note = "(`supportplan --resume` restores the last session until you change something)"
                Console.write(TextLayout.fit(note, width: session.width) + "\n", to: 1)
            }
            journal?.start(records)
        }
        let reader: LineReader =
            EditLineReader(
                programName: "supportplan", historyFile: Terminal.historyPath(),
                completer: { Completer(session: session).complete($0) }) ?? PlainLineReader()
        if !options.resume {
            Console.write(
                "supportplan — \(session.model.cellNames.count) cells; :help for help, Ctrl-D to quit\n", to: 1)
        }
        var warned = false
        var pending = ""
        while !session.quitRequested {
            Interrupt.clear()
            let prompt = pending.isEmpty ? TerminalText.neutralized(session.promptName) + "> " : "...> "
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
                session.width = Terminal.columns()
                let status = session.runEntry(SourceFile(name: nil, text: text), directory: directory)
                guard status != .error && status != .interrupted, let journal else { continue }
                // `:import` is journalled as the statements it applied, so a resume does not read the file again.
                var entries = Self.journals(text) ? [text] : []
                if let imported = session.takeJournalEntry() { entries.append(imported) }
                for entry in entries {
                    switch journal.append(.entry(entry)) {
                    case .written: break
                    case .recovered:
                        if warned {
                            Console.write(
                                "supportplan: the journal is written again; --resume will restore this session\n",
                                to: 2)
                        }
                        warned = false
                    case .failed(let reason):
                        if !warned {
                            Console.write(
                                "supportplan: warning: the journal is not written: \(reason)\n"
                                    + "  --resume cannot restore this session until it is; retried after every change\n",
                                to: 2)
                        }
                        warned = true
                    }
                }
            }
        }
        return .success
    }

    /// Where the journals are kept: `journals` in the state directory.
    static func journalDirectory() -> String? { Terminal.stateDirectory().map { $0 + "/journals" } }

    /// Replays the most recent journal into a session, saying on stderr what it skipped; nil (after
    /// saying why) when there is nothing to resume.
    static func resume(into session: Session) -> Session.Replay? {
        guard let journals = journalDirectory(), let latest = Journal.latest(in: journals) else {
            Console.write("supportplan: no session to resume\n", to: 2)
            return nil
        }
        let read: (records: [Journal.Record], damaged: [Journal.Damage])
        do throws(FileSystem.Failure) {
            read = try Journal.read(latest)
        } catch {
            Console.write("supportplan: cannot resume: \(error.message)\n", to: 2)
            return nil
        }
        let replay = session.replay(read.records, damaged: read.damaged)
        for problem in replay.problems {
            Console.write(TerminalText.neutralized("supportplan: warning: resume: \(problem)") + "\n", to: 2)
        }
        return replay
    }

    /// True when an accepted entry must be replayed by `--resume` (not `:quit`, `:save`, `:show`, …): the
    /// command table decides, by each command's effect.
    static func journals(_ text: String) -> Bool { Command.isJournalled(entry: text.trimmingCharacters()) }
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
