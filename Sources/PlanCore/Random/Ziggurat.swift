import Glibc

/// The standard normal sampler: a 256-layer ziggurat (Marsaglia and Tsang, 2000) in double precision.
///
/// One 64-bit draw gives both the layer (its low 8 bits) and a signed uniform (its high 53 bits); about
/// 99% of draws are accepted at once with one multiply and one compare. The rest go to `edge`, which
/// tests the wedge under the curve or samples the tail beyond `r` by Marsaglia's exponential method.
/// Every draw consumes only the generator, never a cached value, so filling a buffer in chunks gives
/// the same numbers as filling it at once.
struct Ziggurat: @unchecked Sendable {
    // @unchecked: the tables are written once in `init` and only read afterwards, from any thread.

    /// The right edge of the base layer, where the tail begins.
    static let r = 3.654_152_885_361_008_8

    /// The tables, built on first use.
    static let shared = Ziggurat()

    /// Per layer `i` in 0..<256, two doubles: `x[i + 1] / x[i]` (the share accepted at once) and `x[i]`.
    let layers: UnsafePointer<Double>

    /// `exp(-x[i]² / 2)` for `i` in 0...256: the heights of the layer boundaries.
    let heights: UnsafePointer<Double>

    /// Builds the layer tables from `r`: every layer, base and tail included, has the same area.
    init() {
        let r = Ziggurat.r
        let area = r * Ziggurat.density(r) + (Double.pi / 2).squareRoot() * erfc(r / 2.0.squareRoot())
        var x = [Double](repeating: 0, count: 257)
        x[0] = area / Ziggurat.density(r)
        x[1] = r
        for i in 1..<255 {
            let height = Ziggurat.density(x[i]) + area / x[i]
            x[i + 1] = height < 1 ? (-2 * log(height)).squareRoot() : 0
        }
        x[256] = 0
        let layers = UnsafeMutablePointer<Double>.allocate(capacity: 512)
        let heights = UnsafeMutablePointer<Double>.allocate(capacity: 257)
        for i in 0..<256 {
            layers[2 * i] = x[i + 1] / x[i]
            layers[2 * i + 1] = x[i]
        }
        for i in 0...256 {
            heights[i] = Ziggurat.density(x[i])
        }
        self.layers = UnsafePointer(layers)
        self.heights = UnsafePointer(heights)
    }

    /// The unnormalised standard normal density, `exp(-x² / 2)`.
    static func density(_ x: Double) -> Double {
        exp(-0.5 * x * x)
    }

    /// Returns one standard normal deviate.
    @inline(__always)
    func next(_ generator: inout SeededGenerator) -> Double {
        while true {
            let bits = generator.next()
            let layer = Int(truncatingIfNeeded: bits & 0xFF)
            let u = (Double(Int64(bitPattern: bits) >> 11) + 0.5) * 0x1p-52
            if u.magnitude < layers[2 * layer] {
                return u * layers[2 * layer + 1]
            }
            let outcome = edge(layer, u, generator)
            generator = outcome.generator
            if let value = outcome.value {
                return value
            }
        }
    }

    /// Handles a draw outside the accepted core of its layer: returns the deviate, or nil to draw again.
    ///
    /// The generator goes in and out by value, so that the caller's copy can stay in registers.
    @inline(never)
    func edge(
        _ layer: Int, _ u: Double, _ generator: SeededGenerator
    ) -> (value: Double?, generator: SeededGenerator) {
        var generator = generator
        if layer == 0 {
            return (tail(negative: u < 0, &generator), generator)
        }
        let x = u * layers[2 * layer + 1]
        let low = heights[layer]
        let y = low + generator.nextUnit() * (heights[layer + 1] - low)
        return (y < Ziggurat.density(x) ? x : nil, generator)
    }

    /// Samples the normal tail beyond `r` (Marsaglia, 1964), with the given sign.
    func tail(negative: Bool, _ generator: inout SeededGenerator) -> Double {
        let r = Ziggurat.r
        while true {
            let x = -log(generator.nextUnit()) / r
            let y = -log(generator.nextUnit())
            if y + y >= x * x {
                return negative ? -(r + x) : r + x
            }
        }
    }
}
