import Glibc

extension Distribution {
    /// Fills `out` with independent samples drawn from `rng`: the hot path of Monte Carlo.
    ///
    /// Normal and lognormal use a 256-layer ziggurat, uniform and triangular the inverse CDF of one
    /// uniform, beta and pert two Marsaglia–Tsang gamma variates. Each sample consumes only what it
    /// needs from `rng`, so filling a buffer in several calls gives the same numbers as filling it in one.
    /// Invalid parameters (see `validated()`) give NaN or meaningless samples, never a trap or a hang.
    public func fill(_ out: UnsafeMutableBufferPointer<Double>, using rng: inout SeededGenerator) {
        guard let base = out.baseAddress, !out.isEmpty else {
            return
        }
        var generator = rng
        defer { rng = generator }
        let count = out.count
        let ziggurat = Ziggurat.shared
        switch self {
        case .normal(let mean, let sd):
            for index in 0..<count {
                base[index] = mean + sd * ziggurat.next(&generator)
            }
        case .lognormal(let mu, let sigma):
            for index in 0..<count {
                base[index] = exp(mu + sigma * ziggurat.next(&generator))
            }
        case .uniform(let low, let high):
            let width = high - low
            for index in 0..<count {
                base[index] = low + width * generator.nextUnit()
            }
        case .triangular(let low, let mode, let high):
            let width = high - low
            let split = (mode - low) / width
            let leftScale = width * (mode - low)
            let rightScale = width * (high - mode)
            for index in 0..<count {
                let u = generator.nextUnit()
                let left = u < split
                let root = (left ? u * leftScale : (1 - u) * rightScale).squareRoot()
                base[index] = left ? low + root : high - root
            }
        case .pert(let low, _, let high):
            if low == high {
                out.update(repeating: low)
                return
            }
            let (alpha, beta) = pertShapes
            Distribution.fillBeta(base, count, alpha, beta, low, high - low, &generator)
        case .beta(let alpha, let beta):
            Distribution.fillBeta(base, count, alpha, beta, 0, 1, &generator)
        }
    }

    /// Returns one sample drawn from `rng` (the same number `fill` would give for a buffer of one).
    public func sample(using rng: inout SeededGenerator) -> Double {
        var value = 0.0
        withUnsafeMutablePointer(to: &value) { pointer in
            fill(UnsafeMutableBufferPointer(start: pointer, count: 1), using: &rng)
        }
        return value
    }

    /// Returns `count` samples drawn from `rng` (an empty array when count <= 0).
    public func samples(_ count: Int, using rng: inout SeededGenerator) -> [Double] {
        let count = max(count, 0)
        return [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            fill(UnsafeMutableBufferPointer(rebasing: buffer[0..<count]), using: &rng)
            initialized = count
        }
    }

    /// Writes `offset + scale · Beta(alpha, beta)` samples, as the ratio `X / (X + Y)` of two gamma variates.
    ///
    /// Shapes of 1 or more use the gamma variates directly; a shape below 1 works in logarithms, so that
    /// tiny variates do not underflow to 0/0. Invalid shapes fill NaN.
    static func fillBeta(
        _ base: UnsafeMutablePointer<Double>, _ count: Int, _ alpha: Double, _ beta: Double,
        _ offset: Double, _ scale: Double, _ rng: inout SeededGenerator
    ) {
        guard let first = GammaSampler(shape: alpha), let second = GammaSampler(shape: beta) else {
            base.update(repeating: .nan, count: count)
            return
        }
        var generator = rng
        defer { rng = generator }
        let ziggurat = Ziggurat.shared
        if first.inverseShape == 0 && second.inverseShape == 0 {
            for index in 0..<count {
                let x = first.next(&generator, ziggurat)
                let y = second.next(&generator, ziggurat)
                base[index] = offset + scale * (x / (x + y))
            }
        } else {
            for index in 0..<count {
                let logX = first.nextLog(&generator, ziggurat)
                let logY = second.nextLog(&generator, ziggurat)
                base[index] = offset + scale / (1 + exp(logY - logX))
            }
        }
    }
}

/// A gamma(shape, 1) sampler by Marsaglia and Tsang's method (2000), boosted for shapes below 1.
///
/// For shape >= 1 a variate is `d · v³` with `d = shape − 1/3` and `v = 1 + c z`, `z` standard
/// normal, accepted by a squeeze or a log test (about 98% at once for shape 1, more for larger
/// shapes). For shape < 1 it samples shape + 1 and multiplies by `U^(1/shape)`.
struct GammaSampler {
    /// `d = shape − 1/3`, for the boosted shape when the shape is below 1.
    let d: Double
    /// `c = 1 / sqrt(9 d)`.
    let c: Double
    /// `1 / shape` when the shape is below 1 (the boost's exponent), else 0.
    let inverseShape: Double

    /// Prepares the sampler, or returns nil when the shape is not a finite positive number.
    init?(shape: Double) {
        guard shape > 0, shape.isFinite else {
            return nil
        }
        let boosted = shape < 1 ? shape + 1 : shape
        d = boosted - 1.0 / 3
        c = 1 / (9 * d).squareRoot()
        inverseShape = shape < 1 ? 1 / shape : 0
    }

    /// Returns a gamma variate of the boosted shape (the shape itself when it is 1 or more).
    @inline(__always)
    func next(_ generator: inout SeededGenerator, _ ziggurat: Ziggurat) -> Double {
        while true {
            var z = 0.0
            var v = 0.0
            repeat {
                z = ziggurat.next(&generator)
                v = 1 + c * z
            } while v <= 0
            v = v * v * v
            let u = generator.nextUnit()
            let z2 = z * z
            if u < 1 - 0.0331 * z2 * z2 {
                return d * v
            }
            if log(u) < 0.5 * z2 + d * (1 - v + log(v)) {
                return d * v
            }
        }
    }

    /// Returns the logarithm of a gamma variate of the shape, boost applied.
    @inline(__always)
    func nextLog(_ generator: inout SeededGenerator, _ ziggurat: Ziggurat) -> Double {
        let logValue = log(next(&generator, ziggurat))
        if inverseShape == 0 {
            return logValue
        }
        return logValue + log(generator.nextUnit()) * inverseShape
    }
}
