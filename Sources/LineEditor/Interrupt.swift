internal import CLibEdit

/// The process-wide Ctrl-C (SIGINT) flag, for the line editor and for long computations to poll.
///
/// After `install()`, Ctrl-C no longer ends the process: it sets the flag, and a blocked `read`
/// returns `EINTR` (the handler is installed without `SA_RESTART`). Long computations should check
/// `isRequested` now and then and stop when it is set; the caller clears it before starting.
public enum Interrupt {
    /// Installs the SIGINT handler that sets the flag; calling it again is harmless.
    ///
    /// - Returns: false when `sigaction` failed (Ctrl-C then keeps its default effect).
    @discardableResult
    public static func install() -> Bool {
        clibedit_interrupt_install() == 0
    }

    /// Whether Ctrl-C was pressed since the flag was last cleared.
    public static var isRequested: Bool {
        clibedit_interrupt_requested() != 0
    }

    /// Clears the flag, before a new line or a new computation.
    public static func clear() {
        clibedit_interrupt_clear()
    }

    /// Sets the flag as Ctrl-C would, without a signal (for tests and for cancelling from code).
    public static func request() {
        clibedit_interrupt_set()
    }
}
