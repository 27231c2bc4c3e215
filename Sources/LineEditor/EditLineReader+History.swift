internal import CLibEdit
import Glibc

extension EditLineReader {
    /// Loads the history file into the history list, if there is one to load.
    func loadHistory() {
        guard let historyFile, access(historyFile, R_OK) == 0 else {
            return
        }
        _ = clibedit_history_load(history, historyFile)
    }

    /// Writes the whole history list to the history file, creating the file and its directory.
    ///
    /// The list is written to a temporary file beside it that is then renamed over the history file,
    /// so a kill during the write cannot leave a truncated history. Failures are ignored: history
    /// is a convenience and must never stop the session.
    func saveHistory() {
        guard let historyFile else {
            return
        }
        let directory = Terminal.parentDirectory(of: historyFile)
        if !directory.isEmpty {
            Terminal.createDirectories(directory)
        }
        let temporary = historyFile + ".\(getpid()).tmp"
        if clibedit_history_save(history, temporary) >= 0, rename(temporary, historyFile) == 0 {
            return
        }
        unlink(temporary)
    }
}
