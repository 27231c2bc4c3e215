import Foundation
import PlanCharts
import PlanCore
import PlanSession
import SupportEconomics
import Testing

/// A session over the source tree's presets, collecting its output.
private func makeSession(preset: String? = "standard") -> (Session, BufferedOutput) {
    let output = BufferedOutput()
    let locator = PresetLocator(
        environmentRoot: nil, executablePath: nil, fileExists: { FileManager.default.fileExists(atPath: $0) },
        listDirectory: { (try? FileManager.default.contentsOfDirectory(atPath: $0)) ?? [] })
    let session = Session(output: output, locator: locator)
    if let preset {
        _ = session.load(commandLine: .preset(preset))
    }
    return (session, output)
}

/// A fresh temporary directory.
private func temporaryDirectory() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("board-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Runs text in a session, relative to `directory`.
@discardableResult
private func run(_ session: Session, _ text: String, in directory: String = ".") -> PlanSession.ExitStatus {
    session.run(SourceFile(name: "test.plan", text: text), directory: directory)
}

@Suite("Board outputs")
struct BoardReportTests {
    @Test("each what-if command leaves its chart as data: lines, a heat map, a tornado, histograms")
    func lastChart() throws {
        let (session, output) = makeSession()
        #expect(session.lastChart == nil)
        run(session, ":sweep fte_cost from $50k per year to $80k per year steps 4 show savings, risk, fte_replaced")
        var chart = try #require(session.lastChart)
        #expect(chart.kinds == [.line])
        // Money per year shares one axis; a plain number gets its own panel.
        #expect(chart.panels.count == 2)
        #expect(chart.title == "savings, risk and fte_replaced as fte_cost varies from $50k/year to $80k/year")
        if case .line(let plot) = chart.panels[0].plot {
            #expect(plot.series.map(\.label) == ["savings", "risk"])
            #expect(plot.y.title == "savings, risk ($/year)")
            #expect(plot.x.count == 4)
        } else {
            Issue.record("the first panel is not a line plot")
        }
        run(session, ":sweep ai_resolution.complex from 0% to 60% steps 3 show csat_tier")
        chart = try #require(session.lastChart)
        if case .line(let plot) = chart.panels[0].plot {
            #expect(plot.series.map(\.label) == ["csat_tier.routine", "csat_tier.standard", "csat_tier.complex"])
            #expect(plot.y.label == "csat_tier")
        }
        run(
            session, ":sweep fte_cost from $50k per year to $70k per year steps 3 and shrinkage from 20% to 40% steps 3"
        )
        #expect(session.lastChart?.kinds == [.heatMap])
        run(session, ":sensitivity net_value")
        chart = try #require(session.lastChart)
        #expect(chart.kinds == [.tornado])
        #expect(chart.title == "What moves net_value most")
        run(session, "clv = $300 to $900\n:simulate 2000 net_value risk")
        chart = try #require(session.lastChart)
        #expect(chart.kinds == [.histogram])
        #expect(chart.panels.count == 2)
        // A failed command keeps the chart there was.
        run(session, ":sweep nothing from 1 to 2")
        #expect(session.lastChart?.kinds == [.histogram])
        #expect(output.diagnostics.count == 1)
    }

    @Test(":export svg writes the last chart beside the script; before any chart it says what draws one")
    func exportSVG() throws {
        let directory = try temporaryDirectory()
        let (session, output) = makeSession()
        #expect(run(session, ":export svg chart.svg", in: directory) == .error)
        #expect(output.diagnostics.last?.message.contains("no chart to export yet") == true)
        #expect(run(session, ":sensitivity net_value\n:export svg \"my chart.svg\"", in: directory) == .success)
        let svg = try String(contentsOfFile: directory + "/my chart.svg", encoding: .utf8)
        #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg"))
        #expect(svg.contains("What moves net_value most"))
        #expect(output.lines.last == "  wrote the chart \"What moves net_value most\" to my chart.svg")
    }

    @Test(":export md is the report, md --all the cell dump; --all goes with md only")
    func exportMarkdown() throws {
        let directory = try temporaryDirectory()
        let (session, output) = makeSession()
        #expect(
            run(session, ":export md report.md\n:export md --all cells.md\n:export md all.md --all", in: directory)
                == .success)
        let report = try String(contentsOfFile: directory + "/report.md", encoding: .utf8)
        #expect(report.hasPrefix("# Support plan: standard\n"))
        #expect(report.contains("\n## Headline\n") && report.contains("\n## Inputs and their sources\n"))
        let cells = try String(contentsOfFile: directory + "/cells.md", encoding: .utf8)
        #expect(cells.hasPrefix("| name | value | formula | doc |"))
        #expect(try String(contentsOfFile: directory + "/all.md", encoding: .utf8) == cells)
        #expect(run(session, ":export csv cells.csv --all", in: directory) == .error)
        #expect(output.diagnostics.last?.message.hasPrefix("`--all` goes with `md`") == true)
        #expect(run(session, ":export csv cells.csv\n:export json cells.json", in: directory) == .success)
        let csv = try String(contentsOfFile: directory + "/cells.csv", encoding: .utf8)
        #expect(csv.hasPrefix("cell,field,month,value,unit,formula,doc\n"))
    }

    @Test(
        "the report of klarna-2024: headline in words with units, tiers beside the blend, a flagged drop, the tornado")
    func klarnaReport() throws {
        let (session, _) = makeSession(preset: "klarna-2024")
        let report = session.boardReport(date: "2025-06-01")
        #expect(report.title == "Support plan: klarna-2024")
        #expect(report.summary?.hasPrefix("AI-first") == true)
        #expect(report.prepared.hasPrefix("Prepared with supportplan on 2025-06-01 from scenario klarna-2024"))
        let labels = report.headline.map(\.label)
        #expect(Array(labels.prefix(4)) == ["Net value", "Savings", "Retention risk", "FTE replaced"])
        #expect(report.headline.first?.value == "~$33.04M/year")
        #expect(report.headline.first { $0.label == "Blended CSAT" }?.value == "92.4% → 90.6%")
        let tiers = try #require(report.tiers)
        #expect(tiers.columns.contains("CSAT hybrid") && tiers.columns.contains("CSAT human"))
        #expect(tiers.rows.map { $0.cells[0] } == ["routine", "standard", "complex", "all tiers (blend)"])
        #expect(tiers.rows.last?.kind == .summary)
        let change = try #require(tiers.columns.firstIndex(of: "change"))
        // Complex −8.7 pt is flagged; routine and standard, under 5 points, are not; the blend holds (−1.76 pt).
        #expect(tiers.rows.map(\.flagged) == [[], [], [change], []])
        #expect(tiers.rows.last?.cells[change] == "-1.76 pt")
        #expect(tiers.flagNote != nil)
        #expect(report.tornado?.kinds == [.tornado])
        #expect(report.comparison == nil)
        let cost = try #require(report.inputs.first { $0.name == "fte_cost" })
        #expect(cost.value == "~$57.84k/year")
        #expect(cost.source.first?.hasPrefix("Fully loaded cost") == true)
        #expect(
            report.inputs.contains {
                $0.name == "mix" && $0.fields == ["routine: 70%", "standard: 22%", "complex: 8%"]
            })
        #expect(!report.inputs.contains { $0.name == "savings" })
    }

    @Test("saved scenarios are compared: outputs, then inputs that differ, shares in points")
    func comparison() throws {
        let (session, _) = makeSession(preset: "klarna-2024")
        run(session, ":scenario save before\nai_resolution.complex = 40%")
        let report = session.boardReport()
        let table = try #require(report.comparison)
        #expect(table.columns == ["", "before", "current (before)", "Δ vs before"])
        #expect(table.rows.first == .init(cells: ["outputs"], kind: .section))
        let row = try #require(table.rows.first { $0.cells.first == "ai_resolution.complex" })
        #expect(row.cells == ["ai_resolution.complex", "5.041%", "40%", "+35 pt"])
        // Resolving 40% of complex chats instead of 5%: net value +$8.229M/year (+24.9%).
        #expect(
            table.rows.first { $0.cells.first == "net_value" }?.cells == [
                "net_value", "$33.04M/year", "$41.27M/year", "+$8.229M/year (+24.9%)",
            ])
        #expect(report.comparisonAlerts.count == 2)
    }

    @Test("supportplan report: two presets are compared, the last one reported; a bad extension is a usage error")
    func writeReport() throws {
        let directory = try temporaryDirectory()
        let (session, output) = makeSession()
        #expect(session.writeReport(loading: ["klarna-2024"], to: directory + "/r.pdf") == .usage)
        #expect(session.writeReport(loading: ["klarna-2024", "klarna-2025"], to: directory + "/r.html") == .success)
        let html = try String(contentsOfFile: directory + "/r.html", encoding: .utf8)
        #expect(html.contains("<h1>Support plan: klarna-2025</h1>"))
        #expect(html.contains("<th>klarna-2024</th><th>klarna-2025</th><th>Δ vs klarna-2024</th>"))
        #expect(output.lines.last == "wrote the report of klarna-2025 to \(directory)/r.html")
        #expect(session.writeReport(loading: ["no-such-preset"], to: directory + "/x.md") == .error)
        #expect(!FileManager.default.fileExists(atPath: directory + "/x.md"))
    }

    @Test("the HTML page is self-contained and escapes the model's text")
    func htmlEscaping() {
        let (session, _) = makeSession(preset: nil)
        run(session, "## <script>alert(1)</script> & \"quoted\" <b>\nrate = 5%\nwatch rate")
        let html = session.boardReport().html()
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; &lt;b&gt;"))
        #expect(!html.contains("<script"))
        // The only URL is the SVG namespace of the inline chart, which loads nothing.
        let links =
            html.components(separatedBy: "http").count
            - html.components(separatedBy: "http://www.w3.org/2000/svg").count
        #expect(links == 0, "the page names a URL")
        #expect(html.contains("<svg"))
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.hasSuffix("</html>\n"))
    }

    @Test("a model without the standard cells still reports: its watched cells, its inputs, why no tornado")
    func bareModel() {
        let (session, _) = makeSession(preset: nil)
        let empty = session.boardReport()
        #expect(empty.headline.isEmpty && empty.tiers == nil && empty.tornado == nil && empty.inputs.isEmpty)
        #expect(empty.tornadoMissing == "no tornado: the model has no `net_value` and watches no number")
        #expect(empty.markdown().contains("No headline outputs"))
        run(
            session,
            "## Price per contact. Source: a quote.\nprice = $2\nvolume = 1000 per month\ncost = price * volume\nwatch cost"
        )
        let report = session.boardReport()
        #expect(report.headline.map(\.label) == ["cost"])
        #expect(report.inputs.map(\.name) == ["price", "volume"])
        #expect(report.inputs.first?.source == ["Price per contact. Source: a quote."])
        #expect(report.tornado?.kinds == [.tornado])
        #expect(report.markdown().contains("- `volume` = **1000/month** — _no source given_"))
    }

    @Test("the Markdown report reads as text: prose wrapped at 100 columns, markup in the model's text escaped")
    func markdownLines() {
        let (session, _) = makeSession(preset: "klarna-2025")
        run(session, "## A *starred* [link](x) | pipe\nodd = 1")
        let markdown = session.boardReport().markdown()
        for line in markdown.split(separator: "\n") where !line.hasPrefix("|") {
            #expect(line.count <= 100, "\(line)")
        }
        #expect(markdown.contains("A \\*starred\\* \\[link\\](x) | pipe"))
        #expect(markdown.contains("| **all tiers (blend)** |"))
        // After the 2025 turn no tier falls 5 points or more: nothing is flagged.
        #expect(!markdown.contains("▼"))
    }

    @Test("a timeline model reports its path: payback, NPV, headcount, a row per calendar year, charts by month")
    func timelinePart() throws {
        let (session, _) = makeSession(preset: nil)
        #expect(session.boardReport().timeline == nil)
        // 16 months, 2024-11 to 2026-02. monthly_net is -$3k in the first month, then $1k a month:
        // 2024 (11–12): -3 + 1 = -$2k; 2025: 12 × 1 = $12k; 2026 (01–02): $2k; in all $12k.
        // cumulative_net at year end: -$2k, $10k, $12k; it first reaches $0 in 2025-02 (-3, -2, -1, 0).
        // agents = 100 until 2025-01, then 90: 100 at the end of 2024, 90 after (no lowest month: the
        // lowest is the last value). Sums under $10k show whole (`$2000`), as everywhere.
        run(
            session,
            """
            timeline 2024-11 to 2026-02
            monthly_net = step(-$3k per month, $1k per month, 2024-12)
            cumulative_net = cumulative(monthly_net)
            payback_month = first(cumulative_net >= $0, "not within the timeline")
            agents = step(100, 90, 2025-01)
            """)
        let part = try #require(session.boardReport().timeline)
        #expect(part.span == "2024-11 to 2026-02, 16 months")
        #expect(part.figures.map(\.value) == ["2025-02", "$12k", "100 → 90"])
        #expect(part.figures.last?.note == "headcount at the end of 2024-11 and of 2026-02")
        let years = try #require(part.years)
        #expect(years.columns == ["year", "net", "cumulative net at year end", "agents at year end"])
        #expect(
            years.rows.map(\.cells) == [
                ["2024 (11–12)", "-$2000", "-$2000", "100"], ["2025", "$12k", "$10k", "90"],
                ["2026 (01–02)", "$2000", "$12k", "90"], ["whole timeline", "$12k", "", ""],
            ])
        #expect(
            part.charts.map { String($0.title.prefix(14)) } == ["Cumulative net", "Agents on the ", "Monthly net, r"])
        #expect(part.charts.first?.subtitle == "pays back in 2025-02")
        let html = session.boardReport().html()
        #expect(html.contains("<h2>The plan month by month</h2>") && html.contains("2026 (01–02)"))
        #expect(session.boardReport().markdown().contains("| 2025 | $12k | $10k | 90 |"))
    }

    @Test("klarna-timeline's report: the headline in the last month, the tiers in the month of the deepest drop")
    func klarnaTimelineReport() throws {
        let (session, _) = makeSession(preset: "klarna-timeline")
        let report = session.boardReport()
        #expect(report.headlineMonth?.hasPrefix("The run rate in 2026-12") == true)
        // The AI launches in 2024-02 with the complex-tier gap; the May 2025 turn closes it.
        #expect(report.tiersMonth == "in 2024-02, the month of the deepest tier drop")
        let complex = try #require(report.tiers?.rows.first { $0.cells.first == "complex" })
        #expect(!complex.flagged.isEmpty)
        // No sparkline reaches a report: a series shows as its month's value.
        for figure in report.headline { #expect(!figure.value.contains("▁") && !figure.value.contains("█")) }
        for input in report.inputs {
            #expect(!input.value.contains("▁") && !input.value.contains("█"), "\(input.name)")
        }
        #expect(report.tornado != nil, "\(report.tornadoMissing ?? "")")
        #expect(report.timeline?.years?.rows.count == 4)
    }
}
