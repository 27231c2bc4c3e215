import Glibc

/// The regularised lower incomplete gamma function in the log-space forms Erlang A needs (DOMAIN.md §6.3).
///
/// Notation of DOMAIN.md §6.3: P(s, z) = γ(s, z) / Γ(s), the prefactor D(s, z) = z^s·e^(−z) / Γ(s + 1) and
/// the series S(s, z) = 1 + Σ_{k≥1} z^k / ∏_{i=1..k}(s + i), so that P(s, z) = D(s, z)·S(s, z) (this is
/// the identity γ(s, z) = z^s·e^(−z)·T(s, z) with T = S / s). For z < s + 1 the series is summed directly
/// (its terms fall from 1, so nothing overflows); otherwise Q = 1 − P comes from Legendre's continued
/// fraction (modified Lentz). log D is formed from Stirling's series with φ(r) = r − 1 − ln r, which keeps
/// it accurate for shapes in the millions where `lgamma` alone would lose digits. Everything is returned
/// as logarithms, so S may be as large as e^(10^6) and P as small as e^(−10^6).
extension Erlang {
    /// P(s, z) and S(s, z) at one point, in log space.
    struct IncompleteGamma {
        /// ln P(s, z), the regularised lower incomplete gamma function.
        let logRegularized: Double
        /// ln S(s, z), the series of DOMAIN.md §6.3 (S = P / D ≥ 1).
        let logSeries: Double
        /// 1 − 1/S(s, z), free of cancellation when S is close to 1.
        let seriesComplement: Double
    }

    /// The most terms a series or continued fraction may take before the inputs are declared out of range.
    private static let iterationLimit = 20_000_000.0

    /// Evaluates P(s, z) and S(s, z) for a shape s > 0 and an argument z ≥ 0 given with its logarithm.
    ///
    /// `logArgument` must be ln z; it is passed separately so that a z that underflows to 0 keeps an
    /// exact prefactor.
    static func incompleteGamma(
        shape: Double, argument: Double, logArgument: Double
    ) throws(StaffingError) -> IncompleteGamma {
        let logPrefactor = logGammaPrefactor(shape: shape, argument: argument, logArgument: logArgument)
        if argument < shape + 1 {
            let tail = try seriesTail(shape: shape, argument: argument)
            let logSeries = log1p(tail)
            return IncompleteGamma(
                logRegularized: logPrefactor + logSeries, logSeries: logSeries, seriesComplement: tail / (1 + tail))
        }
        let fraction = try continuedFraction(shape: shape, argument: argument)
        let upper = exp(logPrefactor + log(shape) + log(fraction))
        let logRegularized = log1p(-min(upper, 0.999_999))
        let logSeries = logRegularized - logPrefactor
        return IncompleteGamma(
            logRegularized: logRegularized, logSeries: logSeries, seriesComplement: -expm1(-logSeries))
    }

    /// ln D(s, z) = s·ln z − z − ln Γ(s + 1), accurate to a few ulps of its magnitude for any s > 0.
    ///
    /// For s ≥ 10: ln D = −s·φ(z/s) − ½·ln(2πs) − c(s), with φ(r) = r − 1 − ln r and c the Stirling
    /// correction of ln Γ(s + 1).
    private static func logGammaPrefactor(shape: Double, argument: Double, logArgument: Double) -> Double {
        if shape < 10 { return shape * logArgument - argument - lgamma(shape + 1) }
        let excess = argument / shape - 1
        let phi: Double
        if abs(excess) < 0.1 {
            phi = excessMinusLog1p(excess)
        } else {
            phi = excess - (logArgument - log(shape))
        }
        return -shape * phi - 0.5 * log(2 * Double.pi * shape) - stirlingCorrection(shape)
    }

    /// d − ln(1 + d) for |d| < 0.1, by its power series Σ_{k≥2} (−d)^k / k (no cancellation).
    private static func excessMinusLog1p(_ excess: Double) -> Double {
        var power = excess * excess
        var sum = 0.0
        var order = 2.0
        while true {
            let term = power / order
            sum += term
            if abs(term) <= 1e-17 * sum { return sum }
            power *= -excess
            order += 1
        }
    }

    /// ln Γ(s + 1) − [(s + ½)·ln s − s + ½·ln(2π)] by Stirling's series, exact to 1e-16 for s ≥ 10.
    private static func stirlingCorrection(_ shape: Double) -> Double {
        let inverse = 1 / shape
        let square = inverse * inverse
        var sum = -3617.0 / 122_400
        sum = 1.0 / 156 + square * sum
        sum = -691.0 / 360_360 + square * sum
        sum = 1.0 / 1188 + square * sum
        sum = -1.0 / 1680 + square * sum
        sum = 1.0 / 1260 + square * sum
        sum = -1.0 / 360 + square * sum
        sum = 1.0 / 12 + square * sum
        return inverse * sum
    }

    /// S(s, z) − 1 = Σ_{k≥1} z^k / ∏_{i=1..k}(s + i) for z < s + 1, where every term is below the last.
    ///
    /// Stops once the geometric bound on the rest, term·r / (1 − r) with r = z / (s + k + 1), is below
    /// 1e−17 of the sum.
    private static func seriesTail(shape: Double, argument: Double) throws(StaffingError) -> Double {
        var term = 1.0
        var tail = 0.0
        var index = 1.0
        while index < iterationLimit {
            term *= argument / (shape + index)
            tail += term
            let ratio = argument / (shape + index + 1)
            if term * ratio <= 1e-17 * (1 - ratio) * (1 + tail) { return tail }
            index += 1
        }
        throw outOfRange()
    }

    /// Legendre's continued fraction for Γ(s, z)·e^z·z^(−s), for z ≥ s + 1 (modified Lentz method).
    ///
    /// Q(s, z) = z^s·e^(−z) / Γ(s) × this value.
    private static func continuedFraction(shape: Double, argument: Double) throws(StaffingError) -> Double {
        let tiny = 1e-300
        var denominator = argument + 1 - shape
        var numeratorRatio = 1 / tiny
        var inverse = 1 / denominator
        var fraction = inverse
        var index = 1.0
        while index < iterationLimit {
            let coefficient = -index * (index - shape)
            denominator += 2
            inverse = coefficient * inverse + denominator
            if abs(inverse) < tiny { inverse = tiny }
            numeratorRatio = denominator + coefficient / numeratorRatio
            if abs(numeratorRatio) < tiny { numeratorRatio = tiny }
            inverse = 1 / inverse
            let delta = inverse * numeratorRatio
            fraction *= delta
            if abs(delta - 1) <= 4 * Double.ulpOfOne { return fraction }
            index += 1
        }
        throw outOfRange()
    }

    /// The error for Erlang A inputs whose series would not converge in reasonable time.
    private static func outOfRange() -> StaffingError {
        StaffingError(
            message: "Erlang A cannot be computed for these inputs: patience is too long compared with the "
                + "handle time (use Erlang C, the limit of infinite patience)")
    }
}
