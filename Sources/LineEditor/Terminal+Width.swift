internal import CLibEdit

extension Terminal {
    /// The width output may take, in columns: `COLUMNS` when it is a positive whole number, else the size of
    /// the terminal on `fd` (`ioctl(TIOCGWINSZ)`), else 80 — for a pipe or a file too, so piped output is
    /// laid out the same way every time.
    public static func columns(fd: Int32 = 1, environment: (String) -> String? = environmentValue) -> Int {
        if let text = environment("COLUMNS"), let columns = Int(text), columns > 0 { return columns }
        let size = Int(clibedit_terminal_columns(fd))
        return size > 0 ? size : 80
    }
}
