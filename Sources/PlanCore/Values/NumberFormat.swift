/// Formats numbers for people and for machines without Foundation.
public enum NumberFormat {
    /// Formats with at most `digits` decimals, trailing zeros removed (`1237.6`, `3`, `0.25`).
    public static func fixed(_ value: Double, decimals digits: Int, keepZeros: Bool = false) -> String {
        if !value.isFinite { return value.description }
        let negative = value < 0
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        if scaled >= 9.0e18 { return value.description }
        let whole = UInt64(scaled)
        let factor = UInt64(scale)
        let integerPart = whole / factor
        var fraction = whole % factor
        var fractionText = ""
        if digits > 0 && fraction != 0 {
            var chars = [Character](repeating: "0", count: digits)
            var index = digits - 1
            while fraction > 0 && index >= 0 {
                chars[index] = Character(Unicode.Scalar(UInt8(48 + fraction % 10)))
                fraction /= 10
                index -= 1
            }
            while !keepZeros, let last = chars.last, last == "0" { chars.removeLast() }
            fractionText = "." + String(chars)
        } else if digits > 0 && keepZeros {
            fractionText = "." + String(repeating: "0", count: digits)
        }
        let sign = negative && (integerPart != 0 || !fractionText.isEmpty) ? "-" : ""
        return sign + String(integerPart) + fractionText
    }

    /// The number rounded to 15 significant digits, as a spreadsheet keeps them.
    ///
    /// Unit conversion noise vanishes: 1200 per year is 100 a month, not 99.99999999999999.
    @inlinable public static func snapped(_ value: Double) -> Double {
        guard value.isFinite, value != 0 else { return value }
        let magnitude = abs(value)
        guard magnitude >= 1e-280 && magnitude <= 1e280 else { return value }
        var exponent = 0
        var probe = magnitude
        while probe >= 10 {
            probe /= 10
            exponent += 1
        }
        while probe < 1 {
            probe *= 10
            exponent -= 1
        }
        let shift = 14 - exponent
        let scale = Self.powerOfTen(abs(shift))
        let rounded = shift >= 0 ? (value * scale).rounded() / scale : (value / scale).rounded() * scale
        return rounded.isFinite ? rounded : value
    }

    /// 10 to a whole power.
    @usableFromInline static func powerOfTen(_ exponent: Int) -> Double {
        var result = 1.0
        var base = 10.0
        var rest = exponent
        while rest > 0 {
            if rest & 1 == 1 { result *= base }
            base *= base
            rest >>= 1
        }
        return result
    }

    /// Formats with `significant` significant digits, trailing zeros removed.
    public static func significant(_ value: Double, _ significant: Int) -> String {
        if value == 0 { return "0" }
        if !value.isFinite { return value.description }
        let magnitude = Int((log10Approx(abs(value))).rounded(.down))
        let decimals = max(0, significant - 1 - magnitude)
        return fixed(value, decimals: min(decimals, 15))
    }

    /// A human display: suffixes k, M, B from ten thousand up (4 significant digits), scientific notation for
    /// the tiny and huge, and below ten thousand as many decimals as a planner reads (1237.6, 23.53, 0.2387).
    public static func human(_ value: Double) -> String {
        let magnitude = abs(value)
        // Below 1e-9 is rounding noise in this domain (a 2e-13 FTE is zero FTE).
        if magnitude < 1e-9 { return "0" }
        if !value.isFinite { return value.description }
        if magnitude >= 1e15 || magnitude < 1e-4 { return scientific(value) }
        if magnitude >= 1e9 { return significant(value / 1e9, 4) + "B" }
        if magnitude >= 1e6 { return significant(value / 1e6, 4) + "M" }
        if magnitude >= 1e4 { return significant(value / 1e3, 4) + "k" }
        // Below ten thousand: one decimal from 100 up (1237.6, 701.4), two from 10 (23.53), else 4 digits.
        if magnitude >= 100 { return fixed(value, decimals: 1) }
        if magnitude >= 10 { return fixed(value, decimals: 2) }
        return significant(value, 4)
    }

    /// Scientific notation with four significant digits (`1.235e-05`).
    public static func scientific(_ value: Double) -> String {
        if !value.isFinite || value == 0 { return value == 0 ? "0" : value.description }
        var exponent = Int((log10Approx(abs(value))).rounded(.down))
        var mantissa = value / pow10(exponent)
        if abs(mantissa) >= 9.9995 {
            exponent += 1
            mantissa = value / pow10(exponent)
        }
        return fixed(mantissa, decimals: 3) + "e" + (exponent < 0 ? "-" : "+") + (abs(exponent) < 10 ? "0" : "")
            + String(abs(exponent))
    }

    /// Shortest text that reads back as the same double (for JSON and `:save`).
    public static func exact(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        return value.description
    }

    private static func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(exponent) { result *= 10 }
        return exponent < 0 ? 1 / result : result
    }

    private static func log10Approx(_ value: Double) -> Double {
        // Exact enough to pick the decade; corrected for values just below a power of ten.
        guard value.isFinite, value > 0 else { return 0 }
        var exponent = 0
        var scaled = value
        while scaled >= 10 {
            scaled /= 10
            exponent += 1
        }
        while scaled < 1 {
            scaled *= 10
            exponent -= 1
        }
        return Double(exponent)
    }
}
