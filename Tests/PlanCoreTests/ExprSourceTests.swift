import PlanCore
import Testing

/// Parses one expression, or fails the test.
private func parse(_ text: String) throws -> Expr {
    try Parser.parseExpression(SourceFile(name: "t", text: text))
}

@Suite("Expressions printed as source")
struct ExprSourceTests {
    @Test(
        "each form prints as expected and reads back to the same tree",
        arguments: [
            // Brackets only where the grammar needs them: the parser keeps none.
            ("a + b * c - d", "a + b * c - d"),
            ("(a + b) * c", "(a + b) * c"),
            ("a - (b - c)", "a - (b - c)"),
            ("((a - b)) - c", "(a - b) - c"),
            ("-(-x)", "-(-x)"),
            ("--x", "x"),
            ("---x", "-x"),
            ("-2^2", "-2.0^2.0"),
            ("(-2)^2", "(-2.0)^2.0"),
            ("2^3^2", "2.0^3.0^2.0"),
            ("(2^3)^2", "(2.0^3.0)^2.0"),
            ("2^-1", "2.0^-1.0"),
            ("not not a", "not (not a)"),
            ("not (not (not a))", "not (not (not a))"),
            ("not a < b and c or d", "not a < b and c or d"),
            ("(a or b) and c", "(a or b) and c"),
            ("a to b + 1", "a to b + 1.0"),
            ("(a to b) * 2", "(a to b) * 2.0"),
            ("(a < b) == true", "(a < b) == true"),
            // Conversions: an `if` before `in` needs brackets, since its `else` would take the `in`.
            ("x in h in min", "x in h in min"),
            ("(if c then a else b) in h", "(if c then a else b) in h"),
            ("if c then a else b in h", "if c then a else b in h"),
            ("(x in h) + 1 h", "(x in h) + 1.0 h"),
            ("f(x in $/year, if a then b else c)", "f(x in $ / year, if a then b else c)"),
            ("x in $ per h", "x in $ / h"),
            ("x in per month", "x in 1 / month"),
            ("x in %", "x in %"),
            ("x in h^2 / ticket", "x in h^2 / ticket"),
            ("1 + (if a then 1 else 2) * 3", "1.0 + (if a then 1.0 else 2.0) * 3.0"),
            // Literals with units read back bit for bit.
            ("$55k per year", "$55000.0 / year"),
            ("25%", "25.0%"),
            ("7%", "7.0%"),
            ("$1.20 per ticket", "$1.2 / 1.0 ticket"),
            ("11 min", "11.0 min"),
            ("2.3M per month", "2300000.0 / month"),
            ("$5 h", "$5.0 h"),
            ("3 pt", "3.0 pt"),
            ("2025-06", "2025-06"),
            ("1e-3", "0.001"),
            ("1e300", "1e+300"),
            // Fields, records, calls, strings.
            ("{a: 1, b: x.c}.b", "{a: 1.0, b: x.c}.b"),
            ("(2025-06).a", "(2025-06).a"),
            ("r.a.b", "r.a.b"),
            ("f()", "f()"),
            (#""say \"hi\" \\ there""#, #""say \"hi\" \\ there""#),
        ])
    func printsAndReadsBack(source: String, printed: String) throws {
        let expr = try parse(source)
        #expect(expr.description == printed)
        let again = try parse(expr.description)
        #expect(again.hasSameTree(as: expr), "\(source) → \(expr.description) → \(again.description)")
    }

    @Test("trees that differ only in grouping or a number's last bit are told apart")
    func differences() throws {
        #expect(!(try parse("a - (b - c)")).hasSameTree(as: try parse("a - b - c")))
        #expect(!(try parse("-(-x)")).hasSameTree(as: try parse("x")))
        #expect(!(try parse("0.1 + 0.2")).hasSameTree(as: try parse("0.1 + 0.20000000000000004")))
        #expect(!(try parse("x in h")).hasSameTree(as: try parse("x in min")))
        #expect(!(try parse("{a: 1}")).hasSameTree(as: try parse("{b: 1}")))
        #expect((try parse("(a + b)")).hasSameTree(as: try parse("a + b")))
    }

    @Test("numbers whose literal needs a neighbour of the quotient still read back exactly")
    func awkwardNumbers() throws {
        // Scaling by 60, 0.01 or 100 rounds: the printer searches the neighbours of value / scale.
        for text in ["0.7 min", "0.29 pt", "0.57%", "1e-300 min", "123456789.123456789 year", "$0.3 h", "2.3M"] {
            let expr = try parse(text)
            let again = try parse(expr.description)
            #expect(again.hasSameTree(as: expr), "\(text) → \(expr.description)")
        }
    }
}
