import PlanCore
import PlanGraph

/// `:evidence` (SPEC §10): how sure each observed share of the model is, and how long a tier-3 drop takes
/// to show.
///
/// It reads the model, not the last import: every record field (or cell) written as `observed(k, n)` with
/// whole-number literals is evidence, whether `:import tickets` wrote it, a saved script restored it or a
/// planner typed it. Per tier and metric: the answers n, the estimate (the Beta's mean, (k + ½)/(n + 1)),
/// its 90% interval (5th–95th percentiles), and the smallest drop the data can detect now (one-sided 95%,
/// 80% power: `EvidenceMath.detectableDrop`). With `evidence_period` (the days the export covers, which the
/// import defines) it also gives the monthly volume of answers and the months of surveys needed to detect
/// a 5-point drop in the tier-3 (complex) CSAT, all handlers pooled (`months_to_detect`).
enum EvidenceView {
    /// One observed share.
    struct Share {
        var cell: String
        var tier: String
        var k: Double
        var n: Double
    }

    /// The drop `:evidence` asks about for tier 3 (5 points).
    static let tierThreeDrop = 0.05

    /// The text of `:evidence` for `model`.
    static func render(_ model: Model) -> String {
        let shares = observedShares(in: model)
        guard !shares.isEmpty else {
            return "  no evidence in the model: no input is `observed(k, n)`"
                + " (`:import tickets FILE` defines them from a ticket export)"
        }
        let months = periodMonths(model)
        var rows: [[String]] = [["metric", "tier", "n", "estimate", "90% interval", "detects"]]
        if months != nil { rows[0].append("5 pt in") }
        for share in shares {
            guard let beta = try? EvidenceMath.observed(share.k, share.n) else { continue }
            let estimate = beta.mean
            var row = [
                share.cell, share.tier, NumberFormat.human(share.n), percent(estimate),
                percent(beta.quantile(0.05)) + "–" + percent(beta.quantile(0.95)),
                EvidenceMath.detectableDrop(n: share.n, p: estimate).map(points) ?? "–",
            ]
            if let months {
                row.append(monthsText(monthly: share.n / months, p: estimate, drop: tierThreeDrop))
            }
            rows.append(row)
        }
        var out = TextTable.render(rows)
        out += "\n  estimate: (k + ½)/(n + 1), the mean of observed(k, n); detects: the"
        out += "\n  smallest fall these n answers show (one-sided 95%, 80% power)"
        if months != nil { out += "; 5 pt in:\n  months of answers at this volume to see a 5-point fall" }
        out += tierThree(shares, months: months)
        return out
    }

    /// Every `observed(k, n)` with literal counts in a cell's formula: a record field or the whole cell.
    static func observedShares(in model: Model) -> [Share] {
        var shares: [Share] = []
        for name in model.cellNames {
            guard let node = model.cell(name) else { continue }
            let expr = node.expr
            if case .record(let entries) = expr.kind {
                for entry in entries {
                    if let (k, n) = counts(entry.value) {
                        shares.append(Share(cell: name, tier: entry.key, k: k, n: n))
                    }
                }
            } else if let (k, n) = counts(expr) {
                shares.append(Share(cell: name, tier: "–", k: k, n: n))
            }
        }
        return shares
    }

    private static func counts(_ expr: Expr) -> (Double, Double)? {
        guard case .call("observed", _, let args) = expr.kind, args.count == 2,
            case .number(let k, let ku) = args[0].kind, case .number(let n, let nu) = args[1].kind,
            ku.isPlain, nu.isPlain, n > 0, k >= 0, k <= n
        else { return nil }
        return (k, n)
    }

    /// `evidence_period` in months, when the model has it as a positive time.
    private static func periodMonths(_ model: Model) -> Double? {
        guard case .number(let seconds, let unit)? = model.value(of: "evidence_period"), unit.timeDimension == 1,
            seconds > 0
        else { return nil }
        return seconds / EvidenceMath.secondsPerMonth
    }

    /// The tier-3 line: answers per month and the months to see a 5-point CSAT drop, all handlers pooled.
    private static func tierThree(_ shares: [Share], months: Double?) -> String {
        let csat = shares.filter { $0.cell.hasPrefix("csat_") && $0.tier == "complex" }
        guard !csat.isEmpty else { return "" }
        let k = csat.reduce(0) { $0 + $1.k }
        let n = csat.reduce(0) { $0 + $1.n }
        let p = (k + 0.5) / (n + 1)
        let needed = EvidenceMath.surveysToDetect(p: p, drop: tierThreeDrop)
        var out = "\n\n  tier 3 (complex): \(NumberFormat.human(n)) CSAT answers (all handlers), CSAT \(percent(p))"
        out += "\n  a 5-point drop needs \(NumberFormat.human(needed)) answers"
        guard let months else {
            return out + "\n  (no `evidence_period` in the model: the monthly volume is unknown)"
        }
        let monthly = n / months
        out += "; at \(NumberFormat.human(monthly)) a month (\(NumberFormat.human(n)) in "
        out += "\(NumberFormat.fixed(months, decimals: 2, keepZeros: false)) months):\n  "
        out += monthsText(monthly: monthly, p: p, drop: tierThreeDrop) + " of surveys before it shows"
        return out
    }

    private static func monthsText(monthly: Double, p: Double, drop: Double) -> String {
        guard monthly > 0, p > drop else { return "–" }
        let months = EvidenceMath.monthsToDetect(monthly: monthly, p: p, drop: drop)
        return NumberFormat.human(months) + (months == 1 ? " month" : " months")
    }

    private static func percent(_ share: Double) -> String {
        NumberFormat.fixed(share * 100, decimals: 1, keepZeros: true) + "%"
    }

    private static func points(_ share: Double) -> String {
        NumberFormat.fixed(share * 100, decimals: 1, keepZeros: true) + " pt"
    }
}
