import PlanCore

/// Numbers for files (`--json`, `:export json|csv`) in the unit they are shown in, without conversion noise.
///
/// A value is stored in base units: `$60k per year` is 60000 / 31557600 dollars a second. Shown in `$/year`
/// as `base / unit.scale` it reads 60000.00000000001, because `unit.scale` is itself a rounded 1/31557600
/// (#11 item 14). Two ways take the noise out:
/// - JSON (`exact`): the shortest of the candidates that reads back as the same double. A candidate is read
///   back as the language reads a literal in that unit (`60000` in `$/year` is 60000 / 31557600, `7` in `%` is
///   7 / 100), so the JSON of SPEC §1 keeps full precision. The candidates, in order: the number rounded to 15
///   significant digits (`NumberFormat.snapped`), the inverse of the literal's own arithmetic (× 31557600 where
///   the literal divided), and the plain quotient as before.
/// - CSV (`spreadsheet`): rounded to 15 significant digits, as a spreadsheet keeps numbers anyway; a computed
///   value whose 16th and 17th digits are noise (59999.99999999999 contacts) reads as 60000.
enum ExportNumber {
    /// A base-unit number shown in `unit`, exact: it reads back as `base`, with no noise when it can.
    static func exact(_ base: Double, in unit: Unit) -> Double {
        let quotient = direct(base, unit)
        guard base.isFinite, quotient.isFinite else { return quotient }
        for candidate in [NumberFormat.snapped(quotient), inverse(base, unit)] where readBack(candidate, unit) == base {
            return candidate
        }
        return quotient
    }

    /// A base-unit number shown in `unit`, to 15 significant digits (what a spreadsheet keeps).
    static func spreadsheet(_ base: Double, in unit: Unit) -> Double {
        let exactly = exact(base, in: unit)
        return exactly.isFinite ? NumberFormat.snapped(exactly) : exactly
    }

    /// The number in `unit` as the views compute it: × 100 for a share, ÷ the unit's scale otherwise.
    private static func direct(_ base: Double, _ unit: Unit) -> Double {
        if unit.isPlain { return unit.percent ? base * 100 : base }
        return base / unit.scale
    }

    /// The base-unit value of a literal `shown` in `unit`: `7%` is 7 / 100; `60000 $/year` is 60000 ÷ the
    /// year's seconds; `1237.6 h/year` is 1237.6 × 3600 ÷ the year's seconds (each atom as the parser applies it).
    static func readBack(_ shown: Double, _ unit: Unit) -> Double {
        if unit.isPlain { return unit.percent ? shown / 100 : shown }
        var value = shown
        for atom in Unit.Atom.allCases {
            let exponent = Int(unit.exponents[atom.rawValue])
            if exponent > 0 { for _ in 0..<exponent { value *= atom.scale } }
        }
        for atom in Unit.Atom.allCases {
            let exponent = Int(unit.exponents[atom.rawValue])
            if exponent < 0 { for _ in 0..<(-exponent) { value /= atom.scale } }
        }
        return value
    }

    /// `readBack` undone step by step: × each scale a literal divides by, ÷ each it multiplies by.
    private static func inverse(_ base: Double, _ unit: Unit) -> Double {
        if unit.isPlain { return unit.percent ? base * 100 : base }
        var value = base
        for atom in Unit.Atom.allCases {
            let exponent = Int(unit.exponents[atom.rawValue])
            if exponent < 0 { for _ in 0..<(-exponent) { value *= atom.scale } }
        }
        for atom in Unit.Atom.allCases {
            let exponent = Int(unit.exponents[atom.rawValue])
            if exponent > 0 { for _ in 0..<exponent { value /= atom.scale } }
        }
        return value
    }
}
