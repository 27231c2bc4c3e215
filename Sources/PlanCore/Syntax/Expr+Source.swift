/// Writing an expression back as source text that parses to the same tree (spans aside).
///
/// `Parser.parseExpression(SourceFile(name: nil, text: expr.description))` gives a tree with the same kinds,
/// names, operators and bit-identical numbers as `expr` (`hasSameTree(as:)`), for every tree the parser
/// produces; the laws in `Tests/LawTests` check it over generated expressions and every formula of the presets
/// and scripts. Brackets are written only where the grammar needs them (the parser keeps none: `(a)` is `a`),
/// so `a - (b - c)` and `(a - b) - c` stay apart, as do `-(-x)` and `x`.
///
/// Numbers are written with the shortest decimal that reads back to the same double through the unit the
/// literal had (`25%`, `$1.2 h`, `8 min`, `2025-06`); a number with a unit no literal can have (the parser makes
/// none) is written as a product of literals, which reads back to the same value but not the same tree.
extension Expr: CustomStringConvertible {
    /// The expression as source text.
    public var description: String {
        var out = ""
        Self.write(self, into: &out, atLeast: .conversion)
        return out
    }

    /// True when both trees have the same shape, names, operators and bit-identical numbers; spans are not
    /// compared (a printed and parsed again expression has its own).
    public func hasSameTree(as other: Expr) -> Bool {
        if let (a, linksA) = chainParts {
            guard let (b, linksB) = other.chainParts, a.hasSameTree(as: b), linksA.count == linksB.count else {
                return false
            }
            return zip(linksA, linksB).allSatisfy { $0.op == $1.op && $0.rhs.hasSameTree(as: $1.rhs) }
        }
        switch (kind, other.kind) {
        case (.number(let a, let unitA), .number(let b, let unitB)):
            return a.bitPattern == b.bitPattern && unitA == unitB
        case (.bool(let a), .bool(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.name(let a), .name(let b)): return a == b
        case (.negate(let a), .negate(let b)), (.not(let a), .not(let b)): return a.hasSameTree(as: b)
        case (.power(let a, let exponentA), .power(let b, let exponentB)),
            (.interval(let a, let exponentA), .interval(let b, let exponentB)):
            return a.hasSameTree(as: b) && exponentA.hasSameTree(as: exponentB)
        case (.call(let nameA, _, let argsA), .call(let nameB, _, let argsB)):
            return nameA == nameB && argsA.count == argsB.count
                && zip(argsA, argsB).allSatisfy { $0.hasSameTree(as: $1) }
        case (.field(let a, let fieldA, _), .field(let b, let fieldB, _)):
            return fieldA == fieldB && a.hasSameTree(as: b)
        case (.record(let entriesA), .record(let entriesB)):
            return entriesA.count == entriesB.count
                && zip(entriesA, entriesB).allSatisfy { $0.key == $1.key && $0.value.hasSameTree(as: $1.value) }
        case (.conditional(let c, let a, let b), .conditional(let d, let e, let f)):
            return c.hasSameTree(as: d) && a.hasSameTree(as: e) && b.hasSameTree(as: f)
        case (.convert(let a, let unitA, _), .convert(let b, let unitB, _)):
            return unitA == unitB && a.hasSameTree(as: b)
        default: return false
        }
    }
}

/// The grammar's precedence levels, lowest first (see `Parser`): a node written where a higher level is
/// expected needs brackets.
private enum Level: Int, Comparable {
    case conversion, conditional, disjunction, conjunction, negation, comparison, interval, additive
    case multiplicative, unary, power, postfix, primary

    static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension Expr {
    /// The level the parser produces this node at.
    private var level: Level {
        switch kind {
        case .convert: return .conversion
        case .conditional: return .conditional
        case .not: return .negation
        case .interval: return .interval
        case .negate: return .unary
        case .power: return .power
        case .field: return .postfix
        case .number, .bool, .string, .name, .call, .record: return .primary
        case .chain(_, let links): return Self.level(of: links.first?.op)
        case .binary(_, let link): return Self.level(of: link.op)
        }
    }

    /// The level of a chain whose operators are `op`'s.
    private static func level(of op: BinaryOp?) -> Level {
        switch op {
        case .or?: return .disjunction
        case .and?: return .conjunction
        case .equal?, .notEqual?, .less?, .lessEqual?, .greater?, .greaterEqual?: return .comparison
        case .add?, .subtract?: return .additive
        case .multiply?, .divide?, .power?: return .multiplicative
        case nil: return .primary
        }
    }

    /// Writes `expr` where the grammar expects `minimum` or above, in brackets when it is below.
    private static func write(_ expr: Expr, into out: inout String, atLeast minimum: Level) {
        // An `if` takes everything after its `else` (`if c then a else b in h` converts `b`), so it is bracketed
        // wherever something may follow it; the callers that write it last pass `.conversion`.
        let bracketed = expr.level < minimum
        if bracketed { out += "(" }
        writeBare(expr, into: &out)
        if bracketed { out += ")" }
    }

    private static func writeBare(_ expr: Expr, into out: inout String) {
        switch expr.kind {
        case .number(let value, let unit): out += numberLiteral(value, unit)
        case .bool(let flag): out += flag ? "true" : "false"
        case .string(let text): out += stringLiteral(text)
        case .name(let name): out += name
        case .negate(let operand):
            out += "-"
            write(operand, into: &out, atLeast: .power)
        case .not(let operand):
            out += "not "
            write(operand, into: &out, atLeast: .comparison)
        case .chain, .binary:
            guard let (first, links) = expr.chainParts else { return }
            let operandLevel = Level(rawValue: expr.level.rawValue + 1) ?? .primary
            write(first, into: &out, atLeast: operandLevel)
            for link in links {
                out += " " + link.op.rawValue + " "
                write(link.rhs, into: &out, atLeast: operandLevel)
            }
        case .power(let base, let exponent):
            write(base, into: &out, atLeast: .postfix)
            out += "^"
            write(exponent, into: &out, atLeast: .unary)
        case .call(let name, _, let args):
            out += name + "("
            for (index, arg) in args.enumerated() {
                if index > 0 { out += ", " }
                write(arg, into: &out, atLeast: .conversion)
            }
            out += ")"
        case .field(let base, let field, _):
            // A number before `.` is bracketed: `2025-06.a` would not read as a month.
            if case .number = base.kind {
                out += "("
                writeBare(base, into: &out)
                out += ")"
            } else {
                write(base, into: &out, atLeast: .postfix)
            }
            out += "." + field
        case .record(let entries):
            out += "{"
            for (index, entry) in entries.enumerated() {
                if index > 0 { out += ", " }
                out += entry.key + ": "
                write(entry.value, into: &out, atLeast: .conversion)
            }
            out += "}"
        case .conditional(let condition, let yes, let no):
            out += "if "
            write(condition, into: &out, atLeast: .conversion)
            out += " then "
            write(yes, into: &out, atLeast: .conversion)
            out += " else "
            write(no, into: &out, atLeast: .conversion)
        case .convert(let operand, let unit, _):
            // `x in h in min` nests to the left; any other operand is a `conditional` that is not an `if`.
            if case .convert = operand.kind {
                writeBare(operand, into: &out)
            } else {
                write(operand, into: &out, atLeast: .disjunction)
            }
            out += " in " + unitText(unit)
        case .interval(let low, let high):
            write(low, into: &out, atLeast: .additive)
            out += " to "
            write(high, into: &out, atLeast: .additive)
        }
    }

    /// A number literal that reads back to `value` in `unit` (see the type's doc comment).
    private static func numberLiteral(_ value: Double, _ unit: Unit) -> String {
        if unit.isDate, let month = Timeline.monthNumber(value), month >= 0, month < 120_000 {
            return Timeline.label(month)
        }
        if unit.isPlain {
            guard unit.percent else { return decimal(value) }
            // The lexer divides a percentage by 100.
            if let shown = preimage(of: value, near: value * 100, { $0 / 100 }) { return decimal(shown) + "%" }
            return decimal(value) + " * 100%"
        }
        var atoms: [Unit.Atom] = []
        for atom in Unit.Atom.allCases where unit.exponents[atom.rawValue] != 0 { atoms.append(atom) }
        let money = unit.exponents[Unit.Atom.dollar.rawValue]
        let words = atoms.filter { $0 != .dollar }
        let literal = money == 1 && words.count <= 1 || money == 0 && words.count == 1
        guard literal, !unit.percent, !unit.isDate, words.allSatisfy({ unit.exponents[$0.rawValue] == 1 }) else {
            return product(value, unit)
        }
        let scale = words.first?.scale ?? 1
        let shown = preimage(of: value, near: value / scale, { $0 * scale }) ?? value / scale
        var text = (money == 1 ? "$" : "") + decimal(shown)
        if let word = words.first { text += " " + word.symbol }
        return text
    }

    /// A number in a unit no literal has, as a product of literals (`(2.0 * $1 * 1 h / 1 month)`): the same value,
    /// not the same tree.
    private static func product(_ value: Double, _ unit: Unit) -> String {
        var text = "(" + decimal(value / unit.scale)
        for atom in Unit.Atom.allCases {
            let exponent = Int(unit.exponents[atom.rawValue])
            let factor = atom == .dollar ? "$1" : "1 " + atom.symbol
            for _ in 0..<abs(exponent) { text += (exponent > 0 ? " * " : " / ") + factor }
        }
        return text + (unit.percent ? " * 100%)" : ")")
    }

    /// A double `x` near `guess` whose `apply(x)` is exactly `value` (the lexer's arithmetic on a literal): of
    /// those within 32 steps, the one with the shortest decimal (`7%` is 0.07, and 0.07 × 100 is 7.000000000000001).
    private static func preimage(of value: Double, near guess: Double, _ apply: (Double) -> Double) -> Double? {
        var best: Double?
        var candidate = guess
        for _ in 0..<32 { candidate = candidate.nextDown }
        for _ in 0..<65 {
            if candidate.isFinite && candidate >= 0 && apply(candidate).bitPattern == value.bitPattern {
                if best.map({ decimal(candidate).count < decimal($0).count }) ?? true { best = candidate }
            }
            candidate = candidate.nextUp
        }
        return best
    }

    /// The shortest decimal that reads back to the same double (`5.0`, `0.25`, `1e-05`, `1.5e+20`).
    private static func decimal(_ value: Double) -> String {
        if value.isNaN { return "(0 / 0)" }
        if value.isInfinite { return value < 0 ? "(-1e999)" : "1e999" }
        return value.description
    }

    /// A string literal: `"` and `\` escaped, line breaks and tabs as `\n` and `\t` (what the lexer reads).
    private static func stringLiteral(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A unit as an `in` clause reads it: atoms with their powers (at most 9 a factor), then each
    /// denominator after `/`, then `%` (a division drops the percent flag, so it comes last).
    private static func unitText(_ unit: Unit) -> String {
        var numerator: [String] = []
        var denominator: [String] = []
        for atom in Unit.Atom.allCases {
            let exponent = Int(unit.exponents[atom.rawValue])
            let word = atom == .dollar ? "$" : atom.symbol
            var left = abs(exponent)
            while left > 0 {
                let power = min(9, left)
                let factor = power == 1 ? word : word + "^" + String(power)
                if exponent > 0 { numerator.append(factor) } else { denominator.append(factor) }
                left -= power
            }
        }
        if numerator.isEmpty && denominator.isEmpty { return unit.percent ? "%" : "1" }
        var text = numerator.isEmpty ? "1" : numerator.joined(separator: " * ")
        for factor in denominator { text += " / " + factor }
        if unit.percent { text += " * %" }
        return text
    }
}
