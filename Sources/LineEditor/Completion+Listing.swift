extension Completion {
    /// The most choices listed below the line; the rest are summarised in one line.
    static let listingLimit = 400

    /// Lays `choices` out in columns, ordered down then across as `ls` does, to fit `width` columns.
    ///
    /// Returns the rows without trailing spaces or newlines. Past `listingLimit` choices, the last row
    /// says how many more there are.
    static func listing(of choices: [String], width: Int) -> [String] {
        guard !choices.isEmpty else {
            return []
        }
        let shown = Array(choices.prefix(listingLimit))
        let gap = 2
        let widest = shown.map(\.count).max() ?? 0
        let columnWidth = widest + gap
        let columns = Swift.max(1, Swift.min(shown.count, (Swift.max(width, 1) + gap) / columnWidth))
        let rows = (shown.count + columns - 1) / columns
        var lines: [String] = []
        lines.reserveCapacity(rows + 1)
        for row in 0..<rows {
            var line = ""
            for column in 0..<columns {
                let index = column * rows + row
                guard index < shown.count else {
                    break
                }
                let item = shown[index]
                line += item
                let isLast = column == columns - 1 || index + rows >= shown.count
                if !isLast {
                    line += String(repeating: " ", count: columnWidth - item.count)
                }
            }
            lines.append(line)
        }
        if choices.count > shown.count {
            lines.append("… and \(choices.count - shown.count) more")
        }
        return lines
    }
}
