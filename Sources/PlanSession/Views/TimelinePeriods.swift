import PlanCore

/// The rows of a timeline view (`:timeline`, `:simulate` of a series): one per month for a timeline of up
/// to 24 months, one per calendar quarter past that.
///
/// How a quarter's value is made from its months (the rule the views state under their tables):
/// - a flow, a number whose unit is per some time (`$/month`, `tickets/month`), shows the quarter's
///   **mean** month, in the same unit: the quarterly rows read on the same scale as a monthly view, and
///   three times the mean is the quarter's total;
/// - anything else shows the quarter's **last** month: a stock such as `agents` or `cumulative_net` at the
///   quarter's end, and so a share, a date, a flag or a text;
/// - a record aggregates field by field.
///
/// Quarters are calendar quarters (`2025-Q1` is January to March); a timeline that starts or ends inside a
/// quarter has a partial first or last quarter, aggregated over the months it has (`partial` names them).
struct TimelinePeriods: Equatable {
    /// The longest timeline shown month by month.
    static let monthlyLimit = 24

    /// One label per row: `2025-06`, or `2025-Q2`.
    let labels: [String]
    /// The positions on the timeline that each row aggregates.
    let groups: [Range<Int>]
    /// True when the rows are quarters.
    let quarterly: Bool

    /// The rows for a timeline: months up to `monthlyLimit`, quarters past it.
    init(_ timeline: Timeline, monthlyLimit: Int = Self.monthlyLimit) {
        guard timeline.count > monthlyLimit else {
            labels = timeline.labels
            groups = (0..<timeline.count).map { $0..<($0 + 1) }
            quarterly = false
            return
        }
        let quarters = Self.calendarGroups(timeline, months: 3)
        labels = quarters.map { String($0.year) + "-Q" + String($0.firstMonth / 3 + 1) }
        groups = quarters.map(\.positions)
        quarterly = true
    }

    /// The timeline cut into calendar periods of `months` months (3: quarters, 12: years), each with its year,
    /// the month index (0 for January) its period starts at on the calendar, and the positions it holds; the
    /// first and last may be partial.
    static func calendarGroups(_ timeline: Timeline, months: Int) -> [(
        year: Int, firstMonth: Int, positions: Range<Int>
    )] {
        var groups: [(year: Int, firstMonth: Int, positions: Range<Int>)] = []
        var position = 0
        while position < timeline.count {
            let (year, index) = Self.yearAndMonth(timeline.month(at: position))
            let periodStart = (index / months) * months
            let end = min(timeline.count, position + (periodStart + months - index))
            groups.append((year, periodStart, position..<end))
            position = end
        }
        return groups
    }

    /// The rows that do not hold a whole quarter (`2024-Q4 has 2 months`), empty for monthly rows.
    var partial: [String] {
        guard quarterly else { return [] }
        return zip(labels, groups).filter { $0.1.count < 3 }.map {
            "\($0.0) has \($0.1.count) month\($0.1.count == 1 ? "" : "s")"
        }
    }

    /// What a row is, for a view's header: `by month` or `by quarter`.
    var heading: String { quarterly ? "by quarter" : "by month" }

    /// The notes under a view's table: for quarters, how a quarter is made from its months and the partial
    /// quarters; nothing for months.
    var notes: [String] {
        guard quarterly else { return [] }
        var notes = ["  a quarter: a flow (…/month) is its mean month, anything else its last month"]
        if !partial.isEmpty { notes.append("  (" + partial.joined(separator: "; ") + ")") }
        return notes
    }

    /// The value of each row of a series.
    func aggregate(_ series: Series) -> [Value] {
        groups.map { group in Self.aggregate(Array(series.values[clamped(group, series.values.count)])) }
    }

    /// The number of each row from numbers per month (NaN stays NaN), for a flow (`isFlow`) the mean month,
    /// else the last month.
    func aggregate(_ numbers: [Double], isFlow: Bool) -> [Double] {
        groups.map { group in
            let months = numbers[clamped(group, numbers.count)]
            guard let last = months.last else { return .nan }
            guard isFlow else { return last }
            var sum = 0.0
            for value in months { sum += value }
            return sum / Double(months.count)
        }
    }

    /// One row's value from its months' values (see the type's rule).
    static func aggregate(_ months: [Value]) -> Value {
        guard let last = months.last else { return .number(.nan, .plain) }
        switch last {
        case .number(_, let unit) where unit.isPerTime && !unit.isDate:
            var sum = 0.0
            for case .number(let value, _) in months { sum += value }
            return .number(sum / Double(months.count), unit)
        case .record(let record):
            let fields = record.keys.enumerated().map { index, key -> Value in
                aggregate(
                    months.map { month in
                        if case .record(let own) = month, let field = own[key] { return field }
                        return record.values[index]
                    })
            }
            return .record(Record(keys: record.keys, values: fields))
        default:
            return last
        }
    }

    /// A group's positions within `count` values.
    private func clamped(_ group: Range<Int>, _ count: Int) -> Range<Int> {
        min(group.lowerBound, count)..<min(group.upperBound, count)
    }

    /// A month number's year and month index (0 for January).
    private static func yearAndMonth(_ month: Int) -> (Int, Int) {
        let year = month >= 0 ? month / 12 : (month - 11) / 12
        return (year, month - year * 12)
    }
}
