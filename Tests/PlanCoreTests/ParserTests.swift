import PlanCore
import Testing

/// Parses one expression, or fails the test.
private func parse(_ text: String) throws -> Expr {
    try Parser.parseExpression(SourceFile(name: "t", text: text))
}

/// Evaluates a closed expression (no cells) with the core built-ins.
func evaluate(_ text: String) throws -> Value {
    var resolver = Resolver(NameTable(builtins: .core))
    let code = resolver.lower(try parse(text))
    return try Interpreter.evaluate(code, in: NoNames())
}

/// No cells and no user functions to read.
struct NoNames: CodeContext {
    func value(ofSlot slot: Int) -> Value? { nil }
    func function(ofSlot slot: Int) -> CompiledFunction? { nil }
}

@Suite("Parser")
struct ParserTests {
    @Test("operator chains are flat and keep spans")
    func chainSpans() throws {
        let expr = try parse("a + b * c - d")
        guard case .chain(let first, let links) = expr.kind else {
            Issue.record("expected a chain")
            return
        }
        #expect(links.count == 2)
        #expect(links.map(\.op) == [.add, .subtract])
        guard case .name("a") = first.kind else {
            Issue.record("expected a")
            return
        }
        #expect(expr.span == SourceSpan(start: 0, end: 13))
        #expect(links[0].rhs.span == SourceSpan(start: 4, end: 9))
    }

    @Test("a long flat sum parses and evaluates without deep recursion")
    func longSum() throws {
        let text = Array(repeating: "1", count: 50_000).joined(separator: "+")
        #expect(try evaluate(text) == .plain(50_000))
    }

    @Test("nesting past the limit is an error with a location, not a crash")
    func nestingLimit() {
        let text = String(repeating: "(", count: 5_000) + "1" + String(repeating: ")", count: 5_000)
        #expect(throws: EvalError.self) { try parse(text) }
    }

    @Test("repeated unary minus folds", arguments: [(1, -1.0), (2, 1.0), (200_001, -1.0)])
    func unaryMinus(count: Int, expected: Double) throws {
        #expect(try evaluate(String(repeating: "-", count: count) + "1") == .plain(expected))
    }

    @Test(
        "precedence",
        arguments: [
            ("2 + 3 * 4", 14.0), ("-2 ^ 2", -4), ("2 ^ 3 ^ 2", 512), ("10 - 4 - 3", 3), ("7 per 2", 3.5),
            ("if 1 < 2 then 5 else 6", 5), ("2.5k", 2_500), ("1_000", 1_000), ("1e-3", 0.001), ("25%", 0.25),
        ])
    func precedence(text: String, expected: Double) throws {
        guard case .number(let value, _) = try evaluate(text) else {
            Issue.record("not a number")
            return
        }
        #expect(abs(value - expected) < 1e-12)
    }

    @Test("statements are recognised with their names")
    func statements() throws {
        let file = SourceFile(
            name: "t", text: "## doc\nx = 1\nf(a, b) = a + b\nm.k = 2\nprint x, \"t\"\nwatch x\n:show\n")
        let statements = try Parser.parseAll(file)
        #expect(statements.count == 6)
        guard case .define("x", _, _) = statements[0].kind else {
            Issue.record("define")
            return
        }
        #expect(statements[0].doc == ["doc"])
        guard case .defineFunction("f", _, let params, _) = statements[1].kind else {
            Issue.record("function")
            return
        }
        #expect(params == ["a", "b"])
        guard case .command(":show") = statements[5].kind else {
            Issue.record("command")
            return
        }
    }
}

@Suite("Units and values")
struct UnitTests {
    @Test("every atom has a stored exponent lane and a value stays 24 bytes")
    func unitLayout() {
        // `Unit` stores 15 exponent lanes (lane 15 of `exponents` is always zero); a 16th atom needs a wider store.
        #expect(Unit.Atom.count <= 15)
        for atom in Unit.Atom.allCases { #expect(Unit.atom(atom).exponents[atom.rawValue] == 1) }
        #expect(MemoryLayout<Unit>.size <= 16)
        #expect(MemoryLayout<Value>.stride <= 32)
    }

    @Test(
        "display keeps the units written",
        arguments: [
            ("2080 h per year * (1 - 30%) * 85%", "1237.6 h/year"),
            ("$62k per year in $/month", "$5166.67/month"),
            ("$62k per year / (2080 h per year)", "$29.81/h"),
            ("250k per month * 4 min", "22.82"),
            ("120k per month * 40%", "48k/month"),
            ("2/3 in %", "66.67%"),
            ("$39.88M per year", "$39.88M/year"),
            ("-$3", "-$3"),
            ("5 min in s", "300 s"),
            ("3000 * 10%", "300"),
            ("84% * 50%", "42%"),
            ("30% / 2", "15%"),
            ("2e-13", "0"),
        ])
    func display(text: String, expected: String) throws {
        #expect(try evaluate(text).display == expected)
    }

    @Test("dimension clashes are errors", arguments: ["$5 + 3 min", "1 min < $2", "true + 1", "2 min in $"])
    func clashes(text: String) {
        #expect(throws: EvalError.self) { try evaluate(text) }
    }

    @Test("non-finite results are errors", arguments: ["1 / 0", "0 / 0", "exp(1000)", "ln(0)", "sqrt(-1)"])
    func nonFinite(text: String) {
        #expect(throws: EvalError.self) { try evaluate(text) }
    }

    @Test("near: relative with %, absolute otherwise")
    func near() throws {
        #expect(try evaluate("near($100, $104, 5%)") == .bool(true))
        #expect(try evaluate("near($100, $106, 5%)") == .bool(false))
        #expect(try evaluate("near(10 min, 10 min + 1 s, 2 s)") == .bool(true))
        #expect(try evaluate("near(0.25, 0.2500000001, 1e-9)") == .bool(true))
    }

    @Test("records: elementwise, broadcast, key checks")
    func records() throws {
        #expect(try evaluate("sum({a: 1, b: 2} * 2)") == .plain(6))
        #expect(try evaluate("({a: 1, b: 2} + {b: 10, a: 20}).a") == .plain(21))
        #expect(throws: EvalError.self) { try evaluate("{a: 1} + {b: 1}") }
    }

    @Test("a range takes its mean")
    func ranges() throws {
        guard case .number(let mean, _) = try evaluate("80k to 120k") else {
            Issue.record("not a number")
            return
        }
        #expect(abs(mean - 98_727) / 98_727 < 1e-4)
    }

    @Test("did you mean", arguments: [("handel_time", ["handle_time", "x"], "handle_time"), ("zzz", ["abc"], nil)])
    func suggestion(name: String, candidates: [String], expected: String?) {
        #expect(Suggestion.closest(to: name, among: candidates) == expected)
    }

    @Test(
        "number formatting",
        arguments: [
            (98_727.0, "98.73k"), (2_308_000, "2.308M"), (1_237.6, "1237.6"), (0.000012345, "1.235e-05"), (3, "3"),
        ])
    func formatting(value: Double, expected: String) {
        #expect(NumberFormat.human(value) == expected)
    }
}
