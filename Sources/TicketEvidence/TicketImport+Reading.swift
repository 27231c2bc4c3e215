import CSV
import Foundation
import PlanCore

/// Reading a ticket export with yaslab/CSV.swift (2.5.2).
///
/// Why this package rather than swiftcsv/SwiftCSV (0.10.0): CSV.swift's `CSVReader` streams records one
/// at a time from an `InputStream` (a fixed-size read buffer), so a million-row export is read in bounded
/// memory; SwiftCSV loads the whole file into one `String` and parses it into arrays first, so its memory
/// grows with the file. Both handle RFC 4180 quoting (embedded commas, quotes and line breaks) and CRLF;
/// CSV.swift also skips a UTF-8 byte-order mark. Both need Foundation (`InputStream`, `CharacterSet`),
/// which is why this is a module of its own: only what imports it pays for Foundation.
extension TicketImport {
    /// Reads the export at `path` with the column map `columns`.
    ///
    /// Throws an `.io` error when the file cannot be opened or is not UTF-8, a `.usage` error when a
    /// required column is missing, and a `.domain` error when no row is usable (nothing is defined then).
    public static func read(path: String, columns: TicketColumns = TicketColumns()) throws(EvalError) -> TicketImport {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw EvalError("no file \(path)", kind: .io)
        }
        guard !isDirectory.boolValue else { throw EvalError("\(path) is a directory, not a ticket export", kind: .io) }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        try checkFileSize(path, bytes: size)
        if let place = firstNonUTF8(path: path) {
            throw EvalError(
                "\(path) is not UTF-8 text (\(place)); nothing was imported", kind: .io,
                hint: "save the export as UTF-8 (CSV UTF-8 in a spreadsheet)")
        }
        guard let stream = InputStream(fileAtPath: path) else { throw EvalError("cannot open \(path)", kind: .io) }
        let reader: CSVReader
        do {
            reader = try CSVReader(stream: stream, hasHeaderRow: false)
        } catch {
            throw EvalError("cannot read \(path)", kind: .io)
        }
        return try read(reader, file: path, columns: columns)
    }

    /// Reads an export held in memory (for tests and small pastes); `file` names it in docs and errors.
    public static func read(text: String, file: String, columns: TicketColumns = TicketColumns()) throws(EvalError)
        -> TicketImport
    {
        let body = text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
        let reader: CSVReader
        do {
            reader = try CSVReader(string: body, hasHeaderRow: false)
        } catch {
            throw EvalError("cannot read \(file)", kind: .io)
        }
        return try read(reader, file: file, columns: columns)
    }

    private static func read(_ reader: CSVReader, file: String, columns: TicketColumns) throws(EvalError)
        -> TicketImport
    {
        var line = 1
        guard let header = reader.next(), header != [""] else {
            if let problem = readProblem(reader.error) { throw EvalError("\(file) \(problem)", kind: .io) }
            throw EvalError("\(file) is empty: a ticket export needs a header row", kind: .domain)
        }
        try checkRecord(header, rows: 0, line: 1, file: file)
        line += 1 + lineBreaks(header)
        let index = try columns.indices(in: header)
        var tallies = [TierTally(), TierTally(), TierTally()]
        var bad = BadRows()
        var read = 0
        var used = 0
        var blank = 0
        var firstDay = Int.max
        var lastDay = Int.min
        while let fields = reader.next() {
            let start = line
            line += 1 + lineBreaks(fields)
            if fields.count == 1 && fields[0].isEmpty {
                blank += 1
                continue
            }
            read += 1
            try checkRecord(fields, rows: read, line: start, file: file)
            switch parse(fields, header.count, index) {
            case .success(let row):
                used += 1
                tallies[row.tier].add(row)
                firstDay = min(firstDay, row.day)
                lastDay = max(lastDay, row.day)
            case .failure(let problem):
                bad.add(line: start, problem: problem.problem, value: problem.value)
            }
        }
        if let problem = readProblem(reader.error) {
            throw EvalError("\(file) \(problem) (near line \(line)); nothing was imported", kind: .io)
        }
        guard used > 0 else {
            let why = bad.report.isEmpty ? "" : ": " + bad.report.joined(separator: "; ")
            throw EvalError(
                "no usable row in \(file) (\(read) rows read)\(why); nothing was changed", kind: .domain)
        }
        let tiers = tallies.enumerated().map { tier, tally in
            tally.evidence(tier: TicketRow.tierNames[tier], total: used)
        }
        var result = TicketImport(
            file: file, rowsRead: read, rowsUsed: used, blankLines: blank, firstDay: TicketRow.isoDate(firstDay),
            lastDay: TicketRow.isoDate(lastDay), days: lastDay - firstDay + 1, tiers: tiers, badRows: bad, notes: [],
            statements: [])
        result.buildStatements(present: Set(index.keys))
        return result
    }

    /// What a reader error means, or nil for the end of the file.
    ///
    /// On Linux a file `InputStream` reports bytes available until a read returns none, so CSV.swift
    /// ends every file with `cannotReadFile`; a failed read with a cause is `streamErrorHasOccurred`.
    private static func readProblem(_ error: Error?) -> String? {
        guard let error else { return nil }
        switch error {
        case CSVError.cannotReadFile: return nil
        case CSVError.unicodeDecoding: return "is not UTF-8 text"
        default: return "could not be read"
        }
    }

    /// A bad row's reason and the value that caused it.
    private struct RowProblem: Error {
        var problem: TicketRow.Problem
        var value: String
    }

    private static func parse(_ fields: [String], _ width: Int, _ index: [TicketColumns.Role: Int]) -> Result<
        TicketRow, RowProblem
    > {
        guard fields.count == width else {
            return .failure(RowProblem(problem: .fieldCount, value: "\(fields.count) of \(width)"))
        }
        func field(_ role: TicketColumns.Role) -> String { index[role].map { fields[$0] } ?? "" }
        guard let tier = TicketRow.tier(field(.tier)) else {
            return .failure(RowProblem(problem: .tier, value: field(.tier)))
        }
        guard let handler = TicketRow.handler(field(.handledBy)) else {
            return .failure(RowProblem(problem: .handler, value: field(.handledBy)))
        }
        guard let day = TicketRow.day(field(.createdAt)) else {
            return .failure(RowProblem(problem: .date, value: field(.createdAt)))
        }
        guard let minutes = TicketRow.minutes(field(.handleTime)) else {
            return .failure(RowProblem(problem: .handleTime, value: field(.handleTime)))
        }
        guard let satisfied = TicketRow.satisfied(field(.csat)) else {
            return .failure(RowProblem(problem: .csat, value: field(.csat)))
        }
        guard let reopened = TicketRow.reopened(field(.reopened)) else {
            return .failure(RowProblem(problem: .reopened, value: field(.reopened)))
        }
        return .success(
            TicketRow(
                tier: tier, handler: handler, day: day, handleMinutes: minutes, satisfied: satisfied,
                reopened: reopened))
    }

    /// Line breaks inside a record's fields (CRLF counts once), so that line numbers stay physical.
    private static func lineBreaks(_ fields: [String]) -> Int {
        var count = 0
        for field in fields {
            var previousCR = false
            for byte in field.utf8 {
                if byte == 10 {
                    if !previousCR { count += 1 }
                    previousCR = false
                } else if byte == 13 {
                    count += 1
                    previousCR = true
                } else {
                    previousCR = false
                }
            }
        }
        return count
    }
}
