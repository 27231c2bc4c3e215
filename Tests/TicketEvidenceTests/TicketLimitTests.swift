import PlanCore
import Testing

@testable import TicketEvidence

/// Issue #13 part 5: a ticket export over a limit is refused whole, naming the limit.
@Suite("Ticket export limits")
struct TicketLimitTests {
    private let header = "id,created_at,tier,handled_by,handle_time,csat,reopened\n"

    @Test("a field longer than 64 KiB (an unclosed quote) is refused with its line and the limit")
    func longField() {
        let text = header + "1,2024-03-01,routine,ai,,5,false\n2,\"" + String(repeating: "x", count: 70_000) + "\n"
        do throws(EvalError) {
            _ = try TicketImport.read(text: text, file: "big.csv")
            Issue.record("a 70 KB field was accepted")
        } catch {
            #expect(error.kind == .limit)
            #expect(error.message.contains("line 3") && error.message.contains("65536"), "\(error.message)")
        }
    }

    @Test("a field just under the limit is an ordinary (bad) value")
    func underLimit() throws {
        let long = String(repeating: "x", count: TicketImport.maximumFieldBytes)
        let text = header + "1,2024-03-01,routine,ai,,5,false\n2,2024-03-01,\(long),ai,,5,false\n"
        let result = try TicketImport.read(text: text, file: "ok.csv")
        #expect(result.rowsUsed == 1)
    }

    @Test("a file over 1 GiB and more than 10 million rows are refused, naming the limits")
    func sizeAndRows() {
        #expect(throws: EvalError.self) { try TicketImport.checkFileSize("huge.csv", bytes: (1 << 30) + 1) }
        #expect(throws: Never.self) { try TicketImport.checkFileSize("fine.csv", bytes: 1 << 30) }
        do throws(EvalError) {
            try TicketImport.checkRecord(["a"], rows: TicketImport.maximumRows + 1, line: 5, file: "many.csv")
            Issue.record("row limit not enforced")
        } catch {
            #expect(error.kind == .limit && error.message.contains("10000000"))
        }
    }
}
