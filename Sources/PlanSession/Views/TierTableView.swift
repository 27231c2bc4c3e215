import PlanCore
import PlanGraph

/// `:table expr, …` (and the per-tier part of `:report`): one row per record key, one column per value.
///
/// Read as a planner would (#11 item 4): headers in words (`csat_tier` is "csat tier"), each column's unit
/// once under its header (`$/year`, `/month`, `min`; shares keep their `%` in every cell), a scalar shown
/// once, on an "all tiers" row, never repeated on every tier as if each tier had it, and on that row the
/// total of each column whose sum means something: amounts per time (`/month`, `$/year`, `h/month`) and
/// counts (`agents`, `tickets`), not shares, points, handle times, costs per contact or plain numbers
/// (whose meaning the unit does not tell: agents add up, concurrency does not). A column of numbers in one
/// unit gets one number of decimals so the points line up; the table narrows to the width as `TextTable`
/// does (headers wrapped at blanks, then columns in groups).
struct TierTableView {
    /// The columns: a header (the expression as typed) and a value (a record gives one row per key).
    let columns: [(header: String, value: Value)]

    /// The table laid out for `width` columns.
    func render(width: Int) -> String {
        var keys: [String] = []
        for (_, value) in columns {
            if case .record(let record) = value {
                for key in record.keys where !keys.contains(key) { keys.append(key) }
            }
        }
        let units = columns.map { _, value in Self.unit(of: value) }
        let texts = columns.map { _, value -> [String] in
            guard case .record(let record) = value else { return keys.map { _ in "" } }
            return Self.columnTexts(keys.map { record[$0] }, bare: true)
        }
        let totals = columns.map { _, value -> String in
            switch value {
            case .record(let record):
                guard let sum = Self.total(record) else { return "" }
                return Self.columnTexts(record.values + [sum], bare: true).last ?? ""
            default:
                return Self.columnTexts([value], bare: true)[0]
            }
        }
        var rows: [[String]] = [["tier"] + columns.map { Self.words($0.header) }]
        // The units under the headers, when a column's cells do not show theirs.
        if units.contains(where: { !$0.isEmpty && $0 != "%" }) { rows.append([""] + units) }
        for (index, key) in keys.enumerated() {
            rows.append([key] + texts.map { $0[index] })
        }
        if keys.isEmpty || totals.contains(where: { !$0.isEmpty }) {
            rows.append([keys.isEmpty ? "value" : "all tiers"] + totals)
        }
        return TextTable(rows).render(width: width)
    }

    /// A header in words: `_` read as a blank (`ai_resolution` is "ai resolution").
    static func words(_ header: String) -> String {
        String(header.map { $0 == "_" ? " " : $0 })
    }

    /// The unit a column's header shows: its symbol (`$/year`, `/month`, `min`, `pt`, `%`), "" for plain numbers
    /// and values that are not numbers.
    private static func unit(of value: Value) -> String {
        var first: Value? = value
        if case .record(let record) = value { first = record.values.first }
        guard case .number(_, let unit)? = first, !unit.isDate else { return "" }
        if unit.isPlain { return unit.percent ? "%" : "" }
        return unit.symbol
    }

    /// The sum of a record's fields when it means something (see the type's doc), else nil.
    static func total(_ record: Record) -> Value? {
        guard case .number(_, let unit)? = record.values.first, !unit.isPlain, !unit.isDate, unit.symbol != "pt",
            unit.isPerTime || (unit.hasCounts && !Self.hasCountsBelow(unit))
        else { return nil }
        var sum = record.values[0]
        for value in record.values.dropFirst() {
            guard let next = try? Value.apply(.add, sum, value, span: SourceSpan(start: 0, end: 0)) else { return nil }
            sum = next
        }
        return sum
    }

    /// True when a unit divides by a count (`$/ticket`): an amount per thing, which does not add up over tiers.
    private static func hasCountsBelow(_ unit: Unit) -> Bool {
        Unit.Atom.allCases.contains { atom in
            unit.exponents[atom.rawValue] < 0 && (atom.dimension?.isCount ?? false)
        }
    }

    /// A table column: numbers in one unit get the same number of decimals, so the points line up.
    ///
    /// The decimals are the most that `:show` uses for any of them (#11 item 9: `:table` and `:report` agree
    /// with `:show`, so 69.75% is 69.75% everywhere, and 70%, 22%, 8% stay whole): a value shows as `:show`
    /// has it, or with trailing zeros (shares and points to at most two decimals: 5.041% is 5.04%). A column whose values `:show` writes with k/M/B suffixes keeps them.
    /// With `bare`, a cell shows its number without the unit the header carries (`$36.67M`, `2.415M`,
    /// `4.94`; a share keeps its `%`).
    static func columnTexts(_ values: [Value?], bare: Bool = false) -> [String] {
        var unit: Unit?
        for value in values {
            guard case .number(_, let own)? = value else { return values.map { $0?.display ?? "" } }
            if let unit, !unit.sameDimension(as: own) { return values.map { $0?.display ?? "" } }
            // A column shows in one unit, the first row's (5 min, 10 min, 30 min — not 0.5 h).
            if unit == nil { unit = own }
        }
        guard let unit else { return values.map { $0?.display ?? "" } }
        var decimals = 0
        for case .number(let number, _)? in values {
            let text = Value.format(number, unit: unit)
            if text.contains(where: { "kMBe".contains($0) }) {
                return values.map { value in
                    guard bare, case .number(let number, _)? = value else { return value?.display ?? "" }
                    return Self.bare(Value.format(number, unit: unit), unit)
                }
            }
            decimals = max(decimals, Self.decimals(in: text))
        }
        // Shares and points: at most two decimals (a share of 10% or more shows exactly as `:show` has it, a
        // smaller one to the same two decimals, never a different rounding); other units at most four.
        decimals = min(decimals, Delta.isShare(unit) || unit.symbol == "pt" ? 2 : 4)
        return values.map { value in
            guard case .number(let number, _)? = value else { return "" }
            let text = Value.format(number, unit: unit, decimals: decimals)
            return bare ? Self.bare(text, unit) : text
        }
    }

    /// A cell's text without its unit: the number with its sign, `$`, digits and suffix (a share keeps `%`).
    private static func bare(_ text: String, _ unit: Unit) -> String {
        if unit.isPlain { return text }
        return String(text.prefix { "-+$0123456789.kMBe".contains($0) })
    }

    /// The decimals of the number in a display (`$5166.67/year` has 2, `93.4%` 1, `8%` none).
    private static func decimals(in text: String) -> Int {
        guard let point = text.firstIndex(of: ".") else { return 0 }
        return text[text.index(after: point)...].prefix { $0.isNumber }.count
    }
}
