import PlanCore

/// What a ticket export says, ready for `:import tickets` and `:evidence` (SPEC §10).
///
/// Built by `TicketImport.read(path:columns:)`: per-tier evidence, the rows that could not be used (with
/// line numbers), and the statements that define the model's inputs from it, each with a `##` doc
/// naming the file, the rows used and the date range. The command layer applies `statements` as
/// ordinary statements (journalled, undoable, saved) and prints `report`.
public struct TicketImport: Sendable {
    /// The file as named by the user.
    public var file: String
    /// Data records read (the header and blank lines not counted).
    public var rowsRead: Int
    /// Records used (read minus bad).
    public var rowsUsed: Int
    /// Blank lines skipped (not records).
    public var blankLines: Int
    /// The first and last day of `created_at` among the usable rows (`YYYY-MM-DD`).
    public var firstDay: String
    /// The last day.
    public var lastDay: String
    /// Calendar days covered, first to last inclusive.
    public var days: Int
    /// Those days in months of 365.25 / 12 days: the divisor of `contacts`.
    public var months: Double { Double(days) / 30.4375 }
    /// Contacts per month over the range: usable rows / `months`.
    public var contactsPerMonth: Double { Double(rowsUsed) / months }
    /// One entry per tier, in the model's key order (routine, standard, complex).
    public var tiers: [TierEvidence]
    /// The rows that could not be used.
    public var badRows: BadRows
    /// What the import could not define and why (a missing column, a tier without answers).
    public var notes: [String]
    /// The statements to apply, in order.
    public var statements: [ImportedStatement]

    /// The statements as one script text (docs included), ready to parse.
    public var statementsText: String { statements.map(\.text).joined(separator: "\n\n") + "\n" }

    /// The import in a few lines for the user: rows, range, bad rows and notes.
    public var report: [String] {
        var lines = [
            "\(file): \(rowsUsed) of \(rowsRead) rows used,",
            "  \(firstDay) to \(lastDay) (\(days) \(days == 1 ? "day" : "days"))"
                + (blankLines > 0 ? ", \(blankLines) blank \(blankLines == 1 ? "line" : "lines") skipped" : ""),
        ]
        lines += badRows.report
        lines += notes
        return lines
    }
}

/// One statement an import defines: `name = expression` (or `name.field = expression`) with its doc.
public struct ImportedStatement: Sendable, Equatable {
    /// The cell.
    public var name: String
    /// The record field, for a tier the import could not fill for every tier.
    public var field: String?
    /// The expression text (`{routine: observed(12, 40), …}`).
    public var expression: String
    /// The `##` doc lines, without the `## ` prefix.
    public var doc: [String]

    /// The statement as script text, doc lines first (wrapped at 100 columns).
    public var text: String {
        let target = field.map { "\(name).\($0)" } ?? name
        return (doc.flatMap { WordWrap.lines($0, width: 97) }.map { "## " + $0 } + ["\(target) = \(expression)"])
            .joined(separator: "\n")
    }
}

/// The rows that could not be used: counted by reason, the first few named by line number.
public struct BadRows: Sendable, Equatable {
    /// One bad row: its line (where its record starts, counting from 1 at the header) and why.
    public struct Example: Sendable, Equatable {
        /// The line number.
        public var line: Int
        /// What was wrong, with the offending value (`unknown tier "gold"`).
        public var reason: String
    }

    /// How many rows were named by line (the rest are counted).
    public static let namedLimit = 5
    /// The first `namedLimit` bad rows.
    public var examples: [Example] = []
    /// Bad rows per reason (`unknown tier`: 3).
    public var counts: [(reason: String, count: Int)] = []
    /// All bad rows.
    public var total: Int { counts.reduce(0) { $0 + $1.count } }

    mutating func add(line: Int, problem: TicketRow.Problem, value: String) {
        if examples.count < Self.namedLimit {
            var shown = value.count > 40 ? String(value.prefix(40)) + "…" : value
            shown = shown.replacingNewlines
            examples.append(Example(line: line, reason: problem.rawValue + (value.isEmpty ? "" : " \"\(shown)\"")))
        }
        if let index = counts.firstIndex(where: { $0.reason == problem.rawValue }) {
            counts[index].count += 1
        } else {
            counts.append((problem.rawValue, 1))
        }
    }

    /// Lines for the user: the total by reason, then the named rows.
    public var report: [String] {
        guard total > 0 else { return [] }
        // The reasons, wrapped so that a line stays within 76 characters.
        var lines = ["\(total) bad \(total == 1 ? "row" : "rows") not used:"]
        for (index, count) in counts.enumerated() {
            let item = "\(count.count) \(count.reason)" + (index < counts.count - 1 ? "," : "")
            if let last = lines.last, last.count + 1 + item.count <= 76 {
                lines[lines.count - 1] = last + " " + item
            } else {
                lines.append("  " + item)
            }
        }
        for example in examples { lines.append("  line \(example.line): \(example.reason)") }
        if total > examples.count { lines.append("  … and \(total - examples.count) more") }
        return lines
    }

    public static func == (a: BadRows, b: BadRows) -> Bool {
        a.examples == b.examples && a.counts.map(\.reason) == b.counts.map(\.reason)
            && a.counts.map(\.count) == b.counts.map(\.count)
    }
}

extension String {
    /// The text with line breaks shown as `⏎`, for one-line reports.
    var replacingNewlines: String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\n" || $0 == "\r" ? "⏎" : $0 }))
    }
}
