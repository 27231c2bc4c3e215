import Foundation
import PlanCore
import SupportEconomics
import Testing

@testable import PlanSession

/// How `:timeline` and `:simulate` make a quarter's row from its months (TimelinePeriods).
@Suite("Timeline rows: months, or quarters past 24 months")
struct TimelinePeriodsTests {
    /// November 2024 is month number 2024 × 12 + 10.
    let november2024 = 2024 * 12 + 10

    @Test("24 months are shown month by month")
    func monthly() {
        let periods = TimelinePeriods(Timeline(start: november2024, count: 24))
        #expect(!periods.quarterly)
        #expect(periods.labels.count == 24)
        #expect(periods.labels.first == "2024-11")
        #expect(periods.labels.last == "2026-10")
        #expect(periods.partial.isEmpty)
    }

    @Test("26 months from November are calendar quarters, the first of two months")
    func quarters() {
        // 2024-11 … 2026-12: Nov–Dec 2024 (2 months), then 2025-Q1 … 2026-Q4 (8 whole quarters).
        let periods = TimelinePeriods(Timeline(start: november2024, count: 26))
        #expect(periods.quarterly)
        #expect(periods.labels == ["2024-Q4"] + ["2025", "2026"].flatMap { year in (1...4).map { "\(year)-Q\($0)" } })
        #expect(periods.groups.first == 0..<2)
        #expect(periods.groups[1] == 2..<5)
        #expect(periods.groups.last == 23..<26)
        #expect(periods.partial == ["2024-Q4 has 2 months"])
    }

    @Test("a flow is the quarter's mean month, a stock its last month, a record field by field")
    func aggregation() {
        let periods = TimelinePeriods(Timeline(start: november2024, count: 26))
        // A ramp of $1k a month more each month from $0 in November 2024 to $9k in August 2025, then flat.
        let perMonth = Unit.atom(.dollar).divided(by: .atom(.month))
        let spend = (0..<26).map { Double(min($0, 9)) * 1_000 }
        let flow = Series(start: november2024, values: spend.map { .number($0 / Timeline.monthSeconds, perMonth) })
        let rows = periods.aggregate(flow).map { value -> Double in
            guard case .number(let number, _) = value else { return .nan }
            return (number * Timeline.monthSeconds * 1_000).rounded() / 1_000
        }
        // 2024-Q4: (0 + 1k) / 2 = 500; 2025-Q1: (2k + 3k + 4k) / 3 = 3k; Q2: (5 + 6 + 7) / 3 = 6k;
        // Q3: (8 + 9 + 9) / 3 = 8,666.667; from Q4 on 9k.
        #expect(rows[0] == 500)
        #expect(rows[1] == 3_000)
        #expect(rows[2] == 6_000)
        #expect(rows[3] == 8_666.667)
        #expect(rows[4] == 9_000)
        // A stock (agents) shows the quarter's end: 2024-Q4 is December (position 1), 2025-Q1 March (4).
        let agents = Series(start: november2024, values: (0..<26).map { .number(Double(100 - $0), .plain) })
        let ends = periods.aggregate(agents)
        #expect(ends[0] == .number(99, .plain))
        #expect(ends[1] == .number(96, .plain))
        #expect(ends.last == .number(75, .plain))
        // A record: each field by its own rule.
        let record = Series(
            start: november2024,
            values: (0..<26).map { index in
                .record(
                    Record(
                        keys: ["cost", "agents"],
                        values: [flow.values[index], agents.values[index]]))
            })
        guard case .record(let q1) = periods.aggregate(record)[1] else {
            Issue.record("a record row")
            return
        }
        #expect(q1["agents"] == .number(96, .plain))
        #expect(q1["cost"] == periods.aggregate(flow)[1])
        // The numbers of a simulated month: the same rule on plain numbers.
        #expect(periods.aggregate(spend, isFlow: true)[1] == 3_000)
        #expect(periods.aggregate(spend, isFlow: false)[1] == 4_000)
        // A simulated quarter, sample by sample: two samples over three months.
        #expect(SimulatedSeries.aggregate([[1, 10], [2, 20], [6, 60]], isFlow: true) == [3, 30])
        #expect(SimulatedSeries.aggregate([[1, 10], [2, 20], [6, 60]], isFlow: false) == [6, 60])
    }
}

/// The timeline views fit every width: `:timeline` by quarter and by month, and `:simulate` of a series.
@Suite("Timeline views fit the width")
struct TimelineViewWidthTests {
    @Test("no line of a timeline view is wider than the width", arguments: [40, 52, 60, 72, 80, 100, 120, 160])
    func fits(width: Int) {
        let output = BufferedOutput()
        let locator = PresetLocator(
            environmentRoot: nil, executablePath: nil, fileExists: { FileManager.default.fileExists(atPath: $0) },
            listDirectory: { (try? FileManager.default.contentsOfDirectory(atPath: $0)) ?? [] })
        let session = Session(output: output, locator: locator)
        #expect(session.loadStandardModel() == .success)
        session.width = width
        for text in [
            "timeline 2024-01 to 2026-12", ":timeline", ":timeline ai_coverage agents payback_month",
            ":simulate 300 cumulative_net agents", "timeline 2025-01 to 2025-09", ":timeline",
            ":simulate 300 monthly_net",
        ] {
            let before = output.lines.count
            _ = session.run(SourceFile(name: nil, text: text))
            let lines = output.lines[before...].flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false) }
            if text.hasPrefix(":") { #expect(!lines.isEmpty, "\(text) printed nothing") }
            for line in lines where line.count > width {
                Issue.record("\(text) at \(width): \(line.count) wide: \(line)")
            }
        }
        #expect(output.diagnostics.isEmpty, "\(output.diagnostics.map { $0.rendered() })")
    }
}
