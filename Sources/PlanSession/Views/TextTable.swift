/// A plain-text table with aligned columns that fits the width it is given.
///
/// The first row is the header; the first column (labels) is left-aligned, the others right-aligned.
/// When the table is too wide it is narrowed in three steps, each only as far as needed:
/// 1. headers wider than their column's values are wrapped after `_`, ` ` or `.` (bottom-aligned),
///    widest saving first (`agents_required_baseline` becomes three lines); headers of up to 6
///    characters stay whole;
/// 2. the columns are split into groups that fit, each printed as its own table with the label column
///    repeated, one after the other;
/// 3. a single column still too wide (a long record, a long label) is cut with `…`.
public struct TextTable {
    /// The rows, header first.
    public var rows: [[String]]

    /// Creates a table from rows (header first).
    public init(_ rows: [[String]]) { self.rows = rows }

    /// The two columns the table is indented by.
    static let indent = 2
    /// The columns between two columns.
    static let gap = 2

    /// The table laid out for `width` columns.
    public func render(width: Int) -> String {
        guard let header = rows.first, !header.isEmpty else { return "" }
        let width = TextLayout.usable(width)
        let count = header.count
        let rows = self.rows.map { row in (0..<count).map { $0 < row.count ? row[$0] : "" } }
        var widths = (0..<count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        let body = (0..<count).map { column in rows.dropFirst().map { $0[column].count }.max() ?? 0 }
        func total(_ columns: [Int]) -> Int {
            Self.indent + columns.map { widths[$0] }.reduce(0, +) + Self.gap * (columns.count - 1)
        }
        let all = Array(0..<count)
        // 1. Wrap headers, the largest saving first, until the table fits.
        while total(all) > width {
            let savings = (1..<max(1, count)).map { column -> (Int, Int) in
                // A short header (`P(< 0)`, `steps`) stays whole.
                guard header[column].count > 6 else { return (column, 0) }
                let narrowest = max(body[column], Self.pieces(header[column]).map(\.count).max() ?? 0)
                return (column, widths[column] - narrowest)
            }
            guard let best = savings.max(by: { $0.1 < $1.1 }), best.1 > 0 else { break }
            widths[best.0] -= best.1
        }
        // 3 (first for the labels): a label column may take at most half the width.
        if widths[0] > width / 2 && total(all) > width { widths[0] = width / 2 }
        // 2. Groups of columns that fit, each with the labels.
        var groups: [[Int]] = []
        var current = [0]
        for column in all.dropFirst() {
            if current.count > 1 && total(current + [column]) > width {
                groups.append(current)
                current = [0]
            }
            current.append(column)
        }
        groups.append(current)
        return groups.map { group -> String in
            // 3. A column that cannot fit even alone is cut.
            var shown = widths
            let over = total(group) - width
            if over > 0, let last = group.last { shown[last] = max(4, shown[last] - over) }
            return render(rows, columns: group, widths: shown)
        }.joined(separator: "\n\n")
    }

    /// Renders the given columns at the given widths (headers wrapped to fit, cells cut with `…`).
    private func render(_ rows: [[String]], columns: [Int], widths: [Int]) -> String {
        let headerLines = columns.map { Self.wrapHeader(rows[0][$0], widths[$0]) }
        let height = headerLines.map(\.count).max() ?? 1
        var lines: [String] = []
        for line in 0..<height {
            let cells = zip(columns, headerLines).map { column, pieces -> String in
                let offset = line - (height - pieces.count)
                return offset >= 0 ? pieces[offset] : ""
            }
            lines.append(Self.line(cells, columns: columns, widths: widths))
        }
        for row in rows.dropFirst() {
            let cells = columns.map { TextLayout.truncate(row[$0], widths[$0]) }
            lines.append(Self.line(cells, columns: columns, widths: widths))
        }
        return lines.joined(separator: "\n")
    }

    private static func line(_ cells: [String], columns: [Int], widths: [Int]) -> String {
        let padded = zip(columns, cells).map { column, cell in
            column > 0 ? cell.leftPadding(widths[column]) : cell.padding(widths[column])
        }
        return (String(repeating: " ", count: indent) + padded.joined(separator: String(repeating: " ", count: gap)))
            .trimmingTrailingSpaces()
    }

    /// A header cut into pieces after `_`, ` ` and `.` (`agents_`, `required_`, `a`).
    static func pieces(_ header: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        for char in header {
            current.append(char)
            if char == "_" || char == " " || char == "." {
                pieces.append(current)
                current = ""
            }
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }

    /// A header on as many lines as it needs at `width` (pieces joined while they fit; a piece too long cut).
    static func wrapHeader(_ header: String, _ width: Int) -> [String] {
        guard header.count > width else { return [header] }
        var lines: [String] = []
        var current = ""
        for piece in pieces(header) {
            if !current.isEmpty && current.count + piece.count > width {
                lines.append(current)
                current = ""
            }
            current += piece
        }
        if !current.isEmpty { lines.append(current) }
        return lines.map { TextLayout.truncate($0.trimmingTrailingSpaces(), width) }
    }
}

extension String {
    /// The string padded with spaces to `width` characters.
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    /// The string padded on the left to `width` characters.
    func leftPadding(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }

    /// The string without trailing spaces.
    func trimmingTrailingSpaces() -> String {
        var text = Substring(self)
        while text.last == " " { text.removeLast() }
        return String(text)
    }

    /// The string without leading and trailing spaces.
    func trimmingSpaces() -> String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return String(text)
    }
}

extension TextTable {
    /// The width of the table on one line, nothing wrapped or split.
    var naturalWidth: Int {
        guard let header = rows.first else { return 0 }
        let widths = header.indices.map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return Self.indent + widths.reduce(0, +) + Self.gap * max(0, widths.count - 1)
    }
}
