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
        var lexer = Lexer(SourceFile(name: nil, text: source))
        do throws(EvalError) {
            if case .string(let text) = try lexer.next().kind { return .success(text) }
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
