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
    /// `total(x)`: a flow summed over the timeline (a rate times the month's length).
    case total
    /// `cumulative(x)`: the running total of a flow, as a series.
    case cumulative
    /// `at(x, month)`: a series at one month.
    case at
    /// `first(cond)`: the first month where `cond` holds.
    case first
    /// `npv(x, rate)`: a flow discounted monthly at a yearly rate.
    case npv

    /// How many arguments it takes.
    public var arity: Int {
        switch self {
        case .ramp, .sCurve: return 4
        case .step: return 3
        case .prev, .at, .npv: return 2
        case .total, .cumulative, .first: return 1
        }
    }

    /// True when the first argument is evaluated at other months than the one being evaluated.
    var looksAcrossMonths: Bool {
        switch self {
        case .ramp, .sCurve, .step: return false
        case .prev, .total, .cumulative, .at, .first, .npv: return true
        }
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
                    "first(cond)", "the first month where cond holds (an error when it never does)",
                    "first(cumulative_net >= $0)"
                )
            case .npv:
                (
                    "npv(x, rate)", "a flow discounted monthly at a yearly rate (end of each month)",
                    "npv(monthly_net, 8%)"
                )
            }
        let name = rawValue
        var row = Builtin(
            name, arity: arity...arity, signature: signature, summary: summary, example: example, topic: "timeline"
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
