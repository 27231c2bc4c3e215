/// Summary statistics of samples; NaN and infinite samples are excluded and counted as failures.
///
/// Percentiles follow numpy's default ("linear"): for a share `p` of `n` sorted values `x[0…n−1]`,
/// with `h = (n − 1) p`, the percentile is `x[⌊h⌋] + (h − ⌊h⌋) (x[⌊h⌋ + 1] − x[⌊h⌋])`, so p5, p50 and
/// p95 agree with `np.percentile(v, [5, 50, 95])` on the finite samples. All figures other than
/// `failures` describe the `count` finite samples; with none they are NaN.
public struct SampleSummary: Sendable {
    /// The mean of the finite samples.
    public let mean: Double
    /// The 5th percentile (linear interpolation between order statistics).
    public let p5: Double
    /// The median (linear interpolation between order statistics).
    public let p50: Double
    /// The 95th percentile (linear interpolation between order statistics).
    public let p95: Double
    /// The share of finite samples below zero.
    public let probabilityBelowZero: Double
    /// The number of finite samples.
    public let count: Int
    /// The number of samples that were NaN or infinite (failed evaluations), not included in the figures.
    public let failures: Int
    /// The smallest finite sample.
    public let min: Double
    /// The largest finite sample.
    public let max: Double
    /// The finite samples, in no particular order, kept for histograms.
    private let values: ArraySlice<Double>

    /// Creates a summary from its figures and the finite samples it describes.
    init(
        mean: Double, percentiles: (Double, Double, Double), probabilityBelowZero: Double, failures: Int,
        range: (min: Double, max: Double), values: ArraySlice<Double>
    ) {
        self.mean = mean
        (p5, p50, p95) = percentiles
        self.probabilityBelowZero = probabilityBelowZero
        self.count = values.count
        self.failures = failures
        self.min = range.min
        self.max = range.max
        self.values = values
    }

    /// Returns the counts of finite samples in `bins` equal-width bins from `min` to `max`.
    ///
    /// Each bin holds its left edge; the last also holds `max`. When every sample is equal they all
    /// fall in the first bin. Returns an empty array when bins <= 0.
    public func histogram(bins: Int) -> [Int] {
        histogram(bins: bins, from: min, to: max)
    }

    /// Returns the counts of finite samples in `bins` equal-width bins from `low` to `high`.
    ///
    /// Samples outside `low…high` are not counted (so a histogram of the 1st–99th percentile range
    /// drops the far tails). When low == high, samples equal to it fall in the first bin. Returns an
    /// empty array when bins <= 0, and all zeros when the range is not finite or low > high.
    public func histogram(bins: Int, from low: Double, to high: Double) -> [Int] {
        guard bins > 0 else {
            return []
        }
        var counts = [Int](repeating: 0, count: bins)
        guard low.isFinite, high.isFinite, low <= high else {
            return counts
        }
        // On halves: `high − low` may exceed the largest double (samples from −1e308 to 1e308).
        let width = high / 2 - low / 2
        let scale = Double(bins)
        for value in values where value >= low && value <= high {
            let position = width > 0 ? (value / 2 - low / 2) / width * scale : 0
            counts[Swift.min(Int(position), bins - 1)] += 1
        }
        return counts
    }
}

/// Returns the summary statistics of `samples`, reordering them (O(n): no full sort).
///
/// Non-finite samples (NaN, ±∞) move to the end and count as failures; the percentiles come from a
/// multi-target quickselect (introselect: median-of-three branch-free partitions, falling back to a sort
/// of the remaining range if the partitions degrade). The summary keeps the finite prefix of `samples` for
/// `histogram`, sharing its storage, so mutating `samples` afterwards copies it once.
public func summarize(_ samples: inout [Double]) -> SampleSummary {
    let total = samples.count
    let count = samples.withUnsafeMutableBufferPointer { buffer in
        OrderStatistics.moveFiniteToFront(buffer)
    }
    guard count > 0 else {
        return SampleSummary(
            mean: .nan, percentiles: (.nan, .nan, .nan), probabilityBelowZero: .nan, failures: total,
            range: (.nan, .nan), values: samples[0..<0]
        )
    }
    let shares = [0.05, 0.5, 0.95]
    let positions = shares.map { share in
        OrderStatistics.position(share, count)
    }
    var targets: [Int] = []
    for (index, fraction) in positions {
        targets.append(index)
        if fraction > 0 {
            targets.append(index + 1)
        }
    }
    targets = Array(Set(targets)).sorted()
    let (sum, range, negatives) = samples.withUnsafeMutableBufferPointer { buffer in
        let finite = UnsafeMutableBufferPointer(rebasing: buffer[0..<count])
        OrderStatistics.select(finite, targets)
        return OrderStatistics.moments(UnsafeBufferPointer(finite))
    }
    let percentiles = positions.map { index, fraction in
        fraction > 0 ? OrderStatistics.interpolate(samples[index], samples[index + 1], fraction) : samples[index]
    }
    // A mean lies within the samples: rounding in the sum must not put a constant's mean below its p5.
    let mean = min(max(sum / Double(count), range.0), range.1)
    return SampleSummary(
        mean: mean, percentiles: (percentiles[0], percentiles[1], percentiles[2]),
        probabilityBelowZero: Double(negatives) / Double(count), failures: total - count, range: range,
        values: samples[0..<count]
    )
}

/// Helpers of `summarize`: partitioning out non-finite values, one-pass moments, and selection.
enum OrderStatistics {
    /// Moves the finite values to the front (in some order) and returns how many there are.
    static func moveFiniteToFront(_ buffer: UnsafeMutableBufferPointer<Double>) -> Int {
        partition(buffer, 0, buffer.count) { $0.isFinite }
    }

    /// Returns the sum, the range and the number of negative values, in one pass with four accumulators.
    static func moments(
        _ values: UnsafeBufferPointer<Double>
    ) -> (sum: Double, range: (min: Double, max: Double), negatives: Int) {
        var (sum0, sum1, sum2, sum3) = (0.0, 0.0, 0.0, 0.0)
        var (low0, low1) = (Double.infinity, Double.infinity)
        var (high0, high1) = (-Double.infinity, -Double.infinity)
        var negative = 0
        var index = 0
        while index + 4 <= values.count {
            let (a, b, c, d) = (values[index], values[index + 1], values[index + 2], values[index + 3])
            sum0 += a
            sum1 += b
            sum2 += c
            sum3 += d
            low0 = Swift.min(low0, Swift.min(a, b))
            low1 = Swift.min(low1, Swift.min(c, d))
            high0 = Swift.max(high0, Swift.max(a, b))
            high1 = Swift.max(high1, Swift.max(c, d))
            negative += (a < 0 ? 1 : 0) + (b < 0 ? 1 : 0) + (c < 0 ? 1 : 0) + (d < 0 ? 1 : 0)
            index += 4
        }
        var sum = (sum0 + sum1) + (sum2 + sum3)
        var low = Swift.min(low0, low1)
        var high = Swift.max(high0, high1)
        while index < values.count {
            let value = values[index]
            sum += value
            low = Swift.min(low, value)
            high = Swift.max(high, value)
            negative += value < 0 ? 1 : 0
            index += 1
        }
        return (sum, (low, high), negative)
    }

    /// Returns `(⌊h⌋, h − ⌊h⌋)` for `h = (n − 1) · share`, clamped to the last index.
    static func position(_ share: Double, _ count: Int) -> (index: Int, fraction: Double) {
        let h = Double(count - 1) * share
        let index = Swift.min(Int(h), count - 1)
        return index == count - 1 ? (index, 0) : (index, h - Double(index))
    }

    /// Interpolates between neighbouring order statistics as numpy does (from the nearer end, for symmetry).
    static func interpolate(_ below: Double, _ above: Double, _ fraction: Double) -> Double {
        let difference = above - below
        return fraction >= 0.5 ? above - difference * (1 - fraction) : below + difference * fraction
    }

    /// Rearranges `values` so that each index in `targets` (sorted, distinct) holds the value a sort would put there.
    ///
    /// Each round partitions a range around the median of its first, middle and last values with a
    /// branch-free Lomuto pass, and goes on only into the parts that hold targets. When nothing is below
    /// the pivot, a second pass splits off the values equal to it, which are then in place, so runs of
    /// equal values cost linear time. Ranges of 24 or fewer values are insertion-sorted; past a depth of
    /// about 2 log₂ n partitions a range is sorted instead (introselect), so the worst case is O(n log n).
    static func select(_ values: UnsafeMutableBufferPointer<Double>, _ targets: [Int]) {
        guard values.count > 1, !targets.isEmpty else {
            return
        }
        let depthLimit = 2 * (Int.bitWidth - values.count.leadingZeroBitCount) + 4
        var work = [(low: 0, high: values.count, first: 0, end: targets.count, depth: 0)]
        while let task = work.popLast() {
            let (low, high) = (task.low, task.high)
            if high - low <= 24 {
                insertionSort(values, low, high)
                continue
            }
            if task.depth >= depthLimit {
                var range = UnsafeMutableBufferPointer(rebasing: values[low..<high])
                range.sort()
                continue
            }
            let pivot = medianOfThree(values, low, high)
            var split = partition(values, low, high) { $0 < pivot }
            var resolvedBelow = low
            if split == low {
                // The pivot is the range's minimum: values equal to it are final.
                split = partition(values, low, high) { !(pivot < $0) }
                resolvedBelow = split
            }
            var middle = task.first
            while middle < task.end && targets[middle] < split {
                middle += 1
            }
            if middle > task.first && resolvedBelow == low {
                work.append((low, split, task.first, middle, task.depth + 1))
            }
            if task.end > middle {
                work.append((split, high, middle, task.end, task.depth + 1))
            }
        }
    }

    /// Returns the median of the first, middle and last values of `low..<high`.
    static func medianOfThree(_ values: UnsafeMutableBufferPointer<Double>, _ low: Int, _ high: Int) -> Double {
        let (a, b, c) = (values[low], values[low + (high - low) / 2], values[high - 1])
        return Swift.max(Swift.min(a, b), Swift.min(Swift.max(a, b), c))
    }

    /// Moves the values of `low..<high` that satisfy `isLeft` to the front and returns where the rest begin.
    ///
    /// Branch-free Lomuto: every value is swapped with the current boundary and the boundary advances
    /// by the predicate's result, so unpredictable comparisons cost no mispredicted branches.
    @inline(__always)
    static func partition(
        _ values: UnsafeMutableBufferPointer<Double>, _ low: Int, _ high: Int, _ isLeft: (Double) -> Bool
    ) -> Int {
        var boundary = low
        for read in low..<high {
            let value = values[read]
            values[read] = values[boundary]
            values[boundary] = value
            boundary += isLeft(value) ? 1 : 0
        }
        return boundary
    }

    /// Sorts `low..<high` by insertion.
    static func insertionSort(_ values: UnsafeMutableBufferPointer<Double>, _ low: Int, _ high: Int) {
        guard high - low > 1 else {
            return
        }
        for index in (low + 1)..<high {
            let value = values[index]
            var hole = index
            while hole > low && values[hole - 1] > value {
                values[hole] = values[hole - 1]
                hole -= 1
            }
            values[hole] = value
        }
    }
}
