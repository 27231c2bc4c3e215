internal import CLibEdit
import Glibc

extension EditLineReader {
    /// Loads the history file into the history list, if there is one to load, and removes temporary
    /// files that sessions killed while saving left behind.
    func loadHistory() {
        guard let historyFile else {
            return
        }
        Self.removeStaleTemporaries(of: historyFile)
        guard access(historyFile, R_OK) == 0 else {
            return
        }
        _ = clibedit_history_load(history, historyFile)
    }

    /// Removes `HISTORY.PID.tmp` files whose process is gone (killed while it saved its history).
    static func removeStaleTemporaries(of historyFile: String) {
        let directory = Terminal.parentDirectory(of: historyFile)
        let base = String(historyFile.dropFirst(directory.isEmpty ? 0 : directory.count + 1))
        guard let dir = opendir(directory.isEmpty ? "." : directory) else {
            return
        }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            guard name.hasPrefix(base + "."), name.hasSuffix(".tmp"),
                let pid = pid_t(name.dropFirst(base.count + 1).dropLast(4)), pid != getpid(),
                kill(pid, 0) != 0, errno == ESRCH
            else {
                continue
            }
            unlink((directory.isEmpty ? "" : directory + "/") + name)
        }
    }

    /// Writes the whole history list to the history file, creating the file and its directory.
    ///
    /// The list is written to a temporary file beside it that is then renamed over the history file,
    /// so a kill during the write cannot leave a truncated history. libedit does not report a failed
    /// write (a full disk, `ulimit -f`), so the temporary file is read back first: only a file that
    /// holds every entry replaces the history. Failures are ignored otherwise: history is a convenience
    /// and must never stop the session.
    func saveHistory() {
        guard let historyFile else {
            return
        }
        let directory = Terminal.parentDirectory(of: historyFile)
        if !directory.isEmpty {
            Terminal.createDirectories(directory)
        }
        let temporary = historyFile + ".\(getpid()).tmp"
        let saved = clibedit_history_save(history, temporary)
        if saved >= 0, Self.holds(temporary, entries: saved), rename(temporary, historyFile) == 0 {
            return
        }
        unlink(temporary)
    }

    /// True when the history file at `path` reads back with `entries` entries and ends in a line feed.
    private static func holds(_ path: String, entries: Int32) -> Bool {
        guard let check = clibedit_history_open(EditLineReader.historySize) else { return false }
        defer { clibedit_history_close(check) }
        guard clibedit_history_load(check, path) == entries else { return false }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var last: UInt8 = 0
        let size = lseek(fd, 0, SEEK_END)
        guard size > 0, pread(fd, &last, 1, size - 1) == 1 else { return false }
        return last == 10
    }
}
