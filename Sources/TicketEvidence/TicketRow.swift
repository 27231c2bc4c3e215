/// One ticket, as read from one CSV record; the field parsers say what each column accepts.
///
/// Accepted values (case does not matter, surrounding spaces are ignored):
/// - tier: `routine | standard | complex`, `1 | 2 | 3`, `tier 1`, `tier1`, `t1`, `tier_1`.
/// - handled_by: `ai` (also `bot`, `ai_agent`, `automated`), `human` (also `agent`, `teammate`),
///   `ai_then_human` (also `escalated`, `handoff`, `ai_escalated`, `ai_to_human`).
/// - created_at: an ISO date `YYYY-MM-DD`, optionally followed by `T` or a space and a time (the time
///   is not checked beyond that; only the day is used).
/// - handle_time: minutes (`7.5`), or a number with a unit (`7.5 min`, `450 s`, `0.2 h`), or
///   `h:mm:ss` / `mm:ss`. Blank is allowed (an AI contact has no human time); a human row with a blank
///   time is counted but not used for `aht`.
/// - csat: blank (no answer), `1`–`5` (4 and 5 are satisfied), `good | bad`, `satisfied | unsatisfied`.
/// - reopened: blank (not reopened), `true | false`, `yes | no`, `y | n`, or a count of reopens (`0`, `2`).
struct TicketRow {
    /// The tier's index: 0 routine, 1 standard, 2 complex.
    var tier: Int
    /// Who handled it.
    var handler: Handler
    /// Days since 1970-01-01 of `created_at`.
    var day: Int
    /// Human handle time in minutes, when given.
    var handleMinutes: Double?
    /// The survey answer: satisfied or not, when answered.
    var satisfied: Bool?
    /// Whether the contact came back.
    var reopened: Bool

    /// Who handled a contact.
    enum Handler: Int {
        case ai, human, aiThenHuman
    }

    /// The tiers' names in the model's key order.
    static let tierNames = ["routine", "standard", "complex"]

    /// Why a row could not be used.
    enum Problem: String, CaseIterable {
        case fieldCount = "wrong number of fields"
        case unclosedQuote = "a quote opened on this line is not closed"
        case tier = "unknown tier"
        case handler = "unknown handled_by"
        case date = "bad date"
        case handleTime = "bad handle time"
        case csat = "bad csat"
        case reopened = "bad reopened"
    }

    static func tier(_ text: String) -> Int? {
        var word = text.trimmed.lowercased()
        switch word {
        case "routine": return 0
        case "standard": return 1
        case "complex": return 2
        default: break
        }
        for prefix in ["tier", "t"] where word.hasPrefix(prefix) {
            word = String(word.dropFirst(prefix.count))
            if word.hasPrefix(" ") || word.hasPrefix("_") || word.hasPrefix("-") { word = String(word.dropFirst()) }
            break
        }
        switch word {
        case "1": return 0
        case "2": return 1
        case "3": return 2
        default: return nil
        }
    }

    static func handler(_ text: String) -> Handler? {
        switch text.trimmed.lowercased() {
        case "ai", "bot", "ai_agent", "ai agent", "automated": return .ai
        case "human", "agent", "teammate": return .human
        case "ai_then_human", "ai then human", "escalated", "handoff", "ai_escalated", "ai_to_human":
            return .aiThenHuman
        default: return nil
        }
    }

    /// Days since 1970-01-01, or nil when `text` does not start with a valid ISO date.
    static func day(_ text: String) -> Int? {
        let bytes = Array(text.trimmed.utf8)
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        if bytes.count > 10 && bytes[10] != UInt8(ascii: "T") && bytes[10] != UInt8(ascii: " ") { return nil }
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = digits(0..<4), let month = digits(5..<7), let day = digits(8..<10) else { return nil }
        guard year >= 1900, (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else {
            return nil
        }
        return daysSinceEpoch(year: year, month: month, day: day)
    }

    /// Minutes, or `.some(nil)` for a blank field, or nil when it is not a time.
    static func minutes(_ text: String) -> Double?? {
        let word = text.trimmed.lowercased()
        if word.isEmpty { return .some(nil) }
        if word.utf8.contains(UInt8(ascii: ":")) {
            var seconds = 0.0
            let parts = word.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2 || parts.count == 3 else { return nil }
            for part in parts {
                guard let value = Double(String(part)), value.isFinite, value >= 0 else { return nil }
                seconds = seconds * 60 + value
            }
            return .some(seconds / 60)
        }
        var number = Substring(word)
        var scale = 1.0
        let units: [(String, Double)] = [
            ("minutes", 1), ("minute", 1), ("seconds", 1.0 / 60), ("second", 1.0 / 60), ("hours", 60),
            ("hour", 60), ("mins", 1), ("secs", 1.0 / 60), ("hrs", 60), ("min", 1), ("sec", 1.0 / 60),
            ("hr", 60), ("m", 1), ("s", 1.0 / 60), ("h", 60),
        ]
        for (unit, factor) in units where number.hasSuffix(unit) {
            number = number.dropLast(unit.count)
            scale = factor
            break
        }
        guard let value = Double(String(number).trimmed), value.isFinite, value >= 0 else { return nil }
        return .some(value * scale)
    }

    /// Satisfied or not, `.some(nil)` for no answer, or nil when it is not a CSAT answer.
    static func satisfied(_ text: String) -> Bool?? {
        switch text.trimmed.lowercased() {
        case "": return .some(nil)
        case "4", "5", "good", "satisfied", "4.0", "5.0": return true
        case "1", "2", "3", "bad", "unsatisfied", "dissatisfied", "1.0", "2.0", "3.0": return false
        default: return nil
        }
    }

    static func reopened(_ text: String) -> Bool? {
        let word = text.trimmed.lowercased()
        switch word {
        case "", "false", "no", "n", "0": return false
        case "true", "yes", "y", "1": return true
        default:
            guard let count = Int(word), count >= 0 else { return nil }
            return count > 0
        }
    }

    private static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1970-01-01 to the given civil date (Howard Hinnant's algorithm).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date of a day number (the inverse of `daysSinceEpoch`).
    static func civil(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The ISO date `YYYY-MM-DD` of a day number.
    static func isoDate(_ days: Int) -> String {
        let (year, month, day) = civil(days)
        return "\(year)-" + pad(month) + "-" + pad(day)
    }

    /// Months since year 0 (year · 12 + month − 1) of a day number.
    static func monthIndex(_ days: Int) -> Int {
        let (year, month, _) = civil(days)
        return year * 12 + month - 1
    }

    /// `YYYY-MM` of a month index.
    static func monthName(_ index: Int) -> String { "\(index / 12)-" + pad(index % 12 + 1) }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}
