import Foundation
import PlanCore
import PlanGraph
import SupportEconomics
import Testing

@testable import PlanSession

/// A session over the source tree's presets.
private func makeSession(preset: String? = nil) -> Session {
    let locator = PresetLocator(
        environmentRoot: nil, executablePath: nil, fileExists: { FileManager.default.fileExists(atPath: $0) },
        listDirectory: { (try? FileManager.default.contentsOfDirectory(atPath: $0)) ?? [] })
    let session = Session(output: BufferedOutput(), locator: locator)
    if let preset { _ = session.loadPreset(preset, report: true) }
    return session
}

/// The text an export would write.
private func export(_ session: Session, _ format: String) throws -> String {
    switch session.exportText(format: format, all: false, path: "out." + format) {
    case .success(let (text, _)): return text
    case .failure(let refusal): throw refusal
    }
}

/// CSV text as rows of fields (RFC 4180: quoted fields with doubled quotes, a comma or a line break inside).
private func csvRows(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var characters = Array(text)[...]
    while let char = characters.popFirst() {
        if quoted {
            if char == "\"" {
                if characters.first == "\"" {
                    field.append("\"")
                    characters.removeFirst()
                } else {
                    quoted = false
                }
            } else {
                field.append(char)
            }
        } else if char == "\"" {
            quoted = true
        } else if char == "," {
            row.append(field)
            field = ""
        } else if char == "\n" {
            row.append(field)
            rows.append(row)
            (row, field) = ([], "")
        } else {
            field.append(char)
        }
    }
    return rows
}

@Suite("Exports a spreadsheet reads (#11 item 14)")
struct ExportTests {
    /// An input exact as written is exact in JSON and CSV alike: no 60000.00000000001.
    @Test("values exact as written stay exact through unit conversion, in JSON and CSV")
    func exactValues() throws {
        let session = makeSession()
        session.run(
            SourceFile(
                name: "t.plan",
                text: """
                    fte_cost = $60k per year
                    share = 7%
                    mix = {routine: 60%, standard: 28%, complex: 12%}
                    paid = 1237.6 h per year
                    rate = 2.3M per month
                    handle = 4.9 min
                    price = $0.99 per contact
                    """))
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(try export(session, "json").utf8)) as? [String: Any])
        let cells = try #require(json["cells"] as? [String: [String: Any]])
        #expect(cells["fte_cost"]?["value"] as? Double == 60000)
        #expect(cells["share"]?["value"] as? Double == 7)
        #expect((cells["mix"]?["value"] as? [String: Double])?["standard"] == 28)
        #expect(cells["paid"]?["value"] as? Double == 1237.6)
        #expect(cells["rate"]?["value"] as? Double == 2_300_000)
        #expect(cells["handle"]?["value"] as? Double == 4.9)
        #expect(cells["price"]?["value"] as? Double == 0.99)
        let csv = try export(session, "csv")
        #expect(csv.contains("\nfte_cost,,,60000,$/year,$60k per year,\n"))
        #expect(csv.contains("\nmix,standard,,28,%,"))
        #expect(csv.contains("\npaid,,,1237.6,h/year,"))
        #expect(!csv.contains("0000000"))
    }

    /// JSON keeps full precision: every number of a preset reads back, as a literal in its unit, as the same double.
    @Test("every JSON number reads back as the same double", arguments: ["klarna-2024", "standard-timeline"])
    func readsBack(preset: String) throws {
        let session = makeSession(preset: "standard")
        let setup = preset == "standard-timeline" ? "timeline 2024-01 to 2025-12\n" : ""
        session.run(SourceFile(name: nil, text: setup + "use \"\(preset)\""))
        var checked = 0
        func check(_ value: Value) {
            switch value {
            case .number(let base, let unit) where !unit.isDate && base.isFinite:
                let shown = ExportNumber.exact(base, in: unit)
                if shown.isFinite && ExportNumber.readBack(shown, unit).isFinite {
                    // Either exact as a literal, or the plain quotient the export always wrote.
                    let quotient = unit.isPlain ? (unit.percent ? base * 100 : base) : base / unit.scale
                    #expect(
                        ExportNumber.readBack(shown, unit) == base || shown == quotient, "\(base) in \(unit.symbol)")
                    checked += 1
                }
            case .record(let record): record.values.forEach(check)
            case .series(let series): series.values.forEach(check)
            default: break
            }
        }
        for name in session.model.cellNames { session.model.value(of: name).map(check) }
        #expect(checked > 100)
    }

    /// Long format: cell, field, month, value, unit, formula, doc; one row per record field and per month.
    @Test("CSV in long format: a row per record field and per month, docs whole, quoting as RFC 4180")
    func longFormat() throws {
        let session = makeSession()
        session.run(
            SourceFile(
                name: "t.plan",
                text: """
                    timeline 2024-01 to 2024-03
                    ## Per tier: the share of contacts,
                    ## as measured in March.
                    mix = {routine: 60%, standard: 40%}
                    grow = ramp($100 per month, $130 per month, 2024-01, 2 months)
                    tiers = {a: grow, b: grow * 2}
                    label = "a, \\"quoted\\" label"
                    """))
        let rows = csvRows(try export(session, "csv"))
        #expect(rows.first == ["cell", "field", "month", "value", "unit", "formula", "doc"])
        #expect(rows.allSatisfy { $0.count == 7 })
        let doc = "Per tier: the share of contacts, as measured in March."
        #expect(rows.contains(["mix", "routine", "", "60", "%", "{routine: 60%, standard: 40%}", doc]))
        #expect(rows.contains(["mix", "standard", "", "40", "%", "{routine: 60%, standard: 40%}", doc]))
        let grow = rows.filter { $0[0] == "grow" }.map { [$0[2], $0[3], $0[4]] }
        #expect(
            grow == [["2024-01", "100", "$/month"], ["2024-02", "115", "$/month"], ["2024-03", "130", "$/month"]])
        #expect(rows.filter { $0[0] == "tiers" }.count == 6)
        #expect(rows.contains { $0[0] == "tiers" && $0[1] == "b" && $0[2] == "2024-03" && $0[3] == "260" })
        #expect(rows.contains { $0[0] == "label" && $0[3] == "a, \"quoted\" label" })
    }
}
