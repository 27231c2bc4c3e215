public import PlanCore

/// Shapley values: a path-independent split of `v(all) − v(none)` among players, each getting its marginal
/// effect averaged over every order in which the players could join.
///
/// `:bridge` uses them to attribute an output's change to the inputs that differ between two scenarios: a
/// linear model gives each input its own effect; `a * b` with both changed splits the interaction `Δa·Δb`
/// evenly. The values always sum to `v(all) − v(none)` (efficiency).
public enum Shapley {
    /// Up to this many players the values are exact (2ⁿ evaluations); beyond, sampled.
    public static let exactLimit = 12

    /// The exact Shapley values from the value of every coalition: `values[mask]` is v of the players whose
    /// bits are set in `mask` (`values.count == 1 << n`).
    public static func exact(_ values: [Double], players n: Int) -> [Double] {
        precondition(values.count == 1 << n, "one value per coalition")
        if n == 0 { return [] }
        // weight[s] = s! (n − s − 1)! / n!, built by a recurrence to stay exact-ish for n ≤ 20.
        var weight = [Double](repeating: 0, count: n)
        weight[0] = 1 / Double(n)
        for size in 1..<n { weight[size] = weight[size - 1] * Double(size) / Double(n - size) }
        var phi = [Double](repeating: 0, count: n)
        for player in 0..<n {
            let bit = 1 << player
            var total = 0.0
            for mask in 0..<(1 << n) where mask & bit == 0 {
                total += weight[mask.nonzeroBitCount] * (values[mask | bit] - values[mask])
            }
            phi[player] = total
        }
        return phi
    }

    /// Shapley values estimated from `orders` seeded random orders of the players.
    ///
    /// Half of the orders are the reverse of the other half, which cancels much of the noise. Each order's
    /// marginal effects sum to `v(all) − v(none)`, so the estimates do too. `value(mask)` evaluates a
    /// coalition; it is called in sequences that add one player at a time.
    public static func sampled(
        players n: Int, orders: Int, seed: UInt64, value: (Int) throws(EvalError) -> Double
    ) throws(EvalError) -> [Double] {
        if n == 0 { return [] }
        var generator = SeededGenerator(seed: seed)
        var phi = [Double](repeating: 0, count: n)
        let pairs = max(1, orders / 2)
        let none = try value(0)
        for _ in 0..<pairs {
            var order = Array(0..<n)
            order.shuffle(using: &generator)
            for sequence in [order, order.reversed()] {
                var mask = 0
                var previous = none
                for player in sequence {
                    mask |= 1 << player
                    let next = try value(mask)
                    phi[player] += next - previous
                    previous = next
                }
            }
        }
        return phi.map { $0 / Double(2 * pairs) }
    }
}
