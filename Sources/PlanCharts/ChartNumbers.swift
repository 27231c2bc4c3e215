public import PlanCore

/// Numbers on a chart, shown in an axis's unit.
///
/// Ticks get the same decimals (`$30.0M`, `$32.5M`), value labels about four digits (`$24.69M`, `45.3%`);
/// the unit itself is written once, in the axis title.
public struct ChartNumbers: Sendable {
    /// The unit shown.
    public let unit: Unit

    /// Numbers in `unit`.
    public init(_ unit: Unit) {
        self.unit = unit
    }

    /// True when values are money (`$` in the numerator): labels start with `$`.
    public var isMoney: Bool { unit.exponents[Unit.Atom.dollar.rawValue] == 1 }

    /// A value in base units as the number shown in the unit (a share of 0.25 shows as 25 in `%`).
    public func shown(_ base: Double) -> Double {
        if unit.isPlain { return unit.percent ? base * 100 : base }
        return base / unit.scale
    }

    /// A shown number back in base units.
    public func base(_ shown: Double) -> Double {
        if unit.isPlain { return unit.percent ? shown / 100 : shown }
        return shown * unit.scale
    }

    /// Labels for ticks given as shown numbers, all with the same suffix (k, M, B) and decimals.
    public func tickLabels(_ ticks: [Double]) -> [String] {
        // A date is a month on the calendar: its ticks are months (`2024-03`), not month numbers.
        if unit.isDate { return ticks.map { Timeline.label(Int($0.rounded())) } }
        let largest = ticks.map(abs).max() ?? 0
        let (divisor, suffix) = Self.suffix(for: unit.percent && unit.isPlain ? 0 : largest)
        let step = abs(Ticks.step(of: ticks)) / divisor
        var decimals = 0
        while decimals < 6 && abs(step * pow10(decimals) - (step * pow10(decimals)).rounded()) > 1e-6 {
            decimals += 1
        }
        return ticks.map { tick in
            // Zero is zero in every unit and scale: `$0`, `0%`, `0`, not `$0.0M`.
            if tick == 0 { return decorate("0", 0) }
            return decorate(NumberFormat.fixed(abs(tick) / divisor, decimals: decimals, keepZeros: true) + suffix, tick)
        }
    }

    /// A short label for a value in base units: about four significant digits (`$24.69M`, `45.3%`, `701.4`).
    public func label(_ base: Double) -> String {
        let shown = shown(base)
        guard shown.isFinite else { return "–" }
        if unit.isDate { return Timeline.label(Int(shown.rounded())) }
        if unit.isPlain && unit.percent {
            return (shown < 0 ? "-" : "") + NumberFormat.significant(abs(shown), 3) + "%"
        }
        return decorate(NumberFormat.human(abs(shown)), shown)
    }

    /// A full value with its unit, as the REPL shows it (`$24.69M/year`).
    public func full(_ base: Double) -> String {
        // A date between months (a mean) shows as the nearest month.
        Value.format(unit.isDate && base.isFinite ? base.rounded() : base, unit: unit)
    }

    /// The sign, `$` and `%` around a magnitude.
    private func decorate(_ magnitude: String, _ value: Double) -> String {
        let zero = magnitude.allSatisfy { $0 == "0" || $0 == "." || $0.isLetter }
        let sign = value < 0 && !zero ? "-" : ""
        if isMoney { return sign + "$" + magnitude }
        return sign + magnitude + (unit.isPlain && unit.percent ? "%" : "")
    }

    /// The divisor and suffix for numbers up to `largest`, as the REPL uses them (from ten thousand up).
    private static func suffix(for largest: Double) -> (Double, String) {
        if largest >= 1e9 { return (1e9, "B") }
        if largest >= 1e6 { return (1e6, "M") }
        if largest >= 1e4 { return (1e3, "k") }
        return (1, "")
    }

    private func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent { result *= 10 }
        return result
    }
}
