/// A unit as written: exponents of unit atoms (`$`, `s`, `min`, `h`, `day`, `week`, `month`, `year`) and a
/// percent flag for dimensionless values written with `%`.
///
/// Values are stored in base units (dollars and seconds); a unit says how to show them and which
/// dimension they have. Units stay symbolic, as written (`h/year` stays `h/year`); see
/// `multiplied(by:)` for the simplification rules.
public struct Unit: Hashable, Sendable {
    /// Exponent of each atom, indexed by `Atom.rawValue`.
    public var exponents: SIMD8<Int8>
    /// True for a dimensionless value that is shown as a percentage.
    public var percent: Bool

    /// Creates a unit from exponents.
    public init(exponents: SIMD8<Int8> = .zero, percent: Bool = false) {
        self.exponents = exponents
        self.percent = percent
    }

    /// A unit atom: money or one of the time units.
    public enum Atom: Int, CaseIterable, Sendable {
        /// Dollars.
        case dollar = 0
        /// Seconds.
        case second, minute, hour, day, week, month, year

        /// The size of the atom in base units.
        public var scale: Double {
            switch self {
            case .dollar, .second: return 1
            case .minute: return 60
            case .hour: return 3_600
            case .day: return 86_400
            case .week: return 604_800
            case .month: return 2_629_800
            case .year: return 31_557_600
            }
        }

        /// The symbol used when showing the atom.
        public var symbol: String {
            switch self {
            case .dollar: return "$"
            case .second: return "s"
            case .minute: return "min"
            case .hour: return "h"
            case .day: return "day"
            case .week: return "week"
            case .month: return "month"
            case .year: return "year"
            }
        }

        /// The atom named by a unit word (`min`, `minutes`, `hr`, `yr`, …), if any.
        ///
        /// Called for every name the parser sees, so it rejects on the first byte before comparing strings.
        public init?(word: String) {
            let utf8 = word.utf8
            guard let first = utf8.first, utf8.count <= 7 else { return nil }
            switch first {
            case UInt8(ascii: "s"):
                guard word == "s" || word == "sec" || word == "second" || word == "seconds" else { return nil }
                self = .second
            case UInt8(ascii: "m"):
                if word == "min" || word == "minute" || word == "minutes" {
                    self = .minute
                } else if word == "month" || word == "months" {
                    self = .month
                } else {
                    return nil
                }
            case UInt8(ascii: "h"):
                guard word == "h" || word == "hr" || word == "hour" || word == "hours" else { return nil }
                self = .hour
            case UInt8(ascii: "d"):
                guard word == "day" || word == "days" else { return nil }
                self = .day
            case UInt8(ascii: "w"):
                guard word == "week" || word == "weeks" else { return nil }
                self = .week
            case UInt8(ascii: "y"):
                guard word == "year" || word == "years" || word == "yr" else { return nil }
                self = .year
            default: return nil
            }
        }
    }

    /// A plain number.
    public static let plain = Unit()
    /// A plain number shown as a percentage.
    public static let percentage = Unit(percent: true)

    /// One atom to the first power.
    public static func atom(_ atom: Atom) -> Unit {
        var exps = SIMD8<Int8>.zero
        exps[atom.rawValue] = 1
        return Unit(exponents: exps)
    }

    /// True when the unit has no atoms (a plain number or a percentage).
    @inlinable public var isPlain: Bool { exponents == .zero }

    /// The money exponent of the dimension.
    public var moneyDimension: Int { Int(exponents[0]) }

    /// The time exponent of the dimension (seconds, minutes, … all count).
    public var timeDimension: Int {
        var total = 0
        for index in 1..<8 { total += Int(exponents[index]) }
        return total
    }

    /// True when both units measure the same kind of quantity.
    @inlinable public func sameDimension(as other: Unit) -> Bool {
        if exponents == other.exponents { return true }
        return moneyDimension == other.moneyDimension && timeDimension == other.timeDimension
    }

    /// True when the unit is dimensionless (it may still show as `h/year`).
    public var isDimensionless: Bool { moneyDimension == 0 && timeDimension == 0 }

    /// How many base units one of this unit is.
    public var scale: Double {
        if isPlain { return 1 }
        var result = 1.0
        for atom in Atom.allCases {
            let exp = Int(exponents[atom.rawValue])
            if exp == 0 || atom.scale == 1 { continue }
            var factor = 1.0
            for _ in 0..<abs(exp) { factor *= atom.scale }
            result = exp > 0 ? result * factor : result / factor
        }
        return result
    }

    /// The unit of a product.
    ///
    /// A plain factor leaves the other's unit as written (`2080 h per year * 70%` stays `h/year`).
    /// Otherwise exponents add, and time atoms of different sizes merge into one (the left operand's):
    /// `$/year / (h/year)` is `$/h`, `(1/month) * min` is a plain number.
    public func multiplied(by other: Unit) -> Unit {
        // A share of a share stays a share (84% × 100%); a count times a share is a count (3000 × 10% = 300).
        if isPlain && other.isPlain { return Unit(percent: percent && other.percent) }
        if other.isPlain { return Unit(exponents: exponents) }
        if isPlain { return Unit(exponents: other.exponents) }
        return Unit(exponents: exponents &+ other.exponents).mergingTime(preferring: self, other)
    }

    /// The unit of a quotient (see `multiplied(by:)`).
    public func divided(by other: Unit) -> Unit {
        // A share divided by a number or a share stays a share (30% / 2 = 15%, 86% / 96% = 89.6%).
        if isPlain && other.isPlain { return Unit(percent: percent) }
        if other.isPlain { return Unit(exponents: exponents) }
        return Unit(exponents: exponents &- other.exponents).mergingTime(preferring: self, other)
    }

    /// The unit raised to a whole power.
    public func power(_ exponent: Int) -> Unit {
        if isPlain { return Unit(percent: false) }
        return Unit(exponents: exponents &* SIMD8<Int8>(repeating: Int8(clamping: exponent)))
    }

    private func mergingTime(preferring left: Unit, _ right: Unit) -> Unit {
        var exps = exponents
        var nonZero = 0
        var net = 0
        for index in 1..<8 where exps[index] != 0 {
            nonZero += 1
            net += Int(exps[index])
        }
        if nonZero <= 1 { return Unit(exponents: exps) }
        var keep = 0
        for index in 1..<8 where left.exponents[index] != 0 {
            keep = index
            break
        }
        if keep == 0 {
            for index in 1..<8 where right.exponents[index] != 0 {
                keep = index
                break
            }
        }
        for index in 1..<8 { exps[index] = 0 }
        if net != 0, keep != 0 { exps[keep] = Int8(clamping: net) }
        return Unit(exponents: exps)
    }
}
