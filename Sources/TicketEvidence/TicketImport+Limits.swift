import PlanCore

/// The limits of a ticket export (README "Limits"): over them the import is refused whole with an error
/// that names the limit, so a hostile or mistaken file cannot exhaust memory or run for hours.
extension TicketImport {
    /// The largest export read (a million-row export is about 100 MB).
    public static let maximumFileBytes = 1 << 30
    /// The most data rows read.
    public static let maximumRows = 10_000_000
    /// The longest field (an unclosed quote otherwise turns the rest of the file into one field).
    public static let maximumFieldBytes = 1 << 16

    /// Throws when the file at `path` is larger than `maximumFileBytes`.
    static func checkFileSize(_ path: String, bytes: Int) throws(EvalError) {
        guard bytes > maximumFileBytes else { return }
        throw EvalError(
            "\(path) is \(bytes >> 20) MiB; the limit is \(maximumFileBytes >> 20) MiB for a ticket export; "
                + "nothing was imported", kind: .limit)
    }

    /// Throws when a record breaks a limit: too many rows, or a field longer than `maximumFieldBytes`.
    static func checkRecord(_ fields: [String], rows: Int, line: Int, file: String) throws(EvalError) {
        if rows > maximumRows {
            throw EvalError(
                "\(file) has more than \(maximumRows) rows (the limit); nothing was imported", kind: .limit)
        }
        for field in fields where field.utf8.count > maximumFieldBytes {
            throw EvalError(
                "\(file) line \(line): a field of \(field.utf8.count) bytes; the limit is \(maximumFieldBytes) bytes "
                    + "a field (an unclosed quote?); nothing was imported", kind: .limit)
        }
    }
}
