import Glibc
import PlanCore
import Testing

/// Statistical and exact checks of the distribution layer: sampling, quantiles, streams and summaries.
///
/// Every statistical test uses a fixed seed and a tolerance of about five standard errors, so a correct
/// implementation passes deterministically while a biased sampler (a wrong table, a lost tail, a wrong
/// parameterisation) fails.
@Suite("Distributions")
struct DistributionTests {
    /// One distribution of every kind, including skewed and U-shaped ones and those `a to b` builds.
    static let kinds: [Distribution] = [
        .normal(mean: 3, sd: 2),
        .lognormal(mu: 0.5, sigma: 0.4),
        .lognormal(mu: 11.49, sigma: 0.1233),
        .uniform(low: -2, high: 5),
        .triangular(low: 1, mode: 2, high: 6),
        .triangular(low: 0, mode: 0, high: 1),
        .triangular(low: 0, mode: 1, high: 1),
        .pert(low: 4, mode: 5, high: 9),
        .pert(low: 0, mode: 10, high: 10),
        .beta(alpha: 2, beta: 5),
        .beta(alpha: 8, beta: 2),
        .beta(alpha: 0.5, beta: 0.5),
        .beta(alpha: 0.3, beta: 2.5),
    ]

    /// Draws `count` samples of `distribution` from the given seed.
    static func draw(_ distribution: Distribution, _ count: Int, seed: UInt64 = 20_240_601) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        return distribution.samples(count, using: &generator)
    }

    /// Returns the p-th percentile of sorted values by numpy's default (linear) rule, the reference.
    static func referencePercentile(_ sorted: [Double], _ p: Double) -> Double {
        let h = Double(sorted.count - 1) * p
        let index = Int(h)
        if index >= sorted.count - 1 {
            return sorted[sorted.count - 1]
        }
        let fraction = h - Double(index)
        let difference = sorted[index + 1] - sorted[index]
        return fraction >= 0.5
            ? sorted[index + 1] - difference * (1 - fraction) : sorted[index] + difference * fraction
    }

    /// Returns true when `a` and `b` agree within `tolerance` relative to the larger magnitude (or absolutely near 0).
    static func close(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool {
        (a - b).magnitude <= tolerance * Swift.max(1, a.magnitude, b.magnitude)
    }

    @Test("sample mean, p5, p50 and p95 agree with the closed forms", arguments: kinds)
    func samplesMatchClosedForms(_ distribution: Distribution) {
        let count = 200_000
        var samples = Self.draw(distribution, count)
        let summary = summarize(&samples)
        #expect(summary.count == count)
        #expect(summary.failures == 0)
        let standardError = (distribution.variance / Double(count)).squareRoot()
        #expect(
            (summary.mean - distribution.mean).magnitude <= 5 * standardError,
            "mean \(summary.mean) vs \(distribution.mean) (se \(standardError))"
        )
        for (share, value) in [(0.05, summary.p5), (0.5, summary.p50), (0.95, summary.p95)] {
            let tolerance = 5 * (share * (1 - share) / Double(count)).squareRoot()
            let reached = distribution.cdf(value)
            #expect((reached - share).magnitude <= tolerance, "cdf(p\(Int(share * 100))) = \(reached)")
        }
    }

    @Test("samples pass a Kolmogorov–Smirnov test against the CDF", arguments: kinds)
    func samplesFollowTheCDF(_ distribution: Distribution) {
        let count = 100_000
        let sorted = Self.draw(distribution, count, seed: 7).sorted()
        var distance = 0.0
        for (index, value) in sorted.enumerated() {
            let probability = distribution.cdf(value)
            distance = Swift.max(
                distance, Double(index + 1) / Double(count) - probability, probability - Double(index) / Double(count)
            )
        }
        // 1.95 / sqrt(n) is the 0.1% critical value of the Kolmogorov distribution.
        #expect(distance < 1.95 / Double(count).squareRoot(), "KS distance \(distance)")
    }

    @Test("a million normal deviates have the right tail, moments and fine-grained shape")
    func normalSamplerFineStructure() {
        let count = 1_000_000
        let samples = Self.draw(.normal(mean: 0, sd: 1), count, seed: 99)
        // The tail beyond the ziggurat's base layer comes from a separate sampler.
        let edge = 3.654_152_885_361_008_8
        let beyond = samples.count(where: { $0.magnitude > edge })
        let expected = 2 * Distribution.standardNormalCDF(-edge) * Double(count)
        #expect((Double(beyond) - expected).magnitude <= 5 * expected.squareRoot(), "\(beyond) vs \(expected)")
        let farBeyond = samples.count(where: { $0.magnitude > 4.5 })
        #expect(farBeyond > 0 && farBeyond < 25)
        // Second and fourth moments (1 and 3), each within 4.5 standard errors: a wedge accepted without
        // its rejection test moves them by about 5 and 7 standard errors.
        var second = 0.0
        var fourth = 0.0
        var bins = [Int](repeating: 0, count: 1_000)
        for value in samples {
            second += value * value
            fourth += value * value * value * value
            bins[Swift.min(999, Int(Distribution.standardNormalCDF(value) * 1_000))] += 1
        }
        let n = Double(count)
        #expect((second / n - 1).magnitude <= 4.5 * (2 / n).squareRoot(), "E[z²] = \(second / n)")
        #expect((fourth / n - 3).magnitude <= 4.5 * (96 / n).squareRoot(), "E[z⁴] = \(fourth / n)")
        // A chi-square over 1000 equiprobable bins (999 degrees of freedom) sees a mis-built layer table.
        let perBin = n / 1_000
        let chiSquare = bins.reduce(0.0) { sum, observed in
            sum + (Double(observed) - perBin) * (Double(observed) - perBin) / perBin
        }
        #expect((chiSquare - 999) / (2 * 999.0).squareRoot() < 4.5, "chi-square \(chiSquare)")
    }

    @Test("quantile and cdf invert each other", arguments: kinds)
    func quantileInvertsCDF(_ distribution: Distribution) {
        for p in [1e-6, 0.001, 0.05, 0.2, 0.5, 0.7, 0.95, 0.999] {
            let x = distribution.quantile(p)
            #expect(Self.close(distribution.cdf(x), p, 1e-11), "cdf(quantile(\(p))) = \(distribution.cdf(x))")
        }
        for p in [0.01, 0.1, 0.3, 0.5, 0.8, 0.99] {
            let x = distribution.quantile(p)
            let back = distribution.quantile(distribution.cdf(x))
            #expect(Self.close(back, x, 1e-9), "quantile(cdf(\(x))) = \(back)")
        }
        #expect(distribution.quantile(0.2) < distribution.quantile(0.8))
    }

    @Test(
        "the AS 241 normal quantile matches 20-digit references",
        arguments: [
            (1e-300, -37.047_096_299_361_199_2), (1e-20, -9.262_340_089_798_407_6),
            (1e-10, -6.361_340_902_404_056_2), (0.001, -3.090_232_306_167_813_5),
            (0.025, -1.959_963_984_540_054_2), (0.3, -0.524_400_512_708_040_82), (0.5, 0),
        ]
    )
    func normalQuantileReferences(_ p: Double, _ z: Double) {
        #expect(Self.close(Distribution.standardNormalQuantile(p), z, 4e-16))
        if p >= 1e-6 {
            #expect(Self.close(Distribution.standardNormalQuantile(1 - p), -z, 1e-12))
        }
    }

    @Test("standard normal quantile edge cases and the 95% point")
    func normalQuantileEdges() {
        #expect(Distribution.standardNormalQuantile(0) == -.infinity)
        #expect(Distribution.standardNormalQuantile(1) == .infinity)
        #expect(Distribution.standardNormalQuantile(.nan).isNaN)
        #expect(Self.close(Distribution.standardNormalQuantile(0.05), -Distribution.z95, 4e-16))
        #expect(Self.close(Distribution.standardNormalQuantile(0.95), Distribution.z95, 1e-15))
    }

    @Test(
        "the beta quantile matches reference values",
        arguments: [
            (2.0, 5.0, 0.05, 0.062_849_891_708_354_38), (2.0, 5.0, 0.95, 0.581_803_409_252_025_9),
            (0.5, 0.5, 0.01, 0.000_246_719_817_134_221_46), (0.1, 3.0, 0.5, 0.000_231_239_907_500_118_18),
            (50.0, 80.0, 0.5, 0.384_021_914_446_019_9), (3.0, 0.2, 0.3, 0.954_795_670_917_856_2),
            (800.0, 200.0, 0.01, 0.769_727_339_691_425_3),
        ]
    )
    func betaQuantileReferences(_ alpha: Double, _ beta: Double, _ p: Double, _ expected: Double) {
        let quantile = Distribution.beta(alpha: alpha, beta: beta).quantile(p)
        #expect((quantile - expected).magnitude <= 1e-13 * expected, "\(quantile)")
    }

    @Test("closed-form means")
    func closedFormMeans() {
        #expect(Distribution.lognormal(mu: 1, sigma: 0.5).mean == exp(1.125))
        #expect(Distribution.pert(low: 4, mode: 5, high: 9).mean == 5.5)
        #expect(Distribution.triangular(low: 1, mode: 2, high: 6).mean == 3)
        #expect(Distribution.beta(alpha: 2, beta: 6).mean == 0.25)
        #expect(Distribution.uniform(low: 2, high: 4).mean == 3)
        #expect(Distribution.normal(mean: -7, sd: 1).mean == -7)
        #expect(Distribution.pert(low: 0, mode: 1, high: 2).name == "pert")
    }

    @Test("`a to b` is the 90% interval: lognormal for positive bounds, normal otherwise")
    func interval90() throws {
        let salary = try Distribution.interval90(80_000, 120_000)
        guard case .lognormal = salary else {
            Issue.record("80k to 120k should be lognormal, got \(salary)")
            return
        }
        #expect((salary.mean - 98_727).magnitude <= 98_727 * 1e-4, "mean \(salary.mean)")
        #expect(Self.close(salary.quantile(0.05), 80_000, 1e-12))
        #expect(Self.close(salary.quantile(0.95), 120_000, 1e-12))
        let around = try Distribution.interval90(-10, 10)
        #expect(around == .normal(mean: 0, sd: 10 / Distribution.z95))
        #expect(Self.close(around.quantile(0.95), 10, 1e-12))
        let fromZero = try Distribution.interval90(0, 10)
        #expect(fromZero.name == "normal")
        #expect(throws: DistributionError(message: "`a to b` needs a < b (got 5 to 3)")) {
            try Distribution.interval90(5, 3)
        }
        #expect(throws: DistributionError.self) {
            try Distribution.interval90(3, 3)
        }
        #expect(throws: DistributionError.self) {
            try Distribution.interval90(.nan, 3)
        }
    }

    @Test(
        "bad parameters are refused with a message naming them",
        arguments: [
            (Distribution.normal(mean: 1, sd: -1), "`normal` needs sd >= 0 (got -1)"),
            (.normal(mean: .nan, sd: 1), "`normal` needs a finite mean (got nan)"),
            (.lognormal(mu: 0, sigma: -0.5), "`lognormal` needs sigma >= 0 (got -0.5)"),
            (.uniform(low: 3, high: 3), "`uniform` needs low < high (got 3, 3)"),
            (.uniform(low: 1, high: .infinity), "`uniform` needs a finite high (got inf)"),
            (.triangular(low: 5, mode: 6, high: 4), "`triangular` needs low < high (got 5, 4)"),
            (.triangular(low: 1, mode: 7, high: 4), "`triangular` needs low <= mode <= high (got mode 7 outside 1…4)"),
            (.pert(low: 1, mode: 0.5, high: 4), "`pert` needs low <= mode <= high (got mode 0.5 outside 1…4)"),
            (.beta(alpha: 0, beta: 1), "`beta` needs alpha > 0 (got 0)"),
            (.beta(alpha: 2, beta: -3), "`beta` needs beta > 0 (got -3)"),
        ]
    )
    func badParametersThrow(_ distribution: Distribution, _ message: String) {
        #expect(throws: DistributionError(message: message)) {
            try distribution.validated()
        }
    }

    @Test("valid parameters pass validation unchanged", arguments: kinds)
    func validParametersPass(_ distribution: Distribution) throws {
        #expect(try distribution.validated() == distribution)
    }

    @Test("degenerate and invalid parameters give constants or NaN, never a hang")
    func degenerateParameters() {
        #expect(Self.draw(.normal(mean: 4, sd: 0), 100).allSatisfy { $0 == 4 })
        #expect(Self.draw(.lognormal(mu: 0, sigma: 0), 100).allSatisfy { $0 == 1 })
        #expect(Self.draw(.pert(low: 2, mode: 2, high: 2), 100).allSatisfy { $0 == 2 })
        #expect(Self.draw(.triangular(low: 2, mode: 2, high: 2), 100).allSatisfy { $0 == 2 })
        #expect(Self.draw(.beta(alpha: -1, beta: 2), 100).allSatisfy { $0.isNaN })
        #expect(Self.draw(.beta(alpha: .nan, beta: 2), 100).allSatisfy { $0.isNaN })
        #expect(Self.draw(.pert(low: 0, mode: 5, high: 1), 100).allSatisfy { $0.isNaN })
        #expect(Distribution.normal(mean: 4, sd: 0).quantile(0.3) == 4)
        #expect(Distribution.beta(alpha: -1, beta: 2).quantile(0.3).isNaN)
        #expect(Distribution.normal(mean: 0, sd: 1).quantile(0) == -.infinity)
        #expect(Distribution.uniform(low: 1, high: 2).quantile(1) == 2)
        #expect(Self.draw(.uniform(low: 1, high: 2), 0).isEmpty)
        #expect(Self.draw(.uniform(low: 1, high: 2), -3).isEmpty)
    }

    @Test("the generator reproduces xoshiro256** seeded by splitmix64")
    func knownSequence() {
        var zero = SeededGenerator(seed: 0)
        #expect(
            (0..<4).map { _ in zero.next() }
                == [
                    11_091_344_671_253_066_420, 13_793_997_310_169_335_082, 1_900_383_378_846_508_768,
                    7_684_712_102_626_143_532,
                ]
        )
        var fortyTwo = SeededGenerator(seed: 42)
        #expect(
            (0..<4).map { _ in fortyTwo.next() }
                == [
                    1_546_998_764_402_558_742, 6_990_951_692_964_543_102, 12_544_586_762_248_559_009,
                    17_057_574_109_182_124_193,
                ]
        )
        var jumped = SeededGenerator(seed: 42)
        jumped.jump()
        #expect(
            (0..<3).map { _ in jumped.next() }
                == [5_766_981_335_298_035_530, 13_414_075_677_763_163_907, 6_818_771_422_820_058_410]
        )
    }

    @Test("the same seed gives the same numbers; another seed does not", arguments: kinds)
    func sameSeedSameSamples(_ distribution: Distribution) {
        let first = Self.draw(distribution, 1_000, seed: 5)
        #expect(first == Self.draw(distribution, 1_000, seed: 5))
        #expect(first != Self.draw(distribution, 1_000, seed: 6))
    }

    @Test("filling in chunks gives the same numbers as filling at once", arguments: kinds)
    func chunkedFillMatches(_ distribution: Distribution) {
        let whole = Self.draw(distribution, 10_000, seed: 11)
        var generator = SeededGenerator(seed: 11)
        var chunked = [Double](repeating: 0, count: 10_000)
        chunked.withUnsafeMutableBufferPointer { buffer in
            var start = 0
            for size in [1, 7, 993, 4_096, 4_903] {
                distribution.fill(
                    UnsafeMutableBufferPointer(rebasing: buffer[start..<(start + size)]), using: &generator)
                start += size
            }
        }
        #expect(chunked == whole)
        var single = SeededGenerator(seed: 11)
        #expect(distribution.sample(using: &single) == whole[0])
    }

    @Test("streams are jumps: stream(i) equals i + 1 jumps, and streams differ")
    func streams() {
        let base = SeededGenerator(seed: 2_024)
        var jumped = base
        var firsts: Set<UInt64> = []
        for index in 0..<6 {
            jumped.jump()
            #expect(base.stream(index) == jumped, "stream(\(index))")
            var stream = base.stream(index)
            firsts.insert(stream.next())
        }
        var own = base
        firsts.insert(own.next())
        #expect(firsts.count == 7)
        #expect(base.stream(1_000) != base.stream(1_001))
        #expect(base.stream(-1) != base)
        #expect(base.stream(3) == base.stream(3))
    }

    @Test("independent streams give uncorrelated uniform numbers")
    func streamsAreUncorrelated() {
        var first = SeededGenerator(seed: 1).stream(0)
        var second = SeededGenerator(seed: 1).stream(1)
        let count = 100_000
        var product = 0.0
        var all = true
        for _ in 0..<count {
            let (u, v) = (first.nextUnit(), second.nextUnit())
            all = all && u > 0 && u < 1 && v > 0 && v < 1
            product += (u - 0.5) * (v - 0.5)
        }
        #expect(all)
        // Var((U − ½)(V − ½)) = 1/144, so the correlation's standard error is about 1 / (12 sqrt(n)).
        #expect((product / Double(count)).magnitude < 5 / (12 * Double(count).squareRoot()))
    }

    @Test("scaling a distribution scales its values", arguments: kinds)
    func scaling(_ distribution: Distribution) {
        guard let scaled = distribution.scaled(by: 60) else {
            #expect(distribution.name == "beta")
            return
        }
        #expect(scaled.name == distribution.name)
        #expect(Self.close(scaled.mean, 60 * distribution.mean, 1e-12))
        for p in [0.05, 0.5, 0.95] {
            #expect(Self.close(scaled.quantile(p), 60 * distribution.quantile(p), 1e-10))
        }
        if distribution.name != "lognormal" {
            let mirrored = distribution.scaled(by: -2)
            #expect(mirrored.map { Self.close($0.quantile(0.05), -2 * distribution.quantile(0.95), 1e-10) } == true)
        }
    }

    @Test("scaling is refused where the enum cannot express it")
    func scalingRefused() {
        #expect(Distribution.beta(alpha: 2, beta: 3).scaled(by: 2) == nil)
        #expect(Distribution.lognormal(mu: 0, sigma: 1).scaled(by: -1) == nil)
        #expect(Distribution.normal(mean: 0, sd: 1).scaled(by: 0) == nil)
        #expect(Distribution.normal(mean: 0, sd: 1).scaled(by: .infinity) == nil)
        #expect(Distribution.uniform(low: 1, high: 3).scaled(by: -1) == .uniform(low: -3, high: -1))
    }

    /// A constant's samples summarise to the constant itself: a rounded sum must not put the mean below p5 (#11
    /// item 9: `contacts 3.45M/month` showed a mean below its p5 under `:simulate`).
    @Test("a constant's mean is the constant, never below its p5", arguments: [0.1, 3.45e6 / 2_629_800, 1.0 / 3, 7e-5])
    func constantMean(_ value: Double) {
        var samples = [Double](repeating: value, count: 10_007)
        let summary = summarize(&samples)
        #expect(summary.mean == value)
        #expect(summary.mean >= summary.p5 && summary.mean <= summary.p95)
    }

    @Test("summaries match numpy's percentiles on small arrays")
    func summaryMatchesNumpy() {
        var ten = (1...10).map(Double.init).shuffled()
        let summary = summarize(&ten)
        #expect(Self.close(summary.p5, 1.45, 1e-15))
        #expect(summary.p50 == 5.5)
        #expect(Self.close(summary.p95, 9.55, 1e-15))
        var mixed: [Double] = [3, -1, 2.5, 7, .nan, 0, -4, .infinity, 2.5]
        let other = summarize(&mixed)
        #expect(other.count == 7)
        #expect(other.failures == 2)
        #expect(Self.close(other.p5, -3.1, 1e-15))
        #expect(other.p50 == 2.5)
        #expect(Self.close(other.p95, 5.8, 1e-15))
        #expect(other.min == -4 && other.max == 7)
        #expect(other.probabilityBelowZero == 2.0 / 7)
        #expect(Self.close(other.mean, 10.0 / 7, 1e-15))
    }

    @Test(
        "summary percentiles equal a sorted reference on random data",
        arguments: [1, 2, 3, 5, 24, 25, 100, 1_001, 65_537])
    func summaryMatchesSortedReference(_ count: Int) {
        var generator = SeededGenerator(seed: UInt64(count))
        for duplicates in [false, true] {
            var values = Distribution.normal(mean: 1, sd: 3).samples(count, using: &generator)
            if duplicates {
                values = values.map { $0.rounded() }
            }
            values[count / 2] = .nan
            let sorted = values.filter(\.isFinite).sorted()
            var copy = values
            let summary = summarize(&copy)
            #expect(summary.count == sorted.count)
            #expect(summary.failures == 1)
            guard !sorted.isEmpty else {
                #expect(summary.p50.isNaN)
                continue
            }
            #expect(summary.p5 == Self.referencePercentile(sorted, 0.05))
            #expect(summary.p50 == Self.referencePercentile(sorted, 0.5))
            #expect(summary.p95 == Self.referencePercentile(sorted, 0.95))
            #expect(summary.min == sorted[0] && summary.max == sorted[sorted.count - 1])
            let below = Double(sorted.count(where: { $0 < 0 })) / Double(sorted.count)
            #expect(summary.probabilityBelowZero == below)
            let mean = sorted.reduce(0, +) / Double(sorted.count)
            #expect(Self.close(summary.mean, mean, 1e-12))
            #expect(summary.histogram(bins: 10).reduce(0, +) == sorted.count)
        }
    }

    @Test("summaries survive sorted, reversed and constant inputs")
    func summaryAdversarialInputs() {
        var ascending = (0..<100_001).map(Double.init)
        var descending = Array(ascending.reversed())
        var constant = [Double](repeating: 2, count: 50_000)
        var sawtooth = (0..<100_000).map { Double($0 % 7) }
        #expect(summarize(&ascending).p50 == 50_000)
        #expect(Self.close(summarize(&descending).p95, 95_000, 1e-15))
        let flat = summarize(&constant)
        #expect(flat.p5 == 2 && flat.p95 == 2)
        #expect(flat.histogram(bins: 4) == [50_000, 0, 0, 0])
        let teeth = summarize(&sawtooth)
        #expect(teeth.p5 == 0 && teeth.p50 == 3 && teeth.p95 == 6)
        var empty: [Double] = [.nan, .nan]
        let none = summarize(&empty)
        #expect(none.count == 0 && none.failures == 2 && none.mean.isNaN)
        #expect(none.histogram(bins: 3) == [0, 0, 0])
    }

    @Test("histograms count every sample in range once")
    func histograms() {
        var values: [Double] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
        let summary = summarize(&values)
        #expect(summary.histogram(bins: 5) == [2, 2, 2, 2, 3])
        #expect(summary.histogram(bins: 2, from: 2, to: 6) == [2, 3])
        #expect(summary.histogram(bins: 0).isEmpty)
    }
}
