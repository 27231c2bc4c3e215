/// A token of the language.
///
/// A token is a plain value (no strings, no references), so the parser copies and compares it for free:
/// the text of a name, a string, a `##` line or a command is read from the source file when the parser
/// needs it (`identifier(in:)`, `value(in:)`), not built for every token the lexer makes.
public struct Token: Sendable, Equatable {
    /// What kind of token this is.
    public enum Kind: Sendable, Equatable {
        /// A number literal; `percent` when written with `%`.
        case number(Double, percent: Bool)
        /// A month literal (`2025-06`): the month's number, year × 12 + month − 1 (see `Timeline`).
        case date(Int)
        /// `$` (money literal prefix, or the money unit in an `in` clause).
        case dollar
        /// A name (its text: `identifier(in:)`).
        case identifier
        /// A reserved word.
        case keyword(Keyword)
        /// A string literal (its unescaped text: `value(in:)`).
        case string
        /// `##` documentation text (without the `##`: `value(in:)`).
        case doc
        /// A `:command` line, raw text from the colon to the end of the line (`value(in:)`).
        case command
        /// An operator or punctuation mark.
        case symbol(Symbol)
        /// The end of a statement (a newline or `;`).
        case newline
        /// The end of the input.
        case end
    }

    /// Operators and punctuation.
    public enum Symbol: String, Sendable, Equatable {
        case plus = "+"
        case minus = "-"
        case star = "*"
        case slash = "/"
        case caret = "^"
        case leftParen = "("
        case rightParen = ")"
        case leftBrace = "{"
        case rightBrace = "}"
        case comma = ","
        case colon = ":"
        case dot = "."
        case assign = "="
        case equal = "=="
        case notEqual = "!="
        case less = "<"
        case lessEqual = "<="
        case greater = ">"
        case greaterEqual = ">="
        case percent = "%"
    }

    /// The kind.
    public var kind: Kind
    /// Where it is.
    public var span: SourceSpan

    /// Creates a token.
    @inline(__always)
    public init(_ kind: Kind, _ span: SourceSpan) {
        self.kind = kind
        self.span = span
    }

    /// True if this is a name.
    @inline(__always)
    public var isIdentifier: Bool {
        if case .identifier = kind { return true }
        return false
    }

    /// The name, if this is an identifier of `file` (the file the token was read from).
    public func identifier(in file: SourceFile) -> String? {
        guard case .identifier = kind else { return nil }
        return String(decoding: file.bytes[span.start..<span.end], as: UTF8.self)
    }

    /// True if this is the identifier `word` (no string is built).
    public func isWord(_ word: StaticString, in file: SourceFile) -> Bool {
        guard case .identifier = kind, span.end - span.start == word.utf8CodeUnitCount else { return false }
        return word.withUTF8Buffer { buffer in
            file.bytes.withUnsafeBufferPointer { bytes in
                for index in 0..<buffer.count where buffer[index] != bytes[span.start + index] { return false }
                return true
            }
        }
    }

    /// The text a string (unescaped), `##` (trimmed, without the `##`) or command (trimmed) token stands
    /// for; the identifier's name for an identifier; the source text otherwise.
    public func value(in file: SourceFile) -> String {
        switch kind {
        case .string:
            // The lexer checked the escapes when it made the token, so decoding again cannot fail.
            return (try? Lexer.decodeString(file.bytes, from: span.start).text) ?? ""
        case .doc: return Lexer.trimmed(file.text(of: SourceSpan(start: span.start + 2, end: span.end)))
        case .command: return Lexer.trimmed(file.text(of: span))
        default: return file.text(of: span)
        }
    }

    /// True if this is the given symbol.
    @inline(__always)
    public func isSymbol(_ symbol: Symbol) -> Bool {
        if case .symbol(let own) = kind { return own == symbol }
        return false
    }

    /// True if this is the given keyword.
    @inline(__always)
    public func isKeyword(_ word: Keyword) -> Bool {
        if case .keyword(let own) = kind { return own == word }
        return false
    }

    /// A short description for error messages (`file`: the file the token was read from).
    public func description(in file: SourceFile) -> String {
        switch kind {
        case .number: return "a number"
        case .date(let month): return "the month \(Timeline.label(month))"
        case .dollar: return "`$`"
        case .identifier: return "`\(file.text(of: span))`"
        case .keyword(let word): return "`\(word.rawValue)`"
        case .string: return "a string"
        case .doc: return "a `##` comment"
        case .command: return "a command"
        case .symbol(let symbol): return "`\(symbol.rawValue)`"
        case .newline: return "the end of the line"
        case .end: return "the end of the input"
        }
    }
}

/// The reserved words of the language.
public enum Keyword: String, Sendable, CaseIterable {
    case per, to, `in`, `if`, then, `else`, and, or, not, `true`, `false`, print, assert, alert, when, watch, use,
        delete

    /// The keyword spelled by `name`, if any (no hashing: a name is checked at every definition).
    static func match(_ name: String) -> Keyword? {
        var name = name
        return name.withUTF8 { match($0, 0, $0.count) }
    }

    /// The keyword spelled by `bytes[start..<end]`, if any (no string is built).
    @inline(__always)
    static func match<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, _ start: Int, _ end: Int) -> Keyword?
    where Bytes.Index == Int {
        let length = end - start
        guard length >= 2 && length <= 6 else { return nil }
        func equals(_ word: StaticString) -> Bool {
            guard word.utf8CodeUnitCount == length else { return false }
            return word.withUTF8Buffer { buffer in
                for index in 0..<length where buffer[index] != bytes[start + index] { return false }
                return true
            }
        }
        switch bytes[start] {
        case UInt8(ascii: "p"): return equals("per") ? .per : equals("print") ? .print : nil
        case UInt8(ascii: "t"): return equals("to") ? .to : equals("then") ? .then : equals("true") ? .true : nil
        case UInt8(ascii: "i"): return equals("in") ? .in : equals("if") ? .if : nil
        case UInt8(ascii: "e"): return equals("else") ? .else : nil
        case UInt8(ascii: "a"):
            return equals("and") ? .and : equals("assert") ? .assert : equals("alert") ? .alert : nil
        case UInt8(ascii: "o"): return equals("or") ? .or : nil
        case UInt8(ascii: "n"): return equals("not") ? .not : nil
        case UInt8(ascii: "f"): return equals("false") ? .false : nil
        case UInt8(ascii: "w"): return equals("when") ? .when : equals("watch") ? .watch : nil
        case UInt8(ascii: "u"): return equals("use") ? .use : nil
        case UInt8(ascii: "d"): return equals("delete") ? .delete : nil
        default: return nil
        }
    }
}
