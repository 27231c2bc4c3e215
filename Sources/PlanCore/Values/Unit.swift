/// A unit as written: exponents of unit atoms (`$`, `h`, `month`, `ticket`, `agent`, `pt`, …) and a percent
/// flag for dimensionless values written with `%`.
///
/// Values are stored in base units (dollars, seconds, one of each counted thing); a unit says how to show
/// them and which dimension they have. Units stay symbolic, as written (`h/year` stays `h/year`); see
/// `multiplied(by:)` for the simplification rules. The atoms and their dimensions are two tables
/// (`Atom.definition`, `Dimension`): adding a dimension is a case of `Dimension`, adding a unit word is an
/// `Atom` case and its row.
///
/// The dimension rules (README, "Decisions"):
/// - `+`, `-` and comparisons need `commensurable(with:)` units: the same dimension, counts included
///   (`12 agents + 4 h` and `5 agents + 5 tickets` are errors; zero compares with anything).
/// - `in` needs `sameDimension(as:)`: the same money and time dimension. It may add or drop count
///   exponents, because a count is a number of things (`60k tickets per month * 8 min in h/month` is the
///   hours the tickets take), but never money or time.
/// - Percentage points (`pt`) are dimensionless (1 pt = 0.01), so `(78% - 86%) in pt` is `-8 pt`.
///
/// Dates are not units. A month such as `2025-06` is a point in time, not an amount of time: it would be
/// a value of its own (a month index), with `date - date` a time in months, `date + time` a date, and
/// `date + date` an error; the lexer would read `2025-06` as one token before `-` is taken as minus.
/// Nothing here needs to change for it: a date carries no exponents.
public struct Unit: Hashable, Sendable {
    // The exponents of the 15 atoms in 15 bytes, so that a unit with its flag is 16 bytes aligned to 8 and a
    // `Value` stays 24 (a `SIMD16` field would align the unit to 16 and make a value 48 bytes).
    @usableFromInline var low: SIMD8<Int8>
    @usableFromInline var middle: SIMD4<Int8>
    @usableFromInline var high: SIMD2<Int8>
    @usableFromInline var last: Int8

    // Bit 0: shown as a percentage; bit 1: a date (a month on the calendar, see `Unit.date`).
    @usableFromInline var flags: UInt8

    /// True for a dimensionless value that is shown as a percentage.
    @inlinable public var percent: Bool {
        get { flags & 1 != 0 }
        set { flags = newValue ? flags | 1 : flags & ~1 }
    }

    /// True for a date: a month on the calendar (`2025-06`), stored as a month number (year × 12 + month − 1).
    ///
    /// A date is a point in time, not an amount of time: it has a dimension of its own (`Dimension.date`), so it
    /// never adds to a time or a plain number by accident. Dates compare with dates; `date - date` is a time in
    /// months; `date ± time` is a date when the time is a whole number of months (see `Value.apply`).
    @inlinable public var isDate: Bool { flags & 2 != 0 }

    /// Exponent of each atom, indexed by `Atom.rawValue` (lane 15 is always zero).
    @inlinable public var exponents: SIMD16<Int8> {
        get {
            SIMD16(
                lowHalf: low,
                highHalf: SIMD8(lowHalf: middle, highHalf: SIMD4(lowHalf: high, highHalf: SIMD2(last, 0))))
        }
        set {
            low = newValue.lowHalf
            middle = newValue.highHalf.lowHalf
            high = newValue.highHalf.highHalf.lowHalf
            last = newValue[14]
        }
    }

    /// Creates a unit from exponents.
    @inlinable public init(exponents: SIMD16<Int8> = .zero, percent: Bool = false) {
        low = exponents.lowHalf
        middle = exponents.highHalf.lowHalf
        high = exponents.highHalf.highHalf.lowHalf
        last = exponents[14]
        flags = percent ? 1 : 0
    }

    /// A plain number (computed, not stored: a stored `static let` is a lazy global that every arithmetic
    /// operation would check for initialisation).
    @inlinable public static var plain: Unit { Unit() }
    /// A plain number shown as a percentage.
    @inlinable public static var percentage: Unit { Unit(percent: true) }
    /// A date (a month on the calendar).
    public static let date: Unit = {
        var unit = Unit()
        unit.flags = 2
        return unit
    }()

    /// The unit's 16 bytes as two words, so that equality and hashing compare it at once.
    ///
    /// The derived `==` compared the SIMD fields lane by lane through generic code: 2% of loading a large model,
    /// where every operation of every cell compares units.
    @inlinable var words: (UInt64, UInt64) {
        let rest =
            UInt64(unsafeBitCast(middle, to: UInt32.self)) | UInt64(unsafeBitCast(high, to: UInt16.self)) << 32
            | UInt64(UInt8(bitPattern: last)) << 48 | UInt64(flags) << 56
        return (unsafeBitCast(low, to: UInt64.self), rest)
    }

    /// Two units are equal when their exponents and flags are.
    @inlinable public static func == (lhs: Unit, rhs: Unit) -> Bool { lhs.words == rhs.words }

    /// Hashes the exponents and flags.
    @inlinable public func hash(into hasher: inout Hasher) {
        let words = words
        hasher.combine(words.0)
        hasher.combine(words.1)
    }

    /// One atom to the first power.
    public static func atom(_ atom: Atom) -> Unit {
        var exps = SIMD16<Int8>.zero
        exps[atom.rawValue] = 1
        return Unit(exponents: exps)
    }

    /// True when the unit has no atoms and is not a date (a plain number or a percentage).
    @inlinable public var isPlain: Bool {
        low == .zero && middle == .zero && high == .zero && last == 0 && flags & 2 == 0
    }

    /// The exponent of each dimension, indexed by `Dimension.rawValue` (`$/h` is money 1, time -1).
    public var dimensions: SIMD8<Int16> {
        var result = SIMD8<Int16>.zero
        if isDate { result[Dimension.date.rawValue] = 1 }
        if low == .zero && middle == .zero && high == .zero && last == 0 { return result }
        // One masked horizontal sum per dimension (exponents are at most 16 each, so the sum fits in 8 bits).
        let own = exponents
        for (dimension, mask) in Self.dimensionMasks.enumerated() {
            result[dimension] = Int16((own & mask).wrappedSum())
        }
        return result
    }

    /// Per dimension, a lane mask of its atoms (all bits set where the atom has that dimension).
    private static let dimensionMasks: [SIMD16<Int8>] = Dimension.allCases.filter { $0 != .date }.map { dimension in
        var mask = SIMD16<Int8>.zero
        for index in Atom.members[dimension.rawValue] { mask[index] = -1 }
        return mask
    }

    /// The exponent of one dimension.
    public func exponent(of dimension: Dimension) -> Int { Int(dimensions[dimension.rawValue]) }

    /// The money exponent of the dimension.
    public var moneyDimension: Int { exponent(of: .money) }

    /// The time exponent of the dimension (seconds, minutes, … all count).
    public var timeDimension: Int { exponent(of: .time) }

    /// True when both units have the same money and time dimension: what `in` may convert between.
    ///
    /// Counts may differ (`tickets` and `h/month`): a count is a number of things, so `in` may add or
    /// drop it. Use `commensurable(with:)` where counts must agree (`+`, `-`, comparisons).
    @inlinable public func sameDimension(as other: Unit) -> Bool {
        if isDate != other.isDate { return false }
        if exponents == other.exponents { return true }
        let own = dimensions
        let theirs = other.dimensions
        return own[Dimension.money.rawValue] == theirs[Dimension.money.rawValue]
            && own[Dimension.time.rawValue] == theirs[Dimension.time.rawValue]
    }

    /// True when the two can be added, subtracted or compared: the same dimension, counts included
    /// (`tickets` and `contacts` are both counts of contacts; `agents` and `tickets` are not).
    @inlinable public func commensurable(with other: Unit) -> Bool {
        if isDate != other.isDate { return false }
        if exponents == other.exponents { return true }
        return dimensions == other.dimensions
    }

    /// True when `in` may show a value of this unit in `target` (see `sameDimension(as:)`).
    public func convertible(to target: Unit) -> Bool { sameDimension(as: target) }

    /// True when the unit has neither money nor time and is not a date (it may still show as `h/year`,
    /// `tickets` or `pt`).
    public var isDimensionless: Bool { moneyDimension == 0 && timeDimension == 0 && !isDate }

    /// True when the unit is written per some time (`$/month`, `h/year`, `/month`): a rate, whose month's
    /// amount is the rate times the month (`total`, `cumulative`, `npv`).
    public var isPerTime: Bool {
        Atom.members[Dimension.time.rawValue].contains { exponents[$0] < 0 }
    }

    /// True when the unit counts something (tickets, agents, customers) to any power.
    public var hasCounts: Bool {
        let own = dimensions
        return Dimension.allCases.contains { $0.isCount && own[$0.rawValue] != 0 }
    }

    /// The largest absolute exponent of any atom or dimension (for the growth limit of arithmetic).
    public var largestExponent: Int {
        var largest = 0
        for index in 0..<Atom.count { largest = max(largest, abs(Int(exponents[index]))) }
        let own = dimensions
        for index in 0..<Dimension.allCases.count { largest = max(largest, abs(Int(own[index]))) }
        return largest
    }

    /// True when no atom's exponent is beyond ±2: then no dimension can pass the growth limit either (at most
    /// seven atoms share a dimension), so arithmetic need not compute `largestExponent`.
    @inlinable public var hasSmallExponents: Bool {
        let own = exponents
        return own.max() <= 2 && own.min() >= -2
    }

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
    /// Otherwise exponents add, and atoms of one dimension but different sizes merge into one (the left
    /// operand's): `$/year / (h/year)` is `$/h`, `(1/month) * min` is a plain number, and
    /// `tickets/month * $/contact` is `$/month`.
    public func multiplied(by other: Unit) -> Unit {
        // A share of a share stays a share (84% × 100%); a count times a share is a count (3000 × 10% = 300).
        if isPlain && other.isPlain { return Unit(percent: percent && other.percent) }
        if other.isPlain { return Unit(exponents: exponents) }
        if isPlain { return Unit(exponents: other.exponents) }
        return Unit(exponents: exponents &+ other.exponents).merged(preferring: self, other)
    }

    /// The unit of a quotient (see `multiplied(by:)`).
    public func divided(by other: Unit) -> Unit {
        // A share divided by a number or a share stays a share (30% / 2 = 15%, 86% / 96% = 89.6%).
        if isPlain && other.isPlain { return Unit(percent: percent) }
        if other.isPlain { return Unit(exponents: exponents) }
        return Unit(exponents: exponents &- other.exponents).merged(preferring: self, other)
    }

    /// The unit of a sum or difference: the left operand's, except that a plain number and a share make a
    /// share (`1 - 4%` is 96%, not 0.96: the `%` was written, and a plain number has no unit to keep).
    @inlinable public func sumUnit(with other: Unit) -> Unit {
        flags == 0 && other.percent && isPlain && other.isPlain ? other : self
    }

    /// The unit of `min`, `max` or `clamp` over dimensionless values: a share when any of them is one
    /// (`clamp(x, 0%, 100%)` and `min(1, share)` are shares), else the first one's unit.
    public static func extremeUnit(_ units: [Unit]) -> Unit? {
        guard let first = units.first else { return nil }
        if first.isPlain && !first.percent && units.allSatisfy(\.isPlain) && units.contains(where: \.percent) {
            return .percentage
        }
        return first
    }

    /// The unit raised to a whole power.
    public func power(_ exponent: Int) -> Unit {
        if isPlain { return Unit(percent: false) }
        return Unit(exponents: exponents &* SIMD16<Int8>(repeating: Int8(clamping: exponent)))
    }

    /// Merges the atoms of each dimension into one when more than one is left (`min/month` → plain).
    private func merged(preferring left: Unit, _ right: Unit) -> Unit {
        var exps = exponents
        for dimension in Dimension.allCases {
            let members = Atom.members[dimension.rawValue]
            var nonZero = 0
            var net = 0
            for index in members where exps[index] != 0 {
                nonZero += 1
                net += Int(exps[index])
            }
            if nonZero <= 1 { continue }
            let keep =
                members.first { left.exponents[$0] != 0 } ?? members.first { right.exponents[$0] != 0 }
                ?? members[0]
            for index in members { exps[index] = 0 }
            if net != 0 { exps[keep] = Int8(clamping: net) }
        }
        return Unit(exponents: exps)
    }
}
