import Glibc

/// The distribution built-ins: `normal lognormal uniform triangular pert beta`.
///
/// Outside simulation each one evaluates to its mean (in the unit of its first argument); the
/// `distribution` closure builds the distribution itself for Monte Carlo.
public enum DistributionBuiltins {
    static var all: [Builtin] {
        [
            make("normal", 2, "normal(mean, sd)", "normal distribution", "normal($50k, $5k)") {
                (p: [Double]) throws(EvalError) in
                guard p[1] >= 0 else { throw EvalError("`normal` needs sd >= 0") }
                return .normal(mean: p[0], sd: p[1])
            },
            make(
                "lognormal", 2, "lognormal(mu, sigma)", "lognormal distribution: exp of normal(mu, sigma)",
                "lognormal(0, 0.25)", plainOnly: true
            ) { (p: [Double]) throws(EvalError) in
                guard p[1] >= 0 else { throw EvalError("`lognormal` needs sigma >= 0") }
                return .lognormal(mu: p[0], sigma: p[1])
            },
            make("uniform", 2, "uniform(lo, hi)", "uniform distribution between lo and hi", "uniform(80%, 90%)") {
                (p: [Double]) throws(EvalError) in
                guard p[0] <= p[1] else { throw EvalError("`uniform` needs lo <= hi") }
                return .uniform(low: p[0], high: p[1])
            },
            make("triangular", 3, "triangular(lo, mode, hi)", "triangular distribution", "triangular(5, 6, 9)") {
                (p: [Double]) throws(EvalError) in
                guard p[0] <= p[1], p[1] <= p[2], p[0] < p[2] else {
                    throw EvalError("`triangular` needs lo <= mode <= hi and lo < hi")
                }
                return .triangular(low: p[0], mode: p[1], high: p[2])
            },
            make("pert", 3, "pert(lo, mode, hi)", "beta-PERT distribution (λ = 4)", "pert(4 min, 5 min, 9 min)") {
                (p: [Double]) throws(EvalError) in
                guard p[0] <= p[1], p[1] <= p[2], p[0] < p[2] else {
                    throw EvalError("`pert` needs lo <= mode <= hi and lo < hi")
                }
                return .pert(low: p[0], mode: p[1], high: p[2])
            },
            make("beta", 2, "beta(a, b)", "beta distribution on 0…1", "beta(8, 2)", plainOnly: true) {
                (p: [Double]) throws(EvalError) in
                guard p[0] > 0, p[1] > 0 else { throw EvalError("`beta` needs a > 0 and b > 0") }
                return .beta(alpha: p[0], beta: p[1])
            },
        ]
    }

    /// The `a to b` distribution (90% interval: lognormal when 0 < a < b, else normal).
    public static func interval(_ low: Double, _ high: Double) throws(EvalError) -> Distribution {
        guard low < high else { throw EvalError("`a to b` needs a < b") }
        if low > 0 {
            return .lognormal(mu: (log(low) + log(high)) / 2, sigma: (log(high) - log(low)) / (2 * z95))
        }
        return .normal(mean: (low + high) / 2, sd: (high - low) / (2 * z95))
    }

    /// The 95th percentile of the standard normal.
    public static let z95 = 1.6448536269514722

    private static func make(
        _ name: String, _ count: Int, _ signature: String, _ summary: String, _ example: String,
        plainOnly: Bool = false, _ build: @escaping @Sendable ([Double]) throws(EvalError) -> Distribution
    ) -> Builtin {
        Builtin(
            name, arity: count...count, signature: signature, summary: summary + " (its mean outside :simulate)",
            example: example, topic: "distributions", distribution: build
        ) { (args: [Value], site: CallSite) throws(EvalError) -> Value in
            try BuiltinSupport.broadcast(args, site) { (values: [Value]) throws(EvalError) -> Value in
                var params: [Double] = []
                var unit = Unit.plain
                for index in values.indices {
                    let (value, own) = try BuiltinSupport.number(values, index, site, name)
                    if index == 0 {
                        unit = own
                    } else if !plainOnly && name != "normal" && !own.commensurable(with: unit) {
                        throw EvalError(
                            "`\(name)` needs all its arguments in the same kind of unit", kind: .unitMismatch,
                            span: site.arg(index))
                    } else if name == "normal" && !own.commensurable(with: unit) {
                        throw EvalError(
                            "`normal` needs sd in the same kind of unit as the mean", kind: .unitMismatch,
                            span: site.arg(index))
                    }
                    if plainOnly && !own.isDimensionless {
                        throw EvalError("`\(name)` takes plain numbers", span: site.arg(index))
                    }
                    params.append(value)
                }
                let distribution: Distribution
                do throws(EvalError) {
                    distribution = try build(params)
                } catch {
                    throw EvalError(error.message, kind: error.kind, span: site.span)
                }
                return try Value.finite(distribution.mean, unit, site.span)
            }
        }
    }
}
