/// Splits source text into tokens, one at a time.
///
/// A newline ends a statement unless a bracket is open or the line ends with a binary operator
/// (then the statement continues on the next line). `#` starts a comment; `##` is documentation.
/// A line whose first character is `:` (outside brackets) is a command.
public struct Lexer: Sendable {
    private let bytes: [UInt8]
    private var position: Int
    private var depth = 0
    private var lastContinues = false
    private var atLineStart = true

    /// Creates a lexer over a source file.
    public init(_ file: SourceFile, from offset: Int = 0) {
        self.bytes = file.bytes
        self.position = offset
    }

    /// The source text at `span` (a name's, when the span is an identifier token's).
    func text(of span: SourceSpan) -> String {
        String(decoding: bytes[span.start..<span.end], as: UTF8.self)
    }

    /// The bracket depth after the last token (open `(` and `{`).
    public var openBrackets: Int { depth }
    /// True when the last token asks for the statement to continue (a binary operator).
    public var endsWithOperator: Bool { lastContinues }

    /// The next token, or an error for a character the language does not know.
    public mutating func next() throws(EvalError) -> Token {
        while true {
            skipBlanks()
            guard position < bytes.count else { return Token(.end, SourceSpan(start: bytes.count, end: bytes.count)) }
            let start = position
            let byte = bytes[position]
            if byte == UInt8(ascii: "\n") {
                position += 1
                if depth > 0 || lastContinues { continue }
                atLineStart = true
                return Token(.newline, SourceSpan(start: start, end: start + 1))
            }
            if byte == UInt8(ascii: "#") {
                if position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "#"), depth == 0 {
                    let end = lineEnd(from: position)
                    position = end
                    return Token(.doc, SourceSpan(start: start, end: end))
                }
                position = lineEnd(from: position)
                continue
            }
            let lineStart = atLineStart
            atLineStart = false
            if byte == UInt8(ascii: ":") && lineStart && depth == 0 {
                let end = lineEnd(from: position)
                position = end
                lastContinues = false
                return Token(.command, SourceSpan(start: start, end: end))
            }
            let token = try scan(byte, start: start)
            lastContinues = continues(token)
            return token
        }
    }

    private mutating func scan(_ byte: UInt8, start: Int) throws(EvalError) -> Token {
        if isDigit(byte) || (byte == UInt8(ascii: ".") && position + 1 < bytes.count && isDigit(bytes[position + 1])) {
            return try number(start: start)
        }
        if isIdentifierStart(byte) {
            while position < bytes.count && isIdentifierPart(bytes[position]) { position += 1 }
            if let keyword = Keyword.match(bytes, start, position) {
                return Token(.keyword(keyword), SourceSpan(start: start, end: position))
            }
            return Token(.identifier, SourceSpan(start: start, end: position))
        }
        if byte == UInt8(ascii: "\"") { return try string(start: start) }
        position += 1
        func span(_ end: Int) -> SourceSpan { SourceSpan(start: start, end: end) }
        let nextByte: UInt8 = position < bytes.count ? bytes[position] : 0
        switch byte {
        case UInt8(ascii: ";"):
            return Token(.newline, span(position))
        case UInt8(ascii: "$"): return Token(.dollar, span(position))
        case UInt8(ascii: "+"): return Token(.symbol(.plus), span(position))
        case UInt8(ascii: "-"): return Token(.symbol(.minus), span(position))
        case UInt8(ascii: "*"): return Token(.symbol(.star), span(position))
        case UInt8(ascii: "/"): return Token(.symbol(.slash), span(position))
        case UInt8(ascii: "^"): return Token(.symbol(.caret), span(position))
        case UInt8(ascii: "%"): return Token(.symbol(.percent), span(position))
        case UInt8(ascii: ","): return Token(.symbol(.comma), span(position))
        case UInt8(ascii: ":"): return Token(.symbol(.colon), span(position))
        case UInt8(ascii: "."): return Token(.symbol(.dot), span(position))
        case UInt8(ascii: "("), UInt8(ascii: "{"):
            depth += 1
            return Token(.symbol(byte == UInt8(ascii: "(") ? .leftParen : .leftBrace), span(position))
        case UInt8(ascii: ")"), UInt8(ascii: "}"):
            depth = max(0, depth - 1)
            return Token(.symbol(byte == UInt8(ascii: ")") ? .rightParen : .rightBrace), span(position))
        case UInt8(ascii: "="):
            if nextByte == UInt8(ascii: "=") {
                position += 1
                return Token(.symbol(.equal), span(position))
            }
            return Token(.symbol(.assign), span(position))
        case UInt8(ascii: "!"):
            if nextByte == UInt8(ascii: "=") {
                position += 1
                return Token(.symbol(.notEqual), span(position))
            }
        case UInt8(ascii: "<"), UInt8(ascii: ">"):
            let less = byte == UInt8(ascii: "<")
            if nextByte == UInt8(ascii: "=") {
                position += 1
                return Token(.symbol(less ? .lessEqual : .greaterEqual), span(position))
            }
            return Token(.symbol(less ? .less : .greater), span(position))
        default: break
        }
        // Report the whole (possibly multi-byte) character.
        var end = position
        while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
        let char = String(decoding: bytes[start..<end], as: UTF8.self)
        position = end
        let shown = char == "\u{FFFD}" ? "an invalid UTF-8 byte" : "`\(char)`"
        throw EvalError("unexpected character: \(shown)", span: span(end))
    }

    private mutating func number(start: Int) throws(EvalError) -> Token {
        if let date = try monthLiteral(start: start) { return date }
        // Fast path (Clinger): up to 15 significant digits and a small decimal exponent are exact in a double.
        var mantissa: UInt64 = 0
        var significant = 0
        var fractionDigits = 0
        var exact = true
        var seenDot = false
        while position < bytes.count {
            let byte = bytes[position]
            if isDigit(byte) {
                if significant < 15 {
                    mantissa = mantissa * 10 + UInt64(byte - 48)
                    if mantissa > 0 { significant += 1 }
                    if seenDot { fractionDigits += 1 }
                } else {
                    exact = false
                }
            } else if byte == UInt8(ascii: "_") && !seenDot {
                // A digit separator (`1_000`).
            } else if byte == UInt8(ascii: ".") && !seenDot && position + 1 < bytes.count
                && isDigit(bytes[position + 1])
            {
                seenDot = true
            } else {
                break
            }
            position += 1
        }
        var exponent = 0
        if position < bytes.count && (bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E")) {
            var look = position + 1
            var negative = false
            if look < bytes.count && (bytes[look] == UInt8(ascii: "-") || bytes[look] == UInt8(ascii: "+")) {
                negative = bytes[look] == UInt8(ascii: "-")
                look += 1
            }
            if look < bytes.count && isDigit(bytes[look]) {
                position = look
                while position < bytes.count && isDigit(bytes[position]) {
                    exponent = min(exponent * 10 + Int(bytes[position] - 48), 100_000)
                    position += 1
                }
                if negative { exponent = -exponent }
            }
        }
        var value: Double
        let decimalExponent = exponent - fractionDigits
        if exact && decimalExponent >= -22 && decimalExponent <= 22 {
            value = Double(mantissa)
            let scale = Self.powersOfTen[abs(decimalExponent)]
            value = decimalExponent < 0 ? value / scale : value * scale
        } else {
            let text = String(decoding: bytes[start..<position].filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
            guard let parsed = Double(text) else {
                throw EvalError("malformed number", span: SourceSpan(start: start, end: position))
            }
            value = parsed
        }
        if position < bytes.count {
            let scale: Double? =
                switch bytes[position] {
                case UInt8(ascii: "k"): 1e3
                case UInt8(ascii: "M"): 1e6
                case UInt8(ascii: "B"): 1e9
                default: nil
                }
            if let scale, position + 1 >= bytes.count || !isIdentifierPart(bytes[position + 1]) {
                value *= scale
                position += 1
            }
        }
        guard value.isFinite else {
            throw EvalError(
                "number too large: it is beyond what a double can hold (about 1.8e308)",
                span: SourceSpan(start: start, end: position))
        }
        var percent = false
        if position < bytes.count && bytes[position] == UInt8(ascii: "%") {
            percent = true
            value /= 100
            position += 1
        }
        if position < bytes.count && isIdentifierStart(bytes[position]) {
            var end = position
            while end < bytes.count && isIdentifierPart(bytes[end]) { end += 1 }
            let word = String(decoding: bytes[position..<end], as: UTF8.self)
            if Unit.Atom(word: word) == nil && !["per", "to", "in", "and", "or", "then", "else"].contains(word) {
                throw EvalError(
                    "unknown number suffix `\(word)`", span: SourceSpan(start: position, end: end),
                    hint: "scale suffixes are k, M and B (`2.3M`); put a space before a unit (`5 min`)")
            }
        }
        return Token(.number(value, percent: percent), SourceSpan(start: start, end: position))
    }

    /// A month literal `YYYY-MM` (four digits, `-`, two digits, glued).
    ///
    /// It is one token, so `2025-06` is a date, not a subtraction (write `2025 - 6` for that). A day (`2025-06-15`) or a month past 12 is an error.
    private mutating func monthLiteral(start: Int) throws(EvalError) -> Token? {
        let end = start + 7
        guard end <= bytes.count, bytes[start + 4] == UInt8(ascii: "-"),
            (0..<4).allSatisfy({ isDigit(bytes[start + $0]) }), isDigit(bytes[start + 5]), isDigit(bytes[start + 6])
        else { return nil }
        if end < bytes.count && (isDigit(bytes[end]) || isIdentifierPart(bytes[end]) || bytes[end] == UInt8(ascii: "."))
        {
            return nil
        }
        let text = bytes
        let digit = { (offset: Int) -> Int in Int(text[start + offset] - 48) }
        let year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3)
        let month = digit(5) * 10 + digit(6)
        let span = SourceSpan(start: start, end: end)
        if end + 2 < bytes.count && bytes[end] == UInt8(ascii: "-") && isDigit(bytes[end + 1])
            && isDigit(bytes[end + 2])
        {
            throw EvalError(
                "dates are months (`\(Timeline.label(year * 12 + max(0, min(11, month - 1))))`), not days",
                kind: .syntax, span: SourceSpan(start: start, end: end + 3))
        }
        guard month >= 1 && month <= 12 else {
            throw EvalError(
                "no month \(month) in a year: a month literal is `YYYY-MM` with MM from 01 to 12", kind: .syntax,
                span: span)
        }
        position = end
        return Token(.date(year * 12 + month - 1), span)
    }

    /// 10⁰ … 10²² (each exact in a double), written out so the table is static data, not built at first use.
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ]

    private mutating func string(start: Int) throws(EvalError) -> Token {
        position = try Self.decodeString(bytes, from: start).end
        return Token(.string, SourceSpan(start: start, end: position))
    }

    /// The string literal that starts (at its `"`) at `start`: its unescaped text and where it ends.
    static func decodeString(_ bytes: [UInt8], from start: Int) throws(EvalError) -> (text: String, end: Int) {
        var position = start + 1
        var text: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return (String(decoding: text, as: UTF8.self), position)
            }
            if byte == UInt8(ascii: "\n") { break }
            if byte == UInt8(ascii: "\\") {
                try escape(bytes, at: &position, into: &text)
                continue
            } else {
                text.append(byte)
            }
            position += 1
        }
        throw EvalError("unterminated string", span: SourceSpan(start: start, end: position))
    }

    /// Reads one escape after a backslash (at `position`) in a string.
    ///
    /// The escapes are `\\`, `\"`, `\n`, `\t` and `\u{1F600}` (1 to 6 hex digits naming a Unicode
    /// scalar). Any other is an error, never dropped silently (`"\u001b"` is not `u001b`).
    private static func escape(
        _ bytes: [UInt8], at position: inout Int, into text: inout [UInt8]
    ) throws(EvalError) {
        let start = position
        position += 1
        let hint = "escapes in a string are \\\\ \\\" \\n \\t and \\u{…} (`\\u{1B}`); write \\\\ for a backslash"
        guard position < bytes.count, bytes[position] != 10 else {
            throw EvalError(
                "a `\\` at the end of a line in a string", span: SourceSpan(start: start, end: position), hint: hint)
        }
        let escaped = bytes[position]
        position += 1
        switch escaped {
        case UInt8(ascii: "\\"), UInt8(ascii: "\""): text.append(escaped)
        case UInt8(ascii: "n"): text.append(10)
        case UInt8(ascii: "t"): text.append(9)
        case UInt8(ascii: "u"):
            var value: UInt32 = 0
            var digits = 0
            if position < bytes.count && bytes[position] == UInt8(ascii: "{") {
                position += 1
                while position < bytes.count, digits < 7, let digit = hexValue(bytes[position]) {
                    value = value * 16 + digit
                    digits += 1
                    position += 1
                }
            }
            guard digits >= 1, digits <= 6, position < bytes.count, bytes[position] == UInt8(ascii: "}"),
                let scalar = Unicode.Scalar(value)
            else {
                throw EvalError(
                    "a `\\u` escape needs 1 to 6 hex digits of a Unicode scalar in braces, as in `\\u{1B}`",
                    span: SourceSpan(start: start, end: min(position + 1, bytes.count)), hint: hint)
            }
            position += 1
            text.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
            var end = position
            while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
            let char = String(decoding: bytes[(start + 1)..<end], as: UTF8.self)
            throw EvalError(
                "unknown escape `\\\(char)` in a string", span: SourceSpan(start: start, end: end), hint: hint)
        }
    }

    private mutating func skipBlanks() {
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == 13 {
                position += 1
            } else if byte == UInt8(ascii: "\\") && position + 1 < bytes.count && bytes[position + 1] == 10 {
                position += 2
            } else {
                return
            }
        }
    }

    private func lineEnd(from offset: Int) -> Int {
        var end = offset
        while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
        return end
    }

    private func continues(_ token: Token) -> Bool {
        switch token.kind {
        case .symbol(let symbol):
            switch symbol {
            case .rightParen, .rightBrace, .percent, .dot: return false
            default: return true
            }
        case .keyword(let word):
            switch word {
            case .per, .to, .and, .or, .not, .then, .else, .when, .if, .in: return true
            default: return false
            }
        default: return false
        }
    }

    /// `text` without the blanks at either end (and a `\r` at the end).
    static func trimmed(_ text: String) -> String {
        var scalars = Substring(text)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" || last == "\r" { scalars.removeLast() }
        return String(scalars)
    }
}

@inline(__always) private func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

private func hexValue(_ byte: UInt8) -> UInt32? {
    switch byte {
    case 48...57: return UInt32(byte - 48)
    case 65...70: return UInt32(byte - 55)
    case 97...102: return UInt32(byte - 87)
    default: return nil
    }
}

@inline(__always) private func isIdentifierStart(_ byte: UInt8) -> Bool {
    (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == 95
}

@inline(__always) private func isIdentifierPart(_ byte: UInt8) -> Bool { isIdentifierStart(byte) || isDigit(byte) }
