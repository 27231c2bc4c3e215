/// Showing a series in a line: its first and last month, a sparkline, and for a flow its total (SPEC §9: a
/// series change shows as its first/last/total and a sparkline, not 36 numbers).
extension Series {
    /// The series in one line: `0% → 60% ▁▁▂▃▄▅▆▇██`, `$0.2M/month → $3.4M/month ▁▃▅▇█ (total $45.1M)`,
    /// `true in 9 of 12 months, from 2025-04`.
    public var summary: String { summary(sparkline: true) }

    /// The series in one line, with or without its sparkline (a report's table cell has no room for one).
    public func summary(sparkline: Bool) -> String {
        guard let first = values.first, let last = values.last else { return "(no months)" }
        if case .bool = first {
            let months = values.enumerated().filter { $0.element == .bool(true) }.map(\.offset)
            guard let from = months.first else { return "false in every month" }
            if months.count == values.count { return "true in every month" }
            return "true in \(months.count) of \(values.count) months, from \(Timeline.label(start + from))"
        }
        var text = values.count == 1 ? first.display : first.display + " → " + last.display
        if sparkline, let numbers = numbers?.values { text += " " + Self.sparkline(numbers) }
        if let total { text += " (total " + total.display + ")" }
        return text
    }

    /// For a flow (a rate per some time), the sum of its months' amounts: what `total` gives.
    public var total: Value? {
        guard let (numbers, unit) = numbers, unit.isPerTime else { return nil }
        var sum = 0.0
        for number in numbers { sum += NumberFormat.snapped(number * Timeline.monthSeconds) }
        return .number(sum, unit.multiplied(by: .atom(.month)))
    }

    /// A sparkline of numbers (`▁▂▃▄▅▆▇█`), at most `width` characters: longer series are averaged in buckets.
    public static func sparkline(_ numbers: [Double], width: Int = 24) -> String {
        guard !numbers.isEmpty, width > 0 else { return "" }
        var points = numbers
        if numbers.count > width {
            points = (0..<width).map { bucket in
                let from = bucket * numbers.count / width
                let to = max(from + 1, (bucket + 1) * numbers.count / width)
                var sum = 0.0
                for index in from..<to { sum += numbers[index] }
                return sum / Double(to - from)
            }
        }
        let finite = points.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return "" }
        let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        let span = high - low
        return String(
            points.map { point -> Character in
                guard point.isFinite else { return " " }
                guard span > 0, span.isFinite else { return blocks[3] }
                let level = Int(((point - low) / span * 7).rounded())
                return blocks[min(7, max(0, level))]
            })
    }
}
