/// The model's monthly axis (SPEC §9): `timeline 2024-01 to 2026-12`.
///
/// Months are numbered on the calendar as `year × 12 + month − 1` (`2025-06` is 24,305), the number a date
/// value holds (`Unit.date`); a position is a month's index on the axis (0 for the first month).
public struct Timeline: Sendable, Equatable, Hashable {
    /// The first month's number.
    public var start: Int
    /// How many months the axis has (at least one).
    public var count: Int

    /// The most months a timeline may have (200 years): a recurrence evaluates month by month.
    public static let maximumMonths = 2_400

    /// Creates an axis from its first month's number and its length.
    public init(start: Int, count: Int) {
        self.start = start
        self.count = count
    }

    /// The last month's number.
    public var end: Int { start + count - 1 }

    /// The month number at a position.
    public func month(at position: Int) -> Int { start + position }

    /// The position of a month number, or nil when it is not on the axis.
    public func position(of month: Int) -> Int? {
        let position = month - start
        return position >= 0 && position < count ? position : nil
    }

    /// The labels of the months in order (`2024-01`, `2024-02`, …).
    public var labels: [String] { (0..<count).map { Self.label(start + $0) } }

    /// A month number written as `YYYY-MM`.
    public static func label(_ month: Int) -> String {
        let year = month >= 0 ? month / 12 : (month - 11) / 12
        let number = month - year * 12 + 1
        let yearText = String(year)
        let padded = yearText.count < 4 ? String(repeating: "0", count: 4 - yearText.count) + yearText : yearText
        return padded + "-" + (number < 10 ? "0" : "") + String(number)
    }

    /// A date value's month number, or nil when the number is not a whole month.
    public static func monthNumber(_ value: Double) -> Int? {
        guard value.isFinite, value == value.rounded(), abs(value) < 1e9 else { return nil }
        return Int(value)
    }

    /// The length of one month in seconds (a year / 12, as the `month` unit).
    public static let monthSeconds = 2_629_800.0
}
