import Foundation
import PlanCore
import PlanGraph
import SupportEconomics
import Testing

@testable import PlanSession

/// The repository's Tests/tickets directory.
private let tickets = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("tickets")

/// An interactive session on the standard model (undo history is kept), collecting its output.
private func makeSession() -> (Session, BufferedOutput) {
    let output = BufferedOutput()
    let locator = PresetLocator(
        environmentRoot: nil, executablePath: nil, fileExists: { FileManager.default.fileExists(atPath: $0) },
        listDirectory: { (try? FileManager.default.contentsOfDirectory(atPath: $0)) ?? [] })
    let session = Session(output: output, locator: locator)
    session.loadStandardModel()
    session.interactive = true
    return (session, output)
}

@discardableResult
private func run(_ session: Session, _ text: String) -> PlanSession.ExitStatus {
    session.run(SourceFile(name: nil, text: text))
}

/// `:import tickets` in a session: atomic, one undo step, saved, journalled as statements.
@Suite("Import in a session")
struct ImportTests {
    /// One `:undo` takes the whole import back; `:save` writes the imported statements with their docs.
    @Test func undoAndSave() {
        let (session, output) = makeSession()
        let before = session.savedScript()
        #expect(run(session, ":import tickets \(tickets.path)/sample.csv") == .success, "\(output.diagnostics)")
        let saved = session.savedScript()
        #expect(saved.contains("## Contacts per month. From \(tickets.path)/sample.csv (497 rows, 2024-03-01 to"))
        #expect(saved.contains("csat_ai = {routine: observed(50, 52), standard: observed(8, 11), complex: 70%}"))
        #expect(run(session, ":undo") == .success)
        #expect(session.savedScript() == before)
    }

    /// The journal gets the statements (so a resume does not read the file again), once.
    @Test func journalEntry() {
        let (session, _) = makeSession()
        #expect(run(session, ":import tickets \(tickets.path)/sample.csv") == .success)
        let entry = session.takeJournalEntry()
        #expect(entry?.contains("contacts = 488 per month") == true)
        #expect(session.takeJournalEntry() == nil)
        let (again, _) = makeSession()
        #expect(run(again, entry ?? "") == .success)
        for name in ["contacts", "mix", "aht", "csat_ai", "evidence_period", "net_value"] {
            #expect(again.model.value(of: name) == session.model.value(of: name), "\(name)")
        }
    }

    /// A file with no usable row, a missing column or a missing file changes nothing.
    @Test(arguments: ["malformed/no_usable.csv", "malformed/helpdesk.csv", "malformed/none.csv"])
    func failureChangesNothing(file: String) {
        let (session, output) = makeSession()
        let before = session.savedScript()
        #expect(run(session, ":import tickets \(tickets.path)/\(file)") == .error)
        #expect(session.savedScript() == before)
        #expect(session.takeJournalEntry() == nil)
        #expect(output.diagnostics.count == 1)
    }

    /// A statement the model refuses rolls the whole import back: here a cell divides by the difference
    /// between `contacts` and the 488 a month the sample gives, so the new `contacts` is refused.
    @Test func refusedStatementRollsBack() {
        let (session, output) = makeSession()
        #expect(run(session, "trap = 1 / (contacts - 488 per month)") == .success, "\(output.diagnostics)")
        let before = session.savedScript()
        #expect(run(session, ":import tickets \(tickets.path)/sample.csv") == .error)
        #expect(session.savedScript() == before)
        #expect(output.diagnostics.last?.kind == .refused)
        #expect(session.takeJournalEntry() == nil)
    }

    /// Through the session, an import recovers the generator's ground truth: every share's truth inside
    /// its 99.96% interval (Bonferroni over the checks, as GroundTruthTests) and 70% inside the 90% one.
    @Test func groundTruth() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "import-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let csv = directory.appendingPathComponent("t.csv").path
        let json = directory.appendingPathComponent("t.json").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", tickets.appendingPathComponent("generate_tickets.py").path, "--rows", "20000", "--seed", "23",
            "--crlf", "--newlines", "--bad", "3", "--out", csv, "--truth", json,
        ]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        let (session, output) = makeSession()
        #expect(run(session, ":import tickets \(csv)") == .success, "\(output.diagnostics)")
        let truth = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        let tiers = ["routine", "standard", "complex"]
        let shares = EvidenceView.observedShares(in: session.model)
        #expect(shares.count == 18)
        let tail = 0.01 / Double(shares.count) / 2
        var inside90 = 0
        for share in shares {
            let values = try #require(truth[share.cell] as? [Double], "\(share.cell) in the truth")
            let index = try #require(tiers.firstIndex(of: share.tier))
            let beta = try EvidenceMath.observed(share.k, share.n)
            let value = values[index]
            #expect(beta.quantile(tail) <= value && value <= beta.quantile(1 - tail), "\(share.cell).\(share.tier)")
            if beta.quantile(0.05) <= value && value <= beta.quantile(0.95) { inside90 += 1 }
        }
        #expect(Double(inside90) >= 0.7 * Double(shares.count))
        // mix is the period's exact fractions; contacts per month = rows / months of the period.
        let mix = try #require(truth["mix"] as? [Double])
        if case .record(let record)? = session.model.value(of: "mix"), case .number(let complex, _)? = record["complex"]
        {
            #expect(abs(complex - mix[2]) < 0.02)
        } else {
            Issue.record("mix is not a record")
        }
    }
}
