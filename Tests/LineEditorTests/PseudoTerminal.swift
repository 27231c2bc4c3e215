import Foundation
import Testing

@testable import LineEditor

/// A pseudo-terminal pair for driving `EditLineReader` without a real terminal.
///
/// Input is queued on the master side before `readLine` runs. The slave is put in raw mode before
/// each write: libedit restores cooked mode after every line, and the line discipline would then
/// consume Ctrl-D itself (the kernel processes queued input asynchronously, so that would be a race).
final class PseudoTerminal {
    /// The master side: what a terminal emulator would hold.
    let master: Int32
    /// The slave side: what the reader uses as its terminal.
    let slave: Int32

    /// `TIOCSPTLCK` (unlock the slave); Swift cannot import the `_IOW` macro.
    private static let unlockRequest: UInt = 0x4004_5431
    /// `TIOCGPTN` (the slave's number); Swift cannot import the `_IOR` macro.
    private static let numberRequest: UInt = 0x8004_5430

    /// Opens a new pseudo-terminal pair through `/dev/ptmx` (`posix_openpt` is not in Swift's Glibc).
    init() throws {
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        try #require(master >= 0)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        #expect(ioctl(master, Self.unlockRequest, &unlock) == 0)
        #expect(ioctl(master, Self.numberRequest, &number) == 0)
        let slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        try #require(slave >= 0)
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        self.master = master
        self.slave = slave
    }

    /// Closes both sides.
    deinit {
        close(slave)
        close(master)
    }

    /// Starts a reader on the slave side.
    func reader(
        historyFile: String? = nil,
        completer: @escaping (String) -> Completion = { _ in .none }
    ) -> EditLineReader? {
        EditLineReader(programName: "test", historyFile: historyFile, terminal: slave, completer: completer)
    }

    /// Puts the slave in raw mode and queues `text` as typed input.
    func type(_ text: String) {
        var mode = termios()
        tcgetattr(slave, &mode)
        cfmakeraw(&mode)
        tcsetattr(slave, TCSANOW, &mode)
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Everything drawn on the terminal since the last call.
    func output() -> String {
        var bytes: [UInt8] = []
        var block = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = block.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            guard count > 0 else {
                break
            }
            bytes += block[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
