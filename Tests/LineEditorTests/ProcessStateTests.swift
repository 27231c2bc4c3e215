import CLibEdit
import Foundation
import Testing

@testable import LineEditor

/// Tests that touch process-wide state (the SIGINT handler and flag, the locale, signals sent to
/// threads), so they run one at a time, and never while libedit has its own handlers installed.
///
/// Swift Testing runs tests on Dispatch worker threads, which block SIGINT (as do threads they
/// start), so signals are raised on a fresh thread that unblocks SIGINT first.
@Suite(.serialized) struct ProcessStateTests {
    /// SIGINT sets the flag once the handler is installed; `clear` resets it.
    @Test func sigintSetsFlag() {
        #expect(Interrupt.install())
        Interrupt.clear()
        #expect(!Interrupt.isRequested)
        #expect(raiseOnSignalThread())
        #expect(Interrupt.isRequested)
        Interrupt.clear()
        #expect(!Interrupt.isRequested)
        Interrupt.request()
        #expect(Interrupt.isRequested)
        Interrupt.clear()
    }

    /// The shim's flag is one variable for the whole process, even seen from another object file
    /// and module (a `static` in a header would give each object file its own copy).
    @Test func oneFlagAcrossObjectFiles() {
        Interrupt.install()
        Interrupt.clear()
        clibedit_interrupt_set()
        #expect(Interrupt.isRequested)
        Interrupt.clear()
        #expect(clibedit_interrupt_requested() == 0)
        #expect(raiseOnSignalThread())
        #expect(clibedit_interrupt_requested() == 1)
        Interrupt.clear()
    }

    /// Ctrl-C during a blocked read of the plain reader gives `.interrupted`, not a hang or a line.
    @Test func plainReaderInterrupted() throws {
        Interrupt.install()
        Interrupt.clear()
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        defer {
            close(fds[0])
            close(fds[1])
        }
        let readEnd = fds[0]
        let done = DispatchSemaphore(value: 0)
        let outcome = Outcome()
        let thread = Thread {
            unblockSigint()
            outcome.set(thread: pthread_self())
            outcome.set(result: PlainLineReader(fileDescriptor: readEnd).readLine(prompt: ""))
            done.signal()
        }
        thread.start()
        var finished = false
        for _ in 0..<500 where !finished {
            if let target = outcome.thread {
                pthread_kill(target, SIGINT)
            }
            finished = done.wait(timeout: .now() + .milliseconds(10)) == .success
        }
        #expect(finished)
        #expect(outcome.result == .interrupted)
        Interrupt.clear()
    }

    /// Typed UTF-8 (`€`, `→`, an edit in the middle) comes back intact from libedit.
    @Test func editorKeepsUTF8() throws {
        let terminal = try PseudoTerminal()
        let reader = try #require(terminal.reader())
        terminal.type("5 € → x\r")
        #expect(reader.readLine(prompt: "plan> ") == .line("5 € → x"))
        terminal.type("ab€\u{1B}[D\u{1B}[D→\r")
        #expect(reader.readLine(prompt: "plan> ") == .line("a→b€"))
        #expect(terminal.output().contains("plan> "))
    }

    /// Tab inserts the common prefix and lists the choices, or completes a unique candidate.
    @Test func editorTabCompletion() throws {
        let terminal = try PseudoTerminal()
        let words = ["alpha", "alphabet", "alpine", "euro€rate"]
        let reader = try #require(
            terminal.reader { before in
                let word = String(before.reversed().prefix { $0 != " " }.reversed())
                return Completion(replacing: word.count, candidates: words.filter { $0.hasPrefix(word) })
            })
        terminal.type("x al\t\r")
        #expect(reader.readLine(prompt: "> ") == .line("x alp"))
        #expect(terminal.output().contains("alphabet"))
        terminal.type("alpi\t = eu\t\r")
        #expect(reader.readLine(prompt: "> ") == .line("alpine = euro€rate"))
        terminal.type("zz\t\r")
        #expect(reader.readLine(prompt: "> ") == .line("zz"))
    }

    /// Ctrl-D ends input only on an empty line; a prompt with newlines is printed in full.
    @Test func editorEndOfFileAndMultilinePrompt() throws {
        let terminal = try PseudoTerminal()
        let reader = try #require(terminal.reader())
        terminal.type("abc\u{4}\r")
        #expect(reader.readLine(prompt: "first\nsecond> ") == .line("abc"))
        #expect(terminal.output().contains("first"))
        terminal.type("\u{4}")
        #expect(reader.readLine(prompt: "> ") == .endOfFile)
    }

    /// History is saved after each entry (file 0600, directory created) and recalled by Up next time.
    @Test func editorHistoryAcrossSessions() throws {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("le-history-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let file = root + "/supportplan/history"
        do {
            let terminal = try PseudoTerminal()
            let reader = try #require(terminal.reader(historyFile: file))
            reader.addHistory("first € entry")
            reader.addHistory("   ")
            reader.addHistory("second")
            let attributes = try FileManager.default.attributesOfItem(atPath: file)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
        }
        let terminal = try PseudoTerminal()
        let reader = try #require(terminal.reader(historyFile: file))
        terminal.type("\u{1B}[A\u{1B}[A\r")
        #expect(reader.readLine(prompt: "> ") == .line("first € entry"))
        terminal.type("\u{1B}[A\r")
        #expect(reader.readLine(prompt: "> ") == .line("second"))
    }
}

/// Unblocks SIGINT in the calling thread.
private func unblockSigint() {
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGINT)
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
}

/// Raises SIGINT on a new thread that does not block it, and waits for that thread.
///
/// - Returns: false when the thread did not finish within five seconds.
private func raiseOnSignalThread() -> Bool {
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        unblockSigint()
        raise(SIGINT)
        done.signal()
    }
    thread.start()
    return done.wait(timeout: .now() + .seconds(5)) == .success
}

/// What a reading thread reports back to the test.
private final class Outcome: @unchecked Sendable {
    /// Guards the fields.
    private let lock = NSLock()
    /// The reading thread, once it runs.
    private var storedThread: pthread_t?
    /// What the read returned.
    private var storedResult: ReadResult?

    /// The reading thread, once it runs.
    var thread: pthread_t? { lock.withLock { storedThread } }
    /// What the read returned.
    var result: ReadResult? { lock.withLock { storedResult } }

    /// Records the reading thread.
    func set(thread: pthread_t) { lock.withLock { storedThread = thread } }
    /// Records the result of the read.
    func set(result: ReadResult) { lock.withLock { storedResult = result } }
}
