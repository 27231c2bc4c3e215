import Glibc

/// Reads lines from a file descriptor (standard input by default) without a line editor.
///
/// For pipes and files: no prompt, no escape codes, no history. Lines end at `\n`; a `\r` just
/// before it is dropped too. Bytes that are not valid UTF-8 become U+FFFD. Input is read in
/// large blocks and searched with `memchr`, so lines of many megabytes are cheap.
public final class PlainLineReader: LineReader {
    /// The size of one `read`.
    private static let blockSize = 1 << 16

    /// The descriptor read from.
    private let fileDescriptor: Int32
    /// Bytes read but not yet returned start at `start`.
    private var buffer: [UInt8] = []
    /// The index in `buffer` of the first byte not yet returned.
    private var start = 0
    /// The index in `buffer` from which to search for the next `\n` (everything before has none).
    private var searchFrom = 0
    /// Whether the descriptor reported end of input (or an error).
    private var reachedEnd = false
    /// Scratch space for one `read`.
    private var block: [UInt8]

    /// Creates a reader on `fileDescriptor`, standard input by default; the descriptor is not closed.
    public init(fileDescriptor: Int32 = 0) {
        self.fileDescriptor = fileDescriptor
        self.block = [UInt8](repeating: 0, count: Self.blockSize)
    }

    /// Returns the next line; `prompt` is ignored.
    ///
    /// Returns `.interrupted` when a read is cut short by Ctrl-C (see `Interrupt`), and `.endOfFile`
    /// once the input is exhausted; a last line without `\n` is returned before that.
    public func readLine(prompt: String) -> ReadResult {
        while true {
            if let newline = nextNewline() {
                var end = newline
                if end > start, buffer[end - 1] == UInt8(ascii: "\r") {
                    end -= 1
                }
                let line = String(decoding: buffer[start..<end], as: UTF8.self)
                consume(upTo: newline + 1)
                return .line(line)
            }
            if reachedEnd {
                guard start < buffer.count else {
                    return .endOfFile
                }
                let line = String(decoding: buffer[start...], as: UTF8.self)
                consume(upTo: buffer.count)
                return .line(line)
            }
            if !fill() {
                return .interrupted
            }
        }
    }

    /// Does nothing: a plain reader keeps no history.
    public func addHistory(_ line: String) {}

    /// The index of the next `\n` at or after `searchFrom`, or nil (then everything has been searched).
    private func nextNewline() -> Int? {
        let from = searchFrom
        let count = buffer.count - from
        guard count > 0 else {
            return nil
        }
        let found: Int? = buffer.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress, let hit = memchr(base + from, 0x0A, count) else {
                return nil
            }
            return base.distance(to: UnsafeRawPointer(hit))
        }
        searchFrom = found ?? buffer.count
        return found
    }

    /// Marks the bytes before `index` as returned, and drops them once they are half the buffer.
    private func consume(upTo index: Int) {
        start = index
        searchFrom = Swift.max(searchFrom, index)
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: buffer.count <= 4 * Self.blockSize)
            start = 0
            searchFrom = 0
        } else if start >= Self.blockSize, start * 2 >= buffer.count {
            buffer.removeSubrange(0..<start)
            searchFrom -= start
            start = 0
        }
    }

    /// Reads one block into the buffer; sets `reachedEnd` at end of input or on an error.
    ///
    /// - Returns: false when the read was interrupted by Ctrl-C (the flag is left set).
    private func fill() -> Bool {
        while true {
            let count = block.withUnsafeMutableBytes { bytes in
                read(fileDescriptor, bytes.baseAddress, bytes.count)
            }
            if count > 0 {
                buffer.append(contentsOf: block[0..<count])
                return true
            }
            if count < 0, errno == EINTR {
                if Interrupt.isRequested {
                    return false
                }
                continue
            }
            reachedEnd = true
            return true
        }
    }
}
