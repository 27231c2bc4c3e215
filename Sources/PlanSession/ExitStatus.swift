/// The exit statuses of `supportplan run` and of piped stdin (SPEC §1), in one place.
public enum ExitStatus: Int32, Sendable, Comparable {
    /// All fine.
    case success = 0
    /// An `assert` failed (the run went on to the end).
    case assertionFailed = 1
    /// An error stopped the run at that line.
    case error = 2
    /// Bad command-line usage.
    case usage = 64
    /// Interrupted by Ctrl-C.
    case interrupted = 130

    /// Orders statuses by severity so the worst one wins.
    public static func < (lhs: ExitStatus, rhs: ExitStatus) -> Bool { lhs.rawValue < rhs.rawValue }
}
