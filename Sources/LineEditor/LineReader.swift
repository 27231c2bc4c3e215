/// The outcome of asking a `LineReader` for one line of input.
public enum ReadResult: Equatable, Sendable {
    /// A line of input, without its line terminator.
    case line(String)
    /// Ctrl-C: the line being typed was discarded; the caller should prompt again.
    case interrupted
    /// End of input: Ctrl-D on an empty line, or the end of a pipe or file.
    case endOfFile
}

/// A source of input lines: the libedit editor on a terminal, or a plain reader on a pipe.
public protocol LineReader: AnyObject {
    /// Reads one line, showing `prompt` first when the reader draws prompts.
    ///
    /// The prompt may contain `\n`; readers that draw prompts print the lines before the last one
    /// themselves and edit on the last one.
    func readLine(prompt: String) -> ReadResult

    /// Records `line` in the history (and its file), when the reader keeps one.
    func addHistory(_ line: String)
}
