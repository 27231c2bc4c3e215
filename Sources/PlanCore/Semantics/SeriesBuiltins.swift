/// The functions of the monthly timeline (SPEC §9): they read the month being evaluated or look across months,
/// so the interpreter runs them itself (`Interpreter+Series.swift`) rather than on argument values.
public enum SeriesFunction: String, CaseIterable, Sendable {
    /// `ramp(a, b, start, length)`: a until `start`, then linear to b over `length`, then b.
    case ramp
    /// `s_curve(a, b, midpoint, length)`: logistic from a to b, half-way at `midpoint`, 10–90% within `length`.
    case sCurve = "s_curve"
    /// `step(a, b, at)`: a before month `at`, b from it on.
    case step
    /// `prev(x, initial)`: x in the previous month, `initial` in the first.
    case prev
    /// `lag(x, by, initial)`: x as it was `by` (whole months) earlier, `initial` before the timeline.
    case lag
    /// `total(x)`: a flow summed over the timeline (a rate times the month's length).
    case total
    /// `cumulative(x)`: the running total of a flow, as a series.
    case cumulative
    /// `at(x, month)`: a series at one month.
    case at
    /// `first(cond[, otherwise])`: the first month where `cond` holds; `otherwise` when it never does (without
    /// it, an error; under simulation a sample where it never holds fails, whatever `otherwise` is).
    case first
    /// `npv(x, rate)`: a flow discounted monthly at a yearly rate.
    case npv

    /// How many arguments it takes.
    public var arity: ClosedRange<Int> {
        switch self {
        case .ramp, .sCurve: return 4...4
        case .step, .lag: return 3...3
        case .prev, .at, .npv: return 2...2
        case .first: return 1...2
        case .total, .cumulative: return 1...1
        }
    }

    /// How the first argument is read: at the month being evaluated (and so as it is), only at months before it
    /// (a recurrence may read its own cells this way), or at any month (later ones included).
    var readsFirstArgument: MonthsRead {
        switch self {
        case .ramp, .sCurve, .step: return .current
        case .prev, .lag: return .earlier
        case .cumulative: return .upToCurrent
        case .total, .at, .first, .npv: return .any
        }
    }

    /// Which months a timeline function reads its first argument in.
    enum MonthsRead {
        /// Only the month being evaluated.
        case current
        /// Only months before it.
        case earlier
        /// The months up to and including it.
        case upToCurrent
        /// Any month of the timeline.
        case any
    }

    /// The built-in table's row (help, completion, did-you-mean); the interpreter evaluates the call itself.
    var builtin: Builtin {
        let (signature, summary, example): (String, String, String) =
            switch self {
            case .ramp:
                (
                    "ramp(a, b, start, length)", "a until month `start`, then linear to b over `length`, then b",
                    "ramp(0%, 60%, 2025-03, 6 months)"
                )
            case .sCurve:
                (
                    "s_curve(a, b, midpoint, length)",
                    "logistic from a to b, half-way at month `midpoint`, 10–90% within `length`",
                    "s_curve(0%, 60%, 2025-06, 6 months)"
                )
            case .step: ("step(a, b, at)", "a before month `at`, b from it on", "step(40, 25, 2025-06)")
            case .prev:
                (
                    "prev(x, initial)", "x in the previous month (`initial` in the first): recurrences",
                    "prev(headcount, 3000)"
                )
            case .lag:
                (
                    "lag(x, by, initial)", "x as it was `by` earlier (whole months), `initial` before the timeline",
                    "lag(risk, 9 months, $0 per year)"
                )
            case .total:
                (
                    "total(x)", "a flow summed over the timeline (a rate times each month's length)",
                    "total(monthly_net)"
                )
            case .cumulative:
                ("cumulative(x)", "the running total of a flow, month by month", "cumulative(monthly_net)")
            case .at: ("at(x, month)", "a series at one month", "at(agents, 2025-06)")
            case .first:
                (
                    "first(cond[, otherwise])",
                    "the first month where cond holds; `otherwise` (or an error) when it never does",
                    "first(cumulative_net >= $0, \"not within the timeline\")"
                )
            case .npv:
                (
                    "npv(x, rate)", "a flow discounted monthly at a yearly rate (end of each month)",
                    "npv(monthly_net, 8%)"
                )
            }
        let name = rawValue
        var row = Builtin(
            name, arity: arity, signature: signature, summary: summary, example: example, topic: "timeline"
        ) { (_: [Value], site: CallSite) throws(EvalError) -> Value in
            throw SeriesFunction.needsTimeline(name, site.span)
        }
        row.series = self
        return row
    }

    /// The error for a series function, or `month`, used without a timeline.
    public static func needsTimeline(_ name: String, _ span: SourceSpan?) -> EvalError {
        EvalError(
            "`\(name)` needs a timeline: set one first, e.g. `timeline 2025-01 to 2026-12`", kind: .needsTimeline,
            span: span)
    }

    /// Every series function's table row.
    static var all: [Builtin] { allCases.map(\.builtin) }
}
