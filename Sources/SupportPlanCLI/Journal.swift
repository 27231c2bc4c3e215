import PlanSession

/// The REPL journal (SPEC §6): every accepted entry appended and flushed before the next prompt, so
/// `--resume` restores the last session, also after `kill -9`.
///
/// Format: entries separated by a line holding only `\u{1E}` (record separator), so multi-line
/// entries survive; the first entry says how the session started (`standard` or `--empty`), and
/// presets and files loaded from the command line are recorded as `#load NAME` and `#run PATH`.
final class Journal {
    let path: String
    private static let separator = "\u{1E}\n"

    init(path: String) { self.path = path }

    private var pendingStart: String?

    /// Starts a new journal for a new session, lazily: the last session's journal is replaced only when
    /// this one accepts its first change, so starting and quitting never loses a session `--resume` could restore.
    func start(header: String, loaded: [LoadTarget]) {
        var text = header + "\n" + Self.separator
        for target in loaded {
            switch target {
            case .preset(let name): text += "#load " + name + "\n" + Self.separator
            case .file(let path): text += "#run " + path + "\n" + Self.separator
            }
        }
        pendingStart = text
    }

    /// Appends an accepted entry and flushes it to disk.
    func append(_ entry: String) {
        if let start = pendingStart {
            pendingStart = nil
            try? FileSystem.writeAtomically(path, start)
        }
        try? FileSystem.append(path, entry + "\n" + Self.separator)
    }

    /// The entries of the last session, or nil when there is none.
    func entries() -> [String]? {
        guard let bytes = try? FileSystem.read(path) else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        var entries: [String] = []
        var current: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "\u{1E}" {
                entries.append(current.joined(separator: "\n"))
                current = []
            } else {
                current.append(line)
            }
        }
        return entries.isEmpty ? nil : entries
    }
}
