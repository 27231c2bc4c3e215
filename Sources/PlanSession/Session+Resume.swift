import PlanCore

/// `--resume`: replaying a journal into a session.
extension Session {
    /// What a replay did: the records that applied (a resumed session's new journal starts with them) and
    /// what could not be replayed, one line each.
    public struct Replay: Sendable {
        /// The records that were applied.
        public var applied: [Journal.Record] = []
        /// How many entries were replayed.
        public var entries = 0
        /// Problems, each a line for the user (a damaged line, an entry that failed again).
        public var problems: [String] = []
    }

    /// Replays a journal's records silently, as the live session ran them: each entry all or nothing,
    /// with undo history (so `:undo` means the same), relative paths against the recorded directory,
    /// and no file written.
    public func replay(_ records: [Journal.Record], damaged: [Journal.Damage] = []) -> Replay {
        var result = Replay()
        for damage in damaged {
            result.problems.append("skipped line \(damage.line) of the journal: \(damage.reason)")
        }
        let savedOutput = output
        let savedInteractive = interactive
        let buffer = BufferedOutput()
        output = buffer
        interactive = true
        isReplaying = true
        defer {
            output = savedOutput
            interactive = savedInteractive
            isReplaying = false
        }
        var directory = "."
        var started = false
        for record in records {
            if !started, record.isStart == false {
                started = true
                result.problems.append("the journal's start record is missing: replayed on the standard model")
                result.applied.append(.start(empty: false))
                _ = loadStandardModel()
            }
            let problemsBefore = result.problems.count
            func failed(_ what: String) {
                let reason = buffer.diagnostics.last.map { ": " + $0.message } ?? ""
                result.problems.append(what + reason)
            }
            switch record {
            case .start(let empty):
                guard !started else {
                    result.problems.append("skipped a second start record")
                    continue
                }
                started = true
                startedEmpty = empty
                if !empty && loadStandardModel() == .error { failed("the standard model did not load") }
            case .directory(let path):
                directory = path
            case .seed(let value):
                seed = value
            case .load(let name):
                if load(commandLine: .preset(name)) == .error { failed("could not load preset \(name) again") }
            case .run(let path):
                if load(commandLine: .file(path)) == .error { failed("could not run \(path) again") }
            case .entry(let text):
                result.entries += 1
                let status = runEntry(SourceFile(name: nil, text: text), directory: directory)
                if status == .error || status == .interrupted {
                    failed("entry \(result.entries) (`\(Self.excerpt(text))`) failed again and was skipped")
                }
            }
            if result.problems.count == problemsBefore { result.applied.append(record) }
        }
        return result
    }

    /// The first line of an entry, shortened for a message.
    private static func excerpt(_ text: String) -> String {
        let line = text.prefix { $0 != "\n" }
        let short = line.count > 40 ? line.prefix(40) + "…" : line
        return String(short) + (line.count < text.count && line.count <= 40 ? " …" : "")
    }
}

extension Journal.Record {
    /// True for the record that says how the session started.
    var isStart: Bool {
        if case .start = self { return true }
        return false
    }
}
