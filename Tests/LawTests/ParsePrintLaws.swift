import Foundation
import PlanCore
import PropertyBased
import Testing

/// Random expression text over the whole grammar, typed or not: the parser does not check units, so any
/// shape it accepts must print and read back.
private struct SyntaxBuilder {
    var rng: Xoshiro

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }

    mutating func pick(_ items: [String]) -> String { items.randomElement(using: &rng) ?? "x" }

    mutating func atom() -> String {
        switch int(0...5) {
        case 0: return pick(["a", "x", "mix", "contacts", "tickets", "h", "min", "year", "pt", "r_2", "FTE"])
        case 1:
            return pick([
                "0", "1", "42", "2.5", "1_000", "1e-3", "3.7e+12", "1e300", "0.1", "2.3M", "55k", "7B", "0.07",
            ])
        case 2:
            return pick([
                "25%", "7%", "0.57%", "$5", "$0.99", "$55k", "$5 h", "11 min", "3 pt", "8 min", "0.7 min", "25% min",
                "120k contacts", "2 FTE", "4 agents", "$1.20 per ticket", "60k tickets per month", "1e-300 min",
            ])
        case 3: return pick(["2025-06", "2024-01", "1999-12", "0001-01"])
        case 4: return pick(["true", "false", "\"text\"", #""with \"quotes\" and \\ slash""#, #""tab\tnew\nline""#])
        default: return pick(["month", "f()", "near(a, b, 1%)"])
        }
    }

    mutating func unit() -> String {
        pick([
            "$", "%", "h", "$/year", "per month", "$ per h", "h^2", "(h * ticket)^2", "1/month", "tickets/month", "pt",
            "h * %", "per h * %", "$^-1", "min^9 * min^9", "(1 / h)^3", "contacts / FTE",
        ])
    }

    mutating func expression(_ depth: Int) -> String {
        if depth <= 0 { return atom() }
        let a = expression(depth - 1)
        switch int(0...17) {
        case 0: return "-" + a
        case 1: return "- -" + a
        case 2: return "not " + a
        case 3: return "not not " + a
        case 4, 5: return a + " " + pick(["+", "-", "*", "/", "per", "and", "or"]) + " " + expression(depth - 1)
        case 6: return a + " " + pick(["<", "<=", ">", ">=", "==", "!="]) + " " + expression(depth - 1)
        case 7: return a + " to " + expression(depth - 1)
        case 8: return a + "^" + expression(depth - 1)
        case 9: return pick(["f", "max", "ramp", "g"]) + "(" + a + ", " + expression(depth - 1) + ")"
        case 10: return a + "." + pick(["routine", "a", "complex"])
        case 11: return "{a: " + a + ", b: " + expression(depth - 1) + "}"
        case 12: return "if " + a + " then " + expression(depth - 1) + " else " + expression(depth - 1)
        case 13: return a + " in " + unit()
        default: return "(" + a + ")"
        }
    }
}

/// Every expression of a statement (formulas, conditions, printed items, alert details).
private func expressions(of statement: Statement) -> [Expr] {
    switch statement.kind {
    case .define(_, _, let expr), .defineField(_, _, _, _, let expr), .defineFunction(_, _, _, let expr),
        .show(let expr), .assert(let expr, _):
        return [expr]
    case .alert(_, let expr): return [expr] + statement.alertDetails.map(\.expr)
    case .print(let items): return items
    default: return []
    }
}

/// Checks that `expr` prints as text that parses back to the same tree, and prints the same again.
private func roundTrip(_ expr: Expr) -> String? {
    let printed = expr.description
    let again: Expr
    do {
        again = try Parser.parseExpression(SourceFile(name: nil, text: printed))
    } catch {
        return "printed as `\(printed)`, which does not parse: \(error.message)"
    }
    if !again.hasSameTree(as: expr) { return "printed as `\(printed)`, which reads back as `\(again.description)`" }
    if again.description != printed { return "printed as `\(printed)`, then as `\(again.description)`" }
    return nil
}

@Suite("Law: printing a parsed expression and parsing it again gives the same tree")
struct ParsePrintLaws {
    @Test("over random text of the whole grammar")
    func generatedSyntax() {
        let texts = Generator<String, Shrink.None<String>> { rng in
            var builder = SyntaxBuilder(rng: Xoshiro(seed: (rng.next(), rng.next(), rng.next(), rng.next())))
            return builder.expression(builder.int(1...5))
        }
        let parsed = Counter()
        LawRunner.check("print ∘ parse", count: 400, inputs: texts) { text in
            guard let expr = try? Parser.parseExpression(SourceFile(name: nil, text: text)) else { return nil }
            parsed.count += 1
            return roundTrip(expr)
        }
        // Most generated text must parse, or the law tests little.
        #expect(LawRunner.onlyCase != nil || parsed.count * 3 >= LawRunner.cases(400))
    }

    @Test("over the formulas of generated plans")
    func generatedPlans() {
        let plans = PlanBuilder.plans(sizes: 5...25, standard: [])
        LawRunner.check("print ∘ parse on plans", count: 150, plans: plans) { plan in
            for text in plan.statements {
                guard let statements = try? Parser.parseAll(SourceFile(name: nil, text: text)) else { continue }
                for expr in statements.flatMap(expressions) {
                    if let failure = roundTrip(expr) { return failure }
                }
            }
            return nil
        }
    }

    @Test("over every formula of the presets and the language scripts")
    func corpus() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        var checked = 0
        for folder in ["Presets", "Tests/Scripts", "Tests/Fuzz/Crashers"] {
            let base = root.appendingPathComponent(folder).path
            let paths = FileManager.default.enumerator(atPath: base)?.compactMap { $0 as? String } ?? []
            for path in paths.sorted() where path.hasSuffix(".plan") {
                let text = try String(contentsOfFile: base + "/" + path, encoding: .utf8)
                let file = SourceFile(name: path, text: text)
                var parser = Parser(file)
                // Statement by statement up to the first syntax error (a few scripts end in one on purpose).
                while let statement = try? parser.nextStatement() {
                    for expr in expressions(of: statement) {
                        checked += 1
                        let failure = roundTrip(expr)
                        #expect(failure == nil, "\(folder)/\(path): `\(file.text(of: expr.span))` \(failure ?? "")")
                    }
                }
            }
        }
        #expect(checked > 1_000)
    }
}

/// A count the law's closure can bump (the runner takes a non-escaping closure).
private final class Counter {
    var count = 0
}
