import Glibc

/// A monotonic clock for timings (`:set timing on`).
enum Clock {
    /// Milliseconds since an arbitrary start.
    static func milliseconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) * 1_000 + Double(now.tv_nsec) / 1_000_000
    }
}
