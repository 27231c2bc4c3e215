import Foundation
import Testing

@testable import LineEditor

/// Feeds `bytes` through a pipe (written on another thread) and returns everything read until the end.
private func readThroughPipe(_ bytes: [UInt8]) throws -> [ReadResult] {
    var fds: [Int32] = [0, 0]
    try #require(pipe(&fds) == 0)
    let readEnd = fds[0]
    let writeEnd = fds[1]
    let writer = Thread {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(writeEnd, $0.baseAddress, $0.count) }
            guard written > 0 else {
                break
            }
            offset += written
        }
        close(writeEnd)
    }
    writer.start()
    defer { close(readEnd) }
    let reader = PlainLineReader(fileDescriptor: readEnd)
    var results: [ReadResult] = []
    while true {
        let result = reader.readLine(prompt: "ignored> ")
        results.append(result)
        guard result.isLine else {
            break
        }
    }
    return results
}

extension ReadResult {
    /// Whether this is a line.
    fileprivate var isLine: Bool {
        if case .line = self {
            return true
        }
        return false
    }
}

/// The plain reader on pipes: line splitting, UTF-8 repair, very long lines.
@Suite struct PlainLineReaderTests {
    /// Lines come back without terminators; a last line without `\n` still counts.
    @Test func splitsLines() throws {
        let results = try readThroughPipe(Array("one\ntwo\r\n\nlast €".utf8))
        #expect(results == [.line("one"), .line("two"), .line(""), .line("last €"), .endOfFile])
    }

    /// Empty input is the end at once.
    @Test func emptyInput() throws {
        #expect(try readThroughPipe([]) == [.endOfFile])
    }

    /// Invalid UTF-8 is repaired to U+FFFD instead of failing or dropping the line.
    @Test func repairsInvalidUTF8() throws {
        let results = try readThroughPipe([0xFF, 0x41, 0xE2, 0x82, 0x0A, 0xC3, 0xA9, 0x0A])
        #expect(results == [.line("\u{FFFD}A\u{FFFD}"), .line("é"), .endOfFile])
    }

    /// A 10 MB line (and a multibyte one across block boundaries) comes back whole.
    @Test func veryLongLines() throws {
        var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 10_000_000)
        bytes.append(0x0A)
        bytes += Array(String(repeating: "€", count: 1_000_000).utf8)
        bytes += Array("\nend\n".utf8)
        let results = try readThroughPipe(bytes)
        try #require(results.count == 4)
        #expect(results[0] == .line(String(repeating: "a", count: 10_000_000)))
        #expect(results[1] == .line(String(repeating: "€", count: 1_000_000)))
        #expect(results[2] == .line("end"))
        #expect(results[3] == .endOfFile)
    }

    /// Many short lines spanning many reads all arrive in order.
    @Test func manyShortLines() throws {
        let lines = (0..<50_000).map { "line \($0)" }
        let results = try readThroughPipe(Array((lines.joined(separator: "\n") + "\n").utf8))
        #expect(results == lines.map(ReadResult.line) + [.endOfFile])
    }
}
