/// Axis ticks at nice numbers: steps of 1, 2, 2.5 or 5 times a power of ten.
public enum Ticks {
    /// The mantissas of a nice step.
    public static let mantissas: [Double] = [1, 2, 2.5, 5]

    /// A nice step for about `count` intervals over `span` (a positive, finite number).
    public static func step(span: Double, count: Int) -> Double {
        guard span > 0, span.isFinite else { return 1 }
        let raw = span / Double(max(1, count))
        var power = 1.0
        while power * 10 <= raw { power *= 10 }
        while power > raw { power /= 10 }
        for mantissa in mantissas where mantissa * power >= raw * (1 - 1e-12) { return mantissa * power }
        return 10 * power
    }

    /// Nice ticks covering `low…high`, about `count` intervals apart.
    ///
    /// The first is at or below `low`, the last at or above `high`. Each tick is a whole multiple of the
    /// step (computed as `i × step`, so rounding does not drift). A zero-width range is widened around its
    /// value first.
    public static func covering(_ low: Double, _ high: Double, count: Int = 5) -> [Double] {
        let (low, high) = widened(low, high)
        let step = step(span: high - low, count: count)
        // A value a hair past a tick (rounding in unit conversion) still counts as on it.
        let first = (low / step + 1e-9).rounded(.down)
        let last = (high / step - 1e-9).rounded(.up)
        guard first.isFinite, last.isFinite, last - first < 1_000 else { return [low, high] }
        return stride(from: first, through: last, by: 1).map { clean($0 * step, step: step) }
    }

    /// Nice ticks inside `low…high` only (for an axis whose ends are the data's, like a swept input).
    public static func inside(_ low: Double, _ high: Double, count: Int = 5) -> [Double] {
        let (low, high) = widened(low, high)
        let step = step(span: high - low, count: count)
        let first = (low / step - 1e-9).rounded(.up)
        let last = (high / step + 1e-9).rounded(.down)
        guard first.isFinite, last.isFinite, last >= first, last - first < 1_000 else { return [low, high] }
        return stride(from: first, through: last, by: 1).map { clean($0 * step, step: step) }
    }

    /// The step between ticks (the difference of the first two), or 1 when there are fewer than two.
    public static func step(of ticks: [Double]) -> Double {
        ticks.count >= 2 ? ticks[1] - ticks[0] : 1
    }

    /// The range itself, or one around its value when it has no width (`5…5` becomes `4.5…5.5`, `0…0`
    /// becomes `-1…1`), so an axis always has room.
    public static func widened(_ low: Double, _ high: Double) -> (Double, Double) {
        guard low.isFinite, high.isFinite else { return (0, 1) }
        if high > low { return (low, high) }
        let pad = low == 0 ? 1 : abs(low) * 0.1
        return (low - pad, low + pad)
    }

    /// `value` with the noise of `i × step` removed (`0.30000000000000004` becomes `0.3`).
    private static func clean(_ value: Double, step: Double) -> Double {
        var scale = 1.0
        var digits = 0
        while digits < 15 && abs(step * scale - (step * scale).rounded()) > 1e-9 * step * scale {
            scale *= 10
            digits += 1
        }
        let result = (value * scale).rounded() / scale
        return result == 0 ? 0 : result
    }
}
