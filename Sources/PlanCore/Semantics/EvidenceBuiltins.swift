import Glibc

/// The evidence built-ins of SPEC §10: `observed(k, n)` and `months_to_detect(monthly_n, p, drop)`.
///
/// Decisions (the spec is silent on them):
/// - `observed` takes whole counts only: survey answers and tickets are counted one by one, and a
///   fractional `k` is nearly always a share typed where a count belongs (`observed(0.75, 60)` would
///   otherwise quietly mean 1%). Weighted evidence can still be written as `beta(a, b)`.
/// - `observed(k, 0)` is an error: no observation is no evidence, and the prior's 50% would pass for a
///   measurement.
/// - `months_to_detect` returns whole months, rounded up: surveys arrive month by month and a drop can
///   only be declared at the end of a month with that month's answers in. See `EvidenceMath`.
public enum EvidenceBuiltins {
    static var all: [Builtin] { [observed, monthsToDetect] }

    private static let observed = Builtin(
        "observed", arity: 2...2, signature: "observed(k, n)",
        summary: "a share seen k times in n: Beta(k + ½, n − k + ½), the Jeffreys prior (its mean outside :simulate)",
        example: "observed(412, 580)", topic: "distributions",
        rule: observedRule, apply: observedMean)

    /// `observed` as a distribution (drawn per lane under :simulate): two counts in, a share out.
    private static let observedRule = DistributionRule(
        name: "observed",
        unit: { (units: [Unit], call: CallSite) throws(EvalError) -> Unit in
            for (index, unit) in units.enumerated() where !unit.isPlain || unit.percent {
                throw EvalError(
                    "`observed` needs \(index == 0 ? "k" : "n") as a count, not "
                        + (unit.percent ? "a share" : Value.unitName(unit)),
                    kind: .unitMismatch, span: call.arg(index), hint: "observed(412, 580): 412 satisfied of 580 answers"
                )
            }
            return .percentage
        },
        notNumber: { index, kind, call in
            EvalError("`observed` needs a number here, not \(kind)", kind: .typeMismatch, span: call.arg(index))
        },
        make: { (p: [Double]) throws(EvalError) -> Distribution in try EvidenceMath.observed(p[0], p[1]) })

    /// `observed` outside simulation: the Beta's mean, as a share.
    private static func observedMean(_ args: [Value], _ site: CallSite) throws(EvalError) -> Value {
        try BuiltinSupport.broadcast(args, site) { (values: [Value]) throws(EvalError) -> Value in
            let k = try count(values, 0, site, "k")
            let n = try count(values, 1, site, "n")
            let distribution: Distribution
            do throws(EvalError) {
                distribution = try EvidenceMath.observed(k, n)
            } catch {
                throw EvalError(error.message, kind: error.kind, span: site.span, hint: error.hint)
            }
            return try Value.finite(distribution.mean, .percentage, site.span)
        }
    }

    private static let monthsToDetect = Builtin(
        "months_to_detect", arity: 3...3, signature: "months_to_detect(monthly_n, p, drop)",
        summary: "whole months of surveys needed to detect a fall of `drop` points from share p "
            + "(one-sided 95% confidence, 80% power)",
        example: "months_to_detect(400, 80%, 5%)", topic: "evidence"
    ) { (args: [Value], site: CallSite) throws(EvalError) -> Value in
        try BuiltinSupport.broadcast(args, site) { (values: [Value]) throws(EvalError) -> Value in
            let perMonth = try monthly(values, site)
            let p = try share(values, 1, site, "p")
            let drop = try share(values, 2, site, "drop")
            guard p > 0, p < 1 else {
                throw EvalError(
                    "`months_to_detect` needs a baseline share p between 0% and 100% (exclusive), not "
                        + Value.format(p, unit: .percentage), kind: .domain, span: site.arg(1))
            }
            guard drop > 0 else {
                throw EvalError(
                    "`months_to_detect` needs a drop above zero, not " + Value.format(drop, unit: .percentage),
                    kind: .domain, span: site.arg(2),
                    hint: "the drop is a fall in points: `5%` means from 80% to 75%")
            }
            guard drop < p else {
                throw EvalError(
                    "a drop of \(Value.format(drop, unit: .percentage)) from \(Value.format(p, unit: .percentage))"
                        + " would leave no share to measure", kind: .domain, span: site.arg(2),
                    hint: "the drop is a fall in points: `5%` means from 80% to 75%")
            }
            let months = EvidenceMath.monthsToDetect(monthly: perMonth, p: p, drop: drop)
            return try Value.finite(months, .plain, site.span)
        }
    }

    /// A whole, non-negative count in argument `index` (a plain number, not a share).
    private static func count(_ values: [Value], _ index: Int, _ site: CallSite, _ label: String) throws(EvalError)
        -> Double
    {
        let (value, unit) = try BuiltinSupport.number(values, index, site, "observed")
        guard unit.isPlain, !unit.percent else {
            throw EvalError(
                "`observed` needs \(label) as a count, not \(unit.percent ? "a share" : Value.unitName(unit))",
                kind: .unitMismatch, span: site.arg(index), hint: "observed(412, 580): 412 satisfied of 580 answers")
        }
        do throws(EvalError) {
            _ = try EvidenceMath.checkCount(value, label)
        } catch {
            throw EvalError(error.message, kind: error.kind, span: site.arg(index), hint: error.hint)
        }
        return value
    }

    /// Surveys per month in argument 0: a plain number, or a rate (`400 per month`, `5k per year`).
    private static func monthly(_ values: [Value], _ site: CallSite) throws(EvalError) -> Double {
        let (value, unit) = try BuiltinSupport.number(values, 0, site, "months_to_detect")
        let perMonth: Double
        if unit.isDimensionless && !unit.percent {
            perMonth = value
        } else if unit.moneyDimension == 0 && unit.timeDimension == -1 {
            perMonth = value * EvidenceMath.secondsPerMonth
        } else {
            throw EvalError(
                "`months_to_detect` needs surveys per month (a number or a rate like `400 per month`), not "
                    + Value.unitName(unit), kind: .unitMismatch, span: site.arg(0))
        }
        guard perMonth > 0 else {
            throw EvalError(
                "`months_to_detect` needs more than zero surveys per month", kind: .domain, span: site.arg(0))
        }
        return perMonth
    }

    /// A share (plain or `%`) in argument `index`.
    private static func share(_ values: [Value], _ index: Int, _ site: CallSite, _ label: String) throws(EvalError)
        -> Double
    {
        let (value, unit) = try BuiltinSupport.number(values, index, site, "months_to_detect")
        guard unit.isDimensionless else {
            throw EvalError(
                "`months_to_detect` needs \(label) as a share (`80%`), not \(Value.unitName(unit))",
                kind: .unitMismatch, span: site.arg(index))
        }
        return value
    }
}

/// The arithmetic behind `observed` and `months_to_detect`, public for `:evidence` and the ticket importer.
///
/// The detection test is the one-sample, one-sided z-test of a proportion (normal approximation): after
/// `N` survey answers with observed share `p̂`, declare a drop when `(p − p̂) / sqrt(p(1 − p)/N) > z₀.₉₅`.
/// To have 80% power when the true share has fallen to `q = p − drop`, it needs
/// `N = ((z₀.₉₅·sqrt(p(1 − p)) + z₀.₈·sqrt(q(1 − q))) / drop)²` answers (rounded up to a whole answer);
/// the months are `N / monthly_n`, rounded up to a whole month. Checked against a simulation of monthly
/// binomial surveys in `EvidenceTests`.
public enum EvidenceMath {
    /// The one-sided 95% point of the standard normal.
    public static let z95 = 1.6448536269514722
    /// The 80% point of the standard normal (the power).
    public static let z80 = 0.8416212335729143
    /// Seconds in a month (a twelfth of 365.25 days), the language's `month`.
    public static let secondsPerMonth = 2_629_800.0
    /// The largest count `observed` accepts (2⁵³: every whole number up to it is exact).
    public static let maximumCount = 9_007_199_254_740_992.0

    /// The Jeffreys-prior Beta(k + ½, n − k + ½) of a share seen `k` times in `n`.
    public static func observed(_ k: Double, _ n: Double) throws(EvalError) -> Distribution {
        let k = try checkCount(k, "k")
        let n = try checkCount(n, "n")
        guard n > 0 else {
            throw EvalError(
                "`observed` needs at least one observation (n = 0 is no evidence)", kind: .domain,
                hint: "observed(412, 580): 412 satisfied of 580 answers")
        }
        guard k <= n else {
            throw EvalError(
                "`observed` needs k <= n: \(Value.format(k, unit: .plain)) seen in only \(Value.format(n, unit: .plain))",
                kind: .domain)
        }
        return .beta(alpha: k + 0.5, beta: n - k + 0.5)
    }

    /// `value` when it is a whole number from 0 to 2⁵³, else an error naming `label`.
    @discardableResult
    public static func checkCount(_ value: Double, _ label: String) throws(EvalError) -> Double {
        guard value.isFinite, value >= 0 else {
            throw EvalError(
                "`observed` needs \(label) >= 0, not \(Value.format(value, unit: .plain))", kind: .domain)
        }
        guard value == value.rounded(), value <= maximumCount else {
            throw EvalError(
                "`observed` needs \(label) as a whole count, not \(Value.format(value, unit: .plain))",
                kind: .domain, hint: "for weighted counts write beta(a, b)")
        }
        return value
    }

    /// Survey answers needed to detect a fall of `drop` from `p` (rounded up to a whole answer).
    public static func surveysToDetect(p: Double, drop: Double) -> Double {
        let q = p - drop
        let root = (z95 * (p * (1 - p)).squareRoot() + z80 * (q * (1 - q)).squareRoot()) / drop
        return (root * root * (1 - 1e-12)).rounded(.up)
    }

    /// Whole months of `monthly` answers needed to detect a fall of `drop` from `p`.
    public static func monthsToDetect(monthly: Double, p: Double, drop: Double) -> Double {
        let months = surveysToDetect(p: p, drop: drop) / monthly
        return Swift.max(1, (months * (1 - 1e-12)).rounded(.up))
    }

    /// The smallest fall from `p` that `n` answers detect (95% one-sided, 80% power), in share points.
    ///
    /// The inverse of `surveysToDetect` (solved by bisection); `p` itself when even a fall to zero would
    /// not show, and nil when `p` is not inside 0…1 or `n` is not positive.
    public static func detectableDrop(n: Double, p: Double) -> Double? {
        guard n > 0, p > 0, p < 1 else { return nil }
        func needed(_ drop: Double) -> Double {
            let q = p - drop
            let root = (z95 * (p * (1 - p)).squareRoot() + z80 * (q * (1 - q)).squareRoot()) / drop
            return root * root
        }
        if needed(p * (1 - 1e-9)) > n { return p }
        var low = 0.0
        var high = p * (1 - 1e-9)
        for _ in 0..<100 {
            let mid = (low + high) / 2
            if needed(mid) > n { low = mid } else { high = mid }
        }
        return high
    }
}
