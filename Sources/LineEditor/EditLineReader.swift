internal import CLibEdit
import Glibc

/// Reads lines on a terminal with libedit: emacs bindings, history kept in a file, Tab completion.
///
/// Ctrl-C discards the line being typed (`.interrupted`); Ctrl-D on an empty line ends input
/// (`.endOfFile`). Creating one installs the SIGINT handler of `Interrupt` and sets `LC_CTYPE` from
/// the environment (C.UTF-8 when that is not UTF-8), so that non-ASCII input such as `€` works.
public final class EditLineReader: LineReader {
    /// The most entries kept in the history (and its file).
    static let historySize: Int32 = 1000

    /// The libedit editor (`EditLine *`).
    let editor: OpaquePointer
    /// The libedit history list (`History *`).
    let history: OpaquePointer
    /// The stream libedit draws on; completion lists are written to it too.
    let output: UnsafeMutablePointer<FILE>
    /// The history file, or nil to keep history for this session only.
    let historyFile: String?
    /// Finds what Tab offers for the text before the cursor.
    let completer: (_ lineBeforeCursor: String) -> Completion
    /// The streams to close at the end, when this reader opened them.
    private let ownedStreams: [UnsafeMutablePointer<FILE>]
    /// What libedit's client data points to: the prompt and this object (unretained).
    private let client: UnsafeMutablePointer<clibedit_client>

    /// Starts libedit on standard input and output, loading `historyFile` when it exists.
    ///
    /// - Parameters:
    ///   - programName: the name under which `~/.editrc` settings apply.
    ///   - historyFile: where history is loaded from and saved to after every entry; nil for none.
    ///   - completer: called on Tab with the text before the cursor.
    /// - Returns: nil when standard input or output is not a terminal, or libedit cannot start.
    public convenience init?(
        programName: String,
        historyFile: String?,
        completer: @escaping (_ lineBeforeCursor: String) -> Completion
    ) {
        guard Terminal.isTerminal(STDIN_FILENO), Terminal.isTerminal(STDOUT_FILENO) else {
            return nil
        }
        self.init(
            programName: programName, historyFile: historyFile, input: clibedit_stdin(),
            output: clibedit_stdout(), ownedStreams: [], completer: completer)
    }

    /// Starts libedit on the terminal `terminal` (for example the slave side of a pseudo-terminal).
    ///
    /// The descriptor is duplicated; the reader closes its copies when it goes away.
    /// - Returns: nil when `terminal` is not a terminal or libedit cannot start.
    convenience init?(
        programName: String,
        historyFile: String?,
        terminal: Int32,
        completer: @escaping (_ lineBeforeCursor: String) -> Completion
    ) {
        guard Terminal.isTerminal(terminal) else {
            return nil
        }
        guard let input = fdopen(dup(terminal), "r") else {
            return nil
        }
        guard let output = fdopen(dup(terminal), "w") else {
            fclose(input)
            return nil
        }
        self.init(
            programName: programName, historyFile: historyFile, input: input, output: output,
            ownedStreams: [input, output], completer: completer)
    }

    /// Starts libedit reading `input` and drawing on `output`; closes `ownedStreams` on failure too.
    private init?(
        programName: String,
        historyFile: String?,
        input: UnsafeMutablePointer<FILE>,
        output: UnsafeMutablePointer<FILE>,
        ownedStreams: [UnsafeMutablePointer<FILE>],
        completer: @escaping (_ lineBeforeCursor: String) -> Completion
    ) {
        _ = clibedit_setup_locale()
        Interrupt.install()
        guard let history = clibedit_history_open(Self.historySize) else {
            Self.close(ownedStreams)
            return nil
        }
        guard let editor = clibedit_open(programName, history, input, output) else {
            clibedit_history_close(history)
            Self.close(ownedStreams)
            return nil
        }
        self.editor = editor
        self.history = history
        self.output = output
        self.historyFile = historyFile
        self.completer = completer
        self.ownedStreams = ownedStreams
        self.client = .allocate(capacity: 1)
        client.initialize(to: clibedit_client(prompt: strdup(""), context: nil))
        client.pointee.context = Unmanaged.passUnretained(self).toOpaque()
        _ = clibedit_set_client(editor, client)
        installCompletion()
        clibedit_source_user_settings(editor)
        loadHistory()
    }

    /// Ends libedit (restoring the terminal) and frees the history, the prompt and owned streams.
    deinit {
        clibedit_close(editor)
        clibedit_history_close(history)
        free(client.pointee.prompt)
        client.deinitialize(count: 1)
        client.deallocate()
        Self.close(ownedStreams)
    }

    /// Reads one line with editing; see `LineReader.readLine(prompt:)`.
    ///
    /// On `.interrupted` and `.endOfFile` the cursor is first moved to the start of a new line.
    /// Call it on a thread that does not block SIGINT (the main thread): Dispatch worker threads,
    /// and threads they start, block it, and Ctrl-C would then not end the wait for input.
    public func readLine(prompt: String) -> ReadResult {
        let parts = Self.splitPrompt(prompt)
        if !parts.leading.isEmpty {
            clibedit_print(output, parts.leading)
        }
        setPrompt(parts.last)
        Interrupt.clear()
        var count: Int32 = 0
        var error: Int32 = 0
        guard let text = clibedit_gets(editor, &count, &error) else {
            clibedit_print(output, "\n")
            if error == EINTR || Interrupt.isRequested {
                Interrupt.clear()
                return .interrupted
            }
            return .endOfFile
        }
        var line = String(cString: text)
        if line.hasSuffix("\n") {
            line.removeLast()
        }
        return .line(line)
    }

    /// Adds `line` to the history and saves the history file; blank lines are not kept.
    public func addHistory(_ line: String) {
        guard line.contains(where: { !$0.isWhitespace }) else {
            return
        }
        _ = clibedit_history_enter(history, line)
        saveHistory()
    }

    /// Splits a prompt after its last `\n`: the text to print first (ending in `\n`) and the last line.
    static func splitPrompt(_ prompt: String) -> (leading: String, last: String) {
        guard let newline = prompt.lastIndex(of: "\n") else {
            return ("", prompt)
        }
        let afterNewline = prompt.index(after: newline)
        return (String(prompt[..<afterNewline]), String(prompt[afterNewline...]))
    }

    /// Makes `prompt` the prompt libedit draws.
    private func setPrompt(_ prompt: String) {
        let old = client.pointee.prompt
        client.pointee.prompt = strdup(prompt)
        free(old)
    }

    /// Closes each of `streams`.
    private static func close(_ streams: [UnsafeMutablePointer<FILE>]) {
        for stream in streams {
            fclose(stream)
        }
    }
}
