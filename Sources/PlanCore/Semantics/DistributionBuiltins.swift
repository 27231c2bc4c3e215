/// How one distribution is drawn: the units its parameters need and how it is built from them.
///
/// The interpreter uses it in both domains: outside simulation a draw is the distribution's mean, in
/// a block one sample per lane. Records of parameters broadcast field by field before a rule sees them.
public struct DistributionRule: Sendable {
    /// The name in errors (`normal`, `to`).
    public var name: String
    /// Checks the parameters' units and gives the samples' unit.
    public var unit: @Sendable ([Unit], CallSite) throws(EvalError) -> Unit
    /// The error for parameter `index` that is not a number (its kind described in words).
    public var notNumber: @Sendable (_ index: Int, _ kind: String, CallSite) -> EvalError
    /// Builds the distribution from parameters in base units (errors without a span).
    public var make: @Sendable ([Double]) throws(EvalError) -> Distribution

    /// Builds the distribution, an error placed on the call.
    public func build(_ parameters: [Double], at call: CallSite) throws(EvalError) -> Distribution {
        do throws(EvalError) {
            return try make(parameters)
        } catch {
            throw EvalError(error.message, kind: error.kind, span: call.span)
        }
    }
}

/// The distribution built-ins: `normal lognormal uniform triangular pert beta`, and `a to b`.
///
/// Outside simulation each one evaluates to its mean (in the unit of its first argument); under
/// simulation it draws one sample per lane. Both come from the same `DistributionRule`.
public enum DistributionBuiltins {
    static var all: [Builtin] {
        [
            make("normal", 2, "normal(mean, sd)", "normal distribution", "normal($50k, $5k)", units: .sameAsMean) {
                (p: [Double]) throws(EvalError) in
                guard p[1] >= 0 else { throw EvalError("`normal` needs sd >= 0", kind: .domain) }
                return .normal(mean: p[0], sd: p[1])
            },
            make(
                "lognormal", 2, "lognormal(mu, sigma)", "lognormal distribution: exp of normal(mu, sigma)",
                "lognormal(0, 0.25)", units: .plain
            ) { (p: [Double]) throws(EvalError) in
                guard p[1] >= 0 else { throw EvalError("`lognormal` needs sigma >= 0", kind: .domain) }
                return .lognormal(mu: p[0], sigma: p[1])
            },
            make("uniform", 2, "uniform(lo, hi)", "uniform distribution between lo and hi", "uniform(80%, 90%)") {
                (p: [Double]) throws(EvalError) in
                guard p[0] <= p[1] else { throw EvalError("`uniform` needs lo <= hi", kind: .domain) }
                return .uniform(low: p[0], high: p[1])
            },
            make("triangular", 3, "triangular(lo, mode, hi)", "triangular distribution", "triangular(5, 6, 9)") {
                (p: [Double]) throws(EvalError) in
                guard p[0] <= p[1], p[1] <= p[2], p[0] < p[2] else {
                    throw EvalError("`triangular` needs lo <= mode <= hi and lo < hi", kind: .domain)
                }
                return .triangular(low: p[0], mode: p[1], high: p[2])
            },
            make("pert", 3, "pert(lo, mode, hi)", "beta-PERT distribution (λ = 4)", "pert(4 min, 5 min, 9 min)") {
                (p: [Double]) throws(EvalError) in
                guard p[0] <= p[1], p[1] <= p[2], p[0] < p[2] else {
                    throw EvalError("`pert` needs lo <= mode <= hi and lo < hi", kind: .domain)
                }
                return .pert(low: p[0], mode: p[1], high: p[2])
            },
            make("beta", 2, "beta(a, b)", "beta distribution on 0…1", "beta(8, 2)", units: .plain) {
                (p: [Double]) throws(EvalError) in
                guard p[0] > 0, p[1] > 0 else { throw EvalError("`beta` needs a > 0 and b > 0", kind: .domain) }
                return .beta(alpha: p[0], beta: p[1])
            },
        ]
    }

    /// The rule of `a to b`: the distribution with that 90% interval (`Distribution.interval90`: lognormal
    /// when 0 < a < b, else normal), both ends in the same kind of unit.
    public static let intervalRule = DistributionRule(
        name: "to",
        unit: { (units: [Unit], call: CallSite) throws(EvalError) -> Unit in
            guard units[0].commensurable(with: units[1]) else {
                throw EvalError(
                    "`to` needs both ends in the same kind of unit (\(Value.unitName(units[0])) and \(Value.unitName(units[1])))",
                    kind: .unitMismatch, span: call.span)
            }
            return units[0]
        },
        notNumber: { _, _, call in
            EvalError("`to` needs numbers on both sides", kind: .typeMismatch, span: call.span)
        },
        make: { (p: [Double]) throws(EvalError) -> Distribution in try interval(p[0], p[1]) })

    /// The `a to b` distribution (90% interval: lognormal when 0 < a < b, else normal).
    public static func interval(_ low: Double, _ high: Double) throws(EvalError) -> Distribution {
        do throws(DistributionError) {
            return try Distribution.interval90(low, high)
        } catch {
            throw EvalError(error.message, kind: .domain)
        }
    }

    /// The 95th percentile of the standard normal.
    public static var z95: Double { Distribution.z95 }

    private enum Units {
        case sameAsFirst, sameAsMean, plain
    }

    private static func rule(
        _ name: String, _ units: Units, _ build: @escaping @Sendable ([Double]) throws(EvalError) -> Distribution
    ) -> DistributionRule {
        DistributionRule(
            name: name,
            unit: { (own: [Unit], call: CallSite) throws(EvalError) -> Unit in
                for index in own.indices {
                    switch units {
                    case .plain where !own[index].isDimensionless:
                        throw EvalError("`\(name)` takes plain numbers", kind: .unitMismatch, span: call.arg(index))
                    case .sameAsMean where index > 0 && !own[index].commensurable(with: own[0]):
                        throw EvalError(
                            "`normal` needs sd in the same kind of unit as the mean", kind: .unitMismatch,
                            span: call.arg(index))
                    case .sameAsFirst where index > 0 && !own[index].commensurable(with: own[0]):
                        throw EvalError(
                            "`\(name)` needs all its arguments in the same kind of unit", kind: .unitMismatch,
                            span: call.arg(index))
                    default: break
                    }
                }
                return own[0]
            },
            notNumber: { index, kind, call in
                EvalError("`\(name)` needs a number here, not \(kind)", kind: .typeMismatch, span: call.arg(index))
            },
            make: build)
    }

    private static func make(
        _ name: String, _ count: Int, _ signature: String, _ summary: String, _ example: String,
        units: Units = .sameAsFirst, _ build: @escaping @Sendable ([Double]) throws(EvalError) -> Distribution
    ) -> Builtin {
        let rule = rule(name, units, build)
        return Builtin(
            name, arity: count...count, signature: signature, summary: summary + " (its mean outside :simulate)",
            example: example, topic: "distributions", rule: rule
        ) { (args: [Value], site: CallSite) throws(EvalError) -> Value in
            try BuiltinSupport.broadcast(args, site) { (values: [Value]) throws(EvalError) -> Value in
                try mean(rule, values, site)
            }
        }
    }

    /// The mean of a distribution given ordinary (non-record) arguments: `apply` outside the interpreter.
    static func mean(_ rule: DistributionRule, _ values: [Value], _ site: CallSite) throws(EvalError) -> Value {
        var parameters: [Double] = []
        var units: [Unit] = []
        for (index, value) in values.enumerated() {
            guard case .number(let number, let unit) = value else {
                throw rule.notNumber(index, value.kindDescription, site)
            }
            parameters.append(number)
            units.append(unit)
        }
        let unit = try rule.unit(units, site)
        return try Value.finite(try rule.build(parameters, at: site).mean, unit, site.span)
    }
}
