import Glibc
import PlanCore
import Testing

@testable import TicketEvidence

/// Writes `bytes` to a temporary file named for this process and `name`, and returns its path.
private func temporaryFile(_ name: String, _ bytes: [UInt8]) -> String {
    let path = "/tmp/tickets-utf8-\(getpid())-\(name).csv"
    if let file = fopen(path, "wb") {
        _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        fclose(file)
    }
    return path
}

@Suite("UTF-8 check")
struct UTF8CheckTests {
    private static let header = Array("id,created_at,tier,handled_by,handle_time,csat,reopened\n".utf8)

    @Test("a Latin-1 byte is an io error naming its line and byte; nothing is imported")
    func latin1() {
        // "Café" in Latin-1: é is the single byte E9, at byte 17 of line 2 ("1,2024-03-01,Caf" is 16 bytes).
        let path = temporaryFile(
            "latin1", Self.header + Array("1,2024-03-01,Caf".utf8) + [0xE9] + Array(",ai,,5,no\n".utf8))
        defer { unlink(path) }
        do throws(EvalError) {
            _ = try TicketImport.read(path: path)
            Issue.record("a Latin-1 export was imported")
        } catch {
            #expect(error.kind == .io)
            #expect(error.message.contains("line 2, byte 17"))
        }
    }

    @Test("multi-byte UTF-8 (é, an emoji) and a cut-off character at the end")
    func multiByte() throws {
        let good = Self.header + Array("1,2024-03-01,routine,ai,,5,no,Café 🙂\n".utf8)
        #expect(TicketImport.firstNonUTF8(path: temporaryFile("good", good)) == nil)
        let cut = Self.header + Array("1,2024-03-01,routine,ai,,5,no\n".utf8) + [0xF0, 0x9F]
        let place = try #require(TicketImport.firstNonUTF8(path: temporaryFile("cut", cut)))
        #expect(place.hasPrefix("line 3, byte 1 (a character cut off"))
    }
}
