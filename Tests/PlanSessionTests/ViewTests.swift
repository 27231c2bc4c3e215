import Foundation
import PlanCore
import PlanSession
import SupportEconomics
import Testing

/// A session on klarna-2024 with two ranges (so that `:simulate` has something to draw).
private func klarna() -> (Session, BufferedOutput) {
    let output = BufferedOutput()
    let locator = PresetLocator(
        environmentRoot: nil, executablePath: nil, fileExists: { FileManager.default.fileExists(atPath: $0) },
        listDirectory: { (try? FileManager.default.contentsOfDirectory(atPath: $0)) ?? [] })
    let session = Session(output: output, locator: locator)
    _ = session.loadPreset("klarna-2024", report: true)
    _ = session.run(SourceFile(name: nil, text: "clv = $30 to $70\nchurn_per_bad_contact = 5% to 15%"))
    return (session, output)
}

/// The views of #11 item 1 and the others that print tables or charts.
private let views = [
    ":explain risk", ":explain csat_tier 6", ":show", ":report", ":sensitivity net_value", ":presets", ":help",
    ":help functions", ":simulate 500", ":simulate 500 risk net_value savings churned_customers",
    ":sweep fte_cost from $50k per year to $80k per year steps 7 show savings, risk, net_value",
    ":sweep fte_cost from $50k per year to $80k per year steps 5 and clv from $20 to $80 steps 30 show net_value",
    ":table peak_rate_baseline, agents_required_baseline, peak_rate, agents_required, agents_required_a",
    ":compare klarna-2024 klarna-2025", ":goalseek net_value = savings * 90% by churn_per_bad_contact in 0% to 50%",
    ":alerts", ":scenarios",
]

@Suite("Views fit the width")
struct ViewTests {
    @Test("no line of any view is wider than the width", arguments: [40, 52, 60, 72, 80, 100, 120, 160])
    func fits(width: Int) {
        let (session, output) = klarna()
        session.width = width
        for view in views {
            let before = output.lines.count
            _ = session.run(SourceFile(name: nil, text: view))
            let lines = output.lines[before...].flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false) }
            #expect(!lines.isEmpty, "\(view) printed nothing")
            for line in lines where line.count > width {
                Issue.record("\(view) at \(width): \(line.count) wide: \(line)")
            }
        }
        #expect(output.diagnostics.isEmpty, "\(output.diagnostics.map { $0.rendered() })")
    }

    @Test("tornado rows never wrap: one line per input, each with the baseline mark", arguments: [40, 60, 80, 120])
    func tornadoRows(width: Int) throws {
        let (session, output) = klarna()
        session.width = width
        _ = session.run(SourceFile(name: nil, text: ":sensitivity net_value"))
        let lines = output.text.split(separator: "\n")
        let header = try #require(lines.firstIndex { $0.hasPrefix("  input") })
        let rows = lines[(header + 1)...].prefix { !$0.hasPrefix("  bars span") }
        #expect(rows.count >= 10)
        for row in rows { #expect(row.contains("│") && row.count <= width, "\(row)") }
    }

    @Test("a table too wide wraps its headers (in words) at blanks, then splits its columns into groups")
    func textTable() {
        let (session, output) = klarna()
        session.width = 80
        _ = session.run(SourceFile(name: nil, text: ":table agents_required_baseline, agents_required"))
        #expect(output.text.hasPrefix("  tier      agents required baseline  agents required\n"))
        session.width = 40
        _ = session.run(
            SourceFile(
                name: nil, text: ":table agents_required_baseline, agents_required, agents_quiet, peak_occupancy"))
        let narrow = output.lines.last ?? ""
        #expect(narrow.contains("agents\n") || narrow.contains("agents "))
        #expect(!narrow.contains("agents required baseline"), "wrapped:\n\(narrow)")
        #expect(narrow.contains("\n\n"), "split into groups:\n\(narrow)")
        #expect(narrow.split(separator: "\n").allSatisfy { $0.count <= 40 })
    }

    @Test("COLUMNS-sized output keeps what fits untouched")
    func untouchedWhenItFits() {
        let (session, output) = klarna()
        session.width = 200
        _ = session.run(SourceFile(name: nil, text: ":table mix, ai_resolution"))
        #expect(
            output.lines.last
                == "  tier      mix  ai resolution\n  routine   70%         83.94%\n  standard  22%         34.08%\n"
                + "  complex    8%          5.04%")
    }
}

@Suite("The report statement")
struct ReportTests {
    private func session(_ text: String) -> (Session, BufferedOutput, PlanSession.ExitStatus) {
        let output = BufferedOutput()
        let locator = PresetLocator(
            environmentRoot: nil, executablePath: nil, fileExists: { _ in false }, listDirectory: { _ in [] })
        let session = Session(output: output, locator: locator)
        let status = session.run(SourceFile(name: "t.plan", text: text))
        return (session, output, status)
    }

    @Test(":report shows the watched cells, then the marked rows in order; records make the per-tier table")
    func layout() {
        let (session, output, status) = session(
            """
            before = 10
            after = 7
            share = {a: 50%, b: 50%}
            new_share = {a: 40%, b: 60%}
            watch after
            report "before → after": before to after, share, new_share, "ratio": after / before in %
            :report
            """)
        #expect(status == .success)
        #expect(
            output.lines.last == """
                  plan
                  after           7
                  before → after  10 → 7  (-3)

                  tier  share  new share
                  a       50%        40%
                  b       50%        60%
                  ratio           70%

                  no alerts
                """)
        #expect(
            session.savedScript().contains("report \"before → after\": before to after,\n    share,\n    new_share,\n"))
    }

    @Test("a name that is not a cell is an error at the mark, not a row left out")
    func missingCell() {
        let (_, output, status) = session("savings = 1\nreport savings, risk")
        #expect(status == .error)
        #expect(output.diagnostics.first?.message == "unknown name `risk`")
        #expect(
            output.diagnostics.first?.span.map {
                SourceFile(name: nil, text: "savings = 1\nreport savings, risk").text(of: $0)
            } == "risk")
    }

    @Test("a cell the report shows cannot be deleted; a row that cannot be shown now says why")
    func deleteAndFailure() {
        let (session, output, status) = session("a = 1\nb = 2\nreport a, \"b per a\": b / a\ndelete a")
        #expect(status == .error)
        #expect(output.diagnostics.first?.message == "cannot delete `a`: the report shows it")
        _ = session.run(SourceFile(name: nil, text: "a = 0\n:report"))
        #expect(output.lines.last?.contains("b per a  – (division by zero") == true, "\(output.lines.last ?? "")")
    }

    @Test("a :save of a model with a report loads back with the same report")
    func saveRoundTrip() {
        let (session, _, _) = session("x = 2\ny = x * 3\nreport \"x to y\": x to y, y")
        let (copy, output, status) = self.session(session.savedScript())
        #expect(status == .success, "\(output.diagnostics.map { $0.rendered() })")
        #expect(copy.model.report?.statement == session.model.report?.statement)
    }
}
