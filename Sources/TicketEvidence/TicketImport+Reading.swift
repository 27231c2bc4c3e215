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
    /// `name` is how docs and reports name the file (the path as the user typed it); `path` by default.
    public static func read(path: String, columns: TicketColumns = TicketColumns(), name: String? = nil)
        throws(EvalError) -> TicketImport
    {
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
        return try read(.file(path), file: name ?? path, columns: columns)
    }

    /// Reads an export held in memory (for tests and small pastes); `file` names it in docs and errors.
    public static func read(text: String, file: String, columns: TicketColumns = TicketColumns()) throws(EvalError)
        -> TicketImport
    {
        let body = text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
        return try read(.text(body), file: file, columns: columns)
    }

    private static func read(_ source: Source, file: String, columns: TicketColumns) throws(EvalError)
        -> TicketImport
    {
        var reader = try source.reader(fromLine: 1, file: file)
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
            if swallowsRows(fields, width: header.count) {
                // A quote that never closes swallows the rows after it into one field: report the line it
                // opened on and read on from the next line (a fresh reader there), so no row is lost.
                bad.add(line: start, problem: .unclosedQuote, value: "")
                reader = try source.reader(fromLine: start + 1, file: file)
                line = start + 1
                continue
            }
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
            throw EvalError(
                "no usable row in \(file) (\(read) \(read == 1 ? "row" : "rows") read); nothing was changed",
                kind: .domain, hint: bad.report.isEmpty ? nil : bad.report.joined(separator: "\n  "))
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

    /// Where an export is read from: a file (streamed) or text in memory.
    private enum Source {
        case file(String)
        case text(String)

        /// A reader positioned at the start of physical line `line` (1: the start of the file).
        func reader(fromLine line: Int, file: String) throws(EvalError) -> CSVReader {
            do {
                switch self {
                case .file(let path):
                    guard let stream = InputStream(fileAtPath: path) else {
                        throw EvalError("cannot open \(path)", kind: .io)
                    }
                    if line > 1 {
                        guard let offset = TicketImport.byteOffset(ofLine: line, path: path),
                            stream.setProperty(NSNumber(value: offset), forKey: .fileCurrentOffsetKey)
                        else { throw EvalError("cannot read \(path) past line \(line - 1)", kind: .io) }
                    }
                    return try CSVReader(stream: stream, hasHeaderRow: false)
                case .text(let text):
                    var rest = Substring(text)
                    if line > 1 {
                        let offset = TicketImport.byteOffset(ofLine: line, in: Array(text.utf8)) ?? text.utf8.count
                        rest = Substring(String(decoding: text.utf8.dropFirst(offset), as: UTF8.self))
                    }
                    return try CSVReader(string: String(rest), hasHeaderRow: false)
                }
            } catch let error as EvalError {
                throw error
            } catch {
                throw EvalError("cannot read \(file)", kind: .io)
            }
        }
    }

    /// True when a record is a quote that never closed.
    ///
    /// One of its fields holds a line break followed by a line with as many commas as a whole row has
    /// separators: rows of the file, swallowed into a field. A quoted line break in a subject
    /// (`"Late\nSecond line, with a comma"`) is not one.
    private static func swallowsRows(_ fields: [String], width: Int) -> Bool {
        guard width > 2 else { return false }
        for field in fields where field.utf8.contains(10) || field.utf8.contains(13) {
            var commas = 0
            var afterBreak = false
            for byte in field.utf8 {
                if byte == 10 || byte == 13 {
                    if afterBreak && commas >= width - 1 { return true }
                    afterBreak = true
                    commas = 0
                } else if byte == 44 {
                    commas += 1
                }
            }
            if afterBreak && commas >= width - 1 { return true }
        }
        return false
    }

    /// The byte offset where physical line `line` starts (a CRLF ends one line), or nil past the end.
    static func byteOffset(ofLine line: Int, in bytes: [UInt8]) -> Int? {
        var current = 1
        var index = 0
        while current < line {
            guard index < bytes.count else { return nil }
            let byte = bytes[index]
            index += 1
            if byte == 10 || (byte == 13 && (index >= bytes.count || bytes[index] != 10)) { current += 1 }
        }
        return index
    }

    /// `byteOffset(ofLine:in:)` for a file, read in chunks (only up to that line).
    static func byteOffset(ofLine line: Int, path: String) -> Int? {
        guard line > 1 else { return 0 }
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var current = 1
        var offset = 0
        var pendingCR = false
        while let chunk = try? handle.read(upToCount: 1 << 16), !chunk.isEmpty {
            for byte in chunk {
                if pendingCR {
                    pendingCR = false
                    if byte == 10 {
                        offset += 1
                        current += 1
                        if current == line { return offset }
                        continue
                    }
                    current += 1
                    if current == line { return offset }
                }
                offset += 1
                if byte == 10 {
                    current += 1
                    if current == line { return offset }
                } else if byte == 13 {
                    pendingCR = true
                }
            }
        }
        return pendingCR && current + 1 == line ? offset : nil
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
