import PlanCore
import Testing

/// Issue #13 part 6: control characters and bidi overrides are shown, never sent raw.
@Suite("Terminal text")
struct TerminalTextTests {
    @Test("ESC, BEL, NUL, CR, DEL, C1 and bidi controls become visible escapes; line feed and tab stay")
    func neutralised() {
        let raw = "A\u{1B}]0;pwned\u{07}B\u{0}\r\u{7F}\u{9B}\u{202E}\u{2066}\n\tok é €"
        let shown = TerminalText.neutralized(raw)
        #expect(shown == "A\\u{1B}]0;pwned\\u{7}B\\u{0}\\u{D}\\u{7F}\\u{9B}\\u{202E}\\u{2066}\n\tok é €")
        #expect(!shown.unicodeScalars.contains { TerminalText.needsEscape($0) })
    }

    @Test("plain text comes back unchanged")
    func plain() {
        #expect(TerminalText.neutralized("savings  $39.9M/year → $43.4M/year") == "savings  $39.9M/year → $43.4M/year")
    }

    @Test("the caret stays under the offending character after an escape widens the line")
    func caret() throws {
        let text = "x = \"\u{1B}\u{7}\" @ 1"
        let file = SourceFile(name: nil, text: text)
        let at = try #require(text.utf8.firstIndex(of: UInt8(ascii: "@")))
        let offset = text.utf8.distance(from: text.utf8.startIndex, to: at)
        let rendered = Diagnostic(.error, "bad", file: file, span: SourceSpan(start: offset, end: offset + 1))
            .rendered()
        let lines = rendered.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        let excerpt = Array(lines[1])
        let caret = try #require(lines[2].firstIndex(of: "^"))
        let column = lines[2].distance(from: lines[2].startIndex, to: caret)
        #expect(excerpt[column] == "@", "\(lines)")
    }
}

/// Issue #13 part 6: string escapes and the unit growth limit on division by a unit word.
@Suite("Lexer strings and unit growth")
struct StringEscapeTests {
    /// The string token of `"…"` source, or the error.
    private func string(_ source: String) -> Result<String, EvalError> {
        let file = SourceFile(name: nil, text: source)
        var lexer = Lexer(file)
        do throws(EvalError) {
            let token = try lexer.next()
            if case .string = token.kind { return .success(token.value(in: file)) }
            return .failure(EvalError("not a string"))
        } catch {
            return .failure(error)
        }
    }

    @Test(
        "escapes: \\\\ \\\" \\n \\t \\u{…}",
        arguments: [
            (#""a\\b""#, "a\\b"), (#""say \"hi\"""#, "say \"hi\""), (#""1\n2""#, "1\n2"), (#""a\tb""#, "a\tb"),
            (#""\u{1B}[0m""#, "\u{1B}[0m"), (#""\u{1F600}""#, "\u{1F600}"), (#""\u{e9}""#, "é"),
        ])
    func escapes(source: String, expected: String) {
        #expect((try? string(source).get()) == expected)
    }

    @Test(
        "any other escape is an error, never dropped",
        arguments: [#""\x1b""#, #""\u001b""#, #""\u{}""#, #""\u{110000}""#, #""\u{D800}""#, "\"\\", #""\q""#])
    func rejected(source: String) {
        guard case .failure(let error) = string(source) else {
            Issue.record("\(source) was accepted")
            return
        }
        #expect(error.message.contains("escape") || error.message.contains("`\\`"))
    }

    @Test("dividing by a unit word cannot wrap the 8-bit exponents (256 divisions were a plain number)")
    func growth() throws {
        let fine = try evaluate("1 s" + String(repeating: " / s", count: 17))
        #expect(fine.display.contains("s^16"), "\(fine.display)")
        for count in [18, 256, 1_000] {
            do {
                let value = try evaluate("1 s" + String(repeating: " / s", count: count))
                Issue.record("\(count) divisions gave \(value.display)")
            } catch let error as EvalError {
                #expect(error.kind == .limit)
            }
        }
    }
}

/// #11: the message and hint of a diagnostic wrap at the width; a long source line is cut around the caret.
@Suite("Diagnostic width")
struct DiagnosticWidthTests {
    private let message =
        "unknown command `:explian` (did you mean `:explain`?); `:help` lists the commands and what they do"

    @Test("the message wraps at blanks, continuation lines indented by four; the hint by two more than itself")
    func wraps() {
        let file = SourceFile(name: "a.plan", text: ":explian savings")
        let hint = "a hint that is long enough to need a second line when the terminal is sixty columns wide"
        let text = Diagnostic(.error, message, file: file, span: SourceSpan(start: 0, end: 8), hint: hint)
            .rendered(width: 60)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(lines.allSatisfy { $0.count <= 60 }, "\(lines)")
        #expect(lines[0].hasPrefix("a.plan:1:1: error: unknown command"))
        #expect(lines[1].hasPrefix("    ") && !lines[1].hasPrefix("     "))
        #expect(lines.contains("  :explian savings"))
        #expect(lines.contains("  ^~~~~~~~"))
        #expect(lines.contains { $0.hasPrefix("  a hint") })
        #expect(lines.last?.hasPrefix("    ") == true)
        // Every word is still there, in order.
        let words = lines.filter { !$0.contains("^") && $0 != "  :explian savings" }.joined(separator: " ")
            .split(separator: " ").map(String.init)
        #expect(words == ("a.plan:1:1: error: " + message + " " + hint).split(separator: " ").map(String.init))
    }

    @Test("without a width (a pipe, a file) a message stays on one line: the compiler convention, for tools")
    func piped() {
        let file = SourceFile(name: "a.plan", text: ":explian savings")
        let text = Diagnostic(.error, message, file: file, span: SourceSpan(start: 0, end: 8)).rendered()
        #expect(text == "a.plan:1:1: error: " + message + "\n  :explian savings\n  ^~~~~~~~\n")
    }

    @Test("a message that fits is one line, as before")
    func fits() {
        let text = Diagnostic(.error, "short").rendered(width: 80)
        #expect(text == "error: short\n")
    }

    @Test("a source line wider than the width is cut around the caret, which stays under the mistake")
    func longLine() throws {
        let head = "total = " + (1...40).map { "cell_\($0)" }.joined(separator: " + ") + " + "
        let line = head + "oops + " + (1...20).map { "more_\($0)" }.joined(separator: " + ")
        let file = SourceFile(name: nil, text: line + "\nx = 1")
        let offset = head.utf8.count
        let text = Diagnostic(
            .error, "unknown name `oops`", file: file, span: SourceSpan(start: offset, end: offset + 4)
        )
        .rendered(width: 80)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(lines)")
        let excerpt = Array(lines[1])
        let caret = try #require(Array(lines[2]).firstIndex(of: "^"))
        try #require(caret + 4 <= excerpt.count)
        #expect(String(excerpt[caret..<(caret + 4)]) == "oops")
        #expect(lines[2].hasSuffix("^~~~"))
        #expect(lines[1].hasPrefix("  … ") && lines[1].hasSuffix(" …"))
    }

    @Test("a word wider than the line (a path) gets a line of its own, whole; a short code span is not split")
    func longWord() {
        let path = "/" + String(repeating: "x", count: 50) + ".plan"
        let text = Diagnostic(.error, "cannot read \(path): no such file").rendered(width: 40)
        #expect(text == "error: cannot read\n    \(path):\n    no such file\n")
        let code = Diagnostic(.error, "`aht` needs a time like `5 min`, not a plain number 5").rendered(width: 30)
        #expect(code == "error: `aht` needs a time like\n    `5 min`, not a plain\n    number 5\n")
    }

    @Test("a hint of several lines keeps each line's own indent")
    func hintLines() {
        let hint = "skipped:\n    line 3: bad date \"2024-02-30\"\n    line 6: wrong number of fields"
        let text = Diagnostic(.error, "no usable row", hint: hint).rendered(width: 80)
        #expect(
            text
                == "error: no usable row\n  skipped:\n    line 3: bad date \"2024-02-30\"\n    line 6: wrong number of fields\n"
        )
    }
}
