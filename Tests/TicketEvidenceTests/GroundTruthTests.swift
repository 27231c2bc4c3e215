import Foundation
import PlanCore
import Testing

@testable import TicketEvidence

/// The generator's ground truth (Tests/tickets/generate_tickets.py, its defaults), per tier.
private enum Truth {
    static let mix = [0.60, 0.30, 0.10]
    static let aht = [6.0, 11.0, 20.0]
    static let aiCoverage = [0.90, 0.70, 0.30]
    static let aiResolution = [0.75, 0.40, 0.10]
    static let repeatAfterAI = [0.05, 0.10, 0.15]
    static let csatHuman = [0.94, 0.90, 0.85]
    static let csatAI = [0.94, 0.86, 0.70]
    static let csatEscalated = [0.88, 0.84, 0.78]
}

/// The repository.
private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The repository's Tests/tickets directory.
private let ticketsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("tickets")

/// How many of the truths fall inside the 90% and the 99.96% intervals, of how many checked.
private struct Coverage {
    var checked = 0
    var inside90 = 0
    var insideAll = 0
    var misses: [String] = []

    /// Each tail of the wide interval: 1% shared by the 24 checks (Bonferroni), 0.02% a side.
    static let tail = 0.01 / 24 / 2
    /// The normal's point for that tail (3.53).
    static let tailZ = -Distribution.standardNormalQuantile(tail)

    mutating func share(_ label: String, _ count: ShareCount, _ truth: Double) {
        guard let distribution = count.distribution else { return }
        checked += 1
        if distribution.quantile(0.05) <= truth && truth <= distribution.quantile(0.95) { inside90 += 1 }
        if distribution.quantile(Self.tail) <= truth && truth <= distribution.quantile(1 - Self.tail) {
            insideAll += 1
        } else {
            misses.append("\(label) \(count.expression) vs \(truth)")
        }
    }

    mutating func mean(_ label: String, _ estimate: Double?, _ standardError: Double?, _ truth: Double) {
        guard let estimate, let standardError else { return }
        checked += 1
        let z = abs(estimate - truth) / standardError
        if z <= EvidenceMath.z95 { inside90 += 1 }
        if z <= Self.tailZ {
            insideAll += 1
        } else {
            misses.append("\(label) \(estimate) ± \(standardError) vs \(truth)")
        }
    }

    /// Checks every tier's metrics of `result` against the truth.
    static func of(_ result: TicketImport) -> Coverage {
        var coverage = Coverage()
        for (index, tier) in result.tiers.enumerated() {
            coverage.share("\(tier.tier) mix", tier.mix, Truth.mix[index])
            coverage.mean("\(tier.tier) aht", tier.ahtMinutes, tier.ahtStandardError, Truth.aht[index])
            coverage.share("\(tier.tier) ai_coverage", tier.aiCoverage, Truth.aiCoverage[index])
            coverage.share("\(tier.tier) ai_resolution", tier.aiResolution, Truth.aiResolution[index])
            coverage.share("\(tier.tier) repeat_after_ai", tier.repeatAfterAI, Truth.repeatAfterAI[index])
            coverage.share("\(tier.tier) csat_human", tier.csatHuman, Truth.csatHuman[index])
            coverage.share("\(tier.tier) csat_ai", tier.csatAI, Truth.csatAI[index])
            coverage.share("\(tier.tier) csat_escalated", tier.csatEscalated, Truth.csatEscalated[index])
        }
        return coverage
    }
}

/// An import recovers the generator's ground truth within its intervals.
///
/// With 24 independent checks, about 2 truths fall outside their 90% intervals by chance, so the test
/// asks for every truth inside its 99.96% interval (Bonferroni: a correct reader misses one with
/// probability under 1%; asking for 99% intervals instead fails 21% of seeds) and at least 70% of them
/// inside their 90% interval (a correct reader fails that with probability about 0.4%). A biased
/// reader, say a share computed over the wrong rows, misses by many standard errors on 30,000 rows.
@Suite("Ground truth")
struct GroundTruthTests {
    @Test("the committed 500-row sample: its intervals hold the truth; its bad rows are found by line")
    func sample() throws {
        let path = ticketsDirectory.appendingPathComponent("sample.csv").path
        let result = try TicketImport.read(path: path)
        let coverage = Coverage.of(result)
        #expect(coverage.misses.isEmpty, "\(coverage.misses)")
        #expect(Double(coverage.inside90) >= 0.70 * Double(coverage.checked), "\(coverage)")
        let truth = try JSONSerialization.jsonObject(
            with: Data(contentsOf: ticketsDirectory.appendingPathComponent("sample.truth.json")))
        let lines = (truth as? [String: Any])?["bad_lines"] as? [Int]
        #expect(result.badRows.examples.map(\.line) == lines)
        #expect(result.rowsRead == 500 && result.rowsUsed == 497)
    }

    @Test("the sample's statements are the ones Tests/Scripts/evidence/imported_sample.plan applies")
    func sampleStatements() throws {
        let csv = try String(contentsOf: ticketsDirectory.appendingPathComponent("sample.csv"), encoding: .utf8)
        let result = try TicketImport.read(text: csv, file: "Tests/tickets/sample.csv")
        let script = try String(
            contentsOf: root.appendingPathComponent("Tests/Scripts/evidence/imported_sample.plan"), encoding: .utf8)
        let start = try #require(script.range(of: "# --- imported ---\n"))
        let end = try #require(script.range(of: "# --- end ---\n"))
        #expect(String(script[start.upperBound..<end.lowerBound]) == result.statementsText)
    }

    @Test("a generated 30,000-row export with CRLF, a BOM, quoted line breaks and bad rows")
    func generated() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tickets-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let csv = directory.appendingPathComponent("t.csv").path
        let json = directory.appendingPathComponent("t.json").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", ticketsDirectory.appendingPathComponent("generate_tickets.py").path, "--rows", "30000",
            "--seed", "11", "--crlf", "--bom", "--newlines", "--bad", "4", "--out", csv, "--truth", json,
        ]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        let result = try TicketImport.read(path: csv)
        let coverage = Coverage.of(result)
        #expect(coverage.misses.isEmpty, "\(coverage.misses)")
        #expect(Double(coverage.inside90) >= 0.70 * Double(coverage.checked), "\(coverage)")
        let truth = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json)))
        #expect(result.badRows.examples.map(\.line) == (truth as? [String: Any])?["bad_lines"] as? [Int])
        #expect(result.rowsUsed == 29_996 && result.days == 30)
    }
}
