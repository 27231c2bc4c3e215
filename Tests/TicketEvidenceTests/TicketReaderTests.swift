import PlanCore
import Testing

@testable import TicketEvidence

/// The kind of error `body` throws, or nil.
private func kind(_ body: () throws(EvalError) -> TicketImport) -> ErrorKind? {
    do throws(EvalError) {
        _ = try body()
        return nil
    } catch {
        return error.kind
    }
}

/// The export text with a default header.
private func export(_ rows: [String], newline: String = "\n") -> String {
    (["id,created_at,tier,handled_by,handle_time,csat,reopened"] + rows).joined(separator: newline) + newline
}

@Suite("Ticket reader")
struct TicketReaderTests {
    @Test("counts per tier and handler become the model's shares")
    func counts() throws {
        let text = export([
            "1,2024-03-01,routine,ai,,5,false",  // AI resolved, satisfied
            "2,2024-03-01T10:00:00Z,routine,ai,,2,true",  // AI resolved, unhappy, came back
            "3,2024-03-02 11:00,routine,human,6,4,false",  // human 6 min, satisfied
            "4,2024-03-03,1,ai_then_human,8.5 min,good,0",  // escalated
            "5,2024-03-04,standard,human,00:12:00,,false",  // human 12 min, no answer
            "6,2024-03-31,tier 3,human,1200 s,bad,2",  // human 20 min, reopened twice (human: not a repeat)
        ])
        let result = try TicketImport.read(text: text, file: "t.csv")
        #expect(result.rowsRead == 6 && result.rowsUsed == 6 && result.badRows.total == 0)
        #expect(result.firstDay == "2024-03-01" && result.lastDay == "2024-03-31" && result.days == 31)
        let routine = result.tiers[0]
        #expect(routine.mix == ShareCount(k: 4, n: 6))
        #expect(routine.aiCoverage == ShareCount(k: 3, n: 4))
        #expect(routine.aiResolution == ShareCount(k: 2, n: 3))
        #expect(routine.repeatAfterAI == ShareCount(k: 1, n: 2))
        #expect(routine.csatAI == ShareCount(k: 1, n: 2))
        #expect(routine.csatHuman == ShareCount(k: 1, n: 1))
        #expect(routine.csatEscalated == ShareCount(k: 1, n: 1))
        #expect(routine.ahtMinutes == 6)
        #expect(result.tiers[1].ahtMinutes == 12)
        #expect(result.tiers[2].ahtMinutes == 20)
        #expect(result.tiers[2].csatHuman == ShareCount(k: 0, n: 1))
        #expect(routine.monthly.map(\.month) == ["2024-03"])
        // 6 contacts over 31 days = 31 / 30.4375 months: 5.89 per month.
        #expect(abs(result.contactsPerMonth - 6 / (31 / 30.4375)) < 1e-12)
        let text2 = result.statementsText
        #expect(text2.contains("contacts = 6 per month"))
        #expect(text2.contains("mix = {routine: 4 / 6 in %, standard: 1 / 6 in %, complex: 1 / 6 in %}"))
        #expect(text2.contains("aht = {routine: 6 min, standard: 12 min, complex: 20 min}"))
        // Standard and complex have no AI rows: their AI shares stay the model's, and a note says so.
        #expect(text2.contains("ai_resolution.routine = observed(2, 3)"))
        #expect(result.notes.contains { $0.hasPrefix("ai_resolution: no rows of that kind for standard, complex") })
    }

    @Test("RFC 4180: quoted commas, quotes and line breaks; CRLF; a BOM; line numbers stay physical")
    func quoting() throws {
        let rows = [
            "1,2024-03-01,routine,ai,,,false,\"Refund, please\"",
            "2,2024-03-01,routine,human,5,,false,\"Card \"\"declined\"\"\r\nsecond line\r\nthird\"",
            "3,2024-03-01,gold,human,5,,false,plain",
            "4,2024-03-01,routine,human,5,,false,\"a\nb\"",
            "5,2024-13-01,routine,human,5,,false,x",
        ]
        let header = "\u{FEFF}id,created_at,tier,handled_by,handle_time,csat,reopened,subject"
        let text = ([header] + rows).joined(separator: "\r\n") + "\r\n"
        let result = try TicketImport.read(text: text, file: "q.csv")
        #expect(result.rowsRead == 5 && result.rowsUsed == 3)
        // Line 1 header, 2 row 1, 3-5 row 2 (two embedded breaks), 6 row 3, 7-8 row 4, 9 row 5.
        #expect(result.badRows.examples.map(\.line) == [6, 9])
        #expect(result.badRows.examples.map(\.reason) == ["unknown tier \"gold\"", "bad date \"2024-13-01\""])
    }

    @Test("bad rows are counted by reason and the first five named; nothing is dropped silently")
    func badRows() throws {
        var rows: [String] = []
        for index in 0..<20 { rows.append("\(index),2024-03-01,routine,human,5,,false") }
        rows[3] = "3,2024-03-01,routine,human,5,,false,extra"
        rows[5] = "5,2024-02-29,routine,human,-5,,false"
        rows[7] = "7,2023-02-29,routine,human,5,,false"
        rows[9] = "9,2024-03-01,routine,robot,5,,false"
        rows[11] = "11,2024-03-01,routine,human,5,6,false"
        rows[13] = "13,2024-03-01,routine,human,5,,maybe"
        rows[15] = "15,2024-03-01,4,human,5,,false"
        rows.insert("", at: 10)
        let result = try TicketImport.read(text: export(rows), file: "b.csv")
        #expect(result.blankLines == 1)
        #expect(result.rowsRead == 20 && result.rowsUsed == 13 && result.badRows.total == 7)
        #expect(result.badRows.examples.map(\.line) == [5, 7, 9, 11, 14])
        // Every reason, counted, wrapped to stay within 76 characters a line.
        #expect(
            Array(result.badRows.report.prefix(3)) == [
                "7 bad rows not used: 1 wrong number of fields, 1 bad handle time,",
                "  1 bad date, 1 unknown handled_by, 1 bad csat, 1 bad reopened,",
                "  1 unknown tier",
            ])
        #expect(result.badRows.report.last == "  … and 2 more")
        #expect(result.statements.first?.doc.first?.contains("13 of 20 rows used; 7 bad rows not used") == true)
    }

    @Test("an export with no usable row, an empty one, or one without the needed columns is an error")
    func unusable() {
        #expect(
            kind { () throws(EvalError) in try TicketImport.read(text: export(["1,x,routine,ai,,,"]), file: "n") }
                == .domain)
        #expect(kind { () throws(EvalError) in try TicketImport.read(text: "", file: "e") } == .domain)
        #expect(kind { () throws(EvalError) in try TicketImport.read(text: export([]), file: "h") } == .domain)
        #expect(kind { () throws(EvalError) in try TicketImport.read(text: "a,b\n1,2\n", file: "c") } == .usage)
        #expect(kind { () throws(EvalError) in try TicketImport.read(path: "/nonexistent/t.csv") } == .io)
        #expect(kind { () throws(EvalError) in try TicketImport.read(path: "/tmp") } == .io)
    }

    @Test("column maps read other exports; bad maps are usage errors")
    func columnMaps() throws {
        let text =
            "Ticket ID,Created at,Group,Handled by,Time,Satisfaction,Reopens\n"
            + "9,2024-05-02 10:00:00,Tier 2,bot,,5,0\n9,2024-05-03 10:00:00,Tier 2,agent,3:30,1,1\n"
        let columns = try TicketColumns(maps: [
            "created_at=Created at", "tier=group", "handled_by=\"Handled by\"", "handle_time=Time",
            "csat=Satisfaction", "reopened=Reopens", "id=Ticket ID",
        ])
        let result = try TicketImport.read(text: text, file: "z.csv", columns: columns)
        #expect(result.rowsUsed == 2)
        #expect(result.tiers[1].ahtMinutes == 3.5)
        #expect(result.tiers[1].csatAI == ShareCount(k: 1, n: 1))
        for maps in [["tier"], ["colour=x"], ["tier="], ["tier=a", "tier=b"], ["tier=x", "csat=x"]] {
            #expect(throws: EvalError.self) { try TicketColumns(maps: maps) }
        }
    }

    @Test("a missing optional column leaves its statements out, with a note")
    func optionalColumns() throws {
        let text = "created_at,tier,handled_by\n2024-03-01,routine,ai\n2024-03-02,complex,human\n"
        let result = try TicketImport.read(text: text, file: "o.csv")
        let names = result.statements.map(\.name)
        #expect(!names.contains("aht") && !names.contains("csat_ai") && !names.contains("repeat_after_ai"))
        #expect(result.notes.contains("aht not defined: the export has no handle_time column"))
    }

    @Test("field forms", arguments: ["routine", "Routine ", "1", "tier1", "T1", "tier_1"])
    func tierForms(word: String) {
        #expect(TicketRow.tier(word) == 0)
    }

    @Test("dates and handle times")
    func fieldParsers() {
        #expect(TicketRow.day("1970-01-01") == 0)
        #expect(TicketRow.day("2024-02-29T23:59:59+01:00") == TicketRow.daysSinceEpoch(year: 2024, month: 2, day: 29))
        #expect(
            TicketRow.day("2023-02-29") == nil && TicketRow.day("2024-03-01x") == nil && TicketRow.day("3/1/24") == nil)
        #expect(TicketRow.isoDate(TicketRow.daysSinceEpoch(year: 2000, month: 12, day: 31)) == "2000-12-31")
        #expect(TicketRow.minutes("450 s") == .some(7.5) && TicketRow.minutes("0.5 h") == .some(30))
        #expect(TicketRow.minutes("1:02:30") == .some(62.5) && TicketRow.minutes("7.5min") == .some(7.5))
        #expect(
            TicketRow.minutes("") == .some(nil) && TicketRow.minutes("abc") == nil && TicketRow.minutes("-1") == nil)
        #expect(TicketRow.minutes("2 hours") == .some(120) && TicketRow.minutes("nan") == nil)
    }
}
