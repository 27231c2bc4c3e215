import Glibc

/// A probability distribution over a number.
///
/// Values are plain doubles: units are handled by the caller, which can convert a distribution with
/// `scaled(by:)`. Parameters are checked by `validated()` (and by `interval90`); a distribution built
/// with invalid parameters never traps or hangs, but its samples and quantiles may be NaN.
public enum Distribution: Sendable, Equatable {
    /// The normal distribution with the given mean and standard deviation (sd = 0 is a point mass).
    case normal(mean: Double, sd: Double)
    /// The distribution of `exp(N)` where `N` is normal(mu, sigma).
    case lognormal(mu: Double, sigma: Double)
    /// The uniform distribution on the interval from `low` to `high`.
    case uniform(low: Double, high: Double)
    /// The triangular distribution on `low…high` with its peak at `mode`.
    case triangular(low: Double, mode: Double, high: Double)
    /// The beta-PERT distribution on `low…high` with its peak at `mode` (lambda = 4).
    ///
    /// It is `low + (high - low) · Beta(α, β)` with `α = 1 + 4 (mode - low) / (high - low)` and
    /// `β = 1 + 4 (high - mode) / (high - low)`, so its mean is `(low + 4 mode + high) / 6`.
    case pert(low: Double, mode: Double, high: Double)
    /// The beta distribution on 0…1 with shape parameters alpha and beta.
    case beta(alpha: Double, beta: Double)

    /// The standard normal 95th percentile, so `±z95` bounds the central 90%.
    public static let z95 = 1.644_853_626_951_472_2

    /// Returns the distribution whose 90% interval is `low…high`: lognormal when 0 < low < high, else normal.
    ///
    /// This is the language's `a to b`. The lognormal has `mu = (ln a + ln b) / 2` and
    /// `sigma = (ln b − ln a) / (2 z95)`; the normal has mean `(a + b) / 2` and sd `(b − a) / (2 z95)`.
    /// Throws when either bound is not finite or `low >= high`.
    public static func interval90(_ low: Double, _ high: Double) throws(DistributionError) -> Distribution {
        guard low.isFinite, high.isFinite else {
            throw DistributionError(message: "`a to b` needs finite bounds (got \(describe(low)) to \(describe(high)))")
        }
        guard low < high else {
            throw DistributionError(message: "`a to b` needs a < b (got \(describe(low)) to \(describe(high)))")
        }
        if low > 0 {
            let logLow = log(low)
            let logHigh = log(high)
            return .lognormal(mu: (logLow + logHigh) / 2, sigma: (logHigh - logLow) / (2 * z95))
        }
        return .normal(mean: (low + high) / 2, sd: (high - low) / (2 * z95))
    }

    /// Returns this distribution when its parameters are valid, and throws a message naming the problem otherwise.
    ///
    /// Every parameter must be finite; normal needs sd >= 0, lognormal sigma >= 0, uniform low < high,
    /// triangular and pert low < high with low <= mode <= high, beta alpha > 0 and beta > 0.
    public func validated() throws(DistributionError) -> Distribution {
        if let problem = problem {
            throw DistributionError(message: problem)
        }
        return self
    }

    /// A message describing what is wrong with the parameters, or nil when they are valid.
    var problem: String? {
        let kind = "`\(name)`"
        for (label, value) in parameters where !value.isFinite {
            return "\(kind) needs a finite \(label) (got \(Distribution.describe(value)))"
        }
        switch self {
        case .normal(_, let sd):
            return sd >= 0 ? nil : "\(kind) needs sd >= 0 (got \(Distribution.describe(sd)))"
        case .lognormal(_, let sigma):
            return sigma >= 0 ? nil : "\(kind) needs sigma >= 0 (got \(Distribution.describe(sigma)))"
        case .uniform(let low, let high):
            return low < high
                ? nil
                : "\(kind) needs low < high (got \(Distribution.describe(low)), "
                    + "\(Distribution.describe(high)))"
        case .triangular(let low, let mode, let high), .pert(let low, let mode, let high):
            if !(low < high) {
                return "\(kind) needs low < high (got \(Distribution.describe(low)), \(Distribution.describe(high)))"
            }
            if !(low <= mode && mode <= high) {
                return "\(kind) needs low <= mode <= high (got mode \(Distribution.describe(mode)) outside "
                    + "\(Distribution.describe(low))…\(Distribution.describe(high)))"
            }
            return nil
        case .beta(let alpha, let beta):
            if !(alpha > 0) {
                return "\(kind) needs alpha > 0 (got \(Distribution.describe(alpha)))"
            }
            return beta > 0 ? nil : "\(kind) needs beta > 0 (got \(Distribution.describe(beta)))"
        }
    }

    /// The parameters with their names, in declaration order.
    var parameters: [(String, Double)] {
        switch self {
        case .normal(let mean, let sd):
            return [("mean", mean), ("sd", sd)]
        case .lognormal(let mu, let sigma):
            return [("mu", mu), ("sigma", sigma)]
        case .uniform(let low, let high):
            return [("low", low), ("high", high)]
        case .triangular(let low, let mode, let high), .pert(let low, let mode, let high):
            return [("low", low), ("mode", mode), ("high", high)]
        case .beta(let alpha, let beta):
            return [("alpha", alpha), ("beta", beta)]
        }
    }

    /// The kind's name as the language writes it: "normal", "lognormal", "uniform", "triangular", "pert", "beta".
    public var name: String {
        switch self {
        case .normal: return "normal"
        case .lognormal: return "lognormal"
        case .uniform: return "uniform"
        case .triangular: return "triangular"
        case .pert: return "pert"
        case .beta: return "beta"
        }
    }

    /// The mean, in closed form.
    public var mean: Double {
        switch self {
        case .normal(let mean, _):
            return mean
        case .lognormal(let mu, let sigma):
            return exp(mu + sigma * sigma / 2)
        case .uniform(let low, let high):
            return (low + high) / 2
        case .triangular(let low, let mode, let high):
            return (low + mode + high) / 3
        case .pert(let low, let mode, let high):
            return (low + 4 * mode + high) / 6
        case .beta(let alpha, let beta):
            return alpha / (alpha + beta)
        }
    }

    /// The variance, in closed form.
    public var variance: Double {
        switch self {
        case .normal(_, let sd):
            return sd * sd
        case .lognormal(let mu, let sigma):
            let s2 = sigma * sigma
            return expm1(s2) * exp(2 * mu + s2)
        case .uniform(let low, let high):
            return (high - low) * (high - low) / 12
        case .triangular(let a, let c, let b):
            return (a * a + b * b + c * c - a * b - a * c - b * c) / 18
        case .pert(let low, _, let high):
            let (alpha, beta) = pertShapes
            return (high - low) * (high - low) * Distribution.betaVariance(alpha, beta)
        case .beta(let alpha, let beta):
            return Distribution.betaVariance(alpha, beta)
        }
    }

    /// The beta shapes (α, β) of a PERT distribution (lambda = 4); (NaN, NaN) for the other kinds.
    var pertShapes: (Double, Double) {
        guard case .pert(let low, let mode, let high) = self else {
            return (.nan, .nan)
        }
        let range = high - low
        return (1 + 4 * (mode - low) / range, 1 + 4 * (high - mode) / range)
    }

    /// The smallest and largest possible values (infinite for unbounded kinds).
    var support: (lower: Double, upper: Double) {
        switch self {
        case .normal(let mean, let sd):
            return sd > 0 ? (-.infinity, .infinity) : (mean, mean)
        case .lognormal(let mu, let sigma):
            return sigma > 0 ? (0, .infinity) : (exp(mu), exp(mu))
        case .uniform(let low, let high), .triangular(let low, _, let high), .pert(let low, _, let high):
            return (low, high)
        case .beta:
            return (0, 1)
        }
    }

    /// Returns the distribution of `factor · X` when this enum can express it, and nil otherwise.
    ///
    /// Used for unit conversion. Normal, uniform, triangular and pert scale by any finite non-zero
    /// factor (a negative one mirrors them); lognormal needs factor > 0 (it becomes `mu + ln factor`);
    /// beta, fixed to 0…1, gives nil, as does a zero or non-finite factor.
    public func scaled(by factor: Double) -> Distribution? {
        guard factor.isFinite, factor != 0 else {
            return nil
        }
        switch self {
        case .normal(let mean, let sd):
            return .normal(mean: mean * factor, sd: sd * factor.magnitude)
        case .lognormal(let mu, let sigma):
            return factor > 0 ? .lognormal(mu: mu + log(factor), sigma: sigma) : nil
        case .uniform(let low, let high):
            return factor > 0
                ? .uniform(low: low * factor, high: high * factor)
                : .uniform(low: high * factor, high: low * factor)
        case .triangular(let low, let mode, let high):
            return factor > 0
                ? .triangular(low: low * factor, mode: mode * factor, high: high * factor)
                : .triangular(low: high * factor, mode: mode * factor, high: low * factor)
        case .pert(let low, let mode, let high):
            return factor > 0
                ? .pert(low: low * factor, mode: mode * factor, high: high * factor)
                : .pert(low: high * factor, mode: mode * factor, high: low * factor)
        case .beta:
            return nil
        }
    }

    /// The variance of Beta(α, β).
    static func betaVariance(_ alpha: Double, _ beta: Double) -> Double {
        let sum = alpha + beta
        return alpha * beta / (sum * sum * (sum + 1))
    }

    /// Writes a parameter for a message: whole numbers without a decimal point.
    static func describe(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), value.magnitude < 1e15 {
            return String(Int64(value))
        }
        return "\(value)"
    }
}

/// A problem with a distribution's parameters, with a message fit to show the planner.
public struct DistributionError: Error, Equatable, Sendable {
    /// What is wrong, such as "`normal` needs sd >= 0 (got -1)".
    public let message: String

    /// Creates an error with the given message.
    public init(message: String) {
        self.message = message
    }
}
