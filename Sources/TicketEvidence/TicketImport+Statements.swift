/// The statements an import defines: `contacts`, `mix`, `aht`, `ai_coverage`, `ai_resolution`,
/// `repeat_after_ai`, `csat_human`, `csat_ai`, `csat_escalated` (SPEC §10), and `evidence_period`, the days
/// the export covers (so `:evidence` can turn answers into a monthly volume).
///
/// Shares are `observed(k, n)`, so the evidence's uncertainty flows into `:simulate`. A metric with
/// data in every tier is one record statement; a metric with data in some tiers only is one
/// `name.field = …` statement per tier that has it (the other tiers keep the model's value, and a note
/// says so); a metric with no data at all (its column is missing, or no row of that kind) is left out
/// with a note. `mix` is the exact fractions `k / N in %`, not `observed`: the export counts every
/// contact of the period (a census, not a survey sample), and three independent Betas would add up to
/// (N + 1.5) / (N + 1), which trips the standard model's "mix does not sum to 100%" alert.
extension TicketImport {
    mutating func buildStatements(present: Set<TicketColumns.Role>) {
        let range = "\(rowsUsed) rows, \(firstDay) to \(lastDay)"
        let source = "From \(file) (\(range))"
        var out: [ImportedStatement] = []
        let badNote = badRows.total > 0 ? "; \(badRows.total) bad rows not used" : ""
        out.append(
            ImportedStatement(
                name: "contacts", field: nil, expression: "\(Int(contactsPerMonth.rounded())) per month",
                doc: [
                    "Contacts per month. \(source): \(rowsUsed) of \(rowsRead) rows used\(badNote); "
                        + "\(rowsUsed) contacts over \(days) \(days == 1 ? "day" : "days") (\(decimal(months, 2)) months)."
                ]))
        func share(_ name: String, _ what: String, _ pick: (TierEvidence) -> ShareCount, needs: [TicketColumns.Role]) {
            if let missing = needs.first(where: { !present.contains($0) }) {
                notes.append("\(name) not defined: the export has no \(missing.rawValue) column")
                return
            }
            let counts = tiers.map { (tier: $0.tier, count: pick($0)) }
            define(name, counts.map { ($0.tier, $0.count.n > 0 ? $0.count.expression : nil) }, what, source, &out)
        }
        define(
            "mix", tiers.map { ($0.tier, "\($0.mix.k) / \($0.mix.n) in %") },
            "Share of contacts per tier: the tier's rows of all rows (a count of the period's contacts, "
                + "not a sample: it sums to 100%)", source, &out)
        let minutes = tiers.map { tier in (tier.tier, tier.ahtMinutes.map { decimal($0, 2) + " min" }) }
        if present.contains(.handleTime) {
            let rows = tiers.map { "\($0.tier) \($0.ahtRows)" }.joined(separator: ", ")
            define(
                "aht", minutes,
                "Human handle time per contact: the mean handle_time of rows handled by a human from the start "
                    + "(rows: \(rows))", source, &out)
        } else {
            notes.append("aht not defined: the export has no handle_time column")
        }
        share(
            "ai_coverage", "Share of the tier's contacts the AI took first: ai and ai_then_human rows of all rows",
            \.aiCoverage, needs: [])
        share(
            "ai_resolution", "Share of AI attempts the AI resolved: ai rows of ai and ai_then_human rows",
            \.aiResolution, needs: [])
        share(
            "repeat_after_ai", "Share of AI resolutions that came back: reopened ai rows of ai rows",
            \.repeatAfterAI, needs: [.reopened])
        share(
            "csat_human", "CSAT when a human handles the contact: satisfied (4-5, good) of answered human rows",
            \.csatHuman, needs: [.csat])
        share(
            "csat_ai", "CSAT when the AI resolves the contact: satisfied of answered ai rows", \.csatAI,
            needs: [.csat])
        share(
            "csat_escalated", "CSAT when the AI hands the contact to a human: satisfied of answered ai_then_human rows",
            \.csatEscalated, needs: [.csat])
        out.append(
            ImportedStatement(
                name: "evidence_period", field: nil, expression: "\(days) \(days == 1 ? "day" : "days")",
                doc: [
                    "Days the imported evidence covers, first to last created_at (`:evidence` divides the survey "
                        + "answers by it for the monthly volume). \(source)."
                ]))
        statements = out
    }

    /// Appends `name` as a record (every tier has a value), per-field statements, or a note (none has).
    private mutating func define(
        _ name: String, _ values: [(String, String?)], _ what: String, _ source: String,
        _ out: inout [ImportedStatement]
    ) {
        let doc = ["\(what). \(source)."]
        let missing = values.filter { $0.1 == nil }.map(\.0)
        if missing.isEmpty {
            let fields = values.map { "\($0.0): \($0.1 ?? "")" }.joined(separator: ", ")
            out.append(ImportedStatement(name: name, field: nil, expression: "{\(fields)}", doc: doc))
        } else if missing.count == values.count {
            notes.append("\(name) not defined: no rows of that kind in any tier")
        } else {
            for (tier, value) in values {
                guard let value else { continue }
                out.append(ImportedStatement(name: name, field: tier, expression: value, doc: doc))
            }
            notes.append(
                "\(name): no rows of that kind for " + missing.joined(separator: ", ") + " (the model's value stays)")
        }
    }
}

/// `value` with at most `places` decimals, trailing zeros dropped (`6.5`, `12`).
func decimal(_ value: Double, _ places: Int) -> String {
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    if rounded == rounded.rounded() && abs(rounded) < 1e15 { return String(Int(rounded)) }
    return String(rounded)
}
