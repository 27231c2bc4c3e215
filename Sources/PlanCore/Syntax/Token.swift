/// A token of the language.
public struct Token: Sendable, Equatable {
    /// What kind of token this is.
    public enum Kind: Sendable, Equatable {
        /// A number literal; `percent` when written with `%`.
        case number(Double, percent: Bool)
        /// A month literal (`2025-06`): the month's number, year × 12 + month − 1 (see `Timeline`).
        case date(Int)
        /// `$` (money literal prefix, or the money unit in an `in` clause).
        case dollar
        /// A name.
        case identifier(String)
        /// A reserved word.
        case keyword(Keyword)
        /// A string literal, unescaped.
        case string(String)
        /// `##` documentation text (without the `##`).
        case doc(String)
        /// A `:command` line, raw text from the colon to the end of the line.
        case command(String)
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
    public init(_ kind: Kind, _ span: SourceSpan) {
        self.kind = kind
        self.span = span
    }

    /// The identifier text, if this is an identifier.
    public var identifier: String? {
        if case .identifier(let name) = kind { return name }
        return nil
    }

    /// True if this is the given symbol.
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

    /// A short description for error messages.
    public var description: String {
        switch kind {
        case .number: return "a number"
        case .date(let month): return "the month \(Timeline.label(month))"
        case .dollar: return "`$`"
        case .identifier(let name): return "`\(name)`"
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

    /// The keyword spelled by `bytes[start..<end]`, if any (no string is built).
    @inline(__always)
    static func match(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Keyword? {
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
