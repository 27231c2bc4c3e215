import PlanCore

/// A share seen `k` times in `n`: the counts behind one `observed(k, n)`.
public struct ShareCount: Sendable, Equatable {
    /// Times seen.
    public var k: Int
    /// Times looked.
    public var n: Int

    /// Creates a count.
    public init(k: Int, n: Int) {
        self.k = k
        self.n = n
    }

    /// The statement text, `observed(412, 580)`.
    public var expression: String { "observed(\(k), \(n))" }

    /// The Jeffreys Beta(k + ½, n − k + ½), or nil when there is no observation.
    public var distribution: Distribution? { try? EvidenceMath.observed(Double(k), Double(n)) }

    /// The estimate (the Beta's mean, (k + ½) / (n + 1)), or nil when n = 0.
    public var estimate: Double? { distribution?.mean }

    /// The 90% interval (the Beta's 5th and 95th percentiles), or nil when n = 0.
    public var interval90: (low: Double, high: Double)? {
        guard let distribution else { return nil }
        return (distribution.quantile(0.05), distribution.quantile(0.95))
    }

    /// The smallest fall from the estimate that `n` answers detect (95% one-sided, 80% power).
    public var detectableDrop: Double? {
        guard let estimate else { return nil }
        return EvidenceMath.detectableDrop(n: Double(n), p: estimate)
    }
}

/// What one tier's tickets say: volume, handling, and the shares behind the model's per-tier inputs.
///
/// The shares follow the standard model's definitions (Presets/standard.plan):
/// - `mix`: the tier's rows among all usable rows.
/// - `aiCoverage`: rows the AI took first (`ai` + `ai_then_human`) among the tier's rows.
/// - `aiResolution`: `ai` rows among the AI's rows (as a vendor counts it: reopened ones included).
/// - `repeatAfterAI`: reopened rows among the `ai` rows.
/// - `csatHuman`, `csatAI`, `csatEscalated`: satisfied answers among answered `human`, `ai` and
///   `ai_then_human` rows.
/// `aht` is the mean handle time of `human` rows only: an `ai_then_human` row's time includes the
/// hand-off, which the model adds on top of `aht` as `handoff_time`.
public struct TierEvidence: Sendable, Equatable {
    /// `routine`, `standard` or `complex`.
    public var tier: String
    /// Usable rows of this tier.
    public var contacts: Int
    /// Rows per calendar month (`YYYY-MM`, in order): for a timeline's series.
    public var monthly: [(month: String, contacts: Int)]
    /// Share of all usable rows.
    public var mix: ShareCount
    /// Mean human handle time in minutes (nil without a timed `human` row) and how many rows it averages.
    public var ahtMinutes: Double?
    /// Timed `human` rows behind `ahtMinutes`.
    public var ahtRows: Int
    /// The standard error of `ahtMinutes` (sample sd / √rows; nil below two timed rows).
    public var ahtStandardError: Double?
    /// The AI's share of first contact.
    public var aiCoverage: ShareCount
    /// The AI's resolved share of what it took.
    public var aiResolution: ShareCount
    /// Reopened share of AI resolutions.
    public var repeatAfterAI: ShareCount
    /// Satisfied share of answered human-only contacts.
    public var csatHuman: ShareCount
    /// Satisfied share of answered AI-resolved contacts.
    public var csatAI: ShareCount
    /// Satisfied share of answered escalated contacts.
    public var csatEscalated: ShareCount

    public static func == (a: TierEvidence, b: TierEvidence) -> Bool {
        a.tier == b.tier && a.contacts == b.contacts && a.monthly.map(\.month) == b.monthly.map(\.month)
            && a.monthly.map(\.contacts) == b.monthly.map(\.contacts) && a.mix == b.mix && a.ahtMinutes == b.ahtMinutes
            && a.ahtRows == b.ahtRows && a.ahtStandardError == b.ahtStandardError && a.aiCoverage == b.aiCoverage
            && a.aiResolution == b.aiResolution
            && a.repeatAfterAI == b.repeatAfterAI && a.csatHuman == b.csatHuman && a.csatAI == b.csatAI
            && a.csatEscalated == b.csatEscalated
    }
}

/// Running counts for one tier while the file streams by (constant memory per tier and month).
struct TierTally {
    var rows = 0
    var byHandler = [0, 0, 0]
    var timedHuman = 0
    var humanMinutes = 0.0
    var humanSquares = 0.0
    var reopenedAI = 0
    var answered = [0, 0, 0]
    var satisfied = [0, 0, 0]
    var months: [Int: Int] = [:]

    mutating func add(_ row: TicketRow) {
        rows += 1
        let handler = row.handler.rawValue
        byHandler[handler] += 1
        if row.handler == .human, let minutes = row.handleMinutes {
            timedHuman += 1
            humanMinutes += minutes
            humanSquares += minutes * minutes
        }
        if row.handler == .ai && row.reopened { reopenedAI += 1 }
        if let happy = row.satisfied {
            answered[handler] += 1
            if happy { satisfied[handler] += 1 }
        }
        months[TicketRow.monthIndex(row.day), default: 0] += 1
    }

    func evidence(tier: String, total: Int) -> TierEvidence {
        let ai = byHandler[TicketRow.Handler.ai.rawValue]
        let human = TicketRow.Handler.human.rawValue
        let escalated = byHandler[TicketRow.Handler.aiThenHuman.rawValue]
        var standardError: Double?
        if timedHuman > 1 {
            let n = Double(timedHuman)
            let variance = max(0, (humanSquares - humanMinutes * humanMinutes / n) / (n - 1))
            standardError = (variance / n).squareRoot()
        }
        let monthly = months.keys.sorted().map { key in (month: TicketRow.monthName(key), contacts: months[key] ?? 0) }
        return TierEvidence(
            tier: tier, contacts: rows, monthly: monthly, mix: ShareCount(k: rows, n: total),
            ahtMinutes: timedHuman > 0 ? humanMinutes / Double(timedHuman) : nil, ahtRows: timedHuman,
            ahtStandardError: standardError,
            aiCoverage: ShareCount(k: ai + escalated, n: rows), aiResolution: ShareCount(k: ai, n: ai + escalated),
            repeatAfterAI: ShareCount(k: reopenedAI, n: ai),
            csatHuman: ShareCount(k: satisfied[human], n: answered[human]),
            csatAI: ShareCount(k: satisfied[TicketRow.Handler.ai.rawValue], n: answered[TicketRow.Handler.ai.rawValue]),
            csatEscalated: ShareCount(
                k: satisfied[TicketRow.Handler.aiThenHuman.rawValue],
                n: answered[TicketRow.Handler.aiThenHuman.rawValue]))
    }
}
