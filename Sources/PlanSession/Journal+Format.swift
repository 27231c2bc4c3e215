/// The journal's text format: one record a line, each with its kind and a checksum, so that a typed line
/// can never be read back as anything but what was typed, and a damaged line is found and skipped.
///
/// ```
/// supportplan journal 1
/// start 5d1c0b7e standard
/// cwd 0c2f9a11 /home/ana/plans
/// load 77e0a2c4 klarna-2024
/// entry 3b9f60d2 fte_cost = $70k per year
/// entry 9a7d51f0 pair = (1 +\n2)
/// ```
///
/// A record is `KIND CHECKSUM PAYLOAD`: the checksum is FNV-1a (32 bits, 8 hex digits) of `KIND PAYLOAD`,
/// and the payload escapes `\` as `\\`, a line feed as `\n` and a carriage return as `\r`, so every
/// record is exactly one line. Typed text is only ever an `entry`: a comment typed at the prompt
/// (`#load klarna-2024`) is an entry whose replay does nothing. A line that does not end in a line feed
/// (the process was killed while writing it), has an unknown kind, a bad escape or a wrong checksum is
/// skipped and reported; the lines after it are still read.
extension Journal {
    /// One line of the journal.
    public enum Record: Equatable, Sendable {
        /// How the session started: the standard model, or empty (`--empty`).
        case start(empty: Bool)
        /// The working directory the session's relative paths are resolved against.
        case directory(String)
        /// The Monte Carlo seed given with `--seed`.
        case seed(UInt64)
        /// A preset loaded from the command line.
        case load(String)
        /// A file run from the command line, by absolute path.
        case run(String)
        /// An accepted entry, exactly as typed (several lines when it was continued).
        case entry(String)
    }

    /// A line that could not be read back.
    public struct Damage: Equatable, Sendable {
        /// The line number in the journal file (1 is the header).
        public var line: Int
        /// Why it was skipped.
        public var reason: String
    }

    /// The first line of every journal.
    static let header = "supportplan journal 1"

    /// The record as one line of text, with its line feed.
    static func encode(_ record: Record) -> String {
        let (kind, payload) = parts(of: record)
        let escaped = escape(payload)
        return kind + " " + checksum(kind + " " + escaped) + " " + escaped + "\n"
    }

    /// The records of a journal's text, and the lines that were skipped.
    static func decode(_ bytes: [UInt8]) -> (records: [Record], damaged: [Damage]) {
        var records: [Record] = []
        var damaged: [Damage] = []
        var lineStart = 0
        var number = 0
        var index = 0
        while lineStart < bytes.count {
            number += 1
            while index < bytes.count && bytes[index] != 10 { index += 1 }
            let complete = index < bytes.count
            let line = Array(bytes[lineStart..<index])
            index += 1
            lineStart = index
            guard complete else {
                damaged.append(Damage(line: number, reason: "cut off (the session ended while it was written)"))
                break
            }
            if number == 1 {
                if String(decoding: line, as: UTF8.self) == header { continue }
                damaged.append(Damage(line: 1, reason: "not a supportplan journal header"))
                continue
            }
            switch record(from: line) {
            case .success(let record): records.append(record)
            case .failure(let damage): damaged.append(Damage(line: number, reason: damage.reason))
            }
        }
        if number == 0 { damaged.append(Damage(line: 1, reason: "the journal is empty")) }
        return (records, damaged)
    }

    private static func parts(of record: Record) -> (String, String) {
        switch record {
        case .start(let empty): return ("start", empty ? "empty" : "standard")
        case .directory(let path): return ("cwd", path)
        case .seed(let seed): return ("seed", String(seed))
        case .load(let name): return ("load", name)
        case .run(let path): return ("run", path)
        case .entry(let text): return ("entry", text)
        }
    }

    private struct Unreadable: Error {
        var reason: String
    }

    private static func record(from line: [UInt8]) -> Result<Record, Unreadable> {
        guard let text = String(validating: line, as: UTF8.self) else {
            return .failure(Unreadable(reason: "not UTF-8 text"))
        }
        let fields = text.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard fields.count == 3 else { return .failure(Unreadable(reason: "not a journal record")) }
        let kind = String(fields[0])
        let escaped = String(fields[2])
        guard checksum(kind + " " + escaped) == fields[1] else {
            return .failure(Unreadable(reason: "damaged (its checksum does not match)"))
        }
        guard let payload = unescape(escaped) else { return .failure(Unreadable(reason: "a bad escape")) }
        switch kind {
        case "start":
            guard payload == "empty" || payload == "standard" else { break }
            return .success(.start(empty: payload == "empty"))
        case "cwd": return .success(.directory(payload))
        case "seed":
            guard let seed = UInt64(payload) else { break }
            return .success(.seed(seed))
        case "load": return .success(.load(payload))
        case "run": return .success(.run(payload))
        case "entry": return .success(.entry(payload))
        default: break
        }
        return .failure(Unreadable(reason: "an unknown record `\(kind)`"))
    }

    /// FNV-1a over the UTF-8 bytes, 32 bits as 8 hexadecimal digits.
    static func checksum(_ text: String) -> String {
        var hash: UInt32 = 0x811C_9DC5
        for byte in text.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }

    private static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func unescape(_ text: String) -> String? {
        var out = ""
        var escaping = false
        for scalar in text.unicodeScalars {
            if escaping {
                switch scalar {
                case "\\": out += "\\"
                case "n": out += "\n"
                case "r": out += "\r"
                default: return nil
                }
                escaping = false
            } else if scalar == "\\" {
                escaping = true
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return escaping ? nil : out
    }
}
