import Glibc

/// The regularized incomplete beta function I_x(a, b) and its inverse in x, for the beta and PERT CDFs.
enum IncompleteBeta {
    /// Returns ln B(a, b) from the reentrant log-gamma (safe to call from several threads).
    static func logBeta(_ a: Double, _ b: Double) -> Double {
        logGamma(a) + logGamma(b) - logGamma(a + b)
    }

    /// Returns ln |Γ(x)| without touching the C library's global `signgam`.
    static func logGamma(_ x: Double) -> Double {
        var sign: Int32 = 0
        return lgamma_r(x, &sign)
    }

    /// Returns I_x(a, b), the CDF of Beta(a, b) at x; NaN unless a > 0 and b > 0.
    static func regularized(_ x: Double, _ a: Double, _ b: Double) -> Double {
        pair(x, a, b).lower
    }

    /// Returns both I_x(a, b) and 1 − I_x(a, b), each computed where it keeps its relative precision.
    ///
    /// Below the mean-like split `x < (a + 1) / (a + b + 2)` the continued fraction converges fast for
    /// I_x(a, b) itself; above it, for I_{1−x}(b, a) = 1 − I_x(a, b).
    static func pair(_ x: Double, _ a: Double, _ b: Double) -> (lower: Double, upper: Double) {
        guard a > 0, b > 0, !x.isNaN else {
            return (.nan, .nan)
        }
        if x <= 0 {
            return (0, 1)
        }
        if x >= 1 {
            return (1, 0)
        }
        let front = exp(a * log(x) + b * log1p(-x) - logBeta(a, b))
        if x < (a + 1) / (a + b + 2) {
            let lower = front * continuedFraction(x, a, b) / a
            return (lower, 1 - lower)
        }
        let upper = front * continuedFraction(1 - x, b, a) / b
        return (1 - upper, upper)
    }

    /// Evaluates `1 / (1 + d1 / (1 + d2 / (1 + …)))`, the continued fraction of I_x(a, b), by Lentz's method.
    ///
    /// `d(2m+1) = −(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1))` and
    /// `d(2m) = m (b − m) x / ((a + 2m − 1)(a + 2m))`.
    static func continuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300
        var value = tiny
        var c = tiny
        var d = 0.0
        for term in 1...2_000 {
            let numerator: Double
            if term == 1 {
                numerator = 1
            } else {
                let step = term - 1
                let m = Double(step / 2)
                if step % 2 == 1 {
                    numerator = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
                } else {
                    numerator = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
                }
            }
            d = 1 + numerator * d
            if d.magnitude < tiny {
                d = tiny
            }
            c = 1 + numerator / c
            if c.magnitude < tiny {
                c = tiny
            }
            d = 1 / d
            let delta = c * d
            value *= delta
            if (delta - 1).magnitude < 1e-15 {
                break
            }
        }
        return value
    }

    /// Returns the x in [0, 1] with I_x(a, b) = p: Newton's method inside a shrinking bisection bracket.
    ///
    /// The start is Abramowitz and Stegun's 26.5.22 normal approximation when a, b >= 1, else the
    /// leading power terms of either tail. Each step that would leave the bracket bisects instead (in
    /// logarithms while the bracket spans orders of magnitude), so it always converges; the residual is
    /// taken on the smaller tail, so tail quantiles keep their relative precision.
    static func inverse(_ p: Double, _ a: Double, _ b: Double) -> Double {
        guard a > 0, b > 0, !p.isNaN else {
            return .nan
        }
        if p <= 0 {
            return 0
        }
        if p >= 1 {
            return 1
        }
        let logB = logBeta(a, b)
        var x = initialGuess(p, a, b)
        if !(x > 0 && x < 1) {
            x = 0.5
        }
        var low = 0.0
        var high = 1.0
        for _ in 0..<200 {
            let (lower, upper) = pair(x, a, b)
            let residual = p <= 0.5 ? lower - p : (1 - p) - upper
            if residual == 0 {
                return x
            }
            if residual < 0 {
                low = x
            } else {
                high = x
            }
            let density = exp((a - 1) * log(x) + (b - 1) * log1p(-x) - logB)
            var next = x - residual / density
            if !(next > low && next < high) {
                next = bisect(low, high)
            }
            if (next - x).magnitude <= 2e-16 * x || next == low || next == high {
                return next
            }
            x = next
        }
        return x
    }

    /// Returns a point inside the bracket `low…high`: geometric while it spans orders of magnitude, else the middle.
    static func bisect(_ low: Double, _ high: Double) -> Double {
        if low == 0 {
            return high / 8
        }
        return high > 4 * low ? (low * high).squareRoot() : (low + high) / 2
    }

    /// A starting point for `inverse`: Abramowitz and Stegun 26.5.22, or the power terms of either tail.
    static func initialGuess(_ p: Double, _ a: Double, _ b: Double) -> Double {
        if a >= 1 && b >= 1 {
            let y = -Distribution.standardNormalQuantile(p)
            let lambda = (y * y - 3) / 6
            let h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1))
            let w =
                y * (h + lambda).squareRoot() / h
                - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (lambda + 5.0 / 6 - 2 / (3 * h))
            return a / (a + b * exp(2 * w))
        }
        // I_x ≈ x^a / (a B) near 0 and 1 − I_x ≈ (1 − x)^b / (b B) near 1; t and u are their values at
        // the mean-like point, and w their sum, which splits p between the two tails.
        let logMeanA = log(a / (a + b))
        let logMeanB = log(b / (a + b))
        let t = exp(a * logMeanA) / a
        let u = exp(b * logMeanB) / b
        let w = t + u
        if p < t / w {
            return pow(a * w * p, 1 / a)
        }
        return 1 - pow(b * w * (1 - p), 1 / b)
    }
}
