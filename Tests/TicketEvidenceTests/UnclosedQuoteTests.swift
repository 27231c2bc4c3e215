import Foundation
import PlanCore
import Testing

@testable import TicketEvidence

/// A quote that never closes: the line it opened on is reported, and the rows after it are read, not lost.
@Suite("Unclosed quotes")
struct UnclosedQuoteTests {
    private static let header = "id,created_at,tier,handled_by,handle_time,csat,reopened,subject"
    private static let rows = [
        "1,2024-03-01,routine,ai,,5,false,Where is my order",
        "2,2024-03-02,\"standard,human,12,4,false,Refund",  // the quote opened in the tier never closes
        "3,2024-03-03,standard,human,10,4,false,Refund",
        "4,2024-03-04,complex,human,20,2,false,Fraud",
        "5,2024-03-05,routine,ai,,5,false,\"Late, again\"",  // a legal quoted field: closes the runaway one
        "6,2024-03-06,routine,human,6,5,false,Address",
    ]

    /// In memory and on disk, with LF, CRLF and CR line ends: line 3 is named; rows 3 to 6 are all used.
    @Test(arguments: ["\n", "\r\n", "\r"])
    func reportedAndRecovered(newline: String) throws {
        let text = ([Self.header] + Self.rows).joined(separator: newline) + newline
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "unclosed-\(newline.utf8.count)-\(newline.utf8.first ?? 0).csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        for result in [
            try TicketImport.read(text: text, file: "t.csv"), try TicketImport.read(path: url.path, name: "t.csv"),
        ] {
            #expect(result.badRows.examples.map(\.line) == [3])
            #expect(result.badRows.examples.first?.reason == TicketRow.Problem.unclosedQuote.rawValue)
            #expect(result.rowsUsed == 5, "rows 1 and 3 to 6 are used")
            #expect(result.rowsRead == 6)
            #expect(result.tiers[2].contacts == 1)
        }
    }

    /// A quoted line break in a subject is a field, not a runaway quote: nothing is reported.
    @Test func quotedLineBreakIsNotRunaway() throws {
        let text =
            [Self.header, "1,2024-03-01,routine,ai,,5,false,\"Late\nSecond line, with a comma\"", Self.rows[2]]
            .joined(separator: "\n") + "\n"
        let result = try TicketImport.read(text: text, file: "t.csv")
        #expect(result.badRows.total == 0 && result.rowsUsed == 2)
    }

    /// Byte offsets of physical lines, for LF, CRLF, a lone CR and a file without a final line end.
    @Test func lineOffsets() throws {
        let bytes = Array("a\nbb\r\nccc\rd".utf8)
        #expect(TicketImport.byteOffset(ofLine: 1, in: bytes) == 0)
        #expect(TicketImport.byteOffset(ofLine: 2, in: bytes) == 2)
        #expect(TicketImport.byteOffset(ofLine: 3, in: bytes) == 6)
        #expect(TicketImport.byteOffset(ofLine: 4, in: bytes) == 10)
        #expect(TicketImport.byteOffset(ofLine: 5, in: bytes) == nil)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("offsets.csv")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        for line in 1...5 {
            #expect(
                TicketImport.byteOffset(ofLine: line, path: url.path)
                    == TicketImport.byteOffset(ofLine: line, in: bytes))
        }
    }
}
