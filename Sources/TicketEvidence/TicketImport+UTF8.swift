import Glibc
import PlanCore

/// The UTF-8 check run on an export before CSV.swift reads it.
///
/// CSV.swift does not report a byte that is not UTF-8 (an export saved as Latin-1 or Windows-1252): it
/// garbles the record around it into "wrong number of fields" rows with misleading line numbers. So the
/// importer checks the bytes first, in one streaming pass (64 KiB at a time, a tenth of a second per
/// 80 MB), and refuses such a file with the line and column of the first bad byte. The check is
/// structural (lead bytes C2–F4 followed by the right number of continuation bytes); it does not reject
/// overlong or surrogate forms, which export tools do not write.
extension TicketImport {
    /// Nil when the file at `path` is UTF-8 (or cannot be opened: the reader reports that), else where
    /// its first bad byte is: `line 3, byte 17`.
    static func firstNonUTF8(path: String) -> String? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var scan = UTF8Scan()
        while true {
            let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count == 0 { break }
            let bad = buffer.withUnsafeBufferPointer { scan.feed(UnsafeBufferPointer(rebasing: $0[0..<count])) }
            if bad { return "line \(scan.line), byte \(scan.column)" }
        }
        let (line, column, pending) = (scan.line, scan.lead, scan.pending)
        return pending > 0 ? "line \(line), byte \(column) (a character cut off at the end)" : nil
    }
}

/// The state of the UTF-8 check between chunks: where it is and how many continuation bytes it expects.
private struct UTF8Scan {
    var line = 1
    var column = 0
    var pending = 0
    /// The column of the lead byte of the character being read.
    var lead = 0

    /// Scans `bytes`; true at the first byte that is not UTF-8 (`line` and `column` then name it, or the
    /// lead byte of a character whose continuation is missing).
    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes {
            column &+= 1
            if pending > 0 {
                guard byte & 0xC0 == 0x80 else {
                    column = lead
                    return true
                }
                pending -= 1
                continue
            }
            if byte < 0x80 {
                if byte == 0x0A {
                    line += 1
                    column = 0
                }
                continue
            }
            lead = column
            switch byte {
            case 0xC2...0xDF: pending = 1
            case 0xE0...0xEF: pending = 2
            case 0xF0...0xF4: pending = 3
            default: return true
            }
        }
        return false
    }
}
