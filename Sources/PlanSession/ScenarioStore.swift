import Glibc

/// Saved scenarios on disk (#11 item 11): they last across sessions, not only while a journal does.
///
/// The format: one file per scenario, `scenarios/NAME.plan` in the state directory
/// (`$XDG_STATE_HOME/supportplan/scenarios/base.plan`), holding the model as `:save` writes it — ordinary
/// language statements that load back to identical values, so a scenario file can be read, diffed, edited
/// or `use`d like any script. `:scenario save` replaces the file atomically (a temporary file, then rename:
/// `FileSystem.writeAtomically`), so a reader never sees half a scenario; `:scenario delete` removes it.
/// Loading one runs the file in a fresh model with the rules of a loaded file (`use`, `:load`): it may
/// define, assert, alert and watch, but not write files (no `:save`, `:export`, `:scenario save`).
///
/// Two sessions on one state directory share the scenarios: each file is written whole, and the last
/// write of a scenario wins. A session reads a file again when it has changed on disk since it last read
/// or wrote it, so `:scenario load NAME` in one session sees what another saved under NAME.
///
/// Only REPL sessions keep scenarios here (as they keep the journal and the history); `supportplan run`
/// and piped scripts keep them for the run only, so that a script neither depends on nor changes what a
/// planner saved.
public struct ScenarioStore: Sendable {
    /// The folder holding the scenario files.
    public let directory: String

    /// A store in `directory` (`STATE/scenarios`); nothing is created until the first save.
    public init(directory: String) { self.directory = directory }

    /// The longest scenario name kept on disk (a file name has at most 255 bytes).
    public static let longestName = 100

    /// What identifies one version of a file: when it was last changed, its size and its inode.
    public struct Stamp: Equatable, Sendable {
        var seconds: Int
        var nanoseconds: Int
        var size: Int
        var inode: UInt64
    }

    /// The file of a scenario.
    public func path(of name: String) -> String { directory + "/" + name + ".plan" }

    /// The names of the scenarios on disk, sorted (regular files `NAME.plan` whose NAME is a scenario name).
    public func names() -> [String] {
        FileSystem.list(directory).compactMap { file -> String? in
            guard file.hasSuffix(".plan") else { return nil }
            let name = String(file.dropLast(5))
            guard Self.isValidName(name), stamp(of: name) != nil else { return nil }
            return name
        }
    }

    /// The version of a scenario's file on disk, or nil when there is no such regular file.
    public func stamp(of name: String) -> Stamp? {
        var info = stat()
        guard lstat(path(of: name), &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return Stamp(
            seconds: info.st_mtim.tv_sec, nanoseconds: info.st_mtim.tv_nsec, size: Int(info.st_size),
            inode: UInt64(info.st_ino))
    }

    /// When a scenario's file was last written (seconds since 1970), or nil.
    public func modified(_ name: String) -> Int? { stamp(of: name)?.seconds }

    /// Writes a scenario's file atomically (creating the folder, mode 0700, when needed); returns the new
    /// file's stamp.
    public func write(_ name: String, _ text: String) throws(FileSystem.Failure) -> Stamp? {
        if !FileSystem.isDirectory(directory) {
            let parent = FileSystem.directory(of: directory)
            if !FileSystem.isDirectory(parent) { mkdir(parent, 0o700) }
            if mkdir(directory, 0o700) != 0 && !FileSystem.isDirectory(directory) {
                throw FileSystem.Failure(message: "cannot create \(directory): \(FileSystem.reason())")
            }
        }
        try FileSystem.writeAtomically(path(of: name), text)
        return stamp(of: name)
    }

    /// Removes a scenario's file; true when there was one.
    @discardableResult
    public func delete(_ name: String) -> Bool {
        guard stamp(of: name) != nil else { return false }
        return unlink(path(of: name)) == 0
    }

    /// True for a name a scenario may have: letters, digits, `_`, `-` and `.`, not starting with `.`, at most
    /// `longestName` characters.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix(".") && name.count <= longestName
            && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }
    }
}
