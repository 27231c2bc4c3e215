import Glibc

extension Distribution {
    /// Returns the inverse CDF at `p`: the value below which a share `p` of the distribution lies.
    ///
    /// Closed forms for normal and lognormal (through AS 241), uniform and triangular; beta and pert
    /// invert the regularized incomplete beta numerically (to about 1e-15 relative). For p <= 0 or
    /// p >= 1 it returns the lower or upper end of the support (possibly infinite); NaN gives NaN.
    public func quantile(_ p: Double) -> Double {
        if p.isNaN {
            return .nan
        }
        let support = support
        if p <= 0 {
            return support.lower
        }
        if p >= 1 {
            return support.upper
        }
        switch self {
        case .normal(let mean, let sd):
            return mean + sd * Distribution.standardNormalQuantile(p)
        case .lognormal(let mu, let sigma):
            return exp(mu + sigma * Distribution.standardNormalQuantile(p))
        case .uniform(let low, let high):
            return low + p * (high - low)
        case .triangular(let low, let mode, let high):
            let width = high - low
            if p < (mode - low) / width {
                return low + (p * width * (mode - low)).squareRoot()
            }
            return high - ((1 - p) * width * (high - mode)).squareRoot()
        case .pert(let low, _, let high):
            if low == high {
                return low
            }
            let (alpha, beta) = pertShapes
            return low + (high - low) * IncompleteBeta.inverse(p, alpha, beta)
        case .beta(let alpha, let beta):
            return IncompleteBeta.inverse(p, alpha, beta)
        }
    }

    /// Returns the cumulative distribution function at `x`: the probability of a value <= x.
    public func cdf(_ x: Double) -> Double {
        if x.isNaN {
            return .nan
        }
        switch self {
        case .normal(let mean, let sd):
            if sd > 0 {
                return Distribution.standardNormalCDF((x - mean) / sd)
            }
            return x < mean ? 0 : 1
        case .lognormal(let mu, let sigma):
            if x <= 0 {
                return 0
            }
            if sigma > 0 {
                return Distribution.standardNormalCDF((log(x) - mu) / sigma)
            }
            return log(x) < mu ? 0 : 1
        case .uniform(let low, let high):
            if x <= low {
                return 0
            }
            return x >= high ? 1 : (x - low) / (high - low)
        case .triangular(let low, let mode, let high):
            if x <= low {
                return 0
            }
            if x >= high {
                return 1
            }
            let width = high - low
            if x < mode {
                return (x - low) * (x - low) / (width * (mode - low))
            }
            return 1 - (high - x) * (high - x) / (width * (high - mode))
        case .pert(let low, _, let high):
            if x <= low {
                return 0
            }
            if x >= high {
                return 1
            }
            let (alpha, beta) = pertShapes
            return IncompleteBeta.regularized((x - low) / (high - low), alpha, beta)
        case .beta(let alpha, let beta):
            return IncompleteBeta.regularized(x, alpha, beta)
        }
    }
}
