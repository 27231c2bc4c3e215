import Glibc

/// Facts about the terminal and the places where interactive state is kept.
public enum Terminal {
    /// Whether the file descriptor `fd` refers to a terminal.
    public static func isTerminal(_ fd: Int32) -> Bool {
        isatty(fd) == 1
    }

    /// The value of the environment variable `name` in this process, or nil when it is unset.
    public static func environmentValue(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// The directory for supportplan's state: `$XDG_STATE_HOME/supportplan`, else
    /// `$HOME/.local/state/supportplan`; nil when neither variable gives an absolute path.
    ///
    /// Nothing is created here; see `createDirectories(_:)`. `XDG_STATE_HOME` is ignored when it is
    /// empty or relative, as the XDG Base Directory specification requires.
    public static func stateDirectory(environment: (String) -> String? = environmentValue) -> String? {
        if let state = environment("XDG_STATE_HOME"), state.hasPrefix("/") {
            return join(state, "supportplan")
        }
        if let home = environment("HOME"), home.hasPrefix("/") {
            return join(join(home, ".local/state"), "supportplan")
        }
        return nil
    }

    /// The history file: `stateDirectory(environment:)` followed by `/history`; nil without one.
    ///
    /// The file and its directory are not created here: `EditLineReader` creates both (mode 0700
    /// for the directory, 0600 for the file) the first time it saves an entry.
    public static func historyPath(environment: (String) -> String? = environmentValue) -> String? {
        stateDirectory(environment: environment).map { join($0, "history") }
    }

    /// Creates the directory `path` and any missing parents with `mode`, like `mkdir -p`.
    ///
    /// - Returns: true when the directory exists afterwards.
    @discardableResult
    public static func createDirectories(_ path: String, mode: mode_t = 0o700) -> Bool {
        if isDirectory(path) {
            return true
        }
        let parent = parentDirectory(of: path)
        if !parent.isEmpty, parent != path, !createDirectories(parent, mode: mode) {
            return false
        }
        return mkdir(path, mode) == 0 || isDirectory(path)
    }

    /// The directory part of `path` ("" for a bare name, "/" for a file at the root).
    static func parentDirectory(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") {
            trimmed = trimmed.dropLast()
        }
        guard let slash = trimmed.lastIndex(of: "/") else {
            return ""
        }
        if slash == trimmed.startIndex {
            return "/"
        }
        return String(trimmed[..<slash])
    }

    /// Whether `path` names an existing directory.
    private static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// `base` and `component` joined by exactly one slash.
    private static func join(_ base: String, _ component: String) -> String {
        base.hasSuffix("/") ? base + component : base + "/" + component
    }
}
