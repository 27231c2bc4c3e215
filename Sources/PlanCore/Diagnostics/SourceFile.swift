import Glibc

/// A named piece of source text (a script file, a preset or one REPL entry) with its line table.
public final class SourceFile: Sendable {
    /// The name shown in diagnostics (`klarna.plan`), or nil for REPL input.
    public let name: String?
    /// The text, with invalid UTF-8 already repaired to U+FFFD (made from `bytes` when asked for: a file is
    /// kept once, as bytes).
    public var text: String { String(decoding: bytes, as: UTF8.self) }
    /// The UTF-8 bytes of the text (valid UTF-8).
    public let bytes: [UInt8]
    /// The byte offset where each line starts.
    public let lineStarts: [Int]
    /// The line number of the first line (REPL entries and snippets may start later than 1).
    public let firstLine: Int

    /// Creates a source file from text.
    public convenience init(name: String?, text: String, firstLine: Int = 1) {
        self.init(name: name, valid: Array(text.utf8), firstLine: firstLine)
    }

    /// Creates a source file from raw bytes, repairing invalid UTF-8 (valid bytes are kept as they are, not copied).
    public convenience init(name: String?, bytes: [UInt8]) {
        if UTF8Check.scan(bytes).valid {
            self.init(name: name, valid: bytes, firstLine: 1)
        } else {
            self.init(name: name, valid: Array(String(decoding: bytes, as: UTF8.self).utf8), firstLine: 1)
        }
    }

    private init(name: String?, valid bytes: [UInt8], firstLine: Int) {
        self.name = name
        self.firstLine = firstLine
        self.bytes = bytes
        self.lineStarts = Self.lineStarts(of: bytes)
    }

    /// The offset after each newline, and 0 (`memchr` finds the newlines: a 4 MB file has 100,000).
    private static func lineStarts(of bytes: [UInt8]) -> [Int] {
        var starts = [0]
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count, let found = memchr(base + offset, 10, buffer.count - offset) {
                offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                starts.append(offset)
            }
        }
        return starts
    }

    /// The zero-based line index that contains a byte offset.
    public func lineIndex(of offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The one-based line and column (in characters) of a byte offset.
    public func location(of offset: Int) -> (line: Int, column: Int) {
        let index = lineIndex(of: offset)
        let start = lineStarts[index]
        let clamped = max(start, min(offset, bytes.count))
        let column = String(decoding: bytes[start..<clamped], as: UTF8.self).count + 1
        return (index + firstLine, column)
    }

    /// The text of the zero-based line `index`, without its newline.
    public func lineText(_ index: Int) -> String {
        let start = lineStarts[index]
        var end = index + 1 < lineStarts.count ? lineStarts[index + 1] - 1 : bytes.count
        if end > start, bytes[end - 1] == 13 { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    /// The source text covered by a span.
    public func text(of span: SourceSpan) -> String {
        let start = max(0, min(span.start, bytes.count))
        let end = max(start, min(span.end, bytes.count))
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}

/// A range of UTF-8 byte offsets in one source file.
///
/// The offsets are stored in 32 bits: a span sits in every token, syntax node and resolved code node, and a
/// large model keeps hundreds of thousands of them. Files are read whole and at most 256 MiB
/// (`FileSystem.maximumReadSize`), so every offset fits; a larger offset saturates rather than wraps.
public struct SourceSpan: Sendable, Equatable, Hashable {
    @usableFromInline var first: UInt32
    @usableFromInline var past: UInt32

    /// The first byte.
    @inlinable public var start: Int {
        get { Int(first) }
        set { first = UInt32(clamping: newValue) }
    }
    /// One past the last byte.
    @inlinable public var end: Int {
        get { Int(past) }
        set { past = UInt32(clamping: newValue) }
    }

    /// Creates a span.
    @inlinable public init(start: Int, end: Int) {
        first = UInt32(clamping: start)
        past = UInt32(clamping: end)
    }

    /// The smallest span covering both.
    public func merged(with other: SourceSpan) -> SourceSpan {
        SourceSpan(start: min(start, other.start), end: max(end, other.end))
    }
}
