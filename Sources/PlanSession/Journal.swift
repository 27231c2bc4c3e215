import Glibc

/// The journal of SPEC §6: every accepted entry of a REPL session, appended and flushed to disk before
/// the next prompt, so that `--resume` restores the session, also after `kill -9`.
///
/// One journal per session: each REPL writes its own file, `journals/journal-SECONDS-PID.journal` in the
/// state directory, created when the session accepts its first change (starting and quitting leaves
/// the last session's journal the last one). Two REPLs on one state directory therefore never mix
/// their entries; `--resume` restores the journal written most recently (by modification time), and a
/// resumed session starts a new journal holding what it restored. The 20 most recent journals are kept.
///
/// A write that fails (a full disk, `ulimit -f`, a read-only or missing directory) never stops the
/// session: `append` says so, the entry is kept in memory, and the next append rewrites the whole
/// journal (atomically, see `FileSystem.writeAtomically`), so that once writing works again the
/// journal is complete. A failed append is cut back off the file, so no partial line stays behind.
public final class Journal {
    /// What happened to an append.
    public enum Outcome: Equatable, Sendable {
        /// The record is on disk.
        case written
        /// The record is on disk, and so is everything a failed write before had missed.
        case recovered
        /// The write failed (the reason, with the path); the record is kept for the next attempt.
        case failed(String)
    }

    /// The folder holding the journals.
    public let directory: String
    /// This session's journal file, once its first change made it.
    public private(set) var path: String?
    /// How many journals are kept.
    public static let kept = 20

    private var records: [Record] = []
    private var fd: Int32 = -1
    private var size = 0
    private var needsRewrite = true
    private var lastFailed = false

    /// A journal for a new session in `directory` (`$XDG_STATE_HOME/supportplan/journals`); nothing is
    /// written until the first `append`.
    public init(directory: String) { self.directory = directory }

    deinit { if fd >= 0 { close(fd) } }

    /// Sets the records the journal opens with (how the session started, or what a resume restored).
    public func start(_ records: [Record]) { self.records = records }

    /// Appends a record and flushes it to disk.
    public func append(_ record: Record) -> Outcome {
        records.append(record)
        let outcome = write(record)
        defer { lastFailed = outcome != .written }
        return outcome == .written && lastFailed ? .recovered : outcome
    }

    private func write(_ record: Record) -> Outcome {
        if needsRewrite {
            if let failure = rewrite() { return .failed(failure) }
            return .written
        }
        let bytes = Array(Self.encode(record).utf8)
        if let code = FileSystem.writeAll(fd, bytes) {
            // Cut a partial line back off, so that the file stays a sequence of whole records.
            _ = ftruncate(fd, off_t(size))
            return broken(code)
        }
        if fdatasync(fd) != 0 { return broken(errno) }
        size += bytes.count
        return .written
    }

    private func broken(_ code: Int32) -> Outcome {
        close(fd)
        fd = -1
        needsRewrite = true
        return .failed("cannot write \(path ?? directory): \(FileSystem.reason(code))")
    }

    /// Writes the whole journal anew (the first write, or the first after a failure) and opens it for
    /// appending; returns the reason on failure.
    private func rewrite() -> String? {
        if let problem = Self.makeDirectories(directory) { return problem }
        let target = path ?? newPath()
        let text = Self.header + "\n" + records.map(Self.encode).joined()
        do throws(FileSystem.Failure) {
            try FileSystem.writeAtomically(target, text)
        } catch {
            return error.message
        }
        if path == nil {
            path = target
            Self.prune(directory, keeping: target)
        }
        fd = open(target, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return "cannot write \(target): \(FileSystem.reason())" }
        size = text.utf8.count
        needsRewrite = false
        return nil
    }

    private func newPath() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var candidate = directory + "/journal-\(now.tv_sec)-\(getpid()).journal"
        var attempt = 1
        while access(candidate, F_OK) == 0 {
            attempt += 1
            candidate = directory + "/journal-\(now.tv_sec)-\(getpid())-\(attempt).journal"
        }
        return candidate
    }

    /// The journals in a folder, most recently written last.
    public static func journals(in directory: String) -> [String] {
        var found: [(path: String, time: timespec)] = []
        for name in FileSystem.list(directory) where name.hasPrefix("journal-") && name.hasSuffix(".journal") {
            let path = directory + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            found.append((path, info.st_mtim))
        }
        found.sort { a, b in
            if a.time.tv_sec != b.time.tv_sec { return a.time.tv_sec < b.time.tv_sec }
            if a.time.tv_nsec != b.time.tv_nsec { return a.time.tv_nsec < b.time.tv_nsec }
            return a.path < b.path
        }
        return found.map(\.path)
    }

    /// The journal written most recently, or nil when there is none.
    public static func latest(in directory: String) -> String? { journals(in: directory).last }

    /// Reads a journal: its records, and the lines skipped as damaged.
    public static func read(_ path: String) throws(FileSystem.Failure) -> (records: [Record], damaged: [Damage]) {
        decode(try FileSystem.read(path))
    }

    /// Creates a directory and its parents (mode 0700); nil when it exists afterwards, else why not.
    private static func makeDirectories(_ path: String) -> String? {
        if FileSystem.isDirectory(path) { return nil }
        let parent = FileSystem.directory(of: path)
        if parent != path && parent != "." && parent != "/", let problem = makeDirectories(parent) { return problem }
        if mkdir(path, 0o700) == 0 || FileSystem.isDirectory(path) { return nil }
        if errno == EEXIST { return "cannot create \(path): a file is in the way" }
        return "cannot create \(path): \(FileSystem.reason())"
    }

    /// Removes all but the `kept` most recent journals (never `keeping`), and temporary files that a
    /// session killed while writing its journal left behind (a minute old: none is being written).
    private static func prune(_ directory: String, keeping: String) {
        let all = journals(in: directory).filter { $0 != keeping }
        for path in all.dropLast(max(0, kept - 1)) { unlink(path) }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        for name in FileSystem.list(directory) where name.hasPrefix(".journal-") && name.hasSuffix(".tmp") {
            var info = stat()
            let path = directory + "/" + name
            if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, now.tv_sec - info.st_mtim.tv_sec > 60 {
                unlink(path)
            }
        }
    }
}
